#include "providers/kinesis_stream_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <set>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "kinesis";
constexpr std::string_view kType = "AWS::Kinesis::Stream";

std::string mode_of(const Value &model) {
  const Value *details = model.find("StreamModeDetails");
  std::string mode = details ? string_of(*details, "StreamMode") : "";
  return mode.empty() ? "PROVISIONED" : mode;
}

std::set<std::string> metrics_of(const Value &model) {
  std::set<std::string> out;
  if (const Value *m = model.find("DesiredShardLevelMetrics"); m && m->is_array())
    for (const auto &v : m->as_array())
      if (auto s = v.scalar_string())
        out.insert(*s);
  return out;
}

Json tag_map(const Value &model) {
  Json out = Json::object();
  for (const auto &t : tag_list(model.find("Tags")))
    out[t["Key"].get<std::string>()] = t["Value"];
  return out;
}

// Kinesis changes a stream asynchronously; each change waits for ACTIVE.
void wait_active(services::Backend &backend, const std::string &name) {
  wait_until([&] {
    return backend
               .call(kService, "DescribeStreamSummary",
                     Json{{"StreamName", name}})["StreamDescriptionSummary"]
               .value("StreamStatus", "") == "ACTIVE";
  });
}

// Brings the stream's retention, encryption and metrics to the model's.
void converge(services::Backend &backend, const std::string &name, const Json &summary,
              const Value &model) {
  auto call = [&](std::string_view op, const Json &in) {
    backend.call(kService, op, in);
    wait_active(backend, name);
  };
  int64_t retention = int_of(model, "RetentionPeriodHours").value_or(24);
  int64_t current = summary.value("RetentionPeriodHours", int64_t{24});
  if (retention > current)
    call("IncreaseStreamRetentionPeriod",
         Json{{"StreamName", name}, {"RetentionPeriodHours", retention}});
  else if (retention < current)
    call("DecreaseStreamRetentionPeriod",
         Json{{"StreamName", name}, {"RetentionPeriodHours", retention}});

  const Value *encryption = model.find("StreamEncryption");
  std::string key = encryption ? string_of(*encryption, "KeyId") : "";
  std::string type_now = summary.value("EncryptionType", "NONE");
  std::string key_now = summary.value("KeyId", "");
  if (type_now == "KMS" && key_now != key)
    call("StopStreamEncryption",
         Json{{"StreamName", name}, {"EncryptionType", "KMS"}, {"KeyId", key_now}});
  if (encryption && (type_now != "KMS" || key_now != key))
    call("StartStreamEncryption", Json{{"StreamName", name},
                                       {"EncryptionType", string_of(*encryption, "EncryptionType")},
                                       {"KeyId", key}});

  std::set<std::string> wanted = metrics_of(model), now;
  for (const auto &e : summary.value("EnhancedMonitoring", Json::array()))
    for (const auto &m : e.value("ShardLevelMetrics", Json::array()))
      now.insert(m.get<std::string>());
  Json add = Json::array(), drop = Json::array();
  for (const auto &m : wanted)
    if (!now.count(m))
      add.push_back(m);
  for (const auto &m : now)
    if (!wanted.count(m))
      drop.push_back(m);
  if (!drop.empty())
    call("DisableEnhancedMonitoring", Json{{"StreamName", name}, {"ShardLevelMetrics", drop}});
  if (!add.empty())
    call("EnableEnhancedMonitoring", Json{{"StreamName", name}, {"ShardLevelMetrics", add}});
}

Json summary_of(services::Backend &backend, const std::string &name) {
  return backend.call(kService, "DescribeStreamSummary", Json{{"StreamName", name}})
      .value("StreamDescriptionSummary", Json::object());
}

} // namespace

