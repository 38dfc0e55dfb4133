#include "parser/reader.h"
#include "validate/conditions.h"
#include "validate/context.h"

#include <chrono>
#include <gtest/gtest.h>

namespace cfnlocal::validate {
namespace {

const char *kTemplate = R"(
Parameters:
  Env:
    Type: String
    AllowedValues: [prod, dev, test]
  Region2:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [dev, !Ref Env]
  IsTest: !Equals [!Ref Env, test]
  NotProd: !Not [!Condition IsProd]
  ProdOrDev: !Or [!Condition IsProd, !Condition IsDev]
  East: !Equals [!Ref Region2, us-east-1]
  West: !Equals [!Ref Region2, us-west-2]
  ProdEast: !And [!Condition IsProd, !Condition East]
  Never: !Equals [!Ref Env, staging]
  Always: !Equals [a, a]
Resources:
  Q:
    Type: AWS::SQS::Queue
)";

struct Fixture : ::testing::Test {
  Value root = read_document(kTemplate, "t.yaml");
  Context ctx{root, "t.yaml", 0};
  const ConditionSet &set = ctx.condition_set();
};

TEST_F(Fixture, EqualitiesOnOneParameterExcludeEachOther) {
  std::vector<Guard> both = {{"IsProd", true}, {"IsDev", true}};
  EXPECT_FALSE(set.satisfiable(both));
  std::vector<Guard> one = {{"IsProd", true}, {"IsDev", false}};
  EXPECT_TRUE(set.satisfiable(one));
  EXPECT_TRUE(set.implies(std::vector<Guard>{{"IsProd", true}}, "NotProd", false));
  EXPECT_TRUE(set.implies(std::vector<Guard>{{"IsDev", true}}, "ProdOrDev", true));
}

TEST_F(Fixture, AllowedValuesCoverEveryCase) {
  // Env is one of prod, dev, test: not prod and not dev means test.
  std::vector<Guard> g = {{"IsProd", false}, {"IsDev", false}};
  EXPECT_TRUE(set.implies(g, "IsTest", true));
  // Region2 has no AllowedValues: neither east nor west is possible.
  std::vector<Guard> r = {{"East", false}, {"West", false}};
  EXPECT_TRUE(set.satisfiable(r));
}

TEST_F(Fixture, ConstantsAreFound) {
  EXPECT_EQ(set.constant("Never"), std::optional<bool>(false));
  EXPECT_EQ(set.constant("Always"), std::optional<bool>(true));
  EXPECT_EQ(set.constant("IsProd"), std::nullopt);
  EXPECT_TRUE(set.implies(std::vector<Guard>{{"ProdEast", true}}, "East", true));
  EXPECT_FALSE(set.implies(std::vector<Guard>{{"East", true}}, "ProdEast", true));
}

TEST(ConditionScale, FortyConditionsOverTenParametersAnswerQuickly) {
  // 10 parameters with 4 allowed values each, 40 equality conditions, and 20 combinations.
  std::string t = "Parameters:\n";
  for (int p = 0; p < 10; ++p)
    t += "  P" + std::to_string(p) + ":\n    Type: String\n    AllowedValues: [a, b, c, d]\n";
  t += "Conditions:\n";
  const char *vals[] = {"a", "b", "c", "d"};
  for (int c = 0; c < 40; ++c)
    t += "  C" + std::to_string(c) + ": !Equals [!Ref P" + std::to_string(c % 10) + ", " +
         vals[c / 10] + "]\n";
  for (int c = 0; c < 20; ++c)
    t += "  X" + std::to_string(c) + ": !Or [!Condition C" + std::to_string(c) +
         ", !And [!Condition C" + std::to_string(c + 20) + ", !Not [!Condition C" +
         std::to_string((c + 7) % 40) + "]]]\n";
  t += "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n";
  Value root = read_document(t, "scale.yaml");
  Context ctx(root, "scale.yaml", t.size());
  auto start = std::chrono::steady_clock::now();
  const ConditionSet &set = ctx.condition_set();
  int satisfiable = 0;
  for (int i = 0; i < 40; ++i)
    for (int j = 0; j < 40; ++j) {
      std::string a = "C" + std::to_string(i), b = "C" + std::to_string(j);
      std::vector<Guard> guards = {{a, true}, {b, true}};
      satisfiable += set.satisfiable(guards);
    }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  // Same parameter, different values: excluded (4 values x 10 params: each C_i excludes 3 others).
  EXPECT_EQ(satisfiable, 40 * 40 - 40 * 3);
  EXPECT_LT(ms, 1000);
}

} // namespace
} // namespace cfnlocal::validate
