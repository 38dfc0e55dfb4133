#include "intrinsics/pseudo.h"

#include "test_env.h"

#include <gtest/gtest.h>

using namespace cfnlocal;
using namespace cfnlocal::intrinsics;
using namespace cfnlocal::intrinsics::testing;

namespace {

TEST(Pseudo, PartitionsAndSuffixes) {
  EXPECT_EQ(partition_for_region("us-east-1"), "aws");
  EXPECT_EQ(partition_for_region("eu-central-2"), "aws");
  EXPECT_EQ(partition_for_region("cn-north-1"), "aws-cn");
  EXPECT_EQ(partition_for_region("cn-northwest-1"), "aws-cn");
  EXPECT_EQ(partition_for_region("us-gov-west-1"), "aws-us-gov");
  EXPECT_EQ(partition_for_region("us-iso-east-1"), "aws-iso");
  EXPECT_EQ(partition_for_region("us-isob-east-1"), "aws-iso-b");
  EXPECT_EQ(url_suffix_for_region("us-west-2"), "amazonaws.com");
  EXPECT_EQ(url_suffix_for_region("cn-north-1"), "amazonaws.com.cn");
  EXPECT_EQ(url_suffix_for_region("us-gov-east-1"), "amazonaws.com");
  EXPECT_EQ(url_suffix_for_region("us-iso-east-1"), "c2s.ic.gov");
}

TEST(Pseudo, ValuesThroughRefAndSub) {
  PseudoParameters p;
  p.account_id = "111122223333";
  p.region = "cn-north-1";
  p.stack_name = "my-stack";
  p.notification_arns = {"arn:aws-cn:sns:cn-north-1:111122223333:topic"};
  Env env("Resources:\n  R: {Type: AWS::SQS::Queue}\n", {}, p);
  EXPECT_EQ(json(env.eval("!Ref AWS::Partition")), R"("aws-cn")");
  EXPECT_EQ(json(env.eval("!Ref AWS::URLSuffix")), R"("amazonaws.com.cn")");
  EXPECT_EQ(json(env.eval("!Ref AWS::AccountId")), R"("111122223333")");
  EXPECT_EQ(json(env.eval("!Ref AWS::StackName")), R"("my-stack")");
  EXPECT_EQ(
      json(env.eval("!Ref AWS::StackId")),
      R"("arn:aws-cn:cloudformation:cn-north-1:111122223333:stack/my-stack/00000000-0000-0000-0000-000000000000")");
  EXPECT_EQ(json(env.eval("!Ref AWS::NotificationARNs")),
            R"(["arn:aws-cn:sns:cn-north-1:111122223333:topic"])");
  EXPECT_EQ(json(env.eval("!Sub 'https://s3.${AWS::Region}.${AWS::URLSuffix}'")),
            R"("https://s3.cn-north-1.amazonaws.com.cn")");
  EXPECT_NE(error_of([&] {
              env.eval("!Sub '${AWS::NotificationARNs}'");
            }).find("does not resolve to a string"),
            std::string::npos);
}

TEST(Pseudo, GovCloud) {
  PseudoParameters p;
  p.region = "us-gov-west-1";
  p.stack_id = "arn:aws-us-gov:cloudformation:us-gov-west-1:123456789012:stack/s/abc";
  Env env("Resources:\n  R: {Type: AWS::SQS::Queue}\n", {}, p);
  EXPECT_EQ(json(env.eval("!Sub 'arn:${AWS::Partition}:s3:::b'")), R"("arn:aws-us-gov:s3:::b")");
  EXPECT_EQ(json(env.eval("!Ref AWS::StackId")),
            R"("arn:aws-us-gov:cloudformation:us-gov-west-1:123456789012:stack/s/abc")");
}

TEST(Pseudo, Names) {
  EXPECT_TRUE(is_pseudo_parameter("AWS::NoValue"));
  EXPECT_TRUE(is_pseudo_parameter("AWS::URLSuffix"));
  EXPECT_FALSE(is_pseudo_parameter("AWS::Foo"));
  EXPECT_FALSE(PseudoParameters().value("AWS::NoValue").has_value());
}

} // namespace
