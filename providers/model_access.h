#pragma once
/// \file
/// Reading resolved properties the way CloudFormation passes them on to services: scalars may
/// arrive as strings ("true", "30") after intrinsic functions, and services want their botocore
/// shapes' types.

#include "parser/json.h"
#include "parser/value.h"

#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::providers {

/// The member's scalar as a string ("" when absent or not a scalar).
std::string string_of(const Value &object, std::string_view key);
/// The member as a boolean: true/false or "true"/"false" (any case); nullopt otherwise.
std::optional<bool> bool_of(const Value &object, std::string_view key);
/// The member as an integer: a number or a numeric string; nullopt otherwise.
std::optional<int64_t> int_of(const Value &object, std::string_view key);
/// CloudFormation's tag list [{Key, Value}] as the services' [{Key, Value}] JSON (values as
/// strings); an empty array when absent.
Json tag_list(const Value *tags);

/// What an update does to a resource's tags, both sides [{Key, Value}] lists: `removed_keys` the
/// keys `before` has and `after` drops (a JSON array of strings), `changed` the tags of `after`
/// that are new or have another value (a [{Key, Value}] list). Services that take a
/// {key: value} map convert with tag_map / tag_list_of.
struct TagChanges {
  Json removed_keys = Json::array();
  Json changed = Json::array();
};
TagChanges tag_changes(const Json &before, const Json &after);
/// [{Key, Value}] as {key: value}.
Json tag_map(const Json &tag_list);
/// {key: value} as [{Key, Value}].
Json tag_list_of(const Json &tag_map);

} // namespace cfnlocal::providers
