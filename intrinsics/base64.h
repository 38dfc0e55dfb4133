#pragma once
/// \file
/// Base64 (RFC 4648, with padding) for Fn::Base64.

#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::intrinsics {

/// Encodes bytes as standard Base64 with '=' padding ("Hello" gives "SGVsbG8=").
std::string base64_encode(std::string_view bytes);

/// Decodes standard Base64 (padding optional, no whitespace); nullopt on invalid input.
std::optional<std::string> base64_decode(std::string_view text);

} // namespace cfnlocal::intrinsics
