#include "cli/parameters.h"

#include "parser/diagnostic.h"
#include "parser/json.h"
#include "parser/reader.h"

#include <fmt/format.h>

namespace cfnlocal::cli {

std::map<std::string, std::string> parse_key_values(const std::vector<std::string> &items,
                                                    const std::string &option) {
  std::map<std::string, std::string> out;
  for (const auto &item : items) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      throw Error(fmt::format("{} expects Key=Value, got '{}'", option, item));
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

std::map<std::string, std::string> parse_parameters(const std::vector<std::string> &overrides,
                                                    const std::string &parameters_file) {
  std::map<std::string, std::string> out;
  if (!parameters_file.empty()) {
    Value doc = read_document_file(parameters_file);
    if (!doc.is_array())
      throw Error("--parameters expects a JSON list of {\"ParameterKey\", \"ParameterValue\"}",
                  doc.mark());
    for (const auto &item : doc.as_array()) {
      const Value *key = item.find("ParameterKey");
      const Value *value = item.find("ParameterValue");
      if (!key || !key->is_string() || !value || !value->scalar_string())
        throw Error("each --parameters item needs ParameterKey and ParameterValue", item.mark());
      out[key->as_string()] = *value->scalar_string();
    }
  }
  for (const auto &[k, v] : parse_key_values(overrides, "--parameter-overrides"))
    out[k] = v;
  return out;
}

} // namespace cfnlocal::cli
