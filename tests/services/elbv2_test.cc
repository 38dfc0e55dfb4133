// The embedded Elastic Load Balancing v2: load balancers placed in the embedded EC2's subnets
// (DNS names, hosted zone ids, ARNs, states, attributes), target groups and their health check
// defaults, listeners whose actions are checked against target groups and ACM certificates,
// rules and priorities, targets and their health, tags, paging; and boto3's elbv2 and acm
// clients through the HTTP front (data/elbv2_clients.py).
#include "services/http_front/http_front.h"
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

#include <array>
#include <cstdio>
#include <regex>
#include <sys/wait.h>

using namespace cfnlocal;
using namespace cfnlocal::services;
using ::testing::HasSubstr;

namespace {

class Elbv2Test : public EmbeddedTest {
protected:
  void SetUp() override {
    EmbeddedTest::SetUp();
    vpc_ = call("ec2", "CreateVpc", {{"CidrBlock", "10.0.0.0/16"}})["Vpc"]["VpcId"];
    subnet_a_ = subnet(vpc_, "10.0.1.0/24", "us-east-1a");
    subnet_b_ = subnet(vpc_, "10.0.2.0/24", "us-east-1b");
  }
  std::string subnet(const std::string &vpc, const std::string &cidr, const std::string &zone) {
    return call(
        "ec2", "CreateSubnet",
        {{"VpcId", vpc}, {"CidrBlock", cidr}, {"AvailabilityZone", zone}})["Subnet"]["SubnetId"];
  }
  Json alb(const std::string &name = "web", Json extra = Json::object()) {
    Json in = {{"Name", name}, {"Subnets", {subnet_a_, subnet_b_}}};
    in.update(extra);
    return call("elbv2", "CreateLoadBalancer", in)["LoadBalancers"][0];
  }
  std::string group(const std::string &name, const std::string &protocol = "HTTP", int port = 80) {
    return call("elbv2", "CreateTargetGroup",
                {{"Name", name},
                 {"Protocol", protocol},
                 {"Port", port},
                 {"VpcId", vpc_}})["TargetGroups"][0]["TargetGroupArn"];
  }
  static Json forward(const std::string &tg) {
    return Json::array({{{"Type", "forward"}, {"TargetGroupArn", tg}}});
  }
  std::string listener(const std::string &lb, const std::string &tg, int port = 80) {
    return call("elbv2", "CreateListener",
                {{"LoadBalancerArn", lb},
                 {"Protocol", "HTTP"},
                 {"Port", port},
                 {"DefaultActions", forward(tg)}})["Listeners"][0]["ListenerArn"];
  }
  std::string vpc_, subnet_a_, subnet_b_;
};

TEST_F(Elbv2Test, ApplicationLoadBalancerInTwoZones) {
  Json lb = alb("web-alb");
  std::string arn = lb["LoadBalancerArn"];
  EXPECT_TRUE(std::regex_match(
      arn, std::regex(R"(arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/)"
                      R"(web-alb/[0-9a-f]{16})")))
      << arn;
  std::string dns = lb["DNSName"];
  EXPECT_TRUE(
      std::regex_match(dns, std::regex(R"(web-alb-\d{10}\.us-east-1\.elb\.amazonaws\.com)")))
      << dns;
  EXPECT_EQ(lb["CanonicalHostedZoneId"], "Z35SXDOTRQ7X7K");
  EXPECT_EQ(lb["State"]["Code"], "provisioning");
  EXPECT_EQ(lb["Scheme"], "internet-facing");
  EXPECT_EQ(lb["Type"], "application");
  EXPECT_EQ(lb["VpcId"], vpc_);
  EXPECT_EQ(lb["IpAddressType"], "ipv4");
  ASSERT_EQ(lb["AvailabilityZones"].size(), 2u);
  EXPECT_EQ(lb["AvailabilityZones"][0]["ZoneName"], "us-east-1a");
  EXPECT_EQ(lb["AvailabilityZones"][1]["SubnetId"], subnet_b_);
  // Without security groups an ALB gets its VPC's default group.
  Json groups = call("ec2", "DescribeSecurityGroups",
                     {{"Filters",
                       {{{"Name", "vpc-id"}, {"Values", {vpc_}}},
                        {{"Name", "group-name"}, {"Values", {"default"}}}}}});
  EXPECT_EQ(lb["SecurityGroups"], Json::array({groups["SecurityGroups"][0]["GroupId"]}));

  Json described =
      call("elbv2", "DescribeLoadBalancers", {{"Names", {"web-alb"}}})["LoadBalancers"][0];
  EXPECT_EQ(described["State"]["Code"], "active");
  EXPECT_EQ(described["DNSName"], dns);
  // The same request again returns the same load balancer; other settings are a conflict.
  EXPECT_EQ(alb("web-alb")["LoadBalancerArn"], arn);
  EXPECT_EQ(
      error_of("elbv2", "CreateLoadBalancer",
               {{"Name", "web-alb"}, {"Subnets", {subnet_a_, subnet_b_}}, {"Scheme", "internal"}}),
      "DuplicateLoadBalancerName");
  // Internal ALBs' names start with "internal-".
  Json internal = alb("inside", {{"Scheme", "internal"}});
  EXPECT_TRUE(std::string(internal["DNSName"]).starts_with("internal-inside-"));

  call("elbv2", "DeleteLoadBalancer", {{"LoadBalancerArn", arn}});
  EXPECT_EQ(error_of("elbv2", "DescribeLoadBalancers", {{"LoadBalancerArns", {arn}}}),
            "LoadBalancerNotFound");
  // Deleting what is gone succeeds, as ELB documents.
  EXPECT_EQ(error_of("elbv2", "DeleteLoadBalancer", {{"LoadBalancerArn", arn}}), "");
}

TEST_F(Elbv2Test, PlacementRules) {
  std::string same_zone = subnet(vpc_, "10.0.3.0/24", "us-east-1a");
  EXPECT_EQ(error_of("elbv2", "CreateLoadBalancer", {{"Name", "one"}, {"Subnets", {subnet_a_}}}),
            "ValidationError");
  EXPECT_THAT(last_error_, HasSubstr("two different Availability Zones"));
  EXPECT_EQ(error_of("elbv2", "CreateLoadBalancer",
                     {{"Name", "twice"}, {"Subnets", {subnet_a_, same_zone}}}),
            "InvalidConfigurationRequest");
  EXPECT_EQ(error_of("elbv2", "CreateLoadBalancer",
                     {{"Name", "ghost"}, {"Subnets", {subnet_a_, "subnet-0123456789abcdef0"}}}),
            "SubnetNotFound");
  std::string other_vpc = call("ec2", "CreateVpc", {{"CidrBlock", "10.9.0.0/16"}})["Vpc"]["VpcId"];
  std::string far = subnet(other_vpc, "10.9.1.0/24", "us-east-1c");
  EXPECT_EQ(
      error_of("elbv2", "CreateLoadBalancer", {{"Name", "split"}, {"Subnets", {subnet_a_, far}}}),
      "InvalidSubnet");
  EXPECT_EQ(error_of("elbv2", "CreateLoadBalancer",
                     {{"Name", "nosg"},
                      {"Subnets", {subnet_a_, subnet_b_}},
                      {"SecurityGroups", {"sg-0123456789abcdef0"}}}),
            "InvalidSecurityGroup");
  EXPECT_EQ(error_of("elbv2", "CreateLoadBalancer",
                     {{"Name", "-bad"}, {"Subnets", {subnet_a_, subnet_b_}}}),
            "ValidationError");
  // A Network Load Balancer may use one zone; its names and zones differ.
  Json nlb =
      call("elbv2", "CreateLoadBalancer",
           {{"Name", "net"}, {"Type", "network"}, {"Subnets", {subnet_a_}}})["LoadBalancers"][0];
  EXPECT_TRUE(std::regex_match(std::string(nlb["DNSName"]),
                               std::regex(R"(net-[0-9a-f]{16}\.elb\.us-east-1\.amazonaws\.com)")))
      << nlb["DNSName"];
  EXPECT_EQ(nlb["CanonicalHostedZoneId"], "Z26RNL4JYFTOTI");
  EXPECT_TRUE(std::string(nlb["LoadBalancerArn"]).find(":loadbalancer/net/net/") !=
              std::string::npos);
  EXPECT_FALSE(nlb.contains("SecurityGroups"));
  // SetSubnets moves an ALB; SetSecurityGroups replaces its groups.
  std::string c_subnet = subnet(vpc_, "10.0.4.0/24", "us-east-1c");
  std::string lb = alb()["LoadBalancerArn"];
  Json zones =
      call("elbv2", "SetSubnets",
           {{"LoadBalancerArn", lb}, {"Subnets", {subnet_a_, c_subnet}}})["AvailabilityZones"];
  EXPECT_EQ(zones[1]["ZoneName"], "us-east-1c");
  std::string sg = call("ec2", "CreateSecurityGroup",
                        {{"GroupName", "lb"}, {"Description", "lb"}, {"VpcId", vpc_}})["GroupId"];
  EXPECT_EQ(call("elbv2", "SetSecurityGroups",
                 {{"LoadBalancerArn", lb}, {"SecurityGroups", {sg}}})["SecurityGroupIds"],
            Json::array({sg}));
  EXPECT_EQ(error_of("elbv2", "SetIpAddressType",
                     {{"LoadBalancerArn", lb}, {"IpAddressType", "dualstack"}}),
            "InvalidSubnet");
}

TEST_F(Elbv2Test, AttributesPerTypeAndDeletionProtection) {
  std::string lb = alb()["LoadBalancerArn"];
  Json attributes =
      call("elbv2", "DescribeLoadBalancerAttributes", {{"LoadBalancerArn", lb}})["Attributes"];
  auto value = [](const Json &list, const std::string &key) {
    for (const auto &a : list)
      if (a["Key"] == key)
        return a["Value"].get<std::string>();
    return std::string("<absent>");
  };
  EXPECT_EQ(value(attributes, "idle_timeout.timeout_seconds"), "60");
  EXPECT_EQ(value(attributes, "routing.http2.enabled"), "true");
  EXPECT_EQ(value(attributes, "load_balancing.cross_zone.enabled"), "<absent>");
  EXPECT_EQ(error_of("elbv2", "ModifyLoadBalancerAttributes",
                     {{"LoadBalancerArn", lb},
                      {"Attributes", {{{"Key", "no.such.key"}, {"Value", "1"}}}}}),
            "ValidationError");
  EXPECT_EQ(error_of("elbv2", "ModifyLoadBalancerAttributes",
                     {{"LoadBalancerArn", lb},
                      {"Attributes", {{{"Key", "idle_timeout.timeout_seconds"}, {"Value", "0"}}}}}),
            "ValidationError");
  Json changed =
      call("elbv2", "ModifyLoadBalancerAttributes",
           {{"LoadBalancerArn", lb},
            {"Attributes",
             {{{"Key", "deletion_protection.enabled"}, {"Value", "true"}},
              {{"Key", "idle_timeout.timeout_seconds"}, {"Value", "120"}}}}})["Attributes"];
  EXPECT_EQ(value(changed, "idle_timeout.timeout_seconds"), "120");
  EXPECT_EQ(error_of("elbv2", "DeleteLoadBalancer", {{"LoadBalancerArn", lb}}),
            "OperationNotPermitted");
  Json nlb =
      call("elbv2", "CreateLoadBalancer",
           {{"Name", "net"}, {"Type", "network"}, {"Subnets", {subnet_a_}}})["LoadBalancers"][0];
  Json net = call("elbv2", "DescribeLoadBalancerAttributes",
                  {{"LoadBalancerArn", nlb["LoadBalancerArn"]}})["Attributes"];
  EXPECT_EQ(value(net, "load_balancing.cross_zone.enabled"), "false");
  EXPECT_EQ(value(net, "idle_timeout.timeout_seconds"), "<absent>");
}

TEST_F(Elbv2Test, TargetGroupHealthCheckDefaultsPerProtocol) {
  Json http = call(
      "elbv2", "CreateTargetGroup",
      {{"Name", "http"}, {"Protocol", "HTTP"}, {"Port", 80}, {"VpcId", vpc_}})["TargetGroups"][0];
  EXPECT_EQ(http["HealthCheckProtocol"], "HTTP");
  EXPECT_EQ(http["HealthCheckPort"], "traffic-port");
  EXPECT_EQ(http["HealthCheckPath"], "/");
  EXPECT_EQ(http["HealthCheckIntervalSeconds"], 30);
  EXPECT_EQ(http["HealthCheckTimeoutSeconds"], 5);
  EXPECT_EQ(http["HealthyThresholdCount"], 5);
  EXPECT_EQ(http["UnhealthyThresholdCount"], 2);
  EXPECT_EQ(http["Matcher"]["HttpCode"], "200");
  EXPECT_EQ(http["ProtocolVersion"], "HTTP1");
  EXPECT_EQ(http["TargetType"], "instance");
  EXPECT_EQ(http["LoadBalancerArns"], Json::array());
  EXPECT_TRUE(std::regex_match(
      std::string(http["TargetGroupArn"]),
      std::regex(
          R"(arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/http/[0-9a-f]{16})")));
  Json tcp = call(
      "elbv2", "CreateTargetGroup",
      {{"Name", "tcp"}, {"Protocol", "TCP"}, {"Port", 443}, {"VpcId", vpc_}})["TargetGroups"][0];
  EXPECT_EQ(tcp["HealthCheckProtocol"], "TCP");
  EXPECT_EQ(tcp["HealthCheckTimeoutSeconds"], 10);
  EXPECT_FALSE(tcp.contains("Matcher"));
  EXPECT_FALSE(tcp.contains("HealthCheckPath"));
  Json lambda = call("elbv2", "CreateTargetGroup",
                     {{"Name", "fn"}, {"TargetType", "lambda"}})["TargetGroups"][0];
  EXPECT_EQ(lambda["HealthCheckEnabled"], false);
  EXPECT_EQ(lambda["HealthCheckIntervalSeconds"], 35);
  EXPECT_EQ(lambda["HealthCheckTimeoutSeconds"], 30);
  EXPECT_FALSE(lambda.contains("VpcId"));
  // The rules ELB enforces.
  EXPECT_EQ(
      error_of("elbv2", "CreateTargetGroup", {{"Name", "x"}, {"Protocol", "HTTP"}, {"Port", 80}}),
      "ValidationError");
  EXPECT_EQ(
      error_of(
          "elbv2", "CreateTargetGroup",
          {{"Name", "x"}, {"Protocol", "HTTP"}, {"Port", 80}, {"VpcId", "vpc-0000000000000000f"}}),
      "ValidationError");
  EXPECT_EQ(error_of("elbv2", "CreateTargetGroup",
                     {{"Name", "x"},
                      {"Protocol", "HTTP"},
                      {"Port", 80},
                      {"VpcId", vpc_},
                      {"HealthCheckIntervalSeconds", 5},
                      {"HealthCheckTimeoutSeconds", 10}}),
            "ValidationError");
  EXPECT_THAT(last_error_, HasSubstr("greater than the timeout"));
  EXPECT_EQ(error_of("elbv2", "CreateTargetGroup",
                     {{"Name", "x"},
                      {"Protocol", "TCP"},
                      {"Port", 80},
                      {"VpcId", vpc_},
                      {"HealthCheckPath", "/health"}}),
            "ValidationError");
  EXPECT_EQ(error_of("elbv2", "CreateTargetGroup",
                     {{"Name", "http"}, {"Protocol", "HTTP"}, {"Port", 8080}, {"VpcId", vpc_}}),
            "DuplicateTargetGroupName");
  Json modified = call("elbv2", "ModifyTargetGroup",
                       {{"TargetGroupArn", http["TargetGroupArn"]},
                        {"HealthCheckPath", "/health"},
                        {"Matcher", {{"HttpCode", "200-299"}}}})["TargetGroups"][0];
  EXPECT_EQ(modified["HealthCheckPath"], "/health");
  EXPECT_EQ(modified["Matcher"]["HttpCode"], "200-299");
  Json attributes = call("elbv2", "DescribeTargetGroupAttributes",
                         {{"TargetGroupArn", http["TargetGroupArn"]}})["Attributes"];
  bool found = false;
  for (const auto &a : attributes)
    found = found || (a["Key"] == "deregistration_delay.timeout_seconds" && a["Value"] == "300");
  EXPECT_TRUE(found) << attributes.dump();
  EXPECT_EQ(error_of("elbv2", "ModifyTargetGroupAttributes",
                     {{"TargetGroupArn", http["TargetGroupArn"]},
                      {"Attributes", {{{"Key", "stickiness.type"}, {"Value", "source_ip"}}}}}),
            "ValidationError");
}

TEST_F(Elbv2Test, ListenersForwardToTargetGroupsOfTheirVpc) {
  std::string lb = alb()["LoadBalancerArn"];
  std::string tg = group("web");
  EXPECT_EQ(error_of("elbv2", "CreateListener",
                     {{"LoadBalancerArn", lb},
                      {"Protocol", "HTTP"},
                      {"Port", 80},
                      {"DefaultActions", forward(tg + "0")}}),
            "TargetGroupNotFound");
  std::string other_vpc = call("ec2", "CreateVpc", {{"CidrBlock", "10.9.0.0/16"}})["Vpc"]["VpcId"];
  std::string far = call("elbv2", "CreateTargetGroup",
                         {{"Name", "far"},
                          {"Protocol", "HTTP"},
                          {"Port", 80},
                          {"VpcId", other_vpc}})["TargetGroups"][0]["TargetGroupArn"];
  EXPECT_EQ(error_of("elbv2", "CreateListener",
                     {{"LoadBalancerArn", lb},
                      {"Protocol", "HTTP"},
                      {"Port", 80},
                      {"DefaultActions", forward(far)}}),
            "InvalidConfigurationRequest");
  EXPECT_EQ(error_of("elbv2", "CreateListener",
                     {{"LoadBalancerArn", lb},
                      {"Protocol", "TCP"},
                      {"Port", 80},
                      {"DefaultActions", forward(tg)}}),
            "UnsupportedProtocol");
  std::string l = listener(lb, tg);
  Json described = call("elbv2", "DescribeListeners", {{"ListenerArns", {l}}})["Listeners"][0];
  EXPECT_EQ(described["DefaultActions"][0]["TargetGroupArn"], tg);
  EXPECT_EQ(described["DefaultActions"][0]["Order"], 1);
  EXPECT_EQ(described["DefaultActions"][0]["ForwardConfig"]["TargetGroups"][0]["Weight"], 1);
  EXPECT_TRUE(std::string(l).find(":listener/app/web/") != std::string::npos) << l;
  EXPECT_EQ(error_of("elbv2", "CreateListener",
                     {{"LoadBalancerArn", lb},
                      {"Protocol", "HTTP"},
                      {"Port", 80},
                      {"DefaultActions", forward(tg)}}),
            "DuplicateListener");
  // The target group now belongs to the load balancer, and cannot go while it is used.
  Json g = call("elbv2", "DescribeTargetGroups", {{"TargetGroupArns", {tg}}})["TargetGroups"][0];
  EXPECT_EQ(g["LoadBalancerArns"], Json::array({lb}));
  EXPECT_EQ(call("elbv2", "DescribeTargetGroups", {{"LoadBalancerArn", lb}})["TargetGroups"].size(),
            1u);
  EXPECT_EQ(error_of("elbv2", "DeleteTargetGroup", {{"TargetGroupArn", tg}}), "ResourceInUse");
  // Redirects and fixed responses, with ELB's defaults filled.
  Json redirect = call(
      "elbv2", "ModifyListener",
      {{"ListenerArn", l},
       {"DefaultActions",
        {{{"Type", "redirect"},
          {"RedirectConfig",
           {{"Protocol", "HTTPS"}, {"Port", "443"}, {"StatusCode", "HTTP_301"}}}}}}})["Listeners"]
                                                                                     [0];
  EXPECT_EQ(redirect["DefaultActions"][0]["RedirectConfig"]["Host"], "#{host}");
  EXPECT_EQ(redirect["DefaultActions"][0]["RedirectConfig"]["Path"], "/#{path}");
  EXPECT_EQ(error_of("elbv2", "ModifyListener",
                     {{"ListenerArn", l},
                      {"DefaultActions",
                       {{{"Type", "fixed-response"},
                         {"FixedResponseConfig", {{"StatusCode", "302"}}}}}}}),
            "ValidationError");
  EXPECT_EQ(error_of("elbv2", "ModifyListener",
                     {{"ListenerArn", l},
                      {"DefaultActions",
                       {{{"Type", "authenticate-oidc"}, {"Order", 1}},
                        {{"Type", "forward"}, {"TargetGroupArn", tg}, {"Order", 2}}}}}),
            "InvalidLoadBalancerAction");
  // The group is free again; deleting the load balancer deletes its listeners.
  EXPECT_EQ(error_of("elbv2", "DeleteTargetGroup", {{"TargetGroupArn", tg}}), "");
  call("elbv2", "DeleteLoadBalancer", {{"LoadBalancerArn", lb}});
  EXPECT_EQ(error_of("elbv2", "DescribeListeners", {{"ListenerArns", {l}}}), "ListenerNotFound");
}

TEST_F(Elbv2Test, NetworkTargetGroupsServeOneLoadBalancer) {
  std::string tg = group("tcp", "TCP", 443);
  auto nlb = [&](const std::string &name) {
    return call("elbv2", "CreateLoadBalancer",
                {{"Name", name},
                 {"Type", "network"},
                 {"Subnets", {subnet_a_}}})["LoadBalancers"][0]["LoadBalancerArn"]
        .get<std::string>();
  };
  std::string one = nlb("one"), two = nlb("two");
  call("elbv2", "CreateListener",
       {{"LoadBalancerArn", one},
        {"Protocol", "TCP"},
        {"Port", 443},
        {"DefaultActions", forward(tg)}});
  EXPECT_EQ(error_of("elbv2", "CreateListener",
                     {{"LoadBalancerArn", two},
                      {"Protocol", "TCP"},
                      {"Port", 443},
                      {"DefaultActions", forward(tg)}}),
            "TargetGroupAssociationLimit");
  EXPECT_EQ(error_of("elbv2", "CreateListener",
                     {{"LoadBalancerArn", two},
                      {"Protocol", "UDP"},
                      {"Port", 53},
                      {"DefaultActions", forward(tg)}}),
            "IncompatibleProtocols");
}

TEST_F(Elbv2Test, HttpsListenersNeedAnAcmCertificate) {
  std::string lb = alb()["LoadBalancerArn"];
  std::string tg = group("web");
  Json https = {{"LoadBalancerArn", lb},
                {"Protocol", "HTTPS"},
                {"Port", 443},
                {"DefaultActions", forward(tg)}};
  EXPECT_EQ(error_of("elbv2", "CreateListener", https), "CertificateNotFound");
  https["Certificates"] = {{{"CertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/"
                                               "00000000-0000-0000-0000-000000000000"}}};
  EXPECT_EQ(error_of("elbv2", "CreateListener", https), "CertificateNotFound");
  std::string cert =
      call("acm", "RequestCertificate",
           {{"DomainName", "www.example.com"}, {"ValidationMethod", "DNS"}})["CertificateArn"];
  https["Certificates"] = {{{"CertificateArn", cert}}};
  Json l = call("elbv2", "CreateListener", https)["Listeners"][0];
  EXPECT_EQ(l["SslPolicy"], "ELBSecurityPolicy-TLS13-1-2-2021-06");
  EXPECT_EQ(l["Certificates"][0]["CertificateArn"], cert);
  std::string extra =
      call("acm", "RequestCertificate", {{"DomainName", "api.example.com"}})["CertificateArn"];
  call("elbv2", "AddListenerCertificates",
       {{"ListenerArn", l["ListenerArn"]}, {"Certificates", {{{"CertificateArn", extra}}}}});
  Json certs = call("elbv2", "DescribeListenerCertificates",
                    {{"ListenerArn", l["ListenerArn"]}})["Certificates"];
  ASSERT_EQ(certs.size(), 2u);
  EXPECT_EQ(certs[0]["IsDefault"], true);
  EXPECT_EQ(certs[1]["CertificateArn"], extra);
  EXPECT_EQ(
      error_of("elbv2", "RemoveListenerCertificates",
               {{"ListenerArn", l["ListenerArn"]}, {"Certificates", {{{"CertificateArn", cert}}}}}),
      "OperationNotPermitted");
  // ACM knows who uses its certificates.
  Json detail = call("acm", "DescribeCertificate", {{"CertificateArn", cert}})["Certificate"];
  EXPECT_EQ(detail["InUseBy"], Json::array({lb}));
  EXPECT_EQ(error_of("acm", "DeleteCertificate", {{"CertificateArn", extra}}),
            "ResourceInUseException");
  EXPECT_EQ(error_of("elbv2", "CreateListener",
                     {{"LoadBalancerArn", lb},
                      {"Protocol", "HTTPS"},
                      {"Port", 8443},
                      {"Certificates", {{{"CertificateArn", cert}}}},
                      {"SslPolicy", "NoSuchPolicy"},
                      {"DefaultActions", forward(tg)}}),
            "SSLPolicyNotFound");
}

TEST_F(Elbv2Test, RulesPrioritiesAndConditions) {
  std::string lb = alb()["LoadBalancerArn"];
  std::string tg = group("web"), api = group("api");
  std::string l = listener(lb, tg);
  Json path = Json::array({{{"Field", "path-pattern"}, {"Values", {"/api/*"}}}});
  Json rule = call("elbv2", "CreateRule",
                   {{"ListenerArn", l},
                    {"Priority", 10},
                    {"Conditions", path},
                    {"Actions", forward(api)}})["Rules"][0];
  EXPECT_EQ(rule["Priority"], "10");
  EXPECT_EQ(rule["IsDefault"], false);
  EXPECT_EQ(rule["Conditions"][0]["PathPatternConfig"]["Values"][0], "/api/*");
  EXPECT_EQ(
      error_of(
          "elbv2", "CreateRule",
          {{"ListenerArn", l}, {"Priority", 10}, {"Conditions", path}, {"Actions", forward(api)}}),
      "PriorityInUse");
  EXPECT_EQ(error_of("elbv2", "CreateRule",
                     {{"ListenerArn", l},
                      {"Priority", 11},
                      {"Conditions", {{{"Field", "cookie"}, {"Values", {"a"}}}}},
                      {"Actions", forward(api)}}),
            "ValidationError");
  EXPECT_EQ(error_of("elbv2", "CreateRule",
                     {{"ListenerArn", l},
                      {"Priority", 11},
                      {"Conditions",
                       {{{"Field", "host-header"},
                         {"Values", {"a.example.com", "b.example.com", "c.example.com"}}},
                        {{"Field", "path-pattern"}, {"Values", {"/a", "/b", "/c"}}}}},
                      {"Actions", forward(api)}}),
            "ValidationError");
  EXPECT_THAT(last_error_, HasSubstr("'5' condition values"));
  Json second =
      call("elbv2", "CreateRule",
           {{"ListenerArn", l},
            {"Priority", 5},
            {"Conditions",
             {{{"Field", "http-header"},
               {"HttpHeaderConfig", {{"HttpHeaderName", "X-Env"}, {"Values", {"beta"}}}}}}},
            {"Actions",
             {{{"Type", "fixed-response"},
               {"FixedResponseConfig",
                {{"StatusCode", "503"}, {"ContentType", "text/plain"}}}}}}})["Rules"][0];
  Json rules = call("elbv2", "DescribeRules", {{"ListenerArn", l}})["Rules"];
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0]["Priority"], "5");
  EXPECT_EQ(rules[1]["Priority"], "10");
  EXPECT_EQ(rules[2]["Priority"], "default");
  EXPECT_EQ(rules[2]["IsDefault"], true);
  EXPECT_EQ(rules[2]["Actions"][0]["TargetGroupArn"], tg);
  std::string default_rule = rules[2]["RuleArn"];
  EXPECT_EQ(error_of("elbv2", "DeleteRule", {{"RuleArn", default_rule}}), "OperationNotPermitted");
  EXPECT_EQ(error_of("elbv2", "SetRulePriorities",
                     {{"RulePriorities", {{{"RuleArn", second["RuleArn"]}, {"Priority", 10}}}}}),
            "PriorityInUse");
  Json moved = call("elbv2", "SetRulePriorities",
                    {{"RulePriorities",
                      {{{"RuleArn", second["RuleArn"]}, {"Priority", 10}},
                       {{"RuleArn", rule["RuleArn"]}, {"Priority", 5}}}}})["Rules"];
  EXPECT_EQ(moved.size(), 2u);
  // The rule's target group counts as used by the load balancer.
  EXPECT_EQ(error_of("elbv2", "DeleteTargetGroup", {{"TargetGroupArn", api}}), "ResourceInUse");
  call("elbv2", "ModifyRule", {{"RuleArn", rule["RuleArn"]}, {"Actions", forward(tg)}});
  EXPECT_EQ(error_of("elbv2", "DeleteTargetGroup", {{"TargetGroupArn", api}}), "");
  // The default rule's actions are the listener's.
  call("elbv2", "ModifyRule",
       {{"RuleArn", default_rule},
        {"Actions",
         {{{"Type", "fixed-response"}, {"FixedResponseConfig", {{"StatusCode", "404"}}}}}}});
  EXPECT_EQ(call("elbv2", "DescribeListeners",
                 {{"ListenerArns", {l}}})["Listeners"][0]["DefaultActions"][0]["Type"],
            "fixed-response");
  call("elbv2", "DeleteRule", {{"RuleArn", rule["RuleArn"]}});
  EXPECT_EQ(error_of("elbv2", "DescribeRules", {{"RuleArns", {rule["RuleArn"]}}}), "RuleNotFound");
}

