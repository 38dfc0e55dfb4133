// Every Modify combination of Replacement (True, False, Conditional) and ChangeSource
// (DirectModification, ParameterReference, ResourceReference, ResourceAttribute, Automatic), each
// from a real update of real types, plus the Actions without details.

#include "tests/planner/deploy_fixture.h"

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <fmt/format.h>

namespace cfnlocal::planner {
namespace {

struct Case {
  const char *name;
  const char *before;
  const char *after;
  intrinsics::ParameterValues before_params;
  intrinsics::ParameterValues after_params;
  const char *resource;
  Replacement replacement;
  ChangeSource source;
  const char *causing_entity;
};

// A conditionally replaced table (KeySchema is conditionalCreateOnly) and a replaced topic
// (TopicName is createOnly), used by the rows that follow references.
const char *kSources = R"(
Parameters:
  Key: {Type: String, Default: id}
  Text: {Type: String, Default: a}
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: !Ref Key, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: !Ref Key, AttributeType: S}]
      BillingMode: PAY_PER_REQUEST
  Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: %s}}
  ByRef:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: !Ref Topic, Description: !Ref Text}
  ByRefName:
    Type: AWS::SSM::Parameter
    Properties: {Name: !Sub "${Topic}-n", Type: String, Value: v}
  ByTableRef:
    Type: AWS::SSM::Parameter
    Properties: {Name: !Ref Table, Type: String, Value: v}
  ByAtt:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: !GetAtt Topic.TopicName}
  ByAttName:
    Type: AWS::SSM::Parameter
    Properties: {Name: !GetAtt Topic.TopicName, Type: String, Value: v}
  ByTableAtt:
    Type: AWS::SSM::Parameter
    Properties: {Name: !GetAtt Table.Arn, Type: String, Value: v}
  ByParamName:
    Type: AWS::SSM::Parameter
    Properties: {Name: !Sub "/x/${Text}", Type: String, Value: v}
  Child:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: "https://example.com/t.yaml"}
)";

std::string sources(const char *topic) {
  std::string text = kSources;
  return text.replace(text.find("%s"), 2, topic);
}

class Matrix : public ::testing::TestWithParam<Case> {};

TEST_P(Matrix, ReportsTheCombination) {
  const Case &c = GetParam();
  auto deployed = testing::deploy(c.before, c.before_params);
  ChangeSet cs = testing::plan(deployed, c.after, c.after_params);
  const ResourceChange *change = cs.find(c.resource);
  ASSERT_NE(change, nullptr) << c.name;
  EXPECT_EQ(change->action, ChangeAction::Modify);
  ASSERT_TRUE(change->replacement.has_value());
  EXPECT_STREQ(to_string(*change->replacement), to_string(c.replacement)) << c.name;
  bool found = false;
  for (const auto &d : change->details)
    if (d.change_source == c.source && d.causing_entity == c.causing_entity)
      found = true;
  EXPECT_TRUE(found) << c.name << ": no " << to_string(c.source) << " detail naming '"
                     << c.causing_entity << "'";
}

std::string g_topic_a = sources("topic-a");
std::string g_topic_b = sources("topic-b");

INSTANTIATE_TEST_SUITE_P(ChangeSet, Matrix,
                         ::testing::Values(Case{"AutomaticFalse",
                                                g_topic_a.c_str(),
                                                g_topic_a.c_str(),
                                                {},
                                                {},
                                                "Child",
                                                Replacement::False,
                                                ChangeSource::Automatic,
                                                ""},
                                           Case{"ParameterFalse",
                                                g_topic_a.c_str(),
                                                g_topic_a.c_str(),
                                                {},
                                                {{"Text", "b"}},
                                                "ByRef",
                                                Replacement::False,
                                                ChangeSource::ParameterReference,
                                                "Text"},
                                           Case{"ParameterTrue",
                                                g_topic_a.c_str(),
                                                g_topic_a.c_str(),
                                                {},
                                                {{"Text", "b"}},
                                                "ByParamName",
                                                Replacement::True,
                                                ChangeSource::ParameterReference,
                                                "Text"},
                                           Case{"ParameterConditional",
                                                g_topic_a.c_str(),
                                                g_topic_a.c_str(),
                                                {},
                                                {{"Key", "pk"}},
                                                "Table",
                                                Replacement::Conditional,
                                                ChangeSource::ParameterReference,
                                                "Key"},
                                           Case{"DirectTrue",
                                                g_topic_a.c_str(),
                                                g_topic_b.c_str(),
                                                {},
                                                {},
                                                "Topic",
                                                Replacement::True,
                                                ChangeSource::DirectModification,
                                                ""},
                                           Case{"ReferenceFalse",
                                                g_topic_a.c_str(),
                                                g_topic_b.c_str(),
                                                {},
                                                {},
                                                "ByRef",
                                                Replacement::False,
                                                ChangeSource::ResourceReference,
                                                "Topic"},
                                           Case{"ReferenceTrue",
                                                g_topic_a.c_str(),
                                                g_topic_b.c_str(),
                                                {},
                                                {},
                                                "ByRefName",
                                                Replacement::True,
                                                ChangeSource::ResourceReference,
                                                "Topic"},
                                           Case{"ReferenceConditional",
                                                g_topic_a.c_str(),
                                                g_topic_a.c_str(),
                                                {},
                                                {{"Key", "pk"}},
                                                "ByTableRef",
                                                Replacement::Conditional,
                                                ChangeSource::ResourceReference,
                                                "Table"},
                                           Case{"AttributeFalse",
                                                g_topic_a.c_str(),
                                                g_topic_b.c_str(),
                                                {},
                                                {},
                                                "ByAtt",
                                                Replacement::False,
                                                ChangeSource::ResourceAttribute,
                                                "Topic.TopicName"},
                                           Case{"AttributeTrue",
                                                g_topic_a.c_str(),
                                                g_topic_b.c_str(),
                                                {},
                                                {},
                                                "ByAttName",
                                                Replacement::True,
                                                ChangeSource::ResourceAttribute,
                                                "Topic.TopicName"},
                                           Case{"AttributeConditional",
                                                g_topic_a.c_str(),
                                                g_topic_a.c_str(),
                                                {},
                                                {{"Key", "pk"}},
                                                "ByTableAtt",
                                                Replacement::Conditional,
                                                ChangeSource::ResourceAttribute,
                                                "Table.Arn"},
                                           Case{"DirectConditional",
                                                g_topic_a.c_str(),
                                                g_topic_a.c_str(),
                                                {},
                                                {{"Key", "pk"}},
                                                "Table",
                                                Replacement::Conditional,
                                                ChangeSource::DirectModification,
                                                ""},
                                           Case{"DirectFalseInPlace",
                                                g_topic_a.c_str(),
                                                g_topic_a.c_str(),
                                                {},
                                                {{"Text", "b"}},
                                                "ByRef",
                                                Replacement::False,
                                                ChangeSource::DirectModification,
                                                ""}),
                         [](const auto &info) { return std::string(info.param.name); });

