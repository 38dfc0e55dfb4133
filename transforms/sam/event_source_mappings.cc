// Pull event sources (SQS, Kinesis, DynamoDB, MSK, MQ, SelfManagedKafka, DocumentDB): Lambda polls
// the source through an AWS::Lambda::EventSourceMapping, and the function's generated role gets
// what the poller needs to read it (a managed policy, or statements for the secrets, brokers and
// registries the event names).

#include "transforms/sam/event_sources.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

namespace cfnlocal::transforms::sam {

namespace {

/// Python truthiness: the translator skips null, false, 0, "" and empty containers.
bool truthy(const Json &v) {
  if (v.is_null())
    return false;
  if (v.is_boolean())
    return v.get<bool>();
  if (v.is_number())
    return v != 0;
  if (v.is_string() || v.is_array() || v.is_object())
    return !v.empty();
  return true;
}

Json statement(const Json &action, const Json &resource) {
  return Json{{"Action", action}, {"Effect", "Allow"}, {"Resource", resource}};
}

Json secret_statement(const Json &uri) {
  return statement(Json::array({"secretsmanager:GetSecretValue"}), uri);
}

Json ec2_statement() {
  return statement(Json::array({"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
                                "ec2:DeleteNetworkInterface", "ec2:DescribeVpcs",
                                "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"}),
                   "*");
}

Json kms_key_arn(const Json &key_id) {
  return make_sub("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/" +
                  key_id.get<std::string>());
}

/// SecretsManagerKmsKeyId: the key the secrets are encrypted with (a plain key ID).
const Json &kms_key_id(const EventContext &ev) {
  const Json &id = get(ev.props, "SecretsManagerKmsKeyId");
  if (!id.is_null() && !id.is_string())
    throw InvalidEvent{ev.event_id, "Property 'SecretsManagerKmsKeyId' should be a string."};
  return id;
}

/// The registry name of a Glue schema registry ARN ("arn:<p>:glue:<r>:<a>:registry/<name>"),
/// false when `uri` is not one. In an Fn::Sub string the ${AWS::...} variables stand for one ARN
/// field each.
bool glue_registry_name(const Json &uri, std::string &name) {
  std::string text;
  bool sub = false;
  if (uri.is_string()) {
    text = uri.get<std::string>();
  } else if (is_intrinsic(uri) && uri.contains("Fn::Sub") && uri["Fn::Sub"].is_string()) {
    text = uri["Fn::Sub"].get<std::string>();
    sub = true;
  } else {
    return false;
  }
  // Mask the pseudo parameters so that their "::" does not split ARN fields.
  std::vector<std::string> masked;
  if (sub) {
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
      size_t start = text.find("${AWS::", i);
      size_t end = start == std::string::npos ? start : text.find('}', start);
      if (end == std::string::npos) {
        out += text.substr(i);
        break;
      }
      out += text.substr(i, start - i) + "\x01" + std::to_string(masked.size()) + "\x02";
      masked.push_back(text.substr(start, end - start + 1));
      i = end + 1;
    }
    text = out;
  }
  if (text.rfind("arn", 0) != 0)
    return false;
  std::vector<std::string> fields;
  size_t pos = 0;
  while (true) {
    size_t colon = text.find(':', pos);
    fields.push_back(
        text.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos));
    if (colon == std::string::npos)
      break;
    pos = colon + 1;
  }
  const std::string prefix = "registry/";
  if (fields.size() < 6 || fields[5].rfind(prefix, 0) != 0)
    return false;
  name = fields[5].substr(prefix.size());
  for (size_t i = 0; i < masked.size(); ++i) {
    std::string token = "\x01" + std::to_string(i) + "\x02";
    for (size_t at = name.find(token); at != std::string::npos; at = name.find(token))
      name.replace(at, token.size(), masked[i]);
  }
  return true;
}

