#include "providers/ssm_parameter_provider.h"

#include "providers/model_access.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kType = "AWS::SSM::Parameter";

constexpr std::string_view kService = "ssm";

// PutParameter's input from the CloudFormation model.
Json put_input(const Value &model, bool overwrite) {
  Json in{{"Name", string_of(model, "Name")},
          {"Value", string_of(model, "Value")},
          {"Type", string_of(model, "Type")},
          {"Overwrite", overwrite}};
  for (const char *key : {"Description", "AllowedPattern", "Tier", "Policies", "DataType"})
    if (std::string v = string_of(model, key); !v.empty())
      in[key] = v;
  return in;
}

// SSM::Parameter's Tags are a map {key: value}, not a list.
Json tag_map_list(const Value &model) {
  Json tags = Json::array();
  if (const Value *t = model.find("Tags"); t && t->is_object())
    for (const auto &m : t->as_object())
      tags.push_back(Json{{"Key", m.key}, {"Value", m.value.scalar_string().value_or("")}});
  return tags;
}

} // namespace

ProgressEvent SsmParameterProvider::create(const ResourceHandlerRequest &request) {
  if (!type_of(request.type_name))
    return unknown_type(request.type_name);
  Value model = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, model))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  if (string_of(model, "Name").empty()) {
    // CloudFormation names parameters "CFN-<LogicalId>-<12 random alphanumerics>".
    std::string logical = request.logical_id.substr(0, 1024 - 18);
    model.set("Name",
              Value("CFN-" + logical + "-" + random_.upper_alnum(6) + random_.lower_alnum(6)));
  }
  Json in = put_input(model, false);
  if (Json tags = tag_map_list(model); !tags.empty())
    in["Tags"] = tags;
  try {
    backend_.call(kService, "PutParameter", in);
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Ssm");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SsmParameterProvider::read(const ResourceHandlerRequest &request) {
  Json out;
  try {
    out = backend_.call(kService, "GetParameter", Json{{"Name", request.physical_id}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "Ssm");
  }
  Value model = request.previous_state.is_object()  ? request.previous_state
                : request.desired_state.is_object() ? request.desired_state
                                                    : Value::object();
  const Json &p = out.contains("Parameter") ? out["Parameter"] : out;
  model.set("Name", Value(p.value("Name", request.physical_id)));
  if (p.contains("Type"))
    model.set("Type", Value(p["Type"].get<std::string>()));
  if (p.contains("Value"))
    model.set("Value", Value(p["Value"].get<std::string>()));
  if (p.contains("DataType"))
    model.set("DataType", Value(p["DataType"].get<std::string>()));
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SsmParameterProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto refusal = update_refusal(*type, request, request.previous_state, desired))
    return *refusal;
  Value model = desired;
  model.set("Name", Value(request.physical_id));
  try {
    // Overwrite fails on a missing parameter only through our own check: SSM would create it.
    backend_.call(kService, "GetParameter", Json{{"Name", request.physical_id}});
    backend_.call(kService, "PutParameter", put_input(model, true));
    Json old_tags =
        tag_map_list(request.previous_state.is_object() ? request.previous_state : Value::object());
    Json new_tags = tag_map_list(model);
    TagDiff tags_change = tag_diff(old_tags, new_tags);
    if (!tags_change.removed.empty())
      backend_.call(kService, "RemoveTagsFromResource",
                    Json{{"ResourceType", "Parameter"},
                         {"ResourceId", request.physical_id},
                         {"TagKeys", tags_change.removed}});
    if (!tags_change.set.empty())
      backend_.call(kService, "AddTagsToResource",
                    Json{{"ResourceType", "Parameter"},
                         {"ResourceId", request.physical_id},
                         {"Tags", tags_change.set}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "Ssm");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SsmParameterProvider::remove(const ResourceHandlerRequest &request) {
  try {
    backend_.call(kService, "DeleteParameter", Json{{"Name", request.physical_id}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "Ssm");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent SsmParameterProvider::list(const ResourceHandlerRequest &request) {
  return list_page(backend_, request,
                   {kService, "DescribeParameters", "NextToken", "Parameters", "NextToken", "Ssm"},
                   Json::object(), [](const Json &p) {
                     return Value::object({{"Name", Value(p.value("Name", ""))}});
                   });
}

} // namespace cfnlocal::providers
