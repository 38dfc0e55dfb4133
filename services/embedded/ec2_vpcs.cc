// VPCs, their CIDR blocks and attributes, subnets, default network ACLs and Availability Zones
// (Amazon EC2 API Reference: CreateVpc, DescribeVpcs, DeleteVpc, ModifyVpcAttribute,
// DescribeVpcAttribute, AssociateVpcCidrBlock, DisassociateVpcCidrBlock, CreateSubnet,
// DescribeSubnets, DeleteSubnet, ModifySubnetAttribute, AssociateSubnetCidrBlock,
// DisassociateSubnetCidrBlock, DescribeNetworkAcls, DescribeAvailabilityZones).
//
// Enforced as EC2 does: IPv4 blocks between /16 and /28 (InvalidVpc.Range,
// InvalidSubnet.Range: "The CIDR 'x' is invalid."), subnets inside one of their VPC's blocks
// and not overlapping another subnet (InvalidSubnet.Conflict), at most five IPv4 blocks per
// VPC, Amazon-provided IPv6 /56 blocks with /64 subnet blocks inside them, the region's zones,
// and DependencyViolation for a VPC that still has subnets, gateways, route tables, security
// groups or endpoints, or a subnet that still has NAT gateways or interface endpoints.
#include "services/embedded/ec2_common.h"

#include <fmt/format.h>

#include <random>

