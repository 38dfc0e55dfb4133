#include "providers/iam_instance_profile_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

#include <set>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kType = "AWS::IAM::InstanceProfile";

constexpr std::string_view kService = "iam";

std::set<std::string> roles_of(const Value &model) {
  std::set<std::string> out;
  const Value *list = model.is_object() ? model.find("Roles") : nullptr;
  if (list && list->is_array())
    for (const auto &v : list->as_array())
      out.insert(v.scalar_string().value_or(""));
  return out;
}

std::set<std::string> held_roles(services::Backend &backend, const std::string &name) {
  std::set<std::string> out;
  for (const auto &r : backend
                           .call(kService, "GetInstanceProfile",
                                 Json{{"InstanceProfileName", name}})["InstanceProfile"]
                           .value("Roles", Json::array()))
    out.insert(r.value("RoleName", ""));
  return out;
}

void set_role(services::Backend &backend, const std::string &profile, const std::string &role,
              bool add) {
  backend.call(kService, add ? "AddRoleToInstanceProfile" : "RemoveRoleFromInstanceProfile",
               Json{{"InstanceProfileName", profile}, {"RoleName", role}});
}

void delete_profile(services::Backend &backend, const std::string &name) {
  for (const auto &role : held_roles(backend, name))
    set_role(backend, name, role, false);
  backend.call(kService, "DeleteInstanceProfile", Json{{"InstanceProfileName", name}});
}

} // namespace

ProgressEvent IamInstanceProfileProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string name = string_of(model, "InstanceProfileName");
  Json in{{"InstanceProfileName", name}};
  if (std::string path = string_of(model, "Path"); !path.empty())
    in["Path"] = path;
  std::string arn;
  try {
    arn = backend_.call(kService, "CreateInstanceProfile", in)["InstanceProfile"].value("Arn", "");
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Iam");
  }
  try {
    for (const auto &role : roles_of(model))
      set_role(backend_, name, role, true);
  } catch (const services::ServiceError &e) {
    try {
      delete_profile(backend_, name);
    } catch (const services::ServiceError &) {
    }
    return failure_from(e, "Iam");
  }
  model.set("Arn", Value(arn));
  return ProgressEvent::success(std::move(model));
}

ProgressEvent IamInstanceProfileProvider::read(const ResourceHandlerRequest &request) {
  Value model = Value::object();
  try {
    Json p = backend_.call(kService, "GetInstanceProfile",
                           Json{{"InstanceProfileName", request.physical_id}})["InstanceProfile"];
    model.set("InstanceProfileName", Value(p.value("InstanceProfileName", "")));
    model.set("Path", Value(p.value("Path", "/")));
    model.set("Arn", Value(p.value("Arn", "")));
    Value roles = Value::array();
    for (const auto &r : p.value("Roles", Json::array()))
      roles.push_back(Value(r.value("RoleName", "")));
    model.set("Roles", std::move(roles));
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "Iam");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent IamInstanceProfileProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto refusal = update_refusal(*type, request, request.previous_state, desired))
    return *refusal;
  const std::string &name = request.physical_id;
  std::set<std::string> held;
  try {
    held = held_roles(backend_, name);
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, name, "Iam");
  }
  try {
    auto wanted = roles_of(desired);
    for (const auto &r : held)
      if (!wanted.count(r))
        set_role(backend_, name, r, false);
    for (const auto &r : wanted)
      if (!held.count(r))
        set_role(backend_, name, r, true);
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Iam");
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent IamInstanceProfileProvider::remove(const ResourceHandlerRequest &request) {
  try {
    delete_profile(backend_, request.physical_id);
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "Iam");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent IamInstanceProfileProvider::list(const ResourceHandlerRequest &) {
  try {
    Json out = backend_.call(kService, "ListInstanceProfiles", Json::object());
    ProgressEvent event = ProgressEvent::success(Value());
    for (const auto &p : out.value("InstanceProfiles", Json::array()))
      event.resource_models.push_back(
          Value::object({{"InstanceProfileName", Value(p.value("InstanceProfileName", "")), {}}}));
    return event;
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Iam");
  }
}

} // namespace cfnlocal::providers
