// The embedded Amazon Route 53 (Amazon Route 53 API Reference; botocore route53/2013-04-01,
// rest-xml protocol): the operations of route53_zones.cc, route53_records.cc and
// route53_health_checks.cc, the tag operations zones and health checks share
// (ChangeTagsForResource, ListTagsForResource, ListTagsForResources), and what the parts share
// (route53_common.h).
#include "services/embedded/route53_common.h"
#include "services/embedded/ec2_common.h"
#include "state/ids.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace cfnlocal::services::embedded {
namespace route53 {

void fail(const char *code, std::string message, int status) {
  throw ServiceError(code, std::move(message), status);
}

std::string canonical_name(std::string_view name, std::string_view member) {
  // Decode "\NNN" escapes first, so "*" and "\052" name the same record.
  std::string raw;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '\\' && i + 3 < name.size() + 0 && std::isdigit(name[i + 1]) &&
        std::isdigit(name[i + 2]) && std::isdigit(name[i + 3])) {
      raw += static_cast<char>((name[i + 1] - '0') * 64 + (name[i + 2] - '0') * 8 +
                               (name[i + 3] - '0'));
      i += 3;
    } else {
      raw += name[i];
    }
  }
  if (!raw.empty() && raw.back() == '.')
    raw.pop_back();
  if (raw.empty() && !name.empty() && name != ".")
    fail("InvalidInput", fmt::format("Invalid request: {} is not a valid DNS name", member));
  if (name.empty())
    fail("InvalidInput", fmt::format("1 validation error detected: Value '' at '{}' failed to "
                                     "satisfy constraint: Member must have length greater than "
                                     "or equal to 1",
                                     lower_camel(member)));
  std::string out;
  size_t label = 0;
  for (char ch : raw) {
    unsigned char u = static_cast<unsigned char>(ch);
    if (ch == '.') {
      if (label == 0)
        fail("InvalidDomainName",
             fmt::format("Domain name {} is invalid: it has an empty label", std::string(name)));
      label = 0;
      out += '.';
      continue;
    }
    if (++label > 63)
      fail("InvalidDomainName", fmt::format("Domain name {} is invalid: a label is longer than "
                                            "63 characters",
                                            std::string(name)));
    char lower = static_cast<char>(std::tolower(u));
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '-' ||
        lower == '_')
      out += lower;
    else
      out += fmt::format("\\{:03o}", u);
  }
  if (raw.size() > 254)
    fail("InvalidDomainName",
         fmt::format("Domain name {} is invalid: it is longer than 255 characters",
                     std::string(name)));
  return out + ".";
}

std::vector<std::string> reversed_labels(const std::string &canonical) {
  std::vector<std::string> labels;
  size_t start = 0;
  while (start < canonical.size()) {
    size_t dot = canonical.find('.', start);
    if (dot == std::string::npos)
      dot = canonical.size();
    labels.push_back(canonical.substr(start, dot - start));
    start = dot + 1;
  }
  std::reverse(labels.begin(), labels.end());
  return labels;
}

bool in_zone(const std::string &name, const std::string &zone) {
  return name == zone || (name.size() > zone.size() && name.ends_with(zone) &&
                          name[name.size() - zone.size() - 1] == '.');
}

std::string id_member(const Json &input, std::string_view member, std::string_view prefix,
                      size_t max_length) {
  std::string id = required_string(input, member);
  if (id.starts_with(prefix))
    id.erase(0, prefix.size());
  if (id.empty() || id.size() > max_length)
    fail("InvalidInput", fmt::format("1 validation error detected: Value '{}' at '{}' failed to "
                                     "satisfy constraint: Member must have length less than or "
                                     "equal to {}",
                                     id, lower_camel(member), max_length));
  return id;
}

std::string new_id(char letter) {
  std::string id = random_alnum(20);
  for (char &ch : id)
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return letter + id;
}

Json load_zone(Context &c, const std::string &id) {
  auto zone = c.store.get_record(kService, "zone", id);
  if (!zone)
    fail("NoSuchHostedZone", fmt::format("No hosted zone found with ID: {}", id), 404);
  return *zone;
}

void save_zone(Context &c, const Json &zone) {
  c.store.put_record(kService, "zone", zone["Id"].get<std::string>(), zone);
}

Json zone_view(const Json &zone) {
  Json config = {{"PrivateZone", zone.value("PrivateZone", false)}};
  if (zone.contains("Comment"))
    config["Comment"] = zone["Comment"];
  return Json{{"Id", "/hostedzone/" + zone["Id"].get<std::string>()},
              {"Name", zone["Name"]},
              {"CallerReference", zone["CallerReference"]},
              {"Config", config},
              {"ResourceRecordSetCount", zone.value("RecordSets", Json::array()).size()}};
}

Json record_change(Context &c, const std::optional<std::string> &comment) {
  std::string id = new_id('C');
  Json change = {{"Id", id}, {"SubmittedAt", state::now_iso8601()}};
  if (comment) {
    check_length("Comment", *comment, 0, 256);
    change["Comment"] = *comment;
  }
  c.store.put_record(kService, "change", id, change);
  Json info = change;
  info["Id"] = "/change/" + id;
  info["Status"] = "PENDING";
  return info;
}

