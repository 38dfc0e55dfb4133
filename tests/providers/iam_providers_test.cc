// The IAM providers (Role, User, Group, Policy, ManagedPolicy, InstanceProfile) on the embedded
// IAM: create, read, update in place (diffed against IAM), createOnly changes refused, delete
// with what hangs on the principal, and IAM's errors as FAILED events with IAM's message.
#include "tests/providers/embedded_fixture.h"

#include <gmock/gmock.h>

namespace cfnlocal::providers {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using testing::props;

constexpr const char *kRole = "AWS::IAM::Role";
constexpr const char *kUser = "AWS::IAM::User";
constexpr const char *kGroup = "AWS::IAM::Group";
constexpr const char *kPolicy = "AWS::IAM::Policy";
constexpr const char *kManaged = "AWS::IAM::ManagedPolicy";
constexpr const char *kProfile = "AWS::IAM::InstanceProfile";

const char *kTrust = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})";
const char *kLogs = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Action": "logs:*", "Resource": "*"}]})";
const char *kS3 = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}]})";

class IamProvidersTest : public testing::EmbeddedProviderTest {
protected:
  Json iam(std::string_view op, const Json &in) { return call("iam", op, in); }
  std::string role_props(std::string_view extra = "") {
    return std::string(R"({"AssumeRolePolicyDocument": )") + kTrust + (extra.empty() ? "" : ", ") +
           std::string(extra) + "}";
  }
};

