// The embedded EC2's VPC endpoint services (AWS PrivateLink): configurations, private DNS name
// verification, permissions, the services an account can connect to, endpoints connecting
// through acceptance, and the refusal to delete a service still in use.
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

#include <regex>

using namespace cfnlocal;
using namespace cfnlocal::services;
using ::testing::HasSubstr;

namespace {

// A well-formed ARN of a load balancer the embedded ELBv2 does not hold.
constexpr const char *kMissingNlb =
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/front/0123456789abcdef";

class Ec2EndpointServicesTest : public EmbeddedTest {
protected:
  // The network and gateway load balancers services front: EC2 checks them in ELBv2.
  void SetUp() override {
    EmbeddedTest::SetUp();
    kNlb = made("front", "network");
    kGwlb = made("inspect", "gateway");
  }
  // A load balancer in every default subnet (one per zone of the region).
  std::string made(const char *name, const char *type) {
    Json subnets =
        call("ec2", "DescribeSubnets",
             {{"Filters", Json::array({{{"Name", "default-for-az"},
                                        {"Values", Json::array({"true"})}}})}})["Subnets"];
    Json ids = Json::array();
    for (const auto &subnet : subnets)
      ids.push_back(subnet["SubnetId"]);
    return call(
        "elbv2", "CreateLoadBalancer",
        {{"Name", name}, {"Type", type}, {"Subnets", ids}})["LoadBalancers"][0]["LoadBalancerArn"];
  }
  std::string kNlb, kGwlb; // their ARNs
  Json create(const Json &extra = Json::object()) {
    Json input = {{"NetworkLoadBalancerArns", Json::array({kNlb})}};
    input.update(extra);
    return call("ec2", "CreateVpcEndpointServiceConfiguration", input)["ServiceConfiguration"];
  }
  Json configuration(const std::string &id) {
    return call("ec2", "DescribeVpcEndpointServiceConfigurations",
                {{"ServiceIds", Json::array({id})}})["ServiceConfigurations"][0];
  }
  std::string subnet(const std::string &vpc, const std::string &cidr, const std::string &zone) {
    return call(
        "ec2", "CreateSubnet",
        {{"VpcId", vpc}, {"CidrBlock", cidr}, {"AvailabilityZone", zone}})["Subnet"]["SubnetId"];
  }
};

TEST_F(Ec2EndpointServicesTest, ANetworkLoadBalancerServiceHasAwsShapedNames) {
  Json s = create({{"AcceptanceRequired", false}});
  std::string id = s["ServiceId"];
  EXPECT_TRUE(std::regex_match(id, std::regex("vpce-svc-[0-9a-f]{17}"))) << id;
  EXPECT_EQ(s["ServiceName"], "com.amazonaws.vpce.us-east-1." + id);
  EXPECT_EQ(s["ServiceType"][0]["ServiceType"], "Interface");
  EXPECT_EQ(s["ServiceState"], "Available");
  EXPECT_EQ(s["NetworkLoadBalancerArns"], Json::array({kNlb}));
  EXPECT_EQ(s["BaseEndpointDnsNames"][0], id + ".us-east-1.vpce.amazonaws.com");
  // Without ELBv2 to ask, the load balancer is taken to span the region's zones.
  EXPECT_EQ(s["AvailabilityZones"].size(), 6u);
  EXPECT_FALSE(s.contains("PrivateDnsNameConfiguration"));
  EXPECT_FALSE(s.contains("_Permissions")) << "internal members stay internal";
  EXPECT_EQ(configuration(id)["ServiceName"], s["ServiceName"]);
}

TEST_F(Ec2EndpointServicesTest, LoadBalancerArnsAreChecked) {
  EXPECT_EQ(error_of("ec2", "CreateVpcEndpointServiceConfiguration", Json::object()),
            "InvalidParameter");
  EXPECT_THAT(last_error_, HasSubstr("exactly one of"));
  EXPECT_EQ(error_of("ec2", "CreateVpcEndpointServiceConfiguration",
                     {{"NetworkLoadBalancerArns", Json::array({kNlb})},
                      {"GatewayLoadBalancerArns", Json::array({kGwlb})}}),
            "InvalidParameter");
  EXPECT_EQ(error_of("ec2", "CreateVpcEndpointServiceConfiguration",
                     {{"NetworkLoadBalancerArns", Json::array({"arn:aws:nope"})}}),
            "InvalidParameter");
  // A load balancer ELBv2 does not hold.
  EXPECT_EQ(error_of("ec2", "CreateVpcEndpointServiceConfiguration",
                     {{"NetworkLoadBalancerArns", Json::array({kMissingNlb})}}),
            "InvalidParameter");
  EXPECT_THAT(last_error_, HasSubstr("was not found"));
  // A Gateway Load Balancer's ARN in the network list.
  EXPECT_EQ(error_of("ec2", "CreateVpcEndpointServiceConfiguration",
                     {{"NetworkLoadBalancerArns", Json::array({kGwlb})}}),
            "InvalidParameter");
  // Another account's load balancer.
  std::string other = kNlb;
  other.replace(other.find("123456789012"), 12, "210987654321");
  EXPECT_EQ(error_of("ec2", "CreateVpcEndpointServiceConfiguration",
                     {{"NetworkLoadBalancerArns", Json::array({other})}}),
            "InvalidParameter");
  Json g = call("ec2", "CreateVpcEndpointServiceConfiguration",
                {{"GatewayLoadBalancerArns", Json::array({kGwlb})}})["ServiceConfiguration"];
  EXPECT_EQ(g["ServiceType"][0]["ServiceType"], "GatewayLoadBalancer");
  EXPECT_FALSE(g.contains("BaseEndpointDnsNames"));
}

TEST_F(Ec2EndpointServicesTest, PrivateDnsNamesWaitForTheirTxtRecord) {
  // What the custom resource of the corpus does: modify, then read the record to publish.
  std::string id = create()["ServiceId"];
  call("ec2", "ModifyVpcEndpointServiceConfiguration",
       {{"ServiceId", id}, {"PrivateDnsName", "api.example.com"}});
  Json c = configuration(id);
  EXPECT_EQ(c["PrivateDnsName"], "api.example.com");
  Json dns = c["PrivateDnsNameConfiguration"];
  EXPECT_EQ(dns["State"], "pendingVerification");
  EXPECT_EQ(dns["Type"], "TXT");
  EXPECT_TRUE(std::regex_match(dns["Name"].get<std::string>(), std::regex("_[a-z0-9]{20}")))
      << dns.dump();
  EXPECT_TRUE(std::regex_match(dns["Value"].get<std::string>(), std::regex("vpce:[A-Za-z0-9]{20}")))
      << dns.dump();
  // The same name again keeps its record; a new name gets a new one.
  call("ec2", "ModifyVpcEndpointServiceConfiguration",
       {{"ServiceId", id}, {"PrivateDnsName", "api.example.com"}});
  EXPECT_EQ(configuration(id)["PrivateDnsNameConfiguration"]["Value"], dns["Value"]);
  call("ec2", "ModifyVpcEndpointServiceConfiguration",
       {{"ServiceId", id}, {"PrivateDnsName", "api2.example.com"}});
  EXPECT_NE(configuration(id)["PrivateDnsNameConfiguration"]["Value"], dns["Value"]);
  EXPECT_EQ(error_of("ec2", "ModifyVpcEndpointServiceConfiguration",
                     {{"ServiceId", id}, {"PrivateDnsName", "not a domain"}}),
            "InvalidParameterValue");
  // Verification looks for the TXT record in the backend's Route 53: missing, it fails.
  EXPECT_EQ(call("ec2", "StartVpcEndpointServicePrivateDnsVerification",
                 {{"ServiceId", id}})["ReturnValue"],
            true);
  Json now = configuration(id)["PrivateDnsNameConfiguration"];
  EXPECT_EQ(now["State"], "failed");
  // Published in the domain's public hosted zone, it verifies.
  std::string zone =
      call("route53", "CreateHostedZone",
           {{"Name", "example.com"}, {"CallerReference", "verify"}})["HostedZone"]["Id"];
  call("route53", "ChangeResourceRecordSets",
       {{"HostedZoneId", zone},
        {"ChangeBatch",
         {{"Changes",
           Json::array({{{"Action", "UPSERT"},
                         {"ResourceRecordSet",
                          {{"Name", now["Name"].get<std::string>() + ".api2.example.com"},
                           {"Type", "TXT"},
                           {"TTL", 300},
                           {"ResourceRecords",
                            Json::array({{{"Value", "\"" + now["Value"].get<std::string>() +
                                                        "\""}}})}}}}})}}}});
  call("ec2", "StartVpcEndpointServicePrivateDnsVerification", {{"ServiceId", id}});
  EXPECT_EQ(configuration(id)["PrivateDnsNameConfiguration"]["State"], "verified");
  EXPECT_EQ(error_of("ec2", "StartVpcEndpointServicePrivateDnsVerification", {{"ServiceId", id}}),
            "InvalidParameter");
  // Removing the name removes its configuration.
  call("ec2", "ModifyVpcEndpointServiceConfiguration",
       {{"ServiceId", id}, {"RemovePrivateDnsName", true}});
  EXPECT_FALSE(configuration(id).contains("PrivateDnsName"));
  EXPECT_FALSE(configuration(id).contains("PrivateDnsNameConfiguration"));
  EXPECT_EQ(error_of("ec2", "StartVpcEndpointServicePrivateDnsVerification", {{"ServiceId", id}}),
            "InvalidParameter");
}

TEST_F(Ec2EndpointServicesTest, ModifyAddsAndRemovesLoadBalancers) {
  std::string id = create()["ServiceId"];
  std::string second = made("second", "network");
  call("ec2", "ModifyVpcEndpointServiceConfiguration",
       {{"ServiceId", id},
        {"AddNetworkLoadBalancerArns", Json::array({second})},
        {"AcceptanceRequired", true}});
  Json c = configuration(id);
  EXPECT_EQ(c["NetworkLoadBalancerArns"].size(), 2u);
  EXPECT_EQ(c["AcceptanceRequired"], true);
  call("ec2", "ModifyVpcEndpointServiceConfiguration",
       {{"ServiceId", id}, {"RemoveNetworkLoadBalancerArns", Json::array({kNlb})}});
  EXPECT_EQ(configuration(id)["NetworkLoadBalancerArns"], Json::array({second}));
  // The last one stays; Gateway Load Balancers do not join a network service.
  EXPECT_EQ(error_of("ec2", "ModifyVpcEndpointServiceConfiguration",
                     {{"ServiceId", id}, {"RemoveNetworkLoadBalancerArns", Json::array({second})}}),
            "InvalidParameter");
  EXPECT_EQ(error_of("ec2", "ModifyVpcEndpointServiceConfiguration",
                     {{"ServiceId", id}, {"AddGatewayLoadBalancerArns", Json::array({kGwlb})}}),
            "InvalidParameter");
  EXPECT_EQ(error_of("ec2", "DescribeVpcEndpointServiceConfigurations",
                     {{"ServiceIds", Json::array({"vpce-svc-00000000000000000"})}}),
            "InvalidVpcEndpointServiceId.NotFound");
}

TEST_F(Ec2EndpointServicesTest, ServicePrincipalsMayConnect) {
  // AppFlow reaches an SAP system through an endpoint service that allows its service principal.
  std::string id = create()["ServiceId"];
  call("ec2", "ModifyVpcEndpointServicePermissions",
       {{"ServiceId", id}, {"AddAllowedPrincipals", Json::array({"appflow.amazonaws.com"})}});
  Json listed = call("ec2", "DescribeVpcEndpointServicePermissions",
                     {{"ServiceId", id}})["AllowedPrincipals"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["PrincipalType"], "Service");
  EXPECT_EQ(listed[0]["Principal"], "appflow.amazonaws.com");
}

TEST_F(Ec2EndpointServicesTest, PermissionsArePrincipalArns) {
  std::string id = create()["ServiceId"];
  Json out = call("ec2", "ModifyVpcEndpointServicePermissions",
                  {{"ServiceId", id},
                   {"AddAllowedPrincipals", Json::array({"arn:aws:iam::210987654321:root",
                                                         "arn:aws:iam::210987654321:role/app"})}});
  EXPECT_EQ(out["ReturnValue"], true);
  ASSERT_EQ(out["AddedPrincipals"].size(), 2u);
  EXPECT_THAT(out["AddedPrincipals"][0]["ServicePermissionId"].get<std::string>(),
              HasSubstr("vpce-svc-perm-"));
  Json listed = call("ec2", "DescribeVpcEndpointServicePermissions",
                     {{"ServiceId", id}})["AllowedPrincipals"];
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0]["PrincipalType"], "Account");
  EXPECT_EQ(listed[1]["PrincipalType"], "Role");
  EXPECT_EQ(error_of("ec2", "ModifyVpcEndpointServicePermissions",
                     {{"ServiceId", id}, {"AddAllowedPrincipals", Json::array({"210987654321"})}}),
            "InvalidParameterValue");
  call("ec2", "ModifyVpcEndpointServicePermissions",
       {{"ServiceId", id},
        {"RemoveAllowedPrincipals", Json::array({"arn:aws:iam::210987654321:root"})}});
  EXPECT_EQ(
      call("ec2", "DescribeVpcEndpointServicePermissions", {{"ServiceId", id}})["AllowedPrincipals"]
          .size(),
      1u);
}

