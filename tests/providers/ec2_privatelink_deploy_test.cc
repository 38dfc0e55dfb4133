// AWS::EC2::VPCEndpointService, VPCEndpointServicePermissions, VPCPeeringConnection and KeyPair
// deployed through the engine onto the embedded EC2: Ref and GetAtt as documented, in-place
// updates, a key pair's private key in SSM, AWS::EC2::KeyPair::KeyName parameters checked, and
// delete.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

namespace {

class Ec2PrivateLinkDeployTest : public ServiceDeployTest {};

const char *kServiceTemplate = R"yaml(
Parameters:
  Acceptance: {Type: String, Default: "false"}
  Principal: {Type: String, Default: "arn:aws:iam::210987654321:root"}
  Team: {Type: String, Default: core}
Resources:
  Front:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: network
      Scheme: internal
      Subnets: [!Ref ProviderSubnet]
  Provider:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.30.0.0/16}
  ProviderSubnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Provider, CidrBlock: 10.30.1.0/24, AvailabilityZone: us-east-1a}
  Service:
    Type: AWS::EC2::VPCEndpointService
    Properties:
      AcceptanceRequired: !Ref Acceptance
      NetworkLoadBalancerArns: [!Ref Front]
      Tags: [{Key: team, Value: !Ref Team}]
  Permissions:
    Type: AWS::EC2::VPCEndpointServicePermissions
    Properties:
      ServiceId: !Ref Service
      AllowedPrincipals: [!Ref Principal]
  Consumer:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.20.0.0/16}
  ConsumerSubnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Consumer, CidrBlock: 10.20.1.0/24, AvailabilityZone: us-east-1a}
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    DependsOn: Permissions
    Properties:
      VpcId: !Ref Consumer
      VpcEndpointType: Interface
      SubnetIds: [!Ref ConsumerSubnet]
      ServiceName: !Sub com.amazonaws.vpce.${AWS::Region}.${Service}
Outputs:
  ServiceId: {Value: !Ref Service}
  ServiceIdAtt: {Value: !GetAtt Service.ServiceId}
  Endpoint: {Value: !Ref Endpoint}
)yaml";

TEST_F(Ec2PrivateLinkDeployTest, EndpointServiceWithPermissionsAndAnEndpoint) {
  auto created = deploy("svc", kServiceTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string id = output(created, "ServiceId");
  EXPECT_THAT(id, MatchesRegex("vpce-svc-[0-9a-f]{17}"));
  EXPECT_EQ(output(created, "ServiceIdAtt"), id);
  Json service = call("ec2", "DescribeVpcEndpointServiceConfigurations",
                      {{"ServiceIds", Json::array({id})}})["ServiceConfigurations"][0];
  EXPECT_EQ(service["AcceptanceRequired"], false);
  EXPECT_EQ(service["Tags"][0]["Value"], "core");
  Json principals = call("ec2", "DescribeVpcEndpointServicePermissions",
                         {{"ServiceId", id}})["AllowedPrincipals"];
  ASSERT_EQ(principals.size(), 1u);
  EXPECT_EQ(principals[0]["Principal"], "arn:aws:iam::210987654321:root");
  Json endpoint = call("ec2", "DescribeVpcEndpoints",
                       {{"VpcEndpointIds", Json::array({output(created, "Endpoint")})}});
  EXPECT_EQ(endpoint["VpcEndpoints"][0]["State"], "available");

  // In place: acceptance, tags, the allowed principal.
  auto updated = deploy("svc", kServiceTemplate,
                        {{"Acceptance", "true"},
                         {"Team", "edge"},
                         {"Principal", "arn:aws:iam::210987654321:role/consumer"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "ServiceId"), id);
  service = call("ec2", "DescribeVpcEndpointServiceConfigurations",
                 {{"ServiceIds", Json::array({id})}})["ServiceConfigurations"][0];
  EXPECT_EQ(service["AcceptanceRequired"], true);
  EXPECT_EQ(service["Tags"][0]["Value"], "edge");
  principals = call("ec2", "DescribeVpcEndpointServicePermissions",
                    {{"ServiceId", id}})["AllowedPrincipals"];
  ASSERT_EQ(principals.size(), 1u);
  EXPECT_EQ(principals[0]["Principal"], "arn:aws:iam::210987654321:role/consumer");

  // The endpoint goes before its service: the delete order makes the service deletable.
  auto deleted = remove("svc");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_EQ(error_of("ec2", "DescribeVpcEndpointServiceConfigurations",
                     {{"ServiceIds", Json::array({id})}}),
            "InvalidVpcEndpointServiceId.NotFound");
}

const char *kPeeringTemplate = R"yaml(
Parameters:
  Name: {Type: String, Default: a-to-b}
Resources:
  A:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.30.0.0/16}
  B:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.31.0.0/16}
  Peering:
    Type: AWS::EC2::VPCPeeringConnection
    Properties:
      VpcId: !Ref A
      PeerVpcId: !Ref B
      Tags: [{Key: Name, Value: !Ref Name}]
  TableA:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref A}
  ToB:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableA
      DestinationCidrBlock: 10.31.0.0/16
      VpcPeeringConnectionId: !Ref Peering
