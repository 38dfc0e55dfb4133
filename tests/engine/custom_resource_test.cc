// Custom resources: the CloudFormation request delivered through the backend's Lambda Invoke,
// the response PUT to the local ResponseURL, GetAtt of Data, replacement on a new physical ID,
// FAILED responses and the service timeout. The Lambda function here is a C++ callback behind a
// backend wrapper (the embedded services answer everything else).
#include "engine_fixture.h"

#include "invoking_backend.h"

namespace cfnlocal::engine::testing {
namespace {

using Handler = std::function<std::optional<Json>(const Json &event)>;

class CustomResourceTest : public EngineTest {
protected:
  void SetUp() override {
    EngineTest::SetUp();
    config_.wrap_backend = [this](std::unique_ptr<services::Backend> inner) {
      return std::make_unique<InvokingBackend>(
          std::move(inner),
          [this](const std::string &, const Json &e) {
            if (auto response = handler_(e))
              put_response(e, *response);
            return Json(nullptr);
          },
          events_);
    };
  }

  static Json success(const Json &event, const std::string &physical, Json data = nullptr) {
    Json r = {{"Status", "SUCCESS"},
              {"PhysicalResourceId", physical},
              {"StackId", event["StackId"]},
              {"RequestId", event["RequestId"]},
              {"LogicalResourceId", event["LogicalResourceId"]}};
    if (!data.is_null())
      r["Data"] = data;
    return r;
  }

  static std::string with_value(const std::string &value, const std::string &extra = "") {
    return R"(
Resources:
  Thing:
    Type: Custom::Thing
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:handler
      Value: )" +
           value + extra + R"(
      Flag: true
  Reader:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !GetAtt Thing.Answer
Outputs:
  Answer:
    Value: !GetAtt Thing.Answer
  Id:
    Value: !Ref Thing
)";
  }

  Handler handler_;
  std::vector<Json> events_;
};

TEST_F(CustomResourceTest, CreateUpdateWithNewIdAndDelete) {
  handler_ = [](const Json &e) -> std::optional<Json> {
    std::string type = e["RequestType"];
    if (type == "Delete")
      return success(e, e["PhysicalResourceId"]);
    std::string value = e["ResourceProperties"]["Value"];
    return success(e, "thing-" + value, Json{{"Answer", "answer-" + value}});
  };
  auto created = deploy("app", with_value("3"));
  ASSERT_TRUE(created.succeeded) << created.message;
  ASSERT_EQ(events_.size(), 1u);
  const Json &c = events_[0];
  EXPECT_EQ(c["RequestType"], "Create");
  EXPECT_EQ(c["ResourceType"], "Custom::Thing");
  EXPECT_EQ(c["LogicalResourceId"], "Thing");
  EXPECT_EQ(c["StackId"], created.stack.stack_id);
  EXPECT_EQ(c["ServiceToken"], "arn:aws:lambda:us-east-1:123456789012:function:handler");
  EXPECT_FALSE(c["RequestId"].get<std::string>().empty());
  EXPECT_FALSE(c.contains("PhysicalResourceId"));
  EXPECT_FALSE(c.contains("OldResourceProperties"));
  // Property values arrive as strings, ServiceToken included.
  EXPECT_EQ(c["ResourceProperties"]["Value"], "3");
  EXPECT_EQ(c["ResourceProperties"]["Flag"], "true");
  EXPECT_EQ(c["ResourceProperties"]["ServiceToken"], c["ServiceToken"]);
  EXPECT_EQ(created.stack.outputs.at(0).value, "answer-3");
  EXPECT_EQ(created.stack.outputs.at(1).value, "thing-3");

  // An update answered with another physical ID: Update, then the old one's Delete in cleanup.
  auto updated = deploy("app", with_value("4"));
  ASSERT_TRUE(updated.succeeded) << updated.message;
  ASSERT_EQ(events_.size(), 3u);
  EXPECT_EQ(events_[1]["RequestType"], "Update");
  EXPECT_EQ(events_[1]["PhysicalResourceId"], "thing-3");
  EXPECT_EQ(events_[1]["OldResourceProperties"]["Value"], "3");
  EXPECT_EQ(events_[1]["ResourceProperties"]["Value"], "4");
  EXPECT_EQ(events_[2]["RequestType"], "Delete");
  EXPECT_EQ(events_[2]["PhysicalResourceId"], "thing-3");
  EXPECT_EQ(events_[2]["ResourceProperties"]["Value"], "3");
  EXPECT_EQ(updated.stack.outputs.at(0).value, "answer-4");
  EXPECT_EQ(updated.stack.outputs.at(1).value, "thing-4");

  auto deleted = remove("app");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  ASSERT_EQ(events_.size(), 4u);
  EXPECT_EQ(events_[3]["RequestType"], "Delete");
  EXPECT_EQ(events_[3]["PhysicalResourceId"], "thing-4");
}

TEST_F(CustomResourceTest, FailedResponseFailsTheResourceWithItsReason) {
  handler_ = [](const Json &e) -> std::optional<Json> {
    if (e["RequestType"] == "Delete")
      return success(e, e["PhysicalResourceId"]);
    Json r = success(e, "failed-thing");
    r["Status"] = "FAILED";
    r["Reason"] = "the thing is broken";
    return r;
  };
  auto result = deploy("app", with_value("1"));
  EXPECT_FALSE(result.succeeded);
  EXPECT_EQ(result.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_NE(result.message.find("the thing is broken"), std::string::npos) << result.message;
  EXPECT_NE(result.message.find("Received response status [FAILED]"), std::string::npos);
  // The failed create's physical ID is sent a Delete on rollback, as CloudFormation does.
  ASSERT_EQ(events_.size(), 2u);
  EXPECT_EQ(events_[1]["RequestType"], "Delete");
  EXPECT_EQ(events_[1]["PhysicalResourceId"], "failed-thing");
}

TEST_F(CustomResourceTest, NoResponseWithinTheServiceTimeoutFails) {
  handler_ = [](const Json &) -> std::optional<Json> { return std::nullopt; };
  auto start = std::chrono::steady_clock::now();
  auto result = deploy("app", with_value("1", "\n      ServiceTimeout: 1"));
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(result.succeeded);
  EXPECT_NE(result.message.find("did not receive a response"), std::string::npos) << result.message;
  EXPECT_GE(took, std::chrono::seconds(1));
  EXPECT_LT(took, std::chrono::seconds(30));
}

TEST_F(CustomResourceTest, NoEchoMasksDataInEvents) {
  handler_ = [](const Json &e) -> std::optional<Json> {
    Json r = success(e, "secret-thing", Json{{"Answer", "s3cr3t-value"}});
    r["NoEcho"] = true;
    return r;
  };
  auto result = deploy("app", with_value("1"));
  ASSERT_TRUE(result.succeeded) << result.message;
  for (const auto &e : reporter_.events)
    EXPECT_EQ(e.properties.find("s3cr3t-value"), std::string::npos) << e.logical_id;
}

} // namespace
} // namespace cfnlocal::engine::testing
