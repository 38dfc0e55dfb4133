// The embedded IAM's principals (IAM API Reference): roles (CreateRole, GetRole, UpdateRole,
// UpdateAssumeRolePolicy, DeleteRole, ListRoles, TagRole, UntagRole, ListRoleTags,
// PutRolePermissionsBoundary, DeleteRolePermissionsBoundary), users (CreateUser, GetUser,
// UpdateUser (path), DeleteUser, ListUsers, TagUser, UntagUser, PutUserPermissionsBoundary,
// DeleteUserPermissionsBoundary, AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser),
// groups (CreateGroup, GetGroup, UpdateGroup (path), DeleteGroup, ListGroups), their inline
// policies (Put/Get/Delete/List{Role,User,Group}Policy/Policies) and managed policy attachments
// (Attach/Detach/ListAttached{Role,User,Group}Policies), and instance profiles
// (CreateInstanceProfile, GetInstanceProfile, DeleteInstanceProfile, AddRoleToInstanceProfile,
// RemoveRoleFromInstanceProfile, ListInstanceProfiles, ListInstanceProfilesForRole); botocore
// iam/2010-05-08, query protocol. Managed policies are in iam_policies.cc.
//
// Records (global): kinds "role", "user", "group", "instance-profile", keyed by lower-cased
// name. Policy documents are kept as the text given and returned as JSON text (the query
// protocol's URL encoding is the endpoint's concern).
//
// Enforced as IAM does: names and paths, case-insensitive uniqueness, trust and permission
// policy documents (policy_document.h), MaxSessionDuration 3600-43200, inline policy size quotas
// (role 10240, user 2048, group 5120 characters without whitespace), 10 managed policies per
// principal, attached and boundary policies that must exist, one role per instance profile, and
// deletes refused while policies, group members or instance profiles still hang on.
#include "services/embedded/iam_common.h"
#include "state/ids.h"

#include <fmt/format.h>

#include <algorithm>

