#include "validate/linter.h"

#include "parser/reader.h"
#include "transforms/transform.h"
#include "validate/context.h"
#include "validate/rule.h"
#include "validate/suppression.h"

#include <algorithm>
#include <tuple>

namespace cfnlocal::validate {

bool matches_check(std::string_view rule_id, std::string_view entry) {
  return !entry.empty() && rule_id.substr(0, entry.size()) == entry;
}

namespace {
bool enabled(const Rule &rule, const LintOptions &options) {
  for (const auto &ignore : options.ignore_checks)
    if (matches_check(rule.id, ignore))
      return false;
  if (rule.severity == Severity::Informational) {
    for (const auto &include : options.include_checks)
      if (matches_check(rule.id, include))
        return true;
    return false;
  }
  return true;
}

void sort_findings(std::vector<Diagnostic> &out) {
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic &a, const Diagnostic &b) {
    return std::tie(a.mark.line, a.mark.column, a.rule) <
           std::tie(b.mark.line, b.mark.column, b.rule);
  });
  // The same finding reached twice (a node visited through two calls) is reported once.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Diagnostic &a, const Diagnostic &b) {
                          return a.rule == b.rule && a.mark.line == b.mark.line &&
                                 a.mark.column == b.mark.column && a.message == b.message;
                        }),
            out.end());
}
} // namespace

std::vector<Diagnostic> lint_document(const Value &source, const std::string &file,
                                      size_t text_size, const LintOptions &options) {
  std::vector<Diagnostic> out;
  // SAM templates are linted after the transform, as CloudFormation deploys them; an invalid SAM
  // document is one E0001 finding.
  Value transformed;
  const Value *doc = &source;
  if (source.is_object() && transforms::declares_transform(source, transforms::kSamTransform)) {
    try {
      transforms::TransformOptions topts;
      topts.region = options.region;
      transformed = transforms::apply_transforms(source, topts);
      doc = &transformed;
    } catch (const Error &e) {
      Diagnostic d = e.diagnostic();
      d.rule = "E0001";
      d.severity = Severity::Error;
      d.message = "Error transforming template: " + d.message;
      if (!d.mark.known())
        d.mark = Mark{source.mark().file, 1, 1};
      out.push_back(std::move(d));
      return out;
    }
  }
  const Value &root = *doc;
  ContextOptions copts;
  copts.region = options.region;
  copts.today = options.today;
  Context ctx(root, file, text_size, copts);
  Reporter reporter(out);
  for (const Rule *rule : all_rules()) {
    if (!enabled(*rule, options))
      continue;
    reporter.begin(rule);
    try {
      rule->check(ctx, reporter);
    } catch (const std::exception &e) {
      // A rule that trips over an unexpected shape must not hide the others' findings.
      out.push_back(Diagnostic{Severity::Error, "E0002",
                               std::string("Unknown exception while processing rule ") + rule->id +
                                   ": " + e.what(),
                               root.mark(), ""});
    }
  }
  // Findings reported under another id (report_as) obey the same ignore list.
  std::erase_if(out, [&](const Diagnostic &d) {
    for (const auto &ignore : options.ignore_checks)
      if (matches_check(d.rule, ignore))
        return true;
    return false;
  });
  apply_suppressions(root, out);
  for (auto &d : out)
    if (!d.mark.known() && d.mark.file == nullptr)
      d.mark = Mark{root.mark().file, 1, 1};
  sort_findings(out);
  return out;
}

std::vector<Diagnostic> lint_text(std::string_view text, const std::string &file,
                                  const LintOptions &options) {
  Value root;
  try {
    root = read_document(text, file);
  } catch (const Error &e) {
    Diagnostic d = e.diagnostic();
    d.rule = "E0000";
    d.severity = Severity::Error;
    d.message = "Template could not be parsed: " + d.message;
    if (!d.mark.known())
      d.mark = Mark{std::make_shared<const std::string>(file), 1, 1};
    return {d};
  }
  return lint_document(root, file, text.size(), options);
}

FileResult lint_file(const std::string &path, const LintOptions &options) {
  FileResult result{path, {}};
  std::string text;
  try {
    text = read_file_text(path);
  } catch (const Error &e) {
    Diagnostic d = e.diagnostic();
    d.rule = "E0000";
    d.mark = Mark{std::make_shared<const std::string>(path), 1, 1};
    result.diagnostics.push_back(std::move(d));
    return result;
  }
  result.diagnostics = lint_text(text, path, options);
  return result;
}

int exit_status(const std::vector<FileResult> &results) {
  int status = 0;
  for (const auto &r : results)
    for (const auto &d : r.diagnostics)
      status |= d.severity == Severity::Error ? 2 : d.severity == Severity::Warning ? 4 : 8;
  return status;
}

} // namespace cfnlocal::validate
