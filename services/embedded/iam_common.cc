#include "services/embedded/iam_common.h"

#include <fmt/format.h>

#include <cctype>
#include <random>
#include <re2/re2.h>

namespace cfnlocal::services::embedded::iam {

void validation_error(std::string_view member, const std::string &value,
                      std::string_view constraint) {
  throw ServiceError("ValidationError",
                     fmt::format("1 validation error detected: Value '{}' at '{}' failed to "
                                 "satisfy constraint: Member must {}",
                                 value, lower_camel(member), constraint));
}

std::string required_name(const Json &input, std::string_view member, size_t max) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    validation_error(member, "null", "not be null");
  if (!it->is_string())
    validation_error(member, it->dump(), "be a string");
  std::string name = *it;
  if (name.empty())
    validation_error(member, name, "have length greater than or equal to 1");
  if (name.size() > max)
    validation_error(member, name, fmt::format("have length less than or equal to {}", max));
  static const re2::RE2 pattern(R"([\w+=,.@-]+)");
  if (!RE2::FullMatch(name, pattern))
    validation_error(member, name, R"(satisfy regular expression pattern: [\w+=,.@-]+)");
  return name;
}

std::string path_of(const Json &input, std::string_view member) {
  auto path = optional_string(input, member);
  if (!path)
    return "/";
  static const re2::RE2 pattern("(/)|(/[\\x21-\\x7E]+/)");
  if (path->empty() || path->size() > 512 || !RE2::FullMatch(*path, pattern) ||
      path->find("//") != std::string::npos)
    throw ServiceError("ValidationError",
                       "The specified value for path is invalid. It must begin and end with / "
                       "and contain only alphanumeric characters and/or / characters.");
  return *path;
}

std::string document_of(const Json &input, std::string_view member, PolicyKind kind) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    validation_error(member, "null", "not be null");
  // An object is accepted as the document itself (the JSON seam's convenience).
  std::string text = it->is_string() ? it->get<std::string>() : it->dump();
  if (text.empty())
    validation_error(member, text, "have length greater than or equal to 1");
  if (text.size() > 131072)
    validation_error(member, text.substr(0, 20) + "...",
                     "have length less than or equal to 131072");
  if (auto problem = policy_problem(text, kind))
    throw ServiceError("MalformedPolicyDocument", *problem);
  if (kind == PolicyKind::Trust) {
    // A trust policy grants assuming the role, nothing else.
    Json doc = Json::parse(text);
    Json statements =
        doc["Statement"].is_array() ? doc["Statement"] : Json::array({doc["Statement"]});
    for (const auto &s : statements) {
      Json actions = s.contains("Action") ? s["Action"] : s["NotAction"];
      if (actions.is_string())
        actions = Json::array({actions});
      for (const auto &a : actions) {
        std::string action = a;
        std::string lowered;
        for (char ch : action)
          lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (lowered != "*" && !lowered.starts_with("sts:"))
          throw ServiceError("MalformedPolicyDocument",
                             "AssumeRole policy may only specify STS AssumeRole actions.");
      }
    }
  }
  return text;
}

size_t policy_size(std::string_view document) {
  size_t n = 0;
  for (unsigned char ch : document)
    if (!std::isspace(ch))
      ++n;
  return n;
}

std::string new_id(std::string_view prefix) {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<size_t> pick(0, sizeof kChars - 2);
  std::string out(prefix);
  for (int i = 0; i < 17; ++i)
    out += kChars[pick(rng)];
  return out;
}

std::string arn_of(const Context &c, std::string_view word, std::string_view path,
                   std::string_view name) {
  return fmt::format("arn:{}:iam::{}:{}{}{}", c.partition, c.account, word, path, name);
}

std::string key_of(std::string_view name) {
  std::string out(name);
  for (char &ch : out)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

std::optional<Json> attachable_policy(Context &c, const std::string &arn, bool &aws_managed) {
  aws_managed = false;
  std::string aws_prefix = fmt::format("arn:{}:iam::aws:policy/", c.partition);
  if (arn.starts_with(aws_prefix) && arn.size() > aws_prefix.size()) {
    aws_managed = true;
    return std::nullopt;
  }
  if (auto record = c.store.get_record(kService, "policy", arn))
    return record;
  throw ServiceError("NoSuchEntity",
                     fmt::format("Policy {} does not exist or is not attachable.", arn), 404);
}

void count_attachment(Context &c, const std::string &arn, int delta) {
  auto record = c.store.get_record(kService, "policy", arn);
  if (!record)
    return;
  (*record)["AttachmentCount"] = (*record).value("AttachmentCount", 0) + delta;
  c.store.put_record(kService, "policy", arn, *record);
}

} // namespace cfnlocal::services::embedded::iam
