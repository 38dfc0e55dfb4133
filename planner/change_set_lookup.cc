#include "planner/change_set_lookup.h"

#include "intrinsics/functions.h"
#include "planner/value_diff.h"
#include "schema/resource_type.h"

namespace cfnlocal::planner::detail {

namespace {
// Whether one path is a prefix of the other (a change at either affects both).
bool overlaps(const std::vector<std::string> &a, const std::vector<std::string> &b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i] && a[i] != "*" && b[i] != "*")
      return false;
  return true;
}

// "/properties/A/B" as {"A", "B"}; empty when the pointer is not below /properties.
std::vector<std::string> property_path(const std::string &pointer) {
  auto parts = schema::split_pointer(pointer);
  if (parts.empty() || parts.front() != "properties")
    return {};
  parts.erase(parts.begin());
  return parts;
}
} // namespace

bool ChangeSetLookup::attribute_changes(const ResourceState &state, std::string_view attribute) {
  if (!state.type || state.changed_paths.empty())
    return false;
  auto pointer = state.type->attribute_pointer(attribute);
  if (!pointer)
    return false;
  auto path = property_path(*pointer);
  if (path.empty())
    return false;
  // Read-only attributes (Arn, Id) are kept by an in-place update; only attributes that read a
  // property the update changes get new values.
  if (state.type->is_read_only(path))
    return false;
  for (const auto &changed : state.changed_paths)
    if (overlaps(changed, path))
      return true;
  return false;
}

std::optional<Value> ChangeSetLookup::ref_resource(std::string_view logical_id) {
  auto it = states_.find(std::string(logical_id));
  if (it == states_.end() || !it->second.deployed || it->second.state != ValueState::Known)
    return std::nullopt;
  const DeployedResource &d = *it->second.deployed;
  if (d.ref_value)
    return *d.ref_value;
  return Value(d.physical_id);
}

std::optional<Value> ChangeSetLookup::get_att(std::string_view logical_id,
                                              std::string_view attribute) {
  auto it = states_.find(std::string(logical_id));
  if (it == states_.end() || !it->second.deployed || it->second.state != ValueState::Known)
    return std::nullopt;
  const ResourceState &state = it->second;
  if (attribute_changes(state, attribute)) {
    auto pointer = state.type->attribute_pointer(attribute);
    auto path = property_path(*pointer);
    if (state.new_properties) {
      const Value *v = value_at(*state.new_properties, path);
      if (v && intrinsics::is_resolved(*v))
        return *v;
    }
    return std::nullopt;
  }
  auto att = state.deployed->attributes.find(attribute);
  if (att == state.deployed->attributes.end())
    return std::nullopt;
  return att->second;
}

} // namespace cfnlocal::planner::detail
