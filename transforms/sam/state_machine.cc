#include "transforms/sam/event_sources.h"
#include "transforms/sam/function_parts.h"
#include "transforms/sam/state_machine_events.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace cfnlocal::transforms::sam {

namespace {

const std::set<std::string> &state_machine_properties() {
  static const std::set<std::string> names = {"Definition",
                                              "DefinitionUri",
                                              "DefinitionSubstitutions",
                                              "Logging",
                                              "Role",
                                              "RolePath",
                                              "Policies",
                                              "Name",
                                              "Type",
                                              "Tags",
                                              "Tracing",
                                              "Events",
                                              "PermissionsBoundary",
                                              "PropagateTags",
                                              "AutoPublishAlias",
                                              "DeploymentPreference",
                                              "UseAliasAsEventTarget"};
  return names;
}

Json definition_string(const Json &definition) {
  std::string text = python_json_indented(definition, 4);
  Json lines = Json::array();
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    lines.push_back(line);
  return Json{{"Fn::Join", Json::array({"\n", lines})}};
}

/// Replaces every intrinsic in a definition by "${definition_substitution_N}" (numbered in
/// sorted key order, as the definition is written) and records it in `substitutions`: the
/// definition becomes a string, so intrinsics can only reach it through DefinitionSubstitutions.
Json substitute_intrinsics(const Json &v, Json &substitutions, int &counter) {
  if (is_intrinsic(v)) {
    std::string name = "definition_substitution_" + std::to_string(++counter);
    substitutions[name] = v;
    return "${" + name + "}";
  }
  if (v.is_array()) {
    Json out = Json::array();
    for (const auto &x : v)
      out.push_back(substitute_intrinsics(x, substitutions, counter));
    return out;
  }
  if (v.is_object()) {
    std::vector<std::string> keys;
    for (auto it = v.begin(); it != v.end(); ++it)
      keys.push_back(it.key());
    std::sort(keys.begin(), keys.end());
    Json out = Json::object();
    for (const auto &k : keys)
      out[k] = substitute_intrinsics(v[k], substitutions, counter);
    return out;
  }
  return v;
}

using Target = StateMachineTarget;

Json start_execution_role(const std::string &role_id, const std::string &service, const Target &t,
                          const std::string &policy_name, const Json &boundary) {
  Json props = Json{
      {"AssumeRolePolicyDocument", assume_role_policy_for(service)},
      {"Policies",
       Json::array({Json{{"PolicyName", policy_name},
                         {"PolicyDocument",
                          Json{{"Statement", Json::array({Json{{"Action", "states:StartExecution"},
                                                               {"Effect", "Allow"},
                                                               {"Resource", t.arn}}})}}}}})}};
  if (!boundary.is_null())
    props["PermissionsBoundary"] = boundary;
  if (t.tags.is_array() && !t.tags.empty())
    props["Tags"] = t.tags;
  Json r = Json{{"Type", "AWS::IAM::Role"}, {"Properties", props}};
  apply_passthrough(r, t.attributes);
  return r;
}

void copy(const Json &from, Json &to, std::initializer_list<const char *> names) {
  for (const char *n : names)
    if (has(from, n) && !from[n].is_null())
      to[n] = from[n];
}

void state_machine_event(Context &ctx, const Target &t, const std::string &short_id,
                         const Json &event) {
  // The translator names state machine events by their generated logical ID in its messages.
  const std::string event_id = t.id + short_id;
  if (!event.is_object())
    throw InvalidEvent{event_id, "Event must be a map."};
  std::string type = get(event, "Type").is_string() ? event["Type"].get<std::string>() : "";
  Json props = get(event, "Properties").is_object() ? event["Properties"] : Json::object();
  std::string logical_id = event_id;
  auto add = [&](const std::string &id, Json r) {
    apply_passthrough(r, t.attributes);
    ctx.add(id, std::move(r));
  };
  if (type == "Schedule" || type == "CloudWatchEvent" || type == "EventBridgeRule") {
    Json rule = Json::object();
    if (type == "Schedule") {
      if (!has(props, "Schedule"))
        throw InvalidEvent{event_id, "Missing required property 'Schedule'."};
      rule["ScheduleExpression"] = props["Schedule"];
      if (has(props, "Enabled") && has(props, "State"))
        throw InvalidEvent{short_id, "State and Enabled Properties cannot both be specified."};
      if (has(props, "Enabled"))
        rule["State"] = props["Enabled"].is_boolean()
                            ? Json(props["Enabled"].get<bool>() ? "ENABLED" : "DISABLED")
                            : props["Enabled"];
      copy(props, rule, {"State", "Name", "Description"});
    } else {
      if (has(props, "Pattern"))
        rule["EventPattern"] = props["Pattern"];
      copy(props, rule, {"EventBusName", "State"});
      if (has(props, "RuleName"))
        rule["Name"] = props["RuleName"];
    }
    std::string role_id = logical_id + "Role";
    // Only Schedule events take an existing role; the others always get a generated one.
    bool own_role = type == "Schedule" && has(props, "RoleArn");
    Json target = Json{{"Arn", t.arn},
                       {"Id", rule_target_id(logical_id, "StepFunctionsTarget")},
                       {"RoleArn", own_role ? props["RoleArn"] : make_getatt(role_id, "Arn")}};
    if (has(props, "Target") && props["Target"].is_object() && props["Target"].contains("Id"))
      target["Id"] = props["Target"]["Id"];
    copy(props, target, {"Input", "InputPath", "InputTransformer", "RetryPolicy"});
    if (has(props, "DeadLetterConfig"))
      target["DeadLetterConfig"] = dead_letter_target(ctx, logical_id, props["DeadLetterConfig"],
                                                      t.attributes, false, nullptr);
    rule["Targets"] = Json::array({target});
    add(logical_id, Json{{"Type", "AWS::Events::Rule"}, {"Properties", rule}});
    if (!own_role)
      ctx.add(role_id, start_execution_role(role_id, "events.amazonaws.com", t,
                                            role_id + "StartExecutionPolicy", t.boundary));
  } else if (type == "ScheduleV2") {
    Json sched = Json::object();
    if (!has(props, "ScheduleExpression"))
      throw InvalidEvent{event_id, "Missing required property 'ScheduleExpression'."};
    sched["ScheduleExpression"] = props["ScheduleExpression"];
    bool omit = get(props, "OmitName") == true;
    if (has(props, "Name"))
      sched["Name"] = props["Name"];
    else if (!omit)
      sched["Name"] = logical_id;
    sched["FlexibleTimeWindow"] =
        has(props, "FlexibleTimeWindow") ? props["FlexibleTimeWindow"] : Json{{"Mode", "OFF"}};
    copy(props, sched,
         {"Description", "EndDate", "StartDate", "GroupName", "KmsKeyArn",
          "ScheduleExpressionTimezone", "State"});
    std::string role_id = logical_id + "Role";
    Json target =
        Json{{"Arn", t.arn},
             {"RoleArn", has(props, "RoleArn") ? props["RoleArn"] : make_getatt(role_id, "Arn")}};
    copy(props, target, {"Input", "RetryPolicy"});
    Json dlq_arn;
    if (has(props, "DeadLetterConfig"))
      target["DeadLetterConfig"] = dead_letter_target(ctx, logical_id, props["DeadLetterConfig"],
                                                      t.attributes, true, &dlq_arn);
    sched["Target"] = target;
    add(logical_id, Json{{"Type", "AWS::Scheduler::Schedule"}, {"Properties", sched}});
    if (!has(props, "RoleArn")) {
      Json role = start_execution_role(role_id, "scheduler.amazonaws.com", t,
                                       logical_id + "StartExecutionPolicy",
                                       get(props, "PermissionsBoundary"));
      if (!dlq_arn.is_null())
        role["Properties"]["Policies"].push_back(scheduler_sqs_policy(logical_id, dlq_arn));
      ctx.add(role_id, role);
    }
  } else if (type == "Api") {
    translate_state_machine_api_event(ctx, t, short_id, props);
  } else {
    throw InvalidEvent{event_id, "Type of event '" + type + "' is not supported."};
  }
}

/// AutoPublishAlias: a version of every revision and an alias that DeploymentPreference shifts
/// (Step Functions does the shifting itself; no CodeDeploy). With UseAliasAsEventTarget the
/// events start executions through the alias.
void add_state_machine_versioning(Context &ctx, const std::string &id, const Json &props,
                                  Target &t) {
  if (!has(props, "AutoPublishAlias")) {
    if (has(props, "DeploymentPreference"))
      throw InvalidResource{
          id, "'DeploymentPreference' requires 'AutoPublishAlias' property to be specified."};
    return;
  }
  Json name = resolve_parameter_refs(props["AutoPublishAlias"], ctx.params);
  if (!name.is_string())
    throw InvalidResource{id,
                          "'AutoPublishAlias' must be a string or a Ref to a template parameter"};
  // A retired version must outlive the stack update that replaces it, unless told otherwise.
  Json version = Json{{"Type", "AWS::StepFunctions::StateMachineVersion"}};
  apply_passthrough(version, t.attributes);
  if (!version.contains("DeletionPolicy"))
    version["DeletionPolicy"] = "Retain";
  if (!version.contains("UpdateReplacePolicy"))
    version["UpdateReplacePolicy"] = "Retain";
  version["Properties"] =
      Json{{"StateMachineArn", make_ref(id)},
           {"StateMachineRevisionId", make_getatt(id, "StateMachineRevisionId")}};
  std::string version_id = id + "Version";
  ctx.add(version_id, version);

  Json preference = has(props, "DeploymentPreference") ? props["DeploymentPreference"]
                                                       : Json{{"Type", "ALL_AT_ONCE"}};
  if (!preference.is_object())
    throw InvalidResource{id, "Property 'DeploymentPreference' should be a map."};
  preference["StateMachineVersionArn"] = make_ref(version_id);
  Json alias = Json{{"Type", "AWS::StepFunctions::StateMachineAlias"}};
  apply_passthrough(alias, t.attributes);
  alias["Properties"] = Json{{"Name", name}, {"DeploymentPreference", preference}};
  std::string alias_id = id + "Alias" + name.get<std::string>();
  ctx.add(alias_id, alias);
  if (get(props, "UseAliasAsEventTarget") == true)
    t.arn = make_ref(alias_id);
}

} // namespace

