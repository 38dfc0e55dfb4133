#include "intrinsics/rules.h"

#include "intrinsics/evaluator_impl.h"
#include "intrinsics/functions.h"

#include <algorithm>

namespace cfnlocal::intrinsics {

namespace {

using detail::call_mark;
using detail::fail;

// Thrown inside a rule when a fact cannot be known; the rule is then undecided.
struct Undecided {};

class RuleEvaluator {
public:
  explicit RuleEvaluator(const Context &context) : ctx_(context), evaluator_(context) {
    evaluator_.in_conditions = true; // rules, like conditions, cannot read resources
  }

  bool truth(const Value &v) {
    Value r = value(v);
    if (r.is_bool())
      return r.as_bool();
    if (r.is_string() && (r.as_string() == "true" || r.as_string() == "false"))
      return r.as_string() == "true";
    fail("Template error: a rule condition or assertion must evaluate to true or false",
         call_mark(v));
  }

  Value value(const Value &v) {
    auto fn = function_name(v, true);
    if (!fn) {
      if (v.is_array()) {
        Value::Array out;
        for (const auto &item : v.as_array())
          out.push_back(value(item));
        return Value(std::move(out)).with_mark(v.mark());
      }
      return v;
    }
    const Value &arg = v.as_object().front().value;
    Mark mark = call_mark(v);
    std::string_view name = *fn;
    if (name == "Fn::Equals") {
      auto items = args(arg, 2, name, mark);
      return Value(equal(value(items[0]), value(items[1]))).with_mark(mark);
    }
    if (name == "Fn::And" || name == "Fn::Or") {
      if (!arg.is_array() || arg.size() < 2 || arg.size() > 10)
        fail("Template error: " + std::string(name) + " requires a list of 2 to 10 conditions",
             mark);
      bool is_and = name == "Fn::And";
      bool result = is_and;
      for (const auto &item : arg.as_array()) {
        bool b = truth(item);
        result = is_and ? result && b : result || b;
      }
      return Value(result).with_mark(mark);
    }
    if (name == "Fn::Not") {
      auto items = args(arg, 1, name, mark);
      return Value(!truth(items[0])).with_mark(mark);
    }
    if (name == "Fn::Contains") {
      auto items = args(arg, 2, name, mark);
      auto list = strings(value(items[0]), name, mark);
      std::string s = string(value(items[1]), name, mark);
      return Value(std::find(list.begin(), list.end(), s) != list.end()).with_mark(mark);
    }
    if (name == "Fn::EachMemberEquals") {
      auto items = args(arg, 2, name, mark);
      auto list = strings(value(items[0]), name, mark);
      std::string s = string(value(items[1]), name, mark);
      bool all = true;
      for (const auto &x : list)
        all = all && x == s;
      return Value(all).with_mark(mark);
    }
    if (name == "Fn::EachMemberIn") {
      auto items = args(arg, 2, name, mark);
      auto check = strings(value(items[0]), name, mark);
      auto match = strings(value(items[1]), name, mark);
      bool all = true;
      for (const auto &x : check)
        all = all && std::find(match.begin(), match.end(), x) != match.end();
      return Value(all).with_mark(mark);
    }
    if (name == "Fn::RefAll")
      return ref_all(arg, mark);
    if (name == "Fn::ValueOf")
      return value_of(arg, mark);
    if (name == "Fn::ValueOfAll")
      return value_of_all(arg, mark);
    if (name == "Condition")
      fail("Template error: Condition cannot be used in the Rules section; write the condition "
           "functions inline",
           mark);
    // Ref and the other functions evaluate as anywhere else (without resources).
    auto evaluated = evaluator_.eval(v);
    Value out = evaluated ? std::move(*evaluated) : Value().with_mark(mark);
    if (!is_resolved(out))
      throw Undecided{};
    return out;
  }

private:
  const Context &ctx_;
  detail::Evaluator evaluator_;

  static const Value::Array &args(const Value &arg, size_t n, std::string_view name,
                                  const Mark &mark) {
    if (!arg.is_array() || arg.size() != n)
      fail("Template error: " + std::string(name) + " requires a list of " + std::to_string(n) +
               (n == 1 ? " element" : " elements"),
           mark);
    return arg.as_array();
  }

  static bool equal(const Value &a, const Value &b) {
    auto sa = a.scalar_string(), sb = b.scalar_string();
    if (sa && sb)
      return *sa == *sb;
    return a == b;
  }

  static std::string string(const Value &v, std::string_view name, const Mark &mark) {
    auto s = v.is_null() ? std::nullopt : v.scalar_string();
    if (!s)
      fail("Template error: " + std::string(name) + " requires a string to compare", mark);
    return *s;
  }

  static std::vector<std::string> strings(const Value &v, std::string_view name, const Mark &mark) {
    if (!v.is_array())
      fail("Template error: " + std::string(name) + " requires a list of strings", mark);
    std::vector<std::string> out;
    for (const auto &item : v.as_array())
      out.push_back(string(item, name, mark));
    return out;
  }

