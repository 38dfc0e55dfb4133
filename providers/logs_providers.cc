#include "providers/logs_providers.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

namespace cfnlocal::providers {
namespace {

// RetentionInDays as the integer the service's shape wants (a template parameter gives a string;
// a JSON-protocol endpoint refuses a string for an integer member).
Json retention_days(const Value &model, const Value &days) {
  if (auto n = int_of(model, "RetentionInDays"))
    return Json(*n);
  return to_json(days);
}

constexpr std::string_view kService = "logs";
constexpr std::string_view kGroup = "AWS::Logs::LogGroup";
constexpr std::string_view kStream = "AWS::Logs::LogStream";

Json tag_map(const Value &model) {
  Json out = Json::object();
  for (const auto &t : tag_list(model.is_object() ? model.find("Tags") : nullptr))
    out[t["Key"].get<std::string>()] = t["Value"];
  return out;
}

// The group as DescribeLogGroups lists it; nullopt when there is none of that exact name.
std::optional<Json> describe_group(services::Backend &backend, const std::string &name) {
  Json out = backend.call(kService, "DescribeLogGroups", Json{{"logGroupNamePrefix", name}});
  for (const auto &g : out.value("logGroups", Json::array()))
    if (g.value("logGroupName", "") == name)
      return g;
  return std::nullopt;
}

std::string group_arn(const ResourceHandlerRequest &request, const std::string &name) {
  return fmt::format("arn:{}:logs:{}:{}:log-group:{}", request.partition, request.region,
                     request.account_id, name);
}

std::pair<std::string, std::string> split_stream_id(const std::string &id) {
  size_t bar = id.find('|');
  if (bar == std::string::npos)
    return {id, ""};
  return {id.substr(0, bar), id.substr(bar + 1)};
}

} // namespace

// ---- AWS::Logs::LogGroup ------------------------------------------------------------------------

ProgressEvent LogsLogGroupProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string name = string_of(model, "LogGroupName");
  Json in{{"logGroupName", name}};
  if (std::string kms = string_of(model, "KmsKeyId"); !kms.empty())
    in["kmsKeyId"] = kms;
  if (std::string cls = string_of(model, "LogGroupClass"); !cls.empty())
    in["logGroupClass"] = cls;
  if (auto protect = bool_of(model, "DeletionProtectionEnabled"))
    in["deletionProtectionEnabled"] = *protect;
  if (Json tags = tag_map(model); !tags.empty())
    in["tags"] = tags;
  try {
    if (describe_group(backend_, name))
      return ProgressEvent::failure(
          HandlerErrorCode::AlreadyExists,
          fmt::format("Resource handler returned message: \"Resource of type '{}' with "
                      "identifier '{}' already exists.\" (HandlerErrorCode: AlreadyExists)",
                      kGroup, name));
    backend_.call(kService, "CreateLogGroup", in);
    if (const Value *days = model.find("RetentionInDays")) {
      try {
        backend_.call(
            kService, "PutRetentionPolicy",
            Json{{"logGroupName", name}, {"retentionInDays", retention_days(model, *days)}});
      } catch (const services::ServiceError &) {
        // The group is not left behind when its retention is refused.
        backend_.call(kService, "DeleteLogGroup", Json{{"logGroupName", name}});
        throw;
      }
    }
  } catch (const services::ServiceError &e) {
    return failure_from(e, "CloudWatchLogs");
  }
  model.set("Arn", Value(group_arn(request, name) + ":*"));
  return ProgressEvent::success(std::move(model));
}