namespace cfnlocal::services::embedded {
namespace iam {
namespace {

// What differs between roles, users and groups.
struct Kind {
  const char *kind;       ///< record kind, ARN word: "role"
  const char *label;      ///< "Role" (messages, member names)
  const char *id_prefix;  ///< "AROA"
  size_t max_name;        ///< 64 (groups: 128)
  size_t inline_quota;    ///< characters of all inline policies together
  const char *quota_name; ///< "PoliciesPerRole"
};
constexpr Kind kRole{"role", "Role", "AROA", 64, 10240, "PoliciesPerRole"};
constexpr Kind kUser{"user", "User", "AIDA", 64, 2048, "PoliciesPerUser"};
constexpr Kind kGroup{"group", "Group", "AGPA", 128, 5120, "PoliciesPerGroup"};
constexpr size_t kManagedQuota = 10;

std::string name_member(const Kind &k) { return std::string(k.label) + "Name"; }

[[noreturn]] void no_such(const Kind &k, const std::string &name) {
  throw ServiceError("NoSuchEntity",
                     fmt::format("The {} with name {} cannot be found.", k.kind, name), 404);
}

std::pair<std::string, Json> load(Context &c, const Kind &k, const Json &input) {
  std::string name = required_name(input, name_member(k), k.max_name);
  auto record = c.store.get_record(kService, k.kind, key_of(name));
  if (!record)
    no_such(k, name);
  return {key_of(name), *record};
}

void store(Context &c, const Kind &k, const std::string &key, const Json &record) {
  c.store.put_record(kService, k.kind, key, record);
}

std::vector<std::pair<std::string, std::string>> iam_tags(const Json &input) {
  auto tags = read_tags(input, "Tags", 50, "LimitExceeded");
  for (const auto &[key, value] : tags)
    if (key_of(key).starts_with("aws:"))
      throw ServiceError("InvalidInput", "User is not authorized to tag with reserved keys "
                                         "beginning with 'aws:'");
  return tags;
}

std::string boundary_of(Context &c, const Json &input) {
  auto arn = optional_string(input, "PermissionsBoundary");
  if (!arn)
    return "";
  bool aws_managed = false;
  try {
    attachable_policy(c, *arn, aws_managed);
  } catch (const ServiceError &) {
    throw ServiceError("NoSuchEntity",
                       fmt::format("Scope ARN: {} does not exist or is not attachable.", *arn),
                       404);
  }
  return *arn;
}

// The entity's output shape.
Json shape(const Kind &k, const Json &r) {
  Json out = {{"Path", r["Path"]},
              {name_member(k), r["Name"]},
              {std::string(k.label) + "Id", r["Id"]},
              {"Arn", r["Arn"]},
              {"CreateDate", r["CreateDate"]}};
  if (r.contains("AssumeRolePolicyDocument"))
    out["AssumeRolePolicyDocument"] = r["AssumeRolePolicyDocument"];
  if (!r.value("Description", "").empty())
    out["Description"] = r["Description"];
  if (r.contains("MaxSessionDuration"))
    out["MaxSessionDuration"] = r["MaxSessionDuration"];
  if (!r.value("PermissionsBoundary", "").empty())
    out["PermissionsBoundary"] = {{"PermissionsBoundaryType", "Policy"},
                                  {"PermissionsBoundaryArn", r["PermissionsBoundary"]}};
  if (!r.value("Tags", Json::array()).empty())
    out["Tags"] = r["Tags"];
  return out;
}

int64_t session_duration(const Json &input, int64_t fallback) {
  auto d = optional_int(input, "MaxSessionDuration");
  if (!d)
    return fallback;
  if (*d < 3600)
    validation_error("MaxSessionDuration", std::to_string(*d),
                     "have value greater than or equal to 3600");
  if (*d > 43200)
    validation_error("MaxSessionDuration", std::to_string(*d),
                     "have value less than or equal to 43200");
  return *d;
}

std::string description_of(const Json &input) {
  std::string d = optional_string(input, "Description").value_or("");
  if (d.size() > 1000)
    validation_error("Description", d, "have length less than or equal to 1000");
  return d;
}

Json create_entity(Context &c, const Kind &k, const Json &input) {
  std::string name = required_name(input, name_member(k), k.max_name);
  std::string path = path_of(input);
  Json record = {{"Name", name},
                 {"Id", new_id(k.id_prefix)},
                 {"Arn", arn_of(c, k.kind, path, name)},
                 {"Path", path},
                 {"CreateDate", state::now_iso8601()},
                 {"InlinePolicies", Json::object()},
                 {"AttachedPolicies", Json::array()}};
  if (&k == &kRole) {
    record["AssumeRolePolicyDocument"] =
        document_of(input, "AssumeRolePolicyDocument", PolicyKind::Trust);
    record["Description"] = description_of(input);
    record["MaxSessionDuration"] = session_duration(input, 3600);
    record["InstanceProfiles"] = Json::array();
  }
  if (&k == &kUser)
    record["Groups"] = Json::array();
  if (&k != &kGroup) {
    record["PermissionsBoundary"] = boundary_of(c, input);
    record["Tags"] = tag_list(iam_tags(input));
  }
  if (c.store.get_record(kService, k.kind, key_of(name)))
    throw ServiceError("EntityAlreadyExists",
                       fmt::format("{} with name {} already exists.", k.label, name), 409);
  store(c, k, key_of(name), record);
  return Json{{k.label, shape(k, record)}};
}

Json get_entity(Context &c, const Kind &k, const Json &input) {
  auto [key, record] = load(c, k, input);
  Json out = {{k.label, shape(k, record)}};
  if (&k == &kGroup) {
    // GetGroup lists the members.
    Json users = Json::array();
    for (const auto &[ukey, user] : c.store.list_records(kService, "user"))
      for (const auto &g : user.value("Groups", Json::array()))
        if (g == key)
          users.push_back(shape(kUser, user));
    out["Users"] = users;
  }
  return out;
}

Json delete_entity(Context &c, const Kind &k, const Json &input) {
  auto [key, record] = load(c, k, input);
  if (!record["InlinePolicies"].empty())
    throw ServiceError("DeleteConflict", "Cannot delete entity, must delete policies first.", 409);
  if (!record["AttachedPolicies"].empty())
    throw ServiceError("DeleteConflict", "Cannot delete entity, must detach all policies first.",
                       409);
  if (!record.value("InstanceProfiles", Json::array()).empty())
    throw ServiceError("DeleteConflict",
                       "Cannot delete entity, must remove roles from instance profile first.", 409);
  if (!record.value("Groups", Json::array()).empty())
    throw ServiceError("DeleteConflict",
                       "Cannot delete entity, must remove users from group first.", 409);
  if (&k == &kGroup)
    for (const auto &[ukey, user] : c.store.list_records(kService, "user"))
      for (const auto &g : user.value("Groups", Json::array()))
        if (g == key)
          throw ServiceError("DeleteConflict",
                             "Cannot delete entity, must remove users from group first.", 409);
  c.store.delete_record(kService, k.kind, key);
  return Json::object();
}

Json list_entities(Context &c, const Kind &k, const Json &input) {
  std::string prefix = optional_string(input, "PathPrefix").value_or("/");
  Json items = Json::array();
  for (const auto &[key, record] : c.store.list_records(kService, k.kind))
    if (record["Path"].get<std::string>().starts_with(prefix))
      items.push_back(shape(k, record));
  return Json{{std::string(k.label) + "s", items}, {"IsTruncated", false}};
}

// ---- inline policies --------------------------------------------------------------------------

Json put_inline(Context &c, const Kind &k, const Json &input) {
  auto [key, record] = load(c, k, input);
  std::string policy = required_name(input, "PolicyName", 128);
  std::string document = document_of(input, "PolicyDocument", PolicyKind::Identity);
  Json &policies = record["InlinePolicies"];
  size_t total = policy_size(document);
  for (const auto &[name, doc] : policies.items())
    if (key_of(name) != key_of(policy))
      total += policy_size(doc.get<std::string>());
  if (total > k.inline_quota)
    throw ServiceError("LimitExceeded",
                       fmt::format("Maximum policy size of {} bytes exceeded for {} {}",
                                   k.inline_quota, k.kind, record["Name"].get<std::string>()),
                       409);
  // Replacing a policy of the same name in another case keeps one.
  for (auto it = policies.begin(); it != policies.end(); ++it)
    if (key_of(it.key()) == key_of(policy) && it.key() != policy) {
      policies.erase(it.key());
      break;
    }
  policies[policy] = document;
  store(c, k, key, record);
  return Json::object();
}

std::string find_inline(const Kind &k, const Json &record, const std::string &policy) {
  for (const auto &[name, doc] : record["InlinePolicies"].items())
    if (key_of(name) == key_of(policy))
      return name;
  throw ServiceError("NoSuchEntity",
                     fmt::format("The {} policy with name {} cannot be found.", k.kind, policy),
                     404);
}

Json get_inline(Context &c, const Kind &k, const Json &input) {
  auto [key, record] = load(c, k, input);
  std::string name = find_inline(k, record, required_name(input, "PolicyName", 128));
  return Json{{name_member(k), record["Name"]},
              {"PolicyName", name},
              {"PolicyDocument", record["InlinePolicies"][name]}};
}

Json delete_inline(Context &c, const Kind &k, const Json &input) {
  auto [key, record] = load(c, k, input);
  std::string name = find_inline(k, record, required_name(input, "PolicyName", 128));
  record["InlinePolicies"].erase(name);
  store(c, k, key, record);
  return Json::object();
}

Json list_inline(Context &c, const Kind &k, const Json &input) {
  auto [key, record] = load(c, k, input);
  Json names = Json::array();
  for (const auto &[name, doc] : record["InlinePolicies"].items())
    names.push_back(name);
  std::sort(names.begin(), names.end());
  return Json{{"PolicyNames", names}, {"IsTruncated", false}};
}

// ---- managed policy attachments ---------------------------------------------------------------

Json attach(Context &c, const Kind &k, const Json &input) {
  auto [key, record] = load(c, k, input);
  std::string arn = required_string(input, "PolicyArn");
  bool aws_managed = false;
  attachable_policy(c, arn, aws_managed);
  Json &attached = record["AttachedPolicies"];
  if (std::find(attached.begin(), attached.end(), arn) != attached.end())
    return Json::object(); // attaching twice is not an error
  if (attached.size() >= kManagedQuota)
    throw ServiceError("LimitExceeded",
                       fmt::format("Cannot exceed quota for {}: {}", k.quota_name, kManagedQuota),
                       409);
  attached.push_back(arn);
  count_attachment(c, arn, 1);
  store(c, k, key, record);
  return Json::object();
}

Json detach(Context &c, const Kind &k, const Json &input) {
  auto [key, record] = load(c, k, input);
  std::string arn = required_string(input, "PolicyArn");
  Json &attached = record["AttachedPolicies"];
  auto it = std::find(attached.begin(), attached.end(), arn);
  if (it == attached.end())
    throw ServiceError("NoSuchEntity", fmt::format("Policy {} was not found.", arn), 404);
  attached.erase(it);
  count_attachment(c, arn, -1);
  store(c, k, key, record);
  return Json::object();
}

Json list_attached(Context &c, const Kind &k, const Json &input) {
  auto [key, record] = load(c, k, input);
  Json out = Json::array();
  for (const auto &arn : record["AttachedPolicies"]) {
    std::string a = arn;
    out.push_back({{"PolicyName", a.substr(a.rfind('/') + 1)}, {"PolicyArn", a}});
  }
  return Json{{"AttachedPolicies", out}, {"IsTruncated", false}};
}

// ---- tags and boundaries (roles and users) ----------------------------------------------------

Json tag(Context &c, const Kind &k, const Json &input) {
  auto [key, record] = load(c, k, input);
  auto tags = tags_from(record.value("Tags", Json::array()));
  for (const auto &[tk, tv] : iam_tags(input)) {
    auto it = std::find_if(tags.begin(), tags.end(),
                           [&](const auto &t) { return key_of(t.first) == key_of(tk); });
    if (it != tags.end())
      *it = {tk, tv};
    else
      tags.emplace_back(tk, tv);
  }
  if (tags.size() > 50)
    throw ServiceError("LimitExceeded", "The number of tags has reached the maximum limit.", 409);
  record["Tags"] = tag_list(tags);
  store(c, k, key, record);
  return Json::object();
}

Json untag(Context &c, const Kind &k, const Json &input) {
  auto [key, record] = load(c, k, input);
  auto keys = input.value("TagKeys", Json::array());
  auto tags = tags_from(record.value("Tags", Json::array()));
  std::erase_if(tags, [&](const auto &t) {
    return std::any_of(keys.begin(), keys.end(), [&](const Json &x) {
      return x.is_string() && key_of(x.get<std::string>()) == key_of(t.first);
    });
  });
  record["Tags"] = tag_list(tags);
  store(c, k, key, record);
  return Json::object();
}

Json list_tags(Context &c, const Kind &k, const Json &input) {
  auto [key, record] = load(c, k, input);
  return Json{{"Tags", record.value("Tags", Json::array())}, {"IsTruncated", false}};
}

Json put_boundary(Context &c, const Kind &k, const Json &input) {
  auto [key, record] = load(c, k, input);
  record["PermissionsBoundary"] = boundary_of(c, input);
  if (record["PermissionsBoundary"] == "")
    validation_error("PermissionsBoundary", "null", "not be null");
  store(c, k, key, record);
  return Json::object();
}

Json delete_boundary(Context &c, const Kind &k, const Json &input) {
  auto [key, record] = load(c, k, input);
  record["PermissionsBoundary"] = "";
  store(c, k, key, record);
  return Json::object();
}

// ---- role specifics ---------------------------------------------------------------------------

Json update_role(Context &c, const Json &input) {
  auto [key, record] = load(c, kRole, input);
  if (input.contains("Description"))
    record["Description"] = description_of(input);
  record["MaxSessionDuration"] = session_duration(input, record["MaxSessionDuration"]);
  store(c, kRole, key, record);
  return Json::object();
}

Json update_assume_role_policy(Context &c, const Json &input) {
  auto [key, record] = load(c, kRole, input);
  record["AssumeRolePolicyDocument"] = document_of(input, "PolicyDocument", PolicyKind::Trust);
  store(c, kRole, key, record);
  return Json::object();
}

// UpdateUser / UpdateGroup: a new path (renames are not offered: CloudFormation replaces).
template <const Kind &K> Json update_path(Context &c, const Json &input) {
  auto [key, record] = load(c, K, input);
  if (input.contains("NewPath")) {
    std::string path = path_of(input, "NewPath");
    record["Path"] = path;
    record["Arn"] = arn_of(c, K.kind, path, record["Name"].get<std::string>());
  }
  if (input.contains("New" + name_member(K)))
    throw ServiceError("InvalidInput", "The embedded IAM does not rename users or groups.");
  store(c, K, key, record);
  return Json::object();
}

// ---- group membership -------------------------------------------------------------------------

Json add_user_to_group(Context &c, const Json &input) {
  auto [gkey, group] = load(c, kGroup, input);
  auto [ukey, user] = load(c, kUser, input);
  Json &groups = user["Groups"];
  if (std::find(groups.begin(), groups.end(), gkey) == groups.end())
    groups.push_back(gkey);
  store(c, kUser, ukey, user);
  return Json::object();
}

Json remove_user_from_group(Context &c, const Json &input) {
  auto [gkey, group] = load(c, kGroup, input);
  auto [ukey, user] = load(c, kUser, input);
  Json &groups = user["Groups"];
  auto it = std::find(groups.begin(), groups.end(), gkey);
  if (it == groups.end())
    throw ServiceError("NoSuchEntity",
                       fmt::format("The user with name {} is not in group {}.",
                                   user["Name"].get<std::string>(),
                                   group["Name"].get<std::string>()),
                       404);
  groups.erase(it);
  store(c, kUser, ukey, user);
  return Json::object();
}

Json list_groups_for_user(Context &c, const Json &input) {
  auto [ukey, user] = load(c, kUser, input);
  Json out = Json::array();
  for (const auto &g : user["Groups"])
    if (auto group = c.store.get_record(kService, "group", g.get<std::string>()))
      out.push_back(shape(kGroup, *group));
  return Json{{"Groups", out}, {"IsTruncated", false}};
}

// ---- instance profiles ------------------------------------------------------------------------

std::pair<std::string, Json> load_profile(Context &c, const Json &input) {
  std::string name = required_name(input, "InstanceProfileName", 128);
  auto record = c.store.get_record(kService, "instance-profile", key_of(name));
  if (!record)
    throw ServiceError("NoSuchEntity", fmt::format("Instance Profile {} cannot be found.", name),
                       404);
  return {key_of(name), *record};
}

Json profile_shape(Context &c, const Json &p) {
  Json roles = Json::array();
  for (const auto &r : p["Roles"])
    if (auto role = c.store.get_record(kService, "role", r.get<std::string>()))
      roles.push_back(shape(kRole, *role));
  Json out = {
      {"Path", p["Path"]}, {"InstanceProfileName", p["Name"]}, {"InstanceProfileId", p["Id"]},
      {"Arn", p["Arn"]},   {"CreateDate", p["CreateDate"]},    {"Roles", roles}};
  if (!p.value("Tags", Json::array()).empty())
    out["Tags"] = p["Tags"];
  return out;
}

Json create_instance_profile(Context &c, const Json &input) {
  std::string name = required_name(input, "InstanceProfileName", 128);
  std::string path = path_of(input);
  if (c.store.get_record(kService, "instance-profile", key_of(name)))
    throw ServiceError("EntityAlreadyExists",
                       fmt::format("Instance Profile {} already exists.", name), 409);
  Json record = {{"Name", name},
                 {"Id", new_id("AIPA")},
                 {"Arn", arn_of(c, "instance-profile", path, name)},
                 {"Path", path},
                 {"CreateDate", state::now_iso8601()},
                 {"Roles", Json::array()},
                 {"Tags", tag_list(iam_tags(input))}};
  c.store.put_record(kService, "instance-profile", key_of(name), record);
  return Json{{"InstanceProfile", profile_shape(c, record)}};
}

Json get_instance_profile(Context &c, const Json &input) {
  auto [key, record] = load_profile(c, input);
  return Json{{"InstanceProfile", profile_shape(c, record)}};
}

Json delete_instance_profile(Context &c, const Json &input) {
  auto [key, record] = load_profile(c, input);
  if (!record["Roles"].empty())
    throw ServiceError("DeleteConflict",
                       "Cannot delete entity, must remove roles from instance profile first.", 409);
  c.store.delete_record(kService, "instance-profile", key);
  return Json::object();
}

Json add_role_to_instance_profile(Context &c, const Json &input) {
  auto [pkey, profile] = load_profile(c, input);
  auto [rkey, role] = load(c, kRole, input);
  for (const auto &r : profile["Roles"])
    if (r == rkey)
      throw ServiceError("EntityAlreadyExists",
                         fmt::format("Role {} already exists in instance profile {}.",
                                     role["Name"].get<std::string>(),
                                     profile["Name"].get<std::string>()),
                         409);
  if (!profile["Roles"].empty())
    throw ServiceError("LimitExceeded",
                       "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1", 409);
  profile["Roles"].push_back(rkey);
  role["InstanceProfiles"].push_back(pkey);
  c.store.put_record(kService, "instance-profile", pkey, profile);
  store(c, kRole, rkey, role);
  return Json::object();
}

Json remove_role_from_instance_profile(Context &c, const Json &input) {
  auto [pkey, profile] = load_profile(c, input);
  auto [rkey, role] = load(c, kRole, input);
  Json &roles = profile["Roles"];
  auto it = std::find(roles.begin(), roles.end(), rkey);
  if (it == roles.end())
    throw ServiceError("NoSuchEntity",
                       fmt::format("The role with name {} cannot be found in instance profile {}.",
                                   role["Name"].get<std::string>(),
                                   profile["Name"].get<std::string>()),
                       404);
  roles.erase(it);
  Json &profiles = role["InstanceProfiles"];
  profiles.erase(std::remove(profiles.begin(), profiles.end(), pkey), profiles.end());
  c.store.put_record(kService, "instance-profile", pkey, profile);
  store(c, kRole, rkey, role);
  return Json::object();
}

Json list_instance_profiles(Context &c, const Json &) {
  Json out = Json::array();
  for (const auto &[key, record] : c.store.list_records(kService, "instance-profile"))
    out.push_back(profile_shape(c, record));
  return Json{{"InstanceProfiles", out}, {"IsTruncated", false}};
}

Json list_instance_profiles_for_role(Context &c, const Json &input) {
  auto [rkey, role] = load(c, kRole, input);
  Json out = Json::array();
  for (const auto &p : role["InstanceProfiles"])
    if (auto profile = c.store.get_record(kService, "instance-profile", p.get<std::string>()))
      out.push_back(profile_shape(c, *profile));
  return Json{{"InstanceProfiles", out}, {"IsTruncated", false}};
}

// One handler per kind for the shared operations (the table takes plain function pointers).
template <const Kind &K> Json create_k(Context &c, const Json &i) { return create_entity(c, K, i); }
template <const Kind &K> Json get_k(Context &c, const Json &i) { return get_entity(c, K, i); }
template <const Kind &K> Json delete_k(Context &c, const Json &i) { return delete_entity(c, K, i); }
template <const Kind &K> Json list_k(Context &c, const Json &i) { return list_entities(c, K, i); }
template <const Kind &K> Json put_inline_k(Context &c, const Json &i) {
  return put_inline(c, K, i);
}
template <const Kind &K> Json get_inline_k(Context &c, const Json &i) {
  return get_inline(c, K, i);
}
template <const Kind &K> Json delete_inline_k(Context &c, const Json &i) {
  return delete_inline(c, K, i);
}
template <const Kind &K> Json list_inline_k(Context &c, const Json &i) {
  return list_inline(c, K, i);
}
template <const Kind &K> Json attach_k(Context &c, const Json &i) { return attach(c, K, i); }
template <const Kind &K> Json detach_k(Context &c, const Json &i) { return detach(c, K, i); }
template <const Kind &K> Json list_attached_k(Context &c, const Json &i) {
  return list_attached(c, K, i);
}
template <const Kind &K> Json tag_k(Context &c, const Json &i) { return tag(c, K, i); }
template <const Kind &K> Json untag_k(Context &c, const Json &i) { return untag(c, K, i); }
template <const Kind &K> Json list_tags_k(Context &c, const Json &i) { return list_tags(c, K, i); }
template <const Kind &K> Json put_boundary_k(Context &c, const Json &i) {
  return put_boundary(c, K, i);
}
template <const Kind &K> Json delete_boundary_k(Context &c, const Json &i) {
  return delete_boundary(c, K, i);
}

template <const Kind &K> void add_kind(HandlerTable &t) {
  std::string L = K.label;
  t["Create" + L] = create_k<K>;
  t["Get" + L] = get_k<K>;
  t["Delete" + L] = delete_k<K>;
  t["List" + L + "s"] = list_k<K>;
  t["Put" + L + "Policy"] = put_inline_k<K>;
  t["Get" + L + "Policy"] = get_inline_k<K>;
  t["Delete" + L + "Policy"] = delete_inline_k<K>;
  t["List" + L + "Policies"] = list_inline_k<K>;
  t["Attach" + L + "Policy"] = attach_k<K>;
  t["Detach" + L + "Policy"] = detach_k<K>;
  t["ListAttached" + L + "Policies"] = list_attached_k<K>;
  if (&K != &kGroup) {
    t["Tag" + L] = tag_k<K>;
    t["Untag" + L] = untag_k<K>;
    t["List" + L + "Tags"] = list_tags_k<K>;
    t["Put" + L + "PermissionsBoundary"] = put_boundary_k<K>;
    t["Delete" + L + "PermissionsBoundary"] = delete_boundary_k<K>;
  }
}

} // namespace
} // namespace iam

const HandlerTable &iam_handlers() {
  static const HandlerTable table = [] {
    HandlerTable t;
    iam::add_kind<iam::kRole>(t);
    iam::add_kind<iam::kUser>(t);
    iam::add_kind<iam::kGroup>(t);
    t["UpdateRole"] = iam::update_role;
    t["UpdateAssumeRolePolicy"] = iam::update_assume_role_policy;
    t["UpdateUser"] = iam::update_path<iam::kUser>;
    t["UpdateGroup"] = iam::update_path<iam::kGroup>;
    t["AddUserToGroup"] = iam::add_user_to_group;
    t["RemoveUserFromGroup"] = iam::remove_user_from_group;
    t["ListGroupsForUser"] = iam::list_groups_for_user;
    t["CreateInstanceProfile"] = iam::create_instance_profile;
    t["GetInstanceProfile"] = iam::get_instance_profile;
    t["DeleteInstanceProfile"] = iam::delete_instance_profile;
    t["AddRoleToInstanceProfile"] = iam::add_role_to_instance_profile;
    t["RemoveRoleFromInstanceProfile"] = iam::remove_role_from_instance_profile;
    t["ListInstanceProfiles"] = iam::list_instance_profiles;
    t["ListInstanceProfilesForRole"] = iam::list_instance_profiles_for_role;
    iam::add_policy_handlers(t);
    return t;
  }();
  return table;
}

} // namespace cfnlocal::services::embedded
