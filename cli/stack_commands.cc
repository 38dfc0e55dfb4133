// The stack verbs of `aws cloudformation`: deploy, delete-stack, describe-stacks,
// describe-stack-events, describe-stack-resources, list-stacks, get-template, list-exports.
#include "cli/commands.h"
#include "cli/parameters.h"
#include "cli/verb_support.h"

#include "engine/describe.h"
#include "engine/engine.h"
#include "parser/diagnostic.h"
#include "parser/json.h"
#include "state/store.h"

#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace cfnlocal::cli {

namespace {

struct DeployArgs {
  engine::DeployOptions options;
  std::vector<std::string> overrides;
  std::string parameters_file;
  std::vector<std::string> tags;
  bool wait_for_signals = false;
};

void add_deploy(CLI::App &app, GlobalOptions &global, int &exit_code) {
  auto args = std::make_shared<DeployArgs>();
  auto *cmd = app.add_subcommand("deploy", "Create or update a stack (aws cloudformation deploy)");
  add_global_options(*cmd, global);
  cmd->add_option("--stack-name", args->options.stack_name, "Stack name")->required();
  cmd->add_option("--template-file", args->options.template_file, "Template (YAML or JSON)")
      ->required();
  cmd->add_option("--parameter-overrides", args->overrides, "Parameter values as Key=Value");
  cmd->add_option("--parameters", args->parameters_file,
                  "JSON file [{\"ParameterKey\":..,\"ParameterValue\":..}]");
  cmd->add_option("--capabilities", args->options.capabilities,
                  "CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND");
  cmd->add_option("--tags", args->tags, "Stack tags as Key=Value");
  cmd->add_option("--notification-arns", args->options.notification_arns, "SNS topic ARNs");
  cmd->add_flag("--disable-rollback", args->options.disable_rollback,
                "Keep what was created when the operation fails");
  cmd->add_flag("--fail-on-empty-changeset", args->options.fail_on_empty_changeset,
                "Exit 1 when there is nothing to change");
  cmd->add_flag("--no-execute-changeset", args->options.no_execute_changeset,
                "Create the change set and stop (review it with describe-change-set)");
  cmd->add_option("--change-set-name", args->options.change_set_name, "Name of the change set");
  cmd->add_option("--max-concurrency", args->options.max_concurrency,
                  "Most resource handlers running at once (0: no limit)");
  add_wait_for_signals_flag(*cmd, args->wait_for_signals);
  cmd->callback([args, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      auto values = parse_parameters(args->overrides, args->parameters_file);
      args->options.parameter_overrides.insert(values.begin(), values.end());
      for (const auto &[k, v] : parse_key_values(args->tags, "--tags"))
        args->options.tags[k] = v;
      auto config = engine_config(global);
      config.wait_for_signals = args->wait_for_signals;
      engine::Engine engine(config);
      auto reporter = make_reporter(global);
      auto result = engine.deploy(args->options, *reporter);
      report_result(global, result);
      return result.succeeded ? kExitOk : kExitFailed;
    });
  });
}

void add_delete(CLI::App &app, GlobalOptions &global, int &exit_code) {
  auto options = std::make_shared<engine::DeleteOptions>();
  auto *cmd = app.add_subcommand("delete-stack", "Delete a stack and its resources");
  add_global_options(*cmd, global);
  cmd->add_option("--stack-name", options->stack_name, "Stack name or id")->required();
  cmd->add_option("--retain-resources", options->retain_resources,
                  "Logical IDs to keep (stacks in DELETE_FAILED)");
  cmd->callback([options, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      engine::Engine engine(engine_config(global));
      auto reporter = make_reporter(global);
      auto result = engine.delete_stack(*options, *reporter);
      if (!result.succeeded)
        std::cerr << "cfnlocal: " << result.message << "\n";
      return result.succeeded ? kExitOk : kExitFailed;
    });
  });
}

