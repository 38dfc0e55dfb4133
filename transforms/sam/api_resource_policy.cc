// Auth.ResourcePolicy of a REST API (on the API or on one Api event): IAM statements in the
// body's x-amazon-apigateway-policy that allow or deny callers per method, by account, source
// IP range or source VPC / VPC endpoint, plus the user's own CustomStatements.
#include "transforms/sam/api.h"

#include <algorithm>
#include <set>

namespace cfnlocal::transforms::sam {

namespace {

/// The method part of an execute-api resource ARN ("*" for ANY).
std::string arn_method(const std::string &swagger_method_name) {
  if (swagger_method_name == "x-amazon-apigateway-any-method")
    return "*";
  std::string m = swagger_method_name;
  std::transform(m.begin(), m.end(), m.begin(), [](unsigned char c) { return std::toupper(c); });
  return m;
}

/// "/a/{id}/{proxy+}" -> "/a/*/*": path parameters match anything in a policy resource.
std::string arn_path(const std::string &path) {
  std::string out;
  for (size_t i = 0; i < path.size();) {
    if (path[i] == '{') {
      size_t end = path.find('}', i);
      if (end != std::string::npos) {
        out += '*';
        i = end + 1;
        continue;
      }
    }
    out += path[i++];
  }
  return out;
}

bool is_policy_method(const std::string &key) {
  static const std::set<std::string> methods = {
      "get", "put", "post", "delete", "patch", "options", "head", "x-amazon-apigateway-any-method"};
  return methods.count(key) > 0;
}

/// A list property that must hold plain strings (the Intrinsic* variants take anything).
Json string_list(const Json &policy, const char *key, const char *intrinsic_key) {
  const Json &v = get(policy, key);
  if (v.is_null())
    return Json::array();
  bool ok =
      v.is_array() && std::all_of(v.begin(), v.end(), [](const Json &x) { return x.is_string(); });
  if (!ok)
    throw InvalidTemplate{std::string(key) + " must be a list of strings. Use " + intrinsic_key +
                          " instead for values that use Intrinsic Functions"};
  return v;
}

/// Intrinsic lists are taken as given; a single intrinsic contributes its keys, as the
/// translator iterates over whatever it is handed.
void extend(Json &list, const Json &values) {
  if (values.is_array()) {
    for (const auto &x : values)
      list.push_back(x);
  } else if (values.is_object()) {
    for (auto it = values.begin(); it != values.end(); ++it)
      list.push_back(it.key());
  } else if (!values.is_null()) {
    list.push_back(values);
  }
}

class PolicyWriter {
public:
  PolicyWriter(Json &body) : body_(body) {}

  void add(const Json &statement) {
    Json &doc = document();
    Json &statements = doc["Statement"];
    // The first statement stays a lone statement, as the translator writes it.
    if (statements.is_null()) {
      statements = statement;
      return;
    }
    if (!statements.is_array()) {
      Json single = statements;
      statements = Json::array({single});
    }
    for (const auto &s : statements)
      if (s == statement)
        return;
    statements.push_back(statement);
  }

  void add_custom(const Json &custom) {
    Json &doc = document();
    if (!doc.contains("Statement")) {
      doc["Statement"] = custom;
      return;
    }
    if (custom.is_array())
      for (const auto &s : custom)
        add(s);
    else
      add(custom);
  }

private:
  Json &document() {
    Json &doc = body_["x-amazon-apigateway-policy"];
    if (!doc.is_object())
      doc = Json{{"Version", "2012-10-17"}};
    return doc;
  }
  Json &body_;
};

void add_method_statements(PolicyWriter &writer, const Json &policy, const Json &resource) {
  auto statement = [&](const char *effect, const Json &principal) {
    return Json{{"Action", "execute-api:Invoke"},
                {"Effect", effect},
                {"Principal", principal},
                {"Resource", Json::array({resource})}};
  };
  for (auto [key, effect] :
       {std::pair{"AwsAccountWhitelist", "Allow"}, std::pair{"AwsAccountBlacklist", "Deny"}}) {
    const Json &accounts = get(policy, key);
    if (accounts.is_null())
      continue;
    writer.add(
        statement(effect, Json{{"AWS", accounts.is_array() ? accounts : Json::array({accounts})}}));
  }
  for (auto [key, op] : {std::pair{"IpRangeWhitelist", "NotIpAddress"},
                         std::pair{"IpRangeBlacklist", "IpAddress"}}) {
    const Json &ranges = get(policy, key);
    if (ranges.is_null())
      continue;
    writer.add(statement("Allow", "*"));
    Json deny = statement("Deny", "*");
    deny["Condition"] =
        Json{{op, Json{{"aws:SourceIp", ranges.is_array() ? ranges : Json::array({ranges})}}}};
    writer.add(deny);
  }
  struct VpcRule {
    const char *list, *intrinsic_list_name, *intrinsic_vpc, *intrinsic_vpce, *op;
  };
  for (const VpcRule &rule :
       {VpcRule{"SourceVpcBlacklist", "IntrinsicVpcBlacklist", "IntrinsicVpcBlacklist",
                "IntrinsicVpceBlacklist", "StringEquals"},
        VpcRule{"SourceVpcWhitelist", "IntrinsicVpcWhitelist", "IntrinsicVpcWhitelist",
                "IntrinsicVpceWhitelist", "StringNotEquals"}}) {
    Json plain = string_list(policy, rule.list, rule.intrinsic_list_name);
    Json vpcs = Json::array(), vpces = Json::array();
    for (const auto &v : plain)
      (v.get<std::string>().rfind("vpce-", 0) == 0 ? vpces : vpcs).push_back(v);
    extend(vpcs, get(policy, rule.intrinsic_vpc));
    extend(vpces, get(policy, rule.intrinsic_vpce));
    if (vpcs.empty() && vpces.empty())
      continue;
    writer.add(statement("Allow", "*"));
    Json condition = Json::object();
    if (!vpcs.empty())
      condition["aws:SourceVpc"] = vpcs;
    if (!vpces.empty())
      condition["aws:SourceVpce"] = vpces;
    Json deny = statement("Deny", "*");
    deny["Condition"] = Json{{rule.op, condition}};
    writer.add(deny);
  }
}

} // namespace

void add_resource_policy(Context &ctx, const Json &policy_in, Json &body, const std::string *path,
                         const std::string *method, const Json &stage, bool custom) {
  if (policy_in.is_null())
    return;
  Json policy = resolve_parameter_refs(policy_in, ctx.params);
  if (!policy.is_object())
    throw InvalidTemplate{"ResourcePolicy must be a map (ResourcePolicyStatement)."};
  PolicyWriter writer(body);
  const Json &item = path ? get(get(body, "paths"), *path) : Json();
  std::vector<std::string> methods;
  if (method)
    methods.push_back(*method);
  else if (item.is_object())
    for (auto it = item.begin(); it != item.end(); ++it)
      if (is_policy_method(it.key()))
        methods.push_back(it.key());
  for (const auto &m : methods) {
    Json resource = make_sub("execute-api:/${__Stage__}/" + arn_method(m) + arn_path(*path),
                             Json{{"__Stage__", stage}});
    add_method_statements(writer, policy, resource);
  }
  if (custom && has(policy, "CustomStatements"))
    writer.add_custom(policy["CustomStatements"]);
}

} // namespace cfnlocal::transforms::sam
