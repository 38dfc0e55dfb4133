#include "engine/describe.h"

#include "engine/reporter.h"

namespace cfnlocal::engine {

namespace {
void set_if(Json &j, const char *key, const std::string &value) {
  if (!value.empty())
    j[key] = value;
}
} // namespace

Json stack_json(const state::StackRecord &s) {
  Json j = Json::object();
  j["StackId"] = s.stack_id;
  j["StackName"] = s.name;
  set_if(j, "Description", s.description);
  if (!s.parameters.empty()) {
    Json params = Json::array();
    for (const auto &p : s.parameters) {
      Json pj = {{"ParameterKey", p.key}, {"ParameterValue", p.no_echo ? "****" : p.value}};
      if (p.resolved_value && !p.no_echo)
        pj["ResolvedValue"] = *p.resolved_value;
      params.push_back(pj);
    }
    j["Parameters"] = params;
  }
  j["CreationTime"] = s.creation_time;
  set_if(j, "DeletionTime", s.deletion_time);
  set_if(j, "LastUpdatedTime", s.last_updated_time);
  j["RollbackConfiguration"] = Json::object();
  j["StackStatus"] = s.status;
  set_if(j, "StackStatusReason", s.status_reason);
  j["DisableRollback"] = s.disable_rollback;
  j["NotificationARNs"] = s.notification_arns;
  if (!s.capabilities.empty())
    j["Capabilities"] = s.capabilities;
  if (!s.outputs.empty()) {
    Json outputs = Json::array();
    for (const auto &o : s.outputs) {
      Json oj = {{"OutputKey", o.key}, {"OutputValue", o.value}};
      if (!o.description.empty())
        oj["Description"] = o.description;
      if (!o.export_name.empty())
        oj["ExportName"] = o.export_name;
      outputs.push_back(oj);
    }
    j["Outputs"] = outputs;
  }
  Json tags = Json::array();
  for (const auto &t : s.tags)
    tags.push_back({{"Key", t.key}, {"Value", t.value}});
  j["Tags"] = tags;
  j["EnableTerminationProtection"] = s.termination_protection;
  set_if(j, "ParentId", s.parent_id);
  set_if(j, "RootId", s.root_id);
  j["DriftInformation"] = {{"StackDriftStatus", "NOT_CHECKED"}};
  return j;
}

Json describe_stacks_json(const std::vector<state::StackRecord> &stacks) {
  Json list = Json::array();
  for (const auto &s : stacks)
    list.push_back(stack_json(s));
  return Json{{"Stacks", list}};
}

Json stack_resource_json(const state::StackRecord &stack, const state::ResourceRecord &r) {
  Json j = Json::object();
  j["StackName"] = stack.name;
  j["StackId"] = stack.stack_id;
  j["LogicalResourceId"] = r.logical_id;
  if (!r.physical_id.empty())
    j["PhysicalResourceId"] = r.physical_id;
  j["ResourceType"] = r.type;
  j["Timestamp"] = r.last_updated_time.empty() ? r.created_time : r.last_updated_time;
  j["ResourceStatus"] = r.status;
  set_if(j, "ResourceStatusReason", r.status_reason);
  j["DriftInformation"] = {{"StackResourceDriftStatus", "NOT_CHECKED"}};
  return j;
}

Json describe_stack_resources_json(const state::StackRecord &stack,
                                   const std::vector<state::ResourceRecord> &resources) {
  Json list = Json::array();
  for (const auto &r : resources)
    list.push_back(stack_resource_json(stack, r));
  return Json{{"StackResources", list}};
}

Json describe_stack_events_json(const std::vector<state::StackEvent> &events) {
  Json list = Json::array();
  for (const auto &e : events)
    list.push_back(event_json(e));
  return Json{{"StackEvents", list}};
}

Json list_stacks_json(const std::vector<state::StackRecord> &stacks) {
  Json list = Json::array();
  for (const auto &s : stacks) {
    Json j = {{"StackId", s.stack_id}, {"StackName", s.name}};
    set_if(j, "TemplateDescription", s.description);
    j["CreationTime"] = s.creation_time;
    set_if(j, "LastUpdatedTime", s.last_updated_time);
    set_if(j, "DeletionTime", s.deletion_time);
    j["StackStatus"] = s.status;
    set_if(j, "StackStatusReason", s.status_reason);
    j["DriftInformation"] = {{"StackDriftStatus", "NOT_CHECKED"}};
    list.push_back(j);
  }
  return Json{{"StackSummaries", list}};
}

Json list_exports_json(const std::vector<state::ExportRecord> &exports) {
  Json list = Json::array();
  for (const auto &e : exports)
    list.push_back(
        {{"ExportingStackId", e.exporting_stack_id}, {"Name", e.name}, {"Value", e.value}});
  return Json{{"Exports", list}};
}

} // namespace cfnlocal::engine
