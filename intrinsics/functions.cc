#include "intrinsics/functions.h"

#include <algorithm>
#include <array>

namespace cfnlocal::intrinsics {

namespace {
constexpr std::array<std::string_view, 20> kKnown = {
    "Ref",        "Fn::Base64",      "Fn::Cidr",   "Fn::FindInMap",    "Fn::GetAtt",
    "Fn::GetAZs", "Fn::ImportValue", "Fn::Join",   "Fn::Select",       "Fn::Split",
    "Fn::Sub",    "Fn::Transform",   "Fn::If",     "Fn::And",          "Fn::Equals",
    "Fn::Not",    "Fn::Or",          "Fn::Length", "Fn::ToJsonString", "Fn::ForEach"};
constexpr std::array<std::string_view, 6> kRule = {"Fn::Contains",     "Fn::EachMemberEquals",
                                                   "Fn::EachMemberIn", "Fn::RefAll",
                                                   "Fn::ValueOf",      "Fn::ValueOfAll"};
} // namespace

bool is_known_function(std::string_view name) {
  if (name.substr(0, 12) == "Fn::ForEach:")
    return true;
  return std::find(kKnown.begin(), kKnown.end(), name) != kKnown.end();
}

bool is_condition_function(std::string_view name) {
  return name == "Fn::And" || name == "Fn::Equals" || name == "Fn::If" || name == "Fn::Not" ||
         name == "Fn::Or";
}

bool is_rule_function(std::string_view name) {
  return std::find(kRule.begin(), kRule.end(), name) != kRule.end();
}

std::optional<std::string_view> function_name(const Value &value, bool in_condition) {
  if (!value.is_object() || value.size() != 1)
    return std::nullopt;
  std::string_view key = value.as_object().front().key;
  if (key == "Ref" || key.substr(0, 4) == "Fn::" || (in_condition && key == "Condition"))
    return key;
  return std::nullopt;
}

bool is_resolved(const Value &value) {
  switch (value.kind()) {
  case Value::Kind::Array:
    for (const auto &item : value.as_array())
      if (!is_resolved(item))
        return false;
    return true;
  case Value::Kind::Object:
    if (function_name(value))
      return false;
    for (const auto &m : value.as_object())
      if (!is_resolved(m.value))
        return false;
    return true;
  default:
    return true;
  }
}

bool has_function(const Value &value, std::string_view name) {
  switch (value.kind()) {
  case Value::Kind::Array:
    for (const auto &item : value.as_array())
      if (has_function(item, name))
        return true;
    return false;
  case Value::Kind::Object: {
    auto fn = function_name(value);
    if (fn && *fn == name)
      return true;
    for (const auto &m : value.as_object())
      if (has_function(m.value, name))
        return true;
    return false;
  }
  default:
    return false;
  }
}

} // namespace cfnlocal::intrinsics
