#include "providers/greengrass_providers.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

#include <optional>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "greengrass";
constexpr std::string_view kLabel = "Greengrass";
constexpr std::string_view kPrefix = "AWS::Greengrass::";

using services::Backend;
using services::ServiceError;

struct Gone {};

// A definition family: "Core" names the operations (Create<Core>Definition), "Cores" the
// version's list, "cores" the ARN segment.
struct Family {
  std::string_view name;
  std::string_view items;
  std::string_view segment;
};

constexpr Family kFamilies[] = {
    {"Core", "Cores", "cores"},
    {"Device", "Devices", "devices"},
    {"Function", "Functions", "functions"},
    {"Logger", "Loggers", "loggers"},
    {"Resource", "Resources", "resources"},
    {"Subscription", "Subscriptions", "subscriptions"},
    {"Connector", "Connectors", "connectors"},
};

// What a type is: a family's definition or definition version, or the group or its version
// (family null).
struct TypeFacts {
  const Family *family = nullptr;
  bool version = false;
};

TypeFacts facts_of(std::string_view type) {
  std::string_view rest = type.substr(kPrefix.size());
  bool version = rest.ends_with("Version");
  if (version)
    rest.remove_suffix(7);
  for (const auto &f : kFamilies)
    if (rest == fmt::format("{}Definition", f.name))
      return {&f, version};
  return {nullptr, version};
}

std::string op(std::string_view verb, const Family &f, std::string_view suffix = "") {
  return fmt::format("{}{}Definition{}", verb, f.name, suffix);
}

// Numbers and booleans CloudFormation passes as text, typed as Greengrass's shapes want them.
Json typed_version(const Value &value) {
  return typed(value, {"MemorySize", "Timeout", "Uid", "Gid", "Space"},
               {"SyncShadow", "Pinned", "AccessSysfs", "AutoAddGroupOwner"});
}

Json tags_of_model(const Value &model) {
  const Value *tags = model.find("Tags");
  if (!tags)
    return Json::object();
  if (tags->is_string()) {
    Json parsed = Json::parse(tags->as_string(), nullptr, false);
    return parsed.is_object() ? parsed : Json::object();
  }
  Json out = Json::object();
  Json given = to_json(*tags);
  for (const auto &[k, v] : given.items())
    out[k] = v.is_string() ? v.get<std::string>() : v.dump();
  return out;
}

void update_tags(Backend &backend, const std::string &arn, const Json &before, const Json &after) {
  Json removed = Json::array(), set = Json::object();
  for (const auto &[k, v] : before.items())
    if (!after.contains(k))
      removed.push_back(k);
  for (const auto &[k, v] : after.items())
    if (!before.contains(k) || before[k] != v)
      set[k] = v;
  if (!removed.empty())
    backend.call(kService, "UntagResource", Json{{"ResourceArn", arn}, {"TagKeys", removed}});
  if (!set.empty())
    backend.call(kService, "TagResource", Json{{"ResourceArn", arn}, {"tags", set}});
}

// "arn:...:/greengrass/definition/cores/ID/versions/V" or ".../groups/ID/versions/V" -> (ID, V).
std::optional<std::pair<std::string, std::string>> version_parts(const std::string &arn,
                                                                 std::string_view segment) {
  std::string marker = segment == "groups" ? "/greengrass/groups/"
                                           : fmt::format("/greengrass/definition/{}/", segment);
  size_t at = arn.find(marker);
  if (at == std::string::npos)
    return std::nullopt;
  std::string rest = arn.substr(at + marker.size());
  size_t v = rest.find("/versions/");
  if (v == std::string::npos)
    return std::nullopt;
  return std::make_pair(rest.substr(0, v), rest.substr(v + 10));
}

// ---- definitions and the group (the same shape) -----------------------------------------------

Json container_model(const Json &got) {
  Json m = {{"Id", got.value("Id", "")}, {"Arn", got.value("Arn", "")}};
  if (got.contains("Name"))
    m["Name"] = got["Name"];
  if (got.contains("LatestVersionArn"))
    m["LatestVersionArn"] = got["LatestVersionArn"];
  if (Json tags = got.value("tags", Json::object()); !tags.empty())
    m["Tags"] = tags;
  return m;
}

