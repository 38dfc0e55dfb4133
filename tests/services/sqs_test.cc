// The embedded SQS control plane: names, attribute ranges, FIFO rules, redrive policies, policy
// documents, idempotent CreateQueue, tags, listing, with SQS's error codes and messages.
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

namespace cfnlocal::services {
namespace {

using ::testing::HasSubstr;

class SqsTest : public EmbeddedTest {
protected:
  std::string create(const std::string &name, Json attributes = Json::object()) {
    Json in{{"QueueName", name}};
    if (!attributes.empty())
      in["Attributes"] = attributes;
    return call("sqs", "CreateQueue", in)["QueueUrl"];
  }
  Json attributes(const std::string &url) {
    return call("sqs", "GetQueueAttributes",
                {{"QueueUrl", url}, {"AttributeNames", {"All"}}})["Attributes"];
  }
  std::string create_error(const std::string &name, Json attributes = Json::object()) {
    Json in{{"QueueName", name}};
    if (!attributes.empty())
      in["Attributes"] = attributes;
    return error_of("sqs", "CreateQueue", in);
  }
};

TEST_F(SqsTest, CreateGivesUrlArnAndDefaults) {
  std::string url = create("orders");
  EXPECT_EQ(url, "https://sqs.us-east-1.amazonaws.com/123456789012/orders");
  Json a = attributes(url);
  EXPECT_EQ(a["QueueArn"], "arn:aws:sqs:us-east-1:123456789012:orders");
  EXPECT_EQ(a["VisibilityTimeout"], "30");
  EXPECT_EQ(a["MessageRetentionPeriod"], "345600");
  EXPECT_EQ(a["DelaySeconds"], "0");
  EXPECT_EQ(a["ApproximateNumberOfMessages"], "0");
  EXPECT_FALSE(a.contains("FifoQueue"));
  EXPECT_EQ(call("sqs", "GetQueueUrl", {{"QueueName", "orders"}})["QueueUrl"], url);
}

TEST_F(SqsTest, QueueNameRules) {
  EXPECT_EQ(create_error("has space"), "InvalidParameterValue");
  EXPECT_EQ(last_error_, "Can only include alphanumeric characters, hyphens, or underscores. 1 to "
                         "80 in length");
  EXPECT_EQ(create_error(std::string(81, 'a')), "InvalidParameterValue");
  EXPECT_EQ(create_error(""), "InvalidParameterValue");
  // ".fifo" belongs to FIFO queues only, and FIFO queues need it.
  EXPECT_EQ(create_error("plain.fifo"), "InvalidParameterValue");
  EXPECT_EQ(create_error("nofifosuffix", {{"FifoQueue", "true"}}), "InvalidParameterValue");
  EXPECT_THAT(last_error_, HasSubstr("must end with .fifo suffix"));
  EXPECT_EQ(create_error(std::string(76, 'a') + ".fifo", {{"FifoQueue", "true"}}),
            "InvalidParameterValue");
  EXPECT_EQ(create(std::string(75, 'a') + ".fifo", {{"FifoQueue", "true"}}).size(),
            std::string("https://sqs.us-east-1.amazonaws.com/123456789012/").size() + 80);
}

TEST_F(SqsTest, AttributeRangesAndNames) {
  EXPECT_EQ(create_error("q", {{"VisibilityTimeout", "43201"}}), "InvalidAttributeValue");
  EXPECT_EQ(last_error_, "Invalid value for the parameter VisibilityTimeout.");
  EXPECT_EQ(create_error("q", {{"DelaySeconds", "901"}}), "InvalidAttributeValue");
  EXPECT_EQ(create_error("q", {{"MessageRetentionPeriod", "59"}}), "InvalidAttributeValue");
  EXPECT_EQ(create_error("q", {{"MaximumMessageSize", "1023"}}), "InvalidAttributeValue");
  EXPECT_EQ(create_error("q", {{"ReceiveMessageWaitTimeSeconds", "21"}}), "InvalidAttributeValue");
  EXPECT_EQ(create_error("q", {{"VisibilityTimeout", "ten"}}), "InvalidAttributeValue");
  EXPECT_EQ(create_error("q", {{"Colour", "blue"}}), "InvalidAttributeName");
  EXPECT_EQ(last_error_, "Unknown Attribute Colour.");
  // FIFO-only attributes on a standard queue.
  EXPECT_EQ(create_error("q", {{"ContentBasedDeduplication", "true"}}), "InvalidAttributeName");
  EXPECT_EQ(create_error("q", {{"SqsManagedSseEnabled", "yes"}}), "InvalidAttributeValue");
  // Limits are inclusive.
  std::string url = create("q", {{"VisibilityTimeout", "43200"}, {"DelaySeconds", "900"}});
  EXPECT_EQ(attributes(url)["VisibilityTimeout"], "43200");
}

TEST_F(SqsTest, FifoAttributes) {
  std::string url = create("jobs.fifo", {{"FifoQueue", "true"},
                                         {"ContentBasedDeduplication", "true"},
                                         {"DeduplicationScope", "messageGroup"},
                                         {"FifoThroughputLimit", "perMessageGroupId"}});
  Json a = attributes(url);
  EXPECT_EQ(a["FifoQueue"], "true");
  EXPECT_EQ(a["ContentBasedDeduplication"], "true");
  EXPECT_EQ(a["FifoThroughputLimit"], "perMessageGroupId");
  EXPECT_EQ(
      create_error("x.fifo", {{"FifoQueue", "true"}, {"FifoThroughputLimit", "perMessageGroupId"}}),
      "InvalidAttributeValue");
  EXPECT_THAT(last_error_, HasSubstr("DeduplicationScope is messageGroup"));
  EXPECT_EQ(create_error("y.fifo", {{"FifoQueue", "true"}, {"DeduplicationScope", "group"}}),
            "InvalidAttributeValue");
  // The queue type is fixed at creation.
  EXPECT_EQ(error_of("sqs", "SetQueueAttributes",
                     {{"QueueUrl", url}, {"Attributes", {{"FifoQueue", "false"}}}}),
            "InvalidAttributeValue");
  EXPECT_THAT(last_error_, HasSubstr("Modifying queue type is not supported."));
}

TEST_F(SqsTest, RedrivePolicyNeedsAnExistingQueueOfTheSameType) {
  std::string dlq = create("dlq");
  std::string dlq_arn = attributes(dlq)["QueueArn"];
  auto redrive = [](const std::string &arn, int count) {
    return Json{{"deadLetterTargetArn", arn}, {"maxReceiveCount", count}}.dump();
  };
  std::string url = create("work", {{"RedrivePolicy", redrive(dlq_arn, 3)}});
  EXPECT_EQ(Json::parse(attributes(url)["RedrivePolicy"].get<std::string>())["maxReceiveCount"], 3);

  EXPECT_EQ(create_error("w2", {{"RedrivePolicy",
                                 redrive("arn:aws:sqs:us-east-1:123456789012:missing", 3)}}),
            "InvalidAttributeValue");
  EXPECT_THAT(last_error_, HasSubstr("for parameter RedrivePolicy is invalid. Reason: Dead "
                                     "letter target does not exist."));
  EXPECT_EQ(create_error("w3", {{"RedrivePolicy", redrive(dlq_arn, 0)}}), "InvalidAttributeValue");
  EXPECT_THAT(last_error_, HasSubstr("valid values are from 1 to 1000"));
  EXPECT_EQ(create_error("w4", {{"RedrivePolicy", redrive(dlq_arn, 1001)}}),
            "InvalidAttributeValue");
  EXPECT_EQ(create_error("w5", {{"RedrivePolicy", "not json"}}), "InvalidAttributeValue");
  EXPECT_EQ(create_error("w6", {{"RedrivePolicy", R"({"maxReceiveCount": 2})"}}),
            "InvalidAttributeValue");
  EXPECT_THAT(last_error_, HasSubstr("deadLetterTargetArn"));
  // A FIFO queue's dead-letter queue is FIFO too.
  EXPECT_EQ(create_error("f.fifo", {{"FifoQueue", "true"}, {"RedrivePolicy", redrive(dlq_arn, 2)}}),
            "InvalidAttributeValue");
  EXPECT_THAT(last_error_, HasSubstr("must also be a FIFO queue"));
  // A queue cannot be its own dead-letter queue.
  EXPECT_EQ(error_of("sqs", "SetQueueAttributes",
                     {{"QueueUrl", dlq}, {"Attributes", {{"RedrivePolicy", redrive(dlq_arn, 2)}}}}),
            "InvalidAttributeValue");
  // Clearing it.
  call("sqs", "SetQueueAttributes", {{"QueueUrl", url}, {"Attributes", {{"RedrivePolicy", ""}}}});
  EXPECT_FALSE(attributes(url).contains("RedrivePolicy"));
}

TEST_F(SqsTest, RedriveAllowPolicyDecidesWhoMayUseTheDeadLetterQueue) {
  std::string dlq =
      create("guarded", {{"RedriveAllowPolicy", R"({"redrivePermission":"denyAll"})"}});
  std::string arn = attributes(dlq)["QueueArn"];
  Json redrive = {{"deadLetterTargetArn", arn}, {"maxReceiveCount", 5}};
  EXPECT_EQ(create_error("src", {{"RedrivePolicy", redrive.dump()}}), "InvalidAttributeValue");
  EXPECT_THAT(last_error_, HasSubstr("does not allow this queue"));
  call("sqs", "SetQueueAttributes",
       {{"QueueUrl", dlq},
        {"Attributes",
         {{"RedriveAllowPolicy",
           Json{{"redrivePermission", "byQueue"},
                {"sourceQueueArns", {"arn:aws:sqs:us-east-1:123456789012:src"}}}
               .dump()}}}});
  EXPECT_NE(create("src", {{"RedrivePolicy", redrive.dump()}}), "");
  EXPECT_EQ(create_error("other", {{"RedrivePolicy", redrive.dump()}}), "InvalidAttributeValue");
  EXPECT_EQ(create_error("bad", {{"RedriveAllowPolicy", R"({"redrivePermission":"byQueue"})"}}),
            "InvalidAttributeValue");
  EXPECT_THAT(last_error_, HasSubstr("sourceQueueArns must be specified"));
}

TEST_F(SqsTest, PolicyDocumentsAreChecked) {
  std::string url = create("p");
  Json good = {{"Version", "2012-10-17"},
               {"Statement",
                {{{"Effect", "Allow"},
                  {"Principal", {{"Service", "sns.amazonaws.com"}}},
                  {"Action", "sqs:SendMessage"},
                  {"Resource", "arn:aws:sqs:us-east-1:123456789012:p"}}}}};
  call("sqs", "SetQueueAttributes", {{"QueueUrl", url}, {"Attributes", {{"Policy", good.dump()}}}});
  EXPECT_EQ(attributes(url)["Policy"], good.dump());
  Json bad = good;
  bad["Statement"][0]["Effect"] = "Maybe";
  EXPECT_EQ(error_of("sqs", "SetQueueAttributes",
                     {{"QueueUrl", url}, {"Attributes", {{"Policy", bad.dump()}}}}),
            "InvalidAttributeValue");
  EXPECT_EQ(last_error_, "Invalid value for the parameter Policy. Reason: Invalid effect: Maybe");
  EXPECT_EQ(
      error_of("sqs", "SetQueueAttributes", {{"QueueUrl", url}, {"Attributes", {{"Policy", "{"}}}}),
      "InvalidAttributeValue");
  Json no_principal = good;
  no_principal["Statement"][0].erase("Principal");
  EXPECT_EQ(error_of("sqs", "SetQueueAttributes",
                     {{"QueueUrl", url}, {"Attributes", {{"Policy", no_principal.dump()}}}}),
            "InvalidAttributeValue");
  EXPECT_THAT(last_error_, HasSubstr("Missing required field Principal"));
}

TEST_F(SqsTest, CreateIsIdempotentOnlyForTheSameAttributes) {
  std::string url = create("same", {{"VisibilityTimeout", "60"}});
  EXPECT_EQ(create("same", {{"VisibilityTimeout", "60"}}), url);
  EXPECT_EQ(create_error("same", {{"VisibilityTimeout", "61"}}), "QueueNameExists");
  EXPECT_EQ(last_error_, "A queue already exists with the same name and a different value for "
                         "attribute VisibilityTimeout");
}

TEST_F(SqsTest, KmsAndSqsManagedEncryptionExcludeEachOther) {
  std::string url = create("k", {{"KmsMasterKeyId", "alias/aws/sqs"}});
  Json a = attributes(url);
  EXPECT_EQ(a["SqsManagedSseEnabled"], "false");
  EXPECT_EQ(a["KmsDataKeyReusePeriodSeconds"], "300");
  EXPECT_EQ(
      create_error("k2", {{"KmsMasterKeyId", "alias/aws/sqs"}, {"SqsManagedSseEnabled", "true"}}),
      "InvalidAttributeValue");
  EXPECT_THAT(last_error_, HasSubstr("one type of server-side encryption"));
}

TEST_F(SqsTest, MissingQueuesAndDelete) {
  std::string url = create("gone");
  call("sqs", "DeleteQueue", {{"QueueUrl", url}});
  EXPECT_EQ(error_of("sqs", "GetQueueAttributes", {{"QueueUrl", url}}), "QueueDoesNotExist");
  EXPECT_EQ(last_error_, "The specified queue does not exist.");
  EXPECT_EQ(error_of("sqs", "DeleteQueue", {{"QueueUrl", url}}), "QueueDoesNotExist");
  EXPECT_EQ(error_of("sqs", "GetQueueUrl", {{"QueueName", "gone"}}), "QueueDoesNotExist");
  // Another account's URL is not ours.
  EXPECT_EQ(error_of("sqs", "GetQueueAttributes",
                     {{"QueueUrl", "https://sqs.us-east-1.amazonaws.com/999999999999/gone"}}),
            "QueueDoesNotExist");
}

TEST_F(SqsTest, TagsAndListing) {
  std::string url =
      call("sqs", "CreateQueue",
           {{"QueueName", "tagged"}, {"tags", {{"team", "a"}, {"env", "dev"}}}})["QueueUrl"];
  call("sqs", "TagQueue", {{"QueueUrl", url}, {"Tags", {{"team", "b"}}}});
  call("sqs", "UntagQueue", {{"QueueUrl", url}, {"TagKeys", {"env"}}});
  EXPECT_EQ(call("sqs", "ListQueueTags", {{"QueueUrl", url}})["Tags"],
            Json::parse(R"({"team":"b"})"));
  EXPECT_EQ(error_of("sqs", "TagQueue", {{"QueueUrl", url}, {"Tags", {{"aws:x", "1"}}}}),
            "InvalidParameterValue");

  for (int i = 0; i < 5; ++i)
    create("batch-" + std::to_string(i));
  Json page = call("sqs", "ListQueues", {{"QueueNamePrefix", "batch-"}, {"MaxResults", 2}});
  EXPECT_EQ(page["QueueUrls"].size(), 2u);
  std::vector<std::string> all;
  for (const auto &u : page["QueueUrls"])
    all.push_back(u);
  while (page.contains("NextToken")) {
    page =
        call("sqs", "ListQueues",
             {{"QueueNamePrefix", "batch-"}, {"MaxResults", 2}, {"NextToken", page["NextToken"]}});
    for (const auto &u : page.value("QueueUrls", Json::array()))
      all.push_back(u);
  }
  EXPECT_EQ(all.size(), 5u);
  EXPECT_EQ(call("sqs", "ListQueues")["QueueUrls"].size(), 6u);
}

} // namespace
} // namespace cfnlocal::services
