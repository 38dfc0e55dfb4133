// AWS::EC2::VPCPeeringConnection on EC2's peering operations (see ec2_network_provider.h).
#include "providers/ec2_provider_parts.h"

#include "services/backend.h"

namespace cfnlocal::providers::ec2 {
namespace {

// A connection between VPCs of the stack's own account and region is accepted by the handler
// once requested, as CloudFormation does; one to another account or region waits for its
// accepter there (PeerRoleArn names the role CloudFormation would assume to accept it: no other
// account is reachable from here, so the connection stays pending-acceptance).
Json create_peering(Call &call, Json p) {
  Json in = {{"VpcId", text(p, "VpcId")}, {"PeerVpcId", text(p, "PeerVpcId")}};
  std::string owner = text(p, "PeerOwnerId");
  std::string region = text(p, "PeerRegion");
  if (!owner.empty())
    in["PeerOwnerId"] = owner;
  if (!region.empty())
    in["PeerRegion"] = region;
  if (Json specs = tag_specifications(p, "vpc-peering-connection"); !specs.empty())
    in["TagSpecifications"] = specs;
  Json c = call.ec2("CreateVpcPeeringConnection", in).value("VpcPeeringConnection", Json::object());
  std::string id = c.value("VpcPeeringConnectionId", "");
  p["Id"] = id;
  auto now =
      describe_one(call, "DescribeVpcPeeringConnections",
                   {{"VpcPeeringConnectionIds", Json::array({id})}}, "VpcPeeringConnections");
  Json status = now ? now->value("Status", Json::object()) : Json::object();
  // A failed request stays listed as failed (EC2 cleans it up): nothing to delete.
  if (status.value("Code", "") == "failed") {
    throw services::ServiceError("InvalidParameterValue",
                                 "VPC peering connection " + id +
                                     " failed: " + status.value("Message", ""));
  }
  bool local = (owner.empty() || owner == call.backend.account_id()) &&
               (region.empty() || region == call.backend.region());
  if (local)
    call.ec2("AcceptVpcPeeringConnection", {{"VpcPeeringConnectionId", id}});
  return p;
}

std::optional<Json> read_peering(Call &call, const std::string &id) {
  auto c = describe_one(call, "DescribeVpcPeeringConnections",
                        {{"VpcPeeringConnectionIds", Json::array({id})}}, "VpcPeeringConnections");
  if (!c)
    return std::nullopt;
  std::string status = (*c)["Status"].value("Code", "");
  if (status == "deleted" || status == "rejected" || status == "failed" || status == "expired")
    return std::nullopt;
  const Json &requester = (*c)["RequesterVpcInfo"];
  const Json &accepter = (*c)["AccepterVpcInfo"];
  Json model = {{"Id", id},
                {"VpcId", requester.value("VpcId", "")},
                {"PeerVpcId", accepter.value("VpcId", "")},
                {"PeerOwnerId", accepter.value("OwnerId", "")},
                {"PeerRegion", accepter.value("Region", "")}};
  if (Json tags = c->value("Tags", Json::array()); !tags.empty())
    model["Tags"] = tags;
  return model;
}

Json update_peering(Call &call, const std::string &id, const Json &previous, const Json &desired) {
  update_tags(call, id, previous, desired);
  return Json::object();
}

void remove_peering(Call &call, const std::string &id, const Json &) {
  try {
    call.ec2("DeleteVpcPeeringConnection", {{"VpcPeeringConnectionId", id}});
  } catch (const services::ServiceError &e) {
    // Already over (deleted, rejected by its accepter, failed): nothing is left to delete.
    if (e.code() != "InvalidStateTransition")
      throw;
  }
}

} // namespace

const TypeSteps &vpc_peering_connection_steps() {
  static const TypeSteps steps{create_peering, read_peering, update_peering, remove_peering};
  return steps;
}

} // namespace cfnlocal::providers::ec2
