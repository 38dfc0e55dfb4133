#include "transforms/sam/events.h"
#include "transforms/sam/function_parts.h"

#include <set>

namespace cfnlocal::transforms::sam {

namespace {

const std::set<std::string> &function_properties() {
  static const std::set<std::string> names = {"Handler",
                                              "Runtime",
                                              "CodeUri",
                                              "ImageUri",
                                              "PackageType",
                                              "InlineCode",
                                              "DeadLetterQueue",
                                              "Description",
                                              "MemorySize",
                                              "Timeout",
                                              "VpcConfig",
                                              "Role",
                                              "AssumeRolePolicyDocument",
                                              "Policies",
                                              "RolePath",
                                              "PermissionsBoundary",
                                              "Environment",
                                              "Events",
                                              "Tags",
                                              "PropagateTags",
                                              "Tracing",
                                              "KmsKeyArn",
                                              "DeploymentPreference",
                                              "ReservedConcurrentExecutions",
                                              "Layers",
                                              "EventInvokeConfig",
                                              "EphemeralStorage",
                                              "AutoPublishAlias",
                                              "AutoPublishCodeSha256",
                                              "AutoPublishAliasAllProperties",
                                              "VersionDescription",
                                              "ProvisionedConcurrencyConfig",
                                              "FileSystemConfigs",
                                              "ImageConfig",
                                              "CodeSigningConfigArn",
                                              "Architectures",
                                              "SnapStart",
                                              "FunctionUrlConfig",
                                              "RuntimeManagementConfig",
                                              "LoggingConfig",
                                              "RecursiveLoop",
                                              "SourceKMSKeyArn",
                                              "FunctionName",
                                              "TenancyConfig",
                                              "DurableConfig",
                                              "CapacityProviderConfig",
                                              "FunctionScalingConfig",
                                              "PublishToLatestPublished",
                                              "VersionDeletionPolicy",
                                              "MetricsConfig"};
  return names;
}

/// Properties copied unchanged onto AWS::Lambda::Function.
const std::vector<const char *> &passthrough_properties() {
  static const std::vector<const char *> names = {"FunctionName",
                                                  "Handler",
                                                  "Runtime",
                                                  "Description",
                                                  "MemorySize",
                                                  "Timeout",
                                                  "VpcConfig",
                                                  "Environment",
                                                  "KmsKeyArn",
                                                  "ReservedConcurrentExecutions",
                                                  "Layers",
                                                  "FileSystemConfigs",
                                                  "ImageConfig",
                                                  "PackageType",
                                                  "CodeSigningConfigArn",
                                                  "Architectures",
                                                  "EphemeralStorage",
                                                  "SnapStart",
                                                  "RuntimeManagementConfig",
                                                  "LoggingConfig",
                                                  "RecursiveLoop",
                                                  "TenancyConfig",
                                                  "DurableConfig",
                                                  "PublishToLatestPublished",
                                                  "MetricsConfig"};
  return names;
}

/// PropagateTags: the function's tags (without SAM's own tag) replace the tags of the taggable
/// resources it generated, of the buckets its S3 events configure and of the shared CodeDeploy
/// resources its DeploymentPreference uses.
void propagate_tags(Context &ctx, const std::set<std::string> &existing, const Json &props,
                    const Json &tag_list) {
  static const std::set<std::string> taggable = {"AWS::Lambda::Function",
                                                 "AWS::IAM::Role",
                                                 "AWS::SQS::Queue",
                                                 "AWS::SNS::Topic",
                                                 "AWS::IoT::TopicRule",
                                                 "AWS::CodeDeploy::Application",
                                                 "AWS::CodeDeploy::DeploymentGroup",
                                                 "AWS::S3::Bucket"};
  std::set<std::string> targets;
  for (auto it = ctx.out.begin(); it != ctx.out.end(); ++it)
    if (!existing.count(it.key()))
      targets.insert(it.key());
  const Json &events = get(props, "Events");
  if (events.is_object())
    for (auto it = events.begin(); it != events.end(); ++it) {
      const Json &bucket = get(get(it.value(), "Properties"), "Bucket");
      if (get(it.value(), "Type") == "S3" && is_ref(bucket) && bucket["Ref"].is_string())
        targets.insert(bucket["Ref"].get<std::string>());
    }
  if (has(props, "DeploymentPreference"))
    targets.insert({"ServerlessDeploymentApplication", "CodeDeployServiceRole"});
  for (const auto &t : targets) {
    if (!ctx.out.contains(t))
      continue;
    Json &r = ctx.out[t];
    const Json &type = get(r, "Type");
    if (!type.is_string() || !taggable.count(type.get<std::string>()))
      continue;
    if (!r.contains("Properties") || !r["Properties"].is_object())
      r["Properties"] = Json::object();
    r["Properties"]["Tags"] = tag_list;
  }
}

} // namespace

Json s3_location(const std::string &resource_id, const std::string &property, const Json &uri,
                 const char *bucket_key, const char *key_key, const char *version_key) {
  Json out = Json::object();
  if (uri.is_string()) {
    const std::string &s = uri.get_ref<const std::string &>();
    std::string bad = "'" + property +
                      "' is not a valid S3 Uri of the form 's3://bucket/key' with optional "
                      "versionId query parameter.";
    if (s.rfind("s3://", 0) != 0)
      throw InvalidResource{resource_id, bad};
    std::string rest = s.substr(5);
    std::string query;
    if (auto q = rest.find('?'); q != std::string::npos) {
      query = rest.substr(q + 1);
      rest = rest.substr(0, q);
    }
    auto slash = rest.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 >= rest.size())
      throw InvalidResource{resource_id, bad};
    out[bucket_key] = rest.substr(0, slash);
    out[key_key] = rest.substr(slash + 1);
    if (!query.empty()) {
      const std::string prefix = "versionId=";
      size_t pos = 0;
      while (pos <= query.size()) {
        size_t amp = query.find('&', pos);
        std::string part =
            query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
        if (part.rfind(prefix, 0) == 0)
          out[version_key] = part.substr(prefix.size());
        if (amp == std::string::npos)
          break;
        pos = amp + 1;
      }
    }
    return out;
  }
  // An intrinsic is a mapping too: the translator resolves no parameter in S3 locations.
  if (uri.is_object()) {
    if (!uri.contains("Bucket") || !uri.contains("Key"))
      throw InvalidResource{
          resource_id, "'" + property + "' requires Bucket and Key properties to be specified."};
    out[bucket_key] = uri["Bucket"];
    out[key_key] = uri["Key"];
    if (uri.contains("Version"))
      out[version_key] = uri["Version"];
    return out;
  }
  throw InvalidResource{resource_id,
                        "'" + property +
                            "' is not a valid S3 Uri of the form 's3://bucket/key' with optional "
                            "versionId query parameter."};
}

