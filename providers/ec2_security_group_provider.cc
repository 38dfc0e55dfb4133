// AWS::EC2::SecurityGroup, AWS::EC2::SecurityGroupIngress and AWS::EC2::SecurityGroupEgress on
// EC2's security group operations (see ec2_network_provider.h).
#include "providers/ec2_provider_parts.h"

#include "providers/service_errors.h"
#include "services/backend.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace cfnlocal::providers::ec2 {
namespace {

std::string protocol_of(const Json &rule) {
  std::string p = text(rule, "IpProtocol");
  for (auto &ch : p)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (p == "all" || p.empty())
    return "-1";
  if (p == "6")
    return "tcp";
  if (p == "17")
    return "udp";
  if (p == "1")
    return "icmp";
  if (p == "58")
    return "icmpv6";
  return p;
}

// One CloudFormation rule (an item of SecurityGroupIngress / SecurityGroupEgress, or the
// properties of a SecurityGroupIngress / SecurityGroupEgress resource) as an IpPermission.
Json permission_of(const Json &rule, bool egress) {
  std::string proto = protocol_of(rule);
  Json p = {{"IpProtocol", proto}};
  bool ported = proto == "tcp" || proto == "udp" || proto == "icmp" || proto == "icmpv6";
  if (ported) {
    if (auto from = number(rule, "FromPort"))
      p["FromPort"] = *from;
    if (auto to = number(rule, "ToPort"))
      p["ToPort"] = *to;
  }
  std::string description = text(rule, "Description");
  auto with_description = [&](Json entry) {
    if (!description.empty())
      entry["Description"] = description;
    return Json::array({entry});
  };
  if (auto cidr = text(rule, "CidrIp"); !cidr.empty())
    p["IpRanges"] = with_description({{"CidrIp", cidr}});
  if (auto cidr = text(rule, "CidrIpv6"); !cidr.empty())
    p["Ipv6Ranges"] = with_description({{"CidrIpv6", cidr}});
  std::string prefix_list = text(rule, egress ? "DestinationPrefixListId" : "SourcePrefixListId");
  if (!prefix_list.empty())
    p["PrefixListIds"] = with_description({{"PrefixListId", prefix_list}});
  std::string group = text(rule, egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId");
  std::string group_name = egress ? "" : text(rule, "SourceSecurityGroupName");
  if (!group.empty() || !group_name.empty()) {
    Json pair = group.empty() ? Json{{"GroupName", group_name}} : Json{{"GroupId", group}};
    if (auto owner = text(rule, "SourceSecurityGroupOwnerId"); !owner.empty() && !egress)
      pair["UserId"] = owner;
    p["UserIdGroupPairs"] = with_description(pair);
  }
  return p;
}

Json rules_of(const Json &model, const char *member, bool egress) {
  Json out = Json::array();
  if (auto it = model.find(member); it != model.end() && it->is_array())
    for (const auto &r : *it)
      out.push_back(permission_of(r, egress));
  return out;
}

const Json kAllowAllEgress = {{"IpProtocol", "-1"},
                              {"IpRanges", Json::array({{{"CidrIp", "0.0.0.0/0"}}})}};

// `a` minus `b`, by value.
Json minus(const Json &a, const Json &b) {
  Json out = Json::array();
  for (const auto &x : a)
    if (std::find(b.begin(), b.end(), x) == b.end())
      out.push_back(x);
  return out;
}

// A permission without its descriptions: what identifies the rule.
Json identity(Json permission) {
  for (const char *list : {"IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs"})
    if (permission.contains(list))
      for (auto &entry : permission[list])
        entry.erase("Description");
  return permission;
}

// Authorizes `add` and revokes `revoke`: new rules first, so that a rule EC2 refuses leaves the
// group as it was; rules whose description alone changes are updated in place.
void change_rules(Call &call, const std::string &group, Json revoke, Json add, bool egress) {
  Json described = Json::array();
  for (size_t i = add.size(); i-- > 0;)
    for (size_t j = 0; j < revoke.size(); ++j)
      if (identity(add[i]) == identity(revoke[j])) {
        described.push_back(add[i]);
        add.erase(add.begin() + static_cast<long>(i));
        revoke.erase(revoke.begin() + static_cast<long>(j));
        break;
      }
  if (!add.empty())
    call.ec2(egress ? "AuthorizeSecurityGroupEgress" : "AuthorizeSecurityGroupIngress",
             {{"GroupId", group}, {"IpPermissions", add}});
  if (!described.empty())
    call.ec2(egress ? "UpdateSecurityGroupRuleDescriptionsEgress"
                    : "UpdateSecurityGroupRuleDescriptionsIngress",
             {{"GroupId", group}, {"IpPermissions", described}});
  if (!revoke.empty())
    call.ec2(egress ? "RevokeSecurityGroupEgress" : "RevokeSecurityGroupIngress",
             {{"GroupId", group}, {"IpPermissions", revoke}});
}

// The egress rules a group's template gives it: the default allow-all when it lists none.
Json egress_of(const Json &model) {
  Json rules = rules_of(model, "SecurityGroupEgress", true);
  return rules.empty() ? Json::array({kAllowAllEgress}) : rules;
}

// ---- SecurityGroup --------------------------------------------------------------------------

std::optional<Json> read_group(Call &call, const std::string &id) {
  auto g = describe_one(call, "DescribeSecurityGroups", {{"GroupIds", Json::array({id})}},
                        "SecurityGroups");
  if (!g)
    return std::nullopt;
  Json model = {{"Id", id},
                {"GroupId", id},
                {"GroupName", g->value("GroupName", "")},
                {"GroupDescription", g->value("Description", "")},
                {"VpcId", g->value("VpcId", "")}};
  // Rules as CloudFormation lists them: one item per peer.
  for (auto [member, cfn, egress] :
       {std::tuple{"IpPermissions", "SecurityGroupIngress", false},
        std::tuple{"IpPermissionsEgress", "SecurityGroupEgress", true}}) {
    Json items = Json::array();
    for (const auto &p : g->value(member, Json::array())) {
      Json base = {{"IpProtocol", p.value("IpProtocol", "-1")}};
      if (p.contains("FromPort")) {
        base["FromPort"] = p["FromPort"];
        base["ToPort"] = p["ToPort"];
      }
      auto add = [&](const char *peer_member, const Json &peer, const Json &entry) {
        Json item = base;
        item[peer_member] = peer;
        if (entry.contains("Description"))
          item["Description"] = entry["Description"];
        items.push_back(item);
      };
      for (const auto &r : p.value("IpRanges", Json::array()))
        add("CidrIp", r.value("CidrIp", ""), r);
      for (const auto &r : p.value("Ipv6Ranges", Json::array()))
        add("CidrIpv6", r.value("CidrIpv6", ""), r);
      for (const auto &r : p.value("PrefixListIds", Json::array()))
        add(egress ? "DestinationPrefixListId" : "SourcePrefixListId", r.value("PrefixListId", ""),
            r);
      for (const auto &r : p.value("UserIdGroupPairs", Json::array()))
        add(egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId", r.value("GroupId", ""),
            r);
    }
    if (!items.empty())
      model[cfn] = items;
  }
  if (Json tags = g->value("Tags", Json::array()); !tags.empty())
    model["Tags"] = tags;
  return model;
}

Json create_group(Call &call, Json p) {
  const auto &r = call.request;
  std::string name = text(p, "GroupName");
  if (name.empty()) {
    // CloudFormation's generated name: stack-Logical-RANDOM.
    name = fmt::format("{}-{}-{}", r.stack_name.substr(0, 100), r.logical_id.substr(0, 100),
                       call.random.upper_alnum(13));
    p["GroupName"] = name;
  }
  Json in = {{"GroupName", name}, {"Description", text(p, "GroupDescription")}};
  if (auto vpc = text(p, "VpcId"); !vpc.empty())
    in["VpcId"] = vpc;
  if (Json specs = tag_specifications(p, "security-group"); !specs.empty())
    in["TagSpecifications"] = specs;
  std::string id = call.ec2("CreateSecurityGroup", in).value("GroupId", "");
  try {
    change_rules(call, id, Json::array(), rules_of(p, "SecurityGroupIngress", false), false);
    if (p.contains("SecurityGroupEgress"))
      change_rules(call, id, Json::array({kAllowAllEgress}), egress_of(p), true);
    auto now = describe_one(call, "DescribeSecurityGroups", {{"GroupIds", Json::array({id})}},
                            "SecurityGroups");
    if (now && !p.contains("VpcId"))
      p["VpcId"] = now->value("VpcId", "");
  } catch (const services::ServiceError &) {
    try {
      call.ec2("DeleteSecurityGroup", {{"GroupId", id}});
    } catch (const services::ServiceError &) {
    }
    throw;
  }
  p["Id"] = id;
  p["GroupId"] = id;
  return p;
}

Json update_group(Call &call, const std::string &id, const Json &previous, const Json &desired) {
  // The template's rules before and after: rules other resources added stay.
  Json in_before = rules_of(previous, "SecurityGroupIngress", false);
  Json in_after = rules_of(desired, "SecurityGroupIngress", false);
  change_rules(call, id, minus(in_before, in_after), minus(in_after, in_before), false);
  Json out_before = egress_of(previous), out_after = egress_of(desired);
  change_rules(call, id, minus(out_before, out_after), minus(out_after, out_before), true);
  update_tags(call, id, previous, desired);
  return Json::object();
}

void remove_group(Call &call, const std::string &id, const Json &) {
  call.ec2("DeleteSecurityGroup", {{"GroupId", id}});
}

// ---- SecurityGroupIngress / SecurityGroupEgress ---------------------------------------------

// The group a rule resource names: GroupId, or GroupName (ingress, the default VPC).
Json group_member(const Json &model) {
  if (auto id = text(model, "GroupId"); !id.empty())
    return {{"GroupId", id}};
  return {{"GroupName", text(model, "GroupName")}};
}

Json create_rule(Call &call, Json p, bool egress) {
  Json in = group_member(p);
  in["IpPermissions"] = Json::array({permission_of(p, egress)});
  Json out =
      call.ec2(egress ? "AuthorizeSecurityGroupEgress" : "AuthorizeSecurityGroupIngress", in);
  Json rules = out.value("SecurityGroupRules", Json::array());
  if (rules.empty())
    throw services::ServiceError("InvalidPermission.NotFound",
                                 "EC2 returned no security group rule for the permission");
  p["Id"] = rules[0].value("SecurityGroupRuleId", "");
  return p;
}
Json create_ingress(Call &call, Json p) { return create_rule(call, std::move(p), false); }
Json create_egress(Call &call, Json p) { return create_rule(call, std::move(p), true); }

std::optional<Json> read_rule(Call &call, const std::string &id, bool egress) {
  auto rule = describe_one(call, "DescribeSecurityGroupRules",
                           {{"SecurityGroupRuleIds", Json::array({id})}}, "SecurityGroupRules");
  if (!rule || rule->value("IsEgress", false) != egress)
    return std::nullopt;
  Json model = {{"Id", id},
                {"GroupId", rule->value("GroupId", "")},
                {"IpProtocol", rule->value("IpProtocol", "-1")}};
  if (rule->contains("FromPort") && (*rule)["FromPort"] != -1) {
    model["FromPort"] = (*rule)["FromPort"];
    model["ToPort"] = (*rule)["ToPort"];
  }
  if (rule->contains("CidrIpv4"))
    model["CidrIp"] = (*rule)["CidrIpv4"];
  if (rule->contains("CidrIpv6"))
    model["CidrIpv6"] = (*rule)["CidrIpv6"];
  if (rule->contains("PrefixListId"))
    model[egress ? "DestinationPrefixListId" : "SourcePrefixListId"] = (*rule)["PrefixListId"];
  if (rule->contains("ReferencedGroupInfo"))
    model[egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId"] =
        (*rule)["ReferencedGroupInfo"].value("GroupId", "");
  if (rule->contains("Description"))
    model["Description"] = (*rule)["Description"];
  return model;
}
std::optional<Json> read_ingress(Call &call, const std::string &id) {
  return read_rule(call, id, false);
}
std::optional<Json> read_egress(Call &call, const std::string &id) {
  return read_rule(call, id, true);
}

Json update_rule(Call &call, const Json &desired, bool egress) {
  // Only the description is not createOnly.
  Json in = group_member(desired);
  in["IpPermissions"] = Json::array({permission_of(desired, egress)});
  call.ec2(egress ? "UpdateSecurityGroupRuleDescriptionsEgress"
                  : "UpdateSecurityGroupRuleDescriptionsIngress",
           in);
  return Json::object();
}
Json update_ingress(Call &call, const std::string &, const Json &, const Json &desired) {
  return update_rule(call, desired, false);
}
Json update_egress(Call &call, const std::string &, const Json &, const Json &desired) {
  return update_rule(call, desired, true);
}

void remove_rule(Call &call, const std::string &id, const Json &model, bool egress) {
  // Revoked by its permission (every endpoint knows that form); the rule's own id first
  // tells whether it is still there.
  if (!read_rule(call, id, egress))
    throw services::ServiceError("InvalidSecurityGroupRuleId.NotFound",
                                 fmt::format("The security group rule ID '{}' does not exist", id));
  Json in = group_member(model);
  in["IpPermissions"] = Json::array({permission_of(model, egress)});
  call.ec2(egress ? "RevokeSecurityGroupEgress" : "RevokeSecurityGroupIngress", in);
}
void remove_ingress(Call &call, const std::string &id, const Json &model) {
  remove_rule(call, id, model, false);
}
void remove_egress(Call &call, const std::string &id, const Json &model) {
  remove_rule(call, id, model, true);
}

} // namespace

const TypeSteps &security_group_steps() {
  static const TypeSteps steps{create_group, read_group, update_group, remove_group};
  return steps;
}
const TypeSteps &security_group_ingress_steps() {
  static const TypeSteps steps{create_ingress, read_ingress, update_ingress, remove_ingress};
  return steps;
}
const TypeSteps &security_group_egress_steps() {
  static const TypeSteps steps{create_egress, read_egress, update_egress, remove_egress};
  return steps;
}

} // namespace cfnlocal::providers::ec2
