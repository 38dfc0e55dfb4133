#include "providers/kms_alias_provider.h"

#include "providers/model_access.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "kms";
constexpr std::string_view kType = "AWS::KMS::Alias";

// The alias entry KMS lists for `name`; nullopt when there is none.
std::optional<Json> find_alias(services::Backend &backend, const std::string &name) {
  for (const auto &a :
       backend.call(kService, "ListAliases", Json::object()).value("Aliases", Json::array()))
    if (a.value("AliasName", "") == name)
      return a;
  return std::nullopt;
}

} // namespace

ProgressEvent KmsAliasProvider::create(const ResourceHandlerRequest &request) {
  if (!type_of(request.type_name))
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  std::string name = string_of(properties, "AliasName");
  try {
    if (find_alias(backend_, name))
      return already_exists(name);
    backend_.call(kService, "CreateAlias",
                  Json{{"AliasName", name}, {"TargetKeyId", string_of(properties, "TargetKeyId")}});
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Kms");
  }
  return ProgressEvent::success(properties);
}

ProgressEvent KmsAliasProvider::read(const ResourceHandlerRequest &request) {
  try {
    auto alias = find_alias(backend_, request.physical_id);
    if (!alias)
      return not_found(kType, request.physical_id);
    Value model = Value::object();
    model.set("AliasName", Value(request.physical_id));
    model.set("TargetKeyId", Value(alias->value("TargetKeyId", "")));
    return ProgressEvent::success(std::move(model));
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Kms");
  }
}

ProgressEvent KmsAliasProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = update_refusal(*type, request, request.previous_state, desired))
    return *failure;
  try {
    auto alias = find_alias(backend_, request.physical_id);
    if (!alias)
      return not_found(kType, request.physical_id);
    std::string target = string_of(desired, "TargetKeyId");
    // The template may name the key by id or ARN; KMS lists the id.
    std::string current = alias->value("TargetKeyId", "");
    if (target != current && !target.ends_with("/" + current))
      backend_.call(kService, "UpdateAlias",
                    Json{{"AliasName", request.physical_id}, {"TargetKeyId", target}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "Kms");
  }
  return ProgressEvent::success(desired);
}

ProgressEvent KmsAliasProvider::remove(const ResourceHandlerRequest &request) {
  try {
    backend_.call(kService, "DeleteAlias", Json{{"AliasName", request.physical_id}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "Kms");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent KmsAliasProvider::list(const ResourceHandlerRequest &request) {
  (void)request;
  try {
    ProgressEvent event = ProgressEvent::success(Value());
    for (const auto &a :
         backend_.call(kService, "ListAliases", Json::object()).value("Aliases", Json::array()))
      if (a.contains("TargetKeyId") && !a.value("AliasName", "").starts_with("alias/aws/"))
        event.resource_models.push_back(
            Value::object({{"AliasName", Value(a.value("AliasName", "")), {}},
                           {"TargetKeyId", Value(a.value("TargetKeyId", "")), {}}}));
    return event;
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Kms");
  }
}

} // namespace cfnlocal::providers
