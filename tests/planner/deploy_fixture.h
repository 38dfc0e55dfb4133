#pragma once
// A stand-in for the engine in change set tests: "deploys" a template by resolving each resource's
// properties in creation order against the resources deployed before it, giving each a physical
// ID "phys-<LogicalId>" and recording every GetAtt value asked for ("<LogicalId>.<Attr>-v1").

#include "intrinsics/evaluator.h"
#include "intrinsics/parameters.h"
#include "intrinsics/template_index.h"
#include "planner/change_set_builder.h"
#include "planner/graph.h"
#include "planner/schedule.h"
#include "schema/registry.h"
#include "schema/resource_type.h"
#include "tests/planner/test_util.h"

#include <unordered_map>

namespace cfnlocal::planner::testing {

class FakeDeployLookup : public intrinsics::Lookup {
public:
  explicit FakeDeployLookup(DeployedStack &stack) : stack_(stack) {}
  std::optional<Value> ref_resource(std::string_view id) override {
    auto *r = find(id);
    if (!r)
      return std::nullopt;
    return Value(r->physical_id);
  }
  std::optional<Value> get_att(std::string_view id, std::string_view attribute) override {
    auto *r = find(id);
    if (!r)
      return std::nullopt;
    auto it = r->attributes.find(attribute);
    if (it != r->attributes.end())
      return it->second;
    // Two items for attributes the schema declares as arrays (DnsIpAddresses), else a string.
    Value v(std::string(id) + "." + std::string(attribute) + "-v1");
    if (const auto *type = schema::Registry::builtin().find(r->type))
      if (const Json *s = type->attribute_schema(attribute);
          s && s->is_object() && s->value("type", "") == "array")
        v = Value::array({v, Value(v.as_string() + "-2")});
    r->attributes.emplace(std::string(attribute), v);
    return v;
  }

private:
  DeployedResource *find(std::string_view id) {
    for (auto &r : stack_.resources)
      if (r.logical_id == id)
        return &r;
    return nullptr;
  }
  DeployedStack &stack_;
};

/// Deploys the template `root` with `values`; the returned stack owns a copy of the template.
inline DeployedStack deploy_root(const Value &root,
                                 const intrinsics::ParameterValues &values = {}) {
  DeployedStack stack;
  Template t(root);
  stack.template_root = t.root();
  stack.parameters = intrinsics::bind_parameters(t.parameters(), values);
  intrinsics::TemplateIndex index(stack.template_root);
  FakeDeployLookup lookup(stack);
  intrinsics::Context ctx;
  ctx.index = &index;
  ctx.parameters = &stack.parameters;
  ctx.lookup = &lookup;
  intrinsics::ConditionValues conditions = intrinsics::evaluate_conditions(ctx);
  ctx.conditions = &conditions;
  ConditionValues graph_conditions;
  for (const auto &[k, v] : conditions.all())
    graph_conditions[k] = v;
  GraphOptions options;
  options.conditions = &graph_conditions;
  Template view(stack.template_root);
  ResourceGraph graph = build_graph(view, options);
  stack.resources.reserve(graph.size());
  for (const std::string &id : serial_order(graph, Direction::Forward)) {
    const ResourceNode &node = graph.node(*graph.index_of(id));
    DeployedResource r;
    r.logical_id = id;
    r.type = node.type;
    r.physical_id = "phys-" + id;
    const Value *props = node.definition->find("Properties");
    r.properties = props ? intrinsics::evaluate(*props, ctx) : Value();
    stack.resources.push_back(std::move(r));
  }
  // Outputs are evaluated too, as the engine does, so the attributes they read are recorded.
  if (const Value *outputs = index.outputs(); outputs && outputs->is_object())
    for (const auto &m : outputs->as_object())
      if (const Value *v = m.value.find("Value")) {
        const Value *c = m.value.find("Condition");
        if (!c || !c->is_string() || conditions.get(c->as_string()).value_or(true))
          intrinsics::evaluate(*v, ctx);
      }
  return stack;
}

/// Deploys `yaml` with `values`.
inline DeployedStack deploy(const std::string &yaml,
                            const intrinsics::ParameterValues &values = {}) {
  return deploy_root(yaml_template(yaml).root(), values);
}

/// The change set of updating `deployed` to `yaml` with `values`.
inline ChangeSet plan(const DeployedStack &deployed, const std::string &yaml,
                      const intrinsics::ParameterValues &values = {}) {
  Template t = yaml_template(yaml);
  auto params = intrinsics::bind_parameters(t.parameters(), values);
  return compute_change_set(deployed, t, params);
}

} // namespace cfnlocal::planner::testing
