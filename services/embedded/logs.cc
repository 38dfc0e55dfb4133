// The embedded Amazon CloudWatch Logs (CloudWatch Logs API Reference: CreateLogGroup,
// DeleteLogGroup, DescribeLogGroups, PutRetentionPolicy, DeleteRetentionPolicy, TagResource,
// UntagResource, ListTagsForResource, TagLogGroup, ListTagsLogGroup, CreateLogStream,
// DeleteLogStream, DescribeLogStreams, PutLogEvents, GetLogEvents, FilterLogEvents; botocore
// logs/2014-03-28, JSON protocol). Records (logs_common.h): group {logGroupName, creationTime,
// retentionInDays?, kmsKeyId?, logGroupClass, deletionProtectionEnabled, tags {k: v}}; stream
// {logStreamName, creationTime, firstEventTimestamp?, lastEventTimestamp?, lastIngestionTime?,
// storedBytes, nextSequence}; event {timestamp, message, ingestionTime}.
//
// Enforced as CloudWatch Logs does: group names (1-512 of [.-_/#A-Za-z0-9]), stream names (1-512,
// no ':' or '*'), the retention values the service accepts, log group classes, 50 tags (keys
// 1-128, values 0-256, no "aws:" prefix), uniqueness, groups and streams that must exist, batches
// of at most 10,000 events, chronological order and 24 hours of span within a batch, events too
// old or too new rejected as rejectedLogEventsInfo, deletion protection.
#include "services/embedded/logs_common.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <re2/re2.h>
#include <set>

