#include "services/endpoint/protocol_parts.h"
#include "services/endpoint/wire_format.h"
#include "services/endpoint/xml_codec.h"

#include <fmt/format.h>
#include <strings.h>

namespace cfnlocal::services::endpoint {

namespace {
std::string raw_bytes(const Json &value) {
  if (value.is_binary()) {
    const auto &b = value.get_binary();
    return std::string(reinterpret_cast<const char *>(b.data()), b.size());
  }
  if (value.is_string())
    return value.get<std::string>();
  return value.dump();
}

/// Fills the labels of a requestUri path ("/{Bucket}/{Key+}") from `labels`.
std::string expand_path(const std::string &templ,
                        const std::map<std::string, std::string> &labels) {
  std::string out;
  size_t pos = 0;
  while (pos < templ.size()) {
    size_t open = templ.find('{', pos);
    if (open == std::string::npos) {
      out += templ.substr(pos);
      break;
    }
    out += templ.substr(pos, open - pos);
    size_t close = templ.find('}', open);
    std::string label = templ.substr(open + 1, close - open - 1);
    bool greedy = !label.empty() && label.back() == '+';
    if (greedy)
      label.pop_back();
    auto it = labels.find(label);
    if (it == labels.end())
      throw ServiceError("ValidationException",
                         fmt::format("the request URI needs the member {}", label));
    out += uri_encode(it->second, greedy);
    pos = close + 1;
  }
  return out;
}

bool is_body_member(const ModelJson &ref) { return !ref.contains("location"); }

} // namespace

std::string header_text(const Json &value, const ModelJson &shape, const ModelJson &ref) {
  if (shape.value("jsonvalue", false) || ref.value("jsonvalue", false))
    return base64_encode(value.is_string() ? value.get<std::string>() : value.dump());
  if (shape_type(shape) == "list" && value.is_array()) {
    std::string out;
    const ModelJson &mshape = shape["member"];
    (void)mshape;
    for (const auto &v : value)
      out += (out.empty() ? "" : ",") + scalar_text(v, ModelJson::object(), TimeFormat::Rfc822);
    return out;
  }
  return scalar_text(value, shape, time_format(&ref, shape, TimeFormat::Rfc822));
}

std::string root_name(const ModelJson &ref, const ModelJson &shape, const std::string &fallback) {
  if (auto l = ref.find("locationName"); l != ref.end())
    return l->get<std::string>();
  if (auto l = shape.find("locationName"); l != shape.end())
    return l->get<std::string>();
  return fallback;
}

std::string namespace_of(const ModelJson &ref, const ModelJson &shape) {
  for (const ModelJson *s : {&ref, &shape})
    if (auto ns = s->find("xmlNamespace"); ns != s->end() && ns->is_object())
      return ns->value("uri", "");
  return {};
}

Json header_value(const std::string &text, const ModelJson &shape, const ModelJson &ref) {
  if (shape.value("jsonvalue", false) || ref.value("jsonvalue", false)) {
    std::string decoded = base64_decode(text).value_or(text);
    Json parsed = Json::parse(decoded, nullptr, false);
    return parsed.is_discarded() ? Json(decoded) : parsed;
  }
  if (shape_type(shape) == "list") {
    Json out = Json::array();
    size_t start = 0;
    while (start <= text.size()) {
      size_t comma = text.find(',', start);
      std::string item = text.substr(start, comma == std::string::npos ? comma : comma - start);
      size_t b = item.find_first_not_of(' ');
      out.push_back(b == std::string::npos ? "" : item.substr(b));
      if (comma == std::string::npos)
        break;
      start = comma + 1;
    }
    return out;
  }
  return scalar_from_text(text, shape);
}

HttpRequest serialise_rest(const ServiceModel &model, const ModelJson &op, const Json &input,
                           bool xml) {
  HttpRequest request;
  const ModelJson &http = op["http"];
  request.method = http.value("method", "POST");
  std::string uri = http.value("requestUri", "/");
  std::string path_template = uri, static_query;
  if (size_t q = uri.find('?'); q != std::string::npos) {
    path_template = uri.substr(0, q);
    static_query = uri.substr(q + 1);
  }
  // Literal query parts of the URI ("?versioning", "?list-type=2").
  for (size_t start = 0; start < static_query.size();) {
    size_t amp = static_query.find('&', start);
    std::string part = static_query.substr(start, amp == std::string::npos ? amp : amp - start);
    size_t eq = part.find('=');
    request.query.emplace_back(part.substr(0, eq),
                               eq == std::string::npos ? "" : part.substr(eq + 1));
    if (amp == std::string::npos)
      break;
    start = amp + 1;
  }

  const ModelJson *shape = nullptr;
  if (auto in = op.find("input"); in != op.end())
    shape = model.shape(in->get<std::string>());
  std::map<std::string, std::string> labels;
  bool has_body_members = false;
  Json body_members = Json::object();
  if (shape && shape->contains("members")) {
    for (const auto &[member, mref] : (*shape)["members"].items()) {
      if (is_body_member(mref))
        has_body_members = true;
      auto it = input.find(member);
      if (it == input.end() || it->is_null())
        continue;
      const ModelJson &mshape = model.resolve(mref);
      std::string location = mref.value("location", "");
      std::string name = wire_name(mref, member);
      if (location == "uri") {
        labels[name] = scalar_text(*it, mshape, time_format(&mref, mshape, TimeFormat::Iso8601));
      } else if (location == "querystring") {
        std::string type = shape_type(mshape);
        if (type == "list" && it->is_array()) {
          for (const auto &v : *it)
            request.query.emplace_back(
                name, scalar_text(v, model.resolve(mshape["member"]), TimeFormat::Iso8601));
        } else if (type == "map" && it->is_object()) {
          for (const auto &[k, v] : it->items()) {
            if (v.is_array())
              for (const auto &item : v)
                request.query.emplace_back(
                    k, scalar_text(item, ModelJson::object(), TimeFormat::Iso8601));
            else
              request.query.emplace_back(k,
                                         scalar_text(v, ModelJson::object(), TimeFormat::Iso8601));
          }
        } else {
          request.query.emplace_back(
              name, scalar_text(*it, mshape, time_format(&mref, mshape, TimeFormat::Iso8601)));
        }
      } else if (location == "header") {
        request.headers[name] = header_text(*it, mshape, mref);
      } else if (location == "headers") {
        // A prefix map: {"color": "blue"} with "x-amz-meta-" is "x-amz-meta-color: blue".
        if (it->is_object())
          for (const auto &[k, v] : it->items())
            request.headers[name + k] = scalar_text(v, ModelJson::object(), TimeFormat::Rfc822);
      } else if (location.empty()) {
        body_members[member] = *it;
      }
    }
  }
  request.path = expand_path(path_template, labels);

  if (shape && shape->contains("payload")) {
    std::string payload = (*shape)["payload"].get<std::string>();
    const ModelJson &pref = (*shape)["members"][payload];
    const ModelJson &pshape = model.resolve(pref);
    std::string type = shape_type(pshape);
    auto it = input.find(payload);
    if (type == "blob" || type == "string") {
      if (it != input.end() && !it->is_null())
        request.body = raw_bytes(*it);
    } else if (it != input.end() && !it->is_null()) {
      if (xml) {
        request.body = json_to_xml(model, *it, pshape, root_name(pref, pshape, payload),
                                   namespace_of(pref, pshape));
      } else {
        request.body = json_to_wire(model, *it, pshape).dump();
      }
    } else if (!xml) {
      request.body = "{}";
    }
  } else if (shape && has_body_members) {
    if (xml) {
      if (!body_members.empty())
        request.body =
            json_to_xml(model, body_members, *shape,
                        root_name(ModelJson::object(), *shape, op.value("input", "")),
                        op.value("inputXmlNamespace", namespace_of(ModelJson::object(), *shape)));
    } else {
      request.body = json_to_wire(model, body_members, *shape).dump();
    }
  }
  if (!request.body.empty() && !request.headers.count("Content-Type"))
    request.headers["Content-Type"] = xml ? "application/xml" : "application/json";
  return request;
}

Json parse_rest_response(const ServiceModel &model, const ModelJson &op,
                         const HttpResponse &response, bool xml) {
  Json out = Json::object();
  auto o = op.find("output");
  if (o == op.end())
    return out;
  const ModelJson *shape = model.shape(o->get<std::string>());
  if (!shape)
    return out;
  auto invalid = [&](const char *what) {
    return ServiceError("InvalidResponse",
                        fmt::format("{}: the response is not {}: {}", model.service(), what,
                                    response.body.substr(0, 200)),
                        response.status);
  };
  if (shape->contains("members")) {
    for (const auto &[member, mref] : (*shape)["members"].items()) {
      std::string location = mref.value("location", "");
      const ModelJson &mshape = model.resolve(mref);
      std::string name = wire_name(mref, member);
      if (location == "header") {
        if (auto h = response.headers.find(name); h != response.headers.end())
          out[member] = header_value(h->second, mshape, mref);
      } else if (location == "headers") {
        Json map = Json::object();
        for (const auto &[k, v] : response.headers)
          if (k.size() >= name.size() && strncasecmp(k.c_str(), name.c_str(), name.size()) == 0)
            map[k.substr(name.size())] = v;
        if (!map.empty())
          out[member] = std::move(map);
      } else if (location == "statusCode") {
        out[member] = response.status;
      }
    }
  }
  if (shape->contains("payload")) {
    std::string payload = (*shape)["payload"].get<std::string>();
    const ModelJson &pref = (*shape)["members"][payload];
    const ModelJson &pshape = model.resolve(pref);
    std::string type = shape_type(pshape);
    if (type == "blob" || type == "string") {
      out[payload] = response.body;
    } else if (!response.body.empty()) {
      if (xml) {
        auto doc = XmlDocument::parse(response.body);
        if (!doc)
          throw invalid("XML");
        out[payload] = xml_to_json(model, doc->root(), pshape, &pref);
      } else {
        Json body = Json::parse(response.body, nullptr, false);
        if (body.is_discarded())
          throw invalid("JSON");
        out[payload] = json_from_wire(model, body, pshape, &pref);
      }
    }
    return out;
  }
  if (response.body.empty())
    return out;
  Json body;
  if (xml) {
    auto doc = XmlDocument::parse(response.body);
    if (!doc)
      throw invalid("XML");
    body = xml_to_json(model, doc->root(), *shape);
  } else {
    Json wire = Json::parse(response.body, nullptr, false);
    if (wire.is_discarded())
      throw invalid("JSON");
    body = json_from_wire(model, wire, *shape);
  }
  for (auto &[k, v] : body.items())
    out[k] = v;
  return out;
}

} // namespace cfnlocal::services::endpoint
