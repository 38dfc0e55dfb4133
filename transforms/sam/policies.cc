#include "transforms/sam/policies.h"

#include <map>
#include <mutex>

namespace cfnlocal::transforms::sam {

namespace data {
extern const std::string_view kPolicyTemplates;
extern const std::string_view kManagedPolicies;
} // namespace data

const Json &policy_templates() {
  static const Json doc = Json::parse(data::kPolicyTemplates);
  return doc;
}

const std::string *managed_policy_arn(const std::string &partition, const std::string &name) {
  static const auto maps = [] {
    std::map<std::string, std::map<std::string, std::string>> m;
    Json doc = Json::parse(data::kManagedPolicies);
    for (auto p = doc.begin(); p != doc.end(); ++p)
      for (auto it = p->begin(); it != p->end(); ++it)
        m[p.key()][it.key()] = it->get<std::string>();
    return m;
  }();
  auto p = maps.find(partition);
  if (p == maps.end())
    return nullptr;
  auto it = p->second.find(name);
  return it == p->second.end() ? nullptr : &it->second;
}

void RoleSpec::add_managed(const Json &arn) {
  for (const auto &x : managed_policy_arns)
    if (x == arn)
      return;
  managed_policy_arns.push_back(arn);
}

Json assume_role_policy_for(const std::string &service) {
  return Json{
      {"Version", "2012-10-17"},
      {"Statement", Json::array({Json{{"Action", Json::array({"sts:AssumeRole"})},
                                      {"Effect", "Allow"},
                                      {"Principal", Json{{"Service", Json::array({service})}}}}})}};
}

std::string aws_policy_arn(const Context &ctx, const std::string &path) {
  return "arn:" + ctx.partition + ":iam::aws:policy/" + path;
}

namespace {

Json substitute_refs(const Json &v, const Json &values) {
  if (v.is_array()) {
    Json out = Json::array();
    for (const auto &x : v)
      out.push_back(substitute_refs(x, values));
    return out;
  }
  if (!v.is_object())
    return v;
  if (v.size() == 1 && v.contains("Ref") && v["Ref"].is_string() &&
      values.contains(v["Ref"].get<std::string>()))
    return values[v["Ref"].get<std::string>()];
  Json out = Json::object();
  for (auto it = v.begin(); it != v.end(); ++it)
    out[it.key()] = substitute_refs(it.value(), values);
  return out;
}

std::string py_str_list(const std::vector<std::string> &items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i)
    out += (i ? ", '" : "'") + items[i] + "'";
  return out + "]";
}

enum class PolicyKind { Managed, Statement, Template, Unknown };

PolicyKind classify(const Json &p) {
  if (p.is_string())
    return PolicyKind::Managed;
  if (p.is_object()) {
    if (is_intrinsic(p))
      return PolicyKind::Managed;
    if (p.contains("Statement"))
      return PolicyKind::Statement;
    if (p.size() == 1 && get(policy_templates(), "Templates").contains(p.begin().key()))
      return PolicyKind::Template;
  }
  return PolicyKind::Unknown;
}

/// Classifies an Fn::If policy by its branches (the first branch that is not AWS::NoValue).
PolicyKind classify_if(const Json &p) {
  const Json &args = p["Fn::If"];
  if (!args.is_array() || args.size() != 3)
    return PolicyKind::Managed;
  for (int i = 1; i <= 2; ++i) {
    const Json &b = args[i];
    if (is_ref(b) && b["Ref"] == "AWS::NoValue")
      continue;
    if (b.is_object() && b.contains("Fn::If"))
      return classify_if(b);
    PolicyKind k = classify(b);
    return k;
  }
  return PolicyKind::Managed;
}

Json map_if_branches(const Json &p, const std::function<Json(const Json &)> &f) {
  const Json &args = p["Fn::If"];
  Json out = Json::array({args[0]});
  for (int i = 1; i <= 2; ++i) {
    const Json &b = args[i];
    if (is_ref(b) && b["Ref"] == "AWS::NoValue")
      out.push_back(b);
    else if (b.is_object() && b.contains("Fn::If"))
      out.push_back(map_if_branches(b, f));
    else
      out.push_back(f(b));
  }
  return Json{{"Fn::If", out}};
}

} // namespace

