#include "transforms/sam/event_properties.h"

#include <map>
#include <vector>

namespace cfnlocal::transforms::sam {

namespace {

/// What a property accepts. The translator lets an object through most checks (an intrinsic
/// function may produce the value at deploy time).
enum class Kind {
  Any,      ///< anything
  String,   ///< a string or an object; else "Property 'X' should be a string."
  Map,      ///< an object; else "Property 'X' should be a map."
  Bool,     ///< a boolean or an object; else "Type of property 'X' is invalid."
  BoolOnly, ///< a boolean
  List,     ///< a list or an object
  StrList,  ///< a string or a list of strings
  MapOnly,  ///< an object, reported as "Type of property 'X' is invalid."
};

struct Property {
  const char *name;
  Kind kind;
  bool required = false;
};

using Table = std::vector<Property>;

/// The properties every pull event (event source mapping) accepts.
Table pull(std::initializer_list<Property> own) {
  Table t = own;
  const Table common = {{"BatchSize", Kind::Any},
                        {"Enabled", Kind::Bool},
                        {"StartingPosition", Kind::Any},
                        {"StartingPositionTimestamp", Kind::Any},
                        {"MaximumBatchingWindowInSeconds", Kind::Any},
                        {"MaximumRetryAttempts", Kind::Any},
                        {"BisectBatchOnFunctionError", Kind::Bool},
                        {"MaximumRecordAgeInSeconds", Kind::Any},
                        {"DestinationConfig", Kind::Map},
                        {"ParallelizationFactor", Kind::Any},
                        {"Topics", Kind::List},
                        {"Queues", Kind::List},
                        {"SourceAccessConfigurations", Kind::List},
                        {"TumblingWindowInSeconds", Kind::Any},
                        {"FunctionResponseTypes", Kind::List},
                        {"KafkaBootstrapServers", Kind::List},
                        {"FilterCriteria", Kind::Map},
                        {"KmsKeyArn", Kind::Any},
                        {"ConsumerGroupId", Kind::String},
                        {"ScalingConfig", Kind::Map},
                        {"SecretsManagerKmsKeyId", Kind::String},
                        {"MetricsConfig", Kind::Map},
                        {"ProvisionedPollerConfig", Kind::Map},
                        {"SchemaRegistryConfig", Kind::Map},
                        {"LoggingConfig", Kind::Map}};
  t.insert(t.end(), common.begin(), common.end());
  return t;
}

Table rule_properties() {
  return {{"EventBusName", Kind::String},  {"Pattern", Kind::Map},
          {"DeadLetterConfig", Kind::Map}, {"RetryPolicy", Kind::Map},
          {"Input", Kind::String},         {"InputPath", Kind::String},
          {"Target", Kind::Map},           {"Enabled", Kind::Bool},
          {"State", Kind::String},         {"RuleName", Kind::String},
          {"InputTransformer", Kind::Map}};
}

const std::map<std::string, Table> &tables() {
  static const std::map<std::string, Table> t = {
      {"SQS", pull({{"Queue", Kind::Any, true}})},
      {"Kinesis", pull({{"Stream", Kind::Any, true}, {"StartingPosition", Kind::Any, true}})},
      {"DynamoDB", pull({{"Stream", Kind::Any, true}, {"StartingPosition", Kind::Any, true}})},
      {"MSK", pull({{"Stream", Kind::Any, true}, {"StartingPosition", Kind::Any, true}})},
      {"MQ", pull({{"Broker", Kind::Any, true}, {"DynamicPolicyName", Kind::Bool}})},
      {"SelfManagedKafka", pull({})},
      {"DocumentDB", pull({{"Cluster", Kind::Any, true},
                           {"DatabaseName", Kind::Any, true},
                           {"CollectionName", Kind::Any},
                           {"FullDocument", Kind::Any}})},
      {"S3",
       {{"Bucket", Kind::String, true},
        {"Events", Kind::StrList, true},
        {"Filter", Kind::MapOnly}}},
      {"SNS",
       {{"Topic", Kind::String, true},
        {"Region", Kind::String},
        {"FilterPolicy", Kind::Any},
        {"FilterPolicyScope", Kind::Any},
        {"SqsSubscription", Kind::Bool},
        {"RedrivePolicy", Kind::Map}}},
      {"Schedule",
       {{"Schedule", Kind::String, true},
        {"RuleName", Kind::String},
        {"Input", Kind::String},
        {"Enabled", Kind::Bool},
        {"State", Kind::String},
        {"Name", Kind::String},
        {"Description", Kind::String},
        {"DeadLetterConfig", Kind::Map},
        {"RetryPolicy", Kind::Map}}},
      {"ScheduleV2",
       {{"ScheduleExpression", Kind::String, true},
        {"FlexibleTimeWindow", Kind::Map},
        {"Name", Kind::String},
        {"Description", Kind::String},
        {"StartDate", Kind::String},
        {"EndDate", Kind::String},
        {"ScheduleExpressionTimezone", Kind::String},
        {"GroupName", Kind::String},
        {"KmsKeyArn", Kind::String},
        {"State", Kind::String},
        {"Input", Kind::String},
        {"RoleArn", Kind::String},
        {"PermissionsBoundary", Kind::String},
        {"DeadLetterConfig", Kind::Map},
        {"RetryPolicy", Kind::Map},
        {"OmitName", Kind::BoolOnly}}},
      {"CloudWatchEvent", rule_properties()},
      {"EventBridgeRule", rule_properties()},
      {"CloudWatchLogs",
       {{"LogGroupName", Kind::String, true}, {"FilterPattern", Kind::String, true}}},
      {"IoTRule", {{"Sql", Kind::String, true}, {"AwsIotSqlVersion", Kind::String}}},
      {"AlexaSkill", {{"SkillId", Kind::String}}},
      {"Cognito", {{"UserPool", Kind::String, true}, {"Trigger", Kind::StrList, true}}},
  };
  return t;
}

bool accepts(Kind kind, const Json &v) {
  switch (kind) {
  case Kind::Any:
    return true;
  case Kind::String:
    return v.is_string() || v.is_object();
  case Kind::Map:
  case Kind::MapOnly:
    return v.is_object();
  case Kind::Bool:
    return v.is_boolean() || v.is_object();
  case Kind::BoolOnly:
    return v.is_boolean();
  case Kind::List:
    return v.is_array() || v.is_object();
  case Kind::StrList:
    if (v.is_string())
      return true;
    if (!v.is_array())
      return false;
    for (const auto &x : v)
      if (!x.is_string())
        return false;
    return true;
  }
  return true;
}

std::string rejection(Kind kind, const std::string &name) {
  switch (kind) {
  case Kind::String:
    return "Property '" + name + "' should be a string.";
  case Kind::Map:
    return "Property '" + name + "' should be a map.";
  default:
    return "Type of property '" + name + "' is invalid.";
  }
}

} // namespace

bool has_event_property_table(const std::string &type) { return tables().count(type) > 0; }

void validate_event_properties(const std::string &logical_id, const std::string &type,
                               const Json &props) {
  auto it = tables().find(type);
  if (it == tables().end())
    return;
  const Table &table = it->second;
  for (auto p = props.begin(); p != props.end(); ++p) {
    bool known = false;
    for (const auto &d : table)
      known = known || p.key() == d.name;
    if (!known)
      throw InvalidResource{logical_id,
                            "property " + p.key() + " not defined for resource of type " + type};
  }
  for (const auto &d : table) {
    const Json &v = get(props, d.name);
    // A null value counts as absent, as in the translator.
    if (!v.is_null() && !accepts(d.kind, v))
      throw InvalidResource{logical_id, rejection(d.kind, d.name)};
  }
  for (const auto &d : table)
    if (d.required && get(props, d.name).is_null())
      throw InvalidResource{logical_id, std::string("Missing required property '") + d.name + "'."};
}

} // namespace cfnlocal::transforms::sam
