#include "providers/iam_principal_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "iam";

std::string document_text(const Value *doc) {
  if (!doc)
    return "";
  return doc->is_string() ? doc->as_string() : dump_json(*doc, -1);
}

// Two policy documents mean the same when their JSON is equal.
bool same_document(const std::string &a, const std::string &b) {
  if (a == b)
    return true;
  Json x = Json::parse(a, nullptr, false), y = Json::parse(b, nullptr, false);
  return !x.is_discarded() && !y.is_discarded() && x == y;
}

Value document_value(const std::string &text) {
  Json parsed = Json::parse(text, nullptr, false);
  return parsed.is_discarded() ? Value(text) : from_json(parsed);
}

std::map<std::string, std::string> inline_policies(const Value &model) {
  std::map<std::string, std::string> out;
  const Value *list = model.is_object() ? model.find("Policies") : nullptr;
  if (list && list->is_array())
    for (const auto &p : list->as_array())
      out[string_of(p, "PolicyName")] = document_text(p.find("PolicyDocument"));
  return out;
}

std::set<std::string> strings(const Value &model, std::string_view key) {
  std::set<std::string> out;
  const Value *list = model.is_object() ? model.find(key) : nullptr;
  if (list && list->is_array())
    for (const auto &v : list->as_array())
      out.insert(v.scalar_string().value_or(""));
  return out;
}

} // namespace

IamPrincipalProvider::IamPrincipalProvider(services::Backend &backend,
                                           const schema::Registry &registry, RandomSource &random,
                                           std::string label)
    : GenericProvider(backend, registry, random), label_(std::move(label)) {}

void IamPrincipalProvider::converge(const std::string &name, const Value &previous,
                                    const Value &desired) {
  Json who{{name_member(), name}};
  auto with = [&](Json extra) {
    Json in = who;
    for (auto &[k, v] : extra.items())
      in[k] = v;
    return in;
  };

  // Inline policies: put what is new or changed, delete what the template dropped. Policies
  // and attachments the template never named (an AWS::IAM::Policy, a ManagedPolicy's Roles)
  // are someone else's and stay.
  auto wanted = inline_policies(desired);
  Json names = backend_.call(kService, "List" + label_ + "Policies", who)
                   .value("PolicyNames", Json::array());
  auto owned = inline_policies(previous);
  for (const auto &n : names) {
    std::string policy = n;
    if (!wanted.count(policy) && owned.count(policy))
      backend_.call(kService, "Delete" + label_ + "Policy", with({{"PolicyName", policy}}));
  }
  for (const auto &[policy, document] : wanted) {
    bool present = std::find(names.begin(), names.end(), policy) != names.end();
    if (present) {
      std::string current =
          backend_.call(kService, "Get" + label_ + "Policy", with({{"PolicyName", policy}}))
              .value("PolicyDocument", "");
      if (same_document(current, document))
        continue;
    }
    backend_.call(kService, "Put" + label_ + "Policy",
                  with({{"PolicyName", policy}, {"PolicyDocument", document}}));
  }

  // Managed policies.
  auto arns = strings(desired, "ManagedPolicyArns");
  std::set<std::string> attached;
  for (const auto &a : backend_.call(kService, "ListAttached" + label_ + "Policies", who)
                           .value("AttachedPolicies", Json::array()))
    attached.insert(a.value("PolicyArn", ""));
  auto owned_arns = strings(previous, "ManagedPolicyArns");
  for (const auto &arn : attached)
    if (!arns.count(arn) && owned_arns.count(arn))
      backend_.call(kService, "Detach" + label_ + "Policy", with({{"PolicyArn", arn}}));
  for (const auto &arn : arns)
    if (!attached.count(arn))
      backend_.call(kService, "Attach" + label_ + "Policy", with({{"PolicyArn", arn}}));

  if (label_ == "User") {
    auto groups = strings(desired, "Groups");
    std::set<std::string> member_of;
    for (const auto &g :
         backend_.call(kService, "ListGroupsForUser", who).value("Groups", Json::array()))
      member_of.insert(g.value("GroupName", ""));
    auto owned_groups = strings(previous, "Groups");
    for (const auto &g : member_of)
      if (!groups.count(g) && owned_groups.count(g))
        backend_.call(kService, "RemoveUserFromGroup", with({{"GroupName", g}}));
    for (const auto &g : groups)
      if (!member_of.count(g))
        backend_.call(kService, "AddUserToGroup", with({{"GroupName", g}}));
  }

  if (label_ != "Group") {
    Json current = backend_.call(kService, "Get" + label_, who).value(label_, Json::object());
    std::string boundary = string_of(desired, "PermissionsBoundary");
    std::string now =
        current.value("PermissionsBoundary", Json::object()).value("PermissionsBoundaryArn", "");
    if (boundary != now) {
      if (boundary.empty())
        backend_.call(kService, "Delete" + label_ + "PermissionsBoundary", who);
      else
        backend_.call(kService, "Put" + label_ + "PermissionsBoundary",
                      with({{"PermissionsBoundary", boundary}}));
    }
    Json tags = tag_list(desired.is_object() ? desired.find("Tags") : nullptr);
    Json held = current.value("Tags", Json::array());
    TagDiff tags_change = tag_diff(held, tags);
    if (!tags_change.removed.empty())
      backend_.call(kService, "Untag" + label_, with({{"TagKeys", tags_change.removed}}));
    if (!tags_change.set.empty())
      backend_.call(kService, "Tag" + label_, with({{"Tags", tags_change.set}}));
  }
}

