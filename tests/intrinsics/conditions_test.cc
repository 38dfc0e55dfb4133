#include "intrinsics/evaluator.h"

#include "test_env.h"

#include <gtest/gtest.h>

using namespace cfnlocal;
using namespace cfnlocal::intrinsics;
using namespace cfnlocal::intrinsics::testing;

namespace {

const char *kTemplate = R"(
Parameters:
  EnvType: {Type: String, Default: test, AllowedValues: [prod, test, dev]}
  Size: {Type: Number, Default: 3}
  Zones: {Type: CommaDelimitedList, Default: "a,b"}
Mappings:
  Env:
    prod: {Big: "true"}
    test: {Big: "false"}
    dev: {Big: "false"}
Conditions:
  IsProd: !Equals [!Ref EnvType, prod]
  IsDev: !Equals [dev, !Ref EnvType]
  NotProd: !Not [!Condition IsProd]
  ProdOrDev: !Or [!Condition IsProd, !Condition IsDev]
  TestAndSmall: !And [!Not [!Condition ProdOrDev], !Equals [!Ref Size, 3]]
  BigByMap: !Equals [!FindInMap [Env, !Ref EnvType, Big], "true"]
  InUsEast: !Equals [!Ref AWS::Region, us-east-1]
  NumberCompare: !Equals [3, !Ref Size]
  ListCompare: !Equals [!Join [",", !Ref Zones], "a,b"]
  SubCompare: !Equals [!Sub "${EnvType}-x", test-x]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
  Queue:
    Type: AWS::SQS::Queue
)";

TEST(Conditions, EvaluatesAllWithNesting) {
  Env env(kTemplate);
  const auto &c = env.conditions;
  EXPECT_EQ(c.get("IsProd"), false);
  EXPECT_EQ(c.get("IsDev"), false);
  EXPECT_EQ(c.get("NotProd"), true);
  EXPECT_EQ(c.get("ProdOrDev"), false);
  EXPECT_EQ(c.get("TestAndSmall"), true);
  EXPECT_EQ(c.get("BigByMap"), false);
  EXPECT_EQ(c.get("InUsEast"), true);
  EXPECT_EQ(c.get("NumberCompare"), true);
  EXPECT_EQ(c.get("ListCompare"), true);
  EXPECT_EQ(c.get("SubCompare"), true);
  EXPECT_EQ(c.get("Nope"), std::nullopt);
  EXPECT_EQ(c.all().size(), 10u);
}

TEST(Conditions, FollowParameterValues) {
  Env env(kTemplate, {{"EnvType", "prod"}});
  EXPECT_EQ(env.conditions.get("IsProd"), true);
  EXPECT_EQ(env.conditions.get("BigByMap"), true);
  EXPECT_EQ(env.conditions.get("TestAndSmall"), false);
}

TEST(Conditions, CycleIsAnError) {
  const char *t = R"(
Conditions:
  A: !Condition B
  B: !And [!Condition C, !Equals [x, x]]
  C: !Not [!Condition A]
Resources:
  R: {Type: AWS::SQS::Queue}
)";
  std::string message = error_of([&] { Env env(t); });
  EXPECT_EQ(message, "Template error: circular dependency between conditions: A -> B -> C -> A");
  const char *self =
      "Conditions:\n  A: !Not [!Condition A]\nResources:\n  R: {Type: AWS::SQS::Queue}\n";
  EXPECT_EQ(error_of([&] { Env env(self); }),
            "Template error: circular dependency between conditions: A -> A");
}

TEST(Conditions, Errors) {
  auto with = [](const std::string &condition) {
    return error_of([&] {
      Env env("Parameters:\n  P: {Type: String, Default: x}\nConditions:\n  C: " + condition +
              "\nResources:\n  R: {Type: AWS::SQS::Queue}\n");
    });
  };
  EXPECT_EQ(with("!Equals [!Ref R, x]"),
            "Template format error: Unresolved dependencies [R]. Cannot reference resources in the "
            "Conditions block of the template");
  EXPECT_EQ(with("!Condition Missing"), "Template format error: Unresolved condition dependencies "
                                        "[Missing] in the Conditions block of the template");
  EXPECT_NE(with("!Equals [a]").find("Fn::Equals requires a list argument with two elements"),
            std::string::npos);
  EXPECT_NE(with("!And [!Equals [a, a]]")
                .find("every Fn::And object requires a list of at least 2 and at most 10"),
            std::string::npos);
  EXPECT_NE(with("!Not [!Equals [a, a], !Equals [a, a]]").find("Fn::Not requires"),
            std::string::npos);
  EXPECT_NE(with("!Join [',', [a]]").find("not a condition function"), std::string::npos);
  EXPECT_NE(with("just-text").find("must be one of the condition functions"), std::string::npos);
  EXPECT_NE(with("!Equals [!GetAtt R.Arn, x]").find("Cannot reference resources"),
            std::string::npos);
}

TEST(Conditions, ResourceOfFalseConditionCannotBeReferenced) {
  Env env(kTemplate);
  EXPECT_EQ(error_of([&] { env.eval("!Ref Bucket"); }),
            "Template format error: Unresolved resource dependencies [Bucket] in the Resources "
            "block of the template");
  // Inside the branch for the condition it is fine: that branch is not taken.
  EXPECT_EQ(json(env.eval("!If [IsProd, !Ref Bucket, !Ref AWS::NoValue]")), "null");
}

TEST(Conditions, LazyWithoutPrecomputedValues) {
  Env env(kTemplate, {}, {}, /*evaluate_conditions_now=*/false);
  EXPECT_EQ(json(env.eval("!If [TestAndSmall, yes, no]")), R"("yes")");
  EXPECT_TRUE(evaluate_condition(yaml("!Or [!Condition IsDev, !Condition NotProd]"), env.context));
}

TEST(Conditions, TenOperandsAllowedElevenNot) {
  std::string ten = "!And [";
  for (int i = 0; i < 10; ++i)
    ten += std::string(i ? ", " : "") + "!Equals [a, a]";
  Env env("Resources:\n  R: {Type: AWS::SQS::Queue}\n");
  EXPECT_TRUE(evaluate_condition(yaml(ten + "]"), env.context));
  EXPECT_NE(error_of([&] {
              evaluate_condition(yaml(ten + ", !Equals [a, a]]"), env.context);
            }).find("at least 2 and at most 10 boolean parameters"),
            std::string::npos);
}

} // namespace
