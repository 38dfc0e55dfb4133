// The AWS::EC2 networking types deployed through the engine onto the embedded EC2: create (a VPC
// with subnet, security groups and rules, gateway, routes, address, NAT gateway, endpoint and a
// second CIDR block), in-place updates (attributes, rules, tags, route targets), replacements
// (a subnet's CIDR block), delete, and EC2's own checks failing a resource with EC2's message,
// then rolling back.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class Ec2DeployTest : public ServiceDeployTest {
protected:
  Json vpc(const std::string &id) {
    return call("ec2", "DescribeVpcs", {{"VpcIds", Json::array({id})}})["Vpcs"][0];
  }
  Json subnet(const std::string &id) {
    return call("ec2", "DescribeSubnets", {{"SubnetIds", Json::array({id})}})["Subnets"][0];
  }
  Json group(const std::string &id) {
    return call("ec2", "DescribeSecurityGroups",
                {{"GroupIds", Json::array({id})}})["SecurityGroups"][0];
  }
  bool dns_hostnames(const std::string &id) {
    return call(
        "ec2", "DescribeVpcAttribute",
        {{"VpcId", id}, {"Attribute", "enableDnsHostnames"}})["EnableDnsHostnames"]["Value"];
  }
  static Json default_route(const Json &table) {
    for (const auto &r : table["Routes"])
      if (r.value("DestinationCidrBlock", "") == "0.0.0.0/0")
        return r;
    return Json::object();
  }
  size_t vpc_count() { return call("ec2", "DescribeVpcs")["Vpcs"].size(); }
};

const char *kTemplate = R"yaml(
Parameters:
  SubnetCidr: {Type: String, Default: 10.0.1.0/24}
  Public: {Type: String, Default: "true"}
  Hostnames: {Type: String, Default: "true"}
  SshPort: {Type: Number, Default: 22}
  Team: {Type: String, Default: core}
  Target: {Type: String, Default: igw}
Conditions:
  ToIgw: !Equals [!Ref Target, igw]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsHostnames: !Ref Hostnames
      Tags: [{Key: team, Value: !Ref Team}]
  Ipv6:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Ref SubnetCidr
      AvailabilityZone: !Select [1, !GetAZs ""]
      MapPublicIpOnLaunch: !Ref Public
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web servers
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: !Ref SshPort, ToPort: !Ref SshPort, CidrIp: 10.0.0.0/8}
      SecurityGroupEgress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
  App:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app servers
      VpcId: !Ref Vpc
  AppFromWeb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref App
      IpProtocol: tcp
      FromPort: 8080
      ToPort: 8080
      SourceSecurityGroupId: !GetAtt Web.GroupId
      Description: !Sub "from web (${Team})"
  Gateway:
    Type: AWS::EC2::InternetGateway
  Attachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Gateway}
  Table:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  Address:
    Type: AWS::EC2::EIP
    Properties: {Domain: vpc}
  Nat:
    Type: AWS::EC2::NatGateway
    # Private: a replacement (a new subnet) would find a public one's address still taken, as
    # in AWS.
    Properties: {SubnetId: !Ref Subnet, ConnectivityType: private}
  Default:
    Type: AWS::EC2::Route
    DependsOn: Attachment
    Properties:
      RouteTableId: !Ref Table
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !If [ToIgw, !Ref Gateway, !Ref AWS::NoValue]
      NatGatewayId: !If [ToIgw, !Ref AWS::NoValue, !Ref Nat]
  Association:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {RouteTableId: !Ref Table, SubnetId: !Ref Subnet}
  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3
      RouteTableIds: [!Ref Table]
Outputs:
  VpcId: {Value: !Ref Vpc}
  DefaultGroup: {Value: !GetAtt Vpc.DefaultSecurityGroup}
  Ipv6: {Value: !Select [0, !GetAtt Vpc.Ipv6CidrBlocks]}
  SubnetId: {Value: !Ref Subnet}
  Zone: {Value: !GetAtt Subnet.AvailabilityZone}
  AclAssociation: {Value: !GetAtt Subnet.NetworkAclAssociationId}
  Web: {Value: !GetAtt Web.GroupId}
  App: {Value: !Ref App}
  Rule: {Value: !Ref AppFromWeb}
  Table: {Value: !Ref Table}
  PublicIp: {Value: !Ref Address}
  Allocation: {Value: !GetAtt Address.AllocationId}
  Nat: {Value: !Ref Nat}
  Eni: {Value: !GetAtt Nat.EniId}
  Endpoint: {Value: !Ref S3}
)yaml";

} // namespace

