// The embedded Amazon SNS control plane (Amazon SNS API Reference: CreateTopic, DeleteTopic,
// GetTopicAttributes, SetTopicAttributes, ListTopics, Subscribe, Unsubscribe,
// GetSubscriptionAttributes, SetSubscriptionAttributes, ListSubscriptions,
// ListSubscriptionsByTopic, TagResource, UntagResource, ListTagsForResource; botocore
// sns/2010-03-31, query protocol, whose error codes are "InvalidParameter", "NotFound", ...).
// Records: kind "topic", key "REGION:NAME" -> {Name, Arn, Attributes, Tags [{Key, Value}]};
// kind "subscription", key "REGION:TOPICNAME:ID" -> {Arn, TopicArn, Protocol, Endpoint, Owner,
// Attributes}.
//
// Enforced as SNS does: topic names (1-256 of [A-Za-z0-9_-], ".fifo" exactly for FIFO topics),
// the attributes each topic type takes and their values, policy documents, delivery-status
// logging attributes, CreateTopic's idempotency, subscription endpoints per protocol (an SQS or
// Lambda ARN, an http(s) URL, an email address, an E.164 number), FIFO topics delivering to SQS
// only, filter and redrive policies, and the topic a subscription names existing.
#include "services/embedded/context.h"
#include "services/embedded/policy_document.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <re2/re2.h>
#include <set>

