// The `cfnlocal` command as users run it: exit statuses, error format, JSON shapes, plan.
#include "parser/json.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct Invocation {
  int status;
  std::string out;
};

class Cli : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cfnlocal-cli-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string &name, const std::string &text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }

  // Runs the binary with `args` (stderr merged into the output) in the test's folder.
  Invocation run(const std::string &args) {
    std::string command =
        "cd '" + dir_.string() + "' && '" + CFNLOCAL_BINARY + "' " + args + " 2>&1";
    FILE *pipe = popen(command.c_str(), "r");
    std::string out;
    std::array<char, 4096> buffer;
    while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe))
      out.append(buffer.data(), n);
    int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
  }

  std::filesystem::path dir_;
};

const char *kTemplate = R"(Parameters:
  Name:
    Type: String
    Default: one
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !Ref Name
Outputs:
  TopicArn:
    Value: !Ref Topic
)";

} // namespace

TEST_F(Cli, UnknownOptionIsAUsageError) { EXPECT_EQ(run("deploy --no-such-option").status, 64); }

TEST_F(Cli, BadTemplateReportsFileLineColumn) {
  write("bad.yaml", "Resources:\n  A:\n    Type: AWS::SNS::Topic\n  A:\n    Type: X\n");
  Invocation r = run("deploy --stack-name s --template-file bad.yaml");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("cfnlocal: bad.yaml:4:3: error: duplicate key 'A'"), std::string::npos)
      << r.out;
}

TEST_F(Cli, DeployDescribePlanAndDelete) {
  write("t.yaml", kTemplate);
  Invocation deployed = run("deploy --stack-name s --template-file t.yaml --output json");
  ASSERT_EQ(deployed.status, 0) << deployed.out;
  Invocation described = run("describe-stacks --stack-name s --output json");
  ASSERT_EQ(described.status, 0);
  auto json = cfnlocal::Json::parse(described.out);
  EXPECT_EQ(json["Stacks"][0]["StackStatus"], "CREATE_COMPLETE");
  EXPECT_EQ(json["Stacks"][0]["Outputs"][0]["OutputKey"], "TopicArn");

  EXPECT_EQ(run("plan --stack-name s --template-file t.yaml --detailed-exitcode").status, 0);
  Invocation plan = run("plan --stack-name s --template-file t.yaml --parameter-overrides Name=two "
                        "--detailed-exitcode --output text");
  EXPECT_EQ(plan.status, 2) << plan.out;
  EXPECT_NE(plan.out.find("~ Topic"), std::string::npos) << plan.out;
  EXPECT_NE(plan.out.find("Plan: 0 to add, 1 to change, 0 to replace, 0 to remove."),
            std::string::npos)
      << plan.out;

  Invocation events = run("describe-stack-events --stack-name s --output json");
  EXPECT_GE(cfnlocal::Json::parse(events.out)["StackEvents"].size(), 4u);
  EXPECT_EQ(run("delete-stack --stack-name s").status, 0);
  Invocation missing = run("describe-stacks --stack-name s");
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.out.find("Stack with id s does not exist"), std::string::npos);
}
