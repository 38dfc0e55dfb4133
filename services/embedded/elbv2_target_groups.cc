// Target groups of the embedded Elastic Load Balancing v2: CreateTargetGroup,
// DescribeTargetGroups, ModifyTargetGroup, DeleteTargetGroup, Describe/ModifyTargetGroupAttributes,
// RegisterTargets, DeregisterTargets, DescribeTargetHealth. Protocol, port and VPC rules per
// target type, and the health check defaults each protocol gets ("Target groups for your
// Application Load Balancers", "... Network Load Balancers", "... Gateway Load Balancers").
// No health check runs locally: a registered target of a group that a load balancer uses is
// "healthy", of a group no load balancer uses "unused" (Target.NotInUse), and "unavailable"
// when the group's health checks are disabled, as ELB reports those cases.
#include "services/embedded/ec2_common.h"
#include "services/embedded/elbv2_common.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

namespace cfnlocal::services::embedded::elbv2 {
namespace {

bool http_like(const std::string &protocol) { return protocol == "HTTP" || protocol == "HTTPS"; }

void check_enum(std::string_view member, const std::string &value,
                std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed)
    if (value == a)
      return;
  std::string list;
  for (auto a : allowed)
    list += (list.empty() ? "" : ", ") + std::string(a);
  invalid(fmt::format("1 validation error detected: Value '{}' at '{}' failed to satisfy "
                      "constraint: Member must satisfy enum value set: [{}]",
                      value, lower_camel(member), list));
}

// ---- attributes ------------------------------------------------------------------------------

std::map<std::string, std::string> default_attributes(const Json &group) {
  std::string protocol = group.value("Protocol", "");
  std::string target_type = group.value("TargetType", "instance");
  std::map<std::string, std::string> health = {
      {"target_group_health.dns_failover.minimum_healthy_targets.count", "1"},
      {"target_group_health.dns_failover.minimum_healthy_targets.percentage", "off"},
      {"target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1"},
      {"target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off"},
  };
  if (target_type == "lambda")
    return {{"lambda.multi_value_headers.enabled", "false"}};
  if (protocol == "GENEVE")
    return {{"deregistration_delay.timeout_seconds", "300"},
            {"stickiness.enabled", "false"},
            {"stickiness.type", "source_ip_dest_ip_proto"},
            {"target_failover.on_deregistration", "no_rebalance"},
            {"target_failover.on_unhealthy", "no_rebalance"}};
  std::map<std::string, std::string> out = health;
  out["deregistration_delay.timeout_seconds"] = "300";
  out["load_balancing.cross_zone.enabled"] = "use_load_balancer_configuration";
  out["stickiness.enabled"] = "false";
  if (http_like(protocol)) {
    out["load_balancing.algorithm.type"] = "round_robin";
    out["load_balancing.algorithm.anomaly_mitigation"] = "off";
    out["slow_start.duration_seconds"] = "0";
    out["stickiness.type"] = "lb_cookie";
    out["stickiness.lb_cookie.duration_seconds"] = "86400";
    out["stickiness.app_cookie.cookie_name"] = "";
    out["stickiness.app_cookie.duration_seconds"] = "86400";
    return out;
  }
  out["deregistration_delay.connection_termination.enabled"] = "false";
  // Client IPs are preserved for instance targets and for UDP; not for IP targets over TCP/TLS.
  bool preserve = target_type == "instance" || protocol == "UDP" || protocol == "TCP_UDP";
  out["preserve_client_ip.enabled"] = preserve ? "true" : "false";
  out["proxy_protocol_v2.enabled"] = "false";
  out["stickiness.type"] = "source_ip";
  out["target_health_state.unhealthy.connection_termination.enabled"] = "true";
  out["target_health_state.unhealthy.draining_interval_seconds"] = "0";
  return out;
}

void check_attribute(const Json &group, const std::string &key, const std::string &value) {
  auto bad = [&] {
    invalid(fmt::format("Target group attribute '{}' cannot have the value '{}'", key, value));
  };
  auto number = [&](long min, long max) {
    try {
      size_t used = 0;
      long n = std::stol(value, &used);
      if (used == value.size() && n >= min && n <= max)
        return n;
    } catch (const std::exception &) {
    }
    bad();
    return 0L;
  };
  std::string protocol = group.value("Protocol", "");
  if (key.ends_with(".enabled") && key != "load_balancing.cross_zone.enabled") {
    if (value != "true" && value != "false")
      bad();
  } else if (key == "deregistration_delay.timeout_seconds") {
    number(0, 3600);
  } else if (key == "slow_start.duration_seconds") {
    long n = number(0, 900);
    if (n != 0 && n < 30)
      bad();
  } else if (key.ends_with("duration_seconds") && key.starts_with("stickiness.")) {
    number(1, 604800);
  } else if (key == "stickiness.type") {
    bool ok = http_like(protocol) ? (value == "lb_cookie" || value == "app_cookie")
              : protocol == "GENEVE"
                  ? (value == "source_ip_dest_ip" || value == "source_ip_dest_ip_proto")
                  : value == "source_ip";
    if (!ok)
      bad();
  } else if (key == "load_balancing.algorithm.type") {
    if (value != "round_robin" && value != "least_outstanding_requests" &&
        value != "weighted_random")
      bad();
  } else if (key == "load_balancing.cross_zone.enabled") {
    if (value != "true" && value != "false" && value != "use_load_balancer_configuration")
      bad();
  }
}

Json attribute_list(const Json &group) {
  Json out = Json::array();
  Json attributes = group.value("_Attributes", Json::object());
  for (const auto &[k, v] : attributes.items())
    out.push_back({{"Key", k}, {"Value", v}});
  return out;
}

// ---- health checks ---------------------------------------------------------------------------

// Fills and checks the health check members of `group` from `input` (all of them on create,
// the given ones on modify).
void apply_health_check(Json &group, const Json &input, bool creating) {
  std::string protocol = group.value("Protocol", "");
  std::string target_type = group.value("TargetType", "instance");
  bool lambda = target_type == "lambda";
  bool alb_protocol = http_like(protocol);
  if (auto enabled = input.find("HealthCheckEnabled");
      enabled != input.end() && !enabled->is_null())
    group["HealthCheckEnabled"] = optional_bool(input, "HealthCheckEnabled");
  else if (creating)
    group["HealthCheckEnabled"] = !lambda;

  if (!lambda) {
    std::string hc_protocol = optional_string(input, "HealthCheckProtocol")
                                  .value_or(group.value("HealthCheckProtocol", ""));
    if (hc_protocol.empty())
      hc_protocol = alb_protocol ? protocol : "TCP";
    if (alb_protocol)
      check_enum("HealthCheckProtocol", hc_protocol, {"HTTP", "HTTPS"});
    else
      check_enum("HealthCheckProtocol", hc_protocol, {"TCP", "HTTP", "HTTPS"});
    group["HealthCheckProtocol"] = hc_protocol;
    std::string port =
        optional_string(input, "HealthCheckPort").value_or(group.value("HealthCheckPort", ""));
    if (input.contains("HealthCheckPort") && input["HealthCheckPort"].is_number())
      port = std::to_string(input["HealthCheckPort"].get<int64_t>());
    if (port.empty())
      port = protocol == "GENEVE" ? "80" : "traffic-port";
    if (port != "traffic-port") {
      int n = 0;
      try {
        n = std::stoi(port);
      } catch (const std::exception &) {
      }
      if (n < 1 || n > 65535 || std::to_string(n) != port)
        invalid(fmt::format("Health check port '{}' must be 'traffic-port' or a number from 1 to "
                            "65535",
                            port));
    }
    group["HealthCheckPort"] = port;
  }
  std::string hc_protocol = group.value("HealthCheckProtocol", "HTTP");
  bool http_check = lambda || http_like(hc_protocol);
  bool grpc = group.value("ProtocolVersion", "") == "GRPC";

  if (auto path = optional_string(input, "HealthCheckPath")) {
    if (!http_check)
      invalid(fmt::format("Health check path is not supported for health checks with the "
                          "protocol '{}'",
                          hc_protocol));
    if (path->empty() || path->front() != '/' || path->size() > 1024)
      invalid(fmt::format("Health check path '{}' must begin with a '/' and have at most 1024 "
                          "characters",
                          *path));
    group["HealthCheckPath"] = *path;
  } else if (http_check && !group.contains("HealthCheckPath")) {
    group["HealthCheckPath"] = grpc ? "/AWS.ALB/healthcheck" : "/";
  } else if (!http_check) {
    group.erase("HealthCheckPath");
  }

  // Defaults: ALB 30 s / 5 s, lambda 35 s / 30 s, NLB 30 s / 6 s (HTTP) or 10 s (TCP, HTTPS),
  // GWLB 10 s / 5 s; thresholds 5 healthy, 2 unhealthy.
  int64_t interval_default = lambda ? 35 : protocol == "GENEVE" ? 10 : 30;
  int64_t timeout_default = lambda                  ? 30
                            : alb_protocol          ? 5
                            : protocol == "GENEVE"  ? 5
                            : hc_protocol == "HTTP" ? 6
                                                    : 10;
  auto set_number = [&](const char *member, int64_t min, int64_t max, int64_t fallback) {
    if (auto v = bounded_int(input, member, min, max))
      group[member] = *v;
    else if (!group.contains(member))
      group[member] = fallback;
  };
  set_number("HealthCheckIntervalSeconds", 5, 300, interval_default);
  set_number("HealthCheckTimeoutSeconds", 2, 120, timeout_default);
  set_number("HealthyThresholdCount", 2, 10, 5);
  set_number("UnhealthyThresholdCount", 2, 10, 2);
  if (group["HealthCheckTimeoutSeconds"].get<int64_t>() >=
      group["HealthCheckIntervalSeconds"].get<int64_t>())
    invalid("Health check interval must be greater than the timeout.");

  if (input.contains("Matcher") && input["Matcher"].is_object()) {
    if (!http_check)
      invalid(fmt::format("Health check matcher is not supported for health checks with the "
                          "protocol '{}'",
                          hc_protocol));
    const Json &m = input["Matcher"];
    Json matcher = Json::object();
    static const RE2 kCodes("^\\d{1,3}(-\\d{1,3})?(,\\d{1,3}(-\\d{1,3})?)*$");
    if (m.contains("HttpCode") && m["HttpCode"].is_string()) {
      if (grpc || !RE2::FullMatch(m["HttpCode"].get<std::string>(), kCodes))
        invalid(fmt::format("Health check matcher HTTP code '{}' is not valid",
                            m["HttpCode"].get<std::string>()));
      matcher["HttpCode"] = m["HttpCode"];
    }
    if (m.contains("GrpcCode") && m["GrpcCode"].is_string()) {
      if (!grpc || !RE2::FullMatch(m["GrpcCode"].get<std::string>(), kCodes))
        invalid(fmt::format("Health check matcher gRPC code '{}' is not valid",
                            m["GrpcCode"].get<std::string>()));
      matcher["GrpcCode"] = m["GrpcCode"];
    }
    if (matcher.empty())
      invalid("A health check matcher must have an HttpCode or a GrpcCode");
    group["Matcher"] = matcher;
  } else if (http_check && !group.contains("Matcher")) {
    group["Matcher"] = grpc                     ? Json{{"GrpcCode", "12"}}
                       : alb_protocol || lambda ? Json{{"HttpCode", "200"}}
                                                : Json{{"HttpCode", "200-399"}};
  } else if (!http_check) {
    group.erase("Matcher");
  }
}

// ---- operations ----------------------------------------------------------------------------

Json described(Context &c, const Json &group) {
  Json out = shown(group);
  Json lbs = Json::array();
  for (const auto &arn : load_balancers_of_group(c, group.value("TargetGroupArn", "")))
    lbs.push_back(arn);
  out["LoadBalancerArns"] = lbs;
  return out;
}

Json create_target_group(Context &c, const Json &input) {
  std::string name = required(input, "Name");
  check_name("Target group", name);
  std::string target_type = optional_string(input, "TargetType").value_or("instance");
  check_enum("TargetType", target_type, {"instance", "ip", "lambda", "alb"});
  Json group = {{"TargetGroupName", name}, {"TargetType", target_type}};
  if (target_type == "lambda") {
    for (const char *member : {"Protocol", "Port", "VpcId", "ProtocolVersion"})
      if (input.contains(member) && !input[member].is_null())
        invalid(fmt::format("A {} cannot be specified for target groups with target type "
                            "'lambda'",
                            lower_camel(member)));
  } else {
    auto protocol = optional_string(input, "Protocol");
    if (!protocol)
      invalid("A protocol must be specified");
    check_enum("Protocol", *protocol, {"HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE"});
    auto port = bounded_int(input, "Port", 1, 65535);
    if (!port)
      invalid("A port must be specified");
    std::string vpc_id = required(input, "VpcId");
    ec2::ensure_default_vpc(c);
    if (!ec2::find(c, "vpc", vpc_id))
      invalid(fmt::format("The VPC ID '{}' is not found", vpc_id));
    if (*protocol == "GENEVE" && *port != 6081)
      invalid("Target groups with the GENEVE protocol must use port 6081");
    if (target_type == "alb" && *protocol != "TCP")
      invalid("Target groups with target type 'alb' must use the TCP protocol");
    group["Protocol"] = *protocol;
    group["Port"] = *port;
    group["VpcId"] = vpc_id;
    if (http_like(*protocol)) {
      std::string version = optional_string(input, "ProtocolVersion").value_or("HTTP1");
      check_enum("ProtocolVersion", version, {"HTTP1", "HTTP2", "GRPC"});
      group["ProtocolVersion"] = version;
    } else if (input.contains("ProtocolVersion") && !input["ProtocolVersion"].is_null()) {
      invalid(fmt::format("A protocol version can be specified only for HTTP and HTTPS target "
                          "groups, not '{}'",
                          *protocol));
    }
    std::string ip_type = optional_string(input, "IpAddressType").value_or("ipv4");
    check_enum("IpAddressType", ip_type, {"ipv4", "ipv6"});
    group["IpAddressType"] = ip_type;
  }
  apply_health_check(group, input, true);

  for (const auto &existing : all(c, "target-group"))
    if (existing.value("TargetGroupName", "") == name) {
      Json a = shown(existing), b = group;
      a.erase("TargetGroupArn");
      if (a != b)
        fail("DuplicateTargetGroupName",
             fmt::format("A target group with the same name '{}' exists, but with different "
                         "settings",
                         name));
      return {{"TargetGroups", {described(c, existing)}}};
    }

  std::string arn = arn_of(c, fmt::format("targetgroup/{}/{}", name, new_id()));
  group["TargetGroupArn"] = arn;
  Json attributes = Json::object();
  for (const auto &[k, v] : default_attributes(group))
    attributes[k] = v;
  group["_Attributes"] = attributes;
  group["_Targets"] = Json::array();
  add_tags(c, arn, input.value("Tags", Json()));
  save(c, "target-group", arn, group);
  return {{"TargetGroups", {described(c, group)}}};
}

Json describe_target_groups(Context &c, const Json &input) {
  auto arns = strings(input, "TargetGroupArns");
  auto names = strings(input, "Names");
  auto lb = optional_string(input, "LoadBalancerArn");
  if (int(!arns.empty()) + int(!names.empty()) + int(lb.has_value()) > 1)
    invalid("Only one of load balancer ARN, target group ARNs and target group names can be "
            "specified");
  std::vector<Json> items;
  if (!arns.empty()) {
    for (const auto &arn : arns)
      items.push_back(described(c, load(c, "target-group", arn)));
  } else {
    if (lb)
      load(c, "load-balancer", *lb);
    auto every = all(c, "target-group");
    for (const auto &name : names)
      if (std::none_of(every.begin(), every.end(),
                       [&](const Json &g) { return g.value("TargetGroupName", "") == name; }))
        fail("TargetGroupNotFound", fmt::format("Target groups '[{}]' not found", name));
    for (const auto &g : every) {
      if (!names.empty() &&
          std::find(names.begin(), names.end(), g.value("TargetGroupName", "")) == names.end())
        continue;
      Json d = described(c, g);
      if (lb && std::find(d["LoadBalancerArns"].begin(), d["LoadBalancerArns"].end(), *lb) ==
                    d["LoadBalancerArns"].end())
        continue;
      items.push_back(d);
    }
  }
  Json out = Json::object();
  out["TargetGroups"] = page(input, items, out);
  return out;
}

Json modify_target_group(Context &c, const Json &input) {
  std::string arn = required(input, "TargetGroupArn");
  Json group = load(c, "target-group", arn);
  if (input.contains("HealthCheckProtocol") && !input["HealthCheckProtocol"].is_null() &&
      input["HealthCheckProtocol"] != group.value("HealthCheckProtocol", "")) {
    // A new protocol brings that protocol's path, matcher and timeout defaults.
    group.erase("HealthCheckPath");
    group.erase("Matcher");
  }
  apply_health_check(group, input, false);
  save(c, "target-group", arn, group);
  return {{"TargetGroups", {described(c, group)}}};
}

Json delete_target_group(Context &c, const Json &input) {
  std::string arn = required(input, "TargetGroupArn");
  if (!find(c, "target-group", arn))
    return Json::object();
  if (!load_balancers_of_group(c, arn).empty())
    fail("ResourceInUse",
         fmt::format("Target group '{}' is currently in use by a listener or a rule", arn));
  erase(c, "target-group", arn);
  return Json::object();
}

Json describe_attributes(Context &c, const Json &input) {
  return {
      {"Attributes", attribute_list(load(c, "target-group", required(input, "TargetGroupArn")))}};
}

Json modify_attributes(Context &c, const Json &input) {
  std::string arn = required(input, "TargetGroupArn");
  Json group = load(c, "target-group", arn);
  Json attributes = input.value("Attributes", Json::array());
  if (!attributes.is_array() || attributes.empty())
    invalid("At least one attribute must be specified");
  Json &current = group["_Attributes"];
  for (const auto &a : attributes) {
    std::string key = a.value("Key", "");
    std::string value =
        a.contains("Value") && a["Value"].is_string() ? a["Value"].get<std::string>() : "";
    if (!current.contains(key))
      invalid(fmt::format("Target group attribute key '{}' is not recognized", key));
    check_attribute(group, key, value);
    current[key] = value;
  }
  save(c, "target-group", arn, group);
  return {{"Attributes", attribute_list(group)}};
}

// The targets of an input, with ports filled from the group and ids checked for its type.
Json checked_targets(Context &c, const Json &group, const Json &input, bool registering) {
  Json targets = input.value("Targets", Json::array());
  if (!targets.is_array() || targets.empty())
    invalid("At least one target must be specified");
  std::string type = group.value("TargetType", "instance");
  Json out = Json::array();
  for (const auto &t : targets) {
    std::string id = t.value("Id", "");
    Json target = {{"Id", id}};
    if (type == "lambda") {
      static const RE2 kFunction("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[^:]+(:.+)?$");
      if (!RE2::FullMatch(id, kFunction))
        fail("InvalidTarget", fmt::format("The target '{}' is not a Lambda function ARN", id));
      if (t.contains("Port"))
        invalid("A port cannot be specified for Lambda targets");
      if (registering && (targets.size() > 1 || !group["_Targets"].empty()))
        fail("TooManyTargets", "A target group with target type 'lambda' can have only one "
                               "target");
      out.push_back(target);
      continue;
    }
    auto port = bounded_int(t, "Port", 1, 65535);
    target["Port"] = port ? *port : group.value("Port", int64_t{0});
    if (registering) {
      if (type == "instance") {
        static const RE2 kInstance("^i-([0-9a-f]{8}|[0-9a-f]{17})$");
        if (!RE2::FullMatch(id, kInstance))
          fail("InvalidTarget", fmt::format("The following targets are not valid instances: "
                                            "'{}'",
                                            id));
      } else if (type == "ip") {
        auto address = ec2::parse_cidr4(id + "/32");
        if (!address)
          fail("InvalidTarget", fmt::format("The IP address '{}' is not a valid IPv4 address", id));
        std::string zone = t.value("AvailabilityZone", "");
        bool inside = false;
        if (auto vpc = ec2::find(c, "vpc", group.value("VpcId", "")))
          for (const auto &a : vpc->value("CidrBlockAssociationSet", Json::array()))
            if (auto block = ec2::parse_cidr4(a.value("CidrBlock", "")))
              inside = inside || block->contains(*address);
        if (!inside && zone != "all")
          fail("InvalidTarget",
               fmt::format("The IP address '{}' is not within the CIDR blocks of VPC '{}': "
                           "targets outside the VPC need AvailabilityZone 'all'",
                           id, group.value("VpcId", "")));
        if (!zone.empty())
          target["AvailabilityZone"] = zone;
      } else if (type == "alb") {
        auto lb = find(c, "load-balancer", id);
        if (!lb || lb->value("Type", "") != "application")
          fail("InvalidTarget",
               fmt::format("The target '{}' is not an Application Load Balancer", id));
        if (target["Port"] != group["Port"])
          fail("InvalidTarget", "The port of an Application Load Balancer target must be the "
                                "target group's port");
      }
    }
    out.push_back(target);
  }
  return out;
}

Json register_targets(Context &c, const Json &input) {
  std::string arn = required(input, "TargetGroupArn");
  Json group = load(c, "target-group", arn);
  Json &current = group["_Targets"];
  for (const auto &t : checked_targets(c, group, input, true))
    if (std::find(current.begin(), current.end(), t) == current.end())
      current.push_back(t);
  if (current.size() > 1000)
    fail("TooManyTargets", "You've reached the limit on the number of targets");
  save(c, "target-group", arn, group);
  return Json::object();
}

Json deregister_targets(Context &c, const Json &input) {
  std::string arn = required(input, "TargetGroupArn");
  Json group = load(c, "target-group", arn);
  Json &current = group["_Targets"];
  for (const auto &t : checked_targets(c, group, input, false)) {
    auto it = std::find_if(current.begin(), current.end(), [&](const Json &r) {
      return r["Id"] == t["Id"] && (!t.contains("Port") || r.value("Port", Json()) == t["Port"]);
    });
    if (it == current.end())
      fail("InvalidTarget", fmt::format("The following targets are not registered in target "
                                        "group '{}': '{}'",
                                        arn, t.value("Id", "")));
    current.erase(it);
  }
  save(c, "target-group", arn, group);
  return Json::object();
}

Json describe_target_health(Context &c, const Json &input) {
  std::string arn = required(input, "TargetGroupArn");
  Json group = load(c, "target-group", arn);
  Json wanted =
      input.contains("Targets") && input["Targets"].is_array() && !input["Targets"].empty()
          ? checked_targets(c, group, input, false)
          : group["_Targets"];
  bool in_use = !load_balancers_of_group(c, arn).empty();
  bool checks = group.value("HealthCheckEnabled", true);
  Json out = Json::array();
  for (const auto &t : wanted) {
    auto registered =
        std::find_if(group["_Targets"].begin(), group["_Targets"].end(), [&](const Json &r) {
          return r["Id"] == t["Id"] &&
                 (!t.contains("Port") || r.value("Port", Json()) == t["Port"]);
        });
    Json health;
    if (registered == group["_Targets"].end())
      health = {{"State", "unused"},
                {"Reason", "Target.NotRegistered"},
                {"Description", "Target is not registered to the target group"}};
    else if (!in_use)
      health = {{"State", "unused"},
                {"Reason", "Target.NotInUse"},
                {"Description", "Target group is not configured to receive traffic from the load "
                                "balancer"}};
    else if (!checks)
      health = {{"State", "unavailable"},
                {"Reason", "Target.HealthCheckDisabled"},
                {"Description", "Health checks are disabled"}};
    else
      health = {{"State", "healthy"}};
    Json item = {{"Target", registered == group["_Targets"].end() ? t : *registered},
                 {"TargetHealth", health}};
    if (t.contains("Port")) {
      std::string port = group.value("HealthCheckPort", "traffic-port");
      item["HealthCheckPort"] =
          port == "traffic-port" ? std::to_string(t["Port"].get<int64_t>()) : port;
    }
    out.push_back(item);
  }
  return {{"TargetHealthDescriptions", out}};
}

} // namespace

const HandlerTable &target_group_handlers() {
  static const HandlerTable table = {
      {"CreateTargetGroup", create_target_group},
      {"DescribeTargetGroups", describe_target_groups},
      {"ModifyTargetGroup", modify_target_group},
      {"DeleteTargetGroup", delete_target_group},
      {"DescribeTargetGroupAttributes", describe_attributes},
      {"ModifyTargetGroupAttributes", modify_attributes},
      {"RegisterTargets", register_targets},
      {"DeregisterTargets", deregister_targets},
      {"DescribeTargetHealth", describe_target_health},
  };
  return table;
}

} // namespace cfnlocal::services::embedded::elbv2
