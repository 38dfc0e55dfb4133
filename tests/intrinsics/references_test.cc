#include "intrinsics/references.h"

#include "test_env.h"

#include <gtest/gtest.h>

using namespace cfnlocal;
using namespace cfnlocal::intrinsics;
using namespace cfnlocal::intrinsics::testing;

namespace {

const char *kTemplate = R"(
Parameters:
  Env: {Type: String, Default: prod}
  AttrName: {Type: String, Default: Arn}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Vpc: {Type: AWS::EC2::VPC}
  Bucket: {Type: AWS::S3::Bucket}
  Role: {Type: AWS::IAM::Role}
  Topic: {Type: AWS::SNS::Topic}
)";

std::string describe(const std::vector<Reference> &refs) {
  std::string out;
  for (const auto &r : refs) {
    out += std::string(via_name(r.via)) + ":" + r.target;
    if (!r.attribute.empty())
      out += "." + r.attribute;
    if (r.attribute_dynamic)
      out += ".*";
    out += "(" + std::string(name_kind_name(r.kind)) + ") ";
  }
  return out;
}

TEST(References, EveryKind) {
  Env env(kTemplate);
  Value v = yaml(R"(
A: !Ref Bucket
B: !GetAtt Role.Arn
C: {Fn::GetAtt: [Vpc, !Ref AttrName]}
D: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}/${Env}/${Role.Arn}/${!Literal}/${Mine}'
E: !Sub ['${Mine}-${Topic}', {Mine: !Ref Env}]
F: !If [IsProd, !Ref Topic, !Ref AWS::NoValue]
G: !Ref Nope
)");
  auto refs = find_references(v, env.index);
  EXPECT_EQ(
      describe(refs),
      "Ref:Bucket(resource) Fn::GetAtt:Role.Arn(resource) Fn::GetAtt:Vpc.*(resource) "
      "Ref:AttrName(parameter) Fn::Sub:AWS::Partition(pseudo parameter) Fn::Sub:Bucket(resource) "
      "Fn::Sub:Env(parameter) Fn::Sub:Role.Arn(resource) Fn::Sub:Mine(unknown) "
      "Fn::Sub:Topic(resource) Ref:Env(parameter) Condition:IsProd(unknown) Ref:Topic(resource) "
      "Ref:AWS::NoValue(pseudo parameter) Ref:Nope(unknown) ");
  EXPECT_EQ(refs[0].mark.line, 2);
  EXPECT_EQ(refs[1].mark.line, 3);
}

TEST(References, HonourConditions) {
  Env env(kTemplate, {{"Env", "dev"}});
  Value v = yaml("!If [IsProd, !Ref Topic, !GetAtt Bucket.Arn]");
  ReferenceOptions options;
  options.conditions = &env.conditions;
  options.include_conditions = false;
  EXPECT_EQ(describe(find_references(v, env.index, options)), "Fn::GetAtt:Bucket.Arn(resource) ");
  EXPECT_EQ(resource_dependencies(v, env.index), (std::vector<std::string>{"Topic", "Bucket"}));
}

TEST(References, DependenciesDeduplicated) {
  Env env(kTemplate);
  Value v = yaml("[!Ref Bucket, !GetAtt Bucket.Arn, !Sub '${Bucket}${Role.Arn}', !Ref Env]");
  EXPECT_EQ(resource_dependencies(v, env.index), (std::vector<std::string>{"Bucket", "Role"}));
}

TEST(References, TolerateMalformedAndSkipTransform) {
  Env env(kTemplate);
  Value v = yaml("[!Sub '${bad name}', {Fn::GetAtt: Bucket}, {Fn::Transform: {Name: X, Parameters: "
                 "{A: !Ref Role}}}]");
  EXPECT_EQ(describe(find_references(v, env.index)), "Fn::GetAtt:Bucket(resource) ");
}

} // namespace
