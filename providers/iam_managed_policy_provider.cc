#include "providers/iam_managed_policy_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

#include <set>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kType = "AWS::IAM::ManagedPolicy";

constexpr std::string_view kService = "iam";

using Target = std::pair<std::string, std::string>; // ("Role", name)

std::set<Target> targets_of(const Value &model) {
  std::set<Target> out;
  for (const auto &[property, label] :
       {std::pair{"Roles", "Role"}, std::pair{"Users", "User"}, std::pair{"Groups", "Group"}}) {
    const Value *list = model.is_object() ? model.find(property) : nullptr;
    if (list && list->is_array())
      for (const auto &v : list->as_array())
        out.emplace(label, v.scalar_string().value_or(""));
  }
  return out;
}

// Who the policy is attached to now, per IAM.
std::set<Target> attached_to(services::Backend &backend, const std::string &arn) {
  std::set<Target> out;
  Json entities = backend.call(kService, "ListEntitiesForPolicy", Json{{"PolicyArn", arn}});
  for (const auto &[member, label] :
       {std::pair{"PolicyRoles", "Role"}, std::pair{"PolicyUsers", "User"},
        std::pair{"PolicyGroups", "Group"}})
    for (const auto &e : entities.value(member, Json::array()))
      out.emplace(label, e.value(std::string(label) + "Name", ""));
  return out;
}

void attach(services::Backend &backend, const Target &t, const std::string &arn, bool on) {
  backend.call(kService, (on ? "Attach" : "Detach") + t.first + "Policy",
               Json{{t.first + "Name", t.second}, {"PolicyArn", arn}});
}

std::string document_text(const Value &model) {
  const Value *doc = model.is_object() ? model.find("PolicyDocument") : nullptr;
  if (!doc)
    return "";
  return doc->is_string() ? doc->as_string() : dump_json(*doc, -1);
}

// The read-only properties from GetPolicy's Policy shape.
void set_policy_facts(Value &model, const Json &p) {
  model.set("PolicyArn", Value(p.value("Arn", "")));
  model.set("PolicyId", Value(p.value("PolicyId", "")));
  model.set("DefaultVersionId", Value(p.value("DefaultVersionId", "v1")));
  model.set("AttachmentCount", Value(p.value("AttachmentCount", int64_t{0})));
  model.set("PermissionsBoundaryUsageCount",
            Value(p.value("PermissionsBoundaryUsageCount", int64_t{0})));
  model.set("IsAttachable", Value(p.value("IsAttachable", true)));
  model.set("CreateDate", Value(p.value("CreateDate", "")));
  model.set("UpdateDate", Value(p.value("UpdateDate", "")));
}

// Detaches from everyone, deletes the non-default versions, then the policy.
void delete_policy(services::Backend &backend, const std::string &arn) {
  for (const auto &t : attached_to(backend, arn))
    attach(backend, t, arn, false);
  for (const auto &v : backend.call(kService, "ListPolicyVersions", Json{{"PolicyArn", arn}})
                           .value("Versions", Json::array()))
    if (!v.value("IsDefaultVersion", false))
      backend.call(kService, "DeletePolicyVersion",
                   Json{{"PolicyArn", arn}, {"VersionId", v.value("VersionId", "")}});
  backend.call(kService, "DeletePolicy", Json{{"PolicyArn", arn}});
}

} // namespace

