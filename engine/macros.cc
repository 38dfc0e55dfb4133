#include "engine/macros.h"

#include "parser/json.h"
#include "state/ids.h"

#include <algorithm>
#include <fmt/format.h>

namespace cfnlocal::engine {

std::string macro_function(services::Backend &backend, const std::string &name) {
  std::string token;
  do {
    Json input = {{"TypeName", "AWS::CloudFormation::Macro"}};
    if (!token.empty())
      input["NextToken"] = token;
    Json page;
    try {
      page = backend.call("cloudcontrol", "ListResources", input);
    } catch (const services::ServiceError &) {
      return "";
    }
    for (const auto &d : page.value("ResourceDescriptions", Json::array())) {
      Json properties;
      try {
        properties = Json::parse(d.value("Properties", std::string("{}")));
      } catch (const std::exception &) {
        continue;
      }
      if (properties.value("Name", std::string()) == name)
        return properties.value("FunctionName", std::string());
    }
    token = page.value("NextToken", std::string());
  } while (!token.empty());
  return "";
}

namespace {
/// A macro's parameters with every {"Ref": P} of a template parameter P replaced by its value:
/// CloudFormation resolves those before it invokes the macro (the AWS examples' String and Date
/// macros take `InputString: !Ref InputString`).
Json resolve_parameter_refs(const Json &v, const Json &values) {
  if (v.is_object()) {
    if (v.size() == 1 && v.contains("Ref") && v["Ref"].is_string())
      if (auto it = values.find(v["Ref"].get<std::string>()); it != values.end())
        return *it;
    Json out = Json::object();
    for (const auto &[k, x] : v.items())
      out[k] = resolve_parameter_refs(x, values);
    return out;
  }
  if (v.is_array()) {
    Json out = Json::array();
    for (const auto &x : v)
      out.push_back(resolve_parameter_refs(x, values));
    return out;
  }
  return v;
}

Json split_list(const std::string &text) {
  Json out = Json::array();
  if (text.empty())
    return out;
  for (size_t start = 0;;) {
    size_t comma = text.find(',', start);
    out.push_back(text.substr(start, comma == std::string::npos ? comma : comma - start));
    if (comma == std::string::npos)
      return out;
    start = comma + 1;
  }
}
} // namespace

transforms::MacroRunner macro_runner(services::Backend &backend, std::string region,
                                     std::string account_id,
                                     std::map<std::string, std::string> values,
                                     std::set<std::string> list_parameters) {
  return [&backend, region = std::move(region), account = std::move(account_id),
          values = std::move(values),
          lists = std::move(list_parameters)](const transforms::MacroCall &call) -> Value {
    std::string transform_id = account + "::" + call.name;
    auto failed = [&](const std::string &message) {
      return transforms::TransformError(
          fmt::format("Transform {} failed with: {}", transform_id, message), call.mark);
    };
    std::string function = macro_function(backend, call.name);
    if (function.empty())
      throw transforms::TransformError(fmt::format("No transform named {} found.", transform_id),
                                       call.mark);
    Json parameter_values = Json::object();
    for (const auto &[k, v] : values)
      parameter_values[k] = lists.count(k) ? split_list(v) : Json(v);
    Json event = {{"region", region},
                  {"accountId", account},
                  {"fragment", to_json(call.fragment)},
                  {"transformId", transform_id},
                  {"params", resolve_parameter_refs(to_json(call.parameters), parameter_values)},
                  {"requestId", state::uuid4()},
                  {"templateParameterValues", parameter_values}};
    Json out;
    try {
      out = backend.call("lambda", "Invoke",
                         Json{{"FunctionName", function},
                              {"InvocationType", "RequestResponse"},
                              {"Payload", event.dump()}});
    } catch (const services::ServiceError &e) {
      throw failed(e.what());
    }
    std::string text;
    if (out.contains("Payload"))
      text = out["Payload"].is_string() ? out["Payload"].get<std::string>() : out["Payload"].dump();
    Json response;
    try {
      response = Json::parse(text);
    } catch (const std::exception &) {
      throw failed("the macro's function returned a response that is not JSON: " +
                   text.substr(0, 200));
    }
    if (out.contains("FunctionError") && !out["FunctionError"].is_null())
      throw failed(response.is_object() && response.contains("errorMessage")
                       ? response["errorMessage"].dump()
                       : text);
    if (!response.is_object())
      throw failed("the macro's function returned a response that is not an object");
    std::string status = response.value("status", std::string());
    std::transform(status.begin(), status.end(), status.begin(), ::tolower);
    if (status != "success")
      throw failed(response.contains("errorMessage") && response["errorMessage"].is_string()
                       ? response["errorMessage"].get<std::string>()
                       : fmt::format("the macro returned status \"{}\"", status));
    if (!response.contains("fragment"))
      throw failed("the macro's response has no fragment");
    return from_json(response["fragment"], call.mark);
  };
}

} // namespace cfnlocal::engine
