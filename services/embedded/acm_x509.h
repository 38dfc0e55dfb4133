#pragma once
/// \file
/// X.509 work of the embedded AWS Certificate Manager (internal to services/embedded/), with
/// OpenSSL: reading an imported certificate's facts, checking its private key, and issuing the
/// PEM of an Amazon-issued certificate from a per-account local certificate authority.

#include "services/embedded/context.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::services::embedded::acm {

/// What ACM shows of a certificate (CertificateDetail's members).
struct CertificateFacts {
  std::string domain_name;                            ///< the subject's CN (else the first SAN)
  std::string subject;                                ///< "CN=example.com,O=..." (RFC 2253 order)
  std::string issuer;                                 ///< the issuer's O (else CN)
  std::string serial;                                 ///< "0a:1b:..." lower-case hex pairs
  std::vector<std::string> subject_alternative_names; ///< DNS names
  std::string key_algorithm;                          ///< "RSA_2048", "EC_prime256v1", ...
  std::string signature_algorithm;                    ///< "SHA256WITHRSA", "SHA256WITHECDSA", ...
  int64_t not_before_ms = 0, not_after_ms = 0;        ///< milliseconds since the epoch
};

/// Reads the first PEM certificate of `pem`. nullopt (with `error` set) when it is not a PEM
/// X.509 certificate or its key type is not one ACM imports (RSA 1024-4096, EC P-256/384/521).
std::optional<CertificateFacts> read_certificate(std::string_view pem, std::string &error);

/// Whether `key_pem` (an unencrypted PEM private key) is the key of `certificate_pem`; `error`
/// says why not.
bool key_matches(std::string_view certificate_pem, std::string_view key_pem, std::string &error);

/// Whether `pem` holds only PEM certificates (a chain); `error` says which part is not.
bool valid_chain(std::string_view pem, std::string &error);

/// A certificate for `domain` and `names` (SANs) with a new key of `key_algorithm`
/// ("RSA_2048", "EC_prime256v1", ...), the given serial (hex pairs) and validity, signed by the
/// account's local "Amazon" certificate authority (created once per state file, kept as the
/// "acm" record kind "authority"). Returns {certificate PEM, chain PEM}.
std::pair<std::string, std::string> issue(Context &c, const std::string &domain,
                                          const std::vector<std::string> &names,
                                          const std::string &key_algorithm,
                                          const std::string &serial, int64_t not_before_ms,
                                          int64_t not_after_ms);

} // namespace cfnlocal::services::embedded::acm
