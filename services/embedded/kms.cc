// The embedded AWS KMS control plane (AWS Key Management Service API Reference: CreateKey,
// DescribeKey, ListKeys, EnableKey, DisableKey, UpdateKeyDescription, EnableKeyRotation,
// DisableKeyRotation, GetKeyRotationStatus, GetKeyPolicy, PutKeyPolicy, ScheduleKeyDeletion,
// CancelKeyDeletion, CreateAlias, UpdateAlias, DeleteAlias, ListAliases, TagResource,
// UntagResource, ListResourceTags; botocore kms/2014-11-01, JSON protocol). Records: kind "key",
// key "REGION:KEYID" -> {KeyMetadata, Policy, Rotation {Enabled, RotationPeriodInDays}, Tags
// [{TagKey, TagValue}]}; kind "alias", key "REGION:alias/NAME" -> AliasListEntry.
//
// Enforced as KMS does: key specs and the key usages each allows, rotation only for symmetric
// keys with KMS-made material, rotation periods (90-2560 days), pending windows (7-30 days),
// keys pending deletion or disabled refusing what they refuse, key identification by id, ARN,
// alias name or alias ARN, alias names ("alias/" prefix, the reserved "alias/aws/" prefix, the
// characters KMS allows, uniqueness), aliases that point at keys (not aliases) of the same
// type on update, policy documents (JSON, 32 KB), and tag limits.
#include "services/embedded/context.h"
#include "services/embedded/shape_checks.h"
#include "state/ids.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <vector>

