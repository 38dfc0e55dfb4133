#include "parser/json.h"

#include "parser/diagnostic.h"

#include <cmath>

namespace cfnlocal {

Json to_json(const Value &value) {
  switch (value.kind()) {
  case Value::Kind::Null:
    return nullptr;
  case Value::Kind::Bool:
    return value.as_bool();
  case Value::Kind::Number: {
    double d = value.as_number();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18) {
      // Keep the integer spelling unless the text says it is a float ("1.0" stays 1.0).
      const std::string &text = value.as_number_value().text;
      if (text.find_first_of(".eE") == std::string::npos)
        return static_cast<int64_t>(d);
    }
    if (!std::isfinite(d))
      return value.as_number_value().text; // JSON has no infinity
    return d;
  }
  case Value::Kind::String:
    return value.as_string();
  case Value::Kind::Array: {
    Json out = Json::array();
    for (const auto &item : value.as_array())
      out.push_back(to_json(item));
    return out;
  }
  case Value::Kind::Object: {
    Json out = Json::object();
    for (const auto &m : value.as_object())
      out[m.key] = to_json(m.value);
    return out;
  }
  }
  return nullptr;
}

Value from_json(const Json &json, const Mark &mark) {
  Value v;
  switch (json.type()) {
  case Json::value_t::null:
  case Json::value_t::discarded:
    break;
  case Json::value_t::boolean:
    v = Value(json.get<bool>());
    break;
  case Json::value_t::number_integer:
    v = Value(json.get<int64_t>());
    break;
  case Json::value_t::number_unsigned:
    v = Value::number(static_cast<double>(json.get<uint64_t>()),
                      std::to_string(json.get<uint64_t>()));
    break;
  case Json::value_t::number_float:
    v = Value::number(json.get<double>(), json.dump());
    break;
  case Json::value_t::string:
    v = Value(json.get<std::string>());
    break;
  case Json::value_t::array: {
    Value::Array items;
    items.reserve(json.size());
    for (const auto &item : json)
      items.push_back(from_json(item, mark));
    v = Value(std::move(items));
    break;
  }
  case Json::value_t::object: {
    Value::Object members;
    members.reserve(json.size());
    for (auto it = json.begin(); it != json.end(); ++it)
      members.push_back(Value::Member{it.key(), from_json(it.value(), mark), mark});
    v = Value(std::move(members));
    break;
  }
  case Json::value_t::binary:
    break;
  }
  v.set_mark(mark);
  return v;
}

std::string dump_json(const Value &value, int indent) {
  return to_json(value).dump(indent, ' ', false, Json::error_handler_t::replace);
}

Value parse_json(std::string_view text, const std::string &file) {
  try {
    return from_json(Json::parse(text), Mark{std::make_shared<const std::string>(file), 0, 0});
  } catch (const Json::parse_error &e) {
    throw Error(e.what(), Mark{std::make_shared<const std::string>(file), 0, 0});
  }
}

} // namespace cfnlocal