TEST_F(IamProvidersTest, RoleCreateWithPoliciesReadAndAttributes) {
  for (const char *t : {kRole, kUser, kGroup, kPolicy, kManaged, kProfile})
    EXPECT_TRUE(registry_->has_specific(t)) << t;
  auto created = create(kRole, "AppRole",
                        role_props(std::string(R"("Path": "/app/",
      "Description": "app", "MaxSessionDuration": 7200,
      "ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      "Policies": [{"PolicyName": "logs", "PolicyDocument": )") +
                                   kLogs + R"(}],
      "Tags": [{"Key": "team", "Value": "core"}])"));
  ASSERT_TRUE(created.ok()) << created.message;
  const Value &m = created.resource_model;
  std::string name = m.find("RoleName")->as_string();
  EXPECT_THAT(name, MatchesRegex("mystack-AppRole-[A-Z0-9]{12,13}"));
  EXPECT_EQ(*provider(kRole).ref(kRole, m), Value(name));
  EXPECT_EQ(att(kRole, m, "Arn"), "arn:aws:iam::123456789012:role/app/" + name);
  EXPECT_THAT(att(kRole, m, "RoleId"), MatchesRegex("AROA[A-Z0-9]{17}"));

  Json r = iam("GetRole", {{"RoleName", name}})["Role"];
  EXPECT_EQ(r["RoleId"], att(kRole, m, "RoleId"));
  EXPECT_EQ(r["MaxSessionDuration"], 7200);
  EXPECT_EQ(iam("ListRolePolicies", {{"RoleName", name}})["PolicyNames"],
            Json::parse(R"(["logs"])"));
  EXPECT_EQ(iam("ListAttachedRolePolicies", {{"RoleName", name}})["AttachedPolicies"].size(), 1u);

  auto read = this->read(kRole, m);
  ASSERT_TRUE(read.ok()) << read.message;
  EXPECT_EQ(read.resource_model.find("Policies")->size(), 1u);
  EXPECT_EQ(read.resource_model.find("Description")->as_string(), "app");
  EXPECT_EQ(*read.resource_model.find("AssumeRolePolicyDocument"), props(kTrust));
}

TEST_F(IamProvidersTest, RoleUpdateInPlaceAndReplacementFields) {
  auto created = create(kRole, "Res",
                        role_props(std::string(R"("RoleName": "worker",
      "ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      "Policies": [{"PolicyName": "logs", "PolicyDocument": )") +
                                   kLogs + "}]"));
  ASSERT_TRUE(created.ok()) << created.message;
  std::string ec2_trust = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})";
  auto updated = update(kRole, created,
                        std::string(R"({"RoleName": "worker",
      "AssumeRolePolicyDocument": )") +
                            ec2_trust + R"(, "Description": "now ec2",
      "MaxSessionDuration": 10800,
      "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
      "Policies": [{"PolicyName": "s3", "PolicyDocument": )" +
                            kS3 + "}]}");
  ASSERT_TRUE(updated.ok()) << updated.message;
  Json r = iam("GetRole", {{"RoleName", "worker"}})["Role"];
  EXPECT_THAT(r["AssumeRolePolicyDocument"].get<std::string>(), HasSubstr("ec2.amazonaws.com"));
  EXPECT_EQ(r["Description"], "now ec2");
  EXPECT_EQ(r["MaxSessionDuration"], 10800);
  EXPECT_EQ(iam("ListRolePolicies", {{"RoleName", "worker"}})["PolicyNames"],
            Json::parse(R"(["s3"])"));
  Json attached = iam("ListAttachedRolePolicies", {{"RoleName", "worker"}})["AttachedPolicies"];
  ASSERT_EQ(attached.size(), 1u);
  EXPECT_EQ(attached[0]["PolicyArn"], "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
  EXPECT_EQ(att(kRole, updated.resource_model, "Arn"), att(kRole, created.resource_model, "Arn"));

  auto renamed = update(kRole, updated, role_props(R"("RoleName": "other")"));
  EXPECT_EQ(renamed.error_code, HandlerErrorCode::NotUpdatable);
  auto moved = update(kRole, updated, role_props(R"("RoleName": "worker", "Path": "/x/")"));
  EXPECT_EQ(moved.error_code, HandlerErrorCode::NotUpdatable);

  // Delete takes the policies with it.
  ASSERT_TRUE(remove(kRole, updated.resource_model).ok());
  EXPECT_EQ(read(kRole, updated.resource_model).error_code, HandlerErrorCode::NotFound);
  EXPECT_TRUE(iam("ListRoles", Json::object())["Roles"].empty());
}

TEST_F(IamProvidersTest, RoleErrorsSurfaceWithIamMessages) {
  auto no_statement =
      create(kRole, "R", R"({"AssumeRolePolicyDocument": {"Version": "2012-10-17"}})");
  EXPECT_EQ(no_statement.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_THAT(no_statement.message, HasSubstr("Syntax errors in policy. (Service: Iam, Status "
                                              "Code: 400, Error Code: MalformedPolicyDocument)"));
  auto bad_inline = create(kRole, "R", role_props(R"("RoleName": "r1", "Policies": [{"PolicyName":
      "p", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:*"}]}}])"));
  EXPECT_THAT(bad_inline.message, HasSubstr("Policy statement must contain resources."));
  auto missing_policy = create(kRole, "R", role_props(R"("RoleName": "r2",
      "ManagedPolicyArns": ["arn:aws:iam::123456789012:policy/none"])"));
  EXPECT_EQ(missing_policy.error_code, HandlerErrorCode::NotFound);
  EXPECT_THAT(missing_policy.message, HasSubstr("does not exist or is not attachable"));
  // Failed creates leave no role behind.
  EXPECT_TRUE(iam("ListRoles", Json::object())["Roles"].empty());

  ASSERT_TRUE(create(kRole, "R", role_props(R"("RoleName": "taken")")).ok());
  auto taken = create(kRole, "R2", role_props(R"("RoleName": "TAKEN")"));
  EXPECT_EQ(taken.error_code, HandlerErrorCode::AlreadyExists);
  EXPECT_THAT(taken.message, HasSubstr("Role with name TAKEN already exists."));
}

TEST_F(IamProvidersTest, UserAndGroupWithMembershipAndPathUpdate) {
  auto group = create(kGroup, "G",
                      std::string(R"({"GroupName": "devs", "Policies": [
      {"PolicyName": "logs", "PolicyDocument": )") +
                          kLogs + "}]}");
  ASSERT_TRUE(group.ok()) << group.message;
  EXPECT_EQ(att(kGroup, group.resource_model, "Arn"), "arn:aws:iam::123456789012:group/devs");
  auto user = create(kUser, "U", R"({"UserName": "alice", "Groups": ["devs"],
      "ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      "Tags": [{"Key": "a", "Value": "1"}]})");
  ASSERT_TRUE(user.ok()) << user.message;
  EXPECT_EQ(iam("GetGroup", {{"GroupName", "devs"}})["Users"][0]["UserName"], "alice");

  auto moved = update(kUser, user, R"({"UserName": "alice", "Path": "/staff/", "Groups": []})");
  ASSERT_TRUE(moved.ok()) << moved.message;
  EXPECT_EQ(att(kUser, moved.resource_model, "Arn"), "arn:aws:iam::123456789012:user/staff/alice");
  EXPECT_TRUE(iam("GetGroup", {{"GroupName", "devs"}})["Users"].empty());
  EXPECT_TRUE(iam("ListAttachedUserPolicies", {{"UserName", "alice"}})["AttachedPolicies"].empty());
  EXPECT_TRUE(iam("ListUserTags", {{"UserName", "alice"}})["Tags"].empty());

  auto unknown_group = update(kUser, moved, R"({"UserName": "alice", "Groups": ["nope"]})");
  EXPECT_EQ(unknown_group.error_code, HandlerErrorCode::NotFound);
  EXPECT_THAT(unknown_group.message, HasSubstr("The group with name nope cannot be found."));

  ASSERT_TRUE(remove(kUser, moved.resource_model).ok());
  ASSERT_TRUE(remove(kGroup, group.resource_model).ok());
  EXPECT_TRUE(iam("ListGroups", Json::object())["Groups"].empty());
}

TEST_F(IamProvidersTest, InlinePolicyResource) {
  ASSERT_TRUE(create(kRole, "A", role_props(R"("RoleName": "a")")).ok());
  ASSERT_TRUE(create(kRole, "B", role_props(R"("RoleName": "b")")).ok());
  auto policy = create(kPolicy, "Res", std::string(R"({"PolicyName": "logs", "Roles": ["a"],
      "PolicyDocument": )") + kLogs + "}");
  ASSERT_TRUE(policy.ok()) << policy.message;
  EXPECT_FALSE(provider(kPolicy).physical_id(kPolicy, policy.resource_model).empty());
  EXPECT_EQ(iam("ListRolePolicies", {{"RoleName", "a"}})["PolicyNames"].size(), 1u);

  auto moved = update(kPolicy, policy, std::string(R"({"PolicyName": "logs2", "Roles": ["b"],
      "PolicyDocument": )") + kS3 + "}");
  ASSERT_TRUE(moved.ok()) << moved.message;
  EXPECT_TRUE(iam("ListRolePolicies", {{"RoleName", "a"}})["PolicyNames"].empty());
  EXPECT_EQ(iam("ListRolePolicies", {{"RoleName", "b"}})["PolicyNames"],
            Json::parse(R"(["logs2"])"));
  ASSERT_TRUE(read(kPolicy, moved.resource_model).ok());
  ASSERT_TRUE(remove(kPolicy, moved.resource_model).ok());
  EXPECT_TRUE(iam("ListRolePolicies", {{"RoleName", "b"}})["PolicyNames"].empty());

  auto nobody = create(kPolicy, "P", std::string(R"({"PolicyName": "x", "Roles": ["ghost"],
      "PolicyDocument": )") + kLogs + "}");
  EXPECT_EQ(nobody.error_code, HandlerErrorCode::NotFound);
  EXPECT_THAT(nobody.message, HasSubstr("The role with name ghost cannot be found."));
}

TEST_F(IamProvidersTest, ManagedPolicyVersionsAndAttachments) {
  ASSERT_TRUE(create(kRole, "A", role_props(R"("RoleName": "a")")).ok());
  auto created = create(kManaged, "Res",
                        std::string(R"({"ManagedPolicyName": "shared",
      "Roles": ["a"], "PolicyDocument": )") +
                            kLogs + "}");
  ASSERT_TRUE(created.ok()) << created.message;
  const Value &m = created.resource_model;
  std::string arn = "arn:aws:iam::123456789012:policy/shared";
  EXPECT_EQ(provider(kManaged).physical_id(kManaged, m), arn);
  EXPECT_EQ(*provider(kManaged).ref(kManaged, m), Value(arn));
  EXPECT_EQ(att(kManaged, m, "PolicyArn"), arn);
  EXPECT_EQ(att(kManaged, m, "DefaultVersionId"), "v1");
  EXPECT_THAT(att(kManaged, m, "PolicyId"), MatchesRegex("ANPA[A-Z0-9]{17}"));
  EXPECT_EQ(att(kManaged, m, "AttachmentCount"), "1");

  // Six document changes: IAM keeps five versions, the oldest goes.
  Value model = m;
  ProgressEvent last = created;
  for (int i = 0; i < 6; ++i) {
    std::string doc = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b)" +
                      std::to_string(i) + R"(/*"}]})";
    last = update(kManaged, last, R"({"ManagedPolicyName": "shared", "Roles": ["a"],
        "PolicyDocument": )" + doc + "}");
    ASSERT_TRUE(last.ok()) << last.message;
  }
  EXPECT_EQ(att(kManaged, last.resource_model, "DefaultVersionId"), "v7");
  EXPECT_EQ(iam("ListPolicyVersions", {{"PolicyArn", arn}})["Versions"].size(), 5u);

  auto detached = update(kManaged, last, std::string(R"({"ManagedPolicyName": "shared",
      "PolicyDocument": )") + kLogs + "}");
  ASSERT_TRUE(detached.ok()) << detached.message;
  EXPECT_TRUE(iam("ListAttachedRolePolicies", {{"RoleName", "a"}})["AttachedPolicies"].empty());

  auto read = this->read(kManaged, detached.resource_model);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read.resource_model.find("PolicyDocument"), props(kLogs));

  ASSERT_TRUE(remove(kManaged, detached.resource_model).ok());
  EXPECT_TRUE(iam("ListPolicies", {{"Scope", "Local"}})["Policies"].empty());

  auto bad = create(kManaged, "Res", R"({"PolicyDocument": {"Statement": [{"Effect": "Allow",
      "Action": "s3:GetObject", "Resource": "bucket"}]}})");
  EXPECT_EQ(bad.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_THAT(bad.message, HasSubstr("Resource bucket must be in ARN format or \"*\"."));
}