ProgressEvent LogsLogGroupProvider::read(const ResourceHandlerRequest &request) {
  const std::string &name = request.physical_id;
  Value model = Value::object();
  try {
    auto group = describe_group(backend_, name);
    if (!group)
      return not_found(kGroup, name);
    model.set("LogGroupName", Value(name));
    model.set("Arn", Value(group->value("arn", group_arn(request, name) + ":*")));
    if (group->contains("retentionInDays"))
      model.set("RetentionInDays", Value((*group)["retentionInDays"].get<int64_t>()));
    if (group->contains("kmsKeyId"))
      model.set("KmsKeyId", Value((*group)["kmsKeyId"].get<std::string>()));
    model.set("LogGroupClass", Value(group->value("logGroupClass", "STANDARD")));
    Json tags =
        backend_
            .call(kService, "ListTagsForResource", Json{{"resourceArn", group_arn(request, name)}})
            .value("tags", Json::object());
    if (!tags.empty()) {
      Value list = Value::array();
      for (const auto &[k, v] : tags.items())
        list.push_back(
            Value::object({{"Key", Value(k), {}}, {"Value", Value(v.get<std::string>()), {}}}));
      model.set("Tags", std::move(list));
    }
  } catch (const services::ServiceError &e) {
    return failure_for(e, kGroup, name, "CloudWatchLogs");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent LogsLogGroupProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto refusal = update_refusal(*type, request, request.previous_state, desired))
    return *refusal;
  const std::string &name = request.physical_id;
  std::string arn = group_arn(request, name);
  try {
    if (const Value *days = desired.find("RetentionInDays"))
      backend_.call(
          kService, "PutRetentionPolicy",
          Json{{"logGroupName", name}, {"retentionInDays", retention_days(desired, *days)}});
    else
      backend_.call(kService, "DeleteRetentionPolicy", Json{{"logGroupName", name}});
    Json before = backend_.call(kService, "ListTagsForResource", Json{{"resourceArn", arn}})
                      .value("tags", Json::object());
    Json after = tag_map(desired);
    Json removed = Json::array();
    for (const auto &[k, v] : before.items())
      if (!after.contains(k))
        removed.push_back(k);
    if (!removed.empty())
      backend_.call(kService, "UntagResource", Json{{"resourceArn", arn}, {"tagKeys", removed}});
    Json added = Json::object();
    for (const auto &[k, v] : after.items())
      if (!before.contains(k) || before[k] != v)
        added[k] = v;
    if (!added.empty())
      backend_.call(kService, "TagResource", Json{{"resourceArn", arn}, {"tags", added}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kGroup, name, "CloudWatchLogs");
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent LogsLogGroupProvider::remove(const ResourceHandlerRequest &request) {
  try {
    backend_.call(kService, "DeleteLogGroup", Json{{"logGroupName", request.physical_id}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kGroup, request.physical_id, "CloudWatchLogs");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent LogsLogGroupProvider::list(const ResourceHandlerRequest &request) {
  return list_page(
      backend_, request,
      {kService, "DescribeLogGroups", "nextToken", "logGroups", "nextToken", "CloudWatchLogs"},
      Json::object(), [](const Json &g) {
        return Value::object({{"LogGroupName", Value(g.value("logGroupName", "")), {}}});
      });
}

// ---- AWS::Logs::LogStream -----------------------------------------------------------------------

ProgressEvent LogsLogStreamProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  try {
    backend_.call(kService, "CreateLogStream",
                  Json{{"logGroupName", string_of(model, "LogGroupName")},
                       {"logStreamName", string_of(model, "LogStreamName")}});
  } catch (const services::ServiceError &e) {
    if (e.code() == "ResourceAlreadyExistsException")
      return ProgressEvent::failure(HandlerErrorCode::AlreadyExists,
                                    fmt::format("Resource handler returned message: \"{}\" "
                                                "(HandlerErrorCode: AlreadyExists)",
                                                e.message()));
    return failure_from(e, "CloudWatchLogs");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent LogsLogStreamProvider::read(const ResourceHandlerRequest &request) {
  auto [group, stream] = split_stream_id(request.physical_id);
  try {
    Json out = backend_.call(kService, "DescribeLogStreams",
                             Json{{"logGroupName", group}, {"logStreamNamePrefix", stream}});
    for (const auto &s : out.value("logStreams", Json::array()))
      if (s.value("logStreamName", "") == stream)
        return ProgressEvent::success(Value::object(
            {{"LogGroupName", Value(group), {}}, {"LogStreamName", Value(stream), {}}}));
  } catch (const services::ServiceError &e) {
    if (!is_not_found(e))
      return failure_from(e, "CloudWatchLogs");
  }
  return not_found(kStream, request.physical_id);
}

ProgressEvent LogsLogStreamProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (std::string pointer = changed_create_only(*type, request.previous_state, desired);
      !pointer.empty())
    return not_updatable(pointer);
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent LogsLogStreamProvider::remove(const ResourceHandlerRequest &request) {
  auto [group, stream] = split_stream_id(request.physical_id);
  try {
    backend_.call(kService, "DeleteLogStream",
                  Json{{"logGroupName", group}, {"logStreamName", stream}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kStream, request.physical_id, "CloudWatchLogs");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent LogsLogStreamProvider::list(const ResourceHandlerRequest &request) {
  return ProgressEvent::failure(HandlerErrorCode::InvalidRequest,
                                fmt::format("Listing {} needs the log group: CloudWatch Logs "
                                            "lists streams per group (DescribeLogStreams).",
                                            request.type_name));
}

} // namespace cfnlocal::providers
