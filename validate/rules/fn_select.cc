// E1017: Fn::Select (AWS User Guide, "Fn::Select"): [index, list]; the index an integer (or Ref /
// FindInMap giving one), the list an array or a function returning one.
#include "validate/rules/helpers.h"

#include <cmath>
#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

bool integer_like(const Value &v) {
  if (v.is_number())
    return std::floor(v.as_number()) == v.as_number() && v.as_number() >= 0;
  if (v.is_string()) {
    const std::string &s = v.as_string();
    return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
  }
  return false;
}

void check(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Fn::Select")) {
    const Value &arg = *c->arg;
    if (!arg.is_array() || arg.size() != 2) {
      out.report(item_mark(*c, arg), arg_path(*c),
                 fmt::format("{} is not an [index, list] list", show(arg)));
      continue;
    }
    const Value &index = arg.as_array()[0];
    const Value &list = arg.as_array()[1];
    if (!integer_like(index) && !is_function(index))
      out.report(item_mark(*c, index), arg_path(*c, 0),
                 fmt::format("{} is not of type 'integer'", show(index)));
    if (!may_be_list(ctx, list))
      out.report(item_mark(*c, list), arg_path(*c, 1),
                 fmt::format("{} is not of type 'array'", show(list)));
    else if (list.is_array() && integer_like(index) &&
             std::stod(index.scalar_string().value_or("0")) >= static_cast<double>(list.size()))
      out.report(item_mark(*c, index), arg_path(*c, 0),
                 fmt::format("Index {} is out of range for a list of {} items",
                             *index.scalar_string(), list.size()));
  }
}

} // namespace

extern const Rule kFnSelect{"E1017", Severity::Error, "Select validation",
                            "Fn::Select takes [index, list]; a literal index is within the "
                            "literal list.",
                            check};

} // namespace cfnlocal::validate::rules
