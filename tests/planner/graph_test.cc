#include "planner/graph.h"

#include "tests/planner/test_util.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cfnlocal::planner {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::yaml_template;

GraphOptions with_conditions(const ConditionValues *conditions) {
  GraphOptions options;
  options.conditions = conditions;
  return options;
}

std::vector<std::string> deps(const ResourceGraph &g, const std::string &id) {
  std::vector<std::string> out;
  for (size_t v : g.dependencies(*g.index_of(id)))
    out.push_back(g.node(v).logical_id);
  return out;
}

TEST(Graph, EdgesFromEveryReferenceForm) {
  Template t = yaml_template(R"(
Parameters:
  Env: {Type: String}
Resources:
  Bucket: {Type: AWS::S3::Bucket}
  Role: {Type: AWS::IAM::Role}
  Queue: {Type: AWS::SQS::Queue}
  Topic: {Type: AWS::SNS::Topic}
  ByRef:
    Type: AWS::SSM::Parameter
    Properties: {Value: !Ref Bucket, Name: !Ref Env}
  ByGetAtt:
    Type: AWS::SSM::Parameter
    Properties: {Value: !GetAtt Role.Arn}
  BySub:
    Type: AWS::SSM::Parameter
    Properties: {Value: !Sub "${Queue}-${Topic.TopicName}-${AWS::Region}-${Env}"}
  ByDependsOn:
    Type: AWS::SSM::Parameter
    DependsOn: [Bucket, Role]
  ByDependsOnString:
    Type: AWS::SSM::Parameter
    DependsOn: Queue
  ByMetadata:
    Type: AWS::SSM::Parameter
    Metadata: {Source: !Ref Topic}
)");
  ResourceGraph g = build_graph(t);
  EXPECT_EQ(g.size(), 10u);
  EXPECT_THAT(deps(g, "ByRef"), ElementsAre("Bucket"));
  EXPECT_THAT(deps(g, "ByGetAtt"), ElementsAre("Role"));
  EXPECT_THAT(deps(g, "BySub"), ElementsAre("Queue", "Topic"));
  EXPECT_THAT(deps(g, "ByDependsOn"), ElementsAre("Bucket", "Role"));
  EXPECT_THAT(deps(g, "ByDependsOnString"), ElementsAre("Queue"));
  EXPECT_THAT(deps(g, "ByMetadata"), ElementsAre("Topic"));
  EXPECT_TRUE(deps(g, "Bucket").empty());

  auto reasons = g.reasons(*g.index_of("BySub"), *g.index_of("Topic"));
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(reasons[0].kind, Reference::Kind::SubGetAtt);
  EXPECT_EQ(reasons[0].attribute, "TopicName");
  auto depends = g.reasons(*g.index_of("ByDependsOn"), *g.index_of("Role"));
  ASSERT_EQ(depends.size(), 1u);
  EXPECT_EQ(depends[0].kind, Reference::Kind::DependsOn);

  std::vector<std::string> dependents;
  for (size_t v : g.dependents(*g.index_of("Bucket")))
    dependents.push_back(g.node(v).logical_id);
  EXPECT_THAT(dependents, ElementsAre("ByRef", "ByDependsOn"));
}

TEST(Graph, DuplicateReferencesMakeOneEdgeWithAllReasons) {
  Template t = yaml_template(R"(
Resources:
  A: {Type: AWS::S3::Bucket}
  B:
    Type: AWS::S3::BucketPolicy
    DependsOn: A
    Properties: {Bucket: !Ref A, PolicyDocument: {Resource: !GetAtt A.Arn}}
)");
  ResourceGraph g = build_graph(t);
  EXPECT_EQ(boost::num_edges(g.boost_graph()), 1u);
  EXPECT_EQ(g.reasons(1, 0).size(), 3u);
  EXPECT_TRUE(g.reasons(0, 1).empty());
}

const char *kConditional = R"(
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Parameters:
  Env: {Type: String}
Resources:
  ProdBucket: {Type: AWS::S3::Bucket, Condition: IsProd}
  DevBucket: {Type: AWS::S3::Bucket}
  User:
    Type: AWS::SSM::Parameter
    Properties:
      Value: !If [IsProd, !Ref ProdBucket, !Ref DevBucket]
)";

TEST(Graph, FalseConditionRemovesNodeAndUntakenBranch) {
  Template t = yaml_template(kConditional);
  ConditionValues dev{{"IsProd", false}};
  ResourceGraph g = build_graph(t, with_conditions(&dev));
  EXPECT_EQ(g.size(), 2u);
  EXPECT_FALSE(g.contains("ProdBucket"));
  EXPECT_THAT(deps(g, "User"), ElementsAre("DevBucket"));

  ConditionValues prod{{"IsProd", true}};
  ResourceGraph p = build_graph(t, with_conditions(&prod));
  EXPECT_EQ(p.size(), 3u);
  EXPECT_THAT(deps(p, "User"), ElementsAre("ProdBucket"));
}

TEST(Graph, UnknownConditionsGiveTheUnionGraph) {
  ResourceGraph g = build_graph(yaml_template(kConditional));
  EXPECT_EQ(g.size(), 3u);
  EXPECT_THAT(deps(g, "User"), ElementsAre("ProdBucket", "DevBucket"));
}

TEST(Graph, ConditionResolvedDefinitionsFromTheCaller) {
  // The engine may resolve conditions first and hand in the surviving resources.
  Value user = read_document("{Type: AWS::SSM::Parameter, Properties: {Value: !Ref DevBucket}}",
                             "resolved.yaml");
  Value dev = read_document("{Type: AWS::S3::Bucket}", "resolved.yaml");
  ResourceGraph g = build_graph(
      {{"DevBucket", "AWS::S3::Bucket", {}, &dev}, {"User", "AWS::SSM::Parameter", {}, &user}}, {});
  EXPECT_THAT(deps(g, "User"), ElementsAre("DevBucket"));
}

