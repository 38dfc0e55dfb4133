// The AWS::ElasticLoadBalancingV2 types and AWS::CertificateManager::Certificate deployed through
// the engine onto the embedded ELB, ACM and EC2: an Application Load Balancer in two subnets with
// a target group, HTTP and HTTPS listeners, a rule and an extra listener certificate (Ref and
// GetAtt values as AWS gives them), an in-place update, a replacement (a new target group name
// that the listener and rule follow), delete; and a listener forwarding to a target group that
// does not exist failing with ELB's message and rolling back.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

#include <regex>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class Elbv2DeployTest : public ServiceDeployTest {
protected:
  Json load_balancers() { return call("elbv2", "DescribeLoadBalancers")["LoadBalancers"]; }
  Json target_groups() { return call("elbv2", "DescribeTargetGroups")["TargetGroups"]; }
};

const char *kTemplate = R"(
Parameters:
  GroupName:
    Type: String
    Default: web-targets
  HealthPath:
    Type: String
    Default: /health
  IdleTimeout:
    Type: String
    Default: "60"
  RulePriority:
    Type: Number
    Default: 10
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.20.0.0/16
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.20.1.0/24
      AvailabilityZone: !Select [0, !GetAZs ""]
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.20.2.0/24
      AvailabilityZone: !Select [1, !GetAZs ""]
  LbGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: load balancer
      VpcId: !Ref Vpc
  Certificate:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: app.example.com
      ValidationMethod: DNS
      DomainValidationOptions:
        - DomainName: app.example.com
          HostedZoneId: Z0123456789ABCDEFGHIJ
  ExtraCertificate:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: api.example.com
  LoadBalancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [!Ref SubnetA, !Ref SubnetB]
      SecurityGroups: [!Ref LbGroup]
      LoadBalancerAttributes:
        - Key: idle_timeout.timeout_seconds
          Value: !Ref IdleTimeout
      Tags:
        - Key: team
          Value: web
  Targets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Name: !Ref GroupName
      Protocol: HTTP
      Port: 8080
      VpcId: !Ref Vpc
      HealthCheckPath: !Ref HealthPath
      TargetGroupAttributes:
        - Key: deregistration_delay.timeout_seconds
          Value: "30"
      Targets:
        - Id: i-0123456789abcdef0
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LoadBalancer
      Protocol: HTTP
      Port: 80
      DefaultActions:
        - Type: redirect
          RedirectConfig:
            Protocol: HTTPS
            Port: "443"
            StatusCode: HTTP_301
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LoadBalancer
      Protocol: HTTPS
      Port: 443
      Certificates:
        - CertificateArn: !Ref Certificate
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref Targets
  ApiRule:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Https
      Priority: !Ref RulePriority
      Conditions:
        - Field: path-pattern
          Values: ["/api/*"]
      Actions:
        - Type: forward
          TargetGroupArn: !Ref Targets
  MoreCertificates:
    Type: AWS::ElasticLoadBalancingV2::ListenerCertificate
    Properties:
      ListenerArn: !Ref Https
      Certificates:
        - CertificateArn: !Ref ExtraCertificate
Outputs:
  LoadBalancerArn:
    Value: !Ref LoadBalancer
  DNSName:
    Value: !GetAtt LoadBalancer.DNSName
  ZoneId:
    Value: !GetAtt LoadBalancer.CanonicalHostedZoneID
  FullName:
    Value: !GetAtt LoadBalancer.LoadBalancerFullName
  LbName:
    Value: !GetAtt LoadBalancer.LoadBalancerName
  LbGroups:
    Value: !Join [",", !GetAtt LoadBalancer.SecurityGroups]
  GroupArn:
    Value: !Ref Targets
  GroupFullName:
    Value: !GetAtt Targets.TargetGroupFullName
  GroupLoadBalancers:
    Value: !Join [",", !GetAtt Targets.LoadBalancerArns]
  HttpsArn:
    Value: !Ref Https
  RuleArn:
    Value: !Ref ApiRule
  CertificateArn:
    Value: !Ref Certificate
)";

const char *kMissingGroup = R"(
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.30.0.0/16
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.30.1.0/24
      AvailabilityZone: us-east-1a
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.30.2.0/24
      AvailabilityZone: us-east-1b
  LoadBalancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [!Ref SubnetA, !Ref SubnetB]
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LoadBalancer
      Protocol: HTTP
      Port: 80
      DefaultActions:
        - Type: forward
          TargetGroupArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/gone/0123456789abcdef
)";

} // namespace

