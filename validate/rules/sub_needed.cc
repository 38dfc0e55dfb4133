// E1029: a "${Name}" written in a plain string (not inside Fn::Sub) where Name is a parameter,
// resource or pseudo parameter: CloudFormation leaves it as text, which is almost never meant.
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

struct Walker {
  const Context &ctx;
  Reporter &out;

  bool names_something(const std::string &var) const {
    auto dot = var.find('.');
    std::string head = var.substr(0, dot);
    if (dot != std::string::npos)
      return ctx.has_resource(head);
    return ctx.has_parameter(var) || ctx.has_resource(var) || is_pseudo_parameter(var);
  }

  void walk(const Value &v, const std::string &path, const Mark &fallback) {
    if (v.is_string()) {
      for (const auto &var : sub_variables(v.as_string()))
        if (names_something(var)) {
          out.report(mark_or(v, fallback), path,
                     fmt::format("Found an embedded parameter \"${{{}}}\" outside of an "
                                 "\"Fn::Sub\" at {}",
                                 var, path));
          break;
        }
      return;
    }
    if (v.is_array()) {
      for (size_t i = 0; i < v.size(); ++i)
        walk(v.as_array()[i], join_path(path, std::to_string(i)), mark_or(v, fallback));
      return;
    }
    if (!v.is_object())
      return;
    std::string_view f = function_name(v);
    if (f == "Fn::Sub" || f == "Fn::Transform" || f == "Fn::ForEach")
      return;
    for (const auto &m : v.as_object()) {
      // Text handed to another engine that has its own ${...} syntax: a nested template body,
      // inline code, a state machine definition (DefinitionSubstitutions), an API definition.
      if (m.key == "TemplateBody" || m.key == "ZipFile" || m.key == "InlineCode" ||
          m.key == "DefinitionString" || m.key == "Definition" || m.key == "Body")
        continue;
      walk(m.value, join_path(path, m.key), m.key_mark);
    }
  }
};

void check(const Context &ctx, Reporter &out) {
  Walker w{ctx, out};
  if (const Value *res = ctx.resources())
    for (const auto &r : res->as_object())
      if (r.value.is_object())
        if (const Value::Member *p = r.value.find_member("Properties"))
          w.walk(p->value, join_path("Resources", r.key) + "/Properties", p->key_mark);
  if (const Value *outs = ctx.outputs())
    for (const auto &o : outs->as_object())
      w.walk(o.value, join_path("Outputs", o.key), o.key_mark);
}

} // namespace

extern const Rule kSubNeeded{"E1029", Severity::Error, "Sub is required for variables",
                             "A plain string does not contain ${Name} of a parameter, resource "
                             "or pseudo parameter (wrap it in Fn::Sub).",
                             check};

} // namespace cfnlocal::validate::rules