Json expand_policy_template(const std::string &resource_id, const std::string &name,
                            const Json &values) {
  const Json &tmpl = policy_templates()["Templates"][name];
  if (!values.is_object())
    throw InvalidResource{resource_id,
                          "Must specify valid parameter values for policy template '" + name + "'"};
  std::vector<std::string> missing;
  const Json &params = get(tmpl, "Parameters");
  for (auto it = params.begin(); it != params.end(); ++it)
    if (!values.contains(it.key()))
      missing.push_back(it.key());
  if (!missing.empty())
    throw InvalidResource{resource_id, "Following required parameters of template '" + name +
                                           "' don't have values: " + py_str_list(missing)};
  Json used = Json::object();
  for (auto it = params.begin(); it != params.end(); ++it)
    used[it.key()] = values[it.key()];
  return substitute_refs(tmpl["Definition"], used);
}

void add_sam_policies(Context &ctx, const std::string &resource_id, const Json &policies,
                      RoleSpec &role) {
  if (policies.is_null())
    return;
  Json list = policies.is_array() ? policies : Json::array({policies});
  auto managed = [&](const Json &p) -> Json {
    if (p.is_string()) {
      const std::string &name = p.get_ref<const std::string &>();
      if (const std::string *arn = managed_policy_arn(ctx.partition, name))
        return *arn;
    }
    return p;
  };
  for (size_t i = 0; i < list.size(); ++i) {
    const Json &p = list[i];
    std::string policy_name = role.logical_id + "Policy" + std::to_string(i);
    PolicyKind kind = classify(p);
    bool conditional = p.is_object() && p.size() == 1 && p.contains("Fn::If");
    if (conditional)
      kind = classify_if(p);
    switch (kind) {
    case PolicyKind::Managed:
      role.add_managed(conditional ? map_if_branches(p, managed) : managed(p));
      break;
    case PolicyKind::Statement:
      if (conditional)
        role.policies.push_back(map_if_branches(p, [&](const Json &b) {
          return Json{{"PolicyName", policy_name}, {"PolicyDocument", b}};
        }));
      else
        role.policies.push_back(Json{{"PolicyName", policy_name}, {"PolicyDocument", p}});
      break;
    case PolicyKind::Template: {
      auto expand = [&](const Json &b) -> Json {
        auto it = b.begin();
        return expand_policy_template(resource_id, it.key(), it.value());
      };
      if (conditional)
        role.policies.push_back(map_if_branches(p, [&](const Json &b) {
          return Json{{"PolicyName", policy_name}, {"PolicyDocument", expand(b)}};
        }));
      else
        role.policies.push_back(Json{{"PolicyName", policy_name}, {"PolicyDocument", expand(p)}});
      break;
    }
    case PolicyKind::Unknown:
      throw InvalidResource{resource_id, "Policy at index " + std::to_string(i) +
                                             " in the 'Policies' property is not valid"};
    }
  }
}

Json build_role(const RoleSpec &role) {
  Json props = Json::object();
  props["AssumeRolePolicyDocument"] = role.assume_role_policy;
  if (!role.managed_policy_arns.empty())
    props["ManagedPolicyArns"] = role.managed_policy_arns;
  if (!role.policies.empty())
    props["Policies"] = role.policies;
  if (!role.path.is_null())
    props["Path"] = role.path;
  if (!role.permissions_boundary.is_null())
    props["PermissionsBoundary"] = role.permissions_boundary;
  if (!role.tags.empty())
    props["Tags"] = role.tags;
  Json r = Json{{"Type", "AWS::IAM::Role"}, {"Properties", props}};
  apply_passthrough(r, role.attributes);
  return r;
}

} // namespace cfnlocal::transforms::sam
