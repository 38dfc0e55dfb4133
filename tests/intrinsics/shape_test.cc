#include "intrinsics/shape.h"

#include "schema/registry.h"
#include "test_env.h"

#include <gtest/gtest.h>

using namespace cfnlocal;
using namespace cfnlocal::intrinsics;
using namespace cfnlocal::intrinsics::testing;

namespace {

const char *kTemplate = R"(
Parameters:
  Name: {Type: String}
  Subnets: {Type: List<AWS::EC2::Subnet::Id>}
  Ports: {Type: CommaDelimitedList}
Mappings:
  M:
    us-east-1: {Ami: ami-1, Zones: [a, b]}
    eu-west-1: {Ami: ami-2, Zones: [c]}
Resources:
  Vpc: {Type: AWS::EC2::VPC}
  Bucket: {Type: AWS::S3::Bucket}
)";

TEST(Shape, WithoutLookup) {
  Value root = yaml(kTemplate);
  TemplateIndex index(root);
  auto shape = [&](const std::string &v) { return result_shape(yaml(v), &index); };
  EXPECT_EQ(shape("!Ref Name"), Shape::String);
  EXPECT_EQ(shape("!Ref Subnets"), Shape::StringList);
  EXPECT_EQ(shape("!Ref Ports"), Shape::StringList);
  EXPECT_EQ(shape("!Ref Bucket"), Shape::String);
  EXPECT_EQ(shape("!Ref AWS::Region"), Shape::String);
  EXPECT_EQ(shape("!Ref AWS::NotificationARNs"), Shape::StringList);
  EXPECT_EQ(shape("!Ref AWS::NoValue"), Shape::NoValue);
  EXPECT_EQ(shape("!Sub x"), Shape::String);
  EXPECT_EQ(shape("!Join [',', [a]]"), Shape::String);
  EXPECT_EQ(shape("!Split [',', a]"), Shape::StringList);
  EXPECT_EQ(shape("!GetAZs ''"), Shape::StringList);
  EXPECT_EQ(shape("!Cidr [a, 1, 2]"), Shape::StringList);
  EXPECT_EQ(shape("!Select [0, !Ref Subnets]"), Shape::String);
  EXPECT_EQ(shape("!Select [0, [a, b]]"), Shape::String);
  EXPECT_EQ(shape("!Select [0, !GetAtt Vpc.X]"), Shape::Unknown);
  EXPECT_EQ(shape("!FindInMap [M, !Ref AWS::Region, Ami]"), Shape::String);
  EXPECT_EQ(shape("!FindInMap [M, us-east-1, Zones]"), Shape::StringList);
  EXPECT_EQ(shape("!If [C, a, !Ref AWS::NoValue]"), Shape::String);
  EXPECT_EQ(shape("!If [C, a, !Split [',', a]]"), Shape::Unknown);
  EXPECT_EQ(shape("!Equals [a, b]"), Shape::Boolean);
  EXPECT_EQ(shape("[a, 1]"), Shape::StringList);
  EXPECT_EQ(shape("[a, {b: c}]"), Shape::List);
  EXPECT_EQ(shape("{b: c}"), Shape::Object);
  EXPECT_EQ(shape("!GetAtt Vpc.CidrBlock"), Shape::Unknown);  // no registry given
  EXPECT_EQ(result_shape(yaml("!Ref Name")), Shape::Unknown); // no template given
  EXPECT_TRUE(can_be_string(Shape::Unknown));
  EXPECT_FALSE(can_be_string(Shape::StringList));
  EXPECT_TRUE(can_be_list(Shape::StringList));
  EXPECT_FALSE(can_be_list(Shape::String));
  EXPECT_STREQ(shape_name(Shape::StringList), "list of strings");
}

TEST(Shape, GetAttFromSchema) {
  Value root = yaml(kTemplate);
  TemplateIndex index(root);
  const auto &registry = schema::Registry::builtin();
  auto shape = [&](const std::string &v) { return result_shape(yaml(v), &index, &registry); };
  EXPECT_EQ(shape("!GetAtt Bucket.Arn"), Shape::String);
  EXPECT_EQ(shape("!GetAtt Vpc.Ipv6CidrBlocks"), Shape::StringList);
  EXPECT_EQ(shape("!Select [0, !GetAtt Vpc.Ipv6CidrBlocks]"), Shape::String);
}

} // namespace
