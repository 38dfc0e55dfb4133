#include "services/endpoint/wire_format.h"
#include "services/endpoint/http_message.h"

#include <fmt/format.h>

#include <cctype>
#include <cstring>
#include <ctime>
#include <strings.h>

namespace cfnlocal::services::endpoint {

bool CaseInsensitiveLess::operator()(const std::string &a, const std::string &b) const {
  return strcasecmp(a.c_str(), b.c_str()) < 0;
}

std::string HttpRequest::url() const {
  std::string out = scheme + "://" + host + path;
  char sep = '?';
  for (const auto &[k, v] : query) {
    out += sep;
    out += uri_encode(k) + "=" + uri_encode(v);
    sep = '&';
  }
  return out;
}

std::string HttpResponse::header(const std::string &name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

std::string uri_encode(std::string_view text, bool keep_slash) {
  static const char *hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
        (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

namespace {
constexpr const char *kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  // Howard Hinnant's algorithm: days since 1970-01-01 of a proleptic Gregorian date.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::tm utc_of(int64_t epoch_ms) {
  int64_t secs = epoch_ms >= 0 ? epoch_ms / 1000 : (epoch_ms - 999) / 1000;
  time_t t = static_cast<time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

int millis_of(int64_t epoch_ms) { return static_cast<int>(((epoch_ms % 1000) + 1000) % 1000); }

std::optional<int64_t> parse_iso(std::string_view s) {
  int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
  std::string text(s);
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
    return std::nullopt;
  size_t pos = static_cast<size_t>(n);
  int64_t ms = 0;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == 't' || text[pos] == ' ')) {
    int m2 = 0;
    if (std::sscanf(text.c_str() + pos + 1, "%2d:%2d:%2d%n", &h, &mi, &sec, &m2) != 3)
      return std::nullopt;
    pos += 1 + static_cast<size_t>(m2);
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      int digits = 0;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        if (digits < 3)
          ms = ms * 10 + (text[pos] - '0');
        ++digits;
        ++pos;
      }
      for (; digits < 3; ++digits)
        ms *= 10;
    }
  }
  int64_t offset_min = 0;
  if (pos < text.size()) {
    char c = text[pos];
    if (c == 'Z' || c == 'z') {
      ++pos;
    } else if (c == '+' || c == '-') {
      int oh = 0, om = 0;
      if (std::sscanf(text.c_str() + pos + 1, "%2d:%2d", &oh, &om) < 1)
        return std::nullopt;
      offset_min = (c == '+' ? 1 : -1) * (oh * 60 + om);
      pos = text.size();
    }
  }
  if (pos != text.size() || mo < 1 || mo > 12 || d < 1 || d > 31)
    return std::nullopt;
  int64_t secs = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
                 h * 3600 + mi * 60 + sec - offset_min * 60;
  return secs * 1000 + ms;
}

std::optional<int64_t> parse_rfc822(std::string_view s) {
  static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char wday[8] = {}, mon[8] = {}, zone[8] = {};
  int d, y, h, mi, sec;
  std::string text(s);
  if (std::sscanf(text.c_str(), "%7[A-Za-z], %d %7s %d %d:%d:%d %7s", wday, &d, mon, &y, &h, &mi,
                  &sec, zone) < 7)
    return std::nullopt;
  for (unsigned m = 0; m < 12; ++m)
    if (std::strcmp(mon, months[m]) == 0)
      return (days_from_civil(y, m + 1, static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 +
              sec) *
             1000;
  return std::nullopt;
}
} // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += kBase64[(n >> 6) & 63];
    out += kBase64[n & 63];
  }
  if (i < bytes.size()) {
    uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size())
      n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kBase64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || std::isspace(static_cast<unsigned char>(c)))
      continue;
    const char *p = std::strchr(kBase64, c);
    if (!p || !c)
      return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(p - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

std::optional<int64_t> parse_timestamp(std::string_view text) {
  if (text.empty())
    return std::nullopt;
  bool numeric = true;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != 'e' &&
        c != 'E' && c != '+')
      numeric = false;
  if (numeric && text.find('-') != 4) {
    try {
      return static_cast<int64_t>(std::stod(std::string(text)) * 1000.0 + 0.5);
    } catch (...) {
      return std::nullopt;
    }
  }
  if (auto iso = parse_iso(text))
    return iso;
  return parse_rfc822(text);
}

std::string iso8601_millis(int64_t epoch_ms) {
  std::tm tm = utc_of(epoch_ms);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis_of(epoch_ms));
}

std::string iso8601_wire(int64_t epoch_ms) {
  std::tm tm = utc_of(epoch_ms);
  std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", tm.tm_year + 1900,
                                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  if (int ms = millis_of(epoch_ms))
    out += fmt::format(".{:03}", ms);
  return out + "Z";
}

std::string rfc822(int64_t epoch_ms) {
  static const char *days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm tm = utc_of(epoch_ms);
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT", days[tm.tm_wday], tm.tm_mday,
                     months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

} // namespace cfnlocal::services::endpoint
