// AWS::Kinesis::Stream deployed through the engine onto the embedded Kinesis: create (shards,
// retention, encryption, metrics, tags), in-place updates (shard count, retention down and up,
// encryption off, mode), a replacement, delete, and Kinesis's own checks failing the resource
// with its message, then rolling back.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class KinesisDeployTest : public ServiceDeployTest {
protected:
  Json summary(const std::string &name) {
    return call("kinesis", "DescribeStreamSummary",
                {{"StreamName", name}})["StreamDescriptionSummary"];
  }
};

const char *kTemplate = R"(
Parameters:
  Name:
    Type: String
    Default: clicks
  Shards:
    Type: Number
    Default: 2
  Retention:
    Type: Number
    Default: 48
  Encrypt:
    Type: String
    Default: "yes"
Conditions:
  Encrypted: !Equals [!Ref Encrypt, "yes"]
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      Name: !Ref Name
      ShardCount: !Ref Shards
      RetentionPeriodHours: !Ref Retention
      StreamEncryption: !If
        - Encrypted
        - {EncryptionType: KMS, KeyId: alias/aws/kinesis}
        - !Ref AWS::NoValue
      DesiredShardLevelMetrics: [IncomingBytes]
      Tags:
        - Key: team
          Value: core
Outputs:
  Name:
    Value: !Ref Stream
  Arn:
    Value: !GetAtt Stream.Arn
)";

} // namespace

TEST_F(KinesisDeployTest, CreateUpdateInPlaceReplaceAndDelete) {
  auto created = deploy("app", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  EXPECT_EQ(output(created, "Name"), "clicks");
  EXPECT_EQ(output(created, "Arn"), "arn:aws:kinesis:us-east-1:123456789012:stream/clicks");
  Json s = summary("clicks");
  EXPECT_EQ(s["OpenShardCount"], 2);
  EXPECT_EQ(s["RetentionPeriodHours"], 48);
  EXPECT_EQ(s["EncryptionType"], "KMS");
  EXPECT_EQ(s["EnhancedMonitoring"][0]["ShardLevelMetrics"][0], "IncomingBytes");
  EXPECT_EQ(call("kinesis", "ListTagsForStream", {{"StreamName", "clicks"}})["Tags"][0]["Key"],
            "team");

  auto updated =
      deploy("app", kTemplate, {{"Shards", "4"}, {"Retention", "24"}, {"Encrypt", "no"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  s = summary("clicks");
  EXPECT_EQ(s["OpenShardCount"], 4);
  EXPECT_EQ(s["RetentionPeriodHours"], 24);
  EXPECT_EQ(s["EncryptionType"], "NONE");

  auto replaced = deploy("app", kTemplate, {{"Name", "views"}, {"Shards", "4"}});
  ASSERT_TRUE(replaced.succeeded) << replaced.message;
  EXPECT_EQ(summary("views")["OpenShardCount"], 4);
  EXPECT_EQ(error_of("kinesis", "DescribeStreamSummary", {{"StreamName", "clicks"}}),
            "ResourceNotFoundException");

  auto deleted = remove("app");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_TRUE(call("kinesis", "ListStreams")["StreamNames"].empty());
}

TEST_F(KinesisDeployTest, ScalingBeyondDoubleFailsTheUpdateWhichRollsBack) {
  ASSERT_TRUE(deploy("app", kTemplate, {{"Shards", "1"}}).succeeded);
  auto updated = deploy("app", kTemplate, {{"Shards", "3"}, {"Retention", "72"}});
  EXPECT_FALSE(updated.succeeded);
  EXPECT_EQ(updated.stack.status, "UPDATE_ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Stream", "UPDATE_FAILED"),
              HasSubstr("UpdateShardCount cannot scale up over double your current open shard "
                        "count. Current open shard count: 1 Target shard count: 3"));
  EXPECT_EQ(summary("clicks")["OpenShardCount"], 1);
  EXPECT_EQ(summary("clicks")["RetentionPeriodHours"], 48);
}

TEST_F(KinesisDeployTest, RetentionOutOfRangeFailsTheCreate) {
  auto created = deploy("app", kTemplate, {{"Retention", "9000"}});
  EXPECT_FALSE(created.succeeded);
  EXPECT_EQ(created.stack.status, "ROLLBACK_COMPLETE");
  std::string why = reason("Stream", "CREATE_FAILED");
  // The schema's maximum (8760) checks first, before Kinesis would.
  EXPECT_THAT(why, HasSubstr("#/RetentionPeriodHours: failed validation constraint for keyword "
                             "[maximum]"));
  EXPECT_TRUE(call("kinesis", "ListStreams")["StreamNames"].empty());
}
