#include "providers/cloudcontrol_store.h"

#include "parser/json.h"

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "cloudcontrol";

// A Cloud Control ProgressEvent that reports failure becomes the service error it stands for.
void throw_if_failed(const Json &response) {
  auto it = response.find("ProgressEvent");
  if (it == response.end() || !it->is_object())
    return;
  std::string status = it->value("OperationStatus", "SUCCESS");
  if (status != "FAILED")
    return;
  std::string code = it->value("ErrorCode", "GeneralServiceException");
  throw services::ServiceError(code + (code.ends_with("Exception") ? "" : "Exception"),
                               it->value("StatusMessage", "the operation failed"));
}

std::string escape_pointer(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

} // namespace

std::string CloudControlStore::create(std::string_view type_name, std::string_view identifier,
                                      const Value &model, std::string_view client_token) {
  Json input{
      {"TypeName", type_name}, {"DesiredState", dump_json(model, -1)}, {"Identifier", identifier}};
  if (!client_token.empty())
    input["ClientToken"] = client_token;
  Json response = backend_.call(kService, "CreateResource", input);
  throw_if_failed(response);
  if (auto it = response.find("ProgressEvent"); it != response.end() && it->is_object())
    if (auto id = it->find("Identifier");
        id != it->end() && id->is_string() && !id->get<std::string>().empty())
      return id->get<std::string>();
  return std::string(identifier);
}

std::optional<Value> CloudControlStore::get(std::string_view type_name,
                                            std::string_view identifier) {
  Json response;
  try {
    response = backend_.call(kService, "GetResource",
                             Json{{"TypeName", type_name}, {"Identifier", identifier}});
  } catch (const services::ServiceError &e) {
    if (e.code() == "ResourceNotFoundException")
      return std::nullopt;
    throw;
  }
  auto desc = response.find("ResourceDescription");
  if (desc == response.end() || !desc->is_object())
    return std::nullopt;
  auto props = desc->find("Properties");
  if (props == desc->end())
    return Value::object();
  if (props->is_string())
    return parse_json(props->get<std::string>());
  return from_json(*props);
}

Json CloudControlStore::patch(const Value &from, const Value &to) {
  Json ops = Json::array();
  if (from.is_object())
    for (const auto &m : from.as_object())
      if (!to.find(m.key))
        ops.push_back(Json{{"op", "remove"}, {"path", "/" + escape_pointer(m.key)}});
  if (to.is_object())
    for (const auto &m : to.as_object()) {
      const Value *old = from.is_object() ? from.find(m.key) : nullptr;
      if (old && *old == m.value)
        continue;
      ops.push_back(Json{{"op", old ? "replace" : "add"},
                         {"path", "/" + escape_pointer(m.key)},
                         {"value", to_json(m.value)}});
    }
  return ops;
}

void CloudControlStore::update(std::string_view type_name, std::string_view identifier,
                               const Value &previous, const Value &model,
                               std::string_view client_token) {
  Json input{{"TypeName", type_name},
             {"Identifier", identifier},
             {"PatchDocument", patch(previous, model).dump()}};
  if (!client_token.empty())
    input["ClientToken"] = client_token;
  throw_if_failed(backend_.call(kService, "UpdateResource", input));
}

void CloudControlStore::remove(std::string_view type_name, std::string_view identifier,
                               std::string_view client_token) {
  Json input{{"TypeName", type_name}, {"Identifier", identifier}};
  if (!client_token.empty())
    input["ClientToken"] = client_token;
  throw_if_failed(backend_.call(kService, "DeleteResource", input));
}

std::pair<std::vector<Value>, std::string> CloudControlStore::list(std::string_view type_name,
                                                                   std::string_view next_token) {
  Json input{{"TypeName", type_name}};
  if (!next_token.empty())
    input["NextToken"] = next_token;
  Json response = backend_.call(kService, "ListResources", input);
  std::vector<Value> models;
  if (auto it = response.find("ResourceDescriptions"); it != response.end() && it->is_array())
    for (const auto &d : *it) {
      auto props = d.find("Properties");
      if (props == d.end())
        continue;
      models.push_back(props->is_string() ? parse_json(props->get<std::string>())
                                          : from_json(*props));
    }
  std::string token;
  if (auto it = response.find("NextToken"); it != response.end() && it->is_string())
    token = it->get<std::string>();
  return {std::move(models), token};
}

} // namespace cfnlocal::providers
