// The embedded DynamoDB control plane: tables as DescribeTable reports them, and DynamoDB's own
// checks of key schemas, attribute definitions, indexes, billing modes, streams, TTL and
// point-in-time recovery, with its error codes and messages.
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

namespace cfnlocal::services {
namespace {

using ::testing::HasSubstr;

class DynamoDbTest : public EmbeddedTest {
protected:
  Json table(const std::string &json) {
    Json in = Json::parse(json);
    return call("dynamodb", "CreateTable", in)["TableDescription"];
  }
  void expect_error(const std::string &json, const std::string &code, const std::string &message,
                    const char *op = "CreateTable") {
    EXPECT_EQ(error_of("dynamodb", op, Json::parse(json)), code) << json;
    EXPECT_THAT(last_error_, HasSubstr(message)) << json;
  }
};

constexpr const char *kSimple = R"({"TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
    "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})";

TEST_F(DynamoDbTest, CreateDescribeListDelete) {
  Json d = table(R"({"TableName": "orders",
      "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                               {"AttributeName": "n", "AttributeType": "N"}],
      "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                    {"AttributeName": "n", "KeyType": "RANGE"}],
      "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": "4"},
      "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"},
      "Tags": [{"Key": "a", "Value": "b"}]})");
  EXPECT_EQ(d["TableStatus"], "CREATING");
  Json t = call("dynamodb", "DescribeTable", {{"TableName", "orders"}})["Table"];
  EXPECT_EQ(t["TableStatus"], "ACTIVE");
  EXPECT_EQ(t["TableArn"], "arn:aws:dynamodb:us-east-1:123456789012:table/orders");
  EXPECT_EQ(t["ProvisionedThroughput"]["WriteCapacityUnits"], 4);
  EXPECT_THAT(t["LatestStreamArn"].get<std::string>(), HasSubstr("table/orders/stream/"));
  EXPECT_EQ(call("dynamodb", "ListTables")["TableNames"], Json::array({"orders"}));
  EXPECT_EQ(
      call("dynamodb", "ListTagsOfResource", {{"ResourceArn", t["TableArn"]}})["Tags"][0]["Key"],
      "a");
  EXPECT_EQ(
      call("dynamodb", "DeleteTable", {{"TableName", "orders"}})["TableDescription"]["TableStatus"],
      "DELETING");
  expect_error(R"({"TableName": "orders"})", "ResourceNotFoundException",
               "Requested resource not found: Table: orders not found", "DescribeTable");
}

TEST_F(DynamoDbTest, KeySchemaAndDefinitionsAreCheckedAsDynamoDbDoes) {
  expect_error(R"({"TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "id", "KeyType": "RANGE"}]})",
               "ValidationException",
               "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  expect_error(R"({"TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"},
                    {"AttributeName": "id", "KeyType": "RANGE"}]})",
               "ValidationException",
               "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  expect_error(R"({"TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
      "AttributeDefinitions": [{"AttributeName": "other", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})",
               "ValidationException",
               "Some index key attributes are not defined in AttributeDefinitions. Keys: [id], "
               "AttributeDefinitions: [other]");
  expect_error(R"({"TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "X"}],
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})",
               "ValidationException",
               "Value 'X' at 'attributeDefinitions.1.member.attributeType' failed to satisfy "
               "constraint: Member must satisfy enum value set: [B, N, S]");
  expect_error(R"({"TableName": "a b", "BillingMode": "PAY_PER_REQUEST",
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})",
               "ValidationException",
               "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  table(kSimple);
  expect_error(kSimple, "ResourceInUseException", "Table already exists: tbl");
}

TEST_F(DynamoDbTest, BillingModeAndThroughputRules) {
  expect_error(R"({"TableName": "tbl",
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})",
               "ValidationException",
               "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode "
               "is PROVISIONED");
  expect_error(R"({"TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
      "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})",
               "ValidationException",
               "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
               "BillingMode is PAY_PER_REQUEST");
  expect_error(R"({"TableName": "tbl",
      "ProvisionedThroughput": {"ReadCapacityUnits": 0, "WriteCapacityUnits": 1},
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})",
               "ValidationException",
               "Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy "
               "constraint: Member must have value greater than or equal to 1");
  table(R"({"TableName": "prov", "ProvisionedThroughput": {"ReadCapacityUnits": 2,
      "WriteCapacityUnits": 2},
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})");
  expect_error(R"({"TableName": "prov", "ProvisionedThroughput": {"ReadCapacityUnits": 2,
      "WriteCapacityUnits": 2}})",
               "ValidationException", "The provisioned throughput for the table will not change.",
               "UpdateTable");
  expect_error(R"({"TableName": "prov"})", "ValidationException",
               "At least one of ProvisionedThroughput, BillingMode", "UpdateTable");
  call("dynamodb", "UpdateTable", {{"TableName", "prov"}, {"BillingMode", "PAY_PER_REQUEST"}});
  EXPECT_EQ(call("dynamodb", "DescribeTable",
                 {{"TableName", "prov"}})["Table"]["BillingModeSummary"]["BillingMode"],
            "PAY_PER_REQUEST");
}

