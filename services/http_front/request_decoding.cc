// Requests into seam inputs (front_parts.h): the mirror image of the endpoint backend's
// serialisers (services/endpoint/{json,query,rest}_protocol.cc).
#include "services/endpoint/protocol_parts.h"
#include "services/endpoint/wire_format.h"
#include "services/endpoint/xml_codec.h"
#include "services/http_front/front_parts.h"

#include <fmt/format.h>

#include <set>

namespace cfnlocal::services::http_front {

namespace ep = endpoint;

namespace {

using Params = std::map<std::string, std::string>;

const ModelJson *input_shape(const ServiceModel &model, const std::string &operation) {
  const ModelJson *op = model.operation(operation);
  if (!op)
    return nullptr;
  auto in = op->find("input");
  return in == op->end() ? nullptr : model.shape(in->get<std::string>());
}

// ---- query and ec2 ----------------------------------------------------------------------------

bool has_prefix(const Params &params, const std::string &prefix) {
  if (params.count(prefix))
    return true;
  auto it = params.lower_bound(prefix + ".");
  return it != params.end() && it->first.compare(0, prefix.size() + 1, prefix + ".") == 0;
}

std::string joined(const std::string &prefix, const std::string &name) {
  return prefix.empty() ? name : prefix + "." + name;
}

Json read_query(const ServiceModel &model, const Params &params, const ModelJson &shape,
                const ModelJson *ref, const std::string &prefix, bool ec2) {
  std::string type = ep::shape_type(shape);
  if (type == "structure") {
    Json out = Json::object();
    auto members = shape.find("members");
    if (members == shape.end())
      return out;
    for (const auto &[member, mref] : members->items()) {
      std::string name = ec2 ? ep::ec2_name(mref, member) : ep::wire_name(mref, member);
      std::string sub = joined(prefix, name);
      const ModelJson &mshape = model.resolve(mref);
      // A flattened list whose members carry their own name travels under that name.
      if (!ec2 && ep::shape_type(mshape) == "list" && ep::is_flattened(mref, mshape))
        if (auto l = mshape["member"].find("locationName"); l != mshape["member"].end())
          if (!has_prefix(params, sub))
            sub = joined(prefix, l->get<std::string>());
      if (has_prefix(params, sub))
        out[member] = read_query(model, params, mshape, &mref, sub, ec2);
    }
    return out;
  }
  if (type == "list") {
    Json out = Json::array();
    const ModelJson &mref = shape["member"];
    std::string items = prefix;
    if (!ec2 && !ep::is_flattened(ref ? *ref : ModelJson::object(), shape))
      items = prefix + "." + ep::wire_name(mref, "member");
    for (int i = 1; has_prefix(params, fmt::format("{}.{}", items, i)); ++i)
      out.push_back(read_query(model, params, model.resolve(mref), &mref,
                               fmt::format("{}.{}", items, i), ec2));
    return out;
  }
  if (type == "map") {
    Json out = Json::object();
    const ModelJson &kref = shape["key"], &vref = shape["value"];
    std::string entries =
        ep::is_flattened(ref ? *ref : ModelJson::object(), shape) ? prefix : prefix + ".entry";
    for (int i = 1;; ++i) {
      std::string entry = fmt::format("{}.{}", entries, i);
      auto key = params.find(entry + "." + ep::wire_name(kref, "key"));
      if (key == params.end())
        break;
      std::string value = entry + "." + ep::wire_name(vref, "value");
      out[key->second] = has_prefix(params, value)
                             ? read_query(model, params, model.resolve(vref), &vref, value, ec2)
                             : Json(nullptr);
    }
    return out;
  }
  auto it = params.find(prefix);
  return it == params.end() ? Json(nullptr) : ep::scalar_from_text(it->second, shape);
}

// ---- rest ------------------------------------------------------------------------------------

/// Label values of a requestUri path template matched against the request path.
std::map<std::string, std::string> path_labels(const std::string &uri, std::string path) {
  std::map<std::string, std::string> out;
  std::string templ = uri.substr(0, uri.find('?'));
  if (size_t q = path.find('?'); q != std::string::npos)
    path.resize(q);
  size_t t = 0, p = 0;
  while (t < templ.size() && p <= path.size()) {
    size_t open = templ.find('{', t);
    if (open == std::string::npos)
      break;
    p += open - t; // the literal text before the label, matched by the router
    size_t close = templ.find('}', open);
    std::string label = templ.substr(open + 1, close - open - 1);
    bool greedy = !label.empty() && label.back() == '+';
    if (greedy) {
      label.pop_back();
      out[label] = url_decode(path.substr(std::min(p, path.size())));
      break;
    }
    std::string literal_after;
    size_t next = templ.find_first_of("/{", close + 1);
    literal_after =
        templ.substr(close + 1, (next == std::string::npos ? templ.size() : next) - close - 1);
    size_t end = path.find('/', p);
    if (end == std::string::npos)
      end = path.size();
    std::string segment = path.substr(p, end - p);
    if (!literal_after.empty() && segment.size() >= literal_after.size())
      segment.resize(segment.size() - literal_after.size());
    out[label] = url_decode(segment);
    p += segment.size();
    t = close + 1;
  }
  return out;
}

/// The body of a request sent with aws-chunked content encoding (S3's streaming uploads):
/// "<hex size>[;chunk-signature=...]\r\n<bytes>\r\n" chunks up to a zero-size one, then trailers.
std::string aws_chunked_payload(const std::string &body) {
  std::string out;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t eol = body.find("\r\n", pos);
    if (eol == std::string::npos)
      break;
    std::string header = body.substr(pos, eol - pos);
    size_t size = std::strtoul(header.substr(0, header.find(';')).c_str(), nullptr, 16);
    if (size == 0)
      break;
    out.append(body, eol + 2, size);
    pos = eol + 2 + size + 2;
  }
  return out;
}

bool is_aws_chunked(const HttpRequest &request) {
  return header_of(request, "Content-Encoding").find("aws-chunked") != std::string::npos ||
         header_of(request, "x-amz-content-sha256").rfind("STREAMING-", 0) == 0;
}

Json parse_json_body(const std::string &body) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos)
    return Json::object();
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded())
    throw ServiceError("SerializationException", "The request body is not valid JSON", 400);
  return j;
}

