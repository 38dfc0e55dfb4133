// AWS::Serverless::WebSocketApi: an AWS::ApiGatewayV2::Api with ProtocolType WEBSOCKET, one route,
// Lambda proxy integration and invoke permission per entry of Routes, an optional Lambda REQUEST
// authorizer on the $connect route, the stage, and the custom domain.

#include "transforms/sam/api_v2_domain.h"

#include <cctype>
#include <set>

namespace cfnlocal::transforms::sam {

namespace {

const std::set<std::string> &websocket_api_properties() {
  static const std::set<std::string> names = {"AccessLogSettings",
                                              "ApiKeySelectionExpression",
                                              "Auth",
                                              "DefaultRouteSettings",
                                              "Description",
                                              "DisableExecuteApiEndpoint",
                                              "DisableSchemaValidation",
                                              "Domain",
                                              "FailOnWarnings",
                                              "IpAddressType",
                                              "Name",
                                              "PropagateTags",
                                              "RouteSelectionExpression",
                                              "RouteSettings",
                                              "Routes",
                                              "StageName",
                                              "StageVariables",
                                              "Tags"};
  return names;
}

/// Checks the property shapes the SAM specification declares (intrinsics accepted where a value
/// may be resolved at deploy time).
void validate_shapes(const std::string &id, const Json &props) {
  for (auto it = props.begin(); it != props.end(); ++it)
    if (!websocket_api_properties().count(it.key()))
      throw InvalidResource{id, "property " + it.key() +
                                    " not defined for resource of type "
                                    "AWS::Serverless::WebSocketApi"};
  for (const char *k : {"Routes", "RouteSelectionExpression"})
    if (!has(props, k) || props[k].is_null())
      throw InvalidResource{id, std::string("Missing required property '") + k + "'."};
  for (const char *k : {"AccessLogSettings", "Auth", "DefaultRouteSettings", "Domain",
                        "RouteSettings", "Routes", "StageVariables", "Tags"}) {
    const Json &v = get(props, k);
    if (!v.is_null() && !v.is_object())
      throw InvalidResource{id, std::string("Property '") + k + "' should be a map."};
  }
  for (const char *k : {"RouteSelectionExpression", "ApiKeySelectionExpression", "Description",
                        "IpAddressType", "Name"}) {
    const Json &v = get(props, k);
    if (!v.is_null() && !v.is_string() && !is_intrinsic(v))
      throw InvalidResource{id, std::string("Property '") + k + "' should be a string."};
  }
  const Json &stage = get(props, "StageName");
  if (!stage.is_null() && !stage.is_string() && !is_intrinsic(stage))
    throw InvalidResource{id, "Type of property 'StageName' is invalid."};
  for (const char *k : {"PropagateTags", "DisableExecuteApiEndpoint", "DisableSchemaValidation",
                        "FailOnWarnings"}) {
    const Json &v = get(props, k);
    if (!v.is_null() && !v.is_boolean() && !is_intrinsic(v))
      throw InvalidResource{id, std::string("Type of property '") + k + "' is invalid."};
  }
}

/// "$connect" -> "Connect", "sendMessage" -> "Sendmessage" (Python's str.capitalize()).
std::string route_name(const std::string &key) {
  std::string s = !key.empty() && key[0] == '$' ? key.substr(1) : key;
  for (size_t i = 0; i < s.size(); ++i)
    s[i] = static_cast<char>(i == 0 ? std::toupper(static_cast<unsigned char>(s[i]))
                                    : std::tolower(static_cast<unsigned char>(s[i])));
  return s;
}

bool valid_route_key(const std::string &key) {
  if (key == "$connect" || key == "$disconnect" || key == "$default")
    return true;
  return is_alnum_id(key);
}

std::string upper(std::string s) {
  for (auto &c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

/// Validates Auth; returns the upper-cased AuthType ("" when Auth sets none).
std::string auth_type_of(const std::string &id, const Json &auth) {
  if (!auth.is_object() || auth.empty())
    return "";
  const Json &type = get(auth, "AuthType");
  if (type.is_null())
    throw InvalidResource{id, "AuthType must be specified for additional auth configurations."};
  std::string t = type.is_string() ? upper(type.get<std::string>()) : "";
  if (t != "AWS_IAM" && t != "CUSTOM" && t != "NONE")
    throw InvalidResource{id, "AuthType is not one of AWS_IAM, CUSTOM or NONE."};
  if ((t == "AWS_IAM" || t == "NONE") && auth.size() > 1)
    throw InvalidResource{id, "No additional configurations supported for AuthType " + t + "."};
  if (t == "CUSTOM" && !has(auth, "AuthArn"))
    throw InvalidResource{id, "AuthArn must be specified if AuthType is CUSTOM."};
  return t;
}

Json lambda_invoke_permission(const Json &function, const Json &source_arn) {
  return Json{{"Type", "AWS::Lambda::Permission"},
              {"Properties", Json{{"Action", "lambda:InvokeFunction"},
                                  {"FunctionName", function},
                                  {"Principal", "apigateway.amazonaws.com"},
                                  {"SourceArn", source_arn}}}};
}

Json lambda_uri(const char *variable, const Json &arn) {
  return make_sub(std::string("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/"
                              "2015-03-31/functions/${") +
                      variable + "}/invocations",
                  Json{{variable, arn}});
}

} // namespace

void translate_websocket_api(Context &ctx, const std::string &id, const Json &resource) {
  const Json props =
      get(resource, "Properties").is_object() ? resource["Properties"] : Json::object();
  validate_shapes(id, props);
  const Json &routes = props["Routes"];
  const Json &tags = get(props, "Tags");
  bool propagate = get(props, "PropagateTags") == true;

  const Json &ip = get(props, "IpAddressType");
  if (!ip.is_null() && ip != "ipv4" && ip != "dualstack")
    throw InvalidResource{id, "IpAddressType must be 'ipv4' or 'dualstack'."};
  const Json stage_name = has(props, "StageName") ? props["StageName"] : Json("default");
  if (stage_name == "$default")
    throw InvalidResource{id, "Stages cannot be named $default for WebSocket APIs."};
  if (routes.empty())
    throw InvalidResource{id, "WebSocket API must have at least one route."};
  const Json &auth = get(props, "Auth");
  std::string auth_type = auth_type_of(id, auth);
  if (!auth_type.empty() && !routes.contains("$connect"))
    throw InvalidResource{id, "Authorization is only available if there is a $connect route."};

  std::string stage_id;
  if (!has(props, "StageName"))
    stage_id = id + "DefaultStage";
  else if (stage_name.is_string())
    stage_id = id + stage_name.get<std::string>() + "Stage";
  else
    stage_id = id + "Stage";
  if (!is_alnum_id(stage_id))
    throw InvalidResource{stage_id, "Logical ids must be alphanumeric."};

  Json created_by = Json{{"websocketapi:createdBy", "SAM"}};
  Json api = Json::object();
  api["Name"] = has(props, "Name") ? props["Name"] : Json(id);
  api["ProtocolType"] = "WEBSOCKET";
  api["RouteSelectionExpression"] = props["RouteSelectionExpression"];
  for (const char *k : {"Description", "ApiKeySelectionExpression", "DisableExecuteApiEndpoint",
                        "DisableSchemaValidation", "IpAddressType"})
    if (has(props, k))
      api[k] = props[k];
  Json api_tags = tags.is_object() ? tags : Json::object();
  api_tags.update(created_by);
  api["Tags"] = api_tags;

  // Routes, their integrations and permissions (checked before anything is added).
  std::vector<std::pair<std::string, Json>> generated;
  Json route_ids = Json::array();
  for (auto it = routes.begin(); it != routes.end(); ++it) {
    const std::string &key = it.key();
    if (!valid_route_key(key))
      throw InvalidResource{id, "Route key '" + key +
                                    "' must be alphanumeric. Only $connect, $disconnect, and "
                                    "$default special routes are supported."};
    const Json &spec = *it;
    if (!spec.is_object())
      throw InvalidResource{id, "Property 'Routes." + key + "' should be a map."};
    if (!has(spec, "FunctionArn"))
      throw InvalidResource{id, "Route must have associated function."};
    if (has(spec, "RequestParameters") && key != "$connect")
      throw InvalidResource{id, "Request parameters are only supported for the $connect route "
                                "in WebSocket APIs."};
    std::string base = id + route_name(key);
    Json integration = Json{{"ApiId", make_ref(id)},
                            {"IntegrationType", "AWS_PROXY"},
                            {"IntegrationUri", lambda_uri("FunctionArn", spec["FunctionArn"])}};
    if (has(spec, "IntegrationTimeout"))
      integration["TimeoutInMillis"] = spec["IntegrationTimeout"];
    Json route = Json{
        {"ApiId", make_ref(id)},
        {"RouteKey", key},
        {"Target",
         Json{{"Fn::Join", Json::array({"/", Json::array({"integrations",
                                                          make_ref(base + "Integration")})})}}}};
    for (const char *k : {"ApiKeyRequired", "ModelSelectionExpression", "OperationName",
                          "RequestModels", "RequestParameters", "RouteResponseSelectionExpression"})
      if (has(spec, k))
        route[k] = spec[k];
    if (key == "$connect" && !auth_type.empty()) {
      route["AuthorizationType"] = auth_type;
      if (auth_type == "CUSTOM")
        route["AuthorizerId"] = make_ref(base + "Authorizer");
    }
    std::string arn_prefix =
        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${" + id + ".ApiId}/";
    Json source_arn =
        stage_name.is_string()
            ? make_sub(arn_prefix + stage_name.get<std::string>() + "/" + key)
            : make_sub(arn_prefix + "${__StageName__}/" + key, Json{{"__StageName__", stage_name}});
    generated.emplace_back(base + "Route",
                           Json{{"Type", "AWS::ApiGatewayV2::Route"}, {"Properties", route}});
    generated.emplace_back(base + "Integration", Json{{"Type", "AWS::ApiGatewayV2::Integration"},
                                                      {"Properties", integration}});
    generated.emplace_back(base + "Permission",
                           lambda_invoke_permission(spec["FunctionArn"], source_arn));
    route_ids.push_back(base + "Route");
  }

  Json stage = Json{{"ApiId", make_ref(id)}, {"StageName", stage_name}};
  Json stage_tags = propagate && tags.is_object() ? tags : Json::object();
  stage_tags.update(created_by);
  stage["Tags"] = stage_tags;
  stage["AutoDeploy"] = true;
  for (const char *k :
       {"AccessLogSettings", "DefaultRouteSettings", "RouteSettings", "StageVariables"})
    if (has(props, k))
      stage[k] = props[k];
  Json stage_resource = Json{{"Type", "AWS::ApiGatewayV2::Stage"}, {"Properties", stage}};
  // Route settings name routes, which must exist before the stage refers to them.
  if (has(props, "RouteSettings"))
    stage_resource["DependsOn"] = route_ids;

  ctx.add(id, Json{{"Type", "AWS::ApiGatewayV2::Api"}, {"Properties", api}});
  for (auto &[rid, r] : generated)
    ctx.add(rid, r);
  if (has(props, "Domain"))
    add_api_v2_domain(ctx, ApiV2Kind::WebSocket, id, props["Domain"], stage_id,
                      propagate ? tags : Json());
  ctx.add(stage_id, stage_resource);

  if (auth_type == "CUSTOM") {
    std::string auth_id = id + "ConnectAuthorizer";
    Json authorizer = Json{{"ApiId", make_ref(id)},
                           {"AuthorizerType", "REQUEST"},
                           {"AuthorizerUri", lambda_uri("AuthArn", auth["AuthArn"])},
                           {"Name", has(auth, "Name") ? auth["Name"] : Json(auth_id)}};
    if (has(auth, "IdentitySource"))
      authorizer["IdentitySource"] = auth["IdentitySource"];
    if (has(auth, "InvokeRole"))
      authorizer["AuthorizerCredentialsArn"] = auth["InvokeRole"];
    ctx.add(auth_id, Json{{"Type", "AWS::ApiGatewayV2::Authorizer"}, {"Properties", authorizer}});
    // Without an invoke role, API Gateway calls the authorizer under a resource policy.
    if (!has(auth, "InvokeRole"))
      ctx.add(id + "AuthorizerPermission",
              lambda_invoke_permission(
                  auth["AuthArn"],
                  make_sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${"
                           "__ApiId__}/authorizers/*",
                           Json{{"__ApiId__", make_ref(id)}})));
  }
}

} // namespace cfnlocal::transforms::sam
