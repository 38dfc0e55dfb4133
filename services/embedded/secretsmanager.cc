// The embedded AWS Secrets Manager (AWS Secrets Manager API Reference: CreateSecret,
// GetSecretValue, PutSecretValue, UpdateSecret, DescribeSecret, DeleteSecret, RestoreSecret,
// ListSecrets, TagResource, UntagResource, GetRandomPassword; botocore secretsmanager/2017-10-17).
// Records: kind "secret", key "REGION:NAME", holding every version with its staging labels.
#include "services/embedded/context.h"
#include "state/ids.h"

#include <fmt/format.h>
#include <openssl/rand.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <re2/re2.h>
#include <set>

namespace cfnlocal::services::embedded {

namespace {

constexpr std::string_view kService = "secretsmanager";

std::string key_of(const Context &c, std::string_view name) {
  return c.region + ":" + std::string(name);
}

[[noreturn]] void not_found() {
  throw ServiceError("ResourceNotFoundException",
                     "Secrets Manager can't find the specified secret.");
}

void check_name(const std::string &name) {
  check_length("Name", name, 1, 512);
  static const re2::RE2 chars(R"([A-Za-z0-9/_+=.@\-]+)");
  if (!RE2::FullMatch(name, chars))
    throw ServiceError("InvalidParameterException",
                       "Invalid name. Must be a valid name containing alphanumeric characters, "
                       "or any of the following: -/_+=.@!");
}

// A secret by name, full ARN, or partial ARN (an ARN without the 6-character random suffix).
std::pair<std::string, Json> find_secret(Context &c, const std::string &id) {
  if (id.empty())
    constraint_error("SecretId", id, "have length greater than or equal to 1");
  std::vector<std::string> names;
  if (id.starts_with("arn:")) {
    size_t at = id.find(":secret:");
    if (at == std::string::npos)
      throw ServiceError("InvalidParameterException", "Invalid ARN: " + id);
    std::string tail = id.substr(at + 8);
    names.push_back(tail);
    if (tail.size() > 7 && tail[tail.size() - 7] == '-')
      names.push_back(tail.substr(0, tail.size() - 7));
  } else {
    names.push_back(id);
  }
  for (const auto &name : names) {
    auto record = c.store.get_record(kService, "secret", key_of(c, name));
    if (!record)
      continue;
    // Past its recovery window a deleted secret is gone for good.
    if (record->contains("DeletionDate") &&
        (*record)["DeletionDate"].get<std::string>() <= state::now_iso8601()) {
      c.store.delete_record(kService, "secret", key_of(c, name));
      continue;
    }
    std::string arn = (*record)["ARN"];
    if (id.starts_with("arn:") && arn != id && !arn.starts_with(id + "-"))
      continue;
    return {key_of(c, name), *record};
  }
  not_found();
}

void check_not_deleted(const Json &secret) {
  if (secret.contains("DeletedDate"))
    throw ServiceError("InvalidRequestException",
                       "You can't perform this operation on the secret because it was marked for "
                       "deletion.");
}

// The value members of an input: (member, value) with SecretBinary as base64 text.
std::optional<std::pair<std::string, std::string>> secret_value(const Json &input) {
  auto text = optional_string(input, "SecretString");
  auto binary = optional_string(input, "SecretBinary");
  if (text && binary)
    throw ServiceError("InvalidParameterException",
                       "You can't specify both a binary secret value and a string secret value "
                       "in the same secret.");
  if (text) {
    if (text->size() > 65536)
      constraint_error("SecretString", Json("***"), "have length less than or equal to 65536");
    return std::make_pair(std::string("SecretString"), *text);
  }
  if (binary) {
    auto decoded = base64_decode(*binary);
    if (!decoded)
      throw ServiceError("InvalidParameterException", "SecretBinary must be base64 encoded.");
    if (decoded->size() > 65536)
      constraint_error("SecretBinary", Json("***"), "have length less than or equal to 65536");
    return std::make_pair(std::string("SecretBinary"), *binary);
  }
  return std::nullopt;
}

std::string version_token(const Json &input) {
  auto token = optional_string(input, "ClientRequestToken");
  if (!token)
    return state::uuid4();
  check_length("ClientRequestToken", *token, 32, 64);
  return *token;
}

// Adds a version carrying `stages`; each stage moves off the version that had it, and a moved
// AWSCURRENT leaves AWSPREVIOUS on the version that held it (Secrets Manager's staging rules).
void add_version(Json &secret, const std::string &version_id,
                 const std::pair<std::string, std::string> &value, Json stages) {
  Json &versions = secret["Versions"];
  if (versions.contains(version_id)) {
    const Json &existing = versions[version_id];
    if (existing.value(value.first, std::string("\x01")) != value.second)
      throw ServiceError("ResourceExistsException",
                         "You can't modify an existing version, you can only create a new "
                         "version.");
    return; // the same request again: idempotent
  }
  std::string previous_current;
  for (auto &[id, v] : versions.items())
    for (const auto &stage : v["VersionStages"])
      if (stage == "AWSCURRENT")
        previous_current = id;
  bool moves_current = std::find(stages.begin(), stages.end(), "AWSCURRENT") != stages.end();
  for (auto &[id, v] : versions.items()) {
    Json kept = Json::array();
    for (const auto &stage : v["VersionStages"]) {
      bool taken = std::find(stages.begin(), stages.end(), stage) != stages.end();
      if (moves_current && stage == "AWSPREVIOUS")
        taken = true;
      if (!taken)
        kept.push_back(stage);
    }
    if (moves_current && id == previous_current)
      kept.push_back("AWSPREVIOUS");
    v["VersionStages"] = kept;
  }
  // Versions without labels are deprecated; Secrets Manager drops them past ~100.
  std::vector<std::string> unlabelled;
  for (auto &[id, v] : versions.items())
    if (v["VersionStages"].empty())
      unlabelled.push_back(id);
  while (unlabelled.size() > 99) {
    versions.erase(unlabelled.front());
    unlabelled.erase(unlabelled.begin());
  }
  versions[version_id] = Json{{value.first, value.second},
                              {"VersionStages", std::move(stages)},
                              {"CreatedDate", state::now_iso8601()}};
  secret["LastChangedDate"] = state::now_iso8601();
}

Json create_secret(Context &c, const Json &input) {
  std::string name = required_string(input, "Name");
  check_name(name);
  if (auto existing = c.store.get_record(kService, "secret", key_of(c, name))) {
    if (existing->contains("DeletedDate"))
      throw ServiceError("InvalidRequestException",
                         "You can't create this secret because a secret with this name is "
                         "already scheduled for deletion.");
    throw ServiceError(
        "ResourceExistsException",
        fmt::format("The operation failed because the secret {} already exists.", name));
  }
  std::string description = optional_string(input, "Description").value_or("");
  check_length("Description", description, 0, 2048);
  auto tags = read_tags(input, "Tags", 50, "InvalidParameterException");
  auto value = secret_value(input);
  std::string now = state::now_iso8601();
  Json secret = {{"Name", name},
                 {"ARN", fmt::format("arn:{}:secretsmanager:{}:{}:secret:{}-{}", c.partition,
                                     c.region, c.account, name, random_alnum(6))},
                 {"CreatedDate", now},
                 {"LastChangedDate", now},
                 {"Tags", tag_list(tags)},
                 {"Versions", Json::object()}};
  if (!description.empty())
    secret["Description"] = description;
  if (auto kms = optional_string(input, "KmsKeyId"))
    secret["KmsKeyId"] = *kms;
  if (auto type = optional_string(input, "Type"))
    secret["Type"] = *type;
  Json out = {{"ARN", secret["ARN"]}, {"Name", name}};
  if (value) {
    std::string version_id = version_token(input);
    add_version(secret, version_id, *value, Json::array({"AWSCURRENT"}));
    out["VersionId"] = version_id;
  }
  c.store.put_record(kService, "secret", key_of(c, name), secret);
  return out;
}

Json get_secret_value(Context &c, const Json &input) {
  auto [key, secret] = find_secret(c, required_string(input, "SecretId"));
  check_not_deleted(secret);
  auto version_id = optional_string(input, "VersionId");
  auto stage = optional_string(input, "VersionStage");
  if (!version_id && !stage)
    stage = "AWSCURRENT";
  const Json *found = nullptr;
  std::string found_id;
  for (const auto &[id, v] : secret["Versions"].items()) {
    bool id_ok = !version_id || id == *version_id;
    bool stage_ok = !stage || std::find(v["VersionStages"].begin(), v["VersionStages"].end(),
                                        *stage) != v["VersionStages"].end();
    if (id_ok && stage_ok) {
      found = &v;
      found_id = id;
    }
  }
  if (!found)
    throw ServiceError("ResourceNotFoundException",
                       version_id ? fmt::format("Secrets Manager can't find the specified secret "
                                                "value for VersionId: {}",
                                                *version_id)
                                  : fmt::format("Secrets Manager can't find the specified secret "
                                                "value for staging label: {}",
                                                *stage));
  Json out = {{"ARN", secret["ARN"]},
              {"Name", secret["Name"]},
              {"VersionId", found_id},
              {"VersionStages", (*found)["VersionStages"]},
              {"CreatedDate", (*found)["CreatedDate"]}};
  for (const char *member : {"SecretString", "SecretBinary"})
    if (found->contains(member))
      out[member] = (*found)[member];
  // Secrets Manager records access by day.
  std::string today = state::now_iso8601().substr(0, 10) + "T00:00:00.000Z";
  if (secret.value("LastAccessedDate", "") != today) {
    secret["LastAccessedDate"] = today;
    c.store.put_record(kService, "secret", key, secret);
  }
  return out;
}

Json put_secret_value(Context &c, const Json &input) {
  auto [key, secret] = find_secret(c, required_string(input, "SecretId"));
  check_not_deleted(secret);
  auto value = secret_value(input);
  if (!value)
    throw ServiceError("InvalidRequestException",
                       "You must provide either SecretString or SecretBinary.");
  Json stages = Json::array({"AWSCURRENT"});
  if (auto it = input.find("VersionStages"); it != input.end() && it->is_array()) {
    if (it->empty() || it->size() > 20)
      constraint_error("VersionStages", *it, "have length between 1 and 20");
    stages = *it;
  }
  std::string version_id = version_token(input);
  add_version(secret, version_id, *value, stages);
  c.store.put_record(kService, "secret", key, secret);
  return Json{{"ARN", secret["ARN"]},
              {"Name", secret["Name"]},
              {"VersionId", version_id},
              {"VersionStages", secret["Versions"][version_id]["VersionStages"]}};
}

Json update_secret(Context &c, const Json &input) {
  auto [key, secret] = find_secret(c, required_string(input, "SecretId"));
  check_not_deleted(secret);
  if (auto description = optional_string(input, "Description")) {
    check_length("Description", *description, 0, 2048);
    secret["Description"] = *description;
  }
  if (auto kms = optional_string(input, "KmsKeyId"))
    secret["KmsKeyId"] = *kms;
  if (auto type = optional_string(input, "Type"))
    secret["Type"] = *type;
  secret["LastChangedDate"] = state::now_iso8601();
  Json out = {{"ARN", secret["ARN"]}, {"Name", secret["Name"]}};
  if (auto value = secret_value(input)) {
    std::string version_id = version_token(input);
    add_version(secret, version_id, *value, Json::array({"AWSCURRENT"}));
    out["VersionId"] = version_id;
  }
  c.store.put_record(kService, "secret", key, secret);
  return out;
}

Json versions_to_stages(const Json &secret) {
  Json out = Json::object();
  for (const auto &[id, v] : secret["Versions"].items())
    if (!v["VersionStages"].empty())
      out[id] = v["VersionStages"];
  return out;
}

Json describe(const Json &secret, const char *versions_member) {
  Json out = {{"ARN", secret["ARN"]},
              {"Name", secret["Name"]},
              {"RotationEnabled", false},
              {"LastChangedDate", secret["LastChangedDate"]},
              {"Tags", secret.value("Tags", Json::array())},
              {versions_member, versions_to_stages(secret)},
              {"CreatedDate", secret["CreatedDate"]}};
  for (const char *member : {"Description", "KmsKeyId", "LastAccessedDate", "DeletedDate", "Type"})
    if (secret.contains(member))
      out[member] = secret[member];
  return out;
}

Json describe_secret(Context &c, const Json &input) {
  auto [key, secret] = find_secret(c, required_string(input, "SecretId"));
  return describe(secret, "VersionIdsToStages");
}

std::string days_from_now(int64_t days) {
  auto when = std::chrono::system_clock::now() + std::chrono::hours(24 * days);
  std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
  return buffer;
}

Json delete_secret(Context &c, const Json &input) {
  auto [key, secret] = find_secret(c, required_string(input, "SecretId"));
  auto window = optional_int(input, "RecoveryWindowInDays");
  bool force = optional_bool(input, "ForceDeleteWithoutRecovery");
  if (window && force)
    throw ServiceError("InvalidParameterException",
                       "You can't use ForceDeleteWithoutRecovery in conjunction with "
                       "RecoveryWindowInDays.");
  if (window && (*window < 7 || *window > 30))
    throw ServiceError("InvalidParameterException",
                       "The RecoveryWindowInDays value must be between 7 and 30 days "
                       "(inclusive).");
  Json out = {{"ARN", secret["ARN"]}, {"Name", secret["Name"]}};
  if (force) {
    c.store.delete_record(kService, "secret", key);
    out["DeletionDate"] = state::now_iso8601();
    return out;
  }
  check_not_deleted(secret);
  secret["DeletedDate"] = state::now_iso8601();
  secret["DeletionDate"] = days_from_now(window.value_or(30));
  c.store.put_record(kService, "secret", key, secret);
  out["DeletionDate"] = secret["DeletionDate"];
  return out;
}

Json restore_secret(Context &c, const Json &input) {
  auto [key, secret] = find_secret(c, required_string(input, "SecretId"));
  secret.erase("DeletedDate");
  secret.erase("DeletionDate");
  c.store.put_record(kService, "secret", key, secret);
  return Json{{"ARN", secret["ARN"]}, {"Name", secret["Name"]}};
}

Json list_secrets(Context &c, const Json &input) {
  int64_t max = optional_int(input, "MaxResults").value_or(100);
  if (max < 1 || max > 100)
    constraint_error("MaxResults", max, "have value between 1 and 100");
  bool include_deleted = optional_bool(input, "IncludePlannedDeletion");
  std::string after;
  if (auto token = optional_string(input, "NextToken")) {
    auto decoded = base64_decode(*token);
    if (!decoded)
      throw ServiceError("InvalidNextTokenException", "The NextToken value is invalid.");
    after = *decoded;
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> filters;
  if (auto it = input.find("Filters"); it != input.end() && it->is_array())
    for (const auto &f : *it) {
      std::string key = required_string(f, "Key");
      static const std::set<std::string> keys = {
          "description", "name", "tag-key", "tag-value", "primary-region", "owning-service", "all"};
      if (!keys.count(key))
        constraint_error("Key", key,
                         "satisfy enum value set: [description, name, tag-key, tag-value, "
                         "primary-region, owning-service, all]");
      std::vector<std::string> values;
      for (const auto &v : f.value("Values", Json::array()))
        values.push_back(v.get<std::string>());
      filters.emplace_back(key, values);
    }
  auto matches = [](const std::string &text, const std::string &value) {
    // Filters match prefixes; a leading '!' negates.
    if (value.starts_with("!"))
      return !text.starts_with(value.substr(1));
    return text.starts_with(value);
  };
  Json out = {{"SecretList", Json::array()}};
  std::string prefix = c.region + ":";
  for (const auto &[key, secret] :
       c.store.list_records(kService, "secret", prefix, 0, after.empty() ? "" : prefix + after)) {
    if (secret.contains("DeletedDate") && !include_deleted)
      continue;
    bool ok = true;
    for (const auto &[fkey, values] : filters) {
      bool any = false;
      for (const auto &v : values) {
        std::vector<std::string> fields;
        if (fkey == "name" || fkey == "all")
          fields.push_back(secret["Name"]);
        if (fkey == "description" || fkey == "all")
          fields.push_back(secret.value("Description", ""));
        for (const auto &[tk, tv] : tags_from(secret.value("Tags", Json::array()))) {
          if (fkey == "tag-key" || fkey == "all")
            fields.push_back(tk);
          if (fkey == "tag-value" || fkey == "all")
            fields.push_back(tv);
        }
        if (fkey == "primary-region")
          fields.push_back(c.region);
        for (const auto &field : fields)
          any = any || matches(field, v);
      }
      ok = ok && any;
    }
    if (!ok)
      continue;
    if (static_cast<int64_t>(out["SecretList"].size()) == max) {
      out["NextToken"] = base64_encode(out["SecretList"].back()["Name"].get<std::string>());
      break;
    }
    out["SecretList"].push_back(describe(secret, "SecretVersionsToStages"));
  }
  return out;
}

Json tag_resource(Context &c, const Json &input) {
  auto [key, secret] = find_secret(c, required_string(input, "SecretId"));
  auto tags = tags_from(secret.value("Tags", Json::array()));
  for (const auto &[k, v] : read_tags(input, "Tags", 50, "InvalidParameterException")) {
    if (k.starts_with("aws:"))
      throw ServiceError("InvalidParameterException",
                         "The tag key can't start with the reserved prefix aws:.");
    auto it = std::find_if(tags.begin(), tags.end(), [&](const auto &t) { return t.first == k; });
    if (it != tags.end())
      it->second = v;
    else
      tags.emplace_back(k, v);
  }
  if (tags.size() > 50)
    throw ServiceError("LimitExceededException", "A secret can have at most 50 tags.");
  secret["Tags"] = tag_list(tags);
  c.store.put_record(kService, "secret", key, secret);
  return Json::object();
}

Json untag_resource(Context &c, const Json &input) {
  auto [key, secret] = find_secret(c, required_string(input, "SecretId"));
  auto keys = input.find("TagKeys");
  if (keys == input.end() || !keys->is_array())
    constraint_error("TagKeys", Json(), "not be null");
  auto tags = tags_from(secret.value("Tags", Json::array()));
  std::erase_if(tags, [&](const auto &t) {
    return std::find(keys->begin(), keys->end(), t.first) != keys->end();
  });
  secret["Tags"] = tag_list(tags);
  c.store.put_record(kService, "secret", key, secret);
  return Json::object();
}

// ---- GetRandomPassword -----------------------------------------------------------------------

uint32_t random_below(uint32_t n) {
  // Rejection sampling over a CSPRNG keeps every character equally likely.
  uint32_t limit = UINT32_MAX - UINT32_MAX % n, r = 0;
  do {
    if (RAND_bytes(reinterpret_cast<unsigned char *>(&r), sizeof r) != 1)
      throw ServiceError("InternalServiceError", "no randomness available", 500);
  } while (r >= limit);
  return r % n;
}

Json get_random_password(Context &, const Json &input) {
  int64_t length = optional_int(input, "PasswordLength").value_or(32);
  if (length < 1 || length > 4096)
    throw ServiceError("InvalidParameterException",
                       "Password length must be between 1 and 4096 characters.");
  std::string exclude = optional_string(input, "ExcludeCharacters").value_or("");
  check_length("ExcludeCharacters", exclude, 0, 4096);
  std::vector<std::string> classes;
  auto add = [&](const char *member, std::string chars, bool include_by_default = true) {
    bool excluded =
        include_by_default ? optional_bool(input, member) : !optional_bool(input, member);
    if (excluded)
      return;
    std::erase_if(chars, [&](char ch) { return exclude.find(ch) != std::string::npos; });
    if (!chars.empty())
      classes.push_back(chars);
  };
  add("ExcludeLowercase", "abcdefghijklmnopqrstuvwxyz");
  add("ExcludeUppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  add("ExcludeNumbers", "0123456789");
  add("ExcludePunctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
  add("IncludeSpace", " ", false);
  if (classes.empty())
    throw ServiceError("InvalidParameterException",
                       "The password can't be generated because every character type is "
                       "excluded.");
  bool require_each = optional_bool(input, "RequireEachIncludedType", true);
  if (require_each && static_cast<size_t>(length) < classes.size())
    throw ServiceError("InvalidParameterException",
                       fmt::format("The password length {} is too short to include each of the "
                                   "{} included character types.",
                                   length, classes.size()));
  std::string all;
  for (const auto &cls : classes)
    all += cls;
  std::string password;
  if (require_each)
    for (const auto &cls : classes)
      password += cls[random_below(static_cast<uint32_t>(cls.size()))];
  while (password.size() < static_cast<size_t>(length))
    password += all[random_below(static_cast<uint32_t>(all.size()))];
  // Shuffle so the guaranteed characters are not always first.
  for (size_t i = password.size(); i > 1; --i)
    std::swap(password[i - 1], password[random_below(static_cast<uint32_t>(i))]);
  return Json{{"RandomPassword", password}};
}

} // namespace

const HandlerTable &secretsmanager_handlers() {
  static const HandlerTable table = {
      {"CreateSecret", create_secret},
      {"GetSecretValue", get_secret_value},
      {"PutSecretValue", put_secret_value},
      {"UpdateSecret", update_secret},
      {"DescribeSecret", describe_secret},
      {"DeleteSecret", delete_secret},
      {"RestoreSecret", restore_secret},
      {"ListSecrets", list_secrets},
      {"TagResource", tag_resource},
      {"UntagResource", untag_resource},
      {"GetRandomPassword", get_random_password},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
