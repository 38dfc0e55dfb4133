#pragma once
/// \file
/// AWS Signature Version 4 (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html,
/// "Create a signed AWS API request"), HMAC-SHA256 and SHA-256 from OpenSSL.

#include "services/digest.h"
#include "services/endpoint/http_message.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace cfnlocal::services::endpoint {

/// An access key pair, with the session token of temporary credentials ("" otherwise).
struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
};

/// Raw HMAC-SHA256(`key`, `data`) (32 bytes).
std::string hmac_sha256(std::string_view key, std::string_view data);

/// How a service wants its requests signed.
struct SigningOptions {
  std::string region;  ///< credential scope region ("us-east-1")
  std::string service; ///< credential scope service: the model's signingName ("s3", "ssm")
  /// S3's variant: the canonical URI is the path as sent (no second encoding, no
  /// normalisation) and the payload hash travels in x-amz-content-sha256.
  bool s3 = false;
};

/// The canonical request of `request` (SigV4 task 1) over the headers in `signed_headers`
/// (lowercase names, sorted, ';'-joined) with `payload_hash`.
std::string canonical_request(const HttpRequest &request, const std::string &signed_headers,
                              const std::string &payload_hash, bool s3);

/// Signs `request` in place at `epoch_seconds`: sets Host (from request.host) and X-Amz-Date,
/// X-Amz-Security-Token when the credentials have a session token, x-amz-content-sha256 for S3,
/// then Authorization over every header but User-Agent and Expect.
void sign_v4(HttpRequest &request, const Credentials &credentials, const SigningOptions &options,
             int64_t epoch_seconds);

} // namespace cfnlocal::services::endpoint
