// AWS::Serverless::CapacityProvider: an AWS::Lambda::CapacityProvider (Lambda managed instances)
// with the operator role SAM creates when none is given.

#include "transforms/sam/context.h"

#include <set>

namespace cfnlocal::transforms::sam {

namespace {

/// The type checks of the translator's property model, all reported together ("Property 'X'
/// value must be dictionary or list." ...); intrinsics (dictionaries) pass every check.
struct Checks {
  std::vector<std::string> messages;
  void expect(const Json &parent, const char *key, const std::string &path, const char *kind) {
    if (!has(parent, key))
      return;
    const Json &v = parent[key];
    bool ok = v.is_object();
    std::string k = kind;
    if (k == "list")
      ok = ok || v.is_array();
    else if (k == "integer")
      ok = ok || v.is_number_integer();
    else if (k == "number")
      ok = ok || (v.is_number() && !v.is_boolean());
    if (!ok)
      messages.push_back("Property '" + path + "' value must be dictionary or " + k + ".");
  }
  void only(const Json &obj, const std::string &path, std::initializer_list<const char *> keys) {
    if (!obj.is_object())
      return;
    std::set<std::string> allowed(keys.begin(), keys.end());
    for (auto it = obj.begin(); it != obj.end(); ++it)
      if (!allowed.count(it.key()))
        messages.push_back("Property '" + path + "." + it.key() + "' is an invalid property.");
  }
};

} // namespace

void translate_capacity_provider(Context &ctx, const std::string &id, const Json &resource) {
  const Json &in = get(resource, "Properties");
  static const std::set<std::string> kProperties = {
      "CapacityProviderName", "VpcConfig",     "OperatorRole", "Tags", "PropagateTags",
      "InstanceRequirements", "ScalingConfig", "KmsKeyArn"};
  if (in.is_object())
    for (auto it = in.begin(); it != in.end(); ++it)
      if (!kProperties.count(it.key()))
        throw InvalidResource{id, "property " + it.key() +
                                      " not defined for resource of type "
                                      "AWS::Serverless::CapacityProvider"};
  const Json &vpc = get(in, "VpcConfig");
  if (vpc.is_null())
    throw InvalidResource{id, "Missing required property 'VpcConfig'."};
  if (!vpc.is_object())
    throw InvalidResource{id, "Property 'VpcConfig' should be a map."};
  if (!has(vpc, "SubnetIds"))
    throw InvalidResource{id, "Property 'VpcConfig.SubnetIds' is required."};
  const Json &tags = get(in, "Tags");
  if (has(in, "Tags") && !tags.is_object())
    throw InvalidResource{id, "Property 'Tags' should be a map."};
  const Json &requirements = get(in, "InstanceRequirements");
  const Json &scaling = get(in, "ScalingConfig");

  Checks checks;
  checks.expect(vpc, "SecurityGroupIds", "VpcConfig.SecurityGroupIds", "list");
  checks.expect(vpc, "SubnetIds", "VpcConfig.SubnetIds", "list");
  checks.only(vpc, "VpcConfig", {"SecurityGroupIds", "SubnetIds"});
  checks.expect(requirements, "Architectures", "InstanceRequirements.Architectures", "list");
  checks.expect(requirements, "AllowedTypes", "InstanceRequirements.AllowedTypes", "list");
  checks.expect(requirements, "ExcludedTypes", "InstanceRequirements.ExcludedTypes", "list");
  checks.only(requirements, "InstanceRequirements",
              {"Architectures", "AllowedTypes", "ExcludedTypes"});
  checks.expect(scaling, "MaxVCpuCount", "ScalingConfig.MaxVCpuCount", "integer");
  checks.expect(scaling, "AverageCPUUtilization", "ScalingConfig.AverageCPUUtilization", "number");
  checks.only(scaling, "ScalingConfig", {"MaxVCpuCount", "AverageCPUUtilization"});
  if (!checks.messages.empty()) {
    std::string text;
    for (auto &m : checks.messages)
      text += (text.empty() ? "" : " ") + m;
    throw InvalidResource{id, text};
  }
  if (has(requirements, "AllowedTypes") && has(requirements, "ExcludedTypes"))
    throw InvalidResource{id, "Cannot specify 'InstanceRequirements.AllowedTypes' and "
                              "'InstanceRequirements.ExcludedTypes' together."};

  const Json attributes = passthrough_attributes(resource);
  Json sam_tags = Json::array();
  if (tags.is_object())
    for (auto it = tags.begin(); it != tags.end(); ++it)
      sam_tags.push_back({{"Key", it.key()}, {"Value", it.value()}});
  sam_tags.push_back({{"Key", "lambda:createdBy"}, {"Value", "SAM"}});
  const bool propagate = get(in, "PropagateTags") == true;

  Json props = Json::object();
  if (has(in, "CapacityProviderName"))
    props["CapacityProviderName"] = in["CapacityProviderName"];
  Json vpc_out = Json::object();
  for (const char *k : {"SecurityGroupIds", "SubnetIds"})
    if (has(vpc, k))
      vpc_out[k] = vpc[k];
  props["VpcConfig"] = vpc_out;
  Json role_arn = get(in, "OperatorRole");
  if (role_arn.is_null()) {
    std::string role_id = id + "OperatorRole";
    Json role = {
        {"Type", "AWS::IAM::Role"},
        {"Properties",
         {{"AssumeRolePolicyDocument",
           {{"Version", "2012-10-17"},
            {"Statement",
             Json::array(
                 {{{"Action", Json::array({"sts:AssumeRole"})},
                   {"Effect", "Allow"},
                   {"Principal", {{"Service", Json::array({"lambda.amazonaws.com"})}}}}})}}},
          {"ManagedPolicyArns",
           Json::array(
               {"arn:" + ctx.partition + ":iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"})},
          {"Tags", propagate ? sam_tags
                             : Json::array({{{"Key", "lambda:createdBy"}, {"Value", "SAM"}}})}}}};
    apply_passthrough(role, attributes);
    ctx.add(role_id, std::move(role));
    role_arn = make_getatt(role_id, "Arn");
  }
  props["PermissionsConfig"] = {{"CapacityProviderOperatorRoleArn", role_arn}};
  props["Tags"] = sam_tags;
  if (requirements.is_object()) {
    Json r = Json::object();
    if (has(requirements, "Architectures"))
      r["Architectures"] = requirements["Architectures"];
    if (has(requirements, "AllowedTypes"))
      r["AllowedInstanceTypes"] = requirements["AllowedTypes"];
    if (has(requirements, "ExcludedTypes"))
      r["ExcludedInstanceTypes"] = requirements["ExcludedTypes"];
    props["InstanceRequirements"] = r;
  }
  if (scaling.is_object()) {
    Json s = Json::object();
    if (has(scaling, "MaxVCpuCount"))
      s["MaxVCpuCount"] = scaling["MaxVCpuCount"];
    // A target utilisation is a manual scaling policy; without one Lambda scales on its own.
    if (has(scaling, "AverageCPUUtilization")) {
      s["ScalingMode"] = "Manual";
      s["ScalingPolicies"] =
          Json::array({{{"PredefinedMetricType", "LambdaCapacityProviderAverageCPUUtilization"},
                        {"TargetValue", scaling["AverageCPUUtilization"]}}});
    } else {
      s["ScalingMode"] = "Auto";
    }
    props["CapacityProviderScalingConfig"] = s;
  }
  if (has(in, "KmsKeyArn"))
    props["KmsKeyArn"] = in["KmsKeyArn"];
  Json out = {{"Type", "AWS::Lambda::CapacityProvider"}, {"Properties", props}};
  apply_passthrough(out, attributes);
  ctx.add(id, std::move(out));
}

} // namespace cfnlocal::transforms::sam