Json read_container(Backend &backend, const Family *f, const std::string &id) {
  if (f)
    return container_model(
        backend.call(kService, op("Get", *f), Json{{fmt::format("{}DefinitionId", f->name), id}}));
  Json m = container_model(backend.call(kService, "GetGroup", Json{{"GroupId", id}}));
  try {
    Json role = backend.call(kService, "GetAssociatedRole", Json{{"GroupId", id}});
    m["RoleArn"] = role.value("RoleArn", "");
    m["RoleAttachedAt"] = role.value("AssociatedAt", "");
  } catch (const ServiceError &e) {
    if (e.http_status() != 404)
      throw;
  }
  return m;
}

Json create_container(Backend &backend, const Family *f, const Value &model) {
  Json in = Json::object();
  if (model.find("Name"))
    in["Name"] = string_of(model, "Name");
  if (Json tags = tags_of_model(model); !tags.empty())
    in["tags"] = tags;
  if (const Value *initial = model.find("InitialVersion"); initial && initial->is_object())
    in["InitialVersion"] = typed_version(*initial);
  Json made = backend.call(kService, f ? op("Create", *f) : "CreateGroup", in);
  std::string id = made.value("Id", "");
  if (!f && !string_of(model, "RoleArn").empty()) {
    try {
      backend.call(kService, "AssociateRoleToGroup",
                   Json{{"GroupId", id}, {"RoleArn", string_of(model, "RoleArn")}});
    } catch (const ServiceError &) {
      backend.call(kService, "DeleteGroup", Json{{"GroupId", id}});
      throw;
    }
  }
  return read_container(backend, f, id);
}

void update_container(Backend &backend, const Family *f, const std::string &id,
                      const Value &previous, const Value &desired) {
  Json current = read_container(backend, f, id);
  std::string name = string_of(desired, "Name");
  if (current.value("Name", "") != name)
    backend.call(
        kService, f ? op("Update", *f) : "UpdateGroup",
        Json{{f ? fmt::format("{}DefinitionId", f->name) : "GroupId", id}, {"Name", name}});
  if (!f) {
    std::string role = string_of(desired, "RoleArn");
    if (role != current.value("RoleArn", "")) {
      if (role.empty())
        backend.call(kService, "DisassociateRoleFromGroup", Json{{"GroupId", id}});
      else
        backend.call(kService, "AssociateRoleToGroup", Json{{"GroupId", id}, {"RoleArn", role}});
    }
  }
  (void)previous;
  update_tags(backend, current.value("Arn", ""), current.value("Tags", Json::object()),
              tags_of_model(desired));
}

// ---- versions ---------------------------------------------------------------------------------

Json read_version(Backend &backend, const Family *f, const std::string &arn) {
  auto parts = version_parts(arn, f ? f->segment : "groups");
  if (!parts)
    throw Gone{};
  if (!f) {
    Json got = backend.call(kService, "GetGroupVersion",
                            Json{{"GroupId", parts->first}, {"GroupVersionId", parts->second}});
    Json m = got.value("Definition", Json::object());
    m["GroupId"] = parts->first;
    m["Id"] = arn;
    return m;
  }
  Json got = backend.call(kService, op("Get", *f, "Version"),
                          Json{{fmt::format("{}DefinitionId", f->name), parts->first},
                               {fmt::format("{}DefinitionVersionId", f->name), parts->second}});
  Json m = got.value("Definition", Json::object());
  m[fmt::format("{}DefinitionId", f->name)] = parts->first;
  m["Id"] = arn;
  return m;
}

Json create_version(Backend &backend, const Family *f, const Value &model) {
  Json in = typed_version(model);
  in.erase("Id");
  Json made = backend.call(kService, f ? op("Create", *f, "Version") : "CreateGroupVersion", in);
  Json m = to_json(model);
  m["Id"] = made.value("Arn", "");
  return m;
}

// ---- reading with Gone ------------------------------------------------------------------------

