#pragma once
// Helpers shared by the planner tests: templates from YAML text.

#include "parser/reader.h"
#include "parser/template.h"

#include <string>

namespace cfnlocal::planner::testing {

inline Template yaml_template(const std::string &text) {
  return Template(read_document(text, "test.yaml"));
}

} // namespace cfnlocal::planner::testing
