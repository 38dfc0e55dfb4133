#pragma once
/// \file
/// Writing findings for people and for CI: text (`file:line:col: error E3012 message`), JSON
/// (cfn-lint's JSON shape, so existing tooling reads it), SARIF 2.1.0 (accepted by GitHub code
/// scanning: results' `level` is error/warning/note, `physicalLocation.region.startLine`), JUnit
/// XML (one test case per rule and file, failures for findings) and GitHub Actions workflow
/// commands (`::error file=...,line=...,col=...,title=E3012::message`).

#include "validate/linter.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::validate {

enum class Format { Text, Json, Sarif, Junit, Github };

/// "text", "json", "sarif", "junit" or "github"; nullopt otherwise.
std::optional<Format> parse_format(std::string_view name);

/// Renders every file's findings in one document (text and github: one line per finding).
std::string render(Format format, const std::vector<FileResult> &results);

std::string render_text(const std::vector<FileResult> &results);
std::string render_json(const std::vector<FileResult> &results);
std::string render_sarif(const std::vector<FileResult> &results);
std::string render_junit(const std::vector<FileResult> &results);
std::string render_github(const std::vector<FileResult> &results);

} // namespace cfnlocal::validate