namespace cfnlocal::services::embedded::ec2 {
namespace {

Json vpc_shown(const Json &vpc) { return shown(vpc); }

std::optional<std::vector<std::string>> vpc_filter(const Json &vpc, std::string_view name) {
  using V = std::vector<std::string>;
  if (name == "vpc-id")
    return V{vpc.value("VpcId", "")};
  if (name == "cidr" || name == "cidr-block-association.cidr-block") {
    V out;
    for (const auto &a : vpc.value("CidrBlockAssociationSet", Json::array()))
      out.push_back(a.value("CidrBlock", ""));
    return out;
  }
  if (name == "cidr-block-association.association-id") {
    V out;
    for (const auto &a : vpc.value("CidrBlockAssociationSet", Json::array()))
      out.push_back(a.value("AssociationId", ""));
    return out;
  }
  if (name == "ipv6-cidr-block-association.ipv6-cidr-block") {
    V out;
    for (const auto &a : vpc.value("Ipv6CidrBlockAssociationSet", Json::array()))
      out.push_back(a.value("Ipv6CidrBlock", ""));
    return out;
  }
  if (name == "is-default" || name == "isDefault")
    return V{vpc.value("IsDefault", false) ? "true" : "false"};
  if (name == "state")
    return V{vpc.value("State", "")};
  if (name == "dhcp-options-id")
    return V{vpc.value("DhcpOptionsId", "")};
  return std::nullopt;
}

std::optional<std::vector<std::string>> subnet_filter(const Json &s, std::string_view name) {
  using V = std::vector<std::string>;
  if (name == "subnet-id")
    return V{s.value("SubnetId", "")};
  if (name == "vpc-id")
    return V{s.value("VpcId", "")};
  if (name == "availability-zone" || name == "availabilityZone")
    return V{s.value("AvailabilityZone", "")};
  if (name == "availability-zone-id")
    return V{s.value("AvailabilityZoneId", "")};
  if (name == "cidr-block" || name == "cidr" || name == "cidrBlock")
    return V{s.value("CidrBlock", "")};
  if (name == "default-for-az" || name == "defaultForAz")
    return V{s.value("DefaultForAz", false) ? "true" : "false"};
  if (name == "map-public-ip-on-launch")
    return V{s.value("MapPublicIpOnLaunch", false) ? "true" : "false"};
  if (name == "state")
    return V{s.value("State", "")};
  return std::nullopt;
}

std::optional<std::vector<std::string>> acl_filter(const Json &acl, std::string_view name) {
  using V = std::vector<std::string>;
  if (name == "network-acl-id")
    return V{acl.value("NetworkAclId", "")};
  if (name == "vpc-id")
    return V{acl.value("VpcId", "")};
  if (name == "default")
    return V{acl.value("IsDefault", false) ? "true" : "false"};
  if (name == "association.subnet-id" || name == "association.association-id") {
    V out;
    std::string member = name == "association.subnet-id" ? "SubnetId" : "NetworkAclAssociationId";
    for (const auto &a : acl.value("Associations", Json::array()))
      out.push_back(a.value(member, ""));
    return out;
  }
  return std::nullopt;
}

Json acl_entry(int number, bool egress, const std::string &action) {
  return {{"CidrBlock", "0.0.0.0/0"},
          {"Egress", egress},
          {"Protocol", "-1"},
          {"RuleAction", action},
          {"RuleNumber", number}};
}

std::string random_ipv6_block() {
  // Amazon's pool for us-east-1 VPCs starts 2600:1f18::/32; each VPC gets a /56 of it.
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_int_distribution<int> word(0, 0xffff), byte(0, 0xff);
  return fmt::format("2600:1f18:{:x}:{:x}00::/56", word(rng), byte(rng));
}

Json ipv6_association(const std::string &block, const std::string &prefix,
                      const std::string &region) {
  return {{"AssociationId", new_id(prefix)},
          {"Ipv6CidrBlock", block},
          {"Ipv6CidrBlockState", {{"State", "associated"}}},
          {"NetworkBorderGroup", region},
          {"Ipv6Pool", "Amazon"}};
}

Cidr4 checked_vpc_cidr(const std::string &text) {
  auto cidr = parse_cidr4(text);
  if (!cidr)
    invalid_value("cidrBlock", text, "This is not a valid CIDR block.");
  if (cidr->prefix < 16 || cidr->prefix > 28)
    fail("InvalidVpc.Range", fmt::format("The CIDR '{}' is invalid.", text));
  return *cidr;
}

bool vpc_has_dependencies(Context &c, const std::string &vpc_id) {
  for (const auto &s : all(c, "subnet"))
    if (s.value("VpcId", "") == vpc_id)
      return true;
  for (const auto &g : all(c, "internet-gateway"))
    for (const auto &a : g.value("Attachments", Json::array()))
      if (a.value("VpcId", "") == vpc_id)
        return true;
  for (const auto &r : all(c, "route-table"))
    if (r.value("VpcId", "") == vpc_id && !r.value("_Main", false))
      return true;
  for (const auto &g : all(c, "security-group"))
    if (g.value("VpcId", "") == vpc_id && g.value("GroupName", "") != "default")
      return true;
  for (const auto &e : all(c, "vpc-endpoint"))
    if (e.value("VpcId", "") == vpc_id)
      return true;
  for (const auto &n : all(c, "nat-gateway"))
    if (n.value("VpcId", "") == vpc_id && n.value("State", "") != "deleted")
      return true;
  return false;
}

// Every route table of a VPC routes each of the VPC's blocks locally.
void add_local_route(Context &c, const std::string &vpc_id, const char *member,
                     const std::string &block) {
  for (auto r : all(c, "route-table"))
    if (r.value("VpcId", "") == vpc_id) {
      r["Routes"].push_back({{member, block},
                             {"GatewayId", "local"},
                             {"Origin", "CreateRouteTable"},
                             {"State", "active"}});
      save(c, "route-table", r["RouteTableId"].get<std::string>(), r);
    }
}

void remove_local_route(Context &c, const std::string &vpc_id, const std::string &block) {
  for (auto r : all(c, "route-table")) {
    if (r.value("VpcId", "") != vpc_id)
      continue;
    Json &routes = r["Routes"];
    for (size_t i = routes.size(); i-- > 0;)
      if (routes[i].value("GatewayId", "") == "local" &&
          (routes[i].value("DestinationCidrBlock", "") == block ||
           routes[i].value("DestinationIpv6CidrBlock", "") == block))
        routes.erase(routes.begin() + static_cast<long>(i));
    save(c, "route-table", r["RouteTableId"].get<std::string>(), r);
  }
}

// ---- VPCs -----------------------------------------------------------------------------------

Json create_vpc(Context &c, const Json &input) {
  if (input.contains("Ipv4IpamPoolId") && !input["Ipv4IpamPoolId"].is_null())
    fail("InvalidIpamPoolId.NotFound", fmt::format("The ipam pool ID '{}' does not exist",
                                                   input["Ipv4IpamPoolId"].is_string()
                                                       ? input["Ipv4IpamPoolId"].get<std::string>()
                                                       : input["Ipv4IpamPoolId"].dump()));
  Cidr4 cidr = checked_vpc_cidr(required(input, "CidrBlock"));
  std::string tenancy = optional_string(input, "InstanceTenancy").value_or("default");
  if (tenancy != "default" && tenancy != "dedicated" && tenancy != "host")
    invalid_value("instanceTenancy", tenancy);
  Json vpc = make_vpc(c, cidr, false, tags_for(input, "vpc"), tenancy);
  if (optional_bool(input, "AmazonProvidedIpv6CidrBlock")) {
    vpc["Ipv6CidrBlockAssociationSet"].push_back(
        ipv6_association(random_ipv6_block(), "vpc-cidr-assoc", c.region));
    save(c, "vpc", vpc["VpcId"].get<std::string>(), vpc);
  }
  return {{"Vpc", vpc_shown(vpc)}};
}

Json describe_vpcs(Context &c, const Json &input) {
  Json out = Json::array();
  for (const auto &v : describe(c, "vpc", input, "VpcIds", vpc_filter))
    out.push_back(vpc_shown(v));
  return {{"Vpcs", out}};
}

Json delete_vpc(Context &c, const Json &input) {
  std::string id = required(input, "VpcId");
  Json vpc = load(c, "vpc", id);
  if (vpc_has_dependencies(c, id))
    fail("DependencyViolation",
         fmt::format("The vpc '{}' has dependencies and cannot be deleted.", id));
  for (const auto &r : all(c, "route-table"))
    if (r.value("VpcId", "") == id)
      erase(c, "route-table", r["RouteTableId"].get<std::string>());
  for (const auto &g : all(c, "security-group"))
    if (g.value("VpcId", "") == id)
      erase(c, "security-group", g["GroupId"].get<std::string>());
  for (const auto &a : all(c, "network-acl"))
    if (a.value("VpcId", "") == id)
      erase(c, "network-acl", a["NetworkAclId"].get<std::string>());
  erase(c, "vpc", id);
  return Json::object();
}

Json modify_vpc_attribute(Context &c, const Json &input) {
  std::string id = required(input, "VpcId");
  Json vpc = load(c, "vpc", id);
  auto support = attribute_bool(input, "EnableDnsSupport");
  auto hostnames = attribute_bool(input, "EnableDnsHostnames");
  auto metrics = attribute_bool(input, "EnableNetworkAddressUsageMetrics");
  if (int(support.has_value()) + int(hostnames.has_value()) + int(metrics.has_value()) != 1)
    fail("InvalidParameterCombination",
         "Fields for multiple attribute types specified: enableDnsSupport, enableDnsHostnames");
  if (support)
    vpc["_EnableDnsSupport"] = *support;
  if (hostnames) {
    if (*hostnames && !vpc.value("_EnableDnsSupport", true))
      fail("InvalidParameterValue",
           "Cannot enable DNS hostnames when DNS resolution (enableDnsSupport) is disabled.");
    vpc["_EnableDnsHostnames"] = *hostnames;
  }
  if (metrics)
    vpc["_EnableNetworkAddressUsageMetrics"] = *metrics;
  save(c, "vpc", id, vpc);
  return Json::object();
}

Json describe_vpc_attribute(Context &c, const Json &input) {
  std::string id = required(input, "VpcId");
  std::string attribute = required(input, "Attribute");
  Json vpc = load(c, "vpc", id);
  Json out = {{"VpcId", id}};
  if (attribute == "enableDnsSupport")
    out["EnableDnsSupport"] = {{"Value", vpc.value("_EnableDnsSupport", true)}};
  else if (attribute == "enableDnsHostnames")
    out["EnableDnsHostnames"] = {{"Value", vpc.value("_EnableDnsHostnames", false)}};
  else if (attribute == "enableNetworkAddressUsageMetrics")
    out["EnableNetworkAddressUsageMetrics"] = {
        {"Value", vpc.value("_EnableNetworkAddressUsageMetrics", false)}};
  else
    invalid_value("attribute", attribute);
  return out;
}

Json associate_vpc_cidr_block(Context &c, const Json &input) {
  std::string id = required(input, "VpcId");
  Json vpc = load(c, "vpc", id);
  Json out = {{"VpcId", id}};
  if (optional_bool(input, "AmazonProvidedIpv6CidrBlock")) {
    for (const auto &a : vpc["Ipv6CidrBlockAssociationSet"])
      if (a["Ipv6CidrBlockState"].value("State", "") == "associated")
        fail("CidrLimitExceeded",
             fmt::format("This network '{}' has met its maximum number of allowed CIDRs: 1", id));
    Json a = ipv6_association(random_ipv6_block(), "vpc-cidr-assoc", c.region);
    vpc["Ipv6CidrBlockAssociationSet"].push_back(a);
    out["Ipv6CidrBlockAssociation"] = a;
    add_local_route(c, id, "DestinationIpv6CidrBlock", a["Ipv6CidrBlock"]);
  } else if (auto text = optional_string(input, "CidrBlock")) {
    Cidr4 cidr = checked_vpc_cidr(*text);
    Json &set = vpc["CidrBlockAssociationSet"];
    if (set.size() >= 5)
      fail("CidrLimitExceeded",
           fmt::format("This network '{}' has met its maximum number of allowed CIDRs: 5", id));
    for (const auto &a : set)
      if (parse_cidr4(a.value("CidrBlock", ""))->overlaps(cidr))
        fail("InvalidVpc.Range", fmt::format("The CIDR '{}' is invalid.", *text));
    Json a = {{"AssociationId", new_id("vpc-cidr-assoc")},
              {"CidrBlock", cidr.text()},
              {"CidrBlockState", {{"State", "associated"}}}};
    set.push_back(a);
    out["CidrBlockAssociation"] = a;
    add_local_route(c, id, "DestinationCidrBlock", cidr.text());
  } else {
    fail("MissingParameter", "Either 'cidrBlock' or 'amazonProvidedIpv6CidrBlock' is required.");
  }
  save(c, "vpc", id, vpc);
  return out;
}

Json disassociate_vpc_cidr_block(Context &c, const Json &input) {
  std::string association = required(input, "AssociationId");
  for (auto vpc : all(c, "vpc")) {
    std::string id = vpc["VpcId"];
    Json &v4 = vpc["CidrBlockAssociationSet"];
    for (size_t i = 0; i < v4.size(); ++i) {
      if (v4[i].value("AssociationId", "") != association)
        continue;
      std::string block = v4[i]["CidrBlock"];
      if (i == 0)
        fail("OperationNotPermitted",
             fmt::format("The vpc {} primary cidr block cannot be disassociated", id));
      Cidr4 cidr = *parse_cidr4(block);
      for (const auto &s : all(c, "subnet"))
        if (s.value("VpcId", "") == id && cidr.contains(*parse_cidr4(s.value("CidrBlock", ""))))
          fail("InvalidCidrBlock.InUse",
               fmt::format("The vpc {} currently has a subnet within CIDR block {}", id, block));
      Json gone = v4[i];
      v4.erase(v4.begin() + static_cast<long>(i));
      remove_local_route(c, id, block);
      save(c, "vpc", id, vpc);
      gone["CidrBlockState"]["State"] = "disassociating";
      return {{"VpcId", id}, {"CidrBlockAssociation", gone}};
    }
    Json &v6 = vpc["Ipv6CidrBlockAssociationSet"];
    for (size_t i = 0; i < v6.size(); ++i) {
      if (v6[i].value("AssociationId", "") != association)
        continue;
      Cidr6 block = *parse_cidr6(v6[i].value("Ipv6CidrBlock", ""));
      for (const auto &s : all(c, "subnet"))
        for (const auto &a : s.value("Ipv6CidrBlockAssociationSet", Json::array()))
          if (s.value("VpcId", "") == id &&
              block.contains(*parse_cidr6(a.value("Ipv6CidrBlock", ""))))
            fail("InvalidCidrBlock.InUse",
                 fmt::format("The vpc {} currently has a subnet within CIDR block {}", id,
                             block.text()));
      Json gone = v6[i];
      v6.erase(v6.begin() + static_cast<long>(i));
      remove_local_route(c, id, gone.value("Ipv6CidrBlock", ""));
      save(c, "vpc", id, vpc);
      gone["Ipv6CidrBlockState"]["State"] = "disassociating";
      return {{"VpcId", id}, {"Ipv6CidrBlockAssociation", gone}};
    }
  }
  fail("InvalidVpcCidrBlockAssociationID.NotFound",
       fmt::format("The vpc CIDR block association ID '{}' does not exist", association));
}

// ---- subnets --------------------------------------------------------------------------------

Json subnet_shown(const Json &s) { return shown(s); }

Json create_subnet(Context &c, const Json &input) {
  std::string vpc_id = required(input, "VpcId");
  Json vpc = load(c, "vpc", vpc_id);
  if (input.contains("Ipv4IpamPoolId") && !input["Ipv4IpamPoolId"].is_null())
    fail("InvalidIpamPoolId.NotFound", "The ipam pool ID does not exist");
  std::string text = required(input, "CidrBlock");
  auto cidr = parse_cidr4(text);
  if (!cidr)
    invalid_value("cidrBlock", text, "This is not a valid CIDR block.");
  bool inside = false;
  for (const auto &a : vpc["CidrBlockAssociationSet"])
    if (parse_cidr4(a.value("CidrBlock", ""))->contains(*cidr))
      inside = true;
  if (cidr->prefix < 16 || cidr->prefix > 28 || !inside)
    fail("InvalidSubnet.Range", fmt::format("The CIDR '{}' is invalid.", text));
  for (const auto &s : all(c, "subnet"))
    if (s.value("VpcId", "") == vpc_id && parse_cidr4(s.value("CidrBlock", ""))->overlaps(*cidr))
      fail("InvalidSubnet.Conflict",
           fmt::format("The CIDR '{}' conflicts with another subnet", text));

  auto zones = availability_zones(c);
  std::string zone;
  if (auto z = optional_string(input, "AvailabilityZone")) {
    if (std::find(zones.begin(), zones.end(), *z) == zones.end()) {
      std::string list;
      for (const auto &name : zones)
        list += (list.empty() ? "" : ", ") + name;
      invalid_value("availabilityZone", *z,
                    fmt::format("Subnets can currently only be created in the following "
                                "availability zones: {}.",
                                list));
    }
    zone = *z;
  } else if (auto zid = optional_string(input, "AvailabilityZoneId")) {
    for (const auto &name : zones)
      if (zone_id(c, name) == *zid)
        zone = name;
    if (zone.empty())
      invalid_value("availabilityZoneId", *zid);
  } else {
    // EC2 picks a zone; spread subnets over the zones as it does.
    size_t n = 0;
    for (const auto &s : all(c, "subnet"))
      n += s.value("VpcId", "") == vpc_id;
    zone = zones[n % zones.size()];
  }

  std::optional<Cidr6> v6;
  if (auto block = optional_string(input, "Ipv6CidrBlock")) {
    v6 = parse_cidr6(*block);
    bool in_vpc = false;
    if (v6)
      for (const auto &a : vpc["Ipv6CidrBlockAssociationSet"])
        if (parse_cidr6(a.value("Ipv6CidrBlock", ""))->contains(*v6))
          in_vpc = true;
    if (!v6 || v6->prefix != 64 || !in_vpc)
      fail("InvalidSubnet.Range", fmt::format("The IPv6 CIDR '{}' is invalid.", *block));
    for (const auto &s : all(c, "subnet"))
      for (const auto &a : s.value("Ipv6CidrBlockAssociationSet", Json::array()))
        if (parse_cidr6(a.value("Ipv6CidrBlock", ""))->overlaps(*v6))
          fail("InvalidSubnet.Conflict",
               fmt::format("The CIDR '{}' conflicts with another subnet", *block));
  }
  Json subnet = make_subnet(c, vpc, *cidr, zone, false, tags_for(input, "subnet"));
  if (v6) {
    subnet["Ipv6CidrBlockAssociationSet"].push_back(
        ipv6_association(v6->text(), "subnet-cidr-assoc", c.region));
    subnet["Ipv6CidrBlockAssociationSet"].back().erase("NetworkBorderGroup");
    subnet["Ipv6CidrBlockAssociationSet"].back().erase("Ipv6Pool");
    save(c, "subnet", subnet["SubnetId"].get<std::string>(), subnet);
  }
  return {{"Subnet", subnet_shown(subnet)}};
}

Json describe_subnets(Context &c, const Json &input) {
  Json out = Json::array();
  for (const auto &s : describe(c, "subnet", input, "SubnetIds", subnet_filter))
    out.push_back(subnet_shown(s));
  return {{"Subnets", out}};
}

Json delete_subnet(Context &c, const Json &input) {
  std::string id = required(input, "SubnetId");
  load(c, "subnet", id);
  bool used = false;
  for (const auto &n : all(c, "nat-gateway"))
    used = used || (n.value("SubnetId", "") == id && n.value("State", "") != "deleted");
  for (const auto &e : all(c, "vpc-endpoint"))
    for (const auto &s : e.value("SubnetIds", Json::array()))
      used = used || s == id;
  if (used)
    fail("DependencyViolation",
         fmt::format("The subnet '{}' has dependencies and cannot be deleted.", id));
  // Its route table and network ACL associations go with it.
  for (auto r : all(c, "route-table")) {
    Json &assoc = r["Associations"];
    size_t before = assoc.size();
    for (size_t i = assoc.size(); i-- > 0;)
      if (assoc[i].value("SubnetId", "") == id)
        assoc.erase(assoc.begin() + static_cast<long>(i));
    if (assoc.size() != before)
      save(c, "route-table", r["RouteTableId"].get<std::string>(), r);
  }
  for (auto a : all(c, "network-acl")) {
    Json &assoc = a["Associations"];
    size_t before = assoc.size();
    for (size_t i = assoc.size(); i-- > 0;)
      if (assoc[i].value("SubnetId", "") == id)
        assoc.erase(assoc.begin() + static_cast<long>(i));
    if (assoc.size() != before)
      save(c, "network-acl", a["NetworkAclId"].get<std::string>(), a);
  }
  erase(c, "subnet", id);
  return Json::object();
}

Json modify_subnet_attribute(Context &c, const Json &input) {
  std::string id = required(input, "SubnetId");
  Json s = load(c, "subnet", id);
  int changed = 0;
  if (auto v = attribute_bool(input, "MapPublicIpOnLaunch")) {
    s["MapPublicIpOnLaunch"] = *v;
    ++changed;
  }
  if (auto v = attribute_bool(input, "AssignIpv6AddressOnCreation")) {
    if (*v && s.value("Ipv6CidrBlockAssociationSet", Json::array()).empty())
      fail("InvalidParameterValue",
           fmt::format("Invalid value 'true' for assignIpv6AddressOnCreation. Subnet {} has no "
                       "IPv6 CIDR block.",
                       id));
    s["AssignIpv6AddressOnCreation"] = *v;
    ++changed;
  }
  if (auto v = attribute_bool(input, "EnableDns64")) {
    s["EnableDns64"] = *v;
    ++changed;
  }
  Json &dns = s["PrivateDnsNameOptionsOnLaunch"];
  if (auto v = optional_string(input, "PrivateDnsHostnameTypeOnLaunch")) {
    if (*v != "ip-name" && *v != "resource-name")
      invalid_value("privateDnsHostnameTypeOnLaunch", *v);
    dns["HostnameType"] = *v;
    ++changed;
  }
  if (auto v = attribute_bool(input, "EnableResourceNameDnsARecordOnLaunch")) {
    dns["EnableResourceNameDnsARecord"] = *v;
    ++changed;
  }
  if (auto v = attribute_bool(input, "EnableResourceNameDnsAAAARecordOnLaunch")) {
    dns["EnableResourceNameDnsAAAARecord"] = *v;
    ++changed;
  }
  if (changed != 1)
    fail("InvalidParameterCombination", "Specify exactly one attribute to modify.");
  save(c, "subnet", id, s);
  return Json::object();
}

Json associate_subnet_cidr_block(Context &c, const Json &input) {
  std::string id = required(input, "SubnetId");
  std::string text = required(input, "Ipv6CidrBlock");
  Json s = load(c, "subnet", id);
  Json vpc = load(c, "vpc", s["VpcId"].get<std::string>());
  auto v6 = parse_cidr6(text);
  bool in_vpc = false;
  if (v6)
    for (const auto &a : vpc["Ipv6CidrBlockAssociationSet"])
      in_vpc = in_vpc || parse_cidr6(a.value("Ipv6CidrBlock", ""))->contains(*v6);
  if (!v6 || v6->prefix != 64 || !in_vpc)
    fail("InvalidSubnet.Range", fmt::format("The IPv6 CIDR '{}' is invalid.", text));
  if (!s["Ipv6CidrBlockAssociationSet"].empty())
    fail("InvalidParameterValue",
         fmt::format("The subnet '{}' already has an IPv6 CIDR block associated.", id));
  Json a = ipv6_association(v6->text(), "subnet-cidr-assoc", c.region);
  a.erase("NetworkBorderGroup");
  a.erase("Ipv6Pool");
  s["Ipv6CidrBlockAssociationSet"].push_back(a);
  save(c, "subnet", id, s);
  return {{"SubnetId", id}, {"Ipv6CidrBlockAssociation", a}};
}

Json disassociate_subnet_cidr_block(Context &c, const Json &input) {
  std::string association = required(input, "AssociationId");
  for (auto s : all(c, "subnet")) {
    Json &set = s["Ipv6CidrBlockAssociationSet"];
    for (size_t i = 0; i < set.size(); ++i)
      if (set[i].value("AssociationId", "") == association) {
        Json gone = set[i];
        set.erase(set.begin() + static_cast<long>(i));
        s["AssignIpv6AddressOnCreation"] = false;
        save(c, "subnet", s["SubnetId"].get<std::string>(), s);
        gone["Ipv6CidrBlockState"]["State"] = "disassociating";
        return {{"SubnetId", s["SubnetId"]}, {"Ipv6CidrBlockAssociation", gone}};
      }
  }
  fail("InvalidSubnetCidrBlockAssociationID.NotFound",
       fmt::format("The subnet CIDR block with association ID '{}' does not exist", association));
}

Json describe_network_acls(Context &c, const Json &input) {
  Json out = Json::array();
  for (const auto &a : describe(c, "network-acl", input, "NetworkAclIds", acl_filter))
    out.push_back(shown(a));
  return {{"NetworkAcls", out}};
}

Json describe_availability_zones(Context &c, const Json &input) {
  Json out = Json::array();
  std::vector<std::string> wanted = strings(input, "ZoneNames");
  for (const auto &zone : availability_zones(c)) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), zone) == wanted.end())
      continue;
    out.push_back({{"ZoneName", zone},
                   {"ZoneId", zone_id(c, zone)},
                   {"State", "available"},
                   {"RegionName", c.region},
                   {"ZoneType", "availability-zone"},
                   {"OptInStatus", "opt-in-not-required"},
                   {"GroupName", c.region},
                   {"NetworkBorderGroup", c.region},
                   {"Messages", Json::array()}});
  }
  for (const auto &w : wanted) {
    bool known = false;
    for (const auto &z : out)
      known = known || z["ZoneName"] == w;
    if (!known)
      invalid_value("zoneName", w);
  }
  return {{"AvailabilityZones", out}};
}

} // namespace

