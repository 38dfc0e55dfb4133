// E1024: Fn::Cidr (AWS User Guide, "Fn::Cidr"): [ipBlock, count, cidrBits]; count 1-256, cidrBits
// 0-128 when literal.
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

void check(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Fn::Cidr")) {
    const Value &arg = *c->arg;
    if (!arg.is_array() || arg.size() != 3) {
      out.report(item_mark(*c, arg), arg_path(*c),
                 fmt::format("{} is not an [ipBlock, count, cidrBits] list", show(arg)));
      continue;
    }
    const auto &items = arg.as_array();
    if (!may_be_string(ctx, items[0]))
      out.report(item_mark(*c, items[0]), arg_path(*c, 0),
                 fmt::format("{} is not of type 'string'", show(items[0])));
    for (size_t i = 1; i < 3; ++i) {
      const Value &n = items[i];
      if (is_function(n))
        continue;
      auto text = n.is_scalar() && !n.is_bool() ? n.scalar_string() : std::nullopt;
      char *end = nullptr;
      long v = text ? std::strtol(text->c_str(), &end, 10) : -1;
      bool ok = text && !text->empty() && end && *end == '\0' &&
                (i == 1 ? (v >= 1 && v <= 256) : (v >= 0 && v <= 128));
      if (!ok)
        out.report(item_mark(*c, n), arg_path(*c, i),
                   fmt::format("{} is not a valid {}", show(n),
                               i == 1 ? "count (1-256)" : "cidrBits (0-128)"));
    }
  }
}

} // namespace

extern const Rule kFnCidr{"E1024", Severity::Error, "Cidr validation",
                          "Fn::Cidr takes [ipBlock, count, cidrBits].", check};

} // namespace cfnlocal::validate::rules
