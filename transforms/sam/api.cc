#include "transforms/sam/api.h"
#include "transforms/sam/function_parts.h"

#include <algorithm>
#include <functional>
#include <regex>
#include <set>

namespace cfnlocal::transforms::sam {

namespace {

const std::set<std::string> &api_properties() {
  static const std::set<std::string> names = {"Name",
                                              "StageName",
                                              "Tags",
                                              "DefinitionBody",
                                              "DefinitionUri",
                                              "MergeDefinitions",
                                              "CacheClusterEnabled",
                                              "CacheClusterSize",
                                              "Variables",
                                              "EndpointConfiguration",
                                              "MethodSettings",
                                              "BinaryMediaTypes",
                                              "MinimumCompressionSize",
                                              "Cors",
                                              "Auth",
                                              "GatewayResponses",
                                              "AccessLogSetting",
                                              "CanarySetting",
                                              "TracingEnabled",
                                              "OpenApiVersion",
                                              "Models",
                                              "Domain",
                                              "Description",
                                              "Mode",
                                              "DisableExecuteApiEndpoint",
                                              "ApiKeySourceType",
                                              "AlwaysDeploy",
                                              "FailOnWarnings",
                                              "PropagateTags",
                                              "SecurityPolicy",
                                              "EndpointAccessMode",
                                              "Policy",
                                              "__MANAGE_SWAGGER",
                                              "__PATH_CONDITIONS",
                                              "__API_KEY_OPT_OUTS"};
  return names;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::string cors_methods(const Json &path_item) {
  std::set<std::string> methods;
  for (auto it = path_item.begin(); it != path_item.end(); ++it) {
    std::string m = it.key();
    if (m == "x-amazon-apigateway-any-method") {
      for (const char *x : {"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"})
        methods.insert(x);
    } else if (m == "parameters" || m.rfind("x-", 0) == 0 || m == "summary" || m == "description" ||
               m == "servers") {
      continue;
    } else {
      methods.insert(upper(m));
    }
  }
  methods.insert("OPTIONS");
  std::string out;
  for (const auto &m : methods)
    out += (out.empty() ? "" : ",") + m;
  return out;
}

Json open_api_version_body(Json body, const Json &version) {
  // OpenApiVersion 3.x turns the managed Swagger 2.0 document into OpenAPI 3.
  if (!version.is_string() && !version.is_number_float())
    return body;
  static const std::regex v3("^3\\.\\d+(\\.\\d+)?$");
  std::string v = version.is_string() ? version.get<std::string>() : python_json(version, false);
  if (!std::regex_match(v, v3))
    return body;
  body.erase("swagger");
  Json out = Json::object();
  out["openapi"] = v;
  for (auto it = body.begin(); it != body.end(); ++it)
    out[it.key()] = it.value();
  if (out.contains("securityDefinitions")) {
    out["components"]["securitySchemes"] = out["securityDefinitions"];
    out.erase("securityDefinitions");
  }
  if (out.contains("definitions")) {
    out["components"]["schemas"] = out["definitions"];
    out.erase("definitions");
  }
  // Body parameters become request bodies.
  if (out["paths"].is_object())
    for (auto &item : out["paths"])
      if (item.is_object())
        for (auto &op : item) {
          if (!op.is_object() || !op.contains("parameters") || !op["parameters"].is_array())
            continue;
          Json rest = Json::array();
          for (auto &p : op["parameters"]) {
            if (p.is_object() && p.value("in", "") == "body") {
              Json schema = p["schema"];
              if (schema.contains("$ref") && schema["$ref"].is_string()) {
                std::string ref = schema["$ref"].get<std::string>();
                if (ref.rfind("#/definitions/", 0) == 0)
                  schema["$ref"] = "#/components/schemas/" + ref.substr(14);
              }
              Json body = Json{{"content", Json{{"application/json", Json{{"schema", schema}}}}}};
              if (p.contains("required"))
                body["required"] = p["required"];
              op["requestBody"] = body;
            } else {
              rest.push_back(p);
            }
          }
          if (rest.empty())
            op.erase("parameters");
          else
            op["parameters"] = rest;
        }
  // Header definitions of responses move under "schema".
  if (out["paths"].is_object())
    for (auto &item : out["paths"])
      if (item.is_object())
        for (auto &op : item)
          if (op.is_object() && op.contains("responses") && op["responses"].is_object())
            for (auto &resp : op["responses"])
              if (resp.is_object() && resp.contains("headers") && resp["headers"].is_object())
                for (auto &h : resp["headers"])
                  if (h.is_object() && h.contains("type") && !h.contains("schema")) {
                    Json t = h["type"];
                    h.erase("type");
                    h["schema"] = Json{{"type", t}};
                  }
  return out;
}

/// GatewayResponses: the x-amazon-apigateway-gateway-responses extension of the body.
Json gateway_responses(const std::string &id, const Json &responses) {
  if (!responses.is_object())
    throw InvalidResource{
        id, "Invalid property type '" + python_type_name(responses) +
                "' for GatewayResponses. Expected an object of type 'GatewayResponse'."};
  if (is_intrinsic(responses))
    throw InvalidResource{id, "Unable to set GatewayResponses attribute because intrinsic "
                              "functions are not supported for this field."};
  Json out = Json::object();
  for (auto it = responses.begin(); it != responses.end(); ++it) {
    const Json &r = it.value();
    if (is_intrinsic(r))
      throw InvalidResource{id, "Unable to set GatewayResponses attribute because intrinsic "
                                "functions are not supported for this field."};
    if (!r.is_object())
      throw InvalidResource{
          id, "Invalid property type '" + python_type_name(r) +
                  "' for GatewayResponses. Expected an object of type 'GatewayResponse'."};
    for (auto k = r.begin(); k != r.end(); ++k)
      if (k.key() != "ResponseParameters" && k.key() != "ResponseTemplates" &&
          k.key() != "StatusCode")
        throw InvalidResource{id, "Invalid property '" + k.key() +
                                      "' in 'GatewayResponses' property '" + it.key() + "'."};
    Json params = Json::object();
    if (r.contains("ResponseParameters")) {
      const Json &rp = r["ResponseParameters"];
      if (!rp.is_object())
        throw InvalidResource{id, "Property 'GatewayResponses." + it.key() +
                                      ".ResponseParameters' should be a map."};
      for (auto g = rp.begin(); g != rp.end(); ++g) {
        std::string prefix;
        if (g.key() == "Headers")
          prefix = "gatewayresponse.header.";
        else if (g.key() == "Paths")
          prefix = "gatewayresponse.path.";
        else if (g.key() == "QueryStrings")
          prefix = "gatewayresponse.querystring.";
        else
          throw InvalidResource{id, "Invalid gateway response parameter '" + g.key() + "'"};
        if (g->is_object())
          for (auto v = g->begin(); v != g->end(); ++v)
            params[prefix + v.key()] = v.value();
      }
    }
    Json entry = Json{{"responseParameters", params},
                      {"responseTemplates",
                       r.contains("ResponseTemplates") ? r["ResponseTemplates"] : Json::object()}};
    if (r.contains("StatusCode")) {
      const Json &code = r["StatusCode"];
      if (code.is_number_integer())
        entry["statusCode"] = std::to_string(code.get<int64_t>());
      else if (code.is_string() && !code.get_ref<const std::string &>().empty() &&
               std::all_of(code.get_ref<const std::string &>().begin(),
                           code.get_ref<const std::string &>().end(),
                           [](unsigned char c) { return std::isdigit(c) != 0; }))
        entry["statusCode"] = code;
      else
        throw InvalidResource{id, "Property 'StatusCode' must be numeric"};
    }
    out[it.key()] = entry;
  }
  return out;
}

/// In a user's OpenAPI 3 document, Swagger-style securityDefinitions and definitions (the user's
/// or the ones Auth and Models added) move under components.
void move_openapi3_definitions(Json &body) {
  static const std::regex v3("^3\\.\\d+(\\.\\d+)?$");
  const Json &version = get(body, "openapi");
  if (!version.is_string() || !std::regex_match(version.get<std::string>(), v3))
    return;
  // A document that also names a swagger version (any value) stays a Swagger document.
  if (!get(body, "swagger").is_null())
    return;
  for (auto [from, to] :
       {std::pair{"securityDefinitions", "securitySchemes"}, std::pair{"definitions", "schemas"}}) {
    if (!body.contains(from))
      continue;
    if (!body["components"].is_object())
      body["components"] = Json::object();
    body["components"][to] = body[from];
    body.erase(from);
  }
}

/// With OpenApiVersion 3, the translator revisits the user's document: paths must be maps, and
/// the responses of OPTIONS methods (and their headers) too.
void check_openapi3_preflight_responses(Json &body) {
  validate_swagger_paths(body);
  Json &paths = body["paths"];
  if (!paths.is_object())
    return;
  for (auto p = paths.begin(); p != paths.end(); ++p)
    for (Json *item : if_variants(*p)) {
      const Json &options = get(*item, "options");
      if (!options.is_object() || !options.contains("responses"))
        continue;
      const Json &responses = options["responses"];
      if (!responses.is_object())
        throw InvalidTemplate{"Invalid responses in options method for path " + p.key() +
                              ": It should be a map."};
      for (const auto &response : responses)
        if (response.is_object() && response.contains("headers") &&
            !response["headers"].is_object())
          throw InvalidTemplate{"Value of response's headers in options method for path " +
                                p.key() + " must be a dictionary according to Swagger spec."};
    }
}

/// DisableExecuteApiEndpoint lives in the definition: the endpoint configuration extension of a
/// Swagger 2.0 document, or of every server of an OpenAPI 3 document.
void disable_execute_api_endpoint(const Json &value, Json &body) {
  if (!get(body, "paths").is_object() || !(has(body, "swagger") || has(body, "openapi")))
    throw InvalidTemplate{"Invalid Swagger document or the Swagger document is not explicitly "
                          "defined in 'DefinitionBody'."};
  const char *key = "x-amazon-apigateway-endpoint-configuration";
  if (has(body, "openapi")) {
    if (!body["servers"].is_array() || body["servers"].empty())
      body["servers"] = Json::array({Json::object()});
    for (size_t i = 0; i < body["servers"].size(); ++i) {
      Json &server = body["servers"][i];
      if (!server.is_object())
        continue;
      if (server.contains(key) && !server[key].is_object())
        throw InvalidTemplate{"Invalid OpenAPI definition of 'servers[" + std::to_string(i) +
                              "]': The value of '" + key + "' should be a map."};
      server[key]["disableExecuteApiEndpoint"] = value;
    }
    return;
  }
  if (body.contains(key) && !body[key].is_object())
    throw InvalidTemplate{std::string("Invalid OpenAPI definition: The value of '") + key +
                          "' should be a map."};
  body[key]["disableExecuteApiEndpoint"] = value;
}

} // namespace

void add_cors(const std::string &api_id, const Json &cors, Json &body, bool openapi3,
              bool nested_schema) {
  Json allow_origin, allow_headers, allow_methods, max_age, allow_credentials;
  if (cors.is_string() || is_intrinsic(cors)) {
    allow_origin = cors;
  } else if (cors.is_object()) {
    static const std::set<std::string> keys = {"AllowMethods", "AllowHeaders", "AllowOrigin",
                                               "MaxAge", "AllowCredentials"};
    for (auto it = cors.begin(); it != cors.end(); ++it)
      if (!keys.count(it.key()))
        throw InvalidResource{api_id, "Invalid key '" + it.key() + "' for 'Cors' property."};
    allow_origin = get(cors, "AllowOrigin");
    allow_headers = get(cors, "AllowHeaders");
    allow_methods = get(cors, "AllowMethods");
    max_age = get(cors, "MaxAge");
    allow_credentials = get(cors, "AllowCredentials");
    if (allow_origin.is_null())
      allow_origin = "'*'";
    if (allow_origin == "")
      throw InvalidResource{api_id, "Structure of the SAM template is invalid. Invalid input. "
                                    "Value for AllowedOrigins is required"};
  } else {
    throw InvalidResource{api_id, "Invalid value for 'Cors' property"};
  }
  if (allow_credentials.is_boolean() && allow_credentials.get<bool>() && allow_origin == "'*'")
    throw InvalidResource{
        api_id, "Unable to add Cors configuration because 'AllowCredentials' can not be true when "
                "'AllowOrigin' is \"'*'\" or not set"};
  Json &paths = body["paths"];
  if (!paths.is_object())
    return;
  std::vector<Json *> items;
  for (auto it = paths.begin(); it != paths.end(); ++it)
    for (Json *variant : if_variants(it.value()))
      items.push_back(variant);
  for (Json *variant : items) {
    Json &item = *variant;
    if (item.contains("options"))
      continue;
    auto typed = [&](const char *type) {
      Json t = Json{{"type", type}};
      if (openapi3)
        t = Json{{"schema", t}};
      if (openapi3 && nested_schema)
        t = Json{{"schema", t}};
      return t;
    };
    auto header = [&]() { return typed("string"); };
    Json headers = Json::object(), params = Json::object();
    if (!allow_credentials.is_null() && allow_credentials.is_boolean() &&
        allow_credentials.get<bool>()) {
      headers["Access-Control-Allow-Credentials"] = header();
      params["method.response.header.Access-Control-Allow-Credentials"] = "'true'";
    }
    if (!allow_headers.is_null()) {
      headers["Access-Control-Allow-Headers"] = header();
      params["method.response.header.Access-Control-Allow-Headers"] = allow_headers;
    }
    headers["Access-Control-Allow-Methods"] = header();
    params["method.response.header.Access-Control-Allow-Methods"] =
        allow_methods.is_null() ? Json("'" + cors_methods(item) + "'") : allow_methods;
    headers["Access-Control-Allow-Origin"] = header();
    params["method.response.header.Access-Control-Allow-Origin"] = allow_origin;
    if (!max_age.is_null()) {
      headers["Access-Control-Max-Age"] = typed("integer");
      params["method.response.header.Access-Control-Max-Age"] = max_age;
    }
    Json options = Json::object();
    options["summary"] = "CORS support";
    if (!openapi3) {
      options["consumes"] = Json::array({"application/json"});
      options["produces"] = Json::array({"application/json"});
    }
    options["responses"] = Json{
        {"200", Json{{"description", "Default response for CORS method"}, {"headers", headers}}}};
    options["x-amazon-apigateway-integration"] =
        Json{{"type", "mock"},
             {"requestTemplates", Json{{"application/json", "{\n  \"statusCode\" : 200\n}\n"}}},
             {"responses",
              Json{{"default", Json{{"statusCode", "200"},
                                    {"responseParameters", params},
                                    {"responseTemplates", Json{{"application/json", "{}\n"}}}}}}}};
    item["options"] = options;
  }
}

void translate_api(Context &ctx, const std::string &id, const Json &resource) {
  Json props = get(resource, "Properties").is_object() ? resource["Properties"] : Json::object();
  for (auto it = props.begin(); it != props.end(); ++it)
    if (!api_properties().count(it.key()))
      throw InvalidResource{id, "property " + it.key() +
                                    " not defined for resource of type AWS::Serverless::Api"};
  Json attributes = passthrough_attributes(resource);
  bool managed = get(props, "__MANAGE_SWAGGER").is_boolean();
  Json open_api_version = get(props, "OpenApiVersion");
  // OpenApiVersion may be written as a YAML number (3.0).
  bool openapi3 =
      (open_api_version.is_string() && open_api_version.get<std::string>().rfind("3.", 0) == 0) ||
      (open_api_version.is_number_float() &&
       python_json(open_api_version, false).rfind("3.", 0) == 0);

  if (has(props, "DefinitionBody") && has(props, "DefinitionUri"))
    throw InvalidResource{
        id, "Specify either 'DefinitionUri' or 'DefinitionBody' property and not both."};
  if (get(props, "MergeDefinitions") == true && has(props, "DefinitionUri"))
    throw InvalidResource{id, "Cannot set 'MergeDefinitions' to True when using `DefinitionUri`."};
  if (has(props, "Cors") && !has(props, "DefinitionBody"))
    throw InvalidResource{
        id, "Cors works only with inline Swagger specified in 'DefinitionBody' property."};
  // An empty OpenApiVersion counts as none.
  const bool open_api_version_given =
      has(props, "OpenApiVersion") && props["OpenApiVersion"] != "" && props["OpenApiVersion"] != 0;
  if (open_api_version_given) {
    const Json &v = props["OpenApiVersion"];
    if (!v.is_string() && !v.is_number())
      throw InvalidResource{id, "Property 'OpenApiVersion' should be a string."};
    static const std::regex ok("^(3\\.\\d+(\\.\\d+)?|2\\.0)$");
    std::string text = v.is_string() ? v.get<std::string>() : python_json(v, false);
    if (v.is_number_integer())
      throw InvalidResource{id, "Property 'OpenApiVersion' should be a string."};
    if (!std::regex_match(text, ok))
      throw InvalidResource{id, "The OpenApiVersion value must be of the format '3.0.0'."};
  }
  for (const char *k : {"FailOnWarnings", "DisableExecuteApiEndpoint"})
    if (has(props, k) && !props[k].is_boolean() && !is_intrinsic(props[k]))
      throw InvalidResource{id, std::string("Type of property '") + k + "' is invalid."};
  if (has(props, "Auth") && props["Auth"].is_object() && has(props["Auth"], "DefaultAuthorizer") &&
      !props["Auth"]["DefaultAuthorizer"].is_string())
    throw InvalidResource{id, "DefaultAuthorizer is not a string."};
  Json stage_name = props.contains("StageName") ? props["StageName"] : Json();
  if (stage_name.is_null())
    throw InvalidResource{id, "Missing required property 'StageName'."};
  if (stage_name.is_string() && stage_name.get<std::string>().empty())
    throw InvalidResource{id, "StageName cannot be empty."};

  Json rest = Json::object();
  Json body;
  if (has(props, "DefinitionBody")) {
    body = props["DefinitionBody"];
    if (!body.is_object())
      throw InvalidResource{id, "Property 'DefinitionBody' should be a map."};
  }
  if (body.is_null()) {
    if (has(props, "Auth"))
      throw InvalidResource{
          id, "Auth works only with inline Swagger specified in 'DefinitionBody' property."};
    if (has(props, "Models"))
      throw InvalidResource{
          id, "Models works only with inline Swagger specified in 'DefinitionBody' property."};
  } else {
    bool valid = get(body, "paths").is_object() && (has(body, "swagger") || has(body, "openapi"));
    if (!valid && has(props, "Auth"))
      throw InvalidResource{id, "Unable to add Auth configuration because 'DefinitionBody' does "
                                "not contain a valid Swagger definition."};
    if (!valid && has(props, "Models"))
      throw InvalidResource{id, "Unable to add Models definitions because 'DefinitionBody' does "
                                "not contain a valid Swagger definition."};
  }
  if (!body.is_null()) {
    for (const char *k : {"Auth", "Cors", "Models", "BinaryMediaTypes"})
      if (has(props, k))
        validate_swagger_paths(body);
    if (has(props, "Auth"))
      add_api_auth(ctx, id, props["Auth"], body, attributes);
    const Json &resource_policy = get(get(props, "Auth"), "ResourcePolicy");
    if (!resource_policy.is_null()) {
      std::vector<std::string> paths;
      if (get(body, "paths").is_object())
        for (auto it = body["paths"].begin(); it != body["paths"].end(); ++it)
          paths.push_back(it.key());
      for (const auto &p : paths)
        add_resource_policy(ctx, resource_policy, body, &p, nullptr, stage_name, false);
      add_resource_policy(ctx, resource_policy, body, nullptr, nullptr, stage_name, true);
    }
    if (has(props, "Models")) {
      const Json &models = props["Models"];
      if (!models.is_object())
        throw InvalidResource{id, "Property 'Models' should be a map."};
      for (auto it = models.begin(); it != models.end(); ++it) {
        if (!it->is_object())
          throw InvalidResource{id, "Invalid value for 'Models' property"};
        std::string lower = it.key();
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        body["definitions"][lower] = it.value();
      }
    }
    if (has(props, "GatewayResponses"))
      body["x-amazon-apigateway-gateway-responses"] =
          gateway_responses(id, props["GatewayResponses"]);
    if (has(props, "Cors")) {
      // The translator writes OpenAPI 3 preflight headers only into a document whose version
      // has three parts ("3.0.1"; "3.0" gets Swagger-style ones).
      static const std::regex full_version("^3\\.\\d+\\.\\d+$");
      bool document_openapi3 =
          managed ? openapi3
                  : get(body, "openapi").is_string() &&
                        std::regex_match(body["openapi"].get<std::string>(), full_version);
      add_cors(id, props["Cors"], body, document_openapi3,
               !managed && (has(props, "Auth") || has(props, "Models")));
    }
    if (has(props, "Auth"))
      apply_default_auth(props["Auth"], body, get(props, "__API_KEY_OPT_OUTS"));
    if (managed && !open_api_version.is_null())
      body = open_api_version_body(body, open_api_version);
    else if (!managed) {
      if (openapi3 && body.contains("openapi"))
        check_openapi3_preflight_responses(body);
      move_openapi3_definitions(body);
    }
    wrap_conditional_paths(ctx, id, get(props, "__PATH_CONDITIONS"), body);
    if (has(props, "DisableExecuteApiEndpoint"))
      disable_execute_api_endpoint(props["DisableExecuteApiEndpoint"], body);
    rest["Body"] = body;
  } else if (has(props, "DefinitionUri")) {
    rest["BodyS3Location"] =
        s3_location(id, "DefinitionUri", props["DefinitionUri"], "Bucket", "Key", "Version");
  }
  if (has(props, "Name"))
    rest["Name"] = props["Name"];
  if (has(props, "Description"))
    rest["Description"] = props["Description"];
  if (has(props, "EndpointConfiguration")) {
    const Json &ec = props["EndpointConfiguration"];
    if (ec.is_object() && !is_intrinsic(ec)) {
      Json out = Json::object();
      if (ec.contains("Type"))
        out["Types"] = Json::array({ec["Type"]});
      if (ec.contains("VPCEndpointIds") && ec.contains("VpcEndpointIds"))
        throw InvalidResource{id, "'VPCEndpointIds' and 'VpcEndpointIds' cannot be used together "
                                  "in EndpointConfiguration."};
      if (ec.contains("VPCEndpointIds"))
        out["VpcEndpointIds"] = ec["VPCEndpointIds"];
      if (ec.contains("VpcEndpointIds"))
        out["VpcEndpointIds"] = ec["VpcEndpointIds"];
      if (ec.contains("IpAddressType"))
        out["IpAddressType"] = ec["IpAddressType"];
      rest["EndpointConfiguration"] = out;
      if (ec.contains("Type"))
        rest["Parameters"] = Json{{"endpointConfigurationTypes", ec["Type"]}};
    } else {
      rest["EndpointConfiguration"] = Json{{"Types", Json::array({ec})}};
      rest["Parameters"] = Json{{"endpointConfigurationTypes", ec}};
    }
  } else if (ctx.partition != "aws") {
    rest["EndpointConfiguration"] = Json{{"Types", Json::array({"REGIONAL"})}};
    rest["Parameters"] = Json{{"endpointConfigurationTypes", "REGIONAL"}};
  }
  if (has(props, "BinaryMediaTypes")) {
    Json resolved = resolve_parameter_refs(props["BinaryMediaTypes"], ctx.params);
    // The RestApi property escapes "/" as "~1" (a JSON pointer segment); the body keeps them.
    std::function<Json(const Json &, const std::string &, const std::string &)> swap =
        [&](const Json &v, const std::string &from, const std::string &to) -> Json {
      if (v.is_string()) {
        std::string s = v.get<std::string>();
        for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
          s.replace(p, from.size(), to);
        return s;
      }
      if (v.is_array()) {
        Json out = Json::array();
        for (const auto &x : v)
          out.push_back(swap(x, from, to));
        return out;
      }
      if (v.is_object()) {
        Json out = Json::object();
        for (auto it = v.begin(); it != v.end(); ++it)
          out[it.key()] = swap(it.value(), from, to);
        return out;
      }
      return v;
    };
    rest["BinaryMediaTypes"] = swap(resolved, "/", "~1");
    if (rest.contains("Body"))
      rest["Body"]["x-amazon-apigateway-binary-media-types"] = swap(resolved, "~1", "/");
  }
  if (has(props, "DisableExecuteApiEndpoint") && !rest.contains("Body"))
    throw InvalidResource{id,
                          "DisableExecuteApiEndpoint works only within 'DefinitionBody' property."};
  for (const char *k : {"MinimumCompressionSize", "Mode", "ApiKeySourceType", "FailOnWarnings",
                        "SecurityPolicy", "EndpointAccessMode", "Policy"})
    if (has(props, k))
      rest[k] = props[k];
  bool propagate = get(props, "PropagateTags").is_boolean() && props["PropagateTags"].get<bool>();
  Json tags = has(props, "Tags") ? sam_tags(id, props["Tags"], false) : Json();
  if (propagate && tags.is_array() && !tags.empty())
    rest["Tags"] = tags;

  Json rest_resource = Json{{"Type", "AWS::ApiGateway::RestApi"}, {"Properties", rest}};
  apply_passthrough(rest_resource, attributes);
  for (const char *k : {"DependsOn", "Metadata"})
    if (has(resource, k))
      rest_resource[k] = resource[k];
  ctx.add(id, rest_resource);

  // Deployment: its logical ID changes whenever the API definition changes, so that
  // CloudFormation creates a new deployment.
  Json hashed = Json::object();
  hashed["body"] = rest.contains("Body")             ? rest["Body"]
                   : rest.contains("BodyS3Location") ? rest["BodyS3Location"]
                                                     : Json();
  if (has(props, "OpenApiVersion"))
    hashed["openapi"] = props["OpenApiVersion"];
  std::string digest = sha1_hex(python_json(hashed, true));
  std::string deployment_id = id + "Deployment" + digest.substr(0, 10);
  Json deployment_props =
      Json{{"RestApiId", make_ref(id)}, {"Description", "RestApi deployment id: " + digest}};
  // The placeholder stage "Stage" goes away with any OpenApiVersion (2.0 too).
  if (!open_api_version_given)
    deployment_props["StageName"] = "Stage";
  Json deployment = Json{{"Type", "AWS::ApiGateway::Deployment"}, {"Properties", deployment_props}};
  apply_passthrough(deployment, attributes);
  ctx.add(deployment_id, deployment);

  std::string stage_prefix = stage_name.is_string() ? stage_name.get<std::string>() : "";
  std::string stage_id;
  // A stage name that cannot be part of a logical ID is replaced by its hash, after "Stage".
  if (!stage_prefix.empty() && !is_alnum_id(stage_prefix))
    stage_id = id + "Stage" + logical_id_hash(stage_prefix);
  else
    stage_id = id + stage_prefix + "Stage";
  Json stage = Json{{"DeploymentId", make_ref(deployment_id)},
                    {"RestApiId", make_ref(id)},
                    {"StageName", stage_name}};
  for (const char *k : {"CacheClusterEnabled", "CacheClusterSize", "MethodSettings",
                        "AccessLogSetting", "TracingEnabled"})
    if (has(props, k))
      stage[k] = props[k];
  if (has(props, "Variables"))
    stage["Variables"] = props["Variables"];
  if (has(props, "CanarySetting"))
    stage["CanarySetting"] = props["CanarySetting"];
  if (tags.is_array() && !tags.empty())
    stage["Tags"] = tags;
  Json stage_resource = Json{{"Type", "AWS::ApiGateway::Stage"}, {"Properties", stage}};
  apply_passthrough(stage_resource, attributes);
  ctx.add(stage_id, stage_resource);
  ctx.renamed[id + ".Stage"] = stage_id;
  ctx.renamed[id + ".Deployment"] = deployment_id;

  add_api_domain(ctx, id, get(props, "Domain"), stage_id, attributes,
                 propagate && tags.is_array() && !tags.empty() ? tags : Json());
  add_usage_plan(ctx, id, get(props, "Auth"), stage_id, attributes,
                 propagate && tags.is_array() && !tags.empty() ? tags : Json());
}

} // namespace cfnlocal::transforms::sam
