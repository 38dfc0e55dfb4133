#include "providers/attached_policy_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/service_errors.h"

#include <set>
#include <vector>

namespace cfnlocal::providers {
namespace {

std::vector<std::string> targets_of(const Value &model, std::string_view property) {
  std::vector<std::string> out;
  const Value *targets = model.is_object() ? model.find(property) : nullptr;
  if (targets && targets->is_array())
    for (const auto &t : targets->as_array())
      out.push_back(t.scalar_string().value_or(""));
  return out;
}

std::string policy_text(const Value &model) {
  const Value *doc = model.is_object() ? model.find("PolicyDocument") : nullptr;
  if (!doc)
    return "";
  return doc->is_string() ? doc->as_string() : dump_json(*doc, -1);
}

// Documents compare as JSON: a service may store them with other spacing.
bool same_document(const std::string &a, const std::string &b) {
  Json ja = Json::parse(a, nullptr, false), jb = Json::parse(b, nullptr, false);
  if (ja.is_discarded() || jb.is_discarded())
    return a == b;
  return ja == jb;
}

} // namespace

ProgressEvent AttachedPolicyProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string policy = policy_text(model);
  std::vector<std::string> done;
  for (const auto &target : targets_of(model, targets_property())) {
    try {
      set_policy(target, policy);
      done.push_back(target);
    } catch (const services::ServiceError &e) {
      for (const auto &d : done) {
        try {
          reset_policy(d);
        } catch (const services::ServiceError &) {
          // Best effort: the target may be gone meanwhile; the create fails either way.
        }
      }
      return failure_from(e, service_label());
    }
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent AttachedPolicyProvider::read(const ResourceHandlerRequest &request) {
  Value model = request.previous_state.is_object() ? request.previous_state : Value::object();
  std::string policy = policy_text(model);
  for (const auto &target : targets_of(model, targets_property())) {
    try {
      auto current = current_policy(target);
      if (!current)
        return not_found(request.type_name, request.physical_id);
      if (!same_document(*current, policy))
        model.set("PolicyDocument", from_json(Json::parse(*current, nullptr, false)));
    } catch (const services::ServiceError &e) {
      return failure_for(e, request.type_name, request.physical_id, service_label());
    }
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent AttachedPolicyProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, desired))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  std::string policy = policy_text(desired);
  auto wanted = targets_of(desired, targets_property());
  std::set<std::string> keep(wanted.begin(), wanted.end());
  try {
    for (const auto &target : wanted)
      set_policy(target, policy);
    for (const auto &target : targets_of(request.previous_state, targets_property())) {
      if (keep.count(target))
        continue;
      try {
        reset_policy(target);
      } catch (const services::ServiceError &e) {
        if (!is_not_found(e))
          throw;
      }
    }
  } catch (const services::ServiceError &e) {
    return failure_from(e, service_label());
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent AttachedPolicyProvider::remove(const ResourceHandlerRequest &request) {
  Value model = request.previous_state.is_object()  ? request.previous_state
                : request.desired_state.is_object() ? request.desired_state
                                                    : Value::object();
  for (const auto &target : targets_of(model, targets_property())) {
    try {
      reset_policy(target);
    } catch (const services::ServiceError &e) {
      if (!is_not_found(e))
        return failure_from(e, service_label());
    }
  }
  return ProgressEvent::success(Value());
}

ProgressEvent AttachedPolicyProvider::list(const ResourceHandlerRequest &) {
  return ProgressEvent::success(Value());
}

} // namespace cfnlocal::providers
