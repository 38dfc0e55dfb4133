#include "schema/resource_type.h"

#include "parser/diagnostic.h"
#include "schema/pattern.h"

#include <algorithm>

namespace cfnlocal::schema {
namespace {

std::vector<std::string> string_list(const Json &schema, const char *key) {
  std::vector<std::string> out;
  auto it = schema.find(key);
  if (it != schema.end() && it->is_array()) {
    for (const auto &item : *it) {
      if (item.is_string()) {
        out.push_back(item.get<std::string>());
      }
    }
  }
  return out;
}

bool bool_or(const Json &object, const char *key, bool fallback) {
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

// Attribute names are letters, digits and dots; anything else is cfn-lint's regular expression.
bool looks_like_pattern(std::string_view name) {
  return std::any_of(name.begin(), name.end(), [](char c) {
    return !(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
             c == ':');
  });
}

bool is_index(const std::string &s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Does pointer segment `seg` (from the schema) match path element `el` (from a template)?
bool segment_matches(const std::string &seg, const std::string &el) {
  return seg == el || (seg == "*" && (is_index(el) || el == "*"));
}

// Compares a "/properties/..." pointer with a property path. Returns -1 when they diverge,
// 0 when the pointer equals the path, 1 when the pointer is an ancestor of the path, 2 when the
// pointer lies below the path.
int relation(const std::vector<std::string> &pointer, const std::vector<std::string> &path) {
  if (pointer.empty() || pointer[0] != "properties") {
    return -1;
  }
  size_t n = pointer.size() - 1;
  // Array indices in the path that the pointer does not spell (the registry writes
  // "/properties/Tags" for the whole list) are skipped when the pointer has ended.
  size_t i = 0;
  for (; i < n && i < path.size(); ++i) {
    if (!segment_matches(pointer[i + 1], path[i])) {
      return -1;
    }
  }
  if (i == n && i == path.size()) {
    return 0;
  }
  return i == n ? 1 : 2;
}

} // namespace

const char *replacement_strategy_name(ReplacementStrategy s) {
  return s == ReplacementStrategy::DeleteThenCreate ? "delete_then_create" : "create_then_delete";
}

std::vector<std::string> split_pointer(std::string_view pointer) {
  std::vector<std::string> out;
  if (pointer.starts_with("#")) {
    pointer.remove_prefix(1);
  }
  if (pointer.empty()) {
    return out;
  }
  if (pointer.front() == '/') {
    pointer.remove_prefix(1);
  }
  std::string current;
  for (size_t i = 0; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      out.push_back(std::move(current));
      current.clear();
    } else if (pointer[i] == '~' && i + 1 < pointer.size() &&
               (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
      current += pointer[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      current += pointer[i];
    }
  }
  return out;
}

ResourceType::ResourceType(Json schema) : schema_(std::move(schema)) {
  if (!schema_.is_object() || !schema_.contains("typeName") || !schema_["typeName"].is_string()) {
    throw Error("resource schema without typeName");
  }
  name_ = schema_["typeName"].get<std::string>();
  primary_identifier_ = string_list(schema_, "primaryIdentifier");
  if (auto it = schema_.find("additionalIdentifiers"); it != schema_.end() && it->is_array()) {
    for (const auto &group : *it) {
      std::vector<std::string> ids;
      for (const auto &p : group) {
        if (p.is_string()) {
          ids.push_back(p.get<std::string>());
        }
      }
      additional_identifiers_.push_back(std::move(ids));
    }
  }
  read_only_ = string_list(schema_, "readOnlyProperties");
  create_only_ = string_list(schema_, "createOnlyProperties");
  conditional_create_only_ = string_list(schema_, "conditionalCreateOnlyProperties");
  write_only_ = string_list(schema_, "writeOnlyProperties");
  deprecated_ = string_list(schema_, "deprecatedProperties");
  required_ = string_list(schema_, "required");
  if (auto it = schema_.find("replacementStrategy");
      it != schema_.end() && it->is_string() && *it == "delete_then_create") {
    replacement_strategy_ = ReplacementStrategy::DeleteThenCreate;
  }
  bool has_tags_property = schema_.contains("properties") && schema_["properties"].is_object() &&
                           schema_["properties"].contains("Tags");
  if (auto it = schema_.find("tagging"); it != schema_.end() && it->is_object()) {
    tagging_.taggable = bool_or(*it, "taggable", true);
    tagging_.tag_on_create = bool_or(*it, "tagOnCreate", tagging_.taggable);
    tagging_.tag_updatable = bool_or(*it, "tagUpdatable", tagging_.taggable);
    tagging_.cloudformation_system_tags = bool_or(*it, "cloudFormationSystemTags", true);
    if (auto p = it->find("tagProperty"); p != it->end() && p->is_string()) {
      tagging_.tag_property = p->get<std::string>();
    } else if (tagging_.taggable && has_tags_property) {
      tagging_.tag_property = "/properties/Tags";
    }
  } else {
    // Older schemas say "taggable" at the top level; without either, a Tags property decides.
    tagging_.taggable = bool_or(schema_, "taggable", has_tags_property);
    tagging_.tag_on_create = tagging_.tag_updatable = tagging_.taggable;
    if (has_tags_property) {
      tagging_.tag_property = "/properties/Tags";
    }
  }
  if (auto it = schema_.find("x-handlers"); it != schema_.end() && it->is_array()) {
    handlers_known_ = true;
    handlers_ = string_list(schema_, "x-handlers");
  }
  if (auto it = schema_.find("x-getatt"); it != schema_.end() && it->is_object()) {
    for (const auto &[name, pointer] : it->items()) {
      attributes_.push_back(
          {name, pointer.is_string() ? pointer.get<std::string>() : "", looks_like_pattern(name)});
    }
  }
  auto split_all = [](const std::vector<std::string> &pointers) {
    std::vector<std::vector<std::string>> out;
    out.reserve(pointers.size());
    for (const auto &p : pointers) {
      out.push_back(split_pointer(p));
    }
    return out;
  };
  read_only_split_ = split_all(read_only_);
  create_only_split_ = split_all(create_only_);
  conditional_create_only_split_ = split_all(conditional_create_only_);
  write_only_split_ = split_all(write_only_);
  for (const auto &segments : read_only_split_) {
    if (segments.size() >= 2 && segments[0] == "properties") {
      read_only_paths_.emplace_back(segments.begin() + 1, segments.end());
    }
  }
  index_refs(schema_);
}

void ResourceType::index_refs(const Json &node) {
  if (node.is_object()) {
    if (auto it = node.find("$ref"); it != node.end() && it->is_string()) {
      const std::string &ref = it->get_ref<const std::string &>();
      if (!ref.starts_with("#")) {
        throw Error(name_ + ": unsupported $ref " + ref);
      }
      const Json *target = &schema_;
      for (const auto &seg : split_pointer(ref)) {
        if (!target->is_object() || !target->contains(seg)) {
          throw Error(name_ + ": $ref " + ref + " does not resolve");
        }
        target = &(*target)[seg];
      }
      refs_[&node] = target;
    }
    for (const auto &[key, value] : node.items()) {
      if (key == "enum" || key == "const" || key == "default" || key == "x-getatt") {
        continue;
      }
      index_refs(value);
    }
  } else if (node.is_array()) {
    for (const auto &item : node) {
      index_refs(item);
    }
  }
}

const Json &ResourceType::resolve(const Json &node) const {
  const Json *current = &node;
  for (int hops = 0; hops < 32; ++hops) {
    auto it = refs_.find(current);
    if (it == refs_.end()) {
      break;
    }
    current = it->second;
  }
  return *current;
}

bool ResourceType::has_handler(std::string_view handler) const {
  if (!handlers_known_) {
    return handler != "list";
  }
  return std::find(handlers_.begin(), handlers_.end(), handler) != handlers_.end();
}

bool ResourceType::accepts_attribute(std::string_view name) const {
  return attribute_pointer(name).has_value();
}

std::optional<std::string> ResourceType::attribute_pointer(std::string_view name) const {
  const Attribute *best = nullptr;
  for (const auto &a : attributes_) {
    if (a.name == name) {
      return a.pointer;
    }
  }
  for (const auto &a : attributes_) {
    if (a.is_pattern && pattern_full_match(a.name, name) &&
        (best == nullptr || a.name.size() > best->name.size())) {
      best = &a;
    }
  }
  if (best == nullptr) {
    return std::nullopt;
  }
  return best->pointer;
}

const Json *ResourceType::attribute_schema(std::string_view name) const {
  auto pointer = attribute_pointer(name);
  if (!pointer) {
    return nullptr;
  }
  static const Json string_schema = Json{{"type", "string"}};
  static const Json any_schema = Json::object();
  if (*pointer == "/properties/CfnLintStringType") {
    return &string_schema;
  }
  if (*pointer == "/properties/CfnLintAllTypes") {
    return &any_schema;
  }
  return schema_at_pointer(*pointer);
}

UpdateBehavior ResourceType::update_behavior(const std::vector<std::string> &path) const {
  for (const auto &p : create_only_split_) {
    int r = relation(p, path);
    if (r == 0 || r == 1) {
      return UpdateBehavior::CreateOnly;
    }
  }
  for (const auto &p : conditional_create_only_split_) {
    int r = relation(p, path);
    if (r == 0 || r == 1) {
      return UpdateBehavior::ConditionalCreateOnly;
    }
  }
  return UpdateBehavior::Mutable;
}

bool ResourceType::has_create_only_descendant(const std::vector<std::string> &path,
                                              bool conditional) const {
  for (const auto &p : conditional ? conditional_create_only_split_ : create_only_split_) {
    if (relation(p, path) == 2) {
      return true;
    }
  }
  return false;
}

bool ResourceType::is_read_only(const std::vector<std::string> &path) const {
  return std::any_of(read_only_split_.begin(), read_only_split_.end(),
                     [&](const auto &p) { return relation(p, path) == 0; });
}

bool ResourceType::is_write_only(const std::vector<std::string> &path) const {
  return std::any_of(write_only_split_.begin(), write_only_split_.end(), [&](const auto &p) {
    int r = relation(p, path);
    return r == 0 || r == 1;
  });
}

const Json *ResourceType::step_into(const Json *node, const std::string &key) const {
  const Json &n = resolve(*node);
  if (!n.is_object()) {
    return nullptr;
  }
  if (auto props = n.find("properties"); props != n.end() && props->is_object()) {
    if (auto it = props->find(key); it != props->end()) {
      return &resolve(*it);
    }
  }
  if (auto items = n.find("items");
      items != n.end() && items->is_object() && (is_index(key) || key == "*")) {
    return &resolve(*items);
  }
  if (auto pp = n.find("patternProperties"); pp != n.end() && pp->is_object()) {
    for (const auto &[pattern, sub] : pp->items()) {
      if (pattern_search(pattern, key)) {
        return &resolve(sub);
      }
    }
  }
  for (const char *combinator : {"allOf", "oneOf", "anyOf"}) {
    if (auto list = n.find(combinator); list != n.end() && list->is_array()) {
      for (const auto &branch : *list) {
        if (const Json *found = step_into(&branch, key)) {
          return found;
        }
      }
    }
  }
  if (auto ap = n.find("additionalProperties"); ap != n.end() && ap->is_object()) {
    return &resolve(*ap);
  }
  return nullptr;
}

const Json *ResourceType::property_schema(const std::vector<std::string> &path) const {
  const Json *node = &schema_;
  for (const auto &key : path) {
    node = step_into(node, key);
    if (node == nullptr) {
      return nullptr;
    }
  }
  return &resolve(*node);
}

const Json *ResourceType::schema_at_pointer(std::string_view pointer) const {
  auto segments = split_pointer(pointer);
  if (segments.empty() || segments[0] != "properties") {
    return nullptr;
  }
  segments.erase(segments.begin());
  return property_schema(segments);
}

} // namespace cfnlocal::schema