TEST_F(Ec2EndpointServicesTest, ListedNextToTheAwsServices) {
  Json s = create();
  Json out = call("ec2", "DescribeVpcEndpointServices", Json::object());
  auto names = out["ServiceNames"].get<std::vector<std::string>>();
  EXPECT_THAT(names, ::testing::Contains("com.amazonaws.us-east-1.s3"));
  EXPECT_THAT(names, ::testing::Contains("com.amazonaws.us-east-1.ssm"));
  EXPECT_THAT(names, ::testing::Contains(s["ServiceName"].get<std::string>()));
  Json mine = call("ec2", "DescribeVpcEndpointServices",
                   {{"ServiceNames", Json::array({s["ServiceName"]})}})["ServiceDetails"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["Owner"], "123456789012");
  Json gateways =
      call("ec2", "DescribeVpcEndpointServices",
           {{"Filters",
             Json::array({{{"Name", "service-type"}, {"Values", Json::array({"Gateway"})}}})}});
  EXPECT_EQ(gateways["ServiceNames"],
            Json::array({"com.amazonaws.us-east-1.dynamodb", "com.amazonaws.us-east-1.s3"}));
  EXPECT_EQ(error_of("ec2", "DescribeVpcEndpointServices",
                     {{"ServiceNames", Json::array({"com.amazonaws.us-east-1.nothing"})}}),
            "InvalidServiceName");
}

