#include "transforms/sam/api.h"

#include <algorithm>
#include <map>

namespace cfnlocal::transforms::sam {

namespace {

bool is_api_event(const Json &event, const char *type) {
  return event.is_object() && get(event, "Type") == type;
}

Json default_swagger() {
  return Json{{"swagger", "2.0"},
              {"info", Json{{"version", "1.0"}, {"title", make_ref("AWS::StackName")}}},
              {"paths", Json::object()}};
}

Json default_openapi() {
  return Json{{"openapi", "3.0.1"},
              {"info", Json{{"version", "1.0"}, {"title", make_ref("AWS::StackName")}}},
              {"paths", Json::object()}};
}

Json make_if(const Json &condition, const Json &value) {
  return Json{{"Fn::If", Json::array({condition, value, make_ref("AWS::NoValue")})}};
}

/// OverrideApiAuth on an event of an API with the user's own definition: the event's authorizer
/// and api key join the security of the existing operation.
void override_method_auth(Context &ctx, EventContext &ev, Json &api_props, const std::string &path,
                          const std::string &method, const Json &stage) {
  const Json &event_auth = get(ev.props, "Auth");
  Json &body = api_props["DefinitionBody"];
  Json &item = body["paths"][path];
  if (!item.is_object())
    throw InvalidTemplate{"Value of '" + path +
                          "' path must be a dictionary according to Swagger spec."};
  const Json &authorizer = get(event_auth, "Authorizer");
  Json scopes = get(event_auth, "AuthorizationScopes");
  if (scopes.is_null() && authorizer.is_string())
    scopes = get(get(get(get(api_props, "Auth"), "Authorizers"), authorizer.get<std::string>()),
                 "AuthorizationScopes");
  for (Json *variant : if_variants(item)) {
    if (!variant->contains(method))
      continue;
    for (Json *op : if_variants((*variant)[method])) {
      Json security = get(*op, "security").is_array() ? (*op)["security"] : Json::array();
      if (authorizer.is_string())
        security.push_back(
            Json{{authorizer.get<std::string>(), scopes.is_array() ? scopes : Json::array()}});
      if (get(event_auth, "ApiKeyRequired") == true)
        security.push_back(Json{{"api_key", Json::array()}});
      (*op)["security"] = security;
    }
  }
  const Json &resource_policy = get(event_auth, "ResourcePolicy");
  if (!resource_policy.is_null())
    add_resource_policy(ctx, resource_policy, body, &path, &method, stage, true);
}

/// The implicit API plugins' checks of a function's Api (REST) or HttpApi event. Returns the
/// event's first problem, or "".
std::string api_event_problem(const Context &ctx, const Json &event, bool rest) {
  const Json &props = get(event, "Properties");
  if (!props.is_null() && !props.is_object())
    return "Properties should be a map.";
  const Json &path = get(props, "Path"), &method = get(props, "Method");
  if (rest) {
    if (path.is_null())
      return "Property 'Path' is required.";
    if (method.is_null())
      return "Property 'Method' is required.";
  } else if (path.is_null() != method.is_null()) {
    return path.is_null() ? "Property 'Path' is required." : "Property 'Method' is required.";
  }
  if (!path.is_null() && !path.is_string())
    return "Property 'Path' should be a string.";
  if (!method.is_null() && !method.is_string())
    return "Property 'Method' should be a string.";
  const char *key = rest ? "RestApiId" : "ApiId";
  if (has(props, key)) {
    const Json &api = props[key];
    if (!api.is_string() && !(is_ref(api) && api["Ref"].is_string()))
      return std::string("Property '") + key + "' should be a string.";
    std::string target = api.is_string() ? api.get<std::string>() : api["Ref"].get<std::string>();
    // Only a reference to nothing or to the other kind of API is caught here; other resource
    // types are reported when the event is translated.
    const char *type = rest ? "AWS::Serverless::Api" : "AWS::Serverless::HttpApi";
    const char *other = rest ? "AWS::Serverless::HttpApi" : "AWS::Serverless::Api";
    if (!ctx.resource(target) || ctx.type_of(target) == other)
      return std::string(key) + " must be a valid reference to an '" + type +
             "' resource in same template.";
  }
  if (!rest && has(props, "RouteSettings") && !props["RouteSettings"].is_object())
    return "Property 'RouteSettings' should be a map.";
  return "";
}

/// Runs those checks over every function, REST events first; problems abort the translation
/// before any resource is translated, as the translator's plugins do (one error per function,
/// in logical ID order).
void check_api_events(const Context &ctx) {
  const Json &resources = get(ctx.tmpl, "Resources");
  for (bool rest : {true, false}) {
    std::map<std::string, std::string> problems;
    for (auto it = resources.begin(); it != resources.end(); ++it) {
      if (get(*it, "Type") != "AWS::Serverless::Function")
        continue;
      const Json &events = get(get(*it, "Properties"), "Events");
      if (!events.is_object())
        continue;
      for (auto e = events.begin(); e != events.end(); ++e) {
        if (!is_api_event(*e, rest ? "Api" : "HttpApi"))
          continue;
        std::string problem = api_event_problem(ctx, *e, rest);
        if (!problem.empty()) {
          problems.emplace(it.key(), "Resource with id [" + it.key() +
                                         "] is invalid. Event with id [" + e.key() +
                                         "] is invalid. " + problem);
          break;
        }
      }
    }
    if (problems.empty())
      continue;
    std::string message =
        "Invalid Serverless Application Specification document. Number of errors found: " +
        std::to_string(problems.size()) + ".";
    for (const auto &[id, text] : problems)
      message += " " + text;
    throw SamError(message);
  }
}

} // namespace

std::string swagger_method(const std::string &method) {
  std::string m = method;
  std::transform(m.begin(), m.end(), m.begin(), [](unsigned char c) { return std::tolower(c); });
  return m == "any" ? "x-amazon-apigateway-any-method" : m;
}

void add_implicit_apis(Context &ctx) {
  // API translators add conditions (implicit API, conditional paths, shared usage plans) while
  // the translator holds references into the template: the section exists from the start (the
  // translator drops it again when it stays empty and the input had none).
  check_api_events(ctx);
  if (!ctx.tmpl.contains("Conditions"))
    ctx.tmpl["Conditions"] = Json::object();
  Json &resources = ctx.resources();
  bool need_rest = false, need_http = false;
  std::vector<std::string> rest_users, http_users;
  // The implicit REST API exists under the conditions of the functions that use it (when all of
  // them have one) and keeps the strongest deletion policies they ask for.
  std::vector<std::string> rest_conditions, http_conditions;
  bool rest_unconditional = false, http_unconditional = false;
  Json rest_policies = Json::object(), http_policies = Json::object();
  for (auto it = resources.begin(); it != resources.end(); ++it) {
    Json &r = it.value();
    if (get(r, "Type") != "AWS::Serverless::Function" &&
        get(r, "Type") != "AWS::Serverless::StateMachine")
      continue;
    bool uses_rest = false, uses_http = false;
    Json &props = r["Properties"];
    if (!props.is_object() || !get(props, "Events").is_object())
      continue;
    for (auto e = props["Events"].begin(); e != props["Events"].end(); ++e) {
      if (is_api_event(*e, "HttpApi") && get(r, "Type") == "AWS::Serverless::Function") {
        if (!e->contains("Properties") || (*e)["Properties"].is_null())
          (*e)["Properties"] = Json::object();
        Json &hp = (*e)["Properties"];
        if (hp.is_object() && !hp.contains("ApiId")) {
          hp["ApiId"] = make_ref("ServerlessHttpApi");
          need_http = true;
          uses_http = true;
        }
        continue;
      }
      if (!is_api_event(*e, "Api"))
        continue;
      Json &ep = (*e)["Properties"];
      if (!ep.is_object())
        continue;
      if (!ep.contains("RestApiId")) {
        ep["RestApiId"] = make_ref("ServerlessRestApi");
        need_rest = true;
        uses_rest = true;
      }
    }
    // The implicit HTTP API likewise exists under its functions' conditions.
    if (uses_http)
      http_users.push_back(it.key());
    if (uses_rest)
      rest_users.push_back(it.key());
    if (uses_http) {
      const Json &c = get(r, "Condition");
      if (c.is_string()) {
        if (std::find(http_conditions.begin(), http_conditions.end(), c.get<std::string>()) ==
            http_conditions.end())
          http_conditions.push_back(c.get<std::string>());
      } else {
        http_unconditional = true;
      }
      for (const char *k : {"DeletionPolicy", "UpdateReplacePolicy"}) {
        Json v = stronger_policy(get(http_policies, k), get(r, k));
        if (!v.is_null())
          http_policies[k] = v;
      }
    }
    if (uses_rest) {
      const Json &c = get(r, "Condition");
      if (c.is_string()) {
        if (std::find(rest_conditions.begin(), rest_conditions.end(), c.get<std::string>()) ==
            rest_conditions.end())
          rest_conditions.push_back(c.get<std::string>());
      } else {
        rest_unconditional = true;
      }
      for (const char *k : {"DeletionPolicy", "UpdateReplacePolicy"}) {
        Json v = stronger_policy(get(rest_policies, k), get(r, k));
        if (!v.is_null())
          rest_policies[k] = v;
      }
    }
  }
  // Explicit APIs without a definition get a managed one that their events fill in.
  for (auto it = resources.begin(); it != resources.end(); ++it) {
    Json &r = it.value();
    if (get(r, "Type") != "AWS::Serverless::Api")
      continue;
    if (!r.contains("Properties") || r["Properties"].is_null())
      r["Properties"] = Json::object();
    if (!r["Properties"].is_object())
      throw InvalidResource{it.key(), "Attribute 'Properties' should be a map."};
    Json &props = r["Properties"];
    if (props.is_object() && !props.contains("DefinitionBody") &&
        !props.contains("DefinitionUri")) {
      props["DefinitionBody"] = default_swagger();
      props["__MANAGE_SWAGGER"] = true;
    }
  }
  for (auto it = resources.begin(); it != resources.end(); ++it) {
    Json &r = it.value();
    if (get(r, "Type") != "AWS::Serverless::HttpApi")
      continue;
    if (!r.contains("Properties") || r["Properties"].is_null())
      r["Properties"] = Json::object();
    Json &props = r["Properties"];
    if (props.is_object() && !props.contains("DefinitionBody") &&
        !props.contains("DefinitionUri")) {
      props["DefinitionBody"] = default_openapi();
      props["__MANAGE_SWAGGER"] = true;
    }
  }
  if (need_http && !resources.contains("ServerlessHttpApi")) {
    Json props = Json{{"__MANAGE_SWAGGER", true}, {"DefinitionBody", default_openapi()}};
    Json api = Json{{"Type", "AWS::Serverless::HttpApi"}, {"Properties", props}};
    if (!http_unconditional && !http_conditions.empty())
      api["Condition"] = combined_condition(ctx, "ServerlessHttpApiCondition", http_conditions);
    for (auto it = http_policies.begin(); it != http_policies.end(); ++it)
      api[it.key()] = it.value();
    resources["ServerlessHttpApi"] = api;
    ctx.implicit_api_users["ServerlessHttpApi"] = http_users;
  }
  if (need_rest) {
    // A user resource of another type under the implicit API's name gives way to it.
    if (resources.contains("ServerlessRestApi") &&
        get(resources["ServerlessRestApi"], "Type") == "AWS::Serverless::Api")
      return;
    Json props = Json{
        {"__MANAGE_SWAGGER", true}, {"DefinitionBody", default_swagger()}, {"StageName", "Prod"}};
    Json api = Json{{"Type", "AWS::Serverless::Api"}, {"Properties", props}};
    if (!rest_unconditional && !rest_conditions.empty())
      api["Condition"] = combined_condition(ctx, "ServerlessRestApiCondition", rest_conditions);
    for (auto it = rest_policies.begin(); it != rest_policies.end(); ++it)
      api[it.key()] = it.value();
    ctx.resources()["ServerlessRestApi"] = api;
    ctx.implicit_api_users["ServerlessRestApi"] = rest_users;
  }
}

void translate_api_event(EventContext &ev) {
  Context &ctx = ev.ctx;
  const Json &api = get(ev.props, "RestApiId");
  const Json &path = get(ev.props, "Path");
  const Json &method = get(ev.props, "Method");
  if (path.is_null())
    throw InvalidEvent{ev.event_id, "Property 'Path' is required."};
  if (method.is_null())
    throw InvalidEvent{ev.event_id, "Property 'Method' is required."};
  if (!api.is_string() && !is_ref(api))
    throw InvalidEvent{ev.event_id, "Property 'RestApiId' should be a string."};
  std::string api_id;
  if (is_ref(api) && api["Ref"].is_string())
    api_id = api["Ref"].get<std::string>();
  else if (api.is_string())
    api_id = api.get<std::string>();
  const Json *api_resource = api_id.empty() ? nullptr : ctx.resource(api_id);
  if ((!api_resource || get(*api_resource, "Type") != "AWS::Serverless::Api"))
    throw InvalidEvent{ev.event_id, "RestApiId must be a valid reference to an "
                                    "'AWS::Serverless::Api' resource in same template."};
  if (!path.is_string())
    throw InvalidEvent{ev.event_id, "Property 'Path' should be a string."};
  if (!method.is_string())
    throw InvalidEvent{ev.event_id, "Property 'Method' should be a string."};
  std::string path_s = path.get<std::string>(), method_s = method.get<std::string>();

  // Permission for the method's ARN (any stage).
  std::string upper = method_s;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  if (upper == "ANY")
    upper = "*";
  std::string arn_path = path_s;
  // Path parameters become wildcards in the execute-api ARN.
  std::string wildcard;
  for (size_t i = 0; i < arn_path.size();) {
    if (arn_path[i] == '{') {
      size_t end = arn_path.find('}', i);
      if (end == std::string::npos) {
        wildcard += arn_path.substr(i);
        break;
      }
      std::string inner = arn_path.substr(i + 1, end - i - 1);
      if (!inner.empty() && inner.back() == '+')
        inner.pop_back();
      bool name_ok = !inner.empty() && std::all_of(inner.begin(), inner.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-' || c == '.';
      });
      wildcard += name_ok ? std::string("*") : arn_path.substr(i, end - i + 1);
      i = end + 1;
    } else {
      wildcard += arn_path[i++];
    }
  }
  Json stage = api_resource ? get(get(*api_resource, "Properties"), "StageName") : Json();
  std::string suffix = stage.is_string() ? stage.get<std::string>() : "Stage";
  if (!suffix.empty() && !is_alnum_id(suffix))
    suffix = logical_id_hash(suffix);
  if (api_id.empty())
    suffix = "Stage";
  Json source_arn =
      make_sub(literal_arn_prefix(ctx) +
                   ":execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/" +
                   upper + wildcard,
               Json{{"__ApiId__", api}, {"__Stage__", "*"}});
  ev.add(ev.logical_id + "Permission" + suffix,
         lambda_permission(ev.target, "apigateway.amazonaws.com", source_arn));