void translate_state_machine(Context &ctx, const std::string &id, const Json &resource) {
  Json props = get(resource, "Properties").is_object() ? resource["Properties"] : Json::object();
  for (auto it = props.begin(); it != props.end(); ++it)
    if (!state_machine_properties().count(it.key()))
      throw InvalidResource{id,
                            "property " + it.key() +
                                " not defined for resource of type AWS::Serverless::StateMachine"};
  Json attributes = passthrough_attributes(resource);
  Json sm = Json::object();
  bool has_def = has(props, "Definition"), has_uri = has(props, "DefinitionUri");
  if (has_def && has_uri)
    throw InvalidResource{id,
                          "Specify either 'Definition' or 'DefinitionUri' property and not both."};
  if (!has_def && !has_uri)
    throw InvalidResource{id, "Either 'Definition' or 'DefinitionUri' property must be specified."};
  if (has_def) {
    if (!props["Definition"].is_object())
      throw InvalidResource{id, "Property 'Definition' should be a map."};
    Json substitutions = Json::object();
    int counter = 0;
    Json definition = substitute_intrinsics(props["Definition"], substitutions, counter);
    sm["DefinitionString"] = definition_string(definition);
    if (!substitutions.empty()) {
      Json merged = get(props, "DefinitionSubstitutions").is_object()
                        ? props["DefinitionSubstitutions"]
                        : Json::object();
      for (auto it = substitutions.begin(); it != substitutions.end(); ++it)
        merged[it.key()] = it.value();
      props["DefinitionSubstitutions"] = merged;
    }
  } else {
    const Json &uri = props["DefinitionUri"];
    if (uri.is_string() && uri.get<std::string>().rfind("s3://", 0) != 0)
      throw InvalidResource{id, "'DefinitionUri' is not a valid S3 Uri of the form "
                                "'s3://bucket/key' with optional versionId query parameter."};
    sm["DefinitionS3Location"] = s3_location(id, "DefinitionUri", uri, "Bucket", "Key", "Version");
  }
  if (has(props, "DefinitionSubstitutions"))
    sm["DefinitionSubstitutions"] = props["DefinitionSubstitutions"];
  if (has(props, "Name"))
    sm["StateMachineName"] = props["Name"];
  if (has(props, "Type"))
    sm["StateMachineType"] = props["Type"];
  if (has(props, "Logging"))
    sm["LoggingConfiguration"] = props["Logging"];
  if (has(props, "Tracing"))
    sm["TracingConfiguration"] = props["Tracing"];
  Json user_tags = Json::array();
  if (get(props, "Tags").is_object())
    for (auto it = props["Tags"].begin(); it != props["Tags"].end(); ++it)
      user_tags.push_back(Json{{"Key", it.key()}, {"Value", it.value()}});
  // With PropagateTags the user's tags replace SAM's marker and reach every generated role.
  bool propagate = get(props, "PropagateTags") == true && !user_tags.empty();
  Json tags = Json::array();
  if (!propagate)
    tags.push_back(Json{{"Key", "stateMachine:createdBy"}, {"Value", "SAM"}});
  for (const auto &tag : user_tags)
    tags.push_back(tag);
  sm["Tags"] = tags;

  if (has(props, "Role")) {
    if (has(props, "Policies"))
      throw InvalidResource{
          id, "Specify either 'Role' or 'Policies' (but not both at the same time) or neither."};
    sm["RoleArn"] = props["Role"];
  } else {
    RoleSpec role;
    role.logical_id = id + "Role";
    role.assume_role_policy = assume_role_policy_for("states.amazonaws.com");
    add_sam_policies(ctx, id, get(props, "Policies"), role);
    if (get(props, "Tracing").is_object() && get(props["Tracing"], "Enabled") == true)
      role.add_managed(ctx.partition == "aws" ? aws_policy_arn(ctx, "AWSXrayWriteOnlyAccess")
                                              : aws_policy_arn(ctx, "AWSXRayDaemonWriteAccess"));
    role.tags = tags;
    if (has(props, "RolePath"))
      role.path = props["RolePath"];
    if (has(props, "PermissionsBoundary"))
      role.permissions_boundary = props["PermissionsBoundary"];
    role.attributes = attributes;
    Json role_resource = build_role(role);
    if (!role_resource["Properties"].contains("ManagedPolicyArns"))
      role_resource["Properties"]["ManagedPolicyArns"] = Json::array();
    ctx.add(role.logical_id, role_resource);
    sm["RoleArn"] = make_getatt(role.logical_id, "Arn");
  }
  Json r = Json{{"Type", "AWS::StepFunctions::StateMachine"}, {"Properties", sm}};
  for (const char *k : {"DependsOn", "Metadata"})
    if (has(resource, k))
      r[k] = resource[k];
  apply_passthrough(r, attributes);
  ctx.add(id, r);

  Target t{id, make_ref(id), attributes, propagate ? user_tags : Json(),
           get(props, "PermissionsBoundary")};
  add_state_machine_versioning(ctx, id, props, t);
  const Json &events = get(props, "Events");
  if (events.is_object())
    for (auto it = events.begin(); it != events.end(); ++it)
      state_machine_event(ctx, t, it.key(), it.value());
}

} // namespace cfnlocal::transforms::sam
