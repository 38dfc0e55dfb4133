#include "intrinsics/parameters.h"

#include "parser/diagnostic.h"

#include <array>
#include <cmath>
#include <cstdlib>
#include <regex>

namespace cfnlocal::intrinsics {

namespace {

// The AWS-specific parameter types of the "Parameters" page ("Supported AWS-specific parameter
// types"); each may also be wrapped in List<...>.
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

bool is_aws_type(std::string_view t) {
  for (auto a : kAwsTypes)
    if (a == t)
      return true;
  return false;
}

bool strip(std::string_view &s, std::string_view prefix, std::string_view suffix) {
  if (s.size() < prefix.size() + suffix.size() || s.substr(0, prefix.size()) != prefix ||
      s.substr(s.size() - suffix.size()) != suffix)
    return false;
  s = s.substr(prefix.size(), s.size() - prefix.size() - suffix.size());
  return true;
}

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos)
    return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// CloudFormation's Number: an integer or a float, written in decimal.
bool parse_number(std::string_view text, double &out) {
  static const std::regex number(R"(^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$)");
  std::string s(text);
  if (!std::regex_match(s, number))
    return false;
  out = std::strtod(s.c_str(), nullptr);
  return std::isfinite(out);
}

bool truthy(const Value *v) {
  if (!v)
    return false;
  if (v->is_bool())
    return v->as_bool();
  auto s = v->scalar_string();
  return s && (*s == "true" || *s == "True" || *s == "TRUE");
}

// Browsers' ECMAScript (Annex B) and Java read "[\w-\+]" as a class holding '-'; std::regex
// rejects a range that starts or ends at a class escape. Escape such dashes so templates written
// for CloudFormation compile here.
std::string escape_class_escape_ranges(const std::string &p) {
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      out += c;
      out += p[++i];
      continue;
    }
    if (!in_class && c == '[') {
      in_class = true;
    } else if (in_class && c == ']') {
      in_class = false;
    } else if (in_class && c == '-') {
      auto is_class_escape = [](char e) {
        return e == 'w' || e == 'W' || e == 'd' || e == 'D' || e == 's' || e == 'S';
      };
      bool after = i >= 2 && p[i - 2] == '\\' && is_class_escape(p[i - 1]);
      bool before = i + 2 < p.size() && p[i + 1] == '\\' && is_class_escape(p[i + 2]);
      if (after || before) {
        out += "\\-";
        continue;
      }
    }
    out += c;
  }
  return out;
}

std::regex compile_pattern(const std::string &pattern) {
  try {
    return std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error &) {
    return std::regex(escape_class_escape_ranges(pattern), std::regex::ECMAScript);
  }
}

std::optional<double> number_attribute(const Value &decl, std::string_view key,
                                       std::string_view name) {
  const Value *v = decl.find(key);
  if (!v)
    return std::nullopt;
  auto s = v->scalar_string();
  double d = 0;
  if (!s || !parse_number(*s, d))
    throw Error("Template format error: Parameter '" + std::string(name) + "' has a " +
                    std::string(key) + " that is not a number",
                v->mark());
  return d;
}

std::string number_text(double d) {
  if (d == std::floor(d) && std::fabs(d) < 1e15)
    return std::to_string(static_cast<long long>(d));
  std::string s = std::to_string(d);
  while (!s.empty() && s.back() == '0')
    s.pop_back();
  return s;
}

// The first violation of one item of a value, nullopt when it passes.
std::optional<std::string> check_item(std::string_view name, const Value &decl,
                                      const ParameterType &type, std::string_view item) {
  std::string quoted = "Parameter '" + std::string(name) + "'";
  if (type.is_number()) {
    double d = 0;
    if (!parse_number(item, d))
      return quoted + " must be a number";
    if (auto min = number_attribute(decl, "MinValue", name); min && d < *min)
      return quoted + " must be a number not less than " + number_text(*min);
    if (auto max = number_attribute(decl, "MaxValue", name); max && d > *max)
      return quoted + " must be a number not greater than " + number_text(*max);
  } else {
    size_t length = item.size();
    if (auto min = number_attribute(decl, "MinLength", name); min && length < *min)
      return quoted + " must contain at least " + number_text(*min) + " characters";
    if (auto max = number_attribute(decl, "MaxLength", name); max && length > *max)
      return quoted + " must contain at most " + number_text(*max) + " characters";
    if (const Value *pattern = decl.find("AllowedPattern")) {
      auto p = pattern->scalar_string();
      if (!p)
        throw Error("Template format error: Parameter '" + std::string(name) +
                        "' has an AllowedPattern that is not a string",
                    pattern->mark());
      std::regex re;
      try {
        re = compile_pattern(*p);
      } catch (const std::regex_error &) {
        throw Error("Template format error: Parameter '" + std::string(name) +
                        "' has an invalid AllowedPattern: " + *p,
                    pattern->mark());
      }
      if (!std::regex_match(item.begin(), item.end(), re))
        return quoted + " must match pattern " + *p;
    }
  }
  if (const Value *allowed = decl.find("AllowedValues")) {
    bool found = false;
    if (allowed->is_array()) {
      for (const auto &a : allowed->as_array()) {
        auto s = a.scalar_string();
        if (s && *s == item) {
          found = true;
          break;
        }
        double x = 0, y = 0;
        if (type.is_number() && s && parse_number(*s, x) && parse_number(item, y) && x == y) {
          found = true;
          break;
        }
      }
    }
    if (!found)
      return quoted + " must be one of AllowedValues";
  }
  return std::nullopt;
}

} // namespace