TEST_F(Elbv2DeployTest, ApplicationLoadBalancerCreateUpdateReplaceDelete) {
  auto created = deploy("shop", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string lb = output(created, "LoadBalancerArn");
  EXPECT_TRUE(std::regex_match(
      lb, std::regex(R"(arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/)"
                     R"(shop-LoadB[A-Za-z0-9-]*/[0-9a-f]{16})")))
      << lb;
  EXPECT_EQ(output(created, "ZoneId"), "Z35SXDOTRQ7X7K");
  std::string name = output(created, "LbName");
  EXPECT_LE(name.size(), 32u);
  EXPECT_TRUE(std::regex_match(output(created, "DNSName"),
                               std::regex(name + R"(-\d{10}\.us-east-1\.elb\.amazonaws\.com)")))
      << output(created, "DNSName");
  EXPECT_EQ(output(created, "FullName"), lb.substr(lb.find("app/")));
  EXPECT_THAT(output(created, "LbGroups"), HasSubstr("sg-"));
  std::string group = output(created, "GroupArn");
  EXPECT_THAT(group, HasSubstr(":targetgroup/web-targets/"));
  EXPECT_EQ(output(created, "GroupFullName"), group.substr(group.find("targetgroup/")));
  EXPECT_EQ(output(created, "GroupLoadBalancers"), lb);
  EXPECT_THAT(output(created, "CertificateArn"), HasSubstr("arn:aws:acm:us-east-1:123456789012:"));

  // What ELB holds.
  Json tg = target_groups()[0];
  EXPECT_EQ(tg["HealthCheckPath"], "/health");
  EXPECT_EQ(tg["Port"], 8080);
  Json health = call("elbv2", "DescribeTargetHealth", {{"TargetGroupArn", group}});
  EXPECT_EQ(health["TargetHealthDescriptions"][0]["TargetHealth"]["State"], "healthy");
  Json listeners = call("elbv2", "DescribeListeners", {{"LoadBalancerArn", lb}})["Listeners"];
  ASSERT_EQ(listeners.size(), 2u);
  Json rules =
      call("elbv2", "DescribeRules", {{"ListenerArn", output(created, "HttpsArn")}})["Rules"];
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0]["Priority"], "10");
  Json certs = call("elbv2", "DescribeListenerCertificates",
                    {{"ListenerArn", output(created, "HttpsArn")}})["Certificates"];
  EXPECT_EQ(certs.size(), 2u);
  Json tags = call("elbv2", "DescribeTags", {{"ResourceArns", {lb}}})["TagDescriptions"][0]["Tags"];
  EXPECT_EQ(tags, Json::parse(R"([{"Key":"team","Value":"web"}])"));
  auto attribute = [&](const std::string &key) {
    Json described = call("elbv2", "DescribeLoadBalancerAttributes", {{"LoadBalancerArn", lb}});
    for (const auto &a : described["Attributes"])
      if (a["Key"] == key)
        return a["Value"].get<std::string>();
    return std::string();
  };
  EXPECT_EQ(attribute("idle_timeout.timeout_seconds"), "60");

  // In place: health check path, an attribute, the rule's priority.
  auto updated = deploy("shop", kTemplate,
                        {{"HealthPath", "/ready"}, {"IdleTimeout", "120"}, {"RulePriority", "20"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "LoadBalancerArn"), lb);
  EXPECT_EQ(output(updated, "GroupArn"), group);
  EXPECT_EQ(target_groups()[0]["HealthCheckPath"], "/ready");
  EXPECT_EQ(attribute("idle_timeout.timeout_seconds"), "120");
  EXPECT_EQ(call("elbv2", "DescribeRules",
                 {{"RuleArns", {output(updated, "RuleArn")}}})["Rules"][0]["Priority"],
            "20");

  // A new target group name replaces the group; the listener and rule move to the new one
  // before the old one goes.
  auto replaced = deploy("shop", kTemplate, {{"GroupName", "web-targets-2"}});
  ASSERT_TRUE(replaced.succeeded) << replaced.message;
  std::string new_group = output(replaced, "GroupArn");
  EXPECT_NE(new_group, group);
  EXPECT_THAT(new_group, HasSubstr(":targetgroup/web-targets-2/"));
  ASSERT_EQ(target_groups().size(), 1u);
  Json https = call("elbv2", "DescribeListeners",
                    {{"ListenerArns", {output(replaced, "HttpsArn")}}})["Listeners"][0];
  EXPECT_EQ(https["DefaultActions"][0]["TargetGroupArn"], new_group);

  auto deleted = remove("shop");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_TRUE(load_balancers().empty());
  EXPECT_TRUE(target_groups().empty());
  EXPECT_TRUE(call("acm", "ListCertificates")["CertificateSummaryList"].empty());
}

TEST_F(Elbv2DeployTest, AListenerForwardingToAMissingTargetGroupFailsClearly) {
  auto created = deploy("broken", kMissingGroup);
  EXPECT_FALSE(created.succeeded);
  EXPECT_EQ(created.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Listener", "CREATE_FAILED"),
              HasSubstr("Target group 'arn:aws:elasticloadbalancing:us-east-1:123456789012:"
                        "targetgroup/gone/0123456789abcdef' not found"));
  EXPECT_TRUE(load_balancers().empty());
}

TEST_F(Elbv2DeployTest, AnAlbInOneZoneFailsWithElbsMessage) {
  std::string one_zone = kMissingGroup;
  one_zone = std::regex_replace(one_zone, std::regex(R"(Subnets: \[!Ref SubnetA, !Ref SubnetB\])"),
                                "Subnets: [!Ref SubnetA]");
  auto created = deploy("onezone", one_zone);
  EXPECT_FALSE(created.succeeded);
  EXPECT_THAT(reason("LoadBalancer", "CREATE_FAILED"),
              HasSubstr("At least two subnets in two different Availability Zones"));
}
