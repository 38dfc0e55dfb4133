#pragma once
/// \file
/// Comparing a deployed value with a new one path by path, as a change set reports property
/// changes (ResourceTargetDefinition's Path, BeforeValue, AfterValue, AttributeChangeType).

#include "parser/value.h"
#include "planner/change_set.h"

#include <optional>
#include <string>
#include <vector>

namespace cfnlocal::planner {

/// One difference: the keys and array indices from the compared root ({"VpcConfig",
/// "SubnetIds", "0"}) and the values on either side (nullopt: absent on that side).
struct ValueDifference {
  std::vector<std::string> path;
  std::optional<Value> before;
  std::optional<Value> after;
  AttributeChangeType type = AttributeChangeType::Modify;
};

/// CloudFormation's equality of resolved values: scalars compare by their string form (a
/// template's 5 equals a recorded "5", true equals "true"), objects member by member regardless
/// of order, arrays item by item. An unresolved function call equals nothing but an identical
/// call.
bool same_value(const Value &a, const Value &b);

/// The differences between `before` and `after` (either may be null: absent). Objects are
/// compared member by member (before's order, then members only `after` has); arrays of equal
/// length item by item; anything else (scalars, arrays of different lengths, a value that is an
/// unresolved function call on either side) as a whole. `prefix` is prepended to every path.
std::vector<ValueDifference> diff_values(const Value *before, const Value *after,
                                         const std::vector<std::string> &prefix = {});

/// The node at `path` below `root` (object keys, array indices), nullptr when absent. A function
/// call on the way ends the walk: then the call is returned (the value there is computed).
const Value *value_at(const Value &root, const std::vector<std::string> &path);

/// "/Properties/A/0/B" for {"A", "0", "B"} under `root_name` "Properties" ("~" and "/" escaped as
/// in JSON pointers).
std::string change_path(std::string_view root_name, const std::vector<std::string> &path);

} // namespace cfnlocal::planner
