// Load balancers of the embedded Elastic Load Balancing v2: CreateLoadBalancer,
// DescribeLoadBalancers, DeleteLoadBalancer, Describe/ModifyLoadBalancerAttributes,
// SetSecurityGroups, SetSubnets, SetIpAddressType. Subnets and security groups are the
// embedded EC2's; a load balancer is in one VPC, in one subnet per Availability Zone, and an
// Application Load Balancer in at least two zones ("Application Load Balancers", "Network Load
// Balancers", "Gateway Load Balancers" user guides).
#include "services/embedded/ec2_common.h"
#include "services/embedded/elbv2_common.h"
#include "state/ids.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace cfnlocal::services::embedded::elbv2 {
namespace {

// Route 53 hosted zone ids of load balancer DNS names per region ("Elastic Load Balancing
// endpoints and quotas", AWS General Reference): Application (and Classic) Load Balancers,
// then Network Load Balancers.
struct ZoneIds {
  std::string_view region, application, network;
};
constexpr ZoneIds kZoneIds[] = {
    {"us-east-1", "Z35SXDOTRQ7X7K", "Z26RNL4JYFTOTI"},
    {"us-east-2", "Z3AADJGX6KTTL2", "ZLMOA37VPKANP"},
    {"us-west-1", "Z368ELLRRE2KJ0", "Z24FKFUX50B4VW"},
    {"us-west-2", "Z1H1FL5HABSF5", "Z18D5FSROUN65G"},
    {"af-south-1", "Z268VQBMOI5EKX", "Z203XCE67M25HM"},
    {"ap-east-1", "Z3DQVH9N71FHZ0", "Z12Y7K3UBGUAD1"},
    {"ap-south-1", "ZP97RAFLXTNZK", "ZVDDRBQ08TROA"},
    {"ap-northeast-1", "Z14GRHDCWA56QT", "Z31USIVHYNEOWT"},
    {"ap-northeast-2", "ZWKZPGTI48KDX", "ZIBE1TIR4HY56"},
    {"ap-northeast-3", "Z5LXEXXYW11ES", "Z1GWIQ4HH19I5X"},
    {"ap-southeast-1", "Z1LMS91P8CMLE5", "ZKVM4W9LS7TM"},
    {"ap-southeast-2", "Z1GM3OXH4ZPM65", "ZCT6FZBF4DROD"},
    {"ca-central-1", "ZQSVJUPU6J1EY", "Z2EPGBW3API2WT"},
    {"eu-central-1", "Z215JYRZR1TBD5", "Z3F0SRJ5LGBH90"},
    {"eu-west-1", "Z32O12XQLNTSW2", "Z2IFOLAFXWLO4F"},
    {"eu-west-2", "ZHURV8PSTC4K8", "ZD4D7Y8KGAS4G"},
    {"eu-west-3", "Z3Q77PNBQS71R4", "Z1CMS0P5QUZ6D5"},
    {"eu-south-1", "Z3ULH7SSC9OV64", "Z23146JA1KNAFP"},
    {"eu-north-1", "Z23TAZ7KU4GKK3", "Z1UDT6IFJ4EJM"},
    {"me-south-1", "ZS929ML54UICD", "Z3QSRYVP46NYYV"},
    {"sa-east-1", "Z2P70J7HTTTPLU", "ZTK26PT1VY4CU"},
};

std::string hosted_zone_id(const Context &c, const std::string &type) {
  for (const auto &z : kZoneIds)
    if (z.region == c.region)
      return std::string(type == "network" ? z.network : z.application);
  return std::string(type == "network" ? kZoneIds[0].network : kZoneIds[0].application);
}

std::string dns_suffix(const Context &c) {
  return c.partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

// "NAME-1234567890.REGION.elb.amazonaws.com" for Application Load Balancers ("internal-" in
// front when internal); "NAME-0123456789abcdef.elb.REGION.amazonaws.com" for Network Load
// Balancers. Gateway Load Balancers have no DNS name.
std::string dns_name(const Context &c, const std::string &type, const std::string &scheme,
                     const std::string &name) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  if (type == "application")
    return fmt::format("{}{}-{}.{}.elb.{}", scheme == "internal" ? "internal-" : "", name,
                       1000000000 + rng() % 999999999, c.region, dns_suffix(c));
  return fmt::format("{}-{}.elb.{}.{}", name, new_id(), c.region, dns_suffix(c));
}

std::string type_code(const std::string &type) {
  return type == "application" ? "app" : type == "network" ? "net" : "gwy";
}

// ---- attributes ------------------------------------------------------------------------------

// AWS's attributes and their defaults per load balancer type ("Load balancer attributes" of each
// user guide).
const std::map<std::string, std::string> &default_attributes(const std::string &type) {
  static const std::map<std::string, std::string> application = {
      {"access_logs.s3.enabled", "false"},
      {"access_logs.s3.bucket", ""},
      {"access_logs.s3.prefix", ""},
      {"client_keep_alive.seconds", "3600"},
      {"connection_logs.s3.enabled", "false"},
      {"connection_logs.s3.bucket", ""},
      {"connection_logs.s3.prefix", ""},
      {"deletion_protection.enabled", "false"},
      {"idle_timeout.timeout_seconds", "60"},
      {"routing.http.desync_mitigation_mode", "defensive"},
      {"routing.http.drop_invalid_header_fields.enabled", "false"},
      {"routing.http.preserve_host_header.enabled", "false"},
      {"routing.http.x_amzn_tls_version_and_cipher_suite.enabled", "false"},
      {"routing.http.xff_client_port.enabled", "false"},
      {"routing.http.xff_header_processing.mode", "append"},
      {"routing.http2.enabled", "true"},
      {"waf.fail_open.enabled", "false"},
      {"zonal_shift.config.enabled", "false"},
  };
  static const std::map<std::string, std::string> network = {
      {"access_logs.s3.enabled", "false"},
      {"access_logs.s3.bucket", ""},
      {"access_logs.s3.prefix", ""},
      {"deletion_protection.enabled", "false"},
      {"dns_record.client_routing_policy", "any_availability_zone"},
      {"load_balancing.cross_zone.enabled", "false"},
      {"zonal_shift.config.enabled", "false"},
  };
  static const std::map<std::string, std::string> gateway = {
      {"deletion_protection.enabled", "false"},
      {"load_balancing.cross_zone.enabled", "false"},
  };
  return type == "application" ? application : type == "network" ? network : gateway;
}

void check_attribute(const std::string &key, const std::string &value) {
  auto one_of = [&](std::initializer_list<std::string_view> allowed) {
    for (auto a : allowed)
      if (value == a)
        return;
    invalid(fmt::format("Load balancer attribute '{}' cannot have the value '{}'", key, value));
  };
  auto in_range = [&](long min, long max) {
    long n = -1;
    try {
      size_t used = 0;
      n = std::stol(value, &used);
      if (used != value.size())
        n = -1;
    } catch (const std::exception &) {
    }
    if (n < min || n > max)
      invalid(fmt::format("Load balancer attribute '{}' must be a number from {} to {}", key, min,
                          max));
  };
  if (key.ends_with(".enabled"))
    one_of({"true", "false"});
  else if (key == "idle_timeout.timeout_seconds")
    in_range(1, 4000);
  else if (key == "client_keep_alive.seconds")
    in_range(60, 604800);
  else if (key == "routing.http.desync_mitigation_mode")
    one_of({"monitor", "defensive", "strictest"});
  else if (key == "routing.http.xff_header_processing.mode")
    one_of({"append", "preserve", "remove"});
  else if (key == "dns_record.client_routing_policy")
    one_of({"any_availability_zone", "availability_zone_affinity",
            "partial_availability_zone_affinity"});
}

Json attribute_list(const Json &record) {
  Json out = Json::array();
  Json attributes = record.value("_Attributes", Json::object());
  for (const auto &[k, v] : attributes.items())
    out.push_back({{"Key", k}, {"Value", v}});
  return out;
}

// ---- subnets and security groups ------------------------------------------------------------

struct Placement {
  std::string vpc_id;
  Json zones = Json::array(); // AvailabilityZones
};

Placement placement(Context &c, const Json &input, const std::string &type,
                    const std::string &scheme) {
  ec2::ensure_default_vpc(c);
  bool has_subnets = input.contains("Subnets") && !input["Subnets"].is_null();
  bool has_mappings = input.contains("SubnetMappings") && !input["SubnetMappings"].is_null();
  if (has_subnets && has_mappings)
    invalid("You can specify subnets or subnet mappings, not both");
  Json mappings = Json::array();
  if (has_mappings)
    mappings = input["SubnetMappings"];
  else
    for (const auto &s : strings(input, "Subnets"))
      mappings.push_back({{"SubnetId", s}});
  if (!mappings.is_array() || mappings.empty())
    invalid("At least one subnet must be specified");
  Placement out;
  std::set<std::string> zones;
  for (const auto &m : mappings) {
    std::string id = m.value("SubnetId", "");
    auto subnet = ec2::find(c, "subnet", id);
    if (!subnet)
      fail("SubnetNotFound", fmt::format("The subnet ID '{}' is not valid", id));
    std::string vpc = subnet->value("VpcId", "");
    if (out.vpc_id.empty())
      out.vpc_id = vpc;
    else if (vpc != out.vpc_id)
      fail("InvalidSubnet", fmt::format("Subnet '{}' is in VPC '{}': all the subnets of a load "
                                        "balancer must be in the same VPC ('{}')",
                                        id, vpc, out.vpc_id));
    std::string zone = subnet->value("AvailabilityZone", "");
    if (!zones.insert(zone).second)
      fail("InvalidConfigurationRequest",
           "A load balancer cannot be attached to multiple subnets in the same Availability Zone");
    Json addresses = Json::array();
    if (auto allocation = m.value("AllocationId", ""); !allocation.empty()) {
      if (type != "network" || scheme == "internal")
        invalid("Elastic IP addresses can be assigned only to internet-facing Network Load "
                "Balancers");
      auto address = ec2::find(c, "address", allocation);
      if (!address)
        fail("AllocationIdNotFound",
             fmt::format("The allocation ID '{}' does not exist", allocation));
      addresses.push_back(
          {{"IpAddress", address->value("PublicIp", "")}, {"AllocationId", allocation}});
    }
    if (auto ip = m.value("PrivateIPv4Address", ""); !ip.empty()) {
      if (type != "network" || scheme != "internal")
        invalid("Private IPv4 addresses can be assigned only to internal Network Load Balancers");
      auto cidr = ec2::parse_cidr4(subnet->value("CidrBlock", ""));
      auto addr = ec2::parse_cidr4(ip + "/32");
      if (!cidr || !addr || !cidr->contains(*addr))
        invalid(fmt::format("The private IPv4 address '{}' is not in the range of subnet '{}'", ip,
                            id));
      addresses.push_back({{"PrivateIPv4Address", ip}});
    }
    out.zones.push_back(
        {{"ZoneName", zone}, {"SubnetId", id}, {"LoadBalancerAddresses", addresses}});
  }
  if (type == "application" && zones.size() < 2)
    invalid("At least two subnets in two different Availability Zones must be specified");
  std::sort(out.zones.begin(), out.zones.end(), [](const Json &a, const Json &b) {
    return a.value("ZoneName", "") < b.value("ZoneName", "");
  });
  return out;
}

Json security_groups(Context &c, const Json &input, const std::string &type,
                     const std::string &vpc_id, bool default_when_absent) {
  auto groups = strings(input, "SecurityGroups");
  bool given = input.contains("SecurityGroups") && !input["SecurityGroups"].is_null();
  if (given && type == "gateway")
    invalid("Security groups are not supported for load balancers with type 'gateway'");
  if (groups.size() > 5)
    invalid("A load balancer can have at most 5 security groups");
  Json out = Json::array();
  for (const auto &id : groups) {
    auto group = ec2::find(c, "security-group", id);
    if (!group)
      fail("InvalidSecurityGroup", fmt::format("The security group '{}' does not exist", id));
    if (group->value("VpcId", "") != vpc_id)
      fail("InvalidSecurityGroup",
           fmt::format("The security group '{}' is not in the load balancer's VPC '{}'", id,
                       vpc_id));
    if (std::find(out.begin(), out.end(), id) == out.end())
      out.push_back(id);
  }
  if (out.empty() && !given && default_when_absent)
    for (const auto &g : ec2::all(c, "security-group"))
      if (g.value("VpcId", "") == vpc_id && g.value("GroupName", "") == "default")
        out.push_back(g.value("GroupId", ""));
  return out;
}

void check_ip_address_type(Context &c, const std::string &ip_type, const std::string &type,
                           const std::string &scheme, const Json &zones) {
  if (ip_type != "ipv4" && ip_type != "dualstack" && ip_type != "dualstack-without-public-ipv4")
    invalid(fmt::format("1 validation error detected: Value '{}' at 'ipAddressType' failed to "
                        "satisfy constraint: Member must satisfy enum value set: [ipv4, "
                        "dualstack, dualstack-without-public-ipv4]",
                        ip_type));
  if (ip_type == "dualstack-without-public-ipv4" && (type != "application" || scheme == "internal"))
    invalid("The IP address type 'dualstack-without-public-ipv4' is supported only for "
            "internet-facing Application Load Balancers");
  if (ip_type != "ipv4")
    for (const auto &z : zones) {
      auto subnet = ec2::find(c, "subnet", z.value("SubnetId", ""));
      if (!subnet || subnet->value("Ipv6CidrBlockAssociationSet", Json::array()).empty())
        fail("InvalidSubnet",
             fmt::format("Subnet '{}' has no IPv6 CIDR block: a dualstack load balancer needs "
                         "subnets with an associated IPv6 CIDR block",
                         z.value("SubnetId", "")));
    }
}

// ---- operations ----------------------------------------------------------------------------

Json create_load_balancer(Context &c, const Json &input) {
  std::string name = required(input, "Name");
  check_name("Load balancer", name);
  if (name.starts_with("internal-"))
    invalid(fmt::format("Load balancer name '{}' cannot begin with 'internal-'", name));
  std::string type = optional_string(input, "Type").value_or("application");
  if (type != "application" && type != "network" && type != "gateway")
    invalid(fmt::format("1 validation error detected: Value '{}' at 'type' failed to satisfy "
                        "constraint: Member must satisfy enum value set: [application, network, "
                        "gateway]",
                        type));
  std::string scheme = optional_string(input, "Scheme").value_or("internet-facing");
  if (scheme != "internet-facing" && scheme != "internal")
    invalid(fmt::format("1 validation error detected: Value '{}' at 'scheme' failed to satisfy "
                        "constraint: Member must satisfy enum value set: [internet-facing, "
                        "internal]",
                        scheme));
  if (type == "gateway" && input.contains("Scheme") && !input["Scheme"].is_null())
    invalid("A scheme cannot be specified for load balancers of type 'gateway'");
  Placement where = placement(c, input, type, scheme);
  Json groups = security_groups(c, input, type, where.vpc_id, type == "application");
  std::string ip_type = optional_string(input, "IpAddressType").value_or("ipv4");
  check_ip_address_type(c, ip_type, type, scheme, where.zones);

  for (const auto &existing : all(c, "load-balancer"))
    if (existing.value("LoadBalancerName", "") == name) {
      bool same = existing.value("Type", "") == type &&
                  existing.value("Scheme", scheme) == scheme &&
                  existing.value("AvailabilityZones", Json::array()) == where.zones &&
                  existing.value("SecurityGroups", Json::array()) == groups;
      if (!same)
        fail("DuplicateLoadBalancerName",
             fmt::format("A load balancer with the same name '{}' exists, but with different "
                         "settings",
                         name));
      return {{"LoadBalancers", {shown(existing)}}};
    }

  std::string arn =
      arn_of(c, fmt::format("loadbalancer/{}/{}/{}", type_code(type), name, new_id()));
  Json lb = {{"LoadBalancerArn", arn},           {"CreatedTime", state::now_iso8601()},
             {"LoadBalancerName", name},         {"VpcId", where.vpc_id},
             {"State", {{"Code", "active"}}},    {"Type", type},
             {"AvailabilityZones", where.zones}, {"IpAddressType", ip_type}};
  if (type != "gateway") {
    lb["DNSName"] = dns_name(c, type, scheme, name);
    lb["CanonicalHostedZoneId"] = hosted_zone_id(c, type);
    lb["Scheme"] = scheme;
  }
  if (!groups.empty())
    lb["SecurityGroups"] = groups;
  Json attributes = Json::object();
  for (const auto &[k, v] : default_attributes(type))
    attributes[k] = v;
  if (type == "network" && (scheme == "internal" || ip_type != "ipv4"))
    attributes["ipv6.deny_all_igw_traffic"] = scheme == "internal" ? "true" : "false";
  lb["_Attributes"] = attributes;
  add_tags(c, arn, input.value("Tags", Json()));
  save(c, "load-balancer", arn, lb);
  Json out = shown(lb);
  // Creation returns while the load balancer is provisioning; it is active from then on.
  out["State"] = {{"Code", "provisioning"}};
  return {{"LoadBalancers", {out}}};
}

Json describe_load_balancers(Context &c, const Json &input) {
  auto arns = strings(input, "LoadBalancerArns");
  auto names = strings(input, "Names");
  if (!arns.empty() && !names.empty())
    invalid("Load balancer names and load balancer ARNs cannot be specified at the same time");
  std::vector<Json> items;
  if (!arns.empty()) {
    for (const auto &arn : arns)
      items.push_back(shown(load(c, "load-balancer", arn)));
  } else {
    auto every = all(c, "load-balancer");
    if (!names.empty()) {
      for (const auto &name : names) {
        auto it = std::find_if(every.begin(), every.end(), [&](const Json &lb) {
          return lb.value("LoadBalancerName", "") == name;
        });
        if (it == every.end())
          fail("LoadBalancerNotFound", fmt::format("Load balancers '[{}]' not found", name));
        items.push_back(shown(*it));
      }
    } else {
      for (const auto &lb : every)
        items.push_back(shown(lb));
    }
  }
  Json out = Json::object();
  out["LoadBalancers"] = page(input, items, out);
  return out;
}

Json delete_load_balancer(Context &c, const Json &input) {
  std::string arn = required(input, "LoadBalancerArn");
  auto lb = find(c, "load-balancer", arn);
  if (!lb) // "If the load balancer does not exist or has already been deleted, the call succeeds."
    return Json::object();
  if ((*lb)["_Attributes"].value("deletion_protection.enabled", "false") == "true")
    fail("OperationNotPermitted",
         fmt::format("Load balancer '{}' cannot be deleted because deletion protection is enabled",
                     arn));
  for (const auto &l : all(c, "listener")) {
    if (l.value("LoadBalancerArn", "") != arn)
      continue;
    std::string listener = l.value("ListenerArn", "");
    for (const auto &r : all(c, "rule"))
      if (r.value("_ListenerArn", "") == listener)
        erase(c, "rule", r.value("RuleArn", ""));
    erase(c, "listener", listener);
  }
  erase(c, "load-balancer", arn);
  return Json::object();
}

Json describe_attributes(Context &c, const Json &input) {
  Json lb = load(c, "load-balancer", required(input, "LoadBalancerArn"));
  return {{"Attributes", attribute_list(lb)}};
}

Json modify_attributes(Context &c, const Json &input) {
  std::string arn = required(input, "LoadBalancerArn");
  Json lb = load(c, "load-balancer", arn);
  Json attributes = input.value("Attributes", Json::array());
  if (!attributes.is_array() || attributes.empty())
    invalid("At least one attribute must be specified");
  if (attributes.size() > 20)
    invalid("At most 20 attributes can be specified");
  Json &current = lb["_Attributes"];
  for (const auto &a : attributes) {
    std::string key = a.value("Key", "");
    std::string value =
        a.contains("Value") && a["Value"].is_string() ? a["Value"].get<std::string>() : "";
    if (!current.contains(key))
      invalid(fmt::format("Load balancer attribute key '{}' is not recognized", key));
    check_attribute(key, value);
    current[key] = value;
  }
  for (const char *logs : {"access_logs", "connection_logs"}) {
    std::string enabled = fmt::format("{}.s3.enabled", logs);
    if (current.value(enabled, "false") == "true" &&
        current.value(fmt::format("{}.s3.bucket", logs), "").empty())
      invalid(fmt::format("The value of '{}.s3.bucket' cannot be empty when '{}' is true", logs,
                          enabled));
  }
  save(c, "load-balancer", arn, lb);
  return {{"Attributes", attribute_list(lb)}};
}

Json set_security_groups(Context &c, const Json &input) {
  std::string arn = required(input, "LoadBalancerArn");
  Json lb = load(c, "load-balancer", arn);
  std::string type = lb.value("Type", "");
  Json in = input;
  if (!in.contains("SecurityGroups"))
    in["SecurityGroups"] = Json::array();
  Json groups = security_groups(c, in, type, lb.value("VpcId", ""), false);
  if (type == "network" && !lb.contains("SecurityGroups") && !groups.empty())
    fail("InvalidConfigurationRequest", "You cannot add security groups to a Network Load "
                                        "Balancer that was created without security groups");
  if (type == "application" && groups.empty())
    invalid("An Application Load Balancer must have at least one security group");
  lb["SecurityGroups"] = groups;
  save(c, "load-balancer", arn, lb);
  return {{"SecurityGroupIds", groups}};
}

Json set_subnets(Context &c, const Json &input) {
  std::string arn = required(input, "LoadBalancerArn");
  Json lb = load(c, "load-balancer", arn);
  std::string type = lb.value("Type", "");
  Placement where = placement(c, input, type, lb.value("Scheme", "internet-facing"));
  if (where.vpc_id != lb.value("VpcId", ""))
    fail("InvalidSubnet",
         fmt::format("The subnets must be in the load balancer's VPC '{}'", lb.value("VpcId", "")));
  std::string ip_type = optional_string(input, "IpAddressType")
                            .value_or(lb.value("IpAddressType", std::string("ipv4")));
  check_ip_address_type(c, ip_type, type, lb.value("Scheme", ""), where.zones);
  lb["AvailabilityZones"] = where.zones;
  lb["IpAddressType"] = ip_type;
  save(c, "load-balancer", arn, lb);
  return {{"AvailabilityZones", where.zones}, {"IpAddressType", ip_type}};
}

Json set_ip_address_type(Context &c, const Json &input) {
  std::string arn = required(input, "LoadBalancerArn");
  Json lb = load(c, "load-balancer", arn);
  std::string ip_type = required(input, "IpAddressType");
  check_ip_address_type(c, ip_type, lb.value("Type", ""), lb.value("Scheme", ""),
                        lb["AvailabilityZones"]);
  lb["IpAddressType"] = ip_type;
  save(c, "load-balancer", arn, lb);
  return {{"IpAddressType", ip_type}};
}

} // namespace

const HandlerTable &load_balancer_handlers() {
  static const HandlerTable table = {
      {"CreateLoadBalancer", create_load_balancer},
      {"DescribeLoadBalancers", describe_load_balancers},
      {"DeleteLoadBalancer", delete_load_balancer},
      {"DescribeLoadBalancerAttributes", describe_attributes},
      {"ModifyLoadBalancerAttributes", modify_attributes},
      {"SetSecurityGroups", set_security_groups},
      {"SetSubnets", set_subnets},
      {"SetIpAddressType", set_ip_address_type},
  };
  return table;
}

} // namespace cfnlocal::services::embedded::elbv2
