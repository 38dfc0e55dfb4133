#include "providers/apigateway_providers.h"

#include "parser/reader.h"
#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/s3_object_body.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

#include <set>

namespace cfnlocal::providers {
namespace {

// The object member `key` of `j` (an empty object when absent), by reference so that
// range-for over its items() stays valid.
inline const Json &object_at(const Json &j, const char *key) {
  static const Json empty = Json::object();
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : empty;
}

constexpr std::string_view kService = "apigateway";
const std::string kRestApi = "AWS::ApiGateway::RestApi";
const std::string kResource = "AWS::ApiGateway::Resource";
const std::string kMethod = "AWS::ApiGateway::Method";
const std::string kDeployment = "AWS::ApiGateway::Deployment";
const std::string kStage = "AWS::ApiGateway::Stage";
const std::string kAuthorizer = "AWS::ApiGateway::Authorizer";
const std::string kApiKey = "AWS::ApiGateway::ApiKey";
const std::string kUsagePlan = "AWS::ApiGateway::UsagePlan";
const std::string kUsagePlanKey = "AWS::ApiGateway::UsagePlanKey";
const std::string kModel = "AWS::ApiGateway::Model";
const std::string kGatewayResponse = "AWS::ApiGateway::GatewayResponse";
const std::string kAccount = "AWS::ApiGateway::Account";
const std::string kDomainName = "AWS::ApiGateway::DomainName";
const std::string kBasePathMapping = "AWS::ApiGateway::BasePathMapping";
const std::string kRequestValidator = "AWS::ApiGateway::RequestValidator";
const std::string kDocumentationPart = "AWS::ApiGateway::DocumentationPart";
const std::string kClientCertificate = "AWS::ApiGateway::ClientCertificate";

// Members whose values are maps with keys of their own (never re-cased).
const std::set<std::string, std::less<>> kMaps = {"RequestParameters",
                                                  "RequestTemplates",
                                                  "ResponseParameters",
                                                  "ResponseTemplates",
                                                  "ResponseModels",
                                                  "RequestModels",
                                                  "Variables",
                                                  "StageVariableOverrides",
                                                  "Tags",
                                                  "Throttle",
                                                  "requestParameters",
                                                  "requestTemplates",
                                                  "responseParameters",
                                                  "responseTemplates",
                                                  "responseModels",
                                                  "requestModels",
                                                  "variables",
                                                  "stageVariableOverrides",
                                                  "tags",
                                                  "throttle",
                                                  "apiSummary",
                                                  "methodSettings"};

// CloudFormation's PascalCase members as API Gateway's lowerCamel ones (and back), at any depth
// but inside maps.
Json recase(const Json &j, bool to_lower) {
  return recased(j, to_lower, [](const std::string &k, const Json &v) {
    return kMaps.count(k) && !(k == "Throttle" && v.contains("BurstLimit")) &&
           !(k == "throttle" && v.contains("burstLimit"));
  });
}

// The members `names` of a model, lowerCamel.
Json members(const Json &m, std::initializer_list<const char *> names) {
  Json out = Json::object();
  for (const char *name : names)
    if (auto it = m.find(name); it != m.end() && !it->is_null()) {
      std::string key = name;
      key[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(key[0])));
      bool map = kMaps.count(name) && !(std::string_view(name) == "Throttle" && it->is_object() &&
                                        it->contains("BurstLimit"));
      out[key] = map ? *it : recase(*it, true);
    }
  return out;
}

std::string text(const Json &v) {
  if (v.is_string())
    return v.get<std::string>();
  if (v.is_null())
    return "";
  return v.dump();
}

Json tag_map_of(const Json &m) {
  Json out = Json::object();
  for (const auto &t : m.value("Tags", Json::array()))
    out[text(t.value("Key", Json()))] = text(t.value("Value", Json()));
  return out;
}

std::vector<std::string> split(const std::string &id, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t at = id.find(sep, start);
    out.push_back(id.substr(start, at - start));
    if (at == std::string::npos)
      return out;
    start = at + 1;
  }
}

std::string escape(std::string s) {
  for (size_t at = s.find('~'); at != std::string::npos; at = s.find('~', at + 2))
    s.replace(at, 1, "~0");
  for (size_t at = s.find('/'); at != std::string::npos; at = s.find('/', at + 2))
    s.replace(at, 1, "~1");
  return s;
}

Json op(const std::string &kind, const std::string &path, const Json &value = Json()) {
  Json o = {{"op", kind}, {"path", path}};
  if (!value.is_null())
    o["value"] = text(value);
  return o;
}

// Patch operations for the scalar members that differ: replace (or remove when dropped).
void replace_changed(Json &ops, const Json &before, const Json &after,
                     std::initializer_list<std::pair<const char *, const char *>> members) {
  for (const auto &[name, path] : members) {
    Json b = before.value(name, Json()), a = after.value(name, Json());
    if (a == b)
      continue;
    if (a.is_null())
      ops.push_back(op("replace", path, Json("")));
    else
      ops.push_back(op("replace", path, a.is_object() || a.is_array() ? Json(a.dump()) : a));
  }
}

// Patch operations for a map member (/variables/KEY).
void map_changes(Json &ops, const Json &before, const Json &after, const std::string &path) {
  for (const auto &[k, v] : before.items())
    if (!after.contains(k))
      ops.push_back(op("remove", path + "/" + escape(k)));
  for (const auto &[k, v] : after.items())
    if (!before.contains(k) || before[k] != v)
      ops.push_back(op("replace", path + "/" + escape(k), v));
}

