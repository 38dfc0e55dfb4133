// The AWS::Lambda and AWS::Logs providers on the embedded Lambda and CloudWatch Logs: create,
// read, update in place, createOnly changes refused (the engine replaces), delete, and the
// services' own errors as FAILED events with their messages.
#include "providers/lambda_function_provider.h"
#include "providers/lambda_providers.h"
#include "providers/logs_providers.h"
#include "tests/providers/embedded_fixture.h"

#include <gmock/gmock.h>

#include <cstdlib>

namespace cfnlocal::providers {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

constexpr const char *kFunction = "AWS::Lambda::Function";
constexpr const char *kGroup = "AWS::Logs::LogGroup";

class LambdaProvidersTest : public testing::EmbeddedProviderTest {
protected:
  void SetUp() override {
    EmbeddedProviderTest::SetUp();
    Json trust = {{"Version", "2012-10-17"},
                  {"Statement",
                   {{{"Effect", "Allow"},
                     {"Principal", {{"Service", "lambda.amazonaws.com"}}},
                     {"Action", "sts:AssumeRole"}}}}};
    role_ = call("iam", "CreateRole",
                 {{"RoleName", "exec"}, {"AssumeRolePolicyDocument", trust.dump()}})["Role"]["Arn"];
  }
  std::string function_json(const std::string &extra = "") {
    return R"({"Role": ")" + role_ +
           R"(", "Runtime": "python3.12", "Handler": "index.handler",
               "Code": {"ZipFile": "import cfnresponse\ndef handler(e, c):\n    return 'v1'\n"})" +
           extra + "}";
  }
  Json config(const std::string &name) {
    return call("lambda", "GetFunctionConfiguration", {{"FunctionName", name}});
  }
  std::string role_;
};

TEST_F(LambdaProvidersTest, RegisteredForEveryLambdaAndLogsType) {
  for (const char *type :
       {kFunction, "AWS::Lambda::Version", "AWS::Lambda::Alias", "AWS::Lambda::Permission",
        "AWS::Lambda::LayerVersion", "AWS::Lambda::EventSourceMapping", "AWS::Lambda::Url", kGroup,
        "AWS::Logs::LogStream"})
    EXPECT_TRUE(registry_->has_specific(type)) << type;
  EXPECT_NE(dynamic_cast<LambdaFunctionProvider *>(&provider(kFunction)), nullptr);
}

TEST_F(LambdaProvidersTest, FunctionCreateUpdateAndDelete) {
  auto created = create(kFunction, "Fn", function_json(R"(, "MemorySize": 256,
      "Environment": {"Variables": {"STAGE": "1"}}, "Tags": [{"Key": "team", "Value": "core"}])"));
  ASSERT_TRUE(created.ok()) << created.message;
  const Value &m = created.resource_model;
  std::string name = m.find("FunctionName")->as_string();
  EXPECT_THAT(name, MatchesRegex("mystack-Fn-[A-Z0-9]+"));
  EXPECT_EQ(*provider(kFunction).ref(kFunction, m), Value(name));
  EXPECT_EQ(att(kFunction, m, "Arn"), "arn:aws:lambda:us-east-1:123456789012:function:" + name);
  Json c = config(name);
  EXPECT_EQ(c["MemorySize"], 256);
  EXPECT_EQ(c["Environment"]["Variables"]["STAGE"], "1");
  std::string sha = c["CodeSha256"];
  auto read = this->read(kFunction, m);
  ASSERT_TRUE(read.ok()) << read.message;
  EXPECT_EQ(*read.resource_model.find("MemorySize"), Value(256));
  EXPECT_EQ(read.resource_model.find("Tags")->size(), 1u);

  // Inline code runs, with cfnresponse beside it as CloudFormation packages it.
  if (std::system("command -v python3 >/dev/null 2>&1") == 0)
    EXPECT_EQ(call("lambda", "Invoke", {{"FunctionName", name}})["Payload"], "\"v1\"");

  // Mutable: memory changed, environment dropped (back to none), code changed.
  auto updated = update(kFunction, created, R"({"Role": ")" + role_ + R"(", "Runtime": "python3.12",
      "Handler": "index.handler", "MemorySize": 512,
      "Code": {"ZipFile": "def handler(e, c):\n    return 'v2'\n"}})");
  ASSERT_TRUE(updated.ok()) << updated.message;
  c = config(name);
  EXPECT_EQ(c["MemorySize"], 512);
  EXPECT_TRUE(c["Environment"]["Variables"].empty());
  EXPECT_NE(c["CodeSha256"], sha);
  EXPECT_TRUE(call("lambda", "ListTags", {{"Resource", c["FunctionArn"]}})["Tags"].empty());

  // createOnly: refused here, replaced by the engine.
  auto renamed = update(kFunction, created, function_json(R"(, "FunctionName": "other")"));
  EXPECT_FALSE(renamed.ok());
  EXPECT_EQ(renamed.error_code, HandlerErrorCode::NotUpdatable);

  ASSERT_TRUE(remove(kFunction, m).ok());
  EXPECT_EQ(this->read(kFunction, m).error_code, HandlerErrorCode::NotFound);
  EXPECT_EQ(remove(kFunction, m).error_code, HandlerErrorCode::NotFound);
}

