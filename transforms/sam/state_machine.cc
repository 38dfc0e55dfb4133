#include "transforms/sam/function_parts.h"

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

struct Target {
  std::string id;
  Json arn; ///< Ref of the state machine
  Json attributes;
};

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
  Json r = Json{{"Type", "AWS::IAM::Role"}, {"Properties", props}};
  apply_passthrough(r, t.attributes);
  return r;
}

void copy(const Json &from, Json &to, std::initializer_list<const char *> names) {
  for (const char *n : names)
    if (has(from, n) && !from[n].is_null())
      to[n] = from[n];
}

Json dlq_config(Context &ctx, const std::string &event_id, const std::string &logical_id,
                const Json &dlq, const Target &t) {
  if (!dlq.is_object())
    throw InvalidEvent{event_id, "Property 'DeadLetterConfig' should be a map."};
  bool has_arn = dlq.contains("Arn"), has_type = dlq.contains("Type");
  if (has_arn && has_type)
    throw InvalidEvent{event_id,
                       "You can either define 'Arn' or 'Type' property of DeadLetterConfig."};
  if (has_arn)
    return Json{{"Arn", dlq["Arn"]}};
  if (!has_type)
    throw InvalidEvent{event_id, "No 'Arn' or 'Type' property provided for DeadLetterConfig."};
  if (dlq["Type"] != "SQS")
    throw InvalidEvent{event_id,
                       "The only valid value for 'Type' property of DeadLetterConfig is 'SQS'."};
  std::string queue_id = logical_id + "Queue";
  if (dlq.contains("QueueLogicalId")) {
    if (!dlq["QueueLogicalId"].is_string())
      throw InvalidEvent{event_id, "QueueLogicalId must be a string"};
    queue_id = dlq["QueueLogicalId"].get<std::string>();
  }
  Json q = Json{{"Type", "AWS::SQS::Queue"}, {"Properties", Json::object()}};
  apply_passthrough(q, t.attributes);
  ctx.add(queue_id, q);
  Json doc =
      Json{{"Version", "2012-10-17"},
           {"Statement",
            Json::array({Json{
                {"Action", "sqs:SendMessage"},
                {"Effect", "Allow"},
                {"Principal", Json{{"Service", "events.amazonaws.com"}}},
                {"Resource", make_getatt(queue_id, "Arn")},
                {"Condition",
                 Json{{"ArnEquals", Json{{"aws:SourceArn", make_getatt(logical_id, "Arn")}}}}}}})}};
  Json qp = Json{
      {"Type", "AWS::SQS::QueuePolicy"},
      {"Properties", Json{{"PolicyDocument", doc}, {"Queues", Json::array({make_ref(queue_id)})}}}};
  apply_passthrough(qp, t.attributes);
  ctx.add(logical_id + "QueuePolicy", qp);
  return Json{{"Arn", make_getatt(queue_id, "Arn")}};
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
        throw InvalidEvent{event_id, "State and Enabled Properties cannot both be specified."};
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
    Json target = Json{{"Arn", t.arn},
                       {"Id", logical_id + "StepFunctionsTarget"},
                       {"RoleArn", make_getatt(role_id, "Arn")}};
    if (has(props, "Target") && props["Target"].is_object() && props["Target"].contains("Id"))
      target["Id"] = props["Target"]["Id"];
    copy(props, target, {"Input", "InputPath", "InputTransformer", "RetryPolicy"});
    if (has(props, "DeadLetterConfig"))
      target["DeadLetterConfig"] =
          dlq_config(ctx, event_id, logical_id, props["DeadLetterConfig"], t);
    rule["Targets"] = Json::array({target});
    add(logical_id, Json{{"Type", "AWS::Events::Rule"}, {"Properties", rule}});
    ctx.add(role_id, start_execution_role(role_id, "events.amazonaws.com", t,
                                          role_id + "StartExecutionPolicy", nullptr));
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
    if (has(props, "DeadLetterConfig"))
      target["DeadLetterConfig"] =
          dlq_config(ctx, event_id, logical_id, props["DeadLetterConfig"], t);
    sched["Target"] = target;
    add(logical_id, Json{{"Type", "AWS::Scheduler::Schedule"}, {"Properties", sched}});
    if (!has(props, "RoleArn"))
      ctx.add(role_id, start_execution_role(role_id, "scheduler.amazonaws.com", t,
                                            logical_id + "StartExecutionPolicy",
                                            get(props, "PermissionsBoundary")));
  } else {
    throw InvalidEvent{event_id, "Type of event '" + type + "' is not supported."};
  }
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
    sm["DefinitionString"] = definition_string(props["Definition"]);
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
  Json tags = Json::array({Json{{"Key", "stateMachine:createdBy"}, {"Value", "SAM"}}});
  if (get(props, "Tags").is_object())
    for (auto it = props["Tags"].begin(); it != props["Tags"].end(); ++it)
      tags.push_back(Json{{"Key", it.key()}, {"Value", it.value()}});
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

  Target t{id, make_ref(id), attributes};
  const Json &events = get(props, "Events");
  if (events.is_object())
    for (auto it = events.begin(); it != events.end(); ++it)
      state_machine_event(ctx, t, it.key(), it.value());
}

} // namespace cfnlocal::transforms::sam
