// The embedded Amazon SQS control plane (Amazon SQS API Reference: CreateQueue, GetQueueUrl,
// GetQueueAttributes, SetQueueAttributes, DeleteQueue, ListQueues, TagQueue, UntagQueue,
// ListQueueTags; botocore sqs/2012-11-05, JSON protocol). Records: kind "queue", key
// "REGION:NAME" -> {Name, Url, Arn, Attributes {name: string}, Tags {key: value}}.
//
// What SQS enforces is enforced here: queue names (1-80 of [A-Za-z0-9_-], ".fifo" exactly for
// FIFO queues), the attributes each queue type accepts and their ranges, redrive policies whose
// dead-letter queue must exist, be of the same type and allow the source, policy documents,
// one server-side encryption at a time, and CreateQueue's idempotency (same name and
// attributes: the existing URL; different attributes: QueueNameExists).
#include "services/embedded/context.h"
#include "services/embedded/policy_document.h"

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <re2/re2.h>
#include <set>

namespace cfnlocal::services::embedded {
namespace {

constexpr std::string_view kService = "sqs";
using Attributes = std::map<std::string, std::string>;

[[noreturn]] void no_queue() {
  throw ServiceError("QueueDoesNotExist", "The specified queue does not exist.");
}

[[noreturn]] void invalid_value(std::string_view name, std::string_view reason = {}) {
  throw ServiceError(
      "InvalidAttributeValue",
      reason.empty() ? fmt::format("Invalid value for the parameter {}.", name)
                     : fmt::format("Invalid value for the parameter {}. Reason: {}", name, reason));
}

std::string key_of(const Context &c, std::string_view name) {
  return c.region + ":" + std::string(name);
}

std::string url_of(const Context &c, std::string_view name) {
  std::string domain = c.partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
  return fmt::format("https://sqs.{}.{}/{}/{}", c.region, domain, c.account, name);
}

std::string arn_of(const Context &c, std::string_view name) {
  return fmt::format("arn:{}:sqs:{}:{}:{}", c.partition, c.region, c.account, name);
}

std::string epoch_seconds() {
  return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count());
}

// The queue a URL names (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME, or the legacy
// https://REGION.queue.amazonaws.com/ACCOUNT/NAME); throws QueueDoesNotExist.
std::pair<std::string, Json> load_by_url(Context &c, const std::string &url) {
  size_t slash = url.rfind('/');
  if (slash == std::string::npos || slash + 1 >= url.size())
    throw ServiceError("InvalidAddress", fmt::format("The address {} is not valid for this "
                                                     "endpoint.",
                                                     url));
  std::string name = url.substr(slash + 1);
  size_t account_start = url.rfind('/', slash - 1);
  std::string account = account_start == std::string::npos
                            ? ""
                            : url.substr(account_start + 1, slash - account_start - 1);
  if (account != c.account)
    no_queue();
  auto record = c.store.get_record(kService, "queue", key_of(c, name));
  if (!record)
    no_queue();
  return {name, *record};
}

std::string queue_url_member(const Json &input) {
  std::string url = required_string(input, "QueueUrl");
  if (url.empty())
    constraint_error("QueueUrl", url, "not be empty");
  return url;
}

// ---- attributes -------------------------------------------------------------------------------

struct IntRange {
  const char *name;
  int64_t min, max, fallback;
};

constexpr IntRange kIntRanges[] = {
    {"DelaySeconds", 0, 900, 0},
    {"MaximumMessageSize", 1024, 1048576, 1048576},
    {"MessageRetentionPeriod", 60, 1209600, 345600},
    {"ReceiveMessageWaitTimeSeconds", 0, 20, 0},
    {"VisibilityTimeout", 0, 43200, 30},
    {"KmsDataKeyReusePeriodSeconds", 60, 86400, 300},
};

const std::set<std::string> kSettable = {"DelaySeconds",
                                         "MaximumMessageSize",
                                         "MessageRetentionPeriod",
                                         "Policy",
                                         "ReceiveMessageWaitTimeSeconds",
                                         "VisibilityTimeout",
                                         "RedrivePolicy",
                                         "RedriveAllowPolicy",
                                         "KmsMasterKeyId",
                                         "KmsDataKeyReusePeriodSeconds",
                                         "SqsManagedSseEnabled",
                                         "FifoQueue",
                                         "ContentBasedDeduplication",
                                         "DeduplicationScope",
                                         "FifoThroughputLimit"};
const std::set<std::string> kFifoOnly = {"FifoQueue", "ContentBasedDeduplication",
                                         "DeduplicationScope", "FifoThroughputLimit"};

// Attributes every new queue has, for its type.
Attributes defaults(bool fifo) {
  Attributes a;
  for (const auto &r : kIntRanges)
    if (std::string_view(r.name) != "KmsDataKeyReusePeriodSeconds")
      a[r.name] = std::to_string(r.fallback);
  a["SqsManagedSseEnabled"] = "true";
  if (fifo) {
    a["FifoQueue"] = "true";
    a["ContentBasedDeduplication"] = "false";
    a["DeduplicationScope"] = "queue";
    a["FifoThroughputLimit"] = "perQueue";
  }
  return a;
}

Attributes read_attributes(const Json &input) {
  Attributes out;
  auto it = input.find("Attributes");
  if (it == input.end() || it->is_null())
    return out;
  if (!it->is_object())
    constraint_error("Attributes", *it, "be a map of attribute names to values");
  for (const auto &[name, value] : it->items()) {
    if (value.is_string())
      out[name] = value.get<std::string>();
    else if (value.is_boolean())
      out[name] = value.get<bool>() ? "true" : "false";
    else if (value.is_number_integer())
      out[name] = std::to_string(value.get<int64_t>());
    else
      invalid_value(name);
  }
  return out;
}

bool parse_bool(const std::string &name, const std::string &value) {
  if (value == "true")
    return true;
  if (value == "false")
    return false;
  invalid_value(name);
}

std::optional<Json> queue_by_arn(Context &c, const std::string &arn) {
  // arn:partition:sqs:region:account:name
  std::vector<std::string> parts;
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    size_t colon = arn.find(':', start);
    if (colon == std::string::npos)
      return std::nullopt;
    parts.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  parts.push_back(arn.substr(start));
  if (parts[0] != "arn" || parts[2] != "sqs" || parts[3] != c.region || parts[4] != c.account)
    return std::nullopt;
  return c.store.get_record(kService, "queue", key_of(c, parts[5]));
}

// Checks RedrivePolicy for the queue `source_arn` (of type `fifo`); returns its canonical text.
std::string check_redrive(Context &c, const std::string &text, const std::string &source_arn,
                          bool fifo) {
  auto bad = [&](std::string_view reason) -> std::string {
    throw ServiceError(
        "InvalidAttributeValue",
        fmt::format("Value {} for parameter RedrivePolicy is invalid. Reason: {}", text, reason));
  };
  Json policy = Json::parse(text, nullptr, false);
  if (policy.is_discarded() || !policy.is_object())
    return bad("Redrive policy is not a valid JSON map.");
  for (const auto &[k, v] : policy.items())
    if (k != "deadLetterTargetArn" && k != "maxReceiveCount")
      return bad(fmt::format("Only following attributes are supported: [deadLetterTargetArn, "
                             "maxReceiveCount]. Got {}.",
                             k));
  auto target = policy.find("deadLetterTargetArn");
  auto count = policy.find("maxReceiveCount");
  if (target == policy.end() || !target->is_string())
    return bad("Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
  if (count == policy.end())
    return bad("Redrive policy does not contain mandatory attribute: maxReceiveCount.");
  int64_t n = 0;
  if (count->is_number_integer())
    n = count->get<int64_t>();
  else if (count->is_string() && !count->get<std::string>().empty() &&
           count->get<std::string>().find_first_not_of("0123456789") == std::string::npos &&
           count->get<std::string>().size() < 10)
    n = std::stoll(count->get<std::string>());
  else
    return bad("Invalid value for maxReceiveCount.");
  if (n < 1 || n > 1000)
    return bad(fmt::format("Invalid value for maxReceiveCount: {}, valid values are from 1 to "
                           "1000 both inclusive.",
                           n));
  std::string arn = target->get<std::string>();
  auto dlq = queue_by_arn(c, arn);
  if (!dlq)
    return bad("Dead letter target does not exist.");
  if (arn == source_arn)
    return bad("Dead letter target cannot be the source queue.");
  bool dlq_fifo = (*dlq)["Attributes"].value("FifoQueue", "false") == "true";
  if (dlq_fifo != fifo)
    return bad(fifo ? "Dead-letter queue of a FIFO queue must also be a FIFO queue."
                    : "Dead-letter queue of a standard queue must also be a standard queue.");
  // The dead-letter queue's RedriveAllowPolicy decides who may use it.
  std::string allow = (*dlq)["Attributes"].value("RedriveAllowPolicy", "");
  if (!allow.empty()) {
    Json a = Json::parse(allow, nullptr, false);
    std::string permission = a.value("redrivePermission", "allowAll");
    bool allowed = permission == "allowAll";
    if (permission == "byQueue")
      for (const auto &s : a.value("sourceQueueArns", Json::array()))
        allowed = allowed || s == source_arn;
    if (!allowed)
      return bad(fmt::format("Queue {} does not allow this queue to use it as a dead-letter "
                             "queue (RedriveAllowPolicy {}).",
                             arn, permission));
  }
  return Json{{"deadLetterTargetArn", arn}, {"maxReceiveCount", n}}.dump();
}

std::string check_redrive_allow(const std::string &text) {
  auto bad = [&](std::string_view reason) -> std::string {
    throw ServiceError(
        "InvalidAttributeValue",
        fmt::format("Value {} for parameter RedriveAllowPolicy is invalid. Reason: {}", text,
                    reason));
  };
  Json policy = Json::parse(text, nullptr, false);
  if (policy.is_discarded() || !policy.is_object())
    return bad("Redrive allow policy is not a valid JSON map.");
  auto permission = policy.find("redrivePermission");
  if (permission == policy.end() || !permission->is_string())
    return bad("Redrive allow policy does not contain mandatory attribute: redrivePermission.");
  std::string p = *permission;
  if (p != "allowAll" && p != "denyAll" && p != "byQueue")
    return bad("Invalid value for redrivePermission. Valid values are allowAll, denyAll and "
               "byQueue.");
  auto sources = policy.find("sourceQueueArns");
  if (p == "byQueue") {
    if (sources == policy.end() || !sources->is_array() || sources->empty())
      return bad("sourceQueueArns must be specified when redrivePermission is byQueue.");
    if (sources->size() > 10)
      return bad("Up to 10 sourceQueueArns can be specified.");
  } else if (sources != policy.end()) {
    return bad("sourceQueueArns can only be specified when redrivePermission is byQueue.");
  }
  return policy.dump();
}

// Checks `changes` against the queue's type and current attributes and applies them. Empty
// values of Policy, RedrivePolicy, RedriveAllowPolicy and KmsMasterKeyId remove the attribute.
void apply_attributes(Context &c, Attributes &current, const Attributes &changes,
                      const std::string &arn, bool fifo, bool creating) {
  for (const auto &[name, value] : changes) {
    if (!kSettable.count(name) || (kFifoOnly.count(name) && !fifo && name != "FifoQueue"))
      throw ServiceError("InvalidAttributeName", fmt::format("Unknown Attribute {}.", name));
    if (name == "FifoQueue") {
      bool wanted = parse_bool(name, value);
      if (wanted != fifo)
        invalid_value(name, creating ? "" : "Modifying queue type is not supported.");
      continue;
    }
    bool ranged = false;
    for (const auto &r : kIntRanges) {
      if (name != r.name)
        continue;
      ranged = true;
      int64_t n = 0;
      try {
        size_t used = 0;
        n = std::stoll(value, &used);
        if (used != value.size())
          invalid_value(name);
      } catch (const std::logic_error &) {
        invalid_value(name);
      }
      if (n < r.min || n > r.max)
        invalid_value(name);
      current[name] = std::to_string(n);
    }
    if (ranged)
      continue;
    if (name == "SqsManagedSseEnabled" || name == "ContentBasedDeduplication") {
      current[name] = parse_bool(name, value) ? "true" : "false";
    } else if (name == "DeduplicationScope") {
      if (value != "messageGroup" && value != "queue")
        invalid_value(name);
      current[name] = value;
    } else if (name == "FifoThroughputLimit") {
      if (value != "perQueue" && value != "perMessageGroupId")
        invalid_value(name);
      current[name] = value;
    } else if (value.empty()) {
      current.erase(name); // Policy, RedrivePolicy, RedriveAllowPolicy, KmsMasterKeyId
    } else if (name == "Policy") {
      if (auto problem = policy_problem(value, PolicyKind::Resource))
        invalid_value(name, *problem);
      current[name] = value;
    } else if (name == "RedrivePolicy") {
      current[name] = check_redrive(c, value, arn, fifo);
    } else if (name == "RedriveAllowPolicy") {
      current[name] = check_redrive_allow(value);
    } else if (name == "KmsMasterKeyId") {
      current[name] = value;
      if (!changes.count("KmsDataKeyReusePeriodSeconds") &&
          !current.count("KmsDataKeyReusePeriodSeconds"))
        current["KmsDataKeyReusePeriodSeconds"] = "300";
    }
  }
  // One server-side encryption at a time: a KMS key turns SQS-managed SSE off unless both were
  // asked for together.
  if (current.count("KmsMasterKeyId")) {
    auto sse = changes.find("SqsManagedSseEnabled");
    if (sse != changes.end() && sse->second == "true")
      invalid_value("SqsManagedSseEnabled",
                    "You can use one type of server-side encryption (SSE) at one time. You can "
                    "either enable KMS SSE or SQS SSE.");
    current["SqsManagedSseEnabled"] = "false";
  } else {
    current.erase("KmsDataKeyReusePeriodSeconds");
  }
  if (fifo && current["FifoThroughputLimit"] == "perMessageGroupId" &&
      current["DeduplicationScope"] != "messageGroup")
    invalid_value("FifoThroughputLimit",
                  "The perMessageGroupId value is allowed only when the value for "
                  "DeduplicationScope is messageGroup.");
}

Attributes attributes_of(const Json &record) {
  Attributes out;
  Json stored = record.value("Attributes", Json::object());
  for (const auto &[k, v] : stored.items())
    out[k] = v.get<std::string>();
  return out;
}

Json to_json(const Attributes &a) {
  Json out = Json::object();
  for (const auto &[k, v] : a)
    out[k] = v;
  return out;
}

// Tags as a map; SQS allows 50 per queue, keys 1-128, values 0-256, no "aws:" prefix.
std::map<std::string, std::string> read_tag_map(const Json &input, std::string_view member) {
  std::map<std::string, std::string> out;
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    return out;
  if (!it->is_object())
    constraint_error(member, *it, "be a map of tag keys to values");
  for (const auto &[k, v] : it->items()) {
    if (!v.is_string())
      constraint_error("Value", v, "be a string");
    if (k.empty() || utf8_length(k) > 128 || utf8_length(v.get<std::string>()) > 256)
      throw ServiceError("InvalidParameterValue",
                         fmt::format("Tag key or value is not valid: {}", k));
    if (k.starts_with("aws:"))
      throw ServiceError("InvalidParameterValue",
                         "The request includes a tag key that starts with the reserved prefix "
                         "aws:.");
    out[k] = v.get<std::string>();
  }
  return out;
}

void check_tag_count(size_t n) {
  if (n > 50)
    throw ServiceError("InvalidParameterValue", fmt::format("Too many tags added for queue. "
                                                            "The queue would have {} tags; at "
                                                            "most 50 are allowed.",
                                                            n));
}

// ---- operations -------------------------------------------------------------------------------

Json create_queue(Context &c, const Json &input) {
  std::string name = required_string(input, "QueueName");
  Attributes wanted = read_attributes(input);
  bool fifo = wanted.count("FifoQueue") && wanted["FifoQueue"] == "true";
  if (wanted.count("FifoQueue"))
    parse_bool("FifoQueue", wanted["FifoQueue"]);
  static const re2::RE2 standard_name("[A-Za-z0-9_-]{1,80}");
  static const re2::RE2 fifo_base("[A-Za-z0-9_-]+");
  if (fifo) {
    std::string base = name.ends_with(".fifo") ? name.substr(0, name.size() - 5) : "";
    if (base.empty() || name.size() > 80 || !RE2::FullMatch(base, fifo_base))
      throw ServiceError("InvalidParameterValue",
                         "The name of a FIFO queue can only include alphanumeric characters, "
                         "hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in "
                         "length.");
  } else if (!RE2::FullMatch(name, standard_name)) {
    throw ServiceError("InvalidParameterValue", "Can only include alphanumeric characters, "
                                                "hyphens, or underscores. 1 to 80 in length");
  }
  // FifoQueue=false is the standard queue's value: accepted, not stored.
  if (!fifo)
    wanted.erase("FifoQueue");
  auto tags = read_tag_map(input, "tags");
  check_tag_count(tags.size());

  std::string arn = arn_of(c, name);
  Attributes attributes = defaults(fifo);
  apply_attributes(c, attributes, wanted, arn, fifo, true);

  if (auto existing = c.store.get_record(kService, "queue", key_of(c, name))) {
    // Idempotent for the same attributes; a differing one is named.
    Attributes current = attributes_of(*existing);
    for (const auto &[k, v] : attributes)
      if (current[k] != v)
        throw ServiceError("QueueNameExists",
                           fmt::format("A queue already exists with the same name and a "
                                       "different value for attribute {}",
                                       k));
    return Json{{"QueueUrl", (*existing)["Url"]}};
  }
  std::string now = epoch_seconds();
  attributes["CreatedTimestamp"] = now;
  attributes["LastModifiedTimestamp"] = now;
  Json tag_json = Json::object();
  for (const auto &[k, v] : tags)
    tag_json[k] = v;
  Json record = {{"Name", name},
                 {"Url", url_of(c, name)},
                 {"Arn", arn},
                 {"Attributes", to_json(attributes)},
                 {"Tags", tag_json}};
  c.store.put_record(kService, "queue", key_of(c, name), record);
  return Json{{"QueueUrl", record["Url"]}};
}

Json get_queue_url(Context &c, const Json &input) {
  std::string name = required_string(input, "QueueName");
  if (auto owner = optional_string(input, "QueueOwnerAWSAccountId"); owner && *owner != c.account)
    no_queue();
  auto record = c.store.get_record(kService, "queue", key_of(c, name));
  if (!record)
    no_queue();
  return Json{{"QueueUrl", (*record)["Url"]}};
}

Json get_queue_attributes(Context &c, const Json &input) {
  auto [name, record] = load_by_url(c, queue_url_member(input));
  static const std::set<std::string> known = {"All",
                                              "Policy",
                                              "VisibilityTimeout",
                                              "MaximumMessageSize",
                                              "MessageRetentionPeriod",
                                              "ApproximateNumberOfMessages",
                                              "ApproximateNumberOfMessagesNotVisible",
                                              "CreatedTimestamp",
                                              "LastModifiedTimestamp",
                                              "QueueArn",
                                              "ApproximateNumberOfMessagesDelayed",
                                              "DelaySeconds",
                                              "ReceiveMessageWaitTimeSeconds",
                                              "RedrivePolicy",
                                              "FifoQueue",
                                              "ContentBasedDeduplication",
                                              "KmsMasterKeyId",
                                              "KmsDataKeyReusePeriodSeconds",
                                              "DeduplicationScope",
                                              "FifoThroughputLimit",
                                              "RedriveAllowPolicy",
                                              "SqsManagedSseEnabled"};
  Attributes all = attributes_of(record);
  all["QueueArn"] = record["Arn"];
  for (const char *n : {"ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                        "ApproximateNumberOfMessagesDelayed"})
    all[n] = "0";
  std::set<std::string> names;
  if (auto list = input.find("AttributeNames"); list != input.end() && list->is_array())
    for (const auto &n : *list) {
      std::string s = n.is_string() ? n.get<std::string>() : n.dump();
      if (!known.count(s))
        throw ServiceError("InvalidAttributeName", fmt::format("Unknown Attribute {}.", s));
      names.insert(s);
    }
  Json out = Json::object();
  for (const auto &[k, v] : all)
    if (names.count("All") || names.count(k))
      out[k] = v;
  return out.empty() ? Json::object() : Json{{"Attributes", out}};
}

Json set_queue_attributes(Context &c, const Json &input) {
  auto [name, record] = load_by_url(c, queue_url_member(input));
  if (!input.contains("Attributes"))
    constraint_error("Attributes", Json(), "not be null");
  Attributes changes = read_attributes(input);
  Attributes current = attributes_of(record);
  bool fifo = current.count("FifoQueue") && current["FifoQueue"] == "true";
  apply_attributes(c, current, changes, record["Arn"], fifo, false);
  current["LastModifiedTimestamp"] = epoch_seconds();
  record["Attributes"] = to_json(current);
  c.store.put_record(kService, "queue", key_of(c, name), record);
  return Json::object();
}

Json delete_queue(Context &c, const Json &input) {
  auto [name, record] = load_by_url(c, queue_url_member(input));
  c.store.delete_record(kService, "queue", key_of(c, name));
  return Json::object();
}

Json list_queues(Context &c, const Json &input) {
  std::string prefix = optional_string(input, "QueueNamePrefix").value_or("");
  auto max = optional_int(input, "MaxResults");
  if (max && (*max < 1 || *max > 1000))
    throw ServiceError("InvalidParameterValue",
                       "Value for parameter MaxResults is invalid. Reason: MaxResults must be an "
                       "integer between 1 and 1000.");
  std::string after;
  if (auto token = optional_string(input, "NextToken")) {
    auto decoded = base64_decode(*token);
    if (!decoded)
      throw ServiceError("InvalidParameterValue", "Invalid NextToken value.");
    after = *decoded;
  }
  std::string key_prefix = c.region + ":" + prefix;
  // Without MaxResults, SQS returns at most 1000 URLs and no token.
  size_t limit = static_cast<size_t>(max.value_or(1000));
  auto records = c.store.list_records(kService, "queue", key_prefix, limit + 1,
                                      after.empty() ? "" : c.region + ":" + after);
  Json urls = Json::array();
  Json out = Json::object();
  for (size_t i = 0; i < records.size() && i < limit; ++i)
    urls.push_back(records[i].second["Url"]);
  if (max && records.size() > limit)
    out["NextToken"] = base64_encode(records[limit - 1].second["Name"].get<std::string>());
  if (!urls.empty())
    out["QueueUrls"] = urls;
  return out;
}

Json tag_queue(Context &c, const Json &input) {
  auto [name, record] = load_by_url(c, queue_url_member(input));
  if (!input.contains("Tags"))
    constraint_error("Tags", Json(), "not be null");
  auto added = read_tag_map(input, "Tags");
  Json tags = record.value("Tags", Json::object());
  for (const auto &[k, v] : added)
    tags[k] = v;
  check_tag_count(tags.size());
  record["Tags"] = tags;
  c.store.put_record(kService, "queue", key_of(c, name), record);
  return Json::object();
}

Json untag_queue(Context &c, const Json &input) {
  auto [name, record] = load_by_url(c, queue_url_member(input));
  auto keys = input.find("TagKeys");
  if (keys == input.end() || !keys->is_array())
    constraint_error("TagKeys", Json(), "not be null");
  Json tags = record.value("Tags", Json::object());
  for (const auto &k : *keys)
    if (k.is_string())
      tags.erase(k.get<std::string>());
  record["Tags"] = tags;
  c.store.put_record(kService, "queue", key_of(c, name), record);
  return Json::object();
}

Json list_queue_tags(Context &c, const Json &input) {
  auto [name, record] = load_by_url(c, queue_url_member(input));
  Json tags = record.value("Tags", Json::object());
  return tags.empty() ? Json::object() : Json{{"Tags", tags}};
}

} // namespace

const HandlerTable &sqs_handlers() {
  static const HandlerTable table = {
      {"CreateQueue", create_queue},
      {"GetQueueUrl", get_queue_url},
      {"GetQueueAttributes", get_queue_attributes},
      {"SetQueueAttributes", set_queue_attributes},
      {"DeleteQueue", delete_queue},
      {"ListQueues", list_queues},
      {"TagQueue", tag_queue},
      {"UntagQueue", untag_queue},
      {"ListQueueTags", list_queue_tags},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
