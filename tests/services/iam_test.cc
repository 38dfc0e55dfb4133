// The embedded IAM: names, paths, trust and permission policy documents, quotas, managed
// policies and versions, attachments, group membership, instance profiles and the delete
// conflicts IAM raises, with IAM's error codes and messages.
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

namespace cfnlocal::services {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

const char *kTrust = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})";
const char *kAllowLogs = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]})";

class IamTest : public EmbeddedTest {
protected:
  Json role(const std::string &name, Json extra = Json::object()) {
    Json in{{"RoleName", name}, {"AssumeRolePolicyDocument", kTrust}};
    for (auto &[k, v] : extra.items())
      in[k] = v;
    return call("iam", "CreateRole", in)["Role"];
  }
  std::string role_error(const std::string &name, Json extra = Json::object()) {
    Json in{{"RoleName", name}, {"AssumeRolePolicyDocument", kTrust}};
    for (auto &[k, v] : extra.items())
      in[k] = v;
    return error_of("iam", "CreateRole", in);
  }
};

TEST_F(IamTest, RoleCreateGetAndNames) {
  Json r = role("app-role", {{"Path", "/service/"}, {"Description", "runs the app"}});
  EXPECT_EQ(r["Arn"], "arn:aws:iam::123456789012:role/service/app-role");
  EXPECT_THAT(r["RoleId"].get<std::string>(), MatchesRegex("AROA[A-Z0-9]{17}"));
  EXPECT_EQ(r["MaxSessionDuration"], 3600);
  Json got = call("iam", "GetRole", {{"RoleName", "APP-ROLE"}})["Role"];
  EXPECT_EQ(got["RoleName"], "app-role"); // names are case-insensitive
  EXPECT_EQ(got["Description"], "runs the app");

  EXPECT_EQ(role_error("App-Role"), "EntityAlreadyExists");
  EXPECT_EQ(last_error_, "Role with name App-Role already exists.");
  EXPECT_EQ(last_status_, 409);
  EXPECT_EQ(role_error("bad name"), "ValidationError");
  EXPECT_THAT(last_error_, HasSubstr("Member must satisfy regular expression pattern"));
  EXPECT_EQ(role_error(std::string(65, 'r')), "ValidationError");
  EXPECT_EQ(role_error("p", {{"Path", "no-slashes"}}), "ValidationError");
  EXPECT_THAT(last_error_, HasSubstr("It must begin and end with /"));
  EXPECT_EQ(role_error("m", {{"MaxSessionDuration", 3599}}), "ValidationError");
  EXPECT_THAT(last_error_, HasSubstr("greater than or equal to 3600"));
  EXPECT_EQ(role_error("m", {{"MaxSessionDuration", 43201}}), "ValidationError");
  EXPECT_EQ(error_of("iam", "GetRole", {{"RoleName", "nobody"}}), "NoSuchEntity");
  EXPECT_EQ(last_error_, "The role with name nobody cannot be found.");
}

TEST_F(IamTest, TrustPoliciesAreChecked) {
  auto bad = [&](const std::string &doc) {
    return error_of("iam", "CreateRole", {{"RoleName", "r"}, {"AssumeRolePolicyDocument", doc}});
  };
  EXPECT_EQ(bad("not json"), "MalformedPolicyDocument");
  EXPECT_EQ(last_error_, "This policy contains invalid Json");
  EXPECT_EQ(bad(R"({"Version": "2012-10-17"})"), "MalformedPolicyDocument");
  EXPECT_EQ(bad(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Action": "sts:AssumeRole"}]})"),
            "MalformedPolicyDocument");
  EXPECT_EQ(last_error_, "Missing required field Principal");
  EXPECT_EQ(bad(R"({"Statement": [{"Effect": "Permit", "Principal": "*",
      "Action": "sts:AssumeRole"}]})"),
            "MalformedPolicyDocument");
  EXPECT_EQ(last_error_, "Invalid effect: Permit");
  EXPECT_EQ(bad(R"({"Statement": [{"Effect": "Allow", "Principal": "*",
      "Action": "sts:AssumeRole", "Resource": "*"}]})"),
            "MalformedPolicyDocument");
  EXPECT_EQ(last_error_, "Has prohibited field Resource");
  EXPECT_EQ(bad(R"({"Statement": [{"Effect": "Allow", "Principal": "*",
      "Action": "s3:GetObject"}]})"),
            "MalformedPolicyDocument");
  EXPECT_EQ(last_error_, "AssumeRole policy may only specify STS AssumeRole actions.");
  EXPECT_EQ(bad(R"({"Version": "2000-01-01", "Statement": [{"Effect": "Allow", "Principal": "*",
      "Action": "sts:AssumeRole"}]})"),
            "MalformedPolicyDocument");
  EXPECT_EQ(bad(R"({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "bob"},
      "Action": "sts:AssumeRole"}]})"),
            "MalformedPolicyDocument");
  EXPECT_THAT(last_error_, HasSubstr("Invalid principal in policy"));
  // Updating the trust policy checks it too.
  role("r");
  EXPECT_EQ(
      error_of("iam", "UpdateAssumeRolePolicy", {{"RoleName", "r"}, {"PolicyDocument", "{}"}}),
      "MalformedPolicyDocument");
}

