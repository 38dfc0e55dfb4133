// AWS::Events::EventBus and AWS::Events::Rule deployed through the engine onto the embedded
// EventBridge: create (a bus, a pattern rule on it with a queue target, a schedule rule on the
// default bus), in-place updates (pattern, targets, description), replacements (a renamed rule,
// a renamed bus), delete, and EventBridge's own checks failing the resource with its message,
// then rolling back.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class EventsDeployTest : public ServiceDeployTest {
protected:
  Json rule(const std::string &name, const std::string &bus) {
    return call("events", "DescribeRule", {{"Name", name}, {"EventBusName", bus}});
  }
  Json targets(const std::string &name, const std::string &bus) {
    return call("events", "ListTargetsByRule", {{"Rule", name}, {"EventBusName", bus}})["Targets"];
  }
};

const char *kTemplate = R"(
Parameters:
  Source:
    Type: String
    Default: app.orders
  RuleName:
    Type: String
    Default: on-orders
  Description:
    Type: String
    Default: first
  SecondTarget:
    Type: String
    Default: "no"
Conditions:
  Two: !Equals [!Ref SecondTarget, "yes"]
Resources:
  Bus:
    Type: AWS::Events::EventBus
    Properties:
      Name: app-bus
      Description: !Ref Description
  Queue:
    Type: AWS::SQS::Queue
  Other:
    Type: AWS::SQS::Queue
  Rule:
    Type: AWS::Events::Rule
    Properties:
      Name: !Ref RuleName
      EventBusName: !Ref Bus
      EventPattern:
        source: [!Ref Source]
        detail:
          amount: [{numeric: [">", 100]}]
      Targets:
        - Id: queue
          Arn: !GetAtt Queue.Arn
        - !If
          - Two
          - Id: other
            Arn: !GetAtt Other.Arn
            Input: '{"from": "rule"}'
          - !Ref AWS::NoValue
  Schedule:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(5 minutes)
      State: DISABLED
      Targets:
        - Id: queue
          Arn: !GetAtt Queue.Arn
Outputs:
  BusName:
    Value: !Ref Bus
  BusArn:
    Value: !GetAtt Bus.Arn
  RuleRef:
    Value: !Ref Rule
  RuleArn:
    Value: !GetAtt Rule.Arn
  ScheduleRef:
    Value: !Ref Schedule
)";

} // namespace

TEST_F(EventsDeployTest, CreateUpdateInPlaceReplaceAndDelete) {
  auto created = deploy("app", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  EXPECT_EQ(output(created, "BusName"), "app-bus");
  EXPECT_EQ(output(created, "BusArn"), "arn:aws:events:us-east-1:123456789012:event-bus/app-bus");
  EXPECT_EQ(output(created, "RuleRef"), "app-bus|on-orders");
  EXPECT_EQ(output(created, "RuleArn"),
            "arn:aws:events:us-east-1:123456789012:rule/app-bus/on-orders");
  std::string schedule = output(created, "ScheduleRef");
  EXPECT_EQ(rule(schedule, "default")["ScheduleExpression"], "rate(5 minutes)");
  EXPECT_EQ(rule(schedule, "default")["State"], "DISABLED");
  Json r = rule("on-orders", "app-bus");
  EXPECT_EQ(Json::parse(r["EventPattern"].get<std::string>())["source"][0], "app.orders");
  EXPECT_EQ(targets("on-orders", "app-bus").size(), 1u);
  EXPECT_EQ(call("events", "DescribeEventBus", {{"Name", "app-bus"}})["Description"], "first");

  // Mutable: the pattern, a second target, the bus's description.
  auto updated =
      deploy("app", kTemplate,
             {{"Source", "app.payments"}, {"SecondTarget", "yes"}, {"Description", "second"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "RuleArn"), output(created, "RuleArn"));
  EXPECT_EQ(
      Json::parse(rule("on-orders", "app-bus")["EventPattern"].get<std::string>())["source"][0],
      "app.payments");
  Json t = targets("on-orders", "app-bus");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1]["Input"], R"({"from": "rule"})");
  EXPECT_EQ(call("events", "DescribeEventBus", {{"Name", "app-bus"}})["Description"], "second");

  // Dropping the target removes it.
  auto fewer =
      deploy("app", kTemplate,
             {{"Source", "app.payments"}, {"SecondTarget", "no"}, {"Description", "second"}});
  ASSERT_TRUE(fewer.succeeded) << fewer.message;
  EXPECT_EQ(targets("on-orders", "app-bus").size(), 1u);

  // The rule name is create-only: a new rule, the old one deleted.
  auto replaced =
      deploy("app", kTemplate,
             {{"Source", "app.payments"}, {"Description", "second"}, {"RuleName", "renamed"}});
  ASSERT_TRUE(replaced.succeeded) << replaced.message;
  EXPECT_EQ(output(replaced, "RuleRef"), "app-bus|renamed");
  EXPECT_EQ(targets("renamed", "app-bus").size(), 1u);
  EXPECT_EQ(
      error_of("events", "DescribeRule", {{"Name", "on-orders"}, {"EventBusName", "app-bus"}}),
      "ResourceNotFoundException");

  auto deleted = remove("app");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_EQ(error_of("events", "DescribeEventBus", {{"Name", "app-bus"}}),
            "ResourceNotFoundException");
  EXPECT_TRUE(call("events", "ListRules")["Rules"].empty());
}

TEST_F(EventsDeployTest, InvalidPatternAndScheduleFailWithEventBridgeMessages) {
  const char *t = R"(
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Good:
    Type: AWS::Events::Rule
    DependsOn: Queue
    Properties:
      EventPattern: {source: [app]}
  Bad:
    Type: AWS::Events::Rule
    DependsOn: Good
    Properties:
      EventPattern: {source: [{startsWith: app}]}
)";
  auto result = deploy("app", t);
  EXPECT_FALSE(result.succeeded);
  EXPECT_EQ(result.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Bad", "CREATE_FAILED"),
              HasSubstr("Event pattern is not valid. Reason: Unrecognized match type startsWith"));
  EXPECT_THAT(reason("Bad", "CREATE_FAILED"), HasSubstr("InvalidEventPatternException"));
  EXPECT_TRUE(call("events", "ListRules")["Rules"].empty());

  const char *schedule = R"(
Resources:
  Bad:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 minutes)
)";
  auto second = deploy("sched", schedule);
  EXPECT_FALSE(second.succeeded);
  EXPECT_THAT(reason("Bad", "CREATE_FAILED"),
              HasSubstr("Parameter ScheduleExpression is not valid."));
}
