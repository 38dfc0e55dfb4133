// DeploymentPreference: gradual deployments of a function's alias with CodeDeploy. Every function
// with a preference gets a deployment group; the CodeDeploy application and the service role are
// shared by all of them, and exist under the functions' conditions when each of them passes its
// condition through.

#include "transforms/sam/function_parts.h"

#include <algorithm>
#include <set>

namespace cfnlocal::transforms::sam {

namespace {

constexpr const char *application_id = "ServerlessDeploymentApplication";
constexpr const char *service_role_id = "CodeDeployServiceRole";
constexpr const char *shared_condition = "ServerlessCodeDeployCondition";

const std::set<std::string> &predefined_configs() {
  static const std::set<std::string> names = {"Canary10Percent30Minutes",
                                              "Canary10Percent5Minutes",
                                              "Canary10Percent10Minutes",
                                              "Canary10Percent15Minutes",
                                              "Linear10PercentEvery10Minutes",
                                              "Linear10PercentEvery1Minute",
                                              "Linear10PercentEvery2Minutes",
                                              "Linear10PercentEvery3Minutes",
                                              "AllAtOnce"};
  return names;
}

/// Ref to a parameter and Fn::FindInMap over the template's mappings, resolved where the
/// translator resolves them in a preference; anything else is returned unchanged.
Json resolve(const Context &ctx, const Json &v) {
  if (!v.is_object() || v.size() != 1)
    return v;
  if (v.contains("Ref"))
    return resolve_parameter_refs(v, ctx.params);
  if (v.contains("Fn::FindInMap")) {
    const Json &args = v["Fn::FindInMap"];
    if (!args.is_array() || args.size() != 3)
      return v;
    std::vector<std::string> keys;
    for (const auto &a : args) {
      Json k = resolve(ctx, a);
      if (!k.is_string())
        return v;
      keys.push_back(k.get<std::string>());
    }
    const Json &m = get(get(get(get(ctx.tmpl, "Mappings"), keys[0]), keys[1]), keys[2]);
    return m.is_null() ? v : m;
  }
  if (v.contains("Fn::Sub"))
    return resolve_parameter_refs(v, ctx.params);
  return v;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

/// PassthroughCondition: whether the function's Condition goes onto its CodeDeploy resources.
bool passthrough_condition(const Context &ctx, const std::string &id, const Json &pref) {
  if (!has(pref, "PassthroughCondition"))
    return false;
  Json v = resolve(ctx, pref["PassthroughCondition"]);
  if (is_intrinsic(v))
    throw InvalidResource{id, "Unsupported intrinsic: the only intrinsic functions supported for "
                              "property PassthroughCondition are FindInMap and parameter Refs."};
  if (v.is_boolean())
    return v.get<bool>();
  if (v.is_number_integer() || v.is_number_unsigned())
    return v != 0;
  if (v.is_string()) {
    std::string s = lower(v.get<std::string>());
    if (s == "true")
      return true;
    if (s == "false")
      return false;
  }
  throw InvalidResource{id, "Invalid value for property PassthroughCondition."};
}

/// DeploymentConfigName: SAM's predefined names become CodeDeploy's "CodeDeployDefault.Lambda..."
/// configurations, other names are custom configurations; Fn::If branches are mapped alike.
Json deployment_config_name(const Context &ctx, const Json &type) {
  Json v = resolve(ctx, type);
  if (is_intrinsic(v) && v.contains("Fn::If") && v["Fn::If"].is_array() &&
      v["Fn::If"].size() == 3) {
    Json branches = v["Fn::If"];
    branches[1] = deployment_config_name(ctx, branches[1]);
    branches[2] = deployment_config_name(ctx, branches[2]);
    return Json{{"Fn::If", branches}};
  }
  std::string name;
  if (v.is_string())
    name = v.get<std::string>();
  else if (is_intrinsic(v) && v.contains("Fn::Sub") && v["Fn::Sub"].is_string())
    name = v["Fn::Sub"].get<std::string>();
  if (predefined_configs().count(name))
    return make_sub("CodeDeployDefault.Lambda${ConfigName}", Json{{"ConfigName", name}});
  return v;
}

Json alarm_configuration(const std::string &id, const Json &alarms) {
  if (alarms.is_array()) {
    if (alarms.empty())
      return nullptr;
    Json list = Json::array();
    for (const auto &a : alarms)
      list.push_back(Json{{"Name", a}});
    return Json{{"Alarms", list}, {"Enabled", true}};
  }
  if (is_intrinsic(alarms) && alarms.contains("Fn::If")) {
    const Json &args = alarms["Fn::If"];
    if (!args.is_array() || args.size() != 3)
      throw InvalidResource{id, "Fn::If requires 3 arguments"};
    if (!args[1].is_array() || !args[2].is_array())
      throw InvalidResource{id, "Alarms must be a list"};
    Json branches = args;
    for (int i : {1, 2}) {
      Json list = Json::array();
      for (const auto &a : args[i])
        list.push_back(Json{{"Name", a}});
      branches[i] = Json{{"Alarms", list}, {"Enabled", true}};
    }
    return Json{{"Fn::If", branches}};
  }
  throw InvalidResource{id, "Alarms must be a list"};
}

/// The condition of the shared CodeDeploy resources: none as soon as one function's group is
/// unconditional, else the functions' conditions (one, or Fn::Or of them).
void update_shared_condition(Context &ctx) {
  std::vector<std::string> conditions;
  bool unconditional = false;
  for (const auto &c : ctx.codedeploy_conditions) {
    if (!c.is_string()) {
      unconditional = true;
      continue;
    }
    if (std::find(conditions.begin(), conditions.end(), c.get<std::string>()) == conditions.end())
      conditions.push_back(c.get<std::string>());
  }
  Json condition;
  if (!unconditional && conditions.size() == 1)
    condition = conditions[0];
  else if (!unconditional && !conditions.empty())
    condition = shared_condition;
  Json &all = ctx.tmpl["Conditions"];
  if (!all.is_object())
    all = Json::object();
  if (condition == shared_condition) {
    Json any = Json::array();
    for (const auto &c : conditions)
      any.push_back(Json{{"Condition", c}});
    all[shared_condition] = Json{{"Fn::Or", any}};
  } else {
    all.erase(shared_condition);
  }
  for (const char *shared : {application_id, service_role_id}) {
    if (!ctx.out.contains(shared))
      continue;
    if (condition.is_null())
      ctx.out[shared].erase("Condition");
    else
      ctx.out[shared]["Condition"] = condition;
  }
}

} // namespace

bool deployment_preference_enabled(const Context &ctx, const Json &pref) {
  if (!pref.is_object() || !has(pref, "Enabled"))
    return true;
  Json enabled = resolve(ctx, pref["Enabled"]);
  if (enabled.is_boolean())
    return enabled.get<bool>();
  if (enabled.is_string())
    return lower(enabled.get<std::string>()) != "false";
  return true;
}

void check_deployment_preference(const std::string &id, const Json &pref) {
  if (!pref.is_object())
    throw InvalidResource{id, "Property 'DeploymentPreference' should be a map."};
  if (!has(pref, "Type") && !has(pref, "Enabled"))
    throw InvalidResource{id, "'DeploymentPreference' is missing required Property 'Type'"};
  const Json &hooks = get(pref, "Hooks");
  if (!hooks.is_null() && !hooks.is_object())
    throw InvalidResource{id, "'Hooks' property of 'DeploymentPreference' must be a dictionary"};
}

void add_deployment_preference(Context &ctx, const std::string &id, const Json &pref,
                               const Json &attributes, Json &alias) {
  check_deployment_preference(id, pref);
  if (!deployment_preference_enabled(ctx, pref))
    return;
  if (!has(pref, "Type"))
    throw InvalidResource{id, "'DeploymentPreference' is missing required Property 'Type'"};
  Json condition = passthrough_condition(ctx, id, pref) ? get(attributes, "Condition") : Json();

  if (!ctx.out.contains(application_id))
    ctx.add(application_id, Json{{"Type", "AWS::CodeDeploy::Application"},
                                 {"Properties", Json{{"ComputePlatform", "Lambda"}}}});
  Json group = Json::object();
  group["ApplicationName"] = make_ref(application_id);
  group["AutoRollbackConfiguration"] =
      Json{{"Enabled", true},
           {"Events", Json::array({"DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM",
                                   "DEPLOYMENT_STOP_ON_REQUEST"})}};
  group["DeploymentConfigName"] = deployment_config_name(ctx, pref["Type"]);
  group["DeploymentStyle"] =
      Json{{"DeploymentOption", "WITH_TRAFFIC_CONTROL"}, {"DeploymentType", "BLUE_GREEN"}};
  if (has(pref, "Alarms")) {
    Json alarms = alarm_configuration(id, pref["Alarms"]);
    if (!alarms.is_null())
      group["AlarmConfiguration"] = alarms;
  }
  if (has(pref, "Role")) {
    group["ServiceRoleArn"] = pref["Role"];
  } else {
    group["ServiceRoleArn"] = make_getatt(service_role_id, "Arn");
    if (!ctx.out.contains(service_role_id))
      ctx.add(service_role_id,
              Json{{"Type", "AWS::IAM::Role"},
                   {"Properties", Json{{"AssumeRolePolicyDocument",
                                        assume_role_policy_for("codedeploy.amazonaws.com")},
                                       {"ManagedPolicyArns",
                                        Json::array({aws_policy_arn(
                                            ctx, "service-role/AWSCodeDeployRoleForLambda")})}}}});
  }
  if (has(pref, "TriggerConfigurations"))
    group["TriggerConfigurations"] = pref["TriggerConfigurations"];
  Json group_resource = Json{{"Type", "AWS::CodeDeploy::DeploymentGroup"}, {"Properties", group}};
  if (condition.is_string())
    group_resource["Condition"] = condition;
  ctx.add(id + "DeploymentGroup", group_resource);
  ctx.codedeploy_conditions.push_back(condition.is_string() ? condition : Json());
  update_shared_condition(ctx);

  Json update = Json{{"ApplicationName", make_ref(application_id)},
                     {"DeploymentGroupName", make_ref(id + "DeploymentGroup")}};
  const Json &hooks = get(pref, "Hooks");
  if (hooks.is_object()) {
    if (hooks.contains("PreTraffic"))
      update["BeforeAllowTrafficHook"] = hooks["PreTraffic"];
    if (hooks.contains("PostTraffic"))
      update["AfterAllowTrafficHook"] = hooks["PostTraffic"];
  }
  alias["UpdatePolicy"] = Json{{"CodeDeployLambdaAliasUpdate", update}};
}

} // namespace cfnlocal::transforms::sam
