#include "transforms/transform.h"

#include "parser/json.h"
#include "transforms/include/include.h"
#include "transforms/language_extensions/language_extensions.h"
#include "transforms/sam/sam.h"

namespace cfnlocal::transforms {

namespace {

/// Value -> JSON keeping what Python's YAML loader would see: a number written with a fraction
/// or exponent ("3.0") stays a float, which the SAM translator treats differently from "3".
sam::Json to_sam_json(const Value &v) {
  switch (v.kind()) {
  case Value::Kind::Null:
    return nullptr;
  case Value::Kind::Bool:
    return v.as_bool();
  case Value::Kind::String:
    return v.as_string();
  case Value::Kind::Number: {
    const auto &n = v.as_number_value();
    bool fractional = n.text.find_first_of(".eE") != std::string::npos;
    if (!fractional && n.value == static_cast<double>(static_cast<int64_t>(n.value)))
      return static_cast<int64_t>(n.value);
    return n.value;
  }
  case Value::Kind::Array: {
    sam::Json out = sam::Json::array();
    for (const auto &x : v.as_array())
      out.push_back(to_sam_json(x));
    return out;
  }
  case Value::Kind::Object: {
    sam::Json out = sam::Json::object();
    for (const auto &m : v.as_object())
      out[m.key] = to_sam_json(m.value);
    return out;
  }
  }
  return nullptr;
}

} // namespace

bool declares_transform(const Value &tmpl, std::string_view name) {
  const Value *t = tmpl.find("Transform");
  if (!t)
    return false;
  if (t->is_string())
    return t->as_string() == name;
  if (t->is_array())
    for (const auto &x : t->as_array())
      if (x.is_string() && x.as_string() == name)
        return true;
  return false;
}

namespace {

/// The Transform section as a list of entries (a name, or {Name, Parameters}).
std::vector<Value> transform_entries(const Value &tmpl) {
  const Value *t = tmpl.is_object() ? tmpl.find("Transform") : nullptr;
  if (!t)
    return {};
  if (t->is_array())
    return t->as_array();
  return {*t};
}

bool names(const Value &entry, std::string_view name) {
  return entry.is_string() && entry.as_string() == name;
}

/// AWS::LanguageExtensions works on the whole template only (its documentation: "You can't use
/// the AWS::LanguageExtensions transform as an embedded transform").
void refuse_embedded_language_extensions(const Value &v) {
  if (v.is_array()) {
    for (const auto &x : v.as_array())
      refuse_embedded_language_extensions(x);
    return;
  }
  if (!v.is_object())
    return;
  for (const auto &m : v.as_object()) {
    if (m.key == "Fn::Transform")
      if (const Value *name = m.value.find("Name");
          name && name->is_string() && name->as_string() == kLanguageExtensionsTransform)
        throw TransformError("Transform AWS::LanguageExtensions failed with: "
                             "AWS::LanguageExtensions can only be declared in the Transform "
                             "section, not with Fn::Transform",
                             m.key_mark.known() ? m.key_mark : m.value.mark());
    refuse_embedded_language_extensions(m.value);
  }
}

Value run_sam(const Value &tmpl, const TransformOptions &options) {
  sam::SamOptions sam_options;
  sam_options.region = options.region;
  sam_options.parameters = options.parameter_overrides;
  try {
    return from_json(sam::translate(to_sam_json(tmpl), sam_options), tmpl.mark());
  } catch (const sam::SamError &e) {
    throw TransformError(e.what(), tmpl.mark());
  }
}

/// Writes back the Transform section with only the entries no transform here handled (macros).
void keep_unhandled(Value &doc, const std::vector<Value> &left) {
  if (!doc.is_object())
    return;
  if (left.empty())
    doc.erase("Transform");
  else if (left.size() == 1)
    doc.set("Transform", left.front());
  else
    doc.set("Transform", Value(left));
}

} // namespace

bool uses_builtin_transforms(const Value &tmpl) {
  for (const auto &e : transform_entries(tmpl))
    if (names(e, kSamTransform) || names(e, kLanguageExtensionsTransform) || include::is_include(e))
      return true;
  return include::has_include_snippets(tmpl);
}

namespace {

bool is_builtin(std::string_view name) {
  return name == kSamTransform || name == kLanguageExtensionsTransform || name == kIncludeTransform;
}

/// The macro calls of a Fn::Transform value: one {Name, Parameters} object, or a list of them
/// applied in order (as the Transform section lists them). Empty when it names no macro (an
/// AWS::Include, or a malformed value).
std::vector<const Value *> macro_calls(const Value &transform) {
  std::vector<const Value *> calls;
  auto add = [&](const Value &entry) {
    const Value *name = entry.is_object() ? entry.find("Name") : nullptr;
    if (!name || !name->is_string() || is_builtin(name->as_string()))
      return false;
    calls.push_back(&entry);
    return true;
  };
  if (transform.is_array()) {
    for (const auto &entry : transform.as_array())
      if (!add(entry))
        return {};
  } else {
    add(transform);
  }
  return calls;
}

bool has_macro_snippets(const Value &v) {
  if (v.is_array()) {
    for (const auto &x : v.as_array())
      if (has_macro_snippets(x))
        return true;
    return false;
  }
  if (!v.is_object())
    return false;
  for (const auto &m : v.as_object()) {
    if (m.key == "Fn::Transform" && !macro_calls(m.value).empty())
      return true;
    if (has_macro_snippets(m.value))
      return true;
  }
  return false;
}

Value macro_parameters(const Value &entry) {
  const Value *p = entry.is_object() ? entry.find("Parameters") : nullptr;
  return p && p->is_object() ? *p : Value::object();
}

/// Replaces every object holding a Fn::Transform of a macro with the macro's result,
/// innermost first.
Value expand_macro_snippets(const Value &v, const TransformOptions &options) {
  if (v.is_array()) {
    Value out = Value::array();
    out.set_mark(v.mark());
    for (const auto &x : v.as_array())
      out.push_back(expand_macro_snippets(x, options));
    return out;
  }
  if (!v.is_object())
    return v;
  Value out = Value::object();
  out.set_mark(v.mark());
  const Value::Member *call = nullptr;
  for (const auto &m : v.as_object()) {
    if (m.key == "Fn::Transform" && !macro_calls(m.value).empty()) {
      call = &m;
      continue;
    }
    out.set(m.key, expand_macro_snippets(m.value, options), m.key_mark);
  }
  if (!call)
    return out;
  Value fragment = std::move(out);
  for (const Value *entry : macro_calls(call->value)) {
    MacroCall c;
    c.name = entry->find("Name")->as_string();
    c.fragment = std::move(fragment);
    c.parameters = expand_macro_snippets(macro_parameters(*entry), options);
    c.mark = call->key_mark.known() ? call->key_mark : call->value.mark();
    fragment = options.macro(c);
  }
  return fragment;
}

} // namespace

bool uses_macros(const Value &tmpl) {
  for (const auto &e : transform_entries(tmpl)) {
    const Value *name = e.is_object() ? e.find("Name") : &e;
    if (name && name->is_string() && !is_builtin(name->as_string()))
      return true;
  }
  return has_macro_snippets(tmpl);
}

Value apply_transforms(const Value &tmpl, const TransformOptions &options) {
  refuse_embedded_language_extensions(tmpl);
  bool macros = options.macro && uses_macros(tmpl);
  if (!options.always_sam && !uses_builtin_transforms(tmpl) && !macros)
    return tmpl;
  Value doc = tmpl;
  // Snippet-level includes first: the template-level transforms (SAM's DefinitionBody, loops
  // over included resources) see the included content.
  if (include::has_include_snippets(doc))
    doc = include::expand_snippets(doc, options);
  if (macros && has_macro_snippets(doc))
    doc = expand_macro_snippets(doc, options);
  std::vector<Value> entries = transform_entries(doc), left;
  bool sam_ran = false;
  for (const Value &e : entries) {
    if (names(e, kLanguageExtensionsTransform)) {
      doc = language_extensions::apply(doc, options);
    } else if (include::is_include(e)) {
      doc = include::include_template(doc, e, options);
    } else if (names(e, kSamTransform)) {
      // The SAM translator reads (and drops) the Transform section: it sees only its own entry.
      keep_unhandled(doc, {e});
      doc = run_sam(doc, options);
      sam_ran = true;
    } else if (const Value *name = e.is_object() ? e.find("Name") : &e;
               options.macro && name && name->is_string()) {
      MacroCall c;
      c.name = name->as_string();
      c.fragment = doc;
      c.fragment.erase("Transform");
      c.parameters = macro_parameters(e);
      c.mark = e.mark().known() ? e.mark() : doc.mark();
      doc = options.macro(c);
      if (!doc.is_object())
        throw TransformError("Template format error: the macro " + c.name +
                                 " returned a fragment that is not a template (an object)",
                             c.mark);
    } else {
      left.push_back(e);
    }
  }
  if (!sam_ran && options.always_sam) {
    keep_unhandled(doc, {});
    doc = run_sam(doc, options);
  }
  keep_unhandled(doc, left);
  return doc;
}

} // namespace cfnlocal::transforms
