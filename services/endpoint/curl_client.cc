#include "services/endpoint/http_client.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <mutex>

namespace cfnlocal::services::endpoint {

namespace {
size_t on_body(char *data, size_t size, size_t count, void *user) {
  static_cast<std::string *>(user)->append(data, size * count);
  return size * count;
}

size_t on_header(char *data, size_t size, size_t count, void *user) {
  auto *response = static_cast<HttpResponse *>(user);
  std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    response->headers.clear(); // a new response (after 100 Continue or a redirect)
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    size_t b = value.find_first_not_of(" \t");
    size_t e = value.find_last_not_of(" \t\r\n");
    response->headers[name] = b == std::string::npos ? "" : value.substr(b, e - b + 1);
  }
  return size * count;
}

class CurlClient : public HttpClient {
public:
  explicit CurlClient(HttpTimeouts timeouts) : timeouts_(timeouts) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  HttpResponse send(const HttpRequest &request) override {
    CURL *curl = curl_easy_init();
    if (!curl)
      throw TransportError("libcurl could not start a transfer");
    HttpResponse response;
    curl_slist *headers = nullptr;
    for (const auto &[k, v] : request.headers)
      headers = curl_slist_append(headers, (k + ": " + v).c_str());
    // libcurl would add "Expect: 100-continue" to large bodies, and a default content type.
    headers = curl_slist_append(headers, "Expect:");
    if (!request.headers.count("Content-Type"))
      headers = curl_slist_append(headers, "Content-Type:");
    std::string url = request.url();
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "cfnlocal/0.1");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeouts_.connect_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeouts_.total_ms);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
    if (request.method == "HEAD") {
      curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (request.method == "GET") {
      curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
    }
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK)
      throw TransportError(fmt::format("{} {}: {}", request.method, url, curl_easy_strerror(rc)));
    response.status = static_cast<int>(status);
    return response;
  }

private:
  HttpTimeouts timeouts_;
};
} // namespace

std::unique_ptr<HttpClient> make_curl_client(HttpTimeouts timeouts) {
  return std::make_unique<CurlClient>(timeouts);
}

} // namespace cfnlocal::services::endpoint