bool vpc_exists(Context &c, const std::string &region, const std::string &vpc_id) {
  if (region == c.region)
    ec2::ensure_default_vpc(c);
  return c.store.get_record("ec2", "vpc", region + ":" + vpc_id).has_value();
}

size_t max_items(const Json &input, size_t fallback, size_t cap) {
  auto text = optional_string(input, "MaxItems");
  if (!text) {
    if (auto n = optional_int(input, "MaxItems"))
      text = std::to_string(*n);
    else
      return fallback;
  }
  size_t value = 0;
  try {
    size_t used = 0;
    long long n = std::stoll(*text, &used);
    if (used != text->size() || n < 1)
      throw std::invalid_argument("not positive");
    value = static_cast<size_t>(n);
  } catch (const std::exception &) {
    fail("InvalidInput", fmt::format("Invalid value for MaxItems: {}", *text));
  }
  return std::min(value, cap);
}

namespace {

// ---- tags (zones and health checks) ---------------------------------------------------------

struct Tagged {
  std::string kind; // record kind
  std::string id;
  Json record;
};

Tagged load_tagged(Context &c, const Json &input, const std::string &id) {
  std::string type = required_string(input, "ResourceType");
  if (type == "hostedzone")
    return {"zone", id, load_zone(c, id)};
  if (type == "healthcheck") {
    auto check = c.store.get_record(kService, "healthcheck", id);
    if (!check)
      fail("NoSuchHealthCheck", fmt::format("A health check with id {} does not exist.", id), 404);
    return {"healthcheck", id, *check};
  }
  fail("InvalidInput", fmt::format("1 validation error detected: Value '{}' at 'resourceType' "
                                   "failed to satisfy constraint: Member must satisfy enum value "
                                   "set: [healthcheck, hostedzone]",
                                   type));
}

Json change_tags_for_resource(Context &c, const Json &input) {
  std::string id = id_member(input, "ResourceId", "/hostedzone/", 64);
  Tagged t = load_tagged(c, input, id);
  auto add = read_tags(input, "AddTags", 10, "InvalidInput");
  Json tags = t.record.value("Tags", Json::array());
  if (auto it = input.find("RemoveTagKeys"); it != input.end() && it->is_array()) {
    if (it->size() > 10)
      fail("InvalidInput", "1 validation error detected: Value at 'removeTagKeys' failed to "
                           "satisfy constraint: Member must have length less than or equal to 10");
    for (const auto &key : *it)
      tags.erase(std::remove_if(tags.begin(), tags.end(),
                                [&](const Json &tag) { return tag["Key"] == key; }),
                 tags.end());
  }
  for (const auto &[key, value] : add) {
    auto found =
        std::find_if(tags.begin(), tags.end(), [&](const Json &tag) { return tag["Key"] == key; });
    if (found != tags.end())
      (*found)["Value"] = value;
    else
      tags.push_back({{"Key", key}, {"Value", value}});
  }
  if (tags.size() > 50)
    fail("InvalidInput", "A resource can have at most 50 tags.");
  t.record["Tags"] = tags;
  c.store.put_record(kService, t.kind, t.id, t.record);
  return Json::object();
}

Json tag_set(const Json &input, const Tagged &t) {
  return Json{{"ResourceType", input["ResourceType"]},
              {"ResourceId", t.id},
              {"Tags", t.record.value("Tags", Json::array())}};
}

Json list_tags_for_resource(Context &c, const Json &input) {
  std::string id = id_member(input, "ResourceId", "/hostedzone/", 64);
  return Json{{"ResourceTagSet", tag_set(input, load_tagged(c, input, id))}};
}

Json list_tags_for_resources(Context &c, const Json &input) {
  Json sets = Json::array();
  auto ids = input.find("ResourceIds");
  if (ids == input.end() || !ids->is_array() || ids->empty() || ids->size() > 10)
    fail("InvalidInput", "ResourceIds must list 1 to 10 resource IDs.");
  for (const auto &raw : *ids) {
    std::string id = raw.is_string() ? raw.get<std::string>() : raw.dump();
    if (id.starts_with("/hostedzone/"))
      id.erase(0, 12);
    sets.push_back(tag_set(input, load_tagged(c, input, id)));
  }
  return Json{{"ResourceTagSets", sets}};
}

} // namespace
} // namespace route53

const HandlerTable &route53_handlers() {
  static const HandlerTable table = [] {
    HandlerTable all = {
        {"ChangeTagsForResource", route53::guarded<route53::change_tags_for_resource>},
        {"ListTagsForResource", route53::guarded<route53::list_tags_for_resource>},
        {"ListTagsForResources", route53::guarded<route53::list_tags_for_resources>},
    };
    for (const HandlerTable *part : {&route53::zone_handlers(), &route53::record_handlers(),
                                     &route53::health_check_handlers()})
      all.insert(part->begin(), part->end());
    return all;
  }();
  return table;
}

} // namespace cfnlocal::services::embedded
