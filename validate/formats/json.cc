#include "parser/json.h"
#include "validate/formats.h"
#include "validate/rule.h"

namespace cfnlocal::validate {

namespace {
const char *level_name(Severity s) {
  return s == Severity::Error ? "Error" : s == Severity::Warning ? "Warning" : "Informational";
}

Json path_array(const std::string &path) {
  Json a = Json::array();
  size_t start = 0;
  while (start <= path.size() && !path.empty()) {
    size_t slash = path.find('/', start);
    std::string seg =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    bool digits = !seg.empty() && seg.find_first_not_of("0123456789") == std::string::npos;
    if (digits && seg.size() < 10)
      a.push_back(std::stoi(seg));
    else
      a.push_back(seg);
    if (slash == std::string::npos)
      break;
    start = slash + 1;
  }
  return a;
}
} // namespace

std::string render_json(const std::vector<FileResult> &results) {
  // cfn-lint's --format json shape: a list of findings.
  Json out = Json::array();
  for (const auto &r : results)
    for (const auto &d : r.diagnostics) {
      const Rule *rule = find_rule(d.rule);
      Json f;
      f["Filename"] = r.file;
      f["Level"] = level_name(d.severity);
      f["Location"] = {{"Start", {{"ColumnNumber", d.mark.column}, {"LineNumber", d.mark.line}}},
                       {"End", {{"ColumnNumber", d.mark.column}, {"LineNumber", d.mark.line}}},
                       {"Path", path_array(d.path)}};
      f["Message"] = d.message;
      f["Rule"] = {{"Id", d.rule},
                   {"ShortDescription", rule ? rule->title : ""},
                   {"Description", rule ? rule->description : ""},
                   {"Source", "docs/rules.md#" + d.rule}};
      out.push_back(std::move(f));
    }
  return out.dump(2) + "\n";
}

} // namespace cfnlocal::validate
