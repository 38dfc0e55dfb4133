// AWS::SQS::Queue and AWS::SQS::QueuePolicy on the embedded SQS: create, read, update in place
// (attributes, defaults restored, tags), createOnly changes refused, delete, and SQS's own
// errors as FAILED events with SQS's message.
#include "providers/sqs_queue_provider.h"
#include "tests/providers/embedded_fixture.h"

#include <gmock/gmock.h>

namespace cfnlocal::providers {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

constexpr const char *kQueue = "AWS::SQS::Queue";
constexpr const char *kPolicy = "AWS::SQS::QueuePolicy";

class SqsProvidersTest : public testing::EmbeddedProviderTest {
protected:
  Json attributes(const std::string &url) {
    return call("sqs", "GetQueueAttributes",
                {{"QueueUrl", url}, {"AttributeNames", {"All"}}})["Attributes"];
  }
  std::string url_of(const Value &model) { return model.find("QueueUrl")->as_string(); }
};

TEST_F(SqsProvidersTest, RegisteredForBothTypes) {
  EXPECT_TRUE(registry_->has_specific(kQueue));
  EXPECT_TRUE(registry_->has_specific(kPolicy));
  EXPECT_NE(dynamic_cast<SqsQueueProvider *>(&provider(kQueue)), nullptr);
}

TEST_F(SqsProvidersTest, CreateWithGeneratedNameRefAndAttributes) {
  auto created = create(kQueue, "Jobs", R"({"VisibilityTimeout": 120, "DelaySeconds": "5",
      "Tags": [{"Key": "team", "Value": "core"}]})");
  ASSERT_TRUE(created.ok()) << created.message;
  const Value &m = created.resource_model;
  std::string name = m.find("QueueName")->as_string();
  EXPECT_THAT(name, MatchesRegex("mystack-Jobs-[A-Z0-9]{12,13}"));
  std::string url = "https://sqs.us-east-1.amazonaws.com/123456789012/" + name;
  EXPECT_EQ(url_of(m), url);
  EXPECT_EQ(*provider(kQueue).ref(kQueue, m), Value(url));
  EXPECT_EQ(provider(kQueue).physical_id(kQueue, m), url);
  EXPECT_EQ(att(kQueue, m, "Arn"), "arn:aws:sqs:us-east-1:123456789012:" + name);
  EXPECT_EQ(att(kQueue, m, "QueueName"), name);
  EXPECT_EQ(att(kQueue, m, "QueueUrl"), url);

  Json a = attributes(url);
  EXPECT_EQ(a["VisibilityTimeout"], "120");
  EXPECT_EQ(a["DelaySeconds"], "5");
  EXPECT_EQ(call("sqs", "ListQueueTags", {{"QueueUrl", url}})["Tags"]["team"], "core");

  auto read = this->read(kQueue, m);
  ASSERT_TRUE(read.ok()) << read.message;
  EXPECT_EQ(*read.resource_model.find("VisibilityTimeout"), Value(120));
  EXPECT_EQ(*read.resource_model.find("MessageRetentionPeriod"), Value(345600));
  EXPECT_EQ(read.resource_model.find("Arn")->as_string(), att(kQueue, m, "Arn"));
}

TEST_F(SqsProvidersTest, FifoQueueGetsFifoSuffixAndAttributes) {
  auto created = create(kQueue, "Orders", R"({"FifoQueue": true,
      "ContentBasedDeduplication": "true"})");
  ASSERT_TRUE(created.ok()) << created.message;
  std::string name = created.resource_model.find("QueueName")->as_string();
  EXPECT_TRUE(name.ends_with(".fifo")) << name;
  Json a = attributes(url_of(created.resource_model));
  EXPECT_EQ(a["FifoQueue"], "true");
  EXPECT_EQ(a["ContentBasedDeduplication"], "true");
  auto read = this->read(kQueue, created.resource_model);
  EXPECT_EQ(*read.resource_model.find("FifoQueue"), Value(true));
}

