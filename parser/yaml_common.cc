#include "parser/yaml_common.h"

#include "parser/diagnostic.h"

#include <cmath>
#include <fmt/format.h>
#include <unordered_set>

namespace cfnlocal::detail {

namespace {

// YAML 1.2 core schema resolution of plain scalars.
bool is_null_scalar(const std::string &s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::optional<bool> bool_scalar(const std::string &s) {
  if (s == "true" || s == "True" || s == "TRUE")
    return true;
  if (s == "false" || s == "False" || s == "FALSE")
    return false;
  return std::nullopt;
}

bool all_digits(std::string_view s, bool (*ok)(char)) {
  if (s.empty())
    return false;
  for (char c : s)
    if (!ok(c))
      return false;
  return true;
}
bool is_dec(char c) { return c >= '0' && c <= '9'; }
bool is_oct(char c) { return c >= '0' && c <= '7'; }
bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool is_decimal(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+'))
    ++i;
  size_t int_start = i;
  while (i < s.size() && is_dec(s[i]))
    ++i;
  bool has_int = i > int_start;
  bool has_frac = false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t frac_start = i;
    while (i < s.size() && is_dec(s[i]))
      ++i;
    has_frac = i > frac_start;
  }
  if (!has_int && !has_frac)
    return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+'))
      ++i;
    size_t exp_start = i;
    while (i < s.size() && is_dec(s[i]))
      ++i;
    if (i == exp_start)
      return false;
  }
  return i == s.size();
}

std::optional<double> number_scalar(const std::string &s) {
  if (s.empty() || s.size() > 64)
    return std::nullopt;
  if (is_decimal(s))
    return std::strtod(s.c_str(), nullptr);
  std::string_view v(s);
  if (v.substr(0, 2) == "0o" && all_digits(v.substr(2), is_oct))
    return static_cast<double>(std::stoull(s.substr(2), nullptr, 8));
  if (v.substr(0, 2) == "0x" && all_digits(v.substr(2), is_hex))
    return static_cast<double>(std::stoull(s.substr(2), nullptr, 16));
  if (s == ".inf" || s == "+.inf" || s == ".Inf" || s == "+.Inf")
    return INFINITY;
  if (s == "-.inf" || s == "-.Inf")
    return -INFINITY;
  return std::nullopt;
}

} // namespace

Value plain_scalar(const std::string &s) {
  if (is_null_scalar(s))
    return Value();
  if (auto b = bool_scalar(s))
    return Value(*b);
  if (auto n = number_scalar(s))
    return Value::number(*n, s);
  return Value(s);
}

Value short_form_call(const std::string &tag, const std::optional<std::string> &scalar,
                      Value collection, const Mark &mark) {
  std::string name = tag.substr(tag[0] == '!' ? 1 : 0);
  static const std::unordered_set<std::string> known = {
      "Ref",      "Condition",        "GetAtt",       "Sub",    "Join",    "Select",
      "Split",    "FindInMap",        "Base64",       "Cidr",   "GetAZs",  "ImportValue",
      "If",       "Equals",           "And",          "Or",     "Not",     "Transform",
      "Contains", "EachMemberEquals", "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll",
      "Length",   "ToJsonString",     "ForEach"};
  if (!known.count(name))
    throw Error(fmt::format("unknown tag '{}'", tag), mark);
  Value argument;
  if (name == "GetAtt" && scalar) {
    // !GetAtt Resource.Attribute: split at the first dot; nested-stack outputs keep their dots.
    // Without a dot the list has the one name, as the SAM translator's reader makes it: the
    // transform and the Fn::GetAtt rule report it with their own messages.
    const std::string &s = *scalar;
    auto dot = s.find('.');
    Value::Array parts{Value(s.substr(0, dot)).with_mark(mark)};
    if (dot != std::string::npos)
      parts.push_back(Value(s.substr(dot + 1)).with_mark(mark));
    argument = Value(std::move(parts)).with_mark(mark);
  } else if (scalar) {
    // Tagged scalars keep the string as written: `!Ref 123` names "123", `!Base64 true` is text.
    argument = Value(*scalar).with_mark(mark);
  } else {
    argument = std::move(collection).with_mark(mark);
  }
  std::string key = (name == "Ref" || name == "Condition") ? name : "Fn::" + name;
  Value::Object call;
  call.push_back(Value::Member{std::move(key), std::move(argument), mark});
  return Value(std::move(call)).with_mark(mark);
}

} // namespace cfnlocal::detail