namespace cfnlocal::services::embedded {
namespace {

constexpr std::string_view kService = "kms";

std::string key_arn(const Context &c, std::string_view id) {
  return fmt::format("arn:{}:kms:{}:{}:key/{}", c.partition, c.region, c.account, id);
}
std::string alias_arn(const Context &c, std::string_view name) {
  return fmt::format("arn:{}:kms:{}:{}:{}", c.partition, c.region, c.account, name);
}
std::string record_key(const Context &c, std::string_view id) {
  return c.region + ":" + std::string(id);
}

[[noreturn]] void key_not_found(const Context &c, std::string_view id) {
  throw ServiceError("NotFoundException", fmt::format("Key '{}' does not exist", key_arn(c, id)));
}
[[noreturn]] void alias_not_found(const Context &c, std::string_view name) {
  throw ServiceError("NotFoundException",
                     fmt::format("Alias '{}' is not found.", alias_arn(c, name)));
}

// The key a KeyId names: a key id, a key ARN, an alias name or an alias ARN.
std::pair<std::string, Json> load_key(Context &c, const std::string &given) {
  std::string id = given;
  std::string arn_prefix = fmt::format("arn:{}:kms:{}:{}:", c.partition, c.region, c.account);
  if (id.starts_with(arn_prefix))
    id = id.substr(arn_prefix.size());
  else if (id.starts_with("arn:"))
    throw ServiceError("NotFoundException", fmt::format("Invalid arn {}", given));
  if (id.starts_with("key/"))
    id = id.substr(4);
  if (id.starts_with("alias/")) {
    auto alias = c.store.get_record(kService, "alias", record_key(c, id));
    if (!alias)
      alias_not_found(c, id);
    id = (*alias)["TargetKeyId"].get<std::string>();
  }
  auto record = c.store.get_record(kService, "key", record_key(c, id));
  if (!record)
    key_not_found(c, id);
  return {id, *record};
}

void save_key(Context &c, const std::string &id, const Json &record) {
  c.store.put_record(kService, "key", record_key(c, id), record);
}

std::string key_id_member(const Json &input) {
  std::string id = string_member(input, "KeyId", "keyId");
  check_length("KeyId", id, 1, 2048);
  return id;
}

// Operations that need the key usable refuse keys pending deletion (all of them) and, for
// cryptographic configuration, disabled keys.
void require_state(const Json &record, bool allow_disabled = true) {
  const Json &m = record["KeyMetadata"];
  std::string state = m["KeyState"];
  if (state == "PendingDeletion" || (!allow_disabled && state == "Disabled") ||
      state == "PendingImport")
    throw ServiceError("KMSInvalidStateException",
                       fmt::format("{} is {}.", m["Arn"].get<std::string>(),
                                   state == "PendingDeletion" ? "pending deletion"
                                   : state == "Disabled"      ? "disabled"
                                                              : "pending import"));
}

std::string default_policy(const Context &c) {
  Json policy = {
      {"Version", "2012-10-17"},
      {"Id", "key-default-1"},
      {"Statement",
       {{{"Sid", "Enable IAM User Permissions"},
         {"Effect", "Allow"},
         {"Principal", {{"AWS", fmt::format("arn:{}:iam::{}:root", c.partition, c.account)}}},
         {"Action", "kms:*"},
         {"Resource", "*"}}}}};
  return policy.dump(2);
}

std::string checked_policy(const std::string &text) {
  if (utf8_length(text) > 32768)
    constraint_error("Policy", text, "have length less than or equal to 32768");
  Json parsed = Json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object())
    throw ServiceError("MalformedPolicyDocumentException",
                       "The policy document is not valid JSON.");
  auto statements = parsed.find("Statement");
  if (statements == parsed.end() || (!statements->is_array() && !statements->is_object()) ||
      statements->empty())
    throw ServiceError("MalformedPolicyDocumentException",
                       "Policy contains a statement with no Statement element.");
  for (const auto &s : statements->is_array() ? *statements : Json::array({*statements})) {
    std::string effect = s.value("Effect", "");
    if (effect != "Allow" && effect != "Deny")
      throw ServiceError("MalformedPolicyDocumentException",
                         "Policy contains a statement with an invalid Effect.");
    if (!s.contains("Principal") && !s.contains("NotPrincipal"))
      throw ServiceError("MalformedPolicyDocumentException",
                         "Policy contains a statement with no principal.");
    if (!s.contains("Action") && !s.contains("NotAction"))
      throw ServiceError("MalformedPolicyDocumentException",
                         "Policy contains a statement with no Action.");
  }
  return text;
}

// Key specs, their usages and algorithms (AWS KMS Developer Guide, "Key spec reference").
struct Spec {
  const char *name;
  std::vector<std::string_view> usages;
};
const Spec kSpecs[] = {
    {"SYMMETRIC_DEFAULT", {"ENCRYPT_DECRYPT"}},
    {"RSA_2048", {"ENCRYPT_DECRYPT", "SIGN_VERIFY"}},
    {"RSA_3072", {"ENCRYPT_DECRYPT", "SIGN_VERIFY"}},
    {"RSA_4096", {"ENCRYPT_DECRYPT", "SIGN_VERIFY"}},
    {"ECC_NIST_P256", {"SIGN_VERIFY", "KEY_AGREEMENT"}},
    {"ECC_NIST_P384", {"SIGN_VERIFY", "KEY_AGREEMENT"}},
    {"ECC_NIST_P521", {"SIGN_VERIFY", "KEY_AGREEMENT"}},
    {"ECC_SECG_P256K1", {"SIGN_VERIFY"}},
    {"HMAC_224", {"GENERATE_VERIFY_MAC"}},
    {"HMAC_256", {"GENERATE_VERIFY_MAC"}},
    {"HMAC_384", {"GENERATE_VERIFY_MAC"}},
    {"HMAC_512", {"GENERATE_VERIFY_MAC"}},
    {"SM2", {"ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT"}},
};

void set_algorithms(Json &m, const std::string &spec, const std::string &usage) {
  if (usage == "ENCRYPT_DECRYPT") {
    m["EncryptionAlgorithms"] = spec == "SYMMETRIC_DEFAULT" ? Json{"SYMMETRIC_DEFAULT"}
                                : spec == "SM2"             ? Json{"SM2PKE"}
                                                : Json{"RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"};
  } else if (usage == "SIGN_VERIFY") {
    if (spec.starts_with("RSA"))
      m["SigningAlgorithms"] = {"RSASSA_PSS_SHA_256",        "RSASSA_PSS_SHA_384",
                                "RSASSA_PSS_SHA_512",        "RSASSA_PKCS1_V1_5_SHA_256",
                                "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512"};
    else if (spec == "SM2")
      m["SigningAlgorithms"] = {"SM2DSA"};
    else
      m["SigningAlgorithms"] = {spec == "ECC_NIST_P384"   ? "ECDSA_SHA_384"
                                : spec == "ECC_NIST_P521" ? "ECDSA_SHA_512"
                                                          : "ECDSA_SHA_256"};
  } else if (usage == "GENERATE_VERIFY_MAC") {
    m["MacAlgorithms"] = {"HMAC_SHA_" + spec.substr(5)};
  } else {
    m["KeyAgreementAlgorithms"] = {"ECDH"};
  }
}

std::vector<std::pair<std::string, std::string>> read_kms_tags(const Json &input) {
  std::vector<std::pair<std::string, std::string>> out;
  const Json *list = list_member(input, "Tags", "tags");
  if (!list)
    return out;
  if (list->size() > 50)
    throw ServiceError("TagException", "Too many tags: a KMS key can have at most 50 tags.");
  for (size_t i = 0; i < list->size(); ++i) {
    std::string at = fmt::format("tags.{}.member", i + 1);
    std::string k = string_member((*list)[i], "TagKey", at + ".tagKey");
    std::string v = string_member((*list)[i], "TagValue", at + ".tagValue");
    check_length("TagKey", k, 1, 128);
    check_length("TagValue", v, 0, 256);
    if (k.starts_with("aws:"))
      throw ServiceError("TagException", "Tags beginning with aws: are reserved.");
    out.emplace_back(k, v);
  }
  return out;
}

Json kms_tag_list(const std::vector<std::pair<std::string, std::string>> &tags) {
  Json out = Json::array();
  for (const auto &[k, v] : tags)
    out.push_back({{"TagKey", k}, {"TagValue", v}});
  return out;
}

std::vector<std::pair<std::string, std::string>> kms_tags_from(const Json &list) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto &t : list)
    out.emplace_back(t.value("TagKey", ""), t.value("TagValue", ""));
  return out;
}

