// Message digests as lowercase hex: content hashes for ids, ETags, code checksums and SigV4.
#pragma once

#include <string>
#include <string_view>

namespace cfnlocal::services {

/// SHA-256 of `data` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);
/// SHA-1 of `data` as 40 lowercase hex digits (git's object ids).
std::string sha1_hex(std::string_view data);
/// MD5 of `data` as 32 lowercase hex digits (S3 ETags, Content-MD5).
std::string md5_hex(std::string_view data);

} // namespace cfnlocal::services
