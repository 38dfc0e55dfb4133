// The embedded AWS IoT Greengrass V1: the seven definition families through one table (initial
// versions, versions, rename, tags, delete), item checks, groups whose versions must name
// existing definition versions, deployments and resets, group roles and the account's service
// role, with Greengrass's error codes.
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

namespace cfnlocal::services {
namespace {

using ::testing::HasSubstr;

class GreengrassTest : public EmbeddedTest {
protected:
  void role(const std::string &name) {
    call(
        "iam", "CreateRole",
        {{"RoleName", name},
         {"AssumeRolePolicyDocument",
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"greengrass.amazonaws.com"},"Action":"sts:AssumeRole"}]})"}});
  }
  Json core_definition() {
    return call("greengrass", "CreateCoreDefinition",
                {{"Name", "cores"},
                 {"InitialVersion",
                  {{"Cores",
                    {{{"Id", "gg_Core"},
                      {"ThingArn", "arn:aws:iot:us-east-1:123456789012:thing/gg_Core"},
                      {"CertificateArn", "arn:aws:iot:us-east-1:123456789012:cert/abc"},
                      {"SyncShadow", false}}}}}}});
  }
};

TEST_F(GreengrassTest, EveryFamilyHasTheSameLifecycle) {
  const std::vector<std::pair<std::string, Json>> families = {
      {"Core", {{"Cores", Json::array()}}},
      {"Device",
       {{"Devices", {{{"Id", "d1"}, {"ThingArn", "arn:t"}, {"CertificateArn", "arn:c"}}}}}},
      {"Function",
       {{"Functions", {{{"Id", "f1"}, {"FunctionArn", "arn:aws:lambda:us-east-1:1:function:f:1"}}}},
        {"DefaultConfig", {{"Execution", {{"IsolationMode", "GreengrassContainer"}}}}}}},
      {"Logger",
       {{"Loggers",
         {{{"Id", "l1"}, {"Component", "Lambda"}, {"Level", "INFO"}, {"Type", "AWSCloudWatch"}}}}}},
      {"Resource",
       {{"Resources",
         {{{"Id", "r1"},
           {"Name", "tmp"},
           {"ResourceDataContainer",
            {{"LocalVolumeResourceData",
              {{"SourcePath", "/tmp"}, {"DestinationPath", "/tmp"}}}}}}}}}},
      {"Subscription",
       {{"Subscriptions",
         {{{"Id", "s1"}, {"Source", "cloud"}, {"Subject", "a/b"}, {"Target", "cloud"}}}}}},
      {"Connector",
       {{"Connectors",
         {{{"Id", "c1"},
           {"ConnectorArn",
            "arn:aws:greengrass:us-east-1::/connectors/TwilioNotifications/versions/1"}}}}}},
  };
  for (const auto &[family, version] : families) {
    Json made =
        call("greengrass", "Create" + family + "Definition",
             {{"Name", family + "-def"}, {"InitialVersion", version}, {"tags", {{"k", "v"}}}});
    std::string id = made["Id"];
    EXPECT_THAT(made["Arn"].get<std::string>(),
                HasSubstr("arn:aws:greengrass:us-east-1:123456789012:/greengrass/definition/"));
    EXPECT_EQ(made["LatestVersionArn"], made["Arn"].get<std::string>() + "/versions/" +
                                            made["LatestVersion"].get<std::string>());
    std::string id_member = family + "DefinitionId";
    Json v2 = version;
    v2[id_member] = id;
    Json second = call("greengrass", "Create" + family + "DefinitionVersion", v2);
    Json got = call("greengrass", "Get" + family + "DefinitionVersion",
                    {{id_member, id}, {family + "DefinitionVersionId", second["Version"]}});
    EXPECT_EQ(got["Definition"], version) << family;
    EXPECT_EQ(
        call("greengrass", "List" + family + "DefinitionVersions", {{id_member, id}})["Versions"]
            .size(),
        2u);
    call("greengrass", "Update" + family + "Definition", {{id_member, id}, {"Name", "renamed"}});
    Json def = call("greengrass", "Get" + family + "Definition", {{id_member, id}});
    EXPECT_EQ(def["Name"], "renamed");
    EXPECT_EQ(def["LatestVersion"], second["Version"]);
    EXPECT_EQ(def["tags"], Json({{"k", "v"}}));
    call("greengrass", "UntagResource", {{"ResourceArn", def["Arn"]}, {"TagKeys", {"k"}}});
    EXPECT_TRUE(
        call("greengrass", "ListTagsForResource", {{"ResourceArn", def["Arn"]}})["tags"].empty());
    EXPECT_EQ(call("greengrass", "List" + family + "Definitions")["Definitions"].size(), 1u);
    call("greengrass", "Delete" + family + "Definition", {{id_member, id}});
    EXPECT_EQ(error_of("greengrass", "Get" + family + "Definition", {{id_member, id}}),
              "IdNotFoundException");
    EXPECT_EQ(last_status_, 404);
  }
}

