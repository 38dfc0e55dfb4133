#include "services/endpoint/protocol_parts.h"
#include "services/endpoint/wire_format.h"
#include "services/endpoint/xml_codec.h"

#include <fmt/format.h>

namespace cfnlocal::services::endpoint {

namespace {
using Params = std::vector<std::pair<std::string, std::string>>;

std::string joined(const std::string &prefix, const std::string &name) {
  return prefix.empty() ? name : prefix + "." + name;
}

void serialise(const ServiceModel &model, const Json &value, const ModelJson &shape,
               const ModelJson *ref, const std::string &prefix, bool ec2, Params &out) {
  std::string type = shape_type(shape);
  if (type == "structure") {
    auto members = shape.find("members");
    if (members == shape.end() || !value.is_object())
      return;
    for (const auto &[member, mref] : members->items()) {
      auto it = value.find(member);
      if (it == value.end() || it->is_null())
        continue;
      std::string name = ec2 ? ec2_name(mref, member) : wire_name(mref, member);
      serialise(model, *it, model.resolve(mref), &mref, joined(prefix, name), ec2, out);
    }
  } else if (type == "list") {
    const ModelJson &mref = shape["member"];
    const ModelJson &mshape = model.resolve(mref);
    if (!value.is_array())
      return;
    std::string list_prefix;
    if (ec2) {
      list_prefix = prefix;
    } else if (value.empty()) {
      out.emplace_back(prefix, ""); // an empty list is sent as the bare name
      return;
    } else if (is_flattened(ref ? *ref : ModelJson::object(), shape)) {
      list_prefix = prefix;
      if (auto l = mref.find("locationName"); l != mref.end()) {
        size_t dot = prefix.rfind('.');
        list_prefix =
            (dot == std::string::npos ? "" : prefix.substr(0, dot + 1)) + l->get<std::string>();
      }
    } else {
      list_prefix = prefix + "." + wire_name(mref, "member");
    }
    int i = 1;
    for (const auto &item : value)
      serialise(model, item, mshape, &mref, fmt::format("{}.{}", list_prefix, i++), ec2, out);
  } else if (type == "map") {
    const ModelJson &kref = shape["key"], &vref = shape["value"];
    if (!value.is_object())
      return;
    std::string map_prefix =
        is_flattened(ref ? *ref : ModelJson::object(), shape) ? prefix : prefix + ".entry";
    int i = 1;
    for (const auto &[k, v] : value.items()) {
      std::string entry = fmt::format("{}.{}", map_prefix, i++);
      out.emplace_back(entry + "." + wire_name(kref, "key"), k);
      serialise(model, v, model.resolve(vref), &vref, entry + "." + wire_name(vref, "value"), ec2,
                out);
    }
  } else {
    out.emplace_back(prefix,
                     scalar_text(value, shape, time_format(ref, shape, TimeFormat::Iso8601)));
  }
}
} // namespace

/// The ec2 protocol names members by queryName, else the capitalised locationName.
std::string ec2_name(const ModelJson &ref, const std::string &member) {
  if (auto q = ref.find("queryName"); q != ref.end())
    return q->get<std::string>();
  if (auto l = ref.find("locationName"); l != ref.end()) {
    std::string name = l->get<std::string>();
    if (!name.empty())
      name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    return name;
  }
  return member;
}

HttpRequest serialise_query(const ServiceModel &model, const std::string &operation,
                            const ModelJson &op, const Json &input, bool ec2) {
  Params params{{"Action", operation}, {"Version", model.api_version()}};
  if (auto in = op.find("input"); in != op.end())
    if (const ModelJson *shape = model.shape(in->get<std::string>()))
      serialise(model, input, *shape, nullptr, "", ec2, params);
  HttpRequest request;
  request.method = "POST";
  request.path = "/";
  request.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
  for (const auto &[k, v] : params)
    request.body += (request.body.empty() ? "" : "&") + uri_encode(k) + "=" + uri_encode(v);
  return request;
}

Json parse_query_response(const ServiceModel &model, const ModelJson &op,
                          const HttpResponse &response, bool ec2) {
  auto out = op.find("output");
  if (out == op.end())
    return Json::object();
  const ModelJson *shape = model.shape(out->get<std::string>());
  if (!shape || response.body.empty())
    return Json::object();
  auto doc = XmlDocument::parse(response.body);
  if (!doc)
    throw ServiceError("InvalidResponse",
                       fmt::format("{}: the response is not XML: {}", model.service(),
                                   response.body.substr(0, 200)),
                       response.status);
  _xmlNode *node = doc->root();
  if (!ec2)
    if (auto wrapper = op.find("resultWrapper"); wrapper != op.end())
      if (_xmlNode *result = find_element(node, wrapper->get<std::string>()))
        node = result;
  return xml_to_json(model, node, *shape);
}

} // namespace cfnlocal::services::endpoint
