#include "transforms/language_extensions/static_values.h"

#include "intrinsics/functions.h"

#include <array>
#include <string_view>

namespace cfnlocal::transforms {

namespace {

/// The pseudo parameters a transform cannot know without the stack (validation, `transform`).
constexpr std::array<std::string_view, 4> kStackPseudo = {"AWS::AccountId", "AWS::StackName",
                                                          "AWS::StackId", "AWS::NotificationARNs"};

bool names_stack_pseudo(std::string_view s, bool in_sub) {
  for (auto name : kStackPseudo) {
    if (!in_sub && s == name)
      return true;
    if (in_sub && s.find("${" + std::string(name) + "}") != std::string_view::npos)
      return true;
  }
  return false;
}

/// Whether `v` reads a pseudo parameter only a stack operation knows.
bool uses_stack_pseudo(const Value &v) {
  if (v.is_array()) {
    for (const auto &x : v.as_array())
      if (uses_stack_pseudo(x))
        return true;
    return false;
  }
  if (!v.is_object())
    return false;
  for (const auto &m : v.as_object()) {
    if (m.key == "Ref" && m.value.is_string() && names_stack_pseudo(m.value.as_string(), false))
      return true;
    if (m.key == "Fn::Sub") {
      const Value *s = &m.value;
      if (s->is_array() && s->size() > 0)
        s = &s->as_array()[0];
      if (s->is_string() && names_stack_pseudo(s->as_string(), true))
        return true;
    }
    if (uses_stack_pseudo(m.value))
      return true;
  }
  return false;
}

} // namespace

StaticValues::StaticValues(const Value &tmpl, const TransformOptions &options)
    : doc_(std::make_unique<Value>(tmpl)),
      lookup_(options.lookup ? options.lookup : &intrinsics::null_lookup()) {
  index_ = std::make_unique<intrinsics::TemplateIndex>(*doc_);
  if (options.pseudo) {
    pseudo_ = *options.pseudo;
    full_pseudo_ = true;
  } else {
    pseudo_.region = options.region;
  }
  // Each parameter alone, so that one without a value leaves the others usable.
  if (const Value *params = index_->parameters(); params && params->is_object()) {
    for (const auto &m : params->as_object()) {
      const Value *type = m.value.find("Type");
      if (type && type->is_string() && type->as_string().rfind("AWS::SSM::", 0) == 0)
        continue;
      intrinsics::ParameterValues values;
      if (auto it = options.parameter_overrides.find(m.key);
          it != options.parameter_overrides.end())
        values[m.key] = it->second;
      else if (!m.value.find("Default"))
        continue;
      Value one = Value::object();
      one.set(m.key, m.value, m.key_mark);
      try {
        intrinsics::BoundParameters bound = intrinsics::bind_parameters(&one, values, *lookup_);
        for (const auto &p : bound.all())
          parameters_.add(p);
      } catch (const std::exception &) {
        // Left unbound: the engine binds parameters again and reports the problem.
      }
    }
  }
  // Conditions that can be known now, repeated until no more can (one may name another).
  if (const Value *conds = index_->conditions(); conds && conds->is_object()) {
    intrinsics::Context c;
    c.index = index_.get();
    c.parameters = &parameters_;
    c.pseudo = &pseudo_;
    c.conditions = &conditions_;
    c.lookup = lookup_;
    for (bool progress = true; progress;) {
      progress = false;
      for (const auto &m : conds->as_object()) {
        if (conditions_.get(m.key) || (!full_pseudo_ && uses_stack_pseudo(m.value)))
          continue;
        try {
          conditions_.set(m.key, intrinsics::evaluate_condition(m.value, c));
          progress = true;
        } catch (const std::exception &) {
        }
      }
    }
  }
}

StaticValues::~StaticValues() = default;

StaticResult StaticValues::resolve(const Value &expr) const {
  StaticResult r;
  if (!full_pseudo_ && uses_stack_pseudo(expr))
    return r;
  intrinsics::Context c;
  c.index = index_.get();
  c.parameters = &parameters_;
  c.pseudo = &pseudo_;
  c.conditions = &conditions_;
  c.lookup = lookup_;
  auto v = intrinsics::evaluate_optional(expr, c);
  if (!v) {
    r.kind = StaticResult::Kind::NoValue;
  } else if (intrinsics::is_resolved(*v)) {
    r.kind = StaticResult::Kind::Value;
    r.value = std::move(*v);
  }
  return r;
}

StaticResult StaticValues::try_resolve(const Value &expr) const {
  try {
    return resolve(expr);
  } catch (const std::exception &) {
    return {};
  }
}

} // namespace cfnlocal::transforms
