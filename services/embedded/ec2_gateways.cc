// Internet gateways, Elastic IP addresses, NAT gateways and VPC endpoints (Amazon EC2 API
// Reference: CreateInternetGateway, DescribeInternetGateways, AttachInternetGateway,
// DetachInternetGateway, DeleteInternetGateway, AllocateAddress, DescribeAddresses,
// ReleaseAddress, CreateNatGateway, DescribeNatGateways, DeleteNatGateway, CreateVpcEndpoint,
// DescribeVpcEndpoints, ModifyVpcEndpoint, DeleteVpcEndpoints).
//
// Enforced as EC2 does: one internet gateway per VPC and one VPC per gateway
// (Resource.AlreadyAssociated), detaching only what is attached (Gateway.NotAttached), no
// deleting an attached gateway (DependencyViolation); NAT gateways in an existing subnet with an
// allocation no other NAT gateway holds (public ones need one); addresses in use cannot be
// released; endpoints for services of the region ("com.amazonaws.REGION.NAME"), Gateway
// endpoints for S3 and DynamoDB only, route tables, subnets and security groups of the
// endpoint's VPC. Everything is "available" at once; deleted NAT gateways stay listed as
// "deleted", as EC2 shows them for a while.
#include "services/embedded/ec2_common.h"
#include "services/embedded/shape_checks.h"

#include <fmt/format.h>

#include <random>