void IamPrincipalProvider::delete_principal(const std::string &name) {
  Json who{{name_member(), name}};
  for (const auto &a : backend_.call(kService, "ListAttached" + label_ + "Policies", who)
                           .value("AttachedPolicies", Json::array())) {
    Json in = who;
    in["PolicyArn"] = a.value("PolicyArn", "");
    backend_.call(kService, "Detach" + label_ + "Policy", in);
  }
  for (const auto &p : backend_.call(kService, "List" + label_ + "Policies", who)
                           .value("PolicyNames", Json::array())) {
    Json in = who;
    in["PolicyName"] = p;
    backend_.call(kService, "Delete" + label_ + "Policy", in);
  }
  if (label_ == "User")
    for (const auto &g :
         backend_.call(kService, "ListGroupsForUser", who).value("Groups", Json::array())) {
      Json in = who;
      in["GroupName"] = g.value("GroupName", "");
      backend_.call(kService, "RemoveUserFromGroup", in);
    }
  if (label_ == "Group") {
    // Members added by users outside this resource leave too, as CloudFormation does.
    for (const auto &u : backend_.call(kService, "GetGroup", who).value("Users", Json::array()))
      backend_.call(kService, "RemoveUserFromGroup",
                    Json{{"GroupName", name}, {"UserName", u.value("UserName", "")}});
  }
  backend_.call(kService, "Delete" + label_, who);
}

ProgressEvent IamPrincipalProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string name = string_of(model, name_member());
  Json in{{name_member(), name}};
  if (std::string path = string_of(model, "Path"); !path.empty())
    in["Path"] = path;
  if (label_ == "Role") {
    in["AssumeRolePolicyDocument"] = document_text(model.find("AssumeRolePolicyDocument"));
    if (std::string d = string_of(model, "Description"); !d.empty())
      in["Description"] = d;
    if (auto d = int_of(model, "MaxSessionDuration"))
      in["MaxSessionDuration"] = *d;
  }
  if (label_ != "Group") {
    if (std::string b = string_of(model, "PermissionsBoundary"); !b.empty())
      in["PermissionsBoundary"] = b;
    if (Json tags = tag_list(model.find("Tags")); !tags.empty())
      in["Tags"] = tags;
  }
  Json created;
  try {
    created = backend_.call(kService, "Create" + label_, in).value(label_, Json::object());
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Iam");
  }
  try {
    converge(name, Value(), model);
  } catch (const services::ServiceError &e) {
    // Leave nothing behind: the stack never learns the physical ID of a failed create.
    try {
      delete_principal(name);
    } catch (const services::ServiceError &) {
    }
    return failure_from(e, "Iam");
  }
  model.set("Arn", Value(created.value("Arn", "")));
  if (label_ == "Role")
    model.set("RoleId", Value(created.value("RoleId", "")));
  return ProgressEvent::success(std::move(model));
}