TEST_F(LambdaProvidersTest, LambdasOwnErrorsFailTheResource) {
  auto no_role = create(kFunction, "Fn", R"({"Role": "arn:aws:iam::123456789012:role/nobody",
      "Runtime": "python3.12", "Handler": "index.handler", "Code": {"ZipFile": "x = 1"}})");
  EXPECT_FALSE(no_role.ok());
  EXPECT_EQ(no_role.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_THAT(no_role.message, HasSubstr("The role defined for the function cannot be assumed "
                                         "by Lambda."));
  auto taken = create(kFunction, "A", function_json(R"(, "FunctionName": "same")"));
  ASSERT_TRUE(taken.ok()) << taken.message;
  auto again = create(kFunction, "B", function_json(R"(, "FunctionName": "same")"));
  EXPECT_EQ(again.error_code, HandlerErrorCode::AlreadyExists);
}

TEST_F(LambdaProvidersTest, VersionAliasPermissionAndUrl) {
  auto fn = create(kFunction, "Fn", function_json(R"(, "FunctionName": "app")"));
  ASSERT_TRUE(fn.ok()) << fn.message;
  auto version = create("AWS::Lambda::Version", "V", R"({"FunctionName": "app",
      "Description": "first"})");
  ASSERT_TRUE(version.ok()) << version.message;
  EXPECT_EQ(att("AWS::Lambda::Version", version.resource_model, "FunctionArn"),
            "arn:aws:lambda:us-east-1:123456789012:function:app:1");
  EXPECT_EQ(att("AWS::Lambda::Version", version.resource_model, "Version"), "1");
  EXPECT_TRUE(read("AWS::Lambda::Version", version.resource_model).ok());

  auto alias = create("AWS::Lambda::Alias", "A", R"({"FunctionName": "app", "Name": "live",
      "FunctionVersion": "1"})");
  ASSERT_TRUE(alias.ok()) << alias.message;
  std::string alias_arn =
      provider("AWS::Lambda::Alias").physical_id("AWS::Lambda::Alias", alias.resource_model);
  EXPECT_EQ(alias_arn, "arn:aws:lambda:us-east-1:123456789012:function:app:live");
  auto moved = update("AWS::Lambda::Alias", alias, R"({"FunctionName": "app", "Name": "live",
      "FunctionVersion": "$LATEST", "Description": "now latest"})");
  ASSERT_TRUE(moved.ok()) << moved.message;
  EXPECT_EQ(
      call("lambda", "GetAlias", {{"FunctionName", "app"}, {"Name", "live"}})["FunctionVersion"],
      "$LATEST");
  auto bad_alias = create("AWS::Lambda::Alias", "B", R"({"FunctionName": "app", "Name": "x",
      "FunctionVersion": "7"})");
  EXPECT_FALSE(bad_alias.ok());
  EXPECT_THAT(bad_alias.message, HasSubstr("Function not found"));

  auto permission = create("AWS::Lambda::Permission", "P", R"({"FunctionName": "app",
      "Action": "lambda:InvokeFunction", "Principal": "sns.amazonaws.com",
      "SourceArn": "arn:aws:sns:us-east-1:123456789012:topic"})");
  ASSERT_TRUE(permission.ok()) << permission.message;
  std::string id = permission.resource_model.find("Id")->as_string();
  EXPECT_THAT(id, MatchesRegex("mystack-P-[A-Z0-9]{13}"));
  auto read_permission = read("AWS::Lambda::Permission", permission.resource_model);
  ASSERT_TRUE(read_permission.ok()) << read_permission.message;
  EXPECT_EQ(read_permission.resource_model.find("Principal")->as_string(), "sns.amazonaws.com");

  auto url = create("AWS::Lambda::Url", "U", R"({"TargetFunctionArn": "app", "Qualifier": "live",
      "AuthType": "NONE"})");
  ASSERT_TRUE(url.ok()) << url.message;
  EXPECT_THAT(att("AWS::Lambda::Url", url.resource_model, "FunctionUrl"),
              HasSubstr(".lambda-url.us-east-1.on.aws/"));
  auto url2 = update("AWS::Lambda::Url", url, R"({"TargetFunctionArn": "app",
      "Qualifier": "live", "AuthType": "AWS_IAM"})");
  ASSERT_TRUE(url2.ok()) << url2.message;
  EXPECT_EQ(call("lambda", "GetFunctionUrlConfig", {{"FunctionName", "app:live"}})["AuthType"],
            "AWS_IAM");

  for (auto *r : {&url, &permission, &alias, &version}) {
    std::string type = r == &url          ? "AWS::Lambda::Url"
                       : r == &permission ? "AWS::Lambda::Permission"
                       : r == &alias      ? "AWS::Lambda::Alias"
                                          : "AWS::Lambda::Version";
    auto removed = remove(type, r->resource_model);
    EXPECT_TRUE(removed.ok()) << type << ": " << removed.message;
    EXPECT_EQ(read(type, r->resource_model).error_code, HandlerErrorCode::NotFound) << type;
  }
}

