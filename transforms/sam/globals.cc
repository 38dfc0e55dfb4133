#include "transforms/sam/context.h"

#include <map>
#include <vector>

namespace cfnlocal::transforms::sam {

namespace {

struct GlobalsType {
  const char *section;
  const char *resource_type;
  std::vector<std::string> properties;
};

const std::vector<GlobalsType> &globals_types() {
  static const std::vector<GlobalsType> types = {
      {"Api",
       "AWS::Serverless::Api",
       {"Auth",
        "Name",
        "DefinitionUri",
        "CacheClusterEnabled",
        "CacheClusterSize",
        "MergeDefinitions",
        "Variables",
        "EndpointConfiguration",
        "MethodSettings",
        "BinaryMediaTypes",
        "MinimumCompressionSize",
        "Cors",
        "GatewayResponses",
        "AccessLogSetting",
        "CanarySetting",
        "TracingEnabled",
        "OpenApiVersion",
        "Domain",
        "AlwaysDeploy",
        "PropagateTags",
        "SecurityPolicy",
        "EndpointAccessMode"}},
      {"CapacityProvider",
       "AWS::Serverless::CapacityProvider",
       {"VpcConfig", "OperatorRole", "Tags", "InstanceRequirements", "ScalingConfig", "KmsKeyArn",
        "PropagateTags"}},
      {"Function",
       "AWS::Serverless::Function",
       {"Handler",
        "Runtime",
        "CodeUri",
        "DeadLetterQueue",
        "Description",
        "MemorySize",
        "Timeout",
        "VpcConfig",
        "Environment",
        "Tags",
        "PropagateTags",
        "Tracing",
        "KmsKeyArn",
        "AutoPublishAlias",
        "AutoPublishAliasAllProperties",
        "Layers",
        "DeploymentPreference",
        "RolePath",
        "PermissionsBoundary",
        "ReservedConcurrentExecutions",
        "ProvisionedConcurrencyConfig",
        "AssumeRolePolicyDocument",
        "EventInvokeConfig",
        "FileSystemConfigs",
        "CodeSigningConfigArn",
        "Architectures",
        "SnapStart",
        "EphemeralStorage",
        "FunctionUrlConfig",
        "RuntimeManagementConfig",
        "LoggingConfig",
        "RecursiveLoop",
        "SourceKMSKeyArn",
        "TenancyConfig",
        "DurableConfig",
        "CapacityProviderConfig",
        "FunctionScalingConfig",
        "PublishToLatestPublished",
        "VersionDeletionPolicy"}},
      {"HttpApi",
       "AWS::Serverless::HttpApi",
       {"Auth", "AccessLogSettings", "StageVariables", "Tags", "CorsConfiguration",
        "DefaultRouteSettings", "Domain", "RouteSettings", "FailOnWarnings", "PropagateTags"}},
      {"LayerVersion", "AWS::Serverless::LayerVersion", {"PublishLambdaVersion"}},
      {"SimpleTable", "AWS::Serverless::SimpleTable", {"SSESpecification"}},
      {"StateMachine", "AWS::Serverless::StateMachine", {"PropagateTags"}},
      {"WebSocketApi",
       "AWS::Serverless::WebSocketApi",
       {"AccessLogSettings", "ApiKeySelectionExpression", "DefaultRouteSettings",
        "DisableExecuteApiEndpoint", "DisableSchemaValidation", "Domain", "FailOnWarnings",
        "IpAddressType", "PropagateTags", "RouteSelectionExpression", "RouteSettings",
        "StageVariables", "Tags"}},
  };
  return types;
}

std::string python_list(const std::vector<std::string> &items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i)
    out += (i ? ", '" : "'") + items[i] + "'";
  return out + "]";
}

[[noreturn]] void globals_error(const std::string &message) {
  throw InvalidDocumentCause{"'Globals' section is invalid. " + message};
}

enum class Token { Primitive, Dict, List };

Token token_of(const Json &v) {
  if (v.is_object() && !is_intrinsic(v))
    return Token::Dict;
  if (v.is_array())
    return Token::List;
  return Token::Primitive;
}

Json merge(const Json &global, const Json &local);

Json merge_dict(const Json &global, const Json &local) {
  Json out = global;
  for (auto it = local.begin(); it != local.end(); ++it) {
    auto g = global.find(it.key());
    out[it.key()] = g != global.end() ? merge(*g, it.value()) : it.value();
  }
  return out;
}

Json merge(const Json &global, const Json &local) {
  Token tg = token_of(global), tl = token_of(local);
  if (tg != tl || tg == Token::Primitive)
    return local;
  if (tg == Token::Dict)
    return merge_dict(global, local);
  Json out = global;
  for (const auto &x : local)
    out.push_back(x);
  return out;
}

} // namespace

void apply_globals(Context &ctx) {
  if (!ctx.tmpl.contains("Globals"))
    return;
  const Json globals = ctx.tmpl["Globals"];
  if (!globals.is_object() || globals.empty())
    globals_error("It must be a non-empty dictionary");
  std::vector<std::string> sections;
  for (const auto &t : globals_types())
    sections.push_back(t.section);
  std::map<std::string, const Json *> by_type;
  for (auto it = globals.begin(); it != globals.end(); ++it) {
    const GlobalsType *type = nullptr;
    for (const auto &t : globals_types())
      if (it.key() == t.section)
        type = &t;
    if (!type)
      globals_error("'" + it.key() + "' is not supported. Must be one of the following values - " +
                    python_list(sections));
    if (!it->is_object())
      globals_error("Value of ${section} must be a dictionary");
    for (auto p = it->begin(); p != it->end(); ++p) {
      bool ok = false;
      for (const auto &name : type->properties)
        ok = ok || name == p.key();
      if (!ok)
        globals_error("'" + p.key() + "' is not a supported property of '" + it.key() +
                      "'. Must be one of the following values - " + python_list(type->properties));
    }
    by_type[type->resource_type] = &*it;
  }

  Json &resources = ctx.resources();
  for (auto it = resources.begin(); it != resources.end(); ++it) {
    Json &resource = it.value();
    if (!resource.is_object())
      continue;
    const Json &type = get(resource, "Type");
    if (!type.is_string())
      continue;
    auto g = by_type.find(type.get<std::string>());
    if (g == by_type.end())
      continue;
    Json global = *g->second;
    // IgnoreGlobals: "*" or a list of global property names this resource opts out of.
    if (resource.contains("IgnoreGlobals")) {
      const Json &ignore = resource["IgnoreGlobals"];
      if (ignore.is_string() && ignore.get<std::string>() == "*") {
        continue;
      } else if (ignore.is_array()) {
        for (const auto &name : ignore) {
          std::string n = name.is_string() ? name.get<std::string>() : python_repr(name);
          if (!name.is_string() || !global.contains(n))
            throw InvalidResource{it.key(),
                                  "Resource " + it.key() +
                                      " has invalid resource attribute 'IgnoreGlobals' on item '" +
                                      n + "'."};
          global.erase(n);
        }
      } else {
        throw InvalidResource{
            it.key(),
            "Resource " + it.key() + " has invalid resource attribute 'IgnoreGlobals' on item '" +
                (ignore.is_string() ? ignore.get<std::string>() : python_repr(ignore)) + "'."};
      }
    }
    if (!resource.contains("Properties") || resource["Properties"].is_null())
      resource["Properties"] = Json::object();
    if (!resource["Properties"].is_object())
      continue;
    resource["Properties"] = merge_dict(global, resource["Properties"]);
  }
}

} // namespace cfnlocal::transforms::sam
