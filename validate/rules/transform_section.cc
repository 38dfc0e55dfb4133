// E1005: the Transform section (AWS User Guide, "Transform section"): a macro name, a list of
// them, or AWS::Include's {Name, Parameters} form.
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

bool valid_entry(const Value &v) {
  if (v.is_string())
    return !v.as_string().empty();
  if (v.is_object()) {
    const Value *name = v.find("Name");
    if (!name || !name->is_string())
      return false;
    for (const auto &m : v.as_object())
      if (m.key != "Name" && m.key != "Parameters")
        return false;
    return true;
  }
  return false;
}

void check(const Context &ctx, Reporter &out) {
  if (!ctx.root().is_object())
    return;
  const Value::Member *t = ctx.root().find_member("Transform");
  if (!t)
    return;
  if (t->value.is_array()) {
    for (size_t i = 0; i < t->value.size(); ++i) {
      const Value &item = t->value.as_array()[i];
      if (!valid_entry(item))
        out.report(mark_or(item, t->key_mark), "Transform/" + std::to_string(i),
                   fmt::format("{} is not a transform name or {{Name, Parameters}}", show(item)));
    }
  } else if (!valid_entry(t->value)) {
    out.report(mark_or(t->value, t->key_mark), "Transform",
               fmt::format("{} is not a transform name, a list of them or {{Name, Parameters}}",
                           show(t->value)));
  }
}

} // namespace

extern const Rule kTransformSection{"E1005", Severity::Error, "Transform configuration",
                                    "Transform is a name, a list of names, or {Name, "
                                    "Parameters}.",
                                    check};

} // namespace cfnlocal::validate::rules
