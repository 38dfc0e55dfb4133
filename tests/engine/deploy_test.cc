#include "engine_fixture.h"

#include "services/backend.h"
#include "state/store.h"

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;

namespace {

const char *kQueues = R"(
Parameters:
  Retention:
    Type: Number
    Default: 345600
  Secret:
    Type: String
    NoEcho: true
    Default: hunter2-secret
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: !Ref Retention
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
        maxReceiveCount: 3
      Tags:
        - Key: secret
          Value: !Ref Secret
Outputs:
  QueueUrl:
    Value: !Ref Queue
    Export:
      Name: !Sub ${AWS::StackName}-QueueUrl
  DlqArn:
    Value: !GetAtt Dlq.Arn
)";

state::Store store_of(const EngineConfig &c) { return state::Store(c.state_path); }

} // namespace

TEST_F(EngineTest, CreatesAStackInDependencyOrderWithOutputsAndExports) {
  auto result = deploy("app", kQueues);
  ASSERT_TRUE(result.succeeded) << result.message;
  EXPECT_EQ(result.stack.status, "CREATE_COMPLETE");
  ASSERT_EQ(result.stack.outputs.size(), 2u);
  EXPECT_EQ(result.stack.outputs[0].key, "QueueUrl");
  EXPECT_NE(result.stack.outputs[0].value.find("https://sqs.us-east-1.amazonaws.com/123456789012/"),
            std::string::npos);
  EXPECT_EQ(result.stack.outputs[1].value.rfind("arn:aws:sqs:us-east-1:123456789012:", 0), 0u);

  // The dead-letter queue is created before the queue that names its ARN.
  std::vector<std::string> order;
  for (const auto &e : reporter_.events)
    if (e.status == "CREATE_COMPLETE" && e.logical_id != "app")
      order.push_back(e.logical_id);
  EXPECT_EQ(order, (std::vector<std::string>{"Dlq", "Queue"}));

  auto store = store_of(config_);
  auto exports = store.list_exports();
  ASSERT_EQ(exports.size(), 1u);
  EXPECT_EQ(exports[0].name, "app-QueueUrl");
  auto queue = store.find_resource(result.stack.stack_id, "Queue");
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->properties["RedrivePolicy"]["deadLetterTargetArn"],
            result.stack.outputs[1].value);
}

TEST_F(EngineTest, NoEchoValuesAreMaskedInEvents) {
  ASSERT_TRUE(deploy("app", kQueues).succeeded);
  for (const auto &e : reporter_.events) {
    EXPECT_EQ(e.properties.find("hunter2-secret"), std::string::npos) << e.properties;
    EXPECT_EQ(e.status_reason.find("hunter2-secret"), std::string::npos);
  }
  bool masked = false;
  for (const auto &e : reporter_.events)
    masked = masked || e.properties.find("****") != std::string::npos;
  EXPECT_TRUE(masked);
}

TEST_F(EngineTest, RedeployingTheSameTemplateChangesNothing) {
  ASSERT_TRUE(deploy("app", kQueues).succeeded);
  auto again = deploy("app", kQueues);
  EXPECT_TRUE(again.succeeded);
  EXPECT_TRUE(again.no_changes);
  EXPECT_EQ(again.stack.status, "CREATE_COMPLETE");
}

TEST_F(EngineTest, ParameterErrorsLeaveNoStack) {
  const char *t = R"(
Parameters:
  Env:
    Type: String
    AllowedValues: [dev, prod]
Resources:
  Topic:
    Type: AWS::SNS::Topic
)";
  EXPECT_THROW(deploy("app", t, {{"Env", "test"}}), Error);
  EXPECT_THROW(deploy("app", t), Error);
  EXPECT_FALSE(store_of(config_).find_stack("app"));
}

TEST_F(EngineTest, Ec2ParameterValuesMustExistInTheServices) {
  // CloudFormation checks AWS-specific parameter values against the account before it starts.
  const char *t = R"(
Parameters:
  Vpc:
    Type: AWS::EC2::VPC::Id
  Zones:
    Type: List<AWS::EC2::AvailabilityZone::Name>
    Default: us-east-1a,us-east-1f
  Group:
    Type: AWS::EC2::SecurityGroup::GroupName
    Default: default
Resources:
  Vpcs:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !Ref Vpc
)";
  try {
    deploy("app", t, {{"Vpc", "vpc-0123456789abcdef0"}});
    ADD_FAILURE() << "a VPC that does not exist was accepted";
  } catch (const Error &e) {
    EXPECT_EQ(e.message(), "Parameter validation failed: parameter value vpc-0123456789abcdef0 "
                           "for parameter name Vpc does not exist");
  }
  EXPECT_FALSE(store_of(config_).find_stack("app"));

  std::string default_vpc;
  {
    Engine engine(config_);
    default_vpc = engine.backend().call("ec2", "DescribeVpcs", Json::object())["Vpcs"][0]["VpcId"];
  }
  EXPECT_TRUE(deploy("app", t, {{"Vpc", default_vpc}}).succeeded);
  try {
    deploy("other", t, {{"Vpc", default_vpc}, {"Zones", "us-east-1a,us-east-1z"}});
    ADD_FAILURE() << "a zone that does not exist was accepted";
  } catch (const Error &e) {
    EXPECT_NE(
        e.message().find("parameter value us-east-1z for parameter name Zones does not exist"),
        std::string::npos)
        << e.message();
  }
  EXPECT_THROW(deploy("other", t, {{"Vpc", default_vpc}, {"Group", "no-such-group"}}), Error);
}

