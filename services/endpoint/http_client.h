#pragma once
/// \file
/// Sends HTTP requests: the transport seam of the endpoint backend (libcurl in production, a
/// fake in tests).

#include "services/endpoint/http_message.h"

#include <memory>
#include <stdexcept>

namespace cfnlocal::services::endpoint {

/// A request that got no HTTP response (connection refused, DNS failure, timeout). Retryable.
class TransportError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Sends one request and returns its response (any status). Throws TransportError when no
/// response arrives.
class HttpClient {
public:
  virtual ~HttpClient() = default;
  virtual HttpResponse send(const HttpRequest &request) = 0;
};

/// Timeouts of the libcurl client, in milliseconds.
struct HttpTimeouts {
  long connect_ms = 10000;
  long total_ms = 120000;
};

/// The libcurl client (one easy handle per call, thread-safe).
std::unique_ptr<HttpClient> make_curl_client(HttpTimeouts timeouts = {});

} // namespace cfnlocal::services::endpoint