namespace cfnlocal::services::embedded {
namespace {

constexpr std::string_view kService = "sns";

[[noreturn]] void invalid(std::string_view what) {
  throw ServiceError("InvalidParameter", fmt::format("Invalid parameter: {}", what));
}

[[noreturn]] void topic_not_found() { throw ServiceError("NotFound", "Topic does not exist", 404); }

std::string key_of(const Context &c, std::string_view name) {
  return c.region + ":" + std::string(name);
}

std::string topic_arn(const Context &c, std::string_view name) {
  return fmt::format("arn:{}:sns:{}:{}:{}", c.partition, c.region, c.account, name);
}

// The topic name of an ARN in this account and region; "" when it is not one.
std::string name_of_arn(const Context &c, const std::string &arn) {
  std::string prefix = fmt::format("arn:{}:sns:{}:{}:", c.partition, c.region, c.account);
  if (!arn.starts_with(prefix))
    return "";
  std::string rest = arn.substr(prefix.size());
  return rest.find(':') == std::string::npos ? rest : "";
}

std::string checked_arn(const Json &input, std::string_view member) {
  std::string arn = required_string(input, member);
  if (!arn.starts_with("arn:"))
    invalid(fmt::format("{} Reason: An ARN must have at least 6 elements, not 1", member));
  return arn;
}

std::pair<std::string, Json> load_topic(Context &c, const std::string &arn) {
  std::string name = name_of_arn(c, arn);
  if (name.empty())
    topic_not_found();
  auto record = c.store.get_record(kService, "topic", key_of(c, name));
  if (!record)
    topic_not_found();
  return {name, *record};
}

// The policy every new topic has: the owner may manage and publish.
std::string default_policy(const Context &c, const std::string &arn) {
  Json policy = {{"Version", "2008-10-17"},
                 {"Id", "__default_policy_ID"},
                 {"Statement",
                  {{{"Sid", "__default_statement_ID"},
                    {"Effect", "Allow"},
                    {"Principal", {{"AWS", "*"}}},
                    {"Action",
                     {"SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission",
                      "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe",
                      "SNS:ListSubscriptionsByTopic", "SNS:Publish"}},
                    {"Resource", arn},
                    {"Condition", {{"StringEquals", {{"AWS:SourceOwner", c.account}}}}}}}}};
  return policy.dump();
}

bool parse_bool(std::string_view attribute, const std::string &value) {
  if (value == "true")
    return true;
  if (value == "false")
    return false;
  invalid(fmt::format("Attributes Reason: {} must be a boolean", attribute));
}

void check_json_object(std::string_view attribute, const std::string &value) {
  Json parsed = Json::parse(value, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object())
    invalid(fmt::format("Attributes Reason: {}: failed to parse JSON.", attribute));
}

// Delivery-status logging attributes: <Protocol>{Success,Failure}Feedback...
bool is_logging_attribute(const std::string &name) {
  static const re2::RE2 logging(
      "(HTTP|SQS|Lambda|Firehose|Application)(SuccessFeedbackRoleArn|SuccessFeedbackSampleRate|"
      "FailureFeedbackRoleArn)");
  return RE2::FullMatch(name, logging);
}

// Checks one topic attribute for a topic of type `fifo`; returns the value to store.
std::string check_topic_attribute(const std::string &name, const std::string &value, bool fifo,
                                  bool creating) {
  if (name == "DisplayName") {
    // SMS display names are limited; SNS refuses longer ones for every topic.
    if (utf8_length(value) > 100)
      invalid("DisplayName");
    return value;
  }
  if (name == "Policy") {
    if (auto problem = policy_problem(value, PolicyKind::Resource))
      invalid(fmt::format("Policy Error: {}", *problem));
    return value;
  }
  if (name == "DeliveryPolicy" || name == "DataProtectionPolicy" || name == "ArchivePolicy") {
    if (name == "ArchivePolicy" && !fifo)
      invalid("Attributes Reason: ArchivePolicy is only supported for FIFO topics");
    if (!value.empty())
      check_json_object(name, value);
    return value;
  }
  if (name == "FifoTopic") {
    if (!creating)
      invalid("AttributeName");
    if (parse_bool(name, value) != fifo)
      invalid("Attributes Reason: FifoTopic");
    return value;
  }
  if (name == "ContentBasedDeduplication") {
    if (!fifo)
      invalid("Attributes Reason: Content-Based Deduplication can only be set for FIFO topics");
    return parse_bool(name, value) ? "true" : "false";
  }
  if (name == "FifoThroughputScope") {
    if (!fifo)
      invalid("Attributes Reason: FifoThroughputScope can only be set for FIFO topics");
    if (value != "Topic" && value != "MessageGroup")
      invalid("Attributes Reason: Invalid value for FifoThroughputScope. Valid values are "
              "Topic and MessageGroup");
    return value;
  }
  if (name == "SignatureVersion") {
    if (value != "1" && value != "2")
      invalid("SignatureVersion");
    return value;
  }
  if (name == "TracingConfig") {
    if (value != "PassThrough" && value != "Active")
      invalid("Attributes Reason: TracingConfig must be PassThrough or Active");
    return value;
  }
  if (name == "KmsMasterKeyId")
    return value;
  if (is_logging_attribute(name)) {
    if (name.ends_with("SampleRate")) {
      bool digits = !value.empty() && value.size() <= 3 &&
                    value.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || std::stoi(value) > 100)
        invalid(fmt::format("Attributes Reason: {} must be an integer between 0 and 100", name));
    } else if (!value.empty() && !value.starts_with("arn:")) {
      invalid(fmt::format("Attributes Reason: {} must be an IAM role ARN", name));
    }
    return value;
  }
  invalid(creating ? "Attributes Reason: Unknown attribute " + name : "AttributeName");
}

std::vector<std::pair<std::string, std::string>> read_topic_tags(const Json &input,
                                                                 std::string_view member) {
  auto tags = read_tags(input, member, 50, "TagLimitExceeded");
  for (const auto &[k, v] : tags)
    if (k.starts_with("aws:"))
      throw ServiceError("InvalidParameter",
                         "Invalid parameter: Tags Reason: Keys can't start with aws:");
  return tags;
}

// ---- topics ------------------------------------------------------------------------------------

Json create_topic(Context &c, const Json &input) {
  std::string name = required_string(input, "Name");
  Json attributes_in = input.value("Attributes", Json::object());
  if (!attributes_in.is_object())
    invalid("Attributes");
  bool fifo = attributes_in.contains("FifoTopic") && attributes_in["FifoTopic"] == "true";
  static const re2::RE2 base_name("[A-Za-z0-9_-]+");
  if (fifo) {
    std::string base = name.ends_with(".fifo") ? name.substr(0, name.size() - 5) : "";
    if (base.empty() || name.size() > 256 || !RE2::FullMatch(base, base_name))
      invalid("Fifo Topic names must end with .fifo and must be made up of only uppercase and "
              "lowercase ASCII letters, numbers, underscores, and hyphens, and must be between "
              "1 and 256 characters long.");
  } else if (name.empty() || name.size() > 256 || !RE2::FullMatch(name, base_name)) {
    invalid("Topic Name");
  }
  std::string arn = topic_arn(c, name);
  Json attributes = Json::object();
  for (const auto &[k, v] : attributes_in.items()) {
    if (!v.is_string())
      invalid(fmt::format("Attributes Reason: {} must be a string", k));
    if (k == "FifoTopic" && !fifo) {
      parse_bool(k, v);
      continue; // "false" is the standard topic
    }
    attributes[k] = check_topic_attribute(k, v.get<std::string>(), fifo, true);
  }
  if (fifo) {
    attributes["FifoTopic"] = "true";
    if (!attributes.contains("ContentBasedDeduplication"))
      attributes["ContentBasedDeduplication"] = "false";
  }
  auto tags = read_topic_tags(input, "Tags");
  if (auto existing = c.store.get_record(kService, "topic", key_of(c, name))) {
    // Idempotent for the same attributes.
    for (const auto &[k, v] : attributes.items())
      if (k != "Policy" && (*existing)["Attributes"].value(k, "") != v)
        invalid("Attributes Reason: Topic already exists with different attributes");
    return Json{{"TopicArn", arn}};
  }
  if (!attributes.contains("Policy"))
    attributes["Policy"] = default_policy(c, arn);
  Json record = {
      {"Name", name}, {"Arn", arn}, {"Attributes", attributes}, {"Tags", tag_list(tags)}};
  c.store.put_record(kService, "topic", key_of(c, name), record);
  return Json{{"TopicArn", arn}};
}

std::vector<Json> subscriptions_of(Context &c, const std::string &topic_name) {
  std::vector<Json> out;
  for (auto &[key, record] :
       c.store.list_records(kService, "subscription", key_of(c, topic_name) + ":"))
    out.push_back(std::move(record));
  return out;
}

Json delete_topic(Context &c, const Json &input) {
  std::string arn = checked_arn(input, "TopicArn");
  std::string name = name_of_arn(c, arn);
  // Deleting a topic that does not exist is not an error (DeleteTopic is idempotent).
  if (name.empty() || !c.store.get_record(kService, "topic", key_of(c, name)))
    return Json::object();
  for (const auto &s : subscriptions_of(c, name))
    c.store.delete_record(kService, "subscription", s["Key"].get<std::string>());
  c.store.delete_record(kService, "topic", key_of(c, name));
  return Json::object();
}

Json get_topic_attributes(Context &c, const Json &input) {
  auto [name, record] = load_topic(c, checked_arn(input, "TopicArn"));
  Json out = record["Attributes"];
  out["TopicArn"] = record["Arn"];
  out["Owner"] = c.account;
  size_t confirmed = 0, pending = 0;
  for (const auto &s : subscriptions_of(c, name))
    (s.value("PendingConfirmation", false) ? pending : confirmed)++;
  out["SubscriptionsConfirmed"] = std::to_string(confirmed);
  out["SubscriptionsPending"] = std::to_string(pending);
  out["SubscriptionsDeleted"] = "0";
  if (!out.contains("DisplayName"))
    out["DisplayName"] = "";
  out["EffectiveDeliveryPolicy"] =
      R"({"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,)"
      R"("numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,)"
      R"("backoffFunction":"linear"},"disableSubscriptionOverrides":false,)"
      R"("defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}})";
  return Json{{"Attributes", out}};
}

