// The `format` keyword's string formats, as cfn-lint checks them (behaviour learnt by running
// cfn-lint 1.51.0 on small templates; see schema/formats.h).
#include "schema/formats.h"

#include <gtest/gtest.h>

namespace cfnlocal::schema {
namespace {

bool ok(std::string_view format, std::string_view text) { return !check_format(format, text); }

TEST(Formats, Ipv4NetworksHaveNoHostBits) {
  EXPECT_TRUE(ok("ipv4-network", "10.0.0.0/24"));
  EXPECT_TRUE(ok("ipv4-network", "0.0.0.0/0"));
  EXPECT_TRUE(ok("ipv4-network", "10.0.0.0")); // a bare address is a /32
  EXPECT_FALSE(ok("ipv4-network", "10.0.0.1/24"));
  EXPECT_FALSE(ok("ipv4-network", "192.168.1.0/0"));
  EXPECT_FALSE(ok("ipv4-network", "10.0.0.0/33"));
  EXPECT_FALSE(ok("ipv4-network", "300.0.0.0/8"));
  EXPECT_FALSE(ok("ipv4-network", "10.0.0.0/"));
  auto failure = check_format("ipv4-network", "10.0.0.1/24");
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->rule, "E3002");
  EXPECT_EQ(failure->message, "'10.0.0.1/24' is not a 'ipv4-network'");
}

TEST(Formats, Ipv6Networks) {
  EXPECT_TRUE(ok("ipv6-network", "2001:db8::/64"));
  EXPECT_TRUE(ok("ipv6-network", "::/0"));
  EXPECT_FALSE(ok("ipv6-network", "2001:db8::1/64"));
  EXPECT_FALSE(ok("ipv6-network", "zz::/200"));
}

TEST(Formats, DateTimeIsRfc3339) {
  EXPECT_TRUE(ok("date-time", "2020-01-01T00:00:00Z"));
  EXPECT_TRUE(ok("date-time", "2020-01-01T00:00:00.123+02:00"));
  EXPECT_FALSE(ok("date-time", "2020-01-01"));
  EXPECT_FALSE(ok("date-time", "2020-13-01T00:00:00Z"));
  EXPECT_FALSE(ok("date-time", "notadate"));
}

TEST(Formats, BucketNames) {
  EXPECT_TRUE(ok("AWS::S3::Bucket.Name", "my-bucket.logs"));
  EXPECT_FALSE(ok("AWS::S3::Bucket.Name", "my..bucket"));
  EXPECT_FALSE(ok("AWS::S3::Bucket.Name", "Bad_Bucket"));
  EXPECT_FALSE(ok("AWS::S3::Bucket.Name", "-bucket"));
  EXPECT_FALSE(ok("AWS::S3::Bucket.Name", "ab"));
  EXPECT_EQ(check_format("AWS::S3::Bucket.Name", "my..bucket")->rule, "E1161");
}

TEST(Formats, IdentifiersWithTheirRules) {
  EXPECT_TRUE(ok("AWS::EC2::VPC.Id", "vpc-0123456789abcdef0"));
  auto vpc = check_format("AWS::EC2::VPC.Id", "vpc-12");
  ASSERT_TRUE(vpc);
  EXPECT_EQ(vpc->rule, "E1151");
  EXPECT_EQ(vpc->message, "'vpc-12' is not a 'AWS::EC2::VPC.Id' with pattern "
                          "'^vpc-(([0-9A-Fa-f]{8})|([0-9A-Fa-f]{17}))$'");
  // Python's repr doubles the pattern's backslashes.
  auto role = check_format("AWS::IAM::Role.Arn", "role");
  ASSERT_TRUE(role);
  EXPECT_EQ(role->rule, "E1156");
  EXPECT_NE(role->message.find(R"(:iam::\\d{12}:role/)"), std::string::npos);
  EXPECT_TRUE(ok("AWS::KMS::Key.Id", "alias/aws/sns"));
  EXPECT_EQ(check_format("AWS::KMS::Key.Id", "aws/sns")->rule, "E1162");
  EXPECT_EQ(check_format("AWS::KMS::Alias.AliasName", "aws/sns")->rule, "E1164");
  EXPECT_TRUE(ok("AWS::Lambda::Function.Arn", "arn:aws:lambda:us-east-1:123456789012:function:f"));
}

TEST(Formats, UncheckedFormatsAcceptEverything) {
  EXPECT_TRUE(ok("json", "{not json"));
  EXPECT_TRUE(ok("int64", "x"));
  EXPECT_TRUE(ok("AWS::Logs::LogGroup.Name", "bad name!"));
}

} // namespace
} // namespace cfnlocal::schema
