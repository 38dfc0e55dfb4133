// E3004: circular dependencies between resources, through Ref, Fn::GetAtt, Fn::Sub and DependsOn
// (AWS User Guide, "DependsOn attribute"). The graph is the planner's, built with every Fn::If
// branch (the union graph): a cycle in any combination of conditions is reported.
#include "planner/graph.h"
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

void check(const Context &ctx, Reporter &out) {
  const Value *res = ctx.resources();
  if (!res)
    return;
  std::vector<planner::ResourceNode> nodes;
  for (const auto &r : res->as_object()) {
    if (!r.value.is_object())
      continue;
    const Value *t = r.value.find("Type");
    nodes.push_back(planner::ResourceNode{r.key, t && t->is_string() ? t->as_string() : "",
                                          r.key_mark, &r.value});
  }
  planner::GraphOptions options;
  options.check_cycles = false;
  std::vector<Diagnostic> ignored; // unresolved names are E1020/E1010/E3005's findings
  options.diagnostics = &ignored;
  if (const Value *params = ctx.parameters())
    for (const auto &p : params->as_object())
      options.parameter_names.insert(p.key);
  planner::ResourceGraph graph = planner::build_graph(std::move(nodes), options);
  for (const auto &cycle : graph.find_cycles()) {
    std::string names;
    for (const auto &n : cycle)
      names += (names.empty() ? "" : ", ") + n;
    for (const auto &n : cycle) {
      const Value::Member *m = res->find_member(n);
      out.report(m ? m->key_mark : ctx.root().mark(), join_path("Resources", n),
                 fmt::format("Circular dependency for resource {}: the cycle is [{}]", n, names));
    }
  }
}

} // namespace

extern const Rule kCircular{"E3004", Severity::Error, "Circular dependencies",
                            "Resources do not depend on each other in a cycle (Ref, GetAtt, Sub, "
                            "DependsOn).",
                            check};

} // namespace cfnlocal::validate::rules
