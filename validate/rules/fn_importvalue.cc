// E1016: Fn::ImportValue (AWS User Guide, "Fn::ImportValue"): a string (or Sub/Join/If/Select/
// FindInMap/Ref of a parameter giving one); it cannot depend on a resource of the template.
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

void check(const Context &ctx, Reporter &out) {
  const auto &calls = ctx.calls();
  for (size_t i = 0; i < calls.size(); ++i) {
    const Call &c = calls[i];
    if (c.name != "Fn::ImportValue")
      continue;
    if (!may_be_string(ctx, *c.arg) || is_call(*c.arg, "Fn::GetAtt") ||
        is_call(*c.arg, "Fn::ImportValue")) {
      out.report(item_mark(c, *c.arg), arg_path(c),
                 fmt::format("{} is not a string or a function returning one", show(*c.arg)));
      continue;
    }
    // Calls nested inside this one follow it in document order with a deeper depth.
    for (size_t j = i + 1; j < calls.size() && calls[j].depth > c.depth; ++j) {
      const Call &inner = calls[j];
      bool resource = false;
      if (inner.name == "Ref" && inner.arg->is_string())
        resource = ctx.has_resource(inner.arg->as_string());
      if (inner.name == "Fn::GetAtt")
        resource = true;
      if (inner.name == "Fn::Sub" && inner.arg->is_string())
        for (const auto &v : sub_variables(inner.arg->as_string()))
          if (ctx.has_resource(v.substr(0, v.find('.'))))
            resource = true;
      if (resource)
        out.report(inner.mark, inner.path,
                   "Fn::ImportValue cannot depend on a resource of the same template");
    }
  }
}

} // namespace

extern const Rule kFnImportValue{"E1016", Severity::Error, "ImportValue validation",
                                 "Fn::ImportValue takes a string and does not reference "
                                 "resources.",
                                 check};

} // namespace cfnlocal::validate::rules
