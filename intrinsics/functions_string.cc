// Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::Base64: the string and list functions.
#include "intrinsics/base64.h"
#include "intrinsics/evaluator_impl.h"
#include "intrinsics/functions.h"
#include "intrinsics/sub.h"

#include <charconv>
#include <cmath>

namespace cfnlocal::intrinsics::detail {

namespace {
bool is_call(const Value &v) { return function_name(v).has_value(); }

// AWS's messages for argument shapes.
const char *const kJoinShape =
    "Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) "
    "a list of strings to be joined or a function that returns a list of strings (such as "
    "Fn::GetAZs) to be joined.";
const char *const kSplitShape =
    "Template error: every Fn::Split object requires two parameters, (1) a string delimiter and "
    "(2) a string to be split or a function that returns a string to be split.";
const char *const kSelectShape =
    "Template error: Fn::Select requires a list argument with two elements: an integer index and "
    "a list";
const char *const kSubShape =
    "Template error: One or more Fn::Sub intrinsic functions don't specify expected arguments. "
    "Specify a string as first argument, and an optional second argument to specify a mapping of "
    "values to replace in the string";
} // namespace

std::optional<Value> Evaluator::fn_sub(const Value &arg, const Mark &mark) {
  const Value *text_node = nullptr;
  const Value *vars = nullptr;
  std::optional<Value> computed_vars;
  if (arg.is_string()) {
    text_node = &arg;
  } else if (arg.is_array() && arg.size() == 2 && arg.as_array()[0].is_string() &&
             arg.as_array()[1].is_object() && !is_call(arg.as_array()[1])) {
    text_node = &arg.as_array()[0];
    vars = &arg.as_array()[1];
  } else if (arg.is_array() && arg.size() == 1 && arg.as_array()[0].is_string()) {
    text_node = &arg.as_array()[0];
  } else if (arg.is_array() && arg.size() == 2 && arg.as_array()[0].is_string() &&
             is_call(arg.as_array()[1])) {
    // The map itself comes from a function (Fn::If choosing between two maps).
    text_node = &arg.as_array()[0];
    computed_vars = eval(arg.as_array()[1]);
    if (!computed_vars || is_call(*computed_vars)) {
      if (computed_vars) {
        Value::Array args;
        args.push_back(*text_node);
        args.push_back(std::move(*computed_vars));
        return make_call("Fn::Sub", Value(std::move(args)).with_mark(arg.mark()), mark);
      }
    } else if (!computed_vars->is_object()) {
      fail(kSubShape, mark);
    } else {
      vars = &*computed_vars;
    }
  } else {
    fail(kSubShape, mark);
  }

  // Variables of the map, evaluated once each.
  std::vector<std::pair<std::string_view, std::optional<Value>>> map_values;
  if (vars) {
    map_values.reserve(vars->size());
    for (const auto &m : vars->as_object())
      map_values.emplace_back(m.key, eval(m.value));
  }

  struct Piece {
    bool variable;
    std::string text; // literal text, or the variable name of an unresolved variable
  };
  std::vector<Piece> pieces;
  Value::Object kept_vars; // map variables still unresolved
  bool unresolved = false;
  auto literal = [&](std::string s) {
    if (!pieces.empty() && !pieces.back().variable)
      pieces.back().text += s;
    else
      pieces.push_back({false, std::move(s)});
  };
  auto scalar_or_fail = [&](const Value &v, const std::string &var) -> std::string {
    if (auto s = string_of(v))
      return *s;
    fail("Template error: variable " + var + " in Fn::Sub expression does not resolve to a string",
         mark);
  };

  for (auto &part : parse_sub(text_node->as_string(), text_node->mark())) {
    if (part.kind == SubPart::Kind::Literal) {
      literal(std::move(part.text));
      continue;
    }
    const std::string &var = part.text;
    // 1. The variable map.
    bool in_map = false;
    for (auto &[key, value] : map_values) {
      if (key != var)
        continue;
      in_map = true;
      if (!value)
        fail("Template error: variable " + var + " in Fn::Sub expression is AWS::NoValue", mark);
      if (is_call(*value)) {
        unresolved = true;
        pieces.push_back({true, var});
        bool have = false;
        for (const auto &k : kept_vars)
          have = have || k.key == var;
        if (!have)
          kept_vars.push_back(Value::Member{var, *value, value->mark()});
      } else {
        literal(scalar_or_fail(*value, var));
      }
      break;
    }
    if (in_map)
      continue;
    // 2. Pseudo parameters.
    if (is_pseudo_parameter(var)) {
      auto v = pseudo.value(var);
      if (!v)
        fail("Template error: variable " + var +
                 " in Fn::Sub expression does not resolve to a "
                 "string",
             mark);
      literal(scalar_or_fail(*v, var));
      continue;
    }
    // 3. Resource attributes.
    auto [name, attribute] = split_sub_variable(var);
    std::optional<Value> v;
    if (!attribute.empty()) {
      if (!index.resource(name))
        fail("Template error: instance of Fn::Sub references invalid resource attribute " + var,
             mark);
      v = resource_att(name, attribute, mark);
    } else if (index.parameter(var)) {
      // 4. Parameters.
      if (const BoundParameter *p = ctx.parameters ? ctx.parameters->find(var) : nullptr)
        v = p->value;
      else if (in_conditions)
        fail("Template error: parameter " + var +
                 " has no value, so the condition cannot be "
                 "evaluated",
             mark);
    } else if (index.resource(var)) {
      // 5. Resources (their Ref value).
      v = resource_ref(var, mark);
    } else {
      fail("Template format error: Unresolved resource dependencies [" + var +
               "] in the Resources block of the template",
           mark);
    }
    if (v && !is_call(*v)) {
      literal(scalar_or_fail(*v, var));
    } else {
      unresolved = true;
      pieces.push_back({true, var});
    }
  }

  if (!unresolved) {
    std::string out;
    for (const auto &p : pieces)
      out += p.text;
    return Value(std::move(out)).with_mark(mark);
  }
  // Keep a Sub whose known parts are already substituted (escaped so they stay literal).
  std::string text;
  for (const auto &p : pieces)
    text += p.variable ? "${" + p.text + "}" : escape_sub_literal(p.text);
  Value text_value = Value(std::move(text)).with_mark(text_node->mark());
  if (kept_vars.empty())
    return make_call("Fn::Sub", std::move(text_value), mark);
  Value::Array args;
  args.push_back(std::move(text_value));
  args.push_back(Value(std::move(kept_vars)).with_mark(vars->mark()));
  return make_call("Fn::Sub", Value(std::move(args)).with_mark(arg.mark()), mark);
}

std::optional<Value> Evaluator::fn_join(const Value &arg, const Mark &mark) {
  if (!arg.is_array() || arg.size() != 2)
    fail(kJoinShape, mark);
  auto delimiter = eval(arg.as_array()[0]);
  if (!delimiter || !delimiter->is_string())
    fail(kJoinShape, mark);
  auto list = eval(arg.as_array()[1]);
  if (!list)
    list = Value::array();
  auto keep = [&]() {
    Value::Array args;
    args.push_back(std::move(*delimiter));
    args.push_back(std::move(*list));
    return make_call("Fn::Join", Value(std::move(args)).with_mark(arg.mark()), mark);
  };
  if (is_call(*list))
    return keep();
  if (!list->is_array())
    fail(kJoinShape, mark);
  std::string out;
  const std::string &delim = delimiter->as_string();
  bool first = true;
  for (const auto &item : list->as_array()) {
    if (is_call(item))
      return keep();
    auto s = item.scalar_string();
    if (!s || item.is_null())
      fail(std::string(kJoinShape) + " (an item is " +
               (item.is_null()    ? "null"
                : item.is_array() ? "a list"
                                  : "an object") +
               ")",
           item.mark().known() ? item.mark() : mark);
    if (!first)
      out += delim;
    out += *s;
    first = false;
  }
  return Value(std::move(out)).with_mark(mark);
}

std::optional<Value> Evaluator::fn_select(const Value &arg, const Mark &mark) {
  if (!arg.is_array() || arg.size() != 2)
    fail(kSelectShape, mark);
  auto index_value = eval(arg.as_array()[0]);
  auto list = eval(arg.as_array()[1]);
  if (!index_value)
    fail("Template error: Fn::Select requires a list argument with a valid index value as its "
         "first element",
         mark);
  if (!list)
    list = Value::array();
  if (is_call(*index_value) || is_call(*list)) {
    Value::Array args;
    args.push_back(std::move(*index_value));
    args.push_back(std::move(*list));
    return make_call("Fn::Select", Value(std::move(args)).with_mark(arg.mark()), mark);
  }
  auto i = integer_of(*index_value);
  if (!i)
    fail("Template error: Fn::Select requires a list argument with a valid index value as its "
         "first element (found " +
             index_value->scalar_string().value_or(kind_name(index_value->kind())) + ")",
         mark);
  if (!list->is_array())
    fail(kSelectShape, mark);
  if (*i < 0 || static_cast<size_t>(*i) >= list->size())
    fail("Template error: Fn::Select cannot select nonexistent value at index " +
             std::to_string(*i) + " (the list has " + std::to_string(list->size()) +
             (list->size() == 1 ? " item)" : " items)"),
         mark);
  return std::move(list->as_array()[static_cast<size_t>(*i)]);
}

std::optional<Value> Evaluator::fn_split(const Value &arg, const Mark &mark) {
  if (!arg.is_array() || arg.size() != 2)
    fail(kSplitShape, mark);
  auto delimiter = eval(arg.as_array()[0]);
  if (!delimiter || !delimiter->is_string() || delimiter->as_string().empty())
    fail(std::string(kSplitShape) + " (the delimiter must be a non-empty string)", mark);
  auto source = eval(arg.as_array()[1]);
  if (!source)
    fail(kSplitShape, mark);
  if (is_call(*source)) {
    Value::Array args;
    args.push_back(std::move(*delimiter));
    args.push_back(std::move(*source));
    return make_call("Fn::Split", Value(std::move(args)).with_mark(arg.mark()), mark);
  }
  auto text = string_of(*source);
  if (!text)
    fail(kSplitShape, mark);
  const std::string &d = delimiter->as_string();
  Value::Array out;
  size_t pos = 0;
  while (true) {
    size_t at = text->find(d, pos);
    out.push_back(Value(text->substr(pos, at == std::string::npos ? std::string::npos : at - pos))
                      .with_mark(mark));
    if (at == std::string::npos)
      break;
    pos = at + d.size();
  }
  return Value(std::move(out)).with_mark(mark);
}

std::optional<Value> Evaluator::fn_base64(const Value &arg, const Mark &mark) {
  auto v = eval(arg);
  if (!v)
    fail("Template error: every Fn::Base64 object must have a String-typed value.", mark);
  if (is_call(*v))
    return make_call("Fn::Base64", std::move(*v), mark);
  auto text = string_of(*v);
  if (!text)
    fail("Template error: every Fn::Base64 object must have a String-typed value.", mark);
  return Value(base64_encode(*text)).with_mark(mark);
}

} // namespace cfnlocal::intrinsics::detail