/// SchemaRegistryConfig of a Kafka event: validated, and the statements to read the registry and
/// the secrets of its AccessConfigs appended to `statements`.
void schema_registry(const EventContext &ev, const Json &config, Json &statements) {
  auto fail = [&](const std::string &message) { throw InvalidEvent{ev.event_id, message}; };
  if (!has(config, "SchemaRegistryURI"))
    fail("Missing required field SchemaRegistryURI in SchemaRegistryConfig");
  if (!has(config, "EventRecordFormat"))
    fail("Missing required field EventRecordFormat in SchemaRegistryConfig");
  const Json &format = config["EventRecordFormat"];
  if (format != "JSON" && format != "SOURCE")
    fail("EventRecordFormat in SchemaRegistryConfig must be either 'JSON' or 'SOURCE'");
  if (!has(config, "SchemaValidationConfigs"))
    fail("Missing required field SchemaValidationConfigs in SchemaRegistryConfig");
  if (!config["SchemaValidationConfigs"].is_array())
    fail("SchemaValidationConfigs must be a list");
  if (has(config, "AccessConfigs")) {
    const Json &access = config["AccessConfigs"];
    if (!access.is_array())
      fail("AccessConfigs in SchemaRegistryConfig must be a list");
    for (const auto &a : access) {
      if (!a.is_object() || !a.contains("Type") || !a.contains("URI"))
        fail("Each AccessConfig must be a dict with 'Type' and 'URI' fields");
      if (truthy(a["URI"]))
        statements.push_back(secret_statement(a["URI"]));
    }
  }
  const Json &uri = config["SchemaRegistryURI"];
  std::string registry;
  if (glue_registry_name(uri, registry)) {
    statements.push_back(statement(Json::array({"glue:GetRegistry"}), uri));
    statements.push_back(statement(
        Json::array({"glue:GetSchemaVersion"}),
        Json::array(
            {make_sub("arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:schema/" +
                      registry + "/*")})));
  }
}

/// The SourceAccessConfigurations of an MQ or DocumentDB event: a list of {Type, URI} with
/// exactly one BASIC_AUTH; returns its URI.
Json basic_auth_uri(const EventContext &ev, const char *source,
                    const std::vector<std::string> &allowed) {
  const Json &sac = get(ev.props, "SourceAccessConfigurations");
  if (!truthy(sac))
    throw InvalidEvent{ev.event_id, std::string("No SourceAccessConfigurations for ") + source +
                                        " event provided."};
  if (!sac.is_array())
    throw InvalidEvent{ev.event_id,
                       "Provided SourceAccessConfigurations cannot be parsed into a list."};
  Json uri;
  bool found = false;
  for (size_t i = 0; i < sac.size(); ++i) {
    const Json &c = sac[i];
    std::string where = "SourceAccessConfigurations[" + std::to_string(i) + "]";
    if (!c.is_object())
      throw InvalidEvent{ev.event_id, "Property '" + where + "' should be a map."};
    const Json &type = get(c, "Type");
    if (!type.is_string())
      throw InvalidEvent{ev.event_id, "Property '" + where + ".Type' should be a string."};
    std::string t = type.get<std::string>();
    if (std::find(allowed.begin(), allowed.end(), t) == allowed.end()) {
      std::string list;
      for (const auto &a : allowed)
        list += (list.empty() ? "'" : ", '") + a + "'";
      throw InvalidEvent{ev.event_id,
                         "Invalid property Type specified in SourceAccessConfigurations. The "
                         "supported values are: [" +
                             list + "]."};
    }
    if (t != "BASIC_AUTH")
      continue;
    if (found)
      throw InvalidEvent{ev.event_id,
                         "Multiple BASIC_AUTH properties specified in SourceAccessConfigurations."};
    found = true;
    uri = get(c, "URI");
    if (!truthy(uri))
      throw InvalidEvent{ev.event_id,
                         "No BASIC_AUTH URI property specified in SourceAccessConfigurations."};
  }
  if (!found)
    throw InvalidEvent{ev.event_id,
                       "No BASIC_AUTH property specified in SourceAccessConfigurations."};
  return uri;
}

