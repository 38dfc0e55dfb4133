#include "schema/coercion.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace cfnlocal::schema::detail {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) {
    return std::nullopt;
  }
  if (text.front() == '+') {
    text.remove_prefix(1);
  }
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

bool is_integral_text(std::string_view text) {
  text = trim(text);
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    text.remove_prefix(1);
  }
  if (text.empty()) {
    return false;
  }
  for (char c : text) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

std::string quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') {
      out += '\\';
    }
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "'";
}

void repr_into(const Value &v, std::string &out, size_t limit) {
  if (out.size() > limit) {
    return;
  }
  switch (v.kind()) {
  case Value::Kind::Null:
    out += "None";
    break;
  case Value::Kind::Bool:
    out += v.as_bool() ? "True" : "False";
    break;
  case Value::Kind::Number:
    out +=
        v.as_number_value().text.empty() ? std::to_string(v.as_number()) : v.as_number_value().text;
    break;
  case Value::Kind::String:
    out += quote(v.as_string());
    break;
  case Value::Kind::Array: {
    out += '[';
    bool first = true;
    for (const auto &item : v.as_array()) {
      out += first ? "" : ", ";
      first = false;
      repr_into(item, out, limit);
    }
    out += ']';
    break;
  }
  case Value::Kind::Object: {
    out += '{';
    bool first = true;
    for (const auto &m : v.as_object()) {
      out += first ? "" : ", ";
      first = false;
      out += quote(m.key) + ": ";
      repr_into(m.value, out, limit);
    }
    out += '}';
    break;
  }
  }
}

void repr_into(const Json &j, std::string &out, size_t limit) {
  if (out.size() > limit) {
    return;
  }
  if (j.is_string()) {
    out += quote(j.get_ref<const std::string &>());
  } else if (j.is_boolean()) {
    out += j.get<bool>() ? "True" : "False";
  } else if (j.is_null()) {
    out += "None";
  } else if (j.is_array()) {
    out += '[';
    bool first = true;
    for (const auto &item : j) {
      out += first ? "" : ", ";
      first = false;
      repr_into(item, out, limit);
    }
    out += ']';
  } else if (j.is_object()) {
    out += '{';
    bool first = true;
    for (const auto &[k, item] : j.items()) {
      out += first ? "" : ", ";
      first = false;
      out += quote(k) + ": ";
      repr_into(item, out, limit);
    }
    out += '}';
  } else {
    out += j.dump();
  }
}

std::string cut(std::string s, size_t limit) {
  if (s.size() > limit) {
    s.resize(limit);
    s += "...";
  }
  return s;
}

} // namespace

std::optional<double> as_number(const Value &v) {
  if (v.is_number()) {
    return v.as_number();
  }
  if (v.is_string()) {
    return parse_number(v.as_string());
  }
  return std::nullopt;
}

bool matches_type(std::string_view type, const Value &v) {
  if (type == "object") {
    return v.is_object();
  }
  if (type == "array") {
    return v.is_array();
  }
  if (type == "null") {
    return v.is_null();
  }
  if (v.is_null()) {
    return false;
  }
  if (type == "string") {
    return v.is_scalar();
  }
  if (type == "number") {
    return as_number(v).has_value();
  }
  if (type == "integer") {
    if (v.is_number()) {
      double d = v.as_number();
      return std::floor(d) == d;
    }
    return v.is_string() && is_integral_text(v.as_string());
  }
  if (type == "boolean") {
    if (v.is_bool()) {
      return true;
    }
    if (!v.is_string()) {
      return false;
    }
    const std::string &s = v.as_string();
    return s == "true" || s == "false" || s == "True" || s == "False" || s == "TRUE" ||
           s == "FALSE";
  }
  return true; // a type the validator does not know constrains nothing
}

bool loose_equal(const Value &a, const Value &b) {
  if (a.is_scalar() && b.is_scalar()) {
    if (a.is_null() || b.is_null()) {
      return a.is_null() && b.is_null();
    }
    auto na = as_number(a), nb = as_number(b);
    if ((a.is_number() || b.is_number()) && na && nb) {
      return *na == *nb;
    }
    return a.scalar_string() == b.scalar_string();
  }
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) {
      return false;
    }
    for (size_t i = 0; i < a.size(); ++i) {
      if (!loose_equal(a.as_array()[i], b.as_array()[i])) {
        return false;
      }
    }
    return true;
  }
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) {
      return false;
    }
    for (const auto &m : a.as_object()) {
      const Value *other = b.find(m.key);
      if (other == nullptr || !loose_equal(m.value, *other)) {
        return false;
      }
    }
    return true;
  }
  return false;
}

bool loose_equal(const Value &a, const Json &b) {
  if (b.is_string()) {
    return a.is_scalar() && !a.is_null() && a.scalar_string() == b.get_ref<const std::string &>();
  }
  if (b.is_number()) {
    auto n = as_number(a);
    return !a.is_bool() && n && *n == b.get<double>();
  }
  if (b.is_boolean()) {
    if (a.is_bool()) {
      return a.as_bool() == b.get<bool>();
    }
    return a.is_string() && a.as_string() == (b.get<bool>() ? "true" : "false");
  }
  if (b.is_null()) {
    return a.is_null();
  }
  if (b.is_array()) {
    if (!a.is_array() || a.size() != b.size()) {
      return false;
    }
    for (size_t i = 0; i < a.size(); ++i) {
      if (!loose_equal(a.as_array()[i], b[i])) {
        return false;
      }
    }
    return true;
  }
  if (b.is_object()) {
    if (!a.is_object() || a.size() != b.size()) {
      return false;
    }
    for (const auto &m : a.as_object()) {
      auto it = b.find(m.key);
      if (it == b.end() || !loose_equal(m.value, *it)) {
        return false;
      }
    }
    return true;
  }
  return false;
}

std::string repr(const Value &v, size_t limit) {
  std::string out;
  repr_into(v, out, limit);
  return cut(std::move(out), limit);
}

std::string repr(const Json &j, size_t limit) {
  std::string out;
  repr_into(j, out, limit);
  return cut(std::move(out), limit);
}

size_t code_points(std::string_view utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) {
    n += (c & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

const char *aws_kind_name(const Value &v) {
  switch (v.kind()) {
  case Value::Kind::Null:
    return "Null";
  case Value::Kind::Bool:
    return "Boolean";
  case Value::Kind::Number: {
    double d = v.as_number();
    return std::floor(d) == d ? "Integer" : "Double";
  }
  case Value::Kind::String:
    return "String";
  case Value::Kind::Array:
    return "JSONArray";
  case Value::Kind::Object:
    return "JSONObject";
  }
  return "Object";
}

} // namespace cfnlocal::schema::detail
