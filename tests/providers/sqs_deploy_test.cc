// SQS templates deployed through the engine onto the embedded SQS: outputs from Ref and GetAtt,
// an in-place update, a replacement, and an SQS validation error failing the stack with SQS's
// message and rolling back what was created.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class SqsDeployTest : public ServiceDeployTest {
protected:
  Json attributes(const std::string &url) {
    return call("sqs", "GetQueueAttributes",
                {{"QueueUrl", url}, {"AttributeNames", {"All"}}})["Attributes"];
  }
};

const char *kTemplate = R"(
Parameters:
  Timeout:
    Type: Number
    Default: 30
  Name:
    Type: String
    Default: work
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      FifoQueue: true
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub ${Name}.fifo
      FifoQueue: true
      VisibilityTimeout: !Ref Timeout
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
        maxReceiveCount: 3
  Policy:
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
Outputs:
  Url:
    Value: !Ref Queue
  Arn:
    Value: !GetAtt Queue.Arn
  Name:
    Value: !GetAtt Queue.QueueName
  DlqArn:
    Value: !GetAtt Dlq.Arn
)";

} // namespace

TEST_F(SqsDeployTest, CreateUpdateInPlaceReplaceAndDelete) {
  auto created = deploy("app", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string url = output(created, "Url");
  EXPECT_EQ(url, "https://sqs.us-east-1.amazonaws.com/123456789012/work.fifo");
  EXPECT_EQ(output(created, "Arn"), "arn:aws:sqs:us-east-1:123456789012:work.fifo");
  EXPECT_EQ(output(created, "Name"), "work.fifo");
  Json a = attributes(url);
  EXPECT_EQ(a["FifoQueue"], "true");
  EXPECT_EQ(Json::parse(a["RedrivePolicy"].get<std::string>())["deadLetterTargetArn"],
            output(created, "DlqArn"));
  EXPECT_TRUE(a.contains("Policy"));
  EXPECT_TRUE(output(created, "DlqArn").ends_with(".fifo"));

  // A mutable property: the same queue, its attribute changed.
  auto updated = deploy("app", kTemplate, {{"Timeout", "300"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "Url"), url);
  EXPECT_EQ(attributes(url)["VisibilityTimeout"], "300");

  // A createOnly property: a new queue, the old one deleted, the policy follows.
  auto replaced = deploy("app", kTemplate, {{"Timeout", "300"}, {"Name", "renamed"}});
  ASSERT_TRUE(replaced.succeeded) << replaced.message;
  std::string new_url = output(replaced, "Url");
  EXPECT_EQ(new_url, "https://sqs.us-east-1.amazonaws.com/123456789012/renamed.fifo");
  EXPECT_EQ(attributes(new_url)["VisibilityTimeout"], "300");
  EXPECT_TRUE(attributes(new_url).contains("Policy"));
  EXPECT_EQ(error_of("sqs", "GetQueueAttributes", {{"QueueUrl", url}}), "QueueDoesNotExist")
      << "the replaced queue still exists";

  auto deleted = remove("app");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_FALSE(call("sqs", "ListQueues").contains("QueueUrls"));
}

TEST_F(SqsDeployTest, SqsValidationErrorFailsTheResourceAndRollsBack) {
  // The schema accepts the name; SQS does not (a standard queue cannot end in ".fifo").
  const char *t = R"(
Resources:
  Good:
    Type: AWS::SQS::Queue
  Bad:
    Type: AWS::SQS::Queue
    DependsOn: Good
    Properties:
      QueueName: not-fifo.fifo
)";
  auto result = deploy("app", t);
  EXPECT_FALSE(result.succeeded);
  EXPECT_EQ(result.stack.status, "ROLLBACK_COMPLETE");
  // Never created: nothing to delete, the rollback only records it.
  EXPECT_EQ(reporter_.statuses("Bad"),
            (std::vector<std::string>{"CREATE_IN_PROGRESS", "CREATE_FAILED", "DELETE_COMPLETE"}));
  std::string why = reason("Bad", "CREATE_FAILED");
  EXPECT_THAT(why, HasSubstr("Can only include alphanumeric characters, hyphens, or "
                             "underscores. 1 to 80 in length"));
  EXPECT_THAT(why, HasSubstr("InvalidParameterValue"));
  EXPECT_EQ(reporter_.statuses("Good"),
            (std::vector<std::string>{"CREATE_IN_PROGRESS", "CREATE_COMPLETE", "DELETE_IN_PROGRESS",
                                      "DELETE_COMPLETE"}));
  EXPECT_FALSE(call("sqs", "ListQueues").contains("QueueUrls"));
}

TEST_F(SqsDeployTest, MissingDeadLetterQueueFailsAnUpdateWhichRollsBack) {
  const char *v1 = R"(
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 40
Outputs:
  Url:
    Value: !Ref Queue
)";
  const char *v2 = R"(
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 50
      RedrivePolicy:
        deadLetterTargetArn: arn:aws:sqs:us-east-1:123456789012:missing
        maxReceiveCount: 2
Outputs:
  Url:
    Value: !Ref Queue
)";
  auto created = deploy("app", v1);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string url = output(created, "Url");
  auto updated = deploy("app", v2);
  EXPECT_FALSE(updated.succeeded);
  EXPECT_EQ(updated.stack.status, "UPDATE_ROLLBACK_COMPLETE");
  EXPECT_THAT(updated.message + " ", HasSubstr("Queue"));
  std::string why = reason("Queue", "UPDATE_FAILED");
  EXPECT_THAT(why, HasSubstr("Dead letter target does not exist."));
  // The queue is as v1 left it.
  Json a = attributes(url);
  EXPECT_EQ(a["VisibilityTimeout"], "40");
  EXPECT_FALSE(a.contains("RedrivePolicy"));
}