TEST_F(EngineTest, MissingIamCapabilityIsRefused) {
  Engine engine(config_);
  DeployOptions o;
  o.stack_name = "app";
  o.template_file = write("iam.yaml", R"(
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: named
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}
)");
  o.capabilities = {"CAPABILITY_IAM"};
  try {
    engine.deploy(o, reporter_);
    FAIL();
  } catch (const Error &e) {
    EXPECT_EQ(e.message(), "Requires capabilities : [CAPABILITY_NAMED_IAM]");
  }
}

TEST_F(EngineTest, CycleIsAnErrorNamingEveryResource) {
  const char *t = R"(
Resources:
  A:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !GetAtt B.TopicName
  B:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !GetAtt A.TopicName
)";
  try {
    deploy("app", t);
    FAIL();
  } catch (const Error &e) {
    EXPECT_NE(e.message().find("Circular dependency between resources: [A, B]"), std::string::npos)
        << e.message();
  }
}

TEST_F(EngineTest, FailingCreateRollsBackEverything) {
  const char *t = R"(
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Queue:
    Type: AWS::SQS::Queue
    DependsOn: Topic
    Properties:
      DelaySeconds: 5000
)";
  auto result = deploy("app", t);
  EXPECT_FALSE(result.succeeded);
  EXPECT_EQ(result.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_NE(result.message.find("Queue"), std::string::npos);
  EXPECT_EQ(reporter_.statuses("Topic"),
            (std::vector<std::string>{"CREATE_IN_PROGRESS", "CREATE_COMPLETE", "DELETE_IN_PROGRESS",
                                      "DELETE_COMPLETE"}));
  auto store = store_of(config_);
  for (const auto &r : store.list_resources(result.stack.stack_id))
    EXPECT_EQ(r.status, "DELETE_COMPLETE") << r.logical_id;

  // A stack whose creation failed is deleted and created again by the next deploy.
  auto fixed = deploy("app", R"(
Resources:
  Topic:
    Type: AWS::SNS::Topic
)");
  EXPECT_TRUE(fixed.succeeded) << fixed.message;
  EXPECT_EQ(fixed.stack.status, "CREATE_COMPLETE");
  EXPECT_NE(fixed.stack.stack_id, result.stack.stack_id);
}

TEST_F(EngineTest, DisableRollbackKeepsWhatWasCreated) {
  const char *t = R"(
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Queue:
    Type: AWS::SQS::Queue
    DependsOn: Topic
    Properties:
      DelaySeconds: 5000
)";
  auto result = deploy("app", t, {}, true);
  EXPECT_EQ(result.stack.status, "CREATE_FAILED");
  auto topic = store_of(config_).find_resource(result.stack.stack_id, "Topic");
  ASSERT_TRUE(topic);
  EXPECT_EQ(topic->status, "CREATE_COMPLETE");
}

TEST_F(EngineTest, FailedUpdateRollsBackToThePreviousResources) {
  const char *v1 = R"(
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: one
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: kept-queue
      DelaySeconds: 5
)";
  const char *v2 = R"(
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: two
  Extra:
    Type: AWS::SNS::Topic
  Queue:
    Type: AWS::SQS::Queue
    DependsOn: [Topic, Extra]
    Properties:
      QueueName: kept-queue
      DelaySeconds: 5000
)";
  auto created = deploy("app", v1);
  ASSERT_TRUE(created.succeeded) << created.message;
  auto store = store_of(config_);
  auto topic_before = store.find_resource(created.stack.stack_id, "Topic");
  auto queue_before = store.find_resource(created.stack.stack_id, "Queue");

  auto updated = deploy("app", v2);
  EXPECT_FALSE(updated.succeeded);
  EXPECT_EQ(updated.stack.status, "UPDATE_ROLLBACK_COMPLETE");

  auto topic = store.find_resource(created.stack.stack_id, "Topic");
  ASSERT_TRUE(topic);
  EXPECT_EQ(topic->physical_id, topic_before->physical_id);
  EXPECT_EQ(topic->properties["DisplayName"], "one");
  auto queue = store.find_resource(created.stack.stack_id, "Queue");
  EXPECT_EQ(queue->physical_id, queue_before->physical_id);
  EXPECT_EQ(queue->properties["DelaySeconds"], 5);
  EXPECT_FALSE(store.find_resource(created.stack.stack_id, "Extra"));
  EXPECT_EQ(store.list_resources(created.stack.stack_id).size(), 2u);
  EXPECT_EQ(updated.stack.processed_template, created.stack.processed_template);
}