Json make_vpc(Context &c, const Cidr4 &cidr, bool is_default, const Json &tags,
              const std::string &tenancy) {
  std::string id = new_id("vpc");
  Json vpc = {
      {"CidrBlock", cidr.text()},
      {"DhcpOptionsId", new_id("dopt")},
      {"State", "available"},
      {"VpcId", id},
      {"OwnerId", c.account},
      {"InstanceTenancy", tenancy},
      {"Ipv6CidrBlockAssociationSet", Json::array()},
      {"CidrBlockAssociationSet", Json::array({{{"AssociationId", new_id("vpc-cidr-assoc")},
                                                {"CidrBlock", cidr.text()},
                                                {"CidrBlockState", {{"State", "associated"}}}}})},
      {"IsDefault", is_default},
      {"Tags", tags},
      {"_EnableDnsSupport", true},
      {"_EnableDnsHostnames", is_default}};
  save(c, "vpc", id, vpc);

  std::string rtb = new_id("rtb");
  save(c, "route-table", rtb,
       {{"Associations", Json::array({{{"Main", true},
                                       {"RouteTableAssociationId", new_id("rtbassoc")},
                                       {"RouteTableId", rtb},
                                       {"AssociationState", {{"State", "associated"}}}}})},
        {"PropagatingVgws", Json::array()},
        {"RouteTableId", rtb},
        {"Routes", Json::array({{{"DestinationCidrBlock", cidr.text()},
                                 {"GatewayId", "local"},
                                 {"Origin", "CreateRouteTable"},
                                 {"State", "active"}}})},
        {"Tags", Json::array()},
        {"VpcId", id},
        {"OwnerId", c.account},
        {"_Main", true}});

  std::string sg = new_id("sg");
  save(c, "security-group", sg,
       {{"Description", "default VPC security group"},
        {"GroupName", "default"},
        {"GroupId", sg},
        {"OwnerId", c.account},
        {"VpcId", id},
        {"Tags", Json::array()},
        {"SecurityGroupArn",
         fmt::format("arn:{}:ec2:{}:{}:security-group/{}", c.partition, c.region, c.account, sg)},
        {"_Rules", Json::array({{{"SecurityGroupRuleId", new_id("sgr")},
                                 {"IsEgress", false},
                                 {"IpProtocol", "-1"},
                                 {"ReferencedGroupInfo", {{"GroupId", sg}, {"UserId", c.account}}}},
                                {{"SecurityGroupRuleId", new_id("sgr")},
                                 {"IsEgress", true},
                                 {"IpProtocol", "-1"},
                                 {"CidrIpv4", "0.0.0.0/0"}}})}});

  std::string acl = new_id("acl");
  save(c, "network-acl", acl,
       {{"Associations", Json::array()},
        {"Entries", Json::array({acl_entry(100, true, "allow"), acl_entry(32767, true, "deny"),
                                 acl_entry(100, false, "allow"), acl_entry(32767, false, "deny")})},
        {"IsDefault", true},
        {"NetworkAclId", acl},
        {"Tags", Json::array()},
        {"VpcId", id},
        {"OwnerId", c.account}});
  return vpc;
}

