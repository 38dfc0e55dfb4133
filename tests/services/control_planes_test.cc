// The embedded KMS, EventBridge, Kinesis and Step Functions control planes: each service's own
// checks with its error codes and messages (the providers' deploy tests cover the happy paths).
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

namespace cfnlocal::services {
namespace {

using ::testing::HasSubstr;

class ControlPlanesTest : public EmbeddedTest {
protected:
  void expect_error(std::string_view service, std::string_view op, const std::string &json,
                    const std::string &code, const std::string &message) {
    EXPECT_EQ(error_of(service, op, Json::parse(json)), code) << op << " " << json;
    EXPECT_THAT(last_error_, HasSubstr(message)) << op << " " << json;
  }
};

TEST_F(ControlPlanesTest, KmsKeysAliasesAndTheirRules) {
  std::string id = call("kms", "CreateKey", {{"Description", "d"}})["KeyMetadata"]["KeyId"];
  std::string arn = "arn:aws:kms:us-east-1:123456789012:key/" + id;
  EXPECT_EQ(call("kms", "DescribeKey", {{"KeyId", arn}})["KeyMetadata"]["KeyState"], "Enabled");
  expect_error("kms", "CreateAlias", R"({"AliasName": "app", "TargetKeyId": ")" + id + "\"}",
               "ValidationException", "Alias must start with the prefix \"alias/\"");
  expect_error("kms", "CreateAlias",
               R"({"AliasName": "alias/aws/x", "TargetKeyId": ")" + id + "\"}",
               "NotAuthorizedException", "alias/aws/");
  call("kms", "CreateAlias", {{"AliasName", "alias/app"}, {"TargetKeyId", id}});
  expect_error(
      "kms", "CreateAlias", R"({"AliasName": "alias/app", "TargetKeyId": ")" + id + "\"}",
      "AlreadyExistsException",
      "An alias with the name arn:aws:kms:us-east-1:123456789012:alias/app already exists");
  expect_error("kms", "CreateAlias", R"({"AliasName": "alias/b", "TargetKeyId": "alias/app"})",
               "ValidationException", "Aliases must refer to keys. Not aliases");
  // An alias moves only to a key of the same type.
  std::string hmac = call("kms", "CreateKey", {{"KeySpec", "HMAC_256"}})["KeyMetadata"]["KeyId"];
  expect_error("kms", "UpdateAlias",
               R"({"AliasName": "alias/app", "TargetKeyId": ")" + hmac + "\"}",
               "ValidationException", "is not the same type of KMS key");
  expect_error("kms", "EnableKeyRotation", R"({"KeyId": ")" + hmac + "\"}",
               "UnsupportedOperationException", "key spec or origin is not valid");
  expect_error("kms", "EnableKeyRotation",
               R"({"KeyId": ")" + id + R"(", "RotationPeriodInDays": 10})", "ValidationException",
               "Member must have value greater than or equal to 90");
  expect_error("kms", "ScheduleKeyDeletion",
               R"({"KeyId": ")" + id + R"(", "PendingWindowInDays": 3})", "ValidationException",
               "Member must have value greater than or equal to 7");
  call("kms", "ScheduleKeyDeletion", {{"KeyId", id}});
  expect_error("kms", "EnableKeyRotation", R"({"KeyId": ")" + id + "\"}",
               "KMSInvalidStateException", arn + " is pending deletion.");
  expect_error("kms", "DescribeKey", R"({"KeyId": "alias/none"})", "NotFoundException",
               "Alias 'arn:aws:kms:us-east-1:123456789012:alias/none' is not found.");
  expect_error("kms", "PutKeyPolicy", R"({"KeyId": ")" + hmac + R"(", "Policy": "{}"})",
               "MalformedPolicyDocumentException", "no Statement");
}

