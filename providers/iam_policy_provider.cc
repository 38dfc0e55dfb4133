#include "providers/iam_policy_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

#include <set>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "iam";

// (label, name) of every principal the model names: ("Role", "app-role"), ...
std::set<std::pair<std::string, std::string>> targets_of(const Value &model) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto &[property, label] :
       {std::pair{"Roles", "Role"}, std::pair{"Users", "User"}, std::pair{"Groups", "Group"}}) {
    const Value *list = model.is_object() ? model.find(property) : nullptr;
    if (list && list->is_array())
      for (const auto &v : list->as_array())
        out.emplace(label, v.scalar_string().value_or(""));
  }
  return out;
}

std::string document_text(const Value &model) {
  const Value *doc = model.is_object() ? model.find("PolicyDocument") : nullptr;
  if (!doc)
    return "";
  return doc->is_string() ? doc->as_string() : dump_json(*doc, -1);
}

void put(services::Backend &backend, const std::pair<std::string, std::string> &target,
         const std::string &policy, const std::string &document) {
  backend.call(kService, "Put" + target.first + "Policy",
               Json{{target.first + "Name", target.second},
                    {"PolicyName", policy},
                    {"PolicyDocument", document}});
}

// Deletes the inline policy; a principal or policy already gone is fine.
void drop(services::Backend &backend, const std::pair<std::string, std::string> &target,
          const std::string &policy) {
  try {
    backend.call(kService, "Delete" + target.first + "Policy",
                 Json{{target.first + "Name", target.second}, {"PolicyName", policy}});
  } catch (const services::ServiceError &e) {
    if (!is_not_found(e))
      throw;
  }
}

} // namespace

ProgressEvent IamPolicyProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string policy = string_of(model, "PolicyName");
  std::string document = document_text(model);
  auto targets = targets_of(model);
  if (targets.empty())
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest,
                                  "At least one of [Groups,Roles,Users] must be non-empty.");
  std::vector<std::pair<std::string, std::string>> done;
  try {
    for (const auto &t : targets) {
      put(backend_, t, policy, document);
      done.push_back(t);
    }
  } catch (const services::ServiceError &e) {
    for (const auto &t : done) {
      try {
        drop(backend_, t, policy);
      } catch (const services::ServiceError &) {
      }
    }
    return failure_from(e, "Iam");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent IamPolicyProvider::read(const ResourceHandlerRequest &request) {
  Value model = request.previous_state.is_object() ? request.previous_state : Value::object();
  std::string policy = string_of(model, "PolicyName");
  for (const auto &t : targets_of(model)) {
    try {
      backend_.call(kService, "Get" + t.first + "Policy",
                    Json{{t.first + "Name", t.second}, {"PolicyName", policy}});
    } catch (const services::ServiceError &e) {
      return failure_for(e, "AWS::IAM::Policy", request.physical_id, "Iam");
    }
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent IamPolicyProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, desired))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  auto targets = targets_of(desired);
  if (targets.empty())
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest,
                                  "At least one of [Groups,Roles,Users] must be non-empty.");
  std::string policy = string_of(desired, "PolicyName");
  std::string old_policy = string_of(request.previous_state, "PolicyName");
  try {
    for (const auto &t : targets)
      put(backend_, t, policy, document_text(desired));
    for (const auto &t : targets_of(request.previous_state))
      if (!targets.count(t) || old_policy != policy)
        drop(backend_, t, old_policy);
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Iam");
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent IamPolicyProvider::remove(const ResourceHandlerRequest &request) {
  Value model = request.previous_state.is_object()  ? request.previous_state
                : request.desired_state.is_object() ? request.desired_state
                                                    : Value::object();
  try {
    for (const auto &t : targets_of(model))
      drop(backend_, t, string_of(model, "PolicyName"));
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Iam");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent IamPolicyProvider::list(const ResourceHandlerRequest &) {
  // Inline policies belong to their principals; there is nothing to list on their own.
  return ProgressEvent::success(Value());
}

} // namespace cfnlocal::providers