TEST_F(GreengrassTest, DefinitionVersionsAreChecked) {
  Json core = core_definition();
  std::string id = core["Id"];
  Json two_cores = {{"CoreDefinitionId", id},
                    {"Cores",
                     {{{"Id", "a"}, {"ThingArn", "t"}, {"CertificateArn", "c"}},
                      {{"Id", "b"}, {"ThingArn", "t"}, {"CertificateArn", "c"}}}}};
  EXPECT_EQ(error_of("greengrass", "CreateCoreDefinitionVersion", two_cores),
            "BadRequestException");
  EXPECT_EQ(error_of("greengrass", "CreateCoreDefinitionVersion",
                     {{"CoreDefinitionId", id}, {"Cores", {{{"Id", "a"}, {"ThingArn", "t"}}}}}),
            "BadRequestException");
  EXPECT_THAT(last_error_, HasSubstr("CertificateArn"));
  EXPECT_EQ(error_of("greengrass", "CreateLoggerDefinition",
                     {{"InitialVersion",
                       {{"Loggers",
                         {{{"Id", "l"},
                           {"Component", "Lambda"},
                           {"Level", "LOUD"},
                           {"Type", "FileSystem"}}}}}}}),
            "BadRequestException");
  EXPECT_EQ(error_of("greengrass", "CreateSubscriptionDefinition",
                     {{"InitialVersion",
                       {{"Subscriptions",
                         {{{"Id", "s"}, {"Source", "a"}, {"Subject", "b"}, {"Target", "c"}},
                          {{"Id", "s"}, {"Source", "a"}, {"Subject", "b"}, {"Target", "c"}}}}}}}),
            "BadRequestException");
  EXPECT_EQ(error_of("greengrass", "GetCoreDefinitionVersion",
                     {{"CoreDefinitionId", id}, {"CoreDefinitionVersionId", "nope"}}),
            "VersionNotFoundException");
  EXPECT_EQ(error_of("greengrass", "CreateCoreDefinitionVersion",
                     {{"CoreDefinitionId", "missing"}, {"Cores", Json::array()}}),
            "IdNotFoundException");
}

