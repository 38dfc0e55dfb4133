#pragma once
/// \file
/// The Fn::Sub template string: literal text with ${Name} variables and ${!Literal} escapes.
/// Follows "Fn::Sub" in the AWS CloudFormation User Guide.

#include "parser/mark.h"

#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::intrinsics {

/// One piece of a Sub string. A Literal's text is already unescaped ("${!Name}" gives "${Name}").
/// A Variable's text is the name between "${" and "}" ("Bucket", "AWS::Region", "Res.Attr").
struct SubPart {
  enum class Kind { Literal, Variable };
  Kind kind = Kind::Literal;
  std::string text;
  size_t offset = 0; ///< byte offset of the part in the original string
};

/// Splits a Sub string into literal and variable parts, merging adjacent literals.
/// A "${" without a closing "}" is literal text, as CloudFormation treats it; spaces around a
/// variable name are ignored ("${ Name }").
/// Throws cfnlocal::Error at `mark` for a variable name that is empty or has characters other than
/// letters, digits, '_', '.', ':' (AWS: "variable names in Fn::Sub syntax must contain only
/// alphanumeric characters, underscores, periods, and colons").
std::vector<SubPart> parse_sub(std::string_view text, const Mark &mark = {});

/// True when `name` may be a Sub variable name (non-empty; letters, digits, '_', '.', ':').
bool is_valid_sub_variable(std::string_view name);

/// Escapes literal text for inclusion in a Sub string: every "${" becomes "${!" so that a resolved
/// value that happens to contain "${" is not read as a variable when the string stays a Sub.
std::string escape_sub_literal(std::string_view text);

/// For a variable "Res.Attr": {"Res", "Attr"} split at the first dot; {"Name", ""} when there is
/// no dot.
std::pair<std::string_view, std::string_view> split_sub_variable(std::string_view name);

} // namespace cfnlocal::intrinsics