TEST_F(SqsProvidersTest, UpdateInPlaceSetsChangedAndRestoresDroppedAttributes) {
  auto dlq = create(kQueue, "Dlq", R"({"QueueName": "dead"})");
  ASSERT_TRUE(dlq.ok());
  std::string dlq_arn = att(kQueue, dlq.resource_model, "Arn");
  auto created = create(kQueue, "Res", R"({"QueueName": "work", "VisibilityTimeout": 60,
      "MessageRetentionPeriod": 120, "Tags": [{"Key": "a", "Value": "1"},
      {"Key": "b", "Value": "2"}]})");
  ASSERT_TRUE(created.ok()) << created.message;
  std::string url = url_of(created.resource_model);

  auto updated = update(kQueue, created,
                        R"({"QueueName": "work", "VisibilityTimeout": 90,
      "RedrivePolicy": {"deadLetterTargetArn": ")" +
                            dlq_arn + R"(", "maxReceiveCount": 4},
      "Tags": [{"Key": "a", "Value": "changed"}]})");
  ASSERT_TRUE(updated.ok()) << updated.message;
  EXPECT_EQ(url_of(updated.resource_model), url); // same queue
  EXPECT_EQ(att(kQueue, updated.resource_model, "Arn"), "arn:aws:sqs:us-east-1:123456789012:work");
  Json a = attributes(url);
  EXPECT_EQ(a["VisibilityTimeout"], "90");
  EXPECT_EQ(a["MessageRetentionPeriod"], "345600"); // dropped: SQS's default again
  EXPECT_EQ(Json::parse(a["RedrivePolicy"].get<std::string>())["deadLetterTargetArn"], dlq_arn);
  EXPECT_EQ(call("sqs", "ListQueueTags", {{"QueueUrl", url}})["Tags"],
            Json::parse(R"({"a":"changed"})"));

  // Dropping the redrive policy removes it.
  auto again = update(kQueue, updated, R"({"QueueName": "work"})");
  ASSERT_TRUE(again.ok()) << again.message;
  EXPECT_FALSE(attributes(url).contains("RedrivePolicy"));
  EXPECT_EQ(attributes(url)["VisibilityTimeout"], "30");
}

TEST_F(SqsProvidersTest, CreateOnlyChangesAreNotUpdatable) {
  auto created = create(kQueue, "Res", R"({"QueueName": "fixed"})");
  ASSERT_TRUE(created.ok());
  auto renamed = update(kQueue, created, R"({"QueueName": "other"})");
  EXPECT_EQ(renamed.error_code, HandlerErrorCode::NotUpdatable);
  EXPECT_THAT(renamed.message, HasSubstr("/properties/QueueName"));
  auto fifo = update(kQueue, created, R"({"QueueName": "fixed", "FifoQueue": true})");
  EXPECT_EQ(fifo.error_code, HandlerErrorCode::NotUpdatable);
}

TEST_F(SqsProvidersTest, SqsErrorsSurfaceWithSqsMessages) {
  auto bad_name = create(kQueue, "Q", R"({"QueueName": "has spaces"})");
  EXPECT_EQ(bad_name.status, OperationStatus::Failed);
  EXPECT_EQ(bad_name.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_THAT(bad_name.message, HasSubstr("Can only include alphanumeric characters, hyphens, or "
                                          "underscores. 1 to 80 in length"));
  EXPECT_THAT(bad_name.message, HasSubstr("Service: Sqs, Status Code: 400, Error Code: "
                                          "InvalidParameterValue"));

  auto missing_dlq = create(kQueue, "Q", R"({"RedrivePolicy": {"deadLetterTargetArn":
      "arn:aws:sqs:us-east-1:123456789012:nowhere", "maxReceiveCount": 3}})");
  EXPECT_EQ(missing_dlq.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_THAT(missing_dlq.message, HasSubstr("Dead letter target does not exist."));

  auto fifo_name = create(kQueue, "Q", R"({"QueueName": "plain", "FifoQueue": true})");
  EXPECT_THAT(fifo_name.message, HasSubstr("must end with .fifo suffix"));

  ASSERT_TRUE(create(kQueue, "Q", R"({"QueueName": "taken"})").ok());
  auto taken = create(kQueue, "Q2", R"({"QueueName": "taken"})");
  EXPECT_EQ(taken.error_code, HandlerErrorCode::AlreadyExists);
  EXPECT_THAT(taken.message, HasSubstr("taken already exists"));

  // Nothing was left behind by the failures.
  EXPECT_EQ(call("sqs", "ListQueues")["QueueUrls"].size(), 1u);
}

