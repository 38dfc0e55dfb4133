#pragma once
/// \file
/// Running the rules over templates: parse, build the Context, run every enabled rule, apply the
/// suppressions the template declares (`Metadata: cfn-lint: config: ignore_checks`, at the template
/// or a resource), sort by position. A template that cannot be parsed yields one E0000 finding.

#include "parser/diagnostic.h"
#include "parser/value.h"

#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::validate {

/// What to run and how.
struct LintOptions {
  std::string region = "us-east-1";
  /// Rule ids or id prefixes to leave out ("W3005", "W", "E30"), as cfn-lint's ignore_checks.
  std::vector<std::string> ignore_checks;
  /// Informational (I...) rules are off unless a prefix here selects them ("I", "I3011").
  std::vector<std::string> include_checks;
  /// Today's date (YYYY-MM-DD) for date-dependent rules (deprecated runtimes); empty means the
  /// system clock.
  std::string today;
};

/// The findings for one file.
struct FileResult {
  std::string file;
  std::vector<Diagnostic> diagnostics;
};

/// Lints a parsed document. `file` is the name in diagnostics, `text_size` the template body size
/// in bytes. Never throws for template content.
std::vector<Diagnostic> lint_document(const Value &root, const std::string &file, size_t text_size,
                                      const LintOptions &options);

/// Parses and lints template text (YAML or JSON); a parse error gives one E0000 finding.
std::vector<Diagnostic> lint_text(std::string_view text, const std::string &file,
                                  const LintOptions &options);

/// Reads and lints a file; an unreadable file gives one E0000 finding.
FileResult lint_file(const std::string &path, const LintOptions &options);

/// Lints `paths` on up to `jobs` threads (0: OpenMP's default, one per core, OMP_NUM_THREADS
/// honoured) and returns the results in the order of `paths`. Templates are independent, so a CI
/// run over many files scales with the cores.
std::vector<FileResult> lint_files(const std::vector<std::string> &paths,
                                   const LintOptions &options, unsigned jobs = 0);

/// cfn-lint's exit status: bit 2 for any error, 4 for any warning, 8 for any informational
/// finding, OR-ed together; 0 when there are none.
int exit_status(const std::vector<FileResult> &results);

/// Whether `rule_id` is selected by an ignore/include list entry (exact id or prefix).
bool matches_check(std::string_view rule_id, std::string_view entry);

} // namespace cfnlocal::validate
