// E7001, W7001: the Mappings section (AWS User Guide, "Mappings"): maps of maps of values
// (strings, numbers or lists of them); no functions.
#include "validate/rules/helpers.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace cfnlocal::validate::rules {
namespace {

void structure(const Context &ctx, Reporter &out) {
  const Value *maps = ctx.mappings();
  if (!maps)
    return;
  for (const auto &m : maps->as_object()) {
    std::string path = join_path("Mappings", m.key);
    if (!m.value.is_object() || is_function(m.value)) {
      out.report(mark_or(m.value, m.key_mark), path,
                 fmt::format("{} is not of type 'object'", show(m.value)));
      continue;
    }
    for (const auto &top : m.value.as_object()) {
      std::string tpath = join_path(path, top.key);
      if (!top.value.is_object() || is_function(top.value)) {
        out.report(mark_or(top.value, top.key_mark), tpath,
                   fmt::format("{} is not of type 'object'", show(top.value)));
        continue;
      }
      for (const auto &second : top.value.as_object()) {
        const Value &v = second.value;
        bool ok = (v.is_scalar() && !v.is_null()) ||
                  (v.is_array() && std::all_of(v.as_array().begin(), v.as_array().end(),
                                               [](const Value &i) { return i.is_scalar(); }));
        if (!ok)
          out.report(mark_or(v, second.key_mark), join_path(tpath, second.key),
                     fmt::format("{} is not a string, number or list of them", show(v)));
      }
    }
  }
}

void unused(const Context &ctx, Reporter &out) {
  const Value *maps = ctx.mappings();
  if (!maps)
    return;
  std::set<std::string_view> used;
  for (const Call *c : ctx.calls_of("Fn::FindInMap")) {
    if (!c->arg->is_array() || c->arg->size() == 0)
      continue;
    const Value &name = c->arg->as_array()[0];
    if (!name.is_string())
      return; // a computed map name may use any mapping
    used.insert(name.as_string());
  }
  for (const auto &m : maps->as_object())
    if (!used.count(m.key))
      out.report(m.key_mark, join_path("Mappings", m.key),
                 fmt::format("Mapping '{}' is defined but not used", m.key));
}

} // namespace

extern const Rule kMappingStructure{"E7001", Severity::Error, "Mappings configuration",
                                    "Mappings are maps of maps of strings, numbers or lists.",
                                    structure};
extern const Rule kUnusedMappings{"W7001", Severity::Warning, "Unused mappings",
                                  "Every mapping is used by an Fn::FindInMap.", unused};

} // namespace cfnlocal::validate::rules
