// The embedded Amazon API Gateway REST control plane (Amazon API Gateway REST API Reference;
// botocore apigateway/2015-07-09, rest-json): REST APIs (create, get, update with patch
// operations, delete, import of an OpenAPI body), resources, methods, integrations, method and
// integration responses, deployments, stages, authorizers, models, request validators,
// documentation parts, gateway responses and tags. The account-wide resources are in
// apigateway_account.cc, client certificates in apigateway_certificates.cc.
//
// Enforced as API Gateway does: identifiers that must exist (NotFoundException with its
// messages), path parts, HTTP methods, authorization types and their authorizers, integration
// types and URIs, a deployment needing at least one method with an integration, stage names,
// deployments in use by stages, duplicates (ConflictException).
#include "services/embedded/apigateway_common.h"
#include "services/embedded/shape_checks.h"

#include <fmt/format.h>

#include <array>
#include <regex>
#include <set>

namespace cfnlocal::services::embedded::apigateway {

std::string new_id() {
  std::string id = random_alnum(10);
  for (char &ch : id)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return id;
}

void bad_request(std::string message) {
  throw ServiceError("BadRequestException", std::move(message), 400);
}
void not_found(std::string message) {
  throw ServiceError("NotFoundException", std::move(message), 404);
}
void conflict(std::string message) {
  throw ServiceError("ConflictException", std::move(message), 409);
}

std::string key_of(const Context &c, std::string_view id) {
  return c.region + ":" + std::string(id);
}

Json load_api(Context &c, const Json &input) {
  std::string id = optional_string(input, "restApiId").value_or("");
  auto record = id.empty() ? std::nullopt : c.store.get_record(kService, "restapi", key_of(c, id));
  if (!record)
    not_found(fmt::format("Invalid API identifier specified {}:{}", c.account, id));
  return *record;
}

void save_api(Context &c, const Json &record) {
  c.store.put_record(kService, "restapi", key_of(c, record["api"]["id"].get<std::string>()),
                     record);
}

void copy_members(Json &out, const Json &input, std::initializer_list<const char *> names) {
  for (const char *name : names)
    if (auto it = input.find(name); it != input.end() && !it->is_null())
      out[name] = *it;
}

Json read_tag_map(const Json &input) {
  Json out = Json::object();
  auto it = input.find("tags");
  if (it == input.end() || it->is_null())
    return out;
  if (!it->is_object())
    bad_request("Invalid tags: tags must be a map of keys to values");
  if (it->size() > 50)
    bad_request("Too many tags: a resource can have at most 50 tags");
  for (const auto &[k, v] : it->items()) {
    if (k.empty() || utf8_length(k) > 128)
      bad_request(fmt::format("Invalid tag key: {}", k));
    if (k.starts_with("aws:"))
      bad_request("Tag keys beginning with aws: are reserved");
    out[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  return out;
}

namespace {

std::string unescape_segment(std::string s) {
  for (size_t at = s.find("~1"); at != std::string::npos; at = s.find("~1", at + 1))
    s.replace(at, 2, "/");
  for (size_t at = s.find("~0"); at != std::string::npos; at = s.find("~0", at + 1))
    s.replace(at, 2, "~");
  return s;
}

std::vector<std::string> segments_of(const std::string &path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    out.push_back(unescape_segment(path.substr(start, slash - start)));
    if (slash == std::string::npos)
      break;
    start = slash + 1;
  }
  return out;
}

const std::set<std::string, std::less<>> kBooleans = {"tracingEnabled",
                                                      "cacheClusterEnabled",
                                                      "disableExecuteApiEndpoint",
                                                      "enabled",
                                                      "apiKeyRequired",
                                                      "metricsEnabled",
                                                      "dataTraceEnabled",
                                                      "cachingEnabled",
                                                      "cacheDataEncrypted",
                                                      "requireAuthorizationForCacheControl",
                                                      "validateRequestBody",
                                                      "validateRequestParameters",
                                                      "useStageCache"};
const std::set<std::string, std::less<>> kIntegers = {"minimumCompressionSize",
                                                      "authorizerResultTtlInSeconds",
                                                      "throttlingBurstLimit",
                                                      "cacheTtlInSeconds",
                                                      "burstLimit",
                                                      "limit",
                                                      "offset",
                                                      "timeoutInMillis"};
const std::set<std::string, std::less<>> kDoubles = {"throttlingRateLimit", "rateLimit",
                                                     "percentTraffic"};

Json typed_value(std::string_view member, const Json &value, const Json *existing) {
  if (!value.is_string())
    return value;
  const std::string &text = value.get_ref<const std::string &>();
  bool as_bool = kBooleans.count(member) || (existing && existing->is_boolean());
  bool as_int = kIntegers.count(member) || (existing && existing->is_number_integer());
  bool as_double = kDoubles.count(member) || (existing && existing->is_number_float());
  try {
    if (as_bool) {
      if (text != "true" && text != "false")
        bad_request(fmt::format("Invalid value '{}' for boolean member {}", text, member));
      return text == "true";
    }
    if (as_int)
      return std::stoll(text);
    if (as_double)
      return std::stod(text);
  } catch (const std::logic_error &) {
    bad_request(fmt::format("Invalid value '{}' for numeric member {}", text, member));
  }
  return value;
}

} // namespace

void apply_patch(Json &target, const Json &input, std::span<const std::string_view> paths) {
  const Json *ops = list_member(input, "patchOperations", "patchOperations");
  if (!ops)
    return;
  for (const auto &op : *ops) {
    std::string kind = op.value("op", "");
    std::string path = op.value("path", "");
    check_enum("patchOperations.op", kind, {"add", "remove", "replace", "move", "copy", "test"});
    if (path.empty() || path[0] != '/')
      bad_request(fmt::format("Invalid patch path {}", path));
    auto segments = segments_of(path);
    bool allowed = false;
    for (auto p : paths)
      allowed = allowed || segments[0] == p;
    if (!allowed) {
      std::string list;
      for (auto p : paths)
        list += (list.empty() ? "/" : ", /") + std::string(p);
      bad_request(fmt::format("Invalid patch path '{}' specified for op '{}'. Must be one of: [{}]",
                              path, kind, list));
    }
    if (kind == "test")
      continue;
    Json value = op.contains("value") ? op["value"] : Json();
    Json *node = &target;
    for (size_t i = 0; i + 1 < segments.size(); ++i) {
      const std::string &s = segments[i];
      if (node->is_array()) {
        size_t index = static_cast<size_t>(std::stoul(s));
        if (index >= node->size())
          bad_request(fmt::format("Invalid patch path {}", path));
        node = &(*node)[index];
      } else {
        if (!node->is_object())
          *node = Json::object();
        node = &(*node)[s];
        // "/binaryMediaTypes/image~1png" without a value adds a string to a list.
        bool list_item = i + 2 == segments.size() && !op.contains("value");
        if (node->is_null())
          *node = list_item ? Json::array() : Json::object();
      }
    }
    const std::string &last = segments.back();
    if (node->is_array()) {
      bool numeric = !last.empty() && std::all_of(last.begin(), last.end(), ::isdigit);
      if (numeric) {
        size_t index = std::stoul(last);
        if (kind == "remove" && index < node->size())
          node->erase(index);
        else if (index < node->size())
          (*node)[index] = value;
        else
          node->push_back(value);
      } else if (kind == "remove") {
        for (size_t i = 0; i < node->size(); ++i)
          if ((*node)[i] == last) {
            node->erase(i);
            break;
          }
      } else if (std::find(node->begin(), node->end(), Json(last)) == node->end()) {
        node->push_back(last);
      }
      continue;
    }
    if (!node->is_object())
      *node = Json::object();
    if (kind == "remove") {
      node->erase(last);
      continue;
    }
    if (kind == "add" && segments.size() == 1 && node->contains(last) && (*node)[last].is_array()) {
      (*node)[last].push_back(value);
      continue;
    }
    const Json *existing = node->contains(last) ? &(*node)[last] : nullptr;
    (*node)[last] = typed_value(last, value, existing);
  }
}

namespace {

constexpr std::array<std::string_view, 8> kVerbs = {"GET",   "PUT",     "POST", "DELETE",
                                                    "PATCH", "OPTIONS", "HEAD", "ANY"};

Json &resource_of(Json &record, const std::string &id) {
  Json &resources = record["resources"];
  if (id.empty() || !resources.contains(id))
    not_found("Invalid Resource identifier specified");
  return resources[id];
}

std::string verb_of(const Json &input) {
  std::string verb = optional_string(input, "httpMethod").value_or("");
  for (auto v : kVerbs)
    if (verb == v)
      return verb;
  bad_request("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,"
              "OPTIONS,HEAD,ANY");
}

Json &method_of(Json &record, const Json &input) {
  Json &resource = resource_of(record, optional_string(input, "resourceId").value_or(""));
  std::string verb = optional_string(input, "httpMethod").value_or("");
  Json &methods = resource["resourceMethods"];
  if (!methods.is_object() || !methods.contains(verb))
    not_found("Invalid Method identifier specified");
  return methods[verb];
}

Json api_shape(const Json &record) { return record["api"]; }

Json endpoint_configuration(const Json &input) {
  Json config = input.value("endpointConfiguration", Json::object());
  if (!config.is_object())
    bad_request("Invalid endpoint configuration");
  Json types = config.value("types", Json::array({"EDGE"}));
  if (!types.is_array() || types.size() != 1)
    bad_request("Only one endpoint type may be specified for a REST API");
  std::string type = types[0].is_string() ? types[0].get<std::string>() : "";
  if (type != "EDGE" && type != "REGIONAL" && type != "PRIVATE")
    bad_request(fmt::format("Invalid endpoint configuration type '{}'. Valid values are EDGE, "
                            "REGIONAL, PRIVATE",
                            type));
  Json out = {{"types", types}};
  if (config.contains("vpcEndpointIds") && !config["vpcEndpointIds"].is_null()) {
    if (type != "PRIVATE")
      bad_request("VPC endpoint IDs can only be specified for PRIVATE endpoint types");
    out["vpcEndpointIds"] = config["vpcEndpointIds"];
  }
  if (config.contains("ipAddressType"))
    out["ipAddressType"] = config["ipAddressType"];
  return out;
}

void check_api_key_source(const Json &api) {
  if (api.contains("apiKeySource")) {
    std::string source =
        api["apiKeySource"].is_string() ? api["apiKeySource"].get<std::string>() : "";
    if (source != "HEADER" && source != "AUTHORIZER")
      bad_request(
          fmt::format("Invalid API key source '{}'. Valid values are HEADER, AUTHORIZER", source));
  }
  if (api.contains("minimumCompressionSize")) {
    const Json &size = api["minimumCompressionSize"];
    if (!size.is_number_integer() || size.get<int64_t>() < 0 || size.get<int64_t>() > 10485760)
      bad_request("Invalid minimum compression size, must be between 0 and 10485760");
  }
}

Json create_rest_api(Context &c, const Json &input) {
  std::string name = optional_string(input, "name").value_or("");
  if (name.empty())
    bad_request("Invalid REST API name specified");
  std::string id = new_id();
  Json api = {{"id", id},
              {"name", name},
              {"createdDate", iso_now()},
              {"apiKeySource", "HEADER"},
              {"endpointConfiguration", endpoint_configuration(input)},
              {"disableExecuteApiEndpoint", optional_bool(input, "disableExecuteApiEndpoint")},
              {"tags", read_tag_map(input)}};
  copy_members(api, input,
               {"description", "version", "binaryMediaTypes", "apiKeySource", "policy"});
  if (auto size = int_member(input, "minimumCompressionSize", "minimumCompressionSize"))
    api["minimumCompressionSize"] = *size;
  check_api_key_source(api);
  std::string root = new_id();
  api["rootResourceId"] = root;
  Json record = {{"api", api},
                 {"resources", {{root, {{"id", root}, {"path", "/"}}}}},
                 {"deployments", Json::object()},
                 {"stages", Json::object()},
                 {"authorizers", Json::object()},
                 {"models", Json::object()},
                 {"gatewayResponses", Json::object()},
                 {"requestValidators", Json::object()}};
  if (auto from = optional_string(input, "cloneFrom")) {
    Json source = load_api(c, {{"restApiId", *from}});
    record["resources"] = source["resources"];
    record["models"] = source["models"];
    record["authorizers"] = source["authorizers"];
    record["api"]["rootResourceId"] = source["api"]["rootResourceId"];
  }
  save_api(c, record);
  return api_shape(record);
}

Json get_rest_api(Context &c, const Json &input) { return api_shape(load_api(c, input)); }

Json get_rest_apis(Context &c, const Json &) {
  Json items = Json::array();
  for (const auto &[key, record] : c.store.list_records(kService, "restapi", c.region + ":"))
    items.push_back(record["api"]);
  return {{"items", items}};
}

Json update_rest_api(Context &c, const Json &input) {
  Json record = load_api(c, input);
  apply_patch(record["api"], input,
              {"name", "description", "apiKeySource", "binaryMediaTypes", "minimumCompressionSize",
               "disableExecuteApiEndpoint", "policy", "endpointConfiguration", "version"});
  Json &api = record["api"];
  if (!api.contains("name") || api["name"] == "")
    bad_request("Invalid REST API name specified");
  api["endpointConfiguration"] = endpoint_configuration(api);
  check_api_key_source(api);
  save_api(c, record);
  return api;
}

Json delete_rest_api(Context &c, const Json &input) {
  Json record = load_api(c, input);
  c.store.delete_record(kService, "restapi", key_of(c, record["api"]["id"].get<std::string>()));
  return Json::object();
}

Json put_rest_api(Context &c, const Json &input) {
  Json record = load_api(c, input);
  std::string mode = optional_string(input, "mode").value_or("merge");
  if (mode != "merge" && mode != "overwrite")
    bad_request(fmt::format("Invalid mode '{}'. Valid values are merge, overwrite", mode));
  import_openapi(c, record, body_text(input), mode);
  save_api(c, record);
  return api_shape(record);
}

Json import_rest_api(Context &c, const Json &input) {
  Json created = create_rest_api(c, Json{{"name", "imported"}});
  Json record = load_api(c, {{"restApiId", created["id"]}});
  import_openapi(c, record, body_text(input), "overwrite");
  save_api(c, record);
  return api_shape(record);
}

// ---- resources ----------------------------------------------------------------------------

Json resource_shape(const Json &resource) {
  Json out = resource;
  if (out.contains("resourceMethods") && out["resourceMethods"].empty())
    out.erase("resourceMethods");
  return out;
}

Json get_resources(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json items = Json::array();
  for (const auto &[id, resource] : record["resources"].items())
    items.push_back(resource_shape(resource));
  std::sort(items.begin(), items.end(), [](const Json &a, const Json &b) {
    return a["path"].get<std::string>() < b["path"].get<std::string>();
  });
  return {{"items", items}};
}

Json get_resource(Context &c, const Json &input) {
  Json record = load_api(c, input);
  return resource_shape(resource_of(record, optional_string(input, "resourceId").value_or("")));
}

} // namespace

/// Adds a child resource under `parent_id`; the path part is checked as API Gateway does.
Json add_resource(Json &record, const std::string &parent_id, const std::string &part) {
  Json &parent = resource_of(record, parent_id);
  static const std::regex kPart(R"(([A-Za-z0-9._-]+)|(\{[A-Za-z0-9._-]+\+?\}))");
  if (!std::regex_match(part, kPart))
    bad_request("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning "
                "and the end and an optional plus sign before the closing brace.");
  std::string parent_path = parent["path"];
  std::string path = (parent_path == "/" ? "" : parent_path) + "/" + part;
  for (const auto &[id, r] : record["resources"].items()) {
    if (r.value("parentId", "") != parent_id)
      continue;
    if (r["pathPart"] == part)
      conflict(
          fmt::format("Another resource with the same parent already has this name: {}", part));
    std::string other = r["pathPart"];
    if (other.starts_with("{") && part.starts_with("{"))
      bad_request(fmt::format("A sibling ({}) of this resource already has a variable path part "
                              "-- only one is allowed",
                              other));
  }
  if (parent_path.ends_with("+}"))
    bad_request("Cannot create a child of a resource with a greedy path variable: " + parent_path);
  std::string id = new_id();
  Json resource = {{"id", id}, {"parentId", parent_id}, {"pathPart", part}, {"path", path}};
  record["resources"][id] = resource;
  return resource;
}

namespace {

Json create_resource(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json resource = add_resource(record, optional_string(input, "parentId").value_or(""),
                               optional_string(input, "pathPart").value_or(""));
  save_api(c, record);
  return resource;
}

Json delete_resource(Context &c, const Json &input) {
  Json record = load_api(c, input);
  std::string id = optional_string(input, "resourceId").value_or("");
  resource_of(record, id);
  if (id == record["api"]["rootResourceId"])
    bad_request("Cannot delete the root resource of a REST API");
  // The resource and everything below it.
  std::set<std::string> gone = {id};
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto &[rid, r] : record["resources"].items())
      if (!gone.count(rid) && gone.count(r.value("parentId", "")))
        grew = gone.insert(rid).second;
  }
  for (const auto &rid : gone)
    record["resources"].erase(rid);
  save_api(c, record);
  return Json::object();
}

Json update_resource(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json &resource = resource_of(record, optional_string(input, "resourceId").value_or(""));
  apply_patch(resource, input, {"pathPart", "parentId"});
  save_api(c, record);
  return resource_shape(resource);
}

// ---- methods and integrations ------------------------------------------------------------

void check_authorization(const Json &record, const Json &method) {
  std::string type = method.value("authorizationType", "NONE");
  if (type != "NONE" && type != "AWS_IAM" && type != "CUSTOM" && type != "COGNITO_USER_POOLS")
    bad_request(fmt::format("Invalid authorization type specified: {}. Valid values are NONE, "
                            "AWS_IAM, CUSTOM, COGNITO_USER_POOLS",
                            type));
  if (type == "CUSTOM" || type == "COGNITO_USER_POOLS") {
    std::string authorizer = method.value("authorizerId", "");
    if (authorizer.empty() || !record["authorizers"].contains(authorizer))
      bad_request("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or "
                  "COGNITO_USER_POOLS requires a valid authorizer.");
  }
  if (auto v = method.find("requestValidatorId"); v != method.end() && v->is_string())
    if (!record["requestValidators"].contains(v->get<std::string>()))
      bad_request("Invalid Request Validator identifier specified");
}

Json put_method(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json &resource = resource_of(record, optional_string(input, "resourceId").value_or(""));
  std::string verb = verb_of(input);
  if (resource.contains("resourceMethods") && resource["resourceMethods"].contains(verb))
    conflict("Method already exists for this resource");
  Json method = {{"httpMethod", verb},
                 {"authorizationType", optional_string(input, "authorizationType").value_or("")},
                 {"apiKeyRequired", optional_bool(input, "apiKeyRequired")}};
  if (method["authorizationType"] == "")
    bad_request("Invalid authorization type specified. Valid values are NONE, AWS_IAM, CUSTOM, "
                "COGNITO_USER_POOLS");
  copy_members(method, input,
               {"authorizerId", "operationName", "requestParameters", "requestModels",
                "requestValidatorId", "authorizationScopes"});
  check_authorization(record, method);
  resource["resourceMethods"][verb] = method;
  save_api(c, record);
  return method;
}

Json get_method(Context &c, const Json &input) {
  Json record = load_api(c, input);
  return method_of(record, input);
}

Json delete_method(Context &c, const Json &input) {
  Json record = load_api(c, input);
  method_of(record, input);
  resource_of(record, input.value("resourceId", ""))["resourceMethods"].erase(
      input.value("httpMethod", ""));
  save_api(c, record);
  return Json::object();
}

Json update_method(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json &method = method_of(record, input);
  apply_patch(method, input,
              {"authorizationType", "authorizerId", "apiKeyRequired", "operationName",
               "requestParameters", "requestModels", "requestValidatorId", "authorizationScopes"});
  check_authorization(record, method);
  save_api(c, record);
  return method;
}

} // namespace

