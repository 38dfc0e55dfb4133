#include "engine/replacement.h"

#include "planner/change_set_builder.h"
#include "planner/value_diff.h"
#include "schema/resource_type.h"

#include <fmt/format.h>

namespace cfnlocal::engine {

UpdateDecision decide_update(const schema::ResourceType *type, const Value &before,
                             const Value &after) {
  UpdateDecision d;
  // The planner's comparison, so that what deploy decides is what the change set previewed.
  auto differences = planner::diff_values(before.is_null() ? nullptr : &before,
                                          after.is_null() ? nullptr : &after);
  d.changed = !differences.empty();
  if (!type)
    return d;
  for (const auto &difference : differences) {
    if (type->update_behavior(difference.path) == schema::UpdateBehavior::CreateOnly ||
        type->has_create_only_descendant(difference.path))
      d.replace = true;
  }
  if (d.replace)
    d.custom_name = unchanged_custom_name(*type, before, after);
  return d;
}

std::optional<std::string> unchanged_custom_name(const schema::ResourceType &type,
                                                 const Value &before, const Value &after) {
  if (auto name = planner::custom_name_property(type)) {
    const Value *b = before.is_object() ? before.find(*name) : nullptr;
    const Value *a = after.is_object() ? after.find(*name) : nullptr;
    if (a && b && planner::same_value(*a, *b) && a->scalar_string())
      return *a->scalar_string();
  }
  return std::nullopt;
}

std::string custom_name_replacement_error(const std::string &name) {
  return fmt::format("CloudFormation cannot update a stack when a custom-named resource requires "
                     "replacing. Rename {} and update the stack again.",
                     name);
}

} // namespace cfnlocal::engine