Json set_topic_attributes(Context &c, const Json &input) {
  auto [name, record] = load_topic(c, checked_arn(input, "TopicArn"));
  std::string attribute = required_string(input, "AttributeName");
  std::string value = optional_string(input, "AttributeValue").value_or("");
  bool fifo = record["Attributes"].value("FifoTopic", "false") == "true";
  static const std::set<std::string> removable = {"DeliveryPolicy", "DataProtectionPolicy",
                                                  "ArchivePolicy", "KmsMasterKeyId"};
  if (value.empty() && attribute == "Policy") {
    // An empty policy puts the default one back.
    record["Attributes"]["Policy"] = default_policy(c, record["Arn"]);
  } else if (value.empty() && (removable.count(attribute) || is_logging_attribute(attribute))) {
    record["Attributes"].erase(attribute);
  } else {
    record["Attributes"][attribute] = check_topic_attribute(attribute, value, fifo, false);
  }
  c.store.put_record(kService, "topic", key_of(c, name), record);
  return Json::object();
}

// "Next page after KEY" tokens for the list operations.
std::string token_after(const Json &input) {
  auto token = optional_string(input, "NextToken");
  if (!token)
    return "";
  auto decoded = base64_decode(*token);
  if (!decoded)
    invalid("NextToken");
  return *decoded;
}

