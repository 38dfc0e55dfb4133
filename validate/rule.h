#pragma once
/// \file
/// A lint rule: one stable id, one severity, one check (cfn-lint's "rules as units"). Ids follow
/// cfn-lint's numbering for the same check (E0xxx template, E1xxx functions, E2xxx parameters,
/// E3xxx resources, E6xxx outputs, E7xxx mappings, E8xxx conditions, W for warnings) so that a
/// user's suppressions carry over. Every rule is documented in docs/rules.md.

#include "parser/diagnostic.h"

#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::validate {

class Context;
class Reporter;

/// One rule. `check` reads the template through the Context and reports through the Reporter; it
/// never throws for anything a template can contain.
struct Rule {
  const char *id;          ///< "E3012"
  Severity severity;       ///< what the rule's findings are
  const char *title;       ///< one line, shown by `--list-rules`
  const char *description; ///< what the rule checks and why
  void (*check)(const Context &ctx, Reporter &out);
};

/// Every rule cfnlocal has, ordered by id. The list lives in rule_list.cc (an explicit list rather
/// than self-registration: rules sit in a static library, where unreferenced objects are dropped).
const std::vector<const Rule *> &all_rules();

/// The rule with this id, nullptr when there is none.
const Rule *find_rule(std::string_view id);

/// Collects findings for one rule run. Messages should say what is wrong and what is expected.
class Reporter {
public:
  explicit Reporter(std::vector<Diagnostic> &sink) : sink_(sink) {}

  /// Sets the rule whose findings follow (the linter calls it before each rule).
  void begin(const Rule *rule) { rule_ = rule; }

  /// Reports a finding of the current rule at `mark`, for the node at JSON path `path`
  /// ("Resources/Bucket/Properties/BucketName").
  void report(const Mark &mark, std::string path, std::string message);
  /// The same with an explicit severity (rules that raise both, such as deprecated runtimes).
  void report(Severity severity, const Mark &mark, std::string path, std::string message);
  /// The same under another rule's id (a check that cfn-lint files under a sibling id).
  void report_as(const char *rule_id, Severity severity, const Mark &mark, std::string path,
                 std::string message);

private:
  std::vector<Diagnostic> &sink_;
  const Rule *rule_ = nullptr;
};

} // namespace cfnlocal::validate
