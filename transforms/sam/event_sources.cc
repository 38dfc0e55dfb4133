#include "transforms/sam/event_sources.h"

#include <algorithm>
#include <map>

namespace cfnlocal::transforms::sam {

void EventContext::add(const std::string &id, Json resource) const {
  apply_passthrough(resource, target.attributes);
  add_generated(ctx, target.id, id, std::move(resource));
}

const Json &EventContext::required(const char *name) const {
  const Json &v = get(props, name);
  if (v.is_null())
    throw InvalidEvent{event_id, std::string("Missing required property '") + name + "'."};
  return v;
}

std::string literal_arn_prefix(const Context &ctx) { return "arn:" + ctx.partition; }

namespace {

void copy(const Json &from, Json &to, std::initializer_list<const char *> names) {
  for (const char *n : names)
    if (has(from, n) && !from[n].is_null())
      to[n] = from[n];
}

Json tags_list(const FunctionTarget &t) {
  Json out = Json::array();
  if (t.tags.is_object())
    for (auto it = t.tags.begin(); it != t.tags.end(); ++it)
      out.push_back(Json{{"Key", it.key()}, {"Value", it.value()}});
  return out;
}

void permission(EventContext &ev, const std::string &principal, const Json &source_arn,
                const Json &source_account = nullptr, const std::string &suffix = "Permission") {
  ev.add(ev.logical_id + suffix,
         lambda_permission(ev.target, principal, source_arn, source_account));
}

/// The resource an event references must have the type the event needs.
void expect_type(const Context &ctx, const std::string &id, const std::string &type) {
  const Json &actual = get(get(ctx.out, id), "Type");
  if (actual != type)
    throw InvalidResource{id, "Resource has incorrect Type; expected '" + type + "', got '" +
                                  (actual.is_string() ? actual.get<std::string>() : "") + "'"};
}

// --- push sources ---------------------------------------------------------------------------

void s3_event(EventContext &ev) {
  const Json &bucket = ev.required("Bucket");
  const Json &events = ev.required("Events");
  if (is_ref(bucket) && !bucket["Ref"].is_string())
    throw InvalidEvent{ev.event_id, "'Ref' value in S3 events is not a valid string."};
  if (!is_ref(bucket) || !ev.ctx.out.contains(bucket["Ref"].get<std::string>()))
    throw InvalidEvent{ev.event_id, "S3 events must reference an S3 bucket in the same template."};
  std::string bucket_id = bucket["Ref"].get<std::string>();
  expect_type(ev.ctx, bucket_id, "AWS::S3::Bucket");
  std::string permission_id = ev.logical_id + "Permission";
  permission(ev, "s3.amazonaws.com", nullptr, make_ref("AWS::AccountId"));

  Json &b = ev.ctx.out[bucket_id];
  if (b.contains("Properties") && !b["Properties"].is_object() && !b["Properties"].is_null())
    throw InvalidResource{bucket_id, "Properties should be a map."};
  if (!b.contains("Properties") || !b["Properties"].is_object())
    b["Properties"] = Json::object();
  const Json &condition = get(ev.target.attributes, "Condition");
  // The bucket must wait for the permission, else S3 rejects the notification configuration. A
  // conditional function's permission may not exist: a tag referencing it under the condition
  // orders the two only when it does.
  if (condition.is_null()) {
    Json depends = has(b, "DependsOn") ? b["DependsOn"] : Json::array();
    bool valid = depends.is_string() || depends.is_array();
    if (depends.is_array())
      for (const auto &d : depends)
        valid = valid && d.is_string();
    if (!valid)
      throw InvalidResource{
          ev.logical_id,
          "Invalid type for field 'DependsOn'. Expected a string or list of strings."};
    if (depends.is_string())
      depends = Json::array({depends});
    if (std::find(depends.begin(), depends.end(), Json(permission_id)) == depends.end())
      depends.push_back(permission_id);
    b["DependsOn"] = depends;
  } else {
    Json &tags = b["Properties"]["Tags"];
    if (tags.is_null())
      tags = Json::array();
    if (!tags.is_array())
      throw InvalidResource{bucket_id, "Property 'Tags' should be a list."};
    tags.push_back(Json{{"Key", "sam:ConditionalDependsOn:" + permission_id},
                        {"Value", Json{{"Fn::If", Json::array({condition, make_ref(permission_id),
                                                               "no dependency"})}}}});
  }

  // (b's members are final now: references into it stay valid.)
  Json &nc = b["Properties"]["NotificationConfiguration"];
  if (nc.is_null())
    nc = Json::object();
  if (!nc.is_object())
    throw InvalidResource{bucket_id, "Property 'NotificationConfiguration' should be a map."};
  Json &lc = nc["LambdaConfigurations"];
  if (lc.is_null())
    lc = Json::array();
  if (!lc.is_array())
    throw InvalidResource{bucket_id, "Invalid type for LambdaConfigurations. Must be a list."};
  Json list = events.is_array() ? events : Json::array({events});
  for (const auto &e : list) {
    Json cfg = Json{{"Event", e}, {"Function", ev.target.arn}};
    if (has(ev.props, "Filter"))
      cfg["Filter"] = ev.props["Filter"];
    if (!condition.is_null())
      cfg = Json{{"Fn::If", Json::array({condition, cfg, make_ref("AWS::NoValue")})}};
    // A configuration the bucket already declares is not repeated.
    if (std::none_of(lc.begin(), lc.end(), [&](const Json &c) { return same_json(c, cfg); }))
      lc.push_back(cfg);
  }
}

/// True when `topic` is a Ref to a FIFO topic of the template (its queue must be FIFO too).
bool is_fifo_topic(const Context &ctx, const Json &topic) {
  if (!is_ref(topic) || !topic["Ref"].is_string())
    return false;
  const Json *r = ctx.resource(topic["Ref"].get<std::string>());
  return r && get(*r, "Type") == "AWS::SNS::Topic" &&
         get(get(*r, "Properties"), "FifoTopic") == true;
}

void sns_event(EventContext &ev) {
  const Json &topic = ev.required("Topic");
  const Json &sqs = get(ev.props, "SqsSubscription");
  if (sqs.is_null() || (sqs.is_boolean() && !sqs.get<bool>())) {
    permission(ev, "sns.amazonaws.com", topic);
    Json props = Json{{"Endpoint", ev.target.arn}, {"Protocol", "lambda"}, {"TopicArn", topic}};
    copy(ev.props, props, {"Region", "FilterPolicy", "FilterPolicyScope", "RedrivePolicy"});
    ev.add(ev.logical_id, Json{{"Type", "AWS::SNS::Subscription"}, {"Properties", props}});
    return;
  }
  // SNS -> SQS -> Lambda: the function polls the queue, so SNS never invokes it directly.
  Json queue_arn, queue_url;
  Json batch_size = 10, enabled = true;
  std::string policy_id = ev.logical_id + "QueuePolicy";
  if (sqs.is_boolean()) {
    std::string queue_id = ev.logical_id + "Queue";
    Json queue_props = Json::object();
    if (is_fifo_topic(ev.ctx, topic))
      queue_props["FifoQueue"] = true;
    ev.add(queue_id, Json{{"Type", "AWS::SQS::Queue"}, {"Properties", queue_props}});
    queue_arn = make_getatt(queue_id, "Arn");
    queue_url = make_ref(queue_id);
  } else {
    if (!sqs.is_object() || !sqs.contains("QueueArn") || !sqs.contains("QueueUrl"))
      throw InvalidEvent{ev.event_id, "No QueueARN or QueueURL provided."};
    queue_arn = sqs["QueueArn"];
    queue_url = sqs["QueueUrl"];
    if (sqs.contains("BatchSize"))
      batch_size = sqs["BatchSize"];
    if (sqs.contains("Enabled"))
      enabled = sqs["Enabled"];
    if (get(sqs, "QueuePolicyLogicalId").is_string())
      policy_id = sqs["QueuePolicyLogicalId"].get<std::string>();
  }
  Json policy_doc = Json{
      {"Version", "2012-10-17"},
      {"Statement",
       Json::array({Json{{"Action", "sqs:SendMessage"},
                         {"Effect", "Allow"},
                         {"Principal", "*"},
                         {"Resource", queue_arn},
                         {"Condition", Json{{"ArnEquals", Json{{"aws:SourceArn", topic}}}}}}})}};
  ev.add(policy_id, Json{{"Type", "AWS::SQS::QueuePolicy"},
                         {"Properties", Json{{"PolicyDocument", policy_doc},
                                             {"Queues", Json::array({queue_url})}}}});
  Json sub = Json{{"Endpoint", queue_arn}, {"Protocol", "sqs"}, {"TopicArn", topic}};
  copy(ev.props, sub, {"Region", "FilterPolicy", "FilterPolicyScope", "RedrivePolicy"});
  ev.add(ev.logical_id, Json{{"Type", "AWS::SNS::Subscription"}, {"Properties", sub}});
  Json esm = Json{{"BatchSize", batch_size},
                  {"Enabled", enabled},
                  {"EventSourceArn", queue_arn},
                  {"FunctionName", ev.target.ref}};
  ev.add(ev.logical_id + "EventSourceMapping",
         Json{{"Type", "AWS::Lambda::EventSourceMapping"}, {"Properties", esm}});
  if (ev.target.role)
    ev.target.role->add_managed(
        aws_policy_arn(ev.ctx, "service-role/AWSLambdaSQSQueueExecutionRole"));
}

void events_rule(EventContext &ev, bool schedule) {
  Json props = Json::object();
  if (has(ev.props, "Enabled") && has(ev.props, "State"))
    throw InvalidEvent{ev.event_id, "State and Enabled Properties cannot both be specified."};
  if (schedule) {
    props["ScheduleExpression"] = ev.required("Schedule");
    copy(ev.props, props, {"Name", "Description"});
  } else {
    if (has(ev.props, "Pattern"))
      props["EventPattern"] = ev.props["Pattern"];
    copy(ev.props, props, {"EventBusName"});
    if (has(ev.props, "RuleName"))
      props["Name"] = ev.props["RuleName"];
  }
  if (has(ev.props, "Enabled")) {
    const Json &e = ev.props["Enabled"];
    props["State"] = e.is_boolean() ? Json(e.get<bool>() ? "ENABLED" : "DISABLED") : e;
  }
  copy(ev.props, props, {"State"});
  Json target = Json{{"Arn", ev.target.arn}, {"Id", rule_target_id(ev.logical_id, "LambdaTarget")}};
  if (has(ev.props, "Target") && ev.props["Target"].is_object() &&
      ev.props["Target"].contains("Id"))
    target["Id"] = ev.props["Target"]["Id"];
  copy(ev.props, target, {"Input", "InputPath", "InputTransformer", "RetryPolicy"});
  if (has(ev.props, "DeadLetterConfig"))
    target["DeadLetterConfig"] = dead_letter_target(
        ev.ctx, ev.logical_id, ev.props["DeadLetterConfig"], ev.target.attributes, false, nullptr);
  props["Targets"] = Json::array({target});
  Json rule = Json{{"Type", "AWS::Events::Rule"}, {"Properties", props}};
  ev.add(ev.logical_id, rule);
  permission(ev, "events.amazonaws.com", make_getatt(ev.logical_id, "Arn"));
}

void schedule_v2_event(EventContext &ev) {
  Json props = Json::object();
  props["ScheduleExpression"] = ev.required("ScheduleExpression");
  Json name = get(ev.props, "Name");
  bool omit_name = get(ev.props, "OmitName").is_boolean() && ev.props["OmitName"].get<bool>();
  if (!name.is_null() && omit_name)
    throw InvalidEvent{ev.logical_id, "Name cannot be set when OmitName is True"};
  if (!name.is_null())
    props["Name"] = name;
  else if (!omit_name)
    props["Name"] = ev.logical_id;
  props["FlexibleTimeWindow"] =
      has(ev.props, "FlexibleTimeWindow") ? ev.props["FlexibleTimeWindow"] : Json{{"Mode", "OFF"}};
  copy(ev.props, props,
       {"Description", "EndDate", "StartDate", "GroupName", "KmsKeyArn",
        "ScheduleExpressionTimezone", "State"});
  Json target = Json{{"Arn", ev.target.arn}};
  std::string role_id = ev.logical_id + "Role";
  if (has(ev.props, "RoleArn")) {
    target["RoleArn"] = ev.props["RoleArn"];
  } else {
    target["RoleArn"] = make_getatt(role_id, "Arn");
  }
  copy(ev.props, target, {"Input", "RetryPolicy"});
  Json dlq_arn;
  if (has(ev.props, "DeadLetterConfig"))
    target["DeadLetterConfig"] = dead_letter_target(
        ev.ctx, ev.logical_id, ev.props["DeadLetterConfig"], ev.target.attributes, true, &dlq_arn);
  props["Target"] = target;
  ev.add(ev.logical_id, Json{{"Type", "AWS::Scheduler::Schedule"}, {"Properties", props}});
  if (!has(ev.props, "RoleArn")) {
    Json statements = Json::array({Json{
        {"Action", "lambda:InvokeFunction"}, {"Effect", "Allow"}, {"Resource", ev.target.arn}}});
    Json role_props = Json{
        {"AssumeRolePolicyDocument", assume_role_policy_for("scheduler.amazonaws.com")},
        {"Policies", Json::array({Json{{"PolicyName", ev.logical_id + "LambdaPolicy"},
                                       {"PolicyDocument", Json{{"Statement", statements}}}}})}};
    if (!dlq_arn.is_null())
      role_props["Policies"].push_back(scheduler_sqs_policy(ev.logical_id, dlq_arn));
    if (has(ev.props, "PermissionsBoundary"))
      role_props["PermissionsBoundary"] = ev.props["PermissionsBoundary"];
    ev.add(role_id, Json{{"Type", "AWS::IAM::Role"}, {"Properties", role_props}});
  }
}

void cloudwatch_logs_event(EventContext &ev) {
  const Json &group = ev.required("LogGroupName");
  const Json &filter = ev.required("FilterPattern");
  Json arn = make_sub(literal_arn_prefix(ev.ctx) +
                          ":logs:${AWS::Region}:${AWS::AccountId}:log-group:${__LogGroupName__}:*",
                      Json{{"__LogGroupName__", group}});
  permission(ev, "logs.amazonaws.com", arn);
  ev.add(ev.logical_id, Json{{"Type", "AWS::Logs::SubscriptionFilter"},
                             {"DependsOn", Json::array({ev.logical_id + "Permission"})},
                             {"Properties", Json{{"DestinationArn", ev.target.arn},
                                                 {"FilterPattern", filter},
                                                 {"LogGroupName", group}}}});
}

void iot_event(EventContext &ev) {
  Json payload =
      Json{{"Actions", Json::array({Json{{"Lambda", Json{{"FunctionArn", ev.target.arn}}}}})},
           {"RuleDisabled", false},
           {"Sql", ev.required("Sql")}};
  copy(ev.props, payload, {"AwsIotSqlVersion"});
  ev.add(ev.logical_id, Json{{"Type", "AWS::IoT::TopicRule"},
                             {"Properties", Json{{"TopicRulePayload", payload}}}});
  permission(ev, "iot.amazonaws.com",
             make_sub(literal_arn_prefix(ev.ctx) +
                          ":iot:${AWS::Region}:${AWS::AccountId}:rule/${RuleName}",
                      Json{{"RuleName", make_ref(ev.logical_id)}}),
             make_sub("${AWS::AccountId}"));
}

void alexa_event(EventContext &ev) {
  Json skill = get(ev.props, "SkillId");
  ev.add(ev.logical_id + "Permission",
         lambda_permission(ev.target, "alexa-appkit.amazon.com", nullptr, nullptr, skill));
}

void cognito_event(EventContext &ev) {
  const Json &pool = ev.required("UserPool");
  const Json &trigger = ev.required("Trigger");
  if (is_ref(pool) && !pool["Ref"].is_string())
    throw InvalidEvent{ev.logical_id, "Ref in Userpool is not a string."};
  if (!is_ref(pool) || !ev.ctx.out.contains(pool["Ref"].get<std::string>()))
    throw InvalidEvent{ev.event_id,
                       "Cognito events must reference a Cognito UserPool in the same template."};
  std::string pool_id = pool["Ref"].get<std::string>();
  expect_type(ev.ctx, pool_id, "AWS::Cognito::UserPool");
  ev.add(ev.target.id + "CognitoPermission",
         lambda_permission(ev.target, "cognito-idp.amazonaws.com", make_getatt(pool_id, "Arn")));
  Json &p = ev.ctx.out[pool_id];
  if (!p.contains("Properties") || !p["Properties"].is_object())
    p["Properties"] = Json::object();
  Json &lc = p["Properties"]["LambdaConfig"];
  if (lc.is_null())
    lc = Json::object();
  if (!lc.is_object())
    throw InvalidResource{pool_id, "Property 'LambdaConfig' should be a map."};
  Json triggers = trigger.is_array() ? trigger : Json::array({trigger});
  for (const auto &t : triggers) {
    if (!t.is_string())
      throw InvalidEvent{ev.event_id, "'Trigger' must be a string or a list of strings."};
    if (lc.contains(t.get<std::string>()))
      throw InvalidEvent{ev.event_id, "Cognito trigger \"" + t.get<std::string>() +
                                          "\" defined multiple times."};
    lc[t.get<std::string>()] = ev.target.arn;
  }
}

} // namespace

bool translate_event_source(EventContext &ev, const std::string &type) {
  if (type == "S3")
    s3_event(ev);
  else if (type == "SNS")
    sns_event(ev);
  else if (translate_pull_event(ev, type))
    return true;
  else if (type == "Schedule")
    events_rule(ev, true);
  else if (type == "ScheduleV2")
    schedule_v2_event(ev);
  else if (type == "CloudWatchEvent" || type == "EventBridgeRule")
    events_rule(ev, false);
  else if (type == "CloudWatchLogs")
    cloudwatch_logs_event(ev);
  else if (type == "IoTRule")
    iot_event(ev);
  else if (type == "AlexaSkill")
    alexa_event(ev);
  else if (type == "Cognito")
    cognito_event(ev);
  else if (type == "Api")
    translate_api_event(ev);
  else if (type == "HttpApi")
    translate_http_api_event(ev);
  else
    return false;
  return true;
}

} // namespace cfnlocal::transforms::sam
