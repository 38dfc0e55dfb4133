#include "intrinsics/rules.h"

#include "test_env.h"

#include <gtest/gtest.h>

using namespace cfnlocal;
using namespace cfnlocal::intrinsics;
using namespace cfnlocal::intrinsics::testing;

namespace {

// The User Guide's example: production stacks need a larger instance.
const char *kTemplate = R"(
Parameters:
  Environment: {Type: String, Default: test}
  InstanceType: {Type: String, Default: t3.small}
  Vpc: {Type: AWS::EC2::VPC::Id, Default: vpc-1}
  Subnets: {Type: List<AWS::EC2::Subnet::Id>, Default: "subnet-1,subnet-2"}
Rules:
  ProdInstanceType:
    RuleCondition: !Equals [!Ref Environment, prod]
    Assertions:
      - Assert: !Contains [[m5.large, m5.xlarge], !Ref InstanceType]
        AssertDescription: For a production environment, the instance type must be m5.large or m5.xlarge
  TestInstanceType:
    RuleCondition: !Equals [!Ref Environment, test]
    Assertions:
      - Assert: {Fn::Contains: [[t3.small, t3.micro], !Ref InstanceType]}
        AssertDescription: For a test environment, the instance type must be t3.small or t3.micro
Resources:
  R: {Type: AWS::SQS::Queue}
)";

TEST(Rules, DocumentedExample) {
  Env ok(kTemplate);
  auto result = evaluate_rules(ok.context);
  EXPECT_TRUE(result.ok());
  Env bad(kTemplate, {{"Environment", "prod"}});
  result = evaluate_rules(bad.context);
  ASSERT_EQ(result.failures.size(), 1u);
  EXPECT_EQ(result.failures[0].rule, "ProdInstanceType");
  EXPECT_EQ(result.failures[0].message,
            "For a production environment, the instance type must be m5.large or m5.xlarge");
  EXPECT_GT(result.failures[0].mark.line, 0);
  Env fine(kTemplate, {{"Environment", "prod"}, {"InstanceType", "m5.large"}});
  EXPECT_TRUE(evaluate_rules(fine.context).ok());
}

Env rule_env(const std::string &assert_yaml, ParameterValues values = {}) {
  return Env(std::string(R"(
Parameters:
  Environment: {Type: String, Default: test}
  Vpc: {Type: AWS::EC2::VPC::Id, Default: vpc-1}
  Subnets: {Type: List<AWS::EC2::Subnet::Id>, Default: "subnet-1,subnet-2"}
  Zones: {Type: CommaDelimitedList, Default: "a,a"}
Rules:
  R1:
    Assertions:
      - Assert: )") +
                 assert_yaml + R"(
Resources:
  R: {Type: AWS::SQS::Queue}
)",
             values);
}

bool holds(const std::string &assert_yaml) {
  Env env = rule_env(assert_yaml);
  auto r = evaluate_rules(env.context);
  EXPECT_TRUE(r.undecided.empty()) << assert_yaml;
  return r.ok();
}

TEST(Rules, Functions) {
  EXPECT_TRUE(holds("!Equals [!Ref Environment, test]"));
  EXPECT_FALSE(holds("!Not [!Equals [!Ref Environment, test]]"));
  EXPECT_TRUE(holds("!And [!Equals [a, a], !Or [!Equals [a, b], !Equals [b, b]]]"));
  EXPECT_TRUE(holds("{Fn::Contains: [!Ref Subnets, subnet-2]}"));
  EXPECT_FALSE(holds("{Fn::Contains: [!Ref Subnets, subnet-3]}"));
  EXPECT_TRUE(holds("{Fn::EachMemberEquals: [!Ref Zones, a]}"));
  EXPECT_FALSE(holds("{Fn::EachMemberEquals: [!Ref Subnets, subnet-1]}"));
  EXPECT_TRUE(holds("{Fn::EachMemberIn: [!Ref Subnets, [subnet-1, subnet-2, subnet-3]]}"));
  EXPECT_FALSE(holds("{Fn::EachMemberIn: [!Ref Subnets, [subnet-1]]}"));
  // Without an account to list, RefAll falls back to the stack's own parameters of the type.
  EXPECT_TRUE(holds("{Fn::EachMemberIn: [[vpc-1], {Fn::RefAll: AWS::EC2::VPC::Id}]}"));
}

TEST(Rules, ValueOfThroughLookup) {
  Env env = rule_env("{Fn::EachMemberIn: [{Fn::ValueOfAll: [AWS::EC2::Subnet::Id, VpcId]}, "
                     "{Fn::RefAll: AWS::EC2::VPC::Id}]}");
  env.lookup.attributes["subnet-1/VpcId"] = "vpc-1";
  env.lookup.attributes["subnet-2/VpcId"] = "vpc-2";
  env.lookup.all_values["AWS::EC2::VPC::Id"] = {"vpc-1", "vpc-2"};
  EXPECT_TRUE(evaluate_rules(env.context).ok());
  env.lookup.all_values["AWS::EC2::VPC::Id"] = {"vpc-1"};
  auto r = evaluate_rules(env.context);
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].message, "Assertion failed for rule R1");

  Env one = rule_env("!Equals [{Fn::ValueOf: [Vpc, Tags.Department]}, IT]");
  one.lookup.attributes["vpc-1/Tags.Department"] = "IT";
  EXPECT_TRUE(evaluate_rules(one.context).ok());
  Env list =
      rule_env("{Fn::EachMemberEquals: [{Fn::ValueOf: [Subnets, AvailabilityZone]}, us-east-1a]}");
  list.lookup.attributes["subnet-1/AvailabilityZone"] = "us-east-1a";
  list.lookup.attributes["subnet-2/AvailabilityZone"] = "us-east-1b";
  EXPECT_FALSE(evaluate_rules(list.context).ok());
  // An attribute the lookup cannot read leaves the rule undecided, not failed.
  Env unknown = rule_env("!Equals [{Fn::ValueOf: [Vpc, DefaultNetworkAcl]}, acl-1]");
  auto u = evaluate_rules(unknown.context);
  EXPECT_TRUE(u.ok());
  EXPECT_EQ(u.undecided, (std::vector<std::string>{"R1"}));
}

TEST(Rules, Errors) {
  auto err = [](const std::string &a) {
    return error_of([&] {
      Env env = rule_env(a);
      evaluate_rules(env.context);
    });
  };
  EXPECT_NE(err("{Fn::ValueOf: [Nope, VpcId]}").find("does not declare"), std::string::npos);
  EXPECT_NE(err("{Fn::ValueOf: [!Ref Vpc, VpcId]}").find("no functions inside"), std::string::npos);
  EXPECT_NE(err("{Fn::Contains: [a, b]}").find("requires a list of strings"), std::string::npos);
  EXPECT_NE(err("{Fn::EachMemberIn: [[a]]}").find("requires a list of 2"), std::string::npos);
  EXPECT_NE(err("!Equals [!Ref R, x]").find("Cannot reference resources"), std::string::npos);
  EXPECT_NE(err("just-text").find("true or false"), std::string::npos);
  EXPECT_NE(
      error_of([] {
        Env env(
            "Rules:\n  R1: {Assertions: {Assert: x}}\nResources:\n  R: {Type: AWS::SQS::Queue}\n");
        evaluate_rules(env.context);
      }).find("list of Assertions"),
      std::string::npos);
}

} // namespace
