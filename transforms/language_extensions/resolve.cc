// The functions of AWS::LanguageExtensions whose values are known before any resource exists:
// Fn::Length, Fn::ToJsonString, Fn::FindInMap (intrinsic keys, DefaultValue), the arguments of Ref
// and Fn::GetAtt, and functions in resource attributes.
#include "intrinsics/functions.h"
#include "parser/json.h"
#include "transforms/language_extensions/detail.h"

#include <array>

namespace cfnlocal::transforms::language_extensions::detail {

namespace {

const Mark &mark_of(const Value &v, const Mark &fallback) {
  return v.mark().known() ? v.mark() : fallback;
}

Value call(const std::string &name, Value arg, const Mark &mark, const Mark &key_mark) {
  Value out = Value::object();
  out.set(name, std::move(arg), key_mark);
  return out.with_mark(mark);
}

class Resolver {
public:
  explicit Resolver(const StaticValues &values) : values_(values) {}

  /// nullopt: the value is AWS::NoValue (the enclosing member or item goes away).
  std::optional<Value> walk(const Value &v) {
    if (v.is_array()) {
      Value::Array out;
      for (const auto &x : v.as_array())
        if (auto r = walk(x))
          out.push_back(std::move(*r));
      return Value(std::move(out)).with_mark(v.mark());
    }
    if (!v.is_object())
      return v;
    if (auto fn = intrinsics::function_name(v)) {
      const auto &m = v.as_object().front();
      if (*fn == "Fn::Length")
        return length(v, m);
      if (*fn == "Fn::ToJsonString")
        return to_json_string(v, m);
      if (*fn == "Fn::FindInMap")
        return find_in_map(v, m);
      if (*fn == "Ref" && m.value.is_object())
        return call("Ref", name_of(m.value, "Ref", v.mark()), v.mark(), m.key_mark);
      if (*fn == "Fn::GetAtt" && m.value.is_array()) {
        Value::Array args;
        for (const auto &a : m.value.as_array())
          args.push_back(a.is_object() ? name_of(a, "Fn::GetAtt", v.mark()) : a);
        return call("Fn::GetAtt", Value(std::move(args)).with_mark(m.value.mark()), v.mark(),
                    m.key_mark);
      }
    }
    Value::Object out;
    for (const auto &m : v.as_object())
      if (auto r = walk(m.value))
        out.push_back(Value::Member{m.key, std::move(*r), m.key_mark});
    return Value(std::move(out)).with_mark(v.mark());
  }

  /// Condition, DeletionPolicy, UpdateReplacePolicy and DependsOn written as functions.
  void resource_attributes(Value &resource) {
    if (!resource.is_object())
      return;
    static const std::array<std::string_view, 4> kDeletion = {"Delete", "Retain",
                                                              "RetainExceptOnCreate", "Snapshot"};
    static const std::array<std::string_view, 3> kReplace = {"Delete", "Retain", "Snapshot"};
    attribute(resource, "Condition", {});
    attribute(resource, "DeletionPolicy", {kDeletion.begin(), kDeletion.end()});
    attribute(resource, "UpdateReplacePolicy", {kReplace.begin(), kReplace.end()});
    if (Value *d = resource.find("DependsOn"); d && intrinsics::function_name(*d)) {
      StaticResult r = values_.resolve(*d);
      if (!r.known() || !(r.value.is_string() || r.value.is_array()))
        fail("DependsOn must resolve to a logical ID or a list of them before any resource "
             "exists",
             d->mark());
      *d = r.value.with_mark(d->mark());
    }
  }

  /// An output's Condition written as a function.
  void output_attributes(Value &output) {
    if (output.is_object())
      attribute(output, "Condition", {});
  }

private:
  void attribute(Value &owner, const std::string &name,
                 const std::vector<std::string_view> &options) {
    Value *a = owner.find(name);
    if (!a || !intrinsics::function_name(*a))
      return;
    StaticResult r = values_.try_resolve(*a);
    if (r.kind == StaticResult::Kind::NoValue) {
      owner.erase(name);
      return;
    }
    if (!r.known() || !r.value.is_string())
      fail(name + " must resolve to a string before any resource exists; it may use Ref to "
                  "parameters, Fn::FindInMap, Fn::If and the pseudo parameters AWS::AccountId, "
                  "AWS::Partition, AWS::Region",
           a->mark());
    if (!options.empty()) {
      bool ok = false;
      std::string list;
      for (auto o : options) {
        ok = ok || r.value.as_string() == o;
        list += (list.empty() ? "" : ", ") + std::string(o);
      }
      if (!ok)
        fail(name + " resolved to '" + r.value.as_string() + "'; it must be one of " + list,
             a->mark());
    }
    *a = r.value.with_mark(a->mark());
  }

