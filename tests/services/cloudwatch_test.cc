// The embedded CloudWatch: PutMetricData's checks, ListMetrics filters, statistics over the
// stored datapoints (GetMetricStatistics, GetMetricData), metric and composite alarms, alarm
// state and tags, with CloudWatch's (query-compatible) error codes.
#include "services/endpoint/wire_format.h"
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

#include <chrono>

namespace cfnlocal::services {
namespace {

using ::testing::HasSubstr;

class CloudWatchTest : public EmbeddedTest {
protected:
  // A minute-aligned time a few minutes ago, so datapoints fall in known periods.
  void SetUp() override {
    EmbeddedTest::SetUp();
    int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
    base_ = (now / 60000 - 10) * 60000;
  }
  std::string at(int64_t offset_s) const {
    return endpoint::iso8601_millis(base_ + offset_s * 1000);
  }
  Json datum(const std::string &name, double value, int64_t offset_s, Json dims = Json::array()) {
    return Json{{"MetricName", name},
                {"Value", value},
                {"Unit", "Count"},
                {"Timestamp", at(offset_s)},
                {"Dimensions", dims}};
  }
  Json alarm(const std::string &name) {
    return Json{{"AlarmName", name},
                {"MetricName", "Errors"},
                {"Namespace", "App"},
                {"Statistic", "Sum"},
                {"Period", 60},
                {"EvaluationPeriods", 2},
                {"Threshold", 5},
                {"ComparisonOperator", "GreaterThanThreshold"},
                {"Tags", {{{"Key", "team"}, {"Value", "core"}}}}};
  }
  int64_t base_ = 0;
};

TEST_F(CloudWatchTest, PutMetricDataThenStatisticsPerPeriod) {
  Json dims = {{{"Name", "Stack"}, {"Value", "s1"}}};
  call("cloudwatch", "PutMetricData",
       {{"Namespace", "App"},
        {"MetricData",
         {datum("Hits", 1, 5, dims), datum("Hits", 3, 20, dims), datum("Hits", 10, 70, dims),
          datum("Hits", 100, 10)}}});
  Json stats = call("cloudwatch", "GetMetricStatistics",
                    {{"Namespace", "App"},
                     {"MetricName", "Hits"},
                     {"Dimensions", dims},
                     {"StartTime", at(0)},
                     {"EndTime", at(180)},
                     {"Period", 60},
                     {"Statistics", {"Sum", "Average", "Maximum", "SampleCount"}}});
  EXPECT_EQ(stats["Label"], "Hits");
  ASSERT_EQ(stats["Datapoints"].size(), 2u) << stats.dump();
  EXPECT_EQ(stats["Datapoints"][0]["Timestamp"], at(0));
  EXPECT_EQ(stats["Datapoints"][0]["Sum"], 4.0);
  EXPECT_EQ(stats["Datapoints"][0]["Average"], 2.0);
  EXPECT_EQ(stats["Datapoints"][0]["Maximum"], 3.0);
  EXPECT_EQ(stats["Datapoints"][0]["SampleCount"], 2.0);
  EXPECT_EQ(stats["Datapoints"][0]["Unit"], "Count");
  EXPECT_EQ(stats["Datapoints"][1]["Sum"], 10.0);
  // The metric without dimensions is another metric.
  Json plain = call("cloudwatch", "GetMetricStatistics",
                    {{"Namespace", "App"},
                     {"MetricName", "Hits"},
                     {"StartTime", at(0)},
                     {"EndTime", at(180)},
                     {"Period", 60},
                     {"ExtendedStatistics", {"p50"}}});
  ASSERT_EQ(plain["Datapoints"].size(), 1u);
  EXPECT_EQ(plain["Datapoints"][0]["ExtendedStatistics"]["p50"], 100.0);

  Json data =
      call("cloudwatch", "GetMetricData",
           {{"StartTime", at(0)},
            {"EndTime", at(180)},
            {"MetricDataQueries",
             {{{"Id", "hits"},
               {"MetricStat",
                {{"Metric", {{"Namespace", "App"}, {"MetricName", "Hits"}, {"Dimensions", dims}}},
                 {"Period", 60},
                 {"Stat", "Sum"}}}}}}});
  Json r = data["MetricDataResults"][0];
  EXPECT_EQ(r["Id"], "hits");
  EXPECT_EQ(r["StatusCode"], "Complete");
  EXPECT_EQ(r["Values"], Json::array({10.0, 4.0})); // newest first
  EXPECT_EQ(r["Timestamps"][1], at(0));
}

TEST_F(CloudWatchTest, PutMetricDataChecks) {
  EXPECT_EQ(error_of("cloudwatch", "PutMetricData",
                     {{"Namespace", "AWS/EC2"}, {"MetricData", {datum("x", 1, 0)}}}),
            "InvalidParameterValue");
  EXPECT_EQ(last_error_, "The value AWS/EC2 for parameter Namespace is invalid.");
  EXPECT_EQ(error_of("cloudwatch", "PutMetricData", {{"MetricData", {datum("x", 1, 0)}}}),
            "MissingParameter");
  EXPECT_EQ(error_of("cloudwatch", "PutMetricData",
                     {{"Namespace", "App"}, {"MetricData", Json::array()}}),
            "ValidationError");
  Json many = Json::array();
  for (int i = 0; i < 31; ++i)
    many.push_back({{"Name", "d" + std::to_string(i)}, {"Value", "v"}});
  EXPECT_EQ(error_of("cloudwatch", "PutMetricData",
                     {{"Namespace", "App"}, {"MetricData", {datum("x", 1, 0, many)}}}),
            "InvalidParameterValue");
  EXPECT_THAT(last_error_, HasSubstr("must not have a size greater than 30"));
  Json both = datum("x", 1, 0);
  both["StatisticValues"] = {{"SampleCount", 1}, {"Sum", 1}, {"Minimum", 1}, {"Maximum", 1}};
  EXPECT_EQ(error_of("cloudwatch", "PutMetricData", {{"Namespace", "App"}, {"MetricData", {both}}}),
            "InvalidParameterCombination");
  Json bad_unit = datum("x", 1, 0);
  bad_unit["Unit"] = "Parsecs";
  EXPECT_EQ(
      error_of("cloudwatch", "PutMetricData", {{"Namespace", "App"}, {"MetricData", {bad_unit}}}),
      "InvalidParameterValue");
  EXPECT_EQ(error_of("cloudwatch", "PutMetricData",
                     {{"Namespace", "App"}, {"MetricData", {datum("x", 1, -15 * 86400)}}}),
            "InvalidParameterValue");
  EXPECT_THAT(last_error_, HasSubstr("two weeks in the past"));
  // Nothing of a refused call is stored.
  EXPECT_TRUE(call("cloudwatch", "ListMetrics", {{"Namespace", "App"}})["Metrics"].empty());
}

TEST_F(CloudWatchTest, ListMetricsFilters) {
  call("cloudwatch", "PutMetricData",
       {{"Namespace", "App"},
        {"MetricData",
         {datum("A", 1, 0, {{{"Name", "Stack"}, {"Value", "s1"}}}),
          datum("A", 1, 0, {{{"Name", "Stack"}, {"Value", "s2"}}}), datum("B", 1, 0)}}});
  call("cloudwatch", "PutMetricData", {{"Namespace", "Other"}, {"MetricData", {datum("A", 1, 0)}}});
  EXPECT_EQ(call("cloudwatch", "ListMetrics")["Metrics"].size(), 4u);
  EXPECT_EQ(call("cloudwatch", "ListMetrics", {{"Namespace", "App"}})["Metrics"].size(), 3u);
  EXPECT_EQ(call("cloudwatch", "ListMetrics", {{"MetricName", "A"}})["Metrics"].size(), 3u);
  Json s2 = call("cloudwatch", "ListMetrics",
                 {{"Dimensions", {{{"Name", "Stack"}, {"Value", "s2"}}}}})["Metrics"];
  ASSERT_EQ(s2.size(), 1u);
  EXPECT_EQ(s2[0]["Dimensions"][0]["Value"], "s2");
  EXPECT_EQ(
      call("cloudwatch", "ListMetrics", {{"Dimensions", {{{"Name", "Stack"}}}}})["Metrics"].size(),
      2u);
}

TEST_F(CloudWatchTest, StatisticsRequestChecks) {
  Json in = {{"Namespace", "App"},
             {"MetricName", "A"},
             {"StartTime", at(0)},
             {"EndTime", at(600)},
             {"Period", 60}};
  EXPECT_EQ(error_of("cloudwatch", "GetMetricStatistics", in), "InvalidParameterCombination");
  in["Statistics"] = {"Sum"};
  in["Period"] = 45;
  EXPECT_EQ(error_of("cloudwatch", "GetMetricStatistics", in), "InvalidParameterValue");
  in["Period"] = 1;
  in["StartTime"] = endpoint::iso8601_millis(base_ - 86400LL * 1000);
  EXPECT_EQ(error_of("cloudwatch", "GetMetricStatistics", in), "InvalidParameterCombination");
  EXPECT_THAT(last_error_, HasSubstr("exceeds the limit of 1,440"));
  EXPECT_EQ(error_of("cloudwatch", "GetMetricData",
                     {{"StartTime", at(0)},
                      {"EndTime", at(60)},
                      {"MetricDataQueries", {{{"Id", "e1"}, {"Expression", "SUM(METRICS())"}}}}}),
            "InvalidParameterValue");
  EXPECT_THAT(last_error_, HasSubstr("metric math"));
}

TEST_F(CloudWatchTest, MetricAlarmLifecycle) {
  call("cloudwatch", "PutMetricAlarm", alarm("errors-high"));
  Json described = call("cloudwatch", "DescribeAlarms", {{"AlarmNames", {"errors-high"}}});
  ASSERT_EQ(described["MetricAlarms"].size(), 1u);
  Json a = described["MetricAlarms"][0];
  EXPECT_EQ(a["AlarmArn"], "arn:aws:cloudwatch:us-east-1:123456789012:alarm:errors-high");
  EXPECT_EQ(a["StateValue"], "INSUFFICIENT_DATA");
  EXPECT_EQ(a["Threshold"], 5.0);
  EXPECT_EQ(a["TreatMissingData"], "missing");
  EXPECT_FALSE(a.contains("Tags"));
  EXPECT_EQ(call("cloudwatch", "ListTagsForResource", {{"ResourceARN", a["AlarmArn"]}})["Tags"],
            Json::parse(R"([{"Key":"team","Value":"core"}])"));

  call("cloudwatch", "SetAlarmState",
       {{"AlarmName", "errors-high"}, {"StateValue", "ALARM"}, {"StateReason", "manual"}});
  // An update keeps the state and ignores tags.
  Json update = alarm("errors-high");
  update["Threshold"] = 9;
  update["Tags"] = {{{"Key", "other"}, {"Value", "x"}}};
  call("cloudwatch", "PutMetricAlarm", update);
  a = call("cloudwatch", "DescribeAlarms", {{"AlarmNames", {"errors-high"}}})["MetricAlarms"][0];
  EXPECT_EQ(a["StateValue"], "ALARM");
  EXPECT_EQ(a["StateReason"], "manual");
  EXPECT_EQ(a["Threshold"], 9.0);
  EXPECT_EQ(
      call("cloudwatch", "ListTagsForResource", {{"ResourceARN", a["AlarmArn"]}})["Tags"].size(),
      1u);
  EXPECT_EQ(call("cloudwatch", "DescribeAlarms", {{"StateValue", "OK"}})["MetricAlarms"].size(),
            0u);
  EXPECT_EQ(call("cloudwatch", "DescribeAlarmsForMetric",
                 {{"Namespace", "App"}, {"MetricName", "Errors"}})["MetricAlarms"]
                .size(),
            1u);

  call("cloudwatch", "TagResource",
       {{"ResourceARN", a["AlarmArn"]}, {"Tags", {{{"Key", "env"}, {"Value", "dev"}}}}});
  call("cloudwatch", "UntagResource", {{"ResourceARN", a["AlarmArn"]}, {"TagKeys", {"team"}}});
  EXPECT_EQ(call("cloudwatch", "ListTagsForResource", {{"ResourceARN", a["AlarmArn"]}})["Tags"],
            Json::parse(R"([{"Key":"env","Value":"dev"}])"));

  // Alarms watch AWS's own namespaces, which PutMetricData refuses.
  Json ec2 = alarm("cpu-high");
  ec2["Namespace"] = "AWS/EC2";
  ec2["MetricName"] = "CPUUtilization";
  call("cloudwatch", "PutMetricAlarm", ec2);

  call("cloudwatch", "DeleteAlarms", {{"AlarmNames", {"errors-high", "cpu-high"}}});
  EXPECT_EQ(error_of("cloudwatch", "DeleteAlarms", {{"AlarmNames", {"errors-high"}}}),
            "ResourceNotFound");
  EXPECT_EQ(last_status_, 404);
  EXPECT_EQ(error_of("cloudwatch", "SetAlarmState",
                     {{"AlarmName", "errors-high"}, {"StateValue", "OK"}, {"StateReason", "x"}}),
            "ResourceNotFound");
  EXPECT_EQ(error_of("cloudwatch", "ListTagsForResource", {{"ResourceARN", a["AlarmArn"]}}),
            "ResourceNotFoundException");
}

TEST_F(CloudWatchTest, MetricAlarmChecks) {
  Json in = alarm("a");
  in["Period"] = 45;
  EXPECT_EQ(error_of("cloudwatch", "PutMetricAlarm", in), "InvalidParameterValue");
  in = alarm("a");
  in["ComparisonOperator"] = "Bigger";
  EXPECT_EQ(error_of("cloudwatch", "PutMetricAlarm", in), "ValidationError");
  EXPECT_THAT(last_error_, HasSubstr("Member must satisfy enum value set"));
  in = alarm("a");
  in["DatapointsToAlarm"] = 3;
  EXPECT_EQ(error_of("cloudwatch", "PutMetricAlarm", in), "InvalidParameterValue");
  in = alarm("a");
  in["ExtendedStatistic"] = "p99";
  EXPECT_EQ(error_of("cloudwatch", "PutMetricAlarm", in), "InvalidParameterCombination");
  in = alarm("a");
  in.erase("EvaluationPeriods");
  EXPECT_EQ(error_of("cloudwatch", "PutMetricAlarm", in), "MissingParameter");
  in = alarm("a");
  in["AlarmActions"] = {"not-an-arn"};
  EXPECT_EQ(error_of("cloudwatch", "PutMetricAlarm", in), "InvalidParameterValue");
  EXPECT_EQ(error_of("cloudwatch", "SetAlarmState",
                     {{"AlarmName", "a"}, {"StateValue", "MAYBE"}, {"StateReason", "x"}}),
            "ValidationError");
  EXPECT_TRUE(call("cloudwatch", "DescribeAlarms")["MetricAlarms"].empty());
}

TEST_F(CloudWatchTest, CompositeAlarmsReferToExistingAlarms) {
  call("cloudwatch", "PutMetricAlarm", alarm("child"));
  EXPECT_EQ(error_of("cloudwatch", "PutCompositeAlarm",
                     {{"AlarmName", "parent"}, {"AlarmRule", "ALARM(missing)"}}),
            "InvalidParameterValue");
  call("cloudwatch", "PutCompositeAlarm",
       {{"AlarmName", "parent"}, {"AlarmRule", "ALARM(\"child\") OR OK(child)"}});
  Json both =
      call("cloudwatch", "DescribeAlarms", {{"AlarmTypes", {"CompositeAlarm", "MetricAlarm"}}});
  EXPECT_EQ(both["MetricAlarms"].size(), 1u);
  ASSERT_EQ(both["CompositeAlarms"].size(), 1u);
  EXPECT_EQ(both["CompositeAlarms"][0]["AlarmRule"], "ALARM(\"child\") OR OK(child)");
  // Only metric alarms unless asked.
  EXPECT_TRUE(call("cloudwatch", "DescribeAlarms")["CompositeAlarms"].empty());
  EXPECT_EQ(error_of("cloudwatch", "DeleteAlarms", {{"AlarmNames", {"child"}}}),
            "InvalidParameterValue");
  call("cloudwatch", "DeleteAlarms", {{"AlarmNames", {"parent", "child"}}});
}

} // namespace
} // namespace cfnlocal::services
