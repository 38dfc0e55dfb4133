// AWS::Serverless::Function's CapacityProviderConfig (Lambda managed instances): checked and
// coerced the way the translator's data model does (a lenient model: numbers become strings,
// numeric strings numbers), then renamed for AWS::Lambda::Function.

#include "transforms/sam/function_parts.h"

#include <cmath>
#include <cstdlib>
#include <optional>

namespace cfnlocal::transforms::sam {

namespace {

bool python_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string trimmed(const std::string &s) {
  size_t b = 0, e = s.size();
  while (b < e && python_space(s[b]))
    ++b;
  while (e > b && python_space(s[e - 1]))
    --e;
  return s.substr(b, e - b);
}

/// Digits with single underscores between them, as Python's number literals allow; the
/// underscores removed, or nullopt.
std::optional<std::string> without_digit_separators(const std::string &s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '_') {
      out += s[i];
      continue;
    }
    bool between_digits = i > 0 && i + 1 < s.size() && std::isdigit((unsigned char)s[i - 1]) &&
                          std::isdigit((unsigned char)s[i + 1]);
    if (!between_digits)
      return std::nullopt;
  }
  return out;
}

/// Python's int(v) for the JSON scalars: booleans count 0/1, floats truncate, strings parse.
std::optional<Json> as_int(const Json &v) {
  if (v.is_boolean())
    return Json(v.get<bool>() ? 1 : 0);
  if (v.is_number_integer())
    return v;
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (!std::isfinite(d))
      return std::nullopt;
    return Json(static_cast<int64_t>(std::trunc(d)));
  }
  if (!v.is_string())
    return std::nullopt;
  auto text = without_digit_separators(trimmed(v.get<std::string>()));
  if (!text || text->empty())
    return std::nullopt;
  size_t start = (*text)[0] == '+' || (*text)[0] == '-' ? 1 : 0;
  if (start == text->size())
    return std::nullopt;
  for (size_t i = start; i < text->size(); ++i)
    if (!std::isdigit((unsigned char)(*text)[i]))
      return std::nullopt;
  return Json(std::strtoll(text->c_str(), nullptr, 10));
}

/// Python's float(v) for a string (ints and booleans were taken by as_int before).
std::optional<Json> as_float(const Json &v) {
  if (v.is_number_float())
    return v;
  if (!v.is_string())
    return std::nullopt;
  auto text = without_digit_separators(trimmed(v.get<std::string>()));
  if (!text || text->empty() || text->find_first_of("xXpP") != std::string::npos)
    return std::nullopt;
  char *end = nullptr;
  double d = std::strtod(text->c_str(), &end);
  if (end != text->c_str() + text->size())
    return std::nullopt;
  return Json(d);
}

/// Python's dict(v): a mapping as it is; an empty string or list is an empty mapping.
std::optional<Json> as_dict(const Json &v) {
  if (v.is_object())
    return v;
  if ((v.is_string() && v.get_ref<const std::string &>().empty()) || (v.is_array() && v.empty()))
    return Json::object();
  return std::nullopt;
}

std::optional<Json> as_str(const Json &v) {
  if (v.is_string())
    return v;
  if (v.is_number() || v.is_boolean())
    return Json(python_repr(v));
  return std::nullopt;
}

/// One field of the model: an intrinsic (any mapping) or one of `kinds`, tried in order; the
/// failures are reported one line pair each, as the model's validation error lists them.
struct Field {
  const char *name;
  const char *output_name;
  bool required;
  std::vector<const char *> kinds; // "int", "float", "str"
};

} // namespace

Json lambda_capacity_provider_config(const std::string &id, const Json &config) {
  static const std::vector<Field> fields = {
      {"Arn", "CapacityProviderArn", true, {"str"}},
      {"PerExecutionEnvironmentMaxConcurrency",
       "PerExecutionEnvironmentMaxConcurrency",
       false,
       {"int"}},
      {"ExecutionEnvironmentMemoryGiBPerVCpu",
       "ExecutionEnvironmentMemoryGiBPerVCpu",
       false,
       {"int", "float"}},
  };
  std::vector<std::pair<std::string, std::string>> errors; // field, reason
  Json out = Json::object();
  for (const auto &f : fields) {
    auto it = config.find(f.name);
    if (it == config.end() || it->is_null()) {
      if (f.required)
        errors.emplace_back(f.name, it == config.end() ? "field required (type=value_error.missing)"
                                                       : "none is not an allowed value "
                                                         "(type=type_error.none.not_allowed)");
      continue;
    }
    std::optional<Json> value = as_dict(*it);
    std::vector<std::pair<std::string, std::string>> failures = {
        {f.name, "value is not a valid dict (type=type_error.dict)"}};
    for (const std::string kind : f.kinds) {
      if (value)
        break;
      if (kind == "int") {
        value = as_int(*it);
        failures.emplace_back(f.name, "value is not a valid integer (type=type_error.integer)");
      } else if (kind == "float") {
        value = as_float(*it);
        failures.emplace_back(f.name, "value is not a valid float (type=type_error.float)");
      } else {
        value = as_str(*it);
        failures.emplace_back(f.name, "str type expected (type=type_error.str)");
      }
    }
    if (value)
      out[f.output_name] = *value;
    else
      errors.insert(errors.end(), failures.begin(), failures.end());
  }
  std::vector<std::string> extra;
  for (auto it = config.begin(); it != config.end(); ++it) {
    bool known = false;
    for (const auto &f : fields)
      known = known || it.key() == f.name;
    if (!known)
      extra.push_back(it.key());
  }
  std::sort(extra.begin(), extra.end());
  for (const auto &name : extra)
    errors.emplace_back(name, "extra fields not permitted (type=value_error.extra)");
  if (!errors.empty()) {
    std::string text = "Invalid CapacityProviderConfig: " + std::to_string(errors.size()) +
                       (errors.size() == 1 ? " validation error" : " validation errors") +
                       " for CapacityProviderConfig";
    for (const auto &[field, reason] : errors)
      text += "\n" + field + "\n  " + reason;
    throw InvalidResource{id, text};
  }
  return Json{{"LambdaManagedInstancesCapacityProviderConfig", out}};
}

} // namespace cfnlocal::transforms::sam
