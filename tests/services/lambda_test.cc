// The embedded AWS Lambda's control plane: what CreateFunction enforces (role in IAM trusting
// Lambda, runtimes, ranges, handler, environment), code from ZipFile or the embedded S3,
// versions and aliases, permissions, event source mappings, layers and URLs, with Lambda's
// error codes and messages.
#include "services/zip_archive.h"
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

namespace cfnlocal::services {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

Json binary(const std::string &bytes) {
  return Json::binary(std::vector<uint8_t>(bytes.begin(), bytes.end()));
}

class LambdaTest : public EmbeddedTest {
protected:
  void SetUp() override {
    EmbeddedTest::SetUp();
    role_ = make_role("exec", "lambda.amazonaws.com");
  }
  std::string make_role(const std::string &name, const std::string &service) {
    Json trust = {{"Version", "2012-10-17"},
                  {"Statement",
                   {{{"Effect", "Allow"},
                     {"Principal", {{"Service", service}}},
                     {"Action", "sts:AssumeRole"}}}}};
    return call("iam", "CreateRole",
                {{"RoleName", name}, {"AssumeRolePolicyDocument", trust.dump()}})["Role"]["Arn"];
  }
  Json function_input(const std::string &name) {
    return {
        {"FunctionName", name},
        {"Role", role_},
        {"Runtime", "python3.12"},
        {"Handler", "index.handler"},
        {"Code",
         {{"ZipFile", binary(zip_archive({{"index.py", "def handler(e, c):\n  return 1\n"}}))}}}};
  }
  Json create(const std::string &name, Json extra = Json::object()) {
    Json in = function_input(name);
    in.update(extra);
    return call("lambda", "CreateFunction", in);
  }
  std::string create_error(Json extra) {
    Json in = function_input("f");
    in.update(extra);
    return error_of("lambda", "CreateFunction", in);
  }
  std::string role_;
};

TEST_F(LambdaTest, CreateGivesTheConfiguration) {
  Json c = create("fn", {{"Environment", {{"Variables", {{"STAGE", "1"}}}}}, {"MemorySize", 256}});
  EXPECT_EQ(c["FunctionArn"], "arn:aws:lambda:us-east-1:123456789012:function:fn");
  EXPECT_EQ(c["Version"], "$LATEST");
  EXPECT_EQ(c["Timeout"], 3);
  EXPECT_EQ(c["MemorySize"], 256);
  EXPECT_EQ(c["State"], "Active");
  EXPECT_EQ(c["Environment"]["Variables"]["STAGE"], "1");
  EXPECT_EQ(c["CodeSha256"].get<std::string>().size(), 44u);
  EXPECT_EQ(c["LoggingConfig"]["LogGroup"], "/aws/lambda/fn");
  Json got = call("lambda", "GetFunction",
                  {{"FunctionName", "arn:aws:lambda:us-east-1:123456789012:function:fn"}});
  EXPECT_EQ(got["Configuration"]["RevisionId"], c["RevisionId"]);
  EXPECT_THAT(got["Code"]["Location"].get<std::string>(), StartsWith("file://"));
  EXPECT_EQ(error_of("lambda", "CreateFunction", function_input("fn")),
            "ResourceConflictException");
  EXPECT_EQ(last_error_, "Function already exist: fn");
  EXPECT_EQ(last_status_, 409);
}

TEST_F(LambdaTest, TheRoleMustExistAndTrustLambda) {
  EXPECT_EQ(create_error({{"Role", "arn:aws:iam::123456789012:role/missing"}}),
            "InvalidParameterValueException");
  EXPECT_EQ(last_error_, "The role defined for the function cannot be assumed by Lambda.");
  std::string ec2 = make_role("ec2-only", "ec2.amazonaws.com");
  EXPECT_EQ(create_error({{"Role", ec2}}), "InvalidParameterValueException");
  EXPECT_EQ(create_error({{"Role", "not-an-arn"}}), "ValidationException");
}

TEST_F(LambdaTest, SettingsAreChecked) {
  EXPECT_EQ(create_error({{"Runtime", "python9"}}), "ValidationException");
  EXPECT_THAT(last_error_, HasSubstr("at 'runtime' failed to satisfy constraint: Member must "
                                     "satisfy enum value set"));
  EXPECT_EQ(create_error({{"Runtime", "python2.7"}}), "InvalidParameterValueException");
  EXPECT_THAT(last_error_, HasSubstr("python2.7 is no longer supported"));
  EXPECT_EQ(create_error({{"MemorySize", 64}}), "ValidationException");
  EXPECT_THAT(last_error_, HasSubstr("Member must have value greater than or equal to 128"));
  EXPECT_EQ(create_error({{"MemorySize", 10241}}), "ValidationException");
  EXPECT_EQ(create_error({{"Timeout", 901}}), "ValidationException");
  EXPECT_THAT(last_error_, HasSubstr("less than or equal to 900"));
  EXPECT_EQ(create_error({{"Timeout", 0}}), "ValidationException");
  EXPECT_EQ(create_error({{"Handler", "has space"}}), "ValidationException");
  EXPECT_EQ(create_error({{"FunctionName", "bad name"}}), "ValidationException");
  EXPECT_EQ(create_error({{"Environment", {{"Variables", {{"AWS_REGION", "x"}}}}}}),
            "InvalidParameterValueException");
  EXPECT_THAT(last_error_, HasSubstr("Reserved keys used in this request: AWS_REGION"));
  EXPECT_EQ(create_error({{"Code", {{"ZipFile", binary("not a zip at all, really not")}}}}),
            "InvalidParameterValueException");
  EXPECT_THAT(last_error_, HasSubstr("Could not unzip uploaded file"));
  EXPECT_EQ(create_error({{"Layers", {"arn:aws:lambda:us-east-1:123456789012:layer:nope:1"}}}),
            "InvalidParameterValueException");
  EXPECT_THAT(last_error_, HasSubstr("does not exist"));
}

TEST_F(LambdaTest, CodeFromTheEmbeddedS3) {
  call("s3", "CreateBucket", {{"Bucket", "code"}});
  call("s3", "PutObject",
       {{"Bucket", "code"}, {"Key", "fn.zip"}, {"Body", zip_archive({{"index.py", "x = 1\n"}})}});
  Json c = create("froms3", {{"Code", {{"S3Bucket", "code"}, {"S3Key", "fn.zip"}}}});
  EXPECT_GT(c["CodeSize"].get<int64_t>(), 0);
  EXPECT_EQ(create_error({{"FunctionName", "other"},
                          {"Code", {{"S3Bucket", "code"}, {"S3Key", "missing.zip"}}}}),
            "InvalidParameterValueException");
  EXPECT_THAT(last_error_, HasSubstr("NoSuchKey"));
}

TEST_F(LambdaTest, UpdatesVersionsAndAliases) {
  create("fn");
  Json v1 = call("lambda", "PublishVersion", {{"FunctionName", "fn"}});
  EXPECT_EQ(v1["Version"], "1");
  EXPECT_EQ(v1["FunctionArn"], "arn:aws:lambda:us-east-1:123456789012:function:fn:1");
  // Nothing changed: the same version again.
  EXPECT_EQ(call("lambda", "PublishVersion", {{"FunctionName", "fn"}})["Version"], "1");
  call("lambda", "UpdateFunctionConfiguration", {{"FunctionName", "fn"}, {"Timeout", 30}});
  EXPECT_EQ(call("lambda", "PublishVersion", {{"FunctionName", "fn"}})["Version"], "2");
  EXPECT_EQ(call("lambda", "GetFunctionConfiguration",
                 {{"FunctionName", "fn"}, {"Qualifier", "1"}})["Timeout"],
            3);
  Json alias = call("lambda", "CreateAlias",
                    {{"FunctionName", "fn"}, {"Name", "live"}, {"FunctionVersion", "1"}});
  EXPECT_EQ(alias["AliasArn"], "arn:aws:lambda:us-east-1:123456789012:function:fn:live");
  EXPECT_EQ(error_of("lambda", "CreateAlias",
                     {{"FunctionName", "fn"}, {"Name", "x"}, {"FunctionVersion", "9"}}),
            "ResourceNotFoundException");
  EXPECT_EQ(error_of("lambda", "CreateAlias",
                     {{"FunctionName", "fn"}, {"Name", "123"}, {"FunctionVersion", "1"}}),
            "ValidationException");
  EXPECT_EQ(error_of("lambda", "DeleteFunction", {{"FunctionName", "fn"}, {"Qualifier", "1"}}),
            "ResourceConflictException");
  EXPECT_THAT(last_error_, HasSubstr("[live]"));
  call("lambda", "UpdateAlias",
       {{"FunctionName", "fn"}, {"Name", "live"}, {"FunctionVersion", "2"}});
  EXPECT_EQ(call("lambda", "GetFunctionConfiguration", {{"FunctionName", "fn:live"}})["Timeout"],
            30);
  call("lambda", "DeleteFunction", {{"FunctionName", "fn"}, {"Qualifier", "1"}});
  EXPECT_EQ(call("lambda", "ListVersionsByFunction", {{"FunctionName", "fn"}})["Versions"].size(),
            2u);
  EXPECT_EQ(error_of("lambda", "UpdateFunctionConfiguration",
                     {{"FunctionName", "fn"}, {"RevisionId", "stale"}}),
            "PreconditionFailedException");
  call("lambda", "DeleteFunction", {{"FunctionName", "fn"}});
  EXPECT_EQ(error_of("lambda", "GetFunction", {{"FunctionName", "fn"}}),
            "ResourceNotFoundException");
  EXPECT_EQ(last_error_, "Function not found: arn:aws:lambda:us-east-1:123456789012:function:fn");
  EXPECT_EQ(last_status_, 404);
}

TEST_F(LambdaTest, Permissions) {
  create("fn");
  Json s = call("lambda", "AddPermission",
                {{"FunctionName", "fn"},
                 {"StatementId", "s3"},
                 {"Action", "lambda:InvokeFunction"},
                 {"Principal", "s3.amazonaws.com"},
                 {"SourceArn", "arn:aws:s3:::bucket"}});
  Json statement = Json::parse(s["Statement"].get<std::string>());
  EXPECT_EQ(statement["Principal"]["Service"], "s3.amazonaws.com");
  EXPECT_EQ(statement["Condition"]["ArnLike"]["AWS:SourceArn"], "arn:aws:s3:::bucket");
  EXPECT_EQ(error_of("lambda", "AddPermission",
                     {{"FunctionName", "fn"},
                      {"StatementId", "s3"},
                      {"Action", "lambda:InvokeFunction"},
                      {"Principal", "s3.amazonaws.com"}}),
            "ResourceConflictException");
  EXPECT_EQ(error_of("lambda", "AddPermission",
                     {{"FunctionName", "fn"},
                      {"StatementId", "bad"},
                      {"Action", "invoke"},
                      {"Principal", "s3.amazonaws.com"}}),
            "ValidationException");
  Json policy = Json::parse(
      call("lambda", "GetPolicy", {{"FunctionName", "fn"}})["Policy"].get<std::string>());
  EXPECT_EQ(policy["Statement"].size(), 1u);
  call("lambda", "RemovePermission", {{"FunctionName", "fn"}, {"StatementId", "s3"}});
  EXPECT_EQ(error_of("lambda", "GetPolicy", {{"FunctionName", "fn"}}), "ResourceNotFoundException");
  EXPECT_EQ(error_of("lambda", "RemovePermission", {{"FunctionName", "fn"}, {"StatementId", "s3"}}),
            "ResourceNotFoundException");
}

TEST_F(LambdaTest, EventSourceMappingsLayersAndUrls) {
  create("fn");
  EXPECT_EQ(error_of("lambda", "CreateEventSourceMapping",
                     {{"FunctionName", "fn"},
                      {"EventSourceArn", "arn:aws:sqs:us-east-1:123456789012:missing"}}),
            "InvalidParameterValueException");
  call("sqs", "CreateQueue", {{"QueueName", "q"}});
  Json m = call("lambda", "CreateEventSourceMapping",
                {{"FunctionName", "fn"},
                 {"EventSourceArn", "arn:aws:sqs:us-east-1:123456789012:q"},
                 {"BatchSize", 5}});
  EXPECT_EQ(m["BatchSize"], 5);
  EXPECT_EQ(m["FunctionArn"], "arn:aws:lambda:us-east-1:123456789012:function:fn");
  EXPECT_EQ(
      error_of("lambda", "UpdateEventSourceMapping", {{"UUID", m["UUID"]}, {"BatchSize", 100}}),
      "InvalidParameterValueException");
  EXPECT_THAT(last_error_, HasSubstr("Maximum batch window"));
  call("lambda", "UpdateEventSourceMapping", {{"UUID", m["UUID"]}, {"Enabled", false}});
  EXPECT_EQ(call("lambda", "GetEventSourceMapping", {{"UUID", m["UUID"]}})["State"], "Disabled");
  call("lambda", "DeleteEventSourceMapping", {{"UUID", m["UUID"]}});
  EXPECT_EQ(error_of("lambda", "GetEventSourceMapping", {{"UUID", m["UUID"]}}),
            "ResourceNotFoundException");

  Json layer = call("lambda", "PublishLayerVersion",
                    {{"LayerName", "libs"},
                     {"Content", {{"ZipFile", binary(zip_archive({{"python/x.py", "X = 1\n"}}))}}},
                     {"CompatibleRuntimes", {"python3.12"}}});
  EXPECT_EQ(layer["LayerVersionArn"], "arn:aws:lambda:us-east-1:123456789012:layer:libs:1");
  call("lambda", "UpdateFunctionConfiguration",
       {{"FunctionName", "fn"}, {"Layers", {layer["LayerVersionArn"]}}});
  call("lambda", "DeleteLayerVersion", {{"LayerName", "libs"}, {"VersionNumber", 1}});
  EXPECT_EQ(error_of("lambda", "GetLayerVersion", {{"LayerName", "libs"}, {"VersionNumber", 1}}),
            "ResourceNotFoundException");

  Json url =
      call("lambda", "CreateFunctionUrlConfig", {{"FunctionName", "fn"}, {"AuthType", "NONE"}});
  EXPECT_THAT(url["FunctionUrl"].get<std::string>(), HasSubstr(".lambda-url.us-east-1.on.aws/"));
  EXPECT_EQ(
      error_of("lambda", "CreateFunctionUrlConfig", {{"FunctionName", "fn"}, {"AuthType", "NONE"}}),
      "ResourceConflictException");
  EXPECT_EQ(
      error_of("lambda", "UpdateFunctionUrlConfig", {{"FunctionName", "fn"}, {"AuthType", "OPEN"}}),
      "ValidationException");
  call("lambda", "UpdateFunctionUrlConfig", {{"FunctionName", "fn"}, {"AuthType", "AWS_IAM"}});
  EXPECT_EQ(call("lambda", "GetFunctionUrlConfig", {{"FunctionName", "fn"}})["AuthType"],
            "AWS_IAM");
  call("lambda", "DeleteFunctionUrlConfig", {{"FunctionName", "fn"}});
  EXPECT_EQ(error_of("lambda", "GetFunctionUrlConfig", {{"FunctionName", "fn"}}),
            "ResourceNotFoundException");
}

TEST_F(LambdaTest, Tags) {
  Json c = create("fn", {{"Tags", {{"a", "1"}}}});
  std::string arn = c["FunctionArn"];
  call("lambda", "TagResource", {{"Resource", arn}, {"Tags", {{"b", "2"}}}});
  call("lambda", "UntagResource", {{"Resource", arn}, {"TagKeys", {"a"}}});
  EXPECT_EQ(call("lambda", "ListTags", {{"Resource", arn}})["Tags"], Json({{"b", "2"}}));
}

} // namespace
} // namespace cfnlocal::services