Json mq_policy(const EventContext &ev) {
  Json uri = basic_auth_uri(ev, "Amazon MQ", {"BASIC_AUTH", "VIRTUAL_HOST"});
  Json statements =
      Json::array({secret_statement(uri),
                   statement(Json::array({"mq:DescribeBroker"}), get(ev.props, "Broker"))});
  const Json &kms = kms_key_id(ev);
  if (truthy(kms))
    statements.push_back(statement("kms:Decrypt", kms_key_arn(kms)));
  bool dynamic = get(ev.props, "DynamicPolicyName") == true;
  return Json{{"PolicyName", dynamic ? ev.logical_id + "AMQPolicy" : "SamAutoGeneratedAMQPolicy"},
              {"PolicyDocument", Json{{"Statement", statements}}}};
}

Json documentdb_policy(const EventContext &ev) {
  Json uri = basic_auth_uri(ev, "Amazon DocumentDB", {"BASIC_AUTH"});
  Json statements = Json::array(
      {secret_statement(uri),
       statement(
           Json::array({"rds:DescribeDBClusterParameters"}),
           make_sub("arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster-pg:*")),
       statement(Json::array({"rds:DescribeDBSubnetGroups"}),
                 make_sub("arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:subgrp:*")),
       statement(Json::array({"rds:DescribeDBClusters"}), get(ev.props, "Cluster")),
       ec2_statement()});
  const Json &kms = kms_key_id(ev);
  if (truthy(kms))
    statements.push_back(statement(Json::array({"kms:Decrypt"}), kms_key_arn(kms)));
  return Json{{"PolicyName", "SamAutoGeneratedDocumentDBPolicy"},
              {"PolicyDocument", Json{{"Statement", statements}}}};
}

/// SelfManagedKafka: the brokers are outside AWS, so the role reads the secret of the one auth
/// mechanism and reaches the VPC the poller runs in.
Json self_managed_kafka_policy(const EventContext &ev) {
  auto fail = [&](const std::string &message) { throw InvalidEvent{ev.event_id, message}; };
  if (!truthy(get(ev.props, "KafkaBootstrapServers")))
    fail("No KafkaBootstrapServers provided for self managed kafka as an event source");
  const Json &topics = get(ev.props, "Topics");
  if (!truthy(topics))
    fail("No Topics provided for self managed kafka as an event source");
  if (topics.is_array() && topics.size() != 1)
    fail("Topics for self managed kafka only supports single configuration entry.");
  const Json &sac = get(ev.props, "SourceAccessConfigurations");
  if (!truthy(sac))
    fail("No SourceAccessConfigurations for self managed kafka event provided.");
  if (!sac.is_array())
    fail("SourceAccessConfigurations for self managed kafka event should be a list.");
  static const std::set<std::string> auth_types = {
      "BASIC_AUTH", "SASL_SCRAM_256_AUTH", "SASL_SCRAM_512_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH"};
  Json auth_uri;
  bool auth = false, subnet = false, group = false, root_ca = false;
  for (const auto &c : sac) {
    if (!c.is_object())
      throw InvalidResource{ev.event_id, "Property 'SourceAccessConfigurations' should be a map."};
    const Json &type = get(c, "Type");
    std::string t = type.is_string() ? type.get<std::string>() : "";
    if (auth_types.count(t)) {
      if (auth)
        fail("Multiple auth mechanism properties specified in SourceAccessConfigurations for self "
             "managed kafka event.");
      auth = true;
      auth_uri = get(c, "URI");
      if (!truthy(auth_uri))
        fail("No auth mechanism URI property specified in SourceAccessConfigurations for self "
             "managed kafka event.");
    } else if (t == "VPC_SUBNET" || t == "VPC_SECURITY_GROUP") {
      if (!truthy(get(c, "URI")))
        fail("No " + t +
             " URI property specified in SourceAccessConfigurations for self managed kafka event.");
      (t == "VPC_SUBNET" ? subnet : group) = true;
    } else if (t == "SERVER_ROOT_CA_CERTIFICATE") {
      root_ca = true;
    } else {
      fail("Invalid SourceAccessConfigurations Type provided for self managed kafka event.");
    }
  }
  if (subnet != group)
    fail("VPC_SUBNET and VPC_SECURITY_GROUP in SourceAccessConfigurations for SelfManagedKafka "
         "must be both provided.");
  Json statements = Json::array();
  if (auth)
    statements.push_back(secret_statement(auth_uri));
  // The translator grants the auth mechanism's secret again for a root CA certificate.
  if (root_ca)
    statements.push_back(secret_statement(auth_uri));
  if (subnet)
    statements.push_back(ec2_statement());
  const Json &registry = get(ev.props, "SchemaRegistryConfig");
  if (truthy(registry))
    schema_registry(ev, registry, statements);
  const Json &kms = kms_key_id(ev);
  if (truthy(kms))
    statements.push_back(statement(Json::array({"kms:Decrypt"}), kms_key_arn(kms)));
  return Json{{"PolicyName", "SelfManagedKafkaExecutionRolePolicy"},
              {"PolicyDocument", Json{{"Version", "2012-10-17"}, {"Statement", statements}}}};
}

