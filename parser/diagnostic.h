#pragma once
/// \file
/// Diagnostics and user errors shared by every module (LLVM-style: a location, a severity, a
/// stable id and a message that says what to do).

#include "parser/mark.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace cfnlocal {

enum class Severity { Error, Warning, Informational };

/// "error", "warning" or "informational".
const char *severity_name(Severity s);

/// One finding about a document. `rule` is a stable id ("E3012") where a rule produced it, else
/// empty. `path` is the JSON path of the node ("Resources/Bucket/Properties/BucketName").
struct Diagnostic {
  Severity severity = Severity::Error;
  std::string rule;
  std::string message;
  Mark mark;
  std::string path;

  /// "file:line:column: error: message" (the location part is left out when unknown).
  std::string str() const;
};

/// A failure a user can cause (bad template, bad parameter, wrong function argument). Thrown by
/// the parser, intrinsics and transforms; caught at the engine and CLI boundaries and turned into
/// a failed operation or a diagnostic, never an abort.
class Error : public std::runtime_error {
public:
  explicit Error(std::string message, Mark mark = {}, std::string path = {});
  explicit Error(Diagnostic diagnostic);

  const Diagnostic &diagnostic() const { return diagnostic_; }
  const Mark &mark() const { return diagnostic_.mark; }
  /// The message without location.
  const std::string &message() const { return diagnostic_.message; }

private:
  Diagnostic diagnostic_;
};

} // namespace cfnlocal