// ---- keys -------------------------------------------------------------------------------------

Json create_key(Context &c, const Json &input) {
  std::string spec =
      optional_string(input, "KeySpec")
          .value_or(optional_string(input, "CustomerMasterKeySpec").value_or("SYMMETRIC_DEFAULT"));
  check_enum("keySpec", spec,
             {"RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521",
              "ECC_SECG_P256K1", "SYMMETRIC_DEFAULT", "HMAC_224", "HMAC_256", "HMAC_384",
              "HMAC_512", "SM2"});
  std::string usage = optional_string(input, "KeyUsage").value_or("");
  if (!usage.empty())
    check_enum("keyUsage", usage,
               {"SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"});
  const Spec *s = nullptr;
  for (const auto &candidate : kSpecs)
    if (spec == candidate.name)
      s = &candidate;
  if (usage.empty()) {
    if (spec.starts_with("HMAC"))
      usage = "GENERATE_VERIFY_MAC";
    else if (spec.starts_with("ECC"))
      throw ServiceError("ValidationException",
                         fmt::format("You must specify a KeyUsage value for an asymmetric KMS key "
                                     "with KeySpec {}.",
                                     spec));
    else
      usage = "ENCRYPT_DECRYPT";
  }
  if (std::find(s->usages.begin(), s->usages.end(), usage) == s->usages.end())
    throw ServiceError("ValidationException",
                       fmt::format("KeyUsage {} is not compatible with KeySpec {}", usage, spec));
  std::string origin = optional_string(input, "Origin").value_or("AWS_KMS");
  check_enum("origin", origin, {"AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"});
  if (origin == "AWS_CLOUDHSM" || origin == "EXTERNAL_KEY_STORE")
    throw ServiceError("CustomKeyStoreNotFoundException",
                       "A CustomKeyStoreId is required when Origin is " + origin +
                           ", and this account has no custom key stores.");
  if (origin == "EXTERNAL" && spec != "SYMMETRIC_DEFAULT" && !spec.starts_with("HMAC") &&
      !spec.starts_with("RSA") && !spec.starts_with("ECC"))
    throw ServiceError("UnsupportedOperationException",
                       fmt::format("KeySpec {} does not support Origin EXTERNAL.", spec));
  std::string description = optional_string(input, "Description").value_or("");
  check_length("Description", description, 0, 8192);
  std::string policy = optional_string(input, "Policy").value_or("");
  policy = policy.empty() ? default_policy(c) : checked_policy(policy);
  bool multi_region = bool_member(input, "MultiRegion", "multiRegion").value_or(false);
  auto tags = read_kms_tags(input);

  std::string id = multi_region ? "mrk-" + state::uuid4() : state::uuid4();
  if (multi_region)
    id.erase(std::remove(id.begin() + 4, id.end(), '-'), id.end());
  Json m = {{"AWSAccountId", c.account},
            {"KeyId", id},
            {"Arn", key_arn(c, id)},
            {"CreationDate", iso_now()},
            {"Enabled", origin != "EXTERNAL"},
            {"Description", description},
            {"KeyUsage", usage},
            {"KeyState", origin == "EXTERNAL" ? "PendingImport" : "Enabled"},
            {"Origin", origin},
            {"KeyManager", "CUSTOMER"},
            {"CustomerMasterKeySpec", spec},
            {"KeySpec", spec},
            {"MultiRegion", multi_region}};
  if (origin == "EXTERNAL")
    m["ExpirationModel"] = "KEY_MATERIAL_EXPIRES";
  set_algorithms(m, spec, usage);
  if (multi_region)
    m["MultiRegionConfiguration"] = {
        {"MultiRegionKeyType", "PRIMARY"},
        {"PrimaryKey", {{"Arn", key_arn(c, id)}, {"Region", c.region}}},
        {"ReplicaKeys", Json::array()}};
  Json record = {{"KeyMetadata", m},
                 {"Policy", policy},
                 {"Rotation", {{"Enabled", false}}},
                 {"Tags", kms_tag_list(tags)}};
  save_key(c, id, record);
  return {{"KeyMetadata", m}};
}

