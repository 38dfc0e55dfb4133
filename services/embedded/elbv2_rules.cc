// Listener rules of the embedded Elastic Load Balancing v2: CreateRule, DescribeRules,
// ModifyRule, SetRulePriorities, DeleteRule ("Listener rules for your Application Load
// Balancer"). Every listener has a default rule (priority "default", no conditions, the
// listener's default actions) that can be modified but not deleted or reprioritised. Rules are
// for Application Load Balancers; priorities (1-50000) are unique per listener; conditions are
// checked per field, with at most five condition values per rule.
#include "services/embedded/ec2_common.h"
#include "services/embedded/elbv2_common.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <set>

namespace cfnlocal::services::embedded::elbv2 {
namespace {

Json default_rule(const Json &listener) {
  return {{"RuleArn", listener.value("_DefaultRuleArn", "")},
          {"Priority", "default"},
          {"Conditions", Json::array()},
          {"Actions", listener.value("DefaultActions", Json::array())},
          {"IsDefault", true}};
}

std::vector<std::string> values_of(const Json &config, std::string_view field) {
  std::vector<std::string> out;
  if (!config.is_object())
    return out;
  for (const auto &v : config.value("Values", Json::array())) {
    if (!v.is_string())
      invalid(fmt::format("The values of a '{}' condition must be strings", field));
    out.push_back(v.get<std::string>());
  }
  return out;
}

Json checked_conditions(const Json &conditions) {
  if (!conditions.is_array() || conditions.empty())
    invalid("A rule must have at least one condition");
  Json out = Json::array();
  std::set<std::string> once;
  size_t total = 0;
  static const RE2 kHost("^[A-Za-z0-9\\-.*?]+$");
  static const RE2 kPath("^[A-Za-z0-9_\\-.$/~\"'@:+&()!,;=*?%]+$");
  static const RE2 kMethod("^[A-Z_\\-]+$");
  static const RE2 kHeaderName("^[A-Za-z0-9!#$%&'*+\\-.^_`|~]+$");
  for (const auto &cond : conditions) {
    std::string field = cond.value("Field", "");
    Json result = {{"Field", field}};
    auto plain = cond.contains("Values") && cond["Values"].is_array() ? values_of(cond, field)
                                                                      : std::vector<std::string>{};
    auto config = [&](const char *member) -> Json {
      return cond.contains(member) && cond[member].is_object() ? cond[member] : Json();
    };
    if (field == "host-header" || field == "path-pattern") {
      const char *member = field == "host-header" ? "HostHeaderConfig" : "PathPatternConfig";
      auto configured = values_of(config(member), field);
      if (!plain.empty() && !configured.empty() && plain != configured)
        invalid(fmt::format("A '{}' condition cannot have different Values and {}", field, member));
      auto values = plain.empty() ? configured : plain;
      if (values.empty())
        invalid(fmt::format("A '{}' condition must have at least one value", field));
      for (const auto &v : values)
        if (v.size() > 128 || !RE2::FullMatch(v, field == "host-header" ? kHost : kPath))
          invalid(fmt::format("The value '{}' is not valid for a '{}' condition", v, field));
      if (!plain.empty())
        result["Values"] = values;
      result[member] = {{"Values", values}};
      total += values.size();
    } else if (field == "http-header") {
      Json c = config("HttpHeaderConfig");
      std::string name = c.is_object() ? c.value("HttpHeaderName", "") : "";
      if (name.empty() || name.size() > 40 || !RE2::FullMatch(name, kHeaderName))
        invalid(
            fmt::format("An 'http-header' condition needs a valid HttpHeaderName, not '{}'", name));
      auto values = values_of(c, field);
      if (values.empty())
        invalid("An 'http-header' condition must have at least one value");
      for (const auto &v : values)
        if (v.size() > 128)
          invalid(fmt::format("The value '{}' is not valid for an 'http-header' condition", v));
      result["HttpHeaderConfig"] = {{"HttpHeaderName", name}, {"Values", values}};
      total += values.size();
    } else if (field == "http-request-method") {
      auto values = values_of(config("HttpRequestMethodConfig"), field);
      if (values.empty())
        invalid("An 'http-request-method' condition must have at least one value");
      for (const auto &v : values)
        if (v.size() > 40 || !RE2::FullMatch(v, kMethod))
          invalid(fmt::format("The value '{}' is not valid for an 'http-request-method' "
                              "condition",
                              v));
      result["HttpRequestMethodConfig"] = {{"Values", values}};
      total += values.size();
    } else if (field == "query-string") {
      Json c = config("QueryStringConfig");
      Json pairs = Json::array();
      for (const auto &p : c.is_object() ? c.value("Values", Json::array()) : Json::array()) {
        if (!p.is_object() || !p.contains("Value") || !p["Value"].is_string() ||
            p["Value"].get<std::string>().empty())
          invalid("Each 'query-string' condition value must have a Value");
        Json pair = {{"Value", p["Value"]}};
        if (p.contains("Key") && p["Key"].is_string())
          pair = {{"Key", p["Key"]}, {"Value", p["Value"]}};
        pairs.push_back(pair);
      }
      if (pairs.empty())
        invalid("A 'query-string' condition must have at least one value");
      result["QueryStringConfig"] = {{"Values", pairs}};
      total += pairs.size();
    } else if (field == "source-ip") {
      auto values = values_of(config("SourceIpConfig"), field);
      if (values.empty())
        invalid("A 'source-ip' condition must have at least one value");
      static const RE2 kCidr6("^[0-9A-Fa-f:]+/\\d{1,3}$");
      for (const auto &v : values)
        if (!ec2::parse_cidr4(v, false) && !RE2::FullMatch(v, kCidr6))
          invalid(fmt::format("The value '{}' is not a valid CIDR block for a 'source-ip' "
                              "condition",
                              v));
      result["SourceIpConfig"] = {{"Values", values}};
      total += values.size();
    } else {
      invalid(fmt::format("Condition field '{}' must be one of host-header, path-pattern, "
                          "http-header, http-request-method, query-string, source-ip",
                          field));
    }
    if (field != "http-header" && field != "query-string" && !once.insert(field).second)
      invalid(fmt::format("A rule can have only one '{}' condition", field));
    out.push_back(result);
  }
  if (total > 5)
    invalid("A rule can only have '5' condition values");
  return out;
}

struct Scope {
  Json listener;
  Json lb;
};

Scope scope_of(Context &c, const std::string &listener_arn) {
  Scope s{load(c, "listener", listener_arn), Json()};
  s.lb = load(c, "load-balancer", s.listener.value("LoadBalancerArn", ""));
  return s;
}

Json actions_for(Context &c, const Scope &s, const Json &actions) {
  return checked_actions(c, actions, s.lb.value("Type", ""), s.lb.value("LoadBalancerArn", ""),
                         s.lb.value("VpcId", ""), s.listener.value("Protocol", ""));
}

void check_priority_free(Context &c, const std::string &listener_arn, int64_t priority,
                         const std::string &except) {
  for (const auto &r : all(c, "rule"))
    if (r.value("_ListenerArn", "") == listener_arn && r.value("RuleArn", "") != except &&
        r.value("Priority", "") == std::to_string(priority))
      fail("PriorityInUse", fmt::format("Priority '{}' is currently in use", priority));
}

// The rule (default or not) with `arn`, and its listener.
std::pair<Json, Json> find_rule(Context &c, const std::string &arn) {
  if (auto r = find(c, "rule", arn))
    return {*r, load(c, "listener", r->value("_ListenerArn", ""))};
  for (const auto &l : all(c, "listener"))
    if (l.value("_DefaultRuleArn", "") == arn)
      return {default_rule(l), l};
  fail("RuleNotFound", "One or more rules not found");
}

Json create_rule(Context &c, const Json &input) {
  std::string listener_arn = required(input, "ListenerArn");
  Scope s = scope_of(c, listener_arn);
  if (s.lb.value("Type", "") != "application")
    fail("InvalidConfigurationRequest",
         fmt::format("Rules are supported only for listeners of Application Load Balancers, not "
                     "of load balancers of type '{}'",
                     s.lb.value("Type", "")));
  auto priority = bounded_int(input, "Priority", 1, 50000);
  if (!priority)
    invalid("A rule priority must be specified");
  check_priority_free(c, listener_arn, *priority, "");
  size_t count = 0;
  for (const auto &r : all(c, "rule"))
    count += r.value("_ListenerArn", "") == listener_arn;
  if (count >= 100)
    fail("TooManyRules", "You've reached the limit on the number of rules per load balancer");
  Json conditions = checked_conditions(input.value("Conditions", Json()));
  Json actions = actions_for(c, s, input.value("Actions", Json()));
  // "listener/app/NAME/LB/LISTENER" -> "listener-rule/app/NAME/LB/LISTENER/RULE".
  std::string path = listener_arn.substr(listener_arn.find(":listener/") + 10);
  std::string arn = arn_of(c, fmt::format("listener-rule/{}/{}", path, new_id()));
  Json rule = {{"RuleArn", arn},           {"Priority", std::to_string(*priority)},
               {"Conditions", conditions}, {"Actions", actions},
               {"IsDefault", false},       {"_ListenerArn", listener_arn}};
  add_tags(c, arn, input.value("Tags", Json()));
  save(c, "rule", arn, rule);
  return {{"Rules", {shown(rule)}}};
}

Json describe_rules(Context &c, const Json &input) {
  auto listener_arn = optional_string(input, "ListenerArn");
  auto arns = strings(input, "RuleArns");
  if (!listener_arn && arns.empty())
    invalid("You must specify either listener ARN or rule ARNs");
  if (listener_arn && !arns.empty())
    invalid("Listener ARN and rule ARNs cannot be specified at the same time");
  std::vector<Json> items;
  if (listener_arn) {
    Json listener = load(c, "listener", *listener_arn);
    std::vector<Json> rules;
    for (const auto &r : all(c, "rule"))
      if (r.value("_ListenerArn", "") == *listener_arn)
        rules.push_back(r);
    std::sort(rules.begin(), rules.end(), [](const Json &a, const Json &b) {
      return std::stoi(a.value("Priority", "0")) < std::stoi(b.value("Priority", "0"));
    });
    for (const auto &r : rules)
      items.push_back(shown(r));
    items.push_back(default_rule(listener));
  } else {
    for (const auto &arn : arns)
      items.push_back(shown(find_rule(c, arn).first));
  }
  Json out = Json::object();
  out["Rules"] = page(input, items, out);
  return out;
}

Json modify_rule(Context &c, const Json &input) {
  std::string arn = required(input, "RuleArn");
  auto [rule, listener] = find_rule(c, arn);
  Scope s = scope_of(c, listener.value("ListenerArn", ""));
  bool is_default = rule.value("IsDefault", false);
  if (input.contains("Conditions") && !input["Conditions"].is_null()) {
    if (is_default)
      fail("OperationNotPermitted", "The conditions of a default rule cannot be modified");
    rule["Conditions"] = checked_conditions(input["Conditions"]);
  }
  if (input.contains("Actions") && !input["Actions"].is_null())
    rule["Actions"] = actions_for(c, s, input["Actions"]);
  if (is_default) {
    listener["DefaultActions"] = rule["Actions"];
    save(c, "listener", listener.value("ListenerArn", ""), listener);
  } else {
    save(c, "rule", arn, rule);
  }
  return {{"Rules", {shown(rule)}}};
}

Json set_rule_priorities(Context &c, const Json &input) {
  Json pairs = input.value("RulePriorities", Json::array());
  if (!pairs.is_array() || pairs.empty())
    invalid("At least one rule priority must be specified");
  std::vector<Json> changed;
  for (const auto &p : pairs) {
    std::string arn = p.value("RuleArn", "");
    auto [rule, listener] = find_rule(c, arn);
    if (rule.value("IsDefault", false))
      fail("OperationNotPermitted", "The priority of a default rule cannot be changed");
    auto priority = bounded_int(p, "Priority", 1, 50000);
    if (!priority)
      invalid("A rule priority must be specified");
    rule["Priority"] = std::to_string(*priority);
    changed.push_back(rule);
  }
  // Priorities must stay unique per listener once every change is applied.
  std::set<std::string> moved;
  for (const auto &r : changed)
    moved.insert(r.value("RuleArn", ""));
  std::set<std::pair<std::string, std::string>> taken;
  for (const auto &r : all(c, "rule"))
    if (!moved.count(r.value("RuleArn", "")))
      taken.insert({r.value("_ListenerArn", ""), r.value("Priority", "")});
  for (const auto &r : changed)
    if (!taken.insert({r.value("_ListenerArn", ""), r.value("Priority", "")}).second)
      fail("PriorityInUse",
           fmt::format("Priority '{}' is currently in use", r.value("Priority", "")));
  Json out = Json::array();
  for (const auto &r : changed) {
    save(c, "rule", r.value("RuleArn", ""), r);
    out.push_back(shown(r));
  }
  return {{"Rules", out}};
}

Json delete_rule(Context &c, const Json &input) {
  std::string arn = required(input, "RuleArn");
  auto [rule, listener] = find_rule(c, arn);
  if (rule.value("IsDefault", false))
    fail("OperationNotPermitted", "A default rule cannot be deleted");
  erase(c, "rule", arn);
  return Json::object();
}

} // namespace

const HandlerTable &rule_handlers() {
  static const HandlerTable table = {
      {"CreateRule", create_rule}, {"DescribeRules", describe_rules},
      {"ModifyRule", modify_rule}, {"SetRulePriorities", set_rule_priorities},
      {"DeleteRule", delete_rule},
  };
  return table;
}

} // namespace cfnlocal::services::embedded::elbv2