Json make_subnet(Context &c, const Json &vpc, const Cidr4 &cidr, const std::string &zone,
                 bool default_for_az, const Json &tags) {
  std::string id = new_id("subnet");
  std::string vpc_id = vpc["VpcId"];
  // AWS reserves five addresses of every subnet.
  int64_t available = (int64_t{1} << (32 - cidr.prefix)) - 5;
  Json subnet = {{"AvailabilityZone", zone},
                 {"AvailabilityZoneId", zone_id(c, zone)},
                 {"AvailableIpAddressCount", available},
                 {"CidrBlock", cidr.text()},
                 {"DefaultForAz", default_for_az},
                 {"MapPublicIpOnLaunch", default_for_az},
                 {"State", "available"},
                 {"SubnetId", id},
                 {"VpcId", vpc_id},
                 {"OwnerId", c.account},
                 {"AssignIpv6AddressOnCreation", false},
                 {"Ipv6CidrBlockAssociationSet", Json::array()},
                 {"Tags", tags},
                 {"SubnetArn",
                  fmt::format("arn:{}:ec2:{}:{}:subnet/{}", c.partition, c.region, c.account, id)},
                 {"EnableDns64", false},
                 {"Ipv6Native", false},
                 {"PrivateDnsNameOptionsOnLaunch",
                  {{"HostnameType", "ip-name"},
                   {"EnableResourceNameDnsARecord", false},
                   {"EnableResourceNameDnsAAAARecord", false}}}};
  save(c, "subnet", id, subnet);
  for (auto acl : all(c, "network-acl"))
    if (acl.value("VpcId", "") == vpc_id && acl.value("IsDefault", false)) {
      acl["Associations"].push_back({{"NetworkAclAssociationId", new_id("aclassoc")},
                                     {"NetworkAclId", acl["NetworkAclId"]},
                                     {"SubnetId", id}});
      save(c, "network-acl", acl["NetworkAclId"].get<std::string>(), acl);
    }
  return subnet;
}