Json list_topics(Context &c, const Json &input) {
  std::string after = token_after(input);
  auto records = c.store.list_records(kService, "topic", c.region + ":", 101, after);
  Json topics = Json::array();
  Json out = Json::object();
  for (size_t i = 0; i < records.size() && i < 100; ++i)
    topics.push_back(Json{{"TopicArn", records[i].second["Arn"]}});
  if (records.size() > 100)
    out["NextToken"] = base64_encode(records[99].first);
  out["Topics"] = topics;
  return out;
}

// ---- subscriptions -------------------------------------------------------------------------

const std::set<std::string> kSubscriptionAttributes = {
    "DeliveryPolicy", "FilterPolicy",        "FilterPolicyScope", "RawMessageDelivery",
    "RedrivePolicy",  "SubscriptionRoleArn", "ReplayPolicy"};

void check_filter_policy(const std::string &value) {
  Json policy = Json::parse(value, nullptr, false);
  if (policy.is_discarded())
    invalid("Filter policy: failed to parse JSON.");
  if (!policy.is_object())
    invalid("Filter policy: Filter policy must be a JSON object");
  // Every leaf is a list of match values; nesting is allowed for message-body filtering.
  std::function<void(const Json &, const std::string &)> walk = [&](const Json &node,
                                                                    const std::string &key) {
    if (node.is_object()) {
      if (node.empty())
        invalid(fmt::format("Filter policy: Empty objects are not allowed ({})", key));
      for (const auto &[k, v] : node.items())
        walk(v, k);
    } else if (!node.is_array()) {
      invalid(fmt::format("Filter policy: \"{}\" must be an object or an array", key));
    } else if (node.empty()) {
      invalid(fmt::format("Filter policy: Empty arrays are not allowed ({})", key));
    }
  };
  walk(policy, "");
}

std::string check_subscription_attribute(const std::string &name, const std::string &value,
                                         const std::string &protocol) {
  if (!kSubscriptionAttributes.count(name))
    invalid("AttributeName");
  if (name == "FilterPolicy") {
    if (!value.empty())
      check_filter_policy(value);
  } else if (name == "FilterPolicyScope") {
    if (value != "MessageAttributes" && value != "MessageBody")
      invalid("Attributes Reason: FilterPolicyScope: Invalid value [" + value +
              "]. Please use either MessageBody or MessageAttributes");
  } else if (name == "RawMessageDelivery") {
    parse_bool(name, value);
    static const std::set<std::string> raw = {"sqs", "http", "https", "firehose"};
    if (value == "true" && !raw.count(protocol))
      invalid(fmt::format("Attributes Reason: Delivery protocol [{}] does not support raw "
                          "message delivery.",
                          protocol));
  } else if (name == "RedrivePolicy") {
    if (value.empty())
      return value;
    Json policy = Json::parse(value, nullptr, false);
    if (policy.is_discarded() || !policy.is_object())
      invalid("RedrivePolicy: failed to parse JSON.");
    std::string target = policy.value("deadLetterTargetArn", "");
    if (!target.starts_with("arn:") || target.find(":sqs:") == std::string::npos)
      invalid("RedrivePolicy: deadLetterTargetArn is an invalid arn");
  } else if (name == "SubscriptionRoleArn") {
    if (!value.starts_with("arn:") || value.find(":iam::") == std::string::npos)
      invalid("Attributes Reason: SubscriptionRoleArn must be an IAM role ARN");
  } else if (name == "DeliveryPolicy" || name == "ReplayPolicy") {
    if (!value.empty())
      check_json_object(name, value);
  }
  return value;
}

