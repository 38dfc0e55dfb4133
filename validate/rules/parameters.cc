// E2001, E2002, E2015, W2001: the Parameters section (AWS User Guide, "Parameters").
#include "validate/rules/helpers.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <re2/re2.h>
#include <set>

namespace cfnlocal::validate::rules {
namespace {

constexpr std::array<std::string_view, 11> kAttributes = {
    "Type",        "Default",   "AllowedValues", "AllowedPattern", "ConstraintDescription",
    "Description", "MaxLength", "MinLength",     "MaxValue",       "MinValue",
    "NoEcho"};

constexpr std::array<std::string_view, 10> kAwsTypes = {"AWS::EC2::AvailabilityZone::Name",
                                                        "AWS::EC2::Image::Id",
                                                        "AWS::EC2::Instance::Id",
                                                        "AWS::EC2::KeyPair::KeyName",
                                                        "AWS::EC2::SecurityGroup::GroupName",
                                                        "AWS::EC2::SecurityGroup::Id",
                                                        "AWS::EC2::Subnet::Id",
                                                        "AWS::EC2::Volume::Id",
                                                        "AWS::EC2::VPC::Id",
                                                        "AWS::Route53::HostedZone::Id"};

bool aws_type(std::string_view t) {
  return std::find(kAwsTypes.begin(), kAwsTypes.end(), t) != kAwsTypes.end();
}

bool plain_type(std::string_view t) {
  if (t == "String" || t == "Number" || t == "List<Number>" || t == "CommaDelimitedList" ||
      aws_type(t))
    return true;
  if (t.rfind("List<", 0) == 0 && t.back() == '>')
    return aws_type(t.substr(5, t.size() - 6));
  return false;
}

bool valid_type(std::string_view t) {
  if (plain_type(t) || t == "AWS::SSM::Parameter::Name")
    return true;
  constexpr std::string_view ssm = "AWS::SSM::Parameter::Value<";
  if (t.rfind(ssm, 0) == 0 && t.back() == '>') {
    std::string_view inner = t.substr(ssm.size(), t.size() - ssm.size() - 1);
    return inner == "String" || inner == "List<String>" || plain_type(inner) ||
           inner.rfind("AWS::", 0) == 0 || inner.rfind("List<AWS::", 0) == 0;
  }
  return false;
}

bool is_number_text(const std::string &s) {
  if (s.empty())
    return false;
  char *end = nullptr;
  std::strtod(s.c_str(), &end);
  return end && *end == '\0';
}

void structure(const Context &ctx, Reporter &out) {
  const Value *params = ctx.parameters();
  if (!params)
    return;
  for (const auto &p : params->as_object()) {
    std::string path = join_path("Parameters", p.key);
    if (!p.value.is_object()) {
      out.report(mark_or(p.value, p.key_mark), path,
                 fmt::format("{} is not of type 'object'", show(p.value)));
      continue;
    }
    if (!p.value.find("Type"))
      out.report(p.key_mark, path, "'Type' is a required property");
    for (const auto &a : p.value.as_object()) {
      std::string apath = join_path(path, a.key);
      if (std::find(kAttributes.begin(), kAttributes.end(), a.key) == kAttributes.end()) {
        out.report(
            a.key_mark, apath,
            fmt::format("Additional properties are not allowed ('{}' was unexpected)", a.key));
        continue;
      }
      const Value &v = a.value;
      const Mark &m = mark_or(v, a.key_mark);
      if (is_function(v)) {
        out.report(m, apath,
                   fmt::format("Parameter attributes cannot use functions ({})", function_name(v)));
        continue;
      }
      if ((a.key == "Type" || a.key == "AllowedPattern" || a.key == "ConstraintDescription" ||
           a.key == "Description") &&
          !v.is_string())
        out.report(m, apath, fmt::format("{} is not of type 'string'", show(v)));
      if ((a.key == "MaxLength" || a.key == "MinLength" || a.key == "MaxValue" ||
           a.key == "MinValue") &&
          !(v.is_number() || (v.is_string() && is_number_text(v.as_string()))))
        out.report(m, apath, fmt::format("{} is not of type 'number'", show(v)));
      if (a.key == "AllowedValues" && !v.is_array())
        out.report(m, apath, fmt::format("{} is not of type 'array'", show(v)));
      if (a.key == "NoEcho" && !(v.is_bool() || (v.is_string() && (v.as_string() == "true" ||
                                                                   v.as_string() == "false"))))
        out.report(m, apath, fmt::format("{} is not of type 'boolean'", show(v)));
      if (a.key == "Default" && !v.is_scalar() &&
          !(v.is_array() && std::all_of(v.as_array().begin(), v.as_array().end(),
                                        [](const Value &i) { return i.is_scalar(); })))
        out.report(m, apath, fmt::format("{} is not a string, number or list of them", show(v)));
      if (a.key == "Description" && v.is_string() && v.as_string().size() > 4000)
        out.report(m, apath, "A parameter Description is at most 4000 characters");
    }
  }
}

void types(const Context &ctx, Reporter &out) {
  const Value *params = ctx.parameters();
  if (!params)
    return;
  for (const auto &p : params->as_object()) {
    if (!p.value.is_object())
      continue;
    const Value::Member *t = p.value.find_member("Type");
    if (t && t->value.is_string() && !valid_type(t->value.as_string()))
      out.report(mark_or(t->value, t->key_mark), join_path("Parameters", p.key) + "/Type",
                 fmt::format("'{}' is not a parameter type (String, Number, List<Number>, "
                             "CommaDelimitedList, AWS-specific or SSM parameter types)",
                             t->value.as_string()));
  }
}

/// The Default's values to check against the constraints: list types check each item.
std::vector<std::string> default_items(const Value &def, bool list) {
  std::vector<std::string> out;
  if (def.is_array()) {
    for (const auto &i : def.as_array())
      if (auto s = i.scalar_string())
        out.push_back(*s);
    return out;
  }
  auto s = def.scalar_string();
  if (!s)
    return out;
  if (!list) {
    out.push_back(*s);
    return out;
  }
  size_t start = 0;
  while (true) {
    size_t comma = s->find(',', start);
    std::string item =
        s->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    // CloudFormation trims spaces around CommaDelimitedList items.
    while (!item.empty() && item.front() == ' ')
      item.erase(item.begin());
    while (!item.empty() && item.back() == ' ')
      item.pop_back();
    out.push_back(item);
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return out;
}

std::optional<double> number_of(const Value *v) {
  if (!v)
    return std::nullopt;
  if (v->is_number())
    return v->as_number();
  if (v->is_string() && is_number_text(v->as_string()))
    return std::strtod(v->as_string().c_str(), nullptr);
  return std::nullopt;
}

void defaults(const Context &ctx, Reporter &out) {
  const Value *params = ctx.parameters();
  if (!params)
    return;
  for (const auto &p : params->as_object()) {
    if (!p.value.is_object())
      continue;
    const Value::Member *def = p.value.find_member("Default");
    const Value *type = p.value.find("Type");
    if (!def || !type || !type->is_string() || is_function(def->value))
      continue;
    const std::string &t = type->as_string();
    if (t.rfind("AWS::SSM::Parameter::", 0) == 0)
      continue; // the default names an SSM parameter, not a value
    bool list = t == "CommaDelimitedList" || t.rfind("List<", 0) == 0;
    bool number = t == "Number" || t == "List<Number>";
    const Mark &mark = mark_or(def->value, def->key_mark);
    std::string path = join_path("Parameters", p.key) + "/Default";
    auto items = default_items(def->value, list);
    const Value *allowed = p.value.find("AllowedValues");
    const Value *pattern = p.value.find("AllowedPattern");
    std::unique_ptr<RE2> re;
    if (pattern && pattern->is_string()) {
      RE2::Options o;
      o.set_log_errors(false);
      re = std::make_unique<RE2>(pattern->as_string(), o);
      if (!re->ok())
        re.reset(); // a Java pattern RE2 cannot read (look-around): not checked
    }
    auto min_len = number_of(p.value.find("MinLength"));
    auto max_len = number_of(p.value.find("MaxLength"));
    auto min_val = number_of(p.value.find("MinValue"));
    auto max_val = number_of(p.value.find("MaxValue"));
    for (const auto &item : items) {
      if (allowed && allowed->is_array()) {
        bool found = false;
        for (const auto &a : allowed->as_array()) {
          auto s = a.scalar_string();
          if (s && (*s == item ||
                    (number && is_number_text(*s) && is_number_text(item) &&
                     std::strtod(s->c_str(), nullptr) == std::strtod(item.c_str(), nullptr))))
            found = true;
        }
        if (!found)
          out.report(mark, path, fmt::format("Default '{}' is not one of the AllowedValues", item));
      }
      if (re && !RE2::FullMatch(item, *re))
        out.report(mark, path,
                   fmt::format("Default '{}' does not match AllowedPattern '{}'", item,
                               pattern->as_string()));
      if (!number) {
        if (min_len && item.size() < *min_len)
          out.report(mark, path,
                     fmt::format("Default '{}' is shorter than MinLength {}", item, *min_len));
        if (max_len && item.size() > *max_len)
          out.report(mark, path,
                     fmt::format("Default '{}' is longer than MaxLength {}", item, *max_len));
      } else if (is_number_text(item)) {
        double v = std::strtod(item.c_str(), nullptr);
        if (min_val && v < *min_val)
          out.report(mark, path,
                     fmt::format("Default {} is less than MinValue {}", item, *min_val));
        if (max_val && v > *max_val)
          out.report(mark, path,
                     fmt::format("Default {} is greater than MaxValue {}", item, *max_val));
      }
    }
  }
}

void unused(const Context &ctx, Reporter &out) {
  const Value *params = ctx.parameters();
  if (!params)
    return;
  std::set<std::string, std::less<>> used;
  for (const Call &c : ctx.calls()) {
    if (c.name == "Ref" && c.arg->is_string())
      used.insert(c.arg->as_string());
    if (c.name == "Fn::Sub") {
      const Value *text = c.arg->is_string()                       ? c.arg
                          : c.arg->is_array() && c.arg->size() > 0 ? &c.arg->as_array()[0]
                                                                   : nullptr;
      if (text && text->is_string())
        for (auto &v : sub_variables(text->as_string()))
          used.insert(v);
    }
  }
  for (const auto &p : params->as_object())
    if (!used.count(p.key))
      out.report(p.key_mark, join_path("Parameters", p.key),
                 fmt::format("Parameter {} not used.", p.key));
}

} // namespace

extern const Rule kParameterStructure{"E2001", Severity::Error, "Parameter configuration",
                                      "Each parameter is an object with a Type and only the "
                                      "parameter attributes, of their types, without functions.",
                                      structure};
extern const Rule kParameterTypes{"E2002", Severity::Error, "Parameter types",
                                  "A parameter Type is one CloudFormation supports.", types};
extern const Rule kParameterDefaults{"E2015", Severity::Error, "Default within constraints",
                                     "A parameter Default satisfies its AllowedValues, "
                                     "AllowedPattern, MinLength/MaxLength and "
                                     "MinValue/MaxValue.",
                                     defaults};
extern const Rule kUnusedParameters{"W2001", Severity::Warning, "Unused parameters",
                                    "Every parameter is used by a Ref or an Fn::Sub variable.",
                                    unused};

} // namespace cfnlocal::validate::rules