TEST_F(Elbv2Test, TargetsAndTheirHealth) {
  std::string tg = group("web");
  call("elbv2", "RegisterTargets",
       {{"TargetGroupArn", tg},
        {"Targets",
         {{{"Id", "i-0123456789abcdef0"}}, {{"Id", "i-0123456789abcdef1"}, {"Port", 8080}}}}});
  EXPECT_EQ(error_of("elbv2", "RegisterTargets",
                     {{"TargetGroupArn", tg}, {"Targets", {{{"Id", "10.0.0.1"}}}}}),
            "InvalidTarget");
  Json health =
      call("elbv2", "DescribeTargetHealth", {{"TargetGroupArn", tg}})["TargetHealthDescriptions"];
  ASSERT_EQ(health.size(), 2u);
  EXPECT_EQ(health[0]["Target"]["Port"], 80);
  EXPECT_EQ(health[1]["HealthCheckPort"], "8080");
  EXPECT_EQ(health[0]["TargetHealth"]["State"], "unused");
  EXPECT_EQ(health[0]["TargetHealth"]["Reason"], "Target.NotInUse");
  std::string lb = alb()["LoadBalancerArn"];
  listener(lb, tg);
  health =
      call("elbv2", "DescribeTargetHealth", {{"TargetGroupArn", tg}})["TargetHealthDescriptions"];
  EXPECT_EQ(health[0]["TargetHealth"]["State"], "healthy");
  call("elbv2", "DeregisterTargets",
       {{"TargetGroupArn", tg}, {"Targets", {{{"Id", "i-0123456789abcdef0"}}}}});
  EXPECT_EQ(
      call("elbv2", "DescribeTargetHealth", {{"TargetGroupArn", tg}})["TargetHealthDescriptions"]
          .size(),
      1u);
  // IP targets inside the VPC, or anywhere with AvailabilityZone "all".
  std::string ip = call("elbv2", "CreateTargetGroup",
                        {{"Name", "ip"},
                         {"Protocol", "HTTP"},
                         {"Port", 80},
                         {"VpcId", vpc_},
                         {"TargetType", "ip"}})["TargetGroups"][0]["TargetGroupArn"];
  EXPECT_EQ(error_of("elbv2", "RegisterTargets",
                     {{"TargetGroupArn", ip}, {"Targets", {{{"Id", "192.168.1.1"}}}}}),
            "InvalidTarget");
  EXPECT_EQ(
      error_of("elbv2", "RegisterTargets",
               {{"TargetGroupArn", ip},
                {"Targets",
                 {{{"Id", "10.0.1.5"}}, {{"Id", "192.168.1.1"}, {"AvailabilityZone", "all"}}}}}),
      "");
}