TEST_F(ControlPlanesTest, EventBridgeBusesRulesAndTargets) {
  expect_error("events", "CreateEventBus", R"({"Name": "default"})",
               "ResourceAlreadyExistsException", "Event bus default already exists.");
  call("events", "CreateEventBus", {{"Name", "bus"}});
  expect_error("events", "PutRule", R"({"Name": "r", "EventBusName": "bus"})",
               "ValidationException",
               "Parameter(s) EventPattern or ScheduleExpression must be specified.");
  expect_error("events", "PutRule",
               R"j({"Name": "r", "EventBusName": "bus", "ScheduleExpression": "rate(5 minutes)"})j",
               "ValidationException",
               "ScheduleExpression is supported only on the default event bus.");
  for (const char *bad : {"rate(0 minutes)", "rate(1 hours)", "cron(0 12 * * * *)", "every day"})
    expect_error("events", "PutRule",
                 std::string(R"({"Name": "r", "ScheduleExpression": ")") + bad + "\"}",
                 "ValidationException", "Parameter ScheduleExpression is not valid.");
  call("events", "PutRule", {{"Name", "s"}, {"ScheduleExpression", "cron(0 12 ? * MON-FRI *)"}});
  expect_error("events", "PutRule",
               R"({"Name": "r", "EventBusName": "bus", "EventPattern": "{\"source\": \"x\"}"})",
               "InvalidEventPatternException",
               "Event pattern is not valid. Reason: Match value must be String, number, true, "
               "false, or null");
  expect_error(
      "events", "PutRule",
      R"({"Name": "r", "EventBusName": "bus", "EventPattern": "{\"n\": [{\"numeric\": [\"~\", 1]}]}"})",
      "InvalidEventPatternException", "Unrecognized numeric range operator");
  call("events", "PutRule",
       {{"Name", "r"},
        {"EventBusName", "bus"},
        {"EventPattern", R"({"source": [{"prefix": "a"}]})"}});
  expect_error("events", "PutTargets", R"({"Rule": "nope", "EventBusName": "bus",
      "Targets": [{"Id": "t", "Arn": "arn:aws:sqs:us-east-1:123456789012:q"}]})",
               "ResourceNotFoundException", "Rule nope does not exist on EventBus bus.");
  expect_error("events", "PutTargets", R"({"Rule": "r", "EventBusName": "bus",
      "Targets": [{"Id": "t", "Arn": "arn:aws:sqs:us-east-1:123456789012:q", "Input": "{}",
                   "InputPath": "$.detail"}]})",
               "ValidationException", "Only one of Input, InputPath, or InputTransformer");
  call("events", "PutTargets",
       {{"Rule", "r"},
        {"EventBusName", "bus"},
        {"Targets", {{{"Id", "t"}, {"Arn", "arn:aws:sqs:us-east-1:123456789012:q"}}}}});
  expect_error("events", "DeleteRule", R"({"Name": "r", "EventBusName": "bus"})",
               "ValidationException", "Rule can't be deleted since it has targets.");
  EXPECT_EQ(call("events", "ListTargetsByRule", {{"Rule", "r"}, {"EventBusName", "bus"}})["Targets"]
                .size(),
            1u);
}

TEST_F(ControlPlanesTest, KinesisStreamsAndTheirRules) {
  call("kinesis", "CreateStream", {{"StreamName", "s"}, {"ShardCount", 2}});
  expect_error("kinesis", "CreateStream", R"({"StreamName": "s", "ShardCount": 1})",
               "ResourceInUseException", "Stream s under account 123456789012 already exists.");
  expect_error(
      "kinesis", "CreateStream",
      R"({"StreamName": "o", "ShardCount": 1, "StreamModeDetails": {"StreamMode": "ON_DEMAND"}})",
      "ValidationException", "ShardCount is not supported for ON_DEMAND streams.");
  expect_error("kinesis", "IncreaseStreamRetentionPeriod",
               R"({"StreamName": "s", "RetentionPeriodHours": 12})", "InvalidArgumentException",
               "Minimum allowed retention period is 24 hours.");
  call("kinesis", "IncreaseStreamRetentionPeriod",
       {{"StreamName", "s"}, {"RetentionPeriodHours", 48}});
  expect_error("kinesis", "IncreaseStreamRetentionPeriod",
               R"({"StreamName": "s", "RetentionPeriodHours": 30})", "InvalidArgumentException",
               "can not be shorter than existing retention period (48 hours)");
  expect_error("kinesis", "UpdateShardCount",
               R"({"StreamName": "s", "TargetShardCount": 5, "ScalingType": "UNIFORM_SCALING"})",
               "InvalidArgumentException", "cannot scale up over double");
  call("kinesis", "UpdateShardCount",
       {{"StreamName", "s"}, {"TargetShardCount", 4}, {"ScalingType", "UNIFORM_SCALING"}});
  EXPECT_EQ(call("kinesis", "DescribeStreamSummary",
                 {{"StreamName", "s"}})["StreamDescriptionSummary"]["OpenShardCount"],
            4);
  expect_error("kinesis", "DescribeStreamSummary", R"({"StreamName": "none"})",
               "ResourceNotFoundException", "Stream none under account 123456789012 not found.");
}