  /// The argument of Ref or an item of Fn::GetAtt written as a function: the name it resolves to.
  Value name_of(const Value &arg, const std::string &fn, const Mark &at) {
    Value walked = walk(arg).value_or(Value());
    StaticResult r;
    try {
      r = values_.resolve(walked);
    } catch (const Error &e) {
      fail("the argument of " + fn + " could not be resolved: " + e.message(), mark_of(arg, at));
    }
    if (!r.known() || !r.value.is_string())
      fail("the argument of " + fn +
               " must resolve to a name before any resource exists (Fn::Sub, Fn::Join, "
               "Fn::FindInMap, Ref to parameters ...)",
           mark_of(arg, at));
    return r.value.with_mark(arg.mark());
  }

  Value length(const Value &v, const Value::Member &m) {
    Value arg = walk(m.value).value_or(Value());
    if (arg.is_array())
      return Value(static_cast<int64_t>(arg.size())).with_mark(v.mark());
    if (!intrinsics::function_name(arg))
      fail("Fn::Length layout is incorrect: it takes a list or a function that returns one",
           mark_of(m.value, v.mark()));
    StaticResult r = values_.try_resolve(arg);
    if (r.known()) {
      if (!r.value.is_array())
        fail("Fn::Length layout is incorrect: its argument resolves to a " +
                 std::string(kind_name(r.value.kind())) + ", not a list",
             mark_of(m.value, v.mark()));
      return Value(static_cast<int64_t>(r.value.size())).with_mark(v.mark());
    }
    return call(m.key, std::move(arg), v.mark(), m.key_mark);
  }

  Value to_json_string(const Value &v, const Value::Member &m) {
    Value arg = walk(m.value).value_or(Value());
    bool is_call = intrinsics::function_name(arg).has_value();
    if (!is_call && !arg.is_object() && !arg.is_array())
      fail("Fn::ToJsonString layout is incorrect: it takes an object or a list",
           mark_of(m.value, v.mark()));
    StaticResult r = values_.try_resolve(arg);
    if (r.known()) {
      if (!r.value.is_object() && !r.value.is_array())
        fail("Fn::ToJsonString layout is incorrect: its argument resolves to a " +
                 std::string(kind_name(r.value.kind())) + ", not an object or a list",
             mark_of(m.value, v.mark()));
      return Value(dump_json(r.value, -1)).with_mark(v.mark());
    }
    return call(m.key, std::move(arg), v.mark(), m.key_mark);
  }

  std::optional<Value> find_in_map(const Value &v, const Value::Member &m) {
    Value arg = walk(m.value).value_or(Value());
    if (arg.is_array() && arg.size() == 4) {
      const Value &d = arg.as_array()[3];
      if (!d.is_object() || d.size() != 1 || !d.find("DefaultValue"))
        fail("Fn::FindInMap layout is incorrect: the fourth item must be {DefaultValue: value}",
             mark_of(d, v.mark()));
    }
    Value node = call(m.key, std::move(arg), v.mark(), m.key_mark);
    StaticResult r = values_.try_resolve(node);
    if (r.kind == StaticResult::Kind::NoValue)
      return std::nullopt;
    if (r.known())
      return r.value.with_mark(v.mark());
    return node;
  }

  const StaticValues &values_;
};

} // namespace

Value resolve_functions(const Value &tmpl, const StaticValues &values) {
  if (!tmpl.is_object())
    return tmpl;
  Resolver r(values);
  Value out = tmpl;
  for (auto &section : out.as_object()) {
    if (section.key != "Resources" && section.key != "Conditions" && section.key != "Outputs")
      continue;
    if (!section.value.is_object())
      continue;
    for (auto &m : section.value.as_object()) {
      if (section.key == "Resources")
        r.resource_attributes(m.value);
      if (section.key == "Outputs")
        r.output_attributes(m.value);
      m.value = r.walk(m.value).value_or(Value());
    }
  }
  return out;
}

} // namespace cfnlocal::transforms::language_extensions::detail
