// W3005: a DependsOn entry that a Ref or Fn::GetAtt in the same resource already implies (AWS
// User Guide, "DependsOn attribute": references create the dependency themselves).
#include "validate/rules/helpers.h"

#include <fmt/format.h>
#include <map>

namespace cfnlocal::validate::rules {
namespace {

void check(const Context &ctx, Reporter &out) {
  const Value *res = ctx.resources();
  if (!res)
    return;
  // First unconditional reference per (resource, target), from the call index.
  std::map<std::pair<std::string_view, std::string>, const Call *> refs;
  for (const Call &c : ctx.calls()) {
    if (c.section != Section::Resources || c.guards != 0)
      continue;
    std::string target;
    const char *kind = nullptr;
    if (c.name == "Ref" && c.arg->is_string())
      target = c.arg->as_string(), kind = "Ref";
    else if (c.name == "Fn::GetAtt" && c.arg->is_array() && c.arg->size() > 0 &&
             c.arg->as_array()[0].is_string())
      target = c.arg->as_array()[0].as_string(), kind = "GetAtt";
    else if (c.name == "Fn::GetAtt" && c.arg->is_string())
      target = c.arg->as_string().substr(0, c.arg->as_string().find('.')), kind = "GetAtt";
    if (kind)
      refs.emplace(std::make_pair(c.owner, target), &c);
  }
  for (const auto &r : res->as_object()) {
    if (!r.value.is_object())
      continue;
    const Value *d = r.value.find("DependsOn");
    if (!d)
      continue;
    std::vector<const Value *> entries;
    if (d->is_string())
      entries.push_back(d);
    else if (d->is_array())
      for (const auto &i : d->as_array())
        entries.push_back(&i);
    for (size_t i = 0; i < entries.size(); ++i) {
      const Value &e = *entries[i];
      if (!e.is_string())
        continue;
      auto it = refs.find({std::string_view(r.key), e.as_string()});
      if (it == refs.end())
        continue;
      std::string path = join_path("Resources", r.key) + "/DependsOn";
      if (d->is_array())
        path += "/" + std::to_string(i);
      out.report(mark_or(e, r.key_mark), path,
                 fmt::format("'{}' dependency already enforced by a '{}' at '{}'", e.as_string(),
                             it->second->name == "Ref" ? "Ref" : "Fn::GetAtt", it->second->path));
    }
  }
}

} // namespace

extern const Rule kRedundantDependsOn{"W3005", Severity::Warning, "Redundant DependsOn",
                                      "DependsOn does not repeat a dependency that a Ref or "
                                      "GetAtt already makes.",
                                      check};

} // namespace cfnlocal::validate::rules
