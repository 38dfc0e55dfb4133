#include "intrinsics/evaluator.h"

#include "intrinsics/dynamic_references.h"
#include "intrinsics/evaluator_impl.h"
#include "intrinsics/functions.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace cfnlocal::intrinsics {

std::optional<bool> ConditionValues::get(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end())
    return std::nullopt;
  return it->second;
}

namespace detail {

void fail(const std::string &message, const Mark &mark) { throw Error(message, mark); }

Mark call_mark(const Value &call) {
  if (call.mark().known() || !call.is_object() || call.as_object().empty())
    return call.mark();
  return call.as_object().front().key_mark;
}

Value make_call(std::string_view name, Value argument, const Mark &mark) {
  Value::Object o;
  o.push_back(Value::Member{std::string(name), std::move(argument), mark});
  return Value(std::move(o)).with_mark(mark);
}

std::optional<std::string> string_of(const Value &v) {
  if (v.is_null())
    return std::nullopt;
  return v.scalar_string();
}

std::optional<long long> integer_of(const Value &v) {
  if (v.is_number()) {
    double d = v.as_number();
    if (d != std::floor(d))
      return std::nullopt;
    return static_cast<long long>(d);
  }
  if (v.is_string()) {
    const std::string &s = v.as_string();
    long long out = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec != std::errc() || ptr != s.data() + s.size() || s.empty())
      return std::nullopt;
    return out;
  }
  return std::nullopt;
}

std::string bracket_list(const std::vector<std::string> &names) {
  std::string out = "[";
  for (size_t i = 0; i < names.size(); ++i)
    out += (i ? ", " : "") + names[i];
  return out + "]";
}

namespace {
const PseudoParameters &default_pseudo() {
  static const PseudoParameters p;
  return p;
}
} // namespace

Evaluator::Evaluator(const Context &context)
    : ctx(context), index(*context.index), lookup(context.lookup ? *context.lookup : null_lookup()),
      pseudo(context.pseudo ? *context.pseudo : default_pseudo()) {}

std::optional<Value> Evaluator::eval(const Value &value) {
  switch (value.kind()) {
  case Value::Kind::Array: {
    Value::Array out;
    out.reserve(value.size());
    for (const auto &item : value.as_array())
      if (auto v = eval(item))
        out.push_back(std::move(*v));
    return Value(std::move(out)).with_mark(value.mark());
  }
  case Value::Kind::Object: {
    if (auto name = function_name(value)) {
      const Value::Member &m = value.as_object().front();
      return call(*name, value, m.value, call_mark(value));
    }
    Value::Object out;
    out.reserve(value.size());
    for (const auto &m : value.as_object())
      if (auto v = eval(m.value))
        out.push_back(Value::Member{m.key, std::move(*v), m.key_mark});
    return Value(std::move(out)).with_mark(value.mark());
  }
  default:
    return value;
  }
}

