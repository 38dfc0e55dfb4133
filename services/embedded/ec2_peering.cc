// VPC peering connections (Amazon EC2 API Reference: CreateVpcPeeringConnection,
// AcceptVpcPeeringConnection, RejectVpcPeeringConnection, DeleteVpcPeeringConnection,
// DescribeVpcPeeringConnections, ModifyVpcPeeringConnectionOptions; Amazon VPC Peering Guide,
// "VPC peering connection lifecycle").
//
// The lifecycle as AWS runs it: a request between two VPCs of this account and region is
// checked at once (the peer VPC exists; CIDR blocks that overlap fail the request, which stays
// listed as "failed"), then waits in pending-acceptance, for seven days at most, until the
// accepter accepts (active) or rejects it (rejected); either side deletes it (deleted). A request
// to another account or region cannot be checked here and waits in pending-acceptance: only its
// accepter, which is not this account and region, could accept it. Routes through a deleted
// connection become blackholes.
#include "services/embedded/ec2_common.h"
#include "services/embedded/shape_checks.h"

#include <fmt/format.h>

#include <chrono>

namespace cfnlocal::services::embedded::ec2 {
namespace {

constexpr std::string_view kKind = "vpc-peering-connection";

Json default_options() {
  return {{"AllowDnsResolutionFromRemoteVpc", false},
          {"AllowEgressFromLocalClassicLinkToRemoteVpc", false},
          {"AllowEgressFromLocalVpcToRemoteClassicLink", false}};
}

// The side of a connection that a VPC of this account and region is: its CIDR blocks and
// options (VpcPeeringConnectionVpcInfo).
Json local_info(Context &c, const Json &vpc) {
  Json blocks = Json::array(), v6 = Json::array();
  for (const auto &a : vpc.value("CidrBlockAssociationSet", Json::array()))
    if (a["CidrBlockState"].value("State", "") == "associated")
      blocks.push_back({{"CidrBlock", a["CidrBlock"]}});
  for (const auto &a : vpc.value("Ipv6CidrBlockAssociationSet", Json::array()))
    if (a["Ipv6CidrBlockState"].value("State", "") == "associated")
      v6.push_back({{"Ipv6CidrBlock", a["Ipv6CidrBlock"]}});
  Json info = {{"CidrBlock", vpc["CidrBlock"]},
               {"CidrBlockSet", blocks},
               {"OwnerId", c.account},
               {"VpcId", vpc["VpcId"]},
               {"Region", c.region}};
  if (!v6.empty())
    info["Ipv6CidrBlockSet"] = v6;
  return info;
}

bool cidrs_overlap(const Json &a, const Json &b) {
  for (const auto &x : a.value("CidrBlockSet", Json::array()))
    for (const auto &y : b.value("CidrBlockSet", Json::array())) {
      auto cx = parse_cidr4(x.value("CidrBlock", ""));
      auto cy = parse_cidr4(y.value("CidrBlock", ""));
      if (cx && cy && cx->overlaps(*cy))
        return true;
    }
  return false;
}

std::string status_of(const Json &p) { return p["Status"].value("Code", ""); }

void set_status(Json &p, std::string_view code, std::string message) {
  p["Status"] = {{"Code", code}, {"Message", std::move(message)}};
}

std::string in_days(int days) {
  auto t = std::chrono::system_clock::now() + std::chrono::hours(24 * days);
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.000Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

// Whether this account and region are the connection's accepter.
bool accepter_is_here(const Context &c, const Json &p) {
  return p["AccepterVpcInfo"].value("OwnerId", "") == c.account &&
         p["AccepterVpcInfo"].value("Region", "") == c.region;
}

[[noreturn]] void bad_transition(const std::string &id, const std::string &from,
                                 std::string_view to) {
  fail("InvalidStateTransition",
       fmt::format("Invalid state transition for {}, attempted to transition from {} to {}", id,
                   from, to));
}

Json create_connection(Context &c, const Json &input) {
  std::string vpc_id = required(input, "VpcId");
  Json vpc = load(c, "vpc", vpc_id);
  std::string peer_vpc = required(input, "PeerVpcId");
  std::string peer_owner = optional_string(input, "PeerOwnerId").value_or(c.account);
  std::string peer_region = optional_string(input, "PeerRegion").value_or(c.region);
  if (peer_owner.size() != 12 || peer_owner.find_first_not_of("0123456789") != std::string::npos)
    invalid_value("peerOwnerId", peer_owner, "The account ID must be 12 digits.");
  if (!peer_vpc.starts_with("vpc-"))
    fail("InvalidVpcID.Malformed", fmt::format("Invalid id: \"{}\"", peer_vpc));
  if (peer_vpc == vpc_id && peer_owner == c.account && peer_region == c.region)
    invalid_value("peerVpcId", peer_vpc, "A VPC cannot be peered with itself.");
  std::string id = new_id("pcx");
  Json requester = local_info(c, vpc);
  requester["PeeringOptions"] = default_options();
  Json peering = {
      {"VpcPeeringConnectionId", id},
      {"RequesterVpcInfo", requester},
      {"AccepterVpcInfo", {{"OwnerId", peer_owner}, {"VpcId", peer_vpc}, {"Region", peer_region}}},
      {"Tags", tags_for(input, "vpc-peering-connection")}};
  bool local = peer_owner == c.account && peer_region == c.region;
  if (local) {
    Json peer = load(c, "vpc", peer_vpc);
    Json info = local_info(c, peer);
    if (cidrs_overlap(requester, info)) {
      set_status(peering, "failed",
                 "Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range");
      save(c, kKind, id, peering);
      return {{"VpcPeeringConnection", shown(peering)}};
    }
    // The accepter's CIDR blocks and options show once it has accepted.
  }
  peering["ExpirationTime"] = in_days(7);
  set_status(peering, "pending-acceptance", fmt::format("Pending Acceptance by {}", peer_owner));
  save(c, kKind, id, peering);
  // The request is on its way: the response says so; Describe shows pending-acceptance.
  Json shown_now = shown(peering);
  set_status(shown_now, "initiating-request", fmt::format("Initiating Request to {}", peer_owner));
  return {{"VpcPeeringConnection", shown_now}};
}

Json accept_connection(Context &c, const Json &input) {
  std::string id = required(input, "VpcPeeringConnectionId");
  Json p = load(c, kKind, id);
  std::string status = status_of(p);
  if (status != "pending-acceptance")
    bad_transition(id, status, "active");
  if (!accepter_is_here(c, p))
    fail("OperationNotPermitted",
         fmt::format("User {} cannot accept peering {}: the accepter is account {} in {}",
                     c.account, id, p["AccepterVpcInfo"].value("OwnerId", ""),
                     p["AccepterVpcInfo"].value("Region", "")));
  Json peer = load(c, "vpc", p["AccepterVpcInfo"].value("VpcId", ""));
  Json info = local_info(c, peer);
  info["PeeringOptions"] = default_options();
  p["AccepterVpcInfo"] = info;
  p.erase("ExpirationTime");
  set_status(p, "active", "Active");
  save(c, kKind, id, p);
  return {{"VpcPeeringConnection", shown(p)}};
}

Json reject_connection(Context &c, const Json &input) {
  std::string id = required(input, "VpcPeeringConnectionId");
  Json p = load(c, kKind, id);
  std::string status = status_of(p);
  if (status != "pending-acceptance")
    bad_transition(id, status, "rejected");
  if (!accepter_is_here(c, p))
    fail("OperationNotPermitted", fmt::format("User {} cannot reject peering {}", c.account, id));
  p.erase("ExpirationTime");
  set_status(p, "rejected", fmt::format("Rejected by {}", c.account));
  save(c, kKind, id, p);
  return {{"Return", true}};
}

// Routes through a connection that is gone stay in their tables as blackholes.
void blackhole_routes(Context &c, const std::string &id) {
  for (auto &t : all(c, "route-table")) {
    bool changed = false;
    for (auto &r : t["Routes"])
      if (r.value("VpcPeeringConnectionId", "") == id && r.value("State", "") != "blackhole") {
        r["State"] = "blackhole";
        changed = true;
      }
    if (changed)
      save(c, "route-table", t.value("RouteTableId", ""), t);
  }
}

Json delete_connection(Context &c, const Json &input) {
  std::string id = required(input, "VpcPeeringConnectionId");
  Json p = load(c, kKind, id);
  std::string status = status_of(p);
  if (status != "active" && status != "pending-acceptance")
    bad_transition(id, status, "deleted");
  p.erase("ExpirationTime");
  set_status(p, "deleted", fmt::format("Deleted by {}", c.account));
  save(c, kKind, id, p);
  blackhole_routes(c, id);
  return {{"Return", true}};
}

Json options_of(const Json &input, std::string_view member, const Json &current) {
  Json out = current.is_object() ? current : default_options();
  auto it = input.find(member);
  if (it == input.end() || !it->is_object())
    return out;
  for (const auto &[k, v] : it->items()) {
    if (!out.contains(k))
      fail("InvalidParameterValue", fmt::format("Unknown peering option {}", k));
    out[k] = v.is_boolean() ? v.get<bool>() : (v.is_string() && v.get<std::string>() == "true");
  }
  return out;
}

Json modify_options(Context &c, const Json &input) {
  std::string id = required(input, "VpcPeeringConnectionId");
  Json p = load(c, kKind, id);
  if (status_of(p) != "active")
    fail("OperationNotPermitted",
         fmt::format("Peering connection {} is not active; its options cannot be modified.", id));
  bool requester = input.contains("RequesterPeeringConnectionOptions") &&
                   input["RequesterPeeringConnectionOptions"].is_object();
  bool accepter = input.contains("AccepterPeeringConnectionOptions") &&
                  input["AccepterPeeringConnectionOptions"].is_object();
  if (!requester && !accepter)
    fail("MissingParameter", "The request must contain the parameter "
                             "requesterPeeringConnectionOptions or "
                             "accepterPeeringConnectionOptions");
  Json out = Json::object();
  if (requester) {
    Json &info = p["RequesterVpcInfo"];
    info["PeeringOptions"] =
        options_of(input, "RequesterPeeringConnectionOptions", info["PeeringOptions"]);
    out["RequesterPeeringConnectionOptions"] = info["PeeringOptions"];
  }
  if (accepter) {
    Json &info = p["AccepterVpcInfo"];
    info["PeeringOptions"] =
        options_of(input, "AccepterPeeringConnectionOptions", info["PeeringOptions"]);
    out["AccepterPeeringConnectionOptions"] = info["PeeringOptions"];
  }
  save(c, kKind, id, p);
  return out;
}

std::optional<std::vector<std::string>> peering_filter(const Json &p, std::string_view name) {
  using V = std::vector<std::string>;
  if (name == "vpc-peering-connection-id")
    return V{p.value("VpcPeeringConnectionId", "")};
  if (name == "status-code")
    return V{p["Status"].value("Code", "")};
  if (name == "status-message")
    return V{p["Status"].value("Message", "")};
  if (name == "expiration-time")
    return V{p.value("ExpirationTime", "")};
  for (std::string_view side : {"accepter-vpc-info.", "requester-vpc-info."}) {
    if (!name.starts_with(side))
      continue;
    const Json &info = p[side == "accepter-vpc-info." ? "AccepterVpcInfo" : "RequesterVpcInfo"];
    std::string_view field = name.substr(side.size());
    if (field == "cidr-block") {
      V out;
      for (const auto &b : info.value("CidrBlockSet", Json::array()))
        out.push_back(b.value("CidrBlock", ""));
      return out;
    }
    if (field == "owner-id")
      return V{info.value("OwnerId", "")};
    if (field == "vpc-id")
      return V{info.value("VpcId", "")};
    if (field == "region")
      return V{info.value("Region", "")};
  }
  return std::nullopt;
}

Json describe_connections(Context &c, const Json &input) {
  Json out = Json::array();
  for (const auto &p : describe(c, kKind, input, "VpcPeeringConnectionIds", peering_filter))
    out.push_back(shown(p));
  return {{"VpcPeeringConnections", out}};
}

} // namespace

const HandlerTable &peering_handlers() {
  static const HandlerTable table = {
      {"CreateVpcPeeringConnection", create_connection},
      {"AcceptVpcPeeringConnection", accept_connection},
      {"RejectVpcPeeringConnection", reject_connection},
      {"DeleteVpcPeeringConnection", delete_connection},
      {"DescribeVpcPeeringConnections", describe_connections},
      {"ModifyVpcPeeringConnectionOptions", modify_options},
  };
  return table;
}

} // namespace cfnlocal::services::embedded::ec2
