#include "intrinsics/cidr.h"

#include "test_env.h"

#include <gtest/gtest.h>

using namespace cfnlocal;
using namespace cfnlocal::intrinsics;
using namespace cfnlocal::intrinsics::testing;

namespace {

TEST(Cidr, DocumentedIPv4Example) {
  auto out = compute_cidr("192.168.0.0/24", 6, 5);
  std::vector<std::string> expected = {"192.168.0.0/27",  "192.168.0.32/27",  "192.168.0.64/27",
                                       "192.168.0.96/27", "192.168.0.128/27", "192.168.0.160/27"};
  EXPECT_EQ(out, expected);
}

TEST(Cidr, IPv4HostBitsIgnoredAndSingleAddresses) {
  EXPECT_EQ(compute_cidr("10.0.5.7/16", 2, 8),
            (std::vector<std::string>{"10.0.0.0/24", "10.0.1.0/24"}));
  EXPECT_EQ(compute_cidr("10.0.0.0/30", 4, 0),
            (std::vector<std::string>{"10.0.0.0/32", "10.0.0.1/32", "10.0.0.2/32", "10.0.0.3/32"}));
  EXPECT_EQ(compute_cidr("10.0.0.0/8", 256, 16).back(), "10.255.0.0/16");
}

TEST(Cidr, IPv6) {
  EXPECT_EQ(compute_cidr("2600:1f14:abc:de00::/56", 3, 64),
            (std::vector<std::string>{"2600:1f14:abc:de00::/64", "2600:1f14:abc:de01::/64",
                                      "2600:1f14:abc:de02::/64"}));
  EXPECT_EQ(compute_cidr("2001:db8::/32", 2, 80),
            (std::vector<std::string>{"2001:db8::/48", "2001:db8:1::/48"}));
}

TEST(Cidr, Errors) {
  EXPECT_NE(error_of([] { compute_cidr("192.168.0.0", 1, 5); }).find("not a valid CIDR"),
            std::string::npos);
  EXPECT_NE(error_of([] { compute_cidr("300.1.1.1/24", 1, 5); }).find("not a valid CIDR"),
            std::string::npos);
  EXPECT_NE(error_of([] { compute_cidr("10.0.0.0/24", 0, 5); }).find("count 0"), std::string::npos);
  EXPECT_NE(error_of([] { compute_cidr("10.0.0.0/24", 257, 1); }).find("between 1 and 256"),
            std::string::npos);
  EXPECT_NE(error_of([] { compute_cidr("10.0.0.0/24", 1, 9); }).find("cidrBits 9"),
            std::string::npos);
  EXPECT_NE(error_of([] { compute_cidr("10.0.0.0/24", 9, 5); }).find("holds only 8"),
            std::string::npos);
}

TEST(Cidr, ThroughTheEvaluator) {
  Env env("Resources: {Vpc: {Type: AWS::EC2::VPC}}");
  EXPECT_EQ(json(env.eval("!Select [1, !Cidr ['10.0.0.0/16', '4', '8']]")), R"("10.0.1.0/24")");
  // An unknown ipBlock keeps the call.
  EXPECT_EQ(json(env.eval("!Cidr [!GetAtt Vpc.CidrBlock, 2, 8]")),
            R"({"Fn::Cidr":[{"Fn::GetAtt":["Vpc","CidrBlock"]},2,8]})");
  EXPECT_NE(error_of([&] { env.eval("!Cidr ['10.0.0.0/16', x, 8]"); }).find("count of Fn::Cidr"),
            std::string::npos);
}

} // namespace
