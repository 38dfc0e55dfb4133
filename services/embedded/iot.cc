// The embedded AWS IoT Core (AWS IoT API Reference; botocore iot/2015-05-28, REST-JSON): the
// registry (things, thing types), X.509 certificates, IoT policies and their attachments, the
// rules engine's topic rules, DescribeEndpoint and tags. What the parts share is here; each part
// is its own file (iot_things.cc, iot_certificates.cc, iot_policies.cc, iot_rules.cc).
#include "services/embedded/iot_common.h"

#include "services/digest.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>

namespace cfnlocal::services::embedded {
namespace iot {

void invalid_request(const std::string &message) {
  throw ServiceError("InvalidRequestException", message, 400);
}
void not_found(const std::string &message) {
  throw ServiceError("ResourceNotFoundException", message, 404);
}
void already_exists(const std::string &message) {
  throw ServiceError("ResourceAlreadyExistsException", message, 409);
}

std::string checked_name(const Json &input, std::string_view member, size_t max,
                         std::string_view pattern) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null() || !it->is_string())
    invalid_request(fmt::format("{} is required", member));
  std::string name = it->get<std::string>();
  re2::RE2 re{std::string(pattern)};
  if (name.empty() || utf8_length(name) > max || !re2::RE2::FullMatch(name, re))
    invalid_request(fmt::format("1 validation error detected: Value '{}' at '{}' failed to "
                                "satisfy constraint: Member must satisfy regular expression "
                                "pattern: {} and have length between 1 and {}",
                                name, member, pattern, max));
  return name;
}

std::string key_of(const Context &c, std::string_view name) {
  return c.region + ":" + std::string(name);
}
std::string link_key(const Context &c, std::string_view a, std::string_view b) {
  return c.region + ":" + std::string(a) + "\n" + std::string(b);
}
std::string link_target(std::string_view key) {
  size_t nl = key.find('\n');
  return std::string(nl == std::string_view::npos ? "" : key.substr(nl + 1));
}

std::string arn_of(const Context &c, std::string_view resource) {
  return fmt::format("arn:{}:iot:{}:{}:{}", c.partition, c.region, c.account, resource);
}

std::string certificate_id_of(const std::string &principal) {
  size_t at = principal.rfind(":cert/");
  return at == std::string::npos ? principal : principal.substr(at + 6);
}

std::optional<Json> certificate_of_principal(Context &c, const std::string &principal) {
  if (principal.starts_with("arn:") && principal.rfind(arn_of(c, "cert/"), 0) != 0)
    return std::nullopt;
  return c.store.get_record(kService, "certificate", key_of(c, certificate_id_of(principal)));
}

namespace {

// Both directions of a link kind: "A\nB" records listed by A, or scanned for B.
std::vector<std::string> linked_to(Context &c, std::string_view kind, const std::string &a) {
  std::vector<std::string> out;
  for (const auto &[key, _] : c.store.list_records(kService, kind, link_key(c, a, "")))
    out.push_back(link_target(key));
  return out;
}
std::vector<std::string> linked_from(Context &c, std::string_view kind, const std::string &b) {
  std::vector<std::string> out;
  std::string prefix = c.region + ":";
  for (const auto &[key, _] : c.store.list_records(kService, kind, prefix))
    if (link_target(key) == b)
      out.push_back(key.substr(prefix.size(), key.find('\n') - prefix.size()));
  return out;
}

} // namespace

std::vector<std::string> targets_of_policy(Context &c, const std::string &policy) {
  return linked_to(c, "policy-target", policy);
}
std::vector<std::string> policies_of_target(Context &c, const std::string &target) {
  return linked_from(c, "policy-target", target);
}
std::vector<std::string> principals_of_thing(Context &c, const std::string &thing) {
  return linked_to(c, "thing-principal", thing);
}
std::vector<std::string> things_of_principal(Context &c, const std::string &principal) {
  return linked_from(c, "thing-principal", principal);
}

Json page_of(const std::vector<Json> &items, const Json &input, std::string_view items_member,
             std::string_view size_member, std::string_view token_in, std::string_view token_out,
             size_t default_size, size_t max_size) {
  size_t size = default_size;
  if (auto n = optional_int(input, size_member)) {
    if (*n < 1 || static_cast<size_t>(*n) > max_size)
      invalid_request(fmt::format("{} must be between 1 and {}", size_member, max_size));
    size = static_cast<size_t>(*n);
  }
  size_t start = 0;
  if (auto token = optional_string(input, token_in); token && !token->empty()) {
    try {
      start = std::stoul(*token);
    } catch (const std::exception &) {
      invalid_request(fmt::format("The {} is not valid.", token_in));
    }
  }
  Json out = {{std::string(items_member), Json::array()}};
  for (size_t i = start; i < items.size() && i < start + size; ++i)
    out[std::string(items_member)].push_back(items[i]);
  if (start + size < items.size())
    out[std::string(token_out)] = std::to_string(start + size);
  return out;
}

Json tags_of(Context &c, const std::string &arn) {
  return c.store.get_record(kService, "tags", arn).value_or(Json::array());
}

void set_tags(Context &c, const std::string &arn, const Json &tags) {
  if (tags.empty())
    c.store.delete_record(kService, "tags", arn);
  else
    c.store.put_record(kService, "tags", arn, tags);
}

