// AWS::SNS::Topic, AWS::SNS::Subscription and AWS::SNS::TopicPolicy on the embedded SNS: create,
// read, update in place (attributes, subscriptions, tags), createOnly changes refused, delete,
// and SNS's own errors as FAILED events with SNS's message.
#include "providers/sns_topic_provider.h"
#include "tests/providers/embedded_fixture.h"

#include <gmock/gmock.h>

namespace cfnlocal::providers {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

constexpr const char *kTopic = "AWS::SNS::Topic";
constexpr const char *kSubscription = "AWS::SNS::Subscription";
constexpr const char *kPolicy = "AWS::SNS::TopicPolicy";

class SnsProvidersTest : public testing::EmbeddedProviderTest {
protected:
  Json attributes(const std::string &arn) {
    return call("sns", "GetTopicAttributes", {{"TopicArn", arn}})["Attributes"];
  }
  std::string arn_of(const Value &model) { return model.find("TopicArn")->as_string(); }
  Json subscriptions(const std::string &arn) {
    return call("sns", "ListSubscriptionsByTopic", {{"TopicArn", arn}})["Subscriptions"];
  }
};

TEST_F(SnsProvidersTest, TopicCreateWithSubscriptionsTagsAndLogging) {
  ASSERT_TRUE(registry_->has_specific(kTopic));
  ASSERT_NE(dynamic_cast<SnsTopicProvider *>(&provider(kTopic)), nullptr);
  auto created = create(kTopic, "Alerts", R"({"DisplayName": "Alerts",
      "Subscription": [{"Protocol": "sqs", "Endpoint": "arn:aws:sqs:us-east-1:123456789012:q"},
                       {"Protocol": "email", "Endpoint": "ops@example.com"}],
      "Tags": [{"Key": "team", "Value": "ops"}],
      "DeliveryStatusLogging": [{"Protocol": "sqs", "SuccessFeedbackSampleRate": "50",
        "FailureFeedbackRoleArn": "arn:aws:iam::123456789012:role/log"}]})");
  ASSERT_TRUE(created.ok()) << created.message;
  const Value &m = created.resource_model;
  std::string name = m.find("TopicName")->as_string();
  EXPECT_THAT(name, MatchesRegex("mystack-Alerts-[A-Z0-9]{12,13}"));
  std::string arn = "arn:aws:sns:us-east-1:123456789012:" + name;
  EXPECT_EQ(arn_of(m), arn);
  EXPECT_EQ(*provider(kTopic).ref(kTopic, m), Value(arn));
  EXPECT_EQ(att(kTopic, m, "TopicArn"), arn);
  EXPECT_EQ(att(kTopic, m, "TopicName"), name);

  Json a = attributes(arn);
  EXPECT_EQ(a["DisplayName"], "Alerts");
  EXPECT_EQ(a["SQSSuccessFeedbackSampleRate"], "50");
  EXPECT_EQ(a["SQSFailureFeedbackRoleArn"], "arn:aws:iam::123456789012:role/log");
  EXPECT_EQ(subscriptions(arn).size(), 2u);
  EXPECT_EQ(call("sns", "ListTagsForResource", {{"ResourceArn", arn}})["Tags"][0]["Value"], "ops");

  auto read = this->read(kTopic, m);
  ASSERT_TRUE(read.ok()) << read.message;
  EXPECT_EQ(read.resource_model.find("DisplayName")->as_string(), "Alerts");
  EXPECT_EQ(read.resource_model.find("Subscription")->size(), 2u);
  EXPECT_EQ(read.resource_model.find("DeliveryStatusLogging")->size(), 1u);
}

TEST_F(SnsProvidersTest, FifoTopic) {
  auto created =
      create(kTopic, "Events", R"({"FifoTopic": true, "ContentBasedDeduplication": true})");
  ASSERT_TRUE(created.ok()) << created.message;
  EXPECT_TRUE(created.resource_model.find("TopicName")->as_string().ends_with(".fifo"));
  Json a = attributes(arn_of(created.resource_model));
  EXPECT_EQ(a["FifoTopic"], "true");
  EXPECT_EQ(a["ContentBasedDeduplication"], "true");
}

