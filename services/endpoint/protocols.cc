#include "services/endpoint/protocols.h"

#include "services/endpoint/protocol_parts.h"
#include "services/endpoint/wire_format.h"
#include "services/endpoint/xml_codec.h"

#include <fmt/format.h>
#include <libxml/tree.h>
#include <openssl/evp.h>

#include <cctype>

namespace cfnlocal::services::endpoint {

namespace {
const ModelJson &operation_of(const ServiceModel &model, const std::string &operation) {
  const ModelJson *op = model.operation(operation);
  if (!op)
    throw ServiceError("InvalidAction",
                       fmt::format("The {} service has no operation {} (botocore's model)",
                                   model.service(), operation));
  return *op;
}

std::string md5_base64(const std::string &bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_md5(), nullptr);
  return base64_encode(std::string_view(reinterpret_cast<char *>(digest), len));
}

/// A bucket name that can be a DNS label of an https host (virtual-hosted style).
bool dns_compatible_bucket(const std::string &bucket) {
  if (bucket.size() < 3 || bucket.size() > 63)
    return false;
  for (char c : bucket)
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '-'))
      return false;
  return bucket.front() != '-' && bucket.back() != '-';
}

/// The code of an error such as "com.amazon.coral.service#ThrottlingException" or
/// "ValidationException:http://internal.amazon.com/...".
std::string bare_code(std::string code) {
  if (size_t hash = code.rfind('#'); hash != std::string::npos)
    code = code.substr(hash + 1);
  if (size_t colon = code.find(':'); colon != std::string::npos)
    code = code.substr(0, colon);
  return code;
}

std::string status_code_name(int status) {
  switch (status) {
  case 304:
    return "NotModified";
  case 400:
    return "BadRequest";
  case 403:
    return "AccessDenied";
  case 404:
    return "NotFound";
  case 405:
    return "MethodNotAllowed";
  case 409:
    return "Conflict";
  case 412:
    return "PreconditionFailed";
  case 429:
    return "TooManyRequestsException";
  case 500:
    return "InternalError";
  case 503:
    return "ServiceUnavailable";
  default:
    return fmt::format("HTTP{}", status);
  }
}

std::string first_of(const Json &body, std::initializer_list<const char *> keys) {
  for (const char *k : keys)
    if (auto it = body.find(k); it != body.end() && it->is_string())
      return it->get<std::string>();
  return {};
}
} // namespace

HttpRequest serialise_request(const ServiceModel &model, const std::string &operation,
                              const Json &input_in, const Target &target) {
  const ModelJson &op = operation_of(model, operation);
  Json input = input_in.is_object() ? input_in : Json::object();
  if (auto in = op.find("input"); in != op.end())
    if (const ModelJson *shape = model.shape(in->get<std::string>()))
      fill_idempotency_tokens(model, *shape, input);
  const std::string &protocol = model.protocol();
  HttpRequest request;
  if (protocol == "query" || protocol == "ec2")
    request = serialise_query(model, operation, op, input, protocol == "ec2");
  else if (protocol == "json")
    request = serialise_json(model, operation, op, input);
  else if (protocol == "rest-json" || protocol == "rest-xml")
    request = serialise_rest(model, op, input, protocol == "rest-xml");
  else
    throw ServiceError("InvalidAction", fmt::format("the {} service's protocol '{}' is not "
                                                    "supported",
                                                    model.service(), protocol));
  if (op.value("checksumRequired", false) && !request.headers.count("Content-MD5"))
    request.headers["Content-MD5"] = md5_base64(request.body);
  request.scheme = target.scheme;
  request.host = target.host;
  if (model.service() == "s3" && !target.custom) {
    // Virtual-hosted style on AWS: "/bucket/key" on s3.<region> is "/key" on bucket.s3.<region>.
    if (auto b = input.find("Bucket"); b != input.end() && b->is_string()) {
      std::string bucket = b->get<std::string>();
      std::string prefix = "/" + uri_encode(bucket);
      if (dns_compatible_bucket(bucket) && request.path.rfind(prefix, 0) == 0 &&
          (request.path.size() == prefix.size() || request.path[prefix.size()] == '/')) {
        request.path = request.path.substr(prefix.size());
        if (request.path.empty())
          request.path = "/";
        request.host = bucket + "." + target.host;
      }
    }
  }
  request.path = target.base_path + request.path;
  return request;
}

Json parse_response(const ServiceModel &model, const std::string &operation,
                    const HttpResponse &response) {
  const ModelJson &op = operation_of(model, operation);
  const std::string &protocol = model.protocol();
  if (protocol == "query" || protocol == "ec2")
    return parse_query_response(model, op, response, protocol == "ec2");
  if (protocol == "json")
    return parse_json_response(model, op, response);
  return parse_rest_response(model, op, response, protocol == "rest-xml");
}

ServiceError parse_error(const ServiceModel &model, const HttpResponse &response) {
  std::string code, message;
  if (std::string t = response.header("x-amzn-ErrorType"); !t.empty())
    code = bare_code(t);
  const std::string &body = response.body;
  size_t first = body.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && body[first] == '{') {
    Json j = Json::parse(body, nullptr, false);
    if (j.is_object()) {
      if (code.empty())
        code = bare_code(first_of(j, {"__type", "code", "Code"}));
      message = first_of(j, {"message", "Message", "errorMessage"});
    }
  } else if (first != std::string::npos && body[first] == '<') {
    if (auto doc = XmlDocument::parse(body)) {
      // <ErrorResponse><Error><Code> (query), <Response><Errors><Error><Code> (ec2),
      // <Error><Code> (S3): the first Code element and its sibling Message.
      if (_xmlNode *c = find_element(doc->root(), "Code")) {
        if (code.empty())
          code = element_text(c);
        for (auto *m : child_elements(c->parent, "Message"))
          message = element_text(m);
      }
    }
  }
  if (code.empty())
    code = status_code_name(response.status);
  if (message.empty())
    message = body.empty() ? fmt::format("HTTP status {}", response.status)
                           : (first != std::string::npos && body[first] != '<' && body[first] != '{'
                                  ? body.substr(0, 300)
                                  : fmt::format("HTTP status {}", response.status));
  (void)model;
  return ServiceError(code, message, response.status);
}

} // namespace cfnlocal::services::endpoint
