#include "engine/replacement.h"

#include "schema/resource_type.h"

#include <fmt/format.h>

namespace cfnlocal::engine {

namespace {

std::string join_path(const std::vector<std::string> &path) {
  std::string out;
  for (const auto &p : path) {
    if (!out.empty())
      out += "/";
    out += p;
  }
  return out;
}

void diff(const schema::ResourceType *type, const Value *before, const Value *after,
          std::vector<std::string> &path, UpdateDecision &d) {
  bool both_objects = before && after && before->is_object() && after->is_object();
  if (both_objects) {
    for (const auto &m : before->as_object()) {
      path.push_back(m.key);
      diff(type, &m.value, after->find(m.key), path, d);
      path.pop_back();
    }
    for (const auto &m : after->as_object()) {
      if (before->find(m.key))
        continue;
      path.push_back(m.key);
      diff(type, nullptr, &m.value, path, d);
      path.pop_back();
    }
    return;
  }
  bool equal = (before == nullptr && after == nullptr) ||
               (before && after && *before == *after) ||
               (before && after && before->is_scalar() && after->is_scalar() &&
                before->scalar_string() == after->scalar_string());
  if (equal)
    return;
  d.changed = true;
  if (!type)
    return;
  if (type->update_behavior(path) == schema::UpdateBehavior::CreateOnly ||
      type->has_create_only_descendant(path)) {
    d.replace = true;
    d.replacing_paths.push_back(join_path(path));
  }
}

// The property that names the resource: a writable create-only top-level property that is part
// of the primary identifier, or else one whose name ends in "Name".
std::optional<std::string> name_property(const schema::ResourceType &type) {
  std::optional<std::string> by_suffix;
  for (const auto &pointer : type.create_only_properties()) {
    if (pointer.rfind("/properties/", 0) != 0)
      continue;
    std::string name = pointer.substr(12);
    if (name.find('/') != std::string::npos)
      continue;
    if (type.is_read_only({name}))
      continue;
    for (const auto &id : type.primary_identifier())
      if (id == pointer)
        return name;
    if (!by_suffix && name.size() > 4 && name.ends_with("Name"))
      by_suffix = name;
  }
  return by_suffix;
}

} // namespace

UpdateDecision decide_update(const schema::ResourceType *type, const Value &before,
                             const Value &after) {
  UpdateDecision d;
  std::vector<std::string> path;
  Value empty = Value::object();
  diff(type, before.is_null() ? &empty : &before, after.is_null() ? &empty : &after, path, d);
  if (d.replace && type) {
    if (auto name = name_property(*type)) {
      const Value *b = before.is_object() ? before.find(*name) : nullptr;
      const Value *a = after.is_object() ? after.find(*name) : nullptr;
      if (a && b && a->scalar_string() == b->scalar_string() && a->scalar_string())
        d.custom_name = *a->scalar_string();
    }
  }
  return d;
}

std::string custom_name_replacement_error(const std::string &name) {
  return fmt::format("CloudFormation cannot update a stack when a custom-named resource requires "
                     "replacing. Rename {} and update the stack again.",
                     name);
}

} // namespace cfnlocal::engine
