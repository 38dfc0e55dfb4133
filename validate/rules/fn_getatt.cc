// E1010: Fn::GetAtt (AWS User Guide, "Fn::GetAtt"): [logicalName, attributeName] or
// "logicalName.attributeName"; the resource exists; the attribute is one the type returns.
#include "validate/rules/helpers.h"
#include "validate/type_facts.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

void check(const Context &ctx, Reporter &out) {
  bool generated = names_may_be_generated(ctx);
  for (const Call *c : ctx.calls_of("Fn::GetAtt")) {
    const Value &arg = *c->arg;
    std::string resource, attribute;
    const Value *resource_node = &arg;
    const Value *attribute_node = nullptr;
    if (arg.is_string()) {
      auto dot = arg.as_string().find('.');
      if (dot == std::string::npos) {
        out.report(item_mark(*c, arg), arg_path(*c),
                   fmt::format("{} is not of the form 'Resource.Attribute'", show(arg)));
        continue;
      }
      resource = arg.as_string().substr(0, dot);
      attribute = arg.as_string().substr(dot + 1);
    } else if (arg.is_array() && arg.size() == 2 && arg.as_array()[0].is_string() &&
               (arg.as_array()[1].is_string() || is_call(arg.as_array()[1], "Ref"))) {
      resource_node = &arg.as_array()[0];
      resource = resource_node->as_string();
      attribute_node = &arg.as_array()[1];
      if (attribute_node->is_string())
        attribute = attribute_node->as_string();
    } else if (ctx.has_transform() && arg.is_array() && arg.size() == 2) {
      continue; // AWS::LanguageExtensions resolves Fn::Sub / Ref names (Fn::ForEach loops)
    } else {
      out.report(
          item_mark(*c, arg), arg_path(*c),
          fmt::format("{} is not a [Resource, Attribute] list or 'Resource.Attribute'", show(arg)));
      continue;
    }
    if (c->in_condition_function || c->section == Section::Conditions) {
      out.report(c->mark, arg_path(*c), "Fn::GetAtt cannot be used in Conditions");
      continue;
    }
    if (!ctx.has_resource(resource)) {
      if (!generated)
        out.report(item_mark(*c, *resource_node), arg.is_array() ? arg_path(*c, 0) : arg_path(*c),
                   not_one_of(resource, member_names(ctx.resources())));
      continue;
    }
    if (attribute.empty())
      continue;
    std::string_view type = ctx.resource_type(resource);
    auto valid = getatt_attribute_valid(type, attribute);
    if (valid && !*valid)
      out.report(attribute_node ? item_mark(*c, *attribute_node) : item_mark(*c, arg),
                 arg.is_array() ? arg_path(*c, 1) : arg_path(*c),
                 fmt::format("'{}' is not an attribute of {} ({}); valid: [{}]", attribute,
                             resource, type, quoted_list(getatt_attributes(type), 20)));
  }
}

} // namespace

extern const Rule kFnGetAtt{"E1010", Severity::Error, "GetAtt validation",
                            "Fn::GetAtt names a resource of the template and an attribute its "
                            "type returns.",
                            check};

} // namespace cfnlocal::validate::rules
