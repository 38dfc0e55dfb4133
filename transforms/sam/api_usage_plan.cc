// Auth.UsagePlan of a REST API: a usage plan, an API key and the key's association, either per
// API (<Api>UsagePlan, <Api>ApiKey, <Api>UsagePlanKey) or one set shared by every API that asks
// for it (ServerlessUsagePlan, ServerlessApiKey, ServerlessUsagePlanKey).
#include "transforms/sam/api.h"

#include <algorithm>
#include <set>

namespace cfnlocal::transforms::sam {

namespace {

constexpr const char *kSharedCondition = "SharedUsagePlanCondition";

void set_attributes(Json &resource, const Json &attributes) {
  for (const char *k : {"Condition", "DeletionPolicy", "UpdateReplacePolicy"}) {
    resource.erase(k);
    if (has(attributes, k))
      resource[k] = attributes[k];
  }
}

Json plan_properties(const Json &usage_plan, const Json &api_stages) {
  Json props = Json{{"ApiStages", api_stages}};
  for (const char *k : {"Description", "Quota", "Tags", "Throttle", "UsagePlanName"})
    if (has(usage_plan, k))
      props[k] = usage_plan[k];
  return props;
}

void add_resources(Context &ctx, const std::string &prefix, Json plan_props, const Json &depends,
                   const Json &stage_keys, const Json &attributes, const Json &tags) {
  Json key_props = Json{{"Enabled", true}, {"StageKeys", stage_keys}};
  if (tags.is_array() && !tags.empty()) {
    if (!plan_props.contains("Tags"))
      plan_props["Tags"] = tags;
    key_props["Tags"] = tags;
  }
  std::string plan_id = prefix + "UsagePlan", key_id = prefix + "ApiKey",
              plan_key_id = prefix + "UsagePlanKey";
  Json plan = Json{
      {"Type", "AWS::ApiGateway::UsagePlan"}, {"DependsOn", depends}, {"Properties", plan_props}};
  Json key = Json{{"Type", "AWS::ApiGateway::ApiKey"},
                  {"DependsOn", Json::array({plan_id})},
                  {"Properties", key_props}};
  Json plan_key = Json{{"Type", "AWS::ApiGateway::UsagePlanKey"},
                       {"DependsOn", Json::array({key_id})},
                       {"Properties", Json{{"KeyId", make_ref(key_id)},
                                           {"KeyType", "API_KEY"},
                                           {"UsagePlanId", make_ref(plan_id)}}}};
  for (Json *r : {&plan, &key, &plan_key})
    set_attributes(*r, attributes);
  ctx.add(plan_id, plan);
  ctx.add(key_id, key);
  ctx.add(plan_key_id, plan_key);
}

} // namespace

void add_usage_plan(Context &ctx, const std::string &api_id, const Json &auth,
                    const std::string &stage_id, const Json &attributes, const Json &tags) {
  if (!has(auth, "UsagePlan"))
    return;
  Json usage_plan = resolve_parameter_refs(auth["UsagePlan"], ctx.params);
  if (!usage_plan.is_object())
    throw InvalidResource{api_id, "'UsagePlan' must be a dictionary"};
  static const std::set<std::string> keys = {"CreateUsagePlan", "Description",  "Quota", "Tags",
                                             "Throttle",        "UsagePlanName"};
  for (auto it = usage_plan.begin(); it != usage_plan.end(); ++it)
    if (!keys.count(it.key()))
      throw InvalidResource{api_id, "Invalid property for 'UsagePlan'"};
  const Json &create = get(usage_plan, "CreateUsagePlan");
  if (create != "PER_API" && create != "SHARED" && create != "NONE")
    throw InvalidResource{api_id, "'CreateUsagePlan' accepts only NONE, PER_API and SHARED "
                                  "values."};
  if (create == "NONE")
    return;
  Json api_stage = Json{{"ApiId", make_ref(api_id)}, {"Stage", make_ref(stage_id)}};
  Json stage_key = Json{{"RestApiId", make_ref(api_id)}, {"StageName", make_ref(stage_id)}};
  if (create == "PER_API") {
    add_resources(ctx, api_id, plan_properties(usage_plan, Json::array({api_stage})),
                  Json::array({api_id}), Json::array({stage_key}), attributes, tags);
    for (const char *k : {"UsagePlan", "ApiKey", "UsagePlanKey"})
      ctx.renamed[api_id + "." + k] = api_id + k;
    return;
  }

  // SHARED: the resources collect every API's stage; they exist under the APIs' conditions
  // (all of them), and keep the strongest deletion policies any of them asks for.
  Json &shared = ctx.shared_usage_plan;
  if (!shared.is_object())
    shared = Json::object();
  if (!shared.contains("stages")) {
    shared["stages"] = Json::array();
    shared["keys"] = Json::array();
    shared["depends"] = Json::array();
    shared["conditions"] = Json::array();
    shared["unconditional"] = false;
    shared["attributes"] = Json::object();
  }
  shared["stages"].push_back(api_stage);
  shared["keys"].push_back(stage_key);
  shared["depends"].push_back(api_id);
  if (has(attributes, "Condition")) {
    if (std::find(shared["conditions"].begin(), shared["conditions"].end(),
                  attributes["Condition"]) == shared["conditions"].end())
      shared["conditions"].push_back(attributes["Condition"]);
  } else {
    shared["unconditional"] = true;
  }
  Json &merged = shared["attributes"];
  for (const char *k : {"DeletionPolicy", "UpdateReplacePolicy"}) {
    Json v = stronger_policy(get(merged, k), get(attributes, k));
    if (!v.is_null())
      merged[k] = v;
  }
  Json shared_attributes = merged;
  Json &conditions = ctx.tmpl["Conditions"];
  if (!shared["unconditional"].get<bool>() && !shared["conditions"].empty()) {
    const Json &names = shared["conditions"];
    if (names.size() == 1) {
      conditions[kSharedCondition] = names[0];
    } else {
      Json any = Json::array();
      for (const auto &c : names)
        any.push_back(Json{{"Condition", c}});
      conditions[kSharedCondition] = Json{{"Fn::Or", any}};
    }
    shared_attributes["Condition"] = kSharedCondition;
  } else if (conditions.is_object()) {
    conditions.erase(kSharedCondition);
  }
  add_resources(ctx, "Serverless", plan_properties(usage_plan, shared["stages"]), shared["depends"],
                shared["keys"], shared_attributes, tags);
  for (const char *k : {"UsagePlan", "ApiKey", "UsagePlanKey"})
    ctx.renamed[api_id + "." + k] = std::string("Serverless") + k;
}

} // namespace cfnlocal::transforms::sam
