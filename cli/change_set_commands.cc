// The change set verbs: create-change-set, describe-change-set, list-change-sets,
// execute-change-set, delete-change-set (AWS CLI shapes), and `plan` (Terraform's human view).
#include "cli/commands.h"
#include "cli/parameters.h"
#include "cli/plan_view.h"
#include "cli/verb_support.h"

#include "engine/engine.h"
#include "planner/change_set.h"
#include "state/store.h"

#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace cfnlocal::cli {

namespace {

Json describe_change_set_json(const state::ChangeSetRecord &r, bool masked) {
  Json j = Json::object();
  j["Changes"] = r.changes;
  j["ChangeSetName"] = r.name;
  j["ChangeSetId"] = r.change_set_id;
  j["StackId"] = r.stack_id;
  j["StackName"] = r.stack_name;
  if (!r.description.empty())
    j["Description"] = r.description;
  Json params = Json::array();
  for (const auto &p : r.parameters)
    params.push_back(
        {{"ParameterKey", p.key}, {"ParameterValue", p.no_echo && masked ? "****" : p.value}});
  j["Parameters"] = params;
  j["CreationTime"] = r.creation_time;
  j["ExecutionStatus"] = r.execution_status;
  j["Status"] = r.status;
  if (!r.status_reason.empty())
    j["StatusReason"] = r.status_reason;
  j["NotificationARNs"] = r.extra.is_object() && r.extra.contains("notification_arns")
                              ? r.extra["notification_arns"]
                              : Json::array();
  j["RollbackConfiguration"] = Json::object();
  j["Capabilities"] = r.capabilities;
  Json tags = Json::array();
  for (const auto &t : r.tags)
    tags.push_back({{"Key", t.key}, {"Value", t.value}});
  j["Tags"] = tags;
  // Nested stacks' own changes are computed (NestedChanges inside their ResourceChange).
  bool nested = false;
  for (const auto &c : r.changes)
    nested =
        nested || (c.contains("ResourceChange") && c["ResourceChange"].contains("NestedChanges"));
  j["IncludeNestedStacks"] = nested;
  return j;
}

struct TemplateArgs {
  engine::DeployOptions options;
  std::vector<std::string> overrides;
  std::string parameters_file;
  std::vector<std::string> tags;
};

void add_template_options(CLI::App &cmd, TemplateArgs &a) {
  cmd.add_option("--stack-name", a.options.stack_name, "Stack name")->required();
  cmd.add_option("--template-file", a.options.template_file, "Template (YAML or JSON)")->required();
  cmd.add_option("--parameter-overrides", a.overrides, "Parameter values as Key=Value");
  cmd.add_option("--parameters", a.parameters_file,
                 "JSON file [{\"ParameterKey\":..,\"ParameterValue\":..}]");
  cmd.add_option("--capabilities", a.options.capabilities,
                 "CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND");
  cmd.add_option("--tags", a.tags, "Stack tags as Key=Value");
}

void finish_template_args(TemplateArgs &a) {
  auto values = parse_parameters(a.overrides, a.parameters_file);
  a.options.parameter_overrides.insert(values.begin(), values.end());
  for (const auto &[k, v] : parse_key_values(a.tags, "--tags"))
    a.options.tags[k] = v;
}

void add_change_set_commands(CLI::App &app, GlobalOptions &global, int &exit_code) {
  {
    auto a = std::make_shared<TemplateArgs>();
    auto *cmd = app.add_subcommand("create-change-set", "Compute and store a change set");
    add_global_options(*cmd, global);
    add_template_options(*cmd, *a);
    cmd->add_option("--change-set-name", a->options.change_set_name, "Change set name")->required();
    cmd->add_option("--change-set-type", a->options.change_set_type, "CREATE or UPDATE")
        ->check(CLI::IsMember({"CREATE", "UPDATE"}));
    cmd->callback([a, &global, &exit_code] {
      guarded(exit_code, [&] {
        resolve_global_options(global);
        finish_template_args(*a);
        engine::Engine engine(engine_config(global));
        auto out = engine.create_change_set(a->options);
        print_json({{"Id", out.record.change_set_id}, {"StackId", out.record.stack_id}});
        return kExitOk;
      });
    });
  }
  auto change_set = std::make_shared<std::string>();
  auto stack = std::make_shared<std::string>();
  {
    auto *cmd = app.add_subcommand("describe-change-set", "A stored change set");
    add_global_options(*cmd, global);
    cmd->add_option("--change-set-name", *change_set, "Change set name or ARN")->required();
    cmd->add_option("--stack-name", *stack, "Stack name or id (with a change set name)");
    cmd->callback([change_set, stack, &global, &exit_code] {
      guarded(exit_code, [&] {
        resolve_global_options(global);
        state::Store store(global.state_path);
        auto r = store.find_change_set(*change_set, *stack);
        if (!r)
          throw Error(fmt::format("ChangeSet [{}] does not exist", *change_set));
        if (global.output == "json")
          print_json(describe_change_set_json(*r, true));
        else
          std::cout << render_changes_text(r->changes, isatty(STDOUT_FILENO))
                    << fmt::format("\n{} {} ({}, {})\n", r->name, r->change_set_id, r->status,
                                   r->execution_status);
        return kExitOk;
      });
    });
  }
  {
    auto *cmd = app.add_subcommand("list-change-sets", "A stack's change sets");
    add_global_options(*cmd, global);
    cmd->add_option("--stack-name", *stack, "Stack name or id")->required();
    cmd->callback([stack, &global, &exit_code] {
      guarded(exit_code, [&] {
        resolve_global_options(global);
        state::Store store(global.state_path);
        auto s = require_stack(store, *stack);
        Json list = Json::array();
        for (const auto &r : store.list_change_sets(s.stack_id)) {
          Json j = {{"StackId", r.stack_id},
                    {"StackName", r.stack_name},
                    {"ChangeSetId", r.change_set_id},
                    {"ChangeSetName", r.name},
                    {"ExecutionStatus", r.execution_status},
                    {"Status", r.status},
                    {"CreationTime", r.creation_time}};
          if (!r.status_reason.empty())
            j["StatusReason"] = r.status_reason;
          list.push_back(j);
        }
        if (global.output == "json")
          print_json({{"Summaries", list}});
        else
          for (const auto &j : list)
            std::cout << fmt::format("{}  {}  {}\n", j["ChangeSetName"].get<std::string>(),
                                     j["Status"].get<std::string>(),
                                     j["ExecutionStatus"].get<std::string>());
        return kExitOk;
      });
    });
  }
  {
    auto disable_rollback = std::make_shared<bool>(false);
    auto wait_for_signals = std::make_shared<bool>(false);
    auto *cmd = app.add_subcommand("execute-change-set", "Execute a stored change set");
    add_global_options(*cmd, global);
    cmd->add_option("--change-set-name", *change_set, "Change set name or ARN")->required();
    cmd->add_option("--stack-name", *stack, "Stack name or id (with a change set name)");
    cmd->add_flag("--disable-rollback", *disable_rollback, "Keep what was done when it fails");
    add_wait_for_signals_flag(*cmd, *wait_for_signals);
    cmd->callback([change_set, stack, disable_rollback, wait_for_signals, &global, &exit_code] {
      guarded(exit_code, [&] {
        resolve_global_options(global);
        auto config = engine_config(global);
        config.wait_for_signals = *wait_for_signals;
        engine::Engine engine(config);
        auto reporter = make_reporter(global);
        auto result = engine.execute_change_set(*change_set, *stack, *disable_rollback, *reporter);
        report_result(global, result);
        return result.succeeded ? kExitOk : kExitFailed;
      });
    });
  }
  {
    auto *cmd = app.add_subcommand("delete-change-set", "Delete a stored change set");
    add_global_options(*cmd, global);
    cmd->add_option("--change-set-name", *change_set, "Change set name or ARN")->required();
    cmd->add_option("--stack-name", *stack, "Stack name or id (with a change set name)");
    cmd->callback([change_set, stack, &global, &exit_code] {
      guarded(exit_code, [&] {
        resolve_global_options(global);
        engine::Engine engine(engine_config(global));
        engine.delete_change_set(*change_set, *stack);
        return kExitOk;
      });
    });
  }
  {
    auto a = std::make_shared<TemplateArgs>();
    auto detailed = std::make_shared<bool>(false);
    auto *cmd = app.add_subcommand(
        "plan", "Preview what a deploy would add, modify, replace or remove (nothing is stored)");
    add_global_options(*cmd, global);
    add_template_options(*cmd, *a);
    cmd->add_flag("--detailed-exitcode", *detailed, "Exit 2 when there are changes, 0 when none");
    cmd->callback([a, detailed, &global, &exit_code] {
      guarded(exit_code, [&] {
        resolve_global_options(global);
        finish_template_args(*a);
        engine::Engine engine(engine_config(global));
        auto out = engine.plan(a->options);
        if (global.output == "json")
          print_json(describe_change_set_json(out.record, true));
        else
          std::cout << render_plan(out.change_set, isatty(STDOUT_FILENO));
        // --detailed-exitcode: 2 when there are changes, as `terraform plan` does.
        return *detailed && !out.change_set.empty() ? 2 : static_cast<int>(kExitOk);
      });
    });
  }
}

const CommandRegistration registration("c-change-sets", add_change_set_commands);

} // namespace

} // namespace cfnlocal::cli
