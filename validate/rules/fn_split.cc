// E1018: Fn::Split (AWS User Guide, "Fn::Split"): [delimiter, source string].
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

void check(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Fn::Split")) {
    const Value &arg = *c->arg;
    if (!arg.is_array() || arg.size() != 2) {
      out.report(item_mark(*c, arg), arg_path(*c),
                 fmt::format("{} is not a [delimiter, string] list", show(arg)));
      continue;
    }
    const Value &delim = arg.as_array()[0];
    const Value &source = arg.as_array()[1];
    if (!delim.is_string())
      out.report(item_mark(*c, delim), arg_path(*c, 0),
                 fmt::format("{} is not of type 'string'", show(delim)));
    if (!may_be_string(ctx, source))
      out.report(item_mark(*c, source), arg_path(*c, 1),
                 fmt::format("{} is not of type 'string'", show(source)));
  }
}

} // namespace

extern const Rule kFnSplit{"E1018", Severity::Error, "Split validation",
                           "Fn::Split takes [delimiter, string].", check};

} // namespace cfnlocal::validate::rules
