#include "providers/model_access.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace cfnlocal::providers {

std::string string_of(const Value &object, std::string_view key) {
  const Value *v = object.is_object() ? object.find(key) : nullptr;
  if (!v)
    return "";
  return v->scalar_string().value_or("");
}

std::optional<bool> bool_of(const Value &object, std::string_view key) {
  const Value *v = object.is_object() ? object.find(key) : nullptr;
  if (!v)
    return std::nullopt;
  if (v->is_bool())
    return v->as_bool();
  if (v->is_string()) {
    std::string s = v->as_string();
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (s == "true")
      return true;
    if (s == "false")
      return false;
  }
  return std::nullopt;
}

std::optional<int64_t> int_of(const Value &object, std::string_view key) {
  const Value *v = object.is_object() ? object.find(key) : nullptr;
  if (!v)
    return std::nullopt;
  if (v->is_number())
    return static_cast<int64_t>(v->as_number());
  if (v->is_string()) {
    int64_t out = 0;
    const std::string &s = v->as_string();
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && ptr == s.data() + s.size())
      return out;
  }
  return std::nullopt;
}

Json tag_list(const Value *tags) {
  Json out = Json::array();
  if (!tags || !tags->is_array())
    return out;
  for (const auto &t : tags->as_array())
    out.push_back(Json{{"Key", string_of(t, "Key")}, {"Value", string_of(t, "Value")}});
  return out;
}

Json tag_map(const Json &tag_list) {
  Json out = Json::object();
  for (const auto &t : tag_list)
    if (t.is_object() && t.contains("Key"))
      out[t["Key"].get<std::string>()] = t.value("Value", Json(""));
  return out;
}

Json tag_list_of(const Json &tag_map) {
  Json out = Json::array();
  for (const auto &[key, value] : tag_map.items())
    out.push_back(Json{{"Key", key}, {"Value", value}});
  return out;
}

Json recased(const Json &value, bool to_lower,
             const std::function<bool(const std::string &, const Json &)> &is_map) {
  if (value.is_array()) {
    Json out = Json::array();
    for (const auto &v : value)
      out.push_back(recased(v, to_lower, is_map));
    return out;
  }
  if (!value.is_object())
    return value;
  Json out = Json::object();
  for (const auto &[k, v] : value.items()) {
    std::string key = k;
    if (!key.empty())
      key[0] = static_cast<char>(to_lower ? std::tolower(static_cast<unsigned char>(key[0]))
                                          : std::toupper(static_cast<unsigned char>(key[0])));
    out[key] = is_map(k, v) ? v : recased(v, to_lower, is_map);
  }
  return out;
}

} // namespace cfnlocal::providers
