#include "parser/yaml_writer.h"

#include <yaml-cpp/yaml.h>

namespace cfnlocal {

namespace {
void emit(YAML::Emitter &out, const Value &v) {
  switch (v.kind()) {
  case Value::Kind::Null:
    out << YAML::Null;
    break;
  case Value::Kind::Bool:
    out << v.as_bool();
    break;
  case Value::Kind::Number:
    out << v.as_number_value().text;
    break;
  case Value::Kind::String: {
    const std::string &s = v.as_string();
    // Quote strings that a YAML reader would otherwise take for another type.
    bool ambiguous = s.empty() || s == "~" || s == "null" || s == "true" || s == "false" ||
                     s == "True" || s == "False" || s == "yes" || s == "no" ||
                     s.find_first_not_of("0123456789.-+eE") == std::string::npos;
    if (ambiguous)
      out << YAML::DoubleQuoted << s;
    else
      out << s;
    break;
  }
  case Value::Kind::Array:
    out << YAML::BeginSeq;
    for (const auto &item : v.as_array())
      emit(out, item);
    out << YAML::EndSeq;
    break;
  case Value::Kind::Object:
    out << YAML::BeginMap;
    for (const auto &m : v.as_object()) {
      out << YAML::Key << m.key << YAML::Value;
      emit(out, m.value);
    }
    out << YAML::EndMap;
    break;
  }
}
} // namespace

std::string dump_yaml(const Value &value) {
  YAML::Emitter out;
  emit(out, value);
  return std::string(out.c_str()) + "\n";
}

} // namespace cfnlocal