TEST_F(Elbv2Test, TagsAndPaging) {
  std::string lb =
      alb("tagged", {{"Tags", {{{"Key", "team"}, {"Value", "web"}}}}})["LoadBalancerArn"];
  std::string tg = group("web");
  call("elbv2", "AddTags",
       {{"ResourceArns", {lb, tg}}, {"Tags", {{{"Key", "env"}, {"Value", "dev"}}}}});
  Json described = call("elbv2", "DescribeTags", {{"ResourceArns", {lb, tg}}})["TagDescriptions"];
  EXPECT_EQ(described[0]["Tags"].size(), 2u);
  EXPECT_EQ(described[1]["Tags"][0]["Key"], "env");
  call("elbv2", "RemoveTags", {{"ResourceArns", {lb}}, {"TagKeys", {"team"}}});
  EXPECT_EQ(call("elbv2", "DescribeTags", {{"ResourceArns", {lb}}})["TagDescriptions"][0]["Tags"],
            Json::array({{{"Key", "env"}, {"Value", "dev"}}}));
  EXPECT_EQ(error_of("elbv2", "AddTags",
                     {{"ResourceArns", {lb}}, {"Tags", {{{"Key", "aws:x"}, {"Value", "1"}}}}}),
            "ValidationError");
  EXPECT_EQ(error_of("elbv2", "DescribeTags", {{"ResourceArns", {tg + "0"}}}),
            "TargetGroupNotFound");
  alb("second");
  alb("third");
  Json first = call("elbv2", "DescribeLoadBalancers", {{"PageSize", 2}});
  EXPECT_EQ(first["LoadBalancers"].size(), 2u);
  ASSERT_TRUE(first.contains("NextMarker"));
  Json rest =
      call("elbv2", "DescribeLoadBalancers", {{"PageSize", 2}, {"Marker", first["NextMarker"]}});
  EXPECT_EQ(rest["LoadBalancers"].size(), 1u);
  EXPECT_FALSE(rest.contains("NextMarker"));
}

TEST_F(Elbv2Test, Boto3ThroughTheHttpFront) {
  if (std::system("python3 -c 'import boto3' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "no python3 with boto3";
  http_front::HttpFront front(*backend_);
  int status = 0;
  std::string out =
      run_command("python3 '" CFNLOCAL_TEST_DATA "/elbv2_clients.py' " + front.url(), status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_THAT(out, HasSubstr("ok 2")) << out;
  EXPECT_EQ(
      call("elbv2", "DescribeLoadBalancers", {{"Names", {"front-alb"}}})["LoadBalancers"].size(),
      1u);
}

} // namespace
