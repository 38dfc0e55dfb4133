// The client certificates of the embedded API Gateway REST control plane (Amazon API Gateway
// REST API Reference: GenerateClientCertificate, GetClientCertificate(s),
// UpdateClientCertificate, DeleteClientCertificate). Each is a real self-signed X.509
// certificate (RSA 2048, valid 365 days) whose PEM API Gateway hands out so that a backend can
// check that calls come from API Gateway. Kind "clientcertificate", key "REGION:ID".
#include "services/embedded/apigateway_common.h"
#include "services/embedded/shape_checks.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>
#include <random>

namespace cfnlocal::services::embedded::apigateway {
namespace {

constexpr std::string_view kKind = "clientcertificate";

template <typename T, void (*Free)(T *)> struct Deleter {
  void operator()(T *p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Certificate = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

std::string iso_at(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

// A self-signed certificate for `id`, PEM-encoded, and its expiry (seconds since the epoch).
std::pair<std::string, std::time_t> self_signed(const std::string &id) {
  Key key(EVP_RSA_gen(2048));
  Certificate cert(X509_new());
  if (!key || !cert)
    throw ServiceError("InternalFailure", "could not generate the client certificate's key", 500);
  X509_set_version(cert.get(), 2);
  std::random_device random;
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(random() & 0x7fffffff));
  constexpr long kValidity = 365L * 24 * 3600;
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValidity);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME *name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char *>(id.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
    throw ServiceError("InternalFailure", "could not sign the client certificate", 500);
  Bio out(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(out.get(), cert.get());
  char *data = nullptr;
  long size = BIO_get_mem_data(out.get(), &data);
  return {std::string(data, static_cast<size_t>(size)), std::time(nullptr) + kValidity};
}

Json load_certificate(Context &c, const Json &input) {
  std::string id = input.value("clientCertificateId", "");
  auto record = id.empty() ? std::nullopt : c.store.get_record(kService, kKind, key_of(c, id));
  if (!record)
    not_found("Invalid Client Certificate identifier specified");
  return *record;
}

Json generate_client_certificate(Context &c, const Json &input) {
  std::string id = new_id().substr(0, 6);
  auto [pem, expires] = self_signed(id);
  Json certificate = {{"clientCertificateId", id},
                      {"pemEncodedCertificate", pem},
                      {"createdDate", iso_now()},
                      {"expirationDate", iso_at(expires)},
                      {"tags", read_tag_map(input)}};
  copy_members(certificate, input, {"description"});
  c.store.put_record(kService, kKind, key_of(c, id), certificate);
  return certificate;
}

Json get_client_certificate(Context &c, const Json &input) { return load_certificate(c, input); }

Json get_client_certificates(Context &c, const Json &) {
  Json items = Json::array();
  for (const auto &[key, record] : c.store.list_records(kService, kKind, c.region + ":"))
    items.push_back(record);
  return {{"items", items}};
}

Json update_client_certificate(Context &c, const Json &input) {
  Json certificate = load_certificate(c, input);
  apply_patch(certificate, input, {"description"});
  c.store.put_record(kService, kKind,
                     key_of(c, certificate["clientCertificateId"].get<std::string>()), certificate);
  return certificate;
}

Json delete_client_certificate(Context &c, const Json &input) {
  Json certificate = load_certificate(c, input);
  c.store.delete_record(kService, kKind,
                        key_of(c, certificate["clientCertificateId"].get<std::string>()));
  return Json::object();
}

} // namespace

void add_certificate_handlers(HandlerTable &t) {
  t.insert({{"GenerateClientCertificate", generate_client_certificate},
            {"GetClientCertificate", get_client_certificate},
            {"GetClientCertificates", get_client_certificates},
            {"UpdateClientCertificate", update_client_certificate},
            {"DeleteClientCertificate", delete_client_certificate}});
}

} // namespace cfnlocal::services::embedded::apigateway