Json describe_key(Context &c, const Json &input) {
  auto [id, record] = load_key(c, key_id_member(input));
  return {{"KeyMetadata", record["KeyMetadata"]}};
}

Json list_keys(Context &c, const Json &input) {
  auto limit = int_member(input, "Limit", "limit");
  if (limit)
    check_range("limit", *limit, 1, 1000);
  size_t max = static_cast<size_t>(limit.value_or(100));
  std::string after = optional_string(input, "Marker").value_or("");
  auto records = c.store.list_records(kService, "key", c.region + ":", max + 1,
                                      after.empty() ? "" : record_key(c, after));
  Json keys = Json::array();
  for (size_t i = 0; i < records.size() && i < max; ++i)
    keys.push_back({{"KeyId", records[i].second["KeyMetadata"]["KeyId"]},
                    {"KeyArn", records[i].second["KeyMetadata"]["Arn"]}});
  Json out = {{"Keys", keys}, {"Truncated", records.size() > max}};
  if (records.size() > max)
    out["NextMarker"] = keys.back()["KeyId"];
  return out;
}

Json set_enabled(Context &c, const Json &input, bool enabled) {
  auto [id, record] = load_key(c, key_id_member(input));
  require_state(record);
  record["KeyMetadata"]["Enabled"] = enabled;
  record["KeyMetadata"]["KeyState"] = enabled ? "Enabled" : "Disabled";
  save_key(c, id, record);
  return Json::object();
}
Json enable_key(Context &c, const Json &input) { return set_enabled(c, input, true); }
Json disable_key(Context &c, const Json &input) { return set_enabled(c, input, false); }

Json update_key_description(Context &c, const Json &input) {
  auto [id, record] = load_key(c, key_id_member(input));
  std::string description = string_member(input, "Description", "description");
  check_length("Description", description, 0, 8192);
  require_state(record);
  record["KeyMetadata"]["Description"] = description;
  save_key(c, id, record);
  return Json::object();
}

// Rotation: symmetric keys whose material KMS made.
Json rotatable(Context &c, const Json &input, std::string &id) {
  auto [key_id, record] = load_key(c, key_id_member(input));
  id = key_id;
  const Json &m = record["KeyMetadata"];
  require_state(record, false);
  if (m["KeySpec"] != "SYMMETRIC_DEFAULT" || m["Origin"] != "AWS_KMS")
    throw ServiceError("UnsupportedOperationException",
                       fmt::format("{} key spec or origin is not valid for this operation.",
                                   m["Arn"].get<std::string>()));
  return record;
}

Json enable_key_rotation(Context &c, const Json &input) {
  auto period = int_member(input, "RotationPeriodInDays", "rotationPeriodInDays");
  if (period)
    check_range("rotationPeriodInDays", *period, 90, 2560);
  std::string id;
  Json record = rotatable(c, input, id);
  record["Rotation"] = {{"Enabled", true}, {"RotationPeriodInDays", period.value_or(365)}};
  save_key(c, id, record);
  return Json::object();
}

Json disable_key_rotation(Context &c, const Json &input) {
  std::string id;
  Json record = rotatable(c, input, id);
  record["Rotation"] = {{"Enabled", false}};
  save_key(c, id, record);
  return Json::object();
}

Json get_key_rotation_status(Context &c, const Json &input) {
  auto [id, record] = load_key(c, key_id_member(input));
  const Json &r = record["Rotation"];
  Json out = {{"KeyRotationEnabled", r.value("Enabled", false)},
              {"KeyId", record["KeyMetadata"]["Arn"]}};
  if (r.value("Enabled", false))
    out["RotationPeriodInDays"] = r.value("RotationPeriodInDays", 365);
  return out;
}

