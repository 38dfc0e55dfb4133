// AWS::DynamoDB::Table deployed through the engine onto the embedded DynamoDB: create with
// indexes, stream, TTL, point-in-time recovery and tags; in-place updates (throughput, stream
// view type, a new index, billing mode); a replacement; delete; and DynamoDB's own validation
// errors failing the resource with its message, then rolling back.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;
using ::testing::StartsWith;

namespace {

class DynamoDbDeployTest : public ServiceDeployTest {
protected:
  Json table(const std::string &name) {
    return call("dynamodb", "DescribeTable", {{"TableName", name}})["Table"];
  }
};

const char *kTemplate = R"(
Parameters:
  Name:
    Type: String
    Default: orders
  Read:
    Type: Number
    Default: 5
  ViewType:
    Type: String
    Default: NEW_IMAGE
  Team:
    Type: String
    Default: core
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Ref Name
      AttributeDefinitions:
        - {AttributeName: pk, AttributeType: S}
        - {AttributeName: sk, AttributeType: S}
        - {AttributeName: owner, AttributeType: S}
      KeySchema:
        - {AttributeName: pk, KeyType: HASH}
        - {AttributeName: sk, KeyType: RANGE}
      ProvisionedThroughput:
        ReadCapacityUnits: !Ref Read
        WriteCapacityUnits: 5
      GlobalSecondaryIndexes:
        - IndexName: byOwner
          KeySchema:
            - {AttributeName: owner, KeyType: HASH}
          Projection:
            ProjectionType: KEYS_ONLY
          ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
      LocalSecondaryIndexes:
        - IndexName: bySk
          KeySchema:
            - {AttributeName: pk, KeyType: HASH}
            - {AttributeName: sk, KeyType: RANGE}
          Projection:
            ProjectionType: INCLUDE
            NonKeyAttributes: [total]
      StreamSpecification:
        StreamViewType: !Ref ViewType
      TimeToLiveSpecification:
        AttributeName: expires
        Enabled: true
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true
      Tags:
        - Key: team
          Value: !Ref Team
Outputs:
  Name:
    Value: !Ref Table
  Arn:
    Value: !GetAtt Table.Arn
  StreamArn:
    Value: !GetAtt Table.StreamArn
)";

} // namespace

