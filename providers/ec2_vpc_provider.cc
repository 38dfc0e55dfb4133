// AWS::EC2::VPC, AWS::EC2::VPCCidrBlock and AWS::EC2::Subnet on EC2's VPC and subnet
// operations (see ec2_network_provider.h).
#include "providers/ec2_provider_parts.h"

#include "services/backend.h"

namespace cfnlocal::providers::ec2 {
namespace {

// Members of `from` copied into `model` where `model` lacks them.
void fill(Json &model, const Json &from, std::initializer_list<const char *> members) {
  for (const char *m : members)
    if (from.contains(m) && (!model.contains(m) || model[m].is_null()))
      model[m] = from[m];
}

void copy_members(Json &in, const Json &model, std::initializer_list<const char *> members) {
  for (const char *m : members)
    if (model.contains(m) && !model[m].is_null())
      in[m] = model[m];
}

// ---- VPC ------------------------------------------------------------------------------------

void set_vpc_attribute(Call &call, const std::string &id, const char *attribute, bool value) {
  call.ec2("ModifyVpcAttribute", {{"VpcId", id}, {attribute, {{"Value", value}}}});
}

std::optional<Json> read_vpc(Call &call, const std::string &id) {
  auto vpc = describe_one(call, "DescribeVpcs", {{"VpcIds", Json::array({id})}}, "Vpcs");
  if (!vpc)
    return std::nullopt;
  Json model = {{"VpcId", id},
                {"CidrBlock", vpc->value("CidrBlock", "")},
                {"InstanceTenancy", vpc->value("InstanceTenancy", "default")}};
  Json associations = Json::array(), ipv6 = Json::array();
  for (const auto &a : vpc->value("CidrBlockAssociationSet", Json::array()))
    if (a.value("CidrBlockState", Json::object()).value("State", "") == "associated")
      associations.push_back(a.value("AssociationId", ""));
  for (const auto &a : vpc->value("Ipv6CidrBlockAssociationSet", Json::array()))
    if (a.value("Ipv6CidrBlockState", Json::object()).value("State", "") == "associated")
      ipv6.push_back(a.value("Ipv6CidrBlock", ""));
  model["CidrBlockAssociations"] = associations;
  model["Ipv6CidrBlocks"] = ipv6;
  model["EnableDnsSupport"] =
      call.ec2("DescribeVpcAttribute", {{"VpcId", id}, {"Attribute", "enableDnsSupport"}})
          .value("EnableDnsSupport", Json::object())
          .value("Value", true);
  model["EnableDnsHostnames"] =
      call.ec2("DescribeVpcAttribute", {{"VpcId", id}, {"Attribute", "enableDnsHostnames"}})
          .value("EnableDnsHostnames", Json::object())
          .value("Value", false);
  Json filters = Json::array({{{"Name", "vpc-id"}, {"Values", Json::array({id})}},
                              {{"Name", "default"}, {"Values", Json::array({"true"})}}});
  if (auto acl = describe_one(call, "DescribeNetworkAcls", {{"Filters", filters}}, "NetworkAcls"))
    model["DefaultNetworkAcl"] = acl->value("NetworkAclId", "");
  filters[1] = {{"Name", "group-name"}, {"Values", Json::array({"default"})}};
  if (auto sg =
          describe_one(call, "DescribeSecurityGroups", {{"Filters", filters}}, "SecurityGroups"))
    model["DefaultSecurityGroup"] = sg->value("GroupId", "");
  if (Json tags = vpc->value("Tags", Json::array()); !tags.empty())
    model["Tags"] = tags;
  return model;
}

Json create_vpc(Call &call, Json p) {
  Json in = Json::object();
  copy_members(in, p, {"CidrBlock", "InstanceTenancy", "Ipv4IpamPoolId"});
  if (auto n = number(p, "Ipv4NetmaskLength"))
    in["Ipv4NetmaskLength"] = *n;
  if (Json specs = tag_specifications(p, "vpc"); !specs.empty())
    in["TagSpecifications"] = specs;
  std::string id = call.ec2("CreateVpc", in)["Vpc"].value("VpcId", "");
  try {
    if (flag(p, "EnableDnsSupport") == false)
      set_vpc_attribute(call, id, "EnableDnsSupport", false);
    if (flag(p, "EnableDnsHostnames") == true)
      set_vpc_attribute(call, id, "EnableDnsHostnames", true);
    auto now = read_vpc(call, id);
    fill(p, now.value_or(Json::object()),
         {"VpcId", "CidrBlock", "CidrBlockAssociations", "DefaultNetworkAcl",
          "DefaultSecurityGroup", "Ipv6CidrBlocks", "InstanceTenancy"});
  } catch (const services::ServiceError &) {
    try {
      call.ec2("DeleteVpc", {{"VpcId", id}});
    } catch (const services::ServiceError &) {
    }
    throw;
  }
  return p;
}

Json update_vpc(Call &call, const std::string &id, const Json &previous, const Json &desired) {
  bool support = flag(desired, "EnableDnsSupport").value_or(true);
  bool hostnames = flag(desired, "EnableDnsHostnames").value_or(false);
  bool support_before = flag(previous, "EnableDnsSupport").value_or(true);
  bool hostnames_before = flag(previous, "EnableDnsHostnames").value_or(false);
  // Hostnames need DNS support: turn hostnames off before support, support on before hostnames.
  if (hostnames_before && !hostnames)
    set_vpc_attribute(call, id, "EnableDnsHostnames", false);
  if (support != support_before)
    set_vpc_attribute(call, id, "EnableDnsSupport", support);
  if (!hostnames_before && hostnames)
    set_vpc_attribute(call, id, "EnableDnsHostnames", true);
  update_tags(call, id, previous, desired);
  return Json::object();
}

void remove_vpc(Call &call, const std::string &id, const Json &) {
  call.ec2("DeleteVpc", {{"VpcId", id}});
}

// ---- VPCCidrBlock ---------------------------------------------------------------------------

std::optional<Json> read_cidr_block(Call &call, const std::string &physical_id) {
  auto [association, vpc_id] = split_id(physical_id);
  auto vpc = describe_one(call, "DescribeVpcs", {{"VpcIds", Json::array({vpc_id})}}, "Vpcs");
  if (!vpc)
    return std::nullopt;
  for (const auto &a : vpc->value("CidrBlockAssociationSet", Json::array()))
    if (a.value("AssociationId", "") == association)
      return Json{{"Id", association}, {"VpcId", vpc_id}, {"CidrBlock", a["CidrBlock"]}};
  for (const auto &a : vpc->value("Ipv6CidrBlockAssociationSet", Json::array()))
    if (a.value("AssociationId", "") == association)
      return Json{{"Id", association},
                  {"VpcId", vpc_id},
                  {"Ipv6CidrBlock", a["Ipv6CidrBlock"]},
                  {"IpSource", "amazon"},
                  {"Ipv6AddressAttribute", "public"}};
  return std::nullopt;
}

Json create_cidr_block(Call &call, Json p) {
  Json in = {{"VpcId", text(p, "VpcId")}};
  copy_members(in, p,
               {"CidrBlock", "Ipv6CidrBlock", "Ipv6Pool", "Ipv4IpamPoolId", "Ipv6IpamPoolId",
                "Ipv6CidrBlockNetworkBorderGroup"});
  if (auto v = flag(p, "AmazonProvidedIpv6CidrBlock"))
    in["AmazonProvidedIpv6CidrBlock"] = *v;
  for (const char *m : {"Ipv4NetmaskLength", "Ipv6NetmaskLength"})
    if (auto n = number(p, m))
      in[m] = *n;
  Json out = call.ec2("AssociateVpcCidrBlock", in);
  if (out.contains("Ipv6CidrBlockAssociation")) {
    p["Id"] = out["Ipv6CidrBlockAssociation"].value("AssociationId", "");
    p["IpSource"] = "amazon";
    p["Ipv6AddressAttribute"] = "public";
  } else {
    p["Id"] = out.value("CidrBlockAssociation", Json::object()).value("AssociationId", "");
  }
  return p;
}

Json update_cidr_block(Call &, const std::string &, const Json &, const Json &) {
  return Json::object(); // every property is createOnly
}

void remove_cidr_block(Call &call, const std::string &physical_id, const Json &) {
  call.ec2("DisassociateVpcCidrBlock", {{"AssociationId", split_id(physical_id).first}});
}

// ---- Subnet ---------------------------------------------------------------------------------

void set_subnet_flag(Call &call, const std::string &id, const char *attribute, bool value) {
  call.ec2("ModifySubnetAttribute", {{"SubnetId", id}, {attribute, {{"Value", value}}}});
}

// ModifySubnetAttribute calls that take the subnet from `before` to `after` (one attribute each).
void converge_subnet(Call &call, const std::string &id, const Json &before, const Json &after) {
  for (const char *m : {"MapPublicIpOnLaunch", "AssignIpv6AddressOnCreation", "EnableDns64"}) {
    bool want = flag(after, m).value_or(false);
    if (want != flag(before, m).value_or(false))
      set_subnet_flag(call, id, m, want);
  }
  Json options = after.value("PrivateDnsNameOptionsOnLaunch", Json::object());
  Json options_before = before.value("PrivateDnsNameOptionsOnLaunch", Json::object());
  std::string type = text(options, "HostnameType");
  if (!type.empty() && type != text(options_before, "HostnameType"))
    call.ec2("ModifySubnetAttribute", {{"SubnetId", id}, {"PrivateDnsHostnameTypeOnLaunch", type}});
  for (auto [member, attribute] :
       {std::pair{"EnableResourceNameDnsARecord", "EnableResourceNameDnsARecordOnLaunch"},
        std::pair{"EnableResourceNameDnsAAAARecord", "EnableResourceNameDnsAAAARecordOnLaunch"}}) {
    bool want = flag(options, member).value_or(false);
    if (want != flag(options_before, member).value_or(false))
      set_subnet_flag(call, id, attribute, want);
  }
}

std::optional<Json> read_subnet(Call &call, const std::string &id) {
  auto s = describe_one(call, "DescribeSubnets", {{"SubnetIds", Json::array({id})}}, "Subnets");
  if (!s)
    return std::nullopt;
  Json model = {{"SubnetId", id},
                {"VpcId", s->value("VpcId", "")},
                {"CidrBlock", s->value("CidrBlock", "")},
                {"AvailabilityZone", s->value("AvailabilityZone", "")},
                {"AvailabilityZoneId", s->value("AvailabilityZoneId", "")},
                {"MapPublicIpOnLaunch", s->value("MapPublicIpOnLaunch", false)},
                {"AssignIpv6AddressOnCreation", s->value("AssignIpv6AddressOnCreation", false)},
                {"EnableDns64", s->value("EnableDns64", false)},
                {"Ipv6Native", s->value("Ipv6Native", false)}};
  Json ipv6 = Json::array();
  for (const auto &a : s->value("Ipv6CidrBlockAssociationSet", Json::array()))
    ipv6.push_back(a.value("Ipv6CidrBlock", ""));
  model["Ipv6CidrBlocks"] = ipv6;
  if (!ipv6.empty())
    model["Ipv6CidrBlock"] = ipv6[0];
  if (s->contains("PrivateDnsNameOptionsOnLaunch"))
    model["PrivateDnsNameOptionsOnLaunch"] = (*s)["PrivateDnsNameOptionsOnLaunch"];
  Json filters = Json::array({{{"Name", "association.subnet-id"}, {"Values", Json::array({id})}}});
  if (auto acl = describe_one(call, "DescribeNetworkAcls", {{"Filters", filters}}, "NetworkAcls"))
    for (const auto &a : acl->value("Associations", Json::array()))
      if (a.value("SubnetId", "") == id)
        model["NetworkAclAssociationId"] = a.value("NetworkAclAssociationId", "");
  if (Json tags = s->value("Tags", Json::array()); !tags.empty())
    model["Tags"] = tags;
  return model;
}

Json create_subnet(Call &call, Json p) {
  Json in = {{"VpcId", text(p, "VpcId")}};
  copy_members(in, p,
               {"CidrBlock", "AvailabilityZone", "AvailabilityZoneId", "Ipv6CidrBlock",
                "OutpostArn", "Ipv4IpamPoolId", "Ipv6IpamPoolId"});
  if (auto v = flag(p, "Ipv6Native"))
    in["Ipv6Native"] = *v;
  for (const char *m : {"Ipv4NetmaskLength", "Ipv6NetmaskLength"})
    if (auto n = number(p, m))
      in[m] = *n;
  if (Json specs = tag_specifications(p, "subnet"); !specs.empty())
    in["TagSpecifications"] = specs;
  std::string id = call.ec2("CreateSubnet", in)["Subnet"].value("SubnetId", "");
  try {
    converge_subnet(call, id, Json::object(), p);
    auto now = read_subnet(call, id);
    fill(p, now.value_or(Json::object()),
         {"SubnetId", "AvailabilityZone", "AvailabilityZoneId", "CidrBlock", "Ipv6CidrBlocks",
          "NetworkAclAssociationId"});
  } catch (const services::ServiceError &) {
    try {
      call.ec2("DeleteSubnet", {{"SubnetId", id}});
    } catch (const services::ServiceError &) {
    }
    throw;
  }
  return p;
}

Json update_subnet(Call &call, const std::string &id, const Json &previous, const Json &desired) {
  Json changed = Json::object();
  std::string block = text(desired, "Ipv6CidrBlock");
  std::string block_before = text(previous, "Ipv6CidrBlock");
  Json after = desired;
  if (block != block_before) {
    auto now = describe_one(call, "DescribeSubnets", {{"SubnetIds", Json::array({id})}}, "Subnets");
    for (const auto &a :
         now ? now->value("Ipv6CidrBlockAssociationSet", Json::array()) : Json::array())
      call.ec2("DisassociateSubnetCidrBlock", {{"AssociationId", a.value("AssociationId", "")}});
    if (!block.empty())
      call.ec2("AssociateSubnetCidrBlock", {{"SubnetId", id}, {"Ipv6CidrBlock", block}});
    changed["Ipv6CidrBlocks"] = block.empty() ? Json::array() : Json::array({block});
  }
  Json before = previous;
  if (block != block_before && block.empty())
    before["AssignIpv6AddressOnCreation"] = false; // EC2 turned it off with the block
  converge_subnet(call, id, before, after);
  update_tags(call, id, previous, desired);
  return changed;
}

void remove_subnet(Call &call, const std::string &id, const Json &) {
  call.ec2("DeleteSubnet", {{"SubnetId", id}});
}

} // namespace

const TypeSteps &vpc_steps() {
  static const TypeSteps steps{create_vpc, read_vpc, update_vpc, remove_vpc};
  return steps;
}
const TypeSteps &vpc_cidr_block_steps() {
  static const TypeSteps steps{create_cidr_block, read_cidr_block, update_cidr_block,
                               remove_cidr_block};
  return steps;
}
const TypeSteps &subnet_steps() {
  static const TypeSteps steps{create_subnet, read_subnet, update_subnet, remove_subnet};
  return steps;
}

} // namespace cfnlocal::providers::ec2
