#pragma once
/// \file
/// What the stack and change set verbs share: engine configuration from the global options,
/// JSON printing, error reporting and exit codes, and the progress reporter for the terminal.

#include "cli/commands.h"
#include "engine/engine.h"
#include "parser/diagnostic.h"
#include "parser/json.h"
#include "state/store.h"

#include <iostream>
#include <memory>

namespace cfnlocal::cli {

engine::EngineConfig engine_config(const GlobalOptions &global);

/// Adds `--wait-for-signals` (deploy, execute-change-set): resources with a CreationPolicy and
/// wait conditions wait for signal-resource or a PUT to the handle URL.
void add_wait_for_signals_flag(CLI::App &verb, bool &wait_for_signals);

/// Prints JSON as the AWS CLI does (indented).
void print_json(const Json &json);

/// Live progress on stderr for text output; nothing for JSON output (only the final shape).
std::unique_ptr<engine::Reporter> make_reporter(const GlobalOptions &global);

/// Resolves a stack by name (live stacks) or id (any); throws AWS's ValidationError text.
state::StackRecord require_stack(state::Store &store, const std::string &name_or_id);

/// Prints a stack operation's outcome: describe-stacks' shape for JSON, the message otherwise.
void report_result(const GlobalOptions &global, const engine::OperationResult &result);

/// Runs a verb body returning its exit status; user errors become
/// `cfnlocal: file:line:column: message` on stderr and exit status 1.
template <class F> void guarded(int &exit_code, F &&body) {
  try {
    exit_code = body();
  } catch (const Error &e) {
    std::cerr << "cfnlocal: " << e.what() << "\n";
    exit_code = kExitFailed;
  } catch (const std::exception &e) {
    std::cerr << "cfnlocal: " << e.what() << "\n";
    exit_code = kExitFailed;
  }
}

} // namespace cfnlocal::cli
