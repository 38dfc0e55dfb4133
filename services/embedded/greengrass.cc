// The embedded AWS IoT Greengrass V1 (AWS IoT Greengrass V1 API Reference; botocore
// greengrass/2017-06-07, REST-JSON): definitions of the seven families and their versions
// (greengrass_definitions.cc), groups, group versions, deployments and group roles
// (greengrass_groups.cc); here what they share, the account's service role
// (Associate/Disassociate/GetServiceRoleForAccount: the role must be an IAM role of the embedded
// IAM) and tags (TagResource, UntagResource, ListTagsForResource on groups and definitions).
#include "services/embedded/greengrass_common.h"

#include "state/ids.h"

#include <fmt/format.h>

#include <algorithm>

namespace cfnlocal::services::embedded {
namespace greengrass {

void bad_request(const std::string &message) {
  throw ServiceError("BadRequestException", message, 400);
}
void id_not_found(const std::string &message) {
  throw ServiceError("IdNotFoundException", message, 404);
}
void version_not_found(const std::string &message) {
  throw ServiceError("VersionNotFoundException", message, 404);
}

std::string required_id(const Json &input, std::string_view member) {
  auto id = optional_string(input, member);
  if (!id || id->empty())
    bad_request(fmt::format("Your request is missing the following required parameter(s): "
                            "{{{}}}.",
                            member));
  return *id;
}

std::string arn_of(const Context &c, std::string_view path) {
  return fmt::format("arn:{}:greengrass:{}:{}:/greengrass/{}", c.partition, c.region, c.account,
                     path);
}

std::optional<VersionArn> parse_version_arn(const Context &c, const std::string &arn) {
  std::string prefix = arn_of(c, "");
  if (!arn.starts_with(prefix))
    return std::nullopt;
  std::vector<std::string> parts;
  std::string rest = arn.substr(prefix.size());
  for (size_t start = 0;;) {
    size_t slash = rest.find('/', start);
    parts.push_back(rest.substr(start, slash == std::string::npos ? slash : slash - start));
    if (slash == std::string::npos)
      break;
    start = slash + 1;
  }
  if (parts.size() == 5 && parts[0] == "definition" && parts[3] == "versions")
    return VersionArn{parts[1], parts[2], parts[4]};
  if (parts.size() == 4 && parts[0] == "groups" && parts[2] == "versions")
    return VersionArn{"groups", parts[1], parts[3]};
  return std::nullopt;
}

bool definition_version_exists(Context &c, std::string_view family, const std::string &id,
                               const std::string &version) {
  return c.store
      .get_record(kService, "definition-version",
                  fmt::format("{}:{}:{}:{}", c.region, family, id, version))
      .has_value();
}

Json checked_tags(const Json &input, std::string_view member) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    return Json::object();
  if (!it->is_object())
    bad_request(fmt::format("{} must be a map of strings", member));
  for (const auto &[k, v] : it->items())
    if (k.empty() || utf8_length(k) > 128 || !v.is_string() ||
        utf8_length(v.get<std::string>()) > 256)
      bad_request(fmt::format("Tag '{}' is not valid: keys have 1-128 characters, values are "
                              "strings of at most 256",
                              k));
  if (it->size() > 50)
    bad_request("A resource can have at most 50 tags");
  return *it;
}

std::optional<std::pair<std::string, std::string>> tagged_record(Context &c,
                                                                 const std::string &arn) {
  std::string prefix = arn_of(c, "");
  if (!arn.starts_with(prefix))
    return std::nullopt;
  std::string rest = arn.substr(prefix.size());
  std::pair<std::string, std::string> found;
  if (rest.starts_with("groups/") && rest.find('/', 7) == std::string::npos)
    found = {"group", c.region + ":" + rest.substr(7)};
  else if (rest.starts_with("definition/")) {
    std::string tail = rest.substr(11);
    size_t slash = tail.find('/');
    if (slash == std::string::npos || tail.find('/', slash + 1) != std::string::npos)
      return std::nullopt;
    found = {"definition", c.region + ":" + tail.substr(0, slash) + ":" + tail.substr(slash + 1)};
  } else {
    return std::nullopt;
  }
  if (!c.store.get_record(kService, found.first, found.second))
    return std::nullopt;
  return found;
}

int64_t next_sequence(Context &c) {
  Json counter = c.store.get_record(kService, "sequence", c.region).value_or(Json{{"next", 0}});
  int64_t n = counter["next"].get<int64_t>();
  c.store.put_record(kService, "sequence", c.region, Json{{"next", n + 1}});
  return n;
}

std::vector<Json> in_creation_order(std::vector<std::pair<std::string, Json>> records) {
  std::vector<Json> out;
  for (auto &[key, record] : records)
    out.push_back(std::move(record));
  std::stable_sort(out.begin(), out.end(), [](const Json &a, const Json &b) {
    return a.value("Sequence", int64_t{0}) < b.value("Sequence", int64_t{0});
  });
  return out;
}

std::string checked_role(Context &c, const std::string &role) {
  std::string prefix = fmt::format("arn:{}:iam::{}:role/", c.partition, c.account);
  std::string name = role.starts_with(prefix) ? role.substr(role.rfind('/') + 1) : "";
  std::string key;
  for (char ch : name)
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (key.empty() || !c.store.get_record("iam", "role", key))
    bad_request(fmt::format("The role ARN '{}' is not valid: it must name an IAM role of account "
                            "{}",
                            role, c.account));
  return role;
}

namespace {

// ---- tags -----------------------------------------------------------------------------------

std::pair<std::string, Json> tagged(Context &c, const Json &input) {
  std::string arn = required_id(input, "ResourceArn");
  auto found = tagged_record(c, arn);
  if (!found)
    throw ServiceError("ResourceNotFoundException",
                       fmt::format("The resource {} does not exist", arn), 404);
  return {arn, *c.store.get_record(kService, found->first, found->second)};
}

void save_tagged(Context &c, const std::string &arn, const Json &record) {
  auto found = tagged_record(c, arn);
  c.store.put_record(kService, found->first, found->second, record);
}

Json tag_resource(Context &c, const Json &input) {
  auto [arn, record] = tagged(c, input);
  Json tags = checked_tags(input, "tags");
  for (const auto &[k, v] : tags.items())
    record["tags"][k] = v;
  if (record["tags"].size() > 50)
    bad_request("A resource can have at most 50 tags");
  save_tagged(c, arn, record);
  return Json::object();
}

Json untag_resource(Context &c, const Json &input) {
  auto [arn, record] = tagged(c, input);
  for (const auto &k : input.value("TagKeys", Json::array()))
    if (k.is_string())
      record["tags"].erase(k.get<std::string>());
  save_tagged(c, arn, record);
  return Json::object();
}

Json list_tags_for_resource(Context &c, const Json &input) {
  auto [arn, record] = tagged(c, input);
  return Json{{"tags", record.value("tags", Json::object())}};
}

// ---- the account's service role -------------------------------------------------------------

Json associate_service_role_to_account(Context &c, const Json &input) {
  std::string role = checked_role(c, required_id(input, "RoleArn"));
  std::string now = state::now_iso8601();
  c.store.put_record(kService, "service-role", c.region,
                     Json{{"RoleArn", role}, {"AssociatedAt", now}});
  return Json{{"AssociatedAt", now}};
}

Json disassociate_service_role_from_account(Context &c, const Json &) {
  c.store.delete_record(kService, "service-role", c.region);
  return Json{{"DisassociatedAt", state::now_iso8601()}};
}

Json get_service_role_for_account(Context &c, const Json &) {
  auto role = c.store.get_record(kService, "service-role", c.region);
  if (!role)
    throw ServiceError("404", "You need to associate a service role with your account first.", 404);
  return *role;
}

} // namespace
} // namespace greengrass

const HandlerTable &greengrass_handlers() {
  static const HandlerTable table = [] {
    HandlerTable t = {
        {"TagResource", greengrass::tag_resource},
        {"UntagResource", greengrass::untag_resource},
        {"ListTagsForResource", greengrass::list_tags_for_resource},
        {"AssociateServiceRoleToAccount", greengrass::associate_service_role_to_account},
        {"DisassociateServiceRoleFromAccount", greengrass::disassociate_service_role_from_account},
        {"GetServiceRoleForAccount", greengrass::get_service_role_for_account},
    };
    greengrass::add_definition_handlers(t);
    greengrass::add_group_handlers(t);
    return t;
  }();
  return table;
}

} // namespace cfnlocal::services::embedded
