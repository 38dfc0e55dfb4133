// AWS::StepFunctions::StateMachine deployed through the engine onto the embedded Step
// Functions: a definition from Definition (with substitutions), DefinitionString and
// DefinitionS3Location; in-place updates (definition, logging off, tags); a replacement (type);
// delete; Step Functions' definition check (InvalidDefinition with its problems) and its role
// check failing the resource with its message, then rolling back.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class StepFunctionsDeployTest : public ServiceDeployTest {
protected:
  Json describe(const std::string &arn) {
    return call("stepfunctions", "DescribeStateMachine", {{"stateMachineArn", arn}});
  }
};

const char *kTemplate = R"(
Parameters:
  Greeting:
    Type: String
    Default: hello
  Type:
    Type: String
    Default: STANDARD
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: states.amazonaws.com}
            Action: sts:AssumeRole
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineType: !Ref Type
      RoleArn: !GetAtt Role.Arn
      Definition:
        StartAt: Pause
        States:
          Pause:
            Type: Wait
            Seconds: 5
            Next: Greet
          Greet:
            Type: Pass
            Result: ${Greeting}
            Next: Decide
          Decide:
            Type: Choice
            Choices:
              - Variable: $.go
                BooleanEquals: true
                Next: Done
            Default: Failed
          Done:
            Type: Succeed
          Failed:
            Type: Fail
            Error: Stopped
      DefinitionSubstitutions:
        Greeting: !Ref Greeting
      Tags:
        - Key: team
          Value: core
Outputs:
  Arn:
    Value: !Ref Machine
  Name:
    Value: !GetAtt Machine.Name
  Revision:
    Value: !GetAtt Machine.StateMachineRevisionId
)";

} // namespace

TEST_F(StepFunctionsDeployTest, CreateUpdateInPlaceReplaceAndDelete) {
  auto created = deploy("app", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string arn = output(created, "Arn");
  std::string name = output(created, "Name");
  EXPECT_EQ(arn, "arn:aws:states:us-east-1:123456789012:stateMachine:" + name);
  Json d = describe(arn);
  EXPECT_EQ(d["type"], "STANDARD");
  EXPECT_EQ(Json::parse(d["definition"].get<std::string>())["States"]["Greet"]["Result"], "hello");
  EXPECT_EQ(call("stepfunctions", "ListTagsForResource", {{"resourceArn", arn}})["tags"][0]["key"],
            "team");

  auto updated = deploy("app", kTemplate, {{"Greeting", "bonjour"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "Arn"), arn);
  EXPECT_NE(output(updated, "Revision"), output(created, "Revision"));
  EXPECT_EQ(
      Json::parse(describe(arn)["definition"].get<std::string>())["States"]["Greet"]["Result"],
      "bonjour");

  // The type is create-only: a new state machine, the old one deleted.
  auto replaced = deploy("app", kTemplate, {{"Greeting", "bonjour"}, {"Type", "EXPRESS"}});
  ASSERT_TRUE(replaced.succeeded) << replaced.message;
  std::string new_arn = output(replaced, "Arn");
  EXPECT_NE(new_arn, arn);
  EXPECT_EQ(describe(new_arn)["type"], "EXPRESS");
  EXPECT_EQ(error_of("stepfunctions", "DescribeStateMachine", {{"stateMachineArn", arn}}),
            "StateMachineDoesNotExist");

  auto deleted = remove("app");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_TRUE(call("stepfunctions", "ListStateMachines")["stateMachines"].empty());
}

TEST_F(StepFunctionsDeployTest, DefinitionStringAndS3Location) {
  call("s3", "CreateBucket", {{"Bucket", "definitions"}});
  call("s3", "PutObject",
       {{"Bucket", "definitions"},
        {"Key", "flow.json"},
        {"Body",
         R"({"StartAt":"P","States":{"P":{"Type":"Pass","Result":"${Value}","End":true}}})"}});
  const char *t = R"(
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: [lambda.amazonaws.com, states.amazonaws.com]}
            Action: sts:AssumeRole
  FromString:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineName: from-string
      RoleArn: !GetAtt Role.Arn
      DefinitionString: '{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}'
  FromS3:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineName: from-s3
      RoleArn: !GetAtt Role.Arn
      DefinitionS3Location: {Bucket: definitions, Key: flow.json}
      DefinitionSubstitutions:
        Value: hello
Outputs:
  S3Arn:
    Value: !Ref FromS3
)";
  auto created = deploy("app", t);
  ASSERT_TRUE(created.succeeded) << created.message;
  Json d = describe(output(created, "S3Arn"));
  EXPECT_EQ(Json::parse(d["definition"].get<std::string>())["States"]["P"]["Result"], "hello");
  EXPECT_EQ(describe("arn:aws:states:us-east-1:123456789012:stateMachine:from-string")["name"],
            "from-string");
}

TEST_F(StepFunctionsDeployTest, InvalidDefinitionFailsWithEveryProblemAndRollsBack) {
  const char *t = R"(
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: states.amazonaws.com}
            Action: sts:AssumeRole
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !GetAtt Role.Arn
      Definition:
        StartAt: Work
        States:
          Work:
            Type: Task
            Next: Nowhere
)";
  auto result = deploy("app", t);
  EXPECT_FALSE(result.succeeded);
  EXPECT_EQ(result.stack.status, "ROLLBACK_COMPLETE");
  std::string why = reason("Machine", "CREATE_FAILED");
  EXPECT_THAT(why, HasSubstr("Invalid State Machine Definition: '"));
  EXPECT_THAT(why, HasSubstr("SCHEMA_VALIDATION_FAILED: The field \"Resource\" is required but "
                             "was missing at /States/Work"));
  EXPECT_THAT(why, HasSubstr("MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at "
                             "/States/Work/Next"));
  EXPECT_THAT(why, HasSubstr("Error Code: InvalidDefinition"));
  EXPECT_EQ(reporter_.statuses("Role").back(), "DELETE_COMPLETE");
}

TEST_F(StepFunctionsDeployTest, ARoleStepFunctionsCannotAssumeIsRefused) {
  const char *t = R"(
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !GetAtt Role.Arn
      DefinitionString: '{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}'
)";
  auto result = deploy("app", t, {}, true);
  EXPECT_FALSE(result.succeeded);
  EXPECT_THAT(reason("Machine", "CREATE_FAILED"),
              HasSubstr("Neither the global service principal states.amazonaws.com, nor the "
                        "regional one is authorized to assume the provided role."));
  EXPECT_THAT(reason("Machine", "CREATE_FAILED"), HasSubstr("AccessDeniedException"));

  const char *missing = R"(
Resources:
  Missing:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/nobody
      DefinitionString: '{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}'
)";
  EXPECT_FALSE(deploy("other", missing).succeeded);
  EXPECT_THAT(reason("Missing", "CREATE_FAILED"),
              HasSubstr("is authorized to assume the provided role"));
}
