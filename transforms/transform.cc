#include "transforms/transform.h"

#include "parser/json.h"
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

Value apply_transforms(const Value &tmpl, const TransformOptions &options) {
  if (!options.always_sam && !declares_transform(tmpl, kSamTransform))
    return tmpl;
  sam::SamOptions sam_options;
  sam_options.region = options.region;
  sam_options.parameters = options.parameter_overrides;
  try {
    return from_json(sam::translate(to_sam_json(tmpl), sam_options), tmpl.mark());
  } catch (const sam::SamError &e) {
    throw TransformError(e.what(), tmpl.mark());
  }
}

} // namespace cfnlocal::transforms