  // Parameters whose type is `type` or List<type>, with their values.
  std::vector<const BoundParameter *> parameters_of_type(std::string_view type) const {
    std::vector<const BoundParameter *> out;
    if (!ctx_.parameters)
      return out;
    for (const auto &p : ctx_.parameters->all())
      if (p.type.element == type || p.type.name == type)
        out.push_back(&p);
    return out;
  }

  static std::vector<std::string> values_of(const BoundParameter &p) {
    std::vector<std::string> out;
    if (p.value.is_array()) {
      for (const auto &item : p.value.as_array())
        if (auto s = item.scalar_string())
          out.push_back(*s);
    } else if (auto s = p.value.scalar_string()) {
      out.push_back(*s);
    }
    return out;
  }

  Value ref_all(const Value &arg, const Mark &mark) {
    if (!arg.is_string())
      fail("Template error: Fn::RefAll requires a parameter type as a string", mark);
    std::optional<std::vector<std::string>> all;
    try {
      all = evaluator_.lookup.all_values_of_type(arg.as_string());
    } catch (const LookupError &e) {
      fail(e.what(), mark);
    }
    if (!all) {
      all.emplace();
      for (const auto *p : parameters_of_type(arg.as_string()))
        for (auto &s : values_of(*p))
          all->push_back(std::move(s));
    }
    Value::Array out;
    for (auto &s : *all)
      out.push_back(Value(std::move(s)).with_mark(mark));
    return Value(std::move(out)).with_mark(mark);
  }

  std::string attribute_of(std::string_view type, const std::string &v, const std::string &attr,
                           const Mark &mark) {
    std::optional<std::string> a;
    try {
      a = evaluator_.lookup.value_attribute(type, v, attr);
    } catch (const LookupError &e) {
      fail(e.what(), mark);
    }
    if (!a)
      throw Undecided{};
    return *a;
  }

  Value value_of(const Value &arg, const Mark &mark) {
    if (!arg.is_array() || arg.size() != 2 || !arg.as_array()[0].is_string() ||
        !arg.as_array()[1].is_string())
      fail("Template error: Fn::ValueOf requires a list of a parameter name and an attribute name "
           "(no functions inside)",
           mark);
    const std::string &param = arg.as_array()[0].as_string();
    const std::string &attr = arg.as_array()[1].as_string();
    if (!ctx_.index->parameter(param))
      fail("Template error: Fn::ValueOf names parameter " + param +
               ", which the Parameters section does not declare",
           mark);
    const BoundParameter *p = ctx_.parameters ? ctx_.parameters->find(param) : nullptr;
    if (!p)
      throw Undecided{};
    if (p->value.is_array()) {
      Value::Array out;
      for (const auto &v : values_of(*p))
        out.push_back(Value(attribute_of(p->type.element, v, attr, mark)).with_mark(mark));
      return Value(std::move(out)).with_mark(mark);
    }
    return Value(attribute_of(p->type.element, values_of(*p).front(), attr, mark)).with_mark(mark);
  }

  Value value_of_all(const Value &arg, const Mark &mark) {
    if (!arg.is_array() || arg.size() != 2 || !arg.as_array()[0].is_string() ||
        !arg.as_array()[1].is_string())
      fail("Template error: Fn::ValueOfAll requires a list of a parameter type and an attribute "
           "name (no functions inside)",
           mark);
    const std::string &type = arg.as_array()[0].as_string();
    const std::string &attr = arg.as_array()[1].as_string();
    Value::Array out;
    for (const auto *p : parameters_of_type(type))
      for (const auto &v : values_of(*p))
        out.push_back(Value(attribute_of(type, v, attr, mark)).with_mark(mark));
    return Value(std::move(out)).with_mark(mark);
  }
};

} // namespace

RulesResult evaluate_rules(const Context &context) {
  RulesResult result;
  const Value *rules = context.index->rules();
  if (!rules)
    return result;
  RuleEvaluator e(context);
  for (const auto &rule : rules->as_object()) {
    if (!rule.value.is_object())
      fail("Template format error: rule " + rule.key + " must be an object", rule.key_mark);
    try {
      if (const Value *condition = rule.value.find("RuleCondition"))
        if (!e.truth(*condition))
          continue;
      const Value *assertions = rule.value.find("Assertions");
      if (!assertions || !assertions->is_array())
        fail("Template format error: rule " + rule.key + " must have a list of Assertions",
             rule.key_mark);
      for (const auto &assertion : assertions->as_array()) {
        const Value *assert = assertion.is_object() ? assertion.find("Assert") : nullptr;
        if (!assert)
          fail("Template format error: every assertion of rule " + rule.key +
                   " must have an Assert",
               assertion.mark());
        if (e.truth(*assert))
          continue;
        RuleFailure f;
        f.rule = rule.key;
        f.mark = detail::call_mark(*assert);
        const Value *description = assertion.find("AssertDescription");
        auto text = description ? description->scalar_string() : std::nullopt;
        f.message = text && !text->empty() ? *text : "Assertion failed for rule " + rule.key;
        result.failures.push_back(std::move(f));
      }
    } catch (const Undecided &) {
      result.undecided.push_back(rule.key);
    }
  }
  return result;
}

} // namespace cfnlocal::intrinsics