Outputs:
  Peering: {Value: !Ref Peering}
  PeeringId: {Value: !GetAtt Peering.Id}
  TableA: {Value: !Ref TableA}
)yaml";

TEST_F(Ec2PrivateLinkDeployTest, PeeringBetweenTwoVpcsOfTheStackIsAcceptedAndRouted) {
  auto created = deploy("peer", kPeeringTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string id = output(created, "Peering");
  EXPECT_THAT(id, MatchesRegex("pcx-0[0-9a-f]{16}"));
  EXPECT_EQ(output(created, "PeeringId"), id);
  auto describe = [&] {
    return call("ec2", "DescribeVpcPeeringConnections",
                {{"VpcPeeringConnectionIds", Json::array({id})}})["VpcPeeringConnections"][0];
  };
  EXPECT_EQ(describe()["Status"]["Code"], "active");
  EXPECT_EQ(describe()["Tags"][0]["Value"], "a-to-b");
  Json routes = call(
      "ec2", "DescribeRouteTables",
      {{"RouteTableIds", Json::array({output(created, "TableA")})}})["RouteTables"][0]["Routes"];
  bool routed = false;
  for (const auto &r : routes)
    routed = routed || r.value("VpcPeeringConnectionId", "") == id;
  EXPECT_TRUE(routed) << routes.dump();

  auto updated = deploy("peer", kPeeringTemplate, {{"Name", "renamed"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "Peering"), id);
  EXPECT_EQ(describe()["Tags"][0]["Value"], "renamed");

  auto deleted = remove("peer");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_EQ(describe()["Status"]["Code"], "deleted");
}

TEST_F(Ec2PrivateLinkDeployTest, OverlappingPeersFailTheCreate) {
  std::string overlapping = kPeeringTemplate;
  overlapping.replace(overlapping.find("10.31.0.0/16"), 12, "10.30.0.0/20");
  auto created = deploy("peer", overlapping);
  EXPECT_FALSE(created.succeeded);
  EXPECT_THAT(reason("Peering", "CREATE_FAILED"), HasSubstr("overlapping CIDR range"));
}

const char *kKeyTemplate = R"yaml(
Parameters:
  Type: {Type: String, Default: rsa}
Resources:
  Key:
    Type: AWS::EC2::KeyPair
    Properties:
      KeyName: !Sub ${AWS::StackName}-key
      KeyType: !Ref Type
      Tags: [{Key: team, Value: core}]
Outputs:
  Name: {Value: !Ref Key}
  Id: {Value: !GetAtt Key.KeyPairId}
  Fingerprint: {Value: !GetAtt Key.KeyFingerprint}
)yaml";

TEST_F(Ec2PrivateLinkDeployTest, KeyPairPrivateKeyGoesToSsmAndReplacesOnTypeChange) {
  auto created = deploy("keys", kKeyTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  EXPECT_EQ(output(created, "Name"), "keys-key");
  std::string id = output(created, "Id");
  EXPECT_THAT(id, MatchesRegex("key-0[0-9a-f]{16}"));
  EXPECT_THAT(output(created, "Fingerprint"), MatchesRegex("([0-9a-f]{2}:){19}[0-9a-f]{2}"));
  Json parameter = call("ssm", "GetParameter",
                        {{"Name", "/ec2/keypair/" + id}, {"WithDecryption", true}})["Parameter"];
  EXPECT_EQ(parameter["Type"], "SecureString");
  EXPECT_THAT(parameter["Value"].get<std::string>(), HasSubstr("BEGIN RSA PRIVATE KEY"));

  // KeyType is create-only: a new key pair of the same name needs the old one gone first, which
  // a custom name cannot have (as in CloudFormation, the update fails).
  auto retyped = deploy("keys", kKeyTemplate, {{"Type", "ed25519"}});
  EXPECT_FALSE(retyped.succeeded);

  auto deleted = remove("keys");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_TRUE(call("ec2", "DescribeKeyPairs")["KeyPairs"].empty());
  EXPECT_EQ(error_of("ssm", "GetParameter", {{"Name", "/ec2/keypair/" + id}}), "ParameterNotFound");
}

} // namespace
