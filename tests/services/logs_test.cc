// The embedded CloudWatch Logs: group and stream names, uniqueness, retention values, tags,
// PutLogEvents' batch rules, GetLogEvents paging and FilterLogEvents terms, with CloudWatch
// Logs' error codes and messages.
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

#include <chrono>

namespace cfnlocal::services {
namespace {

using ::testing::HasSubstr;

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class LogsTest : public EmbeddedTest {};

TEST_F(LogsTest, CreateDescribeAndDeleteGroup) {
  call("logs", "CreateLogGroup", {{"logGroupName", "/app/web"}, {"tags", {{"team", "core"}}}});
  Json groups = call("logs", "DescribeLogGroups", {{"logGroupNamePrefix", "/app"}})["logGroups"];
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0]["logGroupName"], "/app/web");
  EXPECT_EQ(groups[0]["arn"], "arn:aws:logs:us-east-1:123456789012:log-group:/app/web:*");
  EXPECT_EQ(groups[0]["logGroupArn"], "arn:aws:logs:us-east-1:123456789012:log-group:/app/web");
  EXPECT_FALSE(groups[0].contains("retentionInDays"));
  EXPECT_EQ(call("logs", "ListTagsForResource",
                 {{"resourceArn",
                   "arn:aws:logs:us-east-1:123456789012:log-group:/app/web"}})["tags"]["team"],
            "core");
  EXPECT_EQ(error_of("logs", "CreateLogGroup", {{"logGroupName", "/app/web"}}),
            "ResourceAlreadyExistsException");
  EXPECT_EQ(last_error_, "The specified log group already exists");
  call("logs", "DeleteLogGroup", {{"logGroupName", "/app/web"}});
  EXPECT_EQ(error_of("logs", "DeleteLogGroup", {{"logGroupName", "/app/web"}}),
            "ResourceNotFoundException");
  EXPECT_EQ(last_error_, "The specified log group does not exist.");
}

TEST_F(LogsTest, NamesFollowThePattern) {
  EXPECT_EQ(error_of("logs", "CreateLogGroup", {{"logGroupName", "bad name"}}),
            "InvalidParameterException");
  EXPECT_THAT(last_error_, HasSubstr("Value 'bad name' at 'logGroupName' failed to satisfy "
                                     "constraint: Member must satisfy regular expression pattern"));
  EXPECT_EQ(error_of("logs", "CreateLogGroup", {{"logGroupName", std::string(513, 'a')}}),
            "InvalidParameterException");
  call("logs", "CreateLogGroup", {{"logGroupName", "g"}});
  EXPECT_EQ(error_of("logs", "CreateLogStream", {{"logGroupName", "g"}, {"logStreamName", "a:b"}}),
            "InvalidParameterException");
  EXPECT_EQ(error_of("logs", "CreateLogStream", {{"logGroupName", "nope"}, {"logStreamName", "s"}}),
            "ResourceNotFoundException");
}

TEST_F(LogsTest, RetentionTakesOnlyTheOfferedValues) {
  call("logs", "CreateLogGroup", {{"logGroupName", "g"}});
  call("logs", "PutRetentionPolicy", {{"logGroupName", "g"}, {"retentionInDays", 14}});
  EXPECT_EQ(call("logs", "DescribeLogGroups",
                 {{"logGroupNamePrefix", "g"}})["logGroups"][0]["retentionInDays"],
            14);
  EXPECT_EQ(error_of("logs", "PutRetentionPolicy", {{"logGroupName", "g"}, {"retentionInDays", 2}}),
            "InvalidParameterException");
  EXPECT_THAT(last_error_, HasSubstr("Member must satisfy enum value set: [1, 3, 5, 7, 14"));
  call("logs", "DeleteRetentionPolicy", {{"logGroupName", "g"}});
  EXPECT_FALSE(
      call("logs", "DescribeLogGroups", {{"logGroupNamePrefix", "g"}})["logGroups"][0].contains(
          "retentionInDays"));
}

