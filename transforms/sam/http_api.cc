#include "transforms/sam/api.h"
#include "transforms/sam/api_v2_domain.h"
#include "transforms/sam/function_parts.h"

#include <algorithm>
#include <set>

namespace cfnlocal::transforms::sam {

namespace {

const std::set<std::string> &http_api_properties() {
  static const std::set<std::string> names = {"StageName",
                                              "Tags",
                                              "AccessLogSettings",
                                              "DefaultRouteSettings",
                                              "RouteSettings",
                                              "StageVariables",
                                              "CorsConfiguration",
                                              "Auth",
                                              "DefinitionBody",
                                              "DefinitionUri",
                                              "Description",
                                              "Domain",
                                              "FailOnWarnings",
                                              "DisableExecuteApiEndpoint",
                                              "Name",
                                              "PropagateTags",
                                              "__MANAGE_SWAGGER"};
  return names;
}

Json http_cors(const std::string &id, const Json &cors) {
  if (cors.is_boolean())
    return cors.get<bool>() ? Json{{"allowOrigins", Json::array({"*"})}} : Json();
  if (!cors.is_object())
    throw InvalidResource{id, "Invalid value for 'CorsConfiguration' property."};
  Json out = Json::object();
  static const std::vector<std::pair<const char *, const char *>> keys = {
      {"AllowOrigins", "allowOrigins"},
      {"AllowHeaders", "allowHeaders"},
      {"AllowMethods", "allowMethods"},
      {"ExposeHeaders", "exposeHeaders"},
      {"MaxAge", "maxAge"},
      {"AllowCredentials", "allowCredentials"}};
  for (auto &[from, to] : keys)
    if (cors.contains(from))
      out[to] = cors[from];
  return out;
}

Json http_authorizer(const Context &ctx, const std::string &api_id, const std::string &name,
                     const Json &auth) {
  if (!auth.is_object())
    throw InvalidResource{api_id, "Authorizer " + name + " must be a dictionary."};
  if (has(auth, "JwtConfiguration") || has(auth, "IdentitySource") && !has(auth, "FunctionArn")) {
    Json scheme = Json{{"type", "oauth2"}};
    Json authorizer = Json{{"type", "jwt"}};
    if (has(auth, "JwtConfiguration")) {
      const Json &jwt = auth["JwtConfiguration"];
      Json cfg = Json::object();
      if (jwt.is_object()) {
        if (jwt.contains("issuer"))
          cfg["issuer"] = jwt["issuer"];
        if (jwt.contains("audience"))
          cfg["audience"] = jwt["audience"];
      }
      authorizer["jwtConfiguration"] = cfg;
    }
    if (has(auth, "IdentitySource"))
      authorizer["identitySource"] = auth["IdentitySource"];
    scheme["x-amazon-apigateway-authorizer"] = authorizer;
    return scheme;
  }
  if (!has(auth, "FunctionArn"))
    throw InvalidResource{api_id, name + " Lambda Authorizer must define 'FunctionArn'."};
  Json authorizer = Json{{"type", "request"}};
  authorizer["authorizerUri"] =
      make_sub(literal_arn_prefix(ctx) + ":apigateway:${AWS::Region}:lambda:path/2015-03-31/"
                                         "functions/${__FunctionArn__}/invocations",
               Json{{"__FunctionArn__", auth["FunctionArn"]}});
  if (has(auth, "FunctionInvokeRole"))
    authorizer["authorizerCredentials"] = auth["FunctionInvokeRole"];
  if (has(auth, "AuthorizerPayloadFormatVersion"))
    authorizer["authorizerPayloadFormatVersion"] = auth["AuthorizerPayloadFormatVersion"];
  else
    throw InvalidResource{
        api_id, name + " Lambda Authorizer must define 'AuthorizerPayloadFormatVersion'."};
  if (has(auth, "EnableSimpleResponses"))
    authorizer["enableSimpleResponses"] = auth["EnableSimpleResponses"];
  const Json &identity = get(auth, "Identity");
  if (identity.is_object()) {
    if (has(identity, "ReauthorizeEvery"))
      authorizer["authorizerResultTtlInSeconds"] = identity["ReauthorizeEvery"];
    std::vector<std::string> parts;
    auto add = [&](const char *key, const char *prefix) {
      const Json &list = get(identity, key);
      if (list.is_array())
        for (const auto &x : list)
          if (x.is_string())
            parts.push_back(prefix + x.get<std::string>());
    };
    add("Headers", "$request.header.");
    add("QueryStrings", "$request.querystring.");
    add("StageVariables", "$stageVariables.");
    add("Context", "$context.");
    if (!parts.empty())
      authorizer["identitySource"] = parts;
  }
  return Json{{"type", "apiKey"},
              {"name", "Unused"},
              {"in", "header"},
              {"x-amazon-apigateway-authorizer", authorizer}};
}

} // namespace

void translate_http_api(Context &ctx, const std::string &id, const Json &resource) {
  Json props = get(resource, "Properties").is_object() ? resource["Properties"] : Json::object();
  for (auto it = props.begin(); it != props.end(); ++it)
    if (!http_api_properties().count(it.key()))
      throw InvalidResource{id, "property " + it.key() +
                                    " not defined for resource of type AWS::Serverless::HttpApi"};
  Json attributes = passthrough_attributes(resource);
  Json api = Json::object();
  Json tags = get(props, "Tags");
  if (!tags.is_null() && !tags.is_object())
    throw InvalidResource{id, "Property 'Tags' should be a map."};
  if (has(props, "DefinitionBody")) {
    Json body = props["DefinitionBody"];
    if (!body.is_object())
      throw InvalidResource{id, "Property 'DefinitionBody' should be a map."};
    if (has(props, "Name")) {
      body["info"]["title"] = props["Name"];
    }
    if (has(props, "Description"))
      body["info"]["description"] = props["Description"];
    if (has(props, "CorsConfiguration")) {
      Json cors = http_cors(id, props["CorsConfiguration"]);
      if (!cors.is_null())
        body["x-amazon-apigateway-cors"] = cors;
    }
    if (has(props, "Auth")) {
      const Json &auth = props["Auth"];
      if (!auth.is_object())
        throw InvalidResource{id, "Property 'Auth' should be a map."};
      const Json &authorizers = get(auth, "Authorizers");
      if (authorizers.is_object()) {
        for (auto it = authorizers.begin(); it != authorizers.end(); ++it) {
          body["components"]["securitySchemes"][it.key()] =
              http_authorizer(ctx, id, it.key(), it.value());
          if (it->is_object() && has(*it, "FunctionArn") &&
              get(*it, "EnableFunctionDefaultPermissions") != false) {
          }
        }
      }
      if (get(auth, "EnableIamAuthorizer") == true)
        body["components"]["securitySchemes"]["AWS_IAM"] =
            Json{{"type", "apiKey"},
                 {"name", "Authorization"},
                 {"in", "header"},
                 {"x-amazon-apigateway-authtype", "awsSigv4"}};
    }
    Json tag_list = Json::array(
        {Json{{"name", "httpapi:createdBy"}, {"x-amazon-apigateway-tag-value", "SAM"}}});
    if (tags.is_object())
      for (auto it = tags.begin(); it != tags.end(); ++it)
        tag_list.push_back(Json{{"name", it.key()}, {"x-amazon-apigateway-tag-value", it.value()}});
    Json existing = get(body, "tags");
    if (existing.is_array()) {
      for (const auto &t : tag_list)
        existing.push_back(t);
      body["tags"] = existing;
    } else {
      body["tags"] = tag_list;
    }
    api["Body"] = body;
  } else if (has(props, "DefinitionUri")) {
    api["BodyS3Location"] =
        s3_location(id, "DefinitionUri", props["DefinitionUri"], "Bucket", "Key", "Version");
  }
  const Json &disable_endpoint = get(props, "DisableExecuteApiEndpoint");
  if (!disable_endpoint.is_null() && !disable_endpoint.is_boolean() &&
      !is_intrinsic(disable_endpoint))
    throw InvalidResource{id, "Type of property 'DisableExecuteApiEndpoint' is invalid."};
  if (!disable_endpoint.is_null()) {
    // The switch lives in the OpenAPI document's servers, so it needs an inline definition.
    if (!api.contains("Body"))
      throw InvalidResource{
          id, "DisableExecuteApiEndpoint works only within 'DefinitionBody' property."};
    Json &body = api["Body"];
    if (!body["servers"].is_array() || body["servers"].empty())
      body["servers"] = Json::array({Json::object()});
    for (auto &server : body["servers"])
      if (server.is_object())
        server["x-amazon-apigateway-endpoint-configuration"]["disableExecuteApiEndpoint"] =
            disable_endpoint;
  }
  if (has(props, "FailOnWarnings"))
    api["FailOnWarnings"] = props["FailOnWarnings"];
  bool propagate = get(props, "PropagateTags") == true;
  if (propagate && tags.is_object()) {
    Json t = Json::object();
    t["httpapi:createdBy"] = "SAM";
    for (auto it = tags.begin(); it != tags.end(); ++it)
      t[it.key()] = it.value();
  }
  Json api_resource = Json{{"Type", "AWS::ApiGatewayV2::Api"}, {"Properties", api}};
  apply_passthrough(api_resource, attributes);
  ctx.add(id, api_resource);

  Json stage_name = has(props, "StageName") ? props["StageName"] : Json("$default");
  std::string stage_id;
  if (stage_name.is_string() && stage_name != "$default") {
    for (char c : id + stage_name.get<std::string>() + "Stage")
      if (std::isalnum(static_cast<unsigned char>(c)))
        stage_id += c;
  } else if (stage_name.is_string()) {
    stage_id = id + "ApiGatewayDefaultStage";
  } else {
    stage_id = id + "Stage";
  }
  Json stage = Json{{"ApiId", make_ref(id)}, {"AutoDeploy", true}, {"StageName", stage_name}};
  Json stage_tags = Json{{"httpapi:createdBy", "SAM"}};
  if (tags.is_object())
    for (auto it = tags.begin(); it != tags.end(); ++it)
      stage_tags[it.key()] = it.value();
  if (api.contains("Body"))
    stage["Tags"] = stage_tags;
  for (const char *k : {"AccessLogSettings", "DefaultRouteSettings", "StageVariables"})
    if (has(props, k))
      stage[k] = props[k];
  Json route_settings = get(props, "RouteSettings");
  const Json &pending = ctx.http_route_settings[id];
  if (pending.is_object())
    for (auto it = pending.begin(); it != pending.end(); ++it)
      if (!route_settings.is_object() || !route_settings.contains(it.key()))
        route_settings[it.key()] = it.value();
  if (!route_settings.is_null())
    stage["RouteSettings"] = route_settings;
  Json stage_resource = Json{{"Type", "AWS::ApiGatewayV2::Stage"}, {"Properties", stage}};
  apply_passthrough(stage_resource, attributes);
  ctx.add(stage_id, stage_resource);
  if (has(props, "Domain"))
    add_api_v2_domain(ctx, ApiV2Kind::Http, id, props["Domain"], stage_id,
                      propagate ? tags : Json());
}

void translate_http_api_event(EventContext &ev) {
  Context &ctx = ev.ctx;
  const Json &api = get(ev.props, "ApiId");
  std::string api_id;
  if (is_ref(api) && api["Ref"].is_string())
    api_id = api["Ref"].get<std::string>();
  else if (api.is_string())
    api_id = api.get<std::string>();
  const Json *api_resource = api_id.empty() ? nullptr : ctx.resource(api_id);
  if (!api_resource || get(*api_resource, "Type") != "AWS::Serverless::HttpApi")
    throw InvalidEvent{ev.event_id, "ApiId must be a valid reference to an "
                                    "'AWS::Serverless::HttpApi' resource in same template."};
  Json path = get(ev.props, "Path"), method = get(ev.props, "Method");
  bool default_route = path.is_null() && method.is_null();
  std::string path_s = path.is_string() ? path.get<std::string>() : "$default";
  std::string method_s = method.is_string() ? method.get<std::string>() : "any";
  std::string upper = method_s;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  std::string arn_tail;
  if (path_s == "$default" || default_route) {
    arn_tail = upper == "ANY" ? "*" : upper;
  } else {
    std::string wildcard;
    for (size_t i = 0; i < path_s.size();) {
      if (path_s[i] == '{') {
        size_t end = path_s.find('}', i);
        if (end == std::string::npos) {
          wildcard += path_s.substr(i);
          break;
        }
        wildcard += '*';
        i = end + 1;
      } else {
        wildcard += path_s[i++];
      }
    }
    arn_tail = (upper == "ANY" ? "*" : upper) + wildcard;
  }
  Json source_arn = make_sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${"
                             "__ApiId__}/${__Stage__}/" +
                                 arn_tail,
                             Json{{"__ApiId__", api}, {"__Stage__", "*"}});
  bool covered = false;
  if (!default_route) {
    const Json &events = get(get(ev.target.resource, "Properties"), "Events");
    if (events.is_object())
      for (auto it = events.begin(); it != events.end(); ++it) {
        const Json &p = get(*it, "Properties");
        if (get(*it, "Type") == "HttpApi" && it.key() != ev.event_id && !has(p, "Path") &&
            !has(p, "Method") && get(p, "ApiId") == api)
          covered = true;
      }
  }
  // A function's default route permission already covers its other routes on that API.
  if (!covered)
    ev.add(ev.logical_id + "Permission",
           lambda_permission(ev.target, "apigateway.amazonaws.com", source_arn));
  if (has(ev.props, "RouteSettings"))
    ctx.http_route_settings[api_id][upper == "ANY" && path_s == "$default" ? "$default"
                                                                           : upper + " " + path_s] =
        ev.props["RouteSettings"];

  Json &api_props = ctx.resources()[api_id]["Properties"];
  // Events fill in an inline definition (managed or the user's), never a DefinitionUri.
  if (!get(api_props, "DefinitionBody").is_object())
    return;
  std::string m = swagger_method(method_s);
  Json arn_text = ev.target.arn;
  std::string ref_text =
      is_ref(arn_text) ? arn_text["Ref"].get<std::string>() : ev.target.id + ".Arn";
  Json integration = Json{
      {"type", "aws_proxy"},
      {"httpMethod", "POST"},
      {"payloadFormatVersion",
       has(ev.props, "PayloadFormatVersion") ? ev.props["PayloadFormatVersion"] : Json("2.0")},
      {"uri",
       make_sub(
           "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${" +
           ref_text + "}/invocations")}};
  if (has(ev.props, "TimeoutInMillis"))
    integration["timeoutInMillis"] = ev.props["TimeoutInMillis"];
  Json op = Json::object();
  if (path_s == "$default")
    op["isDefaultRoute"] = true;
  op["x-amazon-apigateway-integration"] = integration;
  op["responses"] = Json::object();
  Json params = Json::array();
  for (size_t i = path_s.find('{'); i != std::string::npos; i = path_s.find('{', i + 1)) {
    size_t end = path_s.find('}', i);
    if (end == std::string::npos)
      break;
    std::string name = path_s.substr(i + 1, end - i - 1);
    if (!name.empty() && name.back() == '+')
      name.pop_back();
    params.push_back(Json{{"name", name}, {"in", "path"}, {"required", true}});
  }
  if (!params.empty())
    op["parameters"] = params;
  // Auth of the route: the event's authorizer, else the API's default.
  const Json &api_auth = get(api_props, "Auth");
  const Json &event_auth = get(ev.props, "Auth");
  Json authorizer =
      has(event_auth, "Authorizer") ? event_auth["Authorizer"] : get(api_auth, "DefaultAuthorizer");
  if (authorizer.is_null() && get(api_auth, "EnableIamAuthorizer") == true && false)
    authorizer = "AWS_IAM";
  if (authorizer.is_string() && authorizer != "NONE") {
    Json scopes =
        has(event_auth, "AuthorizationScopes") ? event_auth["AuthorizationScopes"] : Json();
    const Json &authorizers = get(api_auth, "Authorizers");
    if (scopes.is_null() && authorizers.is_object() &&
        authorizers.contains(authorizer.get<std::string>()))
      scopes = get(authorizers[authorizer.get<std::string>()], "AuthorizationScopes");
    op["security"] = Json::array(
        {Json{{authorizer.get<std::string>(), scopes.is_array() ? scopes : Json::array()}}});
  }
  // With FailOnWarnings the translator writes the default route as "/$default".
  std::string doc_path =
      path_s == "$default" && get(api_props, "FailOnWarnings") == true ? "/$default" : path_s;
  Json &path_item = api_props["DefinitionBody"]["paths"][doc_path];
  if (path_item.is_null())
    path_item = Json::object();
  // A method the definition already has gets the integration merged in, unless it has one.
  if (path_item.contains(m) && path_item[m].is_object()) {
    if (path_item[m].contains("x-amazon-apigateway-integration"))
      throw InvalidEvent{ev.event_id, "API method '" + m + "' defined multiple times for path '" +
                                          doc_path + "'."};
    for (auto it = op.begin(); it != op.end(); ++it)
      path_item[m][it.key()] = it.value();
    return;
  }
  path_item[m] = op;
}

} // namespace cfnlocal::transforms::sam