/// MSK: the managed policy covers the cluster; mutual TLS and schema registries need more.
Json msk_policy(const EventContext &ev) {
  Json statements = Json::array();
  const Json &sac = get(ev.props, "SourceAccessConfigurations");
  if (sac.is_array())
    for (const auto &c : sac)
      if (get(c, "Type") == "CLIENT_CERTIFICATE_TLS_AUTH" && truthy(get(c, "URI")))
        statements.push_back(secret_statement(c["URI"]));
  const Json &registry = get(ev.props, "SchemaRegistryConfig");
  if (truthy(registry))
    schema_registry(ev, registry, statements);
  if (statements.empty())
    return nullptr;
  return Json{{"PolicyName", "MSKExecutionRolePolicy"},
              {"PolicyDocument", Json{{"Statement", statements}}}};
}

/// OnFailure destination of a stream or Kafka mapping; `Type` (SAM's own field) is removed and
/// decides the role policy returned (null when none).
Json destination_policy(const EventContext &ev, Json &destination_config) {
  Json &on_failure = destination_config["OnFailure"];
  if (!on_failure.is_object())
    throw InvalidEvent{ev.logical_id, "Property 'DestinationConfig.OnFailure' should be a map."};
  if (!truthy(get(on_failure, "Type")))
    return nullptr;
  Json type = on_failure["Type"];
  on_failure.erase("Type");
  const Json &dest = get(on_failure, "Destination");
  Json statements;
  if (type == "SQS") {
    statements = Json::array({statement("sqs:SendMessage", dest)});
  } else if (type == "SNS") {
    statements = Json::array({statement("sns:publish", dest)});
  } else if (type == "S3") {
    // Lambda writes failed batches as objects and checks the bucket first.
    statements =
        Json::array({statement("s3:PutObject",
                               Json{{"Fn::Join", Json::array({"/", Json::array({dest, "*"})})}}),
                     statement("s3:ListBucket", dest)});
  } else if (type == "Kafka") {
    return nullptr; // a Kafka topic is written with the cluster's own access configuration
  } else {
    throw InvalidEvent{ev.logical_id,
                       "The only valid values for 'Type' are 'SQS', 'SNS', 'S3', and 'Kafka'"};
  }
  return Json{{"PolicyName", ev.logical_id + type.get<std::string>() + "Policy"},
              {"PolicyDocument", Json{{"Statement", statements}}}};
}

/// Adds an inline policy unless the role already has one with the same document.
void add_policy(RoleSpec &role, const Json &policy) {
  if (policy.is_null())
    return;
  for (const auto &p : role.policies)
    if (same_json(get(p, "PolicyDocument"), policy["PolicyDocument"]))
      return;
  role.policies.push_back(policy);
}

struct PullSource {
  const char *arn_property;   ///< the property naming the source, nullptr for SelfManagedKafka
  const char *managed_policy; ///< the AWS managed policy the role gets, nullptr for none
};

const std::map<std::string, PullSource> &pull_sources() {
  static const std::map<std::string, PullSource> sources = {
      {"SQS", {"Queue", "service-role/AWSLambdaSQSQueueExecutionRole"}},
      {"Kinesis", {"Stream", "service-role/AWSLambdaKinesisExecutionRole"}},
      {"DynamoDB", {"Stream", "service-role/AWSLambdaDynamoDBExecutionRole"}},
      {"MSK", {"Stream", "service-role/AWSLambdaMSKExecutionRole"}},
      {"MQ", {"Broker", nullptr}},
      {"SelfManagedKafka", {nullptr, nullptr}},
      {"DocumentDB", {"Cluster", nullptr}}};
  return sources;
}

} // namespace

