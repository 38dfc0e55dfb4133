#include "transforms/sam/api.h"

#include <set>

namespace cfnlocal::transforms::sam {

namespace {

Json authorizer_uri(const Context &ctx, const Json &function_arn) {
  return make_sub(literal_arn_prefix(ctx) + ":apigateway:${AWS::Region}:lambda:path/2015-03-31/"
                                            "functions/${__FunctionArn__}/invocations",
                  Json{{"__FunctionArn__", function_arn}});
}

/// One authorizer as a Swagger security scheme.
Json security_scheme(const Context &ctx, const std::string &api_id, const std::string &name,
                     const Json &auth) {
  if (!auth.is_object())
    throw InvalidResource{api_id, "Property 'Auth.Authorizers." + name + "' should be a map."};
  if (has(auth, "DisableFunctionDefaultPermissions") &&
      !auth["DisableFunctionDefaultPermissions"].is_boolean())
    throw InvalidResource{api_id, "Property 'Authorizers." + name +
                                      ".DisableFunctionDefaultPermissions' should be a boolean."};
  if (has(auth, "AuthorizationScopes") && !auth["AuthorizationScopes"].is_array())
    throw InvalidResource{api_id, "Property 'Authorizers." + name +
                                      ".AuthorizationScopes' should be a list."};
  const Json &identity = get(auth, "Identity");
  bool request = get(auth, "FunctionPayloadType") == "REQUEST";
  if (!identity.is_null() && !identity.is_object()) {
    if (request && has(auth, "FunctionArn"))
      throw InvalidResource{api_id, "Property 'Authorizer." + name + ".Identity' should be a map."};
    throw InvalidResource{api_id, "Auth.Authorizers.<Authorizer>.Identity must be a dict "
                                  "(LambdaTokenAuthorizationIdentity, "
                                  "LambdaRequestAuthorizationIdentity or "
                                  "CognitoAuthorizationIdentity)."};
  }
  if (has(auth, "UserPoolArn")) {
    Json pools =
        auth["UserPoolArn"].is_array() ? auth["UserPoolArn"] : Json::array({auth["UserPoolArn"]});
    Json authorizer = Json{{"type", "cognito_user_pools"}, {"providerARNs", pools}};
    if (identity.is_object() && has(identity, "ValidationExpression"))
      authorizer["identityValidationExpression"] = identity["ValidationExpression"];
    Json header = identity.is_object() && has(identity, "Header") ? identity["Header"]
                                                                  : Json("Authorization");
    return Json{{"type", "apiKey"},
                {"name", header},
                {"in", "header"},
                {"x-amazon-apigateway-authtype", "cognito_user_pools"},
                {"x-amazon-apigateway-authorizer", authorizer}};
  }
  if (!has(auth, "FunctionArn"))
    throw InvalidResource{api_id, "Authorizer " + name +
                                      " must have either 'UserPoolArn' or 'FunctionArn'."};
  std::string payload = get(auth, "FunctionPayloadType").is_string()
                            ? auth["FunctionPayloadType"].get<std::string>()
                            : "TOKEN";
  if (payload != "TOKEN" && payload != "REQUEST")
    throw InvalidResource{api_id,
                          name + " Authorizer has invalid 'FunctionPayloadType': " + payload + "."};
  Json authorizer = Json::object();
  authorizer["type"] = payload == "REQUEST" ? "request" : "token";
  authorizer["authorizerUri"] = authorizer_uri(ctx, auth["FunctionArn"]);
  const Json &role = get(auth, "FunctionInvokeRole");
  if (!role.is_null() && role != "NONE")
    authorizer["authorizerCredentials"] = role;
  if (identity.is_object() && has(identity, "ReauthorizeEvery"))
    authorizer["authorizerResultTtlInSeconds"] = identity["ReauthorizeEvery"];
  Json scheme = Json{{"type", "apiKey"}, {"in", "header"}};
  if (payload == "REQUEST") {
    std::string source;
    bool any = false;
    std::vector<std::string> parts;
    auto add = [&](const char *key, const char *prefix) {
      const Json &list = get(identity, key);
      std::string where = "Property 'Auth.Authorizers." + name + ".Identity." + key;
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
    if (identity.is_object()) {
      add("Headers", "method.request.header.");
      add("QueryStrings", "method.request.querystring.");
      add("StageVariables", "stageVariables.");
      add("Context", "context.");
    }
    for (auto &p : parts) {
      source += (any ? ", " : "") + p;
      any = true;
    }
    // Without caching (ReauthorizeEvery 0) a request authorizer needs no identity source.
    if (!any && get(identity, "ReauthorizeEvery") != 0)
      throw InvalidResource{api_id, name + " Authorizer must specify Identity with at least one "
                                           "of Headers, QueryStrings, StageVariables, or "
                                           "Context."};
    if (any)
      authorizer["identitySource"] = source;
    scheme["name"] = "Unused";
  } else {
    scheme["name"] = identity.is_object() && has(identity, "Header") ? identity["Header"]
                                                                     : Json("Authorization");
    if (identity.is_object() && has(identity, "ValidationExpression"))
      authorizer["identityValidationExpression"] = identity["ValidationExpression"];
  }
  scheme["x-amazon-apigateway-authtype"] = "custom";
  scheme["x-amazon-apigateway-authorizer"] = authorizer;
  return scheme;
}

} // namespace

/// Adds the API-level auth parts (security schemes, authorizer permissions) to a managed body.
void add_api_auth(Context &ctx, const std::string &api_id, const Json &auth, Json &body,
                  const Json &attributes) {
  if (auth.is_null())
    return;
  if (!auth.is_object())
    throw InvalidResource{api_id, "Property 'Auth' should be a map."};
  const Json &authorizers = get(auth, "Authorizers");
  if (!authorizers.is_null() && !authorizers.is_object())
    throw InvalidResource{api_id, "Property 'Auth.Authorizers' should be a map."};
  static const std::set<std::string> keys = {"DefaultAuthorizer",
                                             "Authorizers",
                                             "ApiKeyRequired",
                                             "AddDefaultAuthorizerToCorsPreflight",
                                             "AddApiKeyRequiredToCorsPreflight",
                                             "ResourcePolicy",
                                             "UsagePlan",
                                             "InvokeRole"};
  for (auto it = auth.begin(); it != auth.end(); ++it)
    if (!keys.count(it.key()))
      throw InvalidResource{api_id, "Invalid value for 'Auth' property"};
  const Json &default_authorizer = get(auth, "DefaultAuthorizer");
  if (default_authorizer.is_string() && default_authorizer != "AWS_IAM" &&
      authorizers.is_object() && !authorizers.contains(default_authorizer.get<std::string>()))
    throw InvalidResource{api_id, "Unable to set DefaultAuthorizer because '" +
                                      default_authorizer.get<std::string>() +
                                      "' was not defined in 'Authorizers'."};
  if (body.contains("securityDefinitions") && !body["securityDefinitions"].is_object())
    throw InvalidTemplate{"securityDefinitions must be a dictionary."};
  Json &defs = body["securityDefinitions"];
  bool added = false;
  if (authorizers.is_object()) {
    for (auto it = authorizers.begin(); it != authorizers.end(); ++it) {
      defs[it.key()] = security_scheme(ctx, api_id, it.key(), it.value());
      added = true;
      if (it->is_object() && has(*it, "FunctionArn") &&
          get(*it, "DisableFunctionDefaultPermissions") != true) {
        Json perm = Json{
            {"Type", "AWS::Lambda::Permission"},
            {"Properties", Json{{"Action", "lambda:InvokeFunction"},
                                {"FunctionName", (*it)["FunctionArn"]},
                                {"Principal", "apigateway.amazonaws.com"},
                                {"SourceArn", make_sub(literal_arn_prefix(ctx) +
                                                           ":execute-api:${AWS::Region}:${AWS::"
                                                           "AccountId}:${__ApiId__}/authorizers/*",
                                                       Json{{"__ApiId__", make_ref(api_id)}})}}}};
        apply_passthrough(perm, attributes);
        ctx.add(api_id + it.key() + "AuthorizerPermission", perm);
      }
    }
  }
  if (get(auth, "DefaultAuthorizer") == "AWS_IAM" ||
      get(auth, "AddDefaultAuthorizerToCorsPreflight").is_boolean()) {
  }
  bool iam = get(auth, "DefaultAuthorizer") == "AWS_IAM";
  if (iam) {
    defs["AWS_IAM"] = Json{{"x-amazon-apigateway-authtype", "awsSigv4"},
                           {"type", "apiKey"},
                           {"name", "Authorization"},
                           {"in", "header"}};
    added = true;
  }
  if (get(auth, "ApiKeyRequired") == true) {
    defs["api_key"] = Json{{"type", "apiKey"}, {"name", "x-api-key"}, {"in", "header"}};
    added = true;
  }
  if (!added)
    body.erase("securityDefinitions");
}

void apply_method_auth(Context &ctx, EventContext &ev, const std::string &api_id, Json &api_props,
                       const std::string &path, const std::string &method, Json &op) {
  // An API whose Auth is not a map reports that itself; its methods get no auth.
  if (has(api_props, "Auth") &&
      (!api_props["Auth"].is_object() ||
       (has(api_props["Auth"], "Authorizers") && !api_props["Auth"]["Authorizers"].is_object())))
    return;
  const Json &api_auth = get(api_props, "Auth");
  const Json &event_auth = get(ev.props, "Auth");
  const Json &authorizers = get(api_auth, "Authorizers");
  Json default_auth = get(api_auth, "DefaultAuthorizer");
  Json security = Json::array();
  Json authorizer = get(event_auth, "Authorizer");
  std::string method_name = method == "x-amazon-apigateway-any-method" ? "any" : method;
  if (!authorizer.is_null()) {
    if (!authorizer.is_string())
      throw InvalidEvent{ev.event_id, "Unable to set Authorizer [" + python_repr(authorizer) +
                                          "] on API method [" + method_name + "] for path [" +
                                          path +
                                          "]. The method authorizer must be a string with a "
                                          "corresponding dict entry in the api authorizer."};
    std::string a = authorizer.get<std::string>();
    if (a == "NONE") {
      if (default_auth.is_null())
        throw InvalidEvent{ev.event_id, "Unable to set Authorizer on API method [" + method_name +
                                            "] for path [" + path +
                                            "] because 'NONE' is only a valid value when a "
                                            "DefaultAuthorizer on the API is specified."};
    } else if (a != "AWS_IAM") {
      if (!authorizers.is_object())
        throw InvalidEvent{ev.event_id,
                           "Unable to set Authorizer [" + a + "] on API method [" + method_name +
                               "] for path [" + path +
                               "] because the related API does not define any Authorizers."};
      if (!authorizers.contains(a))
        throw InvalidEvent{ev.event_id,
                           "Unable to set Authorizer [" + a + "] on API method [" + method_name +
                               "] for path [" + path +
                               "] because it wasn't defined in the API's Authorizers."};
    }
  } else if (!event_auth.is_object() || event_auth.empty()) {
    // An event with Auth settings of its own but no Authorizer leaves the API's default
    // authorizer to the API-wide pass (apply_default_auth): no InvokeRole credentials then.
    authorizer = default_auth;
  }
  if (has(event_auth, "AuthorizationScopes") && authorizer.is_null())
    throw InvalidEvent{ev.event_id, "AuthorizationScopes works only when Authorizer is set"};
  if (authorizer.is_string()) {
    std::string a = authorizer.get<std::string>();
    Json scopes =
        has(event_auth, "AuthorizationScopes") ? event_auth["AuthorizationScopes"] : Json();
    if (scopes.is_null() && authorizers.is_object() && authorizers.contains(a) &&
        has(authorizers[a], "AuthorizationScopes"))
      scopes = authorizers[a]["AuthorizationScopes"];
    security.push_back(Json{{a, scopes.is_array() ? scopes : Json::array()}});
    if (a == "AWS_IAM") {
      if (!api_props["DefinitionBody"]["securityDefinitions"].contains("AWS_IAM"))
        api_props["DefinitionBody"]["securityDefinitions"]["AWS_IAM"] =
            Json{{"x-amazon-apigateway-authtype", "awsSigv4"},
                 {"type", "apiKey"},
                 {"name", "Authorization"},
                 {"in", "header"}};
      // The caller's credentials unless InvokeRole says otherwise; an InvokeRole given empty
      // (null, "") or NONE means no credentials.
      const Json invoke_role = has(event_auth, "InvokeRole") ? event_auth["InvokeRole"]
                               : has(api_auth, "InvokeRole") ? api_auth["InvokeRole"]
                                                             : Json("CALLER_CREDENTIALS");
      if (invoke_role == "CALLER_CREDENTIALS")
        op["x-amazon-apigateway-integration"]["credentials"] =
            "arn:" + ctx.partition + ":iam::*:user/*";
      else if (!invoke_role.is_null() && invoke_role != "" && invoke_role != "NONE")
        op["x-amazon-apigateway-integration"]["credentials"] = invoke_role;
    }
  }
  Json api_key = has(event_auth, "ApiKeyRequired") ? event_auth["ApiKeyRequired"]
                                                   : get(api_auth, "ApiKeyRequired");
  if (has(event_auth, "ApiKeyRequired") && event_auth["ApiKeyRequired"] == false) {
    if (get(api_auth, "ApiKeyRequired") != true)
      throw InvalidEvent{ev.event_id, "Unable to set ApiKeyRequired [False] on API method [" +
                                          method_name + "] for path [" + path +
                                          "] because the related API does not specify any "
                                          "ApiKeyRequired."};
    // The API-wide api_key stays off this method (see apply_default_auth).
    Json &opt_outs = api_props["__API_KEY_OPT_OUTS"];
    if (!opt_outs.is_array())
      opt_outs = Json::array();
    opt_outs.push_back(Json::array({path, method}));
  }
  if (api_key == true) {
    security.push_back(Json{{"api_key", Json::array()}});
    if (!api_props["DefinitionBody"]["securityDefinitions"].contains("api_key"))
      api_props["DefinitionBody"]["securityDefinitions"]["api_key"] =
          Json{{"type", "apiKey"}, {"name", "x-api-key"}, {"in", "header"}};
  }
  if (!security.empty())
    op["security"] = security;
}

} // namespace cfnlocal::transforms::sam
