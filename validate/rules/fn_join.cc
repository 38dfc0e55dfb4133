// E1022: Fn::Join (AWS User Guide, "Fn::Join"): [delimiter, [values]] where the list may come
// from a function that returns one and each value is a string or a function returning one.
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

void check(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Fn::Join")) {
    const Value &arg = *c->arg;
    if (!arg.is_array() || arg.size() != 2) {
      out.report(item_mark(*c, arg), arg_path(*c),
                 fmt::format("{} is not a [delimiter, [values]] list", show(arg)));
      continue;
    }
    const Value &delim = arg.as_array()[0];
    const Value &list = arg.as_array()[1];
    if (!delim.is_string() && !(ctx.has_transform() && is_function(delim)))
      out.report(item_mark(*c, delim), arg_path(*c, 0),
                 fmt::format("{} is not of type 'string'", show(delim)));
    if (!may_be_list(ctx, list)) {
      out.report(item_mark(*c, list), arg_path(*c, 1),
                 fmt::format("{} is not of type 'array'", show(list)));
      continue;
    }
    if (!list.is_array())
      continue;
    for (size_t i = 0; i < list.size(); ++i) {
      const Value &item = list.as_array()[i];
      if (!may_be_string(ctx, item))
        out.report(item_mark(*c, item), join_path(arg_path(*c, 1), std::to_string(i)),
                   fmt::format("{} is not of type 'string'", show(item)));
    }
  }
}

} // namespace

extern const Rule kFnJoin{"E1022", Severity::Error, "Join validation",
                          "Fn::Join takes [delimiter, list of strings].", check};

} // namespace cfnlocal::validate::rules
