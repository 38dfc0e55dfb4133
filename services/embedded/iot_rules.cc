// The rules engine's topic rules: CreateTopicRule, GetTopicRule, ReplaceTopicRule,
// DeleteTopicRule, EnableTopicRule, DisableTopicRule, ListTopicRules.
//
// As the AWS IoT API Reference and the developer guide ("Creating an AWS IoT rule") say: rule
// names are [a-zA-Z0-9_]+ of at most 128 characters; the SQL is kept as given and must be a
// SELECT ... FROM 'topic filter' statement (SqlParseException otherwise) of a known
// awsIotSqlVersion; a rule has at most ten actions, each naming exactly one action type; IoT
// assumes every role an action (or the error action) names while it creates the rule, so a
// role that is not an IAM role of the embedded IAM fails the call (InvalidRequestException
// with IoT's wording), and Lambda actions must name a function of the embedded Lambda when the
// ARN is of this account and region. A rule that does not exist is UnauthorizedException (401),
// as IoT answers for rules the caller cannot see.
#include "services/embedded/iot_common.h"
#include "services/embedded/lambda_common.h"

#include "state/ids.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>

namespace cfnlocal::services::embedded::iot {
namespace {

constexpr std::string_view kActionTypes[] = {
    "dynamoDB",      "dynamoDBv2",       "lambda",          "sns",
    "sqs",           "kinesis",          "republish",       "s3",
    "firehose",      "cloudwatchMetric", "cloudwatchAlarm", "cloudwatchLogs",
    "elasticsearch", "salesforce",       "iotAnalytics",    "iotEvents",
    "iotSiteWise",   "stepFunctions",    "timestream",      "http",
    "kafka",         "openSearch",       "location"};

std::string rule_arn(const Context &c, const std::string &name) {
  return arn_of(c, "rule/" + name);
}

std::string rule_name(const Json &input) {
  return checked_name(input, "ruleName", 128, "[a-zA-Z0-9_]+");
}

Json load_rule(Context &c, const std::string &name) {
  auto rule = c.store.get_record(kService, "rule", key_of(c, name));
  if (!rule)
    throw ServiceError("UnauthorizedException",
                       fmt::format("The rule {} does not exist or access to it is denied", name),
                       401);
  return *rule;
}

void check_role(Context &c, const std::string &role) {
  std::string prefix = fmt::format("arn:{}:iam::{}:role/", c.partition, c.account);
  std::string name = role.starts_with(prefix) ? role.substr(role.rfind('/') + 1) : "";
  std::string key;
  for (char ch : name)
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (key.empty() || !c.store.get_record("iam", "role", key))
    invalid_request(fmt::format("AWS IoT (iot.amazonaws.com) is unable to assume role "
                                "(sts:AssumeRole) on resource: {}. If the role was just created "
                                "or updated, please try again in a few seconds.",
                                role));
}

// Every "roleArn" member at any depth of an action.
void check_roles(Context &c, const Json &value) {
  if (value.is_object()) {
    for (const auto &[k, v] : value.items())
      if (k == "roleArn" && v.is_string())
        check_role(c, v.get<std::string>());
      else
        check_roles(c, v);
  } else if (value.is_array()) {
    for (const auto &v : value)
      check_roles(c, v);
  }
}

void check_lambda(Context &c, const std::string &arn) {
  // arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    size_t colon = arn.find(':', start);
    parts.push_back(arn.substr(start, colon == std::string::npos ? colon : colon - start));
    if (colon == std::string::npos)
      break;
    start = colon + 1;
  }
  if (parts.size() < 7 || parts[0] != "arn" || parts[2] != "lambda" || parts[5] != "function")
    invalid_request(fmt::format("Invalid Lambda function ARN: {}", arn));
  if (parts[3] != c.region || parts[4] != c.account)
    return; // another account's or region's function: IoT cannot see it at creation either
  if (!c.store.get_record(lambda::kService, "function", lambda::function_key(c, parts[6])))
    invalid_request(fmt::format("The Lambda function {} does not exist", arn));
}

void check_action(Context &c, const Json &action, std::string_view where) {
  if (!action.is_object() || action.size() != 1)
    invalid_request(fmt::format("Each {} must name exactly one action type", where));
  const std::string &type = action.begin().key();
  if (std::find(std::begin(kActionTypes), std::end(kActionTypes), type) == std::end(kActionTypes))
    invalid_request(fmt::format("Unknown action type in {}: {}", where, type));
  const Json &body = action.begin().value();
  if (!body.is_object())
    invalid_request(fmt::format("The {} action must be an object", type));
  if (type == "lambda")
    check_lambda(c, body.value("functionArn", ""));
  check_roles(c, body);
}

// The payload as IoT keeps it: SQL as given, defaults filled.
Json checked_payload(Context &c, const Json &input) {
  Json payload = input.value("topicRulePayload", Json());
  if (!payload.is_object())
    invalid_request("topicRulePayload is required");
  std::string sql = optional_string(payload, "sql").value_or("");
  static const re2::RE2 select(R"((?is)\s*SELECT\s+.+?\s+FROM\s+'[^']*'.*)");
  if (!re2::RE2::FullMatch(sql, select))
    throw ServiceError(
        "SqlParseException",
        fmt::format("Expected a statement of the form SELECT ... FROM 'topic': {}", sql), 400);
  std::string version = optional_string(payload, "awsIotSqlVersion").value_or("2015-10-08");
  if (version != "2015-10-08" && version != "2016-03-23" && version != "beta")
    invalid_request(fmt::format("Unsupported awsIotSqlVersion: {}", version));
  if (auto d = optional_string(payload, "description"); d && d->size() > 2028)
    invalid_request("description must have at most 2028 characters");
  Json actions = payload.value("actions", Json::array());
  if (!actions.is_array())
    invalid_request("actions must be a list");
  if (actions.size() > 10)
    invalid_request("A rule can have at most 10 actions");
  for (const auto &a : actions)
    check_action(c, a, "action");
  Json out = {{"sql", sql},
              {"actions", actions},
              {"ruleDisabled", optional_bool(payload, "ruleDisabled")},
              {"awsIotSqlVersion", version}};
  if (auto d = optional_string(payload, "description"))
    out["description"] = *d;
  if (payload.contains("errorAction") && !payload["errorAction"].is_null()) {
    check_action(c, payload["errorAction"], "errorAction");
    out["errorAction"] = payload["errorAction"];
  }
  return out;
}

// The x-amz-tagging header's "k1=v1&k2=v2" as [{Key, Value}].
Json tags_from_header(const std::string &text) {
  Json tags = Json::array();
  for (size_t start = 0; start < text.size();) {
    size_t amp = text.find('&', start);
    std::string part = text.substr(start, amp == std::string::npos ? amp : amp - start);
    size_t eq = part.find('=');
    if (!part.empty())
      tags.push_back({{"Key", part.substr(0, eq)},
                      {"Value", eq == std::string::npos ? "" : part.substr(eq + 1)}});
    if (amp == std::string::npos)
      break;
    start = amp + 1;
  }
  return checked_tags(tags);
}

Json create_topic_rule(Context &c, const Json &input) {
  std::string name = rule_name(input);
  Json payload = checked_payload(c, input);
  Json tags = tags_from_header(optional_string(input, "tags").value_or(""));
  if (c.store.get_record(kService, "rule", key_of(c, name)))
    already_exists(fmt::format("Rule {} already exists in the account", name));
  Json rule = {{"ruleName", name}, {"payload", payload}, {"createdAt", state::now_iso8601()}};
  c.store.put_record(kService, "rule", key_of(c, name), rule);
  set_tags(c, rule_arn(c, name), tags);
  return Json::object();
}

Json get_topic_rule(Context &c, const Json &input) {
  std::string name = rule_name(input);
  Json rule = load_rule(c, name);
  Json out = rule["payload"];
  out["ruleName"] = name;
  out["createdAt"] = rule["createdAt"];
  return Json{{"ruleArn", rule_arn(c, name)}, {"rule", out}};
}

Json replace_topic_rule(Context &c, const Json &input) {
  std::string name = rule_name(input);
  Json rule = load_rule(c, name);
  rule["payload"] = checked_payload(c, input);
  c.store.put_record(kService, "rule", key_of(c, name), rule);
  return Json::object();
}

Json delete_topic_rule(Context &c, const Json &input) {
  std::string name = rule_name(input);
  load_rule(c, name);
  c.store.delete_record(kService, "rule", key_of(c, name));
  set_tags(c, rule_arn(c, name), Json::array());
  return Json::object();
}

Json set_disabled(Context &c, const Json &input, bool disabled) {
  std::string name = rule_name(input);
  Json rule = load_rule(c, name);
  rule["payload"]["ruleDisabled"] = disabled;
  c.store.put_record(kService, "rule", key_of(c, name), rule);
  return Json::object();
}

Json enable_topic_rule(Context &c, const Json &input) { return set_disabled(c, input, false); }
Json disable_topic_rule(Context &c, const Json &input) { return set_disabled(c, input, true); }

// The topic a rule's SQL reads: the quoted filter after FROM.
std::string topic_of(const std::string &sql) {
  static const re2::RE2 from(R"((?is).*?\bFROM\s+'([^']*)'.*)");
  std::string topic;
  re2::RE2::FullMatch(sql, from, &topic);
  return topic;
}

Json list_topic_rules(Context &c, const Json &input) {
  auto topic = optional_string(input, "topic");
  std::optional<bool> disabled;
  if (input.contains("ruleDisabled") && !input["ruleDisabled"].is_null())
    disabled = optional_bool(input, "ruleDisabled");
  std::vector<Json> items;
  for (const auto &[key, rule] : c.store.list_records(kService, "rule", c.region + ":")) {
    std::string name = rule["ruleName"];
    std::string rule_topic = topic_of(rule["payload"]["sql"]);
    bool is_disabled = rule["payload"]["ruleDisabled"];
    if ((topic && rule_topic != *topic) || (disabled && is_disabled != *disabled))
      continue;
    items.push_back({{"ruleArn", rule_arn(c, name)},
                     {"ruleName", name},
                     {"topicPattern", rule_topic},
                     {"createdAt", rule["createdAt"]},
                     {"ruleDisabled", is_disabled}});
  }
  return page_of(items, input, "rules", "maxResults", "nextToken", "nextToken", 1000, 10000);
}

} // namespace

void add_rule_handlers(HandlerTable &table) {
  table.insert({
      {"CreateTopicRule", create_topic_rule},
      {"GetTopicRule", get_topic_rule},
      {"ReplaceTopicRule", replace_topic_rule},
      {"DeleteTopicRule", delete_topic_rule},
      {"EnableTopicRule", enable_topic_rule},
      {"DisableTopicRule", disable_topic_rule},
      {"ListTopicRules", list_topic_rules},
  });
}

} // namespace cfnlocal::services::embedded::iot
