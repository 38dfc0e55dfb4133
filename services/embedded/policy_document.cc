#include "services/embedded/policy_document.h"

#include "parser/json.h"

#include <fmt/format.h>

#include <algorithm>
#include <re2/re2.h>
#include <set>

namespace cfnlocal::services::embedded {
namespace {

using Problem = std::optional<std::string>;

// A member that may be one string or a list of strings; nullopt when it is anything else.
std::optional<std::vector<std::string>> strings_of(const Json &v) {
  std::vector<std::string> out;
  if (v.is_string()) {
    out.push_back(v.get<std::string>());
    return out;
  }
  if (!v.is_array() || v.empty())
    return std::nullopt;
  for (const auto &item : v) {
    if (!item.is_string())
      return std::nullopt;
    out.push_back(item.get<std::string>());
  }
  return out;
}

Problem check_actions(const Json &v) {
  auto actions = strings_of(v);
  if (!actions)
    return "Syntax errors in policy.";
  static const re2::RE2 action(R"([A-Za-z0-9\-]+:[A-Za-z0-9*?]+)");
  for (const auto &a : *actions)
    if (a != "*" && !RE2::FullMatch(a, action))
      return "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
  return std::nullopt;
}

Problem check_resources(const Json &v) {
  auto resources = strings_of(v);
  if (!resources)
    return "Syntax errors in policy.";
  for (const auto &r : *resources) {
    if (r == "*")
      continue;
    // arn:partition:service:region:account:resource, where region and account may be empty.
    size_t colons = static_cast<size_t>(std::count(r.begin(), r.end(), ':'));
    if (!r.starts_with("arn:") || colons < 5)
      return fmt::format("Resource {} must be in ARN format or \"*\".", r);
    if (r.starts_with("arn::") || r.find(":::") == 3)
      return "Resource vendor must be fully qualified and cannot contain regexes.";
  }
  return std::nullopt;
}

Problem check_principal(const Json &v) {
  if (v.is_string()) {
    if (v == "*")
      return std::nullopt;
    return fmt::format("Invalid principal in policy: {}", v.dump());
  }
  if (!v.is_object() || v.empty())
    return "Syntax errors in policy.";
  static const re2::RE2 account(R"(\d{12})");
  static const re2::RE2 iam_arn(
      R"(arn:aws[a-z\-]*:(iam|sts)::(\d{12}|aws):[A-Za-z0-9+=,.@_/\-*]+)");
  for (const auto &[kind, value] : v.items()) {
    auto names = strings_of(value);
    if (!names)
      return "Syntax errors in policy.";
    for (const auto &n : *names) {
      bool ok = true;
      if (kind == "AWS")
        ok = n == "*" || RE2::FullMatch(n, account) || RE2::FullMatch(n, iam_arn);
      else if (kind == "Service")
        ok = !n.empty() && n.find('.') != std::string::npos && n.find(' ') == std::string::npos;
      else if (kind == "Federated")
        ok = !n.empty();
      else if (kind == "CanonicalUser")
        ok = n.size() == 64;
      else
        return fmt::format("Invalid principal in policy: \"{}\"", kind);
      if (!ok)
        return fmt::format("Invalid principal in policy: \"{}\":\"{}\"", kind, n);
    }
  }
  return std::nullopt;
}

Problem check_condition(const Json &v) {
  if (!v.is_object())
    return "Syntax errors in policy.";
  static const re2::RE2 op(
      R"((ForAnyValue:|ForAllValues:)?(StringEquals|StringNotEquals|StringEqualsIgnoreCase|)"
      R"(StringNotEqualsIgnoreCase|StringLike|StringNotLike|NumericEquals|NumericNotEquals|)"
      R"(NumericLessThan|NumericLessThanEquals|NumericGreaterThan|NumericGreaterThanEquals|)"
      R"(DateEquals|DateNotEquals|DateLessThan|DateLessThanEquals|DateGreaterThan|)"
      R"(DateGreaterThanEquals|Bool|BinaryEquals|IpAddress|NotIpAddress|ArnEquals|ArnLike|)"
      R"(ArnNotEquals|ArnNotLike)(IfExists)?|Null)");
  for (const auto &[name, body] : v.items()) {
    if (!RE2::FullMatch(name, op))
      return fmt::format("Invalid Condition type : {}.", name);
    if (!body.is_object() || body.empty())
      return "Syntax errors in policy.";
    for (const auto &[key, values] : body.items()) {
      if (key.empty())
        return "Syntax errors in policy.";
      if (!values.is_primitive() && !values.is_array())
        return "Syntax errors in policy.";
    }
  }
  return std::nullopt;
}

Problem check_statement(const Json &s, PolicyKind kind, std::set<std::string> &sids) {
  if (!s.is_object())
    return "Syntax errors in policy.";
  static const std::set<std::string> known = {"Sid",          "Effect",      "Principal",
                                              "NotPrincipal", "Action",      "NotAction",
                                              "Resource",     "NotResource", "Condition"};
  for (const auto &[key, value] : s.items())
    if (!known.count(key))
      return "Syntax errors in policy.";
  if (auto sid = s.find("Sid"); sid != s.end()) {
    if (!sid->is_string())
      return "Syntax errors in policy.";
    static const re2::RE2 alnum("[0-9A-Za-z]*");
    // Resource policies (SQS, SNS, S3) accept any Sid text; IAM wants alphanumerics.
    if (kind != PolicyKind::Resource && !RE2::FullMatch(sid->get<std::string>(), alnum))
      return "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the "
             "regular expression [0-9A-Za-z]*";
    if (!sid->get<std::string>().empty() && !sids.insert(sid->get<std::string>()).second)
      return "Statement IDs (SID) in a single policy must be unique.";
  }
  auto effect = s.find("Effect");
  if (effect == s.end())
    return "Missing required field Effect";
  if (!effect->is_string() || (*effect != "Allow" && *effect != "Deny"))
    return fmt::format("Invalid effect: {}",
                       effect->is_string() ? effect->get<std::string>() : effect->dump());
  bool action = s.contains("Action"), not_action = s.contains("NotAction");
  if (action == not_action)
    return action ? "Syntax errors in policy." : "Policy statement must contain actions.";
  if (auto p = check_actions(s[action ? "Action" : "NotAction"]))
    return p;
  bool principal = s.contains("Principal"), not_principal = s.contains("NotPrincipal");
  bool resource = s.contains("Resource"), not_resource = s.contains("NotResource");
  if (principal && not_principal)
    return "Syntax errors in policy.";
  if (resource && not_resource)
    return "Syntax errors in policy.";
  switch (kind) {
  case PolicyKind::Identity:
    if (principal || not_principal)
      return "Policy document should not specify a principal.";
    if (!resource && !not_resource)
      return "Policy statement must contain resources.";
    break;
  case PolicyKind::Trust:
    if (resource || not_resource)
      return "Has prohibited field Resource";
    if (!principal && !not_principal)
      return "Missing required field Principal";
    break;
  case PolicyKind::Resource:
    if (!principal && !not_principal)
      return "Missing required field Principal";
    break;
  }
  if (principal || not_principal)
    if (auto p = check_principal(s[principal ? "Principal" : "NotPrincipal"]))
      return p;
  if (resource || not_resource)
    if (auto p = check_resources(s[resource ? "Resource" : "NotResource"]))
      return p;
  if (auto c = s.find("Condition"); c != s.end())
    if (auto p = check_condition(*c))
      return p;
  return std::nullopt;
}

} // namespace

std::optional<std::string> policy_problem(std::string_view document, PolicyKind kind) {
  Json doc = Json::parse(document, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return "This policy contains invalid Json";
  for (const auto &[key, value] : doc.items())
    if (key != "Version" && key != "Id" && key != "Statement")
      return "Syntax errors in policy.";
  if (auto v = doc.find("Version"); v != doc.end())
    if (!v->is_string() || (*v != "2012-10-17" && *v != "2008-10-17"))
      return "The policy failed legacy parsing";
  auto statements = doc.find("Statement");
  if (statements == doc.end())
    return "Syntax errors in policy.";
  std::set<std::string> sids;
  if (statements->is_object())
    return check_statement(*statements, kind, sids);
  if (!statements->is_array() || statements->empty())
    return "Syntax errors in policy.";
  for (const auto &s : *statements)
    if (auto p = check_statement(s, kind, sids))
      return p;
  return std::nullopt;
}

} // namespace cfnlocal::services::embedded
