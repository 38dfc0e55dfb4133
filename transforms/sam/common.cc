#include "transforms/sam/common.h"

#include <openssl/sha.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cfnlocal::transforms::sam {

bool is_intrinsic(const Json &v) {
  if (!v.is_object() || v.size() != 1)
    return false;
  const std::string &k = v.begin().key();
  return k == "Ref" || k == "Condition" || k.rfind("Fn::", 0) == 0;
}

bool is_ref(const Json &v) { return v.is_object() && v.size() == 1 && v.contains("Ref"); }

Json make_ref(std::string_view id) { return Json{{"Ref", std::string(id)}}; }
Json make_getatt(std::string_view id, std::string_view attribute) {
  return Json{{"Fn::GetAtt", Json::array({std::string(id), std::string(attribute)})}};
}
Json make_sub(std::string_view text) { return Json{{"Fn::Sub", std::string(text)}}; }
Json make_sub(std::string_view text, Json variables) {
  return Json{{"Fn::Sub", Json::array({std::string(text), std::move(variables)})}};
}

std::string python_type_name(const Json &v) {
  switch (v.type()) {
  case Json::value_t::object:
    return "dict";
  case Json::value_t::array:
    return "list";
  case Json::value_t::string:
    return "str";
  case Json::value_t::boolean:
    return "bool";
  case Json::value_t::number_integer:
  case Json::value_t::number_unsigned:
    return "int";
  case Json::value_t::number_float:
    return "float";
  case Json::value_t::null:
    return "NoneType";
  default:
    return "object";
  }
}

const Json &get(const Json &obj, std::string_view key) {
  static const Json null_json;
  if (!obj.is_object())
    return null_json;
  auto it = obj.find(std::string(key));
  return it == obj.end() ? null_json : *it;
}

bool has(const Json &obj, std::string_view key) {
  return obj.is_object() && obj.find(std::string(key)) != obj.end();
}

namespace {

void py_string(std::string &out, const std::string &s, bool json_style) {
  char quote = '"';
  if (!json_style) {
    bool has_single = s.find('\'') != std::string::npos,
         has_double = s.find('"') != std::string::npos;
    quote = (has_single && !has_double) ? '"' : '\'';
  }
  out += quote;
  // Decode UTF-8 so non-ASCII is escaped as Python's json.dumps(ensure_ascii=True) does.
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    uint32_t cp = c;
    size_t len = 1;
    if (c >= 0xF0 && i + 3 < s.size() + 0) {
      cp = ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
           (s[i + 3] & 0x3F);
      len = 4;
    } else if (c >= 0xE0 && i + 2 < s.size()) {
      cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      len = 3;
    } else if (c >= 0xC0 && i + 1 < s.size()) {
      cp = ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
      len = 2;
    }
    i += len;
    char buf[16];
    if (cp == static_cast<uint32_t>(quote) || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || (json_style && cp >= 0x7F)) {
      if (cp >= 0x10000) {
        uint32_t v = cp - 0x10000;
        std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
      } else {
        std::snprintf(buf, sizeof buf, json_style ? "\\u%04x" : "\\x%02x", cp);
      }
      out += buf;
    } else {
      out.append(s, i - len, len);
    }
  }
  out += quote;
}

std::string py_float(double d) {
  if (std::isnan(d))
    return "NaN";
  if (std::isinf(d))
    return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, d);
    if (std::strtod(buf, nullptr) == d)
      break;
  }
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos)
    s += ".0";
  return s;
}

void dump(std::string &out, const Json &v, bool sort_keys, bool json_style, const char *item_sep,
          const char *key_sep) {
  switch (v.type()) {
  case Json::value_t::object: {
    std::vector<std::pair<const std::string *, const Json *>> items;
    for (auto it = v.begin(); it != v.end(); ++it)
      items.emplace_back(&it.key(), &it.value());
    if (sort_keys)
      std::stable_sort(items.begin(), items.end(),
                       [](const auto &a, const auto &b) { return *a.first < *b.first; });
    out += '{';
    bool first = true;
    for (auto &[k, x] : items) {
      if (!first)
        out += item_sep;
      first = false;
      py_string(out, *k, json_style);
      out += key_sep;
      dump(out, *x, sort_keys, json_style, item_sep, key_sep);
    }
    out += '}';
    break;
  }
  case Json::value_t::array: {
    out += '[';
    bool first = true;
    for (const auto &x : v) {
      if (!first)
        out += item_sep;
      first = false;
      dump(out, x, sort_keys, json_style, item_sep, key_sep);
    }
    out += ']';
    break;
  }
  case Json::value_t::string:
    py_string(out, v.get_ref<const std::string &>(), json_style);
    break;
  case Json::value_t::boolean:
    out += json_style ? (v.get<bool>() ? "true" : "false") : (v.get<bool>() ? "True" : "False");
    break;
  case Json::value_t::null:
    out += json_style ? "null" : "None";
    break;
  case Json::value_t::number_float:
    out += py_float(v.get<double>());
    break;
  default:
    out += v.dump();
    break;
  }
}

} // namespace

std::string python_json(const Json &v, bool sort_keys) {
  std::string out;
  dump(out, v, sort_keys, true, ", ", ": ");
  return out;
}

std::string logical_id_hash(const Json &data) {
  std::string text;
  if (data.is_string())
    text = data.get<std::string>();
  else
    dump(text, data, true, true, ",", ":");
  return sha1_hex(text).substr(0, 10);
}

std::string python_repr(const Json &v) {
  std::string out;
  dump(out, v, false, false, ", ", ": ");
  return out;
}

std::string sha1_hex(std::string_view text) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char *>(text.data()), text.size(), digest);
  static const char *hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : digest) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

bool is_alnum_id(std::string_view id) {
  return !id.empty() &&
         std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c); });
}

} // namespace cfnlocal::transforms::sam

namespace cfnlocal::transforms::sam {

namespace {
void dump_indent(std::string &out, const Json &v, int indent, int level) {
  std::string pad(static_cast<size_t>(indent * (level + 1)), ' '),
      close_pad(static_cast<size_t>(indent * level), ' ');
  if (v.is_object() && !v.empty()) {
    std::vector<std::pair<std::string, const Json *>> items;
    for (auto it = v.begin(); it != v.end(); ++it)
      items.emplace_back(it.key(), &it.value());
    std::stable_sort(items.begin(), items.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    out += "{\n";
    for (size_t i = 0; i < items.size(); ++i) {
      out += pad + python_json(Json(items[i].first), false) + ": ";
      dump_indent(out, *items[i].second, indent, level + 1);
      out += i + 1 < items.size() ? ",\n" : "\n";
    }
    out += close_pad + "}";
  } else if (v.is_array() && !v.empty()) {
    out += "[\n";
    for (size_t i = 0; i < v.size(); ++i) {
      out += pad;
      dump_indent(out, v[i], indent, level + 1);
      out += i + 1 < v.size() ? ",\n" : "\n";
    }
    out += close_pad + "]";
  } else {
    out += python_json(v, true);
  }
}
} // namespace

bool same_json(const Json &a, const Json &b) {
  return python_json(a, true) == python_json(b, true);
}

std::string python_json_indented(const Json &v, int indent) {
  std::string out;
  dump_indent(out, v, indent, 0);
  return out;
}

} // namespace cfnlocal::transforms::sam
