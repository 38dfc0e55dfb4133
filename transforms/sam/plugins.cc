#include "transforms/sam/plugins.h"
#include "transforms/sam/connector.h"
#include "transforms/sam/events.h"

#include <set>

namespace cfnlocal::transforms::sam {

namespace {

using Translate = void (*)(Context &, const std::string &, const Json &);

const std::map<std::string, Translate> &translators() {
  static const std::map<std::string, Translate> table = {
      {"AWS::Serverless::Function", translate_function},
      {"AWS::Serverless::Api", translate_api},
      {"AWS::Serverless::HttpApi", translate_http_api},
      {"AWS::Serverless::WebSocketApi", translate_websocket_api},
      {"AWS::Serverless::StateMachine", translate_state_machine},
      {"AWS::Serverless::SimpleTable", translate_simple_table},
      {"AWS::Serverless::LayerVersion", translate_layer_version},
      {"AWS::Serverless::Connector", translate_connector},
      {"AWS::Serverless::GraphQLApi", translate_graphql_api},
      {"AWS::Serverless::CapacityProvider", translate_capacity_provider},
      {"AWS::Serverless::Application", translate_application},
  };
  return table;
}

} // namespace

bool is_sam_type(const std::string &type) { return translators().count(type) > 0; }

void translate_resource(Context &ctx, const std::string &id, const std::string &type,
                        const Json &resource) {
  const Json &props = get(resource, "Properties");
  if (resource.contains("Properties") && !props.is_object() && !props.is_null())
    throw InvalidResource{id, "Attribute 'Properties' should be a map."};
  translators().at(type)(ctx, id, resource);
}

void run_before_plugins(Context &ctx) {
  const Json &resources = get(ctx.tmpl, "Resources");
  if (!resources.is_object() || resources.empty())
    throw InvalidTemplate{"'Resources' section is required"};
  for (auto it = resources.begin(); it != resources.end(); ++it)
    if (!it->is_object())
      throw InvalidTemplate{"All 'Resources' must be Objects. If you're using YAML, this may be an "
                            "indentation issue."};
  for (const char *section : {"Mappings", "Parameters"})
    if (ctx.tmpl.contains(section) && !ctx.tmpl[section].is_object())
      throw InvalidTemplate{"'Mappings' or 'Parameters' is either null or not a valid dictionary."};
  add_implicit_apis(ctx);
  apply_globals(ctx);
  add_implicit_api_tags(ctx);
  expand_embedded_connectors(ctx);
}

namespace {
Json rename_refs(const Json &v, const std::map<std::string, std::string> &renames) {
  if (v.is_array()) {
    Json out = Json::array();
    for (const auto &x : v)
      out.push_back(rename_refs(x, renames));
    return out;
  }
  if (!v.is_object())
    return v;
  if (v.size() == 1 && v.contains("Ref") && v["Ref"].is_string()) {
    auto it = renames.find(v["Ref"].get<std::string>());
    if (it != renames.end())
      return make_ref(it->second);
  }
  if (v.size() == 1 && v.contains("Fn::GetAtt") && v["Fn::GetAtt"].is_array() &&
      v["Fn::GetAtt"].size() == 2 && v["Fn::GetAtt"][0].is_string() &&
      v["Fn::GetAtt"][1].is_string()) {
    // [Old, Attribute], or [Function, "Alias.Name"] for a property reference "Function.Alias".
    std::string name = v["Fn::GetAtt"][0].get<std::string>();
    std::string attribute = v["Fn::GetAtt"][1].get<std::string>();
    if (auto it = renames.find(name); it != renames.end())
      return make_getatt(it->second, attribute);
    if (auto dot = attribute.find('.'); dot != std::string::npos)
      if (auto it = renames.find(name + "." + attribute.substr(0, dot)); it != renames.end())
        return make_getatt(it->second, attribute.substr(dot + 1));
  }
  if (v.size() == 1 && v.contains("Fn::Sub")) {
    // "${Old}" in a Sub template names the same resource as a Ref does.
    auto rename_text = [&](std::string text) {
      for (const auto &[from, to] : renames) {
        // "${Old}" and "${Old.Attribute}".
        for (const char *end : {"}", "."}) {
          std::string pattern = "${" + from + end, replacement = "${" + to + end;
          for (size_t pos = text.find(pattern); pos != std::string::npos;
               pos = text.find(pattern, pos + replacement.size()))
            text.replace(pos, pattern.size(), replacement);
        }
      }
      return text;
    };
    Json sub = v["Fn::Sub"];
    if (sub.is_string())
      return Json{{"Fn::Sub", rename_text(sub.get<std::string>())}};
    if (sub.is_array() && !sub.empty() && sub[0].is_string()) {
      sub[0] = rename_text(sub[0].get<std::string>());
      for (size_t i = 1; i < sub.size(); ++i)
        sub[i] = rename_refs(sub[i], renames);
      return Json{{"Fn::Sub", sub}};
    }
  }
  Json out = Json::object();
  for (auto it = v.begin(); it != v.end(); ++it)
    out[it.key()] = rename_refs(it.value(), renames);
  return out;
}
} // namespace

void run_after_plugins(Context &ctx) {
  rewrite_connector_dependencies(ctx);
  // References to SAM resources that became a differently named resource (layer versions).
  if (!ctx.renamed.empty()) {
    ctx.out = rename_refs(ctx.out, ctx.renamed);
    for (auto it = ctx.out.begin(); it != ctx.out.end(); ++it) {
      Json *depends = it->is_object() && it->contains("DependsOn") ? &(*it)["DependsOn"] : nullptr;
      if (!depends)
        continue;
      auto rename_one = [&](Json &d) {
        auto r = d.is_string() ? ctx.renamed.find(d.get<std::string>()) : ctx.renamed.end();
        if (r != ctx.renamed.end())
          d = r->second;
      };
      if (depends->is_array())
        for (auto &d : *depends)
          rename_one(d);
      else
        rename_one(*depends);
    }
    if (ctx.tmpl.contains("Outputs"))
      ctx.tmpl["Outputs"] = rename_refs(ctx.tmpl["Outputs"], ctx.renamed);
  }
}

} // namespace cfnlocal::transforms::sam
