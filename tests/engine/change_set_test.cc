// Stored change sets: create, describe (via the store), execute exactly, empty, obsolete, delete.
#include "engine_fixture.h"

#include "state/store.h"

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;

namespace {

const char *kV1 = R"(
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: one
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: first
)";

const char *kV2 = R"(
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: two
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: second
  Extra:
    Type: AWS::SNS::Topic
)";

class ChangeSetTest : public EngineTest {
protected:
  DeployOptions options(const std::string &text, const std::string &name) {
    DeployOptions o;
    o.stack_name = "app";
    o.template_file = write(name + ".yaml", text);
    o.change_set_name = name;
    return o;
  }
};

} // namespace

TEST_F(ChangeSetTest, CreateTypeChangeSetRecordsAReviewStackAndExecutes) {
  Engine engine(config_);
  auto out = engine.create_change_set(options(kV1, "first"));
  EXPECT_EQ(out.record.change_set_type, "CREATE");
  EXPECT_EQ(out.record.status, "CREATE_COMPLETE");
  EXPECT_EQ(out.record.execution_status, "AVAILABLE");
  EXPECT_EQ(out.record.changes.size(), 2u);
  EXPECT_EQ(engine.store().find_stack("app")->status, "REVIEW_IN_PROGRESS");
  auto result = engine.execute_change_set("first", "app", false, reporter_);
  ASSERT_TRUE(result.succeeded) << result.message;
  EXPECT_EQ(result.stack.status, "CREATE_COMPLETE");
  EXPECT_EQ(engine.store().find_change_set("first", "app")->execution_status, "EXECUTE_COMPLETE");
}

TEST_F(ChangeSetTest, ExecutionDoesExactlyWhatWasPlanned) {
  ASSERT_TRUE(deploy("app", kV1).succeeded);
  Engine engine(config_);
  auto before = engine.store().find_resource(engine.store().find_stack("app")->stack_id, "Queue");
  auto out = engine.create_change_set(options(kV2, "second"));
  std::map<std::string, std::string> planned;
  for (const auto &c : out.change_set.changes)
    planned[c.logical_id] = planner::to_string(c.action) +
                            std::string(c.replacement ? planner::to_string(*c.replacement) : "");
  EXPECT_EQ(planned, (std::map<std::string, std::string>{
                         {"Extra", "Add"}, {"Queue", "ModifyTrue"}, {"Topic", "ModifyFalse"}}));
  reporter_.events.clear();
  auto result = engine.execute_change_set("second", "app", false, reporter_);
  ASSERT_TRUE(result.succeeded) << result.message;
  auto stack_id = result.stack.stack_id;
  auto queue = engine.store().find_resource(stack_id, "Queue");
  EXPECT_NE(queue->physical_id, before->physical_id); // replaced, as planned
  EXPECT_EQ(queue->properties["QueueName"], "second");
  EXPECT_EQ(engine.store().find_resource(stack_id, "Topic")->properties["DisplayName"], "two");
  EXPECT_TRUE(engine.store().find_resource(stack_id, "Extra"));
  EXPECT_EQ(reporter_.statuses("Extra"),
            (std::vector<std::string>{"CREATE_IN_PROGRESS", "CREATE_COMPLETE"}));
}

TEST_F(ChangeSetTest, EmptyChangeSetFailsWithAwsReason) {
  ASSERT_TRUE(deploy("app", kV1).succeeded);
  Engine engine(config_);
  auto out = engine.create_change_set(options(kV1, "same"));
  EXPECT_EQ(out.record.status, "FAILED");
  EXPECT_EQ(out.record.execution_status, "UNAVAILABLE");
  EXPECT_EQ(out.record.status_reason, "The submitted information didn't contain changes. Submit "
                                      "different information to create a change set.");
  EXPECT_THROW(engine.execute_change_set("same", "app", false, reporter_), Error);
}

TEST_F(ChangeSetTest, AnotherDeployMakesAChangeSetObsolete) {
  ASSERT_TRUE(deploy("app", kV1).succeeded);
  {
    Engine engine(config_);
    engine.create_change_set(options(kV2, "stale"));
  }
  ASSERT_TRUE(deploy("app", kV1 + std::string("  Other:\n    Type: AWS::SNS::Topic\n")).succeeded);
  Engine engine(config_);
  EXPECT_EQ(engine.store().find_change_set("stale", "app")->execution_status, "OBSOLETE");
  try {
    engine.execute_change_set("stale", "app", false, reporter_);
    FAIL();
  } catch (const Error &e) {
    EXPECT_NE(e.message().find("cannot be executed in its current execution status of [OBSOLETE]"),
              std::string::npos);
  }
}

TEST_F(ChangeSetTest, DuplicateNamesAndDeletion) {
  Engine engine(config_);
  engine.create_change_set(options(kV1, "cs"));
  EXPECT_THROW(engine.create_change_set(options(kV1, "cs")), Error);
  engine.delete_change_set("cs", "app");
  EXPECT_FALSE(engine.store().find_change_set("cs", "app"));
  // A review stack left without change sets is gone too, as in AWS.
  EXPECT_FALSE(engine.store().find_stack("app"));
}

TEST_F(ChangeSetTest, NoExecuteChangesetStopsAfterCreatingIt) {
  ASSERT_TRUE(deploy("app", kV1).succeeded);
  Engine engine(config_);
  DeployOptions o = options(kV2, "");
  o.change_set_name.clear();
  o.no_execute_changeset = true;
  auto result = engine.deploy(o, reporter_);
  EXPECT_TRUE(result.succeeded);
  EXPECT_EQ(result.stack.status, "CREATE_COMPLETE");
  auto sets = engine.store().list_change_sets(result.stack.stack_id);
  ASSERT_FALSE(sets.empty());
  EXPECT_EQ(sets.back().execution_status, "AVAILABLE");
  EXPECT_FALSE(engine.store().find_resource(result.stack.stack_id, "Extra"));
}
