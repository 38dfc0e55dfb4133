// The HTTP front (http_front.h): cpp-httplib serves; each request is routed to a bundled service
// model and operation, decoded, called on the backend and encoded back.
#include "services/http_front/http_front.h"

#include "services/http_front/front_parts.h"
#include "services/serving_thread.h"

#include <fmt/format.h>
#include <httplib.h>

#include <stdexcept>
#include <strings.h>

namespace cfnlocal::services::http_front {

namespace {

/// "bucket.localhost:4566" or "bucket.s3.localhost": S3's virtual-hosted style under a local
/// name becomes the path-style request it stands for. "" when the host names no bucket.
std::string virtual_host_bucket(const std::string &host_header) {
  std::string host = host_header.substr(0, host_header.rfind(':'));
  const std::string suffix = ".localhost";
  if (host.size() <= suffix.size() ||
      host.compare(host.size() - suffix.size(), suffix.size(), suffix) != 0)
    return {};
  std::string bucket = host.substr(0, host.size() - suffix.size());
  if (bucket == "s3")
    return {};
  if (bucket.size() > 3 && bucket.compare(bucket.size() - 3, 3, ".s3") == 0)
    bucket.resize(bucket.size() - 3);
  return bucket;
}

/// Operations the backend seam has no service for, answered from what the backend knows.
std::optional<Json> answer_locally(Backend &backend, const ServiceModel &model,
                                   const std::string &operation) {
  if (model.service() == "sts" && operation == "GetCallerIdentity") {
    const std::string &account = backend.account_id();
    return Json{{"UserId", account},
                {"Account", account},
                {"Arn", fmt::format("arn:aws:iam::{}:root", account)}};
  }
  return std::nullopt;
}

} // namespace

std::string header_of(const HttpRequest &request, const std::string &name) {
  auto it = request.headers.find(name);
  return it == request.headers.end() ? std::string() : it->second;
}

HttpResponse handle_request(Backend &backend, const HttpRequest &in) {
  HttpRequest request = in;
  const ServiceModel *model = nullptr;
  try {
    if (std::string bucket = virtual_host_bucket(request.host); !bucket.empty())
      request.path = "/" + bucket + (request.path == "/" ? "" : request.path);
    model = service_of(request);
    if (!model)
      throw ServiceError("UnknownServiceException",
                         "cfnlocal's front has no service model for this request (no "
                         "X-Amz-Target, signature scope or query Version it knows)");
    std::string operation = operation_of(*model, request);
    if (operation.empty())
      throw ServiceError(model->protocol() == "rest-xml" ? "MethodNotAllowed" : "InvalidAction",
                         fmt::format("The {} service has no operation for {} {}", model->service(),
                                     request.method, request.path),
                         model->protocol() == "rest-xml" ? 405 : 400);
    Json input = decode_input(*model, operation, request);
    Json output;
    try {
      output = backend.call(model->service(), operation, input);
    } catch (const ServiceError &e) {
      auto local =
          e.code() == "InvalidAction" ? answer_locally(backend, *model, operation) : std::nullopt;
      if (!local)
        throw;
      output = std::move(*local);
    }
    return encode_output(*model, operation, output, request);
  } catch (const ServiceError &e) {
    return encode_error(model, e, request);
  } catch (const std::exception &e) {
    return encode_error(model, ServiceError("InternalFailure", e.what(), 500), request);
  }
}

struct HttpFront::Impl {
  ServingThread serving;
};

HttpFront::HttpFront(Backend &backend, const std::string &host, int port)
    : impl_(std::make_unique<Impl>()) {
  auto handler = [&backend](const httplib::Request &req, httplib::Response &res) {
    HttpRequest request;
    request.method = req.method;
    request.path = req.target.substr(0, req.target.find('?'));
    for (const auto &[k, v] : req.params)
      request.query.emplace_back(k, v);
    for (const auto &[k, v] : req.headers)
      request.headers[k] = v;
    request.host = req.get_header_value("Host");
    request.body = req.body;
    HttpResponse response = handle_request(backend, request);
    res.status = response.status;
    std::string type = "application/octet-stream";
    for (const auto &[k, v] : response.headers) {
      if (strcasecmp(k.c_str(), "Content-Type") == 0)
        type = v;
      else if (strcasecmp(k.c_str(), "Content-Length") != 0 || req.method == "HEAD")
        res.set_header(k, v);
    }
    if (!response.body.empty() || req.method != "HEAD")
      res.set_content(response.body, type);
  };
  auto &server = impl_->serving.server();
  server.Get(".*", handler);
  server.Put(".*", handler);
  server.Post(".*", handler);
  server.Delete(".*", handler);
  server.Patch(".*", handler);
  server.Options(".*", handler);
  // httplib answers HEAD through the GET handlers.
  server.set_keep_alive_timeout(2);
  port_ = impl_->serving.start(host, port);
  if (port_ == 0)
    throw std::runtime_error(fmt::format("cannot listen on {}:{}", host, port));
  url_ = fmt::format("http://{}:{}", host, port_);
}

HttpFront::~HttpFront() = default;

void HttpFront::wait() { impl_->serving.wait(); }

void HttpFront::stop() { impl_->serving.stop(); }

} // namespace cfnlocal::services::http_front
