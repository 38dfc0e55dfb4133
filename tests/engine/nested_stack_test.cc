// Nested stacks (AWS::CloudFormation::Stack): child stacks of their own, outputs through GetAtt,
// updates, rollback across a three-level tree, deletion, S3 template URLs and nested change sets.
#include "engine_fixture.h"

#include "engine/describe.h"
#include "planner/change_set.h"
#include "services/backend.h"

#include <regex>

namespace cfnlocal::engine::testing {
namespace {

class NestedStackTest : public EngineTest {
protected:
  state::Store store() { return state::Store(config_.state_path); }

  std::vector<state::StackRecord> stacks(bool include_deleted = true) {
    return store().list_stacks(include_deleted);
  }

  std::optional<state::StackRecord> child_of(const std::string &parent_id) {
    for (auto &s : stacks(true))
      if (s.parent_id == parent_id)
        return s;
    return std::nullopt;
  }

  // leaf.yaml: a topic named by a parameter, and optionally a queue that fails.
  void write_leaf(bool failing) {
    std::string text = R"(
Parameters:
  Name:
    Type: String
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !Ref Name
)";
    if (failing)
      text += R"(
  Broken:
    Type: AWS::SQS::Queue
    DependsOn: Topic
    Properties:
      DelaySeconds: 5000
)";
    text += R"(
Outputs:
  TopicArn:
    Value: !Ref Topic
  Shown:
    Value: !GetAtt Topic.TopicName
)";
    write("nested/leaf.yaml", text);
  }

  void write_mid() {
    write("nested/mid.yaml", R"(
Parameters:
  Name:
    Type: String
Resources:
  Leaf:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: leaf.yaml
      Parameters:
        Name: !Sub "${Name}-leaf"
Outputs:
  LeafTopic:
    Value: !GetAtt Leaf.Outputs.TopicArn
  LeafStack:
    Value: !Ref Leaf
)");
  }

  std::string root_template(const std::string &name) {
    return R"(
Resources:
  Mid:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: nested/mid.yaml
      TimeoutInMinutes: 10
      NotificationARNs: []
      Parameters:
        Name: )" +
           name + R"(
  Consumer:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !GetAtt Mid.Outputs.LeafTopic
Outputs:
  Topic:
    Value: !GetAtt Mid.Outputs.LeafTopic
  MidArn:
    Value: !Ref Mid
)";
  }

  std::string output(const state::StackRecord &s, const std::string &key) {
    for (const auto &o : s.outputs)
      if (o.key == key)
        return o.value;
    return "";
  }

  void SetUp() override {
    EngineTest::SetUp();
    std::filesystem::create_directories(dir_ / "nested");
  }
};

TEST_F(NestedStackTest, ThreeLevelsCreateWithOutputsThenDelete) {
  write_leaf(false);
  write_mid();
  auto result = deploy("root", root_template("app"));
  ASSERT_TRUE(result.succeeded) << result.message;
  EXPECT_EQ(result.stack.status, "CREATE_COMPLETE");

  auto mid = child_of(result.stack.stack_id);
  ASSERT_TRUE(mid);
  auto leaf = child_of(mid->stack_id);
  ASSERT_TRUE(leaf);
  EXPECT_TRUE(std::regex_match(mid->name, std::regex("root-Mid-[A-Z0-9]{13}"))) << mid->name;
  EXPECT_TRUE(std::regex_match(leaf->name, std::regex("root-Mid-[A-Z0-9]{13}-Leaf-[A-Z0-9]{13}")))
      << leaf->name;
  EXPECT_EQ(mid->status, "CREATE_COMPLETE");
  EXPECT_EQ(leaf->status, "CREATE_COMPLETE");
  EXPECT_EQ(mid->root_id, result.stack.stack_id);
  EXPECT_EQ(leaf->parent_id, mid->stack_id);
  EXPECT_EQ(leaf->root_id, result.stack.stack_id);
  EXPECT_EQ(mid->timeout_in_minutes, 10);

  // Parameters flow down, outputs flow up through GetAtt; Ref is the child's ARN.
  auto topic = output(*leaf, "TopicArn");
  EXPECT_NE(topic.find("arn:aws:sns:us-east-1:"), std::string::npos) << topic;
  EXPECT_EQ(output(*mid, "LeafTopic"), topic);
  EXPECT_EQ(output(*mid, "LeafStack"), leaf->stack_id);
  EXPECT_EQ(output(result.stack, "Topic"), topic);
  EXPECT_EQ(output(result.stack, "MidArn"), mid->stack_id);
  bool named = false;
  for (const auto &p : leaf->parameters)
    named = named || (p.key == "Name" && p.value == "app-leaf");
  EXPECT_TRUE(named);

  // The child's resource in the parent is the child stack; describe-stacks shows the tree.
  auto row = store().find_resource(result.stack.stack_id, "Mid");
  ASSERT_TRUE(row);
  EXPECT_EQ(row->physical_id, mid->stack_id);
  Json shown = stack_json(*leaf);
  EXPECT_EQ(shown.value("ParentId", ""), mid->stack_id);
  EXPECT_EQ(shown.value("RootId", ""), result.stack.stack_id);
  // Each stack has its own events.
  bool leaf_events = false;
  for (const auto &e : store().list_events(leaf->stack_id))
    leaf_events = leaf_events || (e.logical_id == "Topic" && e.status == "CREATE_COMPLETE");
  EXPECT_TRUE(leaf_events);

  auto deleted = remove("root");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  for (const auto &s : stacks(true))
    EXPECT_EQ(s.status, "DELETE_COMPLETE") << s.name;
  EXPECT_TRUE(stacks(false).empty());
}

