// VPC endpoint services (AWS PrivateLink) and their connections (Amazon EC2 API Reference:
// CreateVpcEndpointServiceConfiguration, ModifyVpcEndpointServiceConfiguration,
// DescribeVpcEndpointServiceConfigurations, DeleteVpcEndpointServiceConfigurations,
// ModifyVpcEndpointServicePermissions, DescribeVpcEndpointServicePermissions,
// StartVpcEndpointServicePrivateDnsVerification, DescribeVpcEndpointServices,
// DescribeVpcEndpointConnections, AcceptVpcEndpointConnections, RejectVpcEndpointConnections;
// AWS PrivateLink Guide, "Manage DNS names for VPC endpoint services").
//
// Enforced as EC2 does: exactly one kind of load balancer per service, ARNs of that kind (and,
// where the backend serves Elastic Load Balancing v2, load balancers that exist), a private DNS
// name that needs verifying through a TXT record, principals as ARNs or "*", and no deleting a
// service that endpoints are still connected to.
#include "services/embedded/ec2_common.h"
#include "services/embedded/shape_checks.h"

#include <fmt/format.h>

#include <regex>

namespace cfnlocal::services::embedded::ec2 {
namespace {

constexpr std::string_view kKind = "vpc-endpoint-service";

std::string service_name_prefix(const Context &c) {
  return fmt::format("com.amazonaws.vpce.{}.", c.region);
}

// ---- load balancers -------------------------------------------------------------------------

struct LoadBalancerKind {
  std::string_view arn_part;  // "net" or "gwy" in the ARN
  std::string_view elb_type;  // ELBv2's Type
  std::string_view parameter; // the request member, as EC2's messages name it
  std::string_view list;      // the ServiceConfiguration member
  std::string_view service_type;
};
constexpr LoadBalancerKind kNetwork{"net", "network", "networkLoadBalancerArns",
                                    "NetworkLoadBalancerArns", "Interface"};
constexpr LoadBalancerKind kGateway{"gwy", "gateway", "gatewayLoadBalancerArns",
                                    "GatewayLoadBalancerArns", "GatewayLoadBalancer"};

// Checks the load balancers `arns` of `kind` and returns the Availability Zones they span.
// An ARN must be well formed, of this region and account. Whether the load balancer exists is
// asked of Elastic Load Balancing v2 through the backend; a backend that does not serve ELBv2
// (the embedded ELBv2 is built separately, and may be absent) answers InvalidAction, and then a
// well-formed ARN is accepted as naming a load balancer in every zone of the region, since
// nothing local can say otherwise.
std::vector<std::string> check_load_balancers(Context &c, const std::vector<std::string> &arns,
                                              const LoadBalancerKind &kind) {
  static const std::regex shape(
      R"(arn:[a-z-]+:elasticloadbalancing:([a-z0-9-]+):(\d{12}):loadbalancer/([a-z]{3})/)"
      R"([A-Za-z0-9-]{1,32}/[0-9a-f]{16})");
  std::vector<std::string> zones;
  auto add_zone = [&](const std::string &z) {
    if (std::find(zones.begin(), zones.end(), z) == zones.end())
      zones.push_back(z);
  };
  for (const auto &arn : arns) {
    std::smatch m;
    if (!std::regex_match(arn, m, shape) || m[1] != c.region || m[2] != c.account)
      fail("InvalidParameter", fmt::format("{} is not a valid load balancer ARN.", arn));
    if (m[3].str() != kind.arn_part)
      fail("InvalidParameter",
           fmt::format("Load balancer {} is not a {} load balancer.", arn, kind.elb_type));
    Json found;
    bool served = c.backend != nullptr;
    if (served) {
      try {
        found = c.backend->call("elbv2", "DescribeLoadBalancers",
                                {{"LoadBalancerArns", Json::array({arn})}});
      } catch (const ServiceError &e) {
        if (e.code() == "InvalidAction")
          served = false;
        else if (e.code() == "LoadBalancerNotFound")
          fail("InvalidParameter", fmt::format("Load balancer {} was not found.", arn));
        else
          throw;
      }
    }
    if (!served) {
      for (const auto &z : availability_zones(c))
        add_zone(z);
      continue;
    }
    for (const auto &lb : found.value("LoadBalancers", Json::array())) {
      if (lb.value("Type", std::string(kind.elb_type)) != kind.elb_type)
        fail("InvalidParameter",
             fmt::format("Load balancer {} is not a {} load balancer.", arn, kind.elb_type));
      for (const auto &z : lb.value("AvailabilityZones", Json::array()))
        add_zone(z.value("ZoneName", ""));
    }
  }
  std::sort(zones.begin(), zones.end());
  return zones;
}

// The load balancer kind a request names: exactly one of the two lists.
const LoadBalancerKind &kind_of_request(const Json &input) {
  bool network = !strings(input, "NetworkLoadBalancerArns").empty();
  bool gateway = !strings(input, "GatewayLoadBalancerArns").empty();
  if (network == gateway)
    fail("InvalidParameter",
         "exactly one of network_load_balancer_arn or gateway_load_balancer_arn is a required "
         "member");
  return network ? kNetwork : kGateway;
}

const LoadBalancerKind &kind_of_service(const Json &service) {
  return service["ServiceType"][0].value("ServiceType", "") == "GatewayLoadBalancer" ? kGateway
                                                                                     : kNetwork;
}

// ---- private DNS names ----------------------------------------------------------------------

std::string lower_alnum(size_t n) {
  std::string s = random_alnum(n);
  for (auto &ch : s)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// A private DNS name: a domain name of up to 255 characters, labels of letters, digits and
// hyphens (a leading "*." wildcard allowed, as AWS allows it).
void check_private_dns_name(const std::string &name) {
  static const std::regex domain(
      R"((\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\.?)");
  if (name.size() > 255 || !std::regex_match(name, domain))
    invalid_value("privateDnsName", name, "The private DNS name is not a valid domain name.");
}

// The TXT record the provider publishes to prove it owns the domain: a random subdomain label
// and a random value, both new for each new name.
Json verification_record() {
  return {{"State", "pendingVerification"},
          {"Type", "TXT"},
          {"Name", "_" + lower_alnum(20)},
          {"Value", "vpce:" + random_alnum(20)}};
}

void set_private_dns_name(Json &service, const std::string &name) {
  check_private_dns_name(name);
  if (service.value("PrivateDnsName", "") == name)
    return;
  service["PrivateDnsName"] = name;
  service["PrivateDnsNameConfiguration"] = verification_record();
}

// Whether the TXT record `record_name`.`domain` holding `value` is published, asked of Route 53
// through the backend: nullopt when the backend does not serve Route 53 (nothing local can
// resolve the name then).
std::optional<bool> txt_record_published(Context &c, const std::string &domain,
                                         const std::string &record_name, const std::string &value) {
  if (!c.backend)
    return std::nullopt;
  auto dotted = [](std::string s) {
    if (s.empty() || s.back() != '.')
      s += '.';
    for (auto &ch : s)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  std::string fqdn = dotted(record_name + "." + domain);
  Json zones;
  try {
    zones = c.backend->call("route53", "ListHostedZones", Json::object());
  } catch (const ServiceError &e) {
    if (e.code() == "InvalidAction")
      return std::nullopt;
    throw;
  }
  for (const auto &zone : zones.value("HostedZones", Json::array())) {
    // Verification looks in public DNS: private zones answer only inside their VPCs.
    if (zone.value("Config", Json::object()).value("PrivateZone", false))
      continue;
    std::string zone_name = dotted(zone.value("Name", ""));
    std::string zone_id = zone.value("Id", "");
    if (zone_id.starts_with("/hostedzone/"))
      zone_id = zone_id.substr(12);
    if (fqdn.size() < zone_name.size() ||
        fqdn.compare(fqdn.size() - zone_name.size(), zone_name.size(), zone_name) != 0)
      continue;
    Json sets = c.backend->call(
        "route53", "ListResourceRecordSets",
        {{"HostedZoneId", zone_id}, {"StartRecordName", fqdn}, {"StartRecordType", "TXT"}});
    for (const auto &set : sets.value("ResourceRecordSets", Json::array())) {
      if (dotted(set.value("Name", "")) != fqdn || set.value("Type", "") != "TXT")
        continue;
      for (const auto &r : set.value("ResourceRecords", Json::array())) {
        std::string text = r.value("Value", "");
        // TXT values are quoted character strings.
        text.erase(std::remove(text.begin(), text.end(), '"'), text.end());
        if (text == value)
          return true;
      }
    }
  }
  return false;
}

// ---- records --------------------------------------------------------------------------------

Json load_service(Context &c, const std::string &id) { return load(c, kKind, id); }

// The endpoints connected to (or asking to connect to) a service.
std::vector<Json> endpoints_of(Context &c, const Json &service) {
  std::vector<Json> out;
  for (auto &e : all(c, "vpc-endpoint"))
    if (e.value("ServiceName", "") == service.value("ServiceName", ""))
      out.push_back(std::move(e));
  return out;
}

Json principal_entry(Context &c, const std::string &service_id, const std::string &principal) {
  // "*", an ARN of an account root, user or role ("arn:aws:iam::123456789012:root"), or a
  // service principal ("appflow.amazonaws.com": AppFlow connecting to an SAP endpoint service;
  // botocore's PrincipalType lists Service).
  static const std::regex arn(R"(arn:[a-z-]+:iam::\d{12}:(root|user/.+|role/.+))");
  static const std::regex service(R"([a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?)");
  std::string type;
  if (principal == "*")
    type = "All";
  else if (std::regex_match(principal, service))
    type = "Service";
  else if (std::regex_match(principal, arn))
    type = principal.ends_with(":root")                    ? "Account"
           : principal.find(":role/") != std::string::npos ? "Role"
                                                           : "User";
  else
    invalid_value("addAllowedPrincipals", principal,
                  "Principals must be ARNs (arn:aws:iam::ACCOUNT:root, :user/NAME, :role/NAME), "
                  "service principals (SERVICE.amazonaws.com) "
                  "or *.");
  (void)c;
  return {{"PrincipalType", type},
          {"Principal", principal},
          {"ServicePermissionId", new_id("vpce-svc-perm")},
          {"ServiceId", service_id}};
}

// ---- operations -----------------------------------------------------------------------------

Json create_configuration(Context &c, const Json &input) {
  const LoadBalancerKind &kind = kind_of_request(input);
  std::vector<std::string> arns = strings(input, std::string(kind.list));
  std::vector<std::string> zones = check_load_balancers(c, arns, kind);
  std::string id = new_id("vpce-svc");
  Json ip_types = Json::array();
  for (const auto &t : strings(input, "SupportedIpAddressTypes")) {
    if (t != "ipv4" && t != "ipv6")
      invalid_value("supportedIpAddressTypes", t);
    ip_types.push_back(t);
  }
  if (ip_types.empty())
    ip_types.push_back("ipv4");
  Json zone_ids = Json::array();
  for (const auto &z : zones)
    zone_ids.push_back(zone_id(c, z));
  Json regions = Json::array();
  for (const auto &r : strings(input, "SupportedRegions"))
    regions.push_back({{"Region", r}, {"ServiceState", "Available"}});
  if (regions.empty())
    regions.push_back({{"Region", c.region}, {"ServiceState", "Available"}});
  Json service = {{"ServiceType", Json::array({{{"ServiceType", kind.service_type}}})},
                  {"ServiceId", id},
                  {"ServiceName", service_name_prefix(c) + id},
                  {"ServiceState", "Available"},
                  {"AvailabilityZones", zones},
                  {"AvailabilityZoneIds", zone_ids},
                  {"AcceptanceRequired", optional_bool(input, "AcceptanceRequired", false)},
                  {"ManagesVpcEndpoints", false},
                  {"NetworkLoadBalancerArns", Json::array()},
                  {"GatewayLoadBalancerArns", Json::array()},
                  {"SupportedIpAddressTypes", ip_types},
                  {"PayerResponsibility", "ServiceOwner"},
                  {"SupportedRegions", regions},
                  {"Tags", tags_for(input, "vpc-endpoint-service")},
                  {"_Permissions", Json::array()},
                  {"_Owner", c.account}};
  service[std::string(kind.list)] = arns;
  // Gateway Load Balancer endpoints are route targets, not DNS names.
  if (&kind == &kNetwork)
    service["BaseEndpointDnsNames"] =
        Json::array({fmt::format("{}.{}.vpce.amazonaws.com", id, c.region)});
  if (auto name = optional_string(input, "PrivateDnsName")) {
    if (&kind == &kGateway)
      fail("InvalidParameter",
           "Private DNS names are not supported for Gateway Load Balancer endpoint services.");
    set_private_dns_name(service, *name);
  }
  save(c, kKind, id, service);
  Json out = {{"ServiceConfiguration", shown(service)}};
  if (auto token = optional_string(input, "ClientToken"))
    out["ClientToken"] = *token;
  return out;
}

std::optional<std::vector<std::string>> configuration_filter(const Json &s, std::string_view name) {
  using V = std::vector<std::string>;
  if (name == "service-name")
    return V{s.value("ServiceName", "")};
  if (name == "service-id")
    return V{s.value("ServiceId", "")};
  if (name == "service-state")
    return V{s.value("ServiceState", "")};
  if (name == "supported-ip-address-types")
    return s.value("SupportedIpAddressTypes", Json::array()).get<V>();
  if (name == "service-region") {
    V out;
    for (const auto &r : s.value("SupportedRegions", Json::array()))
      out.push_back(r.value("Region", ""));
    return out;
  }
  return std::nullopt;
}

Json describe_configurations(Context &c, const Json &input) {
  Json out = Json::array();
  for (const auto &s : describe(c, kKind, input, "ServiceIds", configuration_filter))
    out.push_back(shown(s));
  return {{"ServiceConfigurations", out}};
}

void add_unique(Json &list, const std::string &value) {
  if (std::find(list.begin(), list.end(), value) == list.end())
    list.push_back(value);
}

Json modify_configuration(Context &c, const Json &input) {
  std::string id = required(input, "ServiceId");
  Json service = load_service(c, id);
  const LoadBalancerKind &kind = kind_of_service(service);
  const LoadBalancerKind &other = &kind == &kNetwork ? kGateway : kNetwork;
  std::string add_other = fmt::format("Add{}", other.list);
  if (!strings(input, add_other).empty())
    fail("InvalidParameter", fmt::format("Service {} uses {} load balancers; it cannot take {} "
                                         "load balancers.",
                                         id, kind.elb_type, other.elb_type));
  Json &arns = service[std::string(kind.list)];
  std::vector<std::string> added = strings(input, fmt::format("Add{}", kind.list));
  check_load_balancers(c, added, kind);
  for (const auto &a : added)
    add_unique(arns, a);
  for (const auto &r : strings(input, fmt::format("Remove{}", kind.list))) {
    auto it = std::find(arns.begin(), arns.end(), r);
    if (it == arns.end())
      fail("InvalidParameter",
           fmt::format("Load balancer {} is not associated with service {}.", r, id));
    arns.erase(it);
  }
  if (arns.empty())
    fail("InvalidParameter", fmt::format("Service {} must keep at least one load balancer.", id));
  std::vector<std::string> zones =
      check_load_balancers(c, arns.get<std::vector<std::string>>(), kind);
  service["AvailabilityZones"] = zones;
  Json zone_ids = Json::array();
  for (const auto &z : zones)
    zone_ids.push_back(zone_id(c, z));
  service["AvailabilityZoneIds"] = zone_ids;
  auto name = optional_string(input, "PrivateDnsName");
  bool remove_name = optional_bool(input, "RemovePrivateDnsName", false);
  if (name && remove_name)
    fail("InvalidParameterCombination",
         "PrivateDnsName and RemovePrivateDnsName cannot be specified together.");
  if (name) {
    if (&kind == &kGateway)
      fail("InvalidParameter",
           "Private DNS names are not supported for Gateway Load Balancer endpoint services.");
    set_private_dns_name(service, *name);
  }
  if (remove_name) {
    service.erase("PrivateDnsName");
    service.erase("PrivateDnsNameConfiguration");
  }
  if (input.contains("AcceptanceRequired") && !input["AcceptanceRequired"].is_null())
    service["AcceptanceRequired"] = optional_bool(input, "AcceptanceRequired");
  Json &ip_types = service["SupportedIpAddressTypes"];
  for (const auto &t : strings(input, "AddSupportedIpAddressTypes")) {
    if (t != "ipv4" && t != "ipv6")
      invalid_value("addSupportedIpAddressTypes", t);
    add_unique(ip_types, t);
  }
  for (const auto &t : strings(input, "RemoveSupportedIpAddressTypes"))
    ip_types.erase(std::remove(ip_types.begin(), ip_types.end(), Json(t)), ip_types.end());
  if (ip_types.empty())
    fail("InvalidParameter", "An endpoint service must support at least one IP address type.");
  Json &regions = service["SupportedRegions"];
  for (const auto &r : strings(input, "AddSupportedRegions")) {
    bool have = false;
    for (const auto &x : regions)
      have = have || x.value("Region", "") == r;
    if (!have)
      regions.push_back({{"Region", r}, {"ServiceState", "Available"}});
  }
  for (const auto &r : strings(input, "RemoveSupportedRegions"))
    for (size_t i = regions.size(); i-- > 0;)
      if (regions[i].value("Region", "") == r)
        regions.erase(i);
  save(c, kKind, id, service);
  return {{"Return", true}};
}

Json delete_configurations(Context &c, const Json &input) {
  auto ids = strings(input, "ServiceIds");
  if (ids.empty())
    fail("MissingParameter", "The request must contain the parameter serviceIds");
  Json unsuccessful = Json::array();
  auto refuse = [&](const std::string &id, const std::string &code, const std::string &message) {
    unsuccessful.push_back({{"ResourceId", id}, {"Error", {{"Code", code}, {"Message", message}}}});
  };
  for (const auto &id : ids) {
    auto service = find(c, kKind, id);
    if (!service) {
      refuse(id, "InvalidVpcEndpointService.NotFound",
             fmt::format("The VpcEndpointService Id '{}' does not exist", id));
      continue;
    }
    bool connected = false;
    for (const auto &e : endpoints_of(c, *service)) {
      std::string state = e.value("State", "");
      connected =
          connected || state == "available" || state == "pending" || state == "pendingAcceptance";
    }
    if (connected) {
      refuse(id, "ExistingVpcEndpointConnections",
             fmt::format("Service {} has existing active VPC Endpoint connections. Reject or "
                         "delete them before deleting the service.",
                         id));
      continue;
    }
    erase(c, kKind, id);
  }
  return {{"Unsuccessful", unsuccessful}};
}

Json modify_permissions(Context &c, const Json &input) {
  std::string id = required(input, "ServiceId");
  Json service = load_service(c, id);
  Json &permissions = service["_Permissions"];
  Json added = Json::array();
  for (const auto &p : strings(input, "AddAllowedPrincipals")) {
    bool have = false;
    for (const auto &x : permissions)
      have = have || x.value("Principal", "") == p;
    if (have)
      continue;
    Json entry = principal_entry(c, id, p);
    permissions.push_back(entry);
    added.push_back({{"PrincipalType", entry["PrincipalType"]},
                     {"Principal", p},
                     {"ServicePermissionId", entry["ServicePermissionId"]},
                     {"ServiceId", id}});
  }
  for (const auto &p : strings(input, "RemoveAllowedPrincipals")) {
    bool removed = false;
    for (size_t i = permissions.size(); i-- > 0;)
      if (permissions[i].value("Principal", "") == p) {
        permissions.erase(i);
        removed = true;
      }
    if (!removed)
      invalid_value("removeAllowedPrincipals", p,
                    fmt::format("The principal is not allowed on service {}.", id));
  }
  save(c, kKind, id, service);
  Json out = {{"ReturnValue", true}};
  if (!added.empty())
    out["AddedPrincipals"] = added;
  return out;
}

Json describe_permissions(Context &c, const Json &input) {
  std::string id = required(input, "ServiceId");
  Json service = load_service(c, id);
  Json out = Json::array();
  for (const auto &p : service.value("_Permissions", Json::array())) {
    bool keep = true;
    for (const auto &f : input.value("Filters", Json::array())) {
      std::string name = f.value("Name", "");
      std::string have = name == "principal"        ? p.value("Principal", "")
                         : name == "principal-type" ? p.value("PrincipalType", "")
                                                    : std::string("\x01");
      if (have == "\x01")
        fail("InvalidParameterValue", fmt::format("The filter '{}' is invalid", name));
      bool any = false;
      for (const auto &v : f.value("Values", Json::array()))
        any = any || v == have;
      keep = keep && any;
    }
    if (keep)
      out.push_back({{"PrincipalType", p["PrincipalType"]},
                     {"Principal", p["Principal"]},
                     {"ServicePermissionId", p["ServicePermissionId"]},
                     {"ServiceId", id}});
  }
  return {{"AllowedPrincipals", out}};
}

Json start_verification(Context &c, const Json &input) {
  std::string id = required(input, "ServiceId");
  Json service = load_service(c, id);
  if (!service.contains("PrivateDnsNameConfiguration"))
    fail("InvalidParameter",
         fmt::format("Service {} does not have a private DNS name to verify.", id));
  Json &config = service["PrivateDnsNameConfiguration"];
  if (config.value("State", "") == "verified")
    fail("InvalidParameter",
         fmt::format("The private DNS name of service {} is already verified.", id));
  std::string domain = service.value("PrivateDnsName", "");
  if (domain.starts_with("*."))
    domain = domain.substr(2);
  auto published =
      txt_record_published(c, domain, config.value("Name", ""), config.value("Value", ""));
  // AWS looks the TXT record up in public DNS. Here the only DNS is the backend's Route 53:
  // a missing record fails the verification; without Route 53 there is nothing to look in,
  // and the domain is taken as verified, as the template or function that asked can do no more.
  config["State"] = published.value_or(true) ? "verified" : "failed";
  save(c, kKind, id, service);
  return {{"ReturnValue", true}};
}

// The services of the region any account can reach through an interface endpoint (a Gateway
// endpoint for S3 and DynamoDB), as DescribeVpcEndpointServices lists them.
constexpr std::string_view kAwsServices[] = {
    "apigateway",
    "athena",
    "cloudformation",
    "codebuild",
    "codecommit",
    "dynamodb",
    "ec2",
    "ec2messages",
    "ecr.api",
    "ecr.dkr",
    "ecs",
    "ecs-agent",
    "ecs-telemetry",
    "elasticloadbalancing",
    "events",
    "execute-api",
    "git-codecommit",
    "kinesis-streams",
    "kms",
    "lambda",
    "logs",
    "monitoring",
    "s3",
    "secretsmanager",
    "sns",
    "sqs",
    "ssm",
    "ssmmessages",
    "states",
    "sts",
};

Json aws_service_detail(const Context &c, std::string_view name, bool gateway) {
  std::string full = fmt::format("com.amazonaws.{}.{}", c.region, name);
  Json zones = Json::array(), zone_ids = Json::array();
  for (const auto &z : availability_zones(c)) {
    zones.push_back(z);
    zone_ids.push_back(zone_id(c, z));
  }
  Json d = {{"ServiceName", full},
            {"ServiceId", fmt::format("vpce-svc-{}", name)},
            {"ServiceType", Json::array({{{"ServiceType", gateway ? "Gateway" : "Interface"}}})},
            {"ServiceRegion", c.region},
            {"AvailabilityZones", zones},
            {"AvailabilityZoneIds", zone_ids},
            {"Owner", "amazon"},
            {"VpcEndpointPolicySupported", true},
            {"AcceptanceRequired", false},
            {"ManagesVpcEndpoints", false},
            {"SupportedIpAddressTypes", Json::array({"ipv4"})},
            {"Tags", Json::array()}};
  if (gateway) {
    d["BaseEndpointDnsNames"] = Json::array({fmt::format("{}.{}.amazonaws.com", name, c.region)});
  } else {
    d["BaseEndpointDnsNames"] =
        Json::array({fmt::format("{}.{}.vpce.amazonaws.com", name, c.region)});
    d["PrivateDnsName"] = fmt::format("{}.{}.amazonaws.com", name, c.region);
    d["PrivateDnsNames"] = Json::array({{{"PrivateDnsName", d["PrivateDnsName"]}}});
    d["PrivateDnsNameVerificationState"] = "verified";
  }
  return d;
}

Json custom_service_detail(const Json &s) {
  Json d = {{"ServiceName", s["ServiceName"]},
            {"ServiceId", s["ServiceId"]},
            {"ServiceType", s["ServiceType"]},
            {"ServiceRegion", s["SupportedRegions"][0].value("Region", "")},
            {"AvailabilityZones", s["AvailabilityZones"]},
            {"AvailabilityZoneIds", s["AvailabilityZoneIds"]},
            {"Owner", s.value("_Owner", "")},
            {"VpcEndpointPolicySupported", false},
            {"AcceptanceRequired", s["AcceptanceRequired"]},
            {"ManagesVpcEndpoints", false},
            {"PayerResponsibility", s["PayerResponsibility"]},
            {"SupportedIpAddressTypes", s["SupportedIpAddressTypes"]},
            {"Tags", s.value("Tags", Json::array())}};
  if (s.contains("BaseEndpointDnsNames"))
    d["BaseEndpointDnsNames"] = s["BaseEndpointDnsNames"];
  if (s.contains("PrivateDnsName")) {
    d["PrivateDnsName"] = s["PrivateDnsName"];
    d["PrivateDnsNames"] = Json::array({{{"PrivateDnsName", s["PrivateDnsName"]}}});
    d["PrivateDnsNameVerificationState"] = s["PrivateDnsNameConfiguration"].value("State", "");
  }
  return d;
}

std::optional<std::vector<std::string>> detail_filter(const Json &d, std::string_view name) {
  using V = std::vector<std::string>;
  if (name == "service-name")
    return V{d.value("ServiceName", "")};
  if (name == "service-type")
    return V{d["ServiceType"][0].value("ServiceType", "")};
  if (name == "owner")
    return V{d.value("Owner", "")};
  if (name == "service-region")
    return V{d.value("ServiceRegion", "")};
  if (name == "supported-ip-address-types")
    return d.value("SupportedIpAddressTypes", Json::array()).get<V>();
  return std::nullopt;
}

Json describe_services(Context &c, const Json &input) {
  std::vector<Json> details;
  for (auto name : kAwsServices) {
    bool both = name == "s3";
    details.push_back(aws_service_detail(c, name, name == "dynamodb"));
    if (both)
      details.push_back(aws_service_detail(c, name, true));
  }
  for (const auto &s : all(c, kKind))
    details.push_back(custom_service_detail(s));
  auto names = strings(input, "ServiceNames");
  for (const auto &n : names) {
    bool known = false;
    for (const auto &d : details)
      known = known || d.value("ServiceName", "") == n;
    if (!known)
      fail("InvalidServiceName", fmt::format("The Vpc Endpoint Service '{}' does not exist", n));
  }
  Json out = Json::array(), listed = Json::array();
  for (const auto &d : details) {
    if (!names.empty() &&
        std::find(names.begin(), names.end(), d.value("ServiceName", "")) == names.end())
      continue;
    bool keep = true;
    for (const auto &f : input.value("Filters", Json::array())) {
      std::string fname = f.value("Name", "");
      auto have = common_filter(d, fname);
      if (!have)
        have = detail_filter(d, fname);
      if (!have)
        fail("InvalidParameterValue", fmt::format("The filter '{}' is invalid", fname));
      bool any = false;
      for (const auto &v : f.value("Values", Json::array()))
        any = any || std::find(have->begin(), have->end(), v.get<std::string>()) != have->end();
      keep = keep && any;
    }
    if (!keep)
      continue;
    out.push_back(d);
    add_unique(listed, d.value("ServiceName", ""));
  }
  return {{"ServiceNames", listed}, {"ServiceDetails", out}};
}

// ---- connections ----------------------------------------------------------------------------

Json connection_of(const Json &service, const Json &e) {
  const LoadBalancerKind &kind = kind_of_service(service);
  Json c = {{"ServiceId", service["ServiceId"]},
            {"VpcEndpointId", e["VpcEndpointId"]},
            {"VpcEndpointOwner", e.value("OwnerId", "")},
            {"VpcEndpointState", e.value("State", "")},
            {"CreationTimestamp", e.value("CreationTimestamp", "")},
            {"DnsEntries", e.value("DnsEntries", Json::array())},
            {"IpAddressType", e.value("IpAddressType", "ipv4")},
            {"VpcEndpointConnectionId", e.value("_ConnectionId", "")},
            {"Tags", Json::array()}};
  c[std::string(kind.list)] = service[std::string(kind.list)];
  return c;
}

Json describe_connections(Context &c, const Json &input) {
  Json out = Json::array();
  for (const auto &s : all(c, kKind))
    for (const auto &e : endpoints_of(c, s)) {
      Json conn = connection_of(s, e);
      bool keep = true;
      for (const auto &f : input.value("Filters", Json::array())) {
        std::string name = f.value("Name", "");
        std::string have = name == "service-id"           ? conn.value("ServiceId", "")
                           : name == "vpc-endpoint-id"    ? conn.value("VpcEndpointId", "")
                           : name == "vpc-endpoint-owner" ? conn.value("VpcEndpointOwner", "")
                           : name == "vpc-endpoint-state" ? conn.value("VpcEndpointState", "")
                                                          : std::string("\x01");
        if (have == "\x01")
          fail("InvalidParameterValue", fmt::format("The filter '{}' is invalid", name));
        bool any = false;
        for (const auto &v : f.value("Values", Json::array()))
          any = any || v == have;
        keep = keep && any;
      }
      if (keep)
        out.push_back(conn);
    }
  return {{"VpcEndpointConnections", out}};
}

// Accept or reject endpoints asking to connect: pendingAcceptance -> available or rejected.
Json answer_connections(Context &c, const Json &input, bool accept) {
  std::string id = required(input, "ServiceId");
  Json service = load_service(c, id);
  auto ids = strings(input, "VpcEndpointIds");
  if (ids.empty())
    fail("MissingParameter", "The request must contain the parameter vpcEndpointIds");
  Json unsuccessful = Json::array();
  for (const auto &eid : ids) {
    auto e = find(c, "vpc-endpoint", eid);
    if (!e || e->value("ServiceName", "") != service.value("ServiceName", "")) {
      unsuccessful.push_back(
          {{"ResourceId", eid},
           {"Error",
            {{"Code", "InvalidVpcEndpointId.NotFound"},
             {"Message", fmt::format("The Vpc Endpoint Id '{}' does not exist", eid)}}}});
      continue;
    }
    std::string state = e->value("State", "");
    bool allowed = accept ? (state == "pendingAcceptance" || state == "rejected")
                          : (state == "pendingAcceptance" || state == "available");
    if (!allowed) {
      unsuccessful.push_back(
          {{"ResourceId", eid},
           {"Error",
            {{"Code", "InvalidState"},
             {"Message", fmt::format("Endpoint {} is in state {}.", eid, state)}}}});
      continue;
    }
    (*e)["State"] = accept ? "available" : "rejected";
    save(c, "vpc-endpoint", eid, *e);
  }
  return {{"Unsuccessful", unsuccessful}};
}

Json accept_connections(Context &c, const Json &input) {
  return answer_connections(c, input, true);
}
Json reject_connections(Context &c, const Json &input) {
  return answer_connections(c, input, false);
}

} // namespace

std::optional<Json> endpoint_service_named(Context &c, std::string_view service_name) {
  std::string prefix = service_name_prefix(c);
  if (!service_name.starts_with(prefix))
    return std::nullopt;
  return find(c, kKind, service_name.substr(prefix.size()));
}

const HandlerTable &endpoint_service_handlers() {
  static const HandlerTable table = {
      {"CreateVpcEndpointServiceConfiguration", create_configuration},
      {"DescribeVpcEndpointServiceConfigurations", describe_configurations},
      {"ModifyVpcEndpointServiceConfiguration", modify_configuration},
      {"DeleteVpcEndpointServiceConfigurations", delete_configurations},
      {"ModifyVpcEndpointServicePermissions", modify_permissions},
      {"DescribeVpcEndpointServicePermissions", describe_permissions},
      {"StartVpcEndpointServicePrivateDnsVerification", start_verification},
      {"DescribeVpcEndpointServices", describe_services},
      {"DescribeVpcEndpointConnections", describe_connections},
      {"AcceptVpcEndpointConnections", accept_connections},
      {"RejectVpcEndpointConnections", reject_connections},
  };
  return table;
}

} // namespace cfnlocal::services::embedded::ec2