TEST_F(SnsProvidersTest, TopicUpdateInPlace) {
  auto created = create(kTopic, "Res", R"({"TopicName": "t", "DisplayName": "one",
      "TracingConfig": "Active",
      "Subscription": [{"Protocol": "sqs", "Endpoint": "arn:aws:sqs:us-east-1:123456789012:a"}],
      "Tags": [{"Key": "a", "Value": "1"}]})");
  ASSERT_TRUE(created.ok()) << created.message;
  std::string arn = arn_of(created.resource_model);
  auto updated = update(kTopic, created, R"({"TopicName": "t", "DisplayName": "two",
      "Subscription": [{"Protocol": "sqs", "Endpoint": "arn:aws:sqs:us-east-1:123456789012:b"}],
      "Tags": [{"Key": "b", "Value": "2"}]})");
  ASSERT_TRUE(updated.ok()) << updated.message;
  EXPECT_EQ(arn_of(updated.resource_model), arn);
  Json a = attributes(arn);
  EXPECT_EQ(a["DisplayName"], "two");
  EXPECT_EQ(a["TracingConfig"], "PassThrough"); // dropped: SNS's default
  Json subs = subscriptions(arn);
  ASSERT_EQ(subs.size(), 1u);
  EXPECT_EQ(subs[0]["Endpoint"], "arn:aws:sqs:us-east-1:123456789012:b");
  EXPECT_EQ(call("sns", "ListTagsForResource", {{"ResourceArn", arn}})["Tags"],
            Json::parse(R"([{"Key":"b","Value":"2"}])"));

  auto renamed = update(kTopic, updated, R"({"TopicName": "other"})");
  EXPECT_EQ(renamed.error_code, HandlerErrorCode::NotUpdatable);
}

TEST_F(SnsProvidersTest, TopicErrorsSurfaceWithSnsMessages) {
  auto bad = create(kTopic, "T", R"({"TopicName": "has space"})");
  EXPECT_EQ(bad.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_THAT(bad.message, HasSubstr("Invalid parameter: Topic Name (Service: Sns, Status Code: "
                                     "400, Error Code: InvalidParameter)"));
  auto bad_sub = create(kTopic, "T", R"({"TopicName": "subs",
      "Subscription": [{"Protocol": "sqs", "Endpoint": "queue-name"}]})");
  EXPECT_EQ(bad_sub.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_THAT(bad_sub.message, HasSubstr("Invalid parameter: SQS endpoint ARN"));
  // The topic made before the subscription failed is gone again.
  EXPECT_TRUE(call("sns", "ListTopics")["Topics"].empty());

  ASSERT_TRUE(create(kTopic, "T", R"({"TopicName": "taken"})").ok());
  auto taken = create(kTopic, "T2", R"({"TopicName": "taken"})");
  EXPECT_EQ(taken.error_code, HandlerErrorCode::AlreadyExists);
}

TEST_F(SnsProvidersTest, TopicDeleteThenNotFound) {
  auto created = create(kTopic, "Res", "{}");
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(remove(kTopic, created.resource_model).ok());
  EXPECT_EQ(read(kTopic, created.resource_model).error_code, HandlerErrorCode::NotFound);
  EXPECT_EQ(remove(kTopic, created.resource_model).error_code, HandlerErrorCode::NotFound);
  auto listed = provider(kTopic).list(testing::request_for(kTopic, ""));
  EXPECT_TRUE(listed.ok() && listed.resource_models.empty());
}

TEST_F(SnsProvidersTest, SubscriptionLifecycle) {
  auto topic = create(kTopic, "T", R"({"TopicName": "t"})");
  ASSERT_TRUE(topic.ok());
  std::string arn = arn_of(topic.resource_model);
  auto sub = create(kSubscription, "Res", R"({"TopicArn": ")" + arn + R"(", "Protocol": "sqs",
      "Endpoint": "arn:aws:sqs:us-east-1:123456789012:q", "RawMessageDelivery": "true",
      "FilterPolicy": {"type": ["order"]}})");
  ASSERT_TRUE(sub.ok()) << sub.message;
  std::string sub_arn = sub.resource_model.find("Arn")->as_string();
  EXPECT_TRUE(sub_arn.starts_with(arn + ":"));
  EXPECT_EQ(*provider(kSubscription).ref(kSubscription, sub.resource_model), Value(sub_arn));
  Json a = call("sns", "GetSubscriptionAttributes", {{"SubscriptionArn", sub_arn}})["Attributes"];
  EXPECT_EQ(a["RawMessageDelivery"], "true");
  EXPECT_EQ(Json::parse(a["FilterPolicy"].get<std::string>())["type"][0], "order");

  auto updated = update(kSubscription, sub, R"({"TopicArn": ")" + arn + R"(", "Protocol": "sqs",
      "Endpoint": "arn:aws:sqs:us-east-1:123456789012:q",
      "FilterPolicyScope": "MessageBody", "FilterPolicy": {"detail": {"kind": ["x"]}}})");
  ASSERT_TRUE(updated.ok()) << updated.message;
  a = call("sns", "GetSubscriptionAttributes", {{"SubscriptionArn", sub_arn}})["Attributes"];
  EXPECT_EQ(a["RawMessageDelivery"], "false");
  EXPECT_EQ(a["FilterPolicyScope"], "MessageBody");
  auto read = this->read(kSubscription, updated.resource_model);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.resource_model.find("FilterPolicyScope")->as_string(), "MessageBody");

  auto moved = update(kSubscription, updated, R"({"TopicArn": ")" + arn + R"(", "Protocol": "sqs",
      "Endpoint": "arn:aws:sqs:us-east-1:123456789012:other"})");
  EXPECT_EQ(moved.error_code, HandlerErrorCode::NotUpdatable);

  ASSERT_TRUE(remove(kSubscription, updated.resource_model).ok());
  EXPECT_TRUE(subscriptions(arn).empty());
  EXPECT_EQ(remove(kSubscription, updated.resource_model).error_code, HandlerErrorCode::NotFound);
}

