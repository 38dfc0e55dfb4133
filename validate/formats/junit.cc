#include "validate/formats.h"
#include "validate/rule.h"

#include <fmt/format.h>

namespace cfnlocal::validate {

namespace {
std::string xml(std::string_view s) {
  std::string o;
  for (char c : s) {
    switch (c) {
    case '&':
      o += "&amp;";
      break;
    case '<':
      o += "&lt;";
      break;
    case '>':
      o += "&gt;";
      break;
    case '"':
      o += "&quot;";
      break;
    case '\'':
      o += "&apos;";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')
        o += ' ';
      else
        o += c;
    }
  }
  return o;
}
} // namespace

std::string render_junit(const std::vector<FileResult> &results) {
  // One <testsuite> per file and one <testcase> per rule (named "E3012 Property value types"):
  // a failure element lists that rule's findings in the file. Error-level findings are
  // failures; warnings and informational findings are reported as failures of type "warning"
  // too, so dashboards show them, but only errors make the exit status fail.
  size_t total_tests = 0, total_failures = 0;
  std::string suites;
  for (const auto &r : results) {
    size_t failures = 0;
    std::string cases;
    for (const Rule *rule : all_rules()) {
      std::vector<const Diagnostic *> mine;
      for (const auto &d : r.diagnostics)
        if (d.rule == rule->id)
          mine.push_back(&d);
      cases += fmt::format("    <testcase classname=\"{}\" name=\"{} {}\"", xml(r.file), rule->id,
                           xml(rule->title));
      if (mine.empty()) {
        cases += "/>\n";
        continue;
      }
      ++failures;
      std::string body;
      for (const Diagnostic *d : mine)
        body += fmt::format("{}:{}:{}: {}\n", r.file, d->mark.line, d->mark.column, d->message);
      cases +=
          fmt::format(">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    "
                      "</testcase>\n",
                      severity_name(mine.front()->severity), xml(mine.front()->message), xml(body));
    }
    // Findings of ids outside the rule list (E0000 parse errors, E0002) get their own case.
    for (const auto &d : r.diagnostics)
      if (!find_rule(d.rule)) {
        ++failures;
        cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\">\n      <failure "
                             "type=\"error\" message=\"{}\">{}:{}:{}: {}</failure>\n    "
                             "</testcase>\n",
                             xml(r.file), xml(d.rule), xml(d.message), xml(r.file), d.mark.line,
                             d.mark.column, xml(d.message));
      }
    size_t tests = all_rules().size();
    for (const auto &d : r.diagnostics)
      if (!find_rule(d.rule))
        ++tests;
    total_tests += tests;
    total_failures += failures;
    suites += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n{}"
                          "  </testsuite>\n",
                          xml(r.file), tests, failures, cases);
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"cfnlocal "
                     "validate\" tests=\"{}\" failures=\"{}\">\n{}</testsuites>\n",
                     total_tests, total_failures, suites);
}

} // namespace cfnlocal::validate