/// The integration of `input` (PutIntegration's members), checked as API Gateway checks it.
Json integration_of(const Context &, const Json &input) {
  std::string type = optional_string(input, "type").value_or("");
  if (type != "HTTP" && type != "AWS" && type != "MOCK" && type != "HTTP_PROXY" &&
      type != "AWS_PROXY")
    bad_request(fmt::format("Invalid integration type specified: '{}'. Valid values are HTTP, "
                            "AWS, MOCK, HTTP_PROXY, AWS_PROXY",
                            type));
  Json out = {{"type", type}};
  copy_members(out, input,
               {"integrationHttpMethod", "uri", "connectionType", "connectionId", "credentials",
                "requestParameters", "requestTemplates", "passthroughBehavior", "contentHandling",
                "cacheNamespace", "cacheKeyParameters", "tlsConfig", "integrationResponses"});
  if (type != "MOCK") {
    std::string uri = out.value("uri", "");
    if (uri.empty())
      bad_request("Invalid integration URI specified. Please specify an integration URI for "
                  "integrations of type " +
                  type);
    if (out.value("integrationHttpMethod", "").empty())
      bad_request("Enumeration value for HttpMethod must be non-empty");
    if (type == "AWS" || type == "AWS_PROXY") {
      if (!uri.starts_with("arn:"))
        bad_request("AWS ARN for integration must contain path or action");
      if (type == "AWS_PROXY" && uri.find(":lambda:path/") == std::string::npos &&
          uri.find(":firehose:") == std::string::npos)
        bad_request("Integrations of type 'AWS_PROXY' currently only supports Lambda function "
                    "and Firehose stream invocations.");
    } else if (!uri.starts_with("http://") && !uri.starts_with("https://")) {
      bad_request("Invalid HTTP endpoint specified for URI");
    }
  }
  int64_t timeout = int_member(input, "timeoutInMillis", "timeoutInMillis").value_or(29000);
  if (timeout < 50)
    bad_request("Timeout should be between 50 ms and 29000 ms");
  out["timeoutInMillis"] = timeout;
  if (!out.contains("passthroughBehavior"))
    out["passthroughBehavior"] = "WHEN_NO_MATCH";
  if (!out.contains("cacheNamespace"))
    out["cacheNamespace"] = input.value("resourceId", "");
  if (!out.contains("cacheKeyParameters"))
    out["cacheKeyParameters"] = Json::array();
  return out;
}

