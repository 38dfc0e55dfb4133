// Route tables, routes and route table associations (Amazon EC2 API Reference:
// CreateRouteTable, DescribeRouteTables, DeleteRouteTable, CreateRoute, ReplaceRoute,
// DeleteRoute, AssociateRouteTable, DisassociateRouteTable, ReplaceRouteTableAssociation).
//
// Enforced as EC2 does: exactly one destination and one target per route, targets that exist
// (an internet gateway attached to the table's VPC, a NAT gateway or endpoint in it, a peering
// connection of it that is not deleted, rejected or failed),
// RouteAlreadyExists for a destination the table already routes, the local routes and the main
// table's association left alone, one explicit association per subnet
// (Resource.AlreadyAssociated), subnets and tables of the same VPC, and DependencyViolation for
// a table that still has associations.
#include "services/embedded/ec2_common.h"

#include <fmt/format.h>

namespace cfnlocal::services::embedded::ec2 {
namespace {

std::optional<std::vector<std::string>> table_filter(const Json &t, std::string_view name) {
  using V = std::vector<std::string>;
  if (name == "route-table-id")
    return V{t.value("RouteTableId", "")};
  if (name == "vpc-id")
    return V{t.value("VpcId", "")};
  V out;
  if (name == "association.subnet-id" || name == "association.route-table-association-id" ||
      name == "association.main" || name == "association.gateway-id") {
    for (const auto &a : t.value("Associations", Json::array())) {
      if (name == "association.subnet-id" && a.contains("SubnetId"))
        out.push_back(a["SubnetId"]);
      if (name == "association.gateway-id" && a.contains("GatewayId"))
        out.push_back(a["GatewayId"]);
      if (name == "association.route-table-association-id")
        out.push_back(a.value("RouteTableAssociationId", ""));
      if (name == "association.main")
        out.push_back(a.value("Main", false) ? "true" : "false");
    }
    return out;
  }
  if (name == "route.destination-cidr-block" || name == "route.gateway-id" ||
      name == "route.nat-gateway-id" || name == "route.vpc-peering-connection-id" ||
      name == "route.state") {
    std::string member = name == "route.destination-cidr-block" ? "DestinationCidrBlock"
                         : name == "route.gateway-id"           ? "GatewayId"
                         : name == "route.nat-gateway-id"       ? "NatGatewayId"
                         : name == "route.state"                ? "State"
                                                                : "VpcPeeringConnectionId";
    for (const auto &r : t.value("Routes", Json::array()))
      if (r.contains(member))
        out.push_back(r[member]);
    return out;
  }
  return std::nullopt;
}

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
constexpr const char *kDestinations[] = {"DestinationCidrBlock", "DestinationIpv6CidrBlock",
                                         "DestinationPrefixListId"};

// The route an input describes: its destination member and value, and its target, checked.
Json route_of(Context &c, const Json &input, const Json &table) {
  Json route = Json::object();
  int destinations = 0;
  for (const char *m : kDestinations)
    if (auto v = optional_string(input, m)) {
      ++destinations;
      route[m] = *v;
    }
  if (destinations != 1)
    fail("InvalidParameterCombination",
         "The request must contain exactly one of: destinationCidrBlock, "
         "destinationIpv6CidrBlock, destinationPrefixListId");
  if (route.contains("DestinationCidrBlock")) {
    std::string text = route["DestinationCidrBlock"];
    auto cidr = parse_cidr4(text, false);
    if (!cidr)
      invalid_value("destinationCidrBlock", text, "This is not a valid CIDR block.");
    route["DestinationCidrBlock"] = Cidr4{cidr->first(), cidr->prefix}.text();
  }
  if (route.contains("DestinationIpv6CidrBlock") &&
      !parse_cidr6(route["DestinationIpv6CidrBlock"].get<std::string>()))
    invalid_value("destinationIpv6CidrBlock", route["DestinationIpv6CidrBlock"].get<std::string>(),
                  "This is not a valid IPv6 CIDR block.");
  int targets = 0;
  for (const char *m : kTargets)
    if (auto v = optional_string(input, m)) {
      ++targets;
      route[m] = *v;
    }
  if (targets != 1)
    fail("InvalidParameterCombination",
         "The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId, "
         "vpcPeeringConnectionId, egressOnlyInternetGatewayId, transitGatewayId, "
         "localGatewayId, carrierGatewayId, instanceId, vpcEndpointId or coreNetworkArn");
  std::string vpc = table["VpcId"];
  if (auto gw = optional_string(input, "GatewayId")) {
    if (gw->starts_with("igw-")) {
      auto igw = find(c, "internet-gateway", *gw);
      if (!igw)
        fail("InvalidGatewayID.NotFound", fmt::format("The gateway ID '{}' does not exist", *gw));
      bool attached = false;
      for (const auto &a : (*igw)["Attachments"])
        attached = attached || a.value("VpcId", "") == vpc;
      if (!attached)
        fail("InvalidParameterValue",
             fmt::format("route table {} and network gateway {} belong to different networks",
                         table["RouteTableId"].get<std::string>(), *gw));
    } else if (gw->starts_with("vpce-")) {
      auto e = find(c, "vpc-endpoint", *gw);
      if (!e || e->value("VpcId", "") != vpc)
        fail("InvalidGatewayID.NotFound", fmt::format("The gateway ID '{}' does not exist", *gw));
    } else if (!gw->starts_with("vgw-")) {
      // Virtual private gateways are not modelled here; any other id is malformed.
      fail("InvalidGatewayID.NotFound", fmt::format("The gateway ID '{}' does not exist", *gw));
    }
  }
  if (auto nat = optional_string(input, "NatGatewayId")) {
    auto n = find(c, "nat-gateway", *nat);
    if (!n || n->value("State", "") == "deleted")
      fail("InvalidNatGatewayID.NotFound",
           fmt::format("The natGateway ID '{}' does not exist", *nat));
    if (n->value("VpcId", "") != vpc)
      fail("InvalidParameterValue",
           fmt::format("route table {} and NAT gateway {} belong to different networks",
                       table["RouteTableId"].get<std::string>(), *nat));
  }
  if (auto e = optional_string(input, "VpcEndpointId")) {
    auto endpoint = find(c, "vpc-endpoint", *e);
    if (!endpoint || endpoint->value("VpcId", "") != vpc)
      fail("InvalidVpcEndpointId.NotFound",
           fmt::format("The Vpc Endpoint Id '{}' does not exist", *e));
  }
  if (auto pcx = optional_string(input, "VpcPeeringConnectionId")) {
    // A connection of the table's VPC (either side) that is not over.
    auto p = find(c, "vpc-peering-connection", *pcx);
    std::string status = p ? (*p)["Status"].value("Code", "") : "";
    if (!p || status == "deleted" || status == "rejected" || status == "failed" ||
        status == "expired")
      fail("InvalidVpcPeeringConnectionID.NotFound",
           fmt::format("The vpcPeeringConnection ID '{}' does not exist", *pcx));
    if ((*p)["RequesterVpcInfo"].value("VpcId", "") != vpc &&
        (*p)["AccepterVpcInfo"].value("VpcId", "") != vpc)
      fail("InvalidParameterValue",
           fmt::format("route table {} and peering connection {} belong to different networks",
                       table["RouteTableId"].get<std::string>(), *pcx));
  }
  route["Origin"] = "CreateRoute";
  route["State"] = "active";
  return route;
}

std::string destination_of(const Json &route) {
  for (const char *m : kDestinations)
    if (route.contains(m))
      return route[m];
  return "";
}

Json create_route_table(Context &c, const Json &input) {
  std::string vpc = required(input, "VpcId");
  Json v = load(c, "vpc", vpc);
  std::string id = new_id("rtb");
  Json routes = Json::array();
  for (const auto &a : v["CidrBlockAssociationSet"])
    routes.push_back({{"DestinationCidrBlock", a["CidrBlock"]},
                      {"GatewayId", "local"},
                      {"Origin", "CreateRouteTable"},
                      {"State", "active"}});
  for (const auto &a : v["Ipv6CidrBlockAssociationSet"])
    routes.push_back({{"DestinationIpv6CidrBlock", a["Ipv6CidrBlock"]},
                      {"GatewayId", "local"},
                      {"Origin", "CreateRouteTable"},
                      {"State", "active"}});
  Json table = {{"Associations", Json::array()},
                {"PropagatingVgws", Json::array()},
                {"RouteTableId", id},
                {"Routes", routes},
                {"Tags", tags_for(input, "route-table")},
                {"VpcId", vpc},
                {"OwnerId", c.account}};
  save(c, "route-table", id, table);
  return {{"RouteTable", shown(table)}};
}

Json describe_route_tables(Context &c, const Json &input) {
  Json out = Json::array();
  for (const auto &t : describe(c, "route-table", input, "RouteTableIds", table_filter))
    out.push_back(shown(t));
  return {{"RouteTables", out}};
}

Json delete_route_table(Context &c, const Json &input) {
  std::string id = required(input, "RouteTableId");
  Json table = load(c, "route-table", id);
  if (!table["Associations"].empty())
    fail("DependencyViolation",
         fmt::format("The routeTable '{}' has dependencies and cannot be deleted.", id));
  erase(c, "route-table", id);
  return Json::object();
}

Json create_route(Context &c, const Json &input) {
  std::string id = required(input, "RouteTableId");
  Json table = load(c, "route-table", id);
  Json route = route_of(c, input, table);
  std::string destination = destination_of(route);
  for (const auto &r : table["Routes"])
    if (destination_of(r) == destination)
      fail("RouteAlreadyExists",
           fmt::format("The route identified by {} already exists.", destination));
  table["Routes"].push_back(route);
  save(c, "route-table", id, table);
  return {{"Return", true}};
}

// The index of the route to `destination` in `table`, or EC2's error.
size_t route_index(const Json &table, const Json &input) {
  std::string destination;
  for (const char *m : kDestinations)
    if (auto v = optional_string(input, m))
      destination = *v;
  if (destination.empty())
    fail("MissingParameter", "The request must contain the parameter destinationCidrBlock");
  if (auto cidr = parse_cidr4(destination, false))
    destination = Cidr4{cidr->first(), cidr->prefix}.text();
  const Json &routes = table["Routes"];
  for (size_t i = 0; i < routes.size(); ++i)
    if (destination_of(routes[i]) == destination) {
      if (routes[i].value("GatewayId", "") == "local")
        fail("InvalidParameterValue",
             fmt::format("cannot remove local route {} in route table {}", destination,
                         table["RouteTableId"].get<std::string>()));
      return i;
    }
  fail("InvalidRoute.NotFound",
       fmt::format("no route with destination-cidr-block {} in route table {}", destination,
                   table["RouteTableId"].get<std::string>()));
}

Json replace_route(Context &c, const Json &input) {
  std::string id = required(input, "RouteTableId");
  Json table = load(c, "route-table", id);
  size_t i = route_index(table, input);
  table["Routes"][i] = route_of(c, input, table);
  save(c, "route-table", id, table);
  return Json::object();
}

Json delete_route(Context &c, const Json &input) {
  std::string id = required(input, "RouteTableId");
  Json table = load(c, "route-table", id);
  size_t i = route_index(table, input);
  table["Routes"].erase(table["Routes"].begin() + static_cast<long>(i));
  save(c, "route-table", id, table);
  return Json::object();
}

Json associate_route_table(Context &c, const Json &input) {
  std::string id = required(input, "RouteTableId");
  Json table = load(c, "route-table", id);
  Json association = {{"Main", false},
                      {"RouteTableAssociationId", new_id("rtbassoc")},
                      {"RouteTableId", id},
                      {"AssociationState", {{"State", "associated"}}}};
  if (auto subnet_id = optional_string(input, "SubnetId")) {
    Json subnet = load(c, "subnet", *subnet_id);
    if (subnet["VpcId"] != table["VpcId"])
      fail(
          "InvalidParameterValue",
          fmt::format("Route table {} and subnet {} belong to different networks", id, *subnet_id));
    for (const auto &t : all(c, "route-table"))
      for (const auto &a : t["Associations"])
        if (a.value("SubnetId", "") == *subnet_id) {
          if (t["RouteTableId"] == id)
            return {{"AssociationId", a["RouteTableAssociationId"]},
                    {"AssociationState", a["AssociationState"]}};
          fail("Resource.AlreadyAssociated",
               fmt::format("the specified association for route table {} conflicts with an "
                           "existing association",
                           id));
        }
    association["SubnetId"] = *subnet_id;
  } else if (auto gateway = optional_string(input, "GatewayId")) {
    auto igw = find(c, "internet-gateway", *gateway);
    if (!igw)
      fail("InvalidGatewayID.NotFound",
           fmt::format("The gateway ID '{}' does not exist", *gateway));
    association["GatewayId"] = *gateway;
  } else {
    fail("MissingParameter", "The request must contain the parameter subnetId or gatewayId");
  }
  table["Associations"].push_back(association);
  save(c, "route-table", id, table);
  return {{"AssociationId", association["RouteTableAssociationId"]},
          {"AssociationState", association["AssociationState"]}};
}

// The table holding association `id`, and the association's index in it.
std::pair<Json, size_t> association_of(Context &c, const std::string &id) {
  for (auto &t : all(c, "route-table")) {
    const Json &assoc = t["Associations"];
    for (size_t i = 0; i < assoc.size(); ++i)
      if (assoc[i].value("RouteTableAssociationId", "") == id)
        return {t, i};
  }
  fail("InvalidAssociationID.NotFound", fmt::format("The association ID '{}' does not exist", id));
}

Json disassociate_route_table(Context &c, const Json &input) {
  std::string id = required(input, "AssociationId");
  auto [table, i] = association_of(c, id);
  if (table["Associations"][i].value("Main", false))
    fail("InvalidParameterValue",
         fmt::format("cannot disassociate the main route table association {}", id));
  table["Associations"].erase(table["Associations"].begin() + static_cast<long>(i));
  save(c, "route-table", table["RouteTableId"].get<std::string>(), table);
  return Json::object();
}

Json replace_route_table_association(Context &c, const Json &input) {
  std::string id = required(input, "AssociationId");
  std::string target = required(input, "RouteTableId");
  Json to = load(c, "route-table", target);
  auto [from, i] = association_of(c, id);
  if (from["VpcId"] != to["VpcId"])
    fail("InvalidParameterValue",
         fmt::format("Route table {} belongs to a different network", target));
  Json association = from["Associations"][i];
  from["Associations"].erase(from["Associations"].begin() + static_cast<long>(i));
  save(c, "route-table", from["RouteTableId"].get<std::string>(), from);
  if (target == from["RouteTableId"])
    to = from;
  if (association.value("Main", false)) {
    // The main table moves: the old one is no longer the VPC's main table.
    from["_Main"] = false;
    save(c, "route-table", from["RouteTableId"].get<std::string>(), from);
    to["_Main"] = true;
  }
  association["RouteTableAssociationId"] = new_id("rtbassoc");
  association["RouteTableId"] = target;
  to["Associations"].push_back(association);
  save(c, "route-table", target, to);
  return {{"NewAssociationId", association["RouteTableAssociationId"]},
          {"AssociationState", association["AssociationState"]}};
}

} // namespace

const HandlerTable &routing_handlers() {
  static const HandlerTable table = {
      {"CreateRouteTable", create_route_table},
      {"DescribeRouteTables", describe_route_tables},
      {"DeleteRouteTable", delete_route_table},
      {"CreateRoute", create_route},
      {"ReplaceRoute", replace_route},
      {"DeleteRoute", delete_route},
      {"AssociateRouteTable", associate_route_table},
      {"DisassociateRouteTable", disassociate_route_table},
      {"ReplaceRouteTableAssociation", replace_route_table_association},
  };
  return table;
}

} // namespace cfnlocal::services::embedded::ec2