Json checked_tags(const Json &tags) {
  if (tags.is_null())
    return Json::array();
  if (!tags.is_array())
    invalid_request("tags must be a list of {Key, Value}");
  Json out = Json::array();
  for (const auto &t : tags) {
    if (!t.is_object() || !t.contains("Key") || !t["Key"].is_string())
      invalid_request("Every tag needs a Key");
    std::string key = t["Key"];
    std::string value = t.value("Value", "");
    if (key.empty() || utf8_length(key) > 128 || utf8_length(value) > 256)
      invalid_request(fmt::format("Tag key '{}' or its value has an invalid length: keys have "
                                  "1-128 characters, values at most 256",
                                  key));
    if (key.starts_with("aws:"))
      invalid_request("Tag keys cannot start with the reserved prefix 'aws:'");
    out.push_back({{"Key", key}, {"Value", value}});
  }
  if (out.size() > 50)
    throw ServiceError("LimitExceededException", "A resource can have at most 50 tags", 410);
  return out;
}

namespace {

// ---- DescribeEndpoint -----------------------------------------------------------------------

// A 14-character [a-z0-9] prefix that stays the same for the account and region, as AWS's does.
std::string endpoint_prefix(const Context &c, std::string_view salt) {
  static constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string digest = sha256_hex(fmt::format("{}:{}:{}", salt, c.account, c.region));
  std::string out;
  for (size_t i = 0; i < 14; ++i)
    out += kAlphabet[std::stoi(digest.substr(i * 2, 2), nullptr, 16) % kAlphabet.size()];
  return out;
}

Json describe_endpoint(Context &c, const Json &input) {
  std::string type = optional_string(input, "endpointType").value_or("iot:Data");
  std::string dns = c.partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
  std::string address;
  if (type == "iot:Data")
    address = fmt::format("{}.iot.{}.{}", endpoint_prefix(c, "data"), c.region, dns);
  else if (type == "iot:Data-ATS")
    address = fmt::format("{}-ats.iot.{}.{}", endpoint_prefix(c, "data"), c.region, dns);
  else if (type == "iot:CredentialProvider")
    address =
        fmt::format("{}.credentials.iot.{}.{}", endpoint_prefix(c, "credentials"), c.region, dns);
  else if (type == "iot:Jobs")
    address = fmt::format("{}.jobs.iot.{}.{}", endpoint_prefix(c, "jobs"), c.region, dns);
  else
    invalid_request(fmt::format("Endpoint type {} is not valid. Valid endpoint types are "
                                "iot:Data, iot:Data-ATS, iot:CredentialProvider and iot:Jobs.",
                                type));
  return Json{{"endpointAddress", address}};
}

// ---- tags -----------------------------------------------------------------------------------

// The resource an ARN names must exist: policies, topic rules and thing types are taggable.
std::string taggable(Context &c, const Json &input) {
  std::string arn = optional_string(input, "resourceArn").value_or("");
  std::string prefix = arn_of(c, "");
  std::string rest = arn.starts_with(prefix) ? arn.substr(prefix.size()) : "";
  size_t slash = rest.find('/');
  std::string kind = rest.substr(0, slash),
              name = slash == std::string::npos ? "" : rest.substr(slash + 1);
  const char *record = kind == "policy"      ? "policy"
                       : kind == "rule"      ? "rule"
                       : kind == "thingtype" ? "thing-type"
                                             : nullptr;
  if (!record || name.empty())
    invalid_request(fmt::format("Invalid resourceArn: {}", arn));
  if (!c.store.get_record(kService, record, key_of(c, name)))
    not_found(fmt::format("Resource {} not found", arn));
  return arn;
}

Json tag_resource(Context &c, const Json &input) {
  std::string arn = taggable(c, input);
  Json tags = tags_of(c, arn);
  for (const auto &t : checked_tags(input.value("tags", Json()))) {
    auto it =
        std::find_if(tags.begin(), tags.end(), [&](const Json &x) { return x["Key"] == t["Key"]; });
    if (it != tags.end())
      (*it)["Value"] = t["Value"];
    else
      tags.push_back(t);
  }
  set_tags(c, arn, checked_tags(tags));
  return Json::object();
}

Json untag_resource(Context &c, const Json &input) {
  std::string arn = taggable(c, input);
  Json keys = input.value("tagKeys", Json::array());
  Json kept = Json::array();
  for (const auto &t : tags_of(c, arn))
    if (std::find(keys.begin(), keys.end(), t["Key"]) == keys.end())
      kept.push_back(t);
  set_tags(c, arn, kept);
  return Json::object();
}

Json list_tags_for_resource(Context &c, const Json &input) {
  std::string arn = taggable(c, input);
  Json tags = tags_of(c, arn);
  std::vector<Json> items(tags.begin(), tags.end());
  return page_of(items, input, "tags", "maxResults", "nextToken", "nextToken", 250, 250);
}

} // namespace
} // namespace iot

const HandlerTable &iot_handlers() {
  static const HandlerTable table = [] {
    HandlerTable t = {
        {"DescribeEndpoint", iot::describe_endpoint},
        {"TagResource", iot::tag_resource},
        {"UntagResource", iot::untag_resource},
        {"ListTagsForResource", iot::list_tags_for_resource},
    };
    iot::add_thing_handlers(t);
    iot::add_certificate_handlers(t);
    iot::add_policy_handlers(t);
    iot::add_rule_handlers(t);
    return t;
  }();
  return table;
}

} // namespace cfnlocal::services::embedded
