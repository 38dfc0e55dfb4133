#include "planner/value_diff.h"

#include "intrinsics/functions.h"

#include <charconv>

namespace cfnlocal::planner {

namespace {
bool is_call(const Value &v) { return intrinsics::function_name(v).has_value(); }
} // namespace

bool same_value(const Value &a, const Value &b) {
  if (a.is_scalar() && b.is_scalar()) {
    if (a.is_null() || b.is_null())
      return a.is_null() && b.is_null();
    return a.scalar_string() == b.scalar_string();
  }
  if (a.kind() != b.kind())
    return false;
  if (a.is_array()) {
    const auto &x = a.as_array(), &y = b.as_array();
    if (x.size() != y.size())
      return false;
    for (size_t i = 0; i < x.size(); ++i)
      if (!same_value(x[i], y[i]))
        return false;
    return true;
  }
  if (a.size() != b.size())
    return false;
  for (const auto &m : a.as_object()) {
    const Value *other = b.find(m.key);
    if (!other || !same_value(m.value, *other))
      return false;
  }
  return true;
}

static void diff_into(const Value *before, const Value *after, std::vector<std::string> &path,
                      std::vector<ValueDifference> &out) {
  if (before && after) {
    if (before->is_object() && after->is_object() && !is_call(*before) && !is_call(*after)) {
      for (const auto &m : before->as_object()) {
        path.push_back(m.key);
        diff_into(&m.value, after->find(m.key), path, out);
        path.pop_back();
      }
      for (const auto &m : after->as_object()) {
        if (before->find(m.key))
          continue;
        path.push_back(m.key);
        diff_into(nullptr, &m.value, path, out);
        path.pop_back();
      }
      return;
    }
    if (before->is_array() && after->is_array() && before->size() == after->size()) {
      for (size_t i = 0; i < before->size(); ++i) {
        path.push_back(std::to_string(i));
        diff_into(&before->as_array()[i], &after->as_array()[i], path, out);
        path.pop_back();
      }
      return;
    }
    if (same_value(*before, *after))
      return;
  }
  if (!before && !after)
    return;
  ValueDifference d;
  d.path = path;
  if (before)
    d.before = *before;
  if (after)
    d.after = *after;
  d.type = !before  ? AttributeChangeType::Add
           : !after ? AttributeChangeType::Remove
                    : AttributeChangeType::Modify;
  out.push_back(std::move(d));
}

std::vector<ValueDifference> diff_values(const Value *before, const Value *after,
                                         const std::vector<std::string> &prefix) {
  // A null deployed value is "no properties": compare as an empty object.
  static const Value empty = Value::object();
  if (before && before->is_null())
    before = after && after->is_object() ? &empty : nullptr;
  if (after && after->is_null())
    after = before && before->is_object() ? &empty : nullptr;
  std::vector<ValueDifference> out;
  std::vector<std::string> path = prefix;
  diff_into(before, after, path, out);
  return out;
}

const Value *value_at(const Value &root, const std::vector<std::string> &path) {
  const Value *node = &root;
  for (const std::string &step : path) {
    if (is_call(*node))
      return node;
    if (node->is_object()) {
      node = node->find(step);
    } else if (node->is_array()) {
      size_t index = 0;
      auto [p, ec] = std::from_chars(step.data(), step.data() + step.size(), index);
      if (ec != std::errc() || p != step.data() + step.size() || index >= node->size())
        return nullptr;
      node = &node->as_array()[index];
    } else {
      return nullptr;
    }
    if (!node)
      return nullptr;
  }
  return node;
}

std::string change_path(std::string_view root_name, const std::vector<std::string> &path) {
  std::string out = "/";
  out += root_name;
  for (const std::string &step : path) {
    out += '/';
    for (char c : step) {
      if (c == '~')
        out += "~0";
      else if (c == '/')
        out += "~1";
      else
        out += c;
    }
  }
  return out;
}

} // namespace cfnlocal::planner
