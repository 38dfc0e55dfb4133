#pragma once
/// \file
/// CloudFormation's scalar coercions as the schema validator applies them (internal to the schema
/// module). CloudFormation passes scalars to handlers after converting them to the type the
/// schema asks for, so a numeric string is a number, "true"/"false" (any of cfn-lint's spellings:
/// true/True/TRUE) is a boolean, and any scalar is a string.

#include "parser/json.h"
#include "parser/value.h"

#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::schema::detail {

/// The number a value stands for: a number, or a string that is a complete decimal number
/// (surrounding blanks allowed). nullopt otherwise (booleans never are numbers).
std::optional<double> as_number(const Value &v);

/// True when `v` satisfies JSON Schema type `type` ("string", "number", "integer", "boolean",
/// "object", "array", "null") under the coercions above ("integer" needs an integral number or
/// a string of digits).
bool matches_type(std::string_view type, const Value &v);

/// Equality for enum/const/uniqueItems: scalars compare by their string form (and numerically
/// when both are numbers), containers structurally.
bool loose_equal(const Value &a, const Value &b);
bool loose_equal(const Value &a, const Json &b);

/// A short rendering in cfn-lint's (Python repr) style for messages: 'text', 12, True,
/// ['a', 'b'], {'k': 'v'}; long renderings are cut at `limit` characters.
std::string repr(const Value &v, size_t limit = 200);
std::string repr(const Json &j, size_t limit = 200);

/// Number of Unicode code points in UTF-8 text (what "minLength"/"maxLength" count).
size_t code_points(std::string_view utf8);

/// Everit's class names for the kind of `v` as AWS messages print them: String, Boolean,
/// Integer, Double, JSONObject, JSONArray, Null.
const char *aws_kind_name(const Value &v);

} // namespace cfnlocal::schema::detail
