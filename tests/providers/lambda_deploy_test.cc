// Lambda templates deployed through the engine onto the embedded Lambda, IAM and CloudWatch
// Logs: outputs from Ref and GetAtt, the deployed function invoked, an in-place update, a
// replacement, and a Lambda validation error failing the stack with Lambda's message and
// rolling back.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

#include <cstdlib>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class LambdaDeployTest : public ServiceDeployTest {};

const char *kTemplate = R"(
Parameters:
  Memory:
    Type: Number
    Default: 128
  Name:
    Type: String
    Default: greeter
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub /aws/lambda/${Name}
      RetentionInDays: 7
  Fn:
    Type: AWS::Lambda::Function
    DependsOn: Logs
    Properties:
      FunctionName: !Ref Name
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role.Arn
      MemorySize: !Ref Memory
      Environment:
        Variables:
          PREFIX: hello
      Code:
        ZipFile: |
          import os
          def handler(event, context):
              return os.environ["PREFIX"] + " " + event.get("who", "world")
  Version:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Fn
  Live:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Fn
      FunctionVersion: !GetAtt Version.Version
      Name: live
  Invoke:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Live
      Action: lambda:InvokeFunction
      Principal: apigateway.amazonaws.com
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: NONE
Outputs:
  Name:
    Value: !Ref Fn
  Arn:
    Value: !GetAtt Fn.Arn
  VersionArn:
    Value: !Ref Version
  Alias:
    Value: !Ref Live
  Url:
    Value: !GetAtt Url.FunctionUrl
  Group:
    Value: !GetAtt Logs.Arn
)";

} // namespace

TEST_F(LambdaDeployTest, CreateInvokeUpdateReplaceAndDelete) {
  auto created = deploy("app", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  EXPECT_EQ(output(created, "Name"), "greeter");
  EXPECT_EQ(output(created, "Arn"), "arn:aws:lambda:us-east-1:123456789012:function:greeter");
  EXPECT_EQ(output(created, "VersionArn"),
            "arn:aws:lambda:us-east-1:123456789012:function:greeter:1");
  EXPECT_EQ(output(created, "Alias"),
            "arn:aws:lambda:us-east-1:123456789012:function:greeter:live");
  EXPECT_THAT(output(created, "Url"), HasSubstr(".lambda-url.us-east-1.on.aws/"));
  EXPECT_EQ(output(created, "Group"),
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/greeter:*");
  Json policy = Json::parse(
      call("lambda", "GetPolicy", {{"FunctionName", "greeter"}, {"Qualifier", "live"}})["Policy"]
          .get<std::string>());
  EXPECT_EQ(policy["Statement"][0]["Principal"]["Service"], "apigateway.amazonaws.com");
  if (std::system("command -v python3 >/dev/null 2>&1") == 0) {
    Json out = call("lambda", "Invoke",
                    {{"FunctionName", "greeter"},
                     {"Qualifier", "live"},
                     {"Payload", R"({"who": "cfnlocal"})"}});
    EXPECT_EQ(out["Payload"], "\"hello cfnlocal\"");
    // The function logs into the stack's own log group.
    EXPECT_FALSE(
        call("logs", "FilterLogEvents",
             {{"logGroupName", "/aws/lambda/greeter"}, {"filterPattern", "REPORT"}})["events"]
            .empty());
  }

  // Mutable: the same function with more memory.
  auto updated = deploy("app", kTemplate, {{"Memory", "512"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "Arn"), output(created, "Arn"));
  EXPECT_EQ(call("lambda", "GetFunctionConfiguration", {{"FunctionName", "greeter"}})["MemorySize"],
            512);

  // createOnly FunctionName: a new function, the old one deleted. (The alias goes first: its
  // Name is a custom name, and the engine refuses to replace custom-named resources.)
  std::string without_alias = kTemplate;
  without_alias.erase(without_alias.find("  Live:"),
                      without_alias.find("  Url:\n") - without_alias.find("  Live:"));
  without_alias.erase(without_alias.find("  Alias:\n"),
                      without_alias.find("  Url:\n    Value") - without_alias.find("  Alias:\n"));
  ASSERT_TRUE(deploy("app", without_alias, {{"Memory", "512"}}).succeeded);
  auto replaced = deploy("app", without_alias, {{"Memory", "512"}, {"Name", "welcomer"}});
  ASSERT_TRUE(replaced.succeeded) << replaced.message;
  EXPECT_EQ(output(replaced, "VersionArn"),
            "arn:aws:lambda:us-east-1:123456789012:function:welcomer:1");
  EXPECT_EQ(output(replaced, "Arn"), "arn:aws:lambda:us-east-1:123456789012:function:welcomer");
  EXPECT_EQ(call("lambda", "ListFunctions")["Functions"].size(), 1u);

  auto deleted = remove("app");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_TRUE(call("lambda", "ListFunctions")["Functions"].empty());
  EXPECT_TRUE(
      call("logs", "DescribeLogGroups", {{"logGroupNamePrefix", "/aws/lambda/w"}})["logGroups"]
          .empty());
}

TEST_F(LambdaDeployTest, LambdaValidationErrorFailsTheResourceAndRollsBack) {
  // The schema allows 32768 MB; Lambda allows 10240.
  std::string t = lambda_stack_template("      MemorySize: 20000\n");
  auto result = deploy("bad", t);
  EXPECT_FALSE(result.succeeded);
  EXPECT_EQ(result.stack.status, "ROLLBACK_COMPLETE");
  std::string why = reason("Fn", "CREATE_FAILED");
  EXPECT_THAT(why, HasSubstr("Member must have value less than or equal to 10240"));
  EXPECT_EQ(reporter_.statuses("Role"),
            (std::vector<std::string>{"CREATE_IN_PROGRESS", "CREATE_COMPLETE", "DELETE_IN_PROGRESS",
                                      "DELETE_COMPLETE"}));
  EXPECT_TRUE(call("lambda", "ListFunctions")["Functions"].empty());
}

TEST_F(LambdaDeployTest, ARoleThatDoesNotTrustLambdaFailsTheFunction) {
  std::string t = lambda_stack_template("", "ec2.amazonaws.com");
  auto result = deploy("untrusted", t);
  EXPECT_FALSE(result.succeeded);
  std::string why = reason("Fn", "CREATE_FAILED");
  EXPECT_THAT(why, HasSubstr("The role defined for the function cannot be assumed by Lambda."));
}
