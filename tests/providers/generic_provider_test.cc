#include "providers/generic_provider.h"
#include "providers/schema_view.h"
#include "tests/providers/test_support.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cfnlocal::providers {
namespace {

using ::testing::MatchesRegex;
using testing::props;
using testing::request_for;

class GenericProviderTest : public ::testing::Test, public testing::ProviderFixture {
protected:
  // The generic provider itself, also for the types a real provider serves in the registry.
  ResourceProvider &provider(std::string_view) { return registry->generic(); }
  // Creates a resource and returns its model; fails the test when create fails.
  Value create(const std::string &type, const std::string &logical, std::string_view json = "{}") {
    auto event = provider(type).create(request_for(type, logical, props(json)));
    EXPECT_EQ(event.status, OperationStatus::Success) << type << ": " << event.message;
    return event.resource_model;
  }
  std::string att(const std::string &type, const Value &model, std::string_view name) {
    auto v = provider(type).get_att(request_for(type, "X"), model, name);
    EXPECT_TRUE(v.has_value()) << type << "." << name;
    if (!v)
      return "";
    return v->scalar_string().value_or(dump_json(*v, -1));
  }
  std::string ref(const std::string &type, const Value &model) {
    auto v = provider(type).ref(type, model);
    EXPECT_TRUE(v.has_value()) << type;
    return v ? v->scalar_string().value_or("") : "";
  }
  // Every literal GetAtt attribute of the type yields a value.
  void expect_all_attributes(const std::string &type, const Value &model) {
    const auto *t = schema::Registry::builtin().find(type);
    ASSERT_NE(t, nullptr);
    for (const auto &a : t->attributes()) {
      if (a.is_pattern)
        continue;
      auto v = provider(type).get_att(request_for(type, "X"), model, a.name);
      EXPECT_TRUE(v.has_value()) << type << "." << a.name;
    }
  }
};

TEST_F(GenericProviderTest, SqsQueueGeneratedNameUrlAndArn) {
  Value m = create("AWS::SQS::Queue", "MyQueue");
  std::string name = m.find("QueueName")->as_string();
  EXPECT_THAT(name, MatchesRegex("mystack-MyQueue-[A-Z0-9]{13}"));
  EXPECT_EQ(ref("AWS::SQS::Queue", m), "https://sqs.us-east-1.amazonaws.com/123456789012/" + name);
  EXPECT_EQ(att("AWS::SQS::Queue", m, "Arn"), "arn:aws:sqs:us-east-1:123456789012:" + name);
  EXPECT_EQ(att("AWS::SQS::Queue", m, "QueueName"), name);
  EXPECT_EQ(provider("AWS::SQS::Queue").physical_id("AWS::SQS::Queue", m),
            "https://sqs.us-east-1.amazonaws.com/123456789012/" + name);
  expect_all_attributes("AWS::SQS::Queue", m);
}

TEST_F(GenericProviderTest, SqsFifoQueueGetsSuffix) {
  Value m = create("AWS::SQS::Queue", "Fifo", R"({"FifoQueue": true})");
  EXPECT_THAT(m.find("QueueName")->as_string(), MatchesRegex("mystack-Fifo-[A-Z0-9]{13}\\.fifo"));
}

TEST_F(GenericProviderTest, GivenNameIsThePhysicalId) {
  Value m = create("AWS::SQS::Queue", "Named", R"({"QueueName": "orders"})");
  EXPECT_EQ(ref("AWS::SQS::Queue", m), "https://sqs.us-east-1.amazonaws.com/123456789012/orders");
}

TEST_F(GenericProviderTest, SnsTopic) {
  Value m = create("AWS::SNS::Topic", "Alerts", R"({"DisplayName": "alerts"})");
  std::string name = m.find("TopicName")->as_string();
  EXPECT_EQ(ref("AWS::SNS::Topic", m), "arn:aws:sns:us-east-1:123456789012:" + name);
  EXPECT_EQ(att("AWS::SNS::Topic", m, "TopicArn"), "arn:aws:sns:us-east-1:123456789012:" + name);
  EXPECT_EQ(att("AWS::SNS::Topic", m, "TopicName"), name);
  expect_all_attributes("AWS::SNS::Topic", m);
}

TEST_F(GenericProviderTest, LambdaFunction) {
  Value m = create("AWS::Lambda::Function", "Fn", R"({
    "Role": "arn:aws:iam::123456789012:role/lambda-role",
    "Runtime": "python3.12", "Handler": "index.handler",
    "Code": {"ZipFile": "def handler(e, c): return 1"}})");
  std::string name = ref("AWS::Lambda::Function", m);
  EXPECT_THAT(name, MatchesRegex("mystack-Fn-[A-Z0-9]{13}"));
  EXPECT_EQ(att("AWS::Lambda::Function", m, "Arn"),
            "arn:aws:lambda:us-east-1:123456789012:function:" + name);
  expect_all_attributes("AWS::Lambda::Function", m);
}

