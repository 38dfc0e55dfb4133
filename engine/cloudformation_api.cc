#include "engine/cloudformation_api.h"

#include "engine/describe.h"
#include "services/backend.h"

#include <fmt/format.h>

namespace cfnlocal::engine {

namespace {

[[noreturn]] void validation_error(const std::string &message) {
  throw services::ServiceError("ValidationError", message, 400);
}

std::string text(const Json &input, const char *member) {
  auto it = input.find(member);
  return it != input.end() && it->is_string() ? it->get<std::string>() : std::string();
}

state::StackRecord stack_named(const state::Store &store, const std::string &name) {
  if (name.empty())
    validation_error("1 validation error detected: Value null at 'stackName' failed to satisfy "
                     "constraint: Member must not be null");
  auto stack = store.find_stack(name);
  if (!stack)
    validation_error(fmt::format("Stack with id {} does not exist", name));
  return *stack;
}

// The stack holding a resource of that physical id (DescribeStackResources by
// PhysicalResourceId alone).
state::StackRecord stack_holding(const state::Store &store, const std::string &physical_id) {
  for (const auto &stack : store.list_stacks(false))
    for (const auto &r : store.current_resources(stack.stack_id))
      if (r.physical_id == physical_id)
        return stack;
  validation_error(fmt::format("Stack for {} does not exist", physical_id));
}

Json describe_stacks(const state::Store &store, const Json &input) {
  std::string name = text(input, "StackName");
  if (name.empty())
    return describe_stacks_json(store.list_stacks(false));
  return describe_stacks_json({stack_named(store, name)});
}

Json list_stacks(const state::Store &store, const Json &input) {
  std::vector<state::StackRecord> stacks;
  Json filter = input.value("StackStatusFilter", Json::array());
  for (auto &s : store.list_stacks(true))
    if (filter.empty() || std::find(filter.begin(), filter.end(), s.status) != filter.end())
      stacks.push_back(std::move(s));
  return list_stacks_json(stacks);
}

Json describe_stack_resources(const state::Store &store, const Json &input) {
  std::string name = text(input, "StackName"), physical = text(input, "PhysicalResourceId");
  if (name.empty() && physical.empty())
    validation_error("Either StackName or PhysicalResourceId must be specified");
  auto stack = name.empty() ? stack_holding(store, physical) : stack_named(store, name);
  std::string logical = text(input, "LogicalResourceId");
  std::vector<state::ResourceRecord> chosen;
  for (auto &r : store.current_resources(stack.stack_id))
    if ((logical.empty() || r.logical_id == logical) &&
        (physical.empty() || r.physical_id == physical))
      chosen.push_back(std::move(r));
  return describe_stack_resources_json(stack, chosen);
}

state::ResourceRecord resource_named(const state::Store &store, const state::StackRecord &stack,
                                     const std::string &logical) {
  for (auto &r : store.current_resources(stack.stack_id))
    if (r.logical_id == logical)
      return std::move(r);
  validation_error(fmt::format("Resource {} does not exist for stack {}", logical, stack.name));
}

Json describe_stack_resource(const state::Store &store, const Json &input) {
  auto stack = stack_named(store, text(input, "StackName"));
  auto r = resource_named(store, stack, text(input, "LogicalResourceId"));
  Json detail = stack_resource_json(stack, r);
  detail["LastUpdatedTimestamp"] = detail["Timestamp"];
  detail.erase("Timestamp");
  if (auto m = r.definition.find("Metadata"); r.definition.is_object() && m != r.definition.end())
    detail["Metadata"] = m->dump();
  return Json{{"StackResourceDetail", detail}};
}

Json list_stack_resources(const state::Store &store, const Json &input) {
  auto stack = stack_named(store, text(input, "StackName"));
  Json summaries = Json::array();
  for (const auto &r : store.current_resources(stack.stack_id)) {
    Json full = stack_resource_json(stack, r);
    Json s = {{"LogicalResourceId", r.logical_id},
              {"ResourceType", r.type},
              {"LastUpdatedTimestamp", full["Timestamp"]},
              {"ResourceStatus", r.status},
              {"DriftInformation", {{"StackResourceDriftStatus", "NOT_CHECKED"}}}};
    if (!r.physical_id.empty())
      s["PhysicalResourceId"] = r.physical_id;
    if (!r.status_reason.empty())
      s["ResourceStatusReason"] = r.status_reason;
    summaries.push_back(s);
  }
  return Json{{"StackResourceSummaries", summaries}};
}

Json list_imports(const state::Store &store, const Json &input) {
  std::string name = text(input, "ExportName");
  Json imports = Json::array();
  for (const auto &i : store.importers_of(name))
    imports.push_back(i.importing_stack_name);
  if (imports.empty())
    validation_error(fmt::format("Export '{}' is not imported by any stack.", name));
  return Json{{"Imports", imports}};
}

Json get_template(const state::Store &store, const Json &input) {
  auto stack = stack_named(store, text(input, "StackName"));
  std::string stage = text(input, "TemplateStage");
  return Json{
      {"TemplateBody", stage == "Processed" ? stack.processed_template : stack.template_body},
      {"StagesAvailable", {"Original", "Processed"}}};
}

} // namespace

Json cloudformation_read(const state::Store &store, std::string_view operation, const Json &input) {
  if (operation == "DescribeStacks")
    return describe_stacks(store, input);
  if (operation == "ListStacks")
    return list_stacks(store, input);
  if (operation == "DescribeStackResources")
    return describe_stack_resources(store, input);
  if (operation == "DescribeStackResource")
    return describe_stack_resource(store, input);
  if (operation == "ListStackResources")
    return list_stack_resources(store, input);
  if (operation == "DescribeStackEvents")
    return describe_stack_events_json(
        store.list_events(stack_named(store, text(input, "StackName")).stack_id, true));
  if (operation == "ListExports")
    return list_exports_json(store.list_exports());
  if (operation == "ListImports")
    return list_imports(store, input);
  if (operation == "GetTemplate")
    return get_template(store, input);
  throw services::ServiceError(
      "InvalidAction",
      fmt::format("The local CloudFormation API answers DescribeStacks, ListStacks, "
                  "DescribeStackResources, DescribeStackResource, ListStackResources, "
                  "DescribeStackEvents, ListExports, ListImports and GetTemplate; {} runs "
                  "through the cfnlocal verbs (deploy, delete-stack, create-change-set, ...)",
                  operation),
      400);
}

} // namespace cfnlocal::engine
