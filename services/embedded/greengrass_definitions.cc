// Greengrass V1 definitions and their versions, one table for the seven families (core,
// device, function, logger, resource, subscription, connector), which share one shape:
// Create<X>Definition (Name, InitialVersion, tags), Create<X>DefinitionVersion,
// Get<X>Definition, Get<X>DefinitionVersion, List<X>Definitions, List<X>DefinitionVersions,
// Update<X>Definition (Name), Delete<X>Definition.
//
// Versions are immutable and checked as the AWS IoT Greengrass V1 API Reference describes each
// family's items: every item needs an Id ([a-zA-Z0-9:_-]+, at most 128, unique in the version)
// and the family's required members (cores and devices ThingArn and CertificateArn, functions
// FunctionArn, loggers Component/Level/Type from their enums, resources Name and
// ResourceDataContainer, subscriptions Source/Subject/Target, connectors ConnectorArn); a core
// definition version holds at most one core.
#include "services/embedded/greengrass_common.h"

#include "state/ids.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <set>
#include <utility>

namespace cfnlocal::services::embedded::greengrass {
namespace {

struct Enum {
  std::string_view member;
  std::array<std::string_view, 5> values; ///< "" pads
};

struct Family {
  std::string_view name;                    ///< "Core": operations are Create<name>Definition, ...
  std::string_view segment;                 ///< "cores": the URI and ARN segment
  std::string_view items;                   ///< "Cores": the version's list member
  std::array<std::string_view, 3> required; ///< item members besides Id ("" pads)
  std::array<Enum, 3> enums;                ///< item members with a closed set of values
  size_t max_items;
  bool default_config; ///< the version has DefaultConfig (functions)
};

constexpr Family kFamilies[] = {
    {"Core", "cores", "Cores", {"ThingArn", "CertificateArn"}, {}, 1, false},
    {"Device", "devices", "Devices", {"ThingArn", "CertificateArn"}, {}, 200, false},
    {"Function", "functions", "Functions", {"FunctionArn"}, {}, 200, true},
    {"Logger",
     "loggers",
     "Loggers",
     {"Component", "Level", "Type"},
     {{{"Component", {"GreengrassSystem", "Lambda"}},
       {"Level", {"DEBUG", "INFO", "WARN", "ERROR", "FATAL"}},
       {"Type", {"FileSystem", "AWSCloudWatch"}}}},
     200,
     false},
    {"Resource", "resources", "Resources", {"Name", "ResourceDataContainer"}, {}, 200, false},
    {"Subscription",
     "subscriptions",
     "Subscriptions",
     {"Source", "Subject", "Target"},
     {},
     200,
     false},
    {"Connector", "connectors", "Connectors", {"ConnectorArn"}, {}, 200, false},
};

std::string id_member(const Family &f) { return fmt::format("{}DefinitionId", f.name); }
std::string version_member(const Family &f) { return fmt::format("{}DefinitionVersionId", f.name); }

std::string definition_key(const Context &c, const Family &f, const std::string &id) {
  return fmt::format("{}:{}:{}", c.region, f.segment, id);
}
std::string definition_arn(const Context &c, const Family &f, const std::string &id) {
  return arn_of(c, fmt::format("definition/{}/{}", f.segment, id));
}
std::string version_arn(const Context &c, const Family &f, const std::string &id,
                        const std::string &version) {
  return definition_arn(c, f, id) + "/versions/" + version;
}

Json load_definition(Context &c, const Family &f, const std::string &id) {
  auto d = c.store.get_record(kService, "definition", definition_key(c, f, id));
  if (!d)
    id_not_found(fmt::format("That {} definition does not exist.", f.segment));
  return *d;
}

// The version's Definition as Greengrass keeps it: the family's list (and DefaultConfig).
Json checked_version(const Family &f, const Json &input) {
  Json items = input.value(std::string(f.items), Json::array());
  if (!items.is_array())
    bad_request(fmt::format("{} must be a list", f.items));
  if (items.size() > f.max_items)
    bad_request(fmt::format("A {} definition version can contain at most {} {}", f.segment,
                            f.max_items, f.max_items == 1 ? "item" : "items"));
  static const re2::RE2 id_pattern("[a-zA-Z0-9:_-]+");
  std::set<std::string> ids;
  for (const auto &item : items) {
    if (!item.is_object())
      bad_request(fmt::format("Every item of {} must be an object", f.items));
    std::string id = item.value("Id", "");
    if (id.empty() || id.size() > 128 || !re2::RE2::FullMatch(id, id_pattern))
      bad_request(fmt::format("{} Id '{}' is not valid: it must have 1-128 characters of "
                              "[a-zA-Z0-9:_-]",
                              f.items, id));
    if (!ids.insert(id).second)
      bad_request(fmt::format("{} Id '{}' is used more than once in the version", f.items, id));
    for (auto member : f.required)
      if (!member.empty() && (!item.contains(member) || item[std::string(member)].is_null()))
        bad_request(
            fmt::format("{} item '{}' is missing the required member {}", f.items, id, member));
    for (const auto &e : f.enums) {
      if (e.member.empty() || !item.contains(e.member))
        continue;
      std::string value = item[std::string(e.member)].is_string()
                              ? item[std::string(e.member)].get<std::string>()
                              : item[std::string(e.member)].dump();
      if (value.empty() || std::find(e.values.begin(), e.values.end(), value) == e.values.end())
        bad_request(
            fmt::format("{} item '{}' has an invalid {}: '{}'", f.items, id, e.member, value));
    }
  }
  Json definition = {{std::string(f.items), items}};
  if (f.default_config && input.contains("DefaultConfig") && !input["DefaultConfig"].is_null())
    definition["DefaultConfig"] = input["DefaultConfig"];
  return definition;
}

// Adds a version to a definition record (saved by the caller).
Json add_version(Context &c, const Family &f, Json &definition, const Json &body) {
  std::string id = definition["Id"];
  std::string version = state::uuid4();
  std::string now = state::now_iso8601();
  c.store.put_record(kService, "definition-version", definition_key(c, f, id) + ":" + version,
                     Json{{"Version", version},
                          {"CreationTimestamp", now},
                          {"Definition", body},
                          {"Sequence", next_sequence(c)}});
  definition["LatestVersion"] = version;
  definition["LastUpdatedTimestamp"] = now;
  return Json{{"Arn", version_arn(c, f, id, version)},
              {"CreationTimestamp", now},
              {"Id", id},
              {"Version", version}};
}

Json information(const Context &c, const Family &f, const Json &d, bool with_tags_as_map) {
  std::string id = d["Id"];
  Json out = {{"Arn", definition_arn(c, f, id)},
              {"CreationTimestamp", d["CreationTimestamp"]},
              {"Id", id},
              {"LastUpdatedTimestamp", d["LastUpdatedTimestamp"]}};
  if (d.contains("Name"))
    out["Name"] = d["Name"];
  if (d.contains("LatestVersion")) {
    out["LatestVersion"] = d["LatestVersion"];
    out["LatestVersionArn"] = version_arn(c, f, id, d["LatestVersion"]);
  }
  if (with_tags_as_map)
    out["tags"] = d.value("tags", Json::object());
  else if (!d.value("tags", Json::object()).empty())
    out["Tags"] = d["tags"];
  return out;
}

// (MaxResults, NextToken) paging of Greengrass's list operations.
Json page(const std::vector<Json> &items, const Json &input, const std::string &member) {
  size_t size = items.size(), start = 0;
  auto parse = [&](std::string_view name, size_t &out) {
    if (auto text = optional_string(input, name); text && !text->empty()) {
      try {
        out = std::stoul(*text);
      } catch (const std::exception &) {
        bad_request(fmt::format("{} '{}' is not valid", name, *text));
      }
    }
  };
  parse("MaxResults", size);
  parse("NextToken", start);
  Json out = {{member, Json::array()}};
  for (size_t i = start; i < items.size() && i < start + size; ++i)
    out[member].push_back(items[i]);
  if (start + size < items.size())
    out["NextToken"] = std::to_string(start + size);
  return out;
}

// ---- the operations, per family -------------------------------------------------------------

Json create_definition(const Family &f, Context &c, const Json &input) {
  Json tags = checked_tags(input, "tags");
  std::string now = state::now_iso8601();
  Json d = {{"Id", state::uuid4()},
            {"CreationTimestamp", now},
            {"LastUpdatedTimestamp", now},
            {"tags", tags},
            {"Sequence", next_sequence(c)}};
  if (auto name = optional_string(input, "Name"))
    d["Name"] = *name;
  if (input.contains("InitialVersion") && !input["InitialVersion"].is_null())
    add_version(c, f, d, checked_version(f, input["InitialVersion"]));
  c.store.put_record(kService, "definition", definition_key(c, f, d["Id"]), d);
  Json out = information(c, f, d, false);
  out.erase("Tags"); // CreateXDefinition's response has no tags
  return out;
}

Json create_definition_version(const Family &f, Context &c, const Json &input) {
  std::string id = required_id(input, id_member(f));
  Json d = load_definition(c, f, id);
  Json out = add_version(c, f, d, checked_version(f, input));
  c.store.put_record(kService, "definition", definition_key(c, f, id), d);
  return out;
}

Json get_definition(const Family &f, Context &c, const Json &input) {
  return information(c, f, load_definition(c, f, required_id(input, id_member(f))), true);
}

Json get_definition_version(const Family &f, Context &c, const Json &input) {
  std::string id = required_id(input, id_member(f));
  std::string version = required_id(input, version_member(f));
  load_definition(c, f, id);
  auto v =
      c.store.get_record(kService, "definition-version", definition_key(c, f, id) + ":" + version);
  if (!v)
    version_not_found(
        fmt::format("Version {} of {} Definition {} does not exist.", version, f.name, id));
  return Json{{"Arn", version_arn(c, f, id, version)},
              {"CreationTimestamp", (*v)["CreationTimestamp"]},
              {"Definition", (*v)["Definition"]},
              {"Id", id},
              {"Version", version}};
}

Json list_definitions(const Family &f, Context &c, const Json &input) {
  std::vector<Json> items;
  for (const auto &d : in_creation_order(c.store.list_records(
           kService, "definition", fmt::format("{}:{}:", c.region, f.segment))))
    items.push_back(information(c, f, d, false));
  return page(items, input, "Definitions");
}

Json list_definition_versions(const Family &f, Context &c, const Json &input) {
  std::string id = required_id(input, id_member(f));
  load_definition(c, f, id);
  std::vector<Json> items;
  for (const auto &v : in_creation_order(
           c.store.list_records(kService, "definition-version", definition_key(c, f, id) + ":")))
    items.push_back({{"Arn", version_arn(c, f, id, v["Version"])},
                     {"CreationTimestamp", v["CreationTimestamp"]},
                     {"Id", id},
                     {"Version", v["Version"]}});
  return page(items, input, "Versions");
}

Json update_definition(const Family &f, Context &c, const Json &input) {
  std::string id = required_id(input, id_member(f));
  Json d = load_definition(c, f, id);
  auto name = optional_string(input, "Name");
  if (!name || name->empty())
    bad_request("Input does not contain any attributes to be updated");
  d["Name"] = *name;
  d["LastUpdatedTimestamp"] = state::now_iso8601();
  c.store.put_record(kService, "definition", definition_key(c, f, id), d);
  return Json::object();
}

Json delete_definition(const Family &f, Context &c, const Json &input) {
  std::string id = required_id(input, id_member(f));
  load_definition(c, f, id);
  for (const auto &[key, _] :
       c.store.list_records(kService, "definition-version", definition_key(c, f, id) + ":"))
    c.store.delete_record(kService, "definition-version", key);
  c.store.delete_record(kService, "definition", definition_key(c, f, id));
  return Json::object();
}

// Handlers are plain function pointers: one instantiation per family and operation.
using Operation = Json (*)(const Family &, Context &, const Json &);
template <size_t F, Operation Op> Json bound(Context &c, const Json &input) {
  return Op(kFamilies[F], c, input);
}

template <size_t F> void add_family(HandlerTable &table) {
  const Family &f = kFamilies[F];
  table.insert({
      {fmt::format("Create{}Definition", f.name), bound<F, create_definition>},
      {fmt::format("Create{}DefinitionVersion", f.name), bound<F, create_definition_version>},
      {fmt::format("Get{}Definition", f.name), bound<F, get_definition>},
      {fmt::format("Get{}DefinitionVersion", f.name), bound<F, get_definition_version>},
      {fmt::format("List{}Definitions", f.name), bound<F, list_definitions>},
      {fmt::format("List{}DefinitionVersions", f.name), bound<F, list_definition_versions>},
      {fmt::format("Update{}Definition", f.name), bound<F, update_definition>},
      {fmt::format("Delete{}Definition", f.name), bound<F, delete_definition>},
  });
}

template <size_t... F> void add_families(HandlerTable &table, std::index_sequence<F...>) {
  (add_family<F>(table), ...);
}

} // namespace

void add_definition_handlers(HandlerTable &table) {
  add_families(table, std::make_index_sequence<std::size(kFamilies)>());
}

} // namespace cfnlocal::services::embedded::greengrass
