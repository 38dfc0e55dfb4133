// Templates with AWS::LanguageExtensions / AWS::Include are linted after the transforms, with
// findings at the lines the user wrote (a loop's copies keep the marks of its body).

#include "validate/linter.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace cfnlocal::validate {
namespace {

std::vector<Diagnostic> lint_text(const std::string &name, const std::string &text) {
  auto dir =
      std::filesystem::temp_directory_path() / ("cfnlocal-lint-le-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto path = (dir / name).string();
  std::ofstream(path) << text;
  LintOptions options;
  auto out = lint_file(path, options).diagnostics;
  std::filesystem::remove_all(dir);
  return out;
}

TEST(LintLanguageExtensions, LoopsAreExpandedBeforeTheRules) {
  auto ds = lint_text("loops.yaml", R"(Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Queues:
    - Name
    - [a, b]
    - Queue${Name}:
        Type: AWS::SQS::Queue
        Properties:
          DelaySeconds: not-a-number
Outputs:
  Fn::ForEach::Urls:
    - Name
    - [a, b]
    - Url${Name}:
        Value: !Ref
          Fn::Sub: Queue${Name}
)");
  // One finding per copy, both at the line of the loop body's property.
  int at_body = 0;
  for (const auto &d : ds) {
    EXPECT_NE(d.rule, "E0001") << d.str();
    if (d.mark.line == 9)
      ++at_body;
  }
  EXPECT_GE(at_body, 1);
}

TEST(LintLanguageExtensions, TransformErrorsAreE0001AtTheirNode) {
  auto ds = lint_text("bad.yaml", R"(Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Queues:
    - Name
    - [a, b]
    - Queue:
        Type: AWS::SQS::Queue
)");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].rule, "E0001");
  EXPECT_EQ(ds[0].mark.line, 6);
  EXPECT_EQ(ds[0].mark.column, 7);
}

} // namespace
} // namespace cfnlocal::validate
