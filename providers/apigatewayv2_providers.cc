#include "providers/apigatewayv2_providers.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/s3_object_body.h"
#include "providers/service_errors.h"
#include "services/endpoint/service_model.h"

#include <fmt/format.h>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "apigatewayv2";
const std::string kApi = "AWS::ApiGatewayV2::Api";
const std::string kRoute = "AWS::ApiGatewayV2::Route";
const std::string kIntegration = "AWS::ApiGatewayV2::Integration";
const std::string kStage = "AWS::ApiGatewayV2::Stage";
const std::string kDeployment = "AWS::ApiGatewayV2::Deployment";
const std::string kAuthorizer = "AWS::ApiGatewayV2::Authorizer";
const std::string kDomainName = "AWS::ApiGatewayV2::DomainName";
const std::string kApiMapping = "AWS::ApiGatewayV2::ApiMapping";
const std::string kVpcLink = "AWS::ApiGatewayV2::VpcLink";

template <class Names> Json members(const Json &m, const Names &names) {
  Json out = Json::object();
  for (const auto &name : names)
    if (auto it = m.find(name); it != m.end() && !it->is_null())
      out[name] = *it;
  return out;
}
Json members(const Json &m, std::initializer_list<const char *> names) {
  return members<std::initializer_list<const char *>>(m, names);
}

const std::initializer_list<const char *> kApiMembers = {"Name",
                                                         "ProtocolType",
                                                         "RouteSelectionExpression",
                                                         "ApiKeySelectionExpression",
                                                         "CorsConfiguration",
                                                         "Description",
                                                         "DisableExecuteApiEndpoint",
                                                         "DisableSchemaValidation",
                                                         "Version",
                                                         "IpAddressType"};
// The fields each update can change: the operation's body members in the service model, which
// the embedded service copies too (UpdateRoute: ApiKeyRequired, ..., Target).
const std::vector<std::string> &updatable(std::string_view operation) {
  static const auto all = [] {
    std::map<std::string, std::vector<std::string>, std::less<>> m;
    for (const char *op : {"UpdateRoute", "UpdateIntegration", "UpdateStage", "UpdateAuthorizer"})
      m.emplace(op, services::endpoint::body_members(kService, op));
    return m;
  }();
  return all.find(operation)->second;
}

std::vector<std::string> split(const std::string &id) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t at = id.find('|', start);
    out.push_back(id.substr(start, at - start));
    if (at == std::string::npos)
      return out;
    start = at + 1;
  }
}

Json typed_model(const Value &model) {
  return typed(model, {"TimeoutInMillis", "AuthorizerResultTtlInSeconds", "ThrottlingBurstLimit"},
               {"ApiKeyRequired", "AutoDeploy", "DisableExecuteApiEndpoint",
                "DisableSchemaValidation", "EnableSimpleResponses", "DetailedMetricsEnabled",
                "DataTraceEnabled", "AllowCredentials", "FailOnWarnings"});
}

// Only what the model sets, and only members the service shape has (drops read-only ones).
template <class Names> Json read_back(const Json &shape, const Names &names) {
  return members(shape, names);
}
Json read_back(const Json &shape, std::initializer_list<const char *> names) {
  return members(shape, names);
}

} // namespace

const std::vector<std::string> &ApiGatewayV2Provider::types() {
  static const std::vector<std::string> all = {kApi,        kRoute,      kIntegration,
                                               kStage,      kDeployment, kAuthorizer,
                                               kDomainName, kApiMapping, kVpcLink};
  return all;
}

std::string ApiGatewayV2Provider::physical_id(std::string_view type_name,
                                              const Value &model) const {
  if (type_name == kStage) {
    std::string api = string_of(model, "ApiId"), name = string_of(model, "StageName");
    return api.empty() || name.empty() ? "" : api + "|" + name;
  }
  return GenericProvider::physical_id(type_name, model);
}