namespace {

Json put_integration(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json &method = method_of(record, input);
  Json integration = integration_of(c, input);
  method["methodIntegration"] = integration;
  save_api(c, record);
  return integration;
}

Json &integration_ref(Json &record, const Json &input) {
  Json &method = method_of(record, input);
  if (!method.contains("methodIntegration"))
    not_found("No integration defined for method");
  return method["methodIntegration"];
}

Json get_integration(Context &c, const Json &input) {
  Json record = load_api(c, input);
  return integration_ref(record, input);
}

Json delete_integration(Context &c, const Json &input) {
  Json record = load_api(c, input);
  integration_ref(record, input);
  method_of(record, input).erase("methodIntegration");
  save_api(c, record);
  return Json::object();
}

Json update_integration(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json &integration = integration_ref(record, input);
  apply_patch(integration, input,
              {"uri", "httpMethod", "credentials", "requestParameters", "requestTemplates",
               "passthroughBehavior", "contentHandling", "cacheNamespace", "cacheKeyParameters",
               "timeoutInMillis", "connectionType", "connectionId", "tlsConfig"});
  save_api(c, record);
  return integration;
}

std::string status_code_of(const Json &input) {
  std::string code = optional_string(input, "statusCode").value_or("");
  if (!std::regex_match(code, std::regex("[1-5][0-9][0-9]")))
    bad_request(fmt::format("Invalid status code: '{}'", code));
  return code;
}

Json put_method_response(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json &method = method_of(record, input);
  std::string code = status_code_of(input);
  Json response = {{"statusCode", code}};
  copy_members(response, input, {"responseParameters", "responseModels"});
  method["methodResponses"][code] = response;
  save_api(c, record);
  return response;
}

Json get_method_response(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json &method = method_of(record, input);
  std::string code = input.value("statusCode", "");
  if (!method.contains("methodResponses") || !method["methodResponses"].contains(code))
    not_found("Invalid Response status code specified");
  return method["methodResponses"][code];
}

Json delete_method_response(Context &c, const Json &input) {
  Json record = load_api(c, input);
  get_method_response(c, input);
  method_of(record, input)["methodResponses"].erase(input.value("statusCode", ""));
  save_api(c, record);
  return Json::object();
}

Json put_integration_response(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json &integration = integration_ref(record, input);
  std::string code = status_code_of(input);
  Json response = {{"statusCode", code}};
  copy_members(response, input,
               {"selectionPattern", "responseParameters", "responseTemplates", "contentHandling"});
  integration["integrationResponses"][code] = response;
  save_api(c, record);
  return response;
}

Json get_integration_response(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json &integration = integration_ref(record, input);
  std::string code = input.value("statusCode", "");
  if (!integration.contains("integrationResponses") ||
      !integration["integrationResponses"].contains(code))
    not_found("Invalid Response status code specified");
  return integration["integrationResponses"][code];
}

Json delete_integration_response(Context &c, const Json &input) {
  Json record = load_api(c, input);
  get_integration_response(c, input);
  integration_ref(record, input)["integrationResponses"].erase(input.value("statusCode", ""));
  save_api(c, record);
  return Json::object();
}

// ---- children of a REST API, read, listed, patched and deleted alike ----------------------

/// A collection of a REST API record's children: the record member, the input member naming a
/// child, API Gateway's NotFoundException message ({} is the identifier), the patch paths its
/// Update operation accepts, and optional steps: `checked` validates (and may normalise) a
/// patched child, `deletable` refuses a deletion (a child still referred to), `shown` is the
/// child as responses show it.
struct Children {
  const char *member;
  const char *id_input;
  const char *not_found;
  std::span<const std::string_view> patch_paths = {};
  Json (*checked)(Json child) = nullptr;
  void (*deletable)(const Json &record, const std::string &id) = nullptr;
  Json (*shown)(Json child) = nullptr;
};

Json &child_of(Json &record, const Children &k, const std::string &id) {
  Json &items = record[k.member];
  if (id.empty() || !items.is_object() || !items.contains(id))
    not_found(fmt::format(fmt::runtime(k.not_found), id));
  return items[id];
}

Json shown_child(const Children &k, const Json &child) { return k.shown ? k.shown(child) : child; }

template <const Children &K> Json get_child(Context &c, const Json &input) {
  Json record = load_api(c, input);
  return shown_child(K, child_of(record, K, input.value(K.id_input, "")));
}

template <const Children &K> Json get_children(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json items = Json::array();
  for (const auto &[id, child] : object_at(record, K.member).items())
    items.push_back(shown_child(K, child));
  return {{"items", items}};
}

template <const Children &K> Json update_child(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json &child = child_of(record, K, input.value(K.id_input, ""));
  apply_patch(child, input, K.patch_paths);
  if (K.checked)
    child = K.checked(child);
  Json out = shown_child(K, child);
  save_api(c, record);
  return out;
}

template <const Children &K> Json delete_child(Context &c, const Json &input) {
  Json record = load_api(c, input);
  std::string id = input.value(K.id_input, "");
  child_of(record, K, id);
  if (K.deletable)
    K.deletable(record, id);
  record[K.member].erase(id);
  save_api(c, record);
  return Json::object();
}

// ---- deployments and stages ---------------------------------------------------------------

void check_stage_name(const std::string &name) {
  if (name.empty() || !std::regex_match(name, std::regex("[A-Za-z0-9_]+")))
    bad_request("Stage name only allows a-zA-Z0-9_");
  if (name.size() > 128)
    bad_request("Stage name must be at most 128 characters");
}

// A deployment as API Gateway answers for it: the API summary only when GetDeployment's embed
// asks for "apisummary" (API Gateway REST API Reference, GetDeployment).
Json without_api_summary(Json deployment) {
  deployment.erase("apiSummary");
  return deployment;
}

void no_stage_on(const Json &record, const std::string &deployment) {
  for (const auto &[name, stage] : object_at(record, "stages").items())
    if (stage.value("deploymentId", "") == deployment)
      bad_request("Active stages pointing to this deployment must be moved or deleted");
}

constexpr std::array<std::string_view, 1> kDeploymentPaths = {"description"};
constexpr Children kDeployments = {
    "deployments",      "deploymentId", "Invalid Deployment identifier specified",
    kDeploymentPaths,   nullptr,        no_stage_on,
    without_api_summary};
constexpr Children kStages = {"stages", "stageName", "Invalid stage identifier specified"};

Json &stage_of(Json &record, const std::string &name) { return child_of(record, kStages, name); }

Json new_stage(const Json &input, const std::string &name, const std::string &deployment) {
  std::string now = iso_now();
  Json stage = {{"stageName", name},
                {"deploymentId", deployment},
                {"cacheClusterEnabled", optional_bool(input, "cacheClusterEnabled")},
                {"cacheClusterStatus", "NOT_AVAILABLE"},
                {"methodSettings", Json::object()},
                {"tracingEnabled", optional_bool(input, "tracingEnabled")},
                {"createdDate", now},
                {"lastUpdatedDate", now}};
  copy_members(
      stage, input,
      {"description", "cacheClusterSize", "variables", "documentationVersion", "canarySettings"});
  if (stage["cacheClusterEnabled"] == true) {
    stage["cacheClusterStatus"] = "AVAILABLE";
    if (!stage.contains("cacheClusterSize"))
      stage["cacheClusterSize"] = "0.5";
  }
  if (auto size = stage.find("cacheClusterSize"); size != stage.end()) {
    static const std::set<std::string> kSizes = {"0.5",  "1.6",  "6.1", "13.5",
                                                 "28.4", "58.2", "118", "237"};
    if (!size->is_string() || !kSizes.count(size->get<std::string>()))
      bad_request("Invalid cache cluster size specified. Valid values are 0.5, 1.6, 6.1, 13.5, "
                  "28.4, 58.2, 118, 237");
  }
  if (auto vars = stage.find("variables"); vars != stage.end() && vars->is_object())
    for (const auto &[k, v] : vars->items()) {
      if (!std::regex_match(k, std::regex("[A-Za-z0-9_]+")))
        bad_request(fmt::format("Stage variable name '{}' only allows a-zA-Z0-9_", k));
      if (!v.is_string() ||
          !std::regex_match(v.get<std::string>(), std::regex(R"([A-Za-z0-9\-._~:/?#&=,]+)")))
        bad_request(fmt::format("Stage variable value for '{}' only allows "
                                "a-zA-Z0-9-._~:/?#&=,",
                                k));
    }
  return stage;
}

Json create_deployment(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json summary = Json::object();
  for (const auto &[id, resource] : record["resources"].items())
    for (const auto &[verb, method] : object_at(resource, "resourceMethods").items()) {
      if (!method.contains("methodIntegration"))
        bad_request("No integration defined for method");
      summary[resource["path"].get<std::string>()][verb] = {
          {"authorizationType", method.value("authorizationType", "NONE")},
          {"apiKeyRequired", method.value("apiKeyRequired", false)}};
    }
  if (summary.empty())
    bad_request("The REST API doesn't contain any methods");
  auto stage_name = optional_string(input, "stageName");
  if (stage_name)
    check_stage_name(*stage_name);
  std::string id = new_id();
  Json deployment = {{"id", id}, {"createdDate", iso_now()}, {"apiSummary", summary}};
  copy_members(deployment, input, {"description"});
  if (stage_name) {
    Json &stages = record["stages"];
    if (stages.contains(*stage_name)) {
      stages[*stage_name]["deploymentId"] = id;
      stages[*stage_name]["lastUpdatedDate"] = iso_now();
    } else {
      Json stage_input = input;
      stage_input.erase("description");
      if (input.contains("stageDescription"))
        stage_input["description"] = input["stageDescription"];
      stages[*stage_name] = new_stage(stage_input, *stage_name, id);
    }
  }
  record["deployments"][id] = deployment;
  save_api(c, record);
  return without_api_summary(deployment);
}

Json get_deployment(Context &c, const Json &input) {
  Json record = load_api(c, input);
  const Json &deployment = child_of(record, kDeployments, input.value("deploymentId", ""));
  for (const auto &embed : input.value("embed", Json::array()))
    if (embed == "apisummary")
      return deployment;
  return without_api_summary(deployment);
}

Json create_stage(Context &c, const Json &input) {
  Json record = load_api(c, input);
  std::string name = optional_string(input, "stageName").value_or("");
  check_stage_name(name);
  std::string deployment = optional_string(input, "deploymentId").value_or("");
  if (deployment.empty() || !object_at(record, "deployments").contains(deployment))
    bad_request("Invalid deployment identifier specified");
  if (object_at(record, "stages").contains(name))
    conflict("Stage already exists");
  Json stage = new_stage(input, name, deployment);
  stage["tags"] = read_tag_map(input);
  record["stages"][name] = stage;
  save_api(c, record);
  return stage;
}

Json get_stages(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json items = Json::array();
  for (const auto &[name, stage] : record["stages"].items())
    if (!input.contains("deploymentId") || stage["deploymentId"] == input["deploymentId"])
      items.push_back(stage);
  return {{"item", items}};
}

// Method settings paths: /{resource path with ~1}/{verb}/{group}/{setting}.
bool patch_method_setting(Json &stage, const Json &op) {
  auto segments = segments_of(op.value("path", ""));
  static const std::map<std::string, std::string> kSettings = {
      {"metrics/enabled", "metricsEnabled"},
      {"logging/loglevel", "loggingLevel"},
      {"logging/dataTrace", "dataTraceEnabled"},
      {"throttling/burstLimit", "throttlingBurstLimit"},
      {"throttling/rateLimit", "throttlingRateLimit"},
      {"caching/enabled", "cachingEnabled"},
      {"caching/ttlInSeconds", "cacheTtlInSeconds"},
      {"caching/dataEncrypted", "cacheDataEncrypted"},
      {"caching/requireAuthorizationForCacheControl", "requireAuthorizationForCacheControl"},
      {"caching/unauthorizedCacheControlHeaderStrategy", "unauthorizedCacheControlHeaderStrategy"}};
  std::string raw = op.value("path", "");
  if (segments.size() == 2 && op.value("op", "") == "remove" && raw.size() > 1 &&
      (raw[1] == '*' || raw[1] == '~')) {
    std::string key = raw.substr(1);
    stage["methodSettings"].erase(key);
    return true;
  }
  if (segments.size() != 4)
    return false;
  auto it = kSettings.find(segments[2] + "/" + segments[3]);
  if (it == kSettings.end())
    return false;
  // The key as API Gateway keeps it: the resource path's slashes stay escaped.
  size_t second = raw.find('/', 1);
  size_t third = raw.find('/', second + 1);
  std::string key = raw.substr(1, third - 1);
  Json &settings = stage["methodSettings"][key];
  if (settings.is_null())
    settings = {{"metricsEnabled", false},
                {"loggingLevel", "OFF"},
                {"dataTraceEnabled", false},
                {"throttlingBurstLimit", 5000},
                {"throttlingRateLimit", 10000.0},
                {"cachingEnabled", false},
                {"cacheTtlInSeconds", 300},
                {"cacheDataEncrypted", false},
                {"requireAuthorizationForCacheControl", true},
                {"unauthorizedCacheControlHeaderStrategy", "SUCCEED_WITH_RESPONSE_HEADER"}};
  Json value = op.value("value", Json());
  if (it->second == "loggingLevel" &&
      (!value.is_string() || (value != "OFF" && value != "ERROR" && value != "INFO")))
    bad_request("Invalid logging level specified. Valid values are OFF, ERROR, INFO");
  settings[it->second] = typed_value(it->second, value, nullptr);
  return true;
}

Json update_stage(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json &stage = stage_of(record, input.value("stageName", ""));
  Json rest = Json::array();
  for (const auto &op : input.value("patchOperations", Json::array()))
    if (!patch_method_setting(stage, op))
      rest.push_back(op);
  apply_patch(stage, {{"patchOperations", rest}},
              {"deploymentId", "description", "cacheClusterEnabled", "cacheClusterSize",
               "variables", "tracingEnabled", "clientCertificateId", "documentationVersion",
               "canarySettings", "accessLogSettings", "webAclArn"});
  std::string deployment = stage.value("deploymentId", "");
  if (!record["deployments"].contains(deployment))
    bad_request("Invalid deployment identifier specified");
  stage["lastUpdatedDate"] = iso_now();
  Json checked = new_stage(stage, stage["stageName"], deployment);
  save_api(c, record);
  (void)checked;
  return stage;
}

// ---- authorizers, models, validators, gateway responses -----------------------------------

Json checked_authorizer(Json authorizer) {
  std::string type = authorizer.value("type", "");
  if (type != "TOKEN" && type != "REQUEST" && type != "COGNITO_USER_POOLS")
    bad_request(fmt::format("Invalid authorizer type specified: '{}'. Valid values are TOKEN, "
                            "REQUEST, COGNITO_USER_POOLS",
                            type));
  if (authorizer.value("name", "").empty())
    bad_request("Invalid authorizer name specified");
  if (type == "COGNITO_USER_POOLS") {
    if (!authorizer.contains("providerARNs") || authorizer["providerARNs"].empty())
      bad_request("ProviderARNs need to be specified for authorizers of type COGNITO_USER_POOLS");
  } else if (authorizer.value("authorizerUri", "").empty()) {
    bad_request("Authorizer URI must be specified for authorizers of type " + type);
  }
  if (type == "TOKEN" && authorizer.value("identitySource", "").empty())
    bad_request("Identity source must be specified for authorizers of type TOKEN");
  if (auto ttl = authorizer.find("authorizerResultTtlInSeconds"); ttl != authorizer.end()) {
    if (ttl->is_string())
      *ttl = std::stoll(ttl->get<std::string>());
    if (!ttl->is_number_integer() || ttl->get<int64_t>() < 0 || ttl->get<int64_t>() > 3600)
      bad_request("Authorizer result TTL must be between 0 and 3600 seconds");
  }
  return authorizer;
}

} // namespace