// Patch operations for a list of strings (/binaryMediaTypes/VALUE).
void list_changes(Json &ops, const Json &before, const Json &after, const std::string &path) {
  for (const auto &v : before)
    if (std::find(after.begin(), after.end(), v) == after.end())
      ops.push_back(op("remove", path + "/" + escape(text(v))));
  for (const auto &v : after)
    if (std::find(before.begin(), before.end(), v) == before.end())
      ops.push_back(op("add", path + "/" + escape(text(v))));
}

// The stage's method settings and access log setting as patch operations.
void stage_settings(Json &ops, const Json &before, const Json &after) {
  auto key_of = [](const Json &s) {
    std::string path = s.value("ResourcePath", "/*");
    std::string resource = path == "/*" ? "*" : escape(path);
    return resource + "/" + s.value("HttpMethod", "*");
  };
  std::map<std::string, Json> old_settings, new_settings;
  for (const auto &s : before.value("MethodSettings", Json::array()))
    old_settings[key_of(s)] = s;
  for (const auto &s : after.value("MethodSettings", Json::array()))
    new_settings[key_of(s)] = s;
  for (const auto &[key, s] : old_settings)
    if (!new_settings.count(key))
      ops.push_back(op("remove", "/" + key));
  static const std::vector<std::pair<const char *, const char *>> kSettings = {
      {"MetricsEnabled", "metrics/enabled"},
      {"LoggingLevel", "logging/loglevel"},
      {"DataTraceEnabled", "logging/dataTrace"},
      {"ThrottlingBurstLimit", "throttling/burstLimit"},
      {"ThrottlingRateLimit", "throttling/rateLimit"},
      {"CachingEnabled", "caching/enabled"},
      {"CacheTtlInSeconds", "caching/ttlInSeconds"},
      {"CacheDataEncrypted", "caching/dataEncrypted"}};
  for (const auto &[key, s] : new_settings)
    for (const auto &[member, path] : kSettings)
      if (s.contains(member) &&
          (!old_settings.count(key) || old_settings[key].value(member, Json()) != s[member]))
        ops.push_back(op("replace", "/" + key + "/" + path, s[member]));
  Json old_log = before.value("AccessLogSetting", Json::object());
  Json new_log = after.value("AccessLogSetting", Json::object());
  if (old_log != new_log) {
    if (new_log.empty())
      ops.push_back(op("remove", "/accessLogSettings"));
    else
      for (const char *m : {"DestinationArn", "Format"})
        if (new_log.contains(m)) {
          std::string path = std::string("/accessLogSettings/") +
                             static_cast<char>(std::tolower(m[0])) + std::string(m + 1);
          ops.push_back(op("replace", path, new_log[m]));
        }
  }
}

Json method_input(const Json &m) {
  Json in = members(m, {"RestApiId", "ResourceId", "HttpMethod", "AuthorizationType",
                        "AuthorizerId", "ApiKeyRequired", "OperationName", "RequestParameters",
                        "RequestModels", "RequestValidatorId", "AuthorizationScopes"});
  if (!in.contains("authorizationType"))
    in["authorizationType"] = "NONE";
  return in;
}

Json method_model(const Json &api, const Json &resource, const Json &method) {
  Json out = {{"RestApiId", api}, {"ResourceId", resource}};
  for (const auto &[k, v] : recase(method, false).items())
    if (k != "MethodIntegration" && k != "MethodResponses")
      out[k] = kMaps.count(k)
                   ? method[std::string(1, static_cast<char>(std::tolower(k[0]))) + k.substr(1)]
                   : v;
  Json responses = Json::array();
  for (const auto &[code, r] : object_at(method, "methodResponses").items())
    responses.push_back(recase(r, false));
  if (!responses.empty())
    out["MethodResponses"] = responses;
  if (method.contains("methodIntegration")) {
    const Json &i = method["methodIntegration"];
    Json integration = recase(i, false);
    integration.erase("IntegrationResponses");
    Json list = Json::array();
    for (const auto &[code, r] : object_at(i, "integrationResponses").items())
      list.push_back(recase(r, false));
    if (!list.empty())
      integration["IntegrationResponses"] = list;
    integration.erase("IntegrationHttpMethod");
    if (i.contains("integrationHttpMethod"))
      integration["IntegrationHttpMethod"] = i["integrationHttpMethod"];
    out["Integration"] = integration;
  }
  return out;
}

// The model as JSON with numbers and booleans typed (intrinsic functions hand them on as text).
Json typed_model(const Value &model) {
  return typed(model,
               {"MinimumCompressionSize", "AuthorizerResultTtlInSeconds", "TimeoutInMillis",
                "BurstLimit", "Limit", "Offset", "ThrottlingBurstLimit", "CacheTtlInSeconds"},
               {"DisableExecuteApiEndpoint", "ApiKeyRequired", "Enabled", "GenerateDistinctId",
                "CacheClusterEnabled", "TracingEnabled", "MetricsEnabled", "DataTraceEnabled",
                "CachingEnabled", "CacheDataEncrypted", "FailOnWarnings", "UseStageCache",
                "ValidateRequestBody", "ValidateRequestParameters"});
}

} // namespace

const std::vector<std::string> &ApiGatewayProvider::types() {
  static const std::vector<std::string> all = {
      kRestApi,           kResource,         kMethod,     kDeployment,      kStage,
      kAuthorizer,        kApiKey,           kUsagePlan,  kUsagePlanKey,    kModel,
      kGatewayResponse,   kAccount,          kDomainName, kBasePathMapping, kRequestValidator,
      kDocumentationPart, kClientCertificate};
  return all;
}

std::string ApiGatewayProvider::physical_id(std::string_view type_name, const Value &model) const {
  if (type_name == kBasePathMapping) {
    std::string domain = string_of(model, "DomainName");
    return domain.empty() ? "" : domain + "|" + string_of(model, "BasePath");
  }
  return GenericProvider::physical_id(type_name, model);
}

