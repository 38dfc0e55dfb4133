// The embedded Amazon API Gateway V2 control plane for HTTP and WebSocket APIs (Amazon API
// Gateway Version 2 API Reference; botocore apigatewayv2/2018-11-29, rest-json): APIs (create,
// quick create with Target, import and reimport of OpenAPI 3.0 for HTTP APIs, update, delete),
// routes, integrations, stages ($default, AutoDeploy), deployments, authorizers, domain names,
// API mappings, VPC links and tags.
//
// Records (service "apigatewayv2"): kind "api", key "REGION:ID" -> {api, routes, integrations,
// stages, deployments, authorizers (each {id: shape})}; kind "domainname", "REGION:NAME" ->
// {domain, mappings {id: ApiMapping}}; kind "vpclink", "REGION:ID" -> VpcLink (its subnets and
// security groups must exist in the embedded EC2). Enforced as API Gateway does: protocol types,
// route keys
// ("$default" or "METHOD /path" for HTTP APIs; a selection expression for WebSocket ones), route
// targets naming existing integrations, integration types per protocol, payload format
// versions, stage names, a deployment needing routes, AutoDeploy stages redeployed on change,
// authorizer configuration, duplicates (ConflictException).
#include "parser/json.h"
#include "parser/reader.h"
#include "services/embedded/context.h"
#include "services/embedded/shape_checks.h"
#include "services/endpoint/service_model.h"

#include <fmt/format.h>

#include <regex>
#include <set>

