#include "transforms/sam/api_v2_domain.h"
#include "transforms/sam/domain_hash.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace cfnlocal::transforms::sam {

namespace {

/// Python truthiness: the translator drops empty and zero values of optional fields.
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

std::string alnum_only(const std::string &s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += c;
  return out;
}

/// The base path as an API mapping key: surrounding slashes removed ("/v1/" -> "v1").
std::string mapping_key(const std::string &path) {
  size_t b = path.find_first_not_of('/');
  if (b == std::string::npos)
    return "";
  size_t e = path.find_last_not_of('/');
  return path.substr(b, e - b + 1);
}

Json mutual_tls(const std::string &api_id, ApiV2Kind kind, const Json &mtls) {
  static const char *fields = "['TruststoreUri', 'TruststoreVersion']";
  if (kind == ApiV2Kind::WebSocket)
    throw InvalidResource{
        api_id, "Mutual TLS domain name association is not supported for Websocket APIs."};
  if (!mtls.is_object())
    throw InvalidResource{api_id, std::string("MutualTlsAuthentication must be a map with at least "
                                              "one of the following fields ") +
                                      fields + "."};
  std::vector<std::string> unknown;
  for (auto it = mtls.begin(); it != mtls.end(); ++it)
    if (it.key() != "TruststoreUri" && it.key() != "TruststoreVersion")
      unknown.push_back(it.key());
  if (!unknown.empty()) {
    // The translator names the offending fields where the resource ID usually goes.
    std::sort(unknown.begin(), unknown.end());
    std::string joined;
    for (const auto &u : unknown)
      joined += (joined.empty() ? "" : ",") + u;
    throw InvalidResource{joined, std::string("Available MutualTlsAuthentication fields are ") +
                                      fields + "."};
  }
  Json out = Json::object();
  for (const char *k : {"TruststoreUri", "TruststoreVersion"})
    if (truthy(get(mtls, k)))
      out[k] = mtls[k];
  return out;
}

Json record_set(const Json &name, const std::string &type, const std::string &domain_id,
                const Json &route53) {
  Json alias = Json{{"DNSName", make_getatt(domain_id, "RegionalDomainName")},
                    {"HostedZoneId", make_getatt(domain_id, "RegionalHostedZoneId")}};
  if (has(route53, "EvaluateTargetHealth"))
    alias["EvaluateTargetHealth"] = route53["EvaluateTargetHealth"];
  Json rs = Json{{"Name", name}, {"Type", type}, {"AliasTarget", alias}};
  for (const char *k : {"Region", "SetIdentifier"})
    if (has(route53, k))
      rs[k] = route53[k];
  return rs;
}

} // namespace

void add_api_v2_domain(Context &ctx, ApiV2Kind kind, const std::string &api_id,
                       const Json &domain_in, const std::string &stage_id,
                       const Json &propagated_tags, const Json &attributes) {
  if (!domain_in.is_object())
    throw InvalidResource{api_id, "Property 'Domain' should be a map."};
  const Json domain = resolve_parameter_refs(domain_in, ctx.params);
  const Json &name = get(domain, "DomainName");
  const Json &cert = get(domain, "CertificateArn");
  if (name.is_null() || cert.is_null())
    throw InvalidResource{api_id,
                          "Custom Domains only works if both DomainName and CertificateArn are "
                          "provided."};
  std::string domain_id = "ApiGatewayDomainNameV2" + logical_id_hash(name);

  Json endpoint =
      has(domain, "EndpointConfiguration") ? domain["EndpointConfiguration"] : Json("REGIONAL");
  if (endpoint != "REGIONAL")
    throw InvalidResource{api_id,
                          "EndpointConfiguration for Custom Domains must be one of ['REGIONAL']."};
  Json config = Json{{"CertificateArn", cert}, {"EndpointType", endpoint}};
  for (const char *k : {"SecurityPolicy", "OwnershipVerificationCertificateArn"})
    if (has(domain, k))
      config[k] = domain[k];
  Json props = Json{{"DomainName", name}, {"DomainNameConfigurations", Json::array({config})}};
  if (has(domain, "MutualTlsAuthentication")) {
    Json mtls = mutual_tls(api_id, kind, domain["MutualTlsAuthentication"]);
    if (!mtls.empty())
      props["MutualTlsAuthentication"] = mtls;
  }
  Json tags = Json::object();
  if (propagated_tags.is_object())
    tags = propagated_tags;
  tags[kind == ApiV2Kind::Http ? "httpapi:createdBy" : "websocketapi:createdBy"] = "SAM";
  props["Tags"] = tags;

  // API mappings: one per base path, or one without a key.
  Json paths = get(domain, "BasePath");
  if (paths.is_string())
    paths = Json::array({paths});
  std::vector<std::pair<std::string, Json>> mappings;
  if (paths.is_array() && !paths.empty()) {
    for (const auto &p : paths) {
      if (!p.is_string())
        throw InvalidResource{api_id, "Basepath must be a string."};
      std::string key = mapping_key(p.get<std::string>());
      mappings.emplace_back(api_id + alnum_only(key) + "ApiMapping", Json(key));
    }
  } else if (!paths.is_null() && !paths.is_array()) {
    throw InvalidResource{api_id, "Basepath must be a string."};
  } else {
    mappings.emplace_back(api_id + "ApiMapping", Json());
  }

  const Json &route53 = get(domain, "Route53");
  if (!route53.is_null() && !route53.is_object())
    throw InvalidResource{api_id, "Property 'Domain.Route53' should be a map."};
  if (route53.is_object() && !has(route53, "HostedZoneId") && !has(route53, "HostedZoneName"))
    throw InvalidResource{api_id, "HostedZoneId or HostedZoneName is required to enable Route53 "
                                  "support on Custom Domains."};

  Json domain_resource = Json{{"Type", "AWS::ApiGatewayV2::DomainName"}, {"Properties", props}};
  apply_passthrough(domain_resource, attributes);
  ctx.add(domain_id, domain_resource);
  for (auto &[id, key] : mappings) {
    Json m = Json{{"ApiId", make_ref(api_id)},
                  {"DomainName", make_ref(domain_id)},
                  {"Stage", make_ref(stage_id)}};
    if (!key.is_null())
      m["ApiMappingKey"] = key;
    Json mapping = Json{{"Type", "AWS::ApiGatewayV2::ApiMapping"}, {"Properties", m}};
    apply_passthrough(mapping, attributes);
    ctx.add(id, mapping);
  }
  if (!route53.is_object())
    return;
  bool by_id = has(route53, "HostedZoneId");
  const Json &zone = by_id ? route53["HostedZoneId"] : route53["HostedZoneName"];
  std::string group_id = "RecordSetGroup" + logical_id_hash(zone);
  Json sets = Json::array({record_set(name, "A", domain_id, route53)});
  if (get(route53, "IpV6") == true)
    sets.push_back(record_set(name, "AAAA", domain_id, route53));
  if (kind == ApiV2Kind::Http && ctx.out.contains(group_id) &&
      get(ctx.out[group_id], "Type") == "AWS::Route53::RecordSetGroup") {
    // HTTP APIs on one hosted zone share its record set group.
    Json &existing = ctx.out[group_id]["Properties"]["RecordSets"];
    for (auto &s : sets)
      existing.push_back(s);
    return;
  }
  Json group = Json::object();
  group[by_id ? "HostedZoneId" : "HostedZoneName"] = zone;
  group["RecordSets"] = sets;
  ctx.add(group_id, Json{{"Type", "AWS::Route53::RecordSetGroup"}, {"Properties", group}});
}

} // namespace cfnlocal::transforms::sam
