// A whole template from tests/intrinsics/data evaluated the way the engine does it: bind
// parameters, check Rules, evaluate conditions, then each resource as its dependencies complete.
#include "intrinsics/evaluator.h"
#include "intrinsics/functions.h"
#include "intrinsics/references.h"
#include "intrinsics/rules.h"

#include "test_env.h"

#include <gtest/gtest.h>

using namespace cfnlocal;
using namespace cfnlocal::intrinsics;
using namespace cfnlocal::intrinsics::testing;

namespace {

struct Stack {
  explicit Stack(ParameterValues values, std::string region = "us-east-1")
      : root(read_document_file(std::string(CFNLOCAL_TEST_DATA) + "/vpc.yaml")), index(root) {
    pseudo.region = std::move(region);
    pseudo.stack_name = "net";
    params = bind_parameters(index.parameters(), values, lookup);
    context.index = &index;
    context.parameters = &params;
    context.pseudo = &pseudo;
    context.lookup = &lookup;
    conditions = evaluate_conditions(context);
    context.conditions = &conditions;
  }
  Value properties(const std::string &id) {
    return evaluate(*index.resource(id)->find("Properties"), context);
  }
  Value output(const std::string &name) {
    return evaluate(*index.outputs()->find(name)->find("Value"), context);
  }

  Value root;
  TemplateIndex index;
  FakeLookup lookup;
  BoundParameters params;
  PseudoParameters pseudo;
  ConditionValues conditions;
  Context context;
};

TEST(Template, DeployOrder) {
  Stack s(ParameterValues{{"AdminPassword", "correct-horse"}});
  EXPECT_TRUE(evaluate_rules(s.context).ok());
  EXPECT_EQ(s.conditions.get("HasPrivate"), true);
  EXPECT_EQ(s.conditions.get("PrivateAndProd"), false);
  EXPECT_EQ(s.params.no_echo_names(), (std::vector<std::string>{"AdminPassword"}));

  // Vpc first: everything it needs is known.
  Value vpc = s.properties("Vpc");
  EXPECT_EQ(json(vpc),
            R"({"CidrBlock":"10.20.0.0/16","Tags":[{"Key":"Name","Value":"demo-vpc"}]})");
  // The subnets wait on the VPC.
  Value public1 = s.properties("PublicSubnet1");
  EXPECT_FALSE(is_resolved(public1));
  EXPECT_EQ(json(*public1.find("CidrBlock")),
            R"({"Fn::Select":[0,{"Fn::Cidr":[{"Fn::GetAtt":["Vpc","CidrBlock"]},6,8]}]})");
  EXPECT_EQ(resource_dependencies(*s.index.resource("PublicSubnet1"), s.index),
            (std::vector<std::string>{"Vpc"}));
  // The VPC is created.
  s.lookup.refs["Vpc"] = Value("vpc-0abc");
  s.lookup.atts["Vpc.CidrBlock"] = Value("10.20.0.0/16");
  public1 = s.properties("PublicSubnet1");
  EXPECT_EQ(json(public1),
            R"({"VpcId":"vpc-0abc","AvailabilityZone":"us-east-1a","CidrBlock":"10.20.0.0/24"})");
  Value private1 = s.properties("PrivateSubnet1");
  EXPECT_EQ(json(private1),
            R"({"VpcId":"vpc-0abc","AvailabilityZone":"us-east-1b","CidrBlock":"10.20.3.0/24",)"
            R"("Tags":[{"Key":"Tier"},{"Key":"Size","Value":"t3.micro"}]})");
  s.lookup.refs["PublicSubnet1"] = Value("subnet-1");
  s.lookup.refs["PrivateSubnet1"] = Value("subnet-2");
  EXPECT_EQ(json(s.output("SubnetIds")), R"("subnet-1,subnet-2")");
  EXPECT_EQ(
      json(s.output("Console")),
      R"("https://console.amazonaws.com/vpc/home?region=us-east-1#VpcDetails:VpcId=vpc-0abc")");
  EXPECT_EQ(json(evaluate(*s.index.outputs()->find("VpcId")->find("Export"), s.context)),
            R"({"Name":"net-VpcId"})");
}

TEST(Template, ConditionsRemovePrivateSubnet) {
  Stack s(ParameterValues{{"AdminPassword", "correct-horse"}, {"CreatePrivate", "false"}},
          "cn-north-1");
  s.lookup.refs["Vpc"] = Value("vpc-0abc");
  s.lookup.refs["PublicSubnet1"] = Value("subnet-1");
  EXPECT_EQ(json(s.output("SubnetIds")), R"("subnet-1")");
  EXPECT_EQ(
      json(s.output("Console")),
      R"("https://console.amazonaws.com.cn/vpc/home?region=cn-north-1#VpcDetails:VpcId=vpc-0abc")");
  // The private subnet's condition is false: a Ref to it outside Fn::If is an error.
  EXPECT_NE(error_of([&] {
              evaluate(yaml("!Ref PrivateSubnet1"), s.context);
            }).find("Unresolved resource dependencies [PrivateSubnet1]"),
            std::string::npos);
}

TEST(Template, ParameterAndRuleFailures) {
  EXPECT_EQ(error_of([] { Stack s(ParameterValues{}); }),
            "Parameters: [AdminPassword] must have values");
  EXPECT_EQ(error_of([] {
              Stack s(ParameterValues{{"AdminPassword", "short"}});
            }),
            "Parameter 'AdminPassword' must contain at least 8 characters");
  EXPECT_EQ(
      error_of([] {
        Stack s(ParameterValues{{"AdminPassword", "long-enough"}, {"EnvironmentName", "Prod"}});
      }),
      "Parameter 'EnvironmentName' failed to satisfy constraint: lower-case letters, digits and "
      "dashes, starting with a letter");
  EXPECT_EQ(error_of([] {
              Stack s(ParameterValues{{"AdminPassword", "long-enough"}, {"SubnetCount", "4"}});
            }),
            "Parameter 'SubnetCount' must be a number not greater than 3");
  Stack prod(ParameterValues{
      {"AdminPassword", "long-enough"}, {"EnvironmentName", "prod"}, {"CreatePrivate", "false"}});
  auto rules = evaluate_rules(prod.context);
  ASSERT_EQ(rules.failures.size(), 1u);
  EXPECT_EQ(rules.failures[0].message, "Production environments need private subnets");
}

} // namespace
