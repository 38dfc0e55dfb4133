// E1019: Fn::Sub (AWS User Guide, "Fn::Sub"): a string, or [string, {Var: value}]; every ${Var}
// is a variable of the map, a parameter, a resource, a pseudo parameter, or Resource.Attribute.
// W1019: variables of the map the string never uses. W1020: a string with no variables.
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

struct SubParts {
  const Value *text = nullptr;
  const Value *vars = nullptr;
};

std::optional<SubParts> parts(const Call &c) {
  const Value &arg = *c.arg;
  if (arg.is_string())
    return SubParts{&arg, nullptr};
  if (arg.is_array() && arg.size() == 2) {
    const auto &items = arg.as_array();
    if ((items[0].is_string() || is_function(items[0])) &&
        (items[1].is_object() && !is_function(items[1])))
      return SubParts{&items[0], &items[1]};
    if ((items[0].is_string() || is_function(items[0])) && is_function(items[1]))
      return SubParts{&items[0], nullptr};
  }
  return std::nullopt;
}

void check(const Context &ctx, Reporter &out) {
  bool generated = names_may_be_generated(ctx);
  for (const Call *c : ctx.calls_of("Fn::Sub")) {
    auto p = parts(*c);
    if (!p) {
      out.report(item_mark(*c, *c->arg), arg_path(*c),
                 fmt::format("{} is not of type 'array', 'string'", show(*c->arg)));
      continue;
    }
    if (!p->text->is_string())
      continue;
    bool in_conditions = c->in_condition_function || c->section == Section::Conditions;
    for (const auto &var : sub_variables(p->text->as_string())) {
      if (p->vars && p->vars->find(var))
        continue;
      auto dot = var.find('.');
      if (dot == std::string::npos) {
        if (ctx.has_parameter(var) || is_pseudo_parameter(var) ||
            (ctx.has_resource(var) && !in_conditions) || (generated && !in_conditions))
          continue;
        out.report(item_mark(*c, *p->text), arg_path(*c),
                   not_one_of(var, ref_targets(ctx, !in_conditions)));
        continue;
      }
      std::string resource = var.substr(0, dot);
      if (ctx.has_resource(resource) || generated || is_pseudo_parameter(var))
        continue;
      if (p->vars && p->vars->find(resource))
        continue;
      out.report(item_mark(*c, *p->text), arg_path(*c),
                 not_one_of(resource, member_names(ctx.resources())));
    }
  }
}

void unused_vars(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Fn::Sub")) {
    auto p = parts(*c);
    if (!p || !p->vars || !p->text->is_string())
      continue;
    auto used = sub_variables(p->text->as_string());
    for (const auto &m : p->vars->as_object()) {
      bool found = false;
      for (const auto &u : used)
        if (u == m.key || u.rfind(m.key + ".", 0) == 0)
          found = true;
      if (!found)
        out.report(m.key_mark, join_path(arg_path(*c, 1), m.key),
                   fmt::format("Parameter '{}' is not used in the Fn::Sub string", m.key));
    }
  }
}

void no_vars(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Fn::Sub")) {
    if (!c->arg->is_string())
      continue;
    if (c->arg->as_string().find("${") == std::string::npos)
      out.report(c->mark, arg_path(*c),
                 fmt::format("Fn::Sub isn't needed because there are no variables in {}",
                             show(*c->arg, 60)));
  }
}

} // namespace

extern const Rule kFnSub{"E1019", Severity::Error, "Sub validation",
                         "Fn::Sub takes a string or [string, variables]; every ${Name} resolves "
                         "to a variable, parameter, resource, pseudo parameter or "
                         "Resource.Attribute.",
                         check};
extern const Rule kFnSubUnusedVars{"W1019", Severity::Warning, "Sub variables are used",
                                   "Every variable in the Fn::Sub map appears in its string.",
                                   unused_vars};
extern const Rule kFnSubNotNeeded{"W1020", Severity::Warning, "Sub without variables",
                                  "An Fn::Sub string without ${} needs no Fn::Sub.", no_vars};

} // namespace cfnlocal::validate::rules