TEST(ChangeSetActions, AddRemoveDynamicHaveNoReplacementOrDetails) {
  const char *before = R"(
Parameters:
  On: {Type: String}
Conditions:
  IsOn: !Equals [!Ref On, "yes"]
Resources:
  Old: {Type: AWS::SNS::Topic}
  Maybe: {Type: AWS::SQS::Queue, Condition: IsOn}
)";
  const char *after = R"(
Parameters:
  On: {Type: String}
Conditions:
  IsOn: !Equals [!Ref On, "yes"]
Resources:
  New: {Type: AWS::SNS::Topic}
  Maybe: {Type: AWS::SQS::Queue, Condition: IsOn}
)";
  auto deployed = testing::deploy(before, {{"On", "yes"}});
  Template t = testing::yaml_template(after);
  ChangeSet cs = compute_change_set(deployed, t, {});
  ASSERT_EQ(cs.changes.size(), 3u);
  EXPECT_EQ(cs.changes[0].action, ChangeAction::Add);     // New
  EXPECT_EQ(cs.changes[1].action, ChangeAction::Dynamic); // Maybe: On left unbound
  EXPECT_EQ(cs.changes[2].action, ChangeAction::Remove);  // Old
  for (const auto &c : cs.changes) {
    EXPECT_FALSE(c.replacement.has_value());
    EXPECT_TRUE(c.details.empty());
    EXPECT_TRUE(c.scope.empty());
  }
  EXPECT_EQ(cs.changes[2].policy_action, PolicyAction::Delete);
}

// 500 resources in chains of ten; 50 changes: 25 chain heads replaced (cascading down their
// chains) and 25 mutable edits. The issue's target for `cfnlocal plan` is under 50 ms.
std::string big(int n, bool changed) {
  std::string text = "Resources:\n";
  for (int i = 0; i < n; ++i) {
    bool head = i % 10 == 0;
    bool edit_head = changed && head && (i / 10) % 2 == 0;
    bool edit_value = changed && i % 20 == 5;
    text += fmt::format("  P{}:\n    Type: AWS::SSM::Parameter\n    Properties:\n", i);
    if (head)
      text += fmt::format("      Name: /p/{}{}\n", i, edit_head ? "-v2" : "");
    else
      text += fmt::format("      Description: !Ref P{}\n", i - 1);
    text += fmt::format("      Type: String\n      Value: {}\n", edit_value ? "changed" : "v");
  }
  return text;
}

TEST(ChangeSetPerformance, FiveHundredResourcesFiftyChanges) {
  auto deployed = testing::deploy(big(500, false));
  Template t = testing::yaml_template(big(500, true));
  auto params = intrinsics::bind_parameters(t.parameters(), {});
  timespec cpu0{}, cpu1{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu0);
  auto start = std::chrono::steady_clock::now();
  ChangeSet cs = compute_change_set(deployed, t, params);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu1);
  double cpu = (cpu1.tv_sec - cpu0.tv_sec) * 1e3 + (cpu1.tv_nsec - cpu0.tv_nsec) / 1e6;
  size_t replaced = 0, modified = 0;
  for (const auto &c : cs.changes)
    (c.replacement == Replacement::True ? replaced : modified)++;
  // The 25 replaced heads; the next element of each of their chains (its Ref gets a new value, in
  // a mutable property, so the cascade stops there); the 25 edited values.
  EXPECT_EQ(replaced, 25u);
  EXPECT_EQ(modified, 50u);
  std::printf("change set of 500 resources, %zu changes: %.1f ms CPU, %.1f ms wall\n",
              cs.changes.size(), cpu, ms);
  EXPECT_LT(ms, 500.0);
}

} // namespace
} // namespace cfnlocal::planner
