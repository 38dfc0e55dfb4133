// AWS::KMS::Key and AWS::KMS::Alias deployed through the engine onto the embedded KMS: create
// (policy, rotation, tags, alias), in-place updates (description, rotation, enabled, alias
// target), a replacement (new alias name), delete (key scheduled for deletion, alias gone), and
// KMS's own rules failing the resource with its message, then rolling back.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class KmsDeployTest : public ServiceDeployTest {
protected:
  Json key(const std::string &id) {
    return call("kms", "DescribeKey", {{"KeyId", id}})["KeyMetadata"];
  }
  std::string alias_target(const std::string &name) {
    Json aliases = call("kms", "ListAliases")["Aliases"];
    for (const auto &a : aliases)
      if (a["AliasName"] == name)
        return a["TargetKeyId"];
    return "";
  }
};

const char *kTemplate = R"(
Parameters:
  Description:
    Type: String
    Default: first
  Rotate:
    Type: String
    Default: "false"
  Enabled:
    Type: String
    Default: "true"
  AliasName:
    Type: String
    Default: alias/app
  Target:
    Type: String
    Default: One
Conditions:
  UseOne: !Equals [!Ref Target, One]
Resources:
  One:
    Type: AWS::KMS::Key
    Properties:
      Description: !Ref Description
      EnableKeyRotation: !Ref Rotate
      Enabled: !Ref Enabled
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"}
            Action: kms:*
            Resource: "*"
      Tags:
        - Key: team
          Value: core
  Two:
    Type: AWS::KMS::Key
  Alias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: !Ref AliasName
      TargetKeyId: !If [UseOne, !Ref One, !GetAtt Two.Arn]
Outputs:
  KeyId:
    Value: !Ref One
  Arn:
    Value: !GetAtt One.Arn
  TwoId:
    Value: !GetAtt Two.KeyId
  Alias:
    Value: !Ref Alias
)";

} // namespace

TEST_F(KmsDeployTest, CreateUpdateInPlaceReplaceAndDelete) {
  auto created = deploy("app", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string id = output(created, "KeyId");
  EXPECT_EQ(output(created, "Arn"), "arn:aws:kms:us-east-1:123456789012:key/" + id);
  EXPECT_EQ(output(created, "Alias"), "alias/app");
  Json m = key(id);
  EXPECT_EQ(m["Description"], "first");
  EXPECT_EQ(m["KeyState"], "Enabled");
  EXPECT_EQ(call("kms", "GetKeyRotationStatus", {{"KeyId", id}})["KeyRotationEnabled"], false);
  EXPECT_EQ(call("kms", "ListResourceTags", {{"KeyId", id}})["Tags"][0]["TagKey"], "team");
  EXPECT_EQ(alias_target("alias/app"), id);
  EXPECT_EQ(key("alias/app")["KeyId"], id); // keys are found by alias too

  // Mutable: description, rotation, enabled, and the alias's target.
  auto updated =
      deploy("app", kTemplate, {{"Description", "second"}, {"Rotate", "true"}, {"Target", "Two"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "KeyId"), id);
  EXPECT_EQ(key(id)["Description"], "second");
  EXPECT_EQ(call("kms", "GetKeyRotationStatus", {{"KeyId", id}})["KeyRotationEnabled"], true);
  EXPECT_EQ(alias_target("alias/app"), output(created, "TwoId"));

  auto disabled = deploy(
      "app", kTemplate,
      {{"Description", "second"}, {"Rotate", "true"}, {"Enabled", "false"}, {"Target", "One"}});
  ASSERT_TRUE(disabled.succeeded) << disabled.message;
  EXPECT_EQ(key(id)["KeyState"], "Disabled");
  EXPECT_EQ(alias_target("alias/app"), id);

  // The alias name is create-only: a new alias, the old one deleted.
  auto replaced = deploy("app", kTemplate,
                         {{"Description", "second"},
                          {"Rotate", "true"},
                          {"Enabled", "false"},
                          {"AliasName", "alias/renamed"}});
  ASSERT_TRUE(replaced.succeeded) << replaced.message;
  EXPECT_EQ(output(replaced, "Alias"), "alias/renamed");
  EXPECT_EQ(alias_target("alias/renamed"), id);
  EXPECT_EQ(alias_target("alias/app"), "");

  auto deleted = remove("app");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_EQ(key(id)["KeyState"], "PendingDeletion");
  EXPECT_EQ(key(output(created, "TwoId"))["KeyState"], "PendingDeletion");
  EXPECT_TRUE(call("kms", "ListAliases")["Aliases"].empty());
}

TEST_F(KmsDeployTest, ReservedAliasFailsTheResourceAndRollsBack) {
  const char *t = R"(
Resources:
  Key:
    Type: AWS::KMS::Key
  Alias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: alias/aws/mine
      TargetKeyId: !Ref Key
Outputs:
  KeyId:
    Value: !Ref Key
)";
  auto result = deploy("app", t);
  EXPECT_FALSE(result.succeeded);
  EXPECT_EQ(result.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Alias", "CREATE_FAILED"), HasSubstr("alias/aws/"));
  EXPECT_THAT(reason("Alias", "CREATE_FAILED"), HasSubstr("NotAuthorizedException"));
  // The key was created, then scheduled for deletion by the rollback.
  Json keys = call("kms", "ListKeys")["Keys"];
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(key(keys[0]["KeyId"])["KeyState"], "PendingDeletion");
}

TEST_F(KmsDeployTest, IncompatibleKeySpecAndUsageFail) {
  const char *t = R"(
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeySpec: HMAC_256
      KeyUsage: ENCRYPT_DECRYPT
)";
  auto result = deploy("app", t);
  EXPECT_FALSE(result.succeeded);
  EXPECT_THAT(reason("Key", "CREATE_FAILED"),
              HasSubstr("KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec HMAC_256"));
  EXPECT_TRUE(call("kms", "ListKeys")["Keys"].empty());
}