namespace cfnlocal::services::embedded {
namespace {

constexpr std::string_view kService = "apigatewayv2";

std::string new_id() {
  std::string id = random_alnum(10);
  for (char &ch : id)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return id;
}

[[noreturn]] void bad_request(std::string message) {
  throw ServiceError("BadRequestException", std::move(message), 400);
}
[[noreturn]] void not_found(std::string message) {
  throw ServiceError("NotFoundException", std::move(message), 404);
}
[[noreturn]] void conflict(std::string message) {
  throw ServiceError("ConflictException", std::move(message), 409);
}

std::string key_of(const Context &c, std::string_view id) {
  return c.region + ":" + std::string(id);
}

const Json &object_at(const Json &j, const char *key) {
  static const Json empty = Json::object();
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : empty;
}

Json load(Context &c, const Json &input) {
  std::string id = optional_string(input, "ApiId").value_or("");
  auto record = id.empty() ? std::nullopt : c.store.get_record(kService, "api", key_of(c, id));
  if (!record)
    not_found(fmt::format("Invalid API identifier specified {}:{}", c.account, id));
  return *record;
}

void save(Context &c, const Json &record) {
  c.store.put_record(kService, "api", key_of(c, record["api"]["ApiId"].get<std::string>()), record);
}

void copy(Json &out, const Json &input, const std::vector<std::string> &names) {
  for (const auto &name : names)
    if (auto it = input.find(name); it != input.end() && !it->is_null())
      out[name] = *it;
}

// The fields each update can change: the operation's body members in the service model (the
// provider sends the same ones).
const std::vector<std::string> &updatable(std::string_view operation) {
  static const auto all = [] {
    std::map<std::string, std::vector<std::string>, std::less<>> m;
    for (const char *op : {"UpdateRoute", "UpdateIntegration", "UpdateStage", "UpdateAuthorizer"})
      m.emplace(op, endpoint::body_members("apigatewayv2", op));
    return m;
  }();
  return all.find(operation)->second;
}

bool is_http(const Json &record) { return record["api"]["ProtocolType"] == "HTTP"; }

Json &child(Json &record, const char *kind, const std::string &id, const char *what) {
  Json &items = record[kind];
  if (id.empty() || !items.contains(id))
    not_found(fmt::format("Invalid {} identifier specified {}", what, id));
  return items[id];
}

/// A collection of an API record's children read and deleted alike: the record member, the
/// input member naming a child, the word API Gateway's NotFoundException uses for it, an
/// optional check refusing a deletion (a child still referred to), and whether a deletion
/// redeploys AutoDeploy stages.
struct Children {
  const char *member;
  const char *id_input;
  const char *what;
  void (*deletable)(const Json &record, const std::string &id) = nullptr;
  bool redeploys = false;
};

Json items_of(const Json &record, const char *kind) {
  Json items = Json::array();
  for (const auto &[id, v] : object_at(record, kind).items())
    items.push_back(v);
  return {{"Items", items}};
}

Json tags_of(const Json &input) {
  Json tags = input.value("Tags", Json::object());
  if (!tags.is_object())
    bad_request("Tags must be a map of keys to values");
  if (tags.size() > 50)
    bad_request("Too many tags: a resource can have at most 50 tags");
  for (const auto &[k, v] : tags.items())
    if (k.starts_with("aws:"))
      bad_request("Tag keys beginning with aws: are reserved");
  return tags;
}

// ---- deployments (and AutoDeploy) ---------------------------------------------------------

Json new_deployment(Json &record, const std::string &description, bool automatic) {
  if (object_at(record, "routes").empty())
    bad_request("Unable to deploy API because no routes exist in this API");
  for (const auto &[id, route] : object_at(record, "routes").items())
    if (auto target = route.value("Target", ""); !target.empty()) {
      std::string integration = target.substr(target.find('/') + 1);
      if (!record["integrations"].contains(integration))
        bad_request(fmt::format("Unable to deploy API because route {} targets a missing "
                                "integration {}",
                                route["RouteKey"].get<std::string>(), integration));
    }
  Json d = {{"DeploymentId", new_id()},
            {"DeploymentStatus", "DEPLOYED"},
            {"CreatedDate", iso_now()},
            {"AutoDeployed", automatic}};
  if (!description.empty())
    d["Description"] = description;
  record["deployments"][d["DeploymentId"].get<std::string>()] = d;
  return d;
}

// Stages with AutoDeploy get a new deployment after each change of routes or integrations.
void auto_deploy(Json &record) {
  for (auto &[name, stage] : record["stages"].items())
    if (stage.value("AutoDeploy", false) && !object_at(record, "routes").empty()) {
      Json d = new_deployment(record,
                              "Automatic deployment triggered by changes to the Api "
                              "configuration",
                              true);
      stage["DeploymentId"] = d["DeploymentId"];
      stage["LastDeploymentStatusMessage"] =
          fmt::format("Successfully deployed stage with deployment ID '{}'",
                      d["DeploymentId"].get<std::string>());
      stage["LastUpdatedDate"] = iso_now();
    }
}

// ---- integrations -------------------------------------------------------------------------

Json checked_integration(const Json &record, Json i) {
  std::string type = i.value("IntegrationType", "");
  static const std::set<std::string> kTypes = {"AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK"};
  if (!kTypes.count(type))
    bad_request(fmt::format("Invalid integration type specified: '{}'", type));
  bool http = is_http(record);
  if (http && type != "AWS_PROXY" && type != "HTTP_PROXY")
    bad_request(fmt::format("Unsupported integration type '{}' for HTTP APIs. Supported types "
                            "are AWS_PROXY and HTTP_PROXY",
                            type));
  std::string uri = i.value("IntegrationUri", "");
  if (type != "MOCK" && uri.empty() && !i.contains("IntegrationSubtype"))
    bad_request("IntegrationUri is required for integrations of type " + type);
  if (type == "HTTP_PROXY" && !i.contains("ConnectionId") && !uri.starts_with("http://") &&
      !uri.starts_with("https://"))
    bad_request("Invalid HTTP endpoint specified for URI");
  if (http && type == "AWS_PROXY") {
    std::string version = i.value("PayloadFormatVersion", "");
    if (version.empty())
      bad_request("PayloadFormatVersion is required for AWS_PROXY integrations of HTTP APIs");
    if (version != "1.0" && version != "2.0")
      bad_request(
          fmt::format("Invalid payload format version '{}'. Valid values are 1.0, 2.0", version));
  }
  if (type == "HTTP_PROXY" && !i.contains("IntegrationMethod"))
    i["IntegrationMethod"] = "ANY";
  if (!i.contains("PayloadFormatVersion"))
    i["PayloadFormatVersion"] = "1.0";
  Json given = i.value("TimeoutInMillis", Json(http ? 30000 : 29000));
  int64_t timeout = given.is_number_integer() ? given.get<int64_t>()
                    : given.is_string()       ? std::atoll(given.get<std::string>().c_str())
                                              : 0;
  if (timeout < 50 || timeout > 30000)
    bad_request("Timeout must be between 50 and 30000 milliseconds");
  i["TimeoutInMillis"] = timeout;
  if (!i.contains("ConnectionType"))
    i["ConnectionType"] = "INTERNET";
  return i;
}

Json add_integration(Json &record, const Json &input) {
  Json i = {{"IntegrationId", new_id()}};
  copy(i, input, updatable("UpdateIntegration"));
  i = checked_integration(record, i);
  record["integrations"][i["IntegrationId"].get<std::string>()] = i;
  return i;
}

// ---- routes -------------------------------------------------------------------------------

void check_route(const Json &record, const Json &route, const std::string &self) {
  std::string key = route.value("RouteKey", "");
  if (is_http(record)) {
    static const std::regex kKey(R"((ANY|GET|PUT|POST|DELETE|PATCH|OPTIONS|HEAD) (/[^ ]*))");
    if (key != "$default" && !std::regex_match(key, kKey))
      bad_request(fmt::format("Unable to create route {}. Valid route keys are $default or "
                              "'METHOD /path' where METHOD is ANY, GET, PUT, POST, DELETE, "
                              "PATCH, OPTIONS or HEAD",
                              key));
  } else if (key.empty()) {
    bad_request("RouteKey must be specified");
  }
  for (const auto &[id, other] : object_at(record, "routes").items())
    if (id != self && other["RouteKey"] == key)
      conflict(fmt::format("Route with key {} already exists for this API", key));
  if (auto target = route.value("Target", ""); !target.empty()) {
    if (!target.starts_with("integrations/") || !record["integrations"].contains(target.substr(13)))
      bad_request(fmt::format("Invalid integration target specified: {}", target));
  }
  std::string auth = route.value("AuthorizationType", "NONE");
  static const std::set<std::string> kAuth = {"NONE", "AWS_IAM", "CUSTOM", "JWT"};
  if (!kAuth.count(auth))
    bad_request(fmt::format("Invalid authorization type specified: {}", auth));
  if (auth == "CUSTOM" || auth == "JWT") {
    std::string authorizer = route.value("AuthorizerId", "");
    if (authorizer.empty() || !record["authorizers"].contains(authorizer))
      bad_request("Invalid authorizer ID specified for authorization type " + auth);
  }
}

Json add_route(Json &record, const Json &input) {
  Json route = {{"RouteId", new_id()},
                {"ApiKeyRequired", false},
                {"AuthorizationType", "NONE"},
                {"ApiGatewayManaged", false}};
  copy(route, input, updatable("UpdateRoute"));
  check_route(record, route, "");
  record["routes"][route["RouteId"].get<std::string>()] = route;
  return route;
}

// ---- APIs ---------------------------------------------------------------------------------

Json new_api(Context &c, const Json &input) {
  std::string name = optional_string(input, "Name").value_or("");
  if (name.empty() || utf8_length(name) > 128)
    bad_request("Invalid API name specified: the name must be 1 to 128 characters");
  std::string protocol = optional_string(input, "ProtocolType").value_or("");
  if (protocol != "HTTP" && protocol != "WEBSOCKET")
    bad_request(fmt::format("Invalid protocol type specified: '{}'. Valid values are HTTP, "
                            "WEBSOCKET",
                            protocol));
  std::string id = new_id();
  Json api = {{"ApiId", id},
              {"Name", name},
              {"ProtocolType", protocol},
              {"ApiEndpoint", fmt::format("{}://{}.execute-api.{}.amazonaws.com",
                                          protocol == "HTTP" ? "https" : "wss", id, c.region)},
              {"ApiKeySelectionExpression", "$request.header.x-api-key"},
              {"CreatedDate", iso_now()},
              {"DisableExecuteApiEndpoint", false},
              {"ApiGatewayManaged", false},
              {"Tags", tags_of(input)}};
  copy(api, input,
       {"ApiKeySelectionExpression", "CorsConfiguration", "Description",
        "DisableExecuteApiEndpoint", "DisableSchemaValidation", "RouteSelectionExpression",
        "Version", "IpAddressType"});
  if (protocol == "HTTP") {
    if (!api.contains("RouteSelectionExpression"))
      api["RouteSelectionExpression"] = "${request.method} ${request.path}";
    if (api["RouteSelectionExpression"] != "${request.method} ${request.path}")
      bad_request("Invalid RouteSelectionExpression for HTTP APIs: only ${request.method} "
                  "${request.path} is supported");
  } else {
    if (!api.contains("RouteSelectionExpression"))
      bad_request("RouteSelectionExpression is required for WEBSOCKET APIs");
    if (input.contains("CorsConfiguration"))
      bad_request("CorsConfiguration is supported only for HTTP APIs");
  }
  return {{"api", api},
          {"routes", Json::object()},
          {"integrations", Json::object()},
          {"stages", Json::object()},
          {"deployments", Json::object()},
          {"authorizers", Json::object()}};
}

Json create_api(Context &c, const Json &input) {
  Json record = new_api(c, input);
  // Quick create: an integration, a route and the $default stage.
  if (auto target = optional_string(input, "Target")) {
    if (!is_http(record))
      bad_request("Target is supported only for HTTP APIs");
    bool lambda = target->starts_with("arn:");
    Json integration_in = {{"IntegrationType", lambda ? "AWS_PROXY" : "HTTP_PROXY"},
                           {"IntegrationUri", *target},
                           {"PayloadFormatVersion", lambda ? "2.0" : "1.0"}};
    if (input.contains("CredentialsArn"))
      integration_in["CredentialsArn"] = input["CredentialsArn"];
    Json integration = add_integration(record, integration_in);
    integration["ApiGatewayManaged"] = true;
    record["integrations"][integration["IntegrationId"].get<std::string>()] = integration;
    Json route = add_route(
        record, {{"RouteKey", input.value("RouteKey", "$default")},
                 {"Target", "integrations/" + integration["IntegrationId"].get<std::string>()}});
    record["routes"][route["RouteId"].get<std::string>()]["ApiGatewayManaged"] = true;
    std::string now = iso_now();
    record["stages"]["$default"] = {{"StageName", "$default"},
                                    {"AutoDeploy", true},
                                    {"ApiGatewayManaged", true},
                                    {"CreatedDate", now},
                                    {"LastUpdatedDate", now},
                                    {"StageVariables", Json::object()},
                                    {"DefaultRouteSettings", {{"DetailedMetricsEnabled", false}}},
                                    {"RouteSettings", Json::object()},
                                    {"Tags", Json::object()}};
    auto_deploy(record);
  } else if (input.contains("RouteKey") || input.contains("CredentialsArn")) {
    bad_request("RouteKey and CredentialsArn can only be specified together with Target");
  }
  save(c, record);
  return record["api"];
}

Json get_api(Context &c, const Json &input) { return load(c, input)["api"]; }

Json get_apis(Context &c, const Json &) {
  Json items = Json::array();
  for (const auto &[k, record] : c.store.list_records(kService, "api", c.region + ":"))
    items.push_back(record["api"]);
  return {{"Items", items}};
}

Json update_api(Context &c, const Json &input) {
  Json record = load(c, input);
  Json &api = record["api"];
  copy(api, input,
       {"ApiKeySelectionExpression", "CorsConfiguration", "Description",
        "DisableExecuteApiEndpoint", "DisableSchemaValidation", "Name", "RouteSelectionExpression",
        "Version", "IpAddressType"});
  if (api["Name"] == "")
    bad_request("Invalid API name specified: the name must be 1 to 128 characters");
  if (is_http(record) && api["RouteSelectionExpression"] != "${request.method} ${request.path}")
    bad_request("Invalid RouteSelectionExpression for HTTP APIs: only ${request.method} "
                "${request.path} is supported");
  save(c, record);
  return api;
}

Json delete_api(Context &c, const Json &input) {
  Json record = load(c, input);
  c.store.delete_record(kService, "api", key_of(c, record["api"]["ApiId"].get<std::string>()));
  return Json::object();
}

std::string upper(std::string s) {
  for (char &ch : s)
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

// OpenAPI 3.0 into an HTTP API's routes, integrations and authorizers ("Working with OpenAPI
// definitions for HTTP APIs", API Gateway Developer Guide).
void import_body(Json &record, const std::string &body) {
  Json doc = Json::parse(body, nullptr, false);
  if (doc.is_discarded()) {
    try {
      doc = to_json(read_document(body, "body"));
    } catch (const std::exception &) {
      bad_request("Invalid OpenAPI input.");
    }
  }
  if (!doc.is_object() || !doc.contains("openapi") || !doc["openapi"].is_string() ||
      !doc["openapi"].get<std::string>().starts_with("3"))
    bad_request("Invalid OpenAPI input: HTTP APIs import OpenAPI 3.0 definitions");
  record["routes"] = Json::object();
  record["integrations"] = Json::object();
  record["authorizers"] = Json::object();
  Json &api = record["api"];
  const Json &info = object_at(doc, "info");
  if (info.contains("title") && info["title"].is_string())
    api["Name"] = info["title"];
  if (info.contains("description"))
    api["Description"] = info["description"];
  if (info.contains("version"))
    api["Version"] = info["version"].is_string() ? info["version"] : Json(info["version"].dump());
  if (doc.contains("x-amazon-apigateway-cors"))
    api["CorsConfiguration"] = doc["x-amazon-apigateway-cors"];
  std::map<std::string, std::pair<std::string, std::string>> schemes; // name -> (type, id)
  for (const auto &[name, scheme] :
       object_at(object_at(doc, "components"), "securitySchemes").items()) {
    if (scheme.contains("x-amazon-apigateway-authorizer")) {
      const Json &a = scheme["x-amazon-apigateway-authorizer"];
      std::string type = upper(a.value("type", "request"));
      Json authorizer = {{"AuthorizerId", new_id()}, {"Name", name}, {"AuthorizerType", type}};
      if (type == "JWT") {
        const Json &jwt = object_at(a, "jwtConfiguration");
        authorizer["JwtConfiguration"] = {{"Audience", jwt.value("audience", Json::array())},
                                          {"Issuer", jwt.value("issuer", "")}};
        authorizer["IdentitySource"] =
            Json::array({a.value("identitySource", "$request.header.Authorization")});
      } else {
        for (const auto &[from, to] : std::vector<std::pair<const char *, const char *>>{
                 {"authorizerUri", "AuthorizerUri"},
                 {"authorizerPayloadFormatVersion", "AuthorizerPayloadFormatVersion"},
                 {"enableSimpleResponses", "EnableSimpleResponses"},
                 {"authorizerResultTtlInSeconds", "AuthorizerResultTtlInSeconds"},
                 {"authorizerCredentials", "AuthorizerCredentialsArn"}})
          if (a.contains(from))
            authorizer[to] = a[from];
        if (a.contains("identitySource")) {
          const Json &source = a["identitySource"];
          authorizer["IdentitySource"] = source.is_array() ? source : Json::array({source});
        }
      }
      record["authorizers"][authorizer["AuthorizerId"].get<std::string>()] = authorizer;
      schemes[name] = {type == "JWT" ? "JWT" : "CUSTOM", authorizer["AuthorizerId"]};
    } else if (scheme.value("x-amazon-apigateway-authtype", "") == "awsSigv4") {
      schemes[name] = {"AWS_IAM", ""};
    }
  }
  static const std::map<std::string, std::string> kVerbs = {
      {"get", "GET"},     {"put", "PUT"},
      {"post", "POST"},   {"delete", "DELETE"},
      {"patch", "PATCH"}, {"options", "OPTIONS"},
      {"head", "HEAD"},   {"x-amazon-apigateway-any-method", "ANY"}};
  for (const auto &[path, item] : object_at(doc, "paths").items()) {
    if (path.empty() || (path[0] != '/' && path != "$default"))
      bad_request(fmt::format("Invalid OpenAPI input: path '{}' must begin with '/'", path));
    for (const auto &[key, op] : item.items()) {
      auto verb = kVerbs.find(key);
      if (verb == kVerbs.end() || !op.is_object())
        continue;
      Json route_in = {{"RouteKey", path == "/$default" || path == "$default"
                                        ? std::string("$default")
                                        : verb->second + " " + path}};
      if (op.contains("operationId"))
        route_in["OperationName"] = op["operationId"];
      if (auto x = op.find("x-amazon-apigateway-integration"); x != op.end()) {
        Json in = {{"IntegrationType", upper(x->value("type", ""))}};
        for (const auto &[from, to] : std::vector<std::pair<const char *, const char *>>{
                 {"uri", "IntegrationUri"},
                 {"httpMethod", "IntegrationMethod"},
                 {"payloadFormatVersion", "PayloadFormatVersion"},
                 {"connectionType", "ConnectionType"},
                 {"connectionId", "ConnectionId"},
                 {"credentials", "CredentialsArn"},
                 {"timeoutInMillis", "TimeoutInMillis"},
                 {"requestParameters", "RequestParameters"}})
          if (x->contains(from))
            in[to] = (*x)[from];
        try {
          route_in["Target"] =
              "integrations/" + add_integration(record, in)["IntegrationId"].get<std::string>();
        } catch (const ServiceError &e) {
          bad_request(fmt::format("Errors found during import:\n\tUnable to create integration "
                                  "for route {}: {}",
                                  route_in["RouteKey"].get<std::string>(), e.message()));
        }
      }
      const Json &security =
          op.contains("security") ? op["security"] : doc.value("security", Json::array());
      for (const auto &requirement : security)
        for (const auto &[name, scopes] : requirement.items())
          if (auto s = schemes.find(name); s != schemes.end()) {
            route_in["AuthorizationType"] = s->second.first;
            if (!s->second.second.empty())
              route_in["AuthorizerId"] = s->second.second;
            if (scopes.is_array() && !scopes.empty())
              route_in["AuthorizationScopes"] = scopes;
          }
      add_route(record, route_in);
    }
  }
}

std::string body_of(const Json &input) {
  auto it = input.find("Body");
  if (it == input.end() || it->is_null())
    bad_request("Body is required");
  return it->is_string() ? it->get<std::string>() : it->dump();
}

Json import_api(Context &c, const Json &input) {
  Json record = new_api(c, {{"Name", "imported"}, {"ProtocolType", "HTTP"}});
  import_body(record, body_of(input));
  save(c, record);
  return record["api"];
}

Json reimport_api(Context &c, const Json &input) {
  Json record = load(c, input);
  if (!is_http(record))
    bad_request("Only HTTP APIs can be reimported");
  import_body(record, body_of(input));
  auto_deploy(record);
  save(c, record);
  return record["api"];
}

// ---- routes and integrations operations ---------------------------------------------------

Json create_route(Context &c, const Json &input) {
  Json record = load(c, input);
  Json route = add_route(record, input);
  auto_deploy(record);
  save(c, record);
  return route;
}

Json update_route(Context &c, const Json &input) {
  Json record = load(c, input);
  std::string id = input.value("RouteId", "");
  Json &route = child(record, "routes", id, "Route");
  copy(route, input, updatable("UpdateRoute"));
  check_route(record, route, id);
  Json out = route;
  auto_deploy(record);
  save(c, record);
  return out;
}

Json create_integration(Context &c, const Json &input) {
  Json record = load(c, input);
  Json integration = add_integration(record, input);
  save(c, record);
  return integration;
}

Json update_integration(Context &c, const Json &input) {
  Json record = load(c, input);
  Json &integration =
      child(record, "integrations", input.value("IntegrationId", ""), "Integration");
  copy(integration, input, updatable("UpdateIntegration"));
  integration = checked_integration(record, integration);
  Json out = integration;
  auto_deploy(record);
  save(c, record);
  return out;
}

void no_route_targets(const Json &record, const std::string &id) {
  for (const auto &[rid, route] : object_at(record, "routes").items())
    if (route.value("Target", "") == "integrations/" + id)
      conflict(fmt::format("Cannot delete integration {}: it is the target of route {}", id,
                           route["RouteKey"].get<std::string>()));
}

// ---- stages and deployments ---------------------------------------------------------------

void check_stage(const Json &record, const Json &stage) {
  if (stage.value("AutoDeploy", false) && !is_http(record))
    bad_request("AutoDeploy is supported only for HTTP APIs");
  if (auto d = stage.value("DeploymentId", ""); !d.empty() && !record["deployments"].contains(d))
    bad_request(fmt::format("Invalid deployment identifier specified {}", d));
  for (const auto &[k, v] : object_at(stage, "StageVariables").items())
    if (!std::regex_match(k, std::regex("[A-Za-z0-9_]+")))
      bad_request(fmt::format("Stage variable name '{}' only allows a-zA-Z0-9_", k));
}

Json create_stage(Context &c, const Json &input) {
  Json record = load(c, input);
  std::string name = optional_string(input, "StageName").value_or("");
  if (!(name == "$default" && is_http(record)) &&
      !std::regex_match(name, std::regex("[A-Za-z0-9_-]{1,128}")))
    bad_request(fmt::format("Invalid stage name '{}': stage names only allow a-zA-Z0-9_- "
                            "(and $default for HTTP APIs)",
                            name));
  if (record["stages"].contains(name))
    conflict(fmt::format("Stage {} already exists", name));
  std::string now = iso_now();
  Json stage = {{"StageName", name},
                {"AutoDeploy", false},
                {"CreatedDate", now},
                {"LastUpdatedDate", now},
                {"DefaultRouteSettings", {{"DetailedMetricsEnabled", false}}},
                {"RouteSettings", Json::object()},
                {"StageVariables", Json::object()},
                {"ApiGatewayManaged", false},
                {"Tags", tags_of(input)}};
  copy(stage, input, updatable("UpdateStage"));
  check_stage(record, stage);
  record["stages"][name] = stage;
  auto_deploy(record);
  save(c, record);
  return record["stages"][name];
}

Json update_stage(Context &c, const Json &input) {
  Json record = load(c, input);
  std::string name = input.value("StageName", "");
  Json &stage = child(record, "stages", name, "stage");
  bool was_auto = stage.value("AutoDeploy", false);
  copy(stage, input, updatable("UpdateStage"));
  stage["LastUpdatedDate"] = iso_now();
  check_stage(record, stage);
  if (!was_auto && stage.value("AutoDeploy", false))
    auto_deploy(record);
  save(c, record);
  return record["stages"][name];
}

Json create_deployment(Context &c, const Json &input) {
  Json record = load(c, input);
  auto stage_name = optional_string(input, "StageName");
  if (stage_name) {
    Json &stage = child(record, "stages", *stage_name, "stage");
    if (stage.value("AutoDeploy", false))
      bad_request("Cannot create a deployment for a stage with AutoDeploy enabled");
  }
  Json d = new_deployment(record, optional_string(input, "Description").value_or(""), false);
  if (stage_name) {
    record["stages"][*stage_name]["DeploymentId"] = d["DeploymentId"];
    record["stages"][*stage_name]["LastUpdatedDate"] = iso_now();
  }
  save(c, record);
  return d;
}

Json update_deployment(Context &c, const Json &input) {
  Json record = load(c, input);
  Json &d = child(record, "deployments", input.value("DeploymentId", ""), "Deployment");
  copy(d, input, {"Description"});
  Json out = d;
  save(c, record);
  return out;
}

void no_stage_on(const Json &record, const std::string &id) {
  for (const auto &[name, stage] : object_at(record, "stages").items())
    if (stage.value("DeploymentId", "") == id)
      bad_request(fmt::format("Deployment {} is in use by stage {}", id, name));
}

// ---- authorizers --------------------------------------------------------------------------

void check_authorizer(const Json &record, const Json &a) {
  std::string type = a.value("AuthorizerType", "");
  if (type != "REQUEST" && type != "JWT")
    bad_request(fmt::format("Invalid authorizer type specified: '{}'. Valid values are REQUEST, "
                            "JWT",
                            type));
  if (a.value("Name", "").empty())
    bad_request("Authorizer name must be specified");
  if (type == "JWT") {
    if (!is_http(record))
      bad_request("JWT authorizers are supported only for HTTP APIs");
    if (!a.contains("JwtConfiguration") ||
        object_at(a, "JwtConfiguration").value("Issuer", "").empty())
      bad_request("JwtConfiguration with an Issuer is required for authorizers of type JWT");
  } else {
    if (a.value("AuthorizerUri", "").empty())
      bad_request("AuthorizerUri must be specified for authorizers of type REQUEST");
    if (is_http(record) && a.value("AuthorizerPayloadFormatVersion", "").empty())
      bad_request("AuthorizerPayloadFormatVersion is required for REQUEST authorizers of HTTP "
                  "APIs");
  }
  if (auto ttl = a.find("AuthorizerResultTtlInSeconds"); ttl != a.end())
    if (!ttl->is_number_integer() || ttl->get<int64_t>() < 0 || ttl->get<int64_t>() > 3600)
      bad_request("AuthorizerResultTtlInSeconds must be between 0 and 3600");
}

Json create_authorizer(Context &c, const Json &input) {
  Json record = load(c, input);
  Json a = {{"AuthorizerId", new_id()}};
  copy(a, input, updatable("UpdateAuthorizer"));
  check_authorizer(record, a);
  for (const auto &[id, other] : object_at(record, "authorizers").items())
    if (other["Name"] == a["Name"])
      conflict(fmt::format("Authorizer with name {} already exists", a["Name"].get<std::string>()));
  record["authorizers"][a["AuthorizerId"].get<std::string>()] = a;
  save(c, record);
  return a;
}

Json update_authorizer(Context &c, const Json &input) {
  Json record = load(c, input);
  Json &a = child(record, "authorizers", input.value("AuthorizerId", ""), "Authorizer");
  copy(a, input, updatable("UpdateAuthorizer"));
  check_authorizer(record, a);
  Json out = a;
  save(c, record);
  return out;
}

void no_route_uses(const Json &record, const std::string &id) {
  for (const auto &[rid, route] : object_at(record, "routes").items())
    if (route.value("AuthorizerId", "") == id)
      conflict(fmt::format("Cannot delete authorizer {}: route {} uses it", id,
                           route["RouteKey"].get<std::string>()));
}

// ---- domain names and API mappings --------------------------------------------------------

Json load_domain(Context &c, const std::string &name) {
  auto d =
      name.empty() ? std::nullopt : c.store.get_record(kService, "domainname", key_of(c, name));
  if (!d)
    not_found(
        fmt::format("The domain name resource specified in the request was not found: {}", name));
  return *d;
}

Json create_domain_name(Context &c, const Json &input) {
  std::string name = optional_string(input, "DomainName").value_or("");
  if (!std::regex_match(name, std::regex(R"((\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+)")))
    bad_request(fmt::format("Invalid domain name specified: '{}'", name));
  if (c.store.get_record(kService, "domainname", key_of(c, name)))
    conflict("The domain name you provided already exists.");
  Json configs = input.value("DomainNameConfigurations", Json::array());
  if (!configs.is_array() || configs.empty())
    bad_request("DomainNameConfigurations with a CertificateArn must be specified");
  Json out_configs = Json::array();
  for (const auto &config : configs) {
    if (config.value("CertificateArn", "").empty())
      bad_request("A certificate ARN must be specified for the domain name");
    Json o = config;
    o["ApiGatewayDomainName"] =
        fmt::format("d-{}.execute-api.{}.amazonaws.com", new_id(), c.region);
    o["HostedZoneId"] = c.region == "us-east-1" ? "Z1UJRXOUMOOFQ8" : "Z2OJLYMUO9EFXC";
    o["DomainNameStatus"] = "AVAILABLE";
    if (!o.contains("EndpointType"))
      o["EndpointType"] = "REGIONAL";
    if (!o.contains("SecurityPolicy"))
      o["SecurityPolicy"] = "TLS_1_2";
    out_configs.push_back(o);
  }
  Json domain = {{"DomainName", name},
                 {"DomainNameArn", fmt::format("arn:{}:apigateway:{}::/domainnames/{}", c.partition,
                                               c.region, name)},
                 {"ApiMappingSelectionExpression", "$request.basepath"},
                 {"DomainNameConfigurations", out_configs},
                 {"Tags", tags_of(input)}};
  copy(domain, input, {"MutualTlsAuthentication", "RoutingMode"});
  c.store.put_record(kService, "domainname", key_of(c, name),
                     {{"domain", domain}, {"mappings", Json::object()}});
  return domain;
}

Json get_domain_name(Context &c, const Json &input) {
  return load_domain(c, input.value("DomainName", ""))["domain"];
}

Json get_domain_names(Context &c, const Json &) {
  Json items = Json::array();
  for (const auto &[k, d] : c.store.list_records(kService, "domainname", c.region + ":"))
    items.push_back(d["domain"]);
  return {{"Items", items}};
}

Json update_domain_name(Context &c, const Json &input) {
  std::string name = input.value("DomainName", "");
  Json record = load_domain(c, name);
  if (input.contains("DomainNameConfigurations")) {
    Json configs = Json::array();
    for (const auto &config : input["DomainNameConfigurations"]) {
      Json o = record["domain"]["DomainNameConfigurations"].empty()
                   ? Json::object()
                   : record["domain"]["DomainNameConfigurations"][0];
      o.update(config);
      configs.push_back(o);
    }
    record["domain"]["DomainNameConfigurations"] = configs;
  }
  copy(record["domain"], input, {"MutualTlsAuthentication", "RoutingMode"});
  c.store.put_record(kService, "domainname", key_of(c, name), record);
  return record["domain"];
}

Json delete_domain_name(Context &c, const Json &input) {
  std::string name = input.value("DomainName", "");
  load_domain(c, name);
  c.store.delete_record(kService, "domainname", key_of(c, name));
  return Json::object();
}

void check_mapping(Context &c, const Json &record, const Json &mapping, const std::string &self) {
  Json api = load(c, {{"ApiId", mapping.value("ApiId", "")}});
  std::string stage = mapping.value("Stage", "");
  if (!api["stages"].contains(stage))
    bad_request(fmt::format("Invalid stage identifier specified {}", stage));
  std::string key = mapping.value("ApiMappingKey", "");
  for (const auto &[id, other] : object_at(record, "mappings").items())
    if (id != self && other.value("ApiMappingKey", "") == key)
      conflict(fmt::format("ApiMapping key {} already exists for domain name {}",
                           key.empty() ? "(none)" : key,
                           record["domain"]["DomainName"].get<std::string>()));
}

Json create_api_mapping(Context &c, const Json &input) {
  std::string name = input.value("DomainName", "");
  Json record = load_domain(c, name);
  Json mapping = {{"ApiMappingId", new_id()}};
  copy(mapping, input, {"ApiId", "ApiMappingKey", "Stage"});
  check_mapping(c, record, mapping, "");
  record["mappings"][mapping["ApiMappingId"].get<std::string>()] = mapping;
  c.store.put_record(kService, "domainname", key_of(c, name), record);
  return mapping;
}

Json get_api_mapping(Context &c, const Json &input) {
  Json record = load_domain(c, input.value("DomainName", ""));
  std::string id = input.value("ApiMappingId", "");
  if (!record["mappings"].contains(id))
    not_found(fmt::format("Invalid ApiMapping identifier specified {}", id));
  return record["mappings"][id];
}

Json get_api_mappings(Context &c, const Json &input) {
  Json record = load_domain(c, input.value("DomainName", ""));
  return items_of(record, "mappings");
}

Json update_api_mapping(Context &c, const Json &input) {
  std::string name = input.value("DomainName", "");
  Json record = load_domain(c, name);
  Json mapping = get_api_mapping(c, input);
  copy(mapping, input, {"ApiId", "ApiMappingKey", "Stage"});
  check_mapping(c, record, mapping, mapping["ApiMappingId"]);
  record["mappings"][mapping["ApiMappingId"].get<std::string>()] = mapping;
  c.store.put_record(kService, "domainname", key_of(c, name), record);
  return mapping;
}

Json delete_api_mapping(Context &c, const Json &input) {
  std::string name = input.value("DomainName", "");
  Json record = load_domain(c, name);
  get_api_mapping(c, input);
  record["mappings"].erase(input.value("ApiMappingId", ""));
  c.store.put_record(kService, "domainname", key_of(c, name), record);
  return Json::object();
}

// ---- VPC links ----------------------------------------------------------------------------

// A VPC link's subnets and security groups must exist in the embedded EC2 networking, the
// subnets in one VPC and the groups in that VPC.
void check_vpc_link_network(Context &c, const Json &link) {
  const Json &subnets = link["SubnetIds"];
  if (!subnets.is_array() || subnets.empty())
    bad_request("SubnetIds must contain at least one subnet");
  std::string vpc;
  for (const auto &id : subnets) {
    std::string subnet = id.is_string() ? id.get<std::string>() : "";
    auto record = c.store.get_record("ec2", "subnet", key_of(c, subnet));
    if (!record)
      bad_request(fmt::format("Subnet {} does not exist", subnet));
    std::string in = record->value("VpcId", "");
    if (!vpc.empty() && in != vpc)
      bad_request("The subnets of a VPC link must all be in the same VPC");
    vpc = in;
  }
  for (const auto &id : link.value("SecurityGroupIds", Json::array())) {
    std::string group = id.is_string() ? id.get<std::string>() : "";
    auto record = c.store.get_record("ec2", "security-group", key_of(c, group));
    if (!record)
      bad_request(fmt::format("Security group {} does not exist", group));
    if (record->value("VpcId", "") != vpc)
      bad_request(
          fmt::format("Security group {} is not in the VPC of the subnets ({})", group, vpc));
  }
}

Json load_vpc_link(Context &c, const Json &input) {
  std::string id = input.value("VpcLinkId", "");
  auto record = id.empty() ? std::nullopt : c.store.get_record(kService, "vpclink", key_of(c, id));
  if (!record)
    not_found(fmt::format("Invalid VpcLink identifier specified {}", id));
  return *record;
}

void check_vpc_link_name(const Json &link) {
  std::string name = link.value("Name", "");
  if (name.empty() || name.size() > 128)
    bad_request("Name must be between 1 and 128 characters");
}

Json create_vpc_link(Context &c, const Json &input) {
  Json link = {{"VpcLinkId", new_id().substr(0, 6)},
               {"CreatedDate", iso_now()},
               {"SecurityGroupIds", input.value("SecurityGroupIds", Json::array())},
               {"SubnetIds", input.value("SubnetIds", Json::array())},
               {"Tags", tags_of(input)},
               // Embedded links are ready at once; AWS's go through PENDING first.
               {"VpcLinkStatus", "AVAILABLE"},
               {"VpcLinkStatusMessage", "VPC link is ready to route traffic"},
               {"VpcLinkVersion", "V2"}};
  copy(link, input, {"Name"});
  check_vpc_link_name(link);
  check_vpc_link_network(c, link);
  c.store.put_record(kService, "vpclink", key_of(c, link["VpcLinkId"].get<std::string>()), link);
  return link;
}

Json get_vpc_link(Context &c, const Json &input) { return load_vpc_link(c, input); }

Json get_vpc_links(Context &c, const Json &) {
  Json items = Json::array();
  for (const auto &[key, link] : c.store.list_records(kService, "vpclink", c.region + ":"))
    items.push_back(link);
  return {{"Items", items}};
}

Json update_vpc_link(Context &c, const Json &input) {
  Json link = load_vpc_link(c, input);
  copy(link, input, {"Name"});
  check_vpc_link_name(link);
  c.store.put_record(kService, "vpclink", key_of(c, link["VpcLinkId"].get<std::string>()), link);
  return link;
}

Json delete_vpc_link(Context &c, const Json &input) {
  Json link = load_vpc_link(c, input);
  std::string id = link["VpcLinkId"];
  for (const auto &[key, api] : c.store.list_records(kService, "api", c.region + ":"))
    for (const auto &[iid, integration] : object_at(api, "integrations").items())
      if (integration.value("ConnectionType", "") == "VPC_LINK" &&
          integration.value("ConnectionId", "") == id)
        bad_request(fmt::format("Cannot delete vpc link. Vpc link '{}' is referenced in "
                                "integration {} of API {}",
                                id, iid, api["api"].value("ApiId", "")));
  c.store.delete_record(kService, "vpclink", key_of(c, id));
  return Json::object();
}

// ---- tags ---------------------------------------------------------------------------------

template <typename F> void with_tags(Context &c, const std::string &arn, F &&change) {
  std::string prefix = fmt::format("arn:{}:apigateway:{}::/", c.partition, c.region);
  if (!arn.starts_with(prefix))
    bad_request(fmt::format("Invalid resource ARN specified: {}", arn));
  std::string rest = arn.substr(prefix.size());
  std::smatch m;
  if (std::regex_match(rest, m, std::regex("apis/([^/]+)"))) {
    Json record = load(c, {{"ApiId", m[1].str()}});
    change(record["api"]["Tags"]);
    save(c, record);
  } else if (std::regex_match(rest, m, std::regex("apis/([^/]+)/stages/([^/]+)"))) {
    Json record = load(c, {{"ApiId", m[1].str()}});
    change(child(record, "stages", m[2].str(), "stage")["Tags"]);
    save(c, record);
  } else if (std::regex_match(rest, m, std::regex("vpclinks/([^/]+)"))) {
    Json link = load_vpc_link(c, {{"VpcLinkId", m[1].str()}});
    change(link["Tags"]);
    c.store.put_record(kService, "vpclink", key_of(c, m[1].str()), link);
  } else if (std::regex_match(rest, m, std::regex("domainnames/([^/]+)"))) {
    Json record = load_domain(c, m[1].str());
    change(record["domain"]["Tags"]);
    c.store.put_record(kService, "domainname", key_of(c, m[1].str()), record);
  } else {
    not_found(fmt::format("Invalid resource identifier specified {}", arn));
  }
}

Json tag_resource(Context &c, const Json &input) {
  Json tags = tags_of(input);
  with_tags(c, input.value("ResourceArn", ""), [&](Json &current) {
    if (!current.is_object())
      current = Json::object();
    current.update(tags);
  });
  return Json::object();
}

Json untag_resource(Context &c, const Json &input) {
  with_tags(c, input.value("ResourceArn", ""), [&](Json &current) {
    for (const auto &k : input.value("TagKeys", Json::array()))
      if (current.is_object() && k.is_string())
        current.erase(k.get<std::string>());
  });
  return Json::object();
}

Json get_tags(Context &c, const Json &input) {
  Json out = Json::object();
  with_tags(c, input.value("ResourceArn", ""),
            [&](Json &current) { out = current.is_object() ? current : Json::object(); });
  return {{"Tags", out}};
}

template <const Children &K> Json get_child(Context &c, const Json &input) {
  Json record = load(c, input);
  return child(record, K.member, input.value(K.id_input, ""), K.what);
}

template <const Children &K> Json list_children(Context &c, const Json &input) {
  return items_of(load(c, input), K.member);
}

template <const Children &K> Json delete_child(Context &c, const Json &input) {
  Json record = load(c, input);
  std::string id = input.value(K.id_input, "");
  child(record, K.member, id, K.what);
  if (K.deletable)
    K.deletable(record, id);
  record[K.member].erase(id);
  if (K.redeploys)
    auto_deploy(record);
  save(c, record);
  return Json::object();
}

constexpr Children kRoutes = {"routes", "RouteId", "Route", nullptr, true};
constexpr Children kIntegrations = {"integrations", "IntegrationId", "Integration",
                                    no_route_targets};
constexpr Children kStages = {"stages", "StageName", "stage"};
constexpr Children kDeployments = {"deployments", "DeploymentId", "Deployment", no_stage_on};
constexpr Children kAuthorizers = {"authorizers", "AuthorizerId", "Authorizer", no_route_uses};

} // namespace

const HandlerTable &apigatewayv2_handlers() {
  static const HandlerTable table = {
      {"CreateApi", create_api},
      {"GetApi", get_api},
      {"GetApis", get_apis},
      {"UpdateApi", update_api},
      {"DeleteApi", delete_api},
      {"ImportApi", import_api},
      {"ReimportApi", reimport_api},
      {"CreateRoute", create_route},
      {"GetRoute", get_child<kRoutes>},
      {"GetRoutes", list_children<kRoutes>},
      {"UpdateRoute", update_route},
      {"DeleteRoute", delete_child<kRoutes>},
      {"CreateIntegration", create_integration},
      {"GetIntegration", get_child<kIntegrations>},
      {"GetIntegrations", list_children<kIntegrations>},
      {"UpdateIntegration", update_integration},
      {"DeleteIntegration", delete_child<kIntegrations>},
      {"CreateStage", create_stage},
      {"GetStage", get_child<kStages>},
      {"GetStages", list_children<kStages>},
      {"UpdateStage", update_stage},
      {"DeleteStage", delete_child<kStages>},
      {"CreateDeployment", create_deployment},
      {"GetDeployment", get_child<kDeployments>},
      {"GetDeployments", list_children<kDeployments>},
      {"UpdateDeployment", update_deployment},
      {"DeleteDeployment", delete_child<kDeployments>},
      {"CreateAuthorizer", create_authorizer},
      {"GetAuthorizer", get_child<kAuthorizers>},
      {"GetAuthorizers", list_children<kAuthorizers>},
      {"UpdateAuthorizer", update_authorizer},
      {"DeleteAuthorizer", delete_child<kAuthorizers>},
      {"CreateDomainName", create_domain_name},
      {"GetDomainName", get_domain_name},
      {"GetDomainNames", get_domain_names},
      {"UpdateDomainName", update_domain_name},
      {"DeleteDomainName", delete_domain_name},
      {"CreateApiMapping", create_api_mapping},
      {"GetApiMapping", get_api_mapping},
      {"GetApiMappings", get_api_mappings},
      {"UpdateApiMapping", update_api_mapping},
      {"DeleteApiMapping", delete_api_mapping},
      {"CreateVpcLink", create_vpc_link},
      {"GetVpcLink", get_vpc_link},
      {"GetVpcLinks", get_vpc_links},
      {"UpdateVpcLink", update_vpc_link},
      {"DeleteVpcLink", delete_vpc_link},
      {"TagResource", tag_resource},
      {"UntagResource", untag_resource},
      {"GetTags", get_tags},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