namespace {

Json put_body(services::Backend &backend, const std::string &id, const std::string &body,
              const Json &m) {
  Json in = {{"restApiId", id},
             {"mode", m.value("Mode", "overwrite")},
             {"body", Json::binary(std::vector<uint8_t>(body.begin(), body.end()))}};
  if (m.contains("FailOnWarnings"))
    in["failOnWarnings"] = m["FailOnWarnings"];
  if (m.contains("Parameters"))
    in["parameters"] = m["Parameters"];
  return backend.call(kService, "PutRestApi", in);
}

std::string title_of(const std::string &body) {
  try {
    Json doc = to_json(read_document(body, "body"));
    if (doc.is_object() && doc.contains("info") && doc["info"].is_object())
      return text(doc["info"].value("title", Json("")));
  } catch (const std::exception &) {
  }
  return "";
}

Json rest_api_input(const Json &m) {
  Json in = members(m, {"Name", "Description", "BinaryMediaTypes", "MinimumCompressionSize",
                        "DisableExecuteApiEndpoint", "CloneFrom", "EndpointConfiguration"});
  if (m.contains("ApiKeySourceType"))
    in["apiKeySource"] = m["ApiKeySourceType"];
  if (m.contains("Policy"))
    in["policy"] = m["Policy"].is_string() ? m["Policy"] : Json(m["Policy"].dump());
  if (Json tags = tag_map_of(m); !tags.empty())
    in["tags"] = tags;
  return in;
}

Json stage_input(const Json &m) {
  Json in =
      members(m, {"RestApiId", "StageName", "DeploymentId", "Description", "CacheClusterEnabled",
                  "CacheClusterSize", "Variables", "DocumentationVersion", "TracingEnabled"});
  if (m.contains("CanarySetting"))
    in["canarySettings"] = recase(m["CanarySetting"], true);
  if (Json tags = tag_map_of(m); !tags.empty())
    in["tags"] = tags;
  return in;
}

} // namespace