TEST_F(ControlPlanesTest, StepFunctionsNamesRolesAndDefinitions) {
  call(
      "iam", "CreateRole",
      {{"RoleName", "sfn"},
       {"AssumeRolePolicyDocument",
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"states.amazonaws.com"},"Action":"sts:AssumeRole"}]})"}});
  std::string role = "arn:aws:iam::123456789012:role/sfn";
  std::string ok = R"({"StartAt":"S","States":{"S":{"Type":"Succeed"}}})";
  Json in = {{"name", "m"}, {"roleArn", role}, {"definition", ok}};
  std::string arn = call("stepfunctions", "CreateStateMachine", in)["stateMachineArn"];
  EXPECT_EQ(arn, "arn:aws:states:us-east-1:123456789012:stateMachine:m");
  EXPECT_EQ(call("stepfunctions", "CreateStateMachine", in)["stateMachineArn"], arn); // idempotent
  Json other = in;
  other["type"] = "EXPRESS";
  EXPECT_EQ(error_of("stepfunctions", "CreateStateMachine", other), "StateMachineAlreadyExists");
  Json bad_name = in;
  bad_name["name"] = "has space";
  EXPECT_EQ(error_of("stepfunctions", "CreateStateMachine", bad_name), "InvalidName");
  EXPECT_EQ(last_error_, "Invalid Name: 'has space'");
  Json bad_definition = in;
  bad_definition["name"] = "n";
  bad_definition["definition"] = R"({"StartAt":"S","States":{}})";
  EXPECT_EQ(error_of("stepfunctions", "CreateStateMachine", bad_definition), "InvalidDefinition");
  EXPECT_THAT(last_error_,
              HasSubstr("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED"));
  Json no_role = in;
  no_role["name"] = "n";
  no_role["roleArn"] = "arn:aws:iam::123456789012:role/missing";
  EXPECT_EQ(error_of("stepfunctions", "CreateStateMachine", no_role), "AccessDeniedException");
  Json express_logging = in;
  express_logging["name"] = "n";
  express_logging["type"] = "EXPRESS";
  express_logging["loggingConfiguration"] = {{"level", "ALL"}};
  EXPECT_EQ(error_of("stepfunctions", "CreateStateMachine", express_logging),
            "InvalidLoggingConfiguration");
  EXPECT_EQ(error_of("stepfunctions", "UpdateStateMachine", {{"stateMachineArn", arn}}),
            "MissingRequiredParameter");
  std::string revision =
      call("stepfunctions", "UpdateStateMachine",
           {{"stateMachineArn", arn},
            {"definition", R"({"StartAt":"F","States":{"F":{"Type":"Fail"}}})"}})["revisionId"];
  EXPECT_EQ(call("stepfunctions", "DescribeStateMachine", {{"stateMachineArn", arn}})["revisionId"],
            revision);
  call("stepfunctions", "DeleteStateMachine", {{"stateMachineArn", arn}});
  EXPECT_EQ(error_of("stepfunctions", "DescribeStateMachine", {{"stateMachineArn", arn}}),
            "StateMachineDoesNotExist");
  EXPECT_EQ(last_error_, "State Machine Does Not Exist: '" + arn + "'");
}

} // namespace
} // namespace cfnlocal::services