TEST_F(IamTest, InlinePoliciesAndQuotas) {
  role("r");
  call("iam", "PutRolePolicy",
       {{"RoleName", "r"}, {"PolicyName", "logs"}, {"PolicyDocument", kAllowLogs}});
  EXPECT_EQ(call("iam", "ListRolePolicies", {{"RoleName", "r"}})["PolicyNames"],
            Json::parse(R"(["logs"])"));
  EXPECT_EQ(
      call("iam", "GetRolePolicy", {{"RoleName", "r"}, {"PolicyName", "logs"}})["PolicyDocument"],
      kAllowLogs);
  // Identity policies name resources, not principals.
  EXPECT_EQ(
      error_of("iam", "PutRolePolicy",
               {{"RoleName", "r"},
                {"PolicyName", "p"},
                {"PolicyDocument", R"({"Statement": [{"Effect": "Allow", "Action": "s3:*"}]})"}}),
      "MalformedPolicyDocument");
  EXPECT_EQ(last_error_, "Policy statement must contain resources.");
  EXPECT_EQ(error_of("iam", "PutRolePolicy",
                     {{"RoleName", "r"},
                      {"PolicyName", "p"},
                      {"PolicyDocument", R"({"Statement": [{"Effect": "Allow", "Principal": "*",
                        "Action": "s3:*", "Resource": "*"}]})"}}),
            "MalformedPolicyDocument");
  EXPECT_EQ(last_error_, "Policy document should not specify a principal.");
  EXPECT_EQ(
      error_of("iam", "PutRolePolicy",
               {{"RoleName", "r"},
                {"PolicyName", "p"},
                {"PolicyDocument", R"({"Statement": [{"Effect": "Allow", "Action": "GetObject",
                        "Resource": "*"}]})"}}),
      "MalformedPolicyDocument");
  EXPECT_EQ(last_error_,
            "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
  // A role's inline policies share 10240 characters.
  Json big = {{"Version", "2012-10-17"},
              {"Statement",
               {{{"Effect", "Allow"},
                 {"Action", "s3:GetObject"},
                 {"Resource", "arn:aws:s3:::" + std::string(10300, 'b')}}}}};
  EXPECT_EQ(error_of("iam", "PutRolePolicy",
                     {{"RoleName", "r"}, {"PolicyName", "big"}, {"PolicyDocument", big.dump()}}),
            "LimitExceeded");
  EXPECT_EQ(last_error_, "Maximum policy size of 10240 bytes exceeded for role r");
  EXPECT_EQ(error_of("iam", "PutRolePolicy",
                     {{"RoleName", "ghost"}, {"PolicyName", "p"}, {"PolicyDocument", kAllowLogs}}),
            "NoSuchEntity");
  EXPECT_EQ(error_of("iam", "DeleteRolePolicy", {{"RoleName", "r"}, {"PolicyName", "none"}}),
            "NoSuchEntity");
  EXPECT_EQ(last_error_, "The role policy with name none cannot be found.");
}