TEST_F(SqsProvidersTest, DeleteThenReadAndDeleteAreNotFound) {
  auto created = create(kQueue, "Res", R"({})");
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(remove(kQueue, created.resource_model).ok());
  EXPECT_EQ(read(kQueue, created.resource_model).error_code, HandlerErrorCode::NotFound);
  EXPECT_EQ(remove(kQueue, created.resource_model).error_code, HandlerErrorCode::NotFound);
  EXPECT_FALSE(call("sqs", "ListQueues").contains("QueueUrls"));
}

TEST_F(SqsProvidersTest, ListReturnsQueueUrls) {
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(create(kQueue, "Q" + std::to_string(i), "{}").ok());
  auto listed = provider(kQueue).list(testing::request_for(kQueue, ""));
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed.resource_models.size(), 3u);
  EXPECT_THAT(listed.resource_models[0].find("QueueUrl")->as_string(),
              HasSubstr("https://sqs.us-east-1.amazonaws.com/123456789012/"));
}

TEST_F(SqsProvidersTest, QueuePolicySetsUpdatesAndClearsThePolicy) {
  auto a = create(kQueue, "A", R"({"QueueName": "a"})");
  auto b = create(kQueue, "B", R"({"QueueName": "b"})");
  ASSERT_TRUE(a.ok() && b.ok());
  std::string doc = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
      "Resource": "*"}]})";
  auto policy = create(kPolicy, "Policy",
                       R"({"Queues": [")" + url_of(a.resource_model) + R"("], "PolicyDocument": )" +
                           doc + "}");
  ASSERT_TRUE(policy.ok()) << policy.message;
  std::string id = provider(kPolicy).physical_id(kPolicy, policy.resource_model);
  EXPECT_FALSE(id.empty());
  EXPECT_EQ(*provider(kPolicy).ref(kPolicy, policy.resource_model), Value(id));
  EXPECT_EQ(Json::parse(attributes(url_of(a.resource_model))["Policy"]
                            .get<std::string>())["Statement"][0]["Action"],
            "sqs:SendMessage");
  ASSERT_TRUE(read(kPolicy, policy.resource_model).ok());

  // Moving the policy to queue b clears it from a.
  auto moved = update(kPolicy, policy,
                      R"({"Queues": [")" + url_of(b.resource_model) + R"("], "PolicyDocument": )" +
                          doc + "}");
  ASSERT_TRUE(moved.ok()) << moved.message;
  EXPECT_EQ(provider(kPolicy).physical_id(kPolicy, moved.resource_model), id);
  EXPECT_FALSE(attributes(url_of(a.resource_model)).contains("Policy"));
  EXPECT_TRUE(attributes(url_of(b.resource_model)).contains("Policy"));

  ASSERT_TRUE(remove(kPolicy, moved.resource_model).ok());
  EXPECT_FALSE(attributes(url_of(b.resource_model)).contains("Policy"));
}

TEST_F(SqsProvidersTest, QueuePolicyErrors) {
  auto a = create(kQueue, "A", R"({"QueueName": "a"})");
  ASSERT_TRUE(a.ok());
  auto bad = create(kPolicy, "Policy",
                    R"({"Queues": [")" + url_of(a.resource_model) +
                        R"("], "PolicyDocument": {"Statement": [{"Effect": "Allow",
                        "Action": "sqs:SendMessage", "Resource": "*"}]}})");
  EXPECT_EQ(bad.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_THAT(bad.message, HasSubstr("Invalid value for the parameter Policy. Reason: Missing "
                                     "required field Principal"));
  auto missing = create(kPolicy, "Policy",
                        R"({"Queues": [")" + url_of(a.resource_model) +
                            R"(", "https://sqs.us-east-1.amazonaws.com/123456789012/none"],
                        "PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": "*",
                        "Action": "sqs:SendMessage", "Resource": "*"}]}})");
  EXPECT_EQ(missing.error_code, HandlerErrorCode::NotFound);
  EXPECT_THAT(missing.message, HasSubstr("The specified queue does not exist."));
  // The queue set before the failure was put back.
  EXPECT_FALSE(attributes(url_of(a.resource_model)).contains("Policy"));
}

} // namespace
} // namespace cfnlocal::providers