std::optional<Value> Evaluator::call(std::string_view name, const Value &node, const Value &arg,
                                     const Mark &mark) {
  // Ordered by how often templates use them.
  if (name == "Ref")
    return fn_ref(arg, mark);
  if (name == "Fn::GetAtt")
    return fn_get_att(arg, mark);
  if (name == "Fn::Sub")
    return fn_sub(arg, mark);
  if (name == "Fn::Join")
    return fn_join(arg, mark);
  if (name == "Fn::If")
    return fn_if(arg, mark);
  if (name == "Fn::Select")
    return fn_select(arg, mark);
  if (name == "Fn::FindInMap")
    return fn_find_in_map(arg, mark);
  if (name == "Fn::Split")
    return fn_split(arg, mark);
  if (name == "Fn::ImportValue")
    return fn_import_value(arg, mark);
  if (name == "Fn::GetAZs")
    return fn_get_azs(arg, mark);
  if (name == "Fn::Base64")
    return fn_base64(arg, mark);
  if (name == "Fn::Cidr")
    return fn_cidr(arg, mark);
  if (name == "Fn::Transform")
    return node; // the transforms module expands it; evaluation leaves it as written
  if (name == "Fn::Length")
    return fn_length(arg, mark);
  if (name == "Fn::ToJsonString")
    return fn_to_json_string(arg, mark);
  if (name == "Fn::Equals" || name == "Fn::And" || name == "Fn::Or" || name == "Fn::Not")
    return Value(condition_expr(node)).with_mark(mark);
  if (name.substr(0, 11) == "Fn::ForEach")
    fail("Template format error: " + std::string(name) +
             " requires the AWS::LanguageExtensions transform",
         mark);
  if (is_rule_function(name))
    fail("Template format error: " + std::string(name) +
             " can only be used in the Rules section of a template",
         mark);
  fail("Template format error: Encountered unsupported function: " + std::string(name) +
           " Supported functions are: [Fn::Base64, Fn::GetAtt, Fn::GetAZs, Fn::ImportValue, "
           "Fn::Join, Fn::Split, Fn::FindInMap, Fn::Select, Ref, Fn::Equals, Fn::If, Fn::Not, "
           "Condition, Fn::And, Fn::Or, Fn::Contains, Fn::EachMemberEquals, Fn::EachMemberIn, "
           "Fn::ValueOf, Fn::ValueOfAll, Fn::RefAll, Fn::Sub, Fn::Cidr]",
       mark);
}

void Evaluator::check_resource(std::string_view name, const Mark &mark) {
  if (in_conditions)
    fail("Template format error: Unresolved dependencies [" + std::string(name) +
             "]. Cannot reference resources in the Conditions block of the template",
         mark);
  std::string_view cond = index.resource_condition(name);
  if (!cond.empty() && ctx.conditions) {
    auto holds = ctx.conditions->get(cond);
    if (holds && !*holds)
      // The resource is not created; AWS reports the dangling reference the same way.
      fail("Template format error: Unresolved resource dependencies [" + std::string(name) +
               "] in the Resources block of the template",
           mark);
  }
}

std::optional<Value> Evaluator::resource_ref(std::string_view name, const Mark &mark) {
  check_resource(name, mark);
  try {
    if (auto v = lookup.ref_resource(name))
      return v->with_mark(mark);
  } catch (const LookupError &e) {
    fail(e.what(), mark);
  }
  return std::nullopt;
}

std::optional<Value> Evaluator::resource_att(std::string_view name, std::string_view attribute,
                                             const Mark &mark) {
  check_resource(name, mark);
  try {
    if (auto v = lookup.get_att(name, attribute))
      return v->with_mark(mark);
  } catch (const LookupError &e) {
    // The lookup words its own message (AWS: "Template error: resource X does not support
    // attribute type Y in Fn::GetAtt"); the evaluator adds where.
    fail(e.what(), mark);
  }
  return std::nullopt;
}

std::optional<Value> Evaluator::fn_ref(const Value &arg, const Mark &mark) {
  if (!arg.is_string())
    fail("Template format error: Every Ref object must have a single String value.", mark);
  const std::string &name = arg.as_string();
  if (name == "AWS::NoValue")
    return std::nullopt;
  if (is_pseudo_parameter(name))
    return pseudo.value(name)->with_mark(mark);
  if (index.parameter(name)) {
    if (const BoundParameter *p = ctx.parameters ? ctx.parameters->find(name) : nullptr)
      return p->value.with_mark(mark);
    if (in_conditions)
      fail("Template error: parameter " + name +
               " has no value, so the condition cannot be "
               "evaluated",
           mark);
    return make_call("Ref", arg, mark);
  }
  if (index.resource(name)) {
    if (auto v = resource_ref(name, mark))
      return v;
    return make_call("Ref", arg, mark);
  }
  if (in_conditions)
    fail("Template format error: Unresolved dependencies [" + name +
             "]. Cannot reference resources in the Conditions block of the template",
         mark);
  fail("Template format error: Unresolved resource dependencies [" + name +
           "] in the Resources block of the template",
       mark);
}

