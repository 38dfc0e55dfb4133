#include "parser/json.h"
#include "validate/config.h"
#include "validate/formats.h"
#include "validate/linter.h"

#include <gtest/gtest.h>

namespace cfnlocal::validate {
namespace {

const char *kBad = R"(Resources:
  Queue:
    Type: AWS::SQS::Queue
    DependsOn: Missing
Outputs:
  Out:
    Value: !Ref Nothing
)";

std::vector<FileResult> results() {
  return {FileResult{"t.yaml", lint_text(kBad, "t.yaml", LintOptions{})}};
}

TEST(Formats, TextIsFileLineColumnSeverityIdMessage) {
  std::string text = render_text(results());
  EXPECT_NE(text.find("t.yaml:4:16: error E3005 'Missing' is not one of"), std::string::npos)
      << text;
  EXPECT_NE(text.find("t.yaml:7:12: error E1020 'Nothing'"), std::string::npos) << text;
}

TEST(Formats, JsonHasCfnLintShape) {
  Json j = Json::parse(render_json(results()));
  ASSERT_TRUE(j.is_array());
  ASSERT_GE(j.size(), 2u);
  EXPECT_EQ(j[0]["Filename"], "t.yaml");
  EXPECT_EQ(j[0]["Level"], "Error");
  EXPECT_EQ(j[0]["Location"]["Start"]["LineNumber"], 4);
  EXPECT_EQ(j[0]["Location"]["Path"][0], "Resources");
  EXPECT_EQ(j[0]["Rule"]["Id"], "E3005");
}

TEST(Formats, SarifIsVersion210WithLevelsAndStartLines) {
  Json j = Json::parse(render_sarif(results()));
  EXPECT_EQ(j["version"], "2.1.0");
  const Json &run = j["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "cfnlocal");
  ASSERT_GE(run["results"].size(), 2u);
  for (const auto &r : run["results"]) {
    EXPECT_TRUE(r["level"] == "error" || r["level"] == "warning" || r["level"] == "note");
    EXPECT_GE(r["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>(), 1);
    int index = r["ruleIndex"];
    EXPECT_EQ(run["tool"]["driver"]["rules"][index]["id"], r["ruleId"]);
  }
}

TEST(Formats, JunitHasOneFailurePerRuleWithFindings) {
  std::string xml = render_junit(results());
  EXPECT_EQ(xml.rfind("<?xml", 0), 0u);
  EXPECT_NE(xml.find("failures=\"2\""), std::string::npos) << xml.substr(0, 400);
  EXPECT_NE(xml.find("name=\"E3005 DependsOn targets\""), std::string::npos);
  EXPECT_NE(xml.find("<failure type=\"error\""), std::string::npos);
}

TEST(Formats, GithubAnnotationsEscapeProperties) {
  std::string out = render_github({FileResult{"a,b.yaml", lint_text(kBad, "a,b.yaml", {})}});
  EXPECT_NE(out.find("::error file=a%2Cb.yaml,line=4,col=16,title=E3005::"), std::string::npos)
      << out;
}

TEST(Suppression, TemplateAndResourceMetadataIgnoreChecks) {
  std::string text = std::string(kBad) + R"(Metadata:
  cfn-lint:
    config:
      ignore_checks: [E10]
)";
  auto ds = lint_text(text, "t.yaml", {});
  for (const auto &d : ds)
    EXPECT_NE(d.rule, "E1020") << d.str();
  std::string local = R"(Resources:
  Queue:
    Type: AWS::SQS::Queue
    DependsOn: Missing
    Metadata:
      cfn-lint:
        config:
          ignore_checks: [E3005]
  Other:
    Type: AWS::SQS::Queue
    DependsOn: Missing
)";
  ds = lint_text(local, "t.yaml", {});
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].path, "Resources/Other/DependsOn");
}

TEST(Linter, ExitStatusBitsAndIgnoreOption) {
  auto r = results();
  EXPECT_EQ(exit_status(r), 2);
  LintOptions o;
  o.ignore_checks = {"E"};
  EXPECT_EQ(exit_status({FileResult{"t.yaml", lint_text(kBad, "t.yaml", o)}}), 0);
  auto w = lint_text("Parameters:\n  P:\n    Type: String\nResources:\n  Q:\n    Type: "
                     "AWS::SQS::Queue\n",
                     "w.yaml", {});
  EXPECT_EQ(exit_status({FileResult{"w.yaml", w}}), 4);
}

TEST(Linter, ParseErrorsAreE0000WithALocation) {
  auto ds = lint_text("Resources:\n  A: [\n", "bad.yaml", {});
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].rule, "E0000");
  EXPECT_GT(ds[0].mark.line, 0);
}

TEST(Config, GlobsAndCfnlintrc) {
  EXPECT_TRUE(glob_match("templates/**/*.yaml", "templates/a/b/c.yaml"));
  EXPECT_TRUE(glob_match("./x/*.json", "x/y.json"));
  EXPECT_FALSE(glob_match("x/*.json", "x/y.yaml"));
  std::string path = ::testing::TempDir() + "/cfnlintrc.yaml";
  FILE *f = fopen(path.c_str(), "w");
  fputs("ignore_checks:\n  - W3005\ninclude_checks: [I]\nregions: [eu-west-1]\n"
        "ignore_templates: ['**/example.yaml']\n",
        f);
  fclose(f);
  ProjectConfig c = read_config(path);
  EXPECT_EQ(c.ignore_checks, std::vector<std::string>{"W3005"});
  EXPECT_EQ(c.regions.front(), "eu-west-1");
  EXPECT_TRUE(glob_match(c.ignore_templates[0], "a/b/example.yaml"));
}

} // namespace
} // namespace cfnlocal::validate