/// A new authorizer of `input` in `record` (CreateAuthorizer's members), returned.
Json add_authorizer(Json &record, const Json &input) {
  Json authorizer = {{"id", new_id()}};
  copy_members(authorizer, input,
               {"name", "type", "providerARNs", "authType", "authorizerUri",
                "authorizerCredentials", "identitySource", "identityValidationExpression",
                "authorizerResultTtlInSeconds"});
  if (!authorizer.contains("authorizerResultTtlInSeconds"))
    authorizer["authorizerResultTtlInSeconds"] = 300;
  authorizer = checked_authorizer(authorizer);
  for (const auto &[id, other] : record["authorizers"].items())
    if (other["name"] == authorizer["name"])
      conflict(
          fmt::format("Authorizer with name {} already exists", other["name"].get<std::string>()));
  record["authorizers"][authorizer["id"].get<std::string>()] = authorizer;
  return authorizer;
}

namespace {

Json create_authorizer(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json authorizer = add_authorizer(record, input);
  save_api(c, record);
  return authorizer;
}

void no_method_uses_authorizer(const Json &record, const std::string &id) {
  for (const auto &[rid, r] : object_at(record, "resources").items())
    for (const auto &[verb, m] : object_at(r, "resourceMethods").items())
      if (m.value("authorizerId", "") == id)
        conflict(fmt::format("Cannot delete authorizer '{}', is referenced in method: {}/{}",
                             record["authorizers"][id].value("name", ""), verb,
                             r["path"].get<std::string>()));
}

constexpr std::array<std::string_view, 9> kAuthorizerPaths = {"name",
                                                              "type",
                                                              "providerARNs",
                                                              "authType",
                                                              "authorizerUri",
                                                              "authorizerCredentials",
                                                              "identitySource",
                                                              "identityValidationExpression",
                                                              "authorizerResultTtlInSeconds"};
constexpr Children kAuthorizers = {
    "authorizers",    "authorizerId",     "Invalid Authorizer identifier specified",
    kAuthorizerPaths, checked_authorizer, no_method_uses_authorizer};

} // namespace

