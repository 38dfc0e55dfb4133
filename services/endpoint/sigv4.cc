#include "services/endpoint/sigv4.h"

#include "services/endpoint/wire_format.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <fmt/format.h>
#include <vector>

namespace cfnlocal::services::endpoint {

namespace {
std::string hex(const unsigned char *data, size_t n) {
  static const char *digits = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 15];
  }
  return out;
}

std::string lower(std::string s) {
  for (auto &c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Header values: leading/trailing spaces trimmed, inner runs of spaces folded to one.
std::string trimmed(const std::string &value) {
  std::string out;
  bool space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty())
      out += ' ';
    space = false;
    out += c;
  }
  return out;
}

/// Removes "." and ".." segments (RFC 3986 5.2.4), keeping a trailing slash.
std::string normalised_path(const std::string &path) {
  std::vector<std::string> segments;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos)
      end = path.size();
    std::string seg = path.substr(start, end - start);
    if (seg == "..") {
      if (!segments.empty())
        segments.pop_back();
    } else if (seg != "." && !(seg.empty() && end != path.size())) {
      segments.push_back(seg);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto &s : segments)
    out += "/" + s;
  if (out.empty())
    out = "/";
  return out;
}

bool excluded(const std::string &lower_name) {
  return lower_name == "user-agent" || lower_name == "expect" || lower_name == "authorization";
}
} // namespace

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char *>(data.data()), data.size(), out, &len);
  return std::string(reinterpret_cast<char *>(out), len);
}

std::string canonical_request(const HttpRequest &request, const std::string &signed_headers,
                              const std::string &payload_hash, bool s3) {
  std::string uri = s3 ? request.path : uri_encode(normalised_path(request.path), true);
  std::vector<std::pair<std::string, std::string>> query;
  for (const auto &[k, v] : request.query)
    query.emplace_back(uri_encode(k), uri_encode(v));
  std::sort(query.begin(), query.end());
  std::string canonical_query;
  for (const auto &[k, v] : query)
    canonical_query += (canonical_query.empty() ? "" : "&") + k + "=" + v;
  std::vector<std::pair<std::string, std::string>> headers;
  for (const auto &[k, v] : request.headers)
    headers.emplace_back(lower(k), trimmed(v));
  std::sort(headers.begin(), headers.end());
  std::string canonical_headers;
  std::string wanted = ";" + signed_headers + ";";
  for (const auto &[k, v] : headers)
    if (wanted.find(";" + k + ";") != std::string::npos)
      canonical_headers += k + ":" + v + "\n";
  return request.method + "\n" + uri + "\n" + canonical_query + "\n" + canonical_headers + "\n" +
         signed_headers + "\n" + payload_hash;
}

void sign_v4(HttpRequest &request, const Credentials &credentials, const SigningOptions &options,
             int64_t epoch_seconds) {
  time_t t = static_cast<time_t>(epoch_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[17];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  std::string amz_date = stamp;
  std::string date = amz_date.substr(0, 8);

  request.headers.erase("Authorization");
  request.headers["Host"] = request.host;
  request.headers["X-Amz-Date"] = amz_date;
  if (!credentials.session_token.empty())
    request.headers["X-Amz-Security-Token"] = credentials.session_token;
  std::string payload_hash = sha256_hex(request.body);
  if (options.s3)
    request.headers["x-amz-content-sha256"] = payload_hash;

  std::vector<std::string> names;
  for (const auto &[k, v] : request.headers)
    if (std::string l = lower(k); !excluded(l))
      names.push_back(l);
  std::sort(names.begin(), names.end());
  std::string signed_headers;
  for (const auto &n : names)
    signed_headers += (signed_headers.empty() ? "" : ";") + n;

  std::string creq = canonical_request(request, signed_headers, payload_hash, options.s3);
  std::string scope = date + "/" + options.region + "/" + options.service + "/aws4_request";
  std::string to_sign = "AWS4-HMAC-SHA256\n" + amz_date + "\n" + scope + "\n" + sha256_hex(creq);
  std::string key = hmac_sha256("AWS4" + credentials.secret_access_key, date);
  key = hmac_sha256(key, options.region);
  key = hmac_sha256(key, options.service);
  key = hmac_sha256(key, "aws4_request");
  std::string sig = hmac_sha256(key, to_sign);
  request.headers["Authorization"] =
      fmt::format("AWS4-HMAC-SHA256 Credential={}/{}, SignedHeaders={}, Signature={}",
                  credentials.access_key_id, scope, signed_headers,
                  hex(reinterpret_cast<const unsigned char *>(sig.data()), sig.size()));
}

} // namespace cfnlocal::services::endpoint
