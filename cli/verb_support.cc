#include "cli/verb_support.h"

#include "engine/describe.h"

#include <fmt/format.h>
#include <unistd.h>

namespace cfnlocal::cli {

engine::EngineConfig engine_config(const GlobalOptions &g) {
  engine::EngineConfig c;
  c.state_path = g.state_path;
  c.region = g.region;
  c.account_id = g.account_id;
  c.endpoint_url = g.endpoint_url;
  c.endpoint_urls = g.service_endpoint_urls;
  return c;
}

void add_wait_for_signals_flag(CLI::App &verb, bool &wait_for_signals) {
  verb.add_flag("--wait-for-signals", wait_for_signals,
                "Resources with a CreationPolicy and wait conditions wait for real signals "
                "(signal-resource, or a PUT to the wait condition handle URL); without it the "
                "signals count as received");
}

void print_json(const Json &j) { std::cout << j.dump(4) << "\n"; }

std::unique_ptr<engine::Reporter> make_reporter(const GlobalOptions &g) {
  if (g.output == "json")
    return std::make_unique<engine::QuietReporter>();
  return std::make_unique<engine::TerminalReporter>(stderr, isatty(STDERR_FILENO));
}

state::StackRecord require_stack(state::Store &store, const std::string &name) {
  auto stack = store.find_stack(name);
  if (!stack)
    throw Error(fmt::format("Stack with id {} does not exist", name));
  return *stack;
}

void report_result(const GlobalOptions &global, const engine::OperationResult &result) {
  if (global.output == "json" && !result.stack.stack_id.empty())
    print_json(engine::describe_stacks_json({result.stack}));
  if (result.succeeded)
    std::cerr << result.message << "\n";
  else
    std::cerr << "cfnlocal: " << result.message << "\n";
}

} // namespace cfnlocal::cli
