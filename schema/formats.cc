#include "schema/formats.h"

#include "schema/pattern.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdint>

namespace cfnlocal::schema {
namespace {

struct IdentifierFormat {
  std::string_view name;
  std::string_view rule;
  std::string_view pattern;
};

// The identifier formats and the patterns cfn-lint reports for them.
constexpr IdentifierFormat kIdentifierFormats[] = {
    {"AWS::EC2::SecurityGroup.Id", "E1150", R"(^sg-([a-fA-F0-9]{8}|[a-fA-F0-9]{17})$)"},
    {"AWS::EC2::VPC.Id", "E1151", R"(^vpc-(([0-9A-Fa-f]{8})|([0-9A-Fa-f]{17}))$)"},
    {"AWS::EC2::Image.Id", "E1152", R"(^ami-([0-9a-z]{8}|[0-9a-z]{17})$)"},
    {"AWS::EC2::Subnet.Id", "E1154", R"(^subnet-(([0-9A-Fa-f]{8})|([0-9A-Fa-f]{17}))$)"},
    {"AWS::IAM::Role.Arn", "E1156", R"(^arn:aws[a-zA-Z-]*:iam::\d{12}:role/.+$)"},
    {"AWS::KMS::Key.Arn", "E1157", R"(^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)/.+$)"},
    {"AWS::SNS::Topic.Arn", "E1158", R"(^arn:aws[a-zA-Z-]*:sns:[a-z0-9-]+:\d{12}:.+$)"},
    {"AWS::ACM::Certificate.Arn", "E1159",
     R"(^arn:aws[a-zA-Z-]*:acm:[a-z0-9-]+:\d{12}:certificate/.+$)"},
    {"AWS::Lambda::Function.Arn", "E1160",
     R"(^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:.+(:.+)?$)"},
    {"AWS::KMS::Key.Id", "E1162",
     R"(^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias/[a-zA-Z0-9/_-]+)$)"},
    {"AWS::KMS::Alias.AliasName", "E1164", R"(^alias/[a-zA-Z0-9:/_-]+$)"},
};

// The S3 bucket name pattern has lookarounds RE2 lacks: checked in code, reported as written.
constexpr std::string_view kBucketNamePattern =
    R"(^(?![.\-])(?!.*\.\.)(?!.*\-\.)(?!.*\.\-)[a-z0-9.\-]{3,63}(?<![.\-])$)";

bool is_bucket_name(std::string_view s) {
  if (s.size() < 3 || s.size() > 63)
    return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'))
      return false;
  auto edge = [](char c) { return c == '.' || c == '-'; };
  if (edge(s.front()) || edge(s.back()))
    return false;
  return s.find("..") == std::string_view::npos && s.find("-.") == std::string_view::npos &&
         s.find(".-") == std::string_view::npos;
}

// Python's repr of a pattern string doubles its backslashes.
std::string repr_pattern(std::string_view pattern) {
  std::string out;
  for (char c : pattern) {
    out += c;
    if (c == '\\')
      out += '\\';
  }
  return out;
}

// An address with an optional "/prefix" whose host bits are zero (a strict network).
bool is_network(std::string_view text, int family) {
  const int bits = family == AF_INET ? 32 : 128;
  std::string_view address = text;
  int prefix = bits;
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    address = text.substr(0, slash);
    std::string_view digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3)
      return false;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (ec != std::errc() || end != digits.data() + digits.size() || prefix < 0 || prefix > bits)
      return false;
  }
  std::array<unsigned char, 16> bytes{};
  if (inet_pton(family, std::string(address).c_str(), bytes.data()) != 1)
    return false;
  for (int bit = prefix; bit < bits; ++bit)
    if (bytes[bit / 8] & (0x80 >> (bit % 8)))
      return false;
  return true;
}

bool digits_at(std::string_view s, size_t pos, size_t count) {
  if (pos + count > s.size())
    return false;
  for (size_t i = pos; i < pos + count; ++i)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return true;
}

int number_at(std::string_view s, size_t pos, size_t count) {
  int n = 0;
  for (size_t i = pos; i < pos + count; ++i)
    n = n * 10 + (s[i] - '0');
  return n;
}

// RFC 3339 date-time: YYYY-MM-DD('T'|'t'|' ')hh:mm:ss(.frac)?('Z'|'z'|(+|-)hh:mm).
bool is_date_time(std::string_view s) {
  if (!digits_at(s, 0, 4) || s.size() < 20 || s[4] != '-' || !digits_at(s, 5, 2) || s[7] != '-' ||
      !digits_at(s, 8, 2))
    return false;
  int month = number_at(s, 5, 2), day = number_at(s, 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31)
    return false;
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
    return false;
  if (!digits_at(s, 11, 2) || s[13] != ':' || !digits_at(s, 14, 2) || s[16] != ':' ||
      !digits_at(s, 17, 2))
    return false;
  if (number_at(s, 11, 2) > 23 || number_at(s, 14, 2) > 59 || number_at(s, 17, 2) > 60)
    return false;
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
      ++pos;
    if (pos == start)
      return false;
  }
  std::string_view zone = s.substr(pos);
  if (zone == "Z" || zone == "z")
    return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits_at(zone, 1, 2) &&
         zone[3] == ':' && digits_at(zone, 4, 2) && number_at(zone, 1, 2) <= 23 &&
         number_at(zone, 4, 2) <= 59;
}

} // namespace

std::optional<FormatFailure> check_format(std::string_view format, std::string_view text) {
  auto not_a = [&](std::string_view rule) {
    return FormatFailure{std::string(rule), fmt::format("'{}' is not a '{}'", text, format)};
  };
  if (format == "ipv4-network")
    return is_network(text, AF_INET) ? std::nullopt : std::optional(not_a("E3002"));
  if (format == "ipv6-network")
    return is_network(text, AF_INET6) ? std::nullopt : std::optional(not_a("E3002"));
  if (format == "date-time")
    return is_date_time(text) ? std::nullopt : std::optional(not_a("E3002"));
  if (format == "AWS::S3::Bucket.Name") {
    if (is_bucket_name(text))
      return std::nullopt;
    return FormatFailure{"E1161", fmt::format("'{}' is not a '{}' with pattern '{}'", text, format,
                                              repr_pattern(kBucketNamePattern))};
  }
  for (const auto &f : kIdentifierFormats)
    if (f.name == format) {
      if (pattern_search(f.pattern, text))
        return std::nullopt;
      return FormatFailure{std::string(f.rule), fmt::format("'{}' is not a '{}' with pattern '{}'",
                                                            text, format, repr_pattern(f.pattern))};
    }
  return std::nullopt;
}

} // namespace cfnlocal::schema
