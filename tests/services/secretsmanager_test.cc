#include "fixture.h"

#include <regex>

namespace cfnlocal::services {
namespace {

class SecretsTest : public EmbeddedTest {};

TEST_F(SecretsTest, CreateGetByNameAndArns) {
  Json created =
      call("secretsmanager", "CreateSecret",
           {{"Name", "prod/db"}, {"SecretString", R"({"password":"p1"})"}, {"Description", "db"}});
  std::string arn = created["ARN"];
  EXPECT_TRUE(std::regex_match(
      arn, std::regex(
               R"(arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-[A-Za-z0-9]{6})")));
  EXPECT_EQ(created["Name"], "prod/db");
  EXPECT_FALSE(created["VersionId"].get<std::string>().empty());
  for (const std::string &id : {std::string("prod/db"), arn, arn.substr(0, arn.size() - 7)}) {
    Json got = call("secretsmanager", "GetSecretValue", {{"SecretId", id}});
    EXPECT_EQ(got["SecretString"], R"({"password":"p1"})") << id;
    EXPECT_EQ(got["VersionStages"], Json::array({"AWSCURRENT"}));
  }
  EXPECT_EQ(error_of("secretsmanager", "GetSecretValue", {{"SecretId", "nope"}}),
            "ResourceNotFoundException");
  EXPECT_EQ(
      error_of("secretsmanager", "CreateSecret", {{"Name", "prod/db"}, {"SecretString", "x"}}),
      "ResourceExistsException");
  EXPECT_EQ(error_of("secretsmanager", "CreateSecret",
                     {{"Name", "both"}, {"SecretString", "x"}, {"SecretBinary", "eA=="}}),
            "InvalidParameterException");
  EXPECT_EQ(error_of("secretsmanager", "CreateSecret", {{"Name", "bad name!"}}),
            "InvalidParameterException");
}

TEST_F(SecretsTest, VersionStagesMoveOnPutAndUpdate) {
  Json created = call("secretsmanager", "CreateSecret", {{"Name", "s"}, {"SecretString", "one"}});
  std::string v1 = created["VersionId"];
  std::string v2 = std::string(32, 'a');
  Json put = call("secretsmanager", "PutSecretValue",
                  {{"SecretId", "s"}, {"SecretString", "two"}, {"ClientRequestToken", v2}});
  EXPECT_EQ(put["VersionId"], v2);
  EXPECT_EQ(call("secretsmanager", "GetSecretValue", {{"SecretId", "s"}})["SecretString"], "two");
  Json previous = call("secretsmanager", "GetSecretValue",
                       {{"SecretId", "s"}, {"VersionStage", "AWSPREVIOUS"}});
  EXPECT_EQ(previous["SecretString"], "one");
  EXPECT_EQ(previous["VersionId"], v1);
  EXPECT_EQ(call("secretsmanager", "GetSecretValue",
                 {{"SecretId", "s"}, {"VersionId", v1}})["SecretString"],
            "one");
  // The same token again with the same value is idempotent; with another value it fails.
  EXPECT_EQ(error_of("secretsmanager", "PutSecretValue",
                     {{"SecretId", "s"}, {"SecretString", "two"}, {"ClientRequestToken", v2}}),
            "");
  EXPECT_EQ(error_of("secretsmanager", "PutSecretValue",
                     {{"SecretId", "s"}, {"SecretString", "three"}, {"ClientRequestToken", v2}}),
            "ResourceExistsException");
  EXPECT_EQ(error_of("secretsmanager", "PutSecretValue", {{"SecretId", "s"}}),
            "InvalidRequestException");
  Json updated = call("secretsmanager", "UpdateSecret",
                      {{"SecretId", "s"}, {"SecretString", "four"}, {"Description", "d"}});
  EXPECT_TRUE(updated.contains("VersionId"));
  Json described = call("secretsmanager", "DescribeSecret", {{"SecretId", "s"}});
  EXPECT_EQ(described["Description"], "d");
  EXPECT_EQ(described["VersionIdsToStages"].size(), 2u);
  EXPECT_EQ(described["VersionIdsToStages"][v2], Json::array({"AWSPREVIOUS"}));
  EXPECT_EQ(call("secretsmanager", "GetSecretValue",
                 {{"SecretId", "s"}, {"VersionStage", "AWSCURRENT"}})["SecretString"],
            "four");
}

TEST_F(SecretsTest, SecretWithoutValueAndBinary) {
  call("secretsmanager", "CreateSecret", {{"Name", "empty"}});
  EXPECT_EQ(error_of("secretsmanager", "GetSecretValue", {{"SecretId", "empty"}}),
            "ResourceNotFoundException");
  call("secretsmanager", "CreateSecret", {{"Name", "bin"}, {"SecretBinary", "AAEC"}});
  EXPECT_EQ(call("secretsmanager", "GetSecretValue", {{"SecretId", "bin"}})["SecretBinary"],
            "AAEC");
  EXPECT_EQ(error_of("secretsmanager", "CreateSecret", {{"Name", "bin2"}, {"SecretBinary", "%%%"}}),
            "InvalidParameterException");
}

TEST_F(SecretsTest, DeleteRestoreAndForce) {
  call("secretsmanager", "CreateSecret", {{"Name", "d"}, {"SecretString", "x"}});
  EXPECT_EQ(
      error_of("secretsmanager", "DeleteSecret", {{"SecretId", "d"}, {"RecoveryWindowInDays", 3}}),
      "InvalidParameterException");
  EXPECT_EQ(
      error_of(
          "secretsmanager", "DeleteSecret",
          {{"SecretId", "d"}, {"RecoveryWindowInDays", 7}, {"ForceDeleteWithoutRecovery", true}}),
      "InvalidParameterException");
  Json deleted =
      call("secretsmanager", "DeleteSecret", {{"SecretId", "d"}, {"RecoveryWindowInDays", 7}});
  EXPECT_FALSE(deleted["DeletionDate"].get<std::string>().empty());
  EXPECT_EQ(error_of("secretsmanager", "GetSecretValue", {{"SecretId", "d"}}),
            "InvalidRequestException");
  EXPECT_EQ(error_of("secretsmanager", "CreateSecret", {{"Name", "d"}}), "InvalidRequestException");
  EXPECT_TRUE(
      call("secretsmanager", "DescribeSecret", {{"SecretId", "d"}}).contains("DeletedDate"));
  EXPECT_TRUE(call("secretsmanager", "ListSecrets")["SecretList"].empty());
  EXPECT_EQ(call("secretsmanager", "ListSecrets", {{"IncludePlannedDeletion", true}})["SecretList"]
                .size(),
            1u);
  call("secretsmanager", "RestoreSecret", {{"SecretId", "d"}});
  EXPECT_EQ(call("secretsmanager", "GetSecretValue", {{"SecretId", "d"}})["SecretString"], "x");
  call("secretsmanager", "DeleteSecret", {{"SecretId", "d"}, {"ForceDeleteWithoutRecovery", true}});
  EXPECT_EQ(error_of("secretsmanager", "DescribeSecret", {{"SecretId", "d"}}),
            "ResourceNotFoundException");
  EXPECT_EQ(error_of("secretsmanager", "CreateSecret", {{"Name", "d"}}), "");
}

TEST_F(SecretsTest, TagsAndListFilters) {
  call("secretsmanager", "CreateSecret",
       {{"Name", "app/one"}, {"Tags", {{{"Key", "team"}, {"Value", "core"}}}}});
  call("secretsmanager", "CreateSecret", {{"Name", "other"}});
  call("secretsmanager", "TagResource",
       {{"SecretId", "other"}, {"Tags", {{{"Key", "env"}, {"Value", "dev"}}}}});
  EXPECT_EQ(call("secretsmanager", "DescribeSecret", {{"SecretId", "other"}})["Tags"][0]["Key"],
            "env");
  call("secretsmanager", "UntagResource", {{"SecretId", "other"}, {"TagKeys", {"env"}}});
  EXPECT_TRUE(call("secretsmanager", "DescribeSecret", {{"SecretId", "other"}})["Tags"].empty());
  Json by_name = call("secretsmanager", "ListSecrets",
                      {{"Filters", {{{"Key", "name"}, {"Values", {"app/"}}}}}});
  ASSERT_EQ(by_name["SecretList"].size(), 1u);
  EXPECT_EQ(by_name["SecretList"][0]["Name"], "app/one");
  Json by_tag = call("secretsmanager", "ListSecrets",
                     {{"Filters", {{{"Key", "tag-key"}, {"Values", {"team"}}}}}});
  EXPECT_EQ(by_tag["SecretList"].size(), 1u);
  Json page = call("secretsmanager", "ListSecrets", {{"MaxResults", 1}});
  ASSERT_TRUE(page.contains("NextToken"));
  EXPECT_EQ(call("secretsmanager", "ListSecrets",
                 {{"NextToken", page["NextToken"]}})["SecretList"][0]["Name"],
            "other");
  EXPECT_EQ(error_of("secretsmanager", "TagResource",
                     {{"SecretId", "other"}, {"Tags", {{{"Key", "aws:x"}, {"Value", "1"}}}}}),
            "InvalidParameterException");
}

TEST_F(SecretsTest, GetRandomPassword) {
  std::string p = call("secretsmanager", "GetRandomPassword")["RandomPassword"];
  EXPECT_EQ(p.size(), 32u);
  EXPECT_TRUE(std::regex_search(p, std::regex("[a-z]")));
  EXPECT_TRUE(std::regex_search(p, std::regex("[A-Z]")));
  EXPECT_TRUE(std::regex_search(p, std::regex("[0-9]")));
  std::string q = call("secretsmanager", "GetRandomPassword",
                       {{"PasswordLength", 64},
                        {"ExcludePunctuation", true},
                        {"ExcludeCharacters", "abcABC012"}})["RandomPassword"];
  EXPECT_EQ(q.size(), 64u);
  EXPECT_TRUE(std::regex_match(q, std::regex("[d-zD-Z3-9]+"))) << q;
  std::string spaced = call("secretsmanager", "GetRandomPassword",
                            {{"PasswordLength", 5},
                             {"IncludeSpace", true},
                             {"ExcludeLowercase", true},
                             {"ExcludeUppercase", true},
                             {"ExcludeNumbers", true},
                             {"ExcludePunctuation", true}})["RandomPassword"];
  EXPECT_EQ(spaced, "     ");
  EXPECT_EQ(error_of("secretsmanager", "GetRandomPassword", {{"PasswordLength", 0}}),
            "InvalidParameterException");
  EXPECT_EQ(error_of("secretsmanager", "GetRandomPassword", {{"PasswordLength", 4097}}),
            "InvalidParameterException");
  EXPECT_EQ(error_of("secretsmanager", "GetRandomPassword",
                     {{"ExcludeLowercase", true},
                      {"ExcludeUppercase", true},
                      {"ExcludeNumbers", true},
                      {"ExcludePunctuation", true}}),
            "InvalidParameterException");
  EXPECT_EQ(error_of("secretsmanager", "GetRandomPassword", {{"PasswordLength", 2}}),
            "InvalidParameterException");
}

} // namespace
} // namespace cfnlocal::services