TEST_F(GreengrassTest, GroupsVersionsDeploymentsAndRoles) {
  Json core = core_definition();
  // A group version must name definition versions that exist.
  EXPECT_EQ(
      error_of("greengrass", "CreateGroup",
               {{"Name", "g"},
                {"InitialVersion",
                 {{"CoreDefinitionVersionArn", core["Arn"].get<std::string>() + "/versions/x"}}}}),
      "BadRequestException");
  EXPECT_EQ(
      error_of("greengrass", "CreateGroup",
               {{"Name", "g"},
                {"InitialVersion", {{"FunctionDefinitionVersionArn", core["LatestVersionArn"]}}}}),
      "BadRequestException");
  Json group = call("greengrass", "CreateGroup",
                    {{"Name", "g"},
                     {"InitialVersion", {{"CoreDefinitionVersionArn", core["LatestVersionArn"]}}}});
  std::string gid = group["Id"];
  EXPECT_EQ(group["Arn"], "arn:aws:greengrass:us-east-1:123456789012:/greengrass/groups/" + gid);
  Json listed = call("greengrass", "ListGroups")["Groups"];
  ASSERT_EQ(listed.size(), 1u);
  Json version = call("greengrass", "GetGroupVersion",
                      {{"GroupId", gid}, {"GroupVersionId", listed[0]["LatestVersion"]}});
  EXPECT_EQ(version["Definition"]["CoreDefinitionVersionArn"], core["LatestVersionArn"]);

  // No deployment yet: a plain reset is refused, a forced one is not.
  EXPECT_EQ(error_of("greengrass", "ResetDeployments", {{"GroupId", gid}}), "BadRequestException");
  Json empty = call("greengrass", "CreateGroupVersion", {{"GroupId", gid}});
  EXPECT_EQ(error_of("greengrass", "CreateDeployment",
                     {{"GroupId", gid},
                      {"DeploymentType", "NewDeployment"},
                      {"GroupVersionId", empty["Version"]}}),
            "BadRequestException");
  EXPECT_THAT(last_error_, HasSubstr("Greengrass Core"));
  Json deployment = call("greengrass", "CreateDeployment",
                         {{"GroupId", gid},
                          {"DeploymentType", "NewDeployment"},
                          {"GroupVersionId", listed[0]["LatestVersion"]}});
  EXPECT_EQ(
      call("greengrass", "GetDeploymentStatus",
           {{"GroupId", gid}, {"DeploymentId", deployment["DeploymentId"]}})["DeploymentStatus"],
      "InProgress");
  EXPECT_EQ(error_of("greengrass", "DeleteGroup", {{"GroupId", gid}}), "BadRequestException");
  Json reset = call("greengrass", "ResetDeployments", {{"GroupId", gid}, {"Force", true}});
  EXPECT_THAT(reset["DeploymentArn"].get<std::string>(), HasSubstr("/deployments/"));
  Json deployments = call("greengrass", "ListDeployments", {{"GroupId", gid}})["Deployments"];
  ASSERT_EQ(deployments.size(), 2u);
  EXPECT_EQ(deployments[1]["DeploymentType"], "ForceResetDeployment");

  // Roles must be IAM roles of the embedded IAM.
  EXPECT_EQ(error_of("greengrass", "AssociateRoleToGroup",
                     {{"GroupId", gid}, {"RoleArn", "arn:aws:iam::123456789012:role/none"}}),
            "BadRequestException");
  role("gg-role");
  call("greengrass", "AssociateRoleToGroup",
       {{"GroupId", gid}, {"RoleArn", "arn:aws:iam::123456789012:role/gg-role"}});
  EXPECT_EQ(call("greengrass", "GetAssociatedRole", {{"GroupId", gid}})["RoleArn"],
            "arn:aws:iam::123456789012:role/gg-role");
  call("greengrass", "DisassociateRoleFromGroup", {{"GroupId", gid}});
  EXPECT_EQ(error_of("greengrass", "GetAssociatedRole", {{"GroupId", gid}}), "404");

  EXPECT_EQ(error_of("greengrass", "GetServiceRoleForAccount", Json::object()), "404");
  call("greengrass", "AssociateServiceRoleToAccount",
       {{"RoleArn", "arn:aws:iam::123456789012:role/gg-role"}});
  EXPECT_EQ(call("greengrass", "GetServiceRoleForAccount")["RoleArn"],
            "arn:aws:iam::123456789012:role/gg-role");
  call("greengrass", "DisassociateServiceRoleFromAccount");
  EXPECT_EQ(error_of("greengrass", "GetServiceRoleForAccount", Json::object()), "404");

  call("greengrass", "UpdateGroup", {{"GroupId", gid}, {"Name", "g2"}});
  EXPECT_EQ(call("greengrass", "GetGroup", {{"GroupId", gid}})["Name"], "g2");
  call("greengrass", "DeleteGroup", {{"GroupId", gid}});
  EXPECT_EQ(error_of("greengrass", "GetGroup", {{"GroupId", gid}}), "IdNotFoundException");
}

} // namespace
} // namespace cfnlocal::services