TEST_F(Ec2EndpointServicesTest, EndpointsConnectThroughAcceptanceAndBlockDeletion) {
  Json s = create({{"AcceptanceRequired", true}});
  std::string id = s["ServiceId"];
  std::string vpc = call("ec2", "CreateVpc", {{"CidrBlock", "10.1.0.0/16"}})["Vpc"]["VpcId"];
  std::string sub = subnet(vpc, "10.1.1.0/24", "us-east-1a");
  // The endpoint type must be the service's.
  EXPECT_EQ(
      error_of("ec2", "CreateVpcEndpoint", {{"VpcId", vpc}, {"ServiceName", s["ServiceName"]}}),
      "InvalidParameter");
  // No private DNS name on the service: private DNS cannot be asked for.
  EXPECT_EQ(error_of("ec2", "CreateVpcEndpoint",
                     {{"VpcId", vpc},
                      {"ServiceName", s["ServiceName"]},
                      {"VpcEndpointType", "Interface"},
                      {"SubnetIds", Json::array({sub})},
                      {"PrivateDnsEnabled", true}}),
            "InvalidParameter");
  Json e = call("ec2", "CreateVpcEndpoint",
                {{"VpcId", vpc},
                 {"ServiceName", s["ServiceName"]},
                 {"VpcEndpointType", "Interface"},
                 {"SubnetIds", Json::array({sub})}})["VpcEndpoint"];
  EXPECT_EQ(e["State"], "pendingAcceptance");
  EXPECT_EQ(e["PrivateDnsEnabled"], false);
  EXPECT_THAT(e["DnsEntries"][0]["DnsName"].get<std::string>(),
              HasSubstr("." + id + ".us-east-1.vpce.amazonaws.com"));
  std::string endpoint = e["VpcEndpointId"];
  Json connections =
      call("ec2", "DescribeVpcEndpointConnections",
           {{"Filters", Json::array({{{"Name", "service-id"},
                                      {"Values", Json::array({id})}}})}})["VpcEndpointConnections"];
  ASSERT_EQ(connections.size(), 1u);
  EXPECT_EQ(connections[0]["VpcEndpointState"], "pendingAcceptance");
  EXPECT_EQ(connections[0]["NetworkLoadBalancerArns"], Json::array({kNlb}));
  Json accepted = call("ec2", "AcceptVpcEndpointConnections",
                       {{"ServiceId", id}, {"VpcEndpointIds", Json::array({endpoint})}});
  EXPECT_TRUE(accepted["Unsuccessful"].empty());
  EXPECT_EQ(call("ec2", "DescribeVpcEndpoints",
                 {{"VpcEndpointIds", Json::array({endpoint})}})["VpcEndpoints"][0]["State"],
            "available");
  // A service with a connected endpoint is not deleted.
  Json refused = call("ec2", "DeleteVpcEndpointServiceConfigurations",
                      {{"ServiceIds", Json::array({id})}})["Unsuccessful"];
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0]["Error"]["Code"], "ExistingVpcEndpointConnections");
  call("ec2", "RejectVpcEndpointConnections",
       {{"ServiceId", id}, {"VpcEndpointIds", Json::array({endpoint})}});
  Json deleted = call("ec2", "DeleteVpcEndpointServiceConfigurations",
                      {{"ServiceIds", Json::array({id, "vpce-svc-00000000000000000"})}});
  ASSERT_EQ(deleted["Unsuccessful"].size(), 1u);
  EXPECT_EQ(deleted["Unsuccessful"][0]["ResourceId"], "vpce-svc-00000000000000000");
  EXPECT_EQ(error_of("ec2", "DescribeVpcEndpointServiceConfigurations",
                     {{"ServiceIds", Json::array({id})}}),
            "InvalidVpcEndpointServiceId.NotFound");
}

TEST_F(Ec2EndpointServicesTest, ServicesAreTaggedThroughCreateTags) {
  Json s = create({{"TagSpecifications",
                    Json::array({{{"ResourceType", "vpc-endpoint-service"},
                                  {"Tags", Json::array({{{"Key", "team"}, {"Value", "a"}}})}}})}});
  std::string id = s["ServiceId"];
  EXPECT_EQ(s["Tags"][0]["Key"], "team");
  call("ec2", "CreateTags",
       {{"Resources", Json::array({id})},
        {"Tags", Json::array({{{"Key", "env"}, {"Value", "x"}}})}});
  Json tags =
      call("ec2", "DescribeTags",
           {{"Filters",
             Json::array({{{"Name", "resource-id"}, {"Values", Json::array({id})}}})}})["Tags"];
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0]["ResourceType"], "vpc-endpoint-service");
}

} // namespace
