#pragma once
/// \file
/// The human view of a change set, like Terraform's plan: one line per resource with a symbol
/// (+ add, ~ modify, -/+ replace, - remove, ? dynamic), the changed properties with before and
/// after values, replacements called out, and the resource or parameter that caused a cascade.

#include "parser/json.h"
#include "planner/change_set.h"

#include <string>
#include <vector>

namespace cfnlocal::cli {

/// Renders DescribeChangeSet's `Changes` array (NoEcho values arrive masked as "****" by the
/// planner's rendering); `colour` adds ANSI colours.
std::string render_changes_text(const Json &changes, bool colour);

/// Renders a computed change set with a closing summary line ("Plan: 1 to add, 2 to change,
/// 1 to replace, 0 to remove." or "No changes.").
std::string render_plan(const planner::ChangeSet &change_set, bool colour);

} // namespace cfnlocal::cli