TEST_F(DynamoDbTest, IndexRules) {
  // Local indexes need the table's range key and its hash key.
  expect_error(R"({"TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                               {"AttributeName": "x", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
      "LocalSecondaryIndexes": [{"IndexName": "lsi", "KeySchema": [
        {"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "x", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "ALL"}}]})",
               "ValidationException",
               "Table KeySchema does not have a range key, which is required when specifying a "
               "LocalSecondaryIndex");
  expect_error(R"({"TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                               {"AttributeName": "r", "AttributeType": "S"},
                               {"AttributeName": "x", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "r", "KeyType": "RANGE"}],
      "LocalSecondaryIndexes": [{"IndexName": "lsi", "KeySchema": [
        {"AttributeName": "x", "KeyType": "HASH"}, {"AttributeName": "r", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "ALL"}}]})",
               "ValidationException",
               "Index KeySchema does not have the same leading hash key as table KeySchema for "
               "index: lsi. index hash key: x, table hash key: id");
  // Global indexes under provisioned billing need throughput; projections are checked.
  expect_error(
      R"({"TableName": "tbl", "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                               {"AttributeName": "g", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
      "GlobalSecondaryIndexes": [{"IndexName": "gsi", "KeySchema": [
        {"AttributeName": "g", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}]})",
      "ValidationException", "ProvisionedThroughput must be specified for index: gsi");
  expect_error(R"({"TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                               {"AttributeName": "g", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
      "GlobalSecondaryIndexes": [{"IndexName": "gsi", "KeySchema": [
        {"AttributeName": "g", "KeyType": "HASH"}],
        "Projection": {"ProjectionType": "KEYS_ONLY", "NonKeyAttributes": ["a"]}}]})",
               "ValidationException",
               "ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified");
  // One index created or deleted per UpdateTable.
  table(kSimple);
  expect_error(R"({"TableName": "tbl",
      "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"},
                               {"AttributeName": "b", "AttributeType": "S"}],
      "GlobalSecondaryIndexUpdates": [
        {"Create": {"IndexName": "idxa", "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"}}},
        {"Create": {"IndexName": "idxb", "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"}}}]})",
               "LimitExceededException",
               "Subscriber limit exceeded: Only 1 online index can be created or deleted "
               "simultaneously per table",
               "UpdateTable");
}

TEST_F(DynamoDbTest, TimeToLiveContinuousBackupsAndDeletionProtection) {
  table(kSimple);
  Json on = {{"TableName", "tbl"},
             {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", "exp"}}}};
  call("dynamodb", "UpdateTimeToLive", on);
  EXPECT_EQ(call("dynamodb", "DescribeTimeToLive", {{"TableName", "tbl"}})["TimeToLiveDescription"],
            Json::parse(R"({"TimeToLiveStatus": "ENABLED", "AttributeName": "exp"})"));
  EXPECT_EQ(error_of("dynamodb", "UpdateTimeToLive", on), "ValidationException");
  EXPECT_EQ(last_error_, "TimeToLive is already enabled");

  expect_error(R"({"TableName": "tbl", "PointInTimeRecoverySpecification":
      {"PointInTimeRecoveryEnabled": true, "RecoveryPeriodInDays": 40}})",
               "ValidationException", "Member must have value less than or equal to 35",
               "UpdateContinuousBackups");
  expect_error(R"({"TableName": "nope", "PointInTimeRecoverySpecification":
      {"PointInTimeRecoveryEnabled": true}})",
               "TableNotFoundException", "Table not found: nope", "UpdateContinuousBackups");
  call("dynamodb", "UpdateContinuousBackups",
       {{"TableName", "tbl"},
        {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}}}});
  EXPECT_EQ(call("dynamodb", "DescribeContinuousBackups",
                 {{"TableName", "tbl"}})["ContinuousBackupsDescription"]
                                        ["PointInTimeRecoveryDescription"]["RecoveryPeriodInDays"],
            35);

  call("dynamodb", "UpdateTable", {{"TableName", "tbl"}, {"DeletionProtectionEnabled", true}});
  expect_error(R"({"TableName": "tbl"})", "ValidationException",
               "Resource cannot be deleted as it is currently protected against deletion.",
               "DeleteTable");
}

} // namespace
} // namespace cfnlocal::services