void ensure_default_vpc(Context &c) {
  if (c.store.get_record(kService, "default-vpc", c.region))
    return;
  Json vpc = make_vpc(c, *parse_cidr4("172.31.0.0/16"), true, Json::array(), "default");
  std::string vpc_id = vpc["VpcId"];
  auto zones = availability_zones(c);
  for (size_t i = 0; i < zones.size(); ++i)
    make_subnet(c, vpc, Cidr4{(172u << 24) | (31u << 16) | static_cast<uint32_t>(i * 16) << 8, 20},
                zones[i], true, Json::array());
  std::string igw = new_id("igw");
  save(c, "internet-gateway", igw,
       {{"Attachments", Json::array({{{"State", "available"}, {"VpcId", vpc_id}}})},
        {"InternetGatewayId", igw},
        {"OwnerId", c.account},
        {"Tags", Json::array()}});
  for (auto r : all(c, "route-table"))
    if (r.value("VpcId", "") == vpc_id) {
      r["Routes"].push_back({{"DestinationCidrBlock", "0.0.0.0/0"},
                             {"GatewayId", igw},
                             {"Origin", "CreateRoute"},
                             {"State", "active"}});
      save(c, "route-table", r["RouteTableId"].get<std::string>(), r);
    }
  c.store.put_record(kService, "default-vpc", c.region, {{"VpcId", vpc_id}});
}

const HandlerTable &vpc_handlers() {
  static const HandlerTable table = {
      {"CreateVpc", create_vpc},
      {"DescribeVpcs", describe_vpcs},
      {"DeleteVpc", delete_vpc},
      {"ModifyVpcAttribute", modify_vpc_attribute},
      {"DescribeVpcAttribute", describe_vpc_attribute},
      {"AssociateVpcCidrBlock", associate_vpc_cidr_block},
      {"DisassociateVpcCidrBlock", disassociate_vpc_cidr_block},
      {"CreateSubnet", create_subnet},
      {"DescribeSubnets", describe_subnets},
      {"DeleteSubnet", delete_subnet},
      {"ModifySubnetAttribute", modify_subnet_attribute},
      {"AssociateSubnetCidrBlock", associate_subnet_cidr_block},
      {"DisassociateSubnetCidrBlock", disassociate_subnet_cidr_block},
      {"DescribeNetworkAcls", describe_network_acls},
      {"DescribeAvailabilityZones", describe_availability_zones},
  };
  return table;
}

} // namespace cfnlocal::services::embedded::ec2
