// E1015: Fn::GetAZs (AWS User Guide, "Fn::GetAZs"): a region name, "" (the stack's region) or
// Ref AWS::Region.
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

bool region_like(const std::string &s) {
  // af-south-1, us-gov-west-1, cn-north-1, eu-isoe-west-1: letters and dashes, a digit at the end.
  if (s.size() < 6 || !std::isdigit(static_cast<unsigned char>(s.back())))
    return false;
  for (char ch : s)
    if (!(std::islower(static_cast<unsigned char>(ch)) ||
          std::isdigit(static_cast<unsigned char>(ch)) || ch == '-'))
      return false;
  return s.find('-') != std::string::npos;
}

void check(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Fn::GetAZs")) {
    const Value &arg = *c->arg;
    if (arg.is_string() && (arg.as_string().empty() || region_like(arg.as_string())))
      continue;
    if (is_call(arg, "Ref") || is_function(arg))
      continue;
    out.report(item_mark(*c, arg), arg_path(*c),
               fmt::format("{} is not a region name, '' or Ref AWS::Region",
                           arg.is_null() ? std::string("null") : show(arg)));
  }
}

} // namespace

extern const Rule kFnGetAZs{"E1015", Severity::Error, "GetAZs validation",
                            "Fn::GetAZs takes a region name, '' or Ref AWS::Region.", check};

} // namespace cfnlocal::validate::rules