Json ApiGatewayProvider::created(const ResourceHandlerRequest &request, Json m) {
  const std::string &type = request.type_name;
  auto &b = backend_;
  auto name_if_missing = [&](const char *property) {
    if (m.contains(property))
      return;
    const schema::ResourceType *t = type_of(type);
    const Json &schema = t->schema()["properties"][property];
    m[property] = generated_name(schema, SynthesisScope::from(request), random_);
  };
  if (type == kRestApi) {
    bool has_body = m.contains("Body") || m.contains("BodyS3Location");
    std::string body = has_body ? api_body(backend_, m) : "";
    Json in = rest_api_input(m);
    if (!in.contains("name") && has_body)
      in["name"] = title_of(body);
    Json api = b.call(kService, "CreateRestApi", in);
    std::string id = api["id"];
    if (has_body) {
      try {
        put_body(b, id, body, m);
        Json ops = Json::array();
        for (const char *member : {"Name", "Description"})
          if (m.contains(member))
            ops.push_back(
                op("replace", member == std::string("Name") ? "/name" : "/description", m[member]));
        if (!ops.empty())
          b.call(kService, "UpdateRestApi", {{"restApiId", id}, {"patchOperations", ops}});
      } catch (const services::ServiceError &) {
        b.call(kService, "DeleteRestApi", {{"restApiId", id}});
        throw;
      }
    }
    m["RestApiId"] = id;
    m["RootResourceId"] = api["rootResourceId"];
  } else if (type == kResource) {
    Json r = b.call(kService, "CreateResource", members(m, {"RestApiId", "ParentId", "PathPart"}));
    m["ResourceId"] = r["id"];
  } else if (type == kMethod) {
    Json base = {{"restApiId", m["RestApiId"]},
                 {"resourceId", m["ResourceId"]},
                 {"httpMethod", m["HttpMethod"]}};
    b.call(kService, "PutMethod", method_input(m));
    try {
      for (const auto &r : m.value("MethodResponses", Json::array())) {
        Json in = base;
        in.update(members(r, {"StatusCode", "ResponseParameters", "ResponseModels"}));
        b.call(kService, "PutMethodResponse", in);
      }
      if (m.contains("Integration")) {
        const Json &i = m["Integration"];
        Json in = base;
        in.update(members(i, {"Type", "IntegrationHttpMethod", "Uri", "Credentials",
                              "CacheKeyParameters", "CacheNamespace", "ConnectionId",
                              "ConnectionType", "ContentHandling", "PassthroughBehavior",
                              "RequestParameters", "RequestTemplates", "TimeoutInMillis"}));
        b.call(kService, "PutIntegration", in);
        for (const auto &r : i.value("IntegrationResponses", Json::array())) {
          Json rin = base;
          rin.update(members(r, {"StatusCode", "SelectionPattern", "ResponseParameters",
                                 "ResponseTemplates", "ContentHandling"}));
          b.call(kService, "PutIntegrationResponse", rin);
        }
      }
    } catch (const services::ServiceError &) {
      b.call(kService, "DeleteMethod", base);
      throw;
    }
  } else if (type == kDeployment) {
    Json in = members(m, {"RestApiId", "Description", "StageName"});
    Json stage = m.value("StageDescription", Json::object());
    if (m.contains("StageName")) {
      in.update(members(
          stage, {"CacheClusterEnabled", "CacheClusterSize", "Variables", "TracingEnabled"}));
      if (stage.contains("Description"))
        in["stageDescription"] = stage["Description"];
    }
    if (m.contains("DeploymentCanarySettings"))
      in["canarySettings"] = recase(m["DeploymentCanarySettings"], true);
    Json d = b.call(kService, "CreateDeployment", in);
    m["DeploymentId"] = d["id"];
    Json ops = Json::array();
    stage_settings(ops, Json::object(), stage);
    if (m.contains("StageName") && !ops.empty())
      b.call(
          kService, "UpdateStage",
          {{"restApiId", m["RestApiId"]}, {"stageName", m["StageName"]}, {"patchOperations", ops}});
  } else if (type == kStage) {
    name_if_missing("StageName");
    b.call(kService, "CreateStage", stage_input(m));
    Json ops = Json::array();
    stage_settings(ops, Json::object(), m);
    if (m.contains("ClientCertificateId"))
      ops.push_back(op("replace", "/clientCertificateId", m["ClientCertificateId"]));
    if (!ops.empty())
      try {
        b.call(kService, "UpdateStage",
               {{"restApiId", m["RestApiId"]},
                {"stageName", m["StageName"]},
                {"patchOperations", ops}});
      } catch (const services::ServiceError &) {
        b.call(kService, "DeleteStage",
               {{"restApiId", m["RestApiId"]}, {"stageName", m["StageName"]}});
        throw;
      }
  } else if (type == kAuthorizer) {
    Json a = b.call(kService, "CreateAuthorizer",
                    members(m, {"RestApiId", "Name", "Type", "ProviderARNs", "AuthType",
                                "AuthorizerUri", "AuthorizerCredentials", "IdentitySource",
                                "IdentityValidationExpression", "AuthorizerResultTtlInSeconds"}));
    m["AuthorizerId"] = a["id"];
  } else if (type == kApiKey) {
    name_if_missing("Name");
    Json in = members(m, {"Name", "Description", "Enabled", "GenerateDistinctId", "Value",
                          "CustomerId", "StageKeys"});
    if (Json tags = tag_map_of(m); !tags.empty())
      in["tags"] = tags;
    m["APIKeyId"] = b.call(kService, "CreateApiKey", in)["id"];
  } else if (type == kUsagePlan) {
    Json in = members(m, {"Description", "ApiStages", "Quota", "Throttle"});
    in["name"] =
        m.contains("UsagePlanName")
            ? m["UsagePlanName"]
            : Json(request.stack_name + "-" + request.logical_id + "-" + random_.upper_alnum(12));
    if (Json tags = tag_map_of(m); !tags.empty())
      in["tags"] = tags;
    m["Id"] = b.call(kService, "CreateUsagePlan", in)["id"];
  } else if (type == kUsagePlanKey) {
    b.call(kService, "CreateUsagePlanKey", members(m, {"UsagePlanId", "KeyId", "KeyType"}));
    m["Id"] = text(m["KeyId"]) + ":" + text(m["UsagePlanId"]);
  } else if (type == kModel) {
    name_if_missing("Name");
    Json in = members(m, {"RestApiId", "Name", "ContentType", "Description"});
    if (!in.contains("contentType"))
      in["contentType"] = "application/json";
    if (m.contains("Schema"))
      in["schema"] = m["Schema"].is_string() ? m["Schema"] : Json(m["Schema"].dump());
    b.call(kService, "CreateModel", in);
  } else if (type == kGatewayResponse) {
    b.call(kService, "PutGatewayResponse",
           members(m, {"RestApiId", "ResponseType", "StatusCode", "ResponseParameters",
                       "ResponseTemplates"}));
    m["Id"] = text(m["RestApiId"]) + "|" + text(m["ResponseType"]);
  } else if (type == kAccount) {
    Json ops = Json::array();
    if (m.contains("CloudWatchRoleArn"))
      ops.push_back(op("replace", "/cloudwatchRoleArn", m["CloudWatchRoleArn"]));
    b.call(kService, "UpdateAccount", {{"patchOperations", ops}});
    m["Id"] = random_.lower_alnum(10);
  } else if (type == kDomainName) {
    Json in = members(m, {"DomainName", "CertificateArn", "RegionalCertificateArn",
                          "EndpointConfiguration", "SecurityPolicy", "MutualTlsAuthentication",
                          "OwnershipVerificationCertificateArn"});
    if (Json tags = tag_map_of(m); !tags.empty())
      in["tags"] = tags;
    Json d = b.call(kService, "CreateDomainName", in);
    m["DomainNameArn"] = d.value("domainNameArn", "");
    for (const char *k : {"DistributionDomainName", "DistributionHostedZoneId",
                          "RegionalDomainName", "RegionalHostedZoneId"}) {
      std::string key = std::string(1, static_cast<char>(std::tolower(k[0]))) + (k + 1);
      if (d.contains(key))
        m[k] = d[key];
    }
  } else if (type == kBasePathMapping) {
    b.call(kService, "CreateBasePathMapping",
           members(m, {"DomainName", "BasePath", "RestApiId", "Stage"}));
  } else if (type == kRequestValidator) {
    m["RequestValidatorId"] = b.call(kService, "CreateRequestValidator",
                                     members(m, {"RestApiId", "Name", "ValidateRequestBody",
                                                 "ValidateRequestParameters"}))["id"];
  } else if (type == kDocumentationPart) {
    Json in = members(m, {"RestApiId", "Properties"});
    in["location"] = recase(m.value("Location", Json::object()), true);
    m["DocumentationPartId"] = b.call(kService, "CreateDocumentationPart", in)["id"];
  } else if (type == kClientCertificate) {
    Json in = members(m, {"Description"});
    if (Json tags = tag_map_of(m); !tags.empty())
      in["tags"] = tags;
    m["ClientCertificateId"] =
        b.call(kService, "GenerateClientCertificate", in)["clientCertificateId"];
  }
  return m;
}

ProgressEvent ApiGatewayProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Json m = typed_model(properties);
  try {
    return ProgressEvent::success(from_json(created(request, std::move(m))));
  } catch (const services::ServiceError &e) {
    return failure_from(e, "API Gateway");
  }
}

