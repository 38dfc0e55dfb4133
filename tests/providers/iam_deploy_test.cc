// IAM templates deployed through the engine onto the embedded IAM: a role with inline and
// managed policies, an instance profile, a customer managed policy and an inline policy
// resource; an in-place update; IAM's policy checks failing a resource with IAM's message and
// rolling the stack back.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class IamDeployTest : public ServiceDeployTest {};

const char *kTemplate = R"(
Parameters:
  Duration:
    Type: Number
    Default: 3600
  Bucket:
    Type: String
    Default: first
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app-role
      MaxSessionDuration: !Ref Duration
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: ec2.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Sub arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess
        - !Ref Shared
      Policies:
        - PolicyName: logs
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [logs:CreateLogStream, logs:PutLogEvents]
                Resource: "*"
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: !Sub arn:${AWS::Partition}:s3:::${Bucket}/*
  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: sqs:SendMessage
            Resource: "*"
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref Role]
Outputs:
  RoleArn:
    Value: !GetAtt Role.Arn
  RoleId:
    Value: !GetAtt Role.RoleId
  Shared:
    Value: !Ref Shared
  Version:
    Value: !GetAtt Shared.DefaultVersionId
  ProfileArn:
    Value: !GetAtt Profile.Arn
)";

} // namespace

TEST_F(IamDeployTest, RoleWithPoliciesAndProfileCreateUpdateDelete) {
  auto created = deploy("app", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  EXPECT_EQ(output(created, "RoleArn"), "arn:aws:iam::123456789012:role/app-role");
  EXPECT_EQ(output(created, "RoleId"),
            call("iam", "GetRole", {{"RoleName", "app-role"}})["Role"]["RoleId"]);
  std::string shared = output(created, "Shared");
  EXPECT_THAT(shared, ::testing::StartsWith("arn:aws:iam::123456789012:policy/app-Shared-"));
  EXPECT_EQ(output(created, "Version"), "v1");
  EXPECT_THAT(output(created, "ProfileArn"),
              ::testing::StartsWith("arn:aws:iam::123456789012:instance-profile/app-Profile-"));
  EXPECT_EQ(call("iam", "ListRolePolicies", {{"RoleName", "app-role"}})["PolicyNames"],
            Json::parse(R"(["extra","logs"])"));
  EXPECT_EQ(call("iam", "ListAttachedRolePolicies", {{"RoleName", "app-role"}})["AttachedPolicies"]
                .size(),
            2u);

  // In place: the role's session duration and the managed policy's document (a new version).
  auto updated = deploy("app", kTemplate, {{"Duration", "7200"}, {"Bucket", "second"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "RoleArn"), output(created, "RoleArn"));
  EXPECT_EQ(output(updated, "RoleId"), output(created, "RoleId"));
  EXPECT_EQ(output(updated, "Shared"), shared);
  EXPECT_EQ(output(updated, "Version"), "v2");
  EXPECT_EQ(call("iam", "GetRole", {{"RoleName", "app-role"}})["Role"]["MaxSessionDuration"], 7200);
  // The inline policy resource kept its place through the role's update.
  EXPECT_EQ(call("iam", "ListRolePolicies", {{"RoleName", "app-role"}})["PolicyNames"].size(), 2u);

  ASSERT_TRUE(remove("app").succeeded);
  EXPECT_TRUE(call("iam", "ListRoles")["Roles"].empty());
  EXPECT_TRUE(call("iam", "ListPolicies", {{"Scope", "Local"}})["Policies"].empty());
  EXPECT_TRUE(call("iam", "ListInstanceProfiles")["InstanceProfiles"].empty());
}

TEST_F(IamDeployTest, MalformedTrustPolicyFailsTheRoleAndRollsBack) {
  const char *t = R"(
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: "s3:*", Resource: "*"}
  Role:
    Type: AWS::IAM::Role
    DependsOn: Policy
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
)";
  auto result = deploy("app", t);
  EXPECT_FALSE(result.succeeded);
  EXPECT_EQ(result.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Role", "CREATE_FAILED"),
              HasSubstr("Missing required field Principal (Service: Iam, Status Code: 400, Error "
                        "Code: MalformedPolicyDocument)"));
  EXPECT_EQ(reporter_.statuses("Policy"),
            (std::vector<std::string>{"CREATE_IN_PROGRESS", "CREATE_COMPLETE", "DELETE_IN_PROGRESS",
                                      "DELETE_COMPLETE"}));
  EXPECT_TRUE(call("iam", "ListRoles")["Roles"].empty());
  EXPECT_TRUE(call("iam", "ListPolicies", {{"Scope", "Local"}})["Policies"].empty());
}

TEST_F(IamDeployTest, BadInlinePolicyFailsAnUpdateWhichRollsBack) {
  const char *v1 = R"(
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: kept
      Description: before
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
)";
  const char *v2 = R"(
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: kept
      Description: after
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: broken
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: GetObject, Resource: "*"}
)";
  ASSERT_TRUE(deploy("app", v1).succeeded);
  auto updated = deploy("app", v2);
  EXPECT_FALSE(updated.succeeded);
  EXPECT_EQ(updated.stack.status, "UPDATE_ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Role", "UPDATE_FAILED"),
              HasSubstr("Actions/Conditions must be prefaced by a vendor"));
  // The rollback converged the role back to v1, description included.
  Json r = call("iam", "GetRole", {{"RoleName", "kept"}})["Role"];
  EXPECT_EQ(r["Description"], "before");
  EXPECT_TRUE(call("iam", "ListRolePolicies", {{"RoleName", "kept"}})["PolicyNames"].empty());
}
