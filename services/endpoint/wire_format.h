#pragma once
/// \file
/// Text encodings the AWS protocols share: RFC 3986 percent-encoding as SigV4 defines it,
/// base64, and the three timestamp formats (iso8601, rfc822, unixTimestamp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::services::endpoint {

/// Percent-encodes every byte except the unreserved set (A-Z a-z 0-9 - _ . ~); with
/// `keep_slash`, '/' stays too (URI paths, greedy labels such as S3 keys).
std::string uri_encode(std::string_view text, bool keep_slash = false);

std::string base64_encode(std::string_view bytes);
/// Decodes base64 (padding optional, whitespace ignored); nullopt on a bad character.
std::optional<std::string> base64_decode(std::string_view text);

/// Milliseconds since the Unix epoch from ISO 8601 ("2015-08-30T12:36:00Z",
/// "2015-08-30T12:36:00.123+02:00"), RFC 822 ("Sun, 30 Aug 2015 12:36:00 GMT") or a decimal
/// number of seconds ("1440938160.5"). nullopt when the text is none of these.
std::optional<int64_t> parse_timestamp(std::string_view text);
/// "2015-08-30T12:36:00.000Z": the seam's timestamp format (embedded_backend.h).
std::string iso8601_millis(int64_t epoch_ms);
/// "2015-08-30T12:36:00Z" (milliseconds only when not zero): the query/XML wire format.
std::string iso8601_wire(int64_t epoch_ms);
/// "Sun, 30 Aug 2015 12:36:00 GMT": the header format.
std::string rfc822(int64_t epoch_ms);

} // namespace cfnlocal::services::endpoint