TEST_F(SnsProvidersTest, SubscriptionErrors) {
  auto missing = create(kSubscription, "S", R"({"TopicArn":
      "arn:aws:sns:us-east-1:123456789012:none", "Protocol": "sqs",
      "Endpoint": "arn:aws:sqs:us-east-1:123456789012:q"})");
  EXPECT_EQ(missing.error_code, HandlerErrorCode::NotFound);
  EXPECT_THAT(missing.message, HasSubstr("Topic does not exist"));
  auto topic = create(kTopic, "T", R"({"TopicName": "t"})");
  auto bad_filter =
      create(kSubscription, "S", R"({"TopicArn": ")" + arn_of(topic.resource_model) + R"(",
      "Protocol": "sqs", "Endpoint": "arn:aws:sqs:us-east-1:123456789012:q",
      "FilterPolicy": {"type": "order"}})");
  EXPECT_EQ(bad_filter.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_THAT(bad_filter.message, HasSubstr("must be an object or an array"));
}

TEST_F(SnsProvidersTest, TopicPolicySetsAndRestoresTheDefault) {
  auto a = create(kTopic, "A", R"({"TopicName": "a"})");
  auto b = create(kTopic, "B", R"({"TopicName": "b"})");
  ASSERT_TRUE(a.ok() && b.ok());
  std::string doc = R"({"Version": "2012-10-17", "Statement": [{"Sid": "events",
      "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"},
      "Action": "sns:Publish", "Resource": "*"}]})";
  auto policy = create(kPolicy, "Res",
                       R"({"Topics": [")" + arn_of(a.resource_model) + R"("], "PolicyDocument": )" +
                           doc + "}");
  ASSERT_TRUE(policy.ok()) << policy.message;
  auto sid = [&](const Value &topic) {
    return Json::parse(attributes(arn_of(topic))["Policy"].get<std::string>())["Statement"][0]
        .value("Sid", "");
  };
  EXPECT_EQ(sid(a.resource_model), "events");
  auto moved = update(kPolicy, policy,
                      R"({"Topics": [")" + arn_of(b.resource_model) + R"("], "PolicyDocument": )" +
                          doc + "}");
  ASSERT_TRUE(moved.ok()) << moved.message;
  EXPECT_EQ(sid(a.resource_model), "__default_statement_ID");
  EXPECT_EQ(sid(b.resource_model), "events");
  ASSERT_TRUE(remove(kPolicy, moved.resource_model).ok());
  EXPECT_EQ(sid(b.resource_model), "__default_statement_ID");

  auto bad = create(kPolicy, "Res",
                    R"({"Topics": [")" + arn_of(a.resource_model) +
                        R"("], "PolicyDocument": {"Statement": [{"Effect": "Allow",
                        "Principal": "*", "Action": "publish", "Resource": "*"}]}})");
  EXPECT_EQ(bad.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_THAT(bad.message, HasSubstr("Actions/Conditions must be prefaced by a vendor"));
}

} // namespace
} // namespace cfnlocal::providers
