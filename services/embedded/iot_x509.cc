#include "services/embedded/iot_x509.h"

#include "services/digest.h"

#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>
#include <stdexcept>

namespace cfnlocal::services::embedded::iot {
namespace {

struct Free {
  void operator()(BIO *p) const { BIO_free(p); }
  void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
  void operator()(X509 *p) const { X509_free(p); }
  void operator()(X509_REQ *p) const { X509_REQ_free(p); }
  void operator()(X509_NAME *p) const { X509_NAME_free(p); }
  void operator()(BIGNUM *p) const { BN_free(p); }
};
template <class T> using Owned = std::unique_ptr<T, Free>;

[[noreturn]] void fail(const std::string &what) {
  unsigned long code = ERR_get_error();
  char detail[256] = "";
  if (code)
    ERR_error_string_n(code, detail, sizeof detail);
  ERR_clear_error();
  throw std::invalid_argument(code ? what + " (" + detail + ")" : what);
}

Owned<BIO> read_bio(const std::string &text) {
  return Owned<BIO>(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

std::string bio_text(BIO *bio) {
  char *data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(n));
}

Owned<EVP_PKEY> private_key(const std::string &pem) {
  auto bio = read_bio(pem);
  Owned<EVP_PKEY> key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key)
    fail("The private key is not valid PEM");
  return key;
}

// A private or public key PEM as a key (the public half is what a certificate needs).
Owned<EVP_PKEY> any_key(const std::string &pem) {
  if (pem.find("PRIVATE KEY") != std::string::npos)
    return private_key(pem);
  auto bio = read_bio(pem);
  Owned<EVP_PKEY> key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!key)
    fail("The public key is not valid PEM");
  return key;
}

Owned<X509> read_certificate(const std::string &pem) {
  auto bio = read_bio(pem);
  Owned<X509> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert)
    fail("The certificate is not a valid PEM-encoded X.509 certificate");
  return cert;
}

std::string pem_of(X509 *cert) {
  Owned<BIO> out(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(out.get(), cert);
  return bio_text(out.get());
}

Owned<X509_NAME> name_of(std::initializer_list<std::pair<const char *, const char *>> parts) {
  Owned<X509_NAME> name(X509_NAME_new());
  for (const auto &[field, value] : parts)
    X509_NAME_add_entry_by_txt(name.get(), field, MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(value), -1, -1, 0);
  return name;
}

// Subject, key and issuer as AWS IoT signs them.
std::string sign(X509_NAME *subject, EVP_PKEY *subject_key, const std::string &issuer_pem) {
  Owned<EVP_PKEY> issuer_key = private_key(issuer_pem);
  Owned<X509> cert(X509_new());
  X509_set_version(cert.get(), 2);
  unsigned char serial[20];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7f; // a positive serial number
  Owned<BIGNUM> bn(BN_bin2bn(serial, sizeof serial, nullptr));
  BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get()));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  ASN1_TIME_set_string(X509_getm_notAfter(cert.get()), "491231235959Z");
  X509_set_subject_name(cert.get(), subject);
  auto issuer =
      name_of({{"OU", "Amazon Web Services O=Amazon.com Inc. L=Seattle ST=Washington C=US"}});
  X509_set_issuer_name(cert.get(), issuer.get());
  X509_set_pubkey(cert.get(), subject_key);
  if (X509_sign(cert.get(), issuer_key.get(), EVP_sha256()) <= 0)
    fail("The certificate could not be signed");
  return pem_of(cert.get());
}

std::string iso_of(const ASN1_TIME *time) {
  std::tm tm{};
  if (!ASN1_TIME_to_tm(time, &tm))
    return "";
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.000Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

} // namespace

KeyPair new_key_pair() {
  Owned<EVP_PKEY> key(EVP_RSA_gen(2048));
  if (!key)
    fail("An RSA key pair could not be generated");
  Owned<BIO> priv(BIO_new(BIO_s_mem())), pub(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey_traditional(priv.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr);
  PEM_write_bio_PUBKEY(pub.get(), key.get());
  return {bio_text(priv.get()), bio_text(pub.get())};
}

std::string issue_certificate(const std::string &subject_key_pem,
                              const std::string &issuer_private_pem) {
  Owned<EVP_PKEY> key = any_key(subject_key_pem);
  auto subject = name_of({{"CN", "AWS IoT Certificate"}});
  return sign(subject.get(), key.get(), issuer_private_pem);
}

std::string issue_from_csr(const std::string &csr_pem, const std::string &issuer_private_pem) {
  auto bio = read_bio(csr_pem);
  Owned<X509_REQ> request(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
  if (!request)
    fail("The certificate signing request is not a valid PEM-encoded PKCS#10 request");
  Owned<EVP_PKEY> key(X509_REQ_get_pubkey(request.get()));
  if (!key || X509_REQ_verify(request.get(), key.get()) != 1)
    fail("The certificate signing request's signature does not verify");
  return sign(X509_REQ_get_subject_name(request.get()), key.get(), issuer_private_pem);
}

CertificateFacts certificate_facts(const std::string &pem) {
  Owned<X509> cert = read_certificate(pem);
  unsigned char *der = nullptr;
  int n = i2d_X509(cert.get(), &der);
  if (n <= 0)
    fail("The certificate could not be encoded");
  std::string bytes(reinterpret_cast<char *>(der), static_cast<size_t>(n));
  OPENSSL_free(der);
  return {sha256_hex(bytes), iso_of(X509_get0_notBefore(cert.get())),
          iso_of(X509_get0_notAfter(cert.get())), pem_of(cert.get())};
}

bool signed_by(const std::string &certificate_pem, const std::string &ca_pem,
               bool ca_is_private_key) {
  Owned<X509> cert = read_certificate(certificate_pem);
  Owned<EVP_PKEY> key;
  if (ca_is_private_key) {
    key = private_key(ca_pem);
  } else {
    Owned<X509> ca = read_certificate(ca_pem);
    key.reset(X509_get_pubkey(ca.get()));
  }
  bool ok = key && X509_verify(cert.get(), key.get()) == 1;
  ERR_clear_error();
  return ok;
}

} // namespace cfnlocal::services::embedded::iot
