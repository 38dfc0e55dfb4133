#include "schema/validator.h"

namespace cfnlocal::schema {

std::vector<Diagnostic> ValidationResult::diagnostics(std::string_view path_prefix) const {
  std::vector<Diagnostic> out;
  out.reserve(violations.size());
  for (const auto &v : violations) {
    Diagnostic d;
    d.severity = Severity::Error;
    d.rule = v.rule;
    d.message = v.message;
    d.mark = v.mark;
    d.path = std::string(path_prefix);
    if (!v.path.empty()) {
      d.path += d.path.empty() ? "" : "/";
      d.path += v.path;
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::string format_aws_failure(std::string_view logical_id, const ValidationResult &result) {
  if (result.aws_messages.empty()) {
    return {};
  }
  std::string out = "Properties validation failed for resource ";
  out += logical_id;
  out += " with message:";
  // One message stays on the line ("with message: #/Role: ..."); several go one per line, as
  // CloudFormation's stack events print them.
  if (result.aws_messages.size() == 1) {
    out += ' ';
    out += result.aws_messages.front();
    return out;
  }
  for (const auto &m : result.aws_messages) {
    out += '\n';
    out += m;
  }
  return out;
}

} // namespace cfnlocal::schema