std::optional<ParameterType> parse_parameter_type(std::string_view type) {
  ParameterType t;
  t.name = std::string(type);
  std::string_view rest = type;
  if (strip(rest, "AWS::SSM::Parameter::Value<", ">")) {
    t.ssm = true;
    if (rest == "CommaDelimitedList") {
      t.list = true;
      t.comma_delimited = true;
      t.element = "String";
      return t;
    }
  }
  if (strip(rest, "List<", ">"))
    t.list = true;
  if (!t.list && rest == "CommaDelimitedList") {
    t.list = true;
    t.comma_delimited = true;
    t.element = "String";
    return t;
  }
  if (rest == "String" || (rest == "Number" && !t.ssm) ||
      (!t.ssm && !t.list && rest == "AWS::SSM::Parameter::Name") || is_aws_type(rest)) {
    // String is only a list element inside SSM (List<String> alone is not a type).
    if (rest == "String" && t.list && !t.ssm)
      return std::nullopt;
    t.element = std::string(rest);
    return t;
  }
  return std::nullopt;
}

std::vector<std::string> split_list_value(std::string_view value, bool trim_items) {
  std::vector<std::string> out;
  if (value.empty())
    return out;
  size_t pos = 0;
  while (true) {
    size_t comma = value.find(',', pos);
    std::string_view item =
        value.substr(pos, comma == std::string_view::npos ? value.npos : comma - pos);
    out.push_back(trim_items ? trim(item) : std::string(item));
    if (comma == std::string_view::npos)
      break;
    pos = comma + 1;
  }
  return out;
}

const BoundParameter *BoundParameters::find(std::string_view name) const {
  auto it = index_.find(name);
  return it == index_.end() ? nullptr : &items_[it->second];
}

void BoundParameters::add(BoundParameter parameter) {
  auto it = index_.find(parameter.name);
  if (it != index_.end()) {
    items_[it->second] = std::move(parameter);
    return;
  }
  index_.emplace(parameter.name, items_.size());
  items_.push_back(std::move(parameter));
}

bool BoundParameters::is_no_echo(std::string_view name) const {
  const BoundParameter *p = find(name);
  return p && p->no_echo;
}

std::vector<std::string> BoundParameters::no_echo_names() const {
  std::vector<std::string> out;
  for (const auto &p : items_)
    if (p.no_echo)
      out.push_back(p.name);
  return out;
}

std::string displayed_value(const BoundParameter &parameter) {
  return parameter.no_echo ? "****" : parameter.raw;
}

std::optional<std::string> check_parameter_value(std::string_view name, const Value &declaration,
                                                 std::string_view value) {
  const Value *type_node = declaration.find("Type");
  auto type_text = type_node ? type_node->scalar_string() : std::nullopt;
  auto type = parse_parameter_type(type_text ? *type_text : "");
  if (!type)
    return "Template format error: Unrecognized parameter type: " + (type_text ? *type_text : "");
  // The constraints of an SSM type apply to the SSM parameter's name, which is what is given.
  ParameterType checked = *type;
  if (type->ssm) {
    checked.list = false;
    checked.element = "String";
  }
  std::optional<std::string> failure;
  if (checked.list) {
    for (const auto &item : split_list_value(value, true)) {
      failure = check_item(name, declaration, checked, item);
      if (failure)
        break;
    }
  } else {
    failure = check_item(name, declaration, checked, value);
  }
  if (failure) {
    if (const Value *cd = declaration.find("ConstraintDescription")) {
      if (auto text = cd->scalar_string(); text && !text->empty())
        return "Parameter '" + std::string(name) + "' failed to satisfy constraint: " + *text;
    }
  }
  return failure;
}

