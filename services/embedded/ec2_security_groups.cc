// Security groups and their rules (Amazon EC2 API Reference: CreateSecurityGroup,
// DescribeSecurityGroups, DeleteSecurityGroup, AuthorizeSecurityGroupIngress/Egress,
// RevokeSecurityGroupIngress/Egress, DescribeSecurityGroupRules,
// UpdateSecurityGroupRuleDescriptionsIngress/Egress).
//
// A group keeps its rules one by one ("_Rules": one protocol, port range and peer each, with
// its sgr- id), as EC2's security group rules are; IpPermissions are those rules grouped by
// protocol and ports. Enforced as EC2 does: names unique per VPC (InvalidGroup.Duplicate),
// "default" reserved, groups without VpcId in the default VPC, protocols and port ranges,
// referenced groups that exist (InvalidGroup.NotFound), duplicate rules
// (InvalidPermission.Duplicate), unknown rules on revoke (InvalidPermission.NotFound), the
// default group undeletable and groups other groups' rules reference (DependencyViolation).
#include "services/embedded/ec2_common.h"

#include <fmt/format.h>

#include <functional>
#include <map>
#include <tuple>

namespace cfnlocal::services::embedded::ec2 {
namespace {

std::string default_vpc_id(Context &c) {
  auto marker = c.store.get_record(kService, "default-vpc", c.region);
  std::string id = marker ? marker->value("VpcId", "") : "";
  if (id.empty() || !find(c, "vpc", id))
    fail("VPCIdNotSpecified", "No default VPC for this user");
  return id;
}

std::optional<Json> group_named(Context &c, const std::string &vpc_id, const std::string &name) {
  for (auto &g : all(c, "security-group"))
    if (g.value("VpcId", "") == vpc_id && g.value("GroupName", "") == name)
      return g;
  return std::nullopt;
}

// The group an operation names by GroupId, or by GroupName in the default VPC.
Json target_group(Context &c, const Json &input) {
  if (auto id = optional_string(input, "GroupId"))
    return load(c, "security-group", *id);
  if (auto name = optional_string(input, "GroupName")) {
    if (auto g = group_named(c, default_vpc_id(c), *name))
      return *g;
    fail("InvalidGroup.NotFound",
         fmt::format("The security group '{}' does not exist in default VPC '{}'", *name,
                     default_vpc_id(c)));
  }
  fail("MissingParameter", "The request must contain the parameter groupId");
}

std::string protocol_of(const Json &value) {
  std::string p = value.is_string() ? value.get<std::string>() : value.dump();
  for (auto &ch : p)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (p == "-1" || p == "all")
    return "-1";
  if (p == "tcp" || p == "6")
    return "tcp";
  if (p == "udp" || p == "17")
    return "udp";
  if (p == "icmp" || p == "1")
    return "icmp";
  if (p == "icmpv6" || p == "58")
    return "icmpv6";
  if (!p.empty() && p.find_first_not_of("0123456789") == std::string::npos && p.size() <= 3 &&
      std::stoi(p) <= 255)
    return p;
  fail("InvalidParameterValue",
       fmt::format("Invalid value '{}' for IP protocol. Unknown protocol.", p));
}

std::optional<int64_t> port_of(const Json &permission, std::string_view member) {
  auto v = permission.find(member);
  if (v == permission.end() || v->is_null())
    return std::nullopt;
  if (v->is_number_integer())
    return v->get<int64_t>();
  if (v->is_string()) {
    try {
      return std::stoll(v->get<std::string>());
    } catch (...) {
    }
  }
  invalid_value(lower_camel(member), v->dump());
}

// One permission's protocol and ports, checked: {IpProtocol, FromPort?, ToPort?}.
Json ports_of(const Json &permission) {
  std::string proto =
      protocol_of(permission.contains("IpProtocol") ? permission["IpProtocol"] : Json("-1"));
  Json out = {{"IpProtocol", proto}};
  auto from = port_of(permission, "FromPort");
  auto to = port_of(permission, "ToPort");
  if (proto == "tcp" || proto == "udp") {
    if (!from || !to)
      fail("InvalidParameterValue",
           fmt::format("Invalid value 'Must specify both from and to ports with TCP/UDP.' for "
                       "portRange"));
    if (*from < 0 || *from > 65535 || *to < 0 || *to > 65535 || *from > *to)
      fail("InvalidParameterValue",
           fmt::format("Invalid value '{}-{}' for portRange. Must be in range 0-65535 with "
                       "from <= to.",
                       *from, *to));
    out["FromPort"] = *from;
    out["ToPort"] = *to;
  } else if (proto == "icmp" || proto == "icmpv6") {
    int64_t type = from.value_or(-1), code = to.value_or(-1);
    if (type < -1 || type > 255 || code < -1 || code > 255)
      fail("InvalidParameterValue",
           fmt::format("Invalid value '{}' for icmp type or '{}' for icmp code.", type, code));
    out["FromPort"] = type;
    out["ToPort"] = code;
  }
  return out;
}

// The rules (one peer each) of IpPermissions, or of the flat members of the older form.
std::vector<Json> rules_of(Context &c, const Json &input, const Json &group, bool egress) {
  Json permissions = input.value("IpPermissions", Json::array());
  if (permissions.empty() && (input.contains("IpProtocol") || input.contains("CidrIp") ||
                              input.contains("SourceSecurityGroupName"))) {
    Json p = {{"IpProtocol", input.value("IpProtocol", Json("-1"))}};
    for (const char *m : {"FromPort", "ToPort"})
      if (input.contains(m))
        p[m] = input[m];
    if (auto cidr = optional_string(input, "CidrIp"))
      p["IpRanges"] = Json::array({{{"CidrIp", *cidr}}});
    if (auto name = optional_string(input, "SourceSecurityGroupName"))
      p["UserIdGroupPairs"] = Json::array({{{"GroupName", *name}}});
    permissions = Json::array({p});
  }
  if (!permissions.is_array() || permissions.empty())
    fail("MissingParameter", "The request must contain the parameter ipPermissions");
  std::vector<Json> out;
  for (const auto &p : permissions) {
    Json base = ports_of(p);
    base["IsEgress"] = egress;
    size_t before = out.size();
    for (const auto &r : p.value("IpRanges", Json::array())) {
      std::string cidr = r.value("CidrIp", "");
      if (!parse_cidr4(cidr, false))
        fail("InvalidParameterValue",
             fmt::format("Value ({}) for parameter cidrIp is invalid. This is not a valid CIDR "
                         "block.",
                         cidr));
      Json rule = base;
      rule["CidrIpv4"] = cidr;
      if (r.contains("Description"))
        rule["Description"] = r["Description"];
      out.push_back(rule);
    }
    for (const auto &r : p.value("Ipv6Ranges", Json::array())) {
      std::string cidr = r.value("CidrIpv6", "");
      if (!parse_cidr6(cidr))
        fail("InvalidParameterValue",
             fmt::format("Value ({}) for parameter cidrIpv6 is invalid. This is not a valid "
                         "IPv6 CIDR block.",
                         cidr));
      Json rule = base;
      rule["CidrIpv6"] = cidr;
      if (r.contains("Description"))
        rule["Description"] = r["Description"];
      out.push_back(rule);
    }
    for (const auto &r : p.value("PrefixListIds", Json::array())) {
      std::string id = r.value("PrefixListId", "");
      if (!id.starts_with("pl-"))
        fail("InvalidPrefixListId.Malformed",
             fmt::format("The prefix list ID '{}' is malformed", id));
      Json rule = base;
      rule["PrefixListId"] = id;
      if (r.contains("Description"))
        rule["Description"] = r["Description"];
      out.push_back(rule);
    }
    for (const auto &r : p.value("UserIdGroupPairs", Json::array())) {
      Json peer;
      if (auto id = optional_string(r, "GroupId")) {
        std::string owner = optional_string(r, "UserId").value_or(c.account);
        // Groups of other accounts cannot be checked here; this account's must exist.
        if (owner == c.account)
          peer = load(c, "security-group", *id);
        else
          peer = {{"GroupId", *id}, {"OwnerId", owner}};
      } else if (auto name = optional_string(r, "GroupName");
                 name && optional_string(r, "UserId").value_or(c.account) != c.account) {
        // Another account's group by name (ELB's "amazon-elb"/"amazon-elb-sg" among them):
        // EC2 resolves it in that account, which cannot be looked into here.
        peer = {{"GroupId", ""}, {"GroupName", *name}, {"OwnerId", *optional_string(r, "UserId")}};
      } else if (auto name = optional_string(r, "GroupName")) {
        auto g = group_named(c, group.value("VpcId", ""), *name);
        if (!g)
          fail("InvalidGroup.NotFound",
               fmt::format("The security group '{}' does not exist", *name));
        peer = *g;
      } else {
        fail("MissingParameter", "The request must contain the parameter groupId");
      }
      Json rule = base;
      rule["ReferencedGroupInfo"] = {{"GroupId", peer["GroupId"]},
                                     {"UserId", peer.value("OwnerId", c.account)}};
      if (peer["GroupId"] == "")
        rule["ReferencedGroupInfo"]["GroupName"] = peer["GroupName"];
      if (r.contains("Description"))
        rule["Description"] = r["Description"];
      out.push_back(rule);
    }
    if (out.size() == before)
      fail("InvalidParameterValue",
           "The request must contain at least one of ipRanges, ipv6Ranges, prefixListIds or "
           "userIdGroupPairs");
  }
  return out;
}

// The peer of a rule, as messages and comparisons name it.
std::string peer_of(const Json &rule) {
  if (rule.contains("CidrIpv4"))
    return rule["CidrIpv4"];
  if (rule.contains("CidrIpv6"))
    return rule["CidrIpv6"];
  if (rule.contains("PrefixListId"))
    return rule["PrefixListId"];
  if (rule.contains("ReferencedGroupInfo")) {
    const Json &info = rule["ReferencedGroupInfo"];
    std::string id = info.value("GroupId", "");
    return id.empty() ? info.value("UserId", "") + "/" + info.value("GroupName", "") : id;
  }
  return "";
}

bool same_rule(const Json &a, const Json &b) {
  return a.value("IsEgress", false) == b.value("IsEgress", false) &&
         a.value("IpProtocol", "") == b.value("IpProtocol", "") &&
         a.value("FromPort", Json()) == b.value("FromPort", Json()) &&
         a.value("ToPort", Json()) == b.value("ToPort", Json()) && peer_of(a) == peer_of(b);
}

std::string rule_text(const Json &rule) {
  std::string proto = rule.value("IpProtocol", "-1");
  std::string upper = proto == "-1" ? "ALL" : proto;
  for (auto &ch : upper)
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (rule.contains("FromPort"))
    return fmt::format("peer: {}, {}, from port: {}, to port: {}, ALLOW", peer_of(rule), upper,
                       rule["FromPort"].dump(), rule["ToPort"].dump());
  return fmt::format("peer: {}, {}, ALLOW", peer_of(rule), upper);
}

// A stored rule as SecurityGroupRule shapes show it.
Json rule_shown(const Json &group, const Json &rule) {
  Json out = rule;
  out["GroupId"] = group["GroupId"];
  out["GroupOwnerId"] = group.value("OwnerId", "");
  if (!out.contains("FromPort")) {
    out["FromPort"] = -1;
    out["ToPort"] = -1;
  }
  std::string arn = group.value("SecurityGroupArn", "");
  if (auto slash = arn.find("security-group/"); slash != std::string::npos)
    out["SecurityGroupRuleArn"] =
        arn.substr(0, slash) + "security-group-rule/" + rule.value("SecurityGroupRuleId", "");
  out["Tags"] = Json::array();
  return out;
}

// IpPermissions of one direction: the rules grouped by protocol and ports.
Json permissions_of(const Json &group, bool egress) {
  std::map<std::tuple<std::string, int64_t, int64_t>, Json> grouped;
  std::vector<std::tuple<std::string, int64_t, int64_t>> order;
  for (const auto &rule : group.value("_Rules", Json::array())) {
    if (rule.value("IsEgress", false) != egress)
      continue;
    auto key = std::make_tuple(rule.value("IpProtocol", ""), rule.value("FromPort", int64_t{-99}),
                               rule.value("ToPort", int64_t{-99}));
    auto [it, added] = grouped.try_emplace(key);
    if (added) {
      order.push_back(key);
      it->second = {{"IpProtocol", rule["IpProtocol"]},
                    {"IpRanges", Json::array()},
                    {"Ipv6Ranges", Json::array()},
                    {"PrefixListIds", Json::array()},
                    {"UserIdGroupPairs", Json::array()}};
      if (rule.contains("FromPort")) {
        it->second["FromPort"] = rule["FromPort"];
        it->second["ToPort"] = rule["ToPort"];
      }
    }
    Json &p = it->second;
    Json entry;
    if (rule.contains("CidrIpv4")) {
      entry = {{"CidrIp", rule["CidrIpv4"]}};
      if (rule.contains("Description"))
        entry["Description"] = rule["Description"];
      p["IpRanges"].push_back(entry);
    } else if (rule.contains("CidrIpv6")) {
      entry = {{"CidrIpv6", rule["CidrIpv6"]}};
      if (rule.contains("Description"))
        entry["Description"] = rule["Description"];
      p["Ipv6Ranges"].push_back(entry);
    } else if (rule.contains("PrefixListId")) {
      entry = {{"PrefixListId", rule["PrefixListId"]}};
      if (rule.contains("Description"))
        entry["Description"] = rule["Description"];
      p["PrefixListIds"].push_back(entry);
    } else {
      const Json &info = rule["ReferencedGroupInfo"];
      entry = {{"UserId", info.value("UserId", "")}};
      if (info.value("GroupId", "").empty())
        entry["GroupName"] = info.value("GroupName", "");
      else
        entry["GroupId"] = info["GroupId"];
      if (rule.contains("Description"))
        entry["Description"] = rule["Description"];
      p["UserIdGroupPairs"].push_back(entry);
    }
  }
  Json out = Json::array();
  for (const auto &k : order)
    out.push_back(grouped[k]);
  return out;
}

Json group_shown(const Json &group) {
  Json out = shown(group);
  out["IpPermissions"] = permissions_of(group, false);
  out["IpPermissionsEgress"] = permissions_of(group, true);
  return out;
}

std::optional<std::vector<std::string>> group_filter(const Json &g, std::string_view name) {
  using V = std::vector<std::string>;
  if (name == "group-id")
    return V{g.value("GroupId", "")};
  if (name == "group-name")
    return V{g.value("GroupName", "")};
  if (name == "vpc-id")
    return V{g.value("VpcId", "")};
  if (name == "description")
    return V{g.value("Description", "")};
  return std::nullopt;
}

bool description_ok(const std::string &text) {
  for (unsigned char ch : text)
    if (!std::isalnum(ch) &&
        std::string_view(" ._-:/()#,@[]+=&;{}!$*").find(static_cast<char>(ch)) ==
            std::string_view::npos)
      return false;
  return true;
}

Json create_security_group(Context &c, const Json &input) {
  std::string name = required(input, "GroupName");
  std::string description = required(input, "Description");
  if (utf8_length(name) > 255)
    invalid_value("groupName", name, "Group name is too long.");
  if (name.starts_with("sg-"))
    invalid_value("groupName", name, "Group names may not be in the format sg-*.");
  if (utf8_length(description) > 255 || !description_ok(description))
    fail("InvalidParameterValue",
         fmt::format("Value ({}) for parameter GroupDescription is invalid. Character sets beyond "
                     "ASCII are not supported.",
                     description));
  std::string vpc_id = optional_string(input, "VpcId").value_or("");
  if (vpc_id.empty())
    vpc_id = default_vpc_id(c);
  load(c, "vpc", vpc_id);
  if (name == "default")
    fail("InvalidGroup.Reserved", "The security group 'default' is reserved");
  if (group_named(c, vpc_id, name))
    fail("InvalidGroup.Duplicate",
         fmt::format("The security group '{}' already exists for VPC '{}'", name, vpc_id));
  std::string id = new_id("sg");
  std::string arn =
      fmt::format("arn:{}:ec2:{}:{}:security-group/{}", c.partition, c.region, c.account, id);
  Json tags = tags_for(input, "security-group");
  Json group = {{"Description", description},
                {"GroupName", name},
                {"GroupId", id},
                {"OwnerId", c.account},
                {"VpcId", vpc_id},
                {"Tags", tags},
                {"SecurityGroupArn", arn},
                {"_Rules", Json::array({{{"SecurityGroupRuleId", new_id("sgr")},
                                         {"IsEgress", true},
                                         {"IpProtocol", "-1"},
                                         {"CidrIpv4", "0.0.0.0/0"}}})}};
  save(c, "security-group", id, group);
  return {{"GroupId", id}, {"Tags", tags}, {"SecurityGroupArn", arn}};
}

Json describe_security_groups(Context &c, const Json &input) {
  Json out = Json::array();
  std::vector<std::string> names = strings(input, "GroupNames");
  std::vector<Json> groups = describe(c, "security-group", input, "GroupIds", group_filter);
  if (!names.empty()) {
    std::string vpc = default_vpc_id(c);
    for (const auto &n : names)
      if (!group_named(c, vpc, n))
        fail("InvalidGroup.NotFound",
             fmt::format("The security group '{}' does not exist in default VPC '{}'", n, vpc));
  }
  for (const auto &g : groups) {
    if (!names.empty() &&
        (std::find(names.begin(), names.end(), g.value("GroupName", "")) == names.end() ||
         g.value("VpcId", "") != default_vpc_id(c)))
      continue;
    out.push_back(group_shown(g));
  }
  return {{"SecurityGroups", out}};
}

Json delete_security_group(Context &c, const Json &input) {
  Json group = target_group(c, input);
  std::string id = group["GroupId"];
  if (group.value("GroupName", "") == "default")
    fail("CannotDelete",
         fmt::format("the specified group: \"{}\" name: \"default\" cannot be deleted by a user",
                     id));
  for (const auto &other : all(c, "security-group")) {
    if (other["GroupId"] == id)
      continue;
    for (const auto &rule : other.value("_Rules", Json::array()))
      if (rule.contains("ReferencedGroupInfo") && rule["ReferencedGroupInfo"]["GroupId"] == id)
        fail("DependencyViolation", fmt::format("resource {} has a dependent object", id));
  }
  for (const auto &e : all(c, "vpc-endpoint"))
    for (const auto &g : e.value("Groups", Json::array()))
      if (g.value("GroupId", "") == id)
        fail("DependencyViolation", fmt::format("resource {} has a dependent object", id));
  erase(c, "security-group", id);
  return Json::object();
}

Json authorize(Context &c, const Json &input, bool egress) {
  if (egress && !input.contains("GroupId"))
    required(input, "GroupId");
  Json group = target_group(c, input);
  std::vector<Json> rules = rules_of(c, input, group, egress);
  Json &stored = group["_Rules"];
  Json added = Json::array();
  for (auto &rule : rules) {
    for (const auto &existing : stored)
      if (same_rule(existing, rule))
        fail("InvalidPermission.Duplicate",
             fmt::format("the specified rule \"{}\" already exists", rule_text(rule)));
    rule["SecurityGroupRuleId"] = new_id("sgr");
    stored.push_back(rule);
    added.push_back(rule_shown(group, rule));
  }
  if (stored.size() > 120)
    fail("RulesPerSecurityGroupLimitExceeded",
         "The maximum number of rules per security group has been reached.");
  save(c, "security-group", group["GroupId"].get<std::string>(), group);
  return {{"Return", true}, {"SecurityGroupRules", added}};
}
Json authorize_ingress(Context &c, const Json &input) { return authorize(c, input, false); }
Json authorize_egress(Context &c, const Json &input) { return authorize(c, input, true); }

Json revoke(Context &c, const Json &input, bool egress) {
  Json group = target_group(c, input);
  Json &stored = group["_Rules"];
  Json revoked = Json::array();
  auto remove_where = [&](const std::function<bool(const Json &)> &match) {
    for (size_t i = 0; i < stored.size(); ++i)
      if (stored[i].value("IsEgress", false) == egress && match(stored[i])) {
        revoked.push_back(rule_shown(group, stored[i]));
        stored.erase(stored.begin() + static_cast<long>(i));
        return true;
      }
    return false;
  };
  std::vector<std::string> ids = strings(input, "SecurityGroupRuleIds");
  if (!ids.empty()) {
    for (const auto &id : ids)
      if (!remove_where([&](const Json &r) { return r.value("SecurityGroupRuleId", "") == id; }))
        fail("InvalidSecurityGroupRuleId.NotFound",
             fmt::format("The security group rule ID '{}' does not exist", id));
  } else {
    for (const auto &rule : rules_of(c, input, group, egress))
      if (!remove_where([&](const Json &r) { return same_rule(r, rule); }))
        fail("InvalidPermission.NotFound",
             "The specified rule does not exist in this security group.");
  }
  save(c, "security-group", group["GroupId"].get<std::string>(), group);
  return {{"Return", true}, {"RevokedSecurityGroupRules", revoked}};
}
Json revoke_ingress(Context &c, const Json &input) { return revoke(c, input, false); }
Json revoke_egress(Context &c, const Json &input) { return revoke(c, input, true); }

Json update_descriptions(Context &c, const Json &input, bool egress) {
  Json group = target_group(c, input);
  for (const auto &rule : rules_of(c, input, group, egress)) {
    bool found = false;
    for (auto &stored : group["_Rules"])
      if (same_rule(stored, rule)) {
        found = true;
        if (rule.contains("Description"))
          stored["Description"] = rule["Description"];
        else
          stored.erase("Description");
      }
    if (!found)
      fail("InvalidPermission.NotFound",
           "The specified rule does not exist in this security group.");
  }
  save(c, "security-group", group["GroupId"].get<std::string>(), group);
  return {{"Return", true}};
}
Json update_ingress_descriptions(Context &c, const Json &input) {
  return update_descriptions(c, input, false);
}
Json update_egress_descriptions(Context &c, const Json &input) {
  return update_descriptions(c, input, true);
}

Json describe_security_group_rules(Context &c, const Json &input) {
  std::vector<std::string> ids = strings(input, "SecurityGroupRuleIds");
  std::vector<std::string> groups;
  for (const auto &f : input.value("Filters", Json::array())) {
    std::string name = f.value("Name", "");
    if (name == "group-id")
      for (const auto &v : f.value("Values", Json::array()))
        groups.push_back(v.get<std::string>());
    else if (name == "security-group-rule-id")
      for (const auto &v : f.value("Values", Json::array()))
        ids.push_back(v.get<std::string>());
    else
      fail("InvalidParameterValue", fmt::format("The filter '{}' is invalid", name));
  }
  Json out = Json::array();
  std::vector<std::string> seen;
  for (const auto &g : all(c, "security-group")) {
    if (!groups.empty() && std::find(groups.begin(), groups.end(), g["GroupId"]) == groups.end())
      continue;
    for (const auto &rule : g.value("_Rules", Json::array())) {
      std::string id = rule.value("SecurityGroupRuleId", "");
      if (!ids.empty() && std::find(ids.begin(), ids.end(), id) == ids.end())
        continue;
      seen.push_back(id);
      out.push_back(rule_shown(g, rule));
    }
  }
  for (const auto &id : strings(input, "SecurityGroupRuleIds"))
    if (std::find(seen.begin(), seen.end(), id) == seen.end())
      fail("InvalidSecurityGroupRuleId.NotFound",
           fmt::format("The security group rule ID '{}' does not exist", id));
  return {{"SecurityGroupRules", out}};
}

} // namespace

const HandlerTable &security_group_handlers() {
  static const HandlerTable table = {
      {"CreateSecurityGroup", create_security_group},
      {"DescribeSecurityGroups", describe_security_groups},
      {"DeleteSecurityGroup", delete_security_group},
      {"AuthorizeSecurityGroupIngress", authorize_ingress},
      {"AuthorizeSecurityGroupEgress", authorize_egress},
      {"RevokeSecurityGroupIngress", revoke_ingress},
      {"RevokeSecurityGroupEgress", revoke_egress},
      {"UpdateSecurityGroupRuleDescriptionsIngress", update_ingress_descriptions},
      {"UpdateSecurityGroupRuleDescriptionsEgress", update_egress_descriptions},
      {"DescribeSecurityGroupRules", describe_security_group_rules},
  };
  return table;
}

} // namespace cfnlocal::services::embedded::ec2
