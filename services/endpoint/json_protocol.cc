#include "services/endpoint/protocol_parts.h"
#include "services/endpoint/wire_format.h"

#include <fmt/format.h>

namespace cfnlocal::services::endpoint {

Json json_to_wire(const ServiceModel &model, const Json &value, const ModelJson &shape,
                  const ModelJson *ref) {
  std::string type = shape_type(shape);
  if (type == "structure" && value.is_object() && !shape.value("document", false)) {
    Json out = Json::object();
    auto members = shape.find("members");
    if (members == shape.end())
      return value;
    for (const auto &[member, mref] : members->items()) {
      auto it = value.find(member);
      if (it == value.end() || it->is_null() || mref.contains("location"))
        continue;
      out[wire_name(mref, member)] = json_to_wire(model, *it, model.resolve(mref), &mref);
    }
    return out;
  }
  if (type == "list" && value.is_array()) {
    Json out = Json::array();
    const ModelJson &mref = shape["member"];
    for (const auto &item : value)
      out.push_back(json_to_wire(model, item, model.resolve(mref), &mref));
    return out;
  }
  if (type == "map" && value.is_object()) {
    Json out = Json::object();
    const ModelJson &vref = shape["value"];
    for (const auto &[k, v] : value.items())
      out[k] = json_to_wire(model, v, model.resolve(vref), &vref);
    return out;
  }
  if (type == "timestamp") {
    TimeFormat f = time_format(ref, shape, TimeFormat::UnixTimestamp);
    if (auto ms = timestamp_of(value)) {
      if (f == TimeFormat::UnixTimestamp)
        return *ms % 1000 ? Json(static_cast<double>(*ms) / 1000.0) : Json(*ms / 1000);
      return scalar_text(value, shape, f);
    }
  }
  if (type == "blob" && value.is_binary())
    return scalar_text(value, shape, TimeFormat::Iso8601);
  return value;
}

Json json_from_wire(const ServiceModel &model, const Json &value, const ModelJson &shape,
                    const ModelJson *ref) {
  std::string type = shape_type(shape);
  if (type == "structure" && value.is_object() && !shape.value("document", false)) {
    auto members = shape.find("members");
    if (members == shape.end())
      return value;
    Json out = Json::object();
    for (const auto &[member, mref] : members->items()) {
      auto it = value.find(wire_name(mref, member));
      if (it == value.end() || mref.contains("location"))
        continue;
      out[member] = json_from_wire(model, *it, model.resolve(mref), &mref);
    }
    return out;
  }
  if (type == "list" && value.is_array()) {
    Json out = Json::array();
    const ModelJson &mref = shape["member"];
    for (const auto &item : value)
      out.push_back(json_from_wire(model, item, model.resolve(mref), &mref));
    return out;
  }
  if (type == "map" && value.is_object()) {
    Json out = Json::object();
    const ModelJson &vref = shape["value"];
    for (const auto &[k, v] : value.items())
      out[k] = json_from_wire(model, v, model.resolve(vref), &vref);
    return out;
  }
  if (type == "timestamp")
    if (auto ms = timestamp_of(value))
      return iso8601_millis(*ms);
  return value;
}

HttpRequest serialise_json(const ServiceModel &model, const std::string &operation,
                           const ModelJson &op, const Json &input) {
  HttpRequest request;
  request.method = "POST";
  request.path = "/";
  request.headers["Content-Type"] = "application/x-amz-json-" + model.json_version();
  request.headers["X-Amz-Target"] = model.target_prefix() + "." + operation;
  Json body = Json::object();
  if (auto in = op.find("input"); in != op.end())
    if (const ModelJson *shape = model.shape(in->get<std::string>()))
      body = json_to_wire(model, input, *shape);
  request.body = body.dump();
  return request;
}

Json parse_json_response(const ServiceModel &model, const ModelJson &op,
                         const HttpResponse &response) {
  auto out = op.find("output");
  if (out == op.end() || response.body.empty())
    return Json::object();
  Json body = Json::parse(response.body, nullptr, false);
  if (body.is_discarded())
    throw ServiceError("InvalidResponse",
                       fmt::format("{}: the response is not JSON: {}", model.service(),
                                   response.body.substr(0, 200)),
                       response.status);
  const ModelJson *shape = model.shape(out->get<std::string>());
  return shape ? json_from_wire(model, body, *shape) : body;
}

} // namespace cfnlocal::services::endpoint
