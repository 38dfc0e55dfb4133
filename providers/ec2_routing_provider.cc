// AWS::EC2::InternetGateway, AWS::EC2::VPCGatewayAttachment, AWS::EC2::RouteTable,
// AWS::EC2::Route and AWS::EC2::SubnetRouteTableAssociation on EC2's gateway and route table
// operations (see ec2_network_provider.h).
#include "providers/ec2_provider_parts.h"

#include "services/backend.h"

#include <fmt/format.h>

namespace cfnlocal::providers::ec2 {
namespace {

Json filter(const char *name, const std::string &value) {
  return Json::array({{{"Name", name}, {"Values", Json::array({value})}}});
}

// ---- InternetGateway ------------------------------------------------------------------------

Json create_igw(Call &call, Json p) {
  Json in = Json::object();
  if (Json specs = tag_specifications(p, "internet-gateway"); !specs.empty())
    in["TagSpecifications"] = specs;
  p["InternetGatewayId"] =
      call.ec2("CreateInternetGateway", in)["InternetGateway"].value("InternetGatewayId", "");
  return p;
}

std::optional<Json> read_igw(Call &call, const std::string &id) {
  auto g = describe_one(call, "DescribeInternetGateways",
                        {{"InternetGatewayIds", Json::array({id})}}, "InternetGateways");
  if (!g)
    return std::nullopt;
  Json model = {{"InternetGatewayId", id}};
  if (Json tags = g->value("Tags", Json::array()); !tags.empty())
    model["Tags"] = tags;
  return model;
}

Json update_igw(Call &call, const std::string &id, const Json &previous, const Json &desired) {
  update_tags(call, id, previous, desired);
  return Json::object();
}

void remove_igw(Call &call, const std::string &id, const Json &) {
  call.ec2("DeleteInternetGateway", {{"InternetGatewayId", id}});
}

// ---- VPCGatewayAttachment (internet gateways) -----------------------------------------------

Json create_attachment(Call &call, Json p) {
  call.ec2("AttachInternetGateway",
           {{"InternetGatewayId", text(p, "InternetGatewayId")}, {"VpcId", text(p, "VpcId")}});
  p["AttachmentType"] = "IGW";
  return p;
}

// The internet gateway attached to the VPC of physical ID "IGW|VPC".
std::optional<Json> attached_gateway(Call &call, const std::string &physical_id) {
  std::string vpc = split_id(physical_id).second;
  return describe_one(call, "DescribeInternetGateways",
                      {{"Filters", filter("attachment.vpc-id", vpc)}}, "InternetGateways");
}

std::optional<Json> read_attachment(Call &call, const std::string &id) {
  auto g = attached_gateway(call, id);
  if (!g)
    return std::nullopt;
  return Json{{"AttachmentType", "IGW"},
              {"VpcId", split_id(id).second},
              {"InternetGatewayId", g->value("InternetGatewayId", "")}};
}

Json update_attachment(Call &call, const std::string &id, const Json &previous,
                       const Json &desired) {
  std::string before = text(previous, "InternetGatewayId");
  std::string after = text(desired, "InternetGatewayId");
  std::string vpc = split_id(id).second;
  if (before != after) {
    call.ec2("DetachInternetGateway", {{"InternetGatewayId", before}, {"VpcId", vpc}});
    call.ec2("AttachInternetGateway", {{"InternetGatewayId", after}, {"VpcId", vpc}});
  }
  return Json::object();
}

void remove_attachment(Call &call, const std::string &id, const Json &model) {
  std::string igw = text(model, "InternetGatewayId");
  if (igw.empty())
    if (auto g = attached_gateway(call, id))
      igw = g->value("InternetGatewayId", "");
  call.ec2("DetachInternetGateway", {{"InternetGatewayId", igw}, {"VpcId", split_id(id).second}});
}

// ---- RouteTable -----------------------------------------------------------------------------

Json create_route_table(Call &call, Json p) {
  Json in = {{"VpcId", text(p, "VpcId")}};
  if (Json specs = tag_specifications(p, "route-table"); !specs.empty())
    in["TagSpecifications"] = specs;
  p["RouteTableId"] = call.ec2("CreateRouteTable", in)["RouteTable"].value("RouteTableId", "");
  return p;
}

std::optional<Json> describe_table(Call &call, const std::string &id) {
  return describe_one(call, "DescribeRouteTables", {{"RouteTableIds", Json::array({id})}},
                      "RouteTables");
}

std::optional<Json> read_route_table(Call &call, const std::string &id) {
  auto t = describe_table(call, id);
  if (!t)
    return std::nullopt;
  Json model = {{"RouteTableId", id}, {"VpcId", t->value("VpcId", "")}};
  if (Json tags = t->value("Tags", Json::array()); !tags.empty())
    model["Tags"] = tags;
  return model;
}

Json update_route_table(Call &call, const std::string &id, const Json &previous,
                        const Json &desired) {
  update_tags(call, id, previous, desired);
  return Json::object();
}

void remove_route_table(Call &call, const std::string &id, const Json &) {
  call.ec2("DeleteRouteTable", {{"RouteTableId", id}});
}

// ---- Route ----------------------------------------------------------------------------------

constexpr const char *kDestinations[] = {"DestinationCidrBlock", "DestinationIpv6CidrBlock",
                                         "DestinationPrefixListId"};
constexpr const char *kTargets[] = {"GatewayId",
                                    "NatGatewayId",
                                    "InstanceId",
                                    "NetworkInterfaceId",
                                    "VpcPeeringConnectionId",
                                    "TransitGatewayId",
                                    "VpcEndpointId",
                                    "EgressOnlyInternetGatewayId",
                                    "CarrierGatewayId",
                                    "LocalGatewayId",
                                    "CoreNetworkArn"};

Json route_input(const Json &p) {
  Json in = {{"RouteTableId", text(p, "RouteTableId")}};
  for (const char *m : kDestinations)
    if (auto v = text(p, m); !v.empty())
      in[m] = v;
  for (const char *m : kTargets)
    if (auto v = text(p, m); !v.empty())
      in[m] = v;
  return in;
}

std::string destination_of(const Json &route) {
  for (const char *m : kDestinations)
    if (auto v = text(route, m); !v.empty())
      return v;
  return "";
}

Json create_route(Call &call, Json p) {
  Json in = route_input(p);
  call.ec2("CreateRoute", in);
  std::string destination = destination_of(in);
  p["CidrBlock"] = destination;
  return p;
}

std::optional<Json> read_route(Call &call, const std::string &id) {
  auto [table_id, destination] = split_id(id);
  auto t = describe_table(call, table_id);
  if (!t)
    return std::nullopt;
  for (const auto &r : t->value("Routes", Json::array())) {
    if (destination_of(r) != destination)
      continue;
    Json model = {{"RouteTableId", table_id}, {"CidrBlock", destination}};
    for (const char *m : kDestinations)
      if (r.contains(m))
        model[m] = r[m];
    for (const char *m : kTargets)
      if (r.contains(m))
        model[m] = r[m];
    return model;
  }
  return std::nullopt;
}

Json update_route(Call &call, const std::string &, const Json &, const Json &desired) {
  call.ec2("ReplaceRoute", route_input(desired));
  return Json::object();
}

void remove_route(Call &call, const std::string &id, const Json &model) {
  Json in = {{"RouteTableId", split_id(id).first}};
  bool any = false;
  for (const char *m : kDestinations)
    if (auto v = text(model, m); !v.empty()) {
      in[m] = v;
      any = true;
    }
  if (!any)
    in[split_id(id).second.find(':') != std::string::npos ? "DestinationIpv6CidrBlock"
                                                          : "DestinationCidrBlock"] =
        split_id(id).second;
  call.ec2("DeleteRoute", in);
}

// ---- SubnetRouteTableAssociation ------------------------------------------------------------

Json create_association(Call &call, Json p) {
  p["Id"] = call.ec2("AssociateRouteTable",
                     {{"RouteTableId", text(p, "RouteTableId")}, {"SubnetId", text(p, "SubnetId")}})
                .value("AssociationId", "");
  return p;
}

std::optional<Json> read_association(Call &call, const std::string &id) {
  auto t = describe_one(call, "DescribeRouteTables",
                        {{"Filters", filter("association.route-table-association-id", id)}},
                        "RouteTables");
  if (!t)
    return std::nullopt;
  for (const auto &a : t->value("Associations", Json::array()))
    if (a.value("RouteTableAssociationId", "") == id)
      return Json{{"Id", id},
                  {"RouteTableId", t->value("RouteTableId", "")},
                  {"SubnetId", a.value("SubnetId", "")}};
  return std::nullopt;
}

Json update_association(Call &, const std::string &, const Json &, const Json &) {
  return Json::object(); // every property is createOnly
}

void remove_association(Call &call, const std::string &id, const Json &) {
  call.ec2("DisassociateRouteTable", {{"AssociationId", id}});
}

} // namespace

const TypeSteps &internet_gateway_steps() {
  static const TypeSteps steps{create_igw, read_igw, update_igw, remove_igw};
  return steps;
}
const TypeSteps &gateway_attachment_steps() {
  static const TypeSteps steps{create_attachment, read_attachment, update_attachment,
                               remove_attachment};
  return steps;
}
const TypeSteps &route_table_steps() {
  static const TypeSteps steps{create_route_table, read_route_table, update_route_table,
                               remove_route_table};
  return steps;
}
const TypeSteps &route_steps() {
  static const TypeSteps steps{create_route, read_route, update_route, remove_route};
  return steps;
}
const TypeSteps &subnet_route_table_association_steps() {
  static const TypeSteps steps{create_association, read_association, update_association,
                               remove_association};
  return steps;
}

} // namespace cfnlocal::providers::ec2
