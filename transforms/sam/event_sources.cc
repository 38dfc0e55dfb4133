#include "transforms/sam/event_sources.h"

#include <map>

namespace cfnlocal::transforms::sam {

void EventContext::add(const std::string &id, Json resource) const {
  apply_passthrough(resource, target.attributes);
  ctx.add(id, std::move(resource));
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

// --- push sources ---------------------------------------------------------------------------

void s3_event(EventContext &ev) {
  const Json &bucket = ev.required("Bucket");
  const Json &events = ev.required("Events");
  if (!is_ref(bucket) || !bucket["Ref"].is_string())
    throw InvalidEvent{
        ev.event_id, "'Bucket' must be a Ref to an AWS::S3::Bucket resource in the same template."};
  std::string bucket_id = bucket["Ref"].get<std::string>();
  if (!ev.ctx.out.contains(bucket_id) || get(ev.ctx.out[bucket_id], "Type") != "AWS::S3::Bucket")
    throw InvalidEvent{ev.event_id, "S3 events must reference an S3 bucket in the same template."};
  std::string permission_id = ev.logical_id + "Permission";
  permission(ev, "s3.amazonaws.com", nullptr, make_ref("AWS::AccountId"));

  Json &b = ev.ctx.out[bucket_id];
  // The bucket must wait for the permission, else S3 rejects the notification configuration.
  Json depends = get(b, "DependsOn");
  if (depends.is_string())
    depends = Json::array({depends});
  if (!depends.is_array())
    depends = Json::array();
  bool present = false;
  for (auto &d : depends)
    present = present || d == permission_id;
  if (!present)
    depends.push_back(permission_id);
  b["DependsOn"] = depends;

  if (!b.contains("Properties") || !b["Properties"].is_object())
    b["Properties"] = Json::object();
  Json &props = b["Properties"];
  Json &nc = props["NotificationConfiguration"];
  if (!nc.is_object())
    nc = Json::object();
  Json &lc = nc["LambdaConfigurations"];
  if (!lc.is_array())
    lc = Json::array();
  Json list = events.is_array() ? events : Json::array({events});
  for (const auto &e : list) {
    Json cfg = Json{{"Event", e}, {"Function", ev.target.arn}};
    if (has(ev.props, "Filter"))
      cfg["Filter"] = ev.props["Filter"];
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
  Json target = Json{{"Arn", ev.target.arn}, {"Id", ev.logical_id + "LambdaTarget"}};
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
  if (!is_ref(pool) || !pool["Ref"].is_string())
    throw InvalidEvent{
        ev.event_id,
        "'UserPool' must be a Ref to an AWS::Cognito::UserPool resource in the same template."};
  std::string pool_id = pool["Ref"].get<std::string>();
  if (!ev.ctx.out.contains(pool_id) || get(ev.ctx.out[pool_id], "Type") != "AWS::Cognito::UserPool")
    throw InvalidEvent{ev.event_id,
                       "Cognito events must reference a Cognito UserPool in the same template."};
  ev.add(ev.target.id + "CognitoPermission",
         lambda_permission(ev.target, "cognito-idp.amazonaws.com", make_getatt(pool_id, "Arn")));
  Json &p = ev.ctx.out[pool_id];
  if (!p.contains("Properties") || !p["Properties"].is_object())
    p["Properties"] = Json::object();
  Json &lc = p["Properties"]["LambdaConfig"];
  if (!lc.is_object())
    lc = Json::object();
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

// --- pull sources (event source mappings) ------------------------------------------------------

void destination_policy(EventContext &ev, const Json &destination_config) {
  if (!ev.target.role || !destination_config.is_object())
    return;
  const Json &on_failure = get(destination_config, "OnFailure");
  if (!on_failure.is_object())
    return;
  const Json &type = get(on_failure, "Type");
  if (type.is_null())
    return;
  const Json &dest = get(on_failure, "Destination");
  std::string t = type.is_string() ? type.get<std::string>() : "";
  Json statements;
  if (t == "SQS" || t == "SNS") {
    statements = Json::array({Json{{"Action", t == "SQS" ? "sqs:SendMessage" : "sns:publish"},
                                   {"Effect", "Allow"},
                                   {"Resource", dest}}});
  } else if (t == "S3") {
    // Lambda writes failed batches as objects and checks the bucket first.
    statements = Json::array(
        {Json{{"Action", "s3:PutObject"},
              {"Effect", "Allow"},
              {"Resource", Json{{"Fn::Join", Json::array({"/", Json::array({dest, "*"})})}}}},
         Json{{"Action", "s3:ListBucket"}, {"Effect", "Allow"}, {"Resource", dest}}});
  } else if (t == "Kafka") {
    return; // a Kafka topic is written with the cluster's own access configuration
  } else {
    throw InvalidEvent{ev.logical_id,
                       "The only valid values for 'Type' are 'SQS', 'SNS', 'S3', and 'Kafka'"};
  }
  ev.target.role->policies.push_back(Json{{"PolicyName", ev.logical_id + t + "Policy"},
                                          {"PolicyDocument", Json{{"Statement", statements}}}});
}

void event_source_mapping(EventContext &ev, const char *arn_property, const char *managed_policy) {
  Json props = Json::object();
  if (arn_property) {
    if (get(ev.props, arn_property).is_null())
      throw InvalidResource{ev.logical_id,
                            std::string("Missing required property '") + arn_property + "'."};
    props["EventSourceArn"] = ev.props[arn_property];
  }
  if ((std::string(arn_property ? arn_property : "") == "Stream") &&
      !has(ev.props, "StartingPosition") && managed_policy &&
      std::string(managed_policy) != "AWSLambdaMSKExecutionRole")
    throw InvalidResource{ev.logical_id, "Missing required property 'StartingPosition'."};
  props["FunctionName"] = ev.target.ref;
  copy(ev.props, props,
       {"BatchSize",
        "Enabled",
        "StartingPosition",
        "StartingPositionTimestamp",
        "MaximumBatchingWindowInSeconds",
        "MaximumRetryAttempts",
        "BisectBatchOnFunctionError",
        "MaximumRecordAgeInSeconds",
        "ParallelizationFactor",
        "TumblingWindowInSeconds",
        "FunctionResponseTypes",
        "FilterCriteria",
        "KmsKeyArn",
        "ScalingConfig",
        "MetricsConfig",
        "ProvisionedPollerConfig",
        "Topics",
        "Queues",
        "SourceAccessConfigurations",
        "SelfManagedEventSource",
        "DocumentDBEventSourceConfig",
        "LoggingConfig"});
  if (has(ev.props, "ConsumerGroupId"))
    props["AmazonManagedKafkaEventSourceConfig"] =
        Json{{"ConsumerGroupId", ev.props["ConsumerGroupId"]}};
  if (has(ev.props, "DestinationConfig") && !ev.props["DestinationConfig"].is_null()) {
    Json dc = ev.props["DestinationConfig"];
    destination_policy(ev, dc);
    if (dc.is_object() && dc.contains("OnFailure") && dc["OnFailure"].is_object())
      dc["OnFailure"].erase("Type");
    props["DestinationConfig"] = dc;
  }
  if (ev.target.role && managed_policy)
    ev.target.role->add_managed(
        aws_policy_arn(ev.ctx, std::string("service-role/") + managed_policy));
  Json r = Json{{"Type", "AWS::Lambda::EventSourceMapping"}, {"Properties", props}};
  ev.add(ev.logical_id, r);
}

Json ec2_statement() {
  return Json{{"Action", Json::array({"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
                                      "ec2:DeleteNetworkInterface", "ec2:DescribeVpcs",
                                      "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"})},
              {"Effect", "Allow"},
              {"Resource", "*"}};
}

/// SelfManagedKafka: the brokers are not in AWS, so the mapping names them and the role reads
/// the secrets and VPC resources the access configurations point at.
void self_managed_kafka_event(EventContext &ev) {
  Json props = Json::object();
  props["FunctionName"] = ev.target.ref;
  if (!has(ev.props, "KafkaBootstrapServers"))
    throw InvalidEvent{ev.event_id, "Missing required property 'KafkaBootstrapServers'."};
  props["SelfManagedEventSource"] =
      Json{{"Endpoints", Json{{"KafkaBootstrapServers", ev.props["KafkaBootstrapServers"]}}}};
  copy(ev.props, props,
       {"Topics", "SourceAccessConfigurations", "StartingPosition", "StartingPositionTimestamp",
        "BatchSize", "Enabled", "FilterCriteria", "KmsKeyArn", "MaximumBatchingWindowInSeconds",
        "ProvisionedPollerConfig", "MetricsConfig", "LoggingConfig"});
  if (has(ev.props, "ConsumerGroupId"))
    props["SelfManagedKafkaEventSourceConfig"] =
        Json{{"ConsumerGroupId", ev.props["ConsumerGroupId"]}};
  ev.add(ev.logical_id, Json{{"Type", "AWS::Lambda::EventSourceMapping"}, {"Properties", props}});
  if (!ev.target.role)
    return;
  Json statements = Json::array();
  bool vpc = false;
  const Json &sac = get(ev.props, "SourceAccessConfigurations");
  if (sac.is_array())
    for (const auto &c : sac) {
      std::string type = get(c, "Type").is_string() ? c["Type"].get<std::string>() : "";
      if (type == "VPC_SUBNET" || type == "VPC_SECURITY_GROUP")
        vpc = true;
      else if (has(c, "URI"))
        statements.push_back(Json{{"Action", Json::array({"secretsmanager:GetSecretValue"})},
                                  {"Effect", "Allow"},
                                  {"Resource", c["URI"]}});
    }
  if (vpc)
    statements.push_back(ec2_statement());
  ev.target.role->policies.push_back(
      Json{{"PolicyName", "SelfManagedKafkaExecutionRolePolicy"},
           {"PolicyDocument", Json{{"Version", "2012-10-17"}, {"Statement", statements}}}});
}

void documentdb_event(EventContext &ev) {
  Json props = Json::object();
  const Json &cluster = ev.required("Cluster");
  props["EventSourceArn"] = cluster;
  props["FunctionName"] = ev.target.ref;
  Json cfg = Json::object();
  copy(ev.props, cfg, {"CollectionName", "DatabaseName", "FullDocument"});
  props["DocumentDBEventSourceConfig"] = cfg;
  copy(ev.props, props,
       {"SourceAccessConfigurations", "StartingPosition", "StartingPositionTimestamp", "BatchSize",
        "Enabled", "FilterCriteria", "MaximumBatchingWindowInSeconds", "KmsKeyArn",
        "MetricsConfig"});
  ev.add(ev.logical_id, Json{{"Type", "AWS::Lambda::EventSourceMapping"}, {"Properties", props}});
  if (!ev.target.role)
    return;
  Json statements = Json::array();
  const Json &sac = get(ev.props, "SourceAccessConfigurations");
  if (sac.is_array())
    for (const auto &c : sac)
      if (has(c, "URI"))
        statements.push_back(Json{{"Action", Json::array({"secretsmanager:GetSecretValue"})},
                                  {"Effect", "Allow"},
                                  {"Resource", c["URI"]}});
  statements.push_back(
      Json{{"Action", Json::array({"rds:DescribeDBClusterParameters"})},
           {"Effect", "Allow"},
           {"Resource",
            make_sub("arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster-pg:*")}});
  statements.push_back(
      Json{{"Action", Json::array({"rds:DescribeDBSubnetGroups"})},
           {"Effect", "Allow"},
           {"Resource",
            make_sub("arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:subgrp:*")}});
  statements.push_back(Json{{"Action", Json::array({"rds:DescribeDBClusters"})},
                            {"Effect", "Allow"},
                            {"Resource", cluster}});
  statements.push_back(ec2_statement());
  ev.target.role->policies.push_back(Json{{"PolicyName", "SamAutoGeneratedDocumentDBPolicy"},
                                          {"PolicyDocument", Json{{"Statement", statements}}}});
}

} // namespace

bool translate_event_source(EventContext &ev, const std::string &type) {
  if (type == "S3")
    s3_event(ev);
  else if (type == "SNS")
    sns_event(ev);
  else if (type == "SQS")
    event_source_mapping(ev, "Queue", "AWSLambdaSQSQueueExecutionRole");
  else if (type == "Kinesis")
    event_source_mapping(ev, "Stream", "AWSLambdaKinesisExecutionRole");
  else if (type == "DynamoDB")
    event_source_mapping(ev, "Stream", "AWSLambdaDynamoDBExecutionRole");
  else if (type == "MSK")
    event_source_mapping(ev, "Stream", "AWSLambdaMSKExecutionRole");
  else if (type == "SelfManagedKafka")
    self_managed_kafka_event(ev);
  else if (type == "DocumentDB")
    documentdb_event(ev);
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
