#include "schema/validator.h"

#include "schema/formats.h"

#include "schema/coercion.h"
#include "schema/pattern.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <unordered_map>

namespace cfnlocal::schema {
namespace {

using detail::as_number;
using detail::aws_kind_name;
using detail::loose_equal;
using detail::matches_type;
using detail::repr;

enum class Presence { Absent, Maybe, Present };

// What one schema node (or one part of it) found.
struct Sink {
  std::vector<Violation> violations;
  std::vector<std::string> aws;
  void merge(Sink &&other) {
    for (auto &v : other.violations) {
      violations.push_back(std::move(v));
    }
    for (auto &a : other.aws) {
      aws.push_back(std::move(a));
    }
  }
};

// The keywords of one schema node, found in one pass over its members.
struct Keywords {
  const Json *ref = nullptr, *type = nullptr, *enum_ = nullptr, *enum_ci = nullptr,
             *const_ = nullptr, *all_of = nullptr, *any_of = nullptr, *one_of = nullptr,
             *not_ = nullptr, *if_ = nullptr, *then_ = nullptr, *else_ = nullptr, *format = nullptr;
  // object
  const Json *properties = nullptr, *required = nullptr, *additional = nullptr,
             *pattern_props = nullptr, *min_props = nullptr, *max_props = nullptr,
             *dependencies = nullptr, *dep_required = nullptr, *dep_excluded = nullptr,
             *required_xor = nullptr, *required_or = nullptr;
  // array
  const Json *items = nullptr, *prefix_items = nullptr, *min_items = nullptr, *max_items = nullptr,
             *unique_items = nullptr, *unique_keys = nullptr;
  // string
  const Json *min_length = nullptr, *max_length = nullptr, *pattern = nullptr;
  // number
  const Json *minimum = nullptr, *maximum = nullptr, *ex_minimum = nullptr, *ex_maximum = nullptr,
             *multiple_of = nullptr;
  bool typed = false; // has type or a type-specific keyword (everit's one "typed" subschema)
};

using Slot = const Json *Keywords::*;

// keyword -> (slot, belongs to the typed part), dispatched on the first letter: this runs for
// every schema node the validator visits, so it avoids hashing.
struct KeywordSlot {
  std::string_view name;
  Slot slot;
  bool typed;
};

const KeywordSlot *find_keyword(std::string_view key) {
  static const KeywordSlot table[] = {
      {"$ref", &Keywords::ref, false},
      {"additionalProperties", &Keywords::additional, true},
      {"allOf", &Keywords::all_of, false},
      {"anyOf", &Keywords::any_of, false},
      {"const", &Keywords::const_, false},
      {"dependencies", &Keywords::dependencies, true},
      {"dependentExcluded", &Keywords::dep_excluded, true},
      {"dependentRequired", &Keywords::dep_required, true},
      {"else", &Keywords::else_, false},
      {"enum", &Keywords::enum_, false},
      {"enumCaseInsensitive", &Keywords::enum_ci, false},
      {"exclusiveMaximum", &Keywords::ex_maximum, true},
      {"exclusiveMinimum", &Keywords::ex_minimum, true},
      {"format", &Keywords::format, false},
      {"if", &Keywords::if_, false},
      {"items", &Keywords::items, true},
      {"maxItems", &Keywords::max_items, true},
      {"maxLength", &Keywords::max_length, true},
      {"maxProperties", &Keywords::max_props, true},
      {"maximum", &Keywords::maximum, true},
      {"minItems", &Keywords::min_items, true},
      {"minLength", &Keywords::min_length, true},
      {"minProperties", &Keywords::min_props, true},
      {"minimum", &Keywords::minimum, true},
      {"multipleOf", &Keywords::multiple_of, true},
      {"not", &Keywords::not_, false},
      {"oneOf", &Keywords::one_of, false},
      {"pattern", &Keywords::pattern, true},
      {"patternProperties", &Keywords::pattern_props, true},
      {"prefixItems", &Keywords::prefix_items, true},
      {"properties", &Keywords::properties, true},
      {"required", &Keywords::required, true},
      {"requiredOr", &Keywords::required_or, true},
      {"requiredXor", &Keywords::required_xor, true},
      {"then", &Keywords::then_, false},
      {"type", &Keywords::type, true},
      {"uniqueItems", &Keywords::unique_items, true},
      {"uniqueKeys", &Keywords::unique_keys, true},
  };
  // The table is sorted by name; each first letter's run is found once.
  static const auto runs = [] {
    std::array<std::pair<uint8_t, uint8_t>, 128> r{};
    for (size_t i = 0; i < std::size(table); ++i) {
      auto c = static_cast<unsigned char>(table[i].name[0]);
      if (r[c].second == 0) {
        r[c].first = static_cast<uint8_t>(i);
      }
      r[c].second = static_cast<uint8_t>(i + 1);
    }
    return r;
  }();
  if (key.empty() || static_cast<unsigned char>(key[0]) >= 128) {
    return nullptr;
  }
  auto [begin, end] = runs[static_cast<unsigned char>(key[0])];
  for (size_t i = begin; i < end; ++i) {
    if (table[i].name == key) {
      return &table[i];
    }
  }
  return nullptr;
}

Keywords scan(const Json &schema) {
  Keywords k;
  for (auto it = schema.begin(); it != schema.end(); ++it) {
    if (const KeywordSlot *found = find_keyword(it.key())) {
      k.*(found->slot) = &it.value();
      k.typed = k.typed || found->typed;
    }
  }
  return k;
}

// cfn-lint's rule for each keyword (a suggestion for the validate module).
const char *rule_for(std::string_view keyword) {
  static const std::unordered_map<std::string_view, const char *> rules = {
      {"required", "E3003"},
      {"type", "E3012"},
      {"enum", "E3030"},
      {"enumCaseInsensitive", "E3030"},
      {"const", "E3030"},
      {"pattern", "E3031"},
      {"minLength", "E3033"},
      {"maxLength", "E3033"},
      {"minimum", "E3034"},
      {"maximum", "E3034"},
      {"exclusiveMinimum", "E3034"},
      {"exclusiveMaximum", "E3034"},
      {"multipleOf", "E3034"},
      {"minItems", "E3032"},
      {"maxItems", "E3032"},
      {"uniqueItems", "E3037"},
      {"uniqueKeys", "E3037"},
      {"additionalProperties", "E3002"},
      {"minProperties", "E3002"},
      {"maxProperties", "E3002"},
      {"dependencies", "E3021"},
      {"dependentRequired", "E3021"},
      {"dependentExcluded", "E3020"},
      {"requiredXor", "E3014"},
      {"requiredOr", "E3058"},
      {"oneOf", "E3018"},
      {"anyOf", "E3017"},
      {"allOf", "E3002"},
      {"not", "E3002"},
      {"readOnly", "E3040"},
  };
  auto it = rules.find(keyword);
  return it == rules.end() ? "E3002" : it->second;
}

// The functions CloudFormation evaluates inside Properties (with AWS::LanguageExtensions'
// Fn::Length and Fn::ToJsonString). Another "Fn::X" key is a literal object: a macro that did not
// run, or a typo, and is checked as such (cfn-lint does the same).
bool is_known_function(const Value &v) {
  auto key = v.single_key();
  if (!key) {
    return false;
  }
  static const std::unordered_map<std::string_view, bool> known = {
      {"Ref", true},        {"Condition", true},        {"Fn::Base64", true},
      {"Fn::Cidr", true},   {"Fn::FindInMap", true},    {"Fn::GetAtt", true},
      {"Fn::GetAZs", true}, {"Fn::If", true},           {"Fn::ImportValue", true},
      {"Fn::Join", true},   {"Fn::Select", true},       {"Fn::Split", true},
      {"Fn::Sub", true},    {"Fn::Transform", true},    {"Fn::And", true},
      {"Fn::Equals", true}, {"Fn::Not", true},          {"Fn::Or", true},
      {"Fn::Length", true}, {"Fn::ToJsonString", true},
  };
  return known.contains(*key);
}

bool is_no_value(const Value &v) {
  const Value *ref = v.is_object() && v.size() == 1 ? v.find("Ref") : nullptr;
  return ref != nullptr && ref->is_string() && ref->as_string() == "AWS::NoValue";
}

bool contains_intrinsic(const Value &v) {
  if (is_known_function(v)) {
    return true;
  }
  if (v.is_string()) {
    return v.as_string().find("{{resolve:") != std::string::npos;
  }
  if (v.is_array()) {
    for (const auto &item : v.as_array()) {
      if (contains_intrinsic(item)) {
        return true;
      }
    }
  } else if (v.is_object()) {
    for (const auto &m : v.as_object()) {
      if (contains_intrinsic(m.value)) {
        return true;
      }
    }
  }
  return false;
}

std::string escape_pointer(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string json_list(const Json &list) { return repr(list, 400); }

// Properties that `aws cloudformation package` accepts as a local path (cfn-lint's list).
bool is_artifact_property(std::string_view type, const std::vector<std::string> &path) {
  static const std::unordered_map<std::string_view, std::vector<std::string_view>> props = {
      {"AWS::ApiGateway::RestApi", {"BodyS3Location"}},
      {"AWS::Lambda::Function", {"Code"}},
      {"AWS::Lambda::LayerVersion", {"Content"}},
      {"AWS::ElasticBeanstalk::ApplicationVersion", {"SourceBundle"}},
      {"AWS::StepFunctions::StateMachine", {"DefinitionS3Location"}},
      {"AWS::AppSync::GraphQLSchema", {"DefinitionS3Location"}},
      {"AWS::AppSync::Resolver",
       {"RequestMappingTemplateS3Location", "ResponseMappingTemplateS3Location"}},
      {"AWS::AppSync::FunctionConfiguration",
       {"RequestMappingTemplateS3Location", "ResponseMappingTemplateS3Location"}},
      {"AWS::CloudFormation::Stack", {"TemplateURL"}},
  };
  if (type == "AWS::CodeCommit::Repository") {
    return path.size() == 2 && path[0] == "Code" && path[1] == "S3";
  }
  auto it = props.find(type);
  if (it == props.end() || path.size() != 1) {
    return false;
  }
  for (auto p : it->second) {
    if (p == path[0]) {
      return true;
    }
  }
  return false;
}

class Checker {
public:
  Checker(const ResourceType &type, const ValidationOptions &options)
      : type_(type), options_(options) {}

  std::vector<std::string> path;

  bool node(const Json &schema, const Value &v, Sink &out);
  void read_only(const Value &properties, Sink &out);

private:
  std::string path_string() const {
    std::string s;
    for (const auto &p : path) {
      if (!s.empty()) {
        s += '/';
      }
      s += p;
    }
    return s;
  }
  std::string pointer() const {
    std::string s = "#";
    for (const auto &p : path) {
      s += '/';
      s += escape_pointer(p);
    }
    return s;
  }
  void aws(Sink &out, std::string_view message) const {
    out.aws.push_back(pointer() + ": " + std::string(message));
  }
  void violation(Sink &out, std::string keyword, std::string message, const Mark &mark,
                 std::string_view extra_path = {}) const {
    std::string p = path_string();
    if (!extra_path.empty()) {
      p += p.empty() ? "" : "/";
      p += extra_path;
    }
    out.violations.push_back({keyword, std::move(p), std::move(message), mark, rule_for(keyword)});
  }
  // Both reports of a keyword whose AWS message hides the value.
  void scrubbed(Sink &out, const std::string &keyword, std::string message, const Mark &mark) {
    aws(out, "failed validation constraint for keyword [" + keyword + "]");
    violation(out, keyword, std::move(message), mark);
  }

  Presence presence(const Value &v) const {
    if (!options_.intrinsics_unknown) {
      return Presence::Present;
    }
    if (is_no_value(v)) {
      return Presence::Absent;
    }
    if (const Value *args = v.is_object() && v.size() == 1 ? v.find("Fn::If") : nullptr;
        args != nullptr && args->is_array() && args->size() == 3 &&
        (is_no_value(args->as_array()[1]) || is_no_value(args->as_array()[2]))) {
      return Presence::Maybe;
    }
    return Presence::Present;
  }
  Presence member_presence(const Value &object, const std::string &key) const {
    const Value *m = object.find(key);
    return m == nullptr ? Presence::Absent : presence(*m);
  }

  bool typed(const Keywords &k, const Value &v, Sink &out);
  bool type_check(const Json &types, const Value &v, Sink &out);
  bool object_keywords(const Keywords &k, const Value &v, Sink &out);
  bool array_keywords(const Keywords &k, const Value &v, Sink &out);
  bool scalar_keywords(const Keywords &k, const Value &v, Sink &out);
  bool enum_check(const Json &values, const Value &v, bool case_insensitive, Sink &out);
  bool combinator(const char *name, const Json &branches, const Value &v, Sink &out);

  const ResourceType &type_;
  const ValidationOptions &options_;
};

bool Checker::node(const Json &schema, const Value &v, Sink &out) {
  if (schema.is_boolean()) {
    if (!schema.get<bool>()) {
      aws(out, "false schema does not allow " + repr(v));
      violation(out, "false", "False schema does not allow " + repr(v), v.mark());
      return false;
    }
    return true;
  }
  if (!schema.is_object()) {
    return true;
  }
  if (options_.intrinsics_unknown) {
    if (is_known_function(v)) {
      const Value *args = v.find("Fn::If");
      if (args == nullptr || !args->is_array() || args->size() != 3) {
        return true; // unknown until resolved
      }
      bool ok = true;
      for (size_t branch = 1; branch <= 2; ++branch) {
        const Value &b = args->as_array()[branch];
        if (!is_no_value(b)) {
          ok = node(schema, b, out) && ok;
        }
      }
      return ok;
    }
    if (v.is_string() && v.as_string().find("{{resolve:") != std::string::npos) {
      return true;
    }
  }

  Keywords k = scan(schema);
  // everit turns a schema with several kinds of keywords into an allOf of one subschema per
  // kind; AWS's message then says how many of them matched.
  std::vector<Sink> failed;
  int parts = 0;
  auto part = [&](auto &&check) {
    ++parts;
    Sink s;
    if (!check(s)) {
      failed.push_back(std::move(s));
    }
  };
  if (k.ref) {
    part([&](Sink &s) { return node(type_.resolve(schema), v, s); });
  }
  if (k.typed) {
    part([&](Sink &s) { return typed(k, v, s); });
  }
  if (k.enum_ && k.enum_->is_array()) {
    part([&](Sink &s) { return enum_check(*k.enum_, v, false, s); });
  }
  if (k.enum_ci && k.enum_ci->is_array()) {
    part([&](Sink &s) { return enum_check(*k.enum_ci, v, true, s); });
  }
  if (k.const_) {
    part([&](Sink &s) {
      if (loose_equal(v, *k.const_)) {
        return true;
      }
      aws(s, "failed validation constraint for keyword [const]");
      violation(s, "const", repr(*k.const_) + " was expected", v.mark());
      return false;
    });
  }
  if (k.all_of && k.all_of->is_array()) {
    part([&](Sink &s) { return combinator("allOf", *k.all_of, v, s); });
  }
  if (k.any_of && k.any_of->is_array()) {
    size_t failed_before = failed.size();
    part([&](Sink &s) { return combinator("anyOf", *k.any_of, v, s); });
    // A string that already fails the node's own pattern is reported for that alone when the
    // anyOf only offers formats (AWS::Logs::LogGroup KmsKeyId), as cfn-lint reports it.
    if (options_.check_formats && failed.size() > failed_before && k.pattern &&
        k.pattern->is_string() && v.is_scalar() && !v.is_null() &&
        !pattern_search(k.pattern->get<std::string>(), v.scalar_string().value_or("")))
      failed.pop_back();
  }
  if (k.one_of && k.one_of->is_array()) {
    part([&](Sink &s) { return combinator("oneOf", *k.one_of, v, s); });
  }
  if (k.not_ && !(options_.intrinsics_unknown && contains_intrinsic(v))) {
    part([&](Sink &s) {
      Sink ignored;
      if (!node(*k.not_, v, ignored)) {
        return true;
      }
      aws(s, "#: subject must not be valid against schema");
      violation(s, "not", repr(v) + " should not be valid under " + repr(*k.not_), v.mark());
      return false;
    });
  }
  if (k.if_ && (k.then_ || k.else_)) {
    part([&](Sink &s) {
      Sink ignored;
      const Json *branch = node(*k.if_, v, ignored) ? k.then_ : k.else_;
      return branch == nullptr || node(*branch, v, s);
    });
  }
  bool format_ok = true;
  if (options_.check_formats && k.format && k.format->is_string() && v.is_scalar() &&
      !v.is_null()) {
    if (auto failure = check_format(k.format->get<std::string>(), v.scalar_string().value_or(""))) {
      // Not part of everit's allOf: AWS does not check formats, so no AWS-format line.
      out.violations.push_back(
          {"format", path_string(), std::move(failure->message), v.mark(), failure->rule});
      format_ok = false;
    }
  }
  if (failed.empty()) {
    return format_ok;
  }
  if (parts >= 2) {
    aws(out, fmt::format("#: only {} subschema matches out of {}", parts - failed.size(), parts));
  }
  for (auto &f : failed) {
    out.merge(std::move(f));
  }
  return false;
}

bool Checker::combinator(const char *name, const Json &branches, const Value &v, Sink &out) {
  std::vector<Sink> results(branches.size());
  size_t matched = 0;
  for (size_t i = 0; i < branches.size(); ++i) {
    if (node(branches[i], v, results[i])) {
      ++matched;
    }
  }
  std::string_view kind = name;
  size_t total = branches.size();
  if (kind == "allOf") {
    if (matched == total) {
      return true;
    }
    aws(out, fmt::format("#: only {} subschema matches out of {}", matched, total));
    for (auto &r : results) {
      out.merge(std::move(r));
    }
    return false;
  }
  if (kind == "anyOf") {
    if (matched > 0) {
      return true;
    }
    aws(out, fmt::format("#: no subschema matched out of the total {} subschemas", total));
  } else {
    if (matched == 1) {
      return true;
    }
    if (matched > 1) {
      // A value still holding intrinsic functions may fit several branches only until it is
      // resolved: not an error yet.
      if (options_.intrinsics_unknown && contains_intrinsic(v)) {
        return true;
      }
      aws(out, fmt::format("#: {} subschemas matched instead of one", matched));
      violation(out, "oneOf", repr(v) + " is valid under each of " + repr(branches, 300), v.mark());
      return false;
    }
    aws(out, "#: 0 subschemas matched instead of one");
  }
  for (auto &r : results) {
    out.aws.insert(out.aws.end(), r.aws.begin(), r.aws.end());
    // cfn-lint names each format a branch wanted ("'aws/sns' is not a 'AWS::KMS::Key.Arn'...").
    for (auto &violation : r.violations)
      if (violation.keyword == "format")
        out.violations.push_back(std::move(violation));
  }
  violation(out, kind == "anyOf" ? "anyOf" : "oneOf",
            repr(v) + " is not valid under any of the given schemas", v.mark());
  return false;
}

bool Checker::type_check(const Json &types, const Value &v, Sink &out) {
  static const std::unordered_map<std::string_view, const char *> everit = {
      {"string", "String"},   {"number", "Number"},     {"integer", "Number"},
      {"boolean", "Boolean"}, {"object", "JSONObject"}, {"array", "JSONArray"},
      {"null", "Null"}};
  auto expected_name = [](const std::string &t) {
    auto it = everit.find(t);
    return it == everit.end() ? t.c_str() : it->second;
  };
  // "expected type: Number, found: Double" is how everit reports 1.5 for an integer.
  auto found_name = [&](const std::string &t) -> const char * {
    if (t == "integer" && as_number(v) && !v.is_bool()) {
      return "Integer";
    }
    return expected_name(t);
  };
  std::vector<std::string> list;
  if (types.is_string()) {
    list.push_back(types.get<std::string>());
  } else if (types.is_array()) {
    for (const auto &t : types) {
      if (t.is_string()) {
        list.push_back(t.get<std::string>());
      }
    }
  }
  if (list.empty()) {
    return true;
  }
  for (const auto &t : list) {
    if (matches_type(t, v)) {
      return true;
    }
  }
  if (list.size() > 1) {
    aws(out, fmt::format("#: no subschema matched out of the total {} subschemas", list.size()));
  }
  for (const auto &t : list) {
    aws(out, fmt::format("expected type: {}, found: {}", found_name(t), aws_kind_name(v)));
  }
  std::string expected;
  for (const auto &t : list) {
    expected += (expected.empty() ? "'" : ", '") + t + "'";
  }
  violation(out, "type", repr(v) + " is not of type " + expected, v.mark());
  return false;
}

bool Checker::typed(const Keywords &k, const Value &v, Sink &out) {
  if (k.type && !type_check(*k.type, v, out)) {
    return false; // everit stops at the type: the other keywords would only repeat it
  }
  size_t before = out.aws.size() + out.violations.size();
  if (v.is_object()) {
    object_keywords(k, v, out);
  } else if (v.is_array()) {
    array_keywords(k, v, out);
  } else if (!v.is_null()) {
    scalar_keywords(k, v, out);
  }
  return out.aws.size() + out.violations.size() == before;
}

bool Checker::object_keywords(const Keywords &k, const Value &v, Sink &out) {
  const Mark &mark = v.mark();
  if (k.required && k.required->is_array()) {
    for (const auto &r : *k.required) {
      if (!r.is_string()) {
        continue;
      }
      const std::string &name = r.get_ref<const std::string &>();
      if (member_presence(v, name) == Presence::Absent) {
        aws(out, "required key [" + name + "] not found");
        violation(out, "required", "'" + name + "' is a required property", mark);
      }
    }
  }
  const Json *props = k.properties && k.properties->is_object() ? k.properties : nullptr;
  const Json *patterns =
      k.pattern_props && k.pattern_props->is_object() ? k.pattern_props : nullptr;
  for (const auto &m : v.as_object()) {
    bool known = false;
    path.push_back(m.key);
    bool artifact = options_.accept_artifact_paths && m.value.is_string() &&
                    is_artifact_property(type_.name(), path);
    if (props) {
      if (auto it = props->find(m.key); it != props->end()) {
        known = true;
        if (!artifact) {
          node(*it, m.value, out);
        }
      }
    }
    if (patterns) {
      for (const auto &[pattern, sub] : patterns->items()) {
        if (pattern_search(pattern, m.key)) {
          known = true;
          node(sub, m.value, out);
        }
      }
    }
    path.pop_back();
    if (!known && k.additional) {
      if (k.additional->is_boolean() && !k.additional->get<bool>()) {
        aws(out, "extraneous key [" + m.key + "] is not permitted");
        violation(out, "additionalProperties",
                  "Additional properties are not allowed ('" + m.key + "' was unexpected)",
                  m.key_mark.known() ? m.key_mark : m.value.mark(), m.key);
      } else if (k.additional->is_object()) {
        path.push_back(m.key);
        node(*k.additional, m.value, out);
        path.pop_back();
      }
    }
  }
  if (k.min_props && k.min_props->is_number() && v.size() < k.min_props->get<double>()) {
    aws(out, fmt::format("minimum size: [{}], found: [{}]", k.min_props->dump(), v.size()));
    violation(out, "minProperties",
              fmt::format("expected minimum property count: {}, found: {}", k.min_props->dump(),
                          v.size()),
              mark);
  }
  if (k.max_props && k.max_props->is_number() && v.size() > k.max_props->get<double>()) {
    aws(out, fmt::format("maximum size: [{}], found: [{}]", k.max_props->dump(), v.size()));
    violation(out, "maxProperties",
              fmt::format("expected maximum property count: {}, found: {}", k.max_props->dump(),
                          v.size()),
              mark);
  }
  auto required_deps = [&](const Json &deps, const char *keyword, bool everit) {
    for (const auto &[name, list] : deps.items()) {
      if (member_presence(v, name) != Presence::Present) {
        continue;
      }
      if (list.is_array()) {
        for (const auto &d : list) {
          if (d.is_string() && member_presence(v, d.get<std::string>()) == Presence::Absent) {
            aws(out,
                everit ? "property [" + d.get<std::string>() + "] is required"
                       : std::string("failed validation constraint for keyword [") + keyword + "]");
            violation(out, keyword,
                      "'" + d.get<std::string>() + "' is a dependency of '" + name + "'", mark);
          }
        }
      } else if (list.is_object()) {
        node(list, v, out);
      }
    }
  };
  if (k.dependencies && k.dependencies->is_object()) {
    required_deps(*k.dependencies, "dependencies", true);
  }
  if (k.dep_required && k.dep_required->is_object()) {
    required_deps(*k.dep_required, "dependentRequired", false);
  }
  if (k.dep_excluded && k.dep_excluded->is_object()) {
    for (const auto &[name, list] : k.dep_excluded->items()) {
      if (member_presence(v, name) != Presence::Present || !list.is_array()) {
        continue;
      }
      for (const auto &d : list) {
        if (!d.is_string()) {
          continue;
        }
        const std::string &other = d.get_ref<const std::string &>();
        if (member_presence(v, other) == Presence::Present) {
          const Value::Member *member = v.find_member(other);
          aws(out, "failed validation constraint for keyword [dependentExcluded]");
          violation(out, "dependentExcluded",
                    "'" + other + "' should not be included with '" + name + "'",
                    member->key_mark.known() ? member->key_mark : mark, other);
        }
      }
    }
  }
  auto count_present = [&](const Json &names, bool definite) {
    size_t n = 0;
    for (const auto &name : names) {
      if (name.is_string()) {
        Presence p = member_presence(v, name.get<std::string>());
        n += (p == Presence::Present || (!definite && p == Presence::Maybe)) ? 1 : 0;
      }
    }
    return n;
  };
  if (k.required_xor && k.required_xor->is_array()) {
    std::string message = "Only one of " + json_list(*k.required_xor) + " is a required property";
    if (count_present(*k.required_xor, false) == 0) {
      aws(out, "failed validation constraint for keyword [requiredXor]");
      violation(out, "requiredXor", message, mark);
    } else if (count_present(*k.required_xor, true) > 1) {
      aws(out, "failed validation constraint for keyword [requiredXor]");
      for (const auto &name : *k.required_xor) {
        if (name.is_string() && member_presence(v, name.get<std::string>()) == Presence::Present) {
          const Value::Member *member = v.find_member(name.get<std::string>());
          violation(out, "requiredXor", message, member->key_mark.known() ? member->key_mark : mark,
                    member->key);
        }
      }
    }
  }
  if (k.required_or && k.required_or->is_array() && count_present(*k.required_or, false) == 0) {
    aws(out, "failed validation constraint for keyword [requiredOr]");
    violation(out, "requiredOr", "One of " + json_list(*k.required_or) + " is a required property",
              mark);
  }
  return true;
}

bool Checker::array_keywords(const Keywords &k, const Value &v, Sink &out) {
  const auto &items = v.as_array();
  auto each = [&](size_t i, const Json &schema) {
    path.push_back(std::to_string(i));
    node(schema, items[i], out);
    path.pop_back();
  };
  size_t first_free = 0;
  const Json *tuple = k.prefix_items && k.prefix_items->is_array() ? k.prefix_items : nullptr;
  if (!tuple && k.items && k.items->is_array()) {
    tuple = k.items; // draft-04 tuple form
  }
  if (tuple) {
    for (size_t i = 0; i < items.size() && i < tuple->size(); ++i) {
      each(i, (*tuple)[i]);
    }
    first_free = tuple->size();
  }
  if (k.items && k.items->is_object()) {
    for (size_t i = first_free; i < items.size(); ++i) {
      each(i, *k.items);
    }
  }
  size_t definite = 0, possible = 0;
  for (const auto &item : items) {
    Presence p = presence(item);
    definite += p == Presence::Present ? 1 : 0;
    possible += p != Presence::Absent ? 1 : 0;
  }
  if (k.min_items && k.min_items->is_number() && possible < k.min_items->get<double>()) {
    aws(out,
        fmt::format("expected minimum item count: {}, found: {}", k.min_items->dump(), possible));
    violation(
        out, "minItems",
        fmt::format("expected minimum item count: {}, found: {}", k.min_items->dump(), possible),
        v.mark());
  }
  if (k.max_items && k.max_items->is_number() && definite > k.max_items->get<double>()) {
    aws(out,
        fmt::format("expected maximum item count: {}, found: {}", k.max_items->dump(), definite));
    violation(
        out, "maxItems",
        fmt::format("expected maximum item count: {}, found: {}", k.max_items->dump(), definite),
        v.mark());
  }
  auto comparable = [&](const Value &item) {
    return !(options_.intrinsics_unknown && contains_intrinsic(item));
  };
  if (k.unique_items && k.unique_items->is_boolean() && k.unique_items->get<bool>()) {
    bool duplicate = false;
    for (size_t i = 0; i < items.size() && !duplicate; ++i) {
      for (size_t j = i + 1; j < items.size() && !duplicate; ++j) {
        duplicate = comparable(items[i]) && comparable(items[j]) && loose_equal(items[i], items[j]);
      }
    }
    if (duplicate) {
      aws(out, "array items are not unique");
      violation(out, "uniqueItems", repr(v) + " has non-unique elements", v.mark());
    }
  }
  if (k.unique_keys && k.unique_keys->is_array() && !k.unique_keys->empty()) {
    bool duplicate = false;
    auto key_of = [&](const Value &item, std::vector<const Value *> &key) {
      key.clear();
      if (!item.is_object() || !comparable(item)) {
        return false;
      }
      for (const auto &name : *k.unique_keys) {
        key.push_back(name.is_string() ? item.find(name.get<std::string>()) : nullptr);
      }
      return true;
    };
    std::vector<const Value *> a, b;
    for (size_t i = 0; i < items.size() && !duplicate; ++i) {
      if (!key_of(items[i], a)) {
        continue;
      }
      for (size_t j = i + 1; j < items.size() && !duplicate; ++j) {
        if (!key_of(items[j], b)) {
          continue;
        }
        bool same = true;
        for (size_t x = 0; x < a.size() && same; ++x) {
          same = (a[x] == nullptr && b[x] == nullptr) ||
                 (a[x] != nullptr && b[x] != nullptr && loose_equal(*a[x], *b[x]));
        }
        duplicate = same;
      }
    }
    if (duplicate) {
      aws(out, "failed validation constraint for keyword [uniqueKeys]");
      violation(out, "uniqueKeys",
                "array items are not unique for keys " + json_list(*k.unique_keys), v.mark());
    }
  }
  return true;
}

bool Checker::scalar_keywords(const Keywords &k, const Value &v, Sink &out) {
  if (v.is_string()) {
    size_t length = detail::code_points(v.as_string());
    if (k.min_length && k.min_length->is_number() && length < k.min_length->get<double>()) {
      aws(out, fmt::format("expected minLength: {}, actual: {}", k.min_length->dump(), length));
      violation(out, "minLength",
                fmt::format("expected minimum length: {}, found: {}", k.min_length->dump(), length),
                v.mark());
    }
    if (k.max_length && k.max_length->is_number() && length > k.max_length->get<double>()) {
      aws(out, fmt::format("expected maxLength: {}, actual: {}", k.max_length->dump(), length));
      violation(out, "maxLength",
                fmt::format("expected maximum length: {}, found: {}", k.max_length->dump(), length),
                v.mark());
    }
  }
  if (k.pattern && k.pattern->is_string()) {
    auto text = v.scalar_string();
    const std::string &pattern = k.pattern->get_ref<const std::string &>();
    if (text && !pattern_search(pattern, *text)) {
      scrubbed(out, "pattern", repr(v) + " does not match " + repr(*k.pattern), v.mark());
    }
  }
  auto number = as_number(v);
  if (!number || v.is_bool()) {
    return true;
  }
  double x = *number;
  auto bound = [](const Json *j) { return j && j->is_number() ? j->get<double>() : NAN; };
  bool ex_min_flag = k.ex_minimum && k.ex_minimum->is_boolean() && k.ex_minimum->get<bool>();
  bool ex_max_flag = k.ex_maximum && k.ex_maximum->is_boolean() && k.ex_maximum->get<bool>();
  if (double m = bound(k.minimum); !std::isnan(m) && (x < m || (ex_min_flag && x == m))) {
    scrubbed(out, "minimum",
             fmt::format("{} is less than the minimum of {}", repr(v), k.minimum->dump()),
             v.mark());
  }
  if (double m = bound(k.maximum); !std::isnan(m) && (x > m || (ex_max_flag && x == m))) {
    scrubbed(out, "maximum",
             fmt::format("{} is greater than the maximum of {}", repr(v), k.maximum->dump()),
             v.mark());
  }
  if (double m = bound(k.ex_minimum); !std::isnan(m) && x <= m) {
    scrubbed(
        out, "exclusiveMinimum",
        fmt::format("{} is less than or equal to the minimum of {}", repr(v), k.ex_minimum->dump()),
        v.mark());
  }
  if (double m = bound(k.ex_maximum); !std::isnan(m) && x >= m) {
    scrubbed(out, "exclusiveMaximum",
             fmt::format("{} is greater than or equal to the maximum of {}", repr(v),
                         k.ex_maximum->dump()),
             v.mark());
  }
  if (double m = bound(k.multiple_of); !std::isnan(m) && m > 0) {
    double q = x / m;
    if (std::fabs(q - std::round(q)) > 1e-9) {
      scrubbed(out, "multipleOf",
               fmt::format("{} is not a multiple of {}", repr(v), k.multiple_of->dump()), v.mark());
    }
  }
  return true;
}

bool Checker::enum_check(const Json &values, const Value &v, bool case_insensitive, Sink &out) {
  auto lower = [](std::string s) {
    for (char &c : s) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return s;
  };
  for (const auto &e : values) {
    if (case_insensitive && e.is_string() && v.is_scalar() && !v.is_null()) {
      if (lower(*v.scalar_string()) == lower(e.get<std::string>())) {
        return true;
      }
    } else if (loose_equal(v, e)) {
      return true;
    }
  }
  const char *keyword = case_insensitive ? "enumCaseInsensitive" : "enum";
  aws(out, std::string("failed validation constraint for keyword [") + keyword + "]");
  violation(out, keyword,
            repr(v) + " is not one of " + repr(values, 400) +
                (case_insensitive ? " (case-insensitive)" : ""),
            v.mark());
  return false;
}

void Checker::read_only(const Value &properties, Sink &out) {
  for (const auto &segments : type_.read_only_paths()) {
    // Walk every instance node the pointer names ("*" is each array item).
    struct Step {
      const Value *value;
      std::string path;
    };
    std::vector<Step> frontier{{&properties, ""}};
    for (size_t i = 0; i < segments.size() && !frontier.empty(); ++i) {
      std::vector<Step> next;
      bool last = i + 1 == segments.size();
      for (const auto &step : frontier) {
        const Value &node = *step.value;
        std::string prefix = step.path.empty() ? "" : step.path + "/";
        if (segments[i] == "*" && node.is_array()) {
          for (size_t j = 0; j < node.size(); ++j) {
            next.push_back({&node.as_array()[j], prefix + std::to_string(j)});
          }
        } else if (node.is_object() && !is_intrinsic(node)) {
          if (const Value::Member *m = node.find_member(segments[i])) {
            if (last && presence(m->value) != Presence::Absent) {
              out.violations.push_back({"readOnly", prefix + m->key,
                                        "Read only properties are not allowed ('" + m->key + "')",
                                        m->key_mark.known() ? m->key_mark : m->value.mark(),
                                        rule_for("readOnly")});
            } else {
              next.push_back({&m->value, prefix + m->key});
            }
          }
        }
      }
      frontier = std::move(next);
    }
  }
}

} // namespace

bool is_intrinsic(const Value &value) {
  auto key = value.single_key();
  return key && (*key == "Ref" || *key == "Condition" || key->starts_with("Fn::"));
}

ValidationResult validate_properties(const ResourceType &type, const Value &properties,
                                     const ValidationOptions &options) {
  static const Value empty = Value::object();
  const Value &props = properties.is_null() ? empty : properties;
  Checker checker(type, options);
  Sink sink;
  checker.node(type.schema(), props, sink);
  if (options.report_read_only && props.is_object()) {
    checker.read_only(props, sink);
  }
  return {std::move(sink.violations), std::move(sink.aws)};
}

ValidationResult validate_value(const ResourceType &type, const Json &subschema, const Value &value,
                                const ValidationOptions &options, std::string_view path) {
  Checker checker(type, options);
  if (!path.empty()) {
    checker.path = split_pointer(std::string("/") + std::string(path));
  }
  Sink sink;
  checker.node(subschema, value, sink);
  return {std::move(sink.violations), std::move(sink.aws)};
}

} // namespace cfnlocal::schema