TEST_F(Ec2DeployTest, CreateUpdateInPlaceReplaceAndDelete) {
  auto created = deploy("net", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string vpc_id = output(created, "VpcId");
  EXPECT_THAT(vpc_id, ::testing::MatchesRegex("vpc-0[0-9a-f]{16}"));
  EXPECT_TRUE(dns_hostnames(vpc_id));
  EXPECT_EQ(vpc(vpc_id)["Tags"][0]["Value"], "core");
  EXPECT_THAT(output(created, "DefaultGroup"), ::testing::StartsWith("sg-"));
  EXPECT_THAT(output(created, "Ipv6"), ::testing::EndsWith("::/56"));
  EXPECT_EQ(output(created, "Zone"), "us-east-1b");
  EXPECT_THAT(output(created, "AclAssociation"), ::testing::StartsWith("aclassoc-"));
  std::string subnet_id = output(created, "SubnetId");
  EXPECT_EQ(subnet(subnet_id)["MapPublicIpOnLaunch"], true);
  Json web = group(output(created, "Web"));
  EXPECT_EQ(web["IpPermissions"][0]["FromPort"], 22);
  ASSERT_EQ(web["IpPermissionsEgress"].size(), 1u); // the template's egress replaced the default
  EXPECT_EQ(web["IpPermissionsEgress"][0]["FromPort"], 443);
  Json app = group(output(created, "App"));
  EXPECT_EQ(app["IpPermissions"][0]["UserIdGroupPairs"][0]["GroupId"], output(created, "Web"));
  EXPECT_THAT(output(created, "Rule"), ::testing::StartsWith("sgr-"));
  Json table = call("ec2", "DescribeRouteTables",
                    {{"RouteTableIds", Json::array({output(created, "Table")})}})["RouteTables"][0];
  EXPECT_EQ(default_route(table).value("GatewayId", "").substr(0, 4), "igw-");
  EXPECT_EQ(table["Associations"][0]["SubnetId"], subnet_id);
  EXPECT_THAT(output(created, "Eni"), ::testing::StartsWith("eni-"));
  Json address = call("ec2", "DescribeAddresses",
                      {{"AllocationIds", Json::array({output(created, "Allocation")})}});
  EXPECT_EQ(address["Addresses"][0]["PublicIp"], output(created, "PublicIp"));

  // In place: attributes, rules, tags, the default route's target.
  auto updated = deploy("net", kTemplate,
                        {{"Public", "false"},
                         {"Hostnames", "false"},
                         {"SshPort", "2222"},
                         {"Team", "edge"},
                         {"Target", "nat"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "VpcId"), vpc_id);
  EXPECT_EQ(output(updated, "SubnetId"), subnet_id);
  EXPECT_FALSE(dns_hostnames(vpc_id));
  EXPECT_EQ(vpc(vpc_id)["Tags"][0]["Value"], "edge");
  EXPECT_EQ(subnet(subnet_id)["MapPublicIpOnLaunch"], false);
  web = group(output(updated, "Web"));
  ASSERT_EQ(web["IpPermissions"].size(), 1u);
  EXPECT_EQ(web["IpPermissions"][0]["FromPort"], 2222);
  app = group(output(updated, "App"));
  EXPECT_EQ(app["IpPermissions"][0]["UserIdGroupPairs"][0]["Description"], "from web (edge)");
  table = call("ec2", "DescribeRouteTables",
               {{"RouteTableIds", Json::array({output(updated, "Table")})}})["RouteTables"][0];
  EXPECT_EQ(default_route(table)["NatGatewayId"], output(updated, "Nat"));

  // A new CIDR block replaces the subnet (and what is bound to it).
  auto replaced = deploy("net", kTemplate, {{"SubnetCidr", "10.0.2.0/24"}});
  ASSERT_TRUE(replaced.succeeded) << replaced.message;
  EXPECT_NE(output(replaced, "SubnetId"), subnet_id);
  EXPECT_EQ(subnet(output(replaced, "SubnetId"))["CidrBlock"], "10.0.2.0/24");
  EXPECT_EQ(error_of("ec2", "DescribeSubnets", {{"SubnetIds", Json::array({subnet_id})}}),
            "InvalidSubnetID.NotFound");

  auto deleted = remove("net");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_EQ(error_of("ec2", "DescribeVpcs", {{"VpcIds", Json::array({vpc_id})}}),
            "InvalidVpcID.NotFound");
  EXPECT_EQ(vpc_count(), 1u); // the default VPC
}

TEST_F(Ec2DeployTest, SubnetOutsideItsVpcFailsTheCreateWhichRollsBack) {
  auto created = deploy("net", kTemplate, {{"SubnetCidr", "10.1.0.0/24"}});
  EXPECT_FALSE(created.succeeded);
  EXPECT_EQ(created.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Subnet", "CREATE_FAILED"),
              HasSubstr("The CIDR '10.1.0.0/24' is invalid. (Service: Ec2, Status Code: 400, "
                        "Error Code: InvalidSubnet.Range)"));
  EXPECT_EQ(vpc_count(), 1u);
}

TEST_F(Ec2DeployTest, AnInvalidRuleFailsTheUpdateWhichRollsBack) {
  auto created = deploy("net", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  auto updated = deploy("net", kTemplate, {{"SshPort", "70000"}, {"Public", "false"}});
  EXPECT_FALSE(updated.succeeded);
  EXPECT_EQ(updated.stack.status, "UPDATE_ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Web", "UPDATE_FAILED"),
              HasSubstr("Invalid value '70000-70000' for portRange"));
  Json web = group(output(created, "Web"));
  ASSERT_EQ(web["IpPermissions"].size(), 1u);
  EXPECT_EQ(web["IpPermissions"][0]["FromPort"], 22);
  EXPECT_EQ(subnet(output(created, "SubnetId"))["MapPublicIpOnLaunch"], true);
}

TEST_F(Ec2DeployTest, GroupsWithoutVpcGoToTheDefaultVpcAndNamesAreGenerated) {
  auto created = deploy("plain", R"(
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]
Outputs:
  Id: {Value: !Ref Group}
  Vpc: {Value: !GetAtt Group.VpcId}
)");
  ASSERT_TRUE(created.succeeded) << created.message;
  Json g = group(output(created, "Id"));
  EXPECT_THAT(g["GroupName"].get<std::string>(), ::testing::StartsWith("plain-Group-"));
  EXPECT_TRUE(vpc(output(created, "Vpc"))["IsDefault"].get<bool>());
}
