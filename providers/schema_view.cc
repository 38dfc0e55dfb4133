#include "providers/schema_view.h"

namespace cfnlocal::providers {

std::vector<std::string> pointer_path(std::string_view pointer) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < pointer.size()) {
    if (pointer[i] == '/')
      ++i;
    size_t j = pointer.find('/', i);
    if (j == std::string_view::npos)
      j = pointer.size();
    std::string seg;
    for (size_t k = i; k < j; ++k) {
      if (pointer[k] == '~' && k + 1 < j && (pointer[k + 1] == '0' || pointer[k + 1] == '1')) {
        seg += pointer[k + 1] == '0' ? '~' : '/';
        ++k;
      } else {
        seg += pointer[k];
      }
    }
    parts.push_back(std::move(seg));
    i = j;
  }
  if (!parts.empty() && parts.front() == "properties")
    parts.erase(parts.begin());
  return parts;
}

const Json *resolve_ref(const Json &root, const Json &node) {
  const Json *cur = &node;
  for (int depth = 0; depth < 16 && cur->is_object(); ++depth) {
    auto it = cur->find("$ref");
    if (it == cur->end() || !it->is_string())
      return cur;
    std::string ref = it->get<std::string>();
    if (ref.rfind("#/", 0) != 0)
      return nullptr;
    // Walk the raw segments: pointer_path would strip a leading "properties".
    const Json *target = &root;
    size_t i = 2;
    while (i <= ref.size()) {
      size_t j = ref.find('/', i);
      if (j == std::string::npos)
        j = ref.size();
      std::string seg = ref.substr(i, j - i);
      if (!target->is_object() || !target->contains(seg))
        return nullptr;
      target = &(*target)[seg];
      i = j + 1;
    }
    cur = target;
  }
  return cur;
}

namespace {

const Json *child_property(const Json &root, const Json &node, const std::string &name,
                           int depth = 0) {
  const Json *n = resolve_ref(root, node);
  if (!n || !n->is_object() || depth > 8)
    return nullptr;
  if (name == "*") {
    if (auto it = n->find("items"); it != n->end())
      return resolve_ref(root, *it);
    return nullptr;
  }
  if (auto it = n->find("properties"); it != n->end() && it->is_object()) {
    if (auto p = it->find(name); p != it->end())
      return resolve_ref(root, *p);
  }
  if (auto it = n->find("items"); it != n->end() && it->is_object())
    if (const Json *c = child_property(root, *it, name, depth + 1))
      return c;
  for (const char *key : {"oneOf", "anyOf", "allOf"}) {
    if (auto it = n->find(key); it != n->end() && it->is_array())
      for (const auto &branch : *it)
        if (const Json *c = child_property(root, branch, name, depth + 1))
          return c;
  }
  return nullptr;
}

} // namespace

const Json *subschema(const Json &root, const std::vector<std::string> &path) {
  const Json *node = &root;
  for (const auto &seg : path) {
    node = child_property(root, *node, seg);
    if (!node)
      return nullptr;
  }
  return node;
}

const Value *model_at(const Value &model, const std::vector<std::string> &path) {
  const Value *cur = &model;
  for (const auto &seg : path) {
    if (!cur->is_object())
      return nullptr;
    cur = cur->find(seg);
    if (!cur)
      return nullptr;
  }
  return cur;
}

void set_model_at(Value &model, const std::vector<std::string> &path, Value value) {
  if (path.empty())
    return;
  if (model.is_null())
    model = Value::object();
  Value *cur = &model;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    if (!cur->is_object())
      return;
    Value *next = cur->find(path[i]);
    if (!next)
      next = &cur->set(path[i], Value::object());
    cur = next;
  }
  if (cur->is_object())
    cur->set(path.back(), std::move(value));
}

std::vector<std::string> pointer_list(const Json &schema, std::string_view key) {
  std::vector<std::string> out;
  auto it = schema.find(std::string(key));
  if (it == schema.end() || !it->is_array())
    return out;
  for (const auto &p : *it)
    if (p.is_string())
      out.push_back(p.get<std::string>());
  return out;
}

std::string schema_type(const Json &root, const Json &node) {
  const Json *n = resolve_ref(root, node);
  if (!n || !n->is_object())
    return "";
  auto it = n->find("type");
  if (it == n->end()) {
    if (n->contains("properties"))
      return "object";
    if (n->contains("items"))
      return "array";
    return "";
  }
  if (it->is_string())
    return it->get<std::string>();
  if (it->is_array())
    for (const auto &t : *it)
      if (t.is_string() && t.get<std::string>() != "null")
        return t.get<std::string>();
  return "";
}

} // namespace cfnlocal::providers