Json get_key_policy(Context &c, const Json &input) {
  auto [id, record] = load_key(c, key_id_member(input));
  if (auto name = optional_string(input, "PolicyName"); name && *name != "default")
    throw ServiceError("NotFoundException", "No such policy exists");
  return {{"Policy", record["Policy"]}, {"PolicyName", "default"}};
}

Json put_key_policy(Context &c, const Json &input) {
  auto [id, record] = load_key(c, key_id_member(input));
  if (auto name = optional_string(input, "PolicyName"); name && *name != "default")
    throw ServiceError("NotFoundException", "No such policy exists");
  record["Policy"] = checked_policy(string_member(input, "Policy", "policy"));
  require_state(record);
  save_key(c, id, record);
  return Json::object();
}

Json schedule_key_deletion(Context &c, const Json &input) {
  auto window = int_member(input, "PendingWindowInDays", "pendingWindowInDays");
  if (window)
    check_range("pendingWindowInDays", *window, 7, 30);
  auto [id, record] = load_key(c, key_id_member(input));
  require_state(record);
  int64_t days = window.value_or(30);
  auto when = std::chrono::system_clock::now() + std::chrono::hours(24 * days);
  std::time_t t = std::chrono::system_clock::to_time_t(when);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S.000Z", std::gmtime(&t));
  Json &m = record["KeyMetadata"];
  m["KeyState"] = "PendingDeletion";
  m["Enabled"] = false;
  m["DeletionDate"] = buffer;
  m["PendingDeletionWindowInDays"] = days;
  save_key(c, id, record);
  return {{"KeyId", m["Arn"]},
          {"DeletionDate", buffer},
          {"KeyState", "PendingDeletion"},
          {"PendingWindowInDays", days}};
}

Json cancel_key_deletion(Context &c, const Json &input) {
  auto [id, record] = load_key(c, key_id_member(input));
  Json &m = record["KeyMetadata"];
  if (m["KeyState"] != "PendingDeletion")
    throw ServiceError("KMSInvalidStateException",
                       fmt::format("{} is not pending deletion.", m["Arn"].get<std::string>()));
  m["KeyState"] = "Disabled";
  m.erase("DeletionDate");
  m.erase("PendingDeletionWindowInDays");
  save_key(c, id, record);
  return {{"KeyId", m["Arn"]}};
}

// ---- aliases ----------------------------------------------------------------------------------

