#pragma once
/// \file
/// The verbs of the `cfnlocal` command. Each verb lives in its own `<verb>_command.cc` and
/// registers itself (CommandRegistration); `main.cc` adds every registered verb.
/// Conventions (options, exit codes): ../shared/CLI.md, mirrored in README.md.

#include <CLI/CLI.hpp>
#include <map>
#include <string>
#include <vector>

namespace cfnlocal::cli {

/// Exit statuses shared by every verb (README "Exit status").
enum ExitCode : int {
  kExitOk = 0,
  kExitFailed = 1, ///< the operation failed: a stack that rolled back, an invalid document
  kExitUsage = 64, ///< unknown option, missing argument
};

/// Options every verb shares where they apply (CLI.md "Global options").
struct GlobalOptions {
  std::string state_path = ".cfnlocal/state.db";
  std::string
      region; ///< resolved: --region, else AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1
  std::string account_id = "123456789012";
  std::string output;       ///< "text" or "json"; empty until resolved (text on a terminal)
  std::string endpoint_url; ///< resolved: the --endpoint-url URL without a service prefix
  /// Every --endpoint-url as given ("URL" or "SERVICE=URL"), resolved into endpoint_url and
  /// service_endpoint_urls.
  std::vector<std::string> endpoint_url_options;
  std::map<std::string, std::string> service_endpoint_urls; ///< resolved: SERVICE -> URL
};

/// Adds the global options (--state, --region, --account-id, --output, --endpoint-url) to a verb.
void add_global_options(CLI::App &verb, GlobalOptions &global);

/// Reads region defaults from the environment (AWS_REGION, AWS_DEFAULT_REGION, then the
/// profile's region in the AWS config file), splits --endpoint-url values into the default URL
/// and per-service URLs, and picks the output format; call in each verb's callback before using
/// `global`.
void resolve_global_options(GlobalOptions &global);

/// Adds one or more verbs (subcommands) to `app`. Their callbacks set the process exit status
/// through `exit_code` and report errors on stderr as `cfnlocal: file:line:column: message`.
using CommandAdder = void (*)(CLI::App &app, GlobalOptions &global, int &exit_code);

/// Registers a verb file's adder at static-initialisation time, so a verb is one file:
///   static const cfnlocal::cli::CommandRegistration reg("transform", add_transform_command);
/// `order` is the sort key for help output.
struct CommandRegistration {
  CommandRegistration(const char *order, CommandAdder adder);
};

/// Every registered adder, sorted by order key.
std::vector<CommandAdder> registered_commands();

} // namespace cfnlocal::cli
