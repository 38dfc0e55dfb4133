// Greengrass V1 groups: CreateGroup (Name, InitialVersion, tags), GetGroup, UpdateGroup,
// DeleteGroup, ListGroups; CreateGroupVersion, GetGroupVersion, ListGroupVersions; deployments
// (CreateDeployment, ListDeployments, GetDeploymentStatus, ResetDeployments); the group's role
// (AssociateRoleToGroup, GetAssociatedRole, DisassociateRoleFromGroup).
//
// As the AWS IoT Greengrass V1 API Reference and developer guide say: a group version names one
// definition version per family by ARN, and each must exist; a deployment needs a group version
// with a core (DeploymentType NewDeployment needs GroupVersionId, Redeployment a DeploymentId
// of the group); with no Greengrass core to receive it, a new deployment stays "InProgress",
// while resets complete at once; ResetDeployments without Force needs a deployment that has not
// been reset; a group whose latest deployment has not been reset cannot be deleted; the group's
// role must be an IAM role of the embedded IAM.
#include "services/embedded/greengrass_common.h"

#include "state/ids.h"

#include <fmt/format.h>

#include <algorithm>

namespace cfnlocal::services::embedded::greengrass {
namespace {

// GroupVersion members and the definition family each names.
constexpr std::pair<std::string_view, std::string_view> kVersionMembers[] = {
    {"ConnectorDefinitionVersionArn", "connectors"},
    {"CoreDefinitionVersionArn", "cores"},
    {"DeviceDefinitionVersionArn", "devices"},
    {"FunctionDefinitionVersionArn", "functions"},
    {"LoggerDefinitionVersionArn", "loggers"},
    {"ResourceDefinitionVersionArn", "resources"},
    {"SubscriptionDefinitionVersionArn", "subscriptions"},
};

std::string group_key(const Context &c, const std::string &id) { return c.region + ":" + id; }
std::string group_arn(const Context &c, const std::string &id) { return arn_of(c, "groups/" + id); }
std::string group_version_arn(const Context &c, const std::string &id, const std::string &v) {
  return group_arn(c, id) + "/versions/" + v;
}
std::string deployment_arn(const Context &c, const std::string &group, const std::string &id) {
  return group_arn(c, group) + "/deployments/" + id;
}

Json load_group(Context &c, const std::string &id) {
  auto g = c.store.get_record(kService, "group", group_key(c, id));
  if (!g)
    id_not_found("That group definition does not exist.");
  return *g;
}

// A GroupVersion whose ARNs name definition versions that exist.
Json checked_group_version(Context &c, const Json &input) {
  Json definition = Json::object();
  for (const auto &[member, family] : kVersionMembers) {
    auto arn = optional_string(input, member);
    if (!arn || arn->empty())
      continue;
    auto parsed = parse_version_arn(c, *arn);
    if (!parsed || parsed->family != family)
      bad_request(fmt::format("{} '{}' is not the ARN of a {} definition version", member, *arn,
                              family.substr(0, family.size() - 1)));
    if (!definition_version_exists(c, family, parsed->id, parsed->version))
      bad_request(fmt::format("{} definition version '{}' does not exist", family, *arn));
    definition[std::string(member)] = *arn;
  }
  return definition;
}

Json add_version(Context &c, Json &group, const Json &definition) {
  std::string id = group["Id"];
  std::string version = state::uuid4();
  std::string now = state::now_iso8601();
  c.store.put_record(kService, "group-version", group_key(c, id) + ":" + version,
                     Json{{"Version", version},
                          {"CreationTimestamp", now},
                          {"Definition", definition},
                          {"Sequence", next_sequence(c)}});
  group["LatestVersion"] = version;
  group["LastUpdatedTimestamp"] = now;
  return Json{{"Arn", group_version_arn(c, id, version)},
              {"CreationTimestamp", now},
              {"Id", id},
              {"Version", version}};
}

Json information(const Context &c, const Json &g, bool with_tags) {
  std::string id = g["Id"];
  Json out = {{"Arn", group_arn(c, id)},
              {"CreationTimestamp", g["CreationTimestamp"]},
              {"Id", id},
              {"LastUpdatedTimestamp", g["LastUpdatedTimestamp"]},
              {"Name", g["Name"]}};
  if (g.contains("LatestVersion")) {
    out["LatestVersion"] = g["LatestVersion"];
    out["LatestVersionArn"] = group_version_arn(c, id, g["LatestVersion"]);
  }
  if (with_tags)
    out["tags"] = g.value("tags", Json::object());
  return out;
}

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

// ---- groups ---------------------------------------------------------------------------------

Json create_group(Context &c, const Json &input) {
  std::string name = required_id(input, "Name");
  Json tags = checked_tags(input, "tags");
  std::string now = state::now_iso8601();
  Json g = {{"Id", state::uuid4()},        {"Name", name}, {"CreationTimestamp", now},
            {"LastUpdatedTimestamp", now}, {"tags", tags}, {"Sequence", next_sequence(c)}};
  if (input.contains("InitialVersion") && !input["InitialVersion"].is_null())
    add_version(c, g, checked_group_version(c, input["InitialVersion"]));
  c.store.put_record(kService, "group", group_key(c, g["Id"]), g);
  return information(c, g, false);
}

Json get_group(Context &c, const Json &input) {
  return information(c, load_group(c, required_id(input, "GroupId")), true);
}

Json update_group(Context &c, const Json &input) {
  std::string id = required_id(input, "GroupId");
  Json g = load_group(c, id);
  auto name = optional_string(input, "Name");
  if (!name || name->empty())
    bad_request("Input does not contain any attributes to be updated");
  g["Name"] = *name;
  g["LastUpdatedTimestamp"] = state::now_iso8601();
  c.store.put_record(kService, "group", group_key(c, id), g);
  return Json::object();
}

std::vector<Json> deployments_of(Context &c, const std::string &group) {
  return in_creation_order(c.store.list_records(kService, "deployment", group_key(c, group) + ":"));
}

// Whether the group's latest deployment is a deployment (not a reset).
bool deployed(Context &c, const std::string &group) {
  auto all = deployments_of(c, group);
  if (all.empty())
    return false;
  std::string type = all.back()["DeploymentType"];
  return type == "NewDeployment" || type == "Redeployment";
}

Json delete_group(Context &c, const Json &input) {
  std::string id = required_id(input, "GroupId");
  load_group(c, id);
  if (deployed(c, id))
    bad_request(fmt::format("Group {} is deployed: reset its deployments (ResetDeployments) "
                            "before deleting it",
                            id));
  for (const char *kind : {"group-version", "deployment"})
    for (const auto &[key, _] : c.store.list_records(kService, kind, group_key(c, id) + ":"))
      c.store.delete_record(kService, kind, key);
  c.store.delete_record(kService, "group", group_key(c, id));
  return Json::object();
}

Json list_groups(Context &c, const Json &input) {
  std::vector<Json> items;
  for (const auto &g : in_creation_order(c.store.list_records(kService, "group", c.region + ":")))
    items.push_back(information(c, g, false));
  return page(items, input, "Groups");
}

// ---- group versions -------------------------------------------------------------------------

Json create_group_version(Context &c, const Json &input) {
  std::string id = required_id(input, "GroupId");
  Json g = load_group(c, id);
  Json out = add_version(c, g, checked_group_version(c, input));
  c.store.put_record(kService, "group", group_key(c, id), g);
  return out;
}

Json load_group_version(Context &c, const std::string &id, const std::string &version) {
  auto v = c.store.get_record(kService, "group-version", group_key(c, id) + ":" + version);
  if (!v)
    version_not_found(
        fmt::format("Version {} of Group Definition {} does not exist.", version, id));
  return *v;
}

Json get_group_version(Context &c, const Json &input) {
  std::string id = required_id(input, "GroupId");
  std::string version = required_id(input, "GroupVersionId");
  load_group(c, id);
  Json v = load_group_version(c, id, version);
  return Json{{"Arn", group_version_arn(c, id, version)},
              {"CreationTimestamp", v["CreationTimestamp"]},
              {"Definition", v["Definition"]},
              {"Id", id},
              {"Version", version}};
}

Json list_group_versions(Context &c, const Json &input) {
  std::string id = required_id(input, "GroupId");
  load_group(c, id);
  std::vector<Json> items;
  for (const auto &v :
       in_creation_order(c.store.list_records(kService, "group-version", group_key(c, id) + ":")))
    items.push_back({{"Arn", group_version_arn(c, id, v["Version"])},
                     {"CreationTimestamp", v["CreationTimestamp"]},
                     {"Id", id},
                     {"Version", v["Version"]}});
  return page(items, input, "Versions");
}

// ---- deployments ----------------------------------------------------------------------------

Json add_deployment(Context &c, const std::string &group, const std::string &type,
                    const std::string &version) {
  std::string id = state::uuid4();
  std::string now = state::now_iso8601();
  bool reset = type == "ResetDeployment" || type == "ForceResetDeployment";
  Json d = {{"DeploymentId", id},
            {"DeploymentType", type},
            {"CreatedAt", now},
            {"UpdatedAt", now},
            {"DeploymentStatus", reset ? "Success" : "InProgress"},
            {"Sequence", next_sequence(c)}};
  if (!version.empty())
    d["GroupVersionId"] = version;
  c.store.put_record(kService, "deployment", group_key(c, group) + ":" + id, d);
  return Json{{"DeploymentArn", deployment_arn(c, group, id)}, {"DeploymentId", id}};
}

Json create_deployment(Context &c, const Json &input) {
  std::string group = required_id(input, "GroupId");
  std::string type = required_id(input, "DeploymentType");
  static const char *kTypes[] = {"NewDeployment", "Redeployment", "ResetDeployment",
                                 "ForceResetDeployment"};
  if (std::find(std::begin(kTypes), std::end(kTypes), type) == std::end(kTypes))
    bad_request(fmt::format("That deployment type is not valid. Please specify one of the "
                            "following types: {{NewDeployment,Redeployment,ResetDeployment,"
                            "ForceResetDeployment}}."));
  load_group(c, group);
  std::string version = optional_string(input, "GroupVersionId").value_or("");
  if (type == "Redeployment") {
    std::string previous = required_id(input, "DeploymentId");
    auto d = c.store.get_record(kService, "deployment", group_key(c, group) + ":" + previous);
    if (!d)
      bad_request(fmt::format("Deployment ID '{}' is invalid.", previous));
    version = d->value("GroupVersionId", version);
  }
  if (type == "ResetDeployment" || type == "ForceResetDeployment") {
    if (type == "ResetDeployment" && !deployed(c, group))
      bad_request(
          fmt::format("Group id: {} has not been deployed or has already been reset.", group));
    return add_deployment(c, group, type, "");
  }
  if (version.empty())
    bad_request("Your request is missing the following required parameter(s): "
                "{GroupVersionId}.");
  Json v = load_group_version(c, group, version);
  if (v["Definition"].value("CoreDefinitionVersionArn", "").empty())
    bad_request("You need a Greengrass Core in this Group before you can deploy.");
  return add_deployment(c, group, type, version);
}

Json list_deployments(Context &c, const Json &input) {
  std::string group = required_id(input, "GroupId");
  load_group(c, group);
  std::vector<Json> items;
  for (const auto &d : deployments_of(c, group))
    items.push_back({{"CreatedAt", d["CreatedAt"]},
                     {"DeploymentArn", deployment_arn(c, group, d["DeploymentId"])},
                     {"DeploymentId", d["DeploymentId"]},
                     {"DeploymentType", d["DeploymentType"]},
                     {"GroupArn", group_arn(c, group)}});
  return page(items, input, "Deployments");
}

Json get_deployment_status(Context &c, const Json &input) {
  std::string group = required_id(input, "GroupId");
  std::string id = required_id(input, "DeploymentId");
  auto d = c.store.get_record(kService, "deployment", group_key(c, group) + ":" + id);
  if (!d)
    bad_request(fmt::format("Deployment '{}' does not exist.", id));
  return Json{{"DeploymentStatus", (*d)["DeploymentStatus"]},
              {"DeploymentType", (*d)["DeploymentType"]},
              {"UpdatedAt", (*d)["UpdatedAt"]}};
}

Json reset_deployments(Context &c, const Json &input) {
  std::string group = required_id(input, "GroupId");
  load_group(c, group);
  bool force = optional_bool(input, "Force");
  if (!force && !deployed(c, group))
    bad_request(
        fmt::format("Group id: {} has not been deployed or has already been reset.", group));
  return add_deployment(c, group, force ? "ForceResetDeployment" : "ResetDeployment", "");
}

// ---- the group's role -----------------------------------------------------------------------

Json associate_role_to_group(Context &c, const Json &input) {
  std::string group = required_id(input, "GroupId");
  std::string role = required_id(input, "RoleArn");
  Json g = load_group(c, group);
  checked_role(c, role);
  std::string now = state::now_iso8601();
  g["Role"] = {{"RoleArn", role}, {"AssociatedAt", now}};
  c.store.put_record(kService, "group", group_key(c, group), g);
  return Json{{"AssociatedAt", now}};
}

Json get_associated_role(Context &c, const Json &input) {
  std::string group = required_id(input, "GroupId");
  Json g = load_group(c, group);
  if (!g.contains("Role"))
    throw ServiceError("404", "You need to attach an IAM role to this deployment group.", 404);
  return g["Role"];
}

Json disassociate_role_from_group(Context &c, const Json &input) {
  std::string group = required_id(input, "GroupId");
  Json g = load_group(c, group);
  g.erase("Role");
  c.store.put_record(kService, "group", group_key(c, group), g);
  return Json{{"DisassociatedAt", state::now_iso8601()}};
}

} // namespace

void add_group_handlers(HandlerTable &table) {
  table.insert({
      {"CreateGroup", create_group},
      {"GetGroup", get_group},
      {"UpdateGroup", update_group},
      {"DeleteGroup", delete_group},
      {"ListGroups", list_groups},
      {"CreateGroupVersion", create_group_version},
      {"GetGroupVersion", get_group_version},
      {"ListGroupVersions", list_group_versions},
      {"CreateDeployment", create_deployment},
      {"ListDeployments", list_deployments},
      {"GetDeploymentStatus", get_deployment_status},
      {"ResetDeployments", reset_deployments},
      {"AssociateRoleToGroup", associate_role_to_group},
      {"GetAssociatedRole", get_associated_role},
      {"DisassociateRoleFromGroup", disassociate_role_from_group},
  });
}

} // namespace cfnlocal::services::embedded::greengrass