TEST_F(LogsTest, PutGetAndFilterEvents) {
  call("logs", "CreateLogGroup", {{"logGroupName", "g"}});
  call("logs", "CreateLogStream", {{"logGroupName", "g"}, {"logStreamName", "s1"}});
  int64_t t = now_ms();
  Json out = call("logs", "PutLogEvents",
                  {{"logGroupName", "g"},
                   {"logStreamName", "s1"},
                   {"logEvents",
                    {{{"timestamp", t}, {"message", "hello world"}},
                     {{"timestamp", t + 1}, {"message", "ERROR boom"}},
                     {{"timestamp", t + 2}, {"message", "hello again"}}}}});
  EXPECT_TRUE(out.contains("nextSequenceToken"));
  Json events =
      call("logs", "GetLogEvents",
           {{"logGroupName", "g"}, {"logStreamName", "s1"}, {"startFromHead", true}, {"limit", 2}});
  ASSERT_EQ(events["events"].size(), 2u);
  EXPECT_EQ(events["events"][0]["message"], "hello world");
  Json next = call(
      "logs", "GetLogEvents",
      {{"logGroupName", "g"}, {"logStreamName", "s1"}, {"nextToken", events["nextForwardToken"]}});
  ASSERT_EQ(next["events"].size(), 1u);
  EXPECT_EQ(next["events"][0]["message"], "hello again");

  Json hits = call("logs", "FilterLogEvents", {{"logGroupName", "g"}, {"filterPattern", "hello"}});
  EXPECT_EQ(hits["events"].size(), 2u);
  EXPECT_EQ(hits["events"][0]["logStreamName"], "s1");
  EXPECT_EQ(call("logs", "FilterLogEvents",
                 {{"logGroupName", "g"}, {"filterPattern", "hello -again"}})["events"]
                .size(),
            1u);
  EXPECT_EQ(call("logs", "FilterLogEvents",
                 {{"logGroupName", "g"}, {"filterPattern", "?boom ?again"}})["events"]
                .size(),
            2u);
  // Out of order within a batch, and too old.
  EXPECT_EQ(error_of("logs", "PutLogEvents",
                     {{"logGroupName", "g"},
                      {"logStreamName", "s1"},
                      {"logEvents",
                       {{{"timestamp", t + 5}, {"message", "b"}},
                        {{"timestamp", t}, {"message", "a"}}}}}),
            "InvalidParameterException");
  EXPECT_THAT(last_error_, HasSubstr("chronological order"));
  Json old = call("logs", "PutLogEvents",
                  {{"logGroupName", "g"},
                   {"logStreamName", "s1"},
                   {"logEvents", {{{"timestamp", t - 20LL * 86400 * 1000}, {"message", "old"}}}}});
  EXPECT_EQ(old["rejectedLogEventsInfo"]["tooOldLogEventEndIndex"], 1);
}

TEST_F(LogsTest, DeletingAGroupDeletesItsStreamsAndEvents) {
  call("logs", "CreateLogGroup", {{"logGroupName", "g"}});
  call("logs", "CreateLogStream", {{"logGroupName", "g"}, {"logStreamName", "s"}});
  call("logs", "PutLogEvents",
       {{"logGroupName", "g"},
        {"logStreamName", "s"},
        {"logEvents", {{{"timestamp", now_ms()}, {"message", "x"}}}}});
  call("logs", "DeleteLogGroup", {{"logGroupName", "g"}});
  call("logs", "CreateLogGroup", {{"logGroupName", "g"}});
  EXPECT_TRUE(call("logs", "DescribeLogStreams", {{"logGroupName", "g"}})["logStreams"].empty());
  EXPECT_TRUE(call("logs", "FilterLogEvents", {{"logGroupName", "g"}})["events"].empty());
}

} // namespace
} // namespace cfnlocal::services