TEST_F(GenericProviderTest, IamRole) {
  Value m = create("AWS::IAM::Role", "Role", R"({"AssumeRolePolicyDocument": {
    "Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}})");
  std::string name = ref("AWS::IAM::Role", m);
  EXPECT_THAT(name, MatchesRegex("mystack-Role-[A-Z0-9]{13}"));
  EXPECT_EQ(att("AWS::IAM::Role", m, "Arn"), "arn:aws:iam::123456789012:role/" + name);
  EXPECT_THAT(att("AWS::IAM::Role", m, "RoleId"), MatchesRegex("AROA[A-Z0-9]{17}"));
  expect_all_attributes("AWS::IAM::Role", m);
}

TEST_F(GenericProviderTest, DynamoDbTable) {
  Value m = create("AWS::DynamoDB::Table", "Table", R"({
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
    "BillingMode": "PAY_PER_REQUEST",
    "StreamSpecification": {"StreamViewType": "NEW_IMAGE"}})");
  std::string name = ref("AWS::DynamoDB::Table", m);
  EXPECT_THAT(name, MatchesRegex("mystack-Table-[A-Z0-9]{13}"));
  std::string arn = "arn:aws:dynamodb:us-east-1:123456789012:table/" + name;
  EXPECT_EQ(att("AWS::DynamoDB::Table", m, "Arn"), arn);
  EXPECT_THAT(att("AWS::DynamoDB::Table", m, "StreamArn"),
              MatchesRegex(arn + "/stream/[0-9]{4}-[0-9]{2}-[0-9]{2}T.*"));
  expect_all_attributes("AWS::DynamoDB::Table", m);
}

TEST_F(GenericProviderTest, Ec2VpcSubnetSecurityGroup) {
  Value vpc = create("AWS::EC2::VPC", "Vpc", R"({"CidrBlock": "10.0.0.0/16"})");
  std::string vpc_id = ref("AWS::EC2::VPC", vpc);
  EXPECT_THAT(vpc_id, MatchesRegex("vpc-0[0-9a-f]{16}"));
  EXPECT_EQ(att("AWS::EC2::VPC", vpc, "VpcId"), vpc_id);
  EXPECT_THAT(att("AWS::EC2::VPC", vpc, "DefaultSecurityGroup"), MatchesRegex("sg-0[0-9a-f]{16}"));
  EXPECT_THAT(att("AWS::EC2::VPC", vpc, "DefaultNetworkAcl"), MatchesRegex("acl-0[0-9a-f]{16}"));
  EXPECT_EQ(att("AWS::EC2::VPC", vpc, "CidrBlock"), "10.0.0.0/16");
  expect_all_attributes("AWS::EC2::VPC", vpc);

  Value subnet = create("AWS::EC2::Subnet", "Subnet",
                        R"({"VpcId": ")" + vpc_id + R"(", "CidrBlock": "10.0.1.0/24"})");
  EXPECT_THAT(ref("AWS::EC2::Subnet", subnet), MatchesRegex("subnet-0[0-9a-f]{16}"));
  EXPECT_EQ(att("AWS::EC2::Subnet", subnet, "VpcId"), vpc_id);
  expect_all_attributes("AWS::EC2::Subnet", subnet);

  Value sg = create("AWS::EC2::SecurityGroup", "Sg",
                    R"({"GroupDescription": "web", "VpcId": ")" + vpc_id + R"("})");
  std::string sg_id = ref("AWS::EC2::SecurityGroup", sg);
  EXPECT_THAT(sg_id, MatchesRegex("sg-0[0-9a-f]{16}"));
  EXPECT_EQ(att("AWS::EC2::SecurityGroup", sg, "GroupId"), sg_id);
  EXPECT_THAT(sg.find("GroupName")->as_string(), MatchesRegex("mystack-Sg-[A-Z0-9]{13}"));
  expect_all_attributes("AWS::EC2::SecurityGroup", sg);
}

