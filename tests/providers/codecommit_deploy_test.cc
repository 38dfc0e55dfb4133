// AWS::CodeCommit::Repository deployed through the engine onto the embedded CodeCommit: create
// (description, tags, triggers, Code imported from a zip in the embedded S3; GetAtt Arn, Name,
// CloneUrlHttp, CloneUrlSsh), in-place updates (rename, description, tags), delete, and
// CodeCommit's own checks failing the resource with its message, then rolling back.
#include "services/endpoint/wire_format.h"
#include "services/zip_archive.h"
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class CodeCommitDeployTest : public ServiceDeployTest {};

const char *kTemplate = R"(
Parameters:
  Name:
    Type: String
    Default: my-repo
  Description:
    Type: String
    Default: first
  Team:
    Type: String
    Default: core
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Repo:
    Type: AWS::CodeCommit::Repository
    Properties:
      RepositoryName: !Ref Name
      RepositoryDescription: !Ref Description
      Code:
        BranchName: trunk
        S3: {Bucket: code-bucket, Key: seed.zip}
      Triggers:
        - Name: notify
          DestinationArn: !Ref Topic
          Events: [all]
      Tags:
        - Key: team
          Value: !Ref Team
Outputs:
  Id:
    Value: !Ref Repo
  Arn:
    Value: !GetAtt Repo.Arn
  Name:
    Value: !GetAtt Repo.Name
  Http:
    Value: !GetAtt Repo.CloneUrlHttp
  Ssh:
    Value: !GetAtt Repo.CloneUrlSsh
)";

} // namespace

TEST_F(CodeCommitDeployTest, CreateUpdateInPlaceAndDelete) {
  call("s3", "CreateBucket", {{"Bucket", "code-bucket"}});
  call("s3", "PutObject",
       {{"Bucket", "code-bucket"},
        {"Key", "seed.zip"},
        {"Body", services::zip_archive({{"README.md", "seeded"}, {"src/app.py", "print(1)"}})}});
  auto created = deploy("app", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  Json meta =
      call("codecommit", "GetRepository", {{"repositoryName", "my-repo"}})["repositoryMetadata"];
  EXPECT_EQ(output(created, "Id"), meta["repositoryId"]);
  EXPECT_EQ(output(created, "Arn"), "arn:aws:codecommit:us-east-1:123456789012:my-repo");
  EXPECT_EQ(output(created, "Name"), "my-repo");
  EXPECT_EQ(output(created, "Http"),
            "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/my-repo");
  EXPECT_EQ(output(created, "Ssh"),
            "ssh://git-codecommit.us-east-1.amazonaws.com/v1/repos/my-repo");
  EXPECT_EQ(meta["defaultBranch"], "trunk");
  Json file =
      call("codecommit", "GetFile", {{"repositoryName", "my-repo"}, {"filePath", "src/app.py"}});
  EXPECT_EQ(services::endpoint::base64_decode(file["fileContent"].get<std::string>()), "print(1)");
  EXPECT_EQ(call("codecommit", "GetRepositoryTriggers",
                 {{"repositoryName", "my-repo"}})["triggers"][0]["name"],
            "notify");

  auto updated =
      deploy("app", kTemplate, {{"Name", "renamed"}, {"Description", "second"}, {"Team", "web"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  Json after =
      call("codecommit", "GetRepository", {{"repositoryName", "renamed"}})["repositoryMetadata"];
  EXPECT_EQ(after["repositoryId"], meta["repositoryId"]); // renamed in place
  EXPECT_EQ(after["repositoryDescription"], "second");
  EXPECT_EQ(output(updated, "Arn"), "arn:aws:codecommit:us-east-1:123456789012:renamed");
  EXPECT_EQ(output(updated, "Http"),
            "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/renamed");
  EXPECT_EQ(call("codecommit", "ListTagsForResource", {{"resourceArn", after["Arn"]}})["tags"],
            Json({{"team", "web"}}));
  // The code stays as it was imported.
  EXPECT_EQ(call("codecommit", "GetBranch",
                 {{"repositoryName", "renamed"}, {"branchName", "trunk"}})["branch"]["commitId"]
                .get<std::string>()
                .size(),
            40u);

  auto deleted = remove("app");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_TRUE(call("codecommit", "ListRepositories")["repositories"].empty());
}

TEST_F(CodeCommitDeployTest, ANameCodeCommitRefusesFailsTheCreateWhichRollsBack) {
  call("s3", "CreateBucket", {{"Bucket", "code-bucket"}});
  call("s3", "PutObject",
       {{"Bucket", "code-bucket"},
        {"Key", "seed.zip"},
        {"Body", services::zip_archive({{"a", "b"}})}});
  // The schema's pattern allows the ".git" suffix; CodeCommit refuses it.
  auto created = deploy("app", kTemplate, {{"Name", "repo.git"}});
  EXPECT_FALSE(created.succeeded);
  EXPECT_EQ(created.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Repo", "CREATE_FAILED"),
              HasSubstr("The repository name 'repo.git' is not valid"));
  EXPECT_TRUE(call("codecommit", "ListRepositories")["repositories"].empty());
}

TEST_F(CodeCommitDeployTest, MissingCodeZipFailsTheCreateAndLeavesNoRepository) {
  call("s3", "CreateBucket", {{"Bucket", "code-bucket"}});
  auto created = deploy("app", kTemplate);
  EXPECT_FALSE(created.succeeded);
  EXPECT_THAT(reason("Repo", "CREATE_FAILED"), HasSubstr("The specified key does not exist."));
  EXPECT_TRUE(call("codecommit", "ListRepositories")["repositories"].empty());
}
