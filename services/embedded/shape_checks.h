#pragma once
/// \file
/// Constraint checks of botocore shapes (pattern, enum, numeric range, list length) with AWS's
/// "1 validation error detected: ..." wording, shared by the JSON-protocol services (internal to
/// services/embedded/). `member` is the member's path as AWS names it in messages, already
/// lowerCamel ("provisionedThroughput.readCapacityUnits").

#include "parser/json.h"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::services::embedded {

/// ValidationException "... Member must satisfy regular expression pattern: PATTERN" unless
/// `value` matches `pattern` whole (ECMAScript syntax).
void check_pattern(std::string_view member, const std::string &value, const char *pattern);
/// ValidationException "... Member must satisfy enum value set: [A, B]" unless `value` is one.
void check_enum(std::string_view member, const std::string &value,
                std::initializer_list<std::string_view> allowed);
/// ValidationException "... Member must have value greater/less than or equal to N".
void check_range(std::string_view member, int64_t value, std::optional<int64_t> min,
                 std::optional<int64_t> max);
/// ValidationException "... Member must have length less than or equal to N" for a list.
void check_count(std::string_view member, const Json &list, size_t min, size_t max);
/// An integer member: a JSON number or numeric string (CloudFormation passes numbers as text);
/// ValidationException naming the member otherwise. nullopt when absent or null.
std::optional<int64_t> int_member(const Json &object, std::string_view key,
                                  std::string_view member);
/// A boolean member (true/false or "true"/"false"); nullopt when absent or null.
std::optional<bool> bool_member(const Json &object, std::string_view key, std::string_view member);
/// A required string member (ValidationException "Member must not be null" when absent).
std::string string_member(const Json &object, std::string_view key, std::string_view member);
/// An optional list member (ValidationException when present and not a list).
const Json *list_member(const Json &object, std::string_view key, std::string_view member);

/// The current time as the seam carries timestamps: ISO 8601 UTC with milliseconds (the
/// endpoint backend turns it into each protocol's form).
std::string iso_now();

} // namespace cfnlocal::services::embedded