std::optional<Value> Evaluator::fn_get_att(const Value &arg, const Mark &mark) {
  std::string resource;
  Value attribute;
  Mark resource_mark = mark;
  if (arg.is_string()) {
    const std::string &s = arg.as_string();
    size_t dot = s.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == s.size())
      fail("Template error: every Fn::GetAtt object requires two non-empty parameters, the "
           "resource name and the resource attribute (found \"" +
               s + "\")",
           mark);
    resource = s.substr(0, dot);
    attribute = Value(s.substr(dot + 1)).with_mark(arg.mark());
  } else if (arg.is_array() && arg.size() == 2 && arg.as_array()[0].is_string()) {
    resource = arg.as_array()[0].as_string();
    resource_mark = arg.as_array()[0].mark();
    const Value &a = arg.as_array()[1];
    if (a.is_string()) {
      attribute = a;
    } else if (function_name(a)) {
      auto evaluated = eval(a);
      if (!evaluated || !(evaluated->is_string() || function_name(*evaluated)))
        fail("Template error: the attribute name of Fn::GetAtt must resolve to a string", mark);
      attribute = std::move(*evaluated);
    } else {
      fail("Template error: the attribute name of Fn::GetAtt must be a string or a Ref", mark);
    }
  } else {
    fail("Template error: every Fn::GetAtt object requires two non-empty parameters, the resource "
         "name and the resource attribute",
         mark);
  }
  if (resource.empty() || (attribute.is_string() && attribute.as_string().empty()))
    fail("Template error: every Fn::GetAtt object requires two non-empty parameters, the resource "
         "name and the resource attribute",
         mark);
  if (!index.resource(resource)) {
    if (in_conditions)
      fail("Template format error: Unresolved dependencies [" + resource +
               "]. Cannot reference resources in the Conditions block of the template",
           mark);
    fail("Template error: instance of Fn::GetAtt references undefined resource " + resource, mark);
  }
  if (attribute.is_string())
    if (auto v = resource_att(resource, attribute.as_string(), mark))
      return v;
  if (!attribute.is_string())
    check_resource(resource, mark);
  Value::Array args;
  args.push_back(Value(resource).with_mark(resource_mark));
  args.push_back(std::move(attribute));
  return make_call("Fn::GetAtt", Value(std::move(args)).with_mark(arg.mark()), mark);
}

namespace {
void check_if_shape(const Value &arg, const Mark &mark) {
  if (!arg.is_array() || arg.size() == 0 || !arg.as_array()[0].is_string())
    fail("Template error: Fn::If requires a list argument with the first element being a condition",
         mark);
  if (arg.size() != 3)
    fail("Template error: Fn::If requires a list argument with three elements", mark);
}
} // namespace

std::optional<Value> Evaluator::fn_if(const Value &arg, const Mark &mark) {
  check_if_shape(arg, mark);
  const auto &items = arg.as_array();
  bool holds = condition_named(items[0].as_string(), items[0].mark(), "Fn::If");
  return eval(holds ? items[1] : items[2]);
}

bool Evaluator::condition_named(std::string_view name, const Mark &mark,
                                std::string_view function) {
  if (ctx.conditions)
    if (auto v = ctx.conditions->get(name))
      return *v;
  const Value *definition = index.condition(name);
  if (!definition)
    fail(function == "Condition"
             ? "Template format error: Unresolved condition dependencies [" + std::string(name) +
                   "] in the Conditions block of the template"
             : "Template error: unresolved condition dependency " + std::string(name) + " in " +
                   std::string(function),
         mark);
  std::string key(name);
  auto it = local_conditions_.find(key);
  if (it != local_conditions_.end()) {
    if (it->second.first == State::Done)
      return it->second.second;
    auto start = std::find(visiting_.begin(), visiting_.end(), key);
    std::string cycle;
    for (auto i = start; i != visiting_.end(); ++i)
      cycle += *i + " -> ";
    fail("Template error: circular dependency between conditions: " + cycle + key, mark);
  }
  local_conditions_[key] = {State::Visiting, false};
  visiting_.push_back(key);
  bool saved = in_conditions;
  in_conditions = true;
  bool value = condition_expr(*definition);
  in_conditions = saved;
  visiting_.pop_back();
  local_conditions_[key] = {State::Done, value};
  return value;
}

