#pragma once
// Shared set-up of the engine tests: a fresh state file per test, templates written from strings.

#include "engine/engine.h"
#include "engine/reporter.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <string>
#include <unistd.h>

namespace cfnlocal::engine::testing {

/// Records every event it is told about.
class RecordingReporter : public Reporter {
public:
  void on_event(const state::StackEvent &e) override { events.push_back(e); }
  std::vector<state::StackEvent> events;
  /// "Logical STATUS" lines, in order, for the resource events of one logical ID.
  std::vector<std::string> statuses(const std::string &logical_id) const {
    std::vector<std::string> out;
    for (const auto &e : events)
      if (e.logical_id == logical_id)
        out.push_back(e.status);
    return out;
  }
};

/// A template with an IAM role `Role` that `trusted_service` may assume and a Python function `Fn`
/// (python3.12, index.handler, inline code) run by it; `function_properties` are more lines of
/// Fn's Properties, indented by six spaces.
inline std::string
lambda_stack_template(std::string_view function_properties = "",
                      std::string_view trusted_service = "lambda.amazonaws.com") {
  return fmt::format(R"(Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {{Service: {}}}
            Action: sts:AssumeRole
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code:
        ZipFile: "def handler(event, context): return {{'ok': True}}"
{})",
                     trusted_service, function_properties);
}

class EngineTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cfnlocal-engine-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    config_.state_path = (dir_ / "state.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string &name, const std::string &text) {
    auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  OperationResult deploy(const std::string &stack, const std::string &template_text,
                         std::map<std::string, std::string> parameters = {},
                         bool disable_rollback = false) {
    Engine engine(config_);
    DeployOptions o;
    o.stack_name = stack;
    o.template_file = write(stack + "-" + std::to_string(counter_++) + ".yaml", template_text);
    o.parameter_overrides = std::move(parameters);
    o.capabilities = {"CAPABILITY_NAMED_IAM"};
    o.disable_rollback = disable_rollback;
    return engine.deploy(o, reporter_);
  }

  OperationResult remove(const std::string &stack) {
    Engine engine(config_);
    DeleteOptions o;
    o.stack_name = stack;
    return engine.delete_stack(o, reporter_);
  }

  std::filesystem::path dir_;
  EngineConfig config_;
  RecordingReporter reporter_;
  int counter_ = 0;
};

} // namespace cfnlocal::engine::testing
