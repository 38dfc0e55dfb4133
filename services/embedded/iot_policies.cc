// IoT policies and where they are attached: CreatePolicy, GetPolicy, DeletePolicy, ListPolicies,
// CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions, DeletePolicyVersion,
// SetDefaultPolicyVersion, AttachPolicy, DetachPolicy, ListAttachedPolicies,
// ListTargetsForPolicy, and the older AttachPrincipalPolicy, DetachPrincipalPolicy,
// ListPrincipalPolicies, ListPolicyPrincipals.
//
// As the AWS IoT API Reference and "AWS IoT Core policies" say: documents are IAM-grammar JSON of
// at most 2048 characters without whitespace (MalformedPolicyException otherwise); a policy has
// at most five versions (VersionsLimitExceededException) and the default one cannot be deleted;
// a policy attached to a target, or with versions other than the default, cannot be deleted
// (DeleteConflictException); a target has at most ten policies attached; certificate targets
// must exist.
#include "services/embedded/iot_common.h"
#include "services/embedded/policy_document.h"

#include "state/ids.h"

#include <fmt/format.h>

#include <algorithm>

namespace cfnlocal::services::embedded::iot {
namespace {

std::string policy_arn(const Context &c, const std::string &name) {
  return arn_of(c, "policy/" + name);
}

std::string policy_name(const Json &input) {
  return checked_name(input, "policyName", 128, R"([\w+=,.@-]+)");
}

Json load_policy(Context &c, const std::string &name) {
  auto policy = c.store.get_record(kService, "policy", key_of(c, name));
  if (!policy)
    not_found(fmt::format("Policy not found (name={})", name));
  return *policy;
}

void save_policy(Context &c, Json &policy) {
  policy["lastModifiedDate"] = state::now_iso8601();
  policy["generationId"] = state::uuid4();
  c.store.put_record(kService, "policy", key_of(c, policy["policyName"].get<std::string>()),
                     policy);
}

std::string checked_document(const Json &input) {
  std::string document = optional_string(input, "policyDocument").value_or("");
  size_t size = std::count_if(document.begin(), document.end(), [](char ch) {
    return !std::isspace(static_cast<unsigned char>(ch));
  });
  if (document.empty())
    invalid_request("policyDocument is required");
  if (size > 2048)
    throw ServiceError("MalformedPolicyException",
                       fmt::format("The policy document has {} characters without whitespace; "
                                   "at most 2048 are allowed",
                                   size),
                       400);
  if (auto problem = policy_problem(document, PolicyKind::Identity))
    throw ServiceError("MalformedPolicyException", "Policy document is malformed: " + *problem,
                       400);
  return document;
}

Json create_policy(Context &c, const Json &input) {
  std::string name = policy_name(input);
  std::string document = checked_document(input);
  Json tags = checked_tags(input.value("tags", Json()));
  if (c.store.get_record(kService, "policy", key_of(c, name)))
    already_exists(fmt::format("Policy cannot be created - name already exists (name={})", name));
  std::string now = state::now_iso8601();
  Json policy = {{"policyName", name},
                 {"defaultVersionId", "1"},
                 {"nextVersionId", 2},
                 {"versions", {{"1", {{"document", document}, {"creationDate", now}}}}},
                 {"creationDate", now}};
  save_policy(c, policy);
  set_tags(c, policy_arn(c, name), tags);
  return Json{{"policyName", name},
              {"policyArn", policy_arn(c, name)},
              {"policyDocument", document},
              {"policyVersionId", "1"}};
}

Json get_policy(Context &c, const Json &input) {
  std::string name = policy_name(input);
  Json policy = load_policy(c, name);
  std::string version = policy["defaultVersionId"];
  return Json{{"policyName", name},
              {"policyArn", policy_arn(c, name)},
              {"policyDocument", policy["versions"][version]["document"]},
              {"defaultVersionId", version},
              {"creationDate", policy["creationDate"]},
              {"lastModifiedDate", policy["lastModifiedDate"]},
              {"generationId", policy["generationId"]}};
}

Json delete_policy(Context &c, const Json &input) {
  std::string name = policy_name(input);
  Json policy = load_policy(c, name);
  if (!targets_of_policy(c, name).empty())
    throw ServiceError("DeleteConflictException",
                       fmt::format("The policy cannot be deleted as the policy is attached to one "
                                   "or more principals (name={})",
                                   name),
                       409);
  if (policy["versions"].size() > 1)
    throw ServiceError("DeleteConflictException",
                       fmt::format("The policy cannot be deleted as versions other than the "
                                   "default version exist (name={})",
                                   name),
                       409);
  c.store.delete_record(kService, "policy", key_of(c, name));
  set_tags(c, policy_arn(c, name), Json::array());
  return Json::object();
}

Json policy_item(const Context &c, const std::string &name) {
  return Json{{"policyName", name}, {"policyArn", policy_arn(c, name)}};
}

// Policies by name, in the order ascendingOrder asks (descending by default, as IoT lists).
Json policy_page(const Context &c, std::vector<std::string> names, const Json &input) {
  std::sort(names.begin(), names.end());
  if (!optional_bool(input, "ascendingOrder"))
    std::reverse(names.begin(), names.end());
  std::vector<Json> items;
  for (const auto &n : names)
    items.push_back(policy_item(c, n));
  return page_of(items, input, "policies", "pageSize", "marker", "nextMarker", 250, 250);
}

Json list_policies(Context &c, const Json &input) {
  std::vector<std::string> names;
  for (const auto &[key, policy] : c.store.list_records(kService, "policy", c.region + ":"))
    names.push_back(policy["policyName"]);
  return policy_page(c, names, input);
}

// ---- versions -------------------------------------------------------------------------------

std::string version_id(const Json &input) {
  std::string id = optional_string(input, "policyVersionId").value_or("");
  if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos)
    invalid_request(fmt::format("Invalid policyVersionId: '{}'", id));
  return id;
}

Json create_policy_version(Context &c, const Json &input) {
  std::string name = policy_name(input);
  std::string document = checked_document(input);
  Json policy = load_policy(c, name);
  if (policy["versions"].size() >= 5)
    throw ServiceError(
        "VersionsLimitExceededException",
        fmt::format("The policy {} already has the maximum number of versions (5)", name), 409);
  std::string id = std::to_string(policy["nextVersionId"].get<int64_t>());
  policy["nextVersionId"] = policy["nextVersionId"].get<int64_t>() + 1;
  policy["versions"][id] = {{"document", document}, {"creationDate", state::now_iso8601()}};
  bool is_default = optional_bool(input, "setAsDefault");
  if (is_default)
    policy["defaultVersionId"] = id;
  save_policy(c, policy);
  return Json{{"policyArn", policy_arn(c, name)},
              {"policyDocument", document},
              {"policyVersionId", id},
              {"isDefaultVersion", is_default}};
}

Json get_policy_version(Context &c, const Json &input) {
  std::string name = policy_name(input);
  std::string id = version_id(input);
  Json policy = load_policy(c, name);
  if (!policy["versions"].contains(id))
    not_found(fmt::format("Policy version not found (name={}, version={})", name, id));
  const Json &v = policy["versions"][id];
  return Json{{"policyArn", policy_arn(c, name)},
              {"policyName", name},
              {"policyDocument", v["document"]},
              {"policyVersionId", id},
              {"isDefaultVersion", policy["defaultVersionId"] == id},
              {"creationDate", v["creationDate"]},
              {"lastModifiedDate", policy["lastModifiedDate"]},
              {"generationId", policy["generationId"]}};
}

Json list_policy_versions(Context &c, const Json &input) {
  std::string name = policy_name(input);
  Json policy = load_policy(c, name);
  std::vector<std::pair<int64_t, Json>> versions;
  for (const auto &[id, v] : policy["versions"].items())
    versions.emplace_back(std::stoll(id),
                          Json{{"versionId", id},
                               {"isDefaultVersion", policy["defaultVersionId"] == id},
                               {"createDate", v["creationDate"]}});
  std::sort(versions.begin(), versions.end(),
            [](const auto &a, const auto &b) { return a.first > b.first; });
  Json out = {{"policyVersions", Json::array()}};
  for (auto &[_, v] : versions)
    out["policyVersions"].push_back(v);
  return out;
}

Json delete_policy_version(Context &c, const Json &input) {
  std::string name = policy_name(input);
  std::string id = version_id(input);
  Json policy = load_policy(c, name);
  if (!policy["versions"].contains(id))
    not_found(fmt::format("Policy version not found (name={}, version={})", name, id));
  if (policy["defaultVersionId"] == id)
    throw ServiceError("DeleteConflictException",
                       fmt::format("Cannot delete the default version of a policy (name={}, "
                                   "version={})",
                                   name, id),
                       409);
  policy["versions"].erase(id);
  save_policy(c, policy);
  return Json::object();
}

Json set_default_policy_version(Context &c, const Json &input) {
  std::string name = policy_name(input);
  std::string id = version_id(input);
  Json policy = load_policy(c, name);
  if (!policy["versions"].contains(id))
    not_found(fmt::format("Policy version not found (name={}, version={})", name, id));
  policy["defaultVersionId"] = id;
  save_policy(c, policy);
  return Json::object();
}

// ---- attachments ----------------------------------------------------------------------------

// A target: a certificate ARN of this account (it must exist), a thing group ARN or an Amazon
// Cognito identity id.
std::string checked_target(Context &c, const Json &input, std::string_view member) {
  std::string target = optional_string(input, member).value_or("");
  if (target.empty())
    invalid_request(fmt::format("{} is required", member));
  if (target.find(":cert/") != std::string::npos && !certificate_of_principal(c, target))
    not_found(
        fmt::format("The certificate given in the target does not exist (target={})", target));
  return target;
}

void attach(Context &c, const std::string &name, const std::string &target) {
  load_policy(c, name);
  auto attached = policies_of_target(c, target);
  if (std::find(attached.begin(), attached.end(), name) != attached.end())
    return;
  if (attached.size() >= 10)
    throw ServiceError(
        "LimitExceededException",
        fmt::format("A target can have at most 10 policies attached (target={})", target), 410);
  c.store.put_record(kService, "policy-target", link_key(c, name, target), Json::object());
}

void detach(Context &c, const std::string &name, const std::string &target) {
  load_policy(c, name);
  c.store.delete_record(kService, "policy-target", link_key(c, name, target));
}

Json attach_policy(Context &c, const Json &input) {
  attach(c, policy_name(input), checked_target(c, input, "target"));
  return Json::object();
}

Json detach_policy(Context &c, const Json &input) {
  std::string name = policy_name(input);
  std::string target = optional_string(input, "target").value_or("");
  if (target.empty())
    invalid_request("target is required");
  detach(c, name, target);
  return Json::object();
}

Json attach_principal_policy(Context &c, const Json &input) {
  attach(c, policy_name(input), checked_target(c, input, "principal"));
  return Json::object();
}

Json detach_principal_policy(Context &c, const Json &input) {
  std::string name = policy_name(input);
  detach(c, name, checked_target(c, input, "principal"));
  return Json::object();
}

Json list_attached_policies(Context &c, const Json &input) {
  std::string target = checked_target(c, input, "target");
  return policy_page(c, policies_of_target(c, target), input);
}

Json list_principal_policies(Context &c, const Json &input) {
  std::string target = checked_target(c, input, "principal");
  return policy_page(c, policies_of_target(c, target), input);
}

Json list_targets_for_policy(Context &c, const Json &input) {
  std::string name = policy_name(input);
  load_policy(c, name);
  std::vector<Json> items;
  for (const auto &t : targets_of_policy(c, name))
    items.push_back(t);
  return page_of(items, input, "targets", "pageSize", "marker", "nextMarker", 250, 250);
}

Json list_policy_principals(Context &c, const Json &input) {
  std::string name = policy_name(input);
  load_policy(c, name);
  std::vector<Json> items;
  for (const auto &t : targets_of_policy(c, name))
    items.push_back(t);
  return page_of(items, input, "principals", "pageSize", "marker", "nextMarker", 250, 250);
}

} // namespace

void add_policy_handlers(HandlerTable &table) {
  table.insert({
      {"CreatePolicy", create_policy},
      {"GetPolicy", get_policy},
      {"DeletePolicy", delete_policy},
      {"ListPolicies", list_policies},
      {"CreatePolicyVersion", create_policy_version},
      {"GetPolicyVersion", get_policy_version},
      {"ListPolicyVersions", list_policy_versions},
      {"DeletePolicyVersion", delete_policy_version},
      {"SetDefaultPolicyVersion", set_default_policy_version},
      {"AttachPolicy", attach_policy},
      {"DetachPolicy", detach_policy},
      {"AttachPrincipalPolicy", attach_principal_policy},
      {"DetachPrincipalPolicy", detach_principal_policy},
      {"ListAttachedPolicies", list_attached_policies},
      {"ListPrincipalPolicies", list_principal_policies},
      {"ListTargetsForPolicy", list_targets_for_policy},
      {"ListPolicyPrincipals", list_policy_principals},
  });
}

} // namespace cfnlocal::services::embedded::iot
