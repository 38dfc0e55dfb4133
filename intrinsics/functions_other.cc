// Fn::FindInMap, Fn::Cidr, Fn::GetAZs, Fn::ImportValue, and the AWS::LanguageExtensions
// functions Fn::Length and Fn::ToJsonString that survive the transform's own pass.
#include "intrinsics/cidr.h"
#include "intrinsics/evaluator_impl.h"
#include "intrinsics/functions.h"
#include "parser/json.h"

#include <charconv>
#include <cmath>

namespace cfnlocal::intrinsics::detail {

namespace {
bool is_call(const Value &v) { return function_name(v).has_value(); }

const char *const kFindInMapShape =
    "Template error: every Fn::FindInMap object requires three parameters, the map name, map key "
    "and the attribute for return value";

} // namespace

std::optional<Value> Evaluator::fn_find_in_map(const Value &arg, const Mark &mark) {
  if (!arg.is_array() || arg.size() < 3 || arg.size() > 4)
    fail(kFindInMapShape, mark);
  const auto &items = arg.as_array();
  const Value *default_value = nullptr;
  if (items.size() == 4) {
    // AWS::LanguageExtensions adds {"DefaultValue": ...} as a fourth argument.
    if (!items[3].is_object() || !(default_value = items[3].find("DefaultValue")))
      fail("Template error: the fourth element of Fn::FindInMap must be {DefaultValue: value}",
           mark);
  }
  Value::Array keys;
  bool unresolved = false;
  for (size_t i = 0; i < 3; ++i) {
    auto k = eval(items[i]);
    if (!k)
      fail(kFindInMapShape, mark);
    if (is_call(*k))
      unresolved = true;
    else if (!string_of(*k))
      fail(kFindInMapShape, mark);
    keys.push_back(std::move(*k));
  }
  if (unresolved) {
    if (default_value)
      keys.push_back(items[3]);
    return make_call("Fn::FindInMap", Value(std::move(keys)).with_mark(arg.mark()), mark);
  }
  std::string map = *string_of(keys[0]), top = *string_of(keys[1]), second = *string_of(keys[2]);
  const Value *found = index.mappings() ? index.mappings()->find(map) : nullptr;
  if (found && found->is_object())
    found = found->find(top);
  else
    found = nullptr;
  if (found && found->is_object())
    found = found->find(second);
  else
    found = nullptr;
  if (!found) {
    if (default_value)
      return eval(*default_value);
    if (!index.mappings() || !index.mappings()->find(map))
      fail("Template error: Mapping named '" + map +
               "' is not present in the 'Mappings' section of template",
           mark);
    fail("Template error: Unable to get mapping for " + map + "::" + top + "::" + second, mark);
  }
  return found->with_mark(mark);
}

std::optional<Value> Evaluator::fn_cidr(const Value &arg, const Mark &mark) {
  if (!arg.is_array() || arg.size() != 3)
    fail("Template error: Fn::Cidr requires a list of three elements: ipBlock, count and cidrBits",
         mark);
  Value::Array args;
  bool unresolved = false;
  for (const auto &item : arg.as_array()) {
    auto v = eval(item);
    if (!v)
      fail("Template error: an argument of Fn::Cidr is AWS::NoValue", mark);
    unresolved = unresolved || is_call(*v);
    args.push_back(std::move(*v));
  }
  if (unresolved)
    return make_call("Fn::Cidr", Value(std::move(args)).with_mark(arg.mark()), mark);
  if (!args[0].is_string())
    fail("Template error: the ipBlock of Fn::Cidr must be a string", mark);
  auto count = integer_of(args[1]);
  auto bits = integer_of(args[2]);
  if (!count)
    fail("Template error: the count of Fn::Cidr must be an integer", mark);
  if (!bits)
    fail("Template error: the cidrBits of Fn::Cidr must be an integer", mark);
  Value::Array out;
  for (auto &block : compute_cidr(args[0].as_string(), *count, *bits, mark))
    out.push_back(Value(std::move(block)).with_mark(mark));
  return Value(std::move(out)).with_mark(mark);
}

std::optional<Value> Evaluator::fn_get_azs(const Value &arg, const Mark &mark) {
  auto v = eval(arg);
  std::string region;
  if (v && is_call(*v))
    return make_call("Fn::GetAZs", std::move(*v), mark);
  if (!v || v->is_null()) {
    region = pseudo.region;
  } else if (v->is_string()) {
    region = v->as_string().empty() ? pseudo.region : v->as_string();
  } else {
    fail("Template error: every Fn::GetAZs object must have a String-typed value.", mark);
  }
  std::vector<std::string> zones;
  try {
    zones = lookup.availability_zones(region);
  } catch (const LookupError &e) {
    fail(std::string("Template error: Fn::GetAZs: ") + e.what(), mark);
  }
  Value::Array out;
  for (auto &z : zones)
    out.push_back(Value(std::move(z)).with_mark(mark));
  return Value(std::move(out)).with_mark(mark);
}

std::optional<Value> Evaluator::fn_import_value(const Value &arg, const Mark &mark) {
  auto v = eval(arg);
  if (!v)
    fail("Template error: the export name of Fn::ImportValue is AWS::NoValue", mark);
  if (is_call(*v))
    return make_call("Fn::ImportValue", std::move(*v), mark);
  if (!v->is_string())
    fail("Template error: Fn::ImportValue requires an export name as a string", mark);
  Answer<Value> answer;
  try {
    answer = lookup.import_value(v->as_string());
  } catch (const LookupError &e) {
    fail(e.what(), mark);
  }
  switch (answer.status) {
  case Answer<Value>::Status::Found:
    return answer.value.with_mark(mark);
  case Answer<Value>::Status::Missing:
    fail("No export named " + v->as_string() + " found", mark);
  case Answer<Value>::Status::Unknown:
    break;
  }
  return make_call("Fn::ImportValue", std::move(*v), mark);
}

std::optional<Value> Evaluator::fn_length(const Value &arg, const Mark &mark) {
  auto v = eval(arg);
  if (v && is_call(*v))
    return make_call("Fn::Length", std::move(*v), mark);
  if (!v || !v->is_array())
    fail("Template error: Fn::Length requires a list", mark);
  for (const auto &item : v->as_array())
    if (is_call(item))
      return make_call("Fn::Length", std::move(*v), mark);
  return Value(static_cast<int64_t>(v->size())).with_mark(mark);
}

std::optional<Value> Evaluator::fn_to_json_string(const Value &arg, const Mark &mark) {
  auto v = eval(arg);
  if (!v || !(v->is_object() || v->is_array()))
    fail("Template error: Fn::ToJsonString requires an object or a list", mark);
  if (!is_resolved(*v))
    return make_call("Fn::ToJsonString", std::move(*v), mark);
  return Value(dump_json(*v, -1)).with_mark(mark);
}

} // namespace cfnlocal::intrinsics::detail
