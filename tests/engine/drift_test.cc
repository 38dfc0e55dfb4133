// Drift detection: resources changed or deleted behind the stack's back through the services.
#include "engine_fixture.h"

#include "engine/drift.h"
#include "parser/json.h"
#include "parser/reader.h"
#include "schema/registry.h"
#include "services/backend.h"

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;

namespace {

const char *kTemplate = R"(
Resources:
  Setting:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /app/setting
      Type: String
      Value: blue
  Store:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: drift-test-store
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
)";

const ResourceDrift &drift_of(const DriftDetection &d, const std::string &logical_id) {
  for (const auto &r : d.resources)
    if (r.logical_id == logical_id)
      return r;
  throw std::runtime_error("no drift for " + logical_id);
}

class DriftTest : public EngineTest {};

} // namespace

TEST_F(DriftTest, AFreshStackIsInSync) {
  ASSERT_TRUE(deploy("app", kTemplate).succeeded);
  Engine engine(config_);
  auto d = engine.detect_stack_drift("app");
  EXPECT_EQ(d.detection_status, "DETECTION_COMPLETE");
  EXPECT_EQ(d.stack_drift_status, "IN_SYNC");
  EXPECT_EQ(d.drifted_resource_count, 0);
  ASSERT_EQ(d.resources.size(), 3u);
  for (const auto &r : d.resources)
    EXPECT_EQ(r.status, "IN_SYNC") << r.logical_id << " " << drift_json(r).dump();
}

TEST_F(DriftTest, AChangedParameterIsModifiedAndADeletedBucketIsDeleted) {
  ASSERT_TRUE(deploy("app", kTemplate).succeeded);
  {
    Engine engine(config_);
    engine.backend().call("ssm", "PutParameter",
                          {{"Name", "/app/setting"}, {"Value", "green"}, {"Overwrite", true}});
    engine.backend().call("s3", "DeleteBucket", {{"Bucket", "drift-test-store"}});
  }
  Engine engine(config_);
  auto d = engine.detect_stack_drift("app");
  EXPECT_EQ(d.stack_drift_status, "DRIFTED");
  EXPECT_EQ(d.drifted_resource_count, 2);
  const auto &setting = drift_of(d, "Setting");
  EXPECT_EQ(setting.status, "MODIFIED");
  ASSERT_EQ(setting.differences.size(), 1u);
  EXPECT_EQ(setting.differences[0].path, "/Value");
  EXPECT_EQ(setting.differences[0].expected_value, "blue");
  EXPECT_EQ(setting.differences[0].actual_value, "green");
  EXPECT_EQ(setting.differences[0].difference_type, "NOT_EQUAL");
  EXPECT_EQ(drift_of(d, "Store").status, "DELETED");
  EXPECT_EQ(drift_of(d, "Queue").status, "IN_SYNC");

  // Recorded: the detection by id and as the stack's last detection.
  auto again = engine.drift_detection(d.detection_id);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->drifted_resource_count, 2);
  EXPECT_EQ(drift_of(*again, "Setting").differences[0].actual_value, "green");
  auto last = engine.last_stack_drift("app");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->detection_id, d.detection_id);
}

TEST_F(DriftTest, OneResourceOnlyAndUnknownResources) {
  ASSERT_TRUE(deploy("app", kTemplate).succeeded);
  Engine engine(config_);
  auto d = engine.detect_stack_drift("app", {"Queue"});
  ASSERT_EQ(d.resources.size(), 1u);
  EXPECT_EQ(d.resources[0].logical_id, "Queue");
  EXPECT_FALSE(engine.last_stack_drift("app")) << "a resource detection is not the stack's";
  EXPECT_THROW(engine.detect_stack_drift("app", {"Nope"}), Error);
  EXPECT_THROW(engine.detect_stack_drift("missing"), Error);
}

