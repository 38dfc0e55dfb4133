#pragma once
/// \file
/// Scalar conversions between the backend seam's JSON (services/backend.h; timestamps as ISO 8601
/// strings with milliseconds, blobs as base64 text except streaming payloads) and each
/// protocol's wire text, directed by a botocore shape.

#include "parser/json.h"
#include "services/endpoint/service_model.h"

#include <optional>
#include <string>

namespace cfnlocal::services::endpoint {

/// botocore's timestampFormat names.
enum class TimeFormat { Iso8601, Rfc822, UnixTimestamp };

/// The shape's "type" ("structure", "list", "map", "string", "timestamp", ...).
std::string shape_type(const ModelJson &shape);

/// The format a value travels in: the member reference's or the shape's timestampFormat, else
/// `fallback` (the protocol's default for where it travels).
TimeFormat time_format(const ModelJson *ref, const ModelJson &shape, TimeFormat fallback);

/// Milliseconds since the epoch of a seam timestamp: a number of seconds, or text
/// parse_timestamp reads. nullopt otherwise.
std::optional<int64_t> timestamp_of(const Json &value);

/// A scalar's wire text: strings as they are, booleans "true"/"false", numbers in decimal,
/// timestamps in `format`, blobs as base64 (a JSON binary value is encoded; text is taken to be
/// base64 already).
std::string scalar_text(const Json &value, const ModelJson &shape, TimeFormat format);

/// A scalar from wire text: integers/longs and floats/doubles as numbers, booleans as bools,
/// timestamps as ISO 8601 with milliseconds, the rest as strings. Text that does not parse as its
/// type stays a string.
Json scalar_from_text(const std::string &text, const ModelJson &shape);

/// The name a member travels under: its reference's locationName, else `member_name`.
std::string wire_name(const ModelJson &ref, const std::string &member_name);

/// True when the reference or the shape says "flattened" (XML lists and maps without wrapper).
bool is_flattened(const ModelJson &ref, const ModelJson &shape);

/// Sets top-level members marked idempotencyToken that `input` lacks to a fresh UUID, as the
/// SDKs do.
void fill_idempotency_tokens(const ServiceModel &model, const ModelJson &input_shape, Json &input);

} // namespace cfnlocal::services::endpoint
