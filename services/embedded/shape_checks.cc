#include "services/embedded/shape_checks.h"

#include "services/backend.h"
#include "state/ids.h"

#include <fmt/format.h>

#include <re2/re2.h>

#include <map>
#include <memory>

namespace cfnlocal::services::embedded {
namespace {

[[noreturn]] void fail(std::string_view member, const Json &value, std::string_view constraint) {
  std::string shown = value.is_null()     ? "null"
                      : value.is_string() ? "'" + value.get<std::string>() + "'"
                                          : "'" + value.dump() + "'";
  throw ServiceError("ValidationException",
                     fmt::format("1 validation error detected: Value {} at '{}' failed to "
                                 "satisfy constraint: Member must {}",
                                 shown, member, constraint));
}

} // namespace

void check_pattern(std::string_view member, const std::string &value, const char *pattern) {
  // Patterns are string literals of the call sites: few and fixed, so cached by address.
  thread_local std::map<const char *, std::unique_ptr<re2::RE2>> cache;
  auto it = cache.find(pattern);
  if (it == cache.end())
    it = cache.emplace(pattern, std::make_unique<re2::RE2>(pattern)).first;
  if (!re2::RE2::FullMatch(value, *it->second))
    fail(member, value, fmt::format("satisfy regular expression pattern: {}", pattern));
}

void check_enum(std::string_view member, const std::string &value,
                std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed)
    if (a == value)
      return;
  std::string set;
  for (auto a : allowed)
    set += (set.empty() ? "" : ", ") + std::string(a);
  fail(member, value, fmt::format("satisfy enum value set: [{}]", set));
}

void check_range(std::string_view member, int64_t value, std::optional<int64_t> min,
                 std::optional<int64_t> max) {
  if (min && value < *min)
    fail(member, Json(std::to_string(value)),
         fmt::format("have value greater than or equal to {}", *min));
  if (max && value > *max)
    fail(member, Json(std::to_string(value)),
         fmt::format("have value less than or equal to {}", *max));
}

void check_count(std::string_view member, const Json &list, size_t min, size_t max) {
  if (list.size() < min)
    fail(member, list, fmt::format("have length greater than or equal to {}", min));
  if (list.size() > max)
    fail(member, list, fmt::format("have length less than or equal to {}", max));
}

std::optional<int64_t> int_member(const Json &object, std::string_view key,
                                  std::string_view member) {
  if (!object.is_object())
    return std::nullopt;
  auto it = object.find(key);
  if (it == object.end() || it->is_null())
    return std::nullopt;
  if (it->is_number_integer())
    return it->get<int64_t>();
  if (it->is_number_float() &&
      it->get<double>() == static_cast<double>(static_cast<int64_t>(it->get<double>())))
    return static_cast<int64_t>(it->get<double>());
  if (it->is_string()) {
    const std::string &s = it->get_ref<const std::string &>();
    try {
      size_t used = 0;
      int64_t n = std::stoll(s, &used);
      if (used == s.size())
        return n;
    } catch (const std::logic_error &) {
    }
  }
  fail(member, *it, "be a number");
}

std::optional<bool> bool_member(const Json &object, std::string_view key, std::string_view member) {
  if (!object.is_object())
    return std::nullopt;
  auto it = object.find(key);
  if (it == object.end() || it->is_null())
    return std::nullopt;
  if (it->is_boolean())
    return it->get<bool>();
  if (it->is_string() && (*it == "true" || *it == "false"))
    return *it == "true";
  fail(member, *it, "be a boolean");
}

std::string string_member(const Json &object, std::string_view key, std::string_view member) {
  auto it = object.is_object() ? object.find(key) : object.end();
  if (!object.is_object() || it == object.end() || it->is_null())
    fail(member, Json(), "not be null");
  if (!it->is_string())
    fail(member, *it, "be a string");
  return it->get<std::string>();
}

const Json *list_member(const Json &object, std::string_view key, std::string_view member) {
  if (!object.is_object())
    return nullptr;
  auto it = object.find(key);
  if (it == object.end() || it->is_null())
    return nullptr;
  if (!it->is_array())
    fail(member, *it, "be a list");
  return &*it;
}

std::string iso_now() { return state::now_iso8601(); }

} // namespace cfnlocal::services::embedded