BoundParameters bind_parameters(const Value *section, const ParameterValues &values,
                                Lookup &lookup) {
  BoundParameters bound;
  std::vector<std::string> undeclared;
  for (const auto &[key, _] : values)
    if (!section || !section->is_object() || !section->find(key))
      undeclared.push_back(key);
  auto name_list = [](const std::vector<std::string> &names) {
    std::string out = "[";
    for (size_t i = 0; i < names.size(); ++i)
      out += (i ? ", " : "") + names[i];
    return out + "]";
  };
  if (!undeclared.empty())
    throw Error("Parameters: " + name_list(undeclared) + " do not exist in the template");
  if (!section || !section->is_object())
    return bound;

  std::vector<std::string> missing;
  std::vector<std::string> ssm_missing;
  for (const auto &member : section->as_object()) {
    const std::string &name = member.key;
    const Value &decl = member.value;
    if (!decl.is_object())
      throw Error("Template format error: Parameter '" + name + "' must be an object",
                  member.key_mark);
    const Value *type_node = decl.find("Type");
    auto type_text = type_node ? type_node->scalar_string() : std::nullopt;
    if (!type_text)
      throw Error("Template format error: Parameter '" + name + "' must have a Type",
                  member.key_mark);
    auto type = parse_parameter_type(*type_text);
    if (!type)
      throw Error("Template format error: Unrecognized parameter type: " + *type_text,
                  type_node->mark());

    BoundParameter p;
    p.name = name;
    p.type = *type;
    p.no_echo = truthy(decl.find("NoEcho"));
    Mark value_mark = member.key_mark;
    if (auto it = values.find(name); it != values.end()) {
      p.raw = it->second;
    } else if (const Value *def = decl.find("Default")) {
      p.from_default = true;
      value_mark = def->mark();
      if (def->is_array()) {
        // A YAML list Default for a list type: the same as its comma-joined text.
        for (size_t i = 0; i < def->as_array().size(); ++i) {
          auto s = def->as_array()[i].scalar_string();
          p.raw += (i ? "," : "") + s.value_or("");
        }
      } else if (auto s = def->scalar_string()) {
        p.raw = *s;
      } else {
        throw Error("Template format error: Default of parameter '" + name + "' must be a string",
                    def->mark());
      }
    } else {
      missing.push_back(name);
      continue;
    }

    if (auto failure = check_parameter_value(name, decl, p.raw))
      throw Error(*failure, value_mark);

    std::string resolved = p.raw;
    if (type->ssm) {
      p.ssm_name = p.raw;
      Answer<SsmParameter> answer;
      try {
        answer = lookup.ssm_parameter(p.raw, std::nullopt);
      } catch (const LookupError &e) {
        throw Error(e.what(), value_mark);
      }
      if (answer.status == Answer<SsmParameter>::Status::Missing) {
        ssm_missing.push_back(p.raw);
        continue;
      }
      if (answer.is_found()) {
        if (answer.value.type == "SecureString")
          throw Error("Parameters [" + p.raw +
                          "] referenced by template have types not supported by CloudFormation.",
                      value_mark);
        resolved = answer.value.value;
        p.ssm_version = answer.value.version;
      }
    }

    if (type->list) {
      Value::Array items;
      for (auto &item : split_list_value(resolved, true))
        items.push_back(Value(std::move(item)).with_mark(value_mark));
      p.value = Value(std::move(items)).with_mark(value_mark);
    } else {
      p.value = Value(resolved).with_mark(value_mark);
    }

    if (type->is_aws_specific() && !(type->ssm && resolved == p.raw && p.ssm_version == 0)) {
      std::vector<std::string> items =
          type->list ? split_list_value(resolved, true) : std::vector<std::string>{resolved};
      for (const auto &item : items) {
        std::optional<bool> exists;
        try {
          exists = lookup.aws_value_exists(type->element, item);
        } catch (const LookupError &e) {
          throw Error(e.what(), value_mark);
        }
        if (exists && !*exists)
          throw Error("Parameter validation failed: parameter value " + item +
                          " for parameter name " + name + " does not exist",
                      value_mark);
      }
    }
    bound.add(std::move(p));
  }
  if (!missing.empty())
    throw Error("Parameters: " + name_list(missing) + " must have values");
  if (!ssm_missing.empty())
    throw Error("Unable to fetch parameters " + name_list(ssm_missing) +
                " from parameter store for this account.");
  return bound;
}

} // namespace cfnlocal::intrinsics
