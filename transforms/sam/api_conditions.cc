// Conditions the REST API side derives from its functions' conditions: the implicit API exists
// when any of its functions does, a path when any of its methods does (Fn::Or of them).
#include "transforms/sam/api.h"

#include <algorithm>

namespace cfnlocal::transforms::sam {

namespace {

/// Fn::Or takes at most 10 conditions.
constexpr size_t kMaxOr = 10;

} // namespace

Json stronger_policy(const Json &a, const Json &b) {
  auto rank = [](const Json &v) {
    if (v == "Retain")
      return 3;
    if (v == "Snapshot")
      return 2;
    if (v.is_null())
      return 0;
    return 1;
  };
  return rank(b) > rank(a) ? b : a;
}

std::string combined_condition(Context &ctx, const std::string &name,
                               std::vector<std::string> conditions) {
  std::sort(conditions.begin(), conditions.end());
  conditions.erase(std::unique(conditions.begin(), conditions.end()), conditions.end());
  if (conditions.size() == 1)
    return conditions[0];
  Json &defs = ctx.tmpl["Conditions"];
  if (!defs.is_object())
    defs = Json::object();
  auto refs = [](const std::vector<std::string> &names) {
    Json any = Json::array();
    for (const auto &c : names)
      any.push_back(Json{{"Condition", c}});
    return Json{{"Fn::Or", any}};
  };
  if (conditions.size() <= kMaxOr) {
    defs[name] = refs(conditions);
    return name;
  }
  // More than Fn::Or takes: groups of 10 become conditions of their own ("<name>1", ...).
  std::vector<std::string> top;
  int n = 0;
  for (size_t i = 0; i < conditions.size(); i += kMaxOr) {
    std::vector<std::string> group(conditions.begin() + i,
                                   conditions.begin() + std::min(conditions.size(), i + kMaxOr));
    if (group.size() == 1) {
      top.push_back(group[0]);
      continue;
    }
    std::string group_name = name + std::to_string(++n);
    defs[group_name] = refs(group);
    top.push_back(group_name);
  }
  defs[name] = refs(top);
  return name;
}

void wrap_conditional_paths(Context &ctx, const std::string &api_id, const Json &path_conditions,
                            Json &body) {
  if (!path_conditions.is_object() || !get(body, "paths").is_object())
    return;
  for (auto it = path_conditions.begin(); it != path_conditions.end(); ++it) {
    if (get(*it, "unconditional") == true || !get(*it, "conditions").is_array())
      continue;
    auto item = body["paths"].find(it.key());
    if (item == body["paths"].end())
      continue;
    std::vector<std::string> names;
    for (const auto &c : (*it)["conditions"])
      names.push_back(c.get<std::string>());
    std::string path_id;
    for (char c : it.key()) {
      if (c == '/')
        path_id += "SLASH";
      else if (std::isalnum(static_cast<unsigned char>(c)))
        path_id += c;
    }
    std::string condition = combined_condition(ctx, api_id + path_id + "PathCondition", names);
    *item = Json{{"Fn::If", Json::array({condition, *item, make_ref("AWS::NoValue")})}};
  }
}

} // namespace cfnlocal::transforms::sam
