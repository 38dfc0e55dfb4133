#include "validate/rule.h"

#include <algorithm>

namespace cfnlocal::validate {

void Reporter::report(const Mark &mark, std::string path, std::string message) {
  report(rule_ ? rule_->severity : Severity::Error, mark, std::move(path), std::move(message));
}

void Reporter::report(Severity severity, const Mark &mark, std::string path, std::string message) {
  sink_.push_back(
      Diagnostic{severity, rule_ ? rule_->id : "", std::move(message), mark, std::move(path)});
}

void Reporter::report_as(const char *rule_id, Severity severity, const Mark &mark, std::string path,
                         std::string message) {
  sink_.push_back(Diagnostic{severity, rule_id, std::move(message), mark, std::move(path)});
}

const Rule *find_rule(std::string_view id) {
  for (const Rule *r : all_rules())
    if (id == r->id)
      return r;
  return nullptr;
}

} // namespace cfnlocal::validate