TEST_F(GenericProviderTest, EventsRuleRefIsTheName) {
  Value m = create("AWS::Events::Rule", "Rule", R"J({"ScheduleExpression": "rate(5 minutes)"})J");
  std::string name = m.find("Name")->as_string();
  EXPECT_EQ(ref("AWS::Events::Rule", m), name);
  EXPECT_EQ(att("AWS::Events::Rule", m, "Arn"),
            "arn:aws:events:us-east-1:123456789012:rule/" + name);
  // Physical ID stays the primary identifier (the ARN).
  EXPECT_EQ(provider("AWS::Events::Rule").physical_id("AWS::Events::Rule", m),
            "arn:aws:events:us-east-1:123456789012:rule/" + name);

  Value custom =
      create("AWS::Events::Rule", "Custom",
             R"({"Name": "r1", "EventBusName": "orders", "EventPattern": {"source": ["x"]}})");
  EXPECT_EQ(ref("AWS::Events::Rule", custom), "orders|r1");
  EXPECT_EQ(att("AWS::Events::Rule", custom, "Arn"),
            "arn:aws:events:us-east-1:123456789012:rule/orders/r1");
}

TEST_F(GenericProviderTest, LogsLogGroup) {
  Value m = create("AWS::Logs::LogGroup", "Logs", R"({"LogGroupName": "/app/web"})");
  EXPECT_EQ(ref("AWS::Logs::LogGroup", m), "/app/web");
  EXPECT_EQ(att("AWS::Logs::LogGroup", m, "Arn"),
            "arn:aws:logs:us-east-1:123456789012:log-group:/app/web:*");
  expect_all_attributes("AWS::Logs::LogGroup", m);
}

