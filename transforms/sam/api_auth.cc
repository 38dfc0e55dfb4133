#include "transforms/sam/api.h"

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
    throw InvalidResource{api_id, "Authorizer " + name + " must be a dictionary."};
  const Json &identity = get(auth, "Identity");
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
      if (list.is_array())
        for (const auto &x : list) {
          if (!x.is_string())
            throw InvalidResource{api_id, std::string("Property 'Authorizers.") + name +
                                              ".Identity." + key + "[0]' should be a string."};
          parts.push_back(prefix + x.get<std::string>());
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
  if (body.contains("securityDefinitions") && !body["securityDefinitions"].is_object())
    throw InvalidTemplate{"securityDefinitions must be a dictionary."};
  Json &defs = body["securityDefinitions"];
  bool added = false;
  if (authorizers.is_object()) {
    for (auto it = authorizers.begin(); it != authorizers.end(); ++it) {
      defs[it.key()] = security_scheme(ctx, api_id, it.key(), it.value());
      added = true;
      if (it->is_object() && has(*it, "FunctionArn")) {
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
  const Json &api_auth = get(api_props, "Auth");
  const Json &event_auth = get(ev.props, "Auth");
  const Json &authorizers = get(api_auth, "Authorizers");
  Json default_auth = get(api_auth, "DefaultAuthorizer");
  Json security = Json::array();
  Json authorizer = get(event_auth, "Authorizer");
  std::string method_name = method == "x-amazon-apigateway-any-method" ? "any" : method;
  if (!authorizer.is_null()) {
    if (!authorizer.is_string())
      throw InvalidEvent{ev.event_id, "Property 'Auth.Authorizer' should be a string."};
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
  } else {
    authorizer = default_auth;
  }
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
      const Json &invoke_role =
          has(event_auth, "InvokeRole") ? event_auth["InvokeRole"] : get(api_auth, "InvokeRole");
      if (invoke_role.is_null() || invoke_role == "CALLER_CREDENTIALS")
        op["x-amazon-apigateway-integration"]["credentials"] =
            "arn:" + ctx.partition + ":iam::*:user/*";
      else if (invoke_role != "NONE")
        op["x-amazon-apigateway-integration"]["credentials"] = invoke_role;
    }
  }
  Json api_key = has(event_auth, "ApiKeyRequired") ? event_auth["ApiKeyRequired"]
                                                   : get(api_auth, "ApiKeyRequired");
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
