#include "state/codec.h"

namespace cfnlocal::state::codec {

namespace {
std::string str(const Json &j, const char *key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
} // namespace

std::string encode(const std::vector<StackParameter> &parameters) {
  Json out = Json::array();
  for (const auto &p : parameters) {
    Json j = {{"ParameterKey", p.key}, {"ParameterValue", p.value}};
    if (p.resolved_value)
      j["ResolvedValue"] = *p.resolved_value;
    if (p.no_echo)
      j["NoEcho"] = true;
    out.push_back(std::move(j));
  }
  return out.dump();
}

std::vector<StackParameter> decode_parameters(const std::string &text) {
  std::vector<StackParameter> out;
  for (const auto &j : decode_json(text)) {
    StackParameter p{str(j, "ParameterKey"), str(j, "ParameterValue"), std::nullopt,
                     j.value("NoEcho", false)};
    if (j.contains("ResolvedValue"))
      p.resolved_value = str(j, "ResolvedValue");
    out.push_back(std::move(p));
  }
  return out;
}

std::string encode(const std::vector<std::string> &strings) { return Json(strings).dump(); }

std::vector<std::string> decode_strings(const std::string &text) {
  std::vector<std::string> out;
  for (const auto &j : decode_json(text))
    out.push_back(j.get<std::string>());
  return out;
}

std::string encode(const std::vector<Tag> &tags) {
  Json out = Json::array();
  for (const auto &t : tags)
    out.push_back({{"Key", t.key}, {"Value", t.value}});
  return out.dump();
}

std::vector<Tag> decode_tags(const std::string &text) {
  std::vector<Tag> out;
  for (const auto &j : decode_json(text))
    out.push_back({str(j, "Key"), str(j, "Value")});
  return out;
}

std::string encode(const std::vector<StackOutput> &outputs) {
  Json out = Json::array();
  for (const auto &o : outputs) {
    Json j = {{"OutputKey", o.key}, {"OutputValue", o.value}};
    if (!o.description.empty())
      j["Description"] = o.description;
    if (!o.export_name.empty())
      j["ExportName"] = o.export_name;
    out.push_back(std::move(j));
  }
  return out.dump();
}

std::vector<StackOutput> decode_outputs(const std::string &text) {
  std::vector<StackOutput> out;
  for (const auto &j : decode_json(text))
    out.push_back(
        {str(j, "OutputKey"), str(j, "OutputValue"), str(j, "Description"), str(j, "ExportName")});
  return out;
}

Json decode_json(const std::string &text) {
  if (text.empty())
    return Json();
  return Json::parse(text);
}

} // namespace cfnlocal::state::codec