Json read_xml_body(const ServiceModel &model, const std::string &body, const ModelJson &shape,
                   const ModelJson *ref) {
  auto doc = ep::XmlDocument::parse(body);
  if (!doc)
    throw ServiceError("MalformedXML",
                       "The XML you provided was not well-formed or did not validate against our "
                       "published schema",
                       400);
  return ep::xml_to_json(model, doc->root(), shape, ref);
}

Json decode_rest(const ServiceModel &model, const ModelJson &op, const ModelJson *shape,
                 const HttpRequest &request, bool xml) {
  Json input = Json::object();
  if (!shape || !shape->contains("members"))
    return input;
  const ModelJson &http = op["http"];
  std::string uri = http.value("requestUri", "/");
  auto labels = path_labels(uri, request.path);
  std::set<std::string> static_keys;
  if (size_t q = uri.find('?'); q != std::string::npos)
    for (size_t start = q + 1; start < uri.size();) {
      size_t amp = uri.find('&', start);
      std::string part = uri.substr(start, amp == std::string::npos ? amp : amp - start);
      static_keys.insert(part.substr(0, part.find('=')));
      if (amp == std::string::npos)
        break;
      start = amp + 1;
    }
  std::set<std::string> bound_query;
  for (const auto &[member, mref] : (*shape)["members"].items())
    if (mref.value("location", "") == "querystring")
      bound_query.insert(ep::wire_name(mref, member));
  std::string body = is_aws_chunked(request) ? aws_chunked_payload(request.body) : request.body;
  for (const auto &[member, mref] : (*shape)["members"].items()) {
    const ModelJson &mshape = model.resolve(mref);
    std::string location = mref.value("location", "");
    std::string name = ep::wire_name(mref, member);
    if (location == "uri") {
      if (auto it = labels.find(name); it != labels.end())
        input[member] = ep::scalar_from_text(it->second, mshape);
    } else if (location == "querystring") {
      std::string type = ep::shape_type(mshape);
      if (type == "list") {
        Json items = Json::array();
        for (const auto &[k, v] : request.query)
          if (k == name)
            items.push_back(ep::scalar_from_text(v, model.resolve(mshape["member"])));
        if (!items.empty())
          input[member] = std::move(items);
      } else if (type == "map") {
        // Every query parameter no other member (or the URI) claims.
        Json map = Json::object();
        for (const auto &[k, v] : request.query)
          if (!bound_query.count(k) && !static_keys.count(k) && k.rfind("X-Amz-", 0) != 0)
            map[k] = v;
        if (!map.empty())
          input[member] = std::move(map);
      } else {
        for (const auto &[k, v] : request.query)
          if (k == name)
            input[member] = ep::scalar_from_text(v, mshape);
      }
    } else if (location == "header") {
      if (auto h = request.headers.find(name); h != request.headers.end())
        input[member] = ep::header_value(h->second, mshape, mref);
    } else if (location == "headers") {
      Json map = Json::object();
      for (const auto &[k, v] : request.headers)
        if (k.size() > name.size() && strncasecmp(k.c_str(), name.c_str(), name.size()) == 0)
          map[k.substr(name.size())] = v;
      if (!map.empty())
        input[member] = std::move(map);
    }
  }
  if (shape->contains("payload")) {
    std::string payload = (*shape)["payload"].get<std::string>();
    const ModelJson &pref = (*shape)["members"][payload];
    const ModelJson &pshape = model.resolve(pref);
    std::string type = ep::shape_type(pshape);
    if (type == "blob" || type == "string") {
      if (!body.empty() || type == "blob")
        input[payload] = body;
    } else if (body.find_first_not_of(" \t\r\n") != std::string::npos) {
      input[payload] = xml ? read_xml_body(model, body, pshape, &pref)
                           : ep::json_from_wire(model, parse_json_body(body), pshape, &pref);
    }
    return input;
  }
  if (body.find_first_not_of(" \t\r\n") == std::string::npos)
    return input;
  Json members = xml ? read_xml_body(model, body, *shape, nullptr)
                     : ep::json_from_wire(model, parse_json_body(body), *shape);
  for (auto &[k, v] : members.items())
    input[k] = std::move(v);
  return input;
}

} // namespace

std::string url_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9')
      return c - '0';
    if (c >= 'a' && c <= 'f')
      return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
      return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() + 0 && i + 2 <= text.size() - 1 + 0 &&
        hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else if (plus_is_space && text[i] == '+') {
      out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

Json decode_input(const ServiceModel &model, const std::string &operation,
                  const HttpRequest &request) {
  const ModelJson *shape = input_shape(model, operation);
  const std::string &protocol = model.protocol();
  if (protocol == "json") {
    Json body = parse_json_body(request.body);
    return shape ? ep::json_from_wire(model, body, *shape) : body;
  }
  if (protocol == "query" || protocol == "ec2") {
    if (!shape)
      return Json::object();
    Json input =
        read_query(model, form_parameters(request), *shape, nullptr, "", protocol == "ec2");
    return input.is_object() ? input : Json::object();
  }
  return decode_rest(model, *model.operation(operation), shape, request, protocol == "rest-xml");
}

} // namespace cfnlocal::services::http_front