Json ApiGatewayV2Provider::created(const ResourceHandlerRequest &request, Json m) {
  const std::string &type = request.type_name;
  auto &b = backend_;
  if (type == kApi) {
    if (m.contains("Body") || m.contains("BodyS3Location")) {
      Json in = {{"Body", api_body(backend_, m)}};
      if (m.contains("BasePath"))
        in["Basepath"] = m["BasePath"];
      if (m.contains("FailOnWarnings"))
        in["FailOnWarnings"] = m["FailOnWarnings"];
      Json api = b.call(kService, "ImportApi", in);
      std::string id = api["ApiId"];
      Json update = members(m, {"Name", "Description", "CorsConfiguration",
                                "DisableExecuteApiEndpoint", "DisableSchemaValidation", "Version"});
      try {
        if (!update.empty()) {
          update["ApiId"] = id;
          b.call(kService, "UpdateApi", update);
        }
        if (m.contains("Tags") && !m["Tags"].empty())
          b.call(kService, "TagResource",
                 {{"ResourceArn", fmt::format("arn:{}:apigateway:{}::/apis/{}", request.partition,
                                              request.region, id)},
                  {"Tags", m["Tags"]}});
      } catch (const services::ServiceError &) {
        b.call(kService, "DeleteApi", {{"ApiId", id}});
        throw;
      }
      m["ApiId"] = id;
      m["ApiEndpoint"] = api["ApiEndpoint"];
    } else {
      Json in = members(m, kApiMembers);
      for (const char *k : {"Target", "RouteKey", "CredentialsArn", "Tags"})
        if (m.contains(k))
          in[k] = m[k];
      Json api = b.call(kService, "CreateApi", in);
      m["ApiId"] = api["ApiId"];
      m["ApiEndpoint"] = api["ApiEndpoint"];
    }
  } else if (type == kRoute) {
    Json in = members(m, updatable("UpdateRoute"));
    in["ApiId"] = m["ApiId"];
    m["RouteId"] = b.call(kService, "CreateRoute", in)["RouteId"];
  } else if (type == kIntegration) {
    Json in = members(m, updatable("UpdateIntegration"));
    in["ApiId"] = m["ApiId"];
    m["IntegrationId"] = b.call(kService, "CreateIntegration", in)["IntegrationId"];
  } else if (type == kStage) {
    Json in = members(m, updatable("UpdateStage"));
    in["ApiId"] = m["ApiId"];
    in["StageName"] = m["StageName"];
    if (m.contains("Tags"))
      in["Tags"] = m["Tags"];
    b.call(kService, "CreateStage", in);
    m["Id"] = m["StageName"];
  } else if (type == kDeployment) {
    Json in = members(m, {"ApiId", "Description", "StageName"});
    m["DeploymentId"] = b.call(kService, "CreateDeployment", in)["DeploymentId"];
  } else if (type == kAuthorizer) {
    Json in = members(m, updatable("UpdateAuthorizer"));
    in["ApiId"] = m["ApiId"];
    m["AuthorizerId"] = b.call(kService, "CreateAuthorizer", in)["AuthorizerId"];
  } else if (type == kDomainName) {
    Json d = b.call(kService, "CreateDomainName",
                    members(m, {"DomainName", "DomainNameConfigurations", "MutualTlsAuthentication",
                                "RoutingMode", "Tags"}));
    m["DomainNameArn"] = d.value("DomainNameArn", "");
    const Json &configs = d["DomainNameConfigurations"];
    if (configs.is_array() && !configs.empty()) {
      m["RegionalDomainName"] = configs[0].value("ApiGatewayDomainName", "");
      m["RegionalHostedZoneId"] = configs[0].value("HostedZoneId", "");
    }
  } else if (type == kVpcLink) {
    m["VpcLinkId"] =
        b.call(kService, "CreateVpcLink",
               members(m, {"Name", "SecurityGroupIds", "SubnetIds", "Tags"}))["VpcLinkId"];
  } else if (type == kApiMapping) {
    m["ApiMappingId"] =
        b.call(kService, "CreateApiMapping",
               members(m, {"DomainName", "ApiId", "ApiMappingKey", "Stage"}))["ApiMappingId"];
  }
  return m;
}

ProgressEvent ApiGatewayV2Provider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  try {
    return ProgressEvent::success(from_json(created(request, typed_model(properties))));
  } catch (const services::ServiceError &e) {
    return failure_from(e, "API Gateway");
  }
}