ProgressEvent IamPrincipalProvider::read(const ResourceHandlerRequest &request) {
  const std::string &name = request.physical_id;
  Json who{{name_member(), name}};
  Value model = Value::object();
  try {
    Json p = backend_.call(kService, "Get" + label_, who).value(label_, Json::object());
    model.set(name_member(), Value(p.value(name_member(), name)));
    model.set("Arn", Value(p.value("Arn", "")));
    model.set("Path", Value(p.value("Path", "/")));
    if (label_ == "Role") {
      model.set("RoleId", Value(p.value("RoleId", "")));
      model.set("AssumeRolePolicyDocument",
                document_value(p.value("AssumeRolePolicyDocument", "")));
      model.set("MaxSessionDuration", Value(p.value("MaxSessionDuration", int64_t{3600})));
      if (p.contains("Description"))
        model.set("Description", Value(p["Description"].get<std::string>()));
    }
    if (p.contains("PermissionsBoundary"))
      model.set("PermissionsBoundary",
                Value(p["PermissionsBoundary"].value("PermissionsBoundaryArn", "")));
    if (p.contains("Tags") && !p["Tags"].empty())
      model.set("Tags", from_json(p["Tags"]));
    Value policies = Value::array();
    for (const auto &n : backend_.call(kService, "List" + label_ + "Policies", who)
                             .value("PolicyNames", Json::array())) {
      Json in = who;
      in["PolicyName"] = n;
      std::string doc =
          backend_.call(kService, "Get" + label_ + "Policy", in).value("PolicyDocument", "");
      policies.push_back(Value::object({{"PolicyName", Value(n.get<std::string>()), {}},
                                        {"PolicyDocument", document_value(doc), {}}}));
    }
    if (policies.size())
      model.set("Policies", std::move(policies));
    Value arns = Value::array();
    for (const auto &a : backend_.call(kService, "ListAttached" + label_ + "Policies", who)
                             .value("AttachedPolicies", Json::array()))
      arns.push_back(Value(a.value("PolicyArn", "")));
    if (arns.size())
      model.set("ManagedPolicyArns", std::move(arns));
    if (label_ == "User") {
      Value groups = Value::array();
      for (const auto &g :
           backend_.call(kService, "ListGroupsForUser", who).value("Groups", Json::array()))
        groups.push_back(Value(g.value("GroupName", "")));
      if (groups.size())
        model.set("Groups", std::move(groups));
    }
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, name, "Iam");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent IamPrincipalProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto refusal = update_refusal(*type, request, request.previous_state, desired))
    return *refusal;
  const std::string &name = request.physical_id;
  Json who{{name_member(), name}};
  Json current;
  try {
    current = backend_.call(kService, "Get" + label_, who).value(label_, Json::object());
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, name, "Iam");
  }
  try {
    if (label_ == "Role") {
      std::string trust = document_text(desired.find("AssumeRolePolicyDocument"));
      if (!same_document(current.value("AssumeRolePolicyDocument", ""), trust))
        backend_.call(kService, "UpdateAssumeRolePolicy",
                      Json{{"RoleName", name}, {"PolicyDocument", trust}});
      std::string description = string_of(desired, "Description");
      int64_t duration = int_of(desired, "MaxSessionDuration").value_or(3600);
      if (description != current.value("Description", "") ||
          duration != current.value("MaxSessionDuration", int64_t{3600}))
        backend_.call(kService, "UpdateRole",
                      Json{{"RoleName", name},
                           {"Description", description},
                           {"MaxSessionDuration", duration}});
    } else {
      std::string path = string_of(desired, "Path");
      if (path.empty())
        path = "/";
      if (path != current.value("Path", "/"))
        backend_.call(kService, "Update" + label_, Json{{name_member(), name}, {"NewPath", path}});
    }
    converge(name, request.previous_state, desired);
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Iam");
  }
  Value model = merged_model(*type, request, request.previous_state);
  if (label_ != "Role") {
    // A new path is a new ARN.
    try {
      Json p = backend_.call(kService, "Get" + label_, who).value(label_, Json::object());
      model.set("Arn", Value(p.value("Arn", "")));
    } catch (const services::ServiceError &) {
    }
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent IamPrincipalProvider::remove(const ResourceHandlerRequest &request) {
  try {
    delete_principal(request.physical_id);
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, request.physical_id, "Iam");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent IamPrincipalProvider::list(const ResourceHandlerRequest &) {
  try {
    Json out = backend_.call(kService, "List" + label_ + "s", Json::object());
    ProgressEvent event = ProgressEvent::success(Value());
    for (const auto &p : out.value(label_ + "s", Json::array()))
      event.resource_models.push_back(
          Value::object({{name_member(), Value(p.value(name_member(), "")), {}}}));
    return event;
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Iam");
  }
}

} // namespace cfnlocal::providers