TEST_F(IamTest, ManagedPoliciesVersionsAndAttachments) {
  Json p = call("iam", "CreatePolicy",
                {{"PolicyName", "logs"}, {"PolicyDocument", kAllowLogs}})["Policy"];
  std::string arn = p["Arn"];
  EXPECT_EQ(arn, "arn:aws:iam::123456789012:policy/logs");
  EXPECT_EQ(p["DefaultVersionId"], "v1");
  EXPECT_EQ(error_of("iam", "CreatePolicy",
                     {{"PolicyName", "LOGS"}, {"Path", "/other/"}, {"PolicyDocument", kAllowLogs}}),
            "EntityAlreadyExists");
  EXPECT_EQ(last_error_, "A policy called LOGS already exists. Duplicate names are not allowed.");

  role("r");
  call("iam", "AttachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", arn}});
  call("iam", "AttachRolePolicy",
       {{"RoleName", "r"}, {"PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"}});
  EXPECT_EQ(call("iam", "GetPolicy", {{"PolicyArn", arn}})["Policy"]["AttachmentCount"], 1);
  EXPECT_EQ(call("iam", "ListAttachedRolePolicies", {{"RoleName", "r"}})["AttachedPolicies"].size(),
            2u);
  EXPECT_EQ(error_of("iam", "AttachRolePolicy",
                     {{"RoleName", "r"}, {"PolicyArn", "arn:aws:iam::123456789012:policy/none"}}),
            "NoSuchEntity");
  EXPECT_EQ(last_error_,
            "Policy arn:aws:iam::123456789012:policy/none does not exist or is not attachable.");
  EXPECT_EQ(error_of("iam", "DeletePolicy", {{"PolicyArn", arn}}), "DeleteConflict");
  EXPECT_EQ(error_of("iam", "DeleteRole", {{"RoleName", "r"}}), "DeleteConflict");
  EXPECT_EQ(last_error_, "Cannot delete entity, must detach all policies first.");

  // Five versions at most; the default cannot be deleted.
  for (int i = 0; i < 4; ++i)
    call("iam", "CreatePolicyVersion",
         {{"PolicyArn", arn}, {"PolicyDocument", kAllowLogs}, {"SetAsDefault", true}});
  EXPECT_EQ(call("iam", "GetPolicy", {{"PolicyArn", arn}})["Policy"]["DefaultVersionId"], "v5");
  EXPECT_EQ(
      error_of("iam", "CreatePolicyVersion", {{"PolicyArn", arn}, {"PolicyDocument", kAllowLogs}}),
      "LimitExceeded");
  EXPECT_THAT(last_error_, HasSubstr("up to 5 versions"));
  EXPECT_EQ(error_of("iam", "DeletePolicyVersion", {{"PolicyArn", arn}, {"VersionId", "v5"}}),
            "DeleteConflict");
  call("iam", "DetachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", arn}});
  EXPECT_EQ(error_of("iam", "DeletePolicy", {{"PolicyArn", arn}}), "DeleteConflict");
  EXPECT_THAT(last_error_, HasSubstr("more than one version"));
  for (const char *v : {"v1", "v2", "v3", "v4"})
    call("iam", "DeletePolicyVersion", {{"PolicyArn", arn}, {"VersionId", v}});
  call("iam", "DeletePolicy", {{"PolicyArn", arn}});

  // Ten managed policies per role.
  for (int i = 0; i < 9; ++i)
    call("iam", "AttachRolePolicy",
         {{"RoleName", "r"}, {"PolicyArn", "arn:aws:iam::aws:policy/P" + std::to_string(i)}});
  EXPECT_EQ(error_of("iam", "AttachRolePolicy",
                     {{"RoleName", "r"}, {"PolicyArn", "arn:aws:iam::aws:policy/Eleventh"}}),
            "LimitExceeded");
  EXPECT_EQ(last_error_, "Cannot exceed quota for PoliciesPerRole: 10");
}

TEST_F(IamTest, UsersGroupsAndMembership) {
  Json u = call("iam", "CreateUser", {{"UserName", "alice"}})["User"];
  EXPECT_THAT(u["UserId"].get<std::string>(), MatchesRegex("AIDA[A-Z0-9]{17}"));
  Json g = call("iam", "CreateGroup", {{"GroupName", "devs"}, {"Path", "/teams/"}})["Group"];
  EXPECT_EQ(g["Arn"], "arn:aws:iam::123456789012:group/teams/devs");
  call("iam", "AddUserToGroup", {{"GroupName", "devs"}, {"UserName", "alice"}});
  EXPECT_EQ(call("iam", "GetGroup", {{"GroupName", "devs"}})["Users"][0]["UserName"], "alice");
  EXPECT_EQ(call("iam", "ListGroupsForUser", {{"UserName", "alice"}})["Groups"][0]["GroupName"],
            "devs");
  EXPECT_EQ(error_of("iam", "AddUserToGroup", {{"GroupName", "none"}, {"UserName", "alice"}}),
            "NoSuchEntity");
  EXPECT_EQ(error_of("iam", "DeleteGroup", {{"GroupName", "devs"}}), "DeleteConflict");
  EXPECT_EQ(error_of("iam", "DeleteUser", {{"UserName", "alice"}}), "DeleteConflict");
  // A user's inline policies share 2048 characters.
  Json big = {{"Statement",
               {{{"Effect", "Allow"},
                 {"Action", "s3:GetObject"},
                 {"Resource", "arn:aws:s3:::" + std::string(2100, 'b')}}}}};
  EXPECT_EQ(
      error_of("iam", "PutUserPolicy",
               {{"UserName", "alice"}, {"PolicyName", "big"}, {"PolicyDocument", big.dump()}}),
      "LimitExceeded");
  call("iam", "RemoveUserFromGroup", {{"GroupName", "devs"}, {"UserName", "alice"}});
  call("iam", "DeleteGroup", {{"GroupName", "devs"}});
  call("iam", "DeleteUser", {{"UserName", "alice"}});
  EXPECT_EQ(error_of("iam", "GetUser", {{"UserName", "alice"}}), "NoSuchEntity");
}

