// SNS templates deployed through the engine onto the embedded SNS and SQS: a topic fanning out
// to a queue (subscription, queue policy), an in-place update, a replacement, and SNS's
// validation errors failing the resource with SNS's message and rolling back.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class SnsDeployTest : public ServiceDeployTest {};

const char *kFanOut = R"(
Parameters:
  Display:
    Type: String
    Default: Orders
  TopicName:
    Type: String
    Default: orders
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Ref TopicName
      DisplayName: !Ref Display
  Queue:
    Type: AWS::SQS::Queue
  Subscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Topic
      Protocol: sqs
      Endpoint: !GetAtt Queue.Arn
      RawMessageDelivery: true
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: sns.amazonaws.com}
            Action: sqs:SendMessage
            Resource: !GetAtt Queue.Arn
            Condition:
              ArnEquals: {aws:SourceArn: !Ref Topic}
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: events.amazonaws.com}
            Action: sns:Publish
            Resource: !Ref Topic
Outputs:
  TopicArn:
    Value: !Ref Topic
  TopicName:
    Value: !GetAtt Topic.TopicName
  SubscriptionArn:
    Value: !Ref Subscription
)";

} // namespace

TEST_F(SnsDeployTest, FanOutCreateUpdateReplaceDelete) {
  auto created = deploy("app", kFanOut);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string arn = output(created, "TopicArn");
  EXPECT_EQ(arn, "arn:aws:sns:us-east-1:123456789012:orders");
  EXPECT_EQ(output(created, "TopicName"), "orders");
  EXPECT_TRUE(output(created, "SubscriptionArn").starts_with(arn + ":"));
  Json a = call("sns", "GetTopicAttributes", {{"TopicArn", arn}})["Attributes"];
  EXPECT_EQ(a["DisplayName"], "Orders");
  EXPECT_EQ(a["SubscriptionsConfirmed"], "1");
  EXPECT_THAT(a["Policy"].get<std::string>(), HasSubstr("events.amazonaws.com"));

  auto updated = deploy("app", kFanOut, {{"Display", "Orders v2"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "TopicArn"), arn);
  EXPECT_EQ(call("sns", "GetTopicAttributes", {{"TopicArn", arn}})["Attributes"]["DisplayName"],
            "Orders v2");

  // A new topic name replaces the topic; the subscription (createOnly TopicArn) follows it.
  auto replaced = deploy("app", kFanOut, {{"TopicName", "orders2"}});
  ASSERT_TRUE(replaced.succeeded) << replaced.message;
  std::string new_arn = output(replaced, "TopicArn");
  EXPECT_EQ(new_arn, "arn:aws:sns:us-east-1:123456789012:orders2");
  EXPECT_TRUE(output(replaced, "SubscriptionArn").starts_with(new_arn + ":"));
  Json topics = call("sns", "ListTopics")["Topics"];
  ASSERT_EQ(topics.size(), 1u);
  EXPECT_EQ(topics[0]["TopicArn"], new_arn);
  EXPECT_EQ(call("sns", "ListSubscriptions")["Subscriptions"].size(), 1u);

  ASSERT_TRUE(remove("app").succeeded);
  EXPECT_TRUE(call("sns", "ListTopics")["Topics"].empty());
  EXPECT_TRUE(call("sns", "ListSubscriptions")["Subscriptions"].empty());
}

TEST_F(SnsDeployTest, InvalidEndpointFailsTheSubscriptionAndRollsBack) {
  const char *t = R"(
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Subscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Topic
      Protocol: lambda
      Endpoint: my-function
)";
  auto result = deploy("app", t);
  EXPECT_FALSE(result.succeeded);
  EXPECT_EQ(result.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Subscription", "CREATE_FAILED"),
              HasSubstr("Invalid parameter: Lambda endpoint ARN"));
  EXPECT_EQ(reporter_.statuses("Topic"),
            (std::vector<std::string>{"CREATE_IN_PROGRESS", "CREATE_COMPLETE", "DELETE_IN_PROGRESS",
                                      "DELETE_COMPLETE"}));
  EXPECT_TRUE(call("sns", "ListTopics")["Topics"].empty());
}

TEST_F(SnsDeployTest, InvalidAttributeFailsAnUpdateWhichRollsBack) {
  const char *v1 = R"(
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: kept
      DisplayName: before
)";
  const char *v2 = R"(
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: kept
      DisplayName: after
      TracingConfig: Sometimes
)";
  ASSERT_TRUE(deploy("app", v1).succeeded);
  auto updated = deploy("app", v2);
  EXPECT_FALSE(updated.succeeded);
  EXPECT_EQ(updated.stack.status, "UPDATE_ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Topic", "UPDATE_FAILED"), HasSubstr("TracingConfig must be PassThrough or "
                                                          "Active"));
  Json a = call("sns", "GetTopicAttributes",
                {{"TopicArn", "arn:aws:sns:us-east-1:123456789012:kept"}})["Attributes"];
  EXPECT_EQ(a["DisplayName"], "before");
  EXPECT_FALSE(a.contains("TracingConfig"));
}