TEST_F(GenericProviderTest, KmsKey) {
  Value m = create("AWS::KMS::Key", "Key", R"({"KeyPolicy": {"Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Resource": "*"}]}})");
  std::string id = ref("AWS::KMS::Key", m);
  EXPECT_THAT(id,
              MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
  EXPECT_EQ(att("AWS::KMS::Key", m, "Arn"), "arn:aws:kms:us-east-1:123456789012:key/" + id);
  EXPECT_EQ(att("AWS::KMS::Key", m, "KeyId"), id);
  expect_all_attributes("AWS::KMS::Key", m);
}

TEST_F(GenericProviderTest, ApiGatewayRestApi) {
  Value m = create("AWS::ApiGateway::RestApi", "Api", R"({"Name": "api"})");
  std::string id = ref("AWS::ApiGateway::RestApi", m);
  EXPECT_THAT(id, MatchesRegex("[a-z0-9]{10}"));
  EXPECT_THAT(att("AWS::ApiGateway::RestApi", m, "RootResourceId"), MatchesRegex("[a-z0-9]{10}"));
  expect_all_attributes("AWS::ApiGateway::RestApi", m);

  Value stage =
      create("AWS::ApiGateway::Stage", "Stage",
             R"({"RestApiId": ")" + id + R"(", "StageName": "prod", "DeploymentId": "abc123"})");
  EXPECT_EQ(ref("AWS::ApiGateway::Stage", stage), "prod"); // composite identifier: its own part
}

TEST_F(GenericProviderTest, PartitionAndRegionReachArnsAndUrls) {
  auto r = request_for("AWS::SQS::Queue", "Q");
  r.partition = "aws-cn";
  r.region = "cn-north-1";
  auto event = provider("AWS::SQS::Queue").create(r);
  ASSERT_TRUE(event.ok()) << event.message;
  std::string name = event.resource_model.find("QueueName")->as_string();
  EXPECT_EQ(event.resource_model.find("Arn")->as_string(),
            "arn:aws-cn:sqs:cn-north-1:123456789012:" + name);
  EXPECT_EQ(event.resource_model.find("QueueUrl")->as_string(),
            "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/" + name);
}

TEST_F(GenericProviderTest, ReadUpdateDeleteLifecycle) {
  auto &p = provider("AWS::SQS::Queue");
  auto created = p.create(request_for("AWS::SQS::Queue", "Q", props(R"({"DelaySeconds": 5})")));
  ASSERT_TRUE(created.ok());
  std::string id = p.physical_id("AWS::SQS::Queue", created.resource_model);

  auto r = request_for("AWS::SQS::Queue", "Q");
  r.physical_id = id;
  auto read = p.read(r);
  ASSERT_TRUE(read.ok()) << read.message;
  EXPECT_EQ(read.resource_model, created.resource_model);

  auto u = request_for("AWS::SQS::Queue", "Q", props(R"({"DelaySeconds": 10})"));
  u.physical_id = id;
  u.previous_state = created.resource_model;
  auto updated = p.update(u);
  ASSERT_TRUE(updated.ok()) << updated.message;
  EXPECT_EQ(updated.resource_model.find("DelaySeconds")->as_number(), 10);
  // The generated name and read-only values survive the update.
  EXPECT_EQ(*updated.resource_model.find("QueueName"), *created.resource_model.find("QueueName"));
  EXPECT_EQ(*updated.resource_model.find("Arn"), *created.resource_model.find("Arn"));
  EXPECT_EQ(p.read(r).resource_model.find("DelaySeconds")->as_number(), 10);

  auto list = p.list(request_for("AWS::SQS::Queue", ""));
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list.resource_models.size(), 1u);

  EXPECT_TRUE(p.remove(r).ok());
  auto gone = p.read(r);
  EXPECT_EQ(gone.status, OperationStatus::Failed);
  EXPECT_EQ(gone.error_code, HandlerErrorCode::NotFound);
  EXPECT_EQ(gone.message,
            "Resource of type 'AWS::SQS::Queue' with identifier '" + id + "' was not found.");
  EXPECT_EQ(p.remove(r).error_code, HandlerErrorCode::NotFound);
}

TEST_F(GenericProviderTest, UpdateOfCreateOnlyPropertyIsNotUpdatable) {
  auto &p = provider("AWS::SQS::Queue");
  auto created = p.create(request_for("AWS::SQS::Queue", "Q", props(R"({"QueueName": "a"})")));
  ASSERT_TRUE(created.ok());
  auto u = request_for("AWS::SQS::Queue", "Q", props(R"({"QueueName": "b"})"));
  u.physical_id = p.physical_id("AWS::SQS::Queue", created.resource_model);
  u.previous_state = created.resource_model;
  auto event = p.update(u);
  EXPECT_EQ(event.error_code, HandlerErrorCode::NotUpdatable);
  EXPECT_EQ(event.message,
            "Invalid patch update: createOnlyProperties [/properties/QueueName] cannot be updated");
}

TEST_F(GenericProviderTest, DuplicateNameIsAlreadyExists) {
  auto &p = provider("AWS::SNS::Topic");
  ASSERT_TRUE(p.create(request_for("AWS::SNS::Topic", "A", props(R"({"TopicName": "t"})"))).ok());
  auto again = p.create(request_for("AWS::SNS::Topic", "B", props(R"({"TopicName": "t"})")));
  EXPECT_EQ(again.error_code, HandlerErrorCode::AlreadyExists);
  EXPECT_EQ(again.message, "Resource of type 'AWS::SNS::Topic' with identifier "
                           "'arn:aws:sns:us-east-1:123456789012:t' already exists.");
}