std::string alias_name_member(const Json &input, bool creating) {
  std::string name = string_member(input, "AliasName", "aliasName");
  check_length("AliasName", name, 1, 256);
  check_pattern("aliasName", name, "^[a-zA-Z0-9:/_-]+$");
  if (!name.starts_with("alias/"))
    throw ServiceError("ValidationException",
                       "Alias must start with the prefix \"alias/\". Please see "
                       "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
  if (creating && name.starts_with("alias/aws/"))
    throw ServiceError("NotAuthorizedException",
                       fmt::format("Alias {} must not begin with alias/aws/; that prefix is "
                                   "reserved for AWS managed keys.",
                                   name));
  if (name == "alias/")
    throw ServiceError("ValidationException", "Alias name must have a name after \"alias/\".");
  return name;
}

// The key an alias may point at: an existing key by id or ARN (not an alias), usable.
std::pair<std::string, Json> alias_target(Context &c, const Json &input) {
  std::string target = string_member(input, "TargetKeyId", "targetKeyId");
  check_length("TargetKeyId", target, 1, 2048);
  if (target.starts_with("alias/") || target.find(":alias/") != std::string::npos)
    throw ServiceError("ValidationException", "Aliases must refer to keys. Not aliases");
  auto [id, record] = load_key(c, target);
  require_state(record);
  return {id, record};
}

Json create_alias(Context &c, const Json &input) {
  std::string name = alias_name_member(input, true);
  auto [id, key] = alias_target(c, input);
  if (c.store.get_record(kService, "alias", record_key(c, name)))
    throw ServiceError("AlreadyExistsException",
                       fmt::format("An alias with the name {} already exists", alias_arn(c, name)));
  std::string now = iso_now();
  c.store.put_record(kService, "alias", record_key(c, name),
                     {{"AliasName", name},
                      {"AliasArn", alias_arn(c, name)},
                      {"TargetKeyId", id},
                      {"CreationDate", now},
                      {"LastUpdatedDate", now}});
  return Json::object();
}

Json update_alias(Context &c, const Json &input) {
  std::string name = alias_name_member(input, false);
  auto alias = c.store.get_record(kService, "alias", record_key(c, name));
  if (!alias)
    alias_not_found(c, name);
  auto [id, key] = alias_target(c, input);
  auto [old_id, old_key] = load_key(c, (*alias)["TargetKeyId"].get<std::string>());
  const Json &a = old_key["KeyMetadata"], &b = key["KeyMetadata"];
  bool symmetric_a = a["KeySpec"] == "SYMMETRIC_DEFAULT";
  bool symmetric_b = b["KeySpec"] == "SYMMETRIC_DEFAULT";
  if (symmetric_a != symmetric_b || a["KeyUsage"] != b["KeyUsage"])
    throw ServiceError("ValidationException",
                       fmt::format("{} is not the same type of KMS key as the current target of "
                                   "{}: both must have the same key spec type and key usage.",
                                   b["Arn"].get<std::string>(), name));
  (*alias)["TargetKeyId"] = id;
  (*alias)["LastUpdatedDate"] = iso_now();
  c.store.put_record(kService, "alias", record_key(c, name), *alias);
  return Json::object();
}

Json delete_alias(Context &c, const Json &input) {
  std::string name = alias_name_member(input, false);
  if (!c.store.delete_record(kService, "alias", record_key(c, name)))
    alias_not_found(c, name);
  return Json::object();
}

Json list_aliases(Context &c, const Json &input) {
  std::optional<std::string> key_id;
  if (auto given = optional_string(input, "KeyId"))
    key_id = load_key(c, *given).first;
  Json aliases = Json::array();
  for (const auto &[k, a] : c.store.list_records(kService, "alias", c.region + ":"))
    if (!key_id || a["TargetKeyId"] == *key_id)
      aliases.push_back(a);
  return {{"Aliases", aliases}, {"Truncated", false}};
}

// ---- tags -------------------------------------------------------------------------------------

Json tag_resource(Context &c, const Json &input) {
  auto [id, record] = load_key(c, key_id_member(input));
  require_state(record);
  auto current = kms_tags_from(record["Tags"]);
  for (const auto &[k, v] : read_kms_tags(input)) {
    auto it = std::find_if(current.begin(), current.end(), [&](auto &t) { return t.first == k; });
    if (it != current.end())
      it->second = v;
    else
      current.emplace_back(k, v);
  }
  if (current.size() > 50)
    throw ServiceError("TagException", "Too many tags: a KMS key can have at most 50 tags.");
  record["Tags"] = kms_tag_list(current);
  save_key(c, id, record);
  return Json::object();
}

Json untag_resource(Context &c, const Json &input) {
  auto [id, record] = load_key(c, key_id_member(input));
  const Json *keys = list_member(input, "TagKeys", "tagKeys");
  if (!keys)
    constraint_error("tagKeys", Json(), "not be null");
  std::vector<std::pair<std::string, std::string>> kept;
  for (const auto &t : kms_tags_from(record["Tags"]))
    if (std::find(keys->begin(), keys->end(), Json(t.first)) == keys->end())
      kept.push_back(t);
  record["Tags"] = kms_tag_list(kept);
  save_key(c, id, record);
  return Json::object();
}

Json list_resource_tags(Context &c, const Json &input) {
  auto [id, record] = load_key(c, key_id_member(input));
  return {{"Tags", record["Tags"]}, {"Truncated", false}};
}

} // namespace

const HandlerTable &kms_handlers() {
  static const HandlerTable table = {
      {"CreateKey", create_key},
      {"DescribeKey", describe_key},
      {"ListKeys", list_keys},
      {"EnableKey", enable_key},
      {"DisableKey", disable_key},
      {"UpdateKeyDescription", update_key_description},
      {"EnableKeyRotation", enable_key_rotation},
      {"DisableKeyRotation", disable_key_rotation},
      {"GetKeyRotationStatus", get_key_rotation_status},
      {"GetKeyPolicy", get_key_policy},
      {"PutKeyPolicy", put_key_policy},
      {"ScheduleKeyDeletion", schedule_key_deletion},
      {"CancelKeyDeletion", cancel_key_deletion},
      {"CreateAlias", create_alias},
      {"UpdateAlias", update_alias},
      {"DeleteAlias", delete_alias},
      {"ListAliases", list_aliases},
      {"TagResource", tag_resource},
      {"UntagResource", untag_resource},
      {"ListResourceTags", list_resource_tags},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
