#include "parser/json.h"
#include "validate/formats.h"
#include "validate/rule.h"

#include <set>

namespace cfnlocal::validate {

std::string render_sarif(const std::vector<FileResult> &results) {
  // SARIF 2.1.0 (OASIS), the subset GitHub code scanning reads: tool.driver.rules with ids,
  // results with ruleId, level (error | warning | note), message.text and a physicalLocation
  // whose region.startLine is at least 1.
  std::set<std::string> used;
  for (const auto &r : results)
    for (const auto &d : r.diagnostics)
      used.insert(d.rule);
  Json rules = Json::array();
  std::vector<std::string> order(used.begin(), used.end());
  for (const auto &id : order) {
    const Rule *rule = find_rule(id);
    Json j;
    j["id"] = id;
    j["shortDescription"] = {{"text", rule ? rule->title : id}};
    j["fullDescription"] = {{"text", rule ? rule->description : id}};
    j["helpUri"] = "https://github.com/cfnlocal/cfnlocal/blob/main/docs/rules.md";
    j["defaultConfiguration"] = {{"level", !rule || rule->severity == Severity::Error ? "error"
                                           : rule->severity == Severity::Warning      ? "warning"
                                                                                      : "note"}};
    rules.push_back(std::move(j));
  }
  Json res = Json::array();
  for (const auto &r : results)
    for (const auto &d : r.diagnostics) {
      size_t index = std::find(order.begin(), order.end(), d.rule) - order.begin();
      Json j;
      j["ruleId"] = d.rule;
      j["ruleIndex"] = index;
      j["level"] = d.severity == Severity::Error     ? "error"
                   : d.severity == Severity::Warning ? "warning"
                                                     : "note";
      j["message"] = {{"text", d.message}};
      std::string uri = r.file;
      while (uri.rfind("./", 0) == 0)
        uri = uri.substr(2);
      j["locations"] = Json::array({{{"physicalLocation",
                                      {{"artifactLocation", {{"uri", uri}}},
                                       {"region",
                                        {{"startLine", std::max(1, d.mark.line)},
                                         {"startColumn", std::max(1, d.mark.column)}}}}}}});
      res.push_back(std::move(j));
    }
  Json doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = Json::array({{{"tool",
                               {{"driver",
                                 {{"name", "cfnlocal"},
                                  {"informationUri", "https://github.com/cfnlocal/cfnlocal"},
                                  {"version", "0.1.0"},
                                  {"rules", rules}}}}},
                              {"results", res}}});
  return doc.dump(2) + "\n";
}

} // namespace cfnlocal::validate