Json ApiGatewayProvider::read_model(const std::string &type, const std::string &id) {
  auto &b = backend_;
  auto parts = split(id, '|');
  auto part = [&](size_t i) { return i < parts.size() ? parts[i] : std::string(); };
  Json m = Json::object();
  if (type == kRestApi) {
    Json a = b.call(kService, "GetRestApi", {{"restApiId", id}});
    m = {{"RestApiId", id}, {"RootResourceId", a["rootResourceId"]}, {"Name", a["name"]}};
    for (const auto &[from, to] : std::vector<std::pair<const char *, const char *>>{
             {"description", "Description"},
             {"binaryMediaTypes", "BinaryMediaTypes"},
             {"apiKeySource", "ApiKeySourceType"},
             {"minimumCompressionSize", "MinimumCompressionSize"},
             {"disableExecuteApiEndpoint", "DisableExecuteApiEndpoint"}})
      if (a.contains(from))
        m[to] = a[from];
    if (a.contains("endpointConfiguration"))
      m["EndpointConfiguration"] = recase(a["endpointConfiguration"], false);
    if (a.contains("policy"))
      m["Policy"] = Json::parse(a["policy"].get<std::string>(), nullptr, false);
    if (!a.value("tags", Json::object()).empty())
      m["Tags"] = tag_list_of(a["tags"]);
  } else if (type == kResource) {
    Json r = b.call(kService, "GetResource", {{"restApiId", part(0)}, {"resourceId", part(1)}});
    m = {{"RestApiId", part(0)},
         {"ResourceId", r["id"]},
         {"ParentId", r.value("parentId", "")},
         {"PathPart", r.value("pathPart", "")}};
  } else if (type == kMethod) {
    Json r = b.call(kService, "GetMethod",
                    {{"restApiId", part(0)}, {"resourceId", part(1)}, {"httpMethod", part(2)}});
    m = method_model(part(0), part(1), r);
  } else if (type == kDeployment) {
    Json d = b.call(kService, "GetDeployment", {{"restApiId", part(1)}, {"deploymentId", part(0)}});
    m = {{"DeploymentId", part(0)}, {"RestApiId", part(1)}};
    if (d.contains("description"))
      m["Description"] = d["description"];
  } else if (type == kStage) {
    Json s = b.call(kService, "GetStage", {{"restApiId", part(0)}, {"stageName", part(1)}});
    m = {{"RestApiId", part(0)}, {"StageName", part(1)}, {"DeploymentId", s["deploymentId"]}};
    for (const char *k : {"description", "cacheClusterEnabled", "cacheClusterSize",
                          "tracingEnabled", "variables", "documentationVersion"})
      if (s.contains(k))
        m[std::string(1, static_cast<char>(std::toupper(k[0]))) + (k + 1)] = s[k];
    if (!s.value("tags", Json::object()).empty())
      m["Tags"] = tag_list_of(s["tags"]);
  } else if (type == kAuthorizer) {
    Json a = b.call(kService, "GetAuthorizer", {{"restApiId", part(0)}, {"authorizerId", part(1)}});
    m = recase(a, false);
    m.erase("Id");
    m["AuthorizerId"] = part(1);
    m["RestApiId"] = part(0);
  } else if (type == kApiKey) {
    Json k = b.call(kService, "GetApiKey", {{"apiKey", id}});
    m = {{"APIKeyId", id}, {"Name", k["name"]}, {"Enabled", k.value("enabled", false)}};
    for (const char *f : {"description", "customerId"})
      if (k.contains(f))
        m[std::string(1, static_cast<char>(std::toupper(f[0]))) + (f + 1)] = k[f];
    Json stage_keys = Json::array();
    for (const auto &sk : k.value("stageKeys", Json::array())) {
      auto p = split(text(sk), '/');
      stage_keys.push_back({{"RestApiId", p[0]}, {"StageName", p.size() > 1 ? p[1] : ""}});
    }
    if (!stage_keys.empty())
      m["StageKeys"] = stage_keys;
    if (!k.value("tags", Json::object()).empty())
      m["Tags"] = tag_list_of(k["tags"]);
  } else if (type == kUsagePlan) {
    Json p = b.call(kService, "GetUsagePlan", {{"usagePlanId", id}});
    m = recase(p, false);
    m["UsagePlanName"] = m["Name"];
    m.erase("Name");
    m["Tags"] = tag_list_of(p.value("tags", Json::object()));
    if (m["Tags"].empty())
      m.erase("Tags");
    if (m["ApiStages"].empty())
      m.erase("ApiStages");
  } else if (type == kUsagePlanKey) {
    auto p = split(id, ':');
    Json k = b.call(kService, "GetUsagePlanKey",
                    {{"usagePlanId", p.size() > 1 ? p[1] : ""}, {"keyId", p[0]}});
    m = {{"Id", id},
         {"KeyId", p[0]},
         {"UsagePlanId", p.size() > 1 ? p[1] : ""},
         {"KeyType", k["type"]}};
  } else if (type == kModel) {
    Json r = b.call(kService, "GetModel", {{"restApiId", part(0)}, {"modelName", part(1)}});
    m = {{"RestApiId", part(0)}, {"Name", part(1)}, {"ContentType", r["contentType"]}};
    if (r.contains("description"))
      m["Description"] = r["description"];
    if (r.contains("schema"))
      m["Schema"] = Json::parse(r["schema"].get<std::string>(), nullptr, false);
  } else if (type == kGatewayResponse) {
    Json r =
        b.call(kService, "GetGatewayResponse", {{"restApiId", part(0)}, {"responseType", part(1)}});
    m = {{"Id", id}, {"RestApiId", part(0)}, {"ResponseType", part(1)}};
    for (const char *k : {"statusCode", "responseParameters", "responseTemplates"})
      if (r.contains(k))
        m[std::string(1, static_cast<char>(std::toupper(k[0]))) + (k + 1)] = r[k];
  } else if (type == kAccount) {
    Json a = b.call(kService, "GetAccount", Json::object());
    m = {{"Id", id}};
    if (a.contains("cloudwatchRoleArn"))
      m["CloudWatchRoleArn"] = a["cloudwatchRoleArn"];
  } else if (type == kDomainName) {
    Json d = b.call(kService, "GetDomainName", {{"domainName", id}});
    m = recase(d, false);
    m.erase("DomainNameStatus");
    if (!d.value("tags", Json::object()).empty())
      m["Tags"] = tag_list_of(d["tags"]);
    else
      m.erase("Tags");
  } else if (type == kRequestValidator) {
    Json v = b.call(kService, "GetRequestValidator",
                    {{"restApiId", part(0)}, {"requestValidatorId", part(1)}});
    m = {{"RestApiId", part(0)},
         {"RequestValidatorId", part(1)},
         {"ValidateRequestBody", v.value("validateRequestBody", false)},
         {"ValidateRequestParameters", v.value("validateRequestParameters", false)}};
    if (v.contains("name"))
      m["Name"] = v["name"];
  } else if (type == kDocumentationPart) {
    Json d = b.call(kService, "GetDocumentationPart",
                    {{"restApiId", part(1)}, {"documentationPartId", part(0)}});
    m = {{"DocumentationPartId", part(0)},
         {"RestApiId", part(1)},
         {"Location", recase(d["location"], false)},
         {"Properties", d["properties"]}};
  } else if (type == kClientCertificate) {
    Json cert = b.call(kService, "GetClientCertificate", {{"clientCertificateId", id}});
    m = {{"ClientCertificateId", id}};
    if (cert.contains("description"))
      m["Description"] = cert["description"];
    if (!cert.value("tags", Json::object()).empty())
      m["Tags"] = tag_list_of(cert["tags"]);
  } else if (type == kBasePathMapping) {
    std::string base = part(1).empty() ? "(none)" : part(1);
    Json r = b.call(kService, "GetBasePathMapping", {{"domainName", part(0)}, {"basePath", base}});
    m = {{"DomainName", part(0)}, {"RestApiId", r["restApiId"]}};
    if (!part(1).empty())
      m["BasePath"] = part(1);
    if (r.contains("stage"))
      m["Stage"] = r["stage"];
  }
  return m;
}

