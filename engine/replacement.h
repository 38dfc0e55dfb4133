#pragma once
/// \file
/// Whether a change of a resource's resolved properties is an update in place or a replacement,
/// from the type's createOnlyProperties ("Update behaviors of stack resources", AWS CloudFormation
/// User Guide), and the custom-name rule: a resource whose physical name the template sets cannot
/// be replaced under the same name.

#include "parser/value.h"

#include <optional>
#include <string>
#include <vector>

namespace cfnlocal::schema {
class ResourceType;
}

namespace cfnlocal::engine {

struct UpdateDecision {
  bool changed = false;
  bool replace = false;
  /// When replacing would reuse a name the template sets: that name's value.
  std::optional<std::string> custom_name;
};

/// Compares the deployed and the new resolved properties of a resource of `type` (nullptr for a
/// type without schema: every change is in place).
UpdateDecision decide_update(const schema::ResourceType *type, const Value &before,
                             const Value &after);

/// The value of `type`'s custom name property when `before` and `after` set it to the same value
/// (a replacement would reuse that name), else nothing.
std::optional<std::string> unchanged_custom_name(const schema::ResourceType &type,
                                                 const Value &before, const Value &after);

/// AWS's message for a custom-named resource that needs replacement.
std::string custom_name_replacement_error(const std::string &name);

} // namespace cfnlocal::engine