void add_readers(CLI::App &app, GlobalOptions &global, int &exit_code) {
  auto stack_name = std::make_shared<std::string>();
  auto *describe = app.add_subcommand("describe-stacks", "Describe one stack or all live stacks");
  add_global_options(*describe, global);
  describe->add_option("--stack-name", *stack_name, "Stack name or id");
  describe->callback([stack_name, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      state::Store store(global.state_path);
      std::vector<state::StackRecord> stacks;
      if (stack_name->empty())
        stacks = store.list_stacks(false);
      else
        stacks.push_back(require_stack(store, *stack_name));
      Json j = engine::describe_stacks_json(stacks);
      if (global.output == "json") {
        print_json(j);
      } else {
        for (const auto &s : stacks) {
          std::cout << fmt::format("{}  {}  {}\n", s.name, s.status, s.stack_id);
          for (const auto &o : s.outputs)
            std::cout << fmt::format("  {} = {}{}\n", o.key, o.value,
                                     o.export_name.empty() ? ""
                                                           : "  (export " + o.export_name + ")");
        }
      }
      return kExitOk;
    });
  });

  auto events_stack = std::make_shared<std::string>();
  auto *events = app.add_subcommand("describe-stack-events", "A stack's events, newest first");
  add_global_options(*events, global);
  events->add_option("--stack-name", *events_stack, "Stack name or id")->required();
  events->callback([events_stack, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      state::Store store(global.state_path);
      auto stack = require_stack(store, *events_stack);
      auto list = store.list_events(stack.stack_id, true);
      if (global.output == "json") {
        print_json(engine::describe_stack_events_json(list));
      } else {
        for (const auto &e : list)
          std::cout << fmt::format("{}  {:<44}  {:<40}  {}{}\n", e.timestamp, e.status,
                                   e.resource_type, e.logical_id,
                                   e.status_reason.empty() ? "" : "  " + e.status_reason);
      }
      return kExitOk;
    });
  });

  auto resources_stack = std::make_shared<std::string>();
  auto *resources = app.add_subcommand("describe-stack-resources", "A stack's resources");
  add_global_options(*resources, global);
  resources->add_option("--stack-name", *resources_stack, "Stack name or id")->required();
  resources->callback([resources_stack, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      state::Store store(global.state_path);
      auto stack = require_stack(store, *resources_stack);
      auto list = store.current_resources(stack.stack_id);
      if (global.output == "json") {
        print_json(engine::describe_stack_resources_json(stack, list));
      } else {
        for (const auto &r : list)
          std::cout << fmt::format("{:<32}  {:<40}  {:<20}  {}\n", r.logical_id, r.type, r.status,
                                   r.physical_id);
      }
      return kExitOk;
    });
  });

  auto *list = app.add_subcommand("list-stacks", "Every stack, deleted ones included");
  add_global_options(*list, global);
  list->callback([&global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      state::Store store(global.state_path);
      auto stacks = store.list_stacks(true);
      if (global.output == "json")
        print_json(engine::list_stacks_json(stacks));
      else
        for (const auto &s : stacks)
          std::cout << fmt::format("{:<32}  {:<36}  {}\n", s.name, s.status, s.creation_time);
      return kExitOk;
    });
  });

  auto template_stack = std::make_shared<std::string>();
  auto stage = std::make_shared<std::string>("Original");
  auto *get_template = app.add_subcommand("get-template", "A stack's template");
  add_global_options(*get_template, global);
  get_template->add_option("--stack-name", *template_stack, "Stack name or id")->required();
  get_template->add_option("--template-stage", *stage, "Original or Processed")
      ->check(CLI::IsMember({"Original", "Processed"}));
  get_template->callback([template_stack, stage, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      state::Store store(global.state_path);
      auto stack = require_stack(store, *template_stack);
      const std::string &body =
          *stage == "Processed" ? stack.processed_template : stack.template_body;
      if (global.output == "json") {
        Json j = Json::object();
        try {
          j["TemplateBody"] = Json::parse(body);
        } catch (const Json::exception &) {
          j["TemplateBody"] = body;
        }
        j["StagesAvailable"] = {"Original", "Processed"};
        print_json(j);
      } else {
        std::cout << body << (body.ends_with("\n") ? "" : "\n");
      }
      return kExitOk;
    });
  });

  auto *exports = app.add_subcommand("list-exports", "Every exported output value");
  add_global_options(*exports, global);
  exports->callback([&global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      state::Store store(global.state_path);
      auto list = store.list_exports();
      if (global.output == "json")
        print_json(engine::list_exports_json(list));
      else
        for (const auto &e : list)
          std::cout << fmt::format("{}  {}\n", e.name, e.value);
      return kExitOk;
    });
  });
}

void add_stack_commands(CLI::App &app, GlobalOptions &global, int &exit_code) {
  add_deploy(app, global, exit_code);
  add_delete(app, global, exit_code);
  add_readers(app, global, exit_code);
}

const CommandRegistration registration("b-stacks", add_stack_commands);

} // namespace

} // namespace cfnlocal::cli
