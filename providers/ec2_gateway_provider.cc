// AWS::EC2::EIP, AWS::EC2::NatGateway and AWS::EC2::VPCEndpoint on EC2's address, NAT gateway
// and VPC endpoint operations (see ec2_network_provider.h).
#include "providers/ec2_provider_parts.h"

#include "services/backend.h"

#include <algorithm>

namespace cfnlocal::providers::ec2 {
namespace {

// ---- EIP ------------------------------------------------------------------------------------

Json create_eip(Call &call, Json p) {
  Json in = {{"Domain", text(p, "Domain").empty() ? "vpc" : text(p, "Domain")}};
  for (const char *m : {"NetworkBorderGroup", "PublicIpv4Pool", "Address", "IpamPoolId"})
    if (auto v = text(p, m); !v.empty())
      in[m] = v;
  if (Json specs = tag_specifications(p, "elastic-ip"); !specs.empty())
    in["TagSpecifications"] = specs;
  Json out = call.ec2("AllocateAddress", in);
  p["AllocationId"] = out.value("AllocationId", "");
  p["PublicIp"] = out.value("PublicIp", "");
  return p;
}

std::optional<Json> read_eip(Call &call, const std::string &id) {
  std::string allocation = split_id(id).second;
  auto a = describe_one(call, "DescribeAddresses", {{"AllocationIds", Json::array({allocation})}},
                        "Addresses");
  if (!a)
    return std::nullopt;
  Json model = {{"AllocationId", allocation},
                {"PublicIp", a->value("PublicIp", "")},
                {"Domain", a->value("Domain", "vpc")}};
  if (a->contains("NetworkBorderGroup"))
    model["NetworkBorderGroup"] = (*a)["NetworkBorderGroup"];
  if (a->contains("InstanceId"))
    model["InstanceId"] = (*a)["InstanceId"];
  if (Json tags = a->value("Tags", Json::array()); !tags.empty())
    model["Tags"] = tags;
  return model;
}

Json update_eip(Call &call, const std::string &id, const Json &previous, const Json &desired) {
  update_tags(call, split_id(id).second, previous, desired);
  return Json::object();
}

void remove_eip(Call &call, const std::string &id, const Json &) {
  call.ec2("ReleaseAddress", {{"AllocationId", split_id(id).second}});
}

// ---- NatGateway -----------------------------------------------------------------------------

Json create_nat(Call &call, Json p) {
  Json in = {{"SubnetId", text(p, "SubnetId")}};
  for (const char *m : {"AllocationId", "ConnectivityType", "PrivateIpAddress"})
    if (auto v = text(p, m); !v.empty())
      in[m] = v;
  if (Json specs = tag_specifications(p, "natgateway"); !specs.empty())
    in["TagSpecifications"] = specs;
  Json nat = call.ec2("CreateNatGateway", in).value("NatGateway", Json::object());
  p["NatGatewayId"] = nat.value("NatGatewayId", "");
  if (!p.contains("VpcId"))
    p["VpcId"] = nat.value("VpcId", "");
  for (const auto &a : nat.value("NatGatewayAddresses", Json::array()))
    if (a.contains("NetworkInterfaceId")) {
      p["EniId"] = a["NetworkInterfaceId"];
      break;
    }
  return p;
}

std::optional<Json> read_nat(Call &call, const std::string &id) {
  auto n = describe_one(call, "DescribeNatGateways", {{"NatGatewayIds", Json::array({id})}},
                        "NatGateways");
  if (!n || n->value("State", "") == "deleted" || n->value("State", "") == "deleting")
    return std::nullopt;
  Json model = {{"NatGatewayId", id},
                {"SubnetId", n->value("SubnetId", "")},
                {"VpcId", n->value("VpcId", "")},
                {"ConnectivityType", n->value("ConnectivityType", "public")}};
  for (const auto &a : n->value("NatGatewayAddresses", Json::array()))
    if (a.value("IsPrimary", true)) {
      if (a.contains("AllocationId"))
        model["AllocationId"] = a["AllocationId"];
      if (a.contains("NetworkInterfaceId"))
        model["EniId"] = a["NetworkInterfaceId"];
      if (a.contains("PrivateIp"))
        model["PrivateIpAddress"] = a["PrivateIp"];
      break;
    }
  if (Json tags = n->value("Tags", Json::array()); !tags.empty())
    model["Tags"] = tags;
  return model;
}

Json update_nat(Call &call, const std::string &id, const Json &previous, const Json &desired) {
  update_tags(call, id, previous, desired);
  return Json::object();
}

void remove_nat(Call &call, const std::string &id, const Json &) {
  if (!read_nat(call, id))
    throw services::ServiceError("NatGatewayNotFound", "NAT gateway " + id + " was not found");
  call.ec2("DeleteNatGateway", {{"NatGatewayId", id}});
}

// ---- VPCEndpoint ----------------------------------------------------------------------------

std::vector<std::string> ids_of(const Json &model, const char *member) {
  std::vector<std::string> out;
  if (auto it = model.find(member); it != model.end() && it->is_array())
    for (const auto &v : *it)
      out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}

// The policy as EC2 takes it: JSON text (CloudFormation gives an object or text).
std::string policy_of(const Json &model) {
  auto it = model.find("PolicyDocument");
  if (it == model.end() || it->is_null())
    return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

Json create_endpoint(Call &call, Json p) {
  Json in = {{"VpcId", text(p, "VpcId")}, {"ServiceName", text(p, "ServiceName")}};
  // Sent even when the template leaves CloudFormation's default (moto's delete needs it).
  std::string type = text(p, "VpcEndpointType");
  in["VpcEndpointType"] = type.empty() ? "Gateway" : type;
  for (const char *m : {"RouteTableIds", "SubnetIds", "SecurityGroupIds"})
    if (auto ids = ids_of(p, m); !ids.empty())
      in[m] = ids;
  if (auto policy = policy_of(p); !policy.empty())
    in["PolicyDocument"] = policy;
  if (auto v = flag(p, "PrivateDnsEnabled"))
    in["PrivateDnsEnabled"] = *v;
  if (auto v = text(p, "IpAddressType"); !v.empty())
    in["IpAddressType"] = v;
  if (Json specs = tag_specifications(p, "vpc-endpoint"); !specs.empty())
    in["TagSpecifications"] = specs;
  Json e = call.ec2("CreateVpcEndpoint", in).value("VpcEndpoint", Json::object());
  p["Id"] = e.value("VpcEndpointId", "");
  p["CreationTimestamp"] = e.value("CreationTimestamp", "");
  p["NetworkInterfaceIds"] = e.value("NetworkInterfaceIds", Json::array());
  Json dns = Json::array();
  for (const auto &d : e.value("DnsEntries", Json::array()))
    dns.push_back(d.value("HostedZoneId", "") + ":" + d.value("DnsName", ""));
  p["DnsEntries"] = dns;
  return p;
}

std::optional<Json> read_endpoint(Call &call, const std::string &id) {
  auto e = describe_one(call, "DescribeVpcEndpoints", {{"VpcEndpointIds", Json::array({id})}},
                        "VpcEndpoints");
  if (!e || e->value("State", "") == "deleted")
    return std::nullopt;
  Json model = {{"Id", id},
                {"VpcId", e->value("VpcId", "")},
                {"ServiceName", e->value("ServiceName", "")},
                {"VpcEndpointType", e->value("VpcEndpointType", "")},
                {"PrivateDnsEnabled", e->value("PrivateDnsEnabled", false)},
                {"RouteTableIds", e->value("RouteTableIds", Json::array())},
                {"SubnetIds", e->value("SubnetIds", Json::array())},
                {"NetworkInterfaceIds", e->value("NetworkInterfaceIds", Json::array())},
                {"CreationTimestamp", e->value("CreationTimestamp", "")}};
  Json groups = Json::array();
  for (const auto &g : e->value("Groups", Json::array()))
    groups.push_back(g.value("GroupId", ""));
  model["SecurityGroupIds"] = groups;
  if (e->contains("PolicyDocument") && (*e)["PolicyDocument"].is_string() &&
      Json::accept((*e)["PolicyDocument"].get<std::string>()))
    model["PolicyDocument"] = Json::parse((*e)["PolicyDocument"].get<std::string>());
  Json dns = Json::array();
  for (const auto &d : e->value("DnsEntries", Json::array()))
    dns.push_back(d.value("HostedZoneId", "") + ":" + d.value("DnsName", ""));
  model["DnsEntries"] = dns;
  if (Json tags = e->value("Tags", Json::array()); !tags.empty())
    model["Tags"] = tags;
  return model;
}

// Added and removed members of a list property, as ModifyVpcEndpoint's Add*/Remove* members.
void list_change(Json &in, const Json &previous, const Json &desired, const char *member,
                 const char *add, const char *remove) {
  auto before = ids_of(previous, member), after = ids_of(desired, member);
  Json added = Json::array(), removed = Json::array();
  for (const auto &id : after)
    if (std::find(before.begin(), before.end(), id) == before.end())
      added.push_back(id);
  for (const auto &id : before)
    if (std::find(after.begin(), after.end(), id) == after.end())
      removed.push_back(id);
  if (!added.empty())
    in[add] = added;
  if (!removed.empty())
    in[remove] = removed;
}

Json update_endpoint(Call &call, const std::string &id, const Json &previous, const Json &desired) {
  Json in = {{"VpcEndpointId", id}};
  list_change(in, previous, desired, "RouteTableIds", "AddRouteTableIds", "RemoveRouteTableIds");
  list_change(in, previous, desired, "SubnetIds", "AddSubnetIds", "RemoveSubnetIds");
  list_change(in, previous, desired, "SecurityGroupIds", "AddSecurityGroupIds",
              "RemoveSecurityGroupIds");
  std::string policy = policy_of(desired);
  if (policy != policy_of(previous)) {
    if (policy.empty())
      in["ResetPolicy"] = true;
    else
      in["PolicyDocument"] = policy;
  }
  if (flag(desired, "PrivateDnsEnabled") != flag(previous, "PrivateDnsEnabled") &&
      flag(desired, "PrivateDnsEnabled"))
    in["PrivateDnsEnabled"] = *flag(desired, "PrivateDnsEnabled");
  if (in.size() > 1)
    call.ec2("ModifyVpcEndpoint", in);
  update_tags(call, id, previous, desired);
  Json changed = Json::object();
  if (auto now = read_endpoint(call, id))
    changed["NetworkInterfaceIds"] = (*now)["NetworkInterfaceIds"];
  return changed;
}

void remove_endpoint(Call &call, const std::string &id, const Json &) {
  Json out = call.ec2("DeleteVpcEndpoints", {{"VpcEndpointIds", Json::array({id})}});
  for (const auto &u : out.value("Unsuccessful", Json::array())) {
    Json error = u.value("Error", Json::object());
    throw services::ServiceError(
        error.value("Code", "InvalidVpcEndpoint.NotFound"),
        error.value("Message", "The Vpc Endpoint Id '" + id + "' does not exist"));
  }
}

} // namespace

const TypeSteps &eip_steps() {
  static const TypeSteps steps{create_eip, read_eip, update_eip, remove_eip};
  return steps;
}
const TypeSteps &nat_gateway_steps() {
  static const TypeSteps steps{create_nat, read_nat, update_nat, remove_nat};
  return steps;
}
const TypeSteps &vpc_endpoint_steps() {
  static const TypeSteps steps{create_endpoint, read_endpoint, update_endpoint, remove_endpoint};
  return steps;
}

} // namespace cfnlocal::providers::ec2
