// The IoT registry: things (CreateThing, DescribeThing, UpdateThing, DeleteThing, ListThings),
// thing types (CreateThingType, DescribeThingType, DeprecateThingType, DeleteThingType,
// ListThingTypes) and the principals attached to things (AttachThingPrincipal,
// DetachThingPrincipal, ListThingPrincipals(V2), ListPrincipalThings(V2)).
//
// As the AWS IoT API Reference says: CreateThing with the name of a thing of the same
// configuration returns it, a different one is ResourceAlreadyExistsException; a thing's version
// starts at 1 and every update adds one, and expectedVersion must match it
// (VersionConflictException); DeleteThing of a thing that does not exist succeeds, of one with
// principals attached fails; attributes merge when attributePayload.merge is true (an empty
// value removes the attribute) and are replaced otherwise; deprecated thing types take no new
// things, and only deprecated thing types can be deleted.
#include "services/embedded/iot_common.h"

#include "state/ids.h"

#include <fmt/format.h>

#include <algorithm>

namespace cfnlocal::services::embedded::iot {
namespace {

std::string thing_arn(const Context &c, const std::string &name) {
  return arn_of(c, "thing/" + name);
}
std::string type_arn(const Context &c, const std::string &name) {
  return arn_of(c, "thingtype/" + name);
}

Json load_thing(Context &c, const std::string &name) {
  auto thing = c.store.get_record(kService, "thing", key_of(c, name));
  if (!thing)
    not_found(fmt::format("Thing {} cannot be found.", name));
  return *thing;
}

Json load_type(Context &c, const std::string &name) {
  auto type = c.store.get_record(kService, "thing-type", key_of(c, name));
  if (!type)
    not_found(fmt::format("Thing type {} cannot be found.", name));
  return *type;
}

// The attributes of an attributePayload: a map of strings, names and values as IoT checks them.
Json checked_attributes(const Json &payload) {
  Json attributes =
      payload.is_object() ? payload.value("attributes", Json::object()) : Json::object();
  if (!attributes.is_object())
    invalid_request("attributePayload.attributes must be a map of strings");
  for (const auto &[k, v] : attributes.items()) {
    if (k.empty() || k.size() > 128)
      invalid_request(fmt::format("Attribute name '{}' must have 1-128 characters", k));
    if (!v.is_string() || v.get<std::string>().size() > 800)
      invalid_request(fmt::format("The value of attribute '{}' must be a string of at most 800 "
                                  "characters",
                                  k));
  }
  if (attributes.size() > 50)
    invalid_request("A thing can have at most 50 attributes");
  return attributes;
}

// A thing type a thing may be created with or changed to.
std::string usable_type(Context &c, const std::string &name) {
  Json type = load_type(c, name);
  if (type.value("deprecated", false))
    invalid_request(fmt::format("Can not create new thing with depreated thing type: {}", name));
  return name;
}

Json create_thing(Context &c, const Json &input) {
  std::string name = checked_name(input, "thingName");
  Json attributes = checked_attributes(input.value("attributePayload", Json()));
  auto type = optional_string(input, "thingTypeName");
  if (type)
    usable_type(c, *type);
  if (auto billing = optional_string(input, "billingGroupName"))
    not_found(fmt::format("Billing group {} cannot be found.", *billing));
  if (auto existing = c.store.get_record(kService, "thing", key_of(c, name))) {
    bool same = (*existing)["attributes"] == attributes &&
                existing->value("thingTypeName", "") == type.value_or("");
    if (!same)
      already_exists(
          fmt::format("Thing {} already exists in account with different attributes", name));
    return Json{
        {"thingName", name}, {"thingArn", thing_arn(c, name)}, {"thingId", (*existing)["thingId"]}};
  }
  Json thing = {
      {"thingName", name}, {"thingId", state::uuid4()}, {"attributes", attributes}, {"version", 1}};
  if (type)
    thing["thingTypeName"] = *type;
  c.store.put_record(kService, "thing", key_of(c, name), thing);
  return Json{{"thingName", name}, {"thingArn", thing_arn(c, name)}, {"thingId", thing["thingId"]}};
}

Json describe_thing(Context &c, const Json &input) {
  std::string name = checked_name(input, "thingName");
  Json thing = load_thing(c, name);
  Json out = {{"defaultClientId", name},           {"thingName", name},
              {"thingId", thing["thingId"]},       {"thingArn", thing_arn(c, name)},
              {"attributes", thing["attributes"]}, {"version", thing["version"]}};
  if (thing.contains("thingTypeName"))
    out["thingTypeName"] = thing["thingTypeName"];
  return out;
}

void check_version(const Json &thing, const Json &input) {
  if (auto expected = optional_int(input, "expectedVersion");
      expected && *expected != thing["version"].get<int64_t>())
    throw ServiceError("VersionConflictException",
                       fmt::format("The version for thing {} does not match the expected "
                                   "version.",
                                   thing["thingName"].get<std::string>()),
                       409);
}

Json update_thing(Context &c, const Json &input) {
  std::string name = checked_name(input, "thingName");
  Json thing = load_thing(c, name);
  check_version(thing, input);
  bool remove_type = optional_bool(input, "removeThingType");
  auto type = optional_string(input, "thingTypeName");
  if (remove_type && type)
    invalid_request("You cannot specify both a thing type and removeThingType: true");
  if (type)
    thing["thingTypeName"] = usable_type(c, *type);
  if (remove_type)
    thing.erase("thingTypeName");
  if (Json payload = input.value("attributePayload", Json()); payload.is_object()) {
    Json attributes = checked_attributes(payload);
    if (payload.value("merge", false)) {
      for (const auto &[k, v] : attributes.items())
        if (v.get<std::string>().empty())
          thing["attributes"].erase(k);
        else
          thing["attributes"][k] = v;
      if (thing["attributes"].size() > 50)
        invalid_request("A thing can have at most 50 attributes");
    } else {
      thing["attributes"] = attributes;
    }
  }
  thing["version"] = thing["version"].get<int64_t>() + 1;
  c.store.put_record(kService, "thing", key_of(c, name), thing);
  return Json::object();
}

Json delete_thing(Context &c, const Json &input) {
  std::string name = checked_name(input, "thingName");
  auto thing = c.store.get_record(kService, "thing", key_of(c, name));
  if (!thing)
    return Json::object();
  check_version(*thing, input);
  if (!principals_of_thing(c, name).empty())
    invalid_request(
        fmt::format("Cannot delete. Thing {} is still attached to one or more principals", name));
  c.store.delete_record(kService, "thing", key_of(c, name));
  return Json::object();
}

Json list_things(Context &c, const Json &input) {
  auto attribute = optional_string(input, "attributeName");
  auto value = optional_string(input, "attributeValue");
  auto type = optional_string(input, "thingTypeName");
  bool prefix = optional_bool(input, "usePrefixAttributeValue");
  std::vector<Json> items;
  for (const auto &[key, thing] : c.store.list_records(kService, "thing", c.region + ":")) {
    if (type && thing.value("thingTypeName", "") != *type)
      continue;
    if (attribute) {
      auto it = thing["attributes"].find(*attribute);
      if (it == thing["attributes"].end())
        continue;
      std::string v = *it;
      if (value && (prefix ? !v.starts_with(*value) : v != *value))
        continue;
    }
    std::string name = thing["thingName"];
    Json item = {{"thingName", name},
                 {"thingArn", thing_arn(c, name)},
                 {"attributes", thing["attributes"]},
                 {"version", thing["version"]}};
    if (thing.contains("thingTypeName"))
      item["thingTypeName"] = thing["thingTypeName"];
    items.push_back(item);
  }
  return page_of(items, input, "things", "maxResults", "nextToken", "nextToken", 250, 250);
}

// ---- thing types ----------------------------------------------------------------------------

Json type_description(const Context &c, const Json &type) {
  std::string name = type["thingTypeName"];
  Json metadata = {{"deprecated", type["deprecated"]}, {"creationDate", type["creationDate"]}};
  if (type.contains("deprecationDate"))
    metadata["deprecationDate"] = type["deprecationDate"];
  return Json{{"thingTypeName", name},
              {"thingTypeId", type["thingTypeId"]},
              {"thingTypeArn", type_arn(c, name)},
              {"thingTypeProperties", type["thingTypeProperties"]},
              {"thingTypeMetadata", metadata}};
}

Json create_thing_type(Context &c, const Json &input) {
  std::string name = checked_name(input, "thingTypeName");
  Json properties = input.value("thingTypeProperties", Json::object());
  if (!properties.is_object())
    invalid_request("thingTypeProperties must be an object");
  if (auto d = optional_string(properties, "thingTypeDescription"); d && d->size() > 2028)
    invalid_request("thingTypeDescription must have at most 2028 characters");
  if (properties.value("searchableAttributes", Json::array()).size() > 3)
    invalid_request("A thing type can have at most 3 searchable attributes");
  if (auto existing = c.store.get_record(kService, "thing-type", key_of(c, name))) {
    if ((*existing)["thingTypeProperties"] != properties)
      already_exists(fmt::format("Thing type {} already exists with different properties", name));
    return Json{{"thingTypeName", name},
                {"thingTypeArn", type_arn(c, name)},
                {"thingTypeId", (*existing)["thingTypeId"]}};
  }
  Json tags = checked_tags(input.value("tags", Json()));
  Json type = {{"thingTypeName", name},
               {"thingTypeId", state::uuid4()},
               {"thingTypeProperties", properties},
               {"deprecated", false},
               {"creationDate", state::now_iso8601()}};
  c.store.put_record(kService, "thing-type", key_of(c, name), type);
  set_tags(c, type_arn(c, name), tags);
  return Json{{"thingTypeName", name},
              {"thingTypeArn", type_arn(c, name)},
              {"thingTypeId", type["thingTypeId"]}};
}

Json describe_thing_type(Context &c, const Json &input) {
  return type_description(c, load_type(c, checked_name(input, "thingTypeName")));
}

Json deprecate_thing_type(Context &c, const Json &input) {
  std::string name = checked_name(input, "thingTypeName");
  Json type = load_type(c, name);
  if (optional_bool(input, "undoDeprecate")) {
    type["deprecated"] = false;
    type.erase("deprecationDate");
  } else {
    type["deprecated"] = true;
    type["deprecationDate"] = state::now_iso8601();
  }
  c.store.put_record(kService, "thing-type", key_of(c, name), type);
  return Json::object();
}

Json delete_thing_type(Context &c, const Json &input) {
  std::string name = checked_name(input, "thingTypeName");
  Json type = load_type(c, name);
  if (!type.value("deprecated", false))
    invalid_request(fmt::format("Thing type {} must be deprecated before it can be deleted", name));
  for (const auto &[key, thing] : c.store.list_records(kService, "thing", c.region + ":"))
    if (thing.value("thingTypeName", "") == name)
      invalid_request(fmt::format("Can not delete thing type {} as things are still associated "
                                  "with it",
                                  name));
  c.store.delete_record(kService, "thing-type", key_of(c, name));
  set_tags(c, type_arn(c, name), Json::array());
  return Json::object();
}

Json list_thing_types(Context &c, const Json &input) {
  auto only = optional_string(input, "thingTypeName");
  std::vector<Json> items;
  for (const auto &[key, type] : c.store.list_records(kService, "thing-type", c.region + ":"))
    if (!only || type["thingTypeName"] == *only) {
      Json d = type_description(c, type);
      d.erase("thingTypeId");
      items.push_back(d);
    }
  return page_of(items, input, "thingTypes", "maxResults", "nextToken", "nextToken", 250, 250);
}

// ---- thing principals -----------------------------------------------------------------------

std::string required_principal(Context &c, const Json &input) {
  std::string principal = optional_string(input, "principal").value_or("");
  if (principal.empty())
    invalid_request("principal is required");
  if (!certificate_of_principal(c, principal))
    not_found(fmt::format("The principal {} cannot be found.", principal));
  return principal;
}

Json attach_thing_principal(Context &c, const Json &input) {
  std::string name = checked_name(input, "thingName");
  load_thing(c, name);
  std::string principal = required_principal(c, input);
  std::string type = optional_string(input, "thingPrincipalType").value_or("NON_EXCLUSIVE_THING");
  if (type != "EXCLUSIVE_THING" && type != "NON_EXCLUSIVE_THING")
    invalid_request(fmt::format("Invalid thingPrincipalType: {}", type));
  for (const auto &other : things_of_principal(c, principal)) {
    if (other == name)
      continue;
    auto link = c.store.get_record(kService, "thing-principal", link_key(c, other, principal));
    if (type == "EXCLUSIVE_THING" ||
        (link && link->value("thingPrincipalType", "") == "EXCLUSIVE_THING"))
      invalid_request(fmt::format("Principal {} is exclusively attached to a thing", principal));
  }
  c.store.put_record(kService, "thing-principal", link_key(c, name, principal),
                     Json{{"thingPrincipalType", type}});
  return Json::object();
}

Json detach_thing_principal(Context &c, const Json &input) {
  std::string name = checked_name(input, "thingName");
  load_thing(c, name);
  std::string principal = optional_string(input, "principal").value_or("");
  if (principal.empty())
    invalid_request("principal is required");
  c.store.delete_record(kService, "thing-principal", link_key(c, name, principal));
  return Json::object();
}

Json list_thing_principals(Context &c, const Json &input) {
  std::string name = checked_name(input, "thingName");
  load_thing(c, name);
  std::vector<Json> items;
  for (const auto &p : principals_of_thing(c, name))
    items.push_back(p);
  return page_of(items, input, "principals", "maxResults", "nextToken", "nextToken", 250, 250);
}

Json list_thing_principals_v2(Context &c, const Json &input) {
  std::string name = checked_name(input, "thingName");
  load_thing(c, name);
  auto only = optional_string(input, "thingPrincipalType");
  std::vector<Json> items;
  for (const auto &p : principals_of_thing(c, name)) {
    auto link = c.store.get_record(kService, "thing-principal", link_key(c, name, p));
    std::string type = link ? link->value("thingPrincipalType", "NON_EXCLUSIVE_THING") : "";
    if (!only || type == *only)
      items.push_back({{"principal", p}, {"thingPrincipalType", type}});
  }
  return page_of(items, input, "thingPrincipalObjects", "maxResults", "nextToken", "nextToken", 250,
                 250);
}

Json list_principal_things(Context &c, const Json &input) {
  std::string principal = required_principal(c, input);
  std::vector<Json> items;
  for (const auto &t : things_of_principal(c, principal))
    items.push_back(t);
  return page_of(items, input, "things", "maxResults", "nextToken", "nextToken", 250, 250);
}

Json list_principal_things_v2(Context &c, const Json &input) {
  std::string principal = required_principal(c, input);
  auto only = optional_string(input, "thingPrincipalType");
  std::vector<Json> items;
  for (const auto &t : things_of_principal(c, principal)) {
    auto link = c.store.get_record(kService, "thing-principal", link_key(c, t, principal));
    std::string type = link ? link->value("thingPrincipalType", "NON_EXCLUSIVE_THING") : "";
    if (!only || type == *only)
      items.push_back({{"thingName", t}, {"thingPrincipalType", type}});
  }
  return page_of(items, input, "principalThingObjects", "maxResults", "nextToken", "nextToken", 250,
                 250);
}

} // namespace

void add_thing_handlers(HandlerTable &table) {
  table.insert({
      {"CreateThing", create_thing},
      {"DescribeThing", describe_thing},
      {"UpdateThing", update_thing},
      {"DeleteThing", delete_thing},
      {"ListThings", list_things},
      {"CreateThingType", create_thing_type},
      {"DescribeThingType", describe_thing_type},
      {"DeprecateThingType", deprecate_thing_type},
      {"DeleteThingType", delete_thing_type},
      {"ListThingTypes", list_thing_types},
      {"AttachThingPrincipal", attach_thing_principal},
      {"DetachThingPrincipal", detach_thing_principal},
      {"ListThingPrincipals", list_thing_principals},
      {"ListThingPrincipalsV2", list_thing_principals_v2},
      {"ListPrincipalThings", list_principal_things},
      {"ListPrincipalThingsV2", list_principal_things_v2},
  });
}

} // namespace cfnlocal::services::embedded::iot
