#pragma once
/// \file
/// The project configuration file: cfn-lint's `.cfnlintrc` (YAML), so a repository linted with
/// cfn-lint keeps its settings: `templates` (globs linted when no file is named),
/// `ignore_templates` (globs left out), `ignore_checks` and `include_checks` (rule ids or
/// prefixes), `regions` (the first is used for AWS::Region).

#include "validate/linter.h"

#include <optional>
#include <string>
#include <vector>

namespace cfnlocal::validate {

struct ProjectConfig {
  std::string path; ///< where it was read from
  std::vector<std::string> templates;
  std::vector<std::string> ignore_templates;
  std::vector<std::string> ignore_checks;
  std::vector<std::string> include_checks;
  std::vector<std::string> regions;
};

/// Reads a config file. Throws cfnlocal::Error (with the mark) when it is not YAML, not a map,
/// or a key has the wrong shape (a string or a list of strings). Unknown keys are ignored (cfn-lint
/// has more settings than cfnlocal uses).
ProjectConfig read_config(const std::string &path);

/// The first of `.cfnlintrc`, `.cfnlintrc.yaml`, `.cfnlintrc.yml` in `dir`, nullopt when none.
std::optional<std::string> find_config(const std::string &dir);

/// Whether `path` matches a glob ('*' within a segment, '**' across segments, '?', [..]), the
/// way ignore_templates entries are matched; a leading "./" on either side is ignored.
bool glob_match(const std::string &pattern, const std::string &path);

/// Expands command-line arguments into template files: a folder gives every .yaml/.yml/.json/
/// .template file below it (sorted), a glob the files it matches, a file itself. Arguments that
/// match nothing are returned as they are (linting them reports that they cannot be read).
std::vector<std::string> expand_inputs(const std::vector<std::string> &args);

} // namespace cfnlocal::validate
