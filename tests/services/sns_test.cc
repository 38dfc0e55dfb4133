// The embedded SNS control plane: topic names, FIFO rules, attributes, policies, idempotent
// CreateTopic, subscriptions (endpoints per protocol, filter policies, confirmation), tags and
// listing, with SNS's error codes and messages.
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

namespace cfnlocal::services {
namespace {

using ::testing::HasSubstr;

class SnsTest : public EmbeddedTest {
protected:
  std::string topic(const std::string &name, Json attributes = Json::object()) {
    Json in{{"Name", name}};
    if (!attributes.empty())
      in["Attributes"] = attributes;
    return call("sns", "CreateTopic", in)["TopicArn"];
  }
  Json attributes(const std::string &arn) {
    return call("sns", "GetTopicAttributes", {{"TopicArn", arn}})["Attributes"];
  }
  std::string topic_error(const std::string &name, Json attributes = Json::object()) {
    Json in{{"Name", name}};
    if (!attributes.empty())
      in["Attributes"] = attributes;
    return error_of("sns", "CreateTopic", in);
  }
  std::string subscribe_error(const std::string &arn, const std::string &protocol,
                              const std::string &endpoint, Json attributes = Json::object()) {
    Json in{{"TopicArn", arn}, {"Protocol", protocol}, {"Endpoint", endpoint}};
    if (!attributes.empty())
      in["Attributes"] = attributes;
    return error_of("sns", "Subscribe", in);
  }
};

TEST_F(SnsTest, TopicNamesAndFifo) {
  EXPECT_EQ(topic("alerts"), "arn:aws:sns:us-east-1:123456789012:alerts");
  EXPECT_EQ(topic_error("bad name"), "InvalidParameter");
  EXPECT_EQ(last_error_, "Invalid parameter: Topic Name");
  EXPECT_EQ(topic_error(std::string(257, 'a')), "InvalidParameter");
  EXPECT_EQ(topic_error("plain.fifo"), "InvalidParameter");
  EXPECT_EQ(topic_error("nofifo", {{"FifoTopic", "true"}}), "InvalidParameter");
  EXPECT_THAT(last_error_, HasSubstr("Fifo Topic names must end with .fifo"));
  std::string fifo = topic("events.fifo", {{"FifoTopic", "true"}});
  Json a = attributes(fifo);
  EXPECT_EQ(a["FifoTopic"], "true");
  EXPECT_EQ(a["ContentBasedDeduplication"], "false");
  // FIFO-only attributes on a standard topic.
  EXPECT_EQ(topic_error("std", {{"ContentBasedDeduplication", "true"}}), "InvalidParameter");
  EXPECT_THAT(last_error_, HasSubstr("can only be set for FIFO topics"));
  EXPECT_EQ(topic_error("std", {{"Colour", "blue"}}), "InvalidParameter");
}

TEST_F(SnsTest, AttributesDefaultsAndUpdates) {
  std::string arn = topic("t", {{"DisplayName", "Alerts"}});
  Json a = attributes(arn);
  EXPECT_EQ(a["DisplayName"], "Alerts");
  EXPECT_EQ(a["Owner"], "123456789012");
  EXPECT_EQ(a["SubscriptionsConfirmed"], "0");
  Json policy = Json::parse(a["Policy"].get<std::string>());
  EXPECT_EQ(policy["Statement"][0]["Resource"], arn);

  call("sns", "SetTopicAttributes",
       {{"TopicArn", arn}, {"AttributeName", "TracingConfig"}, {"AttributeValue", "Active"}});
  EXPECT_EQ(attributes(arn)["TracingConfig"], "Active");
  EXPECT_EQ(
      error_of(
          "sns", "SetTopicAttributes",
          {{"TopicArn", arn}, {"AttributeName", "TracingConfig"}, {"AttributeValue", "Sometimes"}}),
      "InvalidParameter");
  EXPECT_EQ(error_of("sns", "SetTopicAttributes",
                     {{"TopicArn", arn},
                      {"AttributeName", "DisplayName"},
                      {"AttributeValue", std::string(101, 'x')}}),
            "InvalidParameter");
  EXPECT_EQ(
      error_of("sns", "SetTopicAttributes",
               {{"TopicArn", arn}, {"AttributeName", "FifoTopic"}, {"AttributeValue", "true"}}),
      "InvalidParameter");
  EXPECT_EQ(last_error_, "Invalid parameter: AttributeName");
  EXPECT_EQ(error_of("sns", "SetTopicAttributes",
                     {{"TopicArn", arn},
                      {"AttributeName", "SQSSuccessFeedbackSampleRate"},
                      {"AttributeValue", "101"}}),
            "InvalidParameter");
  // A policy document is checked; an empty one puts the default back.
  EXPECT_EQ(error_of("sns", "SetTopicAttributes",
                     {{"TopicArn", arn},
                      {"AttributeName", "Policy"},
                      {"AttributeValue", R"({"Statement": [{"Effect": "Allow"}]})"}}),
            "InvalidParameter");
  EXPECT_EQ(last_error_, "Invalid parameter: Policy Error: Policy statement must contain actions.");
  call("sns", "SetTopicAttributes",
       {{"TopicArn", arn}, {"AttributeName", "Policy"}, {"AttributeValue", ""}});
  EXPECT_EQ(Json::parse(attributes(arn)["Policy"].get<std::string>())["Id"], "__default_policy_ID");
}

TEST_F(SnsTest, CreateTopicIsIdempotentForTheSameAttributes) {
  std::string arn = topic("same", {{"DisplayName", "a"}});
  EXPECT_EQ(topic("same", {{"DisplayName", "a"}}), arn);
  EXPECT_EQ(topic_error("same", {{"DisplayName", "b"}}), "InvalidParameter");
  EXPECT_THAT(last_error_, HasSubstr("Topic already exists with different attributes"));
}

TEST_F(SnsTest, SubscriptionEndpointsPerProtocol) {
  std::string arn = topic("t");
  EXPECT_EQ(subscribe_error(arn, "sqs", "not-an-arn"), "InvalidParameter");
  EXPECT_EQ(last_error_, "Invalid parameter: SQS endpoint ARN");
  EXPECT_EQ(subscribe_error(arn, "lambda", "arn:aws:sqs:us-east-1:123456789012:q"),
            "InvalidParameter");
  EXPECT_EQ(last_error_, "Invalid parameter: Lambda endpoint ARN");
  EXPECT_EQ(subscribe_error(arn, "email", "nobody"), "InvalidParameter");
  EXPECT_EQ(subscribe_error(arn, "https", "http://insecure"), "InvalidParameter");
  EXPECT_EQ(subscribe_error(arn, "pigeon", "x"), "InvalidParameter");
  EXPECT_EQ(subscribe_error(arn, "email", "a@example.com", {{"RawMessageDelivery", "true"}}),
            "InvalidParameter");
  EXPECT_THAT(last_error_, HasSubstr("does not support raw message delivery"));
  EXPECT_EQ(subscribe_error("arn:aws:sns:us-east-1:123456789012:missing", "sqs",
                            "arn:aws:sqs:us-east-1:123456789012:q"),
            "NotFound");
  EXPECT_EQ(last_error_, "Topic does not exist");
  // FIFO topics deliver to SQS (and Firehose) only.
  std::string fifo = topic("f.fifo", {{"FifoTopic", "true"}});
  EXPECT_EQ(subscribe_error(fifo, "lambda", "arn:aws:lambda:us-east-1:123456789012:function:f"),
            "InvalidParameter");
}

TEST_F(SnsTest, SubscriptionsConfirmFilterAndUnsubscribe) {
  std::string arn = topic("t");
  std::string sub = call("sns", "Subscribe",
                         {{"TopicArn", arn},
                          {"Protocol", "sqs"},
                          {"Endpoint", "arn:aws:sqs:us-east-1:123456789012:q"},
                          {"Attributes", {{"RawMessageDelivery", "true"}}}})["SubscriptionArn"];
  EXPECT_TRUE(sub.starts_with(arn + ":")) << sub;
  // Subscribing again is the same subscription.
  EXPECT_EQ(call("sns", "Subscribe",
                 {{"TopicArn", arn},
                  {"Protocol", "sqs"},
                  {"Endpoint", "arn:aws:sqs:us-east-1:123456789012:q"},
                  {"Attributes", {{"RawMessageDelivery", "true"}}}})["SubscriptionArn"],
            sub);
  // Email endpoints wait for confirmation.
  EXPECT_EQ(call("sns", "Subscribe",
                 {{"TopicArn", arn},
                  {"Protocol", "email"},
                  {"Endpoint", "a@example.com"}})["SubscriptionArn"],
            "pending confirmation");
  Json a = attributes(arn);
  EXPECT_EQ(a["SubscriptionsConfirmed"], "1");
  EXPECT_EQ(a["SubscriptionsPending"], "1");

  Json s = call("sns", "GetSubscriptionAttributes", {{"SubscriptionArn", sub}})["Attributes"];
  EXPECT_EQ(s["RawMessageDelivery"], "true");
  EXPECT_EQ(s["Protocol"], "sqs");
  EXPECT_EQ(error_of("sns", "SetSubscriptionAttributes",
                     {{"SubscriptionArn", sub},
                      {"AttributeName", "FilterPolicy"},
                      {"AttributeValue", R"({"type": "order"})"}}),
            "InvalidParameter");
  EXPECT_THAT(last_error_, HasSubstr("\"type\" must be an object or an array"));
  call("sns", "SetSubscriptionAttributes",
       {{"SubscriptionArn", sub},
        {"AttributeName", "FilterPolicy"},
        {"AttributeValue", R"({"type": ["order"]})"}});
  EXPECT_EQ(call("sns", "GetSubscriptionAttributes",
                 {{"SubscriptionArn", sub}})["Attributes"]["FilterPolicy"],
            R"({"type": ["order"]})");
  EXPECT_EQ(call("sns", "ListSubscriptionsByTopic", {{"TopicArn", arn}})["Subscriptions"].size(),
            2u);

  call("sns", "Unsubscribe", {{"SubscriptionArn", sub}});
  EXPECT_EQ(error_of("sns", "GetSubscriptionAttributes", {{"SubscriptionArn", sub}}), "NotFound");
  EXPECT_EQ(last_error_, "Subscription does not exist");
  // Deleting the topic deletes its subscriptions; deleting it again is not an error.
  call("sns", "DeleteTopic", {{"TopicArn", arn}});
  call("sns", "DeleteTopic", {{"TopicArn", arn}});
  EXPECT_TRUE(call("sns", "ListSubscriptions")["Subscriptions"].empty());
  EXPECT_EQ(error_of("sns", "GetTopicAttributes", {{"TopicArn", arn}}), "NotFound");
}

TEST_F(SnsTest, TagsAndListing) {
  std::string arn =
      call("sns", "CreateTopic",
           {{"Name", "tagged"}, {"Tags", {{{"Key", "team"}, {"Value", "a"}}}}})["TopicArn"];
  call("sns", "TagResource", {{"ResourceArn", arn}, {"Tags", {{{"Key", "env"}, {"Value", "d"}}}}});
  call("sns", "UntagResource", {{"ResourceArn", arn}, {"TagKeys", {"team"}}});
  EXPECT_EQ(call("sns", "ListTagsForResource", {{"ResourceArn", arn}})["Tags"],
            Json::parse(R"([{"Key":"env","Value":"d"}])"));
  EXPECT_EQ(error_of("sns", "TagResource",
                     {{"ResourceArn", arn}, {"Tags", {{{"Key", "aws:x"}, {"Value", "1"}}}}}),
            "InvalidParameter");
  EXPECT_EQ(error_of("sns", "ListTagsForResource",
                     {{"ResourceArn", "arn:aws:sns:us-east-1:123456789012:none"}}),
            "ResourceNotFound");
  for (int i = 0; i < 120; ++i)
    topic("t" + std::to_string(i));
  Json page = call("sns", "ListTopics");
  EXPECT_EQ(page["Topics"].size(), 100u);
  Json rest = call("sns", "ListTopics", {{"NextToken", page["NextToken"]}});
  EXPECT_EQ(rest["Topics"].size(), 21u);
  EXPECT_FALSE(rest.contains("NextToken"));
}

} // namespace
} // namespace cfnlocal::services
