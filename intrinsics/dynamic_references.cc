#include "intrinsics/dynamic_references.h"

#include "intrinsics/functions.h"
#include "parser/diagnostic.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace cfnlocal::intrinsics {

namespace {
constexpr std::string_view kOpen = "{{resolve:";

std::vector<std::string> split_colons(std::string_view s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (true) {
    size_t c = s.find(':', pos);
    out.emplace_back(s.substr(pos, c == std::string_view::npos ? s.npos : c - pos));
    if (c == std::string_view::npos)
      return out;
    pos = c + 1;
  }
}

bool all_digits(std::string_view s) {
  if (s.empty())
    return false;
  for (char c : s)
    if (c < '0' || c > '9')
      return false;
  return true;
}

[[noreturn]] void bad(const std::string &ref, const std::string &why, const Mark &mark) {
  throw Error("Template format error: invalid dynamic reference " + ref + ": " + why, mark);
}

void parse_ssm(DynamicReference &r, std::string_view rest, const Mark &mark) {
  std::string_view name = rest;
  size_t colon = rest.rfind(':');
  // An ARN has colons of its own; a version is the last segment only when it is all digits.
  if (colon != std::string_view::npos) {
    std::string_view last = rest.substr(colon + 1);
    bool arn = rest.substr(0, 4) == "arn:";
    if (all_digits(last)) {
      name = rest.substr(0, colon);
      int64_t v = 0;
      std::from_chars(last.data(), last.data() + last.size(), v);
      if (v < 1)
        bad(r.text, "the version must be a positive integer", mark);
      r.version = v;
    } else if (!arn) {
      bad(r.text, "the version '" + std::string(last) + "' must be a positive integer", mark);
    }
  }
  if (name.empty())
    bad(r.text, "the parameter name is empty", mark);
  r.parameter_name = std::string(name);
}

void parse_secret(DynamicReference &r, std::string_view rest, const Mark &mark) {
  auto parts = split_colons(rest);
  size_t id_parts = 1;
  // arn:partition:secretsmanager:region:account:secret:name
  if (!parts.empty() && parts[0] == "arn")
    id_parts = 7;
  if (parts.size() < id_parts)
    bad(r.text, "the secret ARN is incomplete", mark);
  for (size_t i = 0; i < id_parts; ++i)
    r.secret_id += (i ? ":" : "") + parts[i];
  if (r.secret_id.empty())
    bad(r.text, "the secret id is empty", mark);
  std::vector<std::string> tail(parts.begin() + static_cast<long>(id_parts), parts.end());
  if (tail.size() > 4)
    bad(r.text,
        "too many segments (expected secret-id:SecretString:json-key:version-stage:"
        "version-id)",
        mark);
  if (!tail.empty() && !tail[0].empty() && tail[0] != "SecretString")
    bad(r.text, "SecretString is the only supported secret-string value (found '" + tail[0] + "')",
        mark);
  if (tail.size() > 1)
    r.json_key = tail[1];
  if (tail.size() > 2)
    r.selector.version_stage = tail[2];
  if (tail.size() > 3)
    r.selector.version_id = tail[3];
  if (!r.selector.version_stage.empty() && !r.selector.version_id.empty())
    bad(r.text, "specify either a version stage or a version id, not both", mark);
}
} // namespace

bool has_dynamic_reference(std::string_view text) { return text.find(kOpen) != text.npos; }

std::vector<DynamicReference> parse_dynamic_references(std::string_view text, const Mark &mark) {
  std::vector<DynamicReference> out;
  size_t pos = 0;
  while ((pos = text.find(kOpen, pos)) != std::string_view::npos) {
    size_t close = text.find("}}", pos + kOpen.size());
    if (close == std::string_view::npos)
      bad(std::string(text.substr(pos, 40)), "no closing '}}'", mark);
    DynamicReference r;
    r.begin = pos;
    r.end = close + 2;
    r.text = std::string(text.substr(pos, r.end - pos));
    std::string_view body = text.substr(pos + kOpen.size(), close - pos - kOpen.size());
    size_t colon = body.find(':');
    r.service = std::string(body.substr(0, colon));
    std::string_view rest =
        colon == std::string_view::npos ? std::string_view() : body.substr(colon + 1);
    if (r.service == "ssm" || r.service == "ssm-secure")
      parse_ssm(r, rest, mark);
    else if (r.service == "secretsmanager")
      parse_secret(r, rest, mark);
    else
      bad(r.text,
          "unknown service '" + r.service + "' (expected ssm, ssm-secure or secretsmanager)", mark);
    pos = r.end;
    out.push_back(std::move(r));
  }
  return out;
}

std::string resolve_dynamic_references(std::string_view text, Lookup &lookup, const Mark &mark) {
  auto refs = parse_dynamic_references(text, mark);
  if (refs.empty())
    return std::string(text);
  std::string out;
  size_t pos = 0;
  for (const auto &r : refs) {
    out.append(text.substr(pos, r.begin - pos));
    pos = r.end;
    try {
      if (r.service == "secretsmanager") {
        auto answer = lookup.secret_string(r.secret_id, r.selector);
        if (answer.status == Answer<std::string>::Status::Unknown) {
          out += r.text;
          continue;
        }
        if (!answer.is_found())
          throw Error("Secrets Manager can't find the specified secret: " + r.secret_id, mark);
        if (r.json_key.empty()) {
          out += answer.value;
          continue;
        }
        auto json = nlohmann::json::parse(answer.value, nullptr, false);
        if (json.is_discarded() || !json.is_object())
          throw Error("Could not parse SecretString JSON of secret " + r.secret_id +
                          " to read key " + r.json_key,
                      mark);
        auto it = json.find(r.json_key);
        if (it == json.end())
          throw Error("Secrets Manager can't find the specified key " + r.json_key + " in secret " +
                          r.secret_id,
                      mark);
        out += it->is_string() ? it->get<std::string>() : it->dump();
      } else {
        auto answer = lookup.ssm_parameter(r.parameter_name, r.version);
        if (answer.status == Answer<SsmParameter>::Status::Unknown) {
          out += r.text;
          continue;
        }
        std::string shown = r.service + ":" + r.parameter_name +
                            (r.version ? ":" + std::to_string(*r.version) : "");
        if (!answer.is_found())
          throw Error("Parameters: [" + shown + "] cannot be found.", mark);
        if (r.service == "ssm" && answer.value.type == "SecureString")
          throw Error("Parameter " + r.parameter_name +
                          " is a SecureString; reference it with {{resolve:ssm-secure:...}}",
                      mark);
        out += answer.value.value;
      }
    } catch (const LookupError &e) {
      throw Error(e.what(), mark);
    }
  }
  out.append(text.substr(pos));
  return out;
}

void resolve_dynamic_references(Value &value, Lookup &lookup) {
  switch (value.kind()) {
  case Value::Kind::String:
    if (has_dynamic_reference(value.as_string()))
      value = Value(resolve_dynamic_references(value.as_string(), lookup, value.mark()))
                  .with_mark(value.mark());
    return;
  case Value::Kind::Array:
    for (auto &item : value.as_array())
      resolve_dynamic_references(item, lookup);
    return;
  case Value::Kind::Object:
    if (function_name(value))
      return;
    for (auto &m : value.as_object())
      resolve_dynamic_references(m.value, lookup);
    return;
  default:
    return;
  }
}

} // namespace cfnlocal::intrinsics
