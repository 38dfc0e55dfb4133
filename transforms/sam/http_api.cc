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
                                              "__MANAGE_SWAGGER",
                                              "__PATH_CONDITIONS"};
  return names;
}

/// Whether a definition is one the translator's OpenAPI editor accepts: an "openapi" version
/// and a map of paths.
bool is_valid_openapi(const Json &body) {
  return body.is_object() && get(body, "paths").is_object() &&
         (get(body, "openapi").is_string() || get(body, "openapi").is_number());
}

Json http_cors(const std::string &id, const Json &cors) {
  if (cors.is_boolean())
    return cors.get<bool>() ? Json{{"allowOrigins", Json::array({"*"})}} : Json();
  // Fn::If between configurations: each configuration converted, AWS::NoValue kept.
  if (cors.is_object() && cors.size() == 1 && cors.contains("Fn::If") &&
      cors["Fn::If"].is_array()) {
    Json args = cors["Fn::If"];
    for (size_t i = 1; i < args.size(); ++i)
      if (args[i].is_object() && !is_intrinsic(args[i]))
        args[i] = http_cors(id, args[i]);
    return Json{{"Fn::If", args}};
  }
  if (!cors.is_object())
    throw InvalidResource{id, "Invalid value for 'CorsConfiguration' property."};
  for (auto it = cors.begin(); it != cors.end(); ++it)
    if (it.key() != "AllowOrigins" && it.key() != "AllowHeaders" && it.key() != "AllowMethods" &&
        it.key() != "ExposeHeaders" && it.key() != "MaxAge" && it.key() != "AllowCredentials")
      throw InvalidResource{id, "Invalid key '" + it.key() + "' for 'Cors' property."};
  Json out = Json::object();
  static const std::vector<std::pair<const char *, const char *>> keys = {
      {"AllowOrigins", "allowOrigins"},
      {"AllowHeaders", "allowHeaders"},
      {"AllowMethods", "allowMethods"},
      {"ExposeHeaders", "exposeHeaders"},
      {"MaxAge", "maxAge"},
      {"AllowCredentials", "allowCredentials"}};
  for (auto &[from, to] : keys)
    if (cors.contains(from) && !(std::string(from) == "AllowCredentials" && cors[from] == false))
      out[to] = cors[from];
  return out;
}

