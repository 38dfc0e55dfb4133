#include "parser/diagnostic.h"

namespace cfnlocal {

const char *severity_name(Severity s) {
  switch (s) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Informational:
    return "informational";
  }
  return "error";
}

std::string Diagnostic::str() const {
  std::string out = mark.str();
  if (!out.empty())
    out += ": ";
  out += severity_name(severity);
  out += ": ";
  if (!rule.empty())
    out += rule + " ";
  out += message;
  return out;
}

Error::Error(std::string message, Mark mark, std::string path)
    : Error(Diagnostic{Severity::Error, "", std::move(message), std::move(mark), std::move(path)}) {
}

Error::Error(Diagnostic diagnostic)
    : std::runtime_error(diagnostic.str()), diagnostic_(std::move(diagnostic)) {}

} // namespace cfnlocal
