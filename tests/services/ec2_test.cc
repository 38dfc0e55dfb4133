// The embedded EC2 networking control plane: the default VPC, VPC and subnet CIDR rules,
// security groups and their rules, gateways, route tables and routes, addresses, NAT gateways,
// endpoints, tags, and EC2's error codes and messages.
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

#include <regex>

using namespace cfnlocal;
using namespace cfnlocal::services;
using ::testing::HasSubstr;

namespace {

class Ec2Test : public EmbeddedTest {
protected:
  std::string vpc(const std::string &cidr = "10.0.0.0/16") {
    return call("ec2", "CreateVpc", {{"CidrBlock", cidr}})["Vpc"]["VpcId"];
  }
  std::string subnet(const std::string &vpc_id, const std::string &cidr,
                     const std::string &zone = "us-east-1a") {
    return call(
        "ec2", "CreateSubnet",
        {{"VpcId", vpc_id}, {"CidrBlock", cidr}, {"AvailabilityZone", zone}})["Subnet"]["SubnetId"];
  }
  Json group(const std::string &id) {
    return call("ec2", "DescribeSecurityGroups",
                {{"GroupIds", Json::array({id})}})["SecurityGroups"][0];
  }
  Json table(const std::string &id) {
    return call("ec2", "DescribeRouteTables",
                {{"RouteTableIds", Json::array({id})}})["RouteTables"][0];
  }
  static Json tcp(int port, const std::string &cidr) {
    return Json::array({{{"IpProtocol", "tcp"},
                         {"FromPort", port},
                         {"ToPort", port},
                         {"IpRanges", Json::array({{{"CidrIp", cidr}}})}}});
  }
};

TEST_F(Ec2Test, EveryRegionHasADefaultVpcWithASubnetPerZone) {
  Json vpcs =
      call("ec2", "DescribeVpcs",
           {{"Filters",
             Json::array({{{"Name", "is-default"}, {"Values", Json::array({"true"})}}})}})["Vpcs"];
  ASSERT_EQ(vpcs.size(), 1u);
  EXPECT_EQ(vpcs[0]["CidrBlock"], "172.31.0.0/16");
  std::string id = vpcs[0]["VpcId"];
  EXPECT_TRUE(std::regex_match(id, std::regex("vpc-0[0-9a-f]{16}"))) << id;
  Json subnets = call(
      "ec2", "DescribeSubnets",
      {{"Filters", Json::array({{{"Name", "vpc-id"}, {"Values", Json::array({id})}}})}})["Subnets"];
  EXPECT_EQ(subnets.size(), 6u); // us-east-1a..f
  EXPECT_TRUE(subnets[0]["DefaultForAz"].get<bool>());
  // A group without VpcId goes into it.
  std::string sg =
      call("ec2", "CreateSecurityGroup", {{"GroupName", "web"}, {"Description", "web"}})["GroupId"];
  EXPECT_EQ(group(sg)["VpcId"], id);
  Json igws = call(
      "ec2", "DescribeInternetGateways",
      {{"Filters", Json::array({{{"Name", "attachment.vpc-id"}, {"Values", Json::array({id})}}})}});
  EXPECT_EQ(igws["InternetGateways"].size(), 1u);
}

TEST_F(Ec2Test, ZonesCarryAwsStyleZoneIds) {
  // AWS's AZ ids: the region's first part, its direction's initials and number ("use1-az1").
  Json zones = call("ec2", "DescribeAvailabilityZones", Json::object())["AvailabilityZones"];
  ASSERT_FALSE(zones.empty());
  for (const auto &z : zones)
    EXPECT_TRUE(std::regex_match(z.value("ZoneId", ""), std::regex("use1-az[1-6]"))) << z.dump();
  std::string s = subnet(vpc(), "10.0.1.0/24", "us-east-1b");
  EXPECT_EQ(call("ec2", "DescribeSubnets",
                 {{"SubnetIds", Json::array({s})}})["Subnets"][0]["AvailabilityZoneId"],
            "use1-az2");
}

TEST_F(Ec2Test, VpcCidrBlocksAndAttributes) {
  EXPECT_EQ(error_of("ec2", "CreateVpc", {{"CidrBlock", "10.0.0.0/8"}}), "InvalidVpc.Range");
  EXPECT_EQ(last_error_, "The CIDR '10.0.0.0/8' is invalid.");
  EXPECT_EQ(error_of("ec2", "CreateVpc", {{"CidrBlock", "10.0.0.0/29"}}), "InvalidVpc.Range");
  EXPECT_EQ(error_of("ec2", "CreateVpc", {{"CidrBlock", "10.0.0.300/16"}}),
            "InvalidParameterValue");
  std::string id = vpc();
  EXPECT_EQ(call("ec2", "DescribeVpcAttribute",
                 {{"VpcId", id}, {"Attribute", "enableDnsSupport"}})["EnableDnsSupport"]["Value"],
            true);
  call("ec2", "ModifyVpcAttribute", {{"VpcId", id}, {"EnableDnsHostnames", {{"Value", true}}}});
  EXPECT_EQ(
      call("ec2", "DescribeVpcAttribute",
           {{"VpcId", id}, {"Attribute", "enableDnsHostnames"}})["EnableDnsHostnames"]["Value"],
      true);
  // IPv4 blocks that overlap are refused; Amazon's IPv6 block is a /56.
  EXPECT_EQ(
      error_of("ec2", "AssociateVpcCidrBlock", {{"VpcId", id}, {"CidrBlock", "10.0.128.0/17"}}),
      "InvalidVpc.Range");
  Json v4 = call("ec2", "AssociateVpcCidrBlock", {{"VpcId", id}, {"CidrBlock", "10.1.0.0/16"}});
  EXPECT_EQ(v4["CidrBlockAssociation"]["CidrBlock"], "10.1.0.0/16");
  Json v6 =
      call("ec2", "AssociateVpcCidrBlock", {{"VpcId", id}, {"AmazonProvidedIpv6CidrBlock", true}});
  std::string block = v6["Ipv6CidrBlockAssociation"]["Ipv6CidrBlock"];
  EXPECT_THAT(block, ::testing::EndsWith("/56"));
  // The primary block stays.
  std::string primary = call(
      "ec2", "DescribeVpcs",
      {{"VpcIds", Json::array({id})}})["Vpcs"][0]["CidrBlockAssociationSet"][0]["AssociationId"];
  EXPECT_EQ(error_of("ec2", "DisassociateVpcCidrBlock", {{"AssociationId", primary}}),
            "OperationNotPermitted");
  EXPECT_EQ(error_of("ec2", "DescribeVpcs", {{"VpcIds", Json::array({"vpc-0123456789abcdef0"})}}),
            "InvalidVpcID.NotFound");
  EXPECT_EQ(last_error_, "The vpc ID 'vpc-0123456789abcdef0' does not exist");
}

TEST_F(Ec2Test, SubnetsLieInsideTheirVpcAndDoNotOverlap) {
  std::string id = vpc();
  EXPECT_EQ(error_of("ec2", "CreateSubnet", {{"VpcId", id}, {"CidrBlock", "10.1.0.0/24"}}),
            "InvalidSubnet.Range");
  EXPECT_EQ(last_error_, "The CIDR '10.1.0.0/24' is invalid.");
  EXPECT_EQ(error_of("ec2", "CreateSubnet", {{"VpcId", id}, {"CidrBlock", "10.0.0.0/29"}}),
            "InvalidSubnet.Range");
  std::string s = subnet(id, "10.0.0.0/24");
  EXPECT_EQ(error_of("ec2", "CreateSubnet", {{"VpcId", id}, {"CidrBlock", "10.0.0.128/25"}}),
            "InvalidSubnet.Conflict");
  EXPECT_EQ(last_error_, "The CIDR '10.0.0.128/25' conflicts with another subnet");
  EXPECT_EQ(
      error_of("ec2", "CreateSubnet",
               {{"VpcId", id}, {"CidrBlock", "10.0.1.0/24"}, {"AvailabilityZone", "us-east-1z"}}),
      "InvalidParameterValue");
  EXPECT_THAT(last_error_, HasSubstr("us-east-1a, us-east-1b, us-east-1c, us-east-1d, "
                                     "us-east-1e, us-east-1f"));
  EXPECT_EQ(error_of("ec2", "CreateSubnet",
                     {{"VpcId", "vpc-0123456789abcdef0"}, {"CidrBlock", "10.0.1.0/24"}}),
            "InvalidVpcID.NotFound");
  Json created = call("ec2", "DescribeSubnets", {{"SubnetIds", Json::array({s})}})["Subnets"][0];
  EXPECT_EQ(created["AvailableIpAddressCount"], 251);
  EXPECT_EQ(created["MapPublicIpOnLaunch"], false);
  call("ec2", "ModifySubnetAttribute",
       {{"SubnetId", s}, {"MapPublicIpOnLaunch", {{"Value", true}}}});
  EXPECT_EQ(call("ec2", "DescribeSubnets",
                 {{"SubnetIds", Json::array({s})}})["Subnets"][0]["MapPublicIpOnLaunch"],
            true);
  // The VPC cannot go while the subnet is there.
  EXPECT_EQ(error_of("ec2", "DeleteVpc", {{"VpcId", id}}), "DependencyViolation");
  EXPECT_EQ(last_error_, "The vpc '" + id + "' has dependencies and cannot be deleted.");
  call("ec2", "DeleteSubnet", {{"SubnetId", s}});
  call("ec2", "DeleteVpc", {{"VpcId", id}});
  EXPECT_EQ(error_of("ec2", "DeleteSubnet", {{"SubnetId", s}}), "InvalidSubnetID.NotFound");
}

TEST_F(Ec2Test, SecurityGroupsAndTheirRules) {
  std::string id = vpc();
  std::string sg = call("ec2", "CreateSecurityGroup",
                        {{"GroupName", "web"}, {"Description", "web"}, {"VpcId", id}})["GroupId"];
  EXPECT_EQ(error_of("ec2", "CreateSecurityGroup",
                     {{"GroupName", "web"}, {"Description", "again"}, {"VpcId", id}}),
            "InvalidGroup.Duplicate");
  EXPECT_EQ(last_error_, "The security group 'web' already exists for VPC '" + id + "'");
  // The default egress rule comes with the group.
  Json egress = group(sg)["IpPermissionsEgress"];
  ASSERT_EQ(egress.size(), 1u);
  EXPECT_EQ(egress[0]["IpProtocol"], "-1");
  Json added = call("ec2", "AuthorizeSecurityGroupIngress",
                    {{"GroupId", sg}, {"IpPermissions", tcp(22, "0.0.0.0/0")}});
  EXPECT_THAT(added["SecurityGroupRules"][0]["SecurityGroupRuleId"].get<std::string>(),
              ::testing::StartsWith("sgr-"));
  EXPECT_EQ(error_of("ec2", "AuthorizeSecurityGroupIngress",
                     {{"GroupId", sg}, {"IpPermissions", tcp(22, "0.0.0.0/0")}}),
            "InvalidPermission.Duplicate");
  EXPECT_EQ(last_error_,
            "the specified rule \"peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW\" "
            "already exists");
  Json missing_group =
      Json::array({{{"IpProtocol", "tcp"},
                    {"FromPort", 80},
                    {"ToPort", 80},
                    {"UserIdGroupPairs", Json::array({{{"GroupId", "sg-0123456789abcdef0"}}})}}});
  EXPECT_EQ(error_of("ec2", "AuthorizeSecurityGroupIngress",
                     {{"GroupId", sg}, {"IpPermissions", missing_group}}),
            "InvalidGroup.NotFound");
  Json bad_ports = tcp(22, "0.0.0.0/0");
  bad_ports[0]["ToPort"] = 70000;
  EXPECT_EQ(error_of("ec2", "AuthorizeSecurityGroupIngress",
                     {{"GroupId", sg}, {"IpPermissions", bad_ports}}),
            "InvalidParameterValue");
  // A rule referring to another group keeps that group.
  std::string app = call("ec2", "CreateSecurityGroup",
                         {{"GroupName", "app"}, {"Description", "app"}, {"VpcId", id}})["GroupId"];
  Json from_web = Json::array({{{"IpProtocol", "tcp"},
                                {"FromPort", 8080},
                                {"ToPort", 8080},
                                {"UserIdGroupPairs", Json::array({{{"GroupId", sg}}})}}});
  call("ec2", "AuthorizeSecurityGroupIngress", {{"GroupId", app}, {"IpPermissions", from_web}});
  EXPECT_EQ(group(app)["IpPermissions"][0]["UserIdGroupPairs"][0]["GroupId"], sg);
  EXPECT_EQ(error_of("ec2", "DeleteSecurityGroup", {{"GroupId", sg}}), "DependencyViolation");
  call("ec2", "RevokeSecurityGroupIngress", {{"GroupId", app}, {"IpPermissions", from_web}});
  EXPECT_EQ(error_of("ec2", "RevokeSecurityGroupIngress",
                     {{"GroupId", app}, {"IpPermissions", from_web}}),
            "InvalidPermission.NotFound");
  call("ec2", "DeleteSecurityGroup", {{"GroupId", sg}});
  EXPECT_EQ(error_of("ec2", "DescribeSecurityGroups", {{"GroupIds", Json::array({sg})}}),
            "InvalidGroup.NotFound");
  EXPECT_EQ(last_error_, "The security group '" + sg + "' does not exist");
  // The VPC's default group is not the user's to delete.
  Json defaults = call(
      "ec2", "DescribeSecurityGroups",
      {{"Filters", Json::array({{{"Name", "vpc-id"}, {"Values", Json::array({id})}},
                                {{"Name", "group-name"}, {"Values", Json::array({"default"})}}})}});
  EXPECT_EQ(error_of("ec2", "DeleteSecurityGroup",
                     {{"GroupId", defaults["SecurityGroups"][0]["GroupId"]}}),
            "CannotDelete");
}

TEST_F(Ec2Test, InternetGatewaysRouteTablesAndRoutes) {
  std::string id = vpc();
  std::string other = vpc("10.1.0.0/16");
  std::string igw = call("ec2", "CreateInternetGateway")["InternetGateway"]["InternetGatewayId"];
  std::string rtb = call("ec2", "CreateRouteTable", {{"VpcId", id}})["RouteTable"]["RouteTableId"];
  Json route = {{"RouteTableId", rtb}, {"DestinationCidrBlock", "0.0.0.0/0"}, {"GatewayId", igw}};
  // A gateway not attached to the table's VPC cannot be a target.
  EXPECT_EQ(error_of("ec2", "CreateRoute", route), "InvalidParameterValue");
  call("ec2", "AttachInternetGateway", {{"InternetGatewayId", igw}, {"VpcId", id}});
  EXPECT_EQ(
      error_of("ec2", "AttachInternetGateway", {{"InternetGatewayId", igw}, {"VpcId", other}}),
      "Resource.AlreadyAssociated");
  std::string second = call("ec2", "CreateInternetGateway")["InternetGateway"]["InternetGatewayId"];
  EXPECT_EQ(
      error_of("ec2", "AttachInternetGateway", {{"InternetGatewayId", second}, {"VpcId", id}}),
      "Resource.AlreadyAssociated");
  call("ec2", "CreateRoute", route);
  EXPECT_EQ(error_of("ec2", "CreateRoute", route), "RouteAlreadyExists");
  EXPECT_EQ(last_error_, "The route identified by 0.0.0.0/0 already exists.");
  Json local = {{"RouteTableId", rtb}, {"DestinationCidrBlock", "10.0.0.0/16"}, {"GatewayId", igw}};
  EXPECT_EQ(error_of("ec2", "CreateRoute", local), "RouteAlreadyExists");
  Json missing = {{"RouteTableId", rtb},
                  {"DestinationCidrBlock", "192.168.0.0/16"},
                  {"NatGatewayId", "nat-0123456789abcdef0"}};
  EXPECT_EQ(error_of("ec2", "CreateRoute", missing), "InvalidNatGatewayID.NotFound");
  EXPECT_EQ(table(rtb)["Routes"].size(), 2u);
  // Associations: one explicit table per subnet, of the same VPC.
  std::string s = subnet(id, "10.0.0.0/24");
  std::string assoc =
      call("ec2", "AssociateRouteTable", {{"RouteTableId", rtb}, {"SubnetId", s}})["AssociationId"];
  std::string rtb2 = call("ec2", "CreateRouteTable", {{"VpcId", id}})["RouteTable"]["RouteTableId"];
  EXPECT_EQ(error_of("ec2", "AssociateRouteTable", {{"RouteTableId", rtb2}, {"SubnetId", s}}),
            "Resource.AlreadyAssociated");
  std::string foreign =
      call("ec2", "CreateRouteTable", {{"VpcId", other}})["RouteTable"]["RouteTableId"];
  EXPECT_EQ(error_of("ec2", "AssociateRouteTable", {{"RouteTableId", foreign}, {"SubnetId", s}}),
            "InvalidParameterValue");
  EXPECT_EQ(error_of("ec2", "DeleteRouteTable", {{"RouteTableId", rtb}}), "DependencyViolation");
  call("ec2", "DisassociateRouteTable", {{"AssociationId", assoc}});
  EXPECT_EQ(error_of("ec2", "DisassociateRouteTable", {{"AssociationId", assoc}}),
            "InvalidAssociationID.NotFound");
  // The gateway cannot go while attached; the VPC not while it has the gateway.
  EXPECT_EQ(error_of("ec2", "DeleteInternetGateway", {{"InternetGatewayId", igw}}),
            "DependencyViolation");
  call("ec2", "DeleteRoute", {{"RouteTableId", rtb}, {"DestinationCidrBlock", "0.0.0.0/0"}});
  EXPECT_EQ(error_of("ec2", "DeleteRoute",
                     {{"RouteTableId", rtb}, {"DestinationCidrBlock", "0.0.0.0/0"}}),
            "InvalidRoute.NotFound");
  call("ec2", "DetachInternetGateway", {{"InternetGatewayId", igw}, {"VpcId", id}});
  EXPECT_EQ(error_of("ec2", "DetachInternetGateway", {{"InternetGatewayId", igw}, {"VpcId", id}}),
            "Gateway.NotAttached");
  call("ec2", "DeleteInternetGateway", {{"InternetGatewayId", igw}});
}

TEST_F(Ec2Test, AddressesNatGatewaysAndEndpoints) {
  std::string id = vpc();
  std::string s = subnet(id, "10.0.0.0/24");
  Json eip = call("ec2", "AllocateAddress", {{"Domain", "vpc"}});
  std::string allocation = eip["AllocationId"];
  EXPECT_THAT(allocation, ::testing::StartsWith("eipalloc-"));
  EXPECT_EQ(error_of("ec2", "CreateNatGateway", {{"SubnetId", s}}), "MissingParameter");
  Json nat = call("ec2", "CreateNatGateway",
                  {{"SubnetId", s}, {"AllocationId", allocation}})["NatGateway"];
  EXPECT_EQ(nat["VpcId"], id);
  EXPECT_EQ(nat["NatGatewayAddresses"][0]["PublicIp"], eip["PublicIp"]);
  EXPECT_EQ(error_of("ec2", "CreateNatGateway", {{"SubnetId", s}, {"AllocationId", allocation}}),
            "Resource.AlreadyAssociated");
  EXPECT_EQ(error_of("ec2", "ReleaseAddress", {{"AllocationId", allocation}}),
            "InvalidIPAddress.InUse");
  EXPECT_EQ(error_of("ec2", "DeleteSubnet", {{"SubnetId", s}}), "DependencyViolation");
  call("ec2", "DeleteNatGateway", {{"NatGatewayId", nat["NatGatewayId"]}});
  call("ec2", "ReleaseAddress", {{"AllocationId", allocation}});

  std::string rtb = call("ec2", "CreateRouteTable", {{"VpcId", id}})["RouteTable"]["RouteTableId"];
  Json gateway = call("ec2", "CreateVpcEndpoint",
                      {{"VpcId", id},
                       {"ServiceName", "com.amazonaws.us-east-1.s3"},
                       {"RouteTableIds", Json::array({rtb})}})["VpcEndpoint"];
  EXPECT_EQ(gateway["VpcEndpointType"], "Gateway");
  EXPECT_EQ(error_of("ec2", "CreateVpcEndpoint",
                     {{"VpcId", id}, {"ServiceName", "com.amazonaws.us-east-1.sqs"}}),
            "InvalidParameter");
  EXPECT_EQ(
      error_of("ec2", "CreateVpcEndpoint", {{"VpcId", id}, {"ServiceName", "com.example.s3"}}),
      "InvalidServiceName");
  Json iface = call("ec2", "CreateVpcEndpoint",
                    {{"VpcId", id},
                     {"VpcEndpointType", "Interface"},
                     {"ServiceName", "com.amazonaws.us-east-1.sqs"},
                     {"SubnetIds", Json::array({s})}})["VpcEndpoint"];
  EXPECT_EQ(iface["NetworkInterfaceIds"].size(), 1u);
  EXPECT_EQ(iface["DnsEntries"].size(), 1u);
  EXPECT_EQ(error_of("ec2", "DeleteVpc", {{"VpcId", id}}), "DependencyViolation");
  call("ec2", "DeleteVpcEndpoints",
       {{"VpcEndpointIds", Json::array({gateway["VpcEndpointId"], iface["VpcEndpointId"]})}});
  EXPECT_EQ(call("ec2", "DescribeVpcEndpoints",
                 {{"Filters", Json::array({{{"Name", "vpc-id"},
                                            {"Values", Json::array({id})}}})}})["VpcEndpoints"]
                .size(),
            0u);
}

TEST_F(Ec2Test, TagsOnEveryResource) {
  std::string id = call(
      "ec2", "CreateVpc",
      {{"CidrBlock", "10.0.0.0/16"},
       {"TagSpecifications",
        Json::array(
            {{{"ResourceType", "vpc"},
              {"Tags", Json::array({{{"Key", "Name"}, {"Value", "main"}}})}}})}})["Vpc"]["VpcId"];
  call("ec2", "CreateTags",
       {{"Resources", Json::array({id})},
        {"Tags", Json::array({{{"Key", "team"}, {"Value", "net"}}})}});
  Json found =
      call("ec2", "DescribeVpcs",
           {{"Filters",
             Json::array({{{"Name", "tag:team"}, {"Values", Json::array({"n*"})}}})}})["Vpcs"];
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["Tags"].size(), 2u);
  call("ec2", "DeleteTags",
       {{"Resources", Json::array({id})}, {"Tags", Json::array({{{"Key", "Name"}}})}});
  EXPECT_EQ(call("ec2", "DescribeVpcs", {{"VpcIds", Json::array({id})}})["Vpcs"][0]["Tags"].size(),
            1u);
  EXPECT_EQ(error_of("ec2", "CreateTags",
                     {{"Resources", Json::array({id})},
                      {"Tags", Json::array({{{"Key", "aws:x"}, {"Value", "y"}}})}}),
            "InvalidParameterValue");
  EXPECT_EQ(error_of("ec2", "CreateTags",
                     {{"Resources", Json::array({"vpc-0123456789abcdef0"})},
                      {"Tags", Json::array({{{"Key", "a"}, {"Value", "b"}}})}}),
            "InvalidVpcID.NotFound");
  EXPECT_EQ(
      error_of("ec2", "DescribeVpcs",
               {{"Filters", Json::array({{{"Name", "bogus"}, {"Values", Json::array({"x"})}}})}}),
      "InvalidParameterValue");
}

} // namespace