TEST_F(IamTest, InstanceProfilesHoldOneExistingRole) {
  role("a");
  role("b");
  Json p =
      call("iam", "CreateInstanceProfile", {{"InstanceProfileName", "web"}})["InstanceProfile"];
  EXPECT_EQ(p["Arn"], "arn:aws:iam::123456789012:instance-profile/web");
  EXPECT_EQ(error_of("iam", "AddRoleToInstanceProfile",
                     {{"InstanceProfileName", "web"}, {"RoleName", "none"}}),
            "NoSuchEntity");
  call("iam", "AddRoleToInstanceProfile", {{"InstanceProfileName", "web"}, {"RoleName", "a"}});
  EXPECT_EQ(error_of("iam", "AddRoleToInstanceProfile",
                     {{"InstanceProfileName", "web"}, {"RoleName", "b"}}),
            "LimitExceeded");
  EXPECT_EQ(last_error_, "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
  EXPECT_EQ(call("iam", "GetInstanceProfile",
                 {{"InstanceProfileName", "web"}})["InstanceProfile"]["Roles"][0]["RoleName"],
            "a");
  EXPECT_EQ(error_of("iam", "DeleteRole", {{"RoleName", "a"}}), "DeleteConflict");
  EXPECT_EQ(last_error_, "Cannot delete entity, must remove roles from instance profile first.");
  EXPECT_EQ(error_of("iam", "DeleteInstanceProfile", {{"InstanceProfileName", "web"}}),
            "DeleteConflict");
  call("iam", "RemoveRoleFromInstanceProfile", {{"InstanceProfileName", "web"}, {"RoleName", "a"}});
  call("iam", "DeleteInstanceProfile", {{"InstanceProfileName", "web"}});
  call("iam", "DeleteRole", {{"RoleName", "a"}});
  EXPECT_EQ(error_of("iam", "CreateInstanceProfile", {{"InstanceProfileName", "b a d"}}),
            "ValidationError");
}

TEST_F(IamTest, RoleUpdatesTagsAndBoundaries) {
  role("r", {{"Tags", {{{"Key", "team"}, {"Value", "a"}}}}});
  call("iam", "UpdateRole",
       {{"RoleName", "r"}, {"Description", "d"}, {"MaxSessionDuration", 7200}});
  Json r = call("iam", "GetRole", {{"RoleName", "r"}})["Role"];
  EXPECT_EQ(r["Description"], "d");
  EXPECT_EQ(r["MaxSessionDuration"], 7200);
  EXPECT_EQ(error_of("iam", "UpdateRole", {{"RoleName", "r"}, {"MaxSessionDuration", 100}}),
            "ValidationError");
  call("iam", "TagRole", {{"RoleName", "r"}, {"Tags", {{{"Key", "env"}, {"Value", "dev"}}}}});
  call("iam", "UntagRole", {{"RoleName", "r"}, {"TagKeys", {"team"}}});
  EXPECT_EQ(call("iam", "ListRoleTags", {{"RoleName", "r"}})["Tags"],
            Json::parse(R"([{"Key":"env","Value":"dev"}])"));
  EXPECT_EQ(error_of("iam", "PutRolePermissionsBoundary",
                     {{"RoleName", "r"},
                      {"PermissionsBoundary", "arn:aws:iam::123456789012:policy/missing"}}),
            "NoSuchEntity");
  EXPECT_THAT(last_error_, HasSubstr("Scope ARN"));
  call("iam", "PutRolePermissionsBoundary",
       {{"RoleName", "r"}, {"PermissionsBoundary", "arn:aws:iam::aws:policy/PowerUserAccess"}});
  EXPECT_EQ(call("iam", "GetRole",
                 {{"RoleName", "r"}})["Role"]["PermissionsBoundary"]["PermissionsBoundaryArn"],
            "arn:aws:iam::aws:policy/PowerUserAccess");
}

} // namespace
} // namespace cfnlocal::services
