#include "providers/generic_provider.h"

#include "providers/provider_steps.h"

#include "providers/model_synthesis.h"
#include "providers/ref_rules.h"
#include "providers/schema_view.h"
#include "providers/service_errors.h"
#include "schema/validator.h"

#include <fmt/format.h>

#include <algorithm>

namespace cfnlocal::providers {
namespace {

ProgressEvent store_failure(const services::ServiceError &e, std::string_view type,
                            std::string_view id) {
  HandlerErrorCode code = error_code_for(e.code(), e.http_status());
  if (code == HandlerErrorCode::NotFound)
    return ProgressEvent::failure(code, not_found_message(type, id));
  return ProgressEvent::failure(code, e.message());
}

Value properties_of(const Value &desired) {
  return desired.is_object() ? desired : Value::object();
}

} // namespace

GenericProvider::GenericProvider(services::Backend &backend, const schema::Registry &registry,
                                 RandomSource &random)
    : backend_(backend), registry_(registry), random_(random), store_(backend) {}

const schema::ResourceType *GenericProvider::type_of(std::string_view type_name) const {
  return registry_.find(type_name);
}

ProgressEvent GenericProvider::unknown_type(std::string_view type_name) {
  return ProgressEvent::failure(HandlerErrorCode::InvalidRequest,
                                fmt::format("Unrecognized resource types: [{}]", type_name));
}

std::optional<std::string>
GenericProvider::validation_failure(const ResourceHandlerRequest &request,
                                    const Value &properties) const {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return std::nullopt;
  schema::ValidationResult result = schema::validate_properties(*type, properties);
  if (!result.deploy_fails())
    return std::nullopt;
  std::string message;
  if (result.aws_messages.size() == 1) {
    message = result.aws_messages.front();
  } else {
    message = "[";
    for (size_t i = 0; i < result.aws_messages.size(); ++i)
      message += (i ? ", " : "") + result.aws_messages[i];
    message += "]";
  }
  return fmt::format("Properties validation failed for resource {} with message: {}",
                     request.logical_id, message);
}

ProgressEvent GenericProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = properties_of(request.desired_state);
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);

  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string identifier = primary_identifier_string(type->schema(), model);
  if (identifier.empty())
    identifier = random_.uuid(); // the two registry types without a primary identifier
  try {
    store_.create(request.type_name, identifier, model, request.client_request_token);
  } catch (const services::ServiceError &e) {
    if (error_code_for(e.code(), e.http_status()) == HandlerErrorCode::AlreadyExists)
      // Cloud Control API's wording.
      return ProgressEvent::failure(
          HandlerErrorCode::AlreadyExists,
          fmt::format("Resource of type '{}' with identifier '{}' already exists.",
                      request.type_name, identifier));
    return store_failure(e, request.type_name, identifier);
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent GenericProvider::read(const ResourceHandlerRequest &request) {
  if (!type_of(request.type_name))
    return unknown_type(request.type_name);
  try {
    auto model = store_.get(request.type_name, request.physical_id);
    if (!model)
      return not_found(request.type_name, request.physical_id);
    return ProgressEvent::success(std::move(*model));
  } catch (const services::ServiceError &e) {
    return store_failure(e, request.type_name, request.physical_id);
  }
}

std::string GenericProvider::changed_create_only(const schema::ResourceType &type,
                                                 const Value &previous, const Value &desired) {
  for (const auto &pointer : type.create_only_properties()) {
    auto path = pointer_path(pointer);
    const Value *now = model_at(desired, path);
    const Value *before = model_at(previous, path);
    if (now && before && *now != *before)
      return pointer;
    if (now && !before && !path.empty()) {
      // Setting a create-only property that was absent also needs a new resource.
      return pointer;
    }
  }
  return "";
}

Value GenericProvider::merged_model(const schema::ResourceType &type,
                                    const ResourceHandlerRequest &request, const Value &previous) {
  Value model = properties_of(request.desired_state);
  auto keep = [&](const std::string &pointer) {
    auto path = pointer_path(pointer);
    if (path.empty() || model_at(model, path))
      return;
    if (const Value *old = model_at(previous, path))
      set_model_at(model, path, *old);
  };
  for (const auto &p : type.read_only_properties())
    keep(p);
  for (const auto &p : type.create_only_properties())
    keep(p);
  for (const auto &p : type.primary_identifier())
    keep(p);
  return complete_model(type.schema(), model, SynthesisScope::from(request), random_);
}

ProgressEvent GenericProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = properties_of(request.desired_state);
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  try {
    auto current = store_.get(request.type_name, request.physical_id);
    if (!current)
      return not_found(request.type_name, request.physical_id);
    if (std::string pointer = changed_create_only(*type, *current, properties); !pointer.empty())
      return not_updatable(pointer);
    Value model = merged_model(*type, request, *current);
    store_.update(request.type_name, request.physical_id, *current, model,
                  request.client_request_token);
    return ProgressEvent::success(std::move(model));
  } catch (const services::ServiceError &e) {
    return store_failure(e, request.type_name, request.physical_id);
  }
}

