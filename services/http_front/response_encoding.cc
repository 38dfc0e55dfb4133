// Seam outputs and errors into responses (front_parts.h): the mirror image of the endpoint
// backend's response and error parsers (services/endpoint/protocols.cc).
#include "services/endpoint/protocol_parts.h"
#include "services/endpoint/wire_format.h"
#include "services/endpoint/xml_codec.h"
#include "services/http_front/front_parts.h"
#include "state/ids.h"

#include <fmt/format.h>

namespace cfnlocal::services::http_front {

namespace ep = endpoint;

namespace {

const ModelJson *output_shape(const ServiceModel &model, const ModelJson &op) {
  auto out = op.find("output");
  return out == op.end() ? nullptr : model.shape(out->get<std::string>());
}

std::string xml_escape(const std::string &text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

/// json_to_xml's document without its XML declaration, to nest in another element.
std::string element_xml(const ServiceModel &model, const Json &value, const ModelJson &shape,
                        const std::string &name) {
  std::string doc = ep::json_to_xml(model, value, shape, name, "");
  if (doc.rfind("<?xml", 0) == 0)
    doc.erase(0, doc.find("?>") + 2);
  while (!doc.empty() && (doc.front() == '\n' || doc.front() == '\r'))
    doc.erase(0, 1);
  while (!doc.empty() && (doc.back() == '\n' || doc.back() == '\r'))
    doc.pop_back();
  return doc;
}

std::string query_namespace(const ServiceModel &model) {
  return fmt::format("https://{}.amazonaws.com/doc/{}/", model.endpoint_prefix(),
                     model.api_version());
}

std::string raw_bytes(const Json &value) {
  if (value.is_binary())
    return std::string(value.get_binary().begin(), value.get_binary().end());
  if (value.is_string())
    return value.get<std::string>();
  return value.is_null() ? std::string() : value.dump();
}

HttpResponse encode_query(const ServiceModel &model, const std::string &operation,
                          const ModelJson &op, const Json &output, bool ec2) {
  HttpResponse response;
  response.status = 200;
  response.headers["Content-Type"] = "text/xml";
  const ModelJson *shape = output_shape(model, op);
  std::string root = operation + "Response";
  std::string body = fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{} xmlns=\"{}\">",
                                 root, query_namespace(model));
  if (ec2) {
    body += "<requestId>" + request_id() + "</requestId>";
    if (shape) {
      std::string inner = element_xml(model, output, *shape, "x");
      // "<x>...</x>" -> "...": ec2 puts the members directly under the response element.
      if (inner.size() > 7 && inner.rfind("<x>", 0) == 0)
        body += inner.substr(3, inner.size() - 7);
    }
  } else {
    std::string wrapper = op.value("resultWrapper", operation + "Result");
    if (shape)
      body += element_xml(model, output, *shape, wrapper);
    body += "<ResponseMetadata><RequestId>" + request_id() + "</RequestId></ResponseMetadata>";
  }
  body += "</" + root + ">";
  response.body = std::move(body);
  return response;
}

HttpResponse encode_rest(const ServiceModel &model, const ModelJson &op, const Json &output,
                         const HttpRequest &request, bool xml) {
  HttpResponse response;
  response.status = op["http"].value("responseCode", 200);
  const ModelJson *shape = output_shape(model, op);
  if (!shape || !shape->contains("members"))
    return response;
  const Json &out = output.is_object() ? output : Json::object();
  for (const auto &[member, mref] : (*shape)["members"].items()) {
    auto it = out.find(member);
    if (it == out.end() || it->is_null())
      continue;
    std::string location = mref.value("location", "");
    const ModelJson &mshape = model.resolve(mref);
    std::string name = ep::wire_name(mref, member);
    if (location == "header") {
      response.headers[name] = ep::header_text(*it, mshape, mref);
    } else if (location == "headers" && it->is_object()) {
      for (const auto &[k, v] : it->items())
        response.headers[name + k] = v.is_string() ? v.get<std::string>() : v.dump();
    } else if (location == "statusCode" && it->is_number()) {
      response.status = it->get<int>();
    }
  }
  if (shape->contains("payload")) {
    std::string payload = (*shape)["payload"].get<std::string>();
    const ModelJson &pref = (*shape)["members"][payload];
    const ModelJson &pshape = model.resolve(pref);
    std::string type = ep::shape_type(pshape);
    auto it = out.find(payload);
    if (it != out.end() && !it->is_null()) {
      if (type == "blob" || type == "string")
        response.body = raw_bytes(*it);
      else if (xml)
        response.body = ep::json_to_xml(model, *it, pshape, ep::root_name(pref, pshape, payload),
                                        ep::namespace_of(pref, pshape));
      else
        response.body = ep::json_to_wire(model, *it, pshape).dump();
    }
  } else {
    bool has_body_members = false;
    for (const auto &[member, mref] : (*shape)["members"].items())
      if (!mref.contains("location") && out.contains(member))
        has_body_members = true;
    if (xml && has_body_members) {
      std::string name = op.value("output", "Output");
      if (name.size() > 6 && name.compare(name.size() - 6, 6, "Output") == 0)
        name = name.substr(0, name.size() - 6) + "Result";
      response.body = ep::json_to_xml(model, out, *shape, ep::root_name({}, *shape, name),
                                      ep::namespace_of({}, *shape));
    } else if (!xml) {
      response.body = ep::json_to_wire(model, out, *shape).dump();
    }
  }
  if (!response.body.empty() && !response.headers.count("Content-Type"))
    response.headers["Content-Type"] = xml ? "application/xml" : "application/json";
  (void)request;
  return response;
}

} // namespace

std::string request_id() { return state::uuid4(); }

HttpResponse encode_output(const ServiceModel &model, const std::string &operation,
                           const Json &output, const HttpRequest &request) {
  const ModelJson &op = *model.operation(operation);
  const std::string &protocol = model.protocol();
  HttpResponse response;
  if (protocol == "json") {
    response.status = 200;
    response.headers["Content-Type"] = "application/x-amz-json-" + model.json_version();
    const ModelJson *shape = output_shape(model, op);
    response.body = shape ? ep::json_to_wire(model, output, *shape).dump() : "{}";
  } else if (protocol == "query" || protocol == "ec2") {
    response = encode_query(model, operation, op, output, protocol == "ec2");
  } else {
    response = encode_rest(model, op, output, request, protocol == "rest-xml");
  }
  response.headers["x-amzn-RequestId"] = request_id();
  return response;
}

HttpResponse encode_error(const ServiceModel *model, const ServiceError &error,
                          const HttpRequest &request) {
  HttpResponse response;
  response.status =
      error.http_status() >= 400 && error.http_status() < 600 ? error.http_status() : 400;
  std::string id = request_id();
  response.headers["x-amzn-RequestId"] = id;
  std::string protocol = model ? model->protocol() : "json";
  if (request.method == "HEAD")
    return response; // HEAD responses have no body: clients read the status
  if (protocol == "query") {
    response.headers["Content-Type"] = "text/xml";
    response.body = fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"{}\"><Error><Type>{}"
        "</Type><Code>{}</Code><Message>{}</Message></Error><RequestId>{}</RequestId>"
        "</ErrorResponse>",
        query_namespace(*model), response.status >= 500 ? "Receiver" : "Sender",
        xml_escape(error.code()), xml_escape(error.message()), id);
  } else if (protocol == "ec2") {
    response.headers["Content-Type"] = "text/xml";
    response.body = fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors>"
                                "<Error><Code>{}</Code><Message>{}</Message></Error></Errors>"
                                "<RequestID>{}</RequestID></Response>",
                                xml_escape(error.code()), xml_escape(error.message()), id);
  } else if (protocol == "rest-xml") {
    response.headers["Content-Type"] = "application/xml";
    response.body = fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{}</Code>"
                                "<Message>{}</Message><RequestId>{}</RequestId></Error>",
                                xml_escape(error.code()), xml_escape(error.message()), id);
  } else {
    response.headers["x-amzn-ErrorType"] = error.code();
    response.headers["Content-Type"] =
        protocol == "json"
            ? "application/x-amz-json-" + (model ? model->json_version() : std::string("1.0"))
            : "application/json";
    response.body =
        Json{{"__type", error.code()}, {"message", error.message()}, {"Message", error.message()}}
            .dump();
  }
  return response;
}

} // namespace cfnlocal::services::http_front
