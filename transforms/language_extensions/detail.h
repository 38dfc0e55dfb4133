#pragma once
/// \file
/// The two passes of the AWS::LanguageExtensions transform (language_extensions.h says what they
/// produce): loops first, then the functions whose values can be known statically.

#include "parser/value.h"
#include "transforms/language_extensions/static_values.h"

#include <string>

namespace cfnlocal::transforms::language_extensions::detail {

/// Throws TransformError("Transform AWS::LanguageExtensions failed with: " + message) at `mark`.
[[noreturn]] void fail(const std::string &message, const Mark &mark);

/// Expands every Fn::ForEach of the template; collections resolve through `values`.
Value expand_loops(const Value &tmpl, const StaticValues &values);

/// Resolves Fn::Length, Fn::ToJsonString, Fn::FindInMap, Ref/GetAtt arguments and the resource
/// attributes of an expanded template.
Value resolve_functions(const Value &tmpl, const StaticValues &values);

} // namespace cfnlocal::transforms::language_extensions::detail
