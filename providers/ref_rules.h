#pragma once
/// \file
/// What `Ref` returns per resource type. Usually the primary identifier ("Return values" of each
/// page of the CloudFormation resource reference); the exceptions are kept in a table, each with
/// the page it follows. Composite identifiers return one part.

#include "parser/json.h"
#include "parser/value.h"

#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::providers {

/// The property a type's Ref returns when it is not (all of) the primary identifier, with the
/// documentation page it follows; nullopt when Ref returns the primary identifier.
struct RefException {
  std::string_view type_name;
  std::string_view property; ///< top-level property Ref returns
  std::string_view doc;      ///< the AWS::... page of the CloudFormation User Guide
};
std::optional<RefException> ref_exception(std::string_view type_name);

/// The Ref value of `model` for the type described by `schema`: the documented exception; for
/// AWS::Events::Rule on a custom bus "bus|name"; for a composite primary identifier the part
/// the resource itself owns (the one read-only part, else the part named after the type,
/// else the last); else the primary identifier. nullopt when the model lacks the value.
std::optional<Value> ref_value(const Json &schema, std::string_view type_name, const Value &model);

/// The physical ID: primary identifier parts as strings joined with "|" (Cloud Control API's
/// identifier form). "" when a part is missing.
std::string primary_identifier_string(const Json &schema, const Value &model);

} // namespace cfnlocal::providers
