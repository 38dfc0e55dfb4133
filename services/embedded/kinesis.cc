// The embedded Amazon Kinesis Data Streams control plane (Amazon Kinesis Data Streams API
// Reference: CreateStream, DescribeStreamSummary, DescribeStream, DeleteStream, ListStreams,
// UpdateShardCount, UpdateStreamMode, IncreaseStreamRetentionPeriod,
// DecreaseStreamRetentionPeriod, StartStreamEncryption, StopStreamEncryption,
// EnableEnhancedMonitoring, DisableEnhancedMonitoring, AddTagsToStream, RemoveTagsFromStream,
// ListTagsForStream; botocore kinesis/2013-12-02, JSON protocol). Records: kind "stream", key
// "REGION:NAME" -> {StreamDescriptionSummary as DescribeStreamSummary returns it, Tags {k: v}}.
//
// Enforced as Kinesis does: stream names, shard counts (provisioned streams only; scaling to
// between half and double the open shards), stream modes, retention periods (24-8760 hours;
// increase above, decrease below the current one), encryption with KMS keys only, shard-level
// metrics names, tag limits, and streams identified by name or ARN. Streams are ACTIVE at once.
#include "services/embedded/context.h"
#include "services/embedded/shape_checks.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace cfnlocal::services::embedded {
namespace {

constexpr std::string_view kService = "kinesis";

std::string stream_arn(const Context &c, std::string_view name) {
  return fmt::format("arn:{}:kinesis:{}:{}:stream/{}", c.partition, c.region, c.account, name);
}
std::string key_of(const Context &c, std::string_view name) {
  return c.region + ":" + std::string(name);
}

[[noreturn]] void invalid_argument(std::string message) {
  throw ServiceError("InvalidArgumentException", std::move(message));
}

// The stream named by StreamName or StreamARN.
std::pair<std::string, Json> load(Context &c, const Json &input) {
  std::string name;
  if (auto arn = optional_string(input, "StreamARN")) {
    std::string prefix = stream_arn(c, "");
    if (!arn->starts_with(prefix))
      throw ServiceError("ResourceNotFoundException",
                         fmt::format("Stream {} under account {} not found.", *arn, c.account));
    name = arn->substr(prefix.size());
  } else {
    name = string_member(input, "StreamName", "streamName");
  }
  check_length("StreamName", name, 1, 128);
  check_pattern("streamName", name, "[a-zA-Z0-9_.-]+");
  auto record = c.store.get_record(kService, "stream", key_of(c, name));
  if (!record)
    throw ServiceError("ResourceNotFoundException",
                       fmt::format("Stream {} under account {} not found.", name, c.account));
  return {name, *record};
}

void save(Context &c, const std::string &name, const Json &record) {
  c.store.put_record(kService, "stream", key_of(c, name), record);
}

std::string mode_of(const Json &input) {
  auto details = input.find("StreamModeDetails");
  if (details == input.end() || details->is_null())
    return "PROVISIONED";
  std::string mode = string_member(*details, "StreamMode", "streamModeDetails.streamMode");
  check_enum("streamModeDetails.streamMode", mode, {"PROVISIONED", "ON_DEMAND"});
  return mode;
}

std::map<std::string, std::string> read_tag_map(const Json &input, size_t already) {
  std::map<std::string, std::string> out;
  auto it = input.find("Tags");
  if (it == input.end() || it->is_null())
    return out;
  if (!it->is_object())
    constraint_error("Tags", *it, "be a map of tag keys to values");
  if (it->size() + already > 50)
    invalid_argument("Failed to add tags: a stream can have at most 50 tags.");
  for (const auto &[k, v] : it->items()) {
    std::string value = v.is_string() ? v.get<std::string>() : v.dump();
    check_length("TagKey", k, 1, 128);
    check_length("TagValue", value, 0, 256);
    if (k.starts_with("aws:"))
      invalid_argument("Tag keys beginning with aws: are reserved.");
    out[k] = value;
  }
  return out;
}

Json shards_of(int64_t n) {
  // Open shards splitting the 128-bit hash key space evenly, as a new stream gets them.
  Json shards = Json::array();
  for (int64_t i = 0; i < n; ++i)
    shards.push_back(
        {{"ShardId", fmt::format("shardId-{:012d}", i)},
         {"HashKeyRange",
          {{"StartingHashKey", std::to_string(i)}, {"EndingHashKey", std::to_string(i)}}},
         {"SequenceNumberRange", {{"StartingSequenceNumber", "0"}}}});
  return shards;
}

Json create_stream(Context &c, const Json &input) {
  std::string name = string_member(input, "StreamName", "streamName");
  check_length("StreamName", name, 1, 128);
  check_pattern("streamName", name, "[a-zA-Z0-9_.-]+");
  std::string mode = mode_of(input);
  auto shards = int_member(input, "ShardCount", "shardCount");
  if (shards)
    check_range("shardCount", *shards, 1, std::nullopt);
  if (mode == "PROVISIONED" && !shards)
    throw ServiceError("ValidationException",
                       "ShardCount is required when StreamMode is PROVISIONED.");
  if (mode == "ON_DEMAND" && shards)
    throw ServiceError("ValidationException", "ShardCount is not supported for ON_DEMAND streams.");
  if (shards && *shards > 500)
    throw ServiceError("LimitExceededException",
                       fmt::format("This request would exceed the shard limit for the account {} "
                                   "in {}. Current shard count for the account: 0. Limit: 500. "
                                   "Number of additional shards that would have resulted from "
                                   "this request: {}.",
                                   c.account, c.region, *shards));
  auto tags = read_tag_map(input, 0);
  if (c.store.get_record(kService, "stream", key_of(c, name)))
    throw ServiceError("ResourceInUseException",
                       fmt::format("Stream {} under account {} already exists.", name, c.account));
  int64_t open = shards.value_or(4); // on-demand streams start with 4 shards
  Json summary = {{"StreamName", name},
                  {"StreamARN", stream_arn(c, name)},
                  {"StreamStatus", "ACTIVE"},
                  {"StreamModeDetails", {{"StreamMode", mode}}},
                  {"RetentionPeriodHours", 24},
                  {"StreamCreationTimestamp", iso_now()},
                  {"EnhancedMonitoring", {{{"ShardLevelMetrics", Json::array()}}}},
                  {"EncryptionType", "NONE"},
                  {"OpenShardCount", open},
                  {"ConsumerCount", 0}};
  Json tag_json = Json::object();
  for (const auto &[k, v] : tags)
    tag_json[k] = v;
  save(c, name, {{"StreamDescriptionSummary", summary}, {"Tags", tag_json}});
  return Json::object();
}

Json describe_stream_summary(Context &c, const Json &input) {
  return {{"StreamDescriptionSummary", load(c, input).second["StreamDescriptionSummary"]}};
}

Json describe_stream(Context &c, const Json &input) {
  Json s = load(c, input).second["StreamDescriptionSummary"];
  Json d = s;
  d.erase("OpenShardCount");
  d.erase("ConsumerCount");
  d["Shards"] = shards_of(s["OpenShardCount"].get<int64_t>());
  d["HasMoreShards"] = false;
  return {{"StreamDescription", d}};
}

Json delete_stream(Context &c, const Json &input) {
  auto [name, record] = load(c, input);
  c.store.delete_record(kService, "stream", key_of(c, name));
  return Json::object();
}

Json list_streams(Context &c, const Json &input) {
  auto limit = int_member(input, "Limit", "limit");
  if (limit)
    check_range("limit", *limit, 1, 10000);
  size_t max = static_cast<size_t>(limit.value_or(100));
  std::string start = optional_string(input, "ExclusiveStartStreamName").value_or("");
  auto records = c.store.list_records(kService, "stream", c.region + ":", max + 1,
                                      start.empty() ? "" : key_of(c, start));
  Json names = Json::array(), summaries = Json::array();
  for (size_t i = 0; i < records.size() && i < max; ++i) {
    const Json &s = records[i].second["StreamDescriptionSummary"];
    names.push_back(s["StreamName"]);
    summaries.push_back({{"StreamName", s["StreamName"]},
                         {"StreamARN", s["StreamARN"]},
                         {"StreamStatus", s["StreamStatus"]},
                         {"StreamModeDetails", s["StreamModeDetails"]},
                         {"StreamCreationTimestamp", s["StreamCreationTimestamp"]}});
  }
  return {{"StreamNames", names},
          {"HasMoreStreams", records.size() > max},
          {"StreamSummaries", summaries}};
}

Json update_shard_count(Context &c, const Json &input) {
  auto target = int_member(input, "TargetShardCount", "targetShardCount");
  if (!target)
    constraint_error("targetShardCount", Json(), "not be null");
  check_range("targetShardCount", *target, 1, std::nullopt);
  std::string scaling = string_member(input, "ScalingType", "scalingType");
  check_enum("scalingType", scaling, {"UNIFORM_SCALING"});
  auto [name, record] = load(c, input);
  Json &s = record["StreamDescriptionSummary"];
  if (s["StreamModeDetails"]["StreamMode"] == "ON_DEMAND")
    throw ServiceError("ValidationException",
                       "UpdateShardCount is not supported for streams in ON_DEMAND mode.");
  int64_t open = s["OpenShardCount"];
  if (*target > 2 * open)
    invalid_argument(fmt::format("UpdateShardCount cannot scale up over double your current open "
                                 "shard count. Current open shard count: {} Target shard count: {}",
                                 open, *target));
  if (*target * 2 < open)
    invalid_argument(fmt::format("UpdateShardCount cannot scale down below half your current open "
                                 "shard count. Current open shard count: {} Target shard count: {}",
                                 open, *target));
  if (*target == open)
    invalid_argument(fmt::format("Target shard count {} is the same as the current open shard "
                                 "count of stream {}.",
                                 *target, name));
  s["OpenShardCount"] = *target;
  save(c, name, record);
  return {{"StreamName", name},
          {"CurrentShardCount", open},
          {"TargetShardCount", *target},
          {"StreamARN", s["StreamARN"]}};
}

Json update_stream_mode(Context &c, const Json &input) {
  std::string arn = string_member(input, "StreamARN", "streamARN");
  auto [name, record] = load(c, Json{{"StreamARN", arn}});
  std::string mode = mode_of(input);
  if (!input.contains("StreamModeDetails"))
    constraint_error("streamModeDetails", Json(), "not be null");
  Json &s = record["StreamDescriptionSummary"];
  if (s["StreamModeDetails"]["StreamMode"] == mode)
    invalid_argument(fmt::format("Stream {} is already in {} mode.", name, mode));
  s["StreamModeDetails"]["StreamMode"] = mode;
  save(c, name, record);
  return Json::object();
}

Json change_retention(Context &c, const Json &input, bool increase) {
  auto hours = int_member(input, "RetentionPeriodHours", "retentionPeriodHours");
  if (!hours)
    constraint_error("retentionPeriodHours", Json(), "not be null");
  auto [name, record] = load(c, input);
  if (*hours < 24 || *hours > 8760)
    invalid_argument(fmt::format("Minimum allowed retention period is 24 hours. Maximum allowed "
                                 "retention period is 8760 hours. Requested retention period ({} "
                                 "hours) is {} than {} allowed retention period.",
                                 *hours, *hours < 24 ? "less" : "greater",
                                 *hours < 24 ? "the minimum" : "the maximum"));
  Json &s = record["StreamDescriptionSummary"];
  int64_t current = s["RetentionPeriodHours"];
  if (increase && *hours < current)
    invalid_argument(fmt::format("Requested retention period ({} hours) for stream {} can not be "
                                 "shorter than existing retention period ({} hours). Use "
                                 "DecreaseRetentionPeriod API.",
                                 *hours, name, current));
  if (!increase && *hours > current)
    invalid_argument(fmt::format("Requested retention period ({} hours) for stream {} can not be "
                                 "longer than existing retention period ({} hours). Use "
                                 "IncreaseRetentionPeriod API.",
                                 *hours, name, current));
  s["RetentionPeriodHours"] = *hours;
  save(c, name, record);
  return Json::object();
}
Json increase_retention(Context &c, const Json &input) { return change_retention(c, input, true); }
Json decrease_retention(Context &c, const Json &input) { return change_retention(c, input, false); }

Json start_encryption(Context &c, const Json &input) {
  std::string type = string_member(input, "EncryptionType", "encryptionType");
  check_enum("encryptionType", type, {"NONE", "KMS"});
  if (type != "KMS")
    invalid_argument("Encryption type must be KMS.");
  std::string key = string_member(input, "KeyId", "keyId");
  check_length("KeyId", key, 1, 2048);
  auto [name, record] = load(c, input);
  Json &s = record["StreamDescriptionSummary"];
  s["EncryptionType"] = "KMS";
  s["KeyId"] = key;
  save(c, name, record);
  return Json::object();
}

Json stop_encryption(Context &c, const Json &input) {
  std::string type = string_member(input, "EncryptionType", "encryptionType");
  check_enum("encryptionType", type, {"NONE", "KMS"});
  std::string key = string_member(input, "KeyId", "keyId");
  auto [name, record] = load(c, input);
  Json &s = record["StreamDescriptionSummary"];
  if (s["EncryptionType"] != "KMS")
    invalid_argument(fmt::format("Stream {} is not encrypted.", name));
  s["EncryptionType"] = "NONE";
  s.erase("KeyId");
  save(c, name, record);
  return Json::object();
}

const std::set<std::string> kMetrics = {"IncomingBytes",
                                        "IncomingRecords",
                                        "OutgoingBytes",
                                        "OutgoingRecords",
                                        "WriteProvisionedThroughputExceeded",
                                        "ReadProvisionedThroughputExceeded",
                                        "IteratorAgeMilliseconds",
                                        "ALL"};

Json change_monitoring(Context &c, const Json &input, bool enable) {
  const Json *metrics = list_member(input, "ShardLevelMetrics", "shardLevelMetrics");
  if (!metrics)
    constraint_error("shardLevelMetrics", Json(), "not be null");
  check_count("shardLevelMetrics", *metrics, 1, 7);
  std::set<std::string> wanted;
  for (const auto &m : *metrics) {
    std::string name = m.is_string() ? m.get<std::string>() : m.dump();
    if (!kMetrics.count(name))
      constraint_error("shardLevelMetrics", *metrics,
                       "satisfy enum value set: [IncomingBytes, IncomingRecords, OutgoingBytes, "
                       "OutgoingRecords, WriteProvisionedThroughputExceeded, "
                       "ReadProvisionedThroughputExceeded, IteratorAgeMilliseconds, ALL]");
    if (name != "ALL") {
      wanted.insert(name);
      continue;
    }
    for (const auto &all : kMetrics)
      if (all != "ALL")
        wanted.insert(all);
  }
  auto [name, record] = load(c, input);
  Json &s = record["StreamDescriptionSummary"];
  std::set<std::string> current;
  for (const auto &m : s["EnhancedMonitoring"][0]["ShardLevelMetrics"])
    current.insert(m.get<std::string>());
  Json before = Json(std::vector<std::string>(current.begin(), current.end()));
  for (const auto &m : wanted)
    if (enable)
      current.insert(m);
    else
      current.erase(m);
  Json after = Json(std::vector<std::string>(current.begin(), current.end()));
  s["EnhancedMonitoring"][0]["ShardLevelMetrics"] = after;
  save(c, name, record);
  return {{"StreamName", name},
          {"CurrentShardLevelMetrics", before},
          {"DesiredShardLevelMetrics", after},
          {"StreamARN", s["StreamARN"]}};
}
Json enable_monitoring(Context &c, const Json &input) { return change_monitoring(c, input, true); }
Json disable_monitoring(Context &c, const Json &input) {
  return change_monitoring(c, input, false);
}

Json add_tags(Context &c, const Json &input) {
  auto [name, record] = load(c, input);
  if (!input.contains("Tags"))
    constraint_error("tags", Json(), "not be null");
  Json &tags = record["Tags"];
  for (const auto &[k, v] : read_tag_map(input, 0))
    tags[k] = v;
  if (tags.size() > 50)
    invalid_argument("Failed to add tags: a stream can have at most 50 tags.");
  save(c, name, record);
  return Json::object();
}

Json remove_tags(Context &c, const Json &input) {
  auto [name, record] = load(c, input);
  const Json *keys = list_member(input, "TagKeys", "tagKeys");
  if (!keys)
    constraint_error("tagKeys", Json(), "not be null");
  for (const auto &k : *keys)
    if (k.is_string())
      record["Tags"].erase(k.get<std::string>());
  save(c, name, record);
  return Json::object();
}

Json list_tags(Context &c, const Json &input) {
  auto [name, record] = load(c, input);
  Json tags = Json::array();
  for (const auto &[k, v] : record["Tags"].items())
    tags.push_back({{"Key", k}, {"Value", v}});
  return {{"Tags", tags}, {"HasMoreTags", false}};
}

} // namespace

const HandlerTable &kinesis_handlers() {
  static const HandlerTable table = {
      {"CreateStream", create_stream},
      {"DescribeStreamSummary", describe_stream_summary},
      {"DescribeStream", describe_stream},
      {"DeleteStream", delete_stream},
      {"ListStreams", list_streams},
      {"UpdateShardCount", update_shard_count},
      {"UpdateStreamMode", update_stream_mode},
      {"IncreaseStreamRetentionPeriod", increase_retention},
      {"DecreaseStreamRetentionPeriod", decrease_retention},
      {"StartStreamEncryption", start_encryption},
      {"StopStreamEncryption", stop_encryption},
      {"EnableEnhancedMonitoring", enable_monitoring},
      {"DisableEnhancedMonitoring", disable_monitoring},
      {"AddTagsToStream", add_tags},
      {"RemoveTagsFromStream", remove_tags},
      {"ListTagsForStream", list_tags},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
