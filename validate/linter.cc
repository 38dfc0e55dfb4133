#include "validate/linter.h"

#include "parser/reader.h"
#include "transforms/transform.h"
#include "validate/context.h"
#include "validate/rule.h"
#include "validate/suppression.h"

#include <algorithm>
#include <fmt/format.h>
#include <functional>
#include <omp.h>
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

namespace {

/// What `aws cloudformation package` would put in place of a local artifact path, so that the SAM
/// transform (which wants s3:// locations) can run on templates written for `package`.
void placeholder_artifacts(Value &tmpl) {
  static const std::vector<std::pair<std::string, std::string>> kArtifacts = {
      {"AWS::Serverless::Function", "CodeUri"},
      {"AWS::Serverless::LayerVersion", "ContentUri"},
      {"AWS::Serverless::Api", "DefinitionUri"},
      {"AWS::Serverless::HttpApi", "DefinitionUri"},
      {"AWS::Serverless::StateMachine", "DefinitionUri"},
      {"AWS::Serverless::Application", "Location"}};
  auto fix = [](Value *props, const std::string &key) {
    if (!props || !props->is_object())
      return;
    Value *v = props->find(key);
    if (v && v->is_string() && v->as_string().rfind("s3://", 0) != 0 &&
        v->as_string().rfind("https://", 0) != 0)
      *v = Value("s3://cfnlocal-package-placeholder/" + v->as_string()).with_mark(v->mark());
  };
  if (Value *res = tmpl.find("Resources"); res && res->is_object())
    for (auto &r : res->as_object()) {
      const Value *type = r.value.is_object() ? r.value.find("Type") : nullptr;
      if (!type || !type->is_string())
        continue;
      for (const auto &[t, key] : kArtifacts)
        if (type->as_string() == t)
          fix(r.value.find("Properties"), key);
    }
  if (Value *globals = tmpl.find("Globals"); globals && globals->is_object())
    for (auto &g : globals->as_object())
      for (const char *key : {"CodeUri", "ContentUri", "DefinitionUri"})
        fix(&g.value, key);
}

/// A node below `root` by JSON path, as deep as the path exists; nullptr when not even the first
/// step does.
const Value *deepest(const Value &root, std::string_view path, const Mark **key_mark) {
  const Value *node = &root;
  const Value *found = nullptr;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string_view seg =
        path.substr(start, slash == std::string_view::npos ? path.npos : slash - start);
    const Value *next = nullptr;
    if (node->is_object()) {
      if (const Value::Member *m = node->find_member(seg)) {
        next = &m->value;
        *key_mark = &m->key_mark;
      }
    } else if (node->is_array() && !seg.empty() &&
               seg.find_first_not_of("0123456789") == std::string_view::npos) {
      size_t i = std::stoul(std::string(seg));
      if (i < node->size())
        next = &node->as_array()[i];
    }
    if (!next)
      break;
    node = found = next;
    if (slash == std::string_view::npos)
      break;
    start = slash + 1;
  }
  return found;
}

/// Findings on nodes the SAM transform generated carry the template root's mark; point them at
/// the source node the path still names (the AWS::Serverless resource, its property) instead.
void remap_generated(const Value &source, const Value &transformed, std::vector<Diagnostic> &out) {
  const Mark &root_mark = transformed.mark();
  const Value *resources = source.find("Resources");
  for (auto &d : out) {
    // Resources the SAM transform expanded (AWS::Serverless::Function becomes a function, a role,
    // permissions...) are reported at the source resource's logical ID, as cfn-lint does: the
    // expanded properties are not what the user wrote.
    if (resources && resources->is_object() && d.path.rfind("Resources/", 0) == 0) {
      std::string_view rest = std::string_view(d.path).substr(10);
      const Value::Member *r = resources->find_member(rest.substr(0, rest.find('/')));
      const Value *type = r && r->value.is_object() ? r->value.find("Type") : nullptr;
      if (type && type->is_string() && type->as_string().rfind("AWS::Serverless::", 0) == 0) {
        d.mark = r->key_mark;
        continue;
      }
    }
    bool generated =
        !d.mark.known() || (d.mark.line == root_mark.line && d.mark.column == root_mark.column);
    if (!generated || d.path.empty())
      continue;
    const Mark *key_mark = nullptr;
    const Value *node = deepest(source, d.path, &key_mark);
    if (node && node->mark().known())
      d.mark = node->mark();
    else if (key_mark && key_mark->known())
      d.mark = *key_mark;
  }
}

} // namespace