TEST_F(NestedStackTest, FailureInTheDeepestStackRollsBackTheTree) {
  write_leaf(true);
  write_mid();
  auto result = deploy("root", root_template("app"));
  EXPECT_FALSE(result.succeeded);
  EXPECT_EQ(result.stack.status, "ROLLBACK_COMPLETE");
  // The parent's reason carries the child's, which carries the grandchild's.
  EXPECT_NE(result.message.find("Embedded stack"), std::string::npos) << result.message;
  EXPECT_NE(result.message.find("[Mid]"), std::string::npos) << result.message;
  EXPECT_NE(result.message.find("[Leaf]"), std::string::npos) << result.message;
  EXPECT_NE(result.message.find("[Broken]"), std::string::npos) << result.message;
  EXPECT_EQ(reporter_.statuses("Mid"),
            (std::vector<std::string>{"CREATE_IN_PROGRESS", "CREATE_FAILED", "DELETE_IN_PROGRESS",
                                      "DELETE_COMPLETE"}));
  // Every nested stack is gone and nothing it created is left.
  auto all = stacks(true);
  ASSERT_EQ(all.size(), 3u);
  for (const auto &s : all) {
    if (s.stack_id != result.stack.stack_id)
      EXPECT_EQ(s.status, "DELETE_COMPLETE") << s.name;
    for (const auto &r : store().list_resources(s.stack_id))
      EXPECT_TRUE(r.status == "DELETE_COMPLETE" || r.physical_id.empty())
          << s.name << " " << r.logical_id << " " << r.status;
  }
  Engine engine(config_);
  auto topics = engine.backend().call("sns", "ListTopics", Json::object());
  EXPECT_TRUE(topics.value("Topics", Json::array()).empty()) << topics.dump();
}

TEST_F(NestedStackTest, UpdatesReachTheChildrenAndAFailedOneRollsBackTheTree) {
  write_leaf(false);
  write_mid();
  auto first = deploy("root", root_template("app"));
  ASSERT_TRUE(first.succeeded) << first.message;
  auto mid = child_of(first.stack.stack_id);
  auto leaf = child_of(mid->stack_id);

  // A parameter change travels down as nested updates of the same child stacks.
  auto second = deploy("root", root_template("renamed"));
  ASSERT_TRUE(second.succeeded) << second.message;
  auto leaf2 = store().find_stack(leaf->stack_id);
  EXPECT_EQ(leaf2->status, "UPDATE_COMPLETE");
  auto topic = store().find_resource(leaf->stack_id, "Topic");
  EXPECT_EQ(topic->properties.value("DisplayName", ""), "renamed-leaf");

  // Nothing changed anywhere: the nested stacks are left alone (only Consumer, which reads their
  // outputs, is re-evaluated).
  size_t leaf_events = store().list_events(leaf->stack_id).size();
  auto same = deploy("root", root_template("renamed"));
  EXPECT_TRUE(same.succeeded) << same.message;
  EXPECT_EQ(store().list_events(leaf->stack_id).size(), leaf_events);

  // The deepest template gains a failing resource: the whole tree rolls back.
  write_leaf(true);
  auto failed = deploy("root", root_template("again"));
  EXPECT_FALSE(failed.succeeded);
  EXPECT_EQ(failed.stack.status, "UPDATE_ROLLBACK_COMPLETE");
  EXPECT_NE(failed.message.find("[Broken]"), std::string::npos) << failed.message;
  auto leaf3 = store().find_stack(leaf->stack_id);
  EXPECT_EQ(leaf3->status, "UPDATE_ROLLBACK_COMPLETE");
  topic = store().find_resource(leaf->stack_id, "Topic");
  EXPECT_EQ(topic->properties.value("DisplayName", ""), "renamed-leaf");
  auto mid3 = store().find_stack(mid->stack_id);
  EXPECT_TRUE(mid3->status == "UPDATE_COMPLETE" || mid3->status == "UPDATE_ROLLBACK_COMPLETE")
      << mid3->status;
  for (const auto &p : mid3->parameters)
    if (p.key == "Name")
      EXPECT_EQ(p.value, "renamed");
}

