// W1001 and W1028: checks that depend on which conditions hold, answered by the ConditionSet
// (conditions.h) without enumerating condition combinations.
// W1001: a Ref/GetAtt/Sub of a resource whose Condition may be false where the reference is used.
// W1028: an Fn::If branch that can never be taken given the branches and conditions around it.
#include "validate/conditions.h"
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

/// The Condition of the resource or output that owns a call, "" when none.
std::string_view owner_condition(const Context &ctx, const Call &c) {
  if (c.section == Section::Resources)
    return ctx.resource_condition(c.owner);
  if (c.section == Section::Outputs) {
    const Value *outs = ctx.outputs();
    const Value *o = outs ? outs->find(c.owner) : nullptr;
    const Value *cond = o && o->is_object() ? o->find("Condition") : nullptr;
    if (cond && cond->is_string())
      return cond->as_string();
  }
  return {};
}

std::vector<Guard> context_guards(const Context &ctx, const Call &c) {
  std::vector<Guard> guards = ctx.guard_sets()[c.guards];
  std::string_view own = owner_condition(ctx, c);
  if (!own.empty())
    guards.push_back(Guard{own, true});
  return guards;
}

void conditional_refs(const Context &ctx, Reporter &out) {
  const ConditionSet *set = nullptr;
  for (const Call &c : ctx.calls()) {
    if (c.section != Section::Resources && c.section != Section::Outputs)
      continue;
    std::vector<std::pair<std::string, const char *>> targets;
    if (c.name == "Ref" && c.arg->is_string())
      targets.emplace_back(c.arg->as_string(), "Ref");
    else if (c.name == "Fn::GetAtt") {
      if (c.arg->is_array() && c.arg->size() > 0 && c.arg->as_array()[0].is_string())
        targets.emplace_back(c.arg->as_array()[0].as_string(), "GetAtt");
      else if (c.arg->is_string())
        targets.emplace_back(c.arg->as_string().substr(0, c.arg->as_string().find('.')), "GetAtt");
    } else if (c.name == "Fn::Sub") {
      const Value *text = c.arg->is_string()                       ? c.arg
                          : c.arg->is_array() && c.arg->size() > 0 ? &c.arg->as_array()[0]
                                                                   : nullptr;
      if (text && text->is_string())
        for (const auto &v : sub_variables(text->as_string()))
          targets.emplace_back(v.substr(0, v.find('.')), "Sub");
    }
    for (const auto &[target, kind] : targets) {
      std::string_view cond = ctx.resource_condition(target);
      if (cond.empty() || !ctx.has_condition(cond))
        continue;
      if (!set)
        set = &ctx.condition_set();
      auto guards = context_guards(ctx, c);
      if (!set->satisfiable(guards))
        continue; // dead code: W1028's finding
      guards.push_back(Guard{cond, false});
      if (!set->satisfiable(guards))
        continue;
      std::string where;
      for (size_t i = 0; i + 1 < guards.size(); ++i)
        where += fmt::format(" and when condition '{}' is {}", guards[i].condition,
                             guards[i].value ? "True" : "False");
      out.report(c.mark, c.path,
                 fmt::format("{} to resource '{}' that may not be available when condition '{}' "
                             "is False{}",
                             kind, target, cond, where));
    }
  }
}

void unreachable(const Context &ctx, Reporter &out) {
  const ConditionSet *set = nullptr;
  for (const Call *c : ctx.calls_of("Fn::If")) {
    const Value &arg = *c->arg;
    if (!arg.is_array() || arg.size() != 3 || !arg.as_array()[0].is_string())
      continue;
    const std::string &cond = arg.as_array()[0].as_string();
    if (!ctx.has_condition(cond))
      continue;
    if (!set)
      set = &ctx.condition_set();
    auto guards = context_guards(ctx, *c);
    if (!set->satisfiable(guards))
      continue; // the If itself is unreachable: reported where its own branch starts
    for (int branch = 1; branch <= 2; ++branch) {
      auto g = guards;
      g.push_back(Guard{cond, branch == 1});
      if (set->satisfiable(g))
        continue;
      std::string why;
      for (const auto &x : guards)
        why += fmt::format("{}'{}' is {}", why.empty() ? "" : " and ", x.condition,
                           x.value ? "True" : "False");
      out.report(c->mark, arg_path(*c, branch),
                 fmt::format("The {} branch of Fn::If '{}' is not reachable: condition '{}' "
                             "cannot be {} where {}",
                             branch == 1 ? "true" : "false", cond, cond,
                             branch == 1 ? "True" : "False",
                             why.empty() ? "the conditions are constant" : why));
    }
  }
}

} // namespace

extern const Rule kConditionalRefs{"W1001", Severity::Warning,
                                   "References to conditional resources",
                                   "A Ref, GetAtt or Sub of a resource with a Condition is only "
                                   "used where that condition holds.",
                                   conditional_refs};
extern const Rule kUnreachableIf{"W1028", Severity::Warning, "Unreachable Fn::If branches",
                                 "Each Fn::If branch can be taken for some parameter values.",
                                 unreachable};

} // namespace cfnlocal::validate::rules