/// A new model of `input` in `record` (CreateModel's members), returned.
Json add_model(Json &record, const Json &input) {
  std::string name = input.value("name", "");
  if (!std::regex_match(name, std::regex("[A-Za-z0-9]+")))
    bad_request("Model name must be alphanumeric");
  if (record["models"].contains(name))
    conflict("Model name already exists for this REST API");
  std::string type = input.value("contentType", "");
  if (type.empty())
    bad_request("Content type must be specified");
  Json model = {{"id", new_id()}, {"name", name}, {"contentType", type}};
  copy_members(model, input, {"description", "schema"});
  if (model.contains("schema")) {
    if (!model["schema"].is_string())
      model["schema"] = model["schema"].dump();
    if (!Json::accept(model["schema"].get<std::string>()))
      bad_request("Invalid model schema specified: the schema must be a JSON document");
  }
  record["models"][name] = model;
  return model;
}

namespace {

Json create_model(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json model = add_model(record, input);
  save_api(c, record);
  return model;
}

Json checked_model(Json model) {
  if (model.contains("schema") && !Json::accept(model["schema"].get<std::string>()))
    bad_request("Invalid model schema specified: the schema must be a JSON document");
  return model;
}

constexpr std::array<std::string_view, 2> kModelPaths = {"description", "schema"};
constexpr Children kModels = {"models", "modelName", "Invalid model name specified: {}",
                              kModelPaths, checked_model};

Json create_request_validator(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json validator = {
      {"id", new_id()},
      {"validateRequestBody", optional_bool(input, "validateRequestBody")},
      {"validateRequestParameters", optional_bool(input, "validateRequestParameters")}};
  copy_members(validator, input, {"name"});
  record["requestValidators"][validator["id"].get<std::string>()] = validator;
  save_api(c, record);
  return validator;
}

// ---- documentation parts ------------------------------------------------------------------

// Which location members each documentation part type takes (DocumentationPartLocation in the
// API Gateway REST API Reference): path for all but API, AUTHORIZER and MODEL; method for
// METHOD and what lies under it; statusCode for the responses; a name for the named entities.
struct LocationRule {
  std::string_view type;
  bool path, method, status, name;
};
constexpr std::array<LocationRule, 12> kLocationRules = {{
    {"API", false, false, false, false},
    {"AUTHORIZER", false, false, false, true},
    {"MODEL", false, false, false, true},
    {"RESOURCE", true, false, false, false},
    {"METHOD", true, true, false, false},
    {"PATH_PARAMETER", true, true, false, true},
    {"QUERY_PARAMETER", true, true, false, true},
    {"REQUEST_HEADER", true, true, false, true},
    {"REQUEST_BODY", true, true, false, true},
    {"RESPONSE", true, true, true, false},
    {"RESPONSE_HEADER", true, true, true, true},
    {"RESPONSE_BODY", true, true, true, false},
}};

// The location as API Gateway keeps it: checked against its type, with the defaults the
// reference names ("/" for the path, "*" for the method and the status code) where they apply.
Json checked_location(const Json &location) {
  if (!location.is_object())
    bad_request("Documentation part location must be specified");
  std::string type = location.value("type", "");
  const LocationRule *rule = nullptr;
  for (const auto &r : kLocationRules)
    if (r.type == type)
      rule = &r;
  if (!rule) {
    std::string valid;
    for (const auto &r : kLocationRules)
      valid += (valid.empty() ? "" : ", ") + std::string(r.type);
    bad_request(fmt::format("Invalid documentation part type specified: '{}'. Valid values are {}",
                            type, valid));
  }
  Json out = {{"type", type}};
  auto member = [&](const char *name, bool allowed, const char *fallback) {
    auto it = location.find(name);
    bool given = it != location.end() && !it->is_null();
    if (given && !allowed)
      bad_request(
          fmt::format("Invalid location: '{}' is not a valid field for type {}", name, type));
    if (given)
      out[name] = *it;
    else if (allowed && fallback)
      out[name] = fallback;
  };
  member("path", rule->path, "/");
  member("method", rule->method, "*");
  member("statusCode", rule->status, "*");
  member("name", rule->name, nullptr);
  if (rule->name && out.value("name", "").empty())
    bad_request(fmt::format("Invalid location: 'name' is required for type {}", type));
  if (out.contains("statusCode") && out["statusCode"] != "*" &&
      !std::regex_match(out["statusCode"].get<std::string>(), std::regex("[1-5][0-9][0-9]")))
    bad_request(fmt::format("Invalid status code: '{}'", out["statusCode"].get<std::string>()));
  if (out.contains("path") && !out["path"].get<std::string>().starts_with("/"))
    bad_request(fmt::format("Invalid path: '{}'", out["path"].get<std::string>()));
  return out;
}

Json checked_part(Json part) {
  std::string properties = part.value("properties", "");
  Json parsed = Json::parse(properties, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object())
    bad_request("Invalid documentation content: properties must be a JSON object");
  return part;
}

Json create_documentation_part(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json location = checked_location(input.value("location", Json()));
  if (!input.contains("properties") || !input["properties"].is_string())
    bad_request("Documentation part properties must be specified");
  for (const auto &[id, other] : object_at(record, "documentationParts").items())
    if (other["location"] == location)
      conflict(fmt::format("Documentation part {} already exists for the specified location", id));
  Json part =
      checked_part({{"id", new_id()}, {"location", location}, {"properties", input["properties"]}});
  record["documentationParts"][part["id"].get<std::string>()] = part;
  save_api(c, record);
  return part;
}

// GetDocumentationParts: the parts of a type, of a path, whose name contains nameQuery.
Json get_documentation_parts(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json items = Json::array();
  for (const auto &[id, part] : object_at(record, "documentationParts").items()) {
    const Json &location = part["location"];
    if (input.contains("type") && location["type"] != input["type"])
      continue;
    if (input.contains("path") && location.value("path", "") != input.value("path", ""))
      continue;
    if (input.contains("nameQuery") &&
        location.value("name", "").find(input.value("nameQuery", "")) == std::string::npos)
      continue;
    items.push_back(part);
  }
  return {{"items", items}};
}

constexpr std::array<std::string_view, 1> kPartPaths = {"properties"};
constexpr Children kDocumentationParts = {"documentationParts", "documentationPartId",
                                          "Invalid Documentation part identifier specified",
                                          kPartPaths, checked_part};

constexpr std::array<std::string_view, 3> kValidatorPaths = {"name", "validateRequestBody",
                                                             "validateRequestParameters"};
constexpr Children kValidators = {"requestValidators", "requestValidatorId",
                                  "Invalid Request Validator identifier specified",
                                  kValidatorPaths};

} // namespace