TEST_F(IamProvidersTest, InstanceProfileSwapsItsRole) {
  ASSERT_TRUE(create(kRole, "A", role_props(R"("RoleName": "a")")).ok());
  ASSERT_TRUE(create(kRole, "B", role_props(R"("RoleName": "b")")).ok());
  auto profile = create(kProfile, "Res", R"({"Roles": ["a"]})");
  ASSERT_TRUE(profile.ok()) << profile.message;
  std::string name = profile.resource_model.find("InstanceProfileName")->as_string();
  EXPECT_EQ(att(kProfile, profile.resource_model, "Arn"),
            "arn:aws:iam::123456789012:instance-profile/" + name);
  auto swapped = update(kProfile, profile, R"({"Roles": ["b"]})");
  ASSERT_TRUE(swapped.ok()) << swapped.message;
  EXPECT_EQ(iam("GetInstanceProfile",
                {{"InstanceProfileName", name}})["InstanceProfile"]["Roles"][0]["RoleName"],
            "b");
  auto missing = create(kProfile, "P", R"({"Roles": ["ghost"]})");
  EXPECT_EQ(missing.error_code, HandlerErrorCode::NotFound);
  EXPECT_EQ(iam("ListInstanceProfiles", Json::object())["InstanceProfiles"].size(), 1u);
  ASSERT_TRUE(remove(kProfile, swapped.resource_model).ok());
  EXPECT_TRUE(iam("ListInstanceProfiles", Json::object())["InstanceProfiles"].empty());
}

} // namespace
} // namespace cfnlocal::providers
