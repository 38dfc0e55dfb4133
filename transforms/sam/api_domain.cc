// The Domain property of AWS::Serverless::Api: a custom domain name, its base path mappings and
// optional Route53 alias records. Public and regional domains are AWS::ApiGateway::DomainName;
// PRIVATE ones are AWS::ApiGateway::DomainNameV2 with V2 mappings and access associations.
#include "transforms/sam/api.h"

#include <cctype>

namespace cfnlocal::transforms::sam {

namespace {

/// CloudFront's hosted zone, the alias target zone of every edge-optimized domain.
constexpr const char *kCloudFrontHostedZone = "Z2FDTNDATAQYW2";

std::string alnum_only(const std::string &s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += c;
  return out;
}

/// Python truthiness of a property value (the translator drops falsy optional values).
bool truthy(const Json &v) {
  if (v.is_null())
    return false;
  if (v.is_boolean())
    return v.get<bool>();
  if (v.is_number())
    return v.get<double>() != 0;
  if (v.is_string() || v.is_array() || v.is_object())
    return !v.empty();
  return true;
}

/// Alias records of the domain in the hosted zone's record set group (shared by every API
/// that names the same zone).
void add_route53_records(Context &ctx, const std::string &api_id, const Json &domain,
                         const std::string &domain_id, const std::string &endpoint,
                         const Json &attributes) {
  const Json &route53 = domain["Route53"];
  if (!route53.is_object())
    throw InvalidResource{api_id, "Property 'Domain.Route53' should be a map."};
  const Json &zone_id = get(route53, "HostedZoneId");
  const Json &zone_name = get(route53, "HostedZoneName");
  if (zone_id.is_null() && zone_name.is_null())
    throw InvalidResource{api_id, "HostedZoneId or HostedZoneName is required to enable Route53 "
                                  "support on Custom Domains."};
  // Domains of one hosted zone share a record set group unless one asks for its own, keyed on
  // the zone and its domain name.
  const Json &separate = get(route53, "SeparateRecordSetGroup");
  if (!separate.is_null() && !separate.is_boolean())
    throw InvalidResource{api_id,
                          "Property 'Domain.Route53.SeparateRecordSetGroup' should be a boolean."};
  const Json &zone = zone_id.is_null() ? zone_name : zone_id;
  std::string group_id =
      "RecordSetGroup" + (separate.is_boolean() && separate.get<bool>()
                              ? logical_id_hash(Json::array({zone, domain["DomainName"]}))
                              : logical_id_hash(zone));

  Json alias = Json::object();
  if (endpoint == "PRIVATE") {
    alias["HostedZoneId"] = get(route53, "VpcEndpointHostedZoneId");
    alias["DNSName"] = get(route53, "VpcEndpointDomainName");
  } else if (endpoint == "EDGE") {
    alias["HostedZoneId"] = kCloudFrontHostedZone;
    alias["DNSName"] = has(route53, "DistributionDomainName")
                           ? route53["DistributionDomainName"]
                           : make_getatt(domain_id, "DistributionDomainName");
  } else {
    alias["HostedZoneId"] = make_getatt(domain_id, "RegionalHostedZoneId");
    alias["DNSName"] = make_getatt(domain_id, "RegionalDomainName");
  }
  if (has(route53, "EvaluateTargetHealth"))
    alias["EvaluateTargetHealth"] = route53["EvaluateTargetHealth"];
  auto record = [&](const char *type) {
    Json r = Json{{"Name", domain["DomainName"]}, {"Type", type}, {"AliasTarget", alias}};
    for (const char *k : {"Region", "SetIdentifier"})
      if (has(route53, k))
        r[k] = route53[k];
    return r;
  };

  auto existing = ctx.out.find(group_id);
  if (existing == ctx.out.end() || !get(*existing, "Properties").is_object()) {
    Json props = Json::object();
    if (!zone_id.is_null())
      props["HostedZoneId"] = zone_id;
    if (!zone_name.is_null())
      props["HostedZoneName"] = zone_name;
    props["RecordSets"] = Json::array();
    Json group = Json{{"Type", "AWS::Route53::RecordSetGroup"}, {"Properties", props}};
    apply_passthrough(group, attributes);
    ctx.add(group_id, group);
  }
  Json &sets = ctx.out[group_id]["Properties"]["RecordSets"];
  sets.push_back(record("A"));
  if (truthy(get(route53, "IpV6")))
    sets.push_back(record("AAAA"));
}

} // namespace

void add_api_domain(Context &ctx, const std::string &api_id, const Json &domain_in,
                    const std::string &stage_id, const Json &attributes, const Json &tags) {
  if (domain_in.is_null())
    return;
  Json domain = resolve_parameter_refs(domain_in, ctx.params);
  if (!domain.is_object())
    throw InvalidResource{api_id, "Property 'Domain' should be a map."};
  if (get(domain, "DomainName").is_null())
    throw InvalidResource{api_id, "Property 'Domain.DomainName' is required."};
  if (get(domain, "CertificateArn").is_null())
    throw InvalidResource{api_id, "Property 'Domain.CertificateArn' is required."};
  Json endpoint_value =
      has(domain, "EndpointConfiguration") ? domain["EndpointConfiguration"] : Json("REGIONAL");
  std::string endpoint = endpoint_value.is_string() ? endpoint_value.get<std::string>() : "";
  if (endpoint != "EDGE" && endpoint != "REGIONAL" && endpoint != "PRIVATE")
    throw InvalidResource{api_id, "EndpointConfiguration for Custom Domains must be one of "
                                  "['EDGE', 'REGIONAL', 'PRIVATE']."};
  bool v2 = endpoint == "PRIVATE";
  std::string domain_id = std::string(v2 ? "ApiGatewayDomainNameV2" : "ApiGatewayDomainName") +
                          logical_id_hash(domain["DomainName"]);

  Json props = Json::object();
  props["DomainName"] = domain["DomainName"];
  Json endpoint_config = Json{{"Types", Json::array({endpoint})}};
  if (has(domain, "IpAddressType"))
    endpoint_config["IpAddressType"] = domain["IpAddressType"];
  props["EndpointConfiguration"] = endpoint_config;
  if (endpoint == "REGIONAL")
    props["RegionalCertificateArn"] = domain["CertificateArn"];
  else
    props["CertificateArn"] = domain["CertificateArn"];
  if (has(domain, "MutualTlsAuthentication")) {
    const Json &mtls = domain["MutualTlsAuthentication"];
    if (!mtls.is_object())
      throw InvalidResource{api_id, "Property 'Domain.MutualTlsAuthentication' should be a map."};
    Json out = Json::object();
    for (auto it = mtls.begin(); it != mtls.end(); ++it) {
      if (it.key() != "TruststoreUri" && it.key() != "TruststoreVersion")
        throw InvalidResource{api_id, "Available Domain.MutualTlsAuthentication fields are "
                                      "['TruststoreUri', 'TruststoreVersion']."};
      if (truthy(it.value()))
        out[it.key()] = it.value();
    }
    props["MutualTlsAuthentication"] = out;
  }
  for (const char *k :
       {"SecurityPolicy", "EndpointAccessMode", "OwnershipVerificationCertificateArn"})
    if (truthy(get(domain, k)))
      props[k] = domain[k];
  if (v2 && truthy(get(domain, "Policy")))
    props["Policy"] = domain["Policy"];
  if (tags.is_array())
    props["Tags"] = tags;
  Json domain_resource =
      Json{{"Type", v2 ? "AWS::ApiGateway::DomainNameV2" : "AWS::ApiGateway::DomainName"},
           {"Properties", props}};
  apply_passthrough(domain_resource, attributes);
  ctx.add(domain_id, domain_resource);
  // `!Ref Api.DomainName` (V2: `Api.DomainNameV2`) names the generated domain.
  ctx.renamed[api_id + (v2 ? ".DomainNameV2" : ".DomainName")] = domain_id;

  if (v2 && has(domain, "AccessAssociation")) {
    const Json &access = domain["AccessAssociation"];
    if (!access.is_object())
      throw InvalidResource{api_id, "Property 'Domain.AccessAssociation' should be a map."};
    const Json &vpce = get(access, "VpcEndpointId");
    std::string access_id =
        "DomainNameAccessAssociation" + logical_id_hash(Json::array({vpce, domain_id}));
    Json association = Json{{"Type", "AWS::ApiGateway::DomainNameAccessAssociation"},
                            {"Properties", Json{{"DomainNameArn", make_ref(domain_id)},
                                                {"AccessAssociationSource", vpce},
                                                {"AccessAssociationSourceType", "VPCE"}}}};
    apply_passthrough(association, attributes);
    ctx.add(access_id, association);
  }

  // Base path mappings: one per path; none given maps the API at the domain's root.
  Json paths = has(domain, "BasePath") ? domain["BasePath"] : Json();
  if (paths.is_string())
    paths = Json::array({paths});
  bool normalize =
      !(get(domain, "NormalizeBasePath").is_boolean() && !domain["NormalizeBasePath"].get<bool>());
  auto mapping = [&](const Json *path) {
    Json m = Json::object();
    std::string suffix;
    if (path) {
      std::string p = path->get<std::string>();
      suffix = alnum_only(p);
      m["BasePath"] = normalize ? Json(suffix) : Json(p);
    }
    m[v2 ? "DomainNameArn" : "DomainName"] = make_ref(domain_id);
    m["RestApiId"] = make_ref(api_id);
    m["Stage"] = make_ref(stage_id);
    Json r = Json{
        {"Type", v2 ? "AWS::ApiGateway::BasePathMappingV2" : "AWS::ApiGateway::BasePathMapping"},
        {"Properties", m}};
    apply_passthrough(r, attributes);
    ctx.add(api_id + suffix + "BasePathMapping", r);
  };
  if (paths.is_array() && !paths.empty()) {
    for (size_t i = 0; i < paths.size(); ++i)
      if (!paths[i].is_string())
        throw InvalidResource{api_id, "Property 'Domain.BasePath[" + std::to_string(i) +
                                          "]' should be a string."};
    for (const auto &p : paths)
      mapping(&p);
  } else {
    mapping(nullptr);
  }

  if (has(domain, "Route53"))
    add_route53_records(ctx, api_id, domain, domain_id, endpoint, attributes);
}

} // namespace cfnlocal::transforms::sam