namespace cfnlocal::services::embedded::ec2 {
namespace {

// ---- internet gateways ----------------------------------------------------------------------

std::optional<std::vector<std::string>> igw_filter(const Json &g, std::string_view name) {
  using V = std::vector<std::string>;
  if (name == "internet-gateway-id")
    return V{g.value("InternetGatewayId", "")};
  if (name == "attachment.vpc-id" || name == "attachment.state") {
    V out;
    for (const auto &a : g.value("Attachments", Json::array()))
      out.push_back(a.value(name == "attachment.vpc-id" ? "VpcId" : "State", ""));
    return out;
  }
  return std::nullopt;
}

Json create_internet_gateway(Context &c, const Json &input) {
  std::string id = new_id("igw");
  Json g = {{"Attachments", Json::array()},
            {"InternetGatewayId", id},
            {"OwnerId", c.account},
            {"Tags", tags_for(input, "internet-gateway")}};
  save(c, "internet-gateway", id, g);
  return {{"InternetGateway", g}};
}

Json describe_internet_gateways(Context &c, const Json &input) {
  Json out = Json::array();
  for (const auto &g : describe(c, "internet-gateway", input, "InternetGatewayIds", igw_filter))
    out.push_back(shown(g));
  return {{"InternetGateways", out}};
}

Json attach_internet_gateway(Context &c, const Json &input) {
  std::string id = required(input, "InternetGatewayId");
  std::string vpc = required(input, "VpcId");
  Json g = load(c, "internet-gateway", id);
  load(c, "vpc", vpc);
  for (const auto &a : g["Attachments"])
    fail("Resource.AlreadyAssociated",
         fmt::format("resource {} is already attached to network {}", id, a.value("VpcId", "")));
  for (const auto &other : all(c, "internet-gateway"))
    for (const auto &a : other["Attachments"])
      if (a.value("VpcId", "") == vpc)
        fail("Resource.AlreadyAssociated",
             fmt::format("Network {} already has an internet gateway attached", vpc));
  g["Attachments"].push_back({{"State", "available"}, {"VpcId", vpc}});
  save(c, "internet-gateway", id, g);
  return Json::object();
}

Json detach_internet_gateway(Context &c, const Json &input) {
  std::string id = required(input, "InternetGatewayId");
  std::string vpc = required(input, "VpcId");
  Json g = load(c, "internet-gateway", id);
  load(c, "vpc", vpc);
  Json &attachments = g["Attachments"];
  for (size_t i = 0; i < attachments.size(); ++i)
    if (attachments[i].value("VpcId", "") == vpc) {
      attachments.erase(attachments.begin() + static_cast<long>(i));
      save(c, "internet-gateway", id, g);
      return Json::object();
    }
  fail("Gateway.NotAttached", fmt::format("resource {} is not attached to network {}", id, vpc));
}

Json delete_internet_gateway(Context &c, const Json &input) {
  std::string id = required(input, "InternetGatewayId");
  Json g = load(c, "internet-gateway", id);
  if (!g["Attachments"].empty())
    fail("DependencyViolation",
         fmt::format("The internetGateway '{}' has dependencies and cannot be deleted.", id));
  erase(c, "internet-gateway", id);
  return Json::object();
}

// ---- Elastic IP addresses -------------------------------------------------------------------

std::optional<std::vector<std::string>> address_filter(const Json &a, std::string_view name) {
  using V = std::vector<std::string>;
  if (name == "allocation-id")
    return V{a.value("AllocationId", "")};
  if (name == "public-ip")
    return V{a.value("PublicIp", "")};
  if (name == "domain")
    return V{a.value("Domain", "")};
  if (name == "association-id")
    return V{a.value("AssociationId", "")};
  if (name == "network-border-group")
    return V{a.value("NetworkBorderGroup", "")};
  return std::nullopt;
}

std::string new_public_ip(Context &c) {
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_int_distribution<int> octet(1, 254);
  while (true) {
    std::string ip = fmt::format("54.{}.{}.{}", octet(rng), octet(rng), octet(rng));
    bool taken = false;
    for (const auto &a : all(c, "address"))
      taken = taken || a.value("PublicIp", "") == ip;
    if (!taken)
      return ip;
  }
}

Json allocate_address(Context &c, const Json &input) {
  std::string domain = optional_string(input, "Domain").value_or("vpc");
  if (domain != "vpc" && domain != "standard")
    invalid_value("domain", domain);
  std::string group = optional_string(input, "NetworkBorderGroup").value_or(c.region);
  if (group != c.region)
    fail("InvalidParameterValue",
         fmt::format("The network border group '{}' is invalid for this region.", group));
  if (auto address = optional_string(input, "Address"))
    fail("InvalidAddress.NotFound", fmt::format("Address {} not found.", *address));
  std::string pool = optional_string(input, "PublicIpv4Pool").value_or("amazon");
  if (pool != "amazon")
    fail("InvalidPublicIpv4PoolID.NotFound", fmt::format("The pool ID '{}' does not exist", pool));
  std::string id = new_id("eipalloc");
  Json a = {{"AllocationId", id},
            {"PublicIp", new_public_ip(c)},
            {"Domain", "vpc"},
            {"PublicIpv4Pool", pool},
            {"NetworkBorderGroup", group},
            {"Tags", tags_for(input, "elastic-ip")}};
  save(c, "address", id, a);
  Json out = shown(a);
  out.erase("Tags");
  return out;
}

Json describe_addresses(Context &c, const Json &input) {
  Json out = Json::array();
  std::vector<std::string> ips = strings(input, "PublicIps");
  for (const auto &a : describe(c, "address", input, "AllocationIds", address_filter))
    if (ips.empty() || std::find(ips.begin(), ips.end(), a.value("PublicIp", "")) != ips.end())
      out.push_back(shown(a));
  for (const auto &ip : ips) {
    bool known = false;
    for (const auto &a : out)
      known = known || a["PublicIp"] == ip;
    if (!known)
      fail("InvalidAddress.NotFound", fmt::format("Address '{}' not found.", ip));
  }
  return {{"Addresses", out}};
}

Json release_address(Context &c, const Json &input) {
  std::string id;
  if (auto ip = optional_string(input, "PublicIp")) {
    for (const auto &a : all(c, "address"))
      if (a.value("PublicIp", "") == *ip)
        id = a["AllocationId"];
    if (id.empty())
      fail("InvalidAddress.NotFound", fmt::format("Address '{}' not found.", *ip));
  } else {
    id = required(input, "AllocationId");
  }
  Json a = load(c, "address", id);
  if (a.contains("AssociationId"))
    fail("InvalidIPAddress.InUse", fmt::format("Address {} is in use.", a.value("PublicIp", "")));
  erase(c, "address", id);
  return Json::object();
}

// ---- NAT gateways ---------------------------------------------------------------------------

std::optional<std::vector<std::string>> nat_filter(const Json &n, std::string_view name) {
  using V = std::vector<std::string>;
  if (name == "nat-gateway-id")
    return V{n.value("NatGatewayId", "")};
  if (name == "subnet-id")
    return V{n.value("SubnetId", "")};
  if (name == "vpc-id")
    return V{n.value("VpcId", "")};
  if (name == "state")
    return V{n.value("State", "")};
  return std::nullopt;
}

Json create_nat_gateway(Context &c, const Json &input) {
  std::string subnet_id = required(input, "SubnetId");
  Json subnet = load(c, "subnet", subnet_id);
  std::string type = optional_string(input, "ConnectivityType").value_or("public");
  if (type != "public" && type != "private")
    invalid_value("connectivityType", type);
  auto allocation = optional_string(input, "AllocationId");
  if (type == "public" && !allocation)
    fail("MissingParameter", "The request must include the AllocationId parameter. Add the "
                             "required parameter and retry the request.");
  if (type == "private" && allocation)
    fail("InvalidParameterCombination",
         "Private NAT gateways cannot be associated with an Elastic IP address.");
  std::string id = new_id("nat");
  std::string eni = new_id("eni");
  Cidr4 cidr = *parse_cidr4(subnet.value("CidrBlock", ""));
  std::string private_ip = optional_string(input, "PrivateIpAddress").value_or("");
  if (private_ip.empty()) {
    // The first address after the five AWS reserves, not taken by another NAT gateway.
    uint32_t candidate = cidr.first() + 4;
    for (const auto &n : all(c, "nat-gateway"))
      if (n.value("SubnetId", "") == subnet_id)
        ++candidate;
    private_ip = ipv4_text(candidate + 1);
  } else {
    auto ip = parse_cidr4(private_ip + "/32");
    if (!ip || !cidr.contains(*ip))
      invalid_value("privateIpAddress", private_ip,
                    fmt::format("The address is not in subnet {}.", subnet_id));
  }
  Json address = {{"NetworkInterfaceId", eni},
                  {"PrivateIp", private_ip},
                  {"IsPrimary", true},
                  {"Status", "succeeded"}};
  if (allocation) {
    Json eip = load(c, "address", *allocation);
    if (eip.contains("AssociationId"))
      fail("Resource.AlreadyAssociated",
           fmt::format("Elastic IP address [{}] is already associated", *allocation));
    eip["AssociationId"] = new_id("eipassoc");
    eip["NetworkInterfaceId"] = eni;
    eip["NetworkInterfaceOwnerId"] = c.account;
    eip["PrivateIpAddress"] = private_ip;
    save(c, "address", *allocation, eip);
    address["AllocationId"] = *allocation;
    address["PublicIp"] = eip["PublicIp"];
    address["AssociationId"] = eip["AssociationId"];
  }
  Json nat = {{"CreateTime", iso_now()},  {"NatGatewayAddresses", Json::array({address})},
              {"NatGatewayId", id},       {"State", "available"},
              {"SubnetId", subnet_id},    {"VpcId", subnet["VpcId"]},
              {"ConnectivityType", type}, {"Tags", tags_for(input, "natgateway")}};
  save(c, "nat-gateway", id, nat);
  return {{"NatGateway", shown(nat)}};
}

Json describe_nat_gateways(Context &c, const Json &input) {
  Json out = Json::array();
  for (const auto &n : describe(c, "nat-gateway", input, "NatGatewayIds", nat_filter))
    out.push_back(shown(n));
  return {{"NatGateways", out}};
}

Json delete_nat_gateway(Context &c, const Json &input) {
  std::string id = required(input, "NatGatewayId");
  Json nat = load(c, "nat-gateway", id);
  if (nat.value("State", "") != "deleted") {
    // Its Elastic IP address is disassociated, free to release.
    for (const auto &a : nat["NatGatewayAddresses"])
      if (a.contains("AllocationId"))
        if (auto eip = find(c, "address", a["AllocationId"].get<std::string>())) {
          for (const char *m : {"AssociationId", "NetworkInterfaceId", "NetworkInterfaceOwnerId",
                                "PrivateIpAddress"})
            eip->erase(m);
          save(c, "address", a["AllocationId"].get<std::string>(), *eip);
        }
    nat["State"] = "deleted";
    nat["DeleteTime"] = iso_now();
    save(c, "nat-gateway", id, nat);
  }
  return {{"NatGatewayId", id}};
}

// ---- VPC endpoints --------------------------------------------------------------------------

std::optional<std::vector<std::string>> endpoint_filter(const Json &e, std::string_view name) {
  using V = std::vector<std::string>;
  if (name == "vpc-endpoint-id")
    return V{e.value("VpcEndpointId", "")};
  if (name == "vpc-id")
    return V{e.value("VpcId", "")};
  if (name == "service-name")
    return V{e.value("ServiceName", "")};
  if (name == "vpc-endpoint-type")
    return V{e.value("VpcEndpointType", "")};
  if (name == "vpc-endpoint-state")
    return V{e.value("State", "")};
  return std::nullopt;
}

void check_route_tables(Context &c, const std::vector<std::string> &ids, const std::string &vpc) {
  for (const auto &id : ids) {
    Json t = load(c, "route-table", id);
    if (t.value("VpcId", "") != vpc)
      fail("InvalidRouteTableId.NotFound",
           fmt::format("The routeTable ID '{}' does not exist in {}", id, vpc));
  }
}

void check_subnets(Context &c, const std::vector<std::string> &ids, const std::string &vpc) {
  std::vector<std::string> zones;
  for (const auto &id : ids) {
    Json s = load(c, "subnet", id);
    if (s.value("VpcId", "") != vpc)
      fail("InvalidSubnetId.NotFound",
           fmt::format("The subnet ID '{}' does not exist in {}", id, vpc));
    std::string zone = s.value("AvailabilityZone", "");
    if (std::find(zones.begin(), zones.end(), zone) != zones.end())
      fail("DuplicateSubnetsInSameZone",
           fmt::format("Found another VPC endpoint subnet in the availability zone of {}. VPC "
                       "endpoint subnets should be in different availability zones supported "
                       "by the VPC endpoint service.",
                       id));
    zones.push_back(zone);
  }
}

Json groups_of(Context &c, const std::vector<std::string> &ids, const std::string &vpc) {
  Json out = Json::array();
  for (const auto &id : ids) {
    Json g = load(c, "security-group", id);
    if (g.value("VpcId", "") != vpc)
      fail("InvalidParameter",
           fmt::format("Security group {} and VPC {} belong to different networks", id, vpc));
    out.push_back({{"GroupId", id}, {"GroupName", g["GroupName"]}});
  }
  return out;
}

Json create_vpc_endpoint(Context &c, const Json &input) {
  std::string vpc = required(input, "VpcId");
  load(c, "vpc", vpc);
  std::string service = required(input, "ServiceName");
  std::string type = optional_string(input, "VpcEndpointType").value_or("Gateway");
  if (type != "Gateway" && type != "Interface" && type != "GatewayLoadBalancer" &&
      type != "Resource" && type != "ServiceNetwork")
    invalid_value("vpcEndpointType", type);
  std::string prefix = "com.amazonaws." + c.region + ".";
  std::string name = service.starts_with(prefix) ? service.substr(prefix.size()) : "";
  // An endpoint service of the region's accounts (AWS PrivateLink): its own type, and its
  // acceptance rule.
  std::optional<Json> custom = endpoint_service_named(c, service);
  if (custom) {
    name = (*custom)["ServiceId"];
    std::string offered = (*custom)["ServiceType"][0].value("ServiceType", "");
    if (type != offered)
      fail("InvalidParameter",
           fmt::format("Endpoint type ({}) does not match available service types ([{}]).", type,
                       offered));
  }
  if (name.empty() ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-") != std::string::npos)
    fail("InvalidServiceName",
         fmt::format("The Vpc Endpoint Service '{}' does not exist", service));
  bool gateway_service = !custom && (name == "s3" || name == "dynamodb");
  if (type == "GatewayLoadBalancer" && !custom)
    fail("InvalidParameter", "Endpoint type (GatewayLoadBalancer) does not match available "
                             "service types ([Interface]).");
  if (type == "Gateway" && !gateway_service)
    fail("InvalidParameter", "Endpoint type (Gateway) does not match available service types "
                             "([Interface]).");
  if (type == "Interface" && name == "dynamodb")
    fail("InvalidParameter", "Endpoint type (Interface) does not match available service types "
                             "([Gateway]).");
  auto tables = strings(input, "RouteTableIds");
  auto subnets = strings(input, "SubnetIds");
  auto groups = strings(input, "SecurityGroupIds");
  if (type == "Gateway" && (!subnets.empty() || !groups.empty()))
    fail("InvalidParameter", "Subnets and security groups are not supported for Gateway "
                             "endpoints.");
  if (type == "Interface" && !tables.empty())
    fail("InvalidParameter", "Route tables are not supported for Interface endpoints.");
  check_route_tables(c, tables, vpc);
  check_subnets(c, subnets, vpc);
  Json group_list = groups_of(c, groups, vpc);
  if (type == "Interface" && group_list.empty())
    for (const auto &g : all(c, "security-group"))
      if (g.value("VpcId", "") == vpc && g.value("GroupName", "") == "default")
        group_list.push_back({{"GroupId", g["GroupId"]}, {"GroupName", "default"}});
  std::string policy = optional_string(input, "PolicyDocument").value_or("");
  if (!policy.empty()) {
    if (!Json::accept(policy))
      fail("InvalidPolicyDocument", "The policy document is not valid JSON.");
  } else if ((type == "Gateway" || type == "Interface") && !custom) {
    policy = R"({"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*",)"
             R"("Action":"*","Resource":"*"}]})";
  }
  std::string id = new_id("vpce");
  Json enis = Json::array(), dns = Json::array();
  for (size_t i = 0; i < subnets.size(); ++i)
    enis.push_back(new_id("eni"));
  if (type == "Interface") {
    std::string host =
        fmt::format("{}-{}.{}.{}.vpce.amazonaws.com", id, random_alnum(8), name, c.region);
    for (auto &ch : host)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    dns.push_back({{"DnsName", host}, {"HostedZoneId", "Z7HUB22UULQXV"}});
  }
  // A PrivateLink service's private DNS name serves its endpoints once verified.
  bool custom_dns = custom && (*custom).contains("PrivateDnsNameConfiguration") &&
                    (*custom)["PrivateDnsNameConfiguration"].value("State", "") == "verified";
  bool private_dns =
      optional_bool(input, "PrivateDnsEnabled", type == "Interface" && (!custom || custom_dns));
  if (custom && private_dns && !custom_dns)
    fail("InvalidParameter",
         fmt::format("Private DNS can't be enabled because the service {} does not provide a "
                     "private DNS name.",
                     service));
  Json e = {{"VpcEndpointId", id},
            {"VpcEndpointType", type},
            {"VpcId", vpc},
            {"ServiceName", service},
            {"State", custom && (*custom).value("AcceptanceRequired", false) ? "pendingAcceptance"
                                                                             : "available"},
            {"RouteTableIds", tables},
            {"SubnetIds", subnets},
            {"Groups", group_list},
            {"IpAddressType", optional_string(input, "IpAddressType").value_or("ipv4")},
            {"PrivateDnsEnabled", type == "Interface" && private_dns},
            {"RequesterManaged", false},
            {"NetworkInterfaceIds", enis},
            {"DnsEntries", dns},
            {"CreationTimestamp", iso_now()},
            {"Tags", tags_for(input, "vpc-endpoint")},
            {"OwnerId", c.account}};
  if (!policy.empty())
    e["PolicyDocument"] = policy;
  if (custom)
    e["_ConnectionId"] = new_id("vpce-con");
  save(c, "vpc-endpoint", id, e);
  return {{"VpcEndpoint", shown(e)}};
}

Json describe_vpc_endpoints(Context &c, const Json &input) {
  Json out = Json::array();
  for (const auto &e : describe(c, "vpc-endpoint", input, "VpcEndpointIds", endpoint_filter))
    out.push_back(shown(e));
  return {{"VpcEndpoints", out}};
}

void add_ids(Json &list, const std::vector<std::string> &ids) {
  for (const auto &id : ids)
    if (std::find(list.begin(), list.end(), id) == list.end())
      list.push_back(id);
}
void remove_ids(Json &list, const std::vector<std::string> &ids) {
  for (const auto &id : ids)
    for (size_t i = list.size(); i-- > 0;)
      if (list[i] == id)
        list.erase(list.begin() + static_cast<long>(i));
}

Json modify_vpc_endpoint(Context &c, const Json &input) {
  std::string id = required(input, "VpcEndpointId");
  Json e = load(c, "vpc-endpoint", id);
  std::string vpc = e["VpcId"];
  std::string type = e["VpcEndpointType"];
  auto add_tables = strings(input, "AddRouteTableIds");
  auto add_subnets = strings(input, "AddSubnetIds");
  auto add_groups = strings(input, "AddSecurityGroupIds");
  if (type == "Gateway" && (!add_subnets.empty() || !add_groups.empty()))
    fail("InvalidParameter", "Subnets and security groups are not supported for Gateway "
                             "endpoints.");
  if (type != "Gateway" && !add_tables.empty())
    fail("InvalidParameter", "Route tables are not supported for Interface endpoints.");
  check_route_tables(c, add_tables, vpc);
  add_ids(e["RouteTableIds"], add_tables);
  remove_ids(e["RouteTableIds"], strings(input, "RemoveRouteTableIds"));
  for (const auto &s : add_subnets) {
    load(c, "subnet", s);
    e["NetworkInterfaceIds"].push_back(new_id("eni"));
  }
  add_ids(e["SubnetIds"], add_subnets);
  remove_ids(e["SubnetIds"], strings(input, "RemoveSubnetIds"));
  check_subnets(c, e["SubnetIds"].get<std::vector<std::string>>(), vpc);
  while (e["NetworkInterfaceIds"].size() > e["SubnetIds"].size())
    e["NetworkInterfaceIds"].erase(e["NetworkInterfaceIds"].size() - 1);
  Json added = groups_of(c, add_groups, vpc);
  for (const auto &g : added) {
    bool have = false;
    for (const auto &x : e["Groups"])
      have = have || x["GroupId"] == g["GroupId"];
    if (!have)
      e["Groups"].push_back(g);
  }
  for (const auto &r : strings(input, "RemoveSecurityGroupIds"))
    for (size_t i = e["Groups"].size(); i-- > 0;)
      if (e["Groups"][i]["GroupId"] == r)
        e["Groups"].erase(e["Groups"].begin() + static_cast<long>(i));
  if (auto policy = optional_string(input, "PolicyDocument")) {
    if (!Json::accept(*policy))
      fail("InvalidPolicyDocument", "The policy document is not valid JSON.");
    e["PolicyDocument"] = *policy;
  }
  if (optional_bool(input, "ResetPolicy"))
    e["PolicyDocument"] = R"({"Version":"2008-10-17","Statement":[{"Effect":"Allow",)"
                          R"("Principal":"*","Action":"*","Resource":"*"}]})";
  if (input.contains("PrivateDnsEnabled"))
    e["PrivateDnsEnabled"] = optional_bool(input, "PrivateDnsEnabled");
  if (auto t = optional_string(input, "IpAddressType"))
    e["IpAddressType"] = *t;
  save(c, "vpc-endpoint", id, e);
  return {{"Return", true}};
}

Json delete_vpc_endpoints(Context &c, const Json &input) {
  Json unsuccessful = Json::array();
  for (const auto &id : strings(input, "VpcEndpointIds")) {
    if (!find(c, "vpc-endpoint", id)) {
      unsuccessful.push_back(
          {{"ResourceId", id},
           {"Error",
            {{"Code", "InvalidVpcEndpoint.NotFound"},
             {"Message", fmt::format("The Vpc Endpoint Id '{}' does not exist", id)}}}});
      continue;
    }
    erase(c, "vpc-endpoint", id);
  }
  return {{"Unsuccessful", unsuccessful}};
}

} // namespace

const HandlerTable &gateway_handlers() {
  static const HandlerTable table = {
      {"CreateInternetGateway", create_internet_gateway},
      {"DescribeInternetGateways", describe_internet_gateways},
      {"AttachInternetGateway", attach_internet_gateway},
      {"DetachInternetGateway", detach_internet_gateway},
      {"DeleteInternetGateway", delete_internet_gateway},
      {"AllocateAddress", allocate_address},
      {"DescribeAddresses", describe_addresses},
      {"ReleaseAddress", release_address},
      {"CreateNatGateway", create_nat_gateway},
      {"DescribeNatGateways", describe_nat_gateways},
      {"DeleteNatGateway", delete_nat_gateway},
      {"CreateVpcEndpoint", create_vpc_endpoint},
      {"DescribeVpcEndpoints", describe_vpc_endpoints},
      {"ModifyVpcEndpoint", modify_vpc_endpoint},
      {"DeleteVpcEndpoints", delete_vpc_endpoints},
  };
  return table;
}

} // namespace cfnlocal::services::embedded::ec2
