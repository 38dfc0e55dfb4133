// `describe-resource-properties`: the resolved properties cfnlocal recorded for each resource of a
// stack, the values its provider was last called with (read-only). AWS has no single verb for
// this (Cloud Control's GetResource answers per resource, with the live model); cfnlocal's change
// sets promise AfterValues, and this is where a user or a script checks what a deploy recorded.
#include "cli/commands.h"
#include "cli/verb_support.h"

#include "state/store.h"

#include <fmt/format.h>
#include <iostream>
#include <set>

namespace cfnlocal::cli {

namespace {

// NoEcho parameter values are masked wherever they appear, as describe-stacks masks them.
Json masked(const Json &value, const std::set<std::string> &secrets) {
  if (value.is_string())
    return secrets.count(value.get<std::string>()) ? Json("****") : value;
  if (value.is_array()) {
    Json out = Json::array();
    for (const auto &v : value)
      out.push_back(masked(v, secrets));
    return out;
  }
  if (value.is_object()) {
    Json out = Json::object();
    for (auto it = value.begin(); it != value.end(); ++it)
      out[it.key()] = masked(it.value(), secrets);
    return out;
  }
  return value;
}

void add_resource_properties(CLI::App &app, GlobalOptions &global, int &exit_code) {
  auto stack_name = std::make_shared<std::string>();
  auto logical_id = std::make_shared<std::string>();
  auto *cmd = app.add_subcommand("describe-resource-properties",
                                 "The resolved properties recorded for a stack's resources");
  add_global_options(*cmd, global);
  cmd->add_option("--stack-name", *stack_name, "Stack name or id")->required();
  cmd->add_option("--logical-resource-id", *logical_id, "Only this resource");
  cmd->callback([stack_name, logical_id, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      state::Store store(global.state_path);
      auto stack = require_stack(store, *stack_name);
      std::set<std::string> secrets;
      for (const auto &p : stack.parameters)
        if (p.no_echo && !p.value.empty())
          secrets.insert(p.value);
      Json list = Json::array();
      for (const auto &r : store.current_resources(stack.stack_id)) {
        if (!logical_id->empty() && r.logical_id != *logical_id)
          continue;
        Json j = {{"LogicalResourceId", r.logical_id},
                  {"ResourceType", r.type},
                  {"ResourceStatus", r.status},
                  {"Properties",
                   r.properties.is_null() ? Json::object() : masked(r.properties, secrets)}};
        if (!r.physical_id.empty())
          j["PhysicalResourceId"] = r.physical_id;
        list.push_back(j);
      }
      if (!logical_id->empty() && list.empty())
        throw Error(
            fmt::format("Resource {} does not exist for stack {}", *logical_id, *stack_name));
      if (global.output == "json")
        print_json({{"Resources", list}});
      else
        for (const auto &j : list)
          std::cout << fmt::format("{}  {}\n  {}\n", j["LogicalResourceId"].get<std::string>(),
                                   j.value("PhysicalResourceId", ""), j["Properties"].dump());
      return kExitOk;
    });
  });
}

const CommandRegistration registration("b-stacks-properties", add_resource_properties);

} // namespace

} // namespace cfnlocal::cli