/// Sets the gateway response of `input` (PutGatewayResponse's members) in `record`.
Json set_gateway_response(Json &record, const Json &input) {
  static const std::set<std::string> kTypes = {"DEFAULT_4XX",
                                               "DEFAULT_5XX",
                                               "RESOURCE_NOT_FOUND",
                                               "UNAUTHORIZED",
                                               "INVALID_API_KEY",
                                               "ACCESS_DENIED",
                                               "AUTHORIZER_FAILURE",
                                               "AUTHORIZER_CONFIGURATION_ERROR",
                                               "INVALID_SIGNATURE",
                                               "EXPIRED_TOKEN",
                                               "MISSING_AUTHENTICATION_TOKEN",
                                               "INTEGRATION_FAILURE",
                                               "INTEGRATION_TIMEOUT",
                                               "API_CONFIGURATION_ERROR",
                                               "UNSUPPORTED_MEDIA_TYPE",
                                               "BAD_REQUEST_PARAMETERS",
                                               "BAD_REQUEST_BODY",
                                               "REQUEST_TOO_LARGE",
                                               "THROTTLED",
                                               "QUOTA_EXCEEDED",
                                               "WAF_FILTERED"};
  std::string type = input.value("responseType", "");
  if (!kTypes.count(type))
    bad_request(fmt::format("Invalid gateway response type specified: '{}'", type));
  Json response = {{"responseType", type}, {"defaultResponse", false}};
  copy_members(response, input, {"statusCode", "responseParameters", "responseTemplates"});
  if (response.contains("statusCode") &&
      !std::regex_match(response["statusCode"].get<std::string>(), std::regex("[1-5][0-9][0-9]")))
    bad_request(
        fmt::format("Invalid status code: '{}'", response["statusCode"].get<std::string>()));
  record["gatewayResponses"][type] = response;
  return response;
}