ProgressEvent ApiGatewayProvider::read(const ResourceHandlerRequest &request) {
  try {
    return ProgressEvent::success(from_json(read_model(request.type_name, request.physical_id)));
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, request.physical_id, "API Gateway");
  }
}

void ApiGatewayProvider::updated(const ResourceHandlerRequest &request, const Json &before,
                                 Json &after) {
  const std::string &type = request.type_name;
  const std::string &id = request.physical_id;
  auto &b = backend_;
  auto parts = split(id, '|');
  Json ops = Json::array();
  auto tags = [&](const std::string &arn) {
    TagDiff diff =
        tag_diff(before.value("Tags", Json::array()), after.value("Tags", Json::array()));
    if (!diff.removed.empty())
      b.call(kService, "UntagResource", {{"resourceArn", arn}, {"tagKeys", diff.removed}});
    if (!diff.set.empty()) {
      Json map = Json::object();
      for (const auto &t : diff.set)
        map[text(t["Key"])] = text(t["Value"]);
      b.call(kService, "TagResource", {{"resourceArn", arn}, {"tags", map}});
    }
  };
  std::string arn_prefix =
      fmt::format("arn:{}:apigateway:{}::/", request.partition, request.region);
  if (type == kRestApi) {
    if (before.value("Body", Json()) != after.value("Body", Json()) ||
        before.value("BodyS3Location", Json()) != after.value("BodyS3Location", Json()))
      if (after.contains("Body") || after.contains("BodyS3Location"))
        put_body(b, id, api_body(backend_, after), after);
    replace_changed(ops, before, after,
                    {{"Name", "/name"},
                     {"Description", "/description"},
                     {"ApiKeySourceType", "/apiKeySource"},
                     {"MinimumCompressionSize", "/minimumCompressionSize"},
                     {"DisableExecuteApiEndpoint", "/disableExecuteApiEndpoint"},
                     {"Policy", "/policy"}});
    list_changes(ops, before.value("BinaryMediaTypes", Json::array()),
                 after.value("BinaryMediaTypes", Json::array()), "/binaryMediaTypes");
    Json old_types =
        before.value("EndpointConfiguration", Json::object()).value("Types", Json::array({"EDGE"}));
    Json new_types =
        after.value("EndpointConfiguration", Json::object()).value("Types", Json::array({"EDGE"}));
    if (old_types != new_types && !new_types.empty())
      ops.push_back(op("replace", "/endpointConfiguration/types/0", new_types[0]));
    if (!ops.empty())
      b.call(kService, "UpdateRestApi", {{"restApiId", id}, {"patchOperations", ops}});
    tags(arn_prefix + "restapis/" + id);
  } else if (type == kMethod) {
    Json base = {{"restApiId", parts[0]}, {"resourceId", parts[1]}, {"httpMethod", parts[2]}};
    b.call(kService, "DeleteMethod", base);
    created(request, after);
  } else if (type == kDeployment) {
    replace_changed(ops, before, after, {{"Description", "/description"}});
    if (!ops.empty())
      b.call(kService, "UpdateDeployment",
             {{"restApiId", parts[1]}, {"deploymentId", parts[0]}, {"patchOperations", ops}});
    std::string stage = after.value("StageName", "");
    if (!stage.empty() && stage != before.value("StageName", "")) {
      Json in = {{"restApiId", parts[1]}, {"stageName", stage}};
      try {
        b.call(kService, "GetStage", in);
        in["patchOperations"] = Json::array({op("replace", "/deploymentId", Json(parts[0]))});
        b.call(kService, "UpdateStage", in);
      } catch (const services::ServiceError &e) {
        if (!is_not_found(e))
          throw;
        in["deploymentId"] = parts[0];
        b.call(kService, "CreateStage", in);
      }
    }
  } else if (type == kStage) {
    replace_changed(ops, before, after,
                    {{"DeploymentId", "/deploymentId"},
                     {"Description", "/description"},
                     {"CacheClusterEnabled", "/cacheClusterEnabled"},
                     {"CacheClusterSize", "/cacheClusterSize"},
                     {"TracingEnabled", "/tracingEnabled"},
                     {"DocumentationVersion", "/documentationVersion"},
                     {"ClientCertificateId", "/clientCertificateId"}});
    map_changes(ops, before.value("Variables", Json::object()),
                after.value("Variables", Json::object()), "/variables");
    stage_settings(ops, before, after);
    if (!ops.empty())
      b.call(kService, "UpdateStage",
             {{"restApiId", parts[0]}, {"stageName", parts[1]}, {"patchOperations", ops}});
    tags(arn_prefix + "restapis/" + parts[0] + "/stages/" + parts[1]);
  } else if (type == kAuthorizer) {
    replace_changed(ops, before, after,
                    {{"Name", "/name"},
                     {"Type", "/type"},
                     {"AuthType", "/authType"},
                     {"AuthorizerUri", "/authorizerUri"},
                     {"AuthorizerCredentials", "/authorizerCredentials"},
                     {"IdentitySource", "/identitySource"},
                     {"IdentityValidationExpression", "/identityValidationExpression"},
                     {"AuthorizerResultTtlInSeconds", "/authorizerResultTtlInSeconds"}});
    if (before.value("ProviderARNs", Json::array()) != after.value("ProviderARNs", Json::array()))
      list_changes(ops, before.value("ProviderARNs", Json::array()),
                   after.value("ProviderARNs", Json::array()), "/providerARNs");
    if (!ops.empty())
      b.call(kService, "UpdateAuthorizer",
             {{"restApiId", parts[0]}, {"authorizerId", parts[1]}, {"patchOperations", ops}});
  } else if (type == kApiKey) {
    replace_changed(
        ops, before, after,
        {{"Description", "/description"}, {"Enabled", "/enabled"}, {"CustomerId", "/customerId"}});
    auto keys = [](const Json &m) {
      Json out = Json::array();
      for (const auto &k : m.value("StageKeys", Json::array()))
        out.push_back(text(k.value("RestApiId", Json())) + "/" +
                      text(k.value("StageName", Json())));
      return out;
    };
    Json old_keys = keys(before), new_keys = keys(after);
    for (const auto &k : old_keys)
      if (std::find(new_keys.begin(), new_keys.end(), k) == new_keys.end())
        ops.push_back(op("remove", "/stages", k));
    for (const auto &k : new_keys)
      if (std::find(old_keys.begin(), old_keys.end(), k) == old_keys.end())
        ops.push_back(op("add", "/stages", k));
    if (!ops.empty())
      b.call(kService, "UpdateApiKey", {{"apiKey", id}, {"patchOperations", ops}});
    tags(arn_prefix + "apikeys/" + id);
  } else if (type == kUsagePlan) {
    replace_changed(ops, before, after,
                    {{"UsagePlanName", "/name"}, {"Description", "/description"}});
    for (const auto &[member, path] : std::vector<std::pair<std::string, std::string>>{
             {"Throttle", "/throttle"}, {"Quota", "/quota"}}) {
      Json o = before.value(member, Json::object()), n = after.value(member, Json::object());
      for (const auto &[k, v] : n.items())
        if (o.value(k, Json()) != v)
          ops.push_back(op("replace", path + "/" + recase(Json{{k, 0}}, true).begin().key(), v));
    }
    auto stages = [](const Json &m) {
      Json out = Json::array();
      for (const auto &s : m.value("ApiStages", Json::array()))
        out.push_back(text(s.value("ApiId", Json())) + ":" + text(s.value("Stage", Json())));
      return out;
    };
    Json old_stages = stages(before), new_stages = stages(after);
    for (const auto &s : old_stages)
      if (std::find(new_stages.begin(), new_stages.end(), s) == new_stages.end())
        ops.push_back(op("remove", "/apiStages", s));
    for (const auto &s : new_stages)
      if (std::find(old_stages.begin(), old_stages.end(), s) == old_stages.end())
        ops.push_back(op("add", "/apiStages", s));
    if (!ops.empty())
      b.call(kService, "UpdateUsagePlan", {{"usagePlanId", id}, {"patchOperations", ops}});
    tags(arn_prefix + "usageplans/" + id);
  } else if (type == kModel) {
    replace_changed(ops, before, after, {{"Description", "/description"}, {"Schema", "/schema"}});
    if (!ops.empty())
      b.call(kService, "UpdateModel",
             {{"restApiId", parts[0]}, {"modelName", parts[1]}, {"patchOperations", ops}});
  } else if (type == kGatewayResponse) {
    b.call(kService, "PutGatewayResponse",
           members(after, {"RestApiId", "ResponseType", "StatusCode", "ResponseParameters",
                           "ResponseTemplates"}));
  } else if (type == kAccount) {
    replace_changed(ops, before, after, {{"CloudWatchRoleArn", "/cloudwatchRoleArn"}});
    if (!ops.empty())
      b.call(kService, "UpdateAccount", {{"patchOperations", ops}});
  } else if (type == kDomainName) {
    replace_changed(ops, before, after,
                    {{"CertificateArn", "/certificateArn"},
                     {"RegionalCertificateArn", "/regionalCertificateArn"},
                     {"SecurityPolicy", "/securityPolicy"}});
    if (!ops.empty())
      b.call(kService, "UpdateDomainName", {{"domainName", id}, {"patchOperations", ops}});
    tags(arn_prefix + "domainnames/" + id);
  } else if (type == kRequestValidator) {
    replace_changed(ops, before, after,
                    {{"ValidateRequestBody", "/validateRequestBody"},
                     {"ValidateRequestParameters", "/validateRequestParameters"}});
    if (!ops.empty())
      b.call(kService, "UpdateRequestValidator",
             {{"restApiId", parts[0]}, {"requestValidatorId", parts[1]}, {"patchOperations", ops}});
  } else if (type == kDocumentationPart) {
    replace_changed(ops, before, after, {{"Properties", "/properties"}});
    if (!ops.empty())
      b.call(
          kService, "UpdateDocumentationPart",
          {{"restApiId", parts[1]}, {"documentationPartId", parts[0]}, {"patchOperations", ops}});
  } else if (type == kClientCertificate) {
    replace_changed(ops, before, after, {{"Description", "/description"}});
    if (!ops.empty())
      b.call(kService, "UpdateClientCertificate",
             {{"clientCertificateId", id}, {"patchOperations", ops}});
    tags(arn_prefix + "clientcertificates/" + id);
  } else if (type == kBasePathMapping) {
    replace_changed(ops, before, after, {{"RestApiId", "/restApiId"}, {"Stage", "/stage"}});
    if (!ops.empty())
      b.call(kService, "UpdateBasePathMapping",
             {{"domainName", parts[0]},
              {"basePath", parts.size() > 1 && !parts[1].empty() ? parts[1] : "(none)"},
              {"patchOperations", ops}});
  }
}