bool Evaluator::condition_expr(const Value &value) {
  Mark mark = call_mark(value);
  auto name = function_name(value, true);
  if (!name) {
    // Literal truth values are accepted as CloudFormation does after Fn::Equals folding.
    if (value.is_bool())
      return value.as_bool();
    if (value.is_string() && (value.as_string() == "true" || value.as_string() == "false"))
      return value.as_string() == "true";
    fail("Template error: a condition must be one of the condition functions Fn::And, "
         "Fn::Equals, Fn::Not, Fn::Or or Condition",
         mark);
  }
  const Value &arg = value.as_object().front().value;
  bool saved = in_conditions;
  struct Restore {
    bool &flag;
    bool saved;
    ~Restore() { flag = saved; }
  } restore{in_conditions, saved};
  if (*name == "Condition") {
    if (!arg.is_string())
      fail("Template error: Condition requires the name of a condition as a string", mark);
    return condition_named(arg.as_string(), mark, "Condition");
  }
  if (*name == "Fn::Equals") {
    if (!arg.is_array() || arg.size() != 2)
      fail("Template error: Fn::Equals requires a list argument with two elements", mark);
    in_conditions = true; // Refs to resources cannot be compared before they exist
    auto a = eval(arg.as_array()[0]);
    auto b = eval(arg.as_array()[1]);
    Value va = a ? std::move(*a) : Value();
    Value vb = b ? std::move(*b) : Value();
    if (!is_resolved(va) || !is_resolved(vb))
      fail("Template error: Fn::Equals cannot compare values that are not known before the "
           "stack is created",
           mark);
    auto sa = va.scalar_string(), sb = vb.scalar_string();
    if (sa && sb)
      return *sa == *sb;
    return va == vb;
  }
  if (*name == "Fn::Not") {
    if (!arg.is_array() || arg.size() != 1)
      fail("Template error: Fn::Not requires a list argument with one element", mark);
    return !condition_expr(arg.as_array()[0]);
  }
  if (*name == "Fn::And" || *name == "Fn::Or") {
    if (!arg.is_array() || arg.size() < 2 || arg.size() > 10)
      fail("Template error: every " + std::string(*name) +
               " object requires a list of at least 2 and at most 10 boolean parameters.",
           mark);
    bool is_and = *name == "Fn::And";
    // Every operand is evaluated so that errors in any of them are reported, as AWS does.
    bool result = is_and;
    for (const auto &item : arg.as_array()) {
      bool v = condition_expr(item);
      result = is_and ? (result && v) : (result || v);
    }
    return result;
  }
  if (*name == "Fn::If") {
    check_if_shape(arg, mark);
    bool holds = condition_named(arg.as_array()[0].as_string(), mark, "Fn::If");
    return condition_expr(arg.as_array()[holds ? 1 : 2]);
  }
  fail("Template error: " + std::string(*name) +
           " is not a condition function; a condition must "
           "use Fn::And, Fn::Equals, Fn::Not, Fn::Or or Condition",
       mark);
}

} // namespace detail

ConditionValues evaluate_conditions(const Context &context) {
  Context c = context;
  c.conditions = nullptr;
  detail::Evaluator e(c);
  ConditionValues out;
  if (const Value *section = context.index->conditions())
    for (const auto &m : section->as_object())
      out.set(m.key, e.condition_named(m.key, m.key_mark));
  return out;
}

bool evaluate_condition(const Value &expression, const Context &context) {
  detail::Evaluator e(context);
  e.in_conditions = true;
  return e.condition_expr(expression);
}

std::optional<Value> evaluate_optional(const Value &value, const Context &context) {
  detail::Evaluator e(context);
  auto out = e.eval(value);
  if (out && context.resolve_dynamic_references)
    resolve_dynamic_references(*out, e.lookup);
  return out;
}

Value evaluate(const Value &value, const Context &context) {
  auto out = evaluate_optional(value, context);
  return out ? std::move(*out) : Value().with_mark(value.mark());
}

} // namespace cfnlocal::intrinsics
