#pragma once
/// \file
/// Reading resolved properties the way CloudFormation passes them on to services: scalars may
/// arrive as strings ("true", "30") after intrinsic functions, and services want their botocore
/// shapes' types.

#include "parser/json.h"
#include "parser/value.h"

#include <functional>
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

/// The tag lists' difference is tag_diff (providers/provider_steps.h); services that take a
/// {key: value} map convert with tag_map / tag_list_of.
/// [{Key, Value}] as {key: value}.
Json tag_map(const Json &tag_list);
/// {key: value} as [{Key, Value}].
Json tag_list_of(const Json &tag_map);

/// CloudFormation's PascalCase member names as a REST-JSON service's lowerCamel ones
/// (`to_lower`), or back, at any depth. A member for which `is_map(name, value)` holds is a map
/// of the user's own keys (stage variables, Kafka client properties): kept as given.
Json recased(const Json &value, bool to_lower,
             const std::function<bool(const std::string &, const Json &)> &is_map);

} // namespace cfnlocal::providers