Json ApiGatewayV2Provider::read_model(const std::string &type, const std::string &id) {
  auto &b = backend_;
  auto p = split(id);
  auto part = [&](size_t i) { return i < p.size() ? p[i] : std::string(); };
  Json m;
  if (type == kApi) {
    Json a = b.call(kService, "GetApi", {{"ApiId", id}});
    m = read_back(a, kApiMembers);
    m["ApiId"] = id;
    m["ApiEndpoint"] = a["ApiEndpoint"];
    if (!a.value("Tags", Json::object()).empty())
      m["Tags"] = a["Tags"];
  } else if (type == kRoute) {
    m = read_back(b.call(kService, "GetRoute", {{"ApiId", part(0)}, {"RouteId", part(1)}}),
                  updatable("UpdateRoute"));
    m["ApiId"] = part(0);
    m["RouteId"] = part(1);
  } else if (type == kIntegration) {
    m = read_back(
        b.call(kService, "GetIntegration", {{"ApiId", part(0)}, {"IntegrationId", part(1)}}),
        updatable("UpdateIntegration"));
    m["ApiId"] = part(0);
    m["IntegrationId"] = part(1);
  } else if (type == kStage) {
    Json s = b.call(kService, "GetStage", {{"ApiId", part(0)}, {"StageName", part(1)}});
    m = read_back(s, updatable("UpdateStage"));
    m["ApiId"] = part(0);
    m["StageName"] = part(1);
    m["Id"] = part(1);
    if (!s.value("Tags", Json::object()).empty())
      m["Tags"] = s["Tags"];
  } else if (type == kDeployment) {
    Json d = b.call(kService, "GetDeployment", {{"ApiId", part(0)}, {"DeploymentId", part(1)}});
    m = read_back(d, {"Description"});
    m["ApiId"] = part(0);
    m["DeploymentId"] = part(1);
  } else if (type == kAuthorizer) {
    m = read_back(
        b.call(kService, "GetAuthorizer", {{"ApiId", part(1)}, {"AuthorizerId", part(0)}}),
        updatable("UpdateAuthorizer"));
    m["AuthorizerId"] = part(0);
    m["ApiId"] = part(1);
  } else if (type == kDomainName) {
    Json d = b.call(kService, "GetDomainName", {{"DomainName", id}});
    m = read_back(d, {"DomainName", "DomainNameArn", "MutualTlsAuthentication", "RoutingMode"});
    Json configs = Json::array();
    for (const auto &c : d.value("DomainNameConfigurations", Json::array()))
      configs.push_back(
          members(c, {"CertificateArn", "CertificateName", "EndpointType", "SecurityPolicy",
                      "OwnershipVerificationCertificateArn", "IpAddressType"}));
    m["DomainNameConfigurations"] = configs;
    if (!configs.empty()) {
      m["RegionalDomainName"] = d["DomainNameConfigurations"][0].value("ApiGatewayDomainName", "");
      m["RegionalHostedZoneId"] = d["DomainNameConfigurations"][0].value("HostedZoneId", "");
    }
    if (!d.value("Tags", Json::object()).empty())
      m["Tags"] = d["Tags"];
  } else if (type == kVpcLink) {
    Json v = b.call(kService, "GetVpcLink", {{"VpcLinkId", id}});
    m = read_back(v, {"Name", "SubnetIds"});
    m["VpcLinkId"] = id;
    if (!v.value("SecurityGroupIds", Json::array()).empty())
      m["SecurityGroupIds"] = v["SecurityGroupIds"];
    if (!v.value("Tags", Json::object()).empty())
      m["Tags"] = v["Tags"];
  } else if (type == kApiMapping) {
    m = read_back(
        b.call(kService, "GetApiMapping", {{"DomainName", part(1)}, {"ApiMappingId", part(0)}}),
        {"ApiId", "ApiMappingKey", "Stage"});
    m["ApiMappingId"] = part(0);
    m["DomainName"] = part(1);
  }
  return m;
}

ProgressEvent ApiGatewayV2Provider::read(const ResourceHandlerRequest &request) {
  try {
    return ProgressEvent::success(from_json(read_model(request.type_name, request.physical_id)));
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, request.physical_id, "API Gateway");
  }
}

