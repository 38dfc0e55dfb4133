// The embedded IAM's customer managed policies (IAM API Reference: CreatePolicy, GetPolicy,
// DeletePolicy, ListPolicies, CreatePolicyVersion, GetPolicyVersion, DeletePolicyVersion,
// ListPolicyVersions, SetDefaultPolicyVersion, ListEntitiesForPolicy, TagPolicy, UntagPolicy,
// ListPolicyTags). Records: kind "policy", keyed by ARN -> {Name, Id, Arn, Path, Description,
// CreateDate, UpdateDate, DefaultVersionId, NextVersion, Versions [{VersionId, Document,
// CreateDate}], AttachmentCount, Tags}.
//
// Enforced as IAM does: names, paths, unique names per account, documents (identity policies,
// at most 6144 characters without whitespace), five versions per policy, the default version
// not deletable, and deletion refused while the policy is attached or has other versions.
#include "services/embedded/iam_common.h"
#include "state/ids.h"

#include <fmt/format.h>

#include <algorithm>

namespace cfnlocal::services::embedded::iam {
namespace {

constexpr size_t kMaxVersions = 5;
constexpr size_t kMaxPolicySize = 6144;

std::pair<std::string, Json> load_policy(Context &c, const Json &input) {
  std::string arn = required_string(input, "PolicyArn");
  auto record = c.store.get_record(kService, "policy", arn);
  if (!record)
    throw ServiceError("NoSuchEntity", fmt::format("Policy {} was not found.", arn), 404);
  return {arn, *record};
}

std::string checked_document(const Json &input) {
  std::string document = document_of(input, "PolicyDocument", PolicyKind::Identity);
  if (policy_size(document) > kMaxPolicySize)
    throw ServiceError("LimitExceeded",
                       fmt::format("Cannot exceed quota for PolicySize: {}", kMaxPolicySize), 409);
  return document;
}

Json policy_shape(const Json &p) {
  Json out = {{"PolicyName", p["Name"]},
              {"PolicyId", p["Id"]},
              {"Arn", p["Arn"]},
              {"Path", p["Path"]},
              {"DefaultVersionId", p["DefaultVersionId"]},
              {"AttachmentCount", p.value("AttachmentCount", 0)},
              {"PermissionsBoundaryUsageCount", 0},
              {"IsAttachable", true},
              {"CreateDate", p["CreateDate"]},
              {"UpdateDate", p["UpdateDate"]}};
  if (!p.value("Description", "").empty())
    out["Description"] = p["Description"];
  if (!p.value("Tags", Json::array()).empty())
    out["Tags"] = p["Tags"];
  return out;
}

Json version_shape(const Json &p, const Json &v) {
  return Json{{"Document", v["Document"]},
              {"VersionId", v["VersionId"]},
              {"IsDefaultVersion", v["VersionId"] == p["DefaultVersionId"]},
              {"CreateDate", v["CreateDate"]}};
}

Json create_policy(Context &c, const Json &input) {
  std::string name = required_name(input, "PolicyName", 128);
  std::string path = path_of(input);
  std::string document = checked_document(input);
  std::string description = optional_string(input, "Description").value_or("");
  if (description.size() > 1000)
    validation_error("Description", description, "have length less than or equal to 1000");
  auto tags = read_tags(input, "Tags", 50, "LimitExceeded");
  // Names are unique per account whatever the path.
  for (const auto &[arn, p] : c.store.list_records(kService, "policy"))
    if (key_of(p["Name"].get<std::string>()) == key_of(name))
      throw ServiceError("EntityAlreadyExists",
                         fmt::format("A policy called {} already exists. Duplicate names are not "
                                     "allowed.",
                                     name),
                         409);
  std::string now = state::now_iso8601();
  std::string arn = arn_of(c, "policy", path, name);
  Json record = {{"Name", name},
                 {"Id", new_id("ANPA")},
                 {"Arn", arn},
                 {"Path", path},
                 {"Description", description},
                 {"CreateDate", now},
                 {"UpdateDate", now},
                 {"DefaultVersionId", "v1"},
                 {"NextVersion", 2},
                 {"Versions", {{{"VersionId", "v1"}, {"Document", document}, {"CreateDate", now}}}},
                 {"AttachmentCount", 0},
                 {"Tags", tag_list(tags)}};
  c.store.put_record(kService, "policy", arn, record);
  return Json{{"Policy", policy_shape(record)}};
}

Json get_policy(Context &c, const Json &input) {
  auto [arn, record] = load_policy(c, input);
  return Json{{"Policy", policy_shape(record)}};
}

Json delete_policy(Context &c, const Json &input) {
  auto [arn, record] = load_policy(c, input);
  if (record.value("AttachmentCount", 0) > 0)
    throw ServiceError("DeleteConflict", "Cannot delete a policy attached to entities.", 409);
  if (record["Versions"].size() > 1)
    throw ServiceError("DeleteConflict",
                       "This policy has more than one version. Before you delete a policy, you "
                       "must delete the policy's versions. The default version is deleted with "
                       "the policy.",
                       409);
  c.store.delete_record(kService, "policy", arn);
  return Json::object();
}

Json list_policies(Context &c, const Json &input) {
  std::string scope = optional_string(input, "Scope").value_or("All");
  bool only_attached = optional_bool(input, "OnlyAttached");
  Json out = Json::array();
  if (scope != "AWS")
    for (const auto &[arn, p] : c.store.list_records(kService, "policy"))
      if (!only_attached || p.value("AttachmentCount", 0) > 0)
        out.push_back(policy_shape(p));
  return Json{{"Policies", out}, {"IsTruncated", false}};
}

Json create_policy_version(Context &c, const Json &input) {
  auto [arn, record] = load_policy(c, input);
  std::string document = checked_document(input);
  if (record["Versions"].size() >= kMaxVersions)
    throw ServiceError("LimitExceeded",
                       "A managed policy can have up to 5 versions. Before you create a new "
                       "version, you must delete an existing version.",
                       409);
  std::string id = fmt::format("v{}", record["NextVersion"].get<int64_t>());
  std::string now = state::now_iso8601();
  record["NextVersion"] = record["NextVersion"].get<int64_t>() + 1;
  Json version = {{"VersionId", id}, {"Document", document}, {"CreateDate", now}};
  record["Versions"].push_back(version);
  if (optional_bool(input, "SetAsDefault"))
    record["DefaultVersionId"] = id;
  record["UpdateDate"] = now;
  c.store.put_record(kService, "policy", arn, record);
  return Json{{"PolicyVersion", version_shape(record, version)}};
}

Json find_version(const Json &record, const std::string &id) {
  for (const auto &v : record["Versions"])
    if (v["VersionId"] == id)
      return v;
  throw ServiceError("NoSuchEntity",
                     fmt::format("Policy {} version {} does not exist or is not attachable.",
                                 record["Arn"].get<std::string>(), id),
                     404);
}

Json get_policy_version(Context &c, const Json &input) {
  auto [arn, record] = load_policy(c, input);
  Json v = find_version(record, required_string(input, "VersionId"));
  return Json{{"PolicyVersion", version_shape(record, v)}};
}

Json delete_policy_version(Context &c, const Json &input) {
  auto [arn, record] = load_policy(c, input);
  std::string id = required_string(input, "VersionId");
  find_version(record, id);
  if (record["DefaultVersionId"] == id)
    throw ServiceError("DeleteConflict", "Cannot delete the default version of a policy.", 409);
  Json &versions = record["Versions"];
  versions.erase(std::remove_if(versions.begin(), versions.end(),
                                [&](const Json &v) { return v["VersionId"] == id; }),
                 versions.end());
  c.store.put_record(kService, "policy", arn, record);
  return Json::object();
}

Json list_policy_versions(Context &c, const Json &input) {
  auto [arn, record] = load_policy(c, input);
  Json out = Json::array();
  // Newest first, as IAM lists them.
  for (auto it = record["Versions"].rbegin(); it != record["Versions"].rend(); ++it)
    out.push_back(version_shape(record, *it));
  return Json{{"Versions", out}, {"IsTruncated", false}};
}

Json set_default_policy_version(Context &c, const Json &input) {
  auto [arn, record] = load_policy(c, input);
  std::string id = required_string(input, "VersionId");
  find_version(record, id);
  record["DefaultVersionId"] = id;
  record["UpdateDate"] = state::now_iso8601();
  c.store.put_record(kService, "policy", arn, record);
  return Json::object();
}

Json list_entities_for_policy(Context &c, const Json &input) {
  std::string arn = required_string(input, "PolicyArn");
  bool aws_managed = false;
  attachable_policy(c, arn, aws_managed);
  Json out = {{"PolicyRoles", Json::array()},
              {"PolicyUsers", Json::array()},
              {"PolicyGroups", Json::array()},
              {"IsTruncated", false}};
  for (const auto &[kind, member, label] :
       {std::tuple{"role", "PolicyRoles", "Role"}, std::tuple{"user", "PolicyUsers", "User"},
        std::tuple{"group", "PolicyGroups", "Group"}})
    for (const auto &[key, r] : c.store.list_records(kService, kind)) {
      const Json &attached = r["AttachedPolicies"];
      if (std::find(attached.begin(), attached.end(), arn) != attached.end())
        out[member].push_back(
            {{std::string(label) + "Name", r["Name"]}, {std::string(label) + "Id", r["Id"]}});
    }
  return out;
}

Json tag_policy(Context &c, const Json &input) {
  auto [arn, record] = load_policy(c, input);
  auto tags = tags_from(record.value("Tags", Json::array()));
  for (const auto &[k, v] : read_tags(input, "Tags", 50, "LimitExceeded")) {
    auto it = std::find_if(tags.begin(), tags.end(), [&](const auto &t) { return t.first == k; });
    if (it != tags.end())
      it->second = v;
    else
      tags.emplace_back(k, v);
  }
  record["Tags"] = tag_list(tags);
  c.store.put_record(kService, "policy", arn, record);
  return Json::object();
}

Json untag_policy(Context &c, const Json &input) {
  auto [arn, record] = load_policy(c, input);
  auto keys = input.value("TagKeys", Json::array());
  auto tags = tags_from(record.value("Tags", Json::array()));
  std::erase_if(tags, [&](const auto &t) {
    return std::find(keys.begin(), keys.end(), t.first) != keys.end();
  });
  record["Tags"] = tag_list(tags);
  c.store.put_record(kService, "policy", arn, record);
  return Json::object();
}

Json list_policy_tags(Context &c, const Json &input) {
  auto [arn, record] = load_policy(c, input);
  return Json{{"Tags", record.value("Tags", Json::array())}, {"IsTruncated", false}};
}

} // namespace

void add_policy_handlers(HandlerTable &t) {
  t["CreatePolicy"] = create_policy;
  t["GetPolicy"] = get_policy;
  t["DeletePolicy"] = delete_policy;
  t["ListPolicies"] = list_policies;
  t["CreatePolicyVersion"] = create_policy_version;
  t["GetPolicyVersion"] = get_policy_version;
  t["DeletePolicyVersion"] = delete_policy_version;
  t["ListPolicyVersions"] = list_policy_versions;
  t["SetDefaultPolicyVersion"] = set_default_policy_version;
  t["ListEntitiesForPolicy"] = list_entities_for_policy;
  t["TagPolicy"] = tag_policy;
  t["UntagPolicy"] = untag_policy;
  t["ListPolicyTags"] = list_policy_tags;
}

} // namespace cfnlocal::services::embedded::iam
