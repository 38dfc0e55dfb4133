// The embedded EC2's VPC peering connections: the lifecycle (pending-acceptance, active,
// rejected, deleted, failed for overlapping CIDR blocks), requests to other accounts, options,
// routes through a connection, and tags on pcx ids.
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

#include <regex>

using namespace cfnlocal;
using namespace cfnlocal::services;
using ::testing::HasSubstr;

namespace {

class Ec2PeeringTest : public EmbeddedTest {
protected:
  std::string vpc(const std::string &cidr) {
    return call("ec2", "CreateVpc", {{"CidrBlock", cidr}})["Vpc"]["VpcId"];
  }
  Json peering(const std::string &id) {
    return call("ec2", "DescribeVpcPeeringConnections",
                {{"VpcPeeringConnectionIds", Json::array({id})}})["VpcPeeringConnections"][0];
  }
  std::string request(const std::string &a, const std::string &b) {
    return call("ec2", "CreateVpcPeeringConnection",
                {{"VpcId", a}, {"PeerVpcId", b}})["VpcPeeringConnection"]["VpcPeeringConnectionId"];
  }
};

TEST_F(Ec2PeeringTest, ARequestWaitsForItsAccepter) {
  std::string a = vpc("10.0.0.0/16"), b = vpc("10.1.0.0/16");
  Json created = call("ec2", "CreateVpcPeeringConnection",
                      {{"VpcId", a}, {"PeerVpcId", b}})["VpcPeeringConnection"];
  std::string id = created["VpcPeeringConnectionId"];
  EXPECT_TRUE(std::regex_match(id, std::regex("pcx-0[0-9a-f]{16}"))) << id;
  EXPECT_EQ(created["Status"]["Code"], "initiating-request");
  EXPECT_EQ(created["RequesterVpcInfo"]["CidrBlock"], "10.0.0.0/16");
  Json p = peering(id);
  EXPECT_EQ(p["Status"]["Code"], "pending-acceptance");
  EXPECT_EQ(p["Status"]["Message"], "Pending Acceptance by 123456789012");
  EXPECT_TRUE(p.contains("ExpirationTime"));
  EXPECT_EQ(p["AccepterVpcInfo"]["VpcId"], b);
  Json accepted = call("ec2", "AcceptVpcPeeringConnection",
                       {{"VpcPeeringConnectionId", id}})["VpcPeeringConnection"];
  EXPECT_EQ(accepted["Status"]["Code"], "active");
  EXPECT_EQ(accepted["AccepterVpcInfo"]["CidrBlock"], "10.1.0.0/16");
  EXPECT_EQ(accepted["AccepterVpcInfo"]["PeeringOptions"]["AllowDnsResolutionFromRemoteVpc"],
            false);
  EXPECT_FALSE(accepted.contains("ExpirationTime"));
  EXPECT_EQ(error_of("ec2", "AcceptVpcPeeringConnection", {{"VpcPeeringConnectionId", id}}),
            "InvalidStateTransition");
  EXPECT_THAT(last_error_, HasSubstr("from active to active"));
  // Filters.
  auto by = [&](const std::string &name, const std::string &value) {
    return call("ec2", "DescribeVpcPeeringConnections",
                {{"Filters",
                  Json::array({{{"Name", name},
                                {"Values", Json::array({value})}}})}})["VpcPeeringConnections"]
        .size();
  };
  EXPECT_EQ(by("status-code", "active"), 1u);
  EXPECT_EQ(by("requester-vpc-info.vpc-id", a), 1u);
  EXPECT_EQ(by("accepter-vpc-info.cidr-block", "10.1.0.0/16"), 1u);
  EXPECT_EQ(by("status-code", "pending-acceptance"), 0u);
  EXPECT_EQ(error_of("ec2", "DescribeVpcPeeringConnections",
                     {{"Filters", Json::array({{{"Name", "bogus"}, {"Values", {"x"}}}})}}),
            "InvalidParameterValue");
  // Deleting leaves it listed as deleted.
  EXPECT_EQ(call("ec2", "DeleteVpcPeeringConnection", {{"VpcPeeringConnectionId", id}})["Return"],
            true);
  EXPECT_EQ(peering(id)["Status"]["Code"], "deleted");
  EXPECT_EQ(error_of("ec2", "DeleteVpcPeeringConnection", {{"VpcPeeringConnectionId", id}}),
            "InvalidStateTransition");
}

TEST_F(Ec2PeeringTest, RejectedOverlappingAndMissingPeers) {
  std::string a = vpc("10.0.0.0/16"), b = vpc("10.1.0.0/16"), overlapping = vpc("10.0.128.0/17");
  std::string id = request(a, b);
  EXPECT_EQ(call("ec2", "RejectVpcPeeringConnection", {{"VpcPeeringConnectionId", id}})["Return"],
            true);
  EXPECT_EQ(peering(id)["Status"]["Code"], "rejected");
  EXPECT_EQ(error_of("ec2", "AcceptVpcPeeringConnection", {{"VpcPeeringConnectionId", id}}),
            "InvalidStateTransition");
  std::string failed = request(a, overlapping);
  EXPECT_EQ(peering(failed)["Status"]["Code"], "failed");
  EXPECT_THAT(peering(failed)["Status"]["Message"].get<std::string>(), HasSubstr("overlapping"));
  EXPECT_EQ(error_of("ec2", "CreateVpcPeeringConnection",
                     {{"VpcId", a}, {"PeerVpcId", "vpc-0123456789abcdef0"}}),
            "InvalidVpcID.NotFound");
  EXPECT_EQ(error_of("ec2", "CreateVpcPeeringConnection", {{"VpcId", a}}), "MissingParameter");
  EXPECT_EQ(error_of("ec2", "CreateVpcPeeringConnection", {{"VpcId", a}, {"PeerVpcId", a}}),
            "InvalidParameterValue");
  EXPECT_EQ(error_of("ec2", "DescribeVpcPeeringConnections",
                     {{"VpcPeeringConnectionIds", Json::array({"pcx-0123456789abcdef0"})}}),
            "InvalidVpcPeeringConnectionID.NotFound");
  EXPECT_EQ(last_error_, "The vpcPeeringConnection ID 'pcx-0123456789abcdef0' does not exist");
}

TEST_F(Ec2PeeringTest, ARequestToAnotherAccountOrRegionStaysPending) {
  std::string a = vpc("10.0.0.0/16");
  Json created = call("ec2", "CreateVpcPeeringConnection",
                      {{"VpcId", a},
                       {"PeerVpcId", "vpc-0aaaaaaaaaaaaaaaa"},
                       {"PeerOwnerId", "210987654321"},
                       {"PeerRegion", "eu-west-1"}})["VpcPeeringConnection"];
  std::string id = created["VpcPeeringConnectionId"];
  Json p = peering(id);
  EXPECT_EQ(p["Status"]["Code"], "pending-acceptance");
  EXPECT_EQ(p["Status"]["Message"], "Pending Acceptance by 210987654321");
  EXPECT_EQ(p["AccepterVpcInfo"], Json({{"OwnerId", "210987654321"},
                                        {"VpcId", "vpc-0aaaaaaaaaaaaaaaa"},
                                        {"Region", "eu-west-1"}}));
  // Only the accepter, elsewhere, can accept it; the requester can withdraw it.
  EXPECT_EQ(error_of("ec2", "AcceptVpcPeeringConnection", {{"VpcPeeringConnectionId", id}}),
            "OperationNotPermitted");
  EXPECT_EQ(error_of("ec2", "CreateVpcPeeringConnection",
                     {{"VpcId", a}, {"PeerVpcId", "vpc-0a"}, {"PeerOwnerId", "12"}}),
            "InvalidParameterValue");
  call("ec2", "DeleteVpcPeeringConnection", {{"VpcPeeringConnectionId", id}});
  EXPECT_EQ(peering(id)["Status"]["Code"], "deleted");
}

TEST_F(Ec2PeeringTest, OptionsRoutesAndTags) {
  std::string a = vpc("10.0.0.0/16"), b = vpc("10.1.0.0/16");
  std::string id = request(a, b);
  std::string table = call("ec2", "CreateRouteTable", {{"VpcId", a}})["RouteTable"]["RouteTableId"];
  EXPECT_EQ(error_of("ec2", "ModifyVpcPeeringConnectionOptions",
                     {{"VpcPeeringConnectionId", id},
                      {"RequesterPeeringConnectionOptions",
                       {{"AllowDnsResolutionFromRemoteVpc", true}}}}),
            "OperationNotPermitted");
  call("ec2", "AcceptVpcPeeringConnection", {{"VpcPeeringConnectionId", id}});
  Json options =
      call("ec2", "ModifyVpcPeeringConnectionOptions",
           {{"VpcPeeringConnectionId", id},
            {"RequesterPeeringConnectionOptions", {{"AllowDnsResolutionFromRemoteVpc", true}}}});
  EXPECT_EQ(options["RequesterPeeringConnectionOptions"]["AllowDnsResolutionFromRemoteVpc"], true);
  EXPECT_FALSE(options.contains("AccepterPeeringConnectionOptions"));
  EXPECT_EQ(peering(id)["RequesterVpcInfo"]["PeeringOptions"]["AllowDnsResolutionFromRemoteVpc"],
            true);
  // A route to the peer through the connection; a table of a third VPC cannot use it.
  call("ec2", "CreateRoute",
       {{"RouteTableId", table},
        {"DestinationCidrBlock", "10.1.0.0/16"},
        {"VpcPeeringConnectionId", id}});
  std::string third = vpc("10.2.0.0/16");
  std::string other_table =
      call("ec2", "CreateRouteTable", {{"VpcId", third}})["RouteTable"]["RouteTableId"];
  EXPECT_EQ(error_of("ec2", "CreateRoute",
                     {{"RouteTableId", other_table},
                      {"DestinationCidrBlock", "10.1.0.0/16"},
                      {"VpcPeeringConnectionId", id}}),
            "InvalidParameterValue");
  EXPECT_EQ(error_of("ec2", "CreateRoute",
                     {{"RouteTableId", table},
                      {"DestinationCidrBlock", "10.9.0.0/16"},
                      {"VpcPeeringConnectionId", "pcx-0123456789abcdef0"}}),
            "InvalidVpcPeeringConnectionID.NotFound");
  // Tags through the shared tag operations, on the pcx id.
  call("ec2", "CreateTags",
       {{"Resources", Json::array({id})},
        {"Tags", Json::array({{{"Key", "Name"}, {"Value", "a-to-b"}}})}});
  EXPECT_EQ(peering(id)["Tags"], Json::parse(R"([{"Key":"Name","Value":"a-to-b"}])"));
  Json tags = call("ec2", "DescribeTags",
                   {{"Filters", Json::array({{{"Name", "resource-type"},
                                              {"Values", {"vpc-peering-connection"}}}})}})["Tags"];
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0]["ResourceId"], id);
  call("ec2", "DeleteTags", {{"Resources", Json::array({id})}, {"Tags", {{{"Key", "Name"}}}}});
  EXPECT_TRUE(peering(id)["Tags"].empty());
  // Deleting the connection leaves its routes as blackholes.
  call("ec2", "DeleteVpcPeeringConnection", {{"VpcPeeringConnectionId", id}});
  Json routes = call("ec2", "DescribeRouteTables",
                     {{"RouteTableIds", Json::array({table})}})["RouteTables"][0]["Routes"];
  bool blackhole = false;
  for (const auto &r : routes)
    blackhole = blackhole || (r.value("VpcPeeringConnectionId", "") == id &&
                              r.value("State", "") == "blackhole");
  EXPECT_TRUE(blackhole) << routes.dump();
}

} // namespace