Json http_authorizer(const Context &ctx, const std::string &api_id, const std::string &name,
                     const Json &auth) {
  if (!auth.is_object())
    throw InvalidResource{api_id, "Property 'Auth.Authorizers." + name + "' should be a map."};
  if (has(auth, "OpenIdConnectUrl"))
    throw InvalidResource{api_id, "'OpenIdConnectUrl' is no longer a supported property for "
                                  "authorizer '" +
                                      name + "'. Please refer to the AWS SAM documentation."};
  bool lambda = has(auth, "FunctionArn");
  if (has(auth, "EnableFunctionDefaultPermissions")) {
    if (!lambda)
      throw InvalidResource{
          api_id, "EnableFunctionDefaultPermissions is only supported for Lambda Authorizer."};
    if (!auth["EnableFunctionDefaultPermissions"].is_boolean())
      throw InvalidResource{api_id, "Property 'Authorizers." + name +
                                        ".EnableFunctionDefaultPermissions' should be a boolean."};
  }
  if (has(auth, "JwtConfiguration") || (has(auth, "IdentitySource") && !lambda)) {
    Json scheme = Json{{"type", "oauth2"}};
    Json authorizer = Json{{"type", "jwt"}};
    if (has(auth, "JwtConfiguration")) {
      const Json &jwt = auth["JwtConfiguration"];
      if (!jwt.is_object())
        throw InvalidResource{api_id, "Property 'JwtConfiguration' should be a map."};
      // The OpenAPI extension spells the members in lower case ("Issuer" -> "issuer").
      Json cfg = Json::object();
      for (auto it = jwt.begin(); it != jwt.end(); ++it) {
        std::string key = it.key();
        std::transform(key.begin(), key.end(), key.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        cfg[key] = it.value();
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
  // Only a true value is written (false is API Gateway's default).
  if (has(auth, "EnableSimpleResponses") && auth["EnableSimpleResponses"] != false)
    authorizer["enableSimpleResponses"] = auth["EnableSimpleResponses"];
  const Json &identity = get(auth, "Identity");
  if (!identity.is_null() && !identity.is_object())
    throw InvalidResource{api_id,
                          "Property 'Auth.Authorizers." + name + ".Identity' should be a map."};
  if (identity.is_object()) {
    if (has(identity, "ReauthorizeEvery"))
      authorizer["authorizerResultTtlInSeconds"] = identity["ReauthorizeEvery"];
    std::vector<std::string> parts;
    auto add = [&](const char *key, const char *prefix) {
      const Json &list = get(identity, key);
      std::string where = "Property 'Authorizers." + name + ".Identity." + key;
      if (!list.is_null() && !list.is_array())
        throw InvalidResource{api_id, where + "' should be a list."};
      if (list.is_array())
        for (size_t i = 0; i < list.size(); ++i) {
          if (!list[i].is_string())
            throw InvalidResource{api_id,
                                  where + "[" + std::to_string(i) + "]' should be a string."};
          parts.push_back(prefix + list[i].get<std::string>());
        }
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
  if (has(props, "DefinitionBody") && has(props, "DefinitionUri"))
    throw InvalidResource{
        id, "Specify either 'DefinitionUri' or 'DefinitionBody' property and not both."};
  if (has(props, "RouteSettings") && !props["RouteSettings"].is_object())
    throw InvalidResource{id, "Property 'RouteSettings' should be a map."};
  if (!has(props, "DefinitionBody")) {
    if (has(props, "CorsConfiguration"))
      throw InvalidResource{
          id, "Cors works only with inline OpenApi specified in 'DefinitionBody' property."};
    if (has(props, "Tags"))
      throw InvalidResource{
          id, "Tags works only with inline OpenApi specified in the 'DefinitionBody' property."};
  }
  bool tagged_body = false;
  if (has(props, "DefinitionBody")) {
    Json body = props["DefinitionBody"];
    if (!body.is_object())
      throw InvalidResource{id, "Property 'DefinitionBody' should be a map."};
    if (!is_valid_openapi(body)) {
      for (auto [key, what] :
           {std::pair{"CorsConfiguration", "Cors configuration"},
            std::pair{"Auth", "Auth configuration"}, std::pair{"Tags", "`Tags`"}})
        if (has(props, key))
          throw InvalidResource{id, std::string("Unable to add ") + what +
                                        " because 'DefinitionBody' does not contain a valid "
                                        "OpenApi definition."};
    }
    if (body.contains("tags") && !body["tags"].is_array())
      throw InvalidTemplate{"Tags in OpenApi DefinitionBody needs to be a list. " +
                            python_repr(body["tags"]) + " is a " + python_type_name(body["tags"]) +
                            " not a list."};
    if (has(props, "Name")) {
      body["info"]["title"] = props["Name"];
    }
    if (has(props, "Description"))
      body["info"]["description"] = props["Description"];
    if (has(props, "CorsConfiguration")) {
      Json cors = http_cors(id, resolve_parameter_refs(props["CorsConfiguration"], ctx.params));
      if (!cors.is_null())
        body["x-amazon-apigateway-cors"] = cors;
    }
    if (has(props, "Auth")) {
      const Json &auth = props["Auth"];
      if (!auth.is_object())
        throw InvalidResource{id, "Property 'Auth' should be a map."};
      if (has(auth, "Authorizers") && !auth["Authorizers"].is_object())
        throw InvalidResource{id, "Property 'Auth.Authorizers' should be a map."};
      if (has(auth, "DefaultAuthorizer") && !auth["DefaultAuthorizer"].is_string())
        throw InvalidResource{id, "Property 'Auth.DefaultAuthorizer' should be a string."};
      const Json &authorizers = get(auth, "Authorizers");
      if (authorizers.is_object()) {
        for (auto it = authorizers.begin(); it != authorizers.end(); ++it) {
          body["components"]["securitySchemes"][it.key()] =
              http_authorizer(ctx, id, it.key(), it.value());
          if (it->is_object() && has(*it, "FunctionArn") &&
              get(*it, "EnableFunctionDefaultPermissions") == true) {
            Json perm = Json{
                {"Type", "AWS::Lambda::Permission"},
                {"Properties",
                 Json{{"Action", "lambda:InvokeFunction"},
                      {"FunctionName", (*it)["FunctionArn"]},
                      {"Principal", "apigateway.amazonaws.com"},
                      {"SourceArn", make_sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${"
                                             "AWS::AccountId}:${__ApiId__}/authorizers/*",
                                             Json{{"__ApiId__", make_ref(id)}})}}}};
            apply_passthrough(perm, attributes);
            ctx.add(id + it.key() + "AuthorizerPermission", perm);
          }
        }
      }
      const Json &default_authorizer = get(auth, "DefaultAuthorizer");
      if (default_authorizer.is_string() && get(body, "paths").is_object()) {
        // Methods of the definition that have an integration but no security of their own.
        Json scopes =
            get(get(authorizers, default_authorizer.get<std::string>()), "AuthorizationScopes");
        Json entry = Json{
            {default_authorizer.get<std::string>(), scopes.is_array() ? scopes : Json::array()}};
        for (auto p = body["paths"].begin(); p != body["paths"].end(); ++p)
          for (Json *item : if_variants(*p))
            for (auto m = item->begin(); m != item->end(); ++m) {
              if (m.key() == "parameters" || m.key() == "summary" || m.key() == "description" ||
                  m.key() == "options")
                continue;
              // The translator looks methods up by their OpenAPI name: "any" is not one.
              if (m.key() == "any")
                throw InvalidTemplate{"Could not find x-amazon-apigateway-any-method in " +
                                      p.key() + " within DefinitionBody."};
              if (!m->is_object())
                throw InvalidTemplate{"Definition of method '" + m.key() + "' for path '" +
                                      p.key() + "' should be a map."};
              for (Json *op : if_variants(*m))
                if (op->contains("x-amazon-apigateway-integration") && !op->contains("security"))
                  (*op)["security"] = Json::array({entry});
            }
      }
      // An authorizer the user named AWS_IAM keeps its definition.
      if (get(auth, "EnableIamAuthorizer") == true &&
          !(authorizers.is_object() && authorizers.contains("AWS_IAM")))
        body["components"]["securitySchemes"]["AWS_IAM"] =
            Json{{"type", "apiKey"},
                 {"name", "Authorization"},
                 {"in", "header"},
                 {"x-amazon-apigateway-authtype", "awsSigv4"}};
    }
    // SAM's tags go only into a document it can read as OpenAPI (not one under Fn::If).
    tagged_body = is_valid_openapi(body);
    Json tag_list = Json::array(
        {Json{{"name", "httpapi:createdBy"}, {"x-amazon-apigateway-tag-value", "SAM"}}});
    if (tags.is_object())
      for (auto it = tags.begin(); it != tags.end(); ++it)
        tag_list.push_back(Json{{"name", it.key()}, {"x-amazon-apigateway-tag-value", it.value()}});
    Json existing = get(body, "tags");
    if (existing.is_array()) {
      // A tag the document already declares by name gets the value; others are appended.
      for (const auto &t : tag_list) {
        bool merged = false;
        for (auto &e : existing)
          if (e.is_object() && get(e, "name") == t["name"]) {
            e["x-amazon-apigateway-tag-value"] = t["x-amazon-apigateway-tag-value"];
            merged = true;
          }
        if (!merged)
          existing.push_back(t);
      }
      body["tags"] = existing;
    } else if (tagged_body) {
      body["tags"] = tag_list;
    }
    wrap_conditional_paths(ctx, id, get(props, "__PATH_CONDITIONS"), body);
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
  Json api_resource = Json{{"Type", "AWS::ApiGatewayV2::Api"}, {"Properties", api}};
  apply_passthrough(api_resource, attributes);
  for (const char *k : {"DependsOn", "Metadata"})
    if (has(resource, k))
      api_resource[k] = resource[k];
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
  if (tagged_body)
    stage["Tags"] = stage_tags;
  for (const char *k : {"AccessLogSettings", "DefaultRouteSettings", "StageVariables"})
    if (has(props, k))
      stage[k] = props[k];
  Json route_settings = get(props, "RouteSettings");
  const Json &pending = ctx.http_route_settings[id];
  // An event's settings for its route are laid over the API's (and Globals') for that route.
  if (pending.is_object())
    for (auto it = pending.begin(); it != pending.end(); ++it) {
      Json &route = route_settings[it.key()];
      if (route.is_object() && it.value().is_object() && !it.value().contains("Fn::If"))
        route.update(it.value());
      else
        route = it.value();
    }
  if (!route_settings.is_null())
    stage["RouteSettings"] = route_settings;
  Json stage_resource = Json{{"Type", "AWS::ApiGatewayV2::Stage"}, {"Properties", stage}};
  apply_passthrough(stage_resource, attributes);
  ctx.add(stage_id, stage_resource);
  if (has(props, "Domain"))
    // An HTTP API's custom domain carries the API's tags whether or not it propagates them.
    add_api_v2_domain(ctx, ApiV2Kind::Http, id, props["Domain"], stage_id, tags, attributes);
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
  if (!path.is_null() && !path.is_string())
    throw InvalidEvent{ev.event_id, "Property 'Path' should be a string."};
  if (!method.is_null() && !method.is_string())
    throw InvalidEvent{ev.event_id, "Property 'Method' should be a string."};
  if (path.is_null() != method.is_null())
    throw InvalidEvent{ev.event_id, std::string("Property '") +
                                        (path.is_null() ? "Path" : "Method") + "' is required."};
  bool default_route = path.is_null() && method.is_null();
  std::string path_s = path.is_string() ? path.get<std::string>() : "$default";
  std::string method_s = method.is_string() ? method.get<std::string>() : "any";
  std::string upper = method_s;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  std::string arn_tail;
  if (path_s == "$default" || default_route) {
    arn_tail = upper == "ANY" ? "*" : upper;
  } else if (path_s == "/$default" && upper == "ANY") {
    arn_tail = "$default";
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
  if (has(ev.props, "RouteSettings") && !ev.props["RouteSettings"].is_object())
    throw InvalidEvent{ev.event_id, "Property 'RouteSettings' should be a map."};
  if (has(ev.props, "RouteSettings")) {
    // A conditional function's settings exist under its condition (and then replace the API's
    // for that route rather than merge into them).
    const Json &condition = get(ev.target.attributes, "Condition");
    Json settings = ev.props["RouteSettings"];
    if (condition.is_string())
      settings = Json{{"Fn::If", Json::array({condition, settings, make_ref("AWS::NoValue")})}};
    ctx.http_route_settings[api_id][upper == "ANY" && path_s == "$default" ? "$default"
                                                                           : upper + " " + path_s] =
        settings;
  }

  Json &api_props = ctx.resources()[api_id]["Properties"];
  // Events fill in an inline definition (managed or the user's), never a DefinitionUri.
  if (!get(api_props, "DefinitionBody").is_object())
    return;
  if (!is_valid_openapi(api_props["DefinitionBody"]))
    throw InvalidResource{api_id, "Structure of the SAM template is invalid. Invalid OpenApi "
                                  "document. Invalid values or missing keys for 'openapi' or "
                                  "'paths' in 'DefinitionBody'."};
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
    params.push_back(Json{{"name", name}, {"in", "path"}, {"required", true}});
  }
  if (!params.empty())
    op["parameters"] = params;
  // Auth of the route: the event's authorizer, else the API's default.
  const Json &api_auth = get(api_props, "Auth");
  const Json &event_auth = get(ev.props, "Auth");
  Json authorizer =
      has(event_auth, "Authorizer") ? event_auth["Authorizer"] : get(api_auth, "DefaultAuthorizer");
  const Json &authorizers = get(api_auth, "Authorizers");
  std::string where = " on API method [" + m + "] for path [" + path_s + "]";
  // An API whose Auth is not a map reports that itself; its routes get no auth.
  bool api_auth_invalid = has(api_props, "Auth") && !api_props["Auth"].is_object();
  if (api_auth_invalid)
    authorizer = Json();
  if (has(event_auth, "Authorizer") && !api_auth_invalid) {
    if (!authorizer.is_string())
      throw InvalidEvent{ev.event_id, "Unable to set Authorizer [" + python_repr(authorizer) + "]" +
                                          where +
                                          ". The method authorizer must be a string with a "
                                          "corresponding dict entry in the api authorizer."};
    if (authorizer == "NONE") {
      if (get(api_auth, "DefaultAuthorizer").is_null())
        throw InvalidEvent{ev.event_id, "Unable to set Authorizer" + where +
                                            " because 'NONE' is only a valid value when a "
                                            "DefaultAuthorizer on the API is specified."};
    } else if (authorizer != "AWS_IAM") {
      if (!authorizers.is_object())
        throw InvalidEvent{ev.event_id, "Unable to set Authorizer [" +
                                            authorizer.get<std::string>() + "]" + where +
                                            " because the related API does not define any "
                                            "Authorizers."};
      if (!authorizers.contains(authorizer.get<std::string>()))
        throw InvalidEvent{ev.event_id, "Unable to set Authorizer [" +
                                            authorizer.get<std::string>() + "]" + where +
                                            " because it wasn't defined in the API's Authorizers."};
    }
  }
  if (has(event_auth, "AuthorizationScopes") && !event_auth["AuthorizationScopes"].is_array())
    throw InvalidEvent{ev.event_id, "Unable to set Authorizer" + where +
                                        " because 'AuthorizationScopes' must be a list of "
                                        "strings."};
  // The API's default authorizer leaves CORS preflight routes open.
  if (!has(event_auth, "Authorizer") && m == "options")
    authorizer = Json();
  if (authorizer.is_string()) {
    Json scopes =
        has(event_auth, "AuthorizationScopes") ? event_auth["AuthorizationScopes"] : Json();
    // An explicit AWS_IAM route carries no scopes.
    if (scopes.is_null() && authorizers.is_object() &&
        authorizers.contains(authorizer.get<std::string>()) &&
        !(has(event_auth, "Authorizer") && authorizer == "AWS_IAM"))
      scopes = get(authorizers[authorizer.get<std::string>()], "AuthorizationScopes");
    op["security"] = Json::array(
        {Json{{authorizer.get<std::string>(), scopes.is_array() ? scopes : Json::array()}}});
  }
  // With FailOnWarnings the translator writes the default route as "/$default".
  std::string doc_path =
      path_s == "$default" && get(api_props, "FailOnWarnings") == true ? "/$default" : path_s;
  // A conditional function's routes exist under its condition; a path the events create is
  // wrapped too when all its routes are conditional (see wrap_conditional_paths).
  const Json &condition = get(ev.target.attributes, "Condition");
  auto conditional = [&](Json value) {
    if (!condition.is_string())
      return value;
    return Json{{"Fn::If", Json::array({condition, value, make_ref("AWS::NoValue")})}};
  };
  if (condition.is_string())
    op["x-amazon-apigateway-integration"]["uri"] =
        conditional(op["x-amazon-apigateway-integration"]["uri"]);
  bool path_existed = get(get(api_props["DefinitionBody"], "paths"), doc_path).is_object();
  {
    Json &record = api_props["__PATH_CONDITIONS"][doc_path];
    if (path_existed || !condition.is_string()) {
      record["unconditional"] = true;
    } else {
      if (!record.contains("conditions"))
        record["conditions"] = Json::array();
      record["conditions"].push_back(condition);
    }
  }
  Json &path_item = api_props["DefinitionBody"]["paths"][doc_path];
  if (path_item.is_null())
    path_item = Json::object();
  if (!path_item.contains(m) || !path_item[m].is_object()) {
    path_item[m] = conditional(op);
    return;
  }
  // A method the definition already has: its integration (if any) stays, the event adds what it
  // sets explicitly. Only the implicit API, assembled from events alone, rejects a repeat.
  Json &existing = path_item[m];
  const char *key = "x-amazon-apigateway-integration";
  bool added_integration = false;
  if (existing.contains(key) && api_id == "ServerlessHttpApi" &&
      api_props.contains("__MANAGE_SWAGGER"))
    throw InvalidEvent{ev.event_id, "API method '" + m + "' defined multiple times for path '" +
                                        doc_path + "'."};
  if (!existing.contains(key) || !existing[key].is_object()) {
    existing[key] = op[key];
    added_integration = true;
  } else {
    if (has(ev.props, "TimeoutInMillis"))
      existing[key]["timeoutInMillis"] = ev.props["TimeoutInMillis"];
    if (has(ev.props, "PayloadFormatVersion"))
      existing[key]["payloadFormatVersion"] = ev.props["PayloadFormatVersion"];
  }
  if (!existing.contains("responses"))
    existing["responses"] = Json::object();
  if (op.contains("isDefaultRoute"))
    existing["isDefaultRoute"] = true;
  // Path parameters: the user's declarations become required, missing ones are added.
  if (op.contains("parameters")) {
    if (!existing["parameters"].is_array())
      existing["parameters"] = Json::array();
    for (const auto &param : op["parameters"]) {
      bool found = false;
      for (auto &p : existing["parameters"])
        if (p.is_object() && get(p, "name") == param["name"] && get(p, "in") == "path") {
          p["required"] = true;
          found = true;
        }
      if (!found)
        existing["parameters"].push_back(param);
    }
  }
  // The event's own authorizer joins the method's security; the API default only fills a method
  // without any (see apply_http_default_authorizer).
  if (has(event_auth, "Authorizer") && op.contains("security")) {
    if (!existing["security"].is_array())
      existing["security"] = Json::array();
    for (const auto &entry : op["security"])
      existing["security"].push_back(entry);
  } else if (op.contains("security") && !existing.contains("security")) {
    existing["security"] = op["security"];
  }
  if (added_integration)
    existing = conditional(existing);
}

} // namespace cfnlocal::transforms::sam
