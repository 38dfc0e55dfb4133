#include "providers/example_properties.h"

#include "parser/json.h"
#include "providers/schema_view.h"
#include "schema/validator.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace cfnlocal::providers {
namespace {

struct Builder {
  const Json &root;
  const SynthesisScope &scope;
  RandomSource &random;
  Value model;
  size_t variant = 0; // which enum value / oneOf branch / requiredXor member to take

  size_t pick(size_t n) const { return n ? variant % n : 0; }

  // The names a node requires: "required", the first of requiredXor/requiredOr, and the
  // "required" of the first oneOf/anyOf branch.
  std::vector<std::string> required_of(const Json &node) {
    std::vector<std::string> out;
    auto add = [&](const Json &list) {
      if (list.is_array())
        for (const auto &r : list)
          if (r.is_string())
            out.push_back(r.get<std::string>());
    };
    if (auto it = node.find("required"); it != node.end())
      add(*it);
    for (const char *key : {"requiredXor", "requiredOr"})
      if (auto it = node.find(key);
          it != node.end() && it->is_array() && !it->empty() && (*it)[0].is_string())
        out.push_back((*it)[0].get<std::string>());
    for (const char *key : {"oneOf", "anyOf"})
      if (auto it = node.find(key); it != node.end() && it->is_array() && !it->empty()) {
        const Json *branch = resolve_ref(root, (*it)[pick(it->size())]);
        if (branch && branch->is_object())
          if (auto r = branch->find("required"); r != branch->end())
            add(*r);
      }
    if (auto it = node.find("allOf"); it != node.end() && it->is_array())
      for (const auto &b : *it)
        if (const Json *branch = resolve_ref(root, b); branch && branch->is_object())
          if (auto r = branch->find("required"); r != branch->end())
            add(*r);
    return out;
  }

  const Json *property_schema(const Json &node, const std::string &name) {
    if (auto it = node.find("properties"); it != node.end() && it->is_object())
      if (auto p = it->find(name); p != it->end())
        return &*p;
    for (const char *key : {"oneOf", "anyOf", "allOf"})
      if (auto it = node.find(key); it != node.end() && it->is_array())
        for (const auto &b : *it)
          if (const Json *branch = resolve_ref(root, b); branch && branch->is_object())
            if (auto props = branch->find("properties"); props != branch->end())
              if (auto p = props->find(name); p != props->end())
                return &*p;
    return nullptr;
  }

  Value object_of(const Json &node, int depth) {
    Value obj = Value::object();
    std::vector<std::string> names = required_of(node);
    size_t min_props = 0;
    if (auto it = node.find("minProperties"); it != node.end() && it->is_number())
      min_props = it->get<size_t>();
    if (names.size() < min_props)
      if (auto it = node.find("properties"); it != node.end() && it->is_object())
        for (const auto &[k, v] : it->items()) {
          if (names.size() >= min_props)
            break;
          if (std::find(names.begin(), names.end(), k) == names.end())
            names.push_back(k);
        }
    if (obj.size() < min_props && names.empty())
      if (auto it = node.find("patternProperties"); it != node.end() && it->is_object())
        for (const auto &[pattern, sub] : it->items()) {
          (void)pattern;
          obj.set("Key1", value_of(&sub, "Value", depth + 1));
          break;
        }
    for (const auto &name : names) {
      if (obj.find(name))
        continue;
      obj.set(name, value_of(property_schema(node, name), name, depth + 1));
    }
    return obj;
  }

  Value value_of(const Json *raw, const std::string &name, int depth) {
    const Json *node = raw ? resolve_ref(root, *raw) : nullptr;
    if (!node || !node->is_object() || depth > 12)
      return Value(std::string("example"));
    for (const char *key : {"enum", "enumCaseInsensitive"})
      if (auto it = node->find(key); it != node->end() && it->is_array() && !it->empty())
        return from_json((*it)[pick(it->size())]);
    if (node->contains("const"))
      return synthesize_value(root, node, name, model, scope, random);
    std::string type = schema_type(root, *node);
    if (type.empty())
      for (const char *key : {"oneOf", "anyOf"})
        if (auto it = node->find(key); it != node->end() && it->is_array() && !it->empty()) {
          const Json *branch = resolve_ref(root, (*it)[pick(it->size())]);
          if (branch && branch->is_object() && !schema_type(root, *branch).empty()) {
            // The branch's constraints apply on top of the node's own.
            Json merged = *node;
            merged.erase(key);
            for (const auto &[k, v] : branch->items())
              merged[k] = v;
            return value_of(&merged, name, depth + 1);
          }
        }
    if (type == "object")
      return object_of(*node, depth);
    if (type == "array") {
      size_t n = 0;
      if (auto it = node->find("minItems"); it != node->end() && it->is_number())
        n = it->get<size_t>();
      const Json *items = nullptr;
      if (auto it = node->find("items"); it != node->end() && it->is_object())
        items = &*it;
      Value arr = Value::array();
      std::string singular = name;
      if (!singular.empty() && singular.back() == 's')
        singular.pop_back();
      for (size_t i = 0; i < n && i < 16; ++i)
        arr.push_back(value_of(items, singular, depth + 1));
      return arr;
    }
    if (type == "integer" || type == "number") {
      double lo = 1, hi = 1e9;
      if (auto it = node->find("minimum"); it != node->end() && it->is_number())
        lo = std::max(lo, it->get<double>());
      if (auto it = node->find("exclusiveMinimum"); it != node->end() && it->is_number())
        lo = std::max(lo, it->get<double>() + 1);
      if (auto it = node->find("maximum"); it != node->end() && it->is_number())
        hi = it->get<double>();
      if (auto it = node->find("exclusiveMaximum"); it != node->end() && it->is_number())
        hi = it->get<double>() - 1;
      if (auto it = node->find("minimum"); it != node->end() && it->is_number() && lo > hi)
        lo = it->get<double>();
      double v = std::min(std::ceil(lo), hi);
      if (auto it = node->find("multipleOf");
          it != node->end() && it->is_number() && it->get<double>() > 0) {
        double m = it->get<double>();
        v = std::ceil(v / m) * m;
      }
      return Value(static_cast<int64_t>(v));
    }
    if (type == "boolean")
      return Value(false);
    return synthesize_value(root, node, name, model, scope, random);
  }
};

} // namespace

Value example_properties(const schema::ResourceType &type, const SynthesisScope &scope,
                         RandomSource &random) {
  // Interlocking constraints (an allOf of if/then on an enum, oneOf branches) may reject the
  // first choice: try the next enum value / branch until the schema accepts the result.
  Value first;
  for (size_t variant = 0; variant < 8; ++variant) {
    Builder b{type.schema(), scope, random, Value::object(), variant};
    Value props = b.object_of(type.schema(), 0);
    if (variant == 0)
      first = props;
    if (!schema::validate_properties(type, props).deploy_fails())
      return props;
  }
  return first;
}

} // namespace cfnlocal::providers