TEST_F(EngineTest, CreateOnlyChangeReplacesCreateThenDelete) {
  auto v1 = deploy("app", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                          "      QueueName: first\n");
  ASSERT_TRUE(v1.succeeded) << v1.message;
  auto store = store_of(config_);
  auto before = store.find_resource(v1.stack.stack_id, "Queue");
  reporter_.events.clear();
  auto v2 = deploy("app", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                          "      QueueName: second\n");
  ASSERT_TRUE(v2.succeeded) << v2.message;
  auto after = store.find_resource(v1.stack.stack_id, "Queue");
  EXPECT_NE(after->physical_id, before->physical_id);
  // New first, old deleted in the cleanup phase.
  EXPECT_EQ(reporter_.statuses("Queue"),
            (std::vector<std::string>{"UPDATE_IN_PROGRESS", "UPDATE_COMPLETE", "DELETE_IN_PROGRESS",
                                      "DELETE_COMPLETE"}));
  EXPECT_EQ(store.list_resources(v1.stack.stack_id).size(), 1u);
}

TEST_F(EngineTest, NotUpdatableFromTheHandlerReplaces) {
  // AWS::KMS::Key's schema marks no property createOnly, yet KMS cannot change a key's spec: the
  // handler answers NotUpdatable and CloudFormation replaces the key.
  const char *t = "Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n"
                  "      KeySpec: %s\n      KeyUsage: %s\n";
  char v1[256], v2[256];
  std::snprintf(v1, sizeof v1, t, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT");
  std::snprintf(v2, sizeof v2, t, "RSA_2048", "SIGN_VERIFY");
  auto first = deploy("app", v1);
  ASSERT_TRUE(first.succeeded) << first.message;
  auto store = store_of(config_);
  auto before = store.find_resource(first.stack.stack_id, "Key");
  reporter_.events.clear();
  auto second = deploy("app", v2);
  ASSERT_TRUE(second.succeeded) << second.message;
  auto after = store.find_resource(first.stack.stack_id, "Key");
  EXPECT_NE(after->physical_id, before->physical_id);
  EXPECT_EQ(after->attributes.value("KeySpec", ""), "RSA_2048");
  // The in-place attempt, then the replacement, then the old key's deletion in the cleanup.
  EXPECT_EQ(reporter_.statuses("Key"),
            (std::vector<std::string>{"UPDATE_IN_PROGRESS", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE",
                                      "DELETE_IN_PROGRESS", "DELETE_COMPLETE"}));
}

TEST_F(EngineTest, CustomNamedResourceNeedingReplacementFailsTheUpdate) {
  auto v1 = deploy("app", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                          "      QueueName: fixed\n");
  ASSERT_TRUE(v1.succeeded);
  auto v2 = deploy("app", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                          "      QueueName: fixed\n      FifoQueue: false\n");
  EXPECT_FALSE(v2.succeeded);
  EXPECT_EQ(v2.stack.status, "UPDATE_ROLLBACK_COMPLETE");
  EXPECT_NE(v2.message.find("CloudFormation cannot update a stack when a custom-named resource "
                            "requires replacing. Rename fixed and update the stack again."),
            std::string::npos)
      << v2.message;
}

TEST_F(EngineTest, DeleteThenCreateStrategyDeletesFirst) {
  const char *t = R"(
Resources:
  Connection:
    Type: AWS::DirectConnect::Connection
    Properties:
      Bandwidth: 1Gbps
      ConnectionName: link
      Location: %s
)";
  char v1[512], v2[512];
  std::snprintf(v1, sizeof v1, t, "EqDC2");
  std::snprintf(v2, sizeof v2, t, "EqSE2");
  auto first = deploy("app", v1);
  ASSERT_TRUE(first.succeeded) << first.message;
  auto store = store_of(config_);
  auto before = store.find_resource(first.stack.stack_id, "Connection");
  reporter_.events.clear();
  auto second = deploy("app", v2);
  ASSERT_TRUE(second.succeeded) << second.message;
  EXPECT_EQ(reporter_.statuses("Connection"),
            (std::vector<std::string>{"DELETE_IN_PROGRESS", "DELETE_COMPLETE", "UPDATE_IN_PROGRESS",
                                      "UPDATE_COMPLETE"}));
  auto after = store.find_resource(first.stack.stack_id, "Connection");
  EXPECT_NE(after->physical_id, before->physical_id);
  EXPECT_EQ(store.list_resources(first.stack.stack_id).size(), 1u);
}

