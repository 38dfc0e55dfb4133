#include "transforms/sam/function_parts.h"

#include <algorithm>
#include <set>

namespace cfnlocal::transforms::sam {

namespace {

void check_properties(const std::string &id, const Json &props, const std::set<std::string> &known,
                      const char *type) {
  for (auto it = props.begin(); it != props.end(); ++it)
    if (!known.count(it.key()))
      throw InvalidResource{id,
                            "property " + it.key() + " not defined for resource of type " + type};
}

} // namespace

void translate_simple_table(Context &ctx, const std::string &id, const Json &resource) {
  Json props = get(resource, "Properties").is_object() ? resource["Properties"] : Json::object();
  check_properties(id, props,
                   {"PrimaryKey", "ProvisionedThroughput", "TableName", "Tags", "SSESpecification",
                    "PointInTimeRecoverySpecification"},
                   "AWS::Serverless::SimpleTable");
  Json table = Json::object();
  Json key =
      has(props, "PrimaryKey") ? props["PrimaryKey"] : Json{{"Name", "id"}, {"Type", "String"}};
  if (key.is_object() && !key.contains("Name"))
    throw InvalidResource{id, "Property 'PrimaryKey.Name' is required."};
  if (key.is_object() && !key.contains("Type"))
    throw InvalidResource{id, "Property 'PrimaryKey.Type' is required."};
  if (!key.is_object())
    throw InvalidResource{id, "'PrimaryKey' is missing required Property 'Name' or 'Type'."};
  Json type = key["Type"];
  if (type.is_string()) {
    std::string t = type.get<std::string>();
    std::string lower = t;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (lower == "string")
      type = "S";
    else if (lower == "number")
      type = "N";
    else if (lower == "binary")
      type = "B";
    else
      throw InvalidResource{id, "Invalid 'Type' \"" + t + "\"."};
  }
  table["AttributeDefinitions"] =
      Json::array({Json{{"AttributeName", key["Name"]}, {"AttributeType", type}}});
  table["KeySchema"] = Json::array({Json{{"AttributeName", key["Name"]}, {"KeyType", "HASH"}}});
  if (has(props, "ProvisionedThroughput"))
    table["ProvisionedThroughput"] = props["ProvisionedThroughput"];
  else
    table["BillingMode"] = "PAY_PER_REQUEST";
  for (const char *k : {"TableName", "SSESpecification", "PointInTimeRecoverySpecification"})
    if (has(props, k))
      table[k] = props[k];
  if (has(props, "Tags")) {
    Json tags = sam_tags(id, props["Tags"], false);
    if (!tags.empty())
      table["Tags"] = tags;
  }
  Json r = Json{{"Type", "AWS::DynamoDB::Table"}, {"Properties", table}};
  for (const char *k : {"DependsOn", "Metadata"})
    if (has(resource, k))
      r[k] = resource[k];
  apply_passthrough(r, passthrough_attributes(resource));
  ctx.add(id, r);
}

void translate_layer_version(Context &ctx, const std::string &id, const Json &resource) {
  Json props = get(resource, "Properties").is_object() ? resource["Properties"] : Json::object();
  check_properties(id, props,
                   {"LayerName", "Description", "ContentUri", "CompatibleArchitectures",
                    "CompatibleRuntimes", "LicenseInfo", "RetentionPolicy", "PublishLambdaVersion"},
                   "AWS::Serverless::LayerVersion");
  if (!has(props, "ContentUri"))
    throw InvalidResource{id, "Missing required property 'ContentUri'."};
  // Parameter references are resolved in the layer's properties, except in the compatibility
  // lists and the content location, as the translator does.
  for (auto it = props.begin(); it != props.end(); ++it)
    if (it.key() != "CompatibleRuntimes" && it.key() != "CompatibleArchitectures" &&
        it.key() != "ContentUri")
      it.value() = resolve_parameter_refs(it.value(), ctx.params);
  if (has(props, "LicenseInfo") && !props["LicenseInfo"].is_string() &&
      !props["LicenseInfo"].is_object())
    throw InvalidResource{id, "Property 'LicenseInfo' should be a string."};
  for (const char *k : {"CompatibleRuntimes", "CompatibleArchitectures"})
    if (has(props, k) && !props[k].is_array() && !props[k].is_object())
      throw InvalidResource{id, std::string("Type of property '") + k + "' is invalid."};
  Json layer = Json::object();
  layer["Content"] =
      s3_location(id, "ContentUri", props["ContentUri"], "S3Bucket", "S3Key", "S3ObjectVersion");
  layer["LayerName"] = has(props, "LayerName") ? props["LayerName"] : Json(id);
  for (const char *k :
       {"Description", "CompatibleArchitectures", "CompatibleRuntimes", "LicenseInfo"})
    if (has(props, k))
      layer[k] = props[k];
  // RetentionPolicy decides, else the resource's own DeletionPolicy, else versions are kept.
  Json deletion = has(resource, "DeletionPolicy") ? resource["DeletionPolicy"] : Json("Retain");
  if (has(props, "RetentionPolicy")) {
    Json policy = props["RetentionPolicy"];
    if (is_intrinsic(policy) && !is_ref(policy))
      throw InvalidResource{id, "'RetentionPolicy' does not accept intrinsic functions, please use "
                                "one of the following options: ['Retain', 'Delete']"};
    if (!policy.is_string())
      throw InvalidResource{
          id, "Could not resolve parameter for 'RetentionPolicy' or parameter is not a String."};
    std::string p = policy.get<std::string>();
    std::transform(p.begin(), p.end(), p.begin(), [](unsigned char c) { return std::tolower(c); });
    if (p == "retain")
      deletion = "Retain";
    else if (p == "delete")
      deletion = "Delete";
    else
      throw InvalidResource{
          id, "'RetentionPolicy' must be one of the following options: ['Retain', 'Delete']."};
  }
  // A new layer version whenever its content changes: the logical ID carries a content digest.
  std::string new_id = id + sha1_hex(python_json(layer, true)).substr(0, 10);
  const Json &architectures = get(props, "CompatibleArchitectures");
  if (architectures.is_array())
    for (const auto &a : architectures)
      if (!a.is_object() && a != "x86_64" && a != "arm64")
        throw InvalidResource{new_id,
                              "CompatibleArchitectures needs to be a list of 'x86_64' or 'arm64'"};
  Json r = Json{
      {"Type", "AWS::Lambda::LayerVersion"}, {"DeletionPolicy", deletion}, {"Properties", layer}};
  for (const char *k : {"DependsOn", "Metadata", "Condition", "UpdateReplacePolicy"})
    if (has(resource, k))
      r[k] = resource[k];
  ctx.add(new_id, r);
  ctx.renamed[id] = new_id;
}

} // namespace cfnlocal::transforms::sam
