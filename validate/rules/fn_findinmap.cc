// E1011: Fn::FindInMap (AWS User Guide, "Fn::FindInMap"): [MapName, TopLevelKey, SecondLevelKey]
// (plus {DefaultValue: ...} with AWS::LanguageExtensions); literal names must exist.
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

void check(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Fn::FindInMap")) {
    const Value &arg = *c->arg;
    bool has_default = arg.is_array() && arg.size() == 4 && arg.as_array()[3].is_object() &&
                       arg.as_array()[3].find("DefaultValue");
    if (!arg.is_array() || (arg.size() != 3 && !has_default)) {
      out.report(item_mark(*c, arg), arg_path(*c),
                 fmt::format("{} is not a [MapName, TopLevelKey, SecondLevelKey] list", show(arg)));
      continue;
    }
    const auto &items = arg.as_array();
    bool bad_shape = false;
    for (size_t i = 0; i < 3; ++i)
      if (!items[i].is_scalar() && !is_function(items[i])) {
        out.report(item_mark(*c, items[i]), arg_path(*c, i),
                   fmt::format("{} is not of type 'string'", show(items[i])));
        bad_shape = true;
      }
    if (bad_shape || has_default)
      continue;
    if (!items[0].is_string())
      continue;
    const Value *mappings = ctx.mappings();
    const Value *map = mappings ? mappings->find(items[0].as_string()) : nullptr;
    if (!map) {
      out.report(item_mark(*c, items[0]), arg_path(*c, 0),
                 not_one_of(items[0].as_string(), member_names(mappings)));
      continue;
    }
    if (!map->is_object())
      continue;
    auto second_key_exists = [&](const Value *top) {
      auto key = items[2].scalar_string();
      return top && top->is_object() && key && top->find(*key);
    };
    if (items[1].is_scalar()) {
      auto key = items[1].scalar_string();
      const Value *top = key ? map->find(*key) : nullptr;
      if (!top) {
        out.report(item_mark(*c, items[1]), arg_path(*c, 1),
                   fmt::format("{} for mapping '{}'",
                               not_one_of(key.value_or(""), member_names(map)),
                               items[0].as_string()));
        continue;
      }
      if (items[2].is_scalar() && !second_key_exists(top))
        out.report(item_mark(*c, items[2]), arg_path(*c, 2),
                   fmt::format("{} for mapping '{}' and key '{}'",
                               not_one_of(items[2].scalar_string().value_or(""), member_names(top)),
                               items[0].as_string(), *key));
    } else if (items[2].is_scalar()) {
      // The top-level key is computed: the second-level key must exist under at least one.
      bool anywhere = false;
      for (const auto &m : map->as_object())
        if (second_key_exists(&m.value))
          anywhere = true;
      if (!anywhere)
        out.report(item_mark(*c, items[2]), arg_path(*c, 2),
                   fmt::format("'{}' is not a second-level key of mapping '{}'",
                               items[2].scalar_string().value_or(""), items[0].as_string()));
    }
  }
}

} // namespace

extern const Rule kFnFindInMap{"E1011", Severity::Error, "FindInMap validation",
                               "Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]; "
                               "literal names exist in Mappings.",
                               check};

} // namespace cfnlocal::validate::rules