void check_endpoint(const std::string &protocol, const std::string &endpoint, bool fifo) {
  static const std::set<std::string> protocols = {
      "http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"};
  if (!protocols.count(protocol))
    invalid("Invalid protocol type: " + protocol);
  if (fifo && protocol != "sqs" && protocol != "firehose")
    invalid("Invalid protocol type: " + protocol +
            " Reason: Only SQS and Firehose endpoints can subscribe to FIFO topics");
  static const re2::RE2 sqs(R"(arn:aws[a-z\-]*:sqs:[a-z0-9\-]+:\d{12}:[A-Za-z0-9_\-]+(\.fifo)?)");
  static const re2::RE2 lambda(
      R"(arn:aws[a-z\-]*:lambda:[a-z0-9\-]+:\d{12}:function:[A-Za-z0-9_\-]+(:[A-Za-z0-9_$\-]+)?)");
  static const re2::RE2 firehose(
      R"(arn:aws[a-z\-]*:firehose:[a-z0-9\-]+:\d{12}:deliverystream/[A-Za-z0-9_.\-]+)");
  static const re2::RE2 email(R"([^@\s]+@[^@\s]+\.[^@\s]+)");
  static const re2::RE2 phone(R"(\+?[0-9]{7,15})");
  if (protocol == "sqs" && !RE2::FullMatch(endpoint, sqs))
    invalid("SQS endpoint ARN");
  if (protocol == "lambda" && !RE2::FullMatch(endpoint, lambda))
    invalid("Lambda endpoint ARN");
  if (protocol == "firehose" && !RE2::FullMatch(endpoint, firehose))
    invalid("Firehose endpoint ARN");
  if ((protocol == "email" || protocol == "email-json") && !RE2::FullMatch(endpoint, email))
    invalid("Email address");
  if (protocol == "sms" && !RE2::FullMatch(endpoint, phone))
    invalid("Invalid SMS endpoint: " + endpoint);
  if (protocol == "http" && !endpoint.starts_with("http://"))
    invalid("Endpoint Reason: Must start with http://");
  if (protocol == "https" && !endpoint.starts_with("https://"))
    invalid("Endpoint Reason: Must start with https://");
  if (protocol == "application" && !endpoint.starts_with("arn:"))
    invalid("Endpoint Reason: An ARN must have at least 6 elements, not 1");
}

Json subscription_shape(const Json &s) {
  return Json{{"SubscriptionArn", s.value("PendingConfirmation", false)
                                      ? "PendingConfirmation"
                                      : s["Arn"].get<std::string>()},
              {"Owner", s["Owner"]},
              {"Protocol", s["Protocol"]},
              {"Endpoint", s["Endpoint"]},
              {"TopicArn", s["TopicArn"]}};
}

