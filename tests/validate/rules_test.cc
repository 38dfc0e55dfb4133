// Every rule has a template that triggers it (data/rules/<ID>_bad.yaml) and one that does not
// (data/rules/<ID>_good.yaml); this suite runs both for each rule in all_rules().
#include "parser/reader.h"
#include "validate/linter.h"
#include "validate/rule.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <set>

namespace cfnlocal::validate {
namespace {

std::string data(const std::string &name) {
  return std::string(CFNLOCAL_TEST_DATA) + "/rules/" + name;
}

std::vector<Diagnostic> lint_path(const std::string &path) {
  LintOptions options;
  return lint_file(path, options).diagnostics;
}

std::string dump(const std::vector<Diagnostic> &ds) {
  std::string out;
  for (const auto &d : ds)
    out += d.str() + "\n";
  return out;
}

bool has_rule(const std::vector<Diagnostic> &ds, std::string_view id) {
  for (const auto &d : ds)
    if (d.rule == id)
      return true;
  return false;
}

class RulePair : public ::testing::TestWithParam<std::string> {};

TEST_P(RulePair, BadTemplateTriggersTheRule) {
  const std::string id = GetParam();
  std::vector<Diagnostic> ds;
  if (id == "E1002") {
    // Generated rather than committed: the template must exceed 1,000,000 bytes.
    std::string text = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\nMetadata:\n  Blob: \"" +
                       std::string(1000100, 'a') + "\"\n";
    ds = lint_text(text, "big.yaml", LintOptions{});
  } else if (id == "E2531" || id == "W2531") {
    // Date-dependent: python3.9's creation block is 2026-06-01, its update block 2026-07-01, its
    // deprecation 2025-12-15.
    LintOptions options;
    options.today = id == "E2531" ? "2026-06-15" : "2026-01-15";
    ds = lint_file(data("runtime_python39.yaml"), options).diagnostics;
  } else {
    ASSERT_TRUE(std::filesystem::exists(data(id + "_bad.yaml"))) << id;
    ds = lint_path(data(id + "_bad.yaml"));
  }
  EXPECT_TRUE(has_rule(ds, id)) << id << " not reported; got:\n" << dump(ds);
  for (const auto &d : ds)
    if (d.rule == id) {
      EXPECT_GT(d.mark.line, 0) << d.str();
      EXPECT_FALSE(d.message.empty());
    }
}

TEST_P(RulePair, GoodTemplateDoesNotTriggerTheRule) {
  const std::string id = GetParam();
  ASSERT_TRUE(std::filesystem::exists(data(id + "_good.yaml"))) << id;
  auto ds = lint_path(data(id + "_good.yaml"));
  EXPECT_FALSE(has_rule(ds, id)) << id << " reported on the good template:\n" << dump(ds);
  for (const auto &d : ds)
    EXPECT_NE(d.rule, "E0000") << d.str();
}

std::vector<std::string> rule_ids() {
  std::vector<std::string> ids;
  for (const Rule *r : all_rules())
    ids.push_back(r->id);
  return ids;
}

INSTANTIATE_TEST_SUITE_P(AllRules, RulePair, ::testing::ValuesIn(rule_ids()),
                         [](const auto &info) { return info.param; });

TEST(RuleList, IdsAreUniqueAndDocumented) {
  std::set<std::string> seen;
  std::string docs = read_file_text(std::string(CFNLOCAL_SOURCE_DIR) + "/docs/rules.md");
  for (const Rule *r : all_rules()) {
    EXPECT_TRUE(seen.insert(r->id).second) << "duplicate id " << r->id;
    EXPECT_NE(docs.find(std::string("## ") + r->id), std::string::npos)
        << r->id << " missing from docs/rules.md";
  }
}

} // namespace
} // namespace cfnlocal::validate