TEST(Graph, RefToConditionedOutResourceIsUnresolved) {
  Template t = yaml_template(R"(
Conditions:
  Never: !Equals [a, b]
Resources:
  Gone: {Type: AWS::S3::Bucket, Condition: Never}
  User:
    Type: AWS::SSM::Parameter
    Properties: {Value: !Ref Gone}
)");
  ConditionValues conditions{{"Never", false}};
  try {
    build_graph(t, with_conditions(&conditions));
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_EQ(e.message(), "Template format error: Unresolved resource dependencies [Gone] in "
                           "the Resources block of the template");
    EXPECT_EQ(e.mark().line, 8);
  }
}

TEST(Graph, DependsOnUnknownResource) {
  Template t = yaml_template(R"(
Resources:
  A:
    Type: AWS::S3::Bucket
    DependsOn: [Missing, AlsoMissing]
  B:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Ref Missing}
)");
  try {
    build_graph(t);
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_EQ(e.message(), "Template format error: Unresolved resource dependencies [Missing, "
                           "AlsoMissing] in the Resources block of the template");
    EXPECT_EQ(e.mark().line, 5);
    EXPECT_EQ(e.mark().file_name(), "test.yaml");
  }
}

TEST(Graph, GetAttOfUnknownResourceOrParameter) {
  Template t = yaml_template(R"(
Parameters:
  P: {Type: String}
Resources:
  A:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !GetAtt P.Arn}
)");
  try {
    build_graph(t);
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_EQ(e.message(),
              "Template error: instance of Fn::GetAtt references undefined resource P");
  }
}

TEST(Graph, DiagnosticsInsteadOfThrowing) {
  Template t = yaml_template(R"(
Resources:
  A:
    Type: AWS::S3::Bucket
    DependsOn: Nope
    Properties: {BucketName: !GetAtt Ghost.Arn, Other: !Ref B}
  B:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Ref A}
)");
  std::vector<Diagnostic> diagnostics;
  GraphOptions options;
  options.diagnostics = &diagnostics;
  ResourceGraph g = build_graph(t, options);
  ASSERT_EQ(diagnostics.size(), 3u);
  EXPECT_THAT(diagnostics[0].message, HasSubstr("Unresolved resource dependencies [Nope]"));
  EXPECT_THAT(diagnostics[1].message, HasSubstr("undefined resource Ghost"));
  EXPECT_EQ(diagnostics[2].message, "Circular dependency between resources: [A, B]");
  EXPECT_EQ(g.size(), 2u);
}

TEST(Graph, TwoResourceCycle) {
  Template t = yaml_template(R"(
Resources:
  Free: {Type: AWS::S3::Bucket}
  A:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Ref B}
  B:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !GetAtt A.Arn}
)");
  try {
    build_graph(t);
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_EQ(e.message(), "Circular dependency between resources: [A, B]");
    EXPECT_EQ(e.mark().line, 4);
  }
}

TEST(Graph, ThreeResourceCycleThroughSubAndDependsOn) {
  Template t = yaml_template(R"(
Resources:
  C:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Sub "${A}"}
  A:
    Type: AWS::S3::Bucket
    DependsOn: B
  B:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Ref C}
  Tail:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Ref C}
)");
  GraphOptions options;
  options.check_cycles = false;
  ResourceGraph g = build_graph(t, options);
  auto cycles = g.find_cycles();
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_THAT(cycles[0], ElementsAre("C", "A", "B"));
  try {
    g.check_acyclic();
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_EQ(e.message(), "Circular dependency between resources: [C, A, B]");
    EXPECT_EQ(e.diagnostic().path, "Resources/C");
  }
}

TEST(Graph, SelfReferenceIsACycle) {
  Template t = yaml_template(R"(
Resources:
  Self:
    Type: AWS::SQS::Queue
    Properties: {QueueName: !GetAtt Self.QueueName}
)");
  try {
    build_graph(t);
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_EQ(e.message(), "Circular dependency between resources: [Self]");
  }
}

TEST(Graph, CycleBrokenByCondition) {
  Template t = yaml_template(R"(
Conditions:
  Loop: !Equals [a, b]
Resources:
  A:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !If [Loop, !Ref B, plain]}
  B:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Ref A}
)");
  ConditionValues conditions{{"Loop", false}};
  ResourceGraph g = build_graph(t, with_conditions(&conditions));
  EXPECT_TRUE(g.find_cycles().empty());
  EXPECT_THROW(build_graph(t), Error);
}

TEST(Graph, TopologicalOrderAndTransitiveDependents) {
  Template t = yaml_template(R"(
Resources:
  D: {Type: T::T::T, Properties: {X: !Ref C}}
  C: {Type: T::T::T, Properties: {X: !Ref B}}
  B: {Type: T::T::T, Properties: {X: !Ref A}}
  A: {Type: T::T::T}
  E: {Type: T::T::T}
)");
  ResourceGraph g = build_graph(t);
  std::vector<std::string> order;
  for (size_t v : g.topological_order())
    order.push_back(g.node(v).logical_id);
  EXPECT_THAT(order, ElementsAre("A", "B", "C", "D", "E"));
  std::vector<std::string> dependents;
  for (size_t v : g.transitive_dependents(*g.index_of("B")))
    dependents.push_back(g.node(v).logical_id);
  EXPECT_THAT(dependents, ElementsAre("D", "C"));
}

} // namespace
} // namespace cfnlocal::planner
