#include "transforms/sam/connector.h"
#include "transforms/sam/connector_ends.h"

#include <algorithm>
#include <set>

namespace cfnlocal::transforms::sam {

namespace data {
extern const std::string_view kConnectorProfiles;
}

namespace {

/// The profiles (probed from the reference translator by scripts/sam/probe_connector_profiles.py):
/// Profiles[source type][destination type] = {"Permissions": {"Read" | "Write" | "Read+Write":
/// [[name suffix, resource with %{Side.Property} placeholders], ...]}, "Invalid": message tail}.
const Json &profiles() {
  static const Json doc = Json::parse(data::kConnectorProfiles);
  return doc["Profiles"];
}

/// A placeholder "%{Source.Arn}" split into side and property; false for other strings.
bool parse_placeholder(const std::string &s, std::string &side, std::string &prop) {
  if (s.size() < 4 || s.rfind("%{", 0) != 0 || s.back() != '}')
    return false;
  std::string inner = s.substr(2, s.size() - 3);
  auto dot = inner.find('.');
  if (dot == std::string::npos)
    return false;
  side = inner.substr(0, dot);
  prop = inner.substr(dot + 1);
  return side == "Source" || side == "Destination";
}

void collect_placeholders(const Json &v, std::vector<std::pair<std::string, std::string>> &out) {
  if (v.is_string()) {
    std::string side, prop;
    if (parse_placeholder(v.get<std::string>(), side, prop))
      out.emplace_back(side, prop);
  } else if (v.is_structured()) {
    for (const auto &x : v)
      collect_placeholders(x, out);
  }
}

Json substitute(const Json &v, const ConnectorEnd &src, const ConnectorEnd &dst) {
  if (v.is_string()) {
    std::string side, prop;
    if (parse_placeholder(v.get<std::string>(), side, prop))
      return (side == "Source" ? src : dst).props.at(prop);
    return v;
  }
  if (v.is_array()) {
    Json out = Json::array();
    for (const auto &x : v)
      out.push_back(substitute(x, src, dst));
    return out;
  }
  if (v.is_object()) {
    Json out = Json::object();
    for (auto it = v.begin(); it != v.end(); ++it)
      out[it.key()] = substitute(it.value(), src, dst);
    return out;
  }
  return v;
}

/// Checks that every property a generated resource needs is known, in the order the translator
/// reports them: a policy's role first, a Lambda permission's source first, a queue or topic
/// policy's destination first.
void check_inputs(const std::string &id, const Json &resource, const ConnectorEnd &src,
                  const ConnectorEnd &dst) {
  std::vector<std::pair<std::string, std::string>> needed;
  collect_placeholders(resource, needed);
  const std::string type = get(resource, "Type").get<std::string>();
  auto rank = [&](const std::pair<std::string, std::string> &p) {
    if (type == "AWS::IAM::ManagedPolicy")
      return p.second == "RoleName" ? 0 : 1;
    if (type == "AWS::Lambda::Permission")
      return p.first == "Source" ? 0 : 1;
    return p.first == "Destination" ? 0 : 1;
  };
  std::stable_sort(needed.begin(), needed.end(),
                   [&](const auto &a, const auto &b) { return rank(a) < rank(b); });
  for (auto &[side, prop] : needed) {
    const ConnectorEnd &end = side == "Source" ? src : dst;
    if (end.props.count(prop))
      continue;
    if (prop == "RoleName")
      throw InvalidResource{id, "Unable to get IAM role name from '" + side + "' resource."};
    if (type == "AWS::Lambda::Permission" && side == "Destination" && prop == "Arn")
      throw InvalidResource{id, "Unable to get Lambda function ARN from '" + side + "' resource."};
    throw InvalidResource{id, side + "." + prop + " is missing."};
  }
}

/// The permission set as the profile key ("Read", "Write", "Read+Write"); "" when a value is
/// neither Read nor Write.
std::string permission_key(const Json &permissions) {
  std::set<std::string> set;
  for (const auto &p : permissions) {
    if (!p.is_string() || (p != "Read" && p != "Write"))
      return "";
    set.insert(p.get<std::string>());
  }
  std::string key;
  for (const char *c : {"Read", "Write"})
    if (set.count(c))
      key += (key.empty() ? "" : "+") + std::string(c);
  return key;
}

void add_dependency(Json &resource, const std::string &dependency) {
  Json deps = get(resource, "DependsOn");
  if (deps.is_string())
    deps = Json::array({deps});
  else if (!deps.is_array())
    deps = Json::array();
  if (std::find(deps.begin(), deps.end(), Json(dependency)) == deps.end())
    deps.push_back(dependency);
  resource["DependsOn"] = deps;
}

/// Event source mappings polling `src` for the function `dst` depend on the connector's policy
/// (the function cannot poll before it may).
void add_mapping_dependencies(Context &ctx, const ConnectorEnd &src, const ConnectorEnd &dst,
                              const std::string &policy_id) {
  if (dst.id.empty() || src.id.empty())
    return;
  for (auto it = ctx.out.begin(); it != ctx.out.end(); ++it) {
    if (get(*it, "Type") != "AWS::Lambda::EventSourceMapping")
      continue;
    const Json &props = get(*it, "Properties");
    if (references(get(props, "FunctionName"), dst.id) &&
        references(get(props, "EventSourceArn"), src.id))
      add_dependency(*it, policy_id);
  }
}

} // namespace

void translate_connector(Context &ctx, const std::string &id, const Json &resource) {
  const Json &props = get(resource, "Properties");
  if (const Json &embedded = get(props, "__EmbeddedError"); embedded.is_object()) {
    if (embedded.contains("Plain"))
      throw InvalidDocumentCause{embedded["Message"].get<std::string>(),
                                 embedded["Id"].get<std::string>()};
    throw InvalidResource{embedded["Id"].get<std::string>(),
                          embedded["Message"].get<std::string>()};
  }
  if (!props.is_object())
    throw InvalidResource{id, "Missing required property 'Source'."};
  for (const auto &[key, value] : props.items())
    if (key != "Source" && key != "Destination" && key != "Permissions")
      throw InvalidResource{id, "property " + key +
                                    " not defined for resource of type AWS::Serverless::Connector"};
  for (const char *required : {"Source", "Destination", "Permissions"})
    if (get(props, required).is_null())
      throw InvalidResource{id, std::string("Missing required property '") + required + "'."};
  const Json &permissions = props["Permissions"];
  if (!permissions.is_array())
    throw InvalidResource{id, "Property 'Permissions' should be a list."};
  if (permissions.empty())
    throw InvalidResource{id, "'Permissions' cannot be empty; valid values are: Read, Write."};
  const Json &destination = props["Destination"];
  if (destination.is_array() && destination.empty())
    throw InvalidResource{id, "'Destination' is an empty list"};
  const bool multi = destination.is_array();
  Json destinations = multi ? destination : Json::array({destination});

  Json attributes = passthrough_attributes(resource);
  if (has(resource, "DependsOn"))
    attributes["DependsOn"] = resource["DependsOn"];
  std::vector<std::string> generated;
  for (size_t i = 0; i < destinations.size(); ++i) {
    ConnectorEnd dst = resolve_connector_end(ctx, id, destinations[i], "Destination", nullptr);
    ConnectorEnd src = resolve_connector_end(ctx, id, props["Source"], "Source", &dst);
    const Json &by_dest = get(profiles(), src.type);
    const Json &profile = get(by_dest, dst.type);
    if (!profile.is_object())
      throw InvalidResource{id, "Unable to create connector from " + src.type + " to " + dst.type +
                                    "; it's not supported or the template is invalid."};
    std::string key = permission_key(permissions);
    const Json &resources = get(profile["Permissions"], key);
    if (key.empty() || !resources.is_array()) {
      std::string valid = profile.contains("Invalid") ? profile["Invalid"].get<std::string>()
                                                      : "valid values are: Read, Write";
      throw InvalidResource{id, "Unsupported 'Permissions' provided for connector from " +
                                    src.type + " to " + dst.type + "; " + valid + "."};
    }
    Json metadata = {{"aws:sam:connectors",
                      {{id,
                        {{"Source", {{"Type", src.declared_type}}},
                         {"Destination", {{"Type", dst.declared_type}}}}}}}};
    for (const auto &entry : resources) {
      const std::string suffix = entry[0].get<std::string>();
      check_inputs(id, entry[1], src, dst);
      Json out = substitute(entry[1], src, dst);
      Json res = Json::object();
      res["Type"] = out["Type"];
      res["Metadata"] = metadata;
      if (const Json &user = get(resource, "Metadata"); user.is_object())
        for (auto m = user.begin(); m != user.end(); ++m)
          res["Metadata"][m.key()] = m.value();
      res["Properties"] = out["Properties"];
      apply_passthrough(res, attributes);
      std::string name = id + suffix + (multi ? "Destination" + std::to_string(i) : "");
      if (out["Type"] == "AWS::IAM::ManagedPolicy" && dst.type == "AWS::Lambda::Function" &&
          (src.type == "AWS::SQS::Queue" || src.type == "AWS::DynamoDB::Table"))
        add_mapping_dependencies(ctx, src, dst, name);
      // A state machine checks its role when created: it waits for the policy.
      if (out["Type"] == "AWS::IAM::ManagedPolicy" &&
          src.type == "AWS::StepFunctions::StateMachine" &&
          dst.type == "AWS::StepFunctions::StateMachine" && ctx.out.contains(src.id))
        add_dependency(ctx.out[src.id], name);
      ctx.add(name, std::move(res));
      generated.push_back(name);
    }
  }
  ctx.connector_resources[id] = generated;
}

void rewrite_connector_dependencies(Context &ctx) {
  if (ctx.connector_resources.empty())
    return;
  for (auto it = ctx.out.begin(); it != ctx.out.end(); ++it) {
    if (!it->is_object() || !it->contains("DependsOn"))
      continue;
    Json deps = (*it)["DependsOn"];
    if (deps.is_string())
      deps = Json::array({deps});
    if (!deps.is_array())
      continue;
    Json kept = Json::array();
    std::vector<std::string> added;
    bool changed = false;
    for (const auto &d : deps) {
      auto found = d.is_string() ? ctx.connector_resources.find(d.get<std::string>())
                                 : ctx.connector_resources.end();
      if (found == ctx.connector_resources.end()) {
        kept.push_back(d);
        continue;
      }
      changed = true;
      added.insert(added.end(), found->second.begin(), found->second.end());
    }
    if (!changed)
      continue;
    for (auto &a : added)
      if (std::find(kept.begin(), kept.end(), Json(a)) == kept.end())
        kept.push_back(a);
    (*it)["DependsOn"] = kept;
  }
}

} // namespace cfnlocal::transforms::sam