Json sam_tags(const std::string &resource_id, const Json &tags, bool with_created_by) {
  Json out = Json::array();
  if (with_created_by)
    out.push_back(Json{{"Key", "lambda:createdBy"}, {"Value", "SAM"}});
  if (tags.is_object()) {
    for (auto it = tags.begin(); it != tags.end(); ++it) {
      if (with_created_by && it.key() == "lambda:createdBy")
        throw InvalidResource{
            resource_id, "lambda:createdBy is a reserved Tag key name and cannot be set on your "
                         "resource. Please change the tag key in the input."};
      out.push_back(Json{{"Key", it.key()}, {"Value", it.value()}});
    }
  }
  return out;
}

void translate_function(Context &ctx, const std::string &id, const Json &resource) {
  if (has(resource, "Condition") && !resource["Condition"].is_string())
    throw InvalidTemplate{"Every Condition member must be a string."};
  if (has(resource, "Properties") && !resource["Properties"].is_object())
    throw InvalidResource{id, "Attribute 'Properties' should be a map."};
  Json props = get(resource, "Properties").is_object() ? resource["Properties"] : Json::object();
  for (auto it = props.begin(); it != props.end(); ++it)
    if (!function_properties().count(it.key()))
      throw InvalidResource{id, "property " + it.key() +
                                    " not defined for resource of type AWS::Serverless::Function"};

  for (const char *name : {"CapacityProviderConfig", "FunctionScalingConfig"})
    if (!get(props, name).is_null() && !props[name].is_object())
      throw InvalidResource{id, std::string("Property '") + name + "' should be a map."};

  Json attributes = passthrough_attributes(resource);
  Json fn_props = Json::object();
  if (has(props, "Role") && !props["Role"].is_string() && !is_intrinsic(props["Role"]))
    throw InvalidResource{id, "Property 'Role' should be a string."};
  if (has(props, "Layers") && !props["Layers"].is_array())
    throw InvalidResource{id, "Type of property 'Layers' is invalid."};
  if (has(props, "AutoPublishCodeSha256") &&
      !resolve_parameter_refs(props["AutoPublishCodeSha256"], ctx.params).is_string())
    throw InvalidResource{id, "AutoPublishCodeSha256 must be a string"};
  if (has(props, "AutoPublishAliasAllProperties") &&
      !props["AutoPublishAliasAllProperties"].is_boolean())
    throw InvalidResource{id, "Type of property 'AutoPublishAliasAllProperties' is invalid."};
  if (has(props, "CapacityProviderConfig") && has(props, "ProvisionedConcurrencyConfig"))
    throw InvalidResource{
        id, "Cannot specify 'CapacityProviderConfig' and 'ProvisionedConcurrencyConfig' together."};
  if (has(props, "TenancyConfig")) {
    // Tenant isolation runs one environment per tenant: nothing may invoke or pre-warm the
    // function outside a tenant's request.
    if (has(props, "FunctionUrlConfig"))
      throw InvalidResource{
          id, "Function URL is not supported for functions enabled with tenancy configuration."};
    if (has(props, "ProvisionedConcurrencyConfig"))
      throw InvalidResource{id, "Provisioned concurrency is not supported for functions enabled "
                                "with tenancy configuration."};
    if (has(props, "SnapStart"))
      throw InvalidResource{
          id, "SnapStart is not supported for functions enabled with tenancy configuration."};
    const Json &events = get(props, "Events");
    if (events.is_object())
      for (auto it = events.begin(); it != events.end(); ++it) {
        const Json &type = get(it.value(), "Type");
        if (type.is_string() && type != "Api" && type != "HttpApi")
          throw InvalidResource{id, "Event source '" + type.get<std::string>() +
                                        "' is not supported for functions enabled with tenancy "
                                        "configuration. Only Api and HttpApi event sources are "
                                        "supported."};
      }
  }
  if (has(props, "ProvisionedConcurrencyConfig") && !has(props, "AutoPublishAlias"))
    throw InvalidResource{
        id, "To set ProvisionedConcurrencyConfig AutoPublishALias must be defined on the function"};
  // An empty alias name publishes nothing: the properties that need an alias see none.
  bool alias_given = has(props, "AutoPublishAlias") && props["AutoPublishAlias"] != "";
  if (has(props, "VersionDeletionPolicy")) {
    const Json &p = props["VersionDeletionPolicy"];
    if (!is_intrinsic(p) && !(p == "Delete" || p == "Retain"))
      throw InvalidResource{
          id,
          "Property 'VersionDeletionPolicy' should be a one of the strings: 'Delete' or 'Retain'."};
    if (!alias_given)
      throw InvalidResource{id, "'VersionDeletionPolicy' requires 'AutoPublishAlias'."};
  }
  if (has(props, "DeploymentPreference"))
    check_deployment_preference(id, props["DeploymentPreference"]);
  if (has(props, "DeploymentPreference") && !alias_given &&
      deployment_preference_enabled(ctx, props["DeploymentPreference"]))
    throw InvalidResource{
        id, "'DeploymentPreference' requires AutoPublishAlias property to be specified."};

  // The translator reads the events before the code: their errors come first.
  check_function_events(id, get(props, "Events"));

  // Code.
  std::string package_type =
      get(props, "PackageType").is_string() ? props["PackageType"].get<std::string>() : "Zip";
  bool has_inline = has(props, "InlineCode"), has_uri = has(props, "CodeUri"),
       has_image = has(props, "ImageUri");
  if (package_type == "Image" || (has_image && !has_inline && !has_uri)) {
    if (!has_image)
      throw InvalidResource{id, "'ImageUri' must be set."};
    if (has_inline || has_uri)
      throw InvalidResource{id, "CodeUri and InlineCode cannot be used together with ImageUri."};
    fn_props["Code"] = Json{{"ImageUri", props["ImageUri"]}};
  } else {
    if (!has(props, "Runtime") || !has(props, "Handler"))
      throw InvalidResource{
          id, "Runtime and Handler needs to be present when PackageType is of type `Zip`"};
    if (!has_inline && !has_uri)
      throw InvalidResource{id, "Only one of 'InlineCode' or 'CodeUri' can be set."};
    const Json &uri = get(props, "CodeUri");
    if (!has_inline && !uri.is_string() && !uri.is_object())
      throw InvalidResource{id, "'CodeUri' must be of type dict or string."};
    if (!has_inline && uri.is_string()) {
      const std::string &text = uri.get_ref<const std::string &>();
      if (text.find("{{resolve:") != std::string::npos)
        throw InvalidResource{id, "Unsupported dynamic reference detected in 'CodeUri'. Please "
                                  "consider using alternative 'FunctionCode' object format."};
      // Brackets are not valid in a URL's host: the translator's URL parser rejects them.
      if (text.find_first_of("[]") != std::string::npos)
        throw InvalidResource{id, "'CodeUri' is not a valid S3 Uri of the form 's3://bucket/key' "
                                  "with optional versionId query parameter."};
    }
    if (has_inline) // InlineCode wins over a CodeUri given too (as `sam build` templates have)
      fn_props["Code"] = Json{{"ZipFile", props["InlineCode"]}};
    else
      fn_props["Code"] =
          s3_location(id, "CodeUri", props["CodeUri"], "S3Bucket", "S3Key", "S3ObjectVersion");
  }

  if (has(props, "FunctionScalingConfig") && get(props, "CapacityProviderConfig").is_null())
    throw InvalidResource{id, "'FunctionScalingConfig' requires 'CapacityProviderConfig'."};
  for (const char *name : passthrough_properties())
    if (has(props, name))
      fn_props[name] = props[name];
  // Empty mappings configure nothing: the translator leaves them out.
  if (const Json &c = get(props, "CapacityProviderConfig"); c.is_object() && !c.empty())
    fn_props["CapacityProviderConfig"] = lambda_capacity_provider_config(id, c);
  if (const Json &s = get(props, "FunctionScalingConfig"); !s.is_null() && s != Json::object())
    fn_props["FunctionScalingConfig"] = s;
  // AutoPublishCodeSha256 goes into the description, so that a new hash changes the function and
  // publishes a new version.
  if (alias_given && has(props, "AutoPublishCodeSha256")) {
    Json sha = resolve_parameter_refs(props["AutoPublishCodeSha256"], ctx.params);
    const Json &description = get(fn_props, "Description");
    if (description.is_null())
      fn_props["Description"] = sha;
    else if (description.is_string())
      fn_props["Description"] = description.get<std::string>() + " " + sha.get<std::string>();
    else
      fn_props["Description"] =
          Json{{"Fn::Join", Json::array({" ", Json::array({description, sha})})}};
  }
  // Tracing "Disabled" (also through a parameter) or empty leaves tracing off entirely.
  bool tracing = false;
  if (has(props, "Tracing")) {
    Json resolved = resolve_parameter_refs(props["Tracing"], ctx.params);
    tracing = !(resolved.is_null() || resolved == "" || resolved == "Disabled");
    if (tracing)
      fn_props["TracingConfig"] =
          Json{{"Mode", is_ref(props["Tracing"]) ? props["Tracing"] : resolved}};
  }
  if (has(props, "DeadLetterQueue")) {
    const Json &dlq = props["DeadLetterQueue"];
    if (!dlq.is_object() || !dlq.contains("Type") || !dlq.contains("TargetArn"))
      throw InvalidResource{
          id, "'DeadLetterQueue' requires Type and TargetArn properties to be specified."};
    if (!dlq["Type"].is_string())
      throw InvalidResource{id, "Property 'DeadLetterQueue.Type' should be a string."};
    fn_props["DeadLetterConfig"] = Json{{"TargetArn", dlq["TargetArn"]}};
  }
  if (has(props, "SourceKMSKeyArn")) {
    fn_props["Code"]["SourceKMSKeyArn"] = props["SourceKMSKeyArn"];
  }

  bool propagate = get(props, "PropagateTags").is_boolean() && props["PropagateTags"].get<bool>();
  const Json &tags = get(props, "Tags");
  fn_props["Tags"] = sam_tags(id, tags, true);

  // Role.
  RoleSpec role;
  bool generate_role = !has(props, "Role");
  // Role: !If [C, Arn, AWS::NoValue] (or the reverse): SAM's role exists in the other branch.
  Json role_condition, conditional_role;
  if (const Json &r = get(props, "Role"); is_intrinsic(r) && r.contains("Fn::If")) {
    const Json &args = r["Fn::If"];
    if (!args.is_array() || args.size() != 3)
      throw InvalidResource{id, "Malformed 'Role' property: Fn::If requires 3 arguments."};
    auto no_value = [](const Json &v) { return is_ref(v) && v["Ref"] == "AWS::NoValue"; };
    bool yes = no_value(args[1]), no = no_value(args[2]);
    if (yes != no && args[0].is_string()) {
      generate_role = true;
      std::string condition = args[0].get<std::string>();
      if (no) {
        std::string negated = "NOT" + condition;
        Json &conditions = ctx.tmpl["Conditions"];
        if (!conditions.is_object())
          conditions = Json::object();
        conditions[negated] = Json{{"Fn::Not", Json::array({Json{{"Condition", condition}}})}};
        condition = negated;
      }
      role_condition = condition;
      conditional_role = r;
      conditional_role["Fn::If"][yes ? 1 : 2] = make_getatt(id + "Role", "Arn");
    }
  }
  if (generate_role) {
    role.logical_id = id + "Role";
    role.assume_role_policy = has(props, "AssumeRolePolicyDocument")
                                  ? props["AssumeRolePolicyDocument"]
                                  : assume_role_policy_for("lambda.amazonaws.com");
    role.add_managed(aws_policy_arn(
        ctx, has(props, "DurableConfig") ? "service-role/AWSLambdaBasicDurableExecutionRolePolicy"
                                         : "service-role/AWSLambdaBasicExecutionRole"));
    if (tracing)
      role.add_managed(ctx.partition == "aws" ? aws_policy_arn(ctx, "AWSXrayWriteOnlyAccess")
                                              : aws_policy_arn(ctx, "AWSXRayDaemonWriteAccess"));
    if (has(props, "VpcConfig"))
      role.add_managed(aws_policy_arn(ctx, "service-role/AWSLambdaVPCAccessExecutionRole"));
    add_sam_policies(ctx, id, get(props, "Policies"), role);
    if (has(props, "DeadLetterQueue")) {
      const Json &dlq = props["DeadLetterQueue"];
      std::string type = dlq["Type"].is_string() ? dlq["Type"].get<std::string>() : "";
      const char *action = type == "SNS"   ? "sns:Publish"
                           : type == "SQS" ? "sqs:SendMessage"
                                           : nullptr;
      if (!action)
        throw InvalidResource{id, "'DeadLetterQueue' requires Type of SNS or SQS"};
      role.policies.push_back(
          Json{{"PolicyName", "DeadLetterQueuePolicy"},
               {"PolicyDocument",
                Json{{"Version", "2012-10-17"},
                     {"Statement", Json::array({Json{{"Action", action},
                                                     {"Effect", "Allow"},
                                                     {"Resource", dlq["TargetArn"]}}})}}}});
    }
    role.tags = sam_tags(id, tags, true);
    if (has(props, "RolePath"))
      role.path = props["RolePath"];
    if (has(props, "PermissionsBoundary"))
      role.permissions_boundary = props["PermissionsBoundary"];
    role.attributes = attributes;
    if (role_condition.is_string())
      role.attributes["Condition"] = role_condition;
    fn_props["Role"] =
        conditional_role.is_null() ? make_getatt(role.logical_id, "Arn") : conditional_role;
  } else {
    fn_props["Role"] = props["Role"];
  }

  Json fn = Json{{"Type", "AWS::Lambda::Function"}, {"Properties", fn_props}};
  for (const char *k : {"DependsOn", "Metadata"})
    if (has(resource, k))
      fn[k] = resource[k];
  apply_passthrough(fn, attributes);
  std::set<std::string> existing;
  for (auto it = ctx.out.begin(); it != ctx.out.end(); ++it)
    existing.insert(it.key());
  ctx.add(id, fn);

  FunctionTarget target;
  target.id = id;
  target.ref = make_ref(id);
  target.arn = make_getatt(id, "Arn");
  target.attributes = attributes;
  target.resource = resource;
  target.role = generate_role ? &role : nullptr;
  target.tags = propagate ? tags : Json();

  add_function_versioning(ctx, id, resource, props, fn_props, target);
  if (has(props, "Events") && !props["Events"].is_null())
    translate_function_events(ctx, target, props["Events"]);
  add_function_extras(ctx, id, resource, props, target);

  if (generate_role)
    add_generated(ctx, id, role.logical_id, build_role(role));
  if (propagate && tags.is_object() && !tags.empty())
    propagate_tags(ctx, existing, props, sam_tags(id, tags, false));
}

} // namespace cfnlocal::transforms::sam
