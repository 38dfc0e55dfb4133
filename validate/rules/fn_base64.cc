// E1021: Fn::Base64 (AWS User Guide, "Fn::Base64"): a string or a function returning one.
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

void check(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Fn::Base64"))
    if (!may_be_string(ctx, *c->arg))
      out.report(item_mark(*c, *c->arg), arg_path(*c),
                 fmt::format("{} is not of type 'string'", show(*c->arg)));
}

} // namespace

extern const Rule kFnBase64{"E1021", Severity::Error, "Base64 validation",
                            "Fn::Base64 takes a string.", check};

} // namespace cfnlocal::validate::rules
