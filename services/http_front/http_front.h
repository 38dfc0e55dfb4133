#pragma once
/// \file
/// The HTTP front: a local AWS API endpoint over a Backend (the embedded services), so code that
/// talks AWS over HTTP (boto3, the AWS CLI, the SDKs) reaches the services cfnlocal keeps in its
/// state file. Each request is decoded from its service's protocol into the backend seam's
/// operation call (services/backend.h) and the result, or the ServiceError, encoded back, all
/// directed by botocore's service models (services/endpoint/service_model.h): json
/// (X-Amz-Target), query and ec2 (Action=...), rest-json and rest-xml (method and request URI;
/// S3 path-style or virtual-hosted under a local host name). Signatures are not checked: any
/// credentials are accepted. See https://smithy.io/2.0/aws/protocols/ for the protocols.

#include "services/backend.h"
#include "services/endpoint/http_message.h"

#include <memory>
#include <string>

namespace cfnlocal::services::http_front {

/// Answers one decoded HTTP request through `backend`: never throws (errors become the
/// protocol's error response; a request no bundled service model matches is a 400
/// "UnknownOperationException" in JSON).
endpoint::HttpResponse handle_request(Backend &backend, const endpoint::HttpRequest &request);

/// A running front: listens on `host`:`port` (0: an ephemeral port) in background threads until
/// destroyed. The backend must outlive it.
class HttpFront {
public:
  /// Starts listening; throws std::runtime_error naming the address when it cannot bind.
  HttpFront(Backend &backend, const std::string &host = "127.0.0.1", int port = 0);
  ~HttpFront();
  HttpFront(const HttpFront &) = delete;
  HttpFront &operator=(const HttpFront &) = delete;

  /// "http://127.0.0.1:PORT": what AWS_ENDPOINT_URL / --endpoint-url take.
  const std::string &url() const { return url_; }
  int port() const { return port_; }
  /// Blocks until the server stops (another thread's stop(), or a signal handler's).
  void wait();
  /// Stops listening; in-flight requests finish.
  void stop();

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string url_;
  int port_ = 0;
};

} // namespace cfnlocal::services::http_front
