#include "validate/formats.h"

#include <fmt/format.h>

namespace cfnlocal::validate {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text")
    return Format::Text;
  if (name == "json")
    return Format::Json;
  if (name == "sarif")
    return Format::Sarif;
  if (name == "junit")
    return Format::Junit;
  if (name == "github")
    return Format::Github;
  return std::nullopt;
}

std::string render(Format format, const std::vector<FileResult> &results) {
  switch (format) {
  case Format::Text:
    return render_text(results);
  case Format::Json:
    return render_json(results);
  case Format::Sarif:
    return render_sarif(results);
  case Format::Junit:
    return render_junit(results);
  case Format::Github:
    return render_github(results);
  }
  return {};
}

std::string render_text(const std::vector<FileResult> &results) {
  std::string out;
  for (const auto &r : results)
    for (const auto &d : r.diagnostics)
      out += fmt::format("{}:{}:{}: {} {} {}\n", r.file, d.mark.line, d.mark.column,
                         severity_name(d.severity), d.rule, d.message);
  return out;
}

std::string render_github(const std::vector<FileResult> &results) {
  // Workflow command values escape %, CR and LF; properties also escape ':' and ','.
  auto data = [](const std::string &s) {
    std::string o;
    for (char c : s) {
      if (c == '%')
        o += "%25";
      else if (c == '\r')
        o += "%0D";
      else if (c == '\n')
        o += "%0A";
      else
        o += c;
    }
    return o;
  };
  auto prop = [&](const std::string &s) {
    std::string o;
    for (char c : data(s)) {
      if (c == ':')
        o += "%3A";
      else if (c == ',')
        o += "%2C";
      else
        o += c;
    }
    return o;
  };
  std::string out;
  for (const auto &r : results)
    for (const auto &d : r.diagnostics) {
      const char *level = d.severity == Severity::Error     ? "error"
                          : d.severity == Severity::Warning ? "warning"
                                                            : "notice";
      out += fmt::format("::{} file={},line={},col={},title={}::{}\n", level, prop(r.file),
                         d.mark.line, d.mark.column, prop(d.rule), data(d.message));
    }
  return out;
}

} // namespace cfnlocal::validate
