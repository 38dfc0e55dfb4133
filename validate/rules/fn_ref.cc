// E1020: Ref (AWS User Guide, "Ref"): a string naming a parameter, a resource or a pseudo
// parameter; in Conditions and Rules only parameters and pseudo parameters.
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

void check(const Context &ctx, Reporter &out) {
  bool generated = names_may_be_generated(ctx);
  for (const Call *c : ctx.calls_of("Ref")) {
    if (!c->arg->is_string()) {
      // AWS::LanguageExtensions resolves functions inside Ref before CloudFormation sees it.
      if (!ctx.has_transform())
        out.report(item_mark(*c, *c->arg), arg_path(*c),
                   fmt::format("{} is not of type 'string'", show(*c->arg)));
      continue;
    }
    const std::string &name = c->arg->as_string();
    bool no_resources = c->in_condition_function || c->section == Section::Conditions ||
                        c->section == Section::Rules;
    if (ctx.has_parameter(name) || is_pseudo_parameter(name))
      continue;
    if (ctx.has_resource(name) && !no_resources)
      continue;
    if (generated && !no_resources)
      continue;
    out.report(item_mark(*c, *c->arg), arg_path(*c),
               not_one_of(name, ref_targets(ctx, !no_resources)));
  }
}

} // namespace

extern const Rule kFnRef{"E1020", Severity::Error, "Ref validation",
                         "Ref takes a string naming a parameter, resource or pseudo parameter "
                         "(only parameters and pseudo parameters inside Conditions and Rules).",
                         check};

} // namespace cfnlocal::validate::rules
