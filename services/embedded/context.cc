#include "services/embedded/context.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <random>

namespace cfnlocal::services::embedded {

std::string lower_camel(std::string_view member) {
  std::string out(member);
  if (!out.empty())
    out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

void constraint_error(std::string_view member, const Json &value, std::string_view constraint) {
  std::string shown = value.is_null()     ? "null"
                      : value.is_string() ? "'" + value.get<std::string>() + "'"
                                          : "'" + value.dump() + "'";
  throw ServiceError("ValidationException",
                     fmt::format("1 validation error detected: Value {} at '{}' failed to "
                                 "satisfy constraint: Member must {}",
                                 shown, lower_camel(member), constraint));
}

std::string required_string(const Json &input, std::string_view member) {
  auto it = input.is_object() ? input.find(member) : input.end();
  if (!input.is_object() || it == input.end() || it->is_null())
    constraint_error(member, Json(), "not be null");
  if (!it->is_string())
    constraint_error(member, *it, "be a string");
  return it->get<std::string>();
}

std::optional<std::string> optional_string(const Json &input, std::string_view member) {
  if (!input.is_object())
    return std::nullopt;
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    return std::nullopt;
  if (!it->is_string())
    constraint_error(member, *it, "be a string");
  return it->get<std::string>();
}

bool optional_bool(const Json &input, std::string_view member, bool fallback) {
  if (!input.is_object())
    return fallback;
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    return fallback;
  if (it->is_boolean())
    return it->get<bool>();
  if (it->is_string() && (*it == "true" || *it == "false"))
    return *it == "true";
  constraint_error(member, *it, "be a boolean");
}

std::optional<int64_t> optional_int(const Json &input, std::string_view member) {
  if (!input.is_object())
    return std::nullopt;
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    return std::nullopt;
  if (it->is_number_integer())
    return it->get<int64_t>();
  if (it->is_number_float() && it->get<double>() == static_cast<int64_t>(it->get<double>()))
    return static_cast<int64_t>(it->get<double>());
  if (it->is_string()) {
    try {
      size_t used = 0;
      int64_t n = std::stoll(it->get<std::string>(), &used);
      if (used == it->get<std::string>().size())
        return n;
    } catch (...) {
    }
  }
  constraint_error(member, *it, "be an integer");
}

size_t utf8_length(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xc0) != 0x80)
      ++n;
  return n;
}

void check_length(std::string_view member, const std::string &value, size_t min, size_t max) {
  size_t n = utf8_length(value);
  if (n < min)
    constraint_error(member, value, fmt::format("have length greater than or equal to {}", min));
  if (n > max)
    constraint_error(member, value, fmt::format("have length less than or equal to {}", max));
}

std::vector<std::pair<std::string, std::string>>
read_tags(const Json &input, std::string_view member, size_t max_tags, const char *error_code) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!input.is_object())
    return out;
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    return out;
  if (!it->is_array())
    constraint_error(member, *it, "be a list of tags");
  if (it->size() > max_tags)
    throw ServiceError(
        error_code,
        fmt::format("The request contains {} tags; at most {} are allowed.", it->size(), max_tags));
  for (const auto &t : *it) {
    std::string key = required_string(t, "Key");
    std::string value = optional_string(t, "Value").value_or("");
    check_length("Key", key, 1, 128);
    check_length("Value", value, 0, 256);
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

Json tag_list(const std::vector<std::pair<std::string, std::string>> &tags) {
  Json out = Json::array();
  for (const auto &[k, v] : tags)
    out.push_back({{"Key", k}, {"Value", v}});
  return out;
}

std::vector<std::pair<std::string, std::string>> tags_from(const Json &list) {
  std::vector<std::pair<std::string, std::string>> out;
  if (list.is_array())
    for (const auto &t : list)
      out.emplace_back(t.value("Key", ""), t.value("Value", ""));
  return out;
}

std::string random_alnum(size_t n) {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<size_t> pick(0, sizeof kChars - 2);
  std::string out;
  for (size_t i = 0; i < n; ++i)
    out += kChars[pick(rng)];
  return out;
}

std::string base64_encode(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                          reinterpret_cast<const unsigned char *>(data.data()),
                          static_cast<int>(data.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0)
    return std::nullopt;
  std::string out(3 * text.size() / 4 + 1, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                          reinterpret_cast<const unsigned char *>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0)
    return std::nullopt;
  size_t len = static_cast<size_t>(n);
  // EVP_DecodeBlock counts padding as zero bytes.
  if (!text.empty() && text.back() == '=')
    --len;
  if (text.size() > 1 && text[text.size() - 2] == '=')
    --len;
  out.resize(len);
  return out;
}

} // namespace cfnlocal::services::embedded