TEST_F(NestedStackTest, PlanShowsTheChildChangeSets) {
  write_leaf(false);
  write_mid();
  auto first = deploy("root", root_template("app"));
  ASSERT_TRUE(first.succeeded) << first.message;

  Engine engine(config_);
  DeployOptions o;
  o.stack_name = "root";
  o.template_file = write("root-plan.yaml", root_template("app"));
  // Unchanged nested stacks are not in the plan (their child change sets are empty).
  for (const auto &c : engine.plan(o).change_set.changes)
    EXPECT_NE(c.logical_id, "Mid");

  // Only the deepest template changes: the parent's Modify reaches the child's change list.
  std::string leaf_text = R"(
Parameters:
  Name:
    Type: String
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !Ref Name
  Extra:
    Type: AWS::SNS::Topic
Outputs:
  TopicArn:
    Value: !Ref Topic
)";
  write("nested/leaf.yaml", leaf_text);
  auto plan = engine.plan(o).change_set;
  // The nested stack, and the resource that reads its outputs (known after apply).
  ASSERT_EQ(plan.changes.size(), 2u);
  EXPECT_EQ(plan.changes[1].logical_id, "Consumer");
  const auto &mid = plan.changes[0];
  EXPECT_EQ(mid.logical_id, "Mid");
  EXPECT_EQ(mid.action, planner::ChangeAction::Modify);
  ASSERT_TRUE(mid.nested_computed);
  ASSERT_EQ(mid.nested_changes.size(), 1u);
  const auto &leaf = mid.nested_changes[0];
  EXPECT_EQ(leaf.logical_id, "Leaf");
  ASSERT_EQ(leaf.nested_changes.size(), 1u);
  EXPECT_EQ(leaf.nested_changes[0].logical_id, "Extra");
  EXPECT_EQ(leaf.nested_changes[0].action, planner::ChangeAction::Add);
  Json changes = planner::changes_to_json(plan);
  EXPECT_EQ(changes[0]["ResourceChange"]["NestedChanges"][0]["ResourceChange"]["NestedChanges"][0]
                   ["ResourceChange"]
                       .value("LogicalResourceId", ""),
            "Extra");
}

TEST_F(NestedStackTest, TemplateFromTheS3Store) {
  {
    Engine engine(config_);
    engine.backend().call("s3", "CreateBucket", Json{{"Bucket", "templates"}});
    engine.backend().call("s3", "PutObject",
                          Json{{"Bucket", "templates"}, {"Key", "child.yaml"}, {"Body", R"(
Resources:
  Topic:
    Type: AWS::SNS::Topic
Outputs:
  Arn:
    Value: !Ref Topic
)"}});
  }
  auto result = deploy("root", R"(
Resources:
  ByUri:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: s3://templates/child.yaml
  ByHttps:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: !Sub https://templates.s3.${AWS::Region}.amazonaws.com/child.yaml
Outputs:
  A:
    Value: !GetAtt ByUri.Outputs.Arn
  B:
    Value: !GetAtt ByHttps.Outputs.Arn
)");
  ASSERT_TRUE(result.succeeded) << result.message;
  EXPECT_NE(output(result.stack, "A"), output(result.stack, "B"));

  auto missing = deploy("other", R"(
Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: s3://templates/absent.yaml
)");
  EXPECT_FALSE(missing.succeeded);
  EXPECT_NE(missing.message.find("S3 error"), std::string::npos) << missing.message;
}

} // namespace
} // namespace cfnlocal::engine::testing