namespace cfnlocal::services::embedded {
namespace logs {

constexpr std::string_view kService = "logs";

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

constexpr int kRetentionDays[] = {1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
                                  365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

[[noreturn]] void invalid(std::string message) {
  throw ServiceError("InvalidParameterException", std::move(message));
}

// AWS's "1 validation error detected" wording, with Logs' error code.
[[noreturn]] void constraint(std::string_view member, const Json &value, std::string_view rule) {
  try {
    constraint_error(member, value, rule);
  } catch (const ServiceError &e) {
    invalid(e.message());
  }
}

[[noreturn]] void group_not_found() {
  throw ServiceError("ResourceNotFoundException", "The specified log group does not exist.");
}
[[noreturn]] void stream_not_found() {
  throw ServiceError("ResourceNotFoundException", "The specified log stream does not exist.");
}

std::string group_key(const Context &c, const std::string &group) { return c.region + ":" + group; }
std::string stream_key(const Context &c, const std::string &group, const std::string &stream) {
  return c.region + ":" + group + ":" + stream;
}

std::string group_arn(const Context &c, const std::string &group) {
  return fmt::format("arn:{}:logs:{}:{}:log-group:{}", c.partition, c.region, c.account, group);
}

std::string checked_group_name(const Json &input, std::string_view member = "logGroupName") {
  std::string name;
  try {
    name = required_string(input, member);
  } catch (const ServiceError &e) {
    invalid(e.message());
  }
  static const re2::RE2 pattern(R"([\.\-_/#A-Za-z0-9]+)");
  if (name.empty() || name.size() > 512)
    constraint(member, name,
               name.empty() ? "have length greater than or equal to 1"
                            : "have length less than or equal to 512");
  if (!re2::RE2::FullMatch(name, pattern))
    constraint(member, name, "satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
  return name;
}

std::string checked_stream_name(const Json &input, std::string_view member = "logStreamName") {
  std::string name;
  try {
    name = required_string(input, member);
  } catch (const ServiceError &e) {
    invalid(e.message());
  }
  if (name.empty() || utf8_length(name) > 512)
    constraint(member, name,
               name.empty() ? "have length greater than or equal to 1"
                            : "have length less than or equal to 512");
  if (name.find_first_of(":*") != std::string::npos)
    constraint(member, name, "satisfy regular expression pattern: [^:*]*");
  return name;
}

// The group named by logGroupName or logGroupIdentifier (a name or an ARN).
std::string group_member(const Json &input, bool required = true) {
  if (auto id = optional_string(input, "logGroupIdentifier")) {
    if (input.contains("logGroupName"))
      invalid("LogGroup name and LogGroup identifier are mutually exclusive parameters.");
    std::string name = *id;
    if (name.starts_with("arn:")) {
      size_t at = name.find(":log-group:");
      if (at == std::string::npos)
        invalid(fmt::format("Invalid log group identifier {}", *id));
      name = name.substr(at + 11);
      if (name.ends_with(":*"))
        name.resize(name.size() - 2);
    }
    return checked_group_name(Json{{"logGroupIdentifier", name}}, "logGroupIdentifier");
  }
  if (!required && !input.contains("logGroupName"))
    return "";
  if (!input.contains("logGroupName"))
    invalid("Either LogGroup name or LogGroup identifier must be specified.");
  return checked_group_name(input);
}

Json load_group(Context &c, const std::string &group) {
  auto record = c.store.get_record(kService, "group", group_key(c, group));
  if (!record)
    group_not_found();
  return *record;
}

Json read_tags(const Json &input, std::string_view member, bool required) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null()) {
    if (required)
      constraint(member, Json(), "not be null");
    return Json::object();
  }
  if (!it->is_object())
    constraint(member, *it, "be a map of tag keys to values");
  for (const auto &[k, v] : it->items()) {
    if (!v.is_string())
      constraint("tags", v, "be a string");
    if (k.empty() || utf8_length(k) > 128)
      constraint("tags", k, "have length between 1 and 128");
    if (utf8_length(v.get<std::string>()) > 256)
      constraint("tags", v, "have length less than or equal to 256");
    if (k.starts_with("aws:"))
      invalid("Tag keys beginning with 'aws:' are reserved.");
  }
  if (it->size() > 50)
    throw ServiceError(
        "TooManyTagsException",
        fmt::format("A resource can have no more than 50 tags; the request has {}.", it->size()));
  return *it;
}

Json describe_group(const Context &c, const Json &g) {
  std::string name = g["logGroupName"];
  Json out = {{"logGroupName", name},
              {"creationTime", g["creationTime"]},
              {"metricFilterCount", 0},
              {"arn", group_arn(c, name) + ":*"},
              {"logGroupArn", group_arn(c, name)},
              {"storedBytes", g.value("storedBytes", 0)},
              {"logGroupClass", g.value("logGroupClass", "STANDARD")},
              {"deletionProtectionEnabled", g.value("deletionProtectionEnabled", false)}};
  if (g.contains("retentionInDays"))
    out["retentionInDays"] = g["retentionInDays"];
  if (g.contains("kmsKeyId"))
    out["kmsKeyId"] = g["kmsKeyId"];
  return out;
}

Json new_group(const std::string &name) {
  return Json{{"logGroupName", name},
              {"creationTime", now_ms()},
              {"logGroupClass", "STANDARD"},
              {"deletionProtectionEnabled", false},
              {"tags", Json::object()}};
}

// ---- groups -----------------------------------------------------------------------------------

Json create_log_group(Context &c, const Json &input) {
  std::string name = checked_group_name(input);
  Json group = new_group(name);
  if (auto cls = optional_string(input, "logGroupClass")) {
    if (*cls != "STANDARD" && *cls != "INFREQUENT_ACCESS" && *cls != "DELIVERY")
      constraint("logGroupClass", *cls,
                 "satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]");
    group["logGroupClass"] = *cls;
  }
  if (auto kms = optional_string(input, "kmsKeyId")) {
    if (kms->size() > 256)
      constraint("kmsKeyId", *kms, "have length less than or equal to 256");
    if (!kms->starts_with("arn:") || kms->find(":kms:") == std::string::npos)
      invalid(fmt::format("Invalid KMS key ARN: {}. Specify the full ARN of the key.", *kms));
    group["kmsKeyId"] = *kms;
  }
  group["deletionProtectionEnabled"] = optional_bool(input, "deletionProtectionEnabled");
  group["tags"] = read_tags(input, "tags", false);
  if (c.store.get_record(kService, "group", group_key(c, name)))
    throw ServiceError("ResourceAlreadyExistsException", "The specified log group already exists");
  c.store.put_record(kService, "group", group_key(c, name), group);
  return Json::object();
}

void delete_streams_and_events(Context &c, const std::string &group, const std::string &stream) {
  std::string prefix = stream.empty() ? group_key(c, group) + ":" : stream_key(c, group, stream);
  for (const auto &[key, _] : c.store.list_records(kService, "stream", prefix))
    c.store.delete_record(kService, "stream", key);
  std::string event_prefix = stream.empty() ? prefix : prefix + ":";
  for (const auto &[key, _] : c.store.list_records(kService, "event", event_prefix))
    c.store.delete_record(kService, "event", key);
}

Json delete_log_group(Context &c, const Json &input) {
  std::string name = group_member(input);
  Json group = load_group(c, name);
  if (group.value("deletionProtectionEnabled", false))
    throw ServiceError("OperationAbortedException",
                       fmt::format("Log group {} has deletion protection enabled. Disable it "
                                   "before deleting the log group.",
                                   name));
  delete_streams_and_events(c, name, "");
  c.store.delete_record(kService, "group", group_key(c, name));
  return Json::object();
}

Json describe_log_groups(Context &c, const Json &input) {
  auto prefix = optional_string(input, "logGroupNamePrefix");
  auto pattern = optional_string(input, "logGroupNamePattern");
  if (prefix && pattern)
    invalid("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
  if (prefix)
    checked_group_name(input, "logGroupNamePrefix");
  int64_t limit = optional_int(input, "limit").value_or(50);
  if (limit < 1 || limit > 50)
    constraint("limit", limit, "have value between 1 and 50");
  std::set<std::string> wanted;
  if (auto ids = input.find("logGroupIdentifiers"); ids != input.end() && ids->is_array())
    for (const auto &id : *ids)
      wanted.insert(group_member(Json{{"logGroupIdentifier", id}}));
  std::string after = optional_string(input, "nextToken").value_or("");
  auto cls = optional_string(input, "logGroupClass");
  Json groups = Json::array();
  std::string last;
  bool more = false;
  for (const auto &[key, g] :
       c.store.list_records(kService, "group", c.region + ":" + prefix.value_or(""), 0,
                            after.empty() ? "" : c.region + ":" + after)) {
    std::string name = g["logGroupName"];
    if (pattern && name.find(*pattern) == std::string::npos)
      continue;
    if (!wanted.empty() && !wanted.count(name))
      continue;
    if (cls && g.value("logGroupClass", "STANDARD") != *cls)
      continue;
    if (static_cast<int64_t>(groups.size()) == limit) {
      more = true;
      break;
    }
    groups.push_back(describe_group(c, g));
    last = name;
  }
  Json out = {{"logGroups", groups}};
  if (more)
    out["nextToken"] = last;
  return out;
}

int64_t checked_retention(const Json &input) {
  auto it = input.find("retentionInDays");
  if (it == input.end() || it->is_null())
    constraint("retentionInDays", Json(), "not be null");
  auto days = optional_int(input, "retentionInDays");
  if (!days || std::find(std::begin(kRetentionDays), std::end(kRetentionDays), *days) ==
                   std::end(kRetentionDays)) {
    std::string set;
    for (int d : kRetentionDays)
      set += (set.empty() ? "" : ", ") + std::to_string(d);
    constraint("retentionInDays", *it, fmt::format("satisfy enum value set: [{}]", set));
  }
  return *days;
}

Json put_retention_policy(Context &c, const Json &input) {
  std::string name = group_member(input);
  int64_t days = checked_retention(input);
  Json group = load_group(c, name);
  group["retentionInDays"] = days;
  c.store.put_record(kService, "group", group_key(c, name), group);
  return Json::object();
}

Json delete_retention_policy(Context &c, const Json &input) {
  std::string name = group_member(input);
  Json group = load_group(c, name);
  group.erase("retentionInDays");
  c.store.put_record(kService, "group", group_key(c, name), group);
  return Json::object();
}

// The group an ARN (arn:...:logs:REGION:ACCOUNT:log-group:NAME[:*]) names in this account.
std::string group_of_arn(Context &c, const Json &input) {
  std::string arn;
  try {
    arn = required_string(input, "resourceArn");
  } catch (const ServiceError &e) {
    invalid(e.message());
  }
  std::string prefix =
      fmt::format("arn:{}:logs:{}:{}:log-group:", c.partition, c.region, c.account);
  if (!arn.starts_with("arn:") || arn.find(":log-group:") == std::string::npos)
    invalid(fmt::format("Invalid resourceArn: {}", arn));
  if (!arn.starts_with(prefix))
    throw ServiceError("ResourceNotFoundException",
                       fmt::format("The specified resource {} does not exist.", arn));
  std::string name = arn.substr(prefix.size());
  if (name.ends_with(":*"))
    name.resize(name.size() - 2);
  return name;
}

Json tag_group(Context &c, const std::string &name, const Json &added) {
  Json group = load_group(c, name);
  Json tags = group.value("tags", Json::object());
  for (const auto &[k, v] : added.items())
    tags[k] = v;
  if (tags.size() > 50)
    throw ServiceError("TooManyTagsException",
                       fmt::format("A resource can have no more than 50 tags; {} would have {}.",
                                   name, tags.size()));
  group["tags"] = tags;
  c.store.put_record(kService, "group", group_key(c, name), group);
  return Json::object();
}

Json untag_group(Context &c, const std::string &name, const Json &keys) {
  Json group = load_group(c, name);
  if (!keys.is_array())
    constraint("tagKeys", keys, "not be null");
  for (const auto &k : keys)
    if (k.is_string())
      group["tags"].erase(k.get<std::string>());
  c.store.put_record(kService, "group", group_key(c, name), group);
  return Json::object();
}

Json tag_resource(Context &c, const Json &input) {
  std::string name = group_of_arn(c, input);
  return tag_group(c, name, read_tags(input, "tags", true));
}

Json untag_resource(Context &c, const Json &input) {
  std::string name = group_of_arn(c, input);
  return untag_group(c, name, input.value("tagKeys", Json()));
}

Json list_tags_for_resource(Context &c, const Json &input) {
  std::string name = group_of_arn(c, input);
  return Json{{"tags", load_group(c, name).value("tags", Json::object())}};
}

Json tag_log_group(Context &c, const Json &input) {
  return tag_group(c, checked_group_name(input), read_tags(input, "tags", true));
}

Json untag_log_group(Context &c, const Json &input) {
  return untag_group(c, checked_group_name(input), input.value("tags", Json()));
}

Json list_tags_log_group(Context &c, const Json &input) {
  return Json{{"tags", load_group(c, checked_group_name(input)).value("tags", Json::object())}};
}

// ---- streams ----------------------------------------------------------------------------------

Json new_stream(const std::string &name) {
  return Json{
      {"logStreamName", name}, {"creationTime", now_ms()}, {"storedBytes", 0}, {"nextSequence", 1}};
}

Json create_log_stream(Context &c, const Json &input) {
  std::string group = checked_group_name(input);
  std::string stream = checked_stream_name(input);
  load_group(c, group);
  if (c.store.get_record(kService, "stream", stream_key(c, group, stream)))
    throw ServiceError("ResourceAlreadyExistsException", "The specified log stream already exists");
  c.store.put_record(kService, "stream", stream_key(c, group, stream), new_stream(stream));
  return Json::object();
}

Json delete_log_stream(Context &c, const Json &input) {
  std::string group = checked_group_name(input);
  std::string stream = checked_stream_name(input);
  load_group(c, group);
  if (!c.store.get_record(kService, "stream", stream_key(c, group, stream)))
    stream_not_found();
  delete_streams_and_events(c, group, stream);
  return Json::object();
}

Json describe_stream(const Context &c, const std::string &group, const Json &s) {
  Json out = s;
  out.erase("nextSequence");
  out["arn"] = group_arn(c, group) + ":log-stream:" + s["logStreamName"].get<std::string>();
  out["uploadSequenceToken"] = std::to_string(s.value("nextSequence", 1));
  return out;
}

Json describe_log_streams(Context &c, const Json &input) {
  std::string group = group_member(input);
  load_group(c, group);
  std::string prefix = optional_string(input, "logStreamNamePrefix").value_or("");
  std::string order = optional_string(input, "orderBy").value_or("LogStreamName");
  if (order != "LogStreamName" && order != "LastEventTime")
    constraint("orderBy", order, "satisfy enum value set: [LogStreamName, LastEventTime]");
  if (order == "LastEventTime" && !prefix.empty())
    invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
  int64_t limit = optional_int(input, "limit").value_or(50);
  if (limit < 1 || limit > 50)
    constraint("limit", limit, "have value between 1 and 50");
  std::vector<Json> streams;
  for (const auto &[key, s] :
       c.store.list_records(kService, "stream", stream_key(c, group, prefix)))
    streams.push_back(describe_stream(c, group, s));
  if (order == "LastEventTime")
    std::stable_sort(streams.begin(), streams.end(), [](const Json &a, const Json &b) {
      return a.value("lastEventTimestamp", int64_t{0}) < b.value("lastEventTimestamp", int64_t{0});
    });
  if (optional_bool(input, "descending"))
    std::reverse(streams.begin(), streams.end());
  size_t start = 0;
  if (auto token = optional_string(input, "nextToken")) {
    try {
      start = std::stoul(*token);
    } catch (const std::logic_error &) {
      invalid("The specified nextToken is invalid.");
    }
  }
  Json out = {{"logStreams", Json::array()}};
  for (size_t i = start; i < streams.size() && i < start + static_cast<size_t>(limit); ++i)
    out["logStreams"].push_back(streams[i]);
  if (start + static_cast<size_t>(limit) < streams.size())
    out["nextToken"] = std::to_string(start + static_cast<size_t>(limit));
  return out;
}

// ---- events -----------------------------------------------------------------------------------

std::string event_key(const Context &c, const std::string &group, const std::string &stream,
                      int64_t sequence) {
  return fmt::format("{}:{:020d}", stream_key(c, group, stream), sequence);
}

void store_events(Context &c, const std::string &group, Json &stream,
                  const std::vector<std::pair<int64_t, std::string>> &events) {
  int64_t now = now_ms();
  int64_t sequence = stream.value("nextSequence", int64_t{1});
  int64_t bytes = stream.value("storedBytes", int64_t{0});
  std::string name = stream["logStreamName"];
  for (const auto &[ts, message] : events) {
    c.store.put_record(kService, "event", event_key(c, group, name, sequence++),
                       Json{{"timestamp", ts}, {"message", message}, {"ingestionTime", now}});
    bytes += static_cast<int64_t>(message.size()) + 26;
    if (!stream.contains("firstEventTimestamp") || stream["firstEventTimestamp"] > ts)
      stream["firstEventTimestamp"] = ts;
    if (!stream.contains("lastEventTimestamp") || stream["lastEventTimestamp"] < ts)
      stream["lastEventTimestamp"] = ts;
  }
  stream["nextSequence"] = sequence;
  stream["storedBytes"] = bytes;
  stream["lastIngestionTime"] = now;
  c.store.put_record(kService, "stream", stream_key(c, group, name), stream);
}

Json put_log_events(Context &c, const Json &input) {
  std::string group = checked_group_name(input);
  std::string stream_name = checked_stream_name(input);
  auto list = input.find("logEvents");
  if (list == input.end() || list->is_null())
    constraint("logEvents", Json(), "not be null");
  if (!list->is_array() || list->empty())
    constraint("logEvents", *list, "have length greater than or equal to 1");
  if (list->size() > 10000)
    invalid("Log events in a single PutLogEvents request must be no more than 10000.");
  load_group(c, group);
  auto stream = c.store.get_record(kService, "stream", stream_key(c, group, stream_name));
  if (!stream)
    stream_not_found();
  // Events older than 14 days or the retention, or more than 2 hours ahead, are rejected.
  int64_t now = now_ms();
  int64_t too_old = now - 14LL * 24 * 3600 * 1000;
  int64_t too_new = now + 2LL * 3600 * 1000;
  std::vector<std::pair<int64_t, std::string>> accepted;
  int64_t previous = std::numeric_limits<int64_t>::min(), first = 0;
  Json rejected = Json::object();
  size_t batch_bytes = 0;
  for (size_t i = 0; i < list->size(); ++i) {
    const Json &e = (*list)[i];
    auto ts = optional_int(e, "timestamp");
    if (!ts)
      constraint("logEvents.timestamp", Json(), "not be null");
    std::string message;
    try {
      message = required_string(e, "message");
    } catch (const ServiceError &err) {
      invalid(err.message());
    }
    if (message.empty())
      constraint("logEvents.message", message, "have length greater than or equal to 1");
    batch_bytes += message.size() + 26;
    if (*ts < previous)
      invalid("Log events in a single PutLogEvents request must be in chronological order.");
    if (i == 0)
      first = *ts;
    else if (*ts - first > 24LL * 3600 * 1000)
      invalid("The batch of log events in a single PutLogEvents request cannot span more than "
              "24 hours.");
    previous = *ts;
    if (*ts < too_old) {
      rejected["tooOldLogEventEndIndex"] = i + 1;
      continue;
    }
    if (*ts > too_new) {
      if (!rejected.contains("tooNewLogEventStartIndex"))
        rejected["tooNewLogEventStartIndex"] = i;
      continue;
    }
    accepted.emplace_back(*ts, std::move(message));
  }
  if (batch_bytes > 1048576)
    invalid("The maximum batch size is 1,048,576 bytes.");
  store_events(c, group, *stream, accepted);
  Json out = {{"nextSequenceToken", std::to_string((*stream)["nextSequence"].get<int64_t>())}};
  if (!rejected.empty())
    out["rejectedLogEventsInfo"] = rejected;
  return out;
}

struct StoredEvent {
  std::string stream;
  int64_t sequence;
  Json event;
};

std::vector<StoredEvent> events_of(Context &c, const std::string &group,
                                   const std::string &stream) {
  std::vector<StoredEvent> out;
  std::string prefix = stream_key(c, group, stream) + ":";
  for (auto &[key, e] : c.store.list_records(kService, "event", prefix))
    out.push_back({stream, std::stoll(key.substr(prefix.size())), std::move(e)});
  std::stable_sort(out.begin(), out.end(), [](const StoredEvent &a, const StoredEvent &b) {
    return a.event["timestamp"].get<int64_t>() < b.event["timestamp"].get<int64_t>();
  });
  return out;
}

bool in_window(const Json &input, const Json &event) {
  int64_t ts = event["timestamp"];
  auto start = optional_int(input, "startTime");
  auto end = optional_int(input, "endTime");
  return (!start || ts >= *start) && (!end || ts < *end);
}

Json get_log_events(Context &c, const Json &input) {
  std::string group = group_member(input);
  std::string stream = checked_stream_name(input);
  load_group(c, group);
  if (!c.store.get_record(kService, "stream", stream_key(c, group, stream)))
    stream_not_found();
  int64_t limit = optional_int(input, "limit").value_or(10000);
  if (limit < 1 || limit > 10000)
    constraint("limit", limit, "have value between 1 and 10000");
  std::vector<Json> events;
  for (auto &e : events_of(c, group, stream))
    if (in_window(input, e.event))
      events.push_back(std::move(e.event));
  // Tokens: "f/N" reads forward from index N, "b/N" backward ending before index N.
  size_t n = events.size(), begin = 0, end = n;
  bool from_head = optional_bool(input, "startFromHead");
  if (auto token = optional_string(input, "nextToken")) {
    if (token->size() < 3 || ((*token)[0] != 'f' && (*token)[0] != 'b') || (*token)[1] != '/')
      invalid("The specified nextToken is invalid.");
    size_t at = 0;
    try {
      at = std::min<size_t>(std::stoull(token->substr(2)), n);
    } catch (const std::logic_error &) {
      invalid("The specified nextToken is invalid.");
    }
    from_head = (*token)[0] == 'f';
    if (from_head)
      begin = at;
    else
      end = at;
  }
  if (from_head)
    end = std::min(n, begin + static_cast<size_t>(limit));
  else
    begin = end > static_cast<size_t>(limit) ? end - static_cast<size_t>(limit) : 0;
  Json out = {{"events", Json::array()},
              {"nextForwardToken", fmt::format("f/{:020d}", end)},
              {"nextBackwardToken", fmt::format("b/{:020d}", begin)}};
  for (size_t i = begin; i < end; ++i)
    out["events"].push_back(events[i]);
  return out;
}

// CloudWatch Logs filter pattern terms (Filter pattern syntax, unstructured log events): every
// term must occur; "?term" terms are alternatives (one of them must occur); "-term" must not;
// quoted terms are exact phrases. JSON and space-delimited patterns are not supported.
struct FilterTerms {
  std::vector<std::string> all, any, none;
};

FilterTerms parse_filter(const std::string &pattern) {
  FilterTerms terms;
  std::string trimmed = pattern;
  trimmed.erase(0, trimmed.find_first_not_of(' '));
  if (!trimmed.empty() && (trimmed[0] == '{' || trimmed[0] == '['))
    invalid("Invalid filter pattern: JSON and space-delimited filter patterns are not supported "
            "by the embedded CloudWatch Logs; use terms.");
  size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == ' ') {
      ++i;
      continue;
    }
    char sign = 0;
    if (pattern[i] == '?' || pattern[i] == '-')
      sign = pattern[i++];
    std::string term;
    if (i < pattern.size() && pattern[i] == '"') {
      size_t close = pattern.find('"', i + 1);
      if (close == std::string::npos)
        invalid("Invalid filter pattern: unterminated quoted term.");
      term = pattern.substr(i + 1, close - i - 1);
      i = close + 1;
    } else {
      size_t stop = pattern.find(' ', i);
      term = pattern.substr(i, stop == std::string::npos ? std::string::npos : stop - i);
      i = stop == std::string::npos ? pattern.size() : stop;
    }
    if (term.empty())
      continue;
    (sign == '?' ? terms.any : sign == '-' ? terms.none : terms.all).push_back(term);
  }
  return terms;
}

bool matches(const FilterTerms &t, const std::string &message) {
  for (const auto &term : t.all)
    if (message.find(term) == std::string::npos)
      return false;
  for (const auto &term : t.none)
    if (message.find(term) != std::string::npos)
      return false;
  if (t.any.empty())
    return true;
  for (const auto &term : t.any)
    if (message.find(term) != std::string::npos)
      return true;
  return false;
}

Json filter_log_events(Context &c, const Json &input) {
  std::string group = group_member(input);
  load_group(c, group);
  std::set<std::string> names;
  if (auto list = input.find("logStreamNames"); list != input.end() && list->is_array()) {
    if (input.contains("logStreamNamePrefix"))
      invalid("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
    for (const auto &n : *list)
      names.insert(checked_stream_name(Json{{"logStreamNames", n}}, "logStreamNames"));
  }
  std::string prefix = optional_string(input, "logStreamNamePrefix").value_or("");
  FilterTerms terms = parse_filter(optional_string(input, "filterPattern").value_or(""));
  int64_t limit = optional_int(input, "limit").value_or(10000);
  if (limit < 1 || limit > 10000)
    constraint("limit", limit, "have value between 1 and 10000");
  std::vector<StoredEvent> found;
  Json searched = Json::array();
  for (const auto &[key, s] :
       c.store.list_records(kService, "stream", stream_key(c, group, prefix))) {
    std::string name = s["logStreamName"];
    if (!names.empty() && !names.count(name))
      continue;
    searched.push_back({{"logStreamName", name}, {"searchedCompletely", true}});
    for (auto &e : events_of(c, group, name))
      if (in_window(input, e.event) && matches(terms, e.event["message"]))
        found.push_back(std::move(e));
  }
  std::stable_sort(found.begin(), found.end(), [](const StoredEvent &a, const StoredEvent &b) {
    return a.event["timestamp"].get<int64_t>() < b.event["timestamp"].get<int64_t>();
  });
  size_t start = 0;
  if (auto token = optional_string(input, "nextToken")) {
    try {
      start = std::stoul(*token);
    } catch (const std::logic_error &) {
      invalid("The specified nextToken is invalid.");
    }
  }
  Json out = {{"events", Json::array()}, {"searchedLogStreams", searched}};
  size_t end = std::min(found.size(), start + static_cast<size_t>(limit));
  for (size_t i = start; i < end; ++i) {
    const auto &e = found[i];
    out["events"].push_back({{"logStreamName", e.stream},
                             {"timestamp", e.event["timestamp"]},
                             {"message", e.event["message"]},
                             {"ingestionTime", e.event["ingestionTime"]},
                             {"eventId", fmt::format("{:056d}", e.sequence)}});
  }
  if (end < found.size())
    out["nextToken"] = std::to_string(end);
  return out;
}

} // namespace

void append_events(Context &c, const std::string &group, const std::string &stream,
                   const std::vector<std::pair<int64_t, std::string>> &events) {
  if (!c.store.get_record(kService, "group", group_key(c, group)))
    c.store.put_record(kService, "group", group_key(c, group), new_group(group));
  Json s = c.store.get_record(kService, "stream", stream_key(c, group, stream))
               .value_or(new_stream(stream));
  store_events(c, group, s, events);
}

} // namespace logs

const HandlerTable &logs_handlers() {
  using namespace logs;
  static const HandlerTable table = {
      {"CreateLogGroup", create_log_group},
      {"DeleteLogGroup", delete_log_group},
      {"DescribeLogGroups", describe_log_groups},
      {"PutRetentionPolicy", put_retention_policy},
      {"DeleteRetentionPolicy", delete_retention_policy},
      {"TagResource", tag_resource},
      {"UntagResource", untag_resource},
      {"ListTagsForResource", list_tags_for_resource},
      {"TagLogGroup", tag_log_group},
      {"UntagLogGroup", untag_log_group},
      {"ListTagsLogGroup", list_tags_log_group},
      {"CreateLogStream", create_log_stream},
      {"DeleteLogStream", delete_log_stream},
      {"DescribeLogStreams", describe_log_streams},
      {"PutLogEvents", put_log_events},
      {"GetLogEvents", get_log_events},
      {"FilterLogEvents", filter_log_events},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