namespace {

Json put_gateway_response(Context &c, const Json &input) {
  Json record = load_api(c, input);
  Json response = set_gateway_response(record, input);
  save_api(c, record);
  return response;
}

constexpr Children kGatewayResponses = {"gatewayResponses", "responseType",
                                        "Invalid Gateway Response identifier specified"};

// ---- tags ---------------------------------------------------------------------------------

// The tags object an ARN names: a REST API or one of its stages, or an account-wide resource.
template <typename F> void with_tags_of(Context &c, const std::string &arn, F &&change) {
  std::string prefix = fmt::format("arn:{}:apigateway:{}::/", c.partition, c.region);
  if (!arn.starts_with(prefix))
    bad_request(fmt::format("Invalid ARN specified in the request: {}", arn));
  std::string rest = arn.substr(prefix.size());
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    size_t slash = rest.find('/', start);
    parts.push_back(rest.substr(start, slash - start));
    if (slash == std::string::npos)
      break;
    start = slash + 1;
  }
  if (parts.size() >= 2 && parts[0] == "restapis") {
    Json record = load_api(c, {{"restApiId", parts[1]}});
    if (parts.size() == 4 && parts[2] == "stages")
      change(stage_of(record, parts[3])["tags"]);
    else if (parts.size() == 2)
      change(record["api"]["tags"]);
    else
      not_found("Invalid resource identifier specified");
    save_api(c, record);
    return;
  }
  static const std::map<std::string, std::pair<std::string, std::string>> kKinds = {
      {"apikeys", {"apikey", ""}},
      {"usageplans", {"usageplan", "plan"}},
      {"domainnames", {"domainname", "domain"}},
      {"clientcertificates", {"clientcertificate", ""}}};
  auto kind = parts.size() == 2 ? kKinds.find(parts[0]) : kKinds.end();
  if (kind == kKinds.end())
    not_found("Invalid resource identifier specified");
  auto record = c.store.get_record(kService, kind->second.first, key_of(c, parts[1]));
  if (!record)
    not_found("Invalid resource identifier specified");
  Json &owner = kind->second.second.empty() ? *record : (*record)[kind->second.second];
  change(owner["tags"]);
  c.store.put_record(kService, kind->second.first, key_of(c, parts[1]), *record);
}

