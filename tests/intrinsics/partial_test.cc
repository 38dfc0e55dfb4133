// Partial evaluation: values that depend on resources not created yet stay functions, with every
// other argument already evaluated, and finish once the lookup knows them.
#include "intrinsics/evaluator.h"
#include "intrinsics/functions.h"

#include "test_env.h"

#include <gtest/gtest.h>

using namespace cfnlocal;
using namespace cfnlocal::intrinsics;
using namespace cfnlocal::intrinsics::testing;

namespace {

const char *kTemplate = R"(
Parameters:
  Env: {Type: String, Default: prod}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Vpc: {Type: AWS::EC2::VPC}
  Bucket: {Type: AWS::S3::Bucket}
  Role: {Type: AWS::IAM::Role}
)";

TEST(Partial, JoinAroundUnknownStaysJoin) {
  Env env(kTemplate);
  Value v = env.eval("!Join ['', ['arn:', !Ref AWS::Partition, ':s3:::', !Ref Bucket, '/*']]");
  EXPECT_EQ(json(v), R"({"Fn::Join":["",["arn:","aws",":s3:::",{"Ref":"Bucket"},"/*"]]})");
  EXPECT_FALSE(is_resolved(v));
  // Once the bucket exists, evaluating the partial value again finishes it.
  env.lookup.refs["Bucket"] = Value("b-1");
  Value done = evaluate(v, env.context);
  EXPECT_EQ(json(done), R"("arn:aws:s3:::b-1/*")");
  EXPECT_TRUE(is_resolved(done));
}

TEST(Partial, SelectSplitBase64CidrKeepCalls) {
  Env env(kTemplate);
  EXPECT_EQ(json(env.eval("!Select [0, !GetAtt Vpc.Ipv6CidrBlocks]")),
            R"({"Fn::Select":[0,{"Fn::GetAtt":["Vpc","Ipv6CidrBlocks"]}]})");
  // A literal list: the selected item may be known even if another is not.
  EXPECT_EQ(json(env.eval("!Select [1, [!Ref Bucket, !Ref Env]]")), R"("prod")");
  EXPECT_EQ(json(env.eval("!Select [0, [!Ref Bucket, !Ref Env]]")), R"({"Ref":"Bucket"})");
  EXPECT_EQ(json(env.eval("!Split [',', !GetAtt Vpc.CidrBlockAssociations]")),
            R"({"Fn::Split":[",",{"Fn::GetAtt":["Vpc","CidrBlockAssociations"]}]})");
  EXPECT_EQ(json(env.eval("!Base64 {Fn::Sub: 'bucket=${Bucket} env=${Env}'}")),
            R"({"Fn::Base64":{"Fn::Sub":"bucket=${Bucket} env=prod"}})");
}

TEST(Partial, NestedValuesAndIf) {
  Env env(kTemplate);
  Value v = env.eval(R"(
Policy:
  Statement:
    - Effect: Allow
      Resource: [!GetAtt Bucket.Arn, !Sub '${Bucket.Arn}/*']
      Principal: {AWS: !If [IsProd, !GetAtt Role.Arn, !Ref AWS::NoValue]}
Tags: [{Key: env, Value: !Ref Env}]
)");
  EXPECT_EQ(
      json(v),
      R"({"Policy":{"Statement":[{"Effect":"Allow","Resource":[{"Fn::GetAtt":["Bucket","Arn"]},)"
      R"({"Fn::Sub":"${Bucket.Arn}/*"}],"Principal":{"AWS":{"Fn::GetAtt":["Role","Arn"]}}}]},)"
      R"("Tags":[{"Key":"env","Value":"prod"}]})");
  EXPECT_FALSE(is_resolved(v));
  EXPECT_TRUE(is_resolved(*v.find("Tags")));
  env.lookup.atts["Bucket.Arn"] = Value("arn:aws:s3:::b");
  env.lookup.atts["Role.Arn"] = Value("arn:aws:iam::123456789012:role/r");
  Value done = evaluate(v, env.context);
  EXPECT_TRUE(is_resolved(done));
  EXPECT_EQ(json(*done.find("Policy")->find("Statement")->as_array()[0].find("Resource")),
            R"(["arn:aws:s3:::b","arn:aws:s3:::b/*"])");
}

TEST(Partial, UnboundParametersStaySymbolic) {
  Env env(kTemplate);
  BoundParameters none;
  env.context.parameters = &none;
  EXPECT_EQ(json(env.eval("!Sub '${Env}-${AWS::Region}'")), R"({"Fn::Sub":"${Env}-us-east-1"})");
  EXPECT_EQ(json(env.eval("!Ref Env")), R"({"Ref":"Env"})");
}

TEST(Functions, Names) {
  EXPECT_TRUE(is_known_function("Fn::Cidr"));
  EXPECT_TRUE(is_known_function("Fn::ForEach::Topics"));
  EXPECT_FALSE(is_known_function("Fn::Contains"));
  EXPECT_TRUE(is_rule_function("Fn::Contains"));
  EXPECT_TRUE(is_condition_function("Fn::If"));
  EXPECT_FALSE(is_condition_function("Fn::Join"));
}

TEST(Partial, IsResolvedAndHasFunction) {
  EXPECT_TRUE(is_resolved(yaml("{a: [1, {b: c}], Condition: x}")));
  EXPECT_FALSE(is_resolved(yaml("{a: [1, {b: !Ref X}]}")));
  EXPECT_FALSE(is_resolved(yaml("{Fn::Transform: {Name: x}}")));
  EXPECT_TRUE(has_function(yaml("[a, {b: {Fn::Transform: {}}}]"), "Fn::Transform"));
  EXPECT_FALSE(has_function(yaml("[a, !Ref b]"), "Fn::GetAtt"));
  EXPECT_EQ(function_name(yaml("{Condition: x}")), std::nullopt);
  EXPECT_EQ(function_name(yaml("{Condition: x}"), true), "Condition");
  EXPECT_EQ(function_name(yaml("{Ref: x, Other: y}")), std::nullopt);
}

} // namespace