bool translate_pull_event(EventContext &ev, const std::string &type) {
  auto source = pull_sources().find(type);
  if (source == pull_sources().end())
    return false;
  const Json &p = ev.props;
  Json props = Json::object();
  props["FunctionName"] = ev.target.ref;
  if (source->second.arn_property)
    props["EventSourceArn"] = get(p, source->second.arn_property);
  for (const char *name : {"StartingPosition",
                           "StartingPositionTimestamp",
                           "BatchSize",
                           "Enabled",
                           "MaximumBatchingWindowInSeconds",
                           "MaximumRetryAttempts",
                           "BisectBatchOnFunctionError",
                           "MaximumRecordAgeInSeconds",
                           "ParallelizationFactor",
                           "Topics",
                           "Queues",
                           "SourceAccessConfigurations",
                           "TumblingWindowInSeconds",
                           "FunctionResponseTypes",
                           "FilterCriteria",
                           "KmsKeyArn",
                           "ScalingConfig",
                           "MetricsConfig",
                           "ProvisionedPollerConfig",
                           "LoggingConfig"})
    if (!get(p, name).is_null())
      props[name] = p[name];

  const Json &filter = get(p, "FilterCriteria");
  if (filter.is_object() && !is_intrinsic(filter))
    for (auto it = filter.begin(); it != filter.end(); ++it)
      if (it.key() != "Filters")
        throw InvalidEvent{ev.event_id, "FilterCriteria field has a wrong format"};

  if (truthy(get(p, "KafkaBootstrapServers")))
    props["SelfManagedEventSource"] =
        Json{{"Endpoints", Json{{"KafkaBootstrapServers", p["KafkaBootstrapServers"]}}}};

  // Kafka consumers: the consumer group and schema registry go into the source's own config.
  const char *kafka_config = type == "MSK"                ? "AmazonManagedKafkaEventSourceConfig"
                             : type == "SelfManagedKafka" ? "SelfManagedKafkaEventSourceConfig"
                                                          : nullptr;
  if (truthy(get(p, "ConsumerGroupId"))) {
    if (!kafka_config)
      throw InvalidEvent{ev.logical_id,
                         "Property ConsumerGroupId not defined for resource of type " + type + "."};
    props[kafka_config]["ConsumerGroupId"] = p["ConsumerGroupId"];
  }
  if (kafka_config && truthy(get(p, "SchemaRegistryConfig")))
    props[kafka_config]["SchemaRegistryConfig"] = p["SchemaRegistryConfig"];

  if (type == "DocumentDB") {
    Json cfg = Json{{"DatabaseName", get(p, "DatabaseName")}};
    for (const char *name : {"CollectionName", "FullDocument"})
      if (!get(p, name).is_null())
        cfg[name] = p[name];
    props["DocumentDBEventSourceConfig"] = cfg;
  }

  Json type_policy;
  if (type == "MQ")
    type_policy = mq_policy(ev);
  else if (type == "DocumentDB")
    type_policy = documentdb_policy(ev);
  else if (type == "SelfManagedKafka")
    type_policy = self_managed_kafka_policy(ev);
  else if (type == "MSK")
    type_policy = msk_policy(ev);

  Json dest_policy;
  if (truthy(get(p, "DestinationConfig"))) {
    Json dc = p["DestinationConfig"];
    dest_policy = destination_policy(ev, dc);
    props["DestinationConfig"] = dc;
  }

  ev.add(ev.logical_id, Json{{"Type", "AWS::Lambda::EventSourceMapping"}, {"Properties", props}});
  if (RoleSpec *role = ev.target.role) {
    if (source->second.managed_policy)
      role->add_managed(aws_policy_arn(ev.ctx, source->second.managed_policy));
    add_policy(*role, type_policy);
    add_policy(*role, dest_policy);
  }
  return true;
}

} // namespace cfnlocal::transforms::sam
