// AWS::CloudWatch::Alarm and AWS::CloudWatch::CompositeAlarm deployed through the engine onto the
// embedded CloudWatch: create (generated and given names, tags, GetAtt Arn), an in-place update
// (threshold, tags) that keeps the alarm's state, a replacement (new AlarmName), delete, and
// CloudWatch's own checks failing the resource with its message, then rolling back.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class CloudWatchDeployTest : public ServiceDeployTest {
protected:
  Json alarms(const std::string &type = "MetricAlarm") {
    Json out = call("cloudwatch", "DescribeAlarms", {{"AlarmTypes", {type}}});
    return out[type == "MetricAlarm" ? "MetricAlarms" : "CompositeAlarms"];
  }
};

const char *kTemplate = R"(
Parameters:
  Name:
    Type: String
    Default: errors-high
  Threshold:
    Type: Number
    Default: 5
  Period:
    Type: Number
    Default: 60
  Team:
    Type: String
    Default: core
Resources:
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: !Ref Name
      AlarmDescription: Too many errors
      Namespace: App
      MetricName: Errors
      Dimensions:
        - Name: Stack
          Value: !Ref AWS::StackName
      Statistic: Sum
      Period: !Ref Period
      EvaluationPeriods: 2
      Threshold: !Ref Threshold
      ComparisonOperator: GreaterThanThreshold
      TreatMissingData: notBreaching
      Tags:
        - Key: team
          Value: !Ref Team
  Latency:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Metrics:
        - Id: m1
          MetricStat:
            Metric: {Namespace: App, MetricName: Latency}
            Period: 60
            Stat: p99
          ReturnData: true
      EvaluationPeriods: 1
      Threshold: 250
      ComparisonOperator: GreaterThanOrEqualToThreshold
  Both:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmRule: !Sub 'ALARM("${Errors}") AND ALARM("${Latency}")'
Outputs:
  Name:
    Value: !Ref Errors
  Arn:
    Value: !GetAtt Errors.Arn
  Latency:
    Value: !Ref Latency
  BothArn:
    Value: !GetAtt Both.Arn
)";

} // namespace

TEST_F(CloudWatchDeployTest, CreateUpdateInPlaceReplaceAndDelete) {
  auto created = deploy("app", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  EXPECT_EQ(output(created, "Name"), "errors-high");
  EXPECT_EQ(output(created, "Arn"), "arn:aws:cloudwatch:us-east-1:123456789012:alarm:errors-high");
  EXPECT_THAT(output(created, "Latency"), HasSubstr("app-Latency-"));
  EXPECT_THAT(output(created, "BothArn"),
              HasSubstr("arn:aws:cloudwatch:us-east-1:123456789012:alarm:app-Both-"));
  Json metric = alarms();
  ASSERT_EQ(metric.size(), 2u);
  Json errors = metric[0]["AlarmName"] == "errors-high" ? metric[0] : metric[1];
  EXPECT_EQ(errors["Threshold"], 5.0);
  EXPECT_EQ(errors["Dimensions"][0]["Value"], "app");
  EXPECT_EQ(errors["TreatMissingData"], "notBreaching");
  EXPECT_EQ(alarms("CompositeAlarm").size(), 1u);
  EXPECT_EQ(
      call("cloudwatch", "ListTagsForResource", {{"ResourceARN", errors["AlarmArn"]}})["Tags"],
      Json::parse(R"([{"Key":"team","Value":"core"}])"));

  call("cloudwatch", "SetAlarmState",
       {{"AlarmName", "errors-high"}, {"StateValue", "ALARM"}, {"StateReason", "test"}});
  auto updated = deploy("app", kTemplate, {{"Threshold", "9"}, {"Team", "web"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  Json after =
      call("cloudwatch", "DescribeAlarms", {{"AlarmNames", {"errors-high"}}})["MetricAlarms"][0];
  EXPECT_EQ(after["Threshold"], 9.0);
  EXPECT_EQ(after["StateValue"], "ALARM"); // an update keeps the state
  EXPECT_EQ(call("cloudwatch", "ListTagsForResource", {{"ResourceARN", after["AlarmArn"]}})["Tags"],
            Json::parse(R"([{"Key":"team","Value":"web"}])"));

  auto replaced = deploy("app", kTemplate, {{"Name", "errors-higher"}});
  ASSERT_TRUE(replaced.succeeded) << replaced.message;
  EXPECT_EQ(output(replaced, "Arn"),
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:errors-higher");
  EXPECT_TRUE(
      call("cloudwatch", "DescribeAlarms", {{"AlarmNames", {"errors-high"}}})["MetricAlarms"]
          .empty());
  // The composite alarm's rule now names the new alarm.
  EXPECT_THAT(alarms("CompositeAlarm")[0]["AlarmRule"].get<std::string>(),
              HasSubstr("errors-higher"));

  auto deleted = remove("app");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_TRUE(alarms().empty());
  EXPECT_TRUE(alarms("CompositeAlarm").empty());
}

TEST_F(CloudWatchDeployTest, APeriodCloudWatchRefusesFailsTheCreateWhichRollsBack) {
  auto created = deploy("app", kTemplate, {{"Period", "45"}});
  EXPECT_FALSE(created.succeeded);
  EXPECT_EQ(created.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Errors", "CREATE_FAILED"),
              HasSubstr("The parameter Period must be 10, 30 or a multiple of 60."));
  EXPECT_TRUE(alarms().empty());
  EXPECT_TRUE(alarms("CompositeAlarm").empty());
}