TEST_F(GenericProviderTest, SchemaViolationIsInvalidRequestWithAwsWording) {
  auto event = provider("AWS::SQS::Queue")
                   .create(request_for("AWS::SQS::Queue", "Bad", props(R"({"Nope": 1})")));
  EXPECT_EQ(event.status, OperationStatus::Failed);
  EXPECT_EQ(event.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_THAT(event.message, ::testing::StartsWith(
                                 "Properties validation failed for resource Bad with message: "));
  EXPECT_THAT(event.message, ::testing::HasSubstr("Nope"));
  EXPECT_TRUE(backend.records.empty());
}

TEST_F(GenericProviderTest, MissingRequiredPropertyIsInvalidRequest) {
  auto event = provider("AWS::EC2::Subnet").create(request_for("AWS::EC2::Subnet", "S"));
  EXPECT_EQ(event.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_THAT(event.message, ::testing::HasSubstr("VpcId"));
}

TEST_F(GenericProviderTest, UnknownTypeFails) {
  auto event = provider("AWS::Nope::Thing").create(request_for("AWS::Nope::Thing", "X"));
  EXPECT_EQ(event.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_EQ(event.message, "Unrecognized resource types: [AWS::Nope::Thing]");
}

TEST_F(GenericProviderTest, UnsupportedAttribute) {
  Value m = create("AWS::SQS::Queue", "Q");
  EXPECT_FALSE(provider("AWS::SQS::Queue").has_attribute("AWS::SQS::Queue", "Nope"));
  EXPECT_FALSE(provider("AWS::SQS::Queue").get_att(request_for("AWS::SQS::Queue", "Q"), m, "Nope"));
}

TEST_F(GenericProviderTest, ArrayItemAttributesAreLists) {
  // AWS::AppStream::Stack "StorageConnectors.*.ResourceIdentifier": one value per item.
  Value m = create("AWS::AppStream::Stack", "S", R"({"StorageConnectors": [
    {"ConnectorType": "HOMEFOLDERS", "ResourceIdentifier": "a"},
    {"ConnectorType": "GOOGLE_DRIVE", "ResourceIdentifier": "b"}]})");
  auto v = provider("AWS::AppStream::Stack")
               .get_att(request_for("AWS::AppStream::Stack", "S"), m,
                        "StorageConnectors.*.ResourceIdentifier");
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, props(R"(["a", "b"])"));
}

TEST_F(GenericProviderTest, AddressesOfAResourceInSubnetsAreOnePerSubnet) {
  // A Microsoft AD has a domain controller, so a DNS address, in each of its two subnets:
  // templates Fn::Select index 1 of DnsIpAddresses.
  Value m = create("AWS::DirectoryService::MicrosoftAD", "AD", R"({"Name": "corp.example.com",
    "Password": "Passw0rd!", "VpcSettings": {"VpcId": "vpc-1",
    "SubnetIds": ["subnet-1", "subnet-2"]}})");
  auto v =
      provider("AWS::DirectoryService::MicrosoftAD")
          .get_att(request_for("AWS::DirectoryService::MicrosoftAD", "AD"), m, "DnsIpAddresses");
  ASSERT_TRUE(v);
  ASSERT_TRUE(v->is_array());
  EXPECT_EQ(v->size(), 2u);
}

TEST_F(GenericProviderTest, UnsetAttributeIsStableAcrossCalls) {
  Value m = create("AWS::SQS::Queue", "Q");
  auto a =
      provider("AWS::SQS::Queue").get_att(request_for("AWS::SQS::Queue", "Q"), m, "DelaySeconds");
  auto b =
      provider("AWS::SQS::Queue").get_att(request_for("AWS::SQS::Queue", "Q"), m, "DelaySeconds");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
  EXPECT_TRUE(a->is_number());
}

TEST_F(GenericProviderTest, StoresRecordsThroughCloudControl) {
  Value m = create("AWS::SQS::Queue", "Q");
  EXPECT_EQ(backend.count("CreateResource"), 1u);
  std::string id = m.find("QueueUrl")->as_string();
  ASSERT_TRUE(backend.records.count("AWS::SQS::Queue|" + id));
  EXPECT_EQ(backend.records["AWS::SQS::Queue|" + id]["Arn"], m.find("Arn")->as_string());
}

} // namespace
} // namespace cfnlocal::providers
