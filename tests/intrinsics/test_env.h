#pragma once
// Shared fixtures for the intrinsics tests: a template read from YAML text, a fake lookup, and a
// context wired to both.

#include "intrinsics/evaluator.h"
#include "intrinsics/lookup.h"
#include "parser/diagnostic.h"
#include "parser/json.h"
#include "parser/reader.h"

#include <map>
#include <memory>
#include <string>

namespace cfnlocal::intrinsics::testing {

/// A lookup answering from maps; anything absent is Unknown (resources) or Missing (the rest).
class FakeLookup : public Lookup {
public:
  std::map<std::string, Value> refs;
  std::map<std::string, Value> atts; // "Res.Attr"
  std::map<std::string, Value> exports;
  std::map<std::string, SsmParameter> ssm; // name, or name:version
  std::map<std::string, std::string> secrets;
  bool unknown_imports = false;
  bool unknown_ssm = false;
  std::map<std::string, std::vector<std::string>> all_values;
  std::map<std::string, std::string> attributes; // "value/attribute"
  std::map<std::string, bool> existing;          // values of AWS-specific types

  std::optional<Value> ref_resource(std::string_view id) override {
    auto it = refs.find(std::string(id));
    return it == refs.end() ? std::nullopt : std::optional<Value>(it->second);
  }
  std::optional<Value> get_att(std::string_view id, std::string_view a) override {
    if (a == "Bad")
      throw LookupError("Template error: resource " + std::string(id) +
                        " does not support attribute type Bad in Fn::GetAtt");
    auto it = atts.find(std::string(id) + "." + std::string(a));
    return it == atts.end() ? std::nullopt : std::optional<Value>(it->second);
  }
  Answer<Value> import_value(std::string_view name) override {
    if (unknown_imports)
      return Answer<Value>::unknown();
    auto it = exports.find(std::string(name));
    return it == exports.end() ? Answer<Value>::missing() : Answer<Value>::found(it->second);
  }
  Answer<SsmParameter> ssm_parameter(std::string_view name, std::optional<int64_t> v) override {
    if (unknown_ssm)
      return Answer<SsmParameter>::unknown();
    std::string key(name);
    if (v)
      key += ":" + std::to_string(*v);
    auto it = ssm.find(key);
    return it == ssm.end() ? Answer<SsmParameter>::missing()
                           : Answer<SsmParameter>::found(it->second);
  }
  Answer<std::string> secret_string(std::string_view id, const SecretSelector &s) override {
    std::string key(id);
    if (!s.version_stage.empty())
      key += "@" + s.version_stage;
    if (!s.version_id.empty())
      key += "#" + s.version_id;
    auto it = secrets.find(key);
    return it == secrets.end() ? Answer<std::string>::missing()
                               : Answer<std::string>::found(it->second);
  }
  std::optional<bool> aws_value_exists(std::string_view, std::string_view value) override {
    auto it = existing.find(std::string(value));
    return it == existing.end() ? std::nullopt : std::optional<bool>(it->second);
  }
  std::optional<std::vector<std::string>> all_values_of_type(std::string_view t) override {
    auto it = all_values.find(std::string(t));
    return it == all_values.end() ? std::nullopt : std::optional(it->second);
  }
  std::optional<std::string> value_attribute(std::string_view, std::string_view value,
                                             std::string_view attribute) override {
    auto it = attributes.find(std::string(value) + "/" + std::string(attribute));
    return it == attributes.end() ? std::nullopt : std::optional(it->second);
  }
};

/// Reads YAML (or JSON) text into the document model.
inline Value yaml(const std::string &text) { return read_document(text, "test.yaml"); }

/// A template, its bound parameters, pseudo parameters and conditions, ready to evaluate with.
struct Env {
  explicit Env(const std::string &template_yaml, ParameterValues values = {},
               PseudoParameters pseudo_parameters = {}, bool evaluate_conditions_now = true)
      : root(yaml(template_yaml)), index(root), pseudo(std::move(pseudo_parameters)) {
    params = bind_parameters(index.parameters(), values, lookup);
    context.index = &index;
    context.parameters = &params;
    context.pseudo = &pseudo;
    context.lookup = &lookup;
    if (evaluate_conditions_now) {
      conditions = evaluate_conditions(context);
      context.conditions = &conditions;
    }
  }
  Env(const Env &) = delete;

  /// Evaluates an expression written in YAML.
  Value eval(const std::string &expression_yaml) {
    return evaluate(yaml(expression_yaml), context);
  }

  Value root;
  TemplateIndex index;
  FakeLookup lookup;
  BoundParameters params;
  PseudoParameters pseudo;
  ConditionValues conditions;
  Context context;
};

/// The message of the cfnlocal::Error `f` throws, or "" when it throws none.
template <class F> std::string error_of(F &&f) {
  try {
    f();
  } catch (const Error &e) {
    return e.message();
  }
  return "";
}

/// Compact JSON of a value, for readable expectations.
inline std::string json(const Value &v) { return dump_json(v, -1); }

} // namespace cfnlocal::intrinsics::testing