ProgressEvent ApiGatewayProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = update_refusal(*type, request, request.previous_state, desired))
    return *failure;
  Json before = typed_model(request.previous_state);
  Json after = typed_model(desired);
  try {
    updated(request, before, after);
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, request.physical_id, "API Gateway");
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

void ApiGatewayProvider::removed(const std::string &type, const std::string &id) {
  auto &b = backend_;
  auto parts = split(id, '|');
  auto part = [&](size_t i) { return i < parts.size() ? parts[i] : std::string(); };
  if (type == kRestApi)
    b.call(kService, "DeleteRestApi", {{"restApiId", id}});
  else if (type == kResource)
    b.call(kService, "DeleteResource", {{"restApiId", part(0)}, {"resourceId", part(1)}});
  else if (type == kMethod)
    b.call(kService, "DeleteMethod",
           {{"restApiId", part(0)}, {"resourceId", part(1)}, {"httpMethod", part(2)}});
  else if (type == kDeployment) {
    // The stage a deployment's StageName made goes with it, as CloudFormation deletes it.
    Json stages =
        b.call(kService, "GetStages", {{"restApiId", part(1)}, {"deploymentId", part(0)}});
    for (const auto &s : stages.value("item", Json::array()))
      b.call(kService, "DeleteStage", {{"restApiId", part(1)}, {"stageName", s["stageName"]}});
    b.call(kService, "DeleteDeployment", {{"restApiId", part(1)}, {"deploymentId", part(0)}});
  } else if (type == kStage)
    b.call(kService, "DeleteStage", {{"restApiId", part(0)}, {"stageName", part(1)}});
  else if (type == kAuthorizer)
    b.call(kService, "DeleteAuthorizer", {{"restApiId", part(0)}, {"authorizerId", part(1)}});
  else if (type == kApiKey)
    b.call(kService, "DeleteApiKey", {{"apiKey", id}});
  else if (type == kUsagePlan)
    b.call(kService, "DeleteUsagePlan", {{"usagePlanId", id}});
  else if (type == kUsagePlanKey) {
    auto p = split(id, ':');
    b.call(kService, "DeleteUsagePlanKey",
           {{"usagePlanId", p.size() > 1 ? p[1] : ""}, {"keyId", p[0]}});
  } else if (type == kModel)
    b.call(kService, "DeleteModel", {{"restApiId", part(0)}, {"modelName", part(1)}});
  else if (type == kGatewayResponse)
    b.call(kService, "DeleteGatewayResponse", {{"restApiId", part(0)}, {"responseType", part(1)}});
  else if (type == kAccount)
    b.call(kService, "GetAccount", Json::object()); // the account's settings stay, as in AWS
  else if (type == kDomainName)
    b.call(kService, "DeleteDomainName", {{"domainName", id}});
  else if (type == kRequestValidator)
    b.call(kService, "DeleteRequestValidator",
           {{"restApiId", part(0)}, {"requestValidatorId", part(1)}});
  else if (type == kDocumentationPart)
    b.call(kService, "DeleteDocumentationPart",
           {{"restApiId", part(1)}, {"documentationPartId", part(0)}});
  else if (type == kClientCertificate)
    b.call(kService, "DeleteClientCertificate", {{"clientCertificateId", id}});
  else if (type == kBasePathMapping)
    b.call(kService, "DeleteBasePathMapping",
           {{"domainName", part(0)}, {"basePath", part(1).empty() ? "(none)" : part(1)}});
}

ProgressEvent ApiGatewayProvider::remove(const ResourceHandlerRequest &request) {
  try {
    removed(request.type_name, request.physical_id);
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, request.physical_id, "API Gateway");
  }
  return ProgressEvent::success(Value());
}

} // namespace cfnlocal::providers