Json tag_resource(Context &c, const Json &input) {
  Json tags = read_tag_map(input);
  with_tags_of(c, input.value("resourceArn", ""), [&](Json &current) {
    if (!current.is_object())
      current = Json::object();
    for (const auto &[k, v] : tags.items())
      current[k] = v;
    if (current.size() > 50)
      bad_request("Too many tags: a resource can have at most 50 tags");
  });
  return Json::object();
}

Json untag_resource(Context &c, const Json &input) {
  with_tags_of(c, input.value("resourceArn", ""), [&](Json &current) {
    for (const auto &k : input.value("tagKeys", Json::array()))
      if (current.is_object() && k.is_string())
        current.erase(k.get<std::string>());
  });
  return Json::object();
}

Json get_tags(Context &c, const Json &input) {
  Json out = Json::object();
  with_tags_of(c, input.value("resourceArn", ""),
               [&](Json &current) { out = current.is_object() ? current : Json::object(); });
  return {{"tags", out}};
}

} // namespace
} // namespace cfnlocal::services::embedded::apigateway

namespace cfnlocal::services::embedded {

const HandlerTable &apigateway_handlers() {
  using namespace apigateway;
  static const HandlerTable table = [] {
    HandlerTable t = {
        {"CreateRestApi", create_rest_api},
        {"GetRestApi", get_rest_api},
        {"GetRestApis", get_rest_apis},
        {"UpdateRestApi", update_rest_api},
        {"DeleteRestApi", delete_rest_api},
        {"PutRestApi", put_rest_api},
        {"ImportRestApi", import_rest_api},
        {"GetResources", get_resources},
        {"GetResource", get_resource},
        {"CreateResource", create_resource},
        {"UpdateResource", update_resource},
        {"DeleteResource", delete_resource},
        {"PutMethod", put_method},
        {"GetMethod", get_method},
        {"UpdateMethod", update_method},
        {"DeleteMethod", delete_method},
        {"PutMethodResponse", put_method_response},
        {"GetMethodResponse", get_method_response},
        {"DeleteMethodResponse", delete_method_response},
        {"PutIntegration", put_integration},
        {"GetIntegration", get_integration},
        {"UpdateIntegration", update_integration},
        {"DeleteIntegration", delete_integration},
        {"PutIntegrationResponse", put_integration_response},
        {"GetIntegrationResponse", get_integration_response},
        {"DeleteIntegrationResponse", delete_integration_response},
        {"CreateDeployment", create_deployment},
        {"GetDeployment", get_deployment},
        {"GetDeployments", get_children<kDeployments>},
        {"UpdateDeployment", update_child<kDeployments>},
        {"DeleteDeployment", delete_child<kDeployments>},
        {"CreateStage", create_stage},
        {"GetStage", get_child<kStages>},
        {"GetStages", get_stages},
        {"UpdateStage", update_stage},
        {"DeleteStage", delete_child<kStages>},
        {"CreateAuthorizer", create_authorizer},
        {"GetAuthorizer", get_child<kAuthorizers>},
        {"GetAuthorizers", get_children<kAuthorizers>},
        {"UpdateAuthorizer", update_child<kAuthorizers>},
        {"DeleteAuthorizer", delete_child<kAuthorizers>},
        {"CreateModel", create_model},
        {"GetModel", get_child<kModels>},
        {"GetModels", get_children<kModels>},
        {"UpdateModel", update_child<kModels>},
        {"DeleteModel", delete_child<kModels>},
        {"CreateRequestValidator", create_request_validator},
        {"GetRequestValidator", get_child<kValidators>},
        {"GetRequestValidators", get_children<kValidators>},
        {"UpdateRequestValidator", update_child<kValidators>},
        {"DeleteRequestValidator", delete_child<kValidators>},
        {"CreateDocumentationPart", create_documentation_part},
        {"GetDocumentationPart", get_child<kDocumentationParts>},
        {"GetDocumentationParts", get_documentation_parts},
        {"UpdateDocumentationPart", update_child<kDocumentationParts>},
        {"DeleteDocumentationPart", delete_child<kDocumentationParts>},
        {"PutGatewayResponse", put_gateway_response},
        {"GetGatewayResponse", get_child<kGatewayResponses>},
        {"GetGatewayResponses", get_children<kGatewayResponses>},
        {"DeleteGatewayResponse", delete_child<kGatewayResponses>},
        {"TagResource", tag_resource},
        {"UntagResource", untag_resource},
        {"GetTags", get_tags},
    };
    add_account_handlers(t);
    add_certificate_handlers(t);
    return t;
  }();
  return table;
}

} // namespace cfnlocal::services::embedded
