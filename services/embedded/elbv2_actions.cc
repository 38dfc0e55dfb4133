// Listener and rule actions as ELB checks them ("Listener rules for your Application Load
// Balancer", "Listeners for your Network Load Balancers"; Action in the Elastic Load Balancing
// API Reference): one terminal action (forward, redirect, fixed-response) that comes last;
// authenticate-* before it on HTTPS listeners of Application Load Balancers; forward to target
// groups that exist, share the load balancer's VPC and speak a compatible protocol.
#include "services/embedded/elbv2_common.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <set>

namespace cfnlocal::services::embedded::elbv2 {
namespace {

[[noreturn]] void bad_action(std::string message) {
  fail("InvalidLoadBalancerAction", std::move(message));
}

bool terminal(const std::string &type) {
  return type == "forward" || type == "redirect" || type == "fixed-response";
}

// Whether a listener of `listener_protocol` may forward to a target group `group`.
bool compatible(const std::string &lb_type, const std::string &listener_protocol,
                const Json &group) {
  std::string protocol = group.value("Protocol", "");
  std::string target_type = group.value("TargetType", "instance");
  if (lb_type == "application")
    return target_type == "lambda" || protocol == "HTTP" || protocol == "HTTPS";
  if (lb_type == "gateway")
    return protocol == "GENEVE";
  if (listener_protocol == "TLS")
    return protocol == "TLS" || protocol == "TCP";
  return protocol == listener_protocol;
}

Json checked_forward(Context &c, const Json &action, const std::string &lb_type,
                     const std::string &lb_arn, const std::string &vpc_id,
                     const std::string &listener_protocol) {
  Json groups = Json::array();
  Json stickiness = {{"Enabled", false}};
  if (action.contains("ForwardConfig") && action["ForwardConfig"].is_object()) {
    const Json &config = action["ForwardConfig"];
    for (const auto &g : config.value("TargetGroups", Json::array())) {
      auto weight = bounded_int(g, "Weight", 0, 999).value_or(1);
      groups.push_back({{"TargetGroupArn", g.value("TargetGroupArn", "")}, {"Weight", weight}});
    }
    if (config.contains("TargetGroupStickinessConfig") &&
        config["TargetGroupStickinessConfig"].is_object()) {
      const Json &s = config["TargetGroupStickinessConfig"];
      stickiness["Enabled"] = optional_bool(s, "Enabled", false);
      if (auto d = bounded_int(s, "DurationSeconds", 1, 604800))
        stickiness["DurationSeconds"] = *d;
    }
  }
  std::string single = action.value("TargetGroupArn", "");
  if (!single.empty()) {
    if (!groups.empty() && (groups.size() != 1 || groups[0]["TargetGroupArn"] != single))
      bad_action("You cannot specify both a target group ARN and a forward configuration with "
                 "other target groups");
    if (groups.empty())
      groups.push_back({{"TargetGroupArn", single}, {"Weight", 1}});
  }
  if (groups.empty())
    invalid("A target group ARN must be specified for a forward action");
  if (groups.size() > 5)
    bad_action("A forward action can have at most 5 target groups");
  if (groups.size() > 1 && lb_type != "application")
    bad_action(fmt::format("Forwarding to multiple target groups is not supported for load "
                           "balancers of type '{}'",
                           lb_type));
  std::set<std::string> seen;
  for (const auto &g : groups) {
    std::string arn = g["TargetGroupArn"];
    if (!seen.insert(arn).second)
      invalid(fmt::format("Target group '{}' is specified more than once", arn));
    auto group = find(c, "target-group", arn);
    if (!group)
      fail("TargetGroupNotFound", fmt::format("Target group '{}' not found", arn));
    std::string group_vpc = group->value("VpcId", "");
    if (!group_vpc.empty() && group_vpc != vpc_id)
      fail("InvalidConfigurationRequest",
           fmt::format("The target group '{}' is in VPC '{}', not in the load balancer's VPC '{}'",
                       arn, group_vpc, vpc_id));
    if (!compatible(lb_type, listener_protocol, *group))
      fail("IncompatibleProtocols",
           fmt::format("The target group '{}' with protocol '{}' is not compatible with a {} "
                       "listener of a load balancer of type '{}'",
                       arn, group->value("Protocol", "none"), listener_protocol, lb_type));
    if (lb_type != "application")
      for (const auto &other : load_balancers_of_group(c, arn))
        if (other != lb_arn)
          fail("TargetGroupAssociationLimit",
               fmt::format("The following target groups cannot be associated with more than "
                           "one load balancer: {}",
                           arn));
  }
  Json out = {
      {"Type", "forward"},
      {"ForwardConfig", {{"TargetGroups", groups}, {"TargetGroupStickinessConfig", stickiness}}}};
  if (groups.size() == 1)
    out["TargetGroupArn"] = groups[0]["TargetGroupArn"];
  return out;
}

Json checked_redirect(const Json &action) {
  if (!action.contains("RedirectConfig") || !action["RedirectConfig"].is_object())
    invalid("A redirect configuration must be specified for a redirect action");
  const Json &config = action["RedirectConfig"];
  std::string status = config.value("StatusCode", "");
  if (status != "HTTP_301" && status != "HTTP_302")
    invalid(fmt::format("1 validation error detected: Value '{}' at 'redirectConfig.statusCode' "
                        "failed to satisfy constraint: Member must satisfy enum value set: "
                        "[HTTP_301, HTTP_302]",
                        status));
  Json out = {{"Protocol", config.value("Protocol", "#{protocol}")},
              {"Port", config.value("Port", "#{port}")},
              {"Host", config.value("Host", "#{host}")},
              {"Path", config.value("Path", "/#{path}")},
              {"Query", config.value("Query", "#{query}")},
              {"StatusCode", status}};
  std::string protocol = out["Protocol"];
  if (protocol != "HTTP" && protocol != "HTTPS" && protocol != "#{protocol}")
    invalid(fmt::format("Redirect protocol '{}' must be HTTP, HTTPS or #{{protocol}}", protocol));
  std::string port = out["Port"];
  if (port != "#{port}") {
    int n = 0;
    try {
      n = std::stoi(port);
    } catch (const std::exception &) {
    }
    if (n < 1 || n > 65535 || std::to_string(n) != port)
      invalid(
          fmt::format("Redirect port '{}' must be a number from 1 to 65535 or #{{port}}", port));
  }
  std::string path = out["Path"];
  if (path.empty() || path.front() != '/')
    invalid(fmt::format("Redirect path '{}' must start with a '/'", path));
  if (protocol == "#{protocol}" && port == "#{port}" && out["Host"] == "#{host}" &&
      path == "/#{path}" && out["Query"] == "#{query}")
    bad_action("The redirect configuration is not valid because it creates a loop.");
  return {{"Type", "redirect"}, {"RedirectConfig", out}};
}

Json checked_fixed_response(const Json &action) {
  if (!action.contains("FixedResponseConfig") || !action["FixedResponseConfig"].is_object())
    invalid("A fixed-response configuration must be specified for a fixed-response action");
  const Json &config = action["FixedResponseConfig"];
  std::string status = config.value("StatusCode", "");
  static const RE2 kStatus("^(2|4|5)\\d\\d$");
  if (!RE2::FullMatch(status, kStatus))
    invalid(fmt::format("1 validation error detected: Value '{}' at "
                        "'fixedResponseConfig.statusCode' failed to satisfy constraint: Member "
                        "must satisfy regular expression pattern: ^(2|4|5)\\d\\d$",
                        status));
  Json out = {{"StatusCode", status}};
  if (config.contains("ContentType") && config["ContentType"].is_string()) {
    std::string type = config["ContentType"];
    static const std::set<std::string> kTypes = {"text/plain", "text/css", "text/html",
                                                 "application/javascript", "application/json"};
    if (!kTypes.count(type))
      invalid(fmt::format("Content type '{}' must be one of text/plain, text/css, text/html, "
                          "application/javascript, application/json",
                          type));
    out["ContentType"] = type;
  }
  if (config.contains("MessageBody") && config["MessageBody"].is_string()) {
    std::string body = config["MessageBody"];
    if (body.size() > 1024)
      invalid("The message body of a fixed-response action can have at most 1024 characters");
    out["MessageBody"] = body;
  }
  return {{"Type", "fixed-response"}, {"FixedResponseConfig", out}};
}

Json checked_authenticate(const Json &action, const std::string &type) {
  bool oidc = type == "authenticate-oidc";
  const char *member = oidc ? "AuthenticateOidcConfig" : "AuthenticateCognitoConfig";
  if (!action.contains(member) || !action[member].is_object())
    invalid(fmt::format("{} must be specified for an {} action", member, type));
  Json config = action[member];
  std::vector<const char *> needed =
      oidc ? std::vector<const char *>{"Issuer", "AuthorizationEndpoint", "TokenEndpoint",
                                       "UserInfoEndpoint", "ClientId"}
           : std::vector<const char *>{"UserPoolArn", "UserPoolClientId", "UserPoolDomain"};
  for (const char *n : needed)
    if (!config.contains(n) || !config[n].is_string() || config[n].get<std::string>().empty())
      invalid(fmt::format("A value for '{}' must be specified in {}", n, member));
  if (oidc) {
    bool reuse = optional_bool(config, "UseExistingClientSecret", false);
    if (!reuse && (!config.contains("ClientSecret") || !config["ClientSecret"].is_string()))
      invalid("A client secret must be specified for an authenticate-oidc action");
    // ELB never returns the client secret.
    config.erase("ClientSecret");
    config.erase("UseExistingClientSecret");
  }
  if (!config.contains("SessionCookieName"))
    config["SessionCookieName"] = "AWSELBAuthSessionCookie";
  if (!config.contains("Scope"))
    config["Scope"] = "openid";
  if (!config.contains("SessionTimeout"))
    config["SessionTimeout"] = 604800;
  if (!config.contains("OnUnauthenticatedRequest"))
    config["OnUnauthenticatedRequest"] = "authenticate";
  std::string on = config["OnUnauthenticatedRequest"];
  if (on != "deny" && on != "allow" && on != "authenticate")
    invalid(fmt::format("OnUnauthenticatedRequest '{}' must be deny, allow or authenticate", on));
  return {{"Type", type}, {member, config}};
}

} // namespace

Json checked_actions(Context &c, const Json &actions, const std::string &lb_type,
                     const std::string &lb_arn, const std::string &vpc_id,
                     const std::string &listener_protocol) {
  if (!actions.is_array() || actions.empty())
    invalid("At least one action must be specified");
  if (actions.size() > 5)
    fail("TooManyActions", "You've reached the limit on the number of actions per rule");
  bool any_order = false, all_order = true;
  for (const auto &a : actions) {
    bool has = a.is_object() && a.contains("Order") && !a["Order"].is_null();
    any_order = any_order || has;
    all_order = all_order && has;
  }
  if (any_order && !all_order)
    bad_action("If you specify the order of one action, you must specify the order of every "
               "action");
  std::vector<std::pair<int64_t, Json>> ordered;
  std::set<int64_t> orders;
  for (size_t i = 0; i < actions.size(); ++i) {
    const Json &a = actions[i];
    if (!a.is_object())
      invalid("Each action must be an object with a Type");
    int64_t order = any_order ? *bounded_int(a, "Order", 1, 50000) : static_cast<int64_t>(i + 1);
    if (!orders.insert(order).second)
      bad_action(fmt::format("Action order '{}' is used by more than one action", order));
    std::string type = a.value("Type", "");
    Json out;
    static const std::set<std::string> kTypes = {"forward", "redirect", "fixed-response",
                                                 "authenticate-oidc", "authenticate-cognito"};
    if (!kTypes.count(type))
      invalid(fmt::format("1 validation error detected: Value '{}' at 'type' failed to satisfy "
                          "constraint: Member must satisfy enum value set: [forward, "
                          "authenticate-oidc, authenticate-cognito, redirect, fixed-response]",
                          type));
    if (type != "forward" && lb_type != "application")
      bad_action(fmt::format("Action type '{}' is not supported for load balancers of type '{}'",
                             type, lb_type));
    if (type.starts_with("authenticate-") && listener_protocol != "HTTPS")
      bad_action(fmt::format("Action type '{}' is supported only on HTTPS listeners", type));
    if (type == "forward")
      out = checked_forward(c, a, lb_type, lb_arn, vpc_id, listener_protocol);
    else if (type == "redirect")
      out = checked_redirect(a);
    else if (type == "fixed-response")
      out = checked_fixed_response(a);
    else
      out = checked_authenticate(a, type);
    out["Order"] = order;
    ordered.emplace_back(order, std::move(out));
  }
  std::sort(ordered.begin(), ordered.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
  Json out = Json::array();
  size_t terminals = 0;
  for (size_t i = 0; i < ordered.size(); ++i) {
    std::string type = ordered[i].second["Type"];
    if (terminal(type)) {
      ++terminals;
      if (i + 1 != ordered.size())
        bad_action(fmt::format("The action type '{}' must be the last action", type));
    }
    out.push_back(ordered[i].second);
  }
  if (terminals != 1)
    bad_action("Exactly one of the actions must be of type forward, redirect or fixed-response");
  return out;
}

} // namespace cfnlocal::services::embedded::elbv2
