// `signal-resource` (aws cloudformation signal-resource): a SUCCESS or FAILURE signal for a
// resource that waits for signals (CreationPolicy, WaitCondition) in a deploy run with
// --wait-for-signals, from any other process. Like the AWS CLI it prints nothing on success.
#include "cli/commands.h"
#include "cli/verb_support.h"

#include "engine/resource_signals.h"
#include "state/store.h"

namespace cfnlocal::cli {

namespace {

struct SignalArgs {
  std::string stack_name;
  std::string logical_id;
  std::string unique_id;
  std::string status;
};

void add_signal_command(CLI::App &app, GlobalOptions &global, int &exit_code) {
  auto args = std::make_shared<SignalArgs>();
  auto *cmd = app.add_subcommand(
      "signal-resource",
      "Send a SUCCESS or FAILURE signal to a resource waiting for signals (deploy "
      "--wait-for-signals)");
  add_global_options(*cmd, global);
  cmd->add_option("--stack-name", args->stack_name, "Stack name or id")->required();
  cmd->add_option("--logical-resource-id", args->logical_id, "The resource to signal")->required();
  cmd->add_option("--unique-id", args->unique_id,
                  "Id of the signal (an instance id; each signal to one resource needs its own)")
      ->required();
  cmd->add_option("--status", args->status, "SUCCESS or FAILURE")
      ->required()
      ->check(CLI::IsMember({"SUCCESS", "FAILURE"}));
  cmd->callback([args, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      state::Store store(global.state_path);
      engine::signal_resource(store, args->stack_name, args->logical_id, args->unique_id,
                              args->status);
      return kExitOk;
    });
  });
}

const CommandRegistration registration("b-stacks-signal", add_signal_command);

} // namespace

} // namespace cfnlocal::cli