  if (!api_resource)
    return;
  Json &api_props = ctx.resources()[api_id]["Properties"];
  std::string m = swagger_method(method_s);
  const Json &event_auth = get(ev.props, "Auth");
  if (get(event_auth, "OverrideApiAuth") == true && !has(event_auth, "Authorizer") &&
      get(event_auth, "ApiKeyRequired") != true && !has(event_auth, "ResourcePolicy"))
    throw InvalidEvent{ev.event_id, "Must define one of: Authorizer, ApiKeyRequired or "
                                    "ResourcePolicy when using the OverrideApiAuth property."};
  // Events write into the managed document, or into the user's when MergeDefinitions is set.
  bool merge = !get(api_props, "__MANAGE_SWAGGER").is_boolean();
  if (merge && (get(api_props, "MergeDefinitions") != true ||
                !get(get(api_props, "DefinitionBody"), "paths").is_object())) {
    if (get(event_auth, "OverrideApiAuth") == true && get(api_props, "DefinitionBody").is_object())
      override_method_auth(ctx, ev, api_props, path_s, m, stage.is_null() ? Json("Prod") : stage);
    return;
  }
  if (!merge) {
    const Json &existing = get(get(get(api_props, "DefinitionBody"), "paths"), path_s);
    if (existing.is_object() && existing.contains(m))
      throw InvalidEvent{ev.event_id, "API method \"" + method_s +
                                          "\" defined multiple times for path \"" + path_s + "\"."};
  }
  Json arn_text = ev.target.arn;
  std::string ref_text =
      is_ref(arn_text) ? arn_text["Ref"].get<std::string>() : ev.target.id + ".Arn";
  // A streaming response calls Lambda's response-streaming invocation API.
  bool streaming = get(ev.props, "ResponseTransferMode") == "RESPONSE_STREAM";
  Json integration =
      Json{{"type", "aws_proxy"},
           {"httpMethod", "POST"},
           {"uri", make_sub(literal_arn_prefix(ctx) + ":apigateway:${AWS::Region}:lambda:path/" +
                            (streaming ? "2021-11-15" : "2015-03-31") + "/functions/${" + ref_text +
                            (streaming ? "}/response-streaming-invocations" : "}/invocations"))}};
  if (streaming)
    integration["responseTransferMode"] = "STREAM";
  if (has(ev.props, "TimeoutInMillis"))
    integration["timeoutInMillis"] = ev.props["TimeoutInMillis"];
  Json op = Json{{"x-amazon-apigateway-integration", integration}, {"responses", Json::object()}};
  if (has(ev.props, "RequestParameters")) {
    const Json &rp = ev.props["RequestParameters"];
    if (!rp.is_array())
      throw InvalidEvent{ev.event_id, "Property 'RequestParameters' should be a list."};
    Json params = Json::array(), cache_keys = Json::array();
    for (const auto &entry : rp) {
      std::string key;
      Json settings = Json::object();
      if (entry.is_string()) {
        key = entry.get<std::string>();
      } else if (entry.is_object() && entry.size() == 1) {
        key = entry.begin().key();
        settings = entry.begin().value();
        bool settings_ok = settings.is_object();
        if (settings_ok)
          for (auto k = settings.begin(); k != settings.end(); ++k)
            if (k.key() != "Required" && k.key() != "Caching")
              settings_ok = false;
        if (!settings_ok)
          throw InvalidEvent{ev.event_id, "Invalid value for 'RequestParameters' property. Values "
                                          "must be an object, e.g { Required: true, Caching: "
                                          "false }"};
      } else if (!entry.is_object()) {
        throw InvalidEvent{ev.event_id, "Invalid value for 'RequestParameters' property. Property "
                                        "must be either a string or an object"};
      } else {
        throw InvalidEvent{
            ev.event_id,
            "Invalid value for 'RequestParameters' property. Keys must be in the format "
            "'method.request.[querystring|path|header].{value}', e.g "
            "'method.request.header.Authorization'."};
      }
      std::string in, name;
      for (auto [prefix, where] : {std::pair{"method.request.header.", "header"},
                                   std::pair{"method.request.querystring.", "query"},
                                   std::pair{"method.request.path.", "path"}})
        if (key.rfind(prefix, 0) == 0) {
          in = where;
          name = key.substr(std::string(prefix).size());
        }
      if (in.empty() || name.empty())
        throw InvalidEvent{
            ev.event_id,
            "Invalid value for 'RequestParameters' property. Keys must be in the format "
            "'method.request.[querystring|path|header].{value}', e.g "
            "'method.request.header.Authorization'."};
      Json required = settings.is_object() && settings.contains("Required") ? settings["Required"]
                                                                            : Json(false);
      params.push_back(
          Json{{"in", in}, {"name", name}, {"required", required}, {"type", "string"}});
      if (settings.is_object() && settings.contains("Caching") && settings["Caching"] == true)
        cache_keys.push_back(key);
    }
    op["parameters"] = params;
    if (!cache_keys.empty())
      op["x-amazon-apigateway-integration"]["cacheKeyParameters"] = cache_keys;
  }
  if (has(ev.props, "RequestModel")) {
    const Json &rm = ev.props["RequestModel"];
    const Json &model = get(rm, "Model");
    const Json &models = get(api_props, "Models");
    std::string method_name = m == "x-amazon-apigateway-any-method" ? "any" : m;
    std::string model_text = model.is_string() ? model.get<std::string>() : python_repr(model);
    std::string where = " on API method [" + method_name + "] for path [" + path_s + "] because ";
    if (models.is_null())
      throw InvalidEvent{ev.event_id, "Unable to set RequestModel [" + model_text + "]" + where +
                                          "the related API does not define any Models."};
    if (!models.is_object())
      throw InvalidEvent{ev.event_id, "Unable to set RequestModel [" + model_text + "]" + where +
                                          "the related API Models defined is of invalid type."};
    if (!model.is_string())
      throw InvalidEvent{ev.event_id, "Unable to set RequestModel [" + model_text + "]" + where +
                                          "the related API does not contain valid Models."};
    if (!models.contains(model_text))
      throw InvalidEvent{ev.event_id, "Unable to set RequestModel [" + model_text + "]" + where +
                                          "it wasn't defined in the API's Models."};
    std::string lower = model_text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    Json param =
        Json{{"in", "body"}, {"name", lower}, {"schema", Json{{"$ref", "#/definitions/" + lower}}}};
    if (has(rm, "Required"))
      param["required"] = rm["Required"];
    if (!op.contains("parameters"))
      op["parameters"] = Json::array();
    op["parameters"].push_back(param);
    if (has(rm, "ValidateBody") || has(rm, "ValidateParameters")) {
      const Json &body_check = get(rm, "ValidateBody");
      const Json &params_check = get(rm, "ValidateParameters");
      if ((!body_check.is_null() && !body_check.is_boolean()) ||
          (!params_check.is_null() && !params_check.is_boolean()))
        throw InvalidEvent{ev.event_id, "Unable to set Validator to RequestModel [" + model_text +
                                            "] on API method [" + method_name + "] for path [" +
                                            path_s +
                                            "] ValidateBody and ValidateParameters must be a "
                                            "boolean type, strings or intrinsics are not "
                                            "supported."};
      bool validate_body = body_check == true, validate_params = params_check == true;
      std::string name = validate_body && validate_params ? "body-and-params"
                         : validate_body                  ? "body-only"
                         : validate_params                ? "params-only"
                                                          : "no-validation";
      api_props["DefinitionBody"]["x-amazon-apigateway-request-validators"][name] = Json{
          {"validateRequestBody", validate_body}, {"validateRequestParameters", validate_params}};
      op["x-amazon-apigateway-request-validator"] = name;
    }
  }
  apply_method_auth(ctx, ev, api_id, api_props, path_s, m, op);
  // Taken after the auth pass: inserting members into an ordered_json moves its siblings.
  const Json &condition = get(ev.target.attributes, "Condition");
  Json &path_conditions = api_props["__PATH_CONDITIONS"][path_s];
  if (condition.is_string()) {
    Json &uri = op["x-amazon-apigateway-integration"]["uri"];
    uri = make_if(condition, uri);
    op = make_if(condition, op);
    if (!path_conditions.contains("conditions"))
      path_conditions["conditions"] = Json::array();
    path_conditions["conditions"].push_back(condition);
  } else {
    path_conditions["unconditional"] = true;
  }
  Json &path_item = api_props["DefinitionBody"]["paths"][path_s];
  if (path_item.is_null())
    path_item = Json::object();
  if (merge && path_item.is_object() && get(path_item, m).is_object() && op.is_object()) {
    // Merged into the user's operation: the generated members replace theirs.
    for (auto it = op.begin(); it != op.end(); ++it)
      path_item[m][it.key()] = it.value();
  } else {
    path_item[m] = op;
  }
  const Json &resource_policy = get(get(ev.props, "Auth"), "ResourcePolicy");
  if (!resource_policy.is_null())
    add_resource_policy(ctx, resource_policy, api_props["DefinitionBody"], &path_s, &m,
                        stage.is_null() ? Json("Prod") : stage, true);
}

} // namespace cfnlocal::transforms::sam