ProgressEvent KinesisStreamProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string name = string_of(model, "Name");
  std::string mode = mode_of(model);
  Json in = {{"StreamName", name}, {"StreamModeDetails", {{"StreamMode", mode}}}};
  if (auto shards = int_of(model, "ShardCount"))
    in["ShardCount"] = *shards;
  else if (mode == "PROVISIONED")
    in["ShardCount"] = 1;
  if (Json tags = tag_map(model); !tags.empty())
    in["Tags"] = tags;
  try {
    backend_.call(kService, "CreateStream", in);
    wait_active(backend_, name);
  } catch (const services::ServiceError &e) {
    if (e.code() == "ResourceInUseException")
      return already_exists(name);
    return failure_from(e, "Kinesis");
  }
  try {
    Json summary = summary_of(backend_, name);
    converge(backend_, name, summary, model);
    model.set("Arn", Value(summary.value("StreamARN", "")));
  } catch (const services::ServiceError &e) {
    try {
      backend_.call(kService, "DeleteStream", Json{{"StreamName", name}});
    } catch (const services::ServiceError &) {
    }
    return failure_from(e, "Kinesis");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent KinesisStreamProvider::read(const ResourceHandlerRequest &request) {
  const std::string &name = request.physical_id;
  Json summary, tags;
  try {
    summary = summary_of(backend_, name);
    tags = backend_.call(kService, "ListTagsForStream", Json{{"StreamName", name}})
               .value("Tags", Json::array());
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, name, "Kinesis");
  }
  std::string mode = summary.value("StreamModeDetails", Json::object()).value("StreamMode", "");
  Json m = {{"Name", name},
            {"Arn", summary.value("StreamARN", "")},
            {"RetentionPeriodHours", summary.value("RetentionPeriodHours", 24)},
            {"StreamModeDetails", {{"StreamMode", mode}}}};
  if (mode == "PROVISIONED")
    m["ShardCount"] = summary.value("OpenShardCount", 0);
  if (summary.value("EncryptionType", "NONE") == "KMS")
    m["StreamEncryption"] = {{"EncryptionType", "KMS"}, {"KeyId", summary.value("KeyId", "")}};
  Json metrics = Json::array();
  for (const auto &e : summary.value("EnhancedMonitoring", Json::array()))
    for (const auto &x : e.value("ShardLevelMetrics", Json::array()))
      metrics.push_back(x);
  if (!metrics.empty())
    m["DesiredShardLevelMetrics"] = metrics;
  if (!tags.empty())
    m["Tags"] = tags;
  return ProgressEvent::success(from_json(m));
}

ProgressEvent KinesisStreamProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = update_refusal(*type, request, request.previous_state, desired))
    return *failure;
  const std::string &name = request.physical_id;
  try {
    Json summary = summary_of(backend_, name);
    std::string mode = mode_of(desired);
    std::string arn = summary.value("StreamARN", "");
    if (summary["StreamModeDetails"].value("StreamMode", "") != mode) {
      backend_.call(kService, "UpdateStreamMode",
                    Json{{"StreamARN", arn}, {"StreamModeDetails", {{"StreamMode", mode}}}});
      wait_active(backend_, name);
      summary = summary_of(backend_, name);
    }
    if (mode == "PROVISIONED") {
      int64_t shards = int_of(desired, "ShardCount").value_or(1);
      if (summary.value("OpenShardCount", int64_t{0}) != shards)
        backend_.call(kService, "UpdateShardCount",
                      Json{{"StreamName", name},
                           {"TargetShardCount", shards},
                           {"ScalingType", "UNIFORM_SCALING"}});
      wait_active(backend_, name);
    }
    converge(backend_, name, summary, desired);
    Json tags_now = backend_.call(kService, "ListTagsForStream", Json{{"StreamName", name}})
                        .value("Tags", Json::array());
    TagDiff changes = tag_diff(tags_now, tag_list(desired.find("Tags")));
    if (!changes.removed.empty())
      backend_.call(kService, "RemoveTagsFromStream",
                    Json{{"StreamName", name}, {"TagKeys", changes.removed}});
    if (!changes.set.empty()) {
      Json map = Json::object();
      for (const auto &t : changes.set)
        map[t["Key"].get<std::string>()] = t["Value"];
      backend_.call(kService, "AddTagsToStream", Json{{"StreamName", name}, {"Tags", map}});
    }
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, name, "Kinesis");
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent KinesisStreamProvider::remove(const ResourceHandlerRequest &request) {
  try {
    backend_.call(kService, "DeleteStream",
                  Json{{"StreamName", request.physical_id}, {"EnforceConsumerDeletion", true}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "Kinesis");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent KinesisStreamProvider::list(const ResourceHandlerRequest &request) {
  Json in = Json::object();
  if (!request.next_token.empty())
    in["ExclusiveStartStreamName"] = request.next_token;
  try {
    Json out = backend_.call(kService, "ListStreams", in);
    ProgressEvent event = ProgressEvent::success(Value());
    for (const auto &name : out.value("StreamNames", Json::array()))
      event.resource_models.push_back(
          Value::object({{"Name", Value(name.get<std::string>()), {}}}));
    if (out.value("HasMoreStreams", false) && !out["StreamNames"].empty())
      event.next_token = out["StreamNames"].back();
    return event;
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Kinesis");
  }
}

} // namespace cfnlocal::providers