void ApiGatewayV2Provider::updated(const ResourceHandlerRequest &request, const Json &before,
                                   const Json &after) {
  const std::string &type = request.type_name;
  const std::string &id = request.physical_id;
  auto &b = backend_;
  auto p = split(id);
  auto part = [&](size_t i) { return i < p.size() ? p[i] : std::string(); };
  // Each Update* takes the members to change; a member the template drops goes back to "".
  auto changes = [&](const std::vector<std::string> &names) {
    Json out = Json::object();
    for (const auto &name : names) {
      Json was = before.value(name, Json()), now = after.value(name, Json());
      if (was != now)
        out[name] = now.is_null() ? (was.is_boolean() ? Json(false) : Json("")) : now;
    }
    return out;
  };
  auto tags = [&](const std::string &arn) {
    Json was = before.value("Tags", Json::object()), now = after.value("Tags", Json::object());
    Json removed = Json::array();
    for (const auto &[k, v] : was.items())
      if (!now.contains(k))
        removed.push_back(k);
    if (!removed.empty())
      b.call(kService, "UntagResource", {{"ResourceArn", arn}, {"TagKeys", removed}});
    if (!now.empty() && now != was)
      b.call(kService, "TagResource", {{"ResourceArn", arn}, {"Tags", now}});
  };
  std::string arn_prefix =
      fmt::format("arn:{}:apigateway:{}::/", request.partition, request.region);
  if (type == kApi) {
    if ((after.contains("Body") || after.contains("BodyS3Location")) &&
        (before.value("Body", Json()) != after.value("Body", Json()) ||
         before.value("BodyS3Location", Json()) != after.value("BodyS3Location", Json())))
      b.call(kService, "ReimportApi", {{"ApiId", id}, {"Body", api_body(backend_, after)}});
    Json in = changes({"Name", "RouteSelectionExpression", "ApiKeySelectionExpression",
                       "CorsConfiguration", "Description", "DisableExecuteApiEndpoint",
                       "DisableSchemaValidation", "Version"});
    if (!after.contains("CorsConfiguration"))
      in.erase("CorsConfiguration");
    if (!in.empty()) {
      in["ApiId"] = id;
      b.call(kService, "UpdateApi", in);
    }
    tags(arn_prefix + "apis/" + id);
  } else if (type == kRoute) {
    Json in = changes(updatable("UpdateRoute"));
    in["ApiId"] = part(0);
    in["RouteId"] = part(1);
    if (in.size() > 2)
      b.call(kService, "UpdateRoute", in);
  } else if (type == kIntegration) {
    Json in = changes(updatable("UpdateIntegration"));
    in["ApiId"] = part(0);
    in["IntegrationId"] = part(1);
    if (in.size() > 2)
      b.call(kService, "UpdateIntegration", in);
  } else if (type == kStage) {
    Json in = changes(updatable("UpdateStage"));
    in["ApiId"] = part(0);
    in["StageName"] = part(1);
    if (in.size() > 2)
      b.call(kService, "UpdateStage", in);
    tags(arn_prefix + "apis/" + part(0) + "/stages/" + part(1));
  } else if (type == kDeployment) {
    Json in = changes({"Description"});
    in["ApiId"] = part(0);
    in["DeploymentId"] = part(1);
    if (in.size() > 2)
      b.call(kService, "UpdateDeployment", in);
    std::string stage = after.value("StageName", "");
    if (!stage.empty() && stage != before.value("StageName", ""))
      b.call(kService, "UpdateStage",
             {{"ApiId", part(0)}, {"StageName", stage}, {"DeploymentId", part(1)}});
  } else if (type == kAuthorizer) {
    Json in = changes(updatable("UpdateAuthorizer"));
    in["ApiId"] = part(1);
    in["AuthorizerId"] = part(0);
    if (in.size() > 2)
      b.call(kService, "UpdateAuthorizer", in);
  } else if (type == kDomainName) {
    Json in = changes({"DomainNameConfigurations", "MutualTlsAuthentication", "RoutingMode"});
    in["DomainName"] = id;
    if (in.size() > 1)
      b.call(kService, "UpdateDomainName", in);
    tags(arn_prefix + "domainnames/" + id);
  } else if (type == kVpcLink) {
    if (before.value("Name", Json()) != after.value("Name", Json()))
      b.call(kService, "UpdateVpcLink", {{"VpcLinkId", id}, {"Name", after.value("Name", Json())}});
    tags(arn_prefix + "vpclinks/" + id);
  } else if (type == kApiMapping) {
    Json in = members(after, {"ApiId", "ApiMappingKey", "Stage"});
    in["DomainName"] = part(1);
    in["ApiMappingId"] = part(0);
    b.call(kService, "UpdateApiMapping", in);
  }
}

ProgressEvent ApiGatewayV2Provider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = update_refusal(*type, request, request.previous_state, desired))
    return *failure;
  try {
    updated(request, typed_model(request.previous_state), typed_model(desired));
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, request.physical_id, "API Gateway");
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent ApiGatewayV2Provider::remove(const ResourceHandlerRequest &request) {
  const std::string &type = request.type_name;
  auto p = split(request.physical_id);
  auto part = [&](size_t i) { return i < p.size() ? p[i] : std::string(); };
  auto &b = backend_;
  try {
    if (type == kApi)
      b.call(kService, "DeleteApi", {{"ApiId", request.physical_id}});
    else if (type == kRoute)
      b.call(kService, "DeleteRoute", {{"ApiId", part(0)}, {"RouteId", part(1)}});
    else if (type == kIntegration)
      b.call(kService, "DeleteIntegration", {{"ApiId", part(0)}, {"IntegrationId", part(1)}});
    else if (type == kStage)
      b.call(kService, "DeleteStage", {{"ApiId", part(0)}, {"StageName", part(1)}});
    else if (type == kDeployment)
      b.call(kService, "DeleteDeployment", {{"ApiId", part(0)}, {"DeploymentId", part(1)}});
    else if (type == kAuthorizer)
      b.call(kService, "DeleteAuthorizer", {{"ApiId", part(1)}, {"AuthorizerId", part(0)}});
    else if (type == kDomainName)
      b.call(kService, "DeleteDomainName", {{"DomainName", request.physical_id}});
    else if (type == kVpcLink)
      b.call(kService, "DeleteVpcLink", {{"VpcLinkId", request.physical_id}});
    else if (type == kApiMapping)
      b.call(kService, "DeleteApiMapping", {{"DomainName", part(1)}, {"ApiMappingId", part(0)}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, request.physical_id, "API Gateway");
  }
  return ProgressEvent::success(Value());
}

} // namespace cfnlocal::providers
