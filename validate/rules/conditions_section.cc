// E8001-E8007, W8001, W8003: the Conditions section and the condition functions (AWS User Guide,
// "Conditions" and "Condition functions").
#include "validate/rules/helpers.h"

#include <fmt/format.h>
#include <set>

namespace cfnlocal::validate::rules {
namespace {

bool is_condition_call(const Value &v) {
  std::string_view f = function_name(v);
  return f == "Fn::And" || f == "Fn::Or" || f == "Fn::Not" || f == "Fn::Equals" || f == "Condition";
}

void structure(const Context &ctx, Reporter &out) {
  const Value *conds = ctx.conditions();
  if (!conds)
    return;
  for (const auto &m : conds->as_object())
    if (!is_condition_call(m.value) && !m.value.is_bool())
      out.report(mark_or(m.value, m.key_mark), join_path("Conditions", m.key),
                 fmt::format("{} is not a condition function (Fn::And, Fn::Equals, Fn::If, "
                             "Fn::Not, Fn::Or, Condition)",
                             show(m.value)));
}

void exists(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Condition"))
    if (c->arg->is_string() && !ctx.has_condition(c->arg->as_string()))
      out.report(item_mark(*c, *c->arg), arg_path(*c),
                 not_one_of(c->arg->as_string(), member_names(ctx.conditions())));
}

void condition_items(const Call &c, Reporter &out, size_t min, size_t max) {
  const Value &arg = *c.arg;
  if (!arg.is_array()) {
    out.report(item_mark(c, arg), arg_path(c), fmt::format("{} is not of type 'array'", show(arg)));
    return;
  }
  if (arg.size() < min)
    out.report(item_mark(c, arg), arg_path(c),
               fmt::format("expected minimum item count: {}, found: {}", min, arg.size()));
  if (arg.size() > max)
    out.report(item_mark(c, arg), arg_path(c),
               fmt::format("expected maximum item count: {}, found: {}", max, arg.size()));
  for (size_t i = 0; i < arg.size(); ++i) {
    const Value &item = arg.as_array()[i];
    if (!is_condition_call(item) && !item.is_bool())
      out.report(item_mark(c, item), arg_path(c, i),
                 fmt::format("{} is not a condition function", show(item)));
  }
}

void fn_and(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Fn::And"))
    condition_items(*c, out, 2, 10);
}
void fn_or(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Fn::Or"))
    condition_items(*c, out, 2, 10);
}
void fn_not(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Fn::Not"))
    condition_items(*c, out, 1, 1);
}

bool equals_operand_ok(const Value &v) {
  if (v.is_scalar())
    return !v.is_null();
  std::string_view f = function_name(v);
  return f == "Ref" || f == "Fn::FindInMap" || f == "Fn::Sub" || f == "Fn::Join" ||
         f == "Fn::Select" || f == "Fn::Split" || f == "Fn::Length" || f == "Fn::ToJsonString" ||
         f == "Fn::GetAZs" || f == "Fn::Base64" || f == "Fn::If" || f == "Fn::ImportValue" ||
         f == "Fn::Cidr";
}

void fn_equals(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Fn::Equals")) {
    const Value &arg = *c->arg;
    if (!arg.is_array() || arg.size() != 2) {
      out.report(item_mark(*c, arg), arg_path(*c),
                 fmt::format("{} is not a list of two values", show(arg)));
      continue;
    }
    for (size_t i = 0; i < 2; ++i) {
      const Value &item = arg.as_array()[i];
      if (!equals_operand_ok(item))
        out.report(
            item_mark(*c, item), arg_path(*c, i),
            fmt::format("{} is not a string or a function allowed in Fn::Equals", show(item)));
    }
  }
}

void condition_fn(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Condition"))
    if (!c->arg->is_string())
      out.report(item_mark(*c, *c->arg), arg_path(*c),
                 fmt::format("{} is not of type 'string'", show(*c->arg)));
}

void unused(const Context &ctx, Reporter &out) {
  const Value *conds = ctx.conditions();
  if (!conds)
    return;
  std::set<std::string_view> used;
  for (const Call &c : ctx.calls()) {
    if (c.name == "Condition" && c.arg->is_string())
      used.insert(c.arg->as_string());
    if (c.name == "Fn::If" && c.arg->is_array() && c.arg->size() > 0 &&
        c.arg->as_array()[0].is_string())
      used.insert(c.arg->as_array()[0].as_string());
  }
  for (const char *section : {"Resources", "Outputs"})
    if (const Value *s = ctx.section(section))
      for (const auto &m : s->as_object())
        if (m.value.is_object())
          if (const Value *cond = m.value.find("Condition"); cond && cond->is_string())
            used.insert(cond->as_string());
  for (const auto &m : conds->as_object())
    if (!used.count(m.key))
      out.report(m.key_mark, join_path("Conditions", m.key),
                 fmt::format("Condition {} not used", m.key));
}

void always(const Context &ctx, Reporter &out) {
  for (const Call *c : ctx.calls_of("Fn::Equals")) {
    const Value &arg = *c->arg;
    if (!arg.is_array() || arg.size() != 2)
      continue;
    const Value &a = arg.as_array()[0];
    const Value &b = arg.as_array()[1];
    if (a.is_scalar() && b.is_scalar())
      out.report(c->mark, arg_path(*c),
                 fmt::format("Fn::Equals compares two literals ({} and {}): always {}", show(a),
                             show(b), a.scalar_string() == b.scalar_string() ? "true" : "false"));
    else if (!a.is_scalar() && a == b)
      out.report(c->mark, arg_path(*c), "Fn::Equals compares a value with itself: always true");
  }
}

} // namespace

extern const Rule kConditionsStructure{"E8001", Severity::Error, "Conditions configuration",
                                       "Each condition is a condition function.", structure};
extern const Rule kConditionExists{"E8002", Severity::Error, "Referenced conditions exist",
                                   "A Condition function names a defined condition.", exists};
extern const Rule kFnEquals{"E8003", Severity::Error, "Fn::Equals structure",
                            "Fn::Equals takes a list of two strings or functions that return "
                            "them.",
                            fn_equals};
extern const Rule kFnAnd{"E8004", Severity::Error, "Fn::And structure",
                         "Fn::And takes 2 to 10 conditions.", fn_and};
extern const Rule kFnNot{"E8005", Severity::Error, "Fn::Not structure",
                         "Fn::Not takes a list of one condition.", fn_not};
extern const Rule kFnOr{"E8006", Severity::Error, "Fn::Or structure",
                        "Fn::Or takes 2 to 10 conditions.", fn_or};
extern const Rule kConditionFn{"E8007", Severity::Error, "Condition structure",
                               "The Condition function takes a condition name.", condition_fn};
extern const Rule kUnusedConditions{"W8001", Severity::Warning, "Unused conditions",
                                    "Every condition is used by a resource, output, Fn::If or "
                                    "another condition.",
                                    unused};
extern const Rule kEqualsAlways{"W8003", Severity::Warning, "Fn::Equals is constant",
                                "Fn::Equals of two literals, or of a value with itself, is "
                                "always the same.",
                                always};

} // namespace cfnlocal::validate::rules