ProgressEvent IamManagedPolicyProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  Json in{{"PolicyName", string_of(model, "ManagedPolicyName")},
          {"PolicyDocument", document_text(model)}};
  if (std::string path = string_of(model, "Path"); !path.empty())
    in["Path"] = path;
  if (std::string d = string_of(model, "Description"); !d.empty())
    in["Description"] = d;
  std::string arn;
  try {
    arn = backend_.call(kService, "CreatePolicy", in)["Policy"].value("Arn", "");
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Iam");
  }
  try {
    for (const auto &t : targets_of(model))
      attach(backend_, t, arn, true);
    set_policy_facts(model,
                     backend_.call(kService, "GetPolicy", Json{{"PolicyArn", arn}})["Policy"]);
  } catch (const services::ServiceError &e) {
    try {
      delete_policy(backend_, arn);
    } catch (const services::ServiceError &) {
    }
    return failure_from(e, "Iam");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent IamManagedPolicyProvider::read(const ResourceHandlerRequest &request) {
  const std::string &arn = request.physical_id;
  Value model = Value::object();
  try {
    Json p = backend_.call(kService, "GetPolicy", Json{{"PolicyArn", arn}})["Policy"];
    model.set("ManagedPolicyName", Value(p.value("PolicyName", "")));
    model.set("Path", Value(p.value("Path", "/")));
    if (p.contains("Description"))
      model.set("Description", Value(p["Description"].get<std::string>()));
    Json v = backend_.call(
        kService, "GetPolicyVersion",
        Json{{"PolicyArn", arn}, {"VersionId", p.value("DefaultVersionId", "")}})["PolicyVersion"];
    Json doc = Json::parse(v.value("Document", ""), nullptr, false);
    model.set("PolicyDocument",
              doc.is_discarded() ? Value(v.value("Document", "")) : from_json(doc));
    set_policy_facts(model, p);
    std::map<std::string, Value> lists;
    for (const auto &[label, name] : attached_to(backend_, arn)) {
      auto [it, inserted] = lists.try_emplace(label + "s", Value::array());
      it->second.push_back(Value(name));
    }
    for (auto &[property, list] : lists)
      model.set(property, std::move(list));
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, arn, "Iam");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent IamManagedPolicyProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto refusal = update_refusal(*type, request, request.previous_state, desired))
    return *refusal;
  const std::string &arn = request.physical_id;
  Json policy;
  try {
    policy = backend_.call(kService, "GetPolicy", Json{{"PolicyArn", arn}})["Policy"];
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, arn, "Iam");
  }
  try {
    // A changed document becomes the new default version (IAM keeps five).
    std::string document = document_text(desired);
    Json current =
        backend_.call(kService, "GetPolicyVersion",
                      Json{{"PolicyArn", arn},
                           {"VersionId", policy.value("DefaultVersionId", "")}})["PolicyVersion"];
    Json a = Json::parse(current.value("Document", ""), nullptr, false);
    Json b = Json::parse(document, nullptr, false);
    if (a.is_discarded() || b.is_discarded() || a != b) {
      Json versions = backend_.call(kService, "ListPolicyVersions", Json{{"PolicyArn", arn}})
                          .value("Versions", Json::array());
      if (versions.size() >= 5)
        for (auto it = versions.rbegin(); it != versions.rend(); ++it)
          if (!it->value("IsDefaultVersion", false)) {
            backend_.call(kService, "DeletePolicyVersion",
                          Json{{"PolicyArn", arn}, {"VersionId", it->value("VersionId", "")}});
            break;
          }
      backend_.call(kService, "CreatePolicyVersion",
                    Json{{"PolicyArn", arn}, {"PolicyDocument", document}, {"SetAsDefault", true}});
    }
    auto wanted = targets_of(desired);
    auto held = attached_to(backend_, arn);
    for (const auto &t : held)
      if (!wanted.count(t))
        attach(backend_, t, arn, false);
    for (const auto &t : wanted)
      if (!held.count(t))
        attach(backend_, t, arn, true);
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Iam");
  }
  Value model = merged_model(*type, request, request.previous_state);
  try {
    set_policy_facts(model,
                     backend_.call(kService, "GetPolicy", Json{{"PolicyArn", arn}})["Policy"]);
  } catch (const services::ServiceError &) {
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent IamManagedPolicyProvider::remove(const ResourceHandlerRequest &request) {
  try {
    delete_policy(backend_, request.physical_id);
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "Iam");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent IamManagedPolicyProvider::list(const ResourceHandlerRequest &) {
  try {
    Json out = backend_.call(kService, "ListPolicies", Json{{"Scope", "Local"}});
    ProgressEvent event = ProgressEvent::success(Value());
    for (const auto &p : out.value("Policies", Json::array()))
      event.resource_models.push_back(
          Value::object({{"PolicyArn", Value(p.value("Arn", "")), {}}}));
    return event;
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Iam");
  }
}

} // namespace cfnlocal::providers