TEST_F(EngineTest, RemovedResourcesAreDeletedUnlessRetained) {
  auto v1 = deploy("app", R"(
Resources:
  Keep:
    Type: AWS::SNS::Topic
  Drop:
    Type: AWS::SNS::Topic
  Retained:
    Type: AWS::SNS::Topic
    DeletionPolicy: Retain
)");
  ASSERT_TRUE(v1.succeeded);
  reporter_.events.clear();
  auto v2 = deploy("app", "Resources:\n  Keep:\n    Type: AWS::SNS::Topic\n");
  ASSERT_TRUE(v2.succeeded);
  EXPECT_EQ(reporter_.statuses("Drop"),
            (std::vector<std::string>{"DELETE_IN_PROGRESS", "DELETE_COMPLETE"}));
  EXPECT_EQ(reporter_.statuses("Retained"), (std::vector<std::string>{"DELETE_SKIPPED"}));
  EXPECT_EQ(store_of(config_).current_resources(v1.stack.stack_id).size(), 1u);
}

TEST_F(EngineTest, ExportInUseBlocksDeletionAndRemoval) {
  ASSERT_TRUE(deploy("producer", kQueues).succeeded);
  auto consumer = deploy("consumer", R"(
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !ImportValue producer-QueueUrl
)");
  ASSERT_TRUE(consumer.succeeded) << consumer.message;
  auto deleted = remove("producer");
  EXPECT_FALSE(deleted.succeeded);
  EXPECT_NE(deleted.message.find("Export producer-QueueUrl cannot be deleted as it is in use by "
                                 "consumer"),
            std::string::npos)
      << deleted.message;
  ASSERT_TRUE(remove("consumer").succeeded);
  auto again = remove("producer");
  EXPECT_TRUE(again.succeeded) << again.message;
  EXPECT_EQ(again.stack.status, "DELETE_COMPLETE");
  EXPECT_TRUE(store_of(config_).list_exports().empty());
}

TEST_F(EngineTest, ImportOfAMissingExportIsRefusedBeforeAnythingRuns) {
  try {
    deploy("consumer", R"(
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !ImportValue nobody-exports-this
)");
    FAIL();
  } catch (const Error &e) {
    EXPECT_NE(e.message().find("No export named nobody-exports-this found"), std::string::npos)
        << e.message();
    EXPECT_EQ(e.mark().line, 7);
  }
  EXPECT_FALSE(store_of(config_).find_stack("consumer"));
}

TEST_F(EngineTest, SecondWriterIsRefusedAtOnce) {
  state::Store store(config_.state_path);
  auto lock = store.lock_stack("app", "deploy");
  try {
    deploy("app", kQueues);
    FAIL();
  } catch (const state::StackLockedError &e) {
    EXPECT_NE(std::string(e.what()).find("stack app is locked by pid"), std::string::npos);
  }
}

TEST_F(EngineTest, DeleteStackRemovesEveryResource) {
  auto created = deploy("app", kQueues);
  ASSERT_TRUE(created.succeeded);
  auto deleted = remove("app");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_EQ(deleted.stack.status, "DELETE_COMPLETE");
  auto store = store_of(config_);
  EXPECT_FALSE(store.find_stack("app"));
  for (const auto &r : store.list_resources(created.stack.stack_id))
    EXPECT_EQ(r.status, "DELETE_COMPLETE");
  EXPECT_TRUE(remove("app").succeeded); // deleting what does not exist is not an error
}

TEST_F(EngineTest, DynamicReferencesReachHandlersButNeverStateOrEvents) {
  {
    Engine engine(config_);
    engine.backend().call("secretsmanager", "CreateSecret",
                          {{"Name", "db"}, {"SecretString", "{\"password\":\"s3cr3t-value\"}"}});
  }
  auto result = deploy("app", R"(
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /app/password
      Type: String
      Value: "{{resolve:secretsmanager:db:SecretString:password}}"
)");
  ASSERT_TRUE(result.succeeded) << result.message;
  Engine engine(config_);
  auto value = engine.backend().call("ssm", "GetParameter", {{"Name", "/app/password"}});
  EXPECT_EQ(value["Parameter"]["Value"], "s3cr3t-value");
  auto param = engine.store().find_resource(result.stack.stack_id, "Param");
  EXPECT_EQ(param->properties["Value"], "{{resolve:secretsmanager:db:SecretString:password}}");
  for (const auto &e : reporter_.events)
    EXPECT_EQ(e.properties.find("s3cr3t-value"), std::string::npos);
}
