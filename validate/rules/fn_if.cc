// E1028: Fn::If (AWS User Guide, "Fn::If"): [condition name, value if true, value if false], the
// condition defined in Conditions.
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

void check(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Fn::If")) {
    const Value &arg = *c->arg;
    if (!arg.is_array() || arg.size() != 3) {
      out.report(
          item_mark(*c, arg), arg_path(*c),
          fmt::format("{} is not a [condition, value if true, value if false] list", show(arg)));
      continue;
    }
    const Value &cond = arg.as_array()[0];
    if (!cond.is_string()) {
      out.report(item_mark(*c, cond), arg_path(*c, 0),
                 fmt::format("{} is not of type 'string'", show(cond)));
      continue;
    }
    if (!ctx.has_condition(cond.as_string()))
      out.report(item_mark(*c, cond), arg_path(*c, 0),
                 not_one_of(cond.as_string(), member_names(ctx.conditions())));
  }
}

} // namespace

extern const Rule kFnIf{"E1028", Severity::Error, "If validation",
                        "Fn::If takes [condition, value if true, value if false] with a defined "
                        "condition.",
                        check};

} // namespace cfnlocal::validate::rules
