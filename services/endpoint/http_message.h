#pragma once
/// \file
/// An HTTP request and response as the endpoint backend builds, signs, sends and parses them.

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cfnlocal::services::endpoint {

/// Header names compare case-insensitively (HTTP); stored as given.
struct CaseInsensitiveLess {
  bool operator()(const std::string &a, const std::string &b) const;
};
using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;

/// A request before it is sent. `path` is already percent-encoded and starts with '/';
/// `query` holds raw (unencoded) name/value pairs in order, a value-less flag ("?versioning")
/// as an empty value.
struct HttpRequest {
  std::string method = "POST";
  std::string scheme = "https";
  /// Host name with ":port" when not the scheme's default (what the Host header carries).
  std::string host;
  std::string path = "/";
  std::vector<std::pair<std::string, std::string>> query;
  Headers headers;
  std::string body;

  /// scheme://host/path?query, the query percent-encoded as SigV4 encodes it.
  std::string url() const;
};

/// A response: status, headers, raw body bytes.
struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;
  /// The header's value, or "" when absent.
  std::string header(const std::string &name) const;
};

} // namespace cfnlocal::services::endpoint
