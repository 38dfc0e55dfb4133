#include "parser/reader.h"

#include "parser/diagnostic.h"
#include "parser/json_reader.h"

#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <unordered_set>
#include <yaml-cpp/yaml.h>

namespace cfnlocal {

namespace {

Mark mark_of(const YAML::Mark &m, const std::shared_ptr<const std::string> &file) {
  if (m.is_null())
    return Mark{file, 0, 0};
  return Mark{file, m.line + 1, m.column + 1};
}

// YAML 1.2 core schema resolution of plain scalars.
bool is_null_scalar(const std::string &s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::optional<bool> bool_scalar(const std::string &s) {
  if (s == "true" || s == "True" || s == "TRUE")
    return true;
  if (s == "false" || s == "False" || s == "FALSE")
    return false;
  return std::nullopt;
}

bool all_digits(std::string_view s, bool (*ok)(char)) {
  if (s.empty())
    return false;
  for (char c : s)
    if (!ok(c))
      return false;
  return true;
}
bool is_dec(char c) { return c >= '0' && c <= '9'; }
bool is_oct(char c) { return c >= '0' && c <= '7'; }
bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool is_decimal(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+'))
    ++i;
  size_t int_start = i;
  while (i < s.size() && is_dec(s[i]))
    ++i;
  bool has_int = i > int_start;
  bool has_frac = false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t frac_start = i;
    while (i < s.size() && is_dec(s[i]))
      ++i;
    has_frac = i > frac_start;
  }
  if (!has_int && !has_frac)
    return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+'))
      ++i;
    size_t exp_start = i;
    while (i < s.size() && is_dec(s[i]))
      ++i;
    if (i == exp_start)
      return false;
  }
  return i == s.size();
}

std::optional<double> number_scalar(const std::string &s) {
  if (s.empty() || s.size() > 64)
    return std::nullopt;
  if (is_decimal(s))
    return std::strtod(s.c_str(), nullptr);
  std::string_view v(s);
  if (v.substr(0, 2) == "0o" && all_digits(v.substr(2), is_oct))
    return static_cast<double>(std::stoull(s.substr(2), nullptr, 8));
  if (v.substr(0, 2) == "0x" && all_digits(v.substr(2), is_hex))
    return static_cast<double>(std::stoull(s.substr(2), nullptr, 16));
  if (s == ".inf" || s == "+.inf" || s == ".Inf" || s == "+.Inf")
    return INFINITY;
  if (s == "-.inf" || s == "-.Inf")
    return -INFINITY;
  return std::nullopt;
}

class Converter {
public:
  explicit Converter(std::shared_ptr<const std::string> file) : file_(std::move(file)) {}

  Value convert(const YAML::Node &node) {
    Mark mark = mark_of(node.Mark(), file_);
    const std::string &tag = node.Tag();
    if (!tag.empty() && tag != "?" && tag != "!" && tag.rfind("tag:yaml.org,2002:", 0) != 0)
      return short_form(node, tag, mark);
    Value v = plain(node, mark);
    v.set_mark(mark);
    return v;
  }

private:
  Value plain(const YAML::Node &node, const Mark &mark) {
    switch (node.Type()) {
    case YAML::NodeType::Null:
      return Value();
    case YAML::NodeType::Undefined:
      return Value();
    case YAML::NodeType::Scalar:
      return scalar(node);
    case YAML::NodeType::Sequence: {
      Value::Array items;
      items.reserve(node.size());
      for (const auto &item : node)
        items.push_back(convert(item));
      return Value(std::move(items));
    }
    case YAML::NodeType::Map: {
      Value::Object members;
      members.reserve(node.size());
      std::unordered_set<std::string> seen;
      for (const auto &kv : node) {
        Mark key_mark = mark_of(kv.first.Mark(), file_);
        if (!kv.first.IsScalar())
          throw Error("mapping keys must be scalars", key_mark);
        std::string key = kv.first.Scalar();
        if (!seen.insert(key).second)
          throw Error(fmt::format("duplicate key '{}'", key), key_mark);
        members.push_back(Value::Member{std::move(key), convert(kv.second), key_mark});
      }
      return Value(std::move(members));
    }
    }
    return Value();
  }

  Value scalar(const YAML::Node &node) {
    const std::string &s = node.Scalar();
    if (node.Tag() == "!")
      return Value(s); // quoted: always a string
    const std::string &tag = node.Tag();
    if (tag == "tag:yaml.org,2002:str")
      return Value(s);
    if (is_null_scalar(s))
      return Value();
    if (auto b = bool_scalar(s))
      return Value(*b);
    if (auto n = number_scalar(s))
      return Value::number(*n, s);
    return Value(s);
  }

  Value short_form(const YAML::Node &node, const std::string &tag, const Mark &mark) {
    std::string name = tag.substr(tag[0] == '!' ? 1 : 0);
    static const std::unordered_set<std::string> known = {
        "Ref",      "Condition",        "GetAtt",       "Sub",    "Join",    "Select",
        "Split",    "FindInMap",        "Base64",       "Cidr",   "GetAZs",  "ImportValue",
        "If",       "Equals",           "And",          "Or",     "Not",     "Transform",
        "Contains", "EachMemberEquals", "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll",
        "Length",   "ToJsonString",     "ForEach"};
    if (!known.count(name))
      throw Error(fmt::format("unknown tag '{}'", tag), mark);
    Value argument;
    if (name == "GetAtt" && node.IsScalar()) {
      // !GetAtt Resource.Attribute: split at the first dot; nested-stack outputs keep their dots.
      const std::string &s = node.Scalar();
      auto dot = s.find('.');
      if (dot == std::string::npos)
        throw Error(fmt::format("!GetAtt '{}' must be written as Resource.Attribute", s), mark);
      Value::Array parts{Value(s.substr(0, dot)).with_mark(mark),
                         Value(s.substr(dot + 1)).with_mark(mark)};
      argument = Value(std::move(parts)).with_mark(mark);
    } else if (node.IsScalar()) {
      // Tagged scalars keep the string as written: `!Ref 123` names "123", `!Base64 true` is text.
      argument = Value(node.Scalar()).with_mark(mark);
    } else {
      argument = plain(node, mark).with_mark(mark);
    }
    std::string key = (name == "Ref" || name == "Condition") ? name : "Fn::" + name;
    Value::Object call;
    call.push_back(Value::Member{std::move(key), std::move(argument), mark});
    return Value(std::move(call)).with_mark(mark);
  }

  std::shared_ptr<const std::string> file_;
};

} // namespace

Value detail::read_yaml_document(std::string_view text,
                                 const std::shared_ptr<const std::string> &file_ptr) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception &e) {
    throw Error(e.msg, mark_of(e.mark, file_ptr));
  }
  if (!root.IsDefined() || root.IsNull())
    throw Error("the document is empty", Mark{file_ptr, 1, 1});
  return Converter(file_ptr).convert(root);
}

Value read_document(std::string_view text, const std::string &file) {
  auto file_ptr = std::make_shared<const std::string>(file);
  if (auto json = detail::read_strict_json(text, file_ptr))
    return std::move(*json);
  return detail::read_yaml_document(text, file_ptr);
}

std::string read_file_text(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(fmt::format("cannot read '{}': {}", path, std::strerror(errno)),
                Mark{std::make_shared<const std::string>(path), 0, 0});
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Value read_document_file(const std::string &path) {
  return read_document(read_file_text(path), path);
}

} // namespace cfnlocal