TEST_F(DynamoDbDeployTest, CreateUpdateInPlaceReplaceAndDelete) {
  auto created = deploy("app", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  EXPECT_EQ(output(created, "Name"), "orders");
  EXPECT_EQ(output(created, "Arn"), "arn:aws:dynamodb:us-east-1:123456789012:table/orders");
  EXPECT_THAT(output(created, "StreamArn"),
              StartsWith("arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/"));
  Json t = table("orders");
  std::string table_id = t["TableId"];
  EXPECT_EQ(t["ProvisionedThroughput"]["ReadCapacityUnits"], 5);
  EXPECT_EQ(t["GlobalSecondaryIndexes"][0]["IndexName"], "byOwner");
  EXPECT_EQ(t["LocalSecondaryIndexes"][0]["Projection"]["NonKeyAttributes"][0], "total");
  EXPECT_EQ(t["StreamSpecification"]["StreamViewType"], "NEW_IMAGE");
  EXPECT_EQ(t["LatestStreamArn"], output(created, "StreamArn"));
  EXPECT_EQ(call("dynamodb", "DescribeTimeToLive",
                 {{"TableName", "orders"}})["TimeToLiveDescription"]["AttributeName"],
            "expires");
  EXPECT_EQ(call("dynamodb", "DescribeContinuousBackups",
                 {{"TableName",
                   "orders"}})["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
                              ["PointInTimeRecoveryStatus"],
            "ENABLED");
  Json tags =
      call("dynamodb", "ListTagsOfResource", {{"ResourceArn", output(created, "Arn")}})["Tags"];
  EXPECT_EQ(tags, Json::parse(R"([{"Key":"team","Value":"core"}])"));

  // Mutable properties: the same table, throughput, stream and tags changed.
  auto updated = deploy("app", kTemplate,
                        {{"Read", "10"}, {"ViewType", "NEW_AND_OLD_IMAGES"}, {"Team", "platform"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  t = table("orders");
  EXPECT_EQ(t["TableId"], table_id); // the same table
  EXPECT_EQ(t["ProvisionedThroughput"]["ReadCapacityUnits"], 10);
  EXPECT_EQ(t["StreamSpecification"]["StreamViewType"], "NEW_AND_OLD_IMAGES");
  EXPECT_EQ(output(updated, "StreamArn"), t["LatestStreamArn"]);
  EXPECT_EQ(call("dynamodb", "ListTagsOfResource",
                 {{"ResourceArn", output(created, "Arn")}})["Tags"][0]["Value"],
            "platform");

  // A create-only property: a new table, the old one deleted.
  auto replaced = deploy("app", kTemplate, {{"Name", "orders2"}, {"Read", "10"}});
  ASSERT_TRUE(replaced.succeeded) << replaced.message;
  EXPECT_EQ(output(replaced, "Name"), "orders2");
  EXPECT_EQ(table("orders2")["ProvisionedThroughput"]["ReadCapacityUnits"], 10);
  EXPECT_EQ(error_of("dynamodb", "DescribeTable", {{"TableName", "orders"}}),
            "ResourceNotFoundException");

  auto deleted = remove("app");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_TRUE(call("dynamodb", "ListTables")["TableNames"].empty());
}

TEST_F(DynamoDbDeployTest, BillingModeSwitchAndIndexChangesInPlace) {
  const char *v1 = R"(
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - {AttributeName: id, AttributeType: S}
        - {AttributeName: a, AttributeType: S}
      KeySchema:
        - {AttributeName: id, KeyType: HASH}
      GlobalSecondaryIndexes:
        - IndexName: byA
          KeySchema: [{AttributeName: a, KeyType: HASH}]
          Projection: {ProjectionType: ALL}
Outputs:
  Name:
    Value: !Ref Table
)";
  const char *v2 = R"(
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PROVISIONED
      ProvisionedThroughput: {ReadCapacityUnits: 3, WriteCapacityUnits: 4}
      AttributeDefinitions:
        - {AttributeName: id, AttributeType: S}
        - {AttributeName: b, AttributeType: N}
      KeySchema:
        - {AttributeName: id, KeyType: HASH}
      GlobalSecondaryIndexes:
        - IndexName: byB
          KeySchema: [{AttributeName: b, KeyType: HASH}]
          Projection: {ProjectionType: KEYS_ONLY}
          ProvisionedThroughput: {ReadCapacityUnits: 2, WriteCapacityUnits: 2}
      DeletionProtectionEnabled: false
Outputs:
  Name:
    Value: !Ref Table
)";
  auto created = deploy("app", v1);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string name = output(created, "Name");
  EXPECT_THAT(name, StartsWith("app-Table-"));
  EXPECT_EQ(table(name)["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST");

  auto updated = deploy("app", v2);
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "Name"), name);
  Json t = table(name);
  EXPECT_EQ(t["BillingModeSummary"]["BillingMode"], "PROVISIONED");
  EXPECT_EQ(t["ProvisionedThroughput"]["WriteCapacityUnits"], 4);
  ASSERT_EQ(t["GlobalSecondaryIndexes"].size(), 1u);
  EXPECT_EQ(t["GlobalSecondaryIndexes"][0]["IndexName"], "byB");
  EXPECT_EQ(t["AttributeDefinitions"], Json::parse(R"([{"AttributeName":"b","AttributeType":"N"},
                            {"AttributeName":"id","AttributeType":"S"}])"));
}

TEST_F(DynamoDbDeployTest, DynamoDbValidationErrorFailsTheResourceAndRollsBack) {
  // The schema accepts it; DynamoDB does not (a definition no key uses).
  const char *t = R"(
Resources:
  Good:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
  Bad:
    Type: AWS::DynamoDB::Table
    DependsOn: Good
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - {AttributeName: id, AttributeType: S}
        - {AttributeName: unused, AttributeType: S}
      KeySchema: [{AttributeName: id, KeyType: HASH}]
)";
  auto result = deploy("app", t);
  EXPECT_FALSE(result.succeeded);
  EXPECT_EQ(result.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Bad", "CREATE_FAILED"),
              HasSubstr("One or more parameter values were invalid: Number of attributes in "
                        "KeySchema does not exactly match number of attributes defined in "
                        "AttributeDefinitions"));
  EXPECT_THAT(reason("Bad", "CREATE_FAILED"), HasSubstr("ValidationException"));
  EXPECT_EQ(reporter_.statuses("Good"),
            (std::vector<std::string>{"CREATE_IN_PROGRESS", "CREATE_COMPLETE", "DELETE_IN_PROGRESS",
                                      "DELETE_COMPLETE"}));
  EXPECT_TRUE(call("dynamodb", "ListTables")["TableNames"].empty());
}

TEST_F(DynamoDbDeployTest, AFailedUpdateRollsBackToTheFormerTable) {
  const char *v1 = R"(
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: kept
      ProvisionedThroughput: {ReadCapacityUnits: 2, WriteCapacityUnits: 2}
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
)";
  // Throughput changes, then a new index whose key has no definition.
  const char *v2 = R"(
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: kept
      ProvisionedThroughput: {ReadCapacityUnits: 7, WriteCapacityUnits: 2}
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      GlobalSecondaryIndexes:
        - IndexName: byMissing
          KeySchema: [{AttributeName: missing, KeyType: HASH}]
          Projection: {ProjectionType: ALL}
          ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
)";
  ASSERT_TRUE(deploy("app", v1).succeeded);
  auto updated = deploy("app", v2);
  EXPECT_FALSE(updated.succeeded);
  EXPECT_EQ(updated.stack.status, "UPDATE_ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Table", "UPDATE_FAILED"),
              HasSubstr("Some index key attributes are not defined in AttributeDefinitions"));
  Json t = table("kept");
  EXPECT_EQ(t["ProvisionedThroughput"]["ReadCapacityUnits"], 2); // rolled back
  EXPECT_FALSE(t.contains("GlobalSecondaryIndexes"));
}
