#pragma once
/// \file
/// The X.509 work of the embedded AWS IoT (OpenSSL; internal to services/embedded/): RSA key
/// pairs, certificates issued as AWS IoT issues them (subject "CN=AWS IoT Certificate" or the
/// CSR's subject, issuer "OU=Amazon Web Services O=Amazon.com Inc. L=Seattle ST=Washington
/// C=US", valid until 2049-12-31T23:59:59Z, SHA-256 with RSA), and the facts IoT reports about
/// a certificate (its id is the SHA-256 of its DER encoding, as AWS IoT's certificate ids are).
/// Errors: std::invalid_argument with a message for PEM text that does not parse or verify.

#include <string>

namespace cfnlocal::services::embedded::iot {

/// A new 2048-bit RSA key pair as PEM: the private key in PKCS#1 ("BEGIN RSA PRIVATE KEY", as
/// CreateKeysAndCertificate returns it) and the public key as SubjectPublicKeyInfo ("BEGIN
/// PUBLIC KEY").
struct KeyPair {
  std::string private_pem;
  std::string public_pem;
};
KeyPair new_key_pair();

/// A certificate for the public key of `subject_key_pem` (a private key or a public key PEM),
/// signed with `issuer_private_pem`, as PEM.
std::string issue_certificate(const std::string &subject_key_pem,
                              const std::string &issuer_private_pem);
/// A certificate for a PEM certificate signing request (its signature checked; its subject
/// kept), signed with `issuer_private_pem`.
std::string issue_from_csr(const std::string &csr_pem, const std::string &issuer_private_pem);

/// What IoT reports about a PEM certificate.
struct CertificateFacts {
  std::string id;         ///< SHA-256 of the DER encoding, 64 lowercase hex digits
  std::string not_before; ///< ISO 8601 UTC ("2026-12-05T01:00:00.000Z")
  std::string not_after;
  std::string pem; ///< normalised PEM text
};
CertificateFacts certificate_facts(const std::string &pem);

/// Whether `certificate_pem` is signed by the key of `ca_certificate_pem` (a certificate) or,
/// when `ca_is_private_key`, by that private key.
bool signed_by(const std::string &certificate_pem, const std::string &ca_pem,
               bool ca_is_private_key);

} // namespace cfnlocal::services::embedded::iot