std::vector<Diagnostic> lint_document(const Value &source, const std::string &file,
                                      size_t text_size, const LintOptions &options) {
  std::vector<Diagnostic> out;
  // Templates with transforms (SAM, AWS::LanguageExtensions, AWS::Include) are linted after them,
  // as CloudFormation deploys them; a document a transform rejects is one E0001 finding.
  Value transformed;
  const Value *doc = &source;
  if (source.is_object() && transforms::uses_builtin_transforms(source)) {
    try {
      transforms::TransformOptions topts;
      topts.region = options.region;
      Value prepared = source;
      placeholder_artifacts(prepared);
      transformed = transforms::apply_transforms(prepared, topts);
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
  if (doc != &source)
    remap_generated(source, *doc, out);
  for (auto &d : out)
    if (!d.mark.known() && d.mark.file == nullptr)
      d.mark = Mark{root.mark().file, 1, 1};
  sort_findings(out);
  return out;
}

namespace {

/// The line of a second YAML document ("---" after content), 0 when there is none: CloudFormation
/// takes one document per template.
int second_document_line(std::string_view text) {
  bool content = false;
  int line = 1;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view l = text.substr(pos, end == text.npos ? text.npos : end - pos);
    if (l.rfind("---", 0) == 0 && (l.size() == 3 || l[3] == ' ' || l[3] == '\r')) {
      if (content)
        return line;
    } else if (!l.empty() && l[0] != '#' && l.find_first_not_of(" \t\r") != l.npos) {
      content = true;
    }
    if (end == text.npos)
      break;
    pos = end + 1;
    ++line;
  }
  return 0;
}

/// Parses `text`. A tag the reader does not know (`!Rain::Embed`, another tool's macro) is read as
/// the function `Fn::Name`, as cfn-lint reads it, so the rest of the template is still checked:
/// the tag is swapped in place for `!If` padded with spaces (same columns), and the calls read at
/// those positions are renamed back.
Value read_with_unknown_tags(std::string text, const std::string &file) {
  std::vector<std::tuple<int, int, std::string>> renamed; // line, column, original name
  for (int attempt = 0;; ++attempt) {
    try {
      Value root = read_document(text, file);
      if (renamed.empty())
        return root;
      std::function<void(Value &)> fix = [&](Value &v) {
        if (v.is_array()) {
          for (auto &i : v.as_array())
            fix(i);
          return;
        }
        if (!v.is_object())
          return;
        for (auto &m : v.as_object()) {
          if (m.key == "Fn::If" && v.size() == 1)
            for (const auto &[line, col, name] : renamed)
              if (m.key_mark.line == line && m.key_mark.column == col)
                m.key = "Fn::" + name;
          fix(m.value);
        }
      };
      fix(root);
      return root;
    } catch (const Error &e) {
      const std::string &msg = e.message();
      const std::string prefix = "unknown tag '!";
      if (attempt > 200 || msg.rfind(prefix, 0) != 0 || !e.mark().known())
        throw;
      std::string name = msg.substr(prefix.size(), msg.size() - prefix.size() - 1);
      // Find the tag at the error's line and column.
      size_t pos = 0;
      for (int l = 1; l < e.mark().line && pos != std::string::npos; ++l)
        pos = text.find('\n', pos) + 1;
      if (pos == std::string::npos)
        throw;
      pos += e.mark().column - 1;
      if (text.compare(pos, name.size() + 1, "!" + name) != 0 || name.size() < 2)
        throw;
      text.replace(pos, name.size() + 1, "!If" + std::string(name.size() - 2, ' '));
      renamed.emplace_back(e.mark().line, e.mark().column, name);
    }
  }
}

} // namespace

std::vector<Diagnostic> lint_text(std::string_view text, const std::string &file,
                                  const LintOptions &options) {
  Value root;
  try {
    if (int line = second_document_line(text))
      throw Error(fmt::format("expected a single document in the stream, but found another "
                              "document at line {}",
                              line),
                  Mark{std::make_shared<const std::string>(file), 1, 1});
    root = read_with_unknown_tags(std::string(text), file);
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

std::vector<FileResult> lint_files(const std::vector<std::string> &paths,
                                   const LintOptions &options, unsigned jobs) {
  std::vector<FileResult> results(paths.size());
  int threads = jobs == 0 ? omp_get_max_threads() : static_cast<int>(jobs);
  // lint_file never throws, as an OpenMP loop body must not.
#pragma omp parallel for schedule(dynamic) num_threads(threads)
  for (size_t i = 0; i < paths.size(); ++i)
    results[i] = lint_file(paths[i], options);
  return results;
}

int exit_status(const std::vector<FileResult> &results) {
  int status = 0;
  for (const auto &r : results)
    for (const auto &d : r.diagnostics)
      status |= d.severity == Severity::Error ? 2 : d.severity == Severity::Warning ? 4 : 8;
  return status;
}

} // namespace cfnlocal::validate