Json subscribe(Context &c, const Json &input) {
  std::string arn = checked_arn(input, "TopicArn");
  std::string protocol = required_string(input, "Protocol");
  std::string endpoint = optional_string(input, "Endpoint").value_or("");
  auto [name, topic] = load_topic(c, arn);
  bool fifo = topic["Attributes"].value("FifoTopic", "false") == "true";
  check_endpoint(protocol, endpoint, fifo);
  Json attributes = Json::object();
  Json attributes_in = input.value("Attributes", Json::object());
  for (const auto &[k, v] : attributes_in.items()) {
    if (!v.is_string())
      invalid(fmt::format("Attributes Reason: {} must be a string", k));
    attributes[k] = check_subscription_attribute(k, v.get<std::string>(), protocol);
  }
  if (protocol == "firehose" && !attributes.contains("SubscriptionRoleArn"))
    invalid("Attributes Reason: Firehose subscriptions require a "
            "SubscriptionRoleArn");
  // The same topic, protocol and endpoint is the same subscription.
  for (const auto &s : subscriptions_of(c, name))
    if (s["Protocol"] == protocol && s["Endpoint"] == endpoint) {
      for (const auto &[k, v] : attributes.items())
        if (s["Attributes"].value(k, "") != v)
          invalid("Attributes Reason: Subscription already exists with different attributes");
      return Json{{"SubscriptionArn", s["Arn"]}};
    }
  std::string id = random_alnum(8) + "-" + random_alnum(4) + "-" + random_alnum(4) + "-" +
                   random_alnum(4) + "-" + random_alnum(12);
  for (char &ch : id)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::string key = key_of(c, name) + ":" + id;
  // Endpoints that must confirm stay pending (this local SNS delivers nothing to confirm).
  bool pending =
      protocol == "http" || protocol == "https" || protocol == "email" || protocol == "email-json";
  Json record = {{"Key", key},
                 {"Arn", arn + ":" + id},
                 {"TopicArn", arn},
                 {"Protocol", protocol},
                 {"Endpoint", endpoint},
                 {"Owner", c.account},
                 {"PendingConfirmation", pending},
                 {"Attributes", attributes}};
  c.store.put_record(kService, "subscription", key, record);
  bool return_arn = optional_bool(input, "ReturnSubscriptionArn");
  return Json{{"SubscriptionArn", pending && !return_arn ? "pending confirmation" : record["Arn"]}};
}

// The subscription an ARN names ("TOPICARN:ID"); throws NotFound.
std::pair<std::string, Json> load_subscription(Context &c, const std::string &arn) {
  size_t colon = arn.rfind(':');
  std::string topic = colon == std::string::npos ? "" : name_of_arn(c, arn.substr(0, colon));
  if (topic.empty())
    throw ServiceError("NotFound", "Subscription does not exist", 404);
  std::string key = key_of(c, topic) + ":" + arn.substr(colon + 1);
  auto record = c.store.get_record(kService, "subscription", key);
  if (!record)
    throw ServiceError("NotFound", "Subscription does not exist", 404);
  return {key, *record};
}

Json unsubscribe(Context &c, const Json &input) {
  std::string arn = checked_arn(input, "SubscriptionArn");
  try {
    auto [key, record] = load_subscription(c, arn);
    c.store.delete_record(kService, "subscription", key);
  } catch (const ServiceError &) {
    // Unsubscribing twice is not an error.
  }
  return Json::object();
}

Json get_subscription_attributes(Context &c, const Json &input) {
  auto [key, s] = load_subscription(c, checked_arn(input, "SubscriptionArn"));
  Json out = s["Attributes"];
  out["SubscriptionArn"] = s["Arn"];
  out["TopicArn"] = s["TopicArn"];
  out["Protocol"] = s["Protocol"];
  out["Endpoint"] = s["Endpoint"];
  out["Owner"] = s["Owner"];
  out["PendingConfirmation"] = s.value("PendingConfirmation", false) ? "true" : "false";
  out["ConfirmationWasAuthenticated"] = s.value("PendingConfirmation", false) ? "false" : "true";
  if (!out.contains("RawMessageDelivery"))
    out["RawMessageDelivery"] = "false";
  return Json{{"Attributes", out}};
}

Json set_subscription_attributes(Context &c, const Json &input) {
  auto [key, s] = load_subscription(c, checked_arn(input, "SubscriptionArn"));
  std::string attribute = required_string(input, "AttributeName");
  std::string value = optional_string(input, "AttributeValue").value_or("");
  if (value.empty() && attribute != "RawMessageDelivery" && attribute != "FilterPolicyScope" &&
      kSubscriptionAttributes.count(attribute)) {
    s["Attributes"].erase(attribute);
  } else {
    s["Attributes"][attribute] =
        check_subscription_attribute(attribute, value, s["Protocol"].get<std::string>());
  }
  c.store.put_record(kService, "subscription", key, s);
  return Json::object();
}