Json read_any(Backend &backend, std::string_view type, const std::string &id) {
  TypeFacts t = facts_of(type);
  try {
    return t.version ? read_version(backend, t.family, id) : read_container(backend, t.family, id);
  } catch (const ServiceError &e) {
    if (is_not_found(e) || e.http_status() == 404)
      throw Gone{};
    throw;
  }
}

} // namespace

const std::vector<std::string> &GreengrassProvider::types() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out = {"AWS::Greengrass::Group", "AWS::Greengrass::GroupVersion"};
    for (const auto &f : kFamilies) {
      out.push_back(fmt::format("{}{}Definition", kPrefix, f.name));
      out.push_back(fmt::format("{}{}DefinitionVersion", kPrefix, f.name));
    }
    return out;
  }();
  return all;
}

ProgressEvent GreengrassProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  TypeFacts t = facts_of(request.type_name);
  Json made;
  try {
    made = t.version ? create_version(backend_, t.family, properties)
                     : create_container(backend_, t.family, properties);
  } catch (const ServiceError &e) {
    return failure_from(e, kLabel);
  }
  Json full = to_json(properties);
  for (const auto &[k, v] : made.items())
    if (k != "Tags")
      full[k] = v;
  return ProgressEvent::success(from_json(full));
}

ProgressEvent GreengrassProvider::read(const ResourceHandlerRequest &request) {
  try {
    return ProgressEvent::success(
        from_json(read_any(backend_, request.type_name, request.physical_id)));
  } catch (const Gone &) {
    return not_found(request.type_name, request.physical_id);
  } catch (const ServiceError &e) {
    return failure_for(e, request.type_name, request.physical_id, kLabel);
  }
}

ProgressEvent GreengrassProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = update_refusal(*type, request, request.previous_state, desired))
    return *failure;
  TypeFacts t = facts_of(request.type_name);
  Json now;
  try {
    if (!t.version)
      update_container(backend_, t.family, request.physical_id, request.previous_state, desired);
    now = read_any(backend_, request.type_name, request.physical_id);
  } catch (const Gone &) {
    return not_found(request.type_name, request.physical_id);
  } catch (const ServiceError &e) {
    return failure_for(e, request.type_name, request.physical_id, kLabel);
  }
  Json full = to_json(merged_model(*type, request, request.previous_state));
  for (const char *k : {"Id", "Arn", "LatestVersionArn", "RoleArn", "RoleAttachedAt"})
    if (now.contains(k))
      full[k] = now[k];
    else if (std::string_view(k) == "RoleArn" || std::string_view(k) == "RoleAttachedAt")
      full.erase(k);
  return ProgressEvent::success(from_json(full));
}

ProgressEvent GreengrassProvider::remove(const ResourceHandlerRequest &request) {
  TypeFacts t = facts_of(request.type_name);
  const std::string &id = request.physical_id;
  try {
    read_any(backend_, request.type_name, id);
    if (!t.version) {
      if (t.family)
        backend_.call(kService, op("Delete", *t.family),
                      Json{{fmt::format("{}DefinitionId", t.family->name), id}});
      else
        backend_.call(kService, "DeleteGroup", Json{{"GroupId", id}});
    }
  } catch (const Gone &) {
    return not_found(request.type_name, id);
  } catch (const ServiceError &e) {
    return failure_for(e, request.type_name, id, kLabel);
  }
  return ProgressEvent::success(Value());
}

ProgressEvent GreengrassProvider::list(const ResourceHandlerRequest &request) {
  TypeFacts t = facts_of(request.type_name);
  if (t.version)
    return ProgressEvent::failure(
        HandlerErrorCode::InvalidRequest,
        fmt::format("{} has no list handler: Greengrass lists versions per definition or group",
                    request.type_name));
  std::string operation =
      t.family ? fmt::format("List{}Definitions", t.family->name) : "ListGroups";
  std::string items = t.family ? "Definitions" : "Groups";
  return list_page(backend_, request,
                   {kService, operation, "NextToken", items, "NextToken", kLabel}, Json::object(),
                   [](const Json &d) {
                     return Value::object({{"Id", Value(d.value("Id", "")), {}}});
                   });
}

} // namespace cfnlocal::providers
