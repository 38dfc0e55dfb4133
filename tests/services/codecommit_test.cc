// The embedded CodeCommit: repository names and uniqueness, renames, descriptions and tags;
// files committed with PutFile and CreateCommit (Git's content-hashed ids, parents, branch
// heads), GetFile, branches and triggers, with CodeCommit's error codes.
#include "services/endpoint/wire_format.h"
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

namespace cfnlocal::services {
namespace {

using ::testing::HasSubstr;

class CodeCommitTest : public EmbeddedTest {
protected:
  Json put_file(const std::string &path, const std::string &content, Json extra = Json::object()) {
    Json in = {{"repositoryName", "repo"},
               {"branchName", "main"},
               {"filePath", path},
               {"fileContent", endpoint::base64_encode(content)},
               {"commitMessage", "add " + path},
               {"name", "tester"}};
    in.update(extra);
    return call("codecommit", "PutFile", in);
  }
};

TEST_F(CodeCommitTest, RepositoryLifecycle) {
  Json meta = call("codecommit", "CreateRepository",
                   {{"repositoryName", "repo"},
                    {"repositoryDescription", "first"},
                    {"tags", {{"team", "core"}}}})["repositoryMetadata"];
  EXPECT_EQ(meta["Arn"], "arn:aws:codecommit:us-east-1:123456789012:repo");
  EXPECT_EQ(meta["cloneUrlHttp"], "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/repo");
  EXPECT_EQ(meta["cloneUrlSsh"], "ssh://git-codecommit.us-east-1.amazonaws.com/v1/repos/repo");
  EXPECT_EQ(meta["accountId"], "123456789012");
  EXPECT_EQ(meta["repositoryId"].get<std::string>().size(), 36u);
  EXPECT_EQ(error_of("codecommit", "CreateRepository", {{"repositoryName", "repo"}}),
            "RepositoryNameExistsException");
  EXPECT_EQ(last_error_, "Repository named repo already exists");

  call("codecommit", "UpdateRepositoryDescription",
       {{"repositoryName", "repo"}, {"repositoryDescription", "second"}});
  call("codecommit", "UpdateRepositoryName", {{"oldName", "repo"}, {"newName", "renamed"}});
  EXPECT_EQ(error_of("codecommit", "GetRepository", {{"repositoryName", "repo"}}),
            "RepositoryDoesNotExistException");
  EXPECT_EQ(last_error_, "repo does not exist");
  Json renamed =
      call("codecommit", "GetRepository", {{"repositoryName", "renamed"}})["repositoryMetadata"];
  EXPECT_EQ(renamed["repositoryId"], meta["repositoryId"]);
  EXPECT_EQ(renamed["repositoryDescription"], "second");
  std::string arn = renamed["Arn"];
  call("codecommit", "TagResource", {{"resourceArn", arn}, {"tags", {{"env", "dev"}}}});
  call("codecommit", "UntagResource", {{"resourceArn", arn}, {"tagKeys", {"team"}}});
  EXPECT_EQ(call("codecommit", "ListTagsForResource", {{"resourceArn", arn}})["tags"],
            Json({{"env", "dev"}}));
  EXPECT_EQ(call("codecommit", "ListRepositories")["repositories"].size(), 1u);
  EXPECT_EQ(call("codecommit", "DeleteRepository", {{"repositoryName", "renamed"}})["repositoryId"],
            meta["repositoryId"]);
  // Deleting a repository that is gone succeeds without an id.
  EXPECT_FALSE(call("codecommit", "DeleteRepository", {{"repositoryName", "renamed"}})
                   .contains("repositoryId"));
}

TEST_F(CodeCommitTest, RepositoryChecks) {
  EXPECT_EQ(error_of("codecommit", "CreateRepository", Json::object()),
            "RepositoryNameRequiredException");
  EXPECT_EQ(error_of("codecommit", "CreateRepository", {{"repositoryName", "bad name"}}),
            "InvalidRepositoryNameException");
  EXPECT_EQ(error_of("codecommit", "CreateRepository", {{"repositoryName", "x.git"}}),
            "InvalidRepositoryNameException");
  EXPECT_EQ(error_of("codecommit", "CreateRepository", {{"repositoryName", std::string(101, 'a')}}),
            "InvalidRepositoryNameException");
  EXPECT_EQ(error_of("codecommit", "CreateRepository",
                     {{"repositoryName", "r"}, {"repositoryDescription", std::string(1001, 'd')}}),
            "InvalidRepositoryDescriptionException");
  EXPECT_EQ(error_of("codecommit", "CreateRepository",
                     {{"repositoryName", "r"}, {"tags", {{"aws:x", "y"}}}}),
            "InvalidSystemTagUsageException");
  EXPECT_TRUE(call("codecommit", "ListRepositories")["repositories"].empty());
}

TEST_F(CodeCommitTest, FilesCommitsAndBranches) {
  call("codecommit", "CreateRepository", {{"repositoryName", "repo"}});
  Json first = put_file("README.md", "Hello, world");
  // Git's ids: the blob of "Hello, world".
  EXPECT_EQ(first["blobId"], "dbe9dba55ea8fd4d5be3868b015e044be0848ec5");
  EXPECT_EQ(first["commitId"].get<std::string>().size(), 40u);
  EXPECT_EQ(call("codecommit", "GetRepository",
                 {{"repositoryName", "repo"}})["repositoryMetadata"]["defaultBranch"],
            "main");
  EXPECT_EQ(call("codecommit", "GetBranch",
                 {{"repositoryName", "repo"}, {"branchName", "main"}})["branch"]["commitId"],
            first["commitId"]);
  // The branch has a head now: the next commit names it as its parent.
  EXPECT_EQ(error_of("codecommit", "PutFile",
                     {{"repositoryName", "repo"},
                      {"branchName", "main"},
                      {"filePath", "b.txt"},
                      {"fileContent", endpoint::base64_encode("b")}}),
            "ParentCommitIdRequiredException");
  EXPECT_EQ(error_of("codecommit", "PutFile",
                     {{"repositoryName", "repo"},
                      {"branchName", "main"},
                      {"filePath", "README.md"},
                      {"parentCommitId", first["commitId"]},
                      {"fileContent", endpoint::base64_encode("Hello, world")}}),
            "SameFileContentException");
  Json second = put_file("docs/b.txt", "b", {{"parentCommitId", first["commitId"]}});
  EXPECT_EQ(error_of("codecommit", "PutFile",
                     {{"repositoryName", "repo"},
                      {"branchName", "main"},
                      {"filePath", "c.txt"},
                      {"parentCommitId", first["commitId"]},
                      {"fileContent", endpoint::base64_encode("c")}}),
            "ParentCommitIdOutdatedException");
  Json got =
      call("codecommit", "GetFile", {{"repositoryName", "repo"}, {"filePath", "docs/b.txt"}});
  EXPECT_EQ(endpoint::base64_decode(got["fileContent"].get<std::string>()), "b");
  EXPECT_EQ(got["commitId"], second["commitId"]);
  EXPECT_EQ(got["fileSize"], 1);
  // The first commit does not have the later file.
  EXPECT_EQ(error_of("codecommit", "GetFile",
                     {{"repositoryName", "repo"},
                      {"filePath", "docs/b.txt"},
                      {"commitSpecifier", first["commitId"]}}),
            "FileDoesNotExistException");
  Json commit = call("codecommit", "GetCommit",
                     {{"repositoryName", "repo"}, {"commitId", second["commitId"]}})["commit"];
  EXPECT_EQ(commit["parents"], Json::array({first["commitId"]}));
  EXPECT_EQ(commit["message"], "add docs/b.txt");

  call("codecommit", "CreateBranch",
       {{"repositoryName", "repo"}, {"branchName", "feature"}, {"commitId", first["commitId"]}});
  EXPECT_EQ(
      error_of(
          "codecommit", "CreateBranch",
          {{"repositoryName", "repo"}, {"branchName", "feature"}, {"commitId", first["commitId"]}}),
      "BranchNameExistsException");
  EXPECT_EQ(error_of("codecommit", "CreateBranch",
                     {{"repositoryName", "repo"}, {"branchName", "x"}, {"commitId", "0000"}}),
            "CommitDoesNotExistException");
  EXPECT_EQ(
      error_of("codecommit", "GetBranch", {{"repositoryName", "repo"}, {"branchName", "nope"}}),
      "BranchDoesNotExistException");
  EXPECT_EQ(call("codecommit", "ListBranches", {{"repositoryName", "repo"}})["branches"],
            Json::array({"feature", "main"}));
  EXPECT_EQ(
      error_of("codecommit", "DeleteBranch", {{"repositoryName", "repo"}, {"branchName", "main"}}),
      "DefaultBranchCannotBeDeletedException");

  Json multi = call("codecommit", "CreateCommit",
                    {{"repositoryName", "repo"},
                     {"branchName", "main"},
                     {"parentCommitId", second["commitId"]},
                     {"putFiles",
                      {{{"filePath", "x/run.sh"},
                        {"fileMode", "EXECUTABLE"},
                        {"fileContent", endpoint::base64_encode("#!/bin/sh")}}}},
                     {"deleteFiles", {{{"filePath", "README.md"}}}}});
  EXPECT_EQ(call("codecommit", "GetFile",
                 {{"repositoryName", "repo"}, {"filePath", "x/run.sh"}})["fileMode"],
            "EXECUTABLE");
  EXPECT_EQ(
      error_of("codecommit", "GetFile", {{"repositoryName", "repo"}, {"filePath", "README.md"}}),
      "FileDoesNotExistException");
  EXPECT_EQ(error_of("codecommit", "PutFile",
                     {{"repositoryName", "repo"},
                      {"branchName", "main"},
                      {"filePath", "../x"},
                      {"parentCommitId", multi["commitId"]},
                      {"fileContent", endpoint::base64_encode("x")}}),
            "InvalidPathException");
}

TEST_F(CodeCommitTest, Triggers) {
  call("codecommit", "CreateRepository", {{"repositoryName", "repo"}});
  Json trigger = {{"name", "t"},
                  {"destinationArn", "arn:aws:sns:us-east-1:123456789012:topic"},
                  {"events", {"all"}}};
  call("codecommit", "PutRepositoryTriggers",
       {{"repositoryName", "repo"}, {"triggers", {trigger}}});
  EXPECT_EQ(call("codecommit", "GetRepositoryTriggers", {{"repositoryName", "repo"}})["triggers"],
            Json::array({trigger}));
  trigger["events"] = {"sometimes"};
  EXPECT_EQ(error_of("codecommit", "PutRepositoryTriggers",
                     {{"repositoryName", "repo"}, {"triggers", {trigger}}}),
            "InvalidRepositoryTriggerEventsException");
  trigger["events"] = {"all"};
  trigger["destinationArn"] = "arn:aws:sqs:us-east-1:123456789012:q";
  EXPECT_EQ(error_of("codecommit", "PutRepositoryTriggers",
                     {{"repositoryName", "repo"}, {"triggers", {trigger}}}),
            "InvalidRepositoryTriggerDestinationArnException");
  EXPECT_THAT(last_error_, HasSubstr("not an Amazon SNS topic or AWS Lambda function ARN"));
}

} // namespace
} // namespace cfnlocal::services
