#include "services/embedded/s3_rules.h"

#include <fmt/format.h>

#include <re2/re2.h>
#include <vector>

namespace cfnlocal::services::embedded {

std::optional<std::string> bucket_name_problem(std::string_view name) {
  if (name.size() < 3 || name.size() > 63)
    return "Bucket names must be between 3 (min) and 63 (max) characters long.";
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'))
      return "Bucket names can consist only of lowercase letters, numbers, periods (.), and "
             "hyphens (-).";
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(name.front()) || !alnum(name.back()))
    return "Bucket names must begin and end with a letter or number.";
  if (name.find("..") != std::string_view::npos)
    return "Bucket names must not contain two adjacent periods.";
  static const re2::RE2 ip(R"(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})");
  if (RE2::FullMatch(name, ip))
    return "Bucket names must not be formatted as an IP address (for example, 192.168.5.4).";
  for (const char *prefix : {"xn--", "sthree-", "amzn-s3-demo-"})
    if (name.starts_with(prefix))
      return fmt::format("Bucket names must not start with the prefix {}.", prefix);
  for (const char *suffix : {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"})
    if (name.ends_with(suffix))
      return fmt::format("Bucket names must not end with the suffix {}.", suffix);
  return std::nullopt;
}

namespace {

bool glob_match(std::string_view pattern, std::string_view text) {
  // Policy wildcards: '*' any run, '?' one character.
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

std::vector<Json> as_list(const Json &value) {
  if (value.is_array())
    return std::vector<Json>(value.begin(), value.end());
  return {value};
}

} // namespace

std::optional<std::string> bucket_policy_problem(std::string_view policy, std::string_view bucket,
                                                 std::string_view partition) {
  if (policy.size() > 20 * 1024)
    return "Policies must be less than 20 KB";
  size_t first = policy.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || policy[first] != '{')
    return "Policies must be valid JSON and the first byte must be '{'";
  Json doc;
  try {
    doc = Json::parse(policy);
  } catch (const nlohmann::json::parse_error &) {
    return "Policies must be valid JSON and the first byte must be '{'";
  }
  if (doc.contains("Version") && doc["Version"] != "2012-10-17" && doc["Version"] != "2008-10-17")
    return "The policy must contain a valid version string";
  if (!doc.contains("Statement"))
    return "Missing required field Statement";
  std::string bucket_arn = fmt::format("arn:{}:s3:::", partition);
  for (const Json &st : as_list(doc["Statement"])) {
    if (!st.is_object())
      return "Statement is not well-formed";
    std::string effect = st.value("Effect", "");
    if (!st.contains("Effect"))
      return "Missing required field Effect";
    if (effect != "Allow" && effect != "Deny")
      return fmt::format("Invalid effect: {}", effect);
    if (!st.contains("Principal") && !st.contains("NotPrincipal"))
      return "Missing required field Principal";
    if (!st.contains("Action") && !st.contains("NotAction"))
      return "Missing required field Action";
    for (const Json &action : as_list(st.contains("Action") ? st["Action"] : st["NotAction"])) {
      if (!action.is_string())
        return "Policy has invalid action";
      std::string a = action.get<std::string>();
      std::string lower;
      for (char c : a)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (a != "*" && !lower.starts_with("s3:") && !lower.starts_with("s3-object-lambda:"))
        return "Policy has invalid action";
    }
    if (!st.contains("Resource") && !st.contains("NotResource"))
      return "Missing required field Resource";
    for (const Json &resource :
         as_list(st.contains("Resource") ? st["Resource"] : st["NotResource"])) {
      if (!resource.is_string())
        return "Policy has invalid resource";
      std::string r = resource.get<std::string>();
      if (r == "*")
        continue;
      if (!r.starts_with(bucket_arn))
        return "Policy has invalid resource";
      std::string rest = r.substr(bucket_arn.size());
      std::string bucket_part = rest.substr(0, rest.find('/'));
      if (!glob_match(bucket_part, bucket))
        return "Policy has invalid resource";
    }
  }
  return std::nullopt;
}

} // namespace cfnlocal::services::embedded