TEST_F(DriftTest, AFreshLambdaFunctionIsInSyncAndAChangedOneModified) {
  // The registry marks Code's members writeOnly (not Code itself), and GetFunction never returns
  // the code: a fresh function used to be MODIFIED with /Code REMOVE.
  std::string lambda = lambda_stack_template(R"(      MemorySize: 256
      Timeout: "10"
      Architectures: [arm64]
      Description: greets
      TracingConfig: {Mode: Active}
      Environment:
        Variables:
          APP_MODE: blue
      Tags:
        - Key: team
          Value: core
)");
  auto deployed = deploy("fn", lambda);
  ASSERT_TRUE(deployed.succeeded) << deployed.message;
  Engine engine(config_);
  auto fresh = engine.detect_stack_drift("fn");
  const auto &fresh_fn = drift_of(fresh, "Fn");
  EXPECT_EQ(fresh_fn.status, "IN_SYNC") << drift_json(fresh_fn).dump();
  EXPECT_FALSE(fresh_fn.expected_properties.contains("Code"));
  EXPECT_EQ(fresh.stack_drift_status, "IN_SYNC");
  std::string name = fresh_fn.physical_id;
  engine.backend().call("lambda", "UpdateFunctionConfiguration",
                        {{"FunctionName", name}, {"MemorySize", 512}});
  auto d = engine.detect_stack_drift("fn");
  const auto &fn = drift_of(d, "Fn");
  EXPECT_EQ(fn.status, "MODIFIED");
  ASSERT_EQ(fn.differences.size(), 1u) << drift_json(fn).dump();
  EXPECT_EQ(fn.differences[0].path, "/MemorySize");
  EXPECT_EQ(fn.differences[0].actual_value, "512");
}

TEST(PropertyDifferences, WriteOnlyMembersAtAnyDepthAreNotCompared) {
  const auto *type = schema::Registry::builtin().find("AWS::Lambda::Function");
  ASSERT_NE(type, nullptr);
  Value expected = from_json(Json::parse(
      R"({"Code":{"S3Bucket":"b","S3Key":"k"},"Handler":"h","Environment":{"Variables":{}}})"));
  Value kept = comparable_properties(expected, type);
  EXPECT_FALSE(kept.find("Code")) << "every member of Code is writeOnly";
  EXPECT_TRUE(kept.find("Handler"));
  EXPECT_TRUE(kept.find("Environment")) << "an empty object the template set is still compared";
  EXPECT_TRUE(property_differences(expected, from_json(Json::parse(R"({"Handler":"h",
      "Environment":{"Variables":{}}})")),
                                   type)
                  .empty());
  // A dynamic reference inside an array leaves the array out (its indices would not line up).
  Value with_ref = from_json(Json::parse(R"({"L":["a","{{resolve:ssm:/p}}"],"M":{"A":"x"}})"));
  Value compared = comparable_properties(with_ref, nullptr);
  EXPECT_FALSE(compared.find("L"));
  EXPECT_TRUE(compared.find("M"));
}

TEST(PropertyDifferences, ScalarsCompareByTextAndArraysByOrderOrAsSets) {
  auto diff = [](const char *expected, const char *actual, const char *type) {
    return property_differences(from_json(Json::parse(expected)), from_json(Json::parse(actual)),
                                schema::Registry::builtin().find(type));
  };
  EXPECT_TRUE(
      diff(R"({"VisibilityTimeout":"30"})", R"({"VisibilityTimeout":30})", "AWS::SQS::Queue")
          .empty());
  // Tags of a queue are unordered (insertionOrder false): a reordering is no drift.
  const char *tags = R"({"Tags":[{"Key":"a","Value":"1"},{"Key":"b","Value":"2"}]})";
  EXPECT_TRUE(
      diff(tags, R"({"Tags":[{"Key":"b","Value":"2"},{"Key":"a","Value":"1"}]})", "AWS::SQS::Queue")
          .empty());
  auto changed = diff(tags, R"({"Tags":[{"Key":"a","Value":"1"},{"Key":"b","Value":"3"}]})",
                      "AWS::SQS::Queue");
  ASSERT_EQ(changed.size(), 2u);
  EXPECT_EQ(changed[0].difference_type, "REMOVE");
  EXPECT_EQ(changed[1].difference_type, "ADD");
  // An ordered list reports the element that differs.
  auto ordered = diff(R"({"L":["a","b"]})", R"({"L":["a","c","d"]})", "AWS::Unknown::Type");
  ASSERT_EQ(ordered.size(), 2u);
  EXPECT_EQ(ordered[0].path, "/L/1");
  EXPECT_EQ(ordered[0].difference_type, "NOT_EQUAL");
  EXPECT_EQ(ordered[1].path, "/L/2");
  EXPECT_EQ(ordered[1].difference_type, "ADD");
  // A property the template set that is gone, and writeOnly properties never compared.
  auto removed = diff(R"({"DelaySeconds":5})", R"({})", "AWS::SQS::Queue");
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0].difference_type, "REMOVE");
  EXPECT_TRUE(
      diff(R"({"Value":"x"})", R"({"Value":"{{resolve:ssm:/p}}"})", "AWS::Unknown::T").size() == 1);
  EXPECT_TRUE(
      diff(R"({"Value":"{{resolve:ssm:/p}}"})", R"({"Value":"x"})", "AWS::Unknown::T").empty());
}