TEST_F(LambdaProvidersTest, EventSourceMappingAndLayerVersion) {
  ASSERT_TRUE(create(kFunction, "Fn", function_json(R"(, "FunctionName": "worker")")).ok());
  call("sqs", "CreateQueue", {{"QueueName", "jobs"}});
  auto mapping = create("AWS::Lambda::EventSourceMapping", "M", R"({"FunctionName": "worker",
      "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:jobs", "BatchSize": 5})");
  ASSERT_TRUE(mapping.ok()) << mapping.message;
  std::string uuid = mapping.resource_model.find("Id")->as_string();
  auto changed = update("AWS::Lambda::EventSourceMapping", mapping, R"({"FunctionName": "worker",
      "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:jobs", "BatchSize": 8,
      "Enabled": false})");
  ASSERT_TRUE(changed.ok()) << changed.message;
  Json m = call("lambda", "GetEventSourceMapping", {{"UUID", uuid}});
  EXPECT_EQ(m["BatchSize"], 8);
  EXPECT_EQ(m["State"], "Disabled");
  auto missing_queue = create("AWS::Lambda::EventSourceMapping", "N", R"({"FunctionName": "worker",
      "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:nope"})");
  EXPECT_FALSE(missing_queue.ok());
  EXPECT_THAT(missing_queue.message, HasSubstr("The specified queue does not exist"));
  EXPECT_TRUE(remove("AWS::Lambda::EventSourceMapping", mapping.resource_model).ok());

  call("s3", "CreateBucket", {{"Bucket", "layers"}});
  call("s3", "PutObject",
       {{"Bucket", "layers"},
        {"Key", "l.zip"},
        {"Body", std::string("PK\x05\x06", 4) + std::string(18, '\0')}});
  auto layer = create("AWS::Lambda::LayerVersion", "L", R"({"Content": {"S3Bucket": "layers",
      "S3Key": "l.zip"}, "CompatibleRuntimes": ["python3.12"]})");
  ASSERT_TRUE(layer.ok()) << layer.message;
  std::string arn = *provider("AWS::Lambda::LayerVersion")
                         .ref("AWS::Lambda::LayerVersion", layer.resource_model)
                         ->scalar_string();
  EXPECT_THAT(arn, MatchesRegex("arn:aws:lambda:us-east-1:123456789012:layer:mystack-L-.*:1"));
  EXPECT_TRUE(read("AWS::Lambda::LayerVersion", layer.resource_model).ok());
  EXPECT_TRUE(remove("AWS::Lambda::LayerVersion", layer.resource_model).ok());
  EXPECT_EQ(read("AWS::Lambda::LayerVersion", layer.resource_model).error_code,
            HandlerErrorCode::NotFound);
}

TEST_F(LambdaProvidersTest, LogGroupAndStream) {
  auto group = create(kGroup, "Logs", R"({"LogGroupName": "/app/web", "RetentionInDays": 7,
      "Tags": [{"Key": "a", "Value": "1"}]})");
  ASSERT_TRUE(group.ok()) << group.message;
  EXPECT_EQ(*provider(kGroup).ref(kGroup, group.resource_model), Value("/app/web"));
  EXPECT_EQ(att(kGroup, group.resource_model, "Arn"),
            "arn:aws:logs:us-east-1:123456789012:log-group:/app/web:*");
  auto updated = update(kGroup, group, R"({"LogGroupName": "/app/web", "RetentionInDays": 30})");
  ASSERT_TRUE(updated.ok()) << updated.message;
  Json g = call("logs", "DescribeLogGroups", {{"logGroupNamePrefix", "/app/web"}})["logGroups"][0];
  EXPECT_EQ(g["retentionInDays"], 30);
  auto read = this->read(kGroup, group.resource_model);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.resource_model.find("Tags"), nullptr);
  auto dropped = update(kGroup, group, R"({"LogGroupName": "/app/web"})");
  ASSERT_TRUE(dropped.ok());
  EXPECT_FALSE(
      call("logs", "DescribeLogGroups", {{"logGroupNamePrefix", "/app/web"}})["logGroups"][0]
          .contains("retentionInDays"));

  auto stream = create("AWS::Logs::LogStream", "S", R"({"LogGroupName": "/app/web"})");
  ASSERT_TRUE(stream.ok()) << stream.message;
  EXPECT_TRUE(this->read("AWS::Logs::LogStream", stream.resource_model).ok());
  EXPECT_TRUE(remove("AWS::Logs::LogStream", stream.resource_model).ok());

  // CloudWatch Logs' own error: a stream in a group that does not exist.
  auto bad = create("AWS::Logs::LogStream", "Bad", R"({"LogGroupName": "/app/other"})");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.error_code, HandlerErrorCode::NotFound);
  EXPECT_THAT(bad.message, HasSubstr("The specified log group does not exist."));
  ASSERT_TRUE(remove(kGroup, group.resource_model).ok());
  EXPECT_EQ(this->read(kGroup, group.resource_model).error_code, HandlerErrorCode::NotFound);
}

} // namespace
} // namespace cfnlocal::providers
