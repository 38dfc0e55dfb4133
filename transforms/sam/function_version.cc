#include "transforms/sam/function_parts.h"

#include <algorithm>

namespace cfnlocal::transforms::sam {

namespace {

std::string alias_logical_suffix(const std::string &name) {
  std::string out;
  for (char c : name) {
    if (c == '_')
      out += 'U';
    else if (c == '-')
      out += 'D';
    else
      out += c;
  }
  return out;
}

} // namespace

void add_function_versioning(Context &ctx, const std::string &id, const Json &resource,
                             const Json &props, const Json &fn_props, FunctionTarget &target) {
  if (!has(props, "AutoPublishAlias")) {
    if (has(props, "VersionDeletionPolicy"))
      throw InvalidResource{id, "'VersionDeletionPolicy' requires 'AutoPublishAlias'."};
    return;
  }
  Json alias = resolve_parameter_refs(props["AutoPublishAlias"], ctx.params);
  if (!alias.is_string())
    throw InvalidResource{id,
                          "'AutoPublishAlias' must be a string or a Ref to a template parameter"};
  std::string name = alias.get<std::string>();
  if (name.empty())
    throw InvalidResource{id, "Alias name is required to create an alias"};
  bool all_digits = true, valid = true;
  for (char c : name) {
    all_digits = all_digits && std::isdigit(static_cast<unsigned char>(c));
    valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
  }
  if (!valid || all_digits)
    throw InvalidResource{
        id, "AutoPublishAlias name ('" + name +
                "') must contain only alphanumeric characters, hyphens, or underscores matching "
                "(?!^[0-9]+$)([a-zA-Z0-9-_]+) pattern."};

  // Any stable digest of what the version publishes; the translator's own digest is derived
  // from Python object representations, which only its process can reproduce.
  Json hashed = Json::object();
  hashed["Code"] = fn_props["Code"];
  if (has(props, "AutoPublishCodeSha256"))
    hashed["CodeSha256"] = resolve_parameter_refs(props["AutoPublishCodeSha256"], ctx.params);
  if (get(props, "AutoPublishAliasAllProperties").is_boolean() &&
      props["AutoPublishAliasAllProperties"].get<bool>())
    hashed["Properties"] = fn_props;
  std::string version_id = id + "Version" + sha1_hex(python_json(hashed, true)).substr(0, 10);

  Json version_props = Json{{"FunctionName", make_ref(id)}};
  if (has(props, "VersionDescription"))
    version_props["Description"] = props["VersionDescription"];
  if (!get(props, "FunctionScalingConfig").is_null())
    version_props["FunctionScalingConfig"] = props["FunctionScalingConfig"];
  // The translator deletes replaced versions of functions on managed instances by default.
  const bool managed_instances = !get(props, "CapacityProviderConfig").is_null();
  Json version = Json{{"Type", "AWS::Lambda::Version"},
                      {"DeletionPolicy", managed_instances ? "Delete" : "Retain"},
                      {"Properties", version_props}};
  if (has(props, "VersionDeletionPolicy")) {
    const Json &p = props["VersionDeletionPolicy"];
    if (!p.is_string() || (p != "Delete" && p != "Retain"))
      throw InvalidResource{
          id,
          "Property 'VersionDeletionPolicy' should be a one of the strings: 'Delete' or 'Retain'."};
    version["DeletionPolicy"] = p;
  }
  Json attributes = target.attributes;
  if (attributes.contains("Condition"))
    version["Condition"] = attributes["Condition"];
  // The function's own DeletionPolicy decides for its versions unless VersionDeletionPolicy does.
  if (attributes.contains("DeletionPolicy") && !has(props, "VersionDeletionPolicy"))
    version["DeletionPolicy"] = attributes["DeletionPolicy"];
  ctx.add(version_id, version);

  std::string alias_id = id + "Alias" + alias_logical_suffix(name);
  Json alias_props = Json{{"Name", name},
                          {"FunctionName", make_ref(id)},
                          {"FunctionVersion", make_getatt(version_id, "Version")}};
  if (has(props, "ProvisionedConcurrencyConfig"))
    alias_props["ProvisionedConcurrencyConfig"] = props["ProvisionedConcurrencyConfig"];
  Json alias_resource = Json{{"Type", "AWS::Lambda::Alias"}, {"Properties", alias_props}};
  if (has(props, "DeploymentPreference"))
    add_deployment_preference(ctx, id, props["DeploymentPreference"], attributes, alias_resource);
  apply_passthrough(alias_resource, attributes);
  ctx.add(alias_id, alias_resource);
  // "Function.Alias" and "Function.Version" name the generated resources in Ref, GetAtt, Sub.
  ctx.renamed[id + ".Alias"] = alias_id;
  ctx.renamed[id + ".Version"] = version_id;
  target.ref = make_ref(alias_id);
  target.arn = make_ref(alias_id);
}

} // namespace cfnlocal::transforms::sam
