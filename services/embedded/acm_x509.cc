#include "services/embedded/acm_x509.h"

#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>

namespace cfnlocal::services::embedded::acm {
namespace {

template <typename T, void (*Free)(T *)> struct Deleter {
  void operator()(T *p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Certificate = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

Bio bio_of(std::string_view text) {
  return Bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

Certificate read_x509(std::string_view pem) {
  Bio bio = bio_of(pem);
  return Certificate(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

Key read_key(std::string_view pem) {
  Bio bio = bio_of(pem);
  return Key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

std::string text_of(BIO *bio) {
  char *data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(size));
}

std::string pem_of(X509 *cert) {
  Bio out(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(out.get(), cert);
  return text_of(out.get());
}

int64_t ms_of(const ASN1_TIME *t) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
    return 0;
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

std::string name_entry(X509_NAME *name, int nid) {
  int i = X509_NAME_get_index_by_NID(name, nid, -1);
  if (i < 0)
    return "";
  ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
  unsigned char *utf8 = nullptr;
  int n = ASN1_STRING_to_UTF8(&utf8, data);
  if (n < 0)
    return "";
  std::string out(reinterpret_cast<char *>(utf8), static_cast<size_t>(n));
  OPENSSL_free(utf8);
  return out;
}

std::string rfc2253(X509_NAME *name) {
  Bio out(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(out.get(), name, 0, XN_FLAG_RFC2253);
  return text_of(out.get());
}

// "RSA_2048", "EC_prime256v1", ...; "" for a key ACM does not take.
std::string key_algorithm_of(EVP_PKEY *key) {
  int bits = EVP_PKEY_get_bits(key);
  if (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA)
    return bits == 1024 || bits == 2048 || bits == 3072 || bits == 4096
               ? fmt::format("RSA_{}", bits)
               : "";
  if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC) {
    char curve[64] = {0};
    size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, "group", curve, sizeof curve, &len) != 1)
      return "";
    std::string name(curve, len);
    if (name == "prime256v1" || name == "secp384r1" || name == "secp521r1")
      return "EC_" + name;
  }
  return "";
}

std::string signature_algorithm_of(X509 *cert) {
  switch (X509_get_signature_nid(cert)) {
  case NID_sha256WithRSAEncryption:
    return "SHA256WITHRSA";
  case NID_sha384WithRSAEncryption:
    return "SHA384WITHRSA";
  case NID_sha512WithRSAEncryption:
    return "SHA512WITHRSA";
  case NID_sha1WithRSAEncryption:
    return "SHA1WITHRSA";
  case NID_ecdsa_with_SHA256:
    return "SHA256WITHECDSA";
  case NID_ecdsa_with_SHA384:
    return "SHA384WITHECDSA";
  case NID_ecdsa_with_SHA512:
    return "SHA512WITHECDSA";
  default:
    return OBJ_nid2sn(X509_get_signature_nid(cert));
  }
}

Key new_key(const std::string &algorithm) {
  if (algorithm.starts_with("RSA_"))
    return Key(EVP_RSA_gen(static_cast<unsigned>(std::stoi(algorithm.substr(4)))));
  std::string curve = algorithm.substr(3);
  return Key(EVP_EC_gen(curve.c_str()));
}

void add_extension(X509 *cert, X509 *issuer, int nid, const std::string &value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext) {
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
  }
}

void set_name(X509_NAME *name, const char *field, const std::string &value) {
  X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char *>(value.c_str()), -1, -1, 0);
}

[[noreturn]] void internal(const char *what) {
  throw ServiceError("InternalFailure", fmt::format("ACM could not {}", what), 500);
}

// The account's local authority: {certificate PEM, key PEM}, created on first use.
std::pair<std::string, std::string> authority(Context &c) {
  std::string key = c.region + ":" + c.account;
  if (auto r = c.store.get_record("acm", "authority", key))
    return {r->value("Certificate", ""), r->value("PrivateKey", "")};
  Key ca_key(EVP_RSA_gen(2048));
  Certificate ca(X509_new());
  if (!ca_key || !ca)
    internal("create its local certificate authority");
  X509_set_version(ca.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(ca.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(ca.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(ca.get()), 10L * 365 * 24 * 3600);
  X509_set_pubkey(ca.get(), ca_key.get());
  X509_NAME *name = X509_get_subject_name(ca.get());
  set_name(name, "C", "US");
  set_name(name, "O", "Amazon");
  set_name(name, "CN", "Amazon RSA 2048 M03 (cfnlocal)");
  X509_set_issuer_name(ca.get(), name);
  add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
  add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature");
  if (X509_sign(ca.get(), ca_key.get(), EVP_sha256()) == 0)
    internal("sign its local certificate authority");
  Bio key_out(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(key_out.get(), ca_key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  std::pair<std::string, std::string> out{pem_of(ca.get()), text_of(key_out.get())};
  c.store.put_record("acm", "authority", key,
                     Json{{"Certificate", out.first}, {"PrivateKey", out.second}});
  return out;
}

} // namespace

std::optional<CertificateFacts> read_certificate(std::string_view pem, std::string &error) {
  Certificate cert = read_x509(pem);
  if (!cert) {
    error = "The certificate is not a PEM-encoded X.509 certificate";
    return std::nullopt;
  }
  CertificateFacts f;
  Key key(X509_get_pubkey(cert.get()));
  f.key_algorithm = key ? key_algorithm_of(key.get()) : "";
  if (f.key_algorithm.empty()) {
    error = "The certificate's key algorithm is not supported: ACM imports RSA keys of 1024, "
            "2048, 3072 or 4096 bits and EC keys on P-256, P-384 or P-521";
    return std::nullopt;
  }
  X509_NAME *subject = X509_get_subject_name(cert.get());
  f.subject = rfc2253(subject);
  X509_NAME *issuer = X509_get_issuer_name(cert.get());
  f.issuer = name_entry(issuer, NID_organizationName);
  if (f.issuer.empty())
    f.issuer = name_entry(issuer, NID_commonName);
  auto *names = static_cast<GENERAL_NAMES *>(
      X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr));
  if (names) {
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
      const GENERAL_NAME *n = sk_GENERAL_NAME_value(names, i);
      if (n->type == GEN_DNS)
        f.subject_alternative_names.emplace_back(
            reinterpret_cast<const char *>(ASN1_STRING_get0_data(n->d.dNSName)),
            static_cast<size_t>(ASN1_STRING_length(n->d.dNSName)));
    }
    GENERAL_NAMES_free(names);
  }
  f.domain_name = name_entry(subject, NID_commonName);
  if (f.domain_name.empty() && !f.subject_alternative_names.empty())
    f.domain_name = f.subject_alternative_names.front();
  BIGNUM *serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr);
  char *hex = serial ? BN_bn2hex(serial) : nullptr;
  std::string digits = hex ? hex : "";
  OPENSSL_free(hex);
  BN_free(serial);
  if (digits.size() % 2)
    digits = "0" + digits;
  for (size_t i = 0; i < digits.size(); i += 2) {
    if (i)
      f.serial += ':';
    f.serial += static_cast<char>(std::tolower(digits[i]));
    f.serial += static_cast<char>(std::tolower(digits[i + 1]));
  }
  f.signature_algorithm = signature_algorithm_of(cert.get());
  f.not_before_ms = ms_of(X509_get0_notBefore(cert.get()));
  f.not_after_ms = ms_of(X509_get0_notAfter(cert.get()));
  return f;
}

bool key_matches(std::string_view certificate_pem, std::string_view key_pem, std::string &error) {
  Certificate cert = read_x509(certificate_pem);
  Key key = read_key(key_pem);
  if (!key) {
    error = "The private key is not a PEM-encoded unencrypted private key";
    return false;
  }
  if (!cert || X509_check_private_key(cert.get(), key.get()) != 1) {
    error = "The private key does not match the certificate's public key";
    return false;
  }
  return true;
}

bool valid_chain(std::string_view pem, std::string &error) {
  Bio bio = bio_of(pem);
  int count = 0;
  while (true) {
    Certificate cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert)
      break;
    ++count;
  }
  if (count == 0) {
    error = "The certificate chain is not a sequence of PEM-encoded X.509 certificates";
    return false;
  }
  return true;
}

std::pair<std::string, std::string> issue(Context &c, const std::string &domain,
                                          const std::vector<std::string> &names,
                                          const std::string &key_algorithm,
                                          const std::string &serial, int64_t not_before_ms,
                                          int64_t not_after_ms) {
  auto [ca_pem, ca_key_pem] = authority(c);
  Certificate ca = read_x509(ca_pem);
  Key ca_key = read_key(ca_key_pem);
  Key key = new_key(key_algorithm);
  Certificate cert(X509_new());
  if (!ca || !ca_key || !key || !cert)
    internal("generate the certificate's key");
  X509_set_version(cert.get(), 2);
  std::string digits;
  for (char ch : serial)
    if (ch != ':')
      digits += ch;
  BIGNUM *bn = nullptr;
  BN_hex2bn(&bn, digits.c_str());
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(not_before_ms / 1000));
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(not_after_ms / 1000));
  X509_set_pubkey(cert.get(), key.get());
  set_name(X509_get_subject_name(cert.get()), "CN", domain);
  X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.get()));
  std::string sans;
  for (const auto &n : names)
    sans += (sans.empty() ? "DNS:" : ",DNS:") + n;
  if (!sans.empty())
    add_extension(cert.get(), ca.get(), NID_subject_alt_name, sans);
  add_extension(cert.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert.get(), ca.get(), NID_key_usage,
                key_algorithm.starts_with("RSA") ? "critical,digitalSignature,keyEncipherment"
                                                 : "critical,digitalSignature");
  add_extension(cert.get(), ca.get(), NID_ext_key_usage, "serverAuth,clientAuth");
  if (X509_sign(cert.get(), ca_key.get(), EVP_sha256()) == 0)
    internal("sign the certificate");
  return {pem_of(cert.get()), ca_pem};
}

} // namespace cfnlocal::services::embedded::acm
