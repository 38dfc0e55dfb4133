// OpenAPI import into a REST API (PutRestApi, ImportRestApi): "Working with API Gateway
// extensions to OpenAPI" and "Import a REST API" in the API Gateway Developer Guide. Reads
// OpenAPI 2.0 (swagger) and 3.0 documents, JSON or YAML: info (name, description), paths (one
// resource per path segment, one method per operation, with x-amazon-apigateway-integration,
// parameters, responses and security), securityDefinitions / components.securitySchemes
// (x-amazon-apigateway-authorizer, awsSigv4, API keys), definitions / components.schemas
// (models), x-amazon-apigateway-binary-media-types, -api-key-source, -policy, and
// -gateway-responses. Problems are BadRequestException, as the import reports them.
#include "parser/json.h"
#include "parser/reader.h"
#include "services/embedded/apigateway_common.h"

#include <fmt/format.h>

#include <map>

namespace cfnlocal::services::embedded::apigateway {

std::string body_text(const Json &input) {
  auto it = input.find("body");
  if (it == input.end() || it->is_null())
    bad_request("Invalid OpenAPI input: the request has no body");
  if (it->is_binary())
    return std::string(it->get_binary().begin(), it->get_binary().end());
  if (it->is_string())
    return it->get<std::string>();
  return it->dump();
}

namespace {

[[noreturn]] void import_error(const std::string &message) {
  bad_request("Errors found during import:\n\t" + message);
}

Json parse_document(const std::string &body) {
  Json doc = Json::parse(body, nullptr, false);
  if (doc.is_discarded()) {
    try {
      doc = to_json(read_document(body, "body"));
    } catch (const std::exception &) {
      bad_request("Invalid OpenAPI input.");
    }
  }
  bool swagger = doc.is_object() && doc.contains("swagger") && doc["swagger"].is_string() &&
                 doc["swagger"].get<std::string>().starts_with("2");
  bool openapi = doc.is_object() && doc.contains("openapi") && doc["openapi"].is_string() &&
                 doc["openapi"].get<std::string>().starts_with("3");
  if (!swagger && !openapi)
    bad_request("Invalid OpenAPI input.");
  if (doc.contains("paths") && !doc["paths"].is_object())
    import_error("The 'paths' member must be an object");
  return doc;
}

std::string upper(std::string s) {
  for (char &ch : s)
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

std::string text_of(const Json &v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// What a security scheme makes of a method that names it.
struct Scheme {
  std::string authorization; // CUSTOM, COGNITO_USER_POOLS, AWS_IAM, or "" (API key)
  std::string authorizer_id;
  bool api_key = false;
};

std::map<std::string, Scheme> import_schemes(Json &record, const Json &schemes) {
  std::map<std::string, Scheme> out;
  if (!schemes.is_object())
    return out;
  for (const auto &[name, scheme] : schemes.items()) {
    if (!scheme.is_object())
      continue;
    if (scheme.contains("x-amazon-apigateway-authorizer")) {
      const Json &a = scheme["x-amazon-apigateway-authorizer"];
      std::string type = upper(a.value("type", "token"));
      Json in = {{"name", name}, {"type", type}};
      for (const char *k :
           {"authorizerUri", "authorizerCredentials", "identitySource",
            "identityValidationExpression", "authorizerResultTtlInSeconds", "providerARNs"})
        if (a.contains(k))
          in[k] = a[k];
      if (type == "TOKEN" && !in.contains("identitySource"))
        in["identitySource"] = "method.request.header." + scheme.value("name", "Authorization");
      std::string existing;
      for (const auto &[id, other] : record["authorizers"].items())
        if (other.value("name", "") == name)
          existing = id;
      if (!existing.empty())
        record["authorizers"].erase(existing);
      try {
        Json created = add_authorizer(record, in);
        out[name] = {type == "COGNITO_USER_POOLS" ? "COGNITO_USER_POOLS" : "CUSTOM",
                     created["id"].get<std::string>(), false};
      } catch (const ServiceError &e) {
        import_error(fmt::format("Unable to create authorizer '{}': {}", name, e.message()));
      }
    } else if (scheme.value("x-amazon-apigateway-authtype", "") == "awsSigv4") {
      out[name] = {"AWS_IAM", "", false};
    } else if (scheme.value("type", "") == "apiKey") {
      out[name] = {"", "", true};
    }
  }
  return out;
}

// The resource of `path`, created segment by segment as needed.
std::string resource_for(Json &record, const std::string &path) {
  std::string id = record["api"]["rootResourceId"];
  if (path == "/")
    return id;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string part = path.substr(start, slash - start);
    if (!part.empty()) {
      std::string child;
      for (const auto &[rid, r] : record["resources"].items())
        if (r.value("parentId", "") == id && r.value("pathPart", "") == part)
          child = rid;
      if (child.empty()) {
        try {
          child = add_resource(record, id, part)["id"].get<std::string>();
        } catch (const ServiceError &e) {
          import_error(
              fmt::format("Unable to create resource at path '{}': {}", path, e.message()));
        }
      }
      id = child;
    }
    if (slash == std::string::npos)
      break;
    start = slash + 1;
  }
  return id;
}

Json integration_input(const Json &x, const std::string &resource_id) {
  Json in = {{"resourceId", resource_id}};
  in["type"] = upper(x.value("type", ""));
  if (x.contains("httpMethod"))
    in["integrationHttpMethod"] = upper(text_of(x["httpMethod"]));
  if (x.contains("passthroughBehavior"))
    in["passthroughBehavior"] = upper(text_of(x["passthroughBehavior"]));
  for (const char *k : {"uri", "credentials", "requestParameters", "requestTemplates",
                        "contentHandling", "timeoutInMillis", "connectionType", "connectionId",
                        "cacheNamespace", "cacheKeyParameters", "tlsConfig"})
    if (x.contains(k) && !x[k].is_null())
      in[k] = x[k];
  if (auto responses = x.find("responses"); responses != x.end() && responses->is_object()) {
    Json out = Json::object();
    for (const auto &[pattern, r] : responses->items()) {
      std::string code = text_of(r.value("statusCode", Json("200")));
      Json response = {{"statusCode", code}};
      if (pattern != "default")
        response["selectionPattern"] = pattern;
      for (const char *k : {"responseParameters", "responseTemplates", "contentHandling"})
        if (r.contains(k))
          response[k] = r[k];
      out[code] = response;
    }
    in["integrationResponses"] = out;
  }
  return in;
}

Json method_of_operation(const Json &op, const Json &path_parameters, const std::string &verb,
                         const std::map<std::string, Scheme> &schemes, const Json &global) {
  Json method = {{"httpMethod", verb}, {"authorizationType", "NONE"}, {"apiKeyRequired", false}};
  if (op.contains("operationId"))
    method["operationName"] = op["operationId"];
  const Json &security = op.contains("security") ? op["security"] : global;
  if (security.is_array())
    for (const auto &requirement : security)
      for (const auto &[name, scopes] : requirement.items()) {
        auto it = schemes.find(name);
        if (it == schemes.end())
          continue;
        if (it->second.api_key) {
          method["apiKeyRequired"] = true;
          continue;
        }
        method["authorizationType"] = it->second.authorization;
        if (!it->second.authorizer_id.empty())
          method["authorizerId"] = it->second.authorizer_id;
        if (scopes.is_array() && !scopes.empty())
          method["authorizationScopes"] = scopes;
      }
  Json parameters = Json::object();
  for (const Json *list : {&path_parameters, &op})
    for (const auto &p : list == &op ? op.value("parameters", Json::array()) : *list) {
      if (!p.is_object())
        continue;
      std::string in = p.value("in", "");
      std::string where = in == "path"     ? "path"
                          : in == "query"  ? "querystring"
                          : in == "header" ? "header"
                                           : "";
      if (!where.empty())
        parameters["method.request." + where + "." + p.value("name", "")] =
            p.value("required", false);
    }
  if (!parameters.empty())
    method["requestParameters"] = parameters;
  if (auto responses = op.find("responses"); responses != op.end() && responses->is_object()) {
    Json out = Json::object();
    for (const auto &[code, r] : responses->items()) {
      if (code.size() != 3 || !std::isdigit(static_cast<unsigned char>(code[0])))
        continue;
      Json response = {{"statusCode", code}};
      if (r.is_object() && r.contains("headers") && r["headers"].is_object()) {
        Json headers = Json::object();
        for (const auto &[h, spec] : r["headers"].items())
          headers["method.response.header." + h] = false;
        response["responseParameters"] = headers;
      }
      out[code] = response;
    }
    if (!out.empty())
      method["methodResponses"] = out;
  }
  return method;
}

const std::map<std::string, std::string> kVerbs = {
    {"get", "GET"},     {"put", "PUT"},
    {"post", "POST"},   {"delete", "DELETE"},
    {"patch", "PATCH"}, {"options", "OPTIONS"},
    {"head", "HEAD"},   {"x-amazon-apigateway-any-method", "ANY"}};

} // namespace

void import_openapi(Context &c, Json &record, const std::string &body, const std::string &mode) {
  Json doc = parse_document(body);
  Json &api = record["api"];
  if (mode == "overwrite") {
    std::string root = api["rootResourceId"];
    record["resources"] = {{root, {{"id", root}, {"path", "/"}}}};
    record["models"] = Json::object();
    record["authorizers"] = Json::object();
    record["gatewayResponses"] = Json::object();
  }
  const Json info = doc.value("info", Json::object());
  if (info.contains("title") && info["title"].is_string() &&
      !info["title"].get<std::string>().empty())
    api["name"] = info["title"];
  if (info.contains("description"))
    api["description"] = text_of(info["description"]);
  if (info.contains("version"))
    api["version"] = text_of(info["version"]);
  if (doc.contains("x-amazon-apigateway-binary-media-types"))
    api["binaryMediaTypes"] = doc["x-amazon-apigateway-binary-media-types"];
  if (doc.contains("x-amazon-apigateway-api-key-source"))
    api["apiKeySource"] = upper(text_of(doc["x-amazon-apigateway-api-key-source"]));
  if (doc.contains("x-amazon-apigateway-policy"))
    api["policy"] = text_of(doc["x-amazon-apigateway-policy"]);
  if (doc.contains("x-amazon-apigateway-minimum-compression-size"))
    api["minimumCompressionSize"] = doc["x-amazon-apigateway-minimum-compression-size"];

  const Json components = doc.value("components", Json::object());
  const Json models = doc.contains("definitions") ? doc["definitions"]
                                                  : components.value("schemas", Json::object());
  if (models.is_object())
    for (const auto &[name, schema] : models.items()) {
      record["models"].erase(name);
      try {
        add_model(record,
                  {{"name", name}, {"contentType", "application/json"}, {"schema", schema.dump()}});
      } catch (const ServiceError &e) {
        import_error(fmt::format("Unable to create model '{}': {}", name, e.message()));
      }
    }

  auto schemes = import_schemes(record, doc.contains("securityDefinitions")
                                            ? doc["securityDefinitions"]
                                            : components.value("securitySchemes", Json::object()));
  const Json global = doc.value("security", Json::array());
  for (const auto &[path, item] : object_at(doc, "paths").items()) {
    if (path.empty() || path[0] != '/')
      import_error(fmt::format("Invalid path '{}': paths must begin with '/'", path));
    if (!item.is_object())
      import_error(fmt::format("Invalid path item at '{}'", path));
    std::string resource_id = resource_for(record, path);
    Json path_parameters = item.value("parameters", Json::array());
    for (const auto &[key, op] : item.items()) {
      auto verb = kVerbs.find(key);
      if (verb == kVerbs.end() || !op.is_object())
        continue;
      Json method = method_of_operation(op, path_parameters, verb->second, schemes, global);
      if (auto x = op.find("x-amazon-apigateway-integration"); x != op.end()) {
        try {
          method["methodIntegration"] = integration_of(c, integration_input(*x, resource_id));
        } catch (const ServiceError &e) {
          import_error(fmt::format("Unable to put integration on '{}' for resource at path "
                                   "'{}': {}",
                                   verb->second, path, e.message()));
        }
      }
      record["resources"][resource_id]["resourceMethods"][verb->second] = method;
    }
  }

  if (auto responses = doc.find("x-amazon-apigateway-gateway-responses");
      responses != doc.end() && responses->is_object())
    for (const auto &[type, r] : responses->items()) {
      Json in = {{"responseType", type}};
      for (const char *k : {"responseParameters", "responseTemplates"})
        if (r.contains(k))
          in[k] = r[k];
      if (r.contains("statusCode"))
        in["statusCode"] = text_of(r["statusCode"]);
      try {
        set_gateway_response(record, in);
      } catch (const ServiceError &e) {
        import_error(fmt::format("Unable to put gateway response '{}': {}", type, e.message()));
      }
    }
}

} // namespace cfnlocal::services::embedded::apigateway