ProgressEvent GenericProvider::remove(const ResourceHandlerRequest &request) {
  if (!type_of(request.type_name))
    return unknown_type(request.type_name);
  try {
    store_.remove(request.type_name, request.physical_id, request.client_request_token);
    return ProgressEvent::success(Value());
  } catch (const services::ServiceError &e) {
    return store_failure(e, request.type_name, request.physical_id);
  }
}

ProgressEvent GenericProvider::list(const ResourceHandlerRequest &request) {
  if (!type_of(request.type_name))
    return unknown_type(request.type_name);
  try {
    auto [models, token] = store_.list(request.type_name, request.next_token);
    ProgressEvent event = ProgressEvent::success(Value());
    event.resource_models = std::move(models);
    event.next_token = std::move(token);
    return event;
  } catch (const services::ServiceError &e) {
    return store_failure(e, request.type_name, "");
  }
}

std::string GenericProvider::physical_id(std::string_view type_name, const Value &model) const {
  const schema::ResourceType *type = type_of(type_name);
  if (!type)
    return "";
  return primary_identifier_string(type->schema(), model);
}

std::optional<Value> GenericProvider::ref(std::string_view type_name, const Value &model) const {
  const schema::ResourceType *type = type_of(type_name);
  if (!type)
    return std::nullopt;
  return ref_value(type->schema(), type_name, model);
}

bool GenericProvider::has_attribute(std::string_view type_name, std::string_view attribute) const {
  const schema::ResourceType *type = type_of(type_name);
  return type && type->accepts_attribute(attribute);
}

std::optional<Value> GenericProvider::get_att(const ResourceHandlerRequest &request,
                                              const Value &model,
                                              std::string_view attribute) const {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return std::nullopt;
  auto pointer = type->attribute_pointer(attribute);
  if (!pointer)
    return std::nullopt;
  auto path = pointer_path(*pointer);
  if (path.size() == 1 && path.front().rfind("CfnLint", 0) == 0) {
    // Pattern attributes with no schema node (nested stacks' "Outputs.Name"): the model carries
    // them under the dotted name's parts.
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
      size_t dot = attribute.find('.', start);
      parts.emplace_back(attribute.substr(start, dot - start));
      if (dot == std::string_view::npos)
        break;
      start = dot + 1;
    }
    if (const Value *v = model_at(model, parts))
      return *v;
    return std::nullopt;
  }
  if (auto star = std::find(path.begin(), path.end(), "*"); star != path.end()) {
    // "Items.*.Field": one value per item of the array, as a list (an invented one-item list
    // when the model has no such array).
    std::vector<std::string> head(path.begin(), star), tail(star + 1, path.end());
    const Value *items = model_at(model, head);
    Value out = Value::array();
    if (items && items->is_array()) {
      for (const auto &item : items->as_array())
        if (const Value *v = tail.empty() ? &item : model_at(item, tail))
          out.push_back(*v);
      return out;
    }
    Value one = synthesize_attribute(type->schema(), model, path, SynthesisScope::from(request));
    if (one.is_null())
      return std::nullopt;
    out.push_back(std::move(one));
    return out;
  }
  if (const Value *v = model_at(model, path))
    return *v;
  Value synthesized =
      synthesize_attribute(type->schema(), model, path, SynthesisScope::from(request));
  if (synthesized.is_null())
    return std::nullopt;
  return synthesized;
}

std::optional<ProgressEvent> GenericProvider::update_refusal(const schema::ResourceType &type,
                                                             const ResourceHandlerRequest &request,
                                                             const Value &previous,
                                                             const Value &desired) const {
  if (auto failure = validation_failure(request, desired))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  if (std::string pointer = changed_create_only(type, previous, desired); !pointer.empty())
    return not_updatable(pointer);
  return std::nullopt;
}

} // namespace cfnlocal::providers