Json list_subscriptions_of(Context &c, const std::string &prefix, const Json &input) {
  std::string after = token_after(input);
  auto records = c.store.list_records(kService, "subscription", prefix, 101, after);
  Json subs = Json::array();
  Json out = Json::object();
  for (size_t i = 0; i < records.size() && i < 100; ++i)
    subs.push_back(subscription_shape(records[i].second));
  if (records.size() > 100)
    out["NextToken"] = base64_encode(records[99].first);
  out["Subscriptions"] = subs;
  return out;
}

Json list_subscriptions_by_topic(Context &c, const Json &input) {
  auto [name, topic] = load_topic(c, checked_arn(input, "TopicArn"));
  return list_subscriptions_of(c, key_of(c, name) + ":", input);
}

Json list_subscriptions(Context &c, const Json &input) {
  return list_subscriptions_of(c, c.region + ":", input);
}

// ---- tags ------------------------------------------------------------------------------------

std::pair<std::string, Json> load_tagged(Context &c, const Json &input) {
  std::string arn = checked_arn(input, "ResourceArn");
  std::string name = name_of_arn(c, arn);
  auto record =
      name.empty() ? std::nullopt : c.store.get_record(kService, "topic", key_of(c, name));
  if (!record)
    throw ServiceError("ResourceNotFound", "Resource does not exist", 404);
  return {name, *record};
}

Json tag_resource(Context &c, const Json &input) {
  auto [name, record] = load_tagged(c, input);
  auto tags = tags_from(record.value("Tags", Json::array()));
  for (const auto &[k, v] : read_topic_tags(input, "Tags")) {
    auto it = std::find_if(tags.begin(), tags.end(), [&](const auto &t) { return t.first == k; });
    if (it != tags.end())
      it->second = v;
    else
      tags.emplace_back(k, v);
  }
  if (tags.size() > 50)
    throw ServiceError("TagLimitExceeded", "Could not complete request: tag quota of per "
                                           "resource exceeded");
  record["Tags"] = tag_list(tags);
  c.store.put_record(kService, "topic", key_of(c, name), record);
  return Json::object();
}

Json untag_resource(Context &c, const Json &input) {
  auto [name, record] = load_tagged(c, input);
  auto keys = input.find("TagKeys");
  if (keys == input.end() || !keys->is_array())
    constraint_error("TagKeys", Json(), "not be null");
  auto tags = tags_from(record.value("Tags", Json::array()));
  std::erase_if(tags, [&](const auto &t) {
    return std::find(keys->begin(), keys->end(), t.first) != keys->end();
  });
  record["Tags"] = tag_list(tags);
  c.store.put_record(kService, "topic", key_of(c, name), record);
  return Json::object();
}

Json list_tags_for_resource(Context &c, const Json &input) {
  auto [name, record] = load_tagged(c, input);
  return Json{{"Tags", record.value("Tags", Json::array())}};
}

} // namespace

const HandlerTable &sns_handlers() {
  static const HandlerTable table = {
      {"CreateTopic", create_topic},
      {"DeleteTopic", delete_topic},
      {"GetTopicAttributes", get_topic_attributes},
      {"SetTopicAttributes", set_topic_attributes},
      {"ListTopics", list_topics},
      {"Subscribe", subscribe},
      {"Unsubscribe", unsubscribe},
      {"GetSubscriptionAttributes", get_subscription_attributes},
      {"SetSubscriptionAttributes", set_subscription_attributes},
      {"ListSubscriptions", list_subscriptions},
      {"ListSubscriptionsByTopic", list_subscriptions_by_topic},
      {"TagResource", tag_resource},
      {"UntagResource", untag_resource},
      {"ListTagsForResource", list_tags_for_resource},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
