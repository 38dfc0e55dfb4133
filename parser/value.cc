#include "parser/value.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

namespace cfnlocal {

namespace {
std::string number_text(double d) {
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
    return fmt::format("{}", static_cast<int64_t>(d));
  return fmt::format("{}", d);
}
[[noreturn]] void wrong_kind(const char *wanted, Value::Kind got) {
  throw std::logic_error(fmt::format("Value is {}, not {}", kind_name(got), wanted));
}
} // namespace

Value::Value(int64_t i) : data_(Number{static_cast<double>(i), std::to_string(i)}) {}
Value::Value(double d) : data_(Number{d, number_text(d)}) {}

Value Value::number(double value, std::string text) {
  Value v;
  v.data_ = Number{value, std::move(text)};
  return v;
}

bool Value::as_bool() const {
  if (auto *b = std::get_if<bool>(&data_))
    return *b;
  wrong_kind("boolean", kind());
}
double Value::as_number() const { return as_number_value().value; }
const Value::Number &Value::as_number_value() const {
  if (auto *n = std::get_if<Number>(&data_))
    return *n;
  wrong_kind("number", kind());
}
const std::string &Value::as_string() const {
  if (auto *s = std::get_if<std::string>(&data_))
    return *s;
  wrong_kind("string", kind());
}
const Value::Array &Value::as_array() const {
  if (auto *a = std::get_if<Array>(&data_))
    return *a;
  wrong_kind("array", kind());
}
Value::Array &Value::as_array() {
  if (auto *a = std::get_if<Array>(&data_))
    return *a;
  wrong_kind("array", kind());
}
const Value::Object &Value::as_object() const {
  if (auto *o = std::get_if<Object>(&data_))
    return *o;
  wrong_kind("object", kind());
}
Value::Object &Value::as_object() {
  if (auto *o = std::get_if<Object>(&data_))
    return *o;
  wrong_kind("object", kind());
}

size_t Value::size() const {
  if (auto *a = std::get_if<Array>(&data_))
    return a->size();
  if (auto *o = std::get_if<Object>(&data_))
    return o->size();
  return 0;
}

const Value::Member *Value::find_member(std::string_view key) const {
  auto *o = std::get_if<Object>(&data_);
  if (!o)
    return nullptr;
  for (const auto &m : *o)
    if (m.key == key)
      return &m;
  return nullptr;
}
const Value *Value::find(std::string_view key) const {
  auto *m = find_member(key);
  return m ? &m->value : nullptr;
}
Value *Value::find(std::string_view key) {
  return const_cast<Value *>(static_cast<const Value *>(this)->find(key));
}

Value &Value::set(std::string key, Value value, Mark key_mark) {
  if (is_null())
    data_ = Object{};
  auto &o = as_object();
  for (auto &m : o)
    if (m.key == key) {
      m.value = std::move(value);
      return m.value;
    }
  o.push_back(Member{std::move(key), std::move(value), std::move(key_mark)});
  return o.back().value;
}

bool Value::erase(std::string_view key) {
  auto *o = std::get_if<Object>(&data_);
  if (!o)
    return false;
  auto it = std::find_if(o->begin(), o->end(), [&](const Member &m) { return m.key == key; });
  if (it == o->end())
    return false;
  o->erase(it);
  return true;
}

Value &Value::push_back(Value value) {
  if (is_null())
    data_ = Array{};
  auto &a = as_array();
  a.push_back(std::move(value));
  return a.back();
}

std::optional<std::string_view> Value::single_key() const {
  auto *o = std::get_if<Object>(&data_);
  if (!o || o->size() != 1)
    return std::nullopt;
  return std::string_view((*o)[0].key);
}

std::optional<std::string> Value::scalar_string() const {
  switch (kind()) {
  case Kind::Null:
    return std::string();
  case Kind::Bool:
    return std::string(as_bool() ? "true" : "false");
  case Kind::Number:
    return as_number_value().text;
  case Kind::String:
    return as_string();
  default:
    return std::nullopt;
  }
}

Value Value::with_mark(Mark mark) const & {
  Value v = *this;
  v.mark_ = std::move(mark);
  return v;
}
Value Value::with_mark(Mark mark) && {
  mark_ = std::move(mark);
  return std::move(*this);
}

bool Value::operator==(const Value &other) const {
  if (kind() != other.kind())
    return false;
  switch (kind()) {
  case Kind::Null:
    return true;
  case Kind::Bool:
    return as_bool() == other.as_bool();
  case Kind::Number:
    return as_number() == other.as_number();
  case Kind::String:
    return as_string() == other.as_string();
  case Kind::Array:
    return as_array() == other.as_array();
  case Kind::Object: {
    const auto &a = as_object();
    const auto &b = other.as_object();
    if (a.size() != b.size())
      return false;
    for (const auto &m : a) {
      const Value *o = other.find(m.key);
      if (!o || !(m.value == *o))
        return false;
    }
    return true;
  }
  }
  return false;
}

const char *kind_name(Value::Kind kind) {
  switch (kind) {
  case Value::Kind::Null:
    return "null";
  case Value::Kind::Bool:
    return "boolean";
  case Value::Kind::Number:
    return "number";
  case Value::Kind::String:
    return "string";
  case Value::Kind::Array:
    return "array";
  case Value::Kind::Object:
    return "object";
  }
  return "?";
}

} // namespace cfnlocal
