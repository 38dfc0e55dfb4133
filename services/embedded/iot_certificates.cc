// IoT's X.509 certificates: CreateKeysAndCertificate, CreateCertificateFromCsr,
// RegisterCertificate, RegisterCertificateWithoutCA, DescribeCertificate, UpdateCertificate,
// DeleteCertificate, ListCertificates.
//
// Certificates are real (iot_x509.h): a 2048-bit RSA key pair per CreateKeysAndCertificate, signed
// by a key the region's embedded IoT keeps in the state file, the id the SHA-256 of the DER as in
// AWS. As the AWS IoT API Reference says: a certificate cannot be deleted while ACTIVE
// (CertificateStateException) or attached to a thing or, without forceDelete, to a policy
// (DeleteConflictException); PENDING_TRANSFER and PENDING_ACTIVATION cannot be set by
// UpdateCertificate, and a REVOKED certificate stays revoked. RegisterCertificate checks the
// certificate's signature against caCertificatePem when given, else against the embedded IoT's own
// issuer (there is no RegisterCACertificate here).
#include "services/embedded/iot_common.h"
#include "services/embedded/iot_x509.h"

#include "state/ids.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>

namespace cfnlocal::services::embedded::iot {
namespace {

std::string cert_arn(const Context &c, const std::string &id) { return arn_of(c, "cert/" + id); }

// The private key this region's IoT signs certificates with, made on first use.
std::string issuer_key(Context &c) {
  if (auto issuer = c.store.get_record(kService, "issuer", c.region))
    return (*issuer)["privateKey"];
  KeyPair pair = new_key_pair();
  c.store.put_record(kService, "issuer", c.region, Json{{"privateKey", pair.private_pem}});
  return pair.private_pem;
}

std::string checked_id(const Json &input) {
  std::string id = optional_string(input, "certificateId").value_or("");
  static const re2::RE2 pattern("(0x)?[a-fA-F0-9]+");
  if (id.size() != 64 || !re2::RE2::FullMatch(id, pattern))
    invalid_request(fmt::format("1 validation error detected: Value '{}' at 'certificateId' "
                                "failed to satisfy constraint: Member must have length greater "
                                "than or equal to 64 and match pattern (0x)?[a-fA-F0-9]+",
                                id));
  return id;
}

Json load_certificate(Context &c, const std::string &id) {
  auto cert = c.store.get_record(kService, "certificate", key_of(c, id));
  if (!cert)
    not_found(fmt::format("The certificate {} does not exist", id));
  return *cert;
}

// Stores a certificate (ResourceAlreadyExistsException when its id is taken).
Json add_certificate(Context &c, const std::string &pem, const std::string &status,
                     const std::string &mode, const std::string &ca_id = "") {
  CertificateFacts facts;
  try {
    facts = certificate_facts(pem);
  } catch (const std::invalid_argument &e) {
    throw ServiceError("CertificateValidationException", e.what(), 400);
  }
  if (c.store.get_record(kService, "certificate", key_of(c, facts.id)))
    already_exists(
        fmt::format("The certificate is already provisioned or registered (id: {})", facts.id));
  std::string now = state::now_iso8601();
  Json cert = {{"certificateId", facts.id},
               {"certificatePem", facts.pem},
               {"status", status},
               {"certificateMode", mode},
               {"creationDate", now},
               {"lastModifiedDate", now},
               {"customerVersion", 1},
               {"generationId", state::uuid4()},
               {"validity", {{"notBefore", facts.not_before}, {"notAfter", facts.not_after}}}};
  if (!ca_id.empty())
    cert["caCertificateId"] = ca_id;
  c.store.put_record(kService, "certificate", key_of(c, facts.id), cert);
  return cert;
}

std::string active_or_inactive(const Json &input) {
  return optional_bool(input, "setAsActive") ? "ACTIVE" : "INACTIVE";
}

Json create_keys_and_certificate(Context &c, const Json &input) {
  KeyPair pair = new_key_pair();
  Json cert;
  try {
    cert = add_certificate(c, issue_certificate(pair.private_pem, issuer_key(c)),
                           active_or_inactive(input), "DEFAULT");
  } catch (const std::invalid_argument &e) {
    throw ServiceError("InternalFailureException", e.what(), 500);
  }
  std::string id = cert["certificateId"];
  return Json{{"certificateArn", cert_arn(c, id)},
              {"certificateId", id},
              {"certificatePem", cert["certificatePem"]},
              {"keyPair", {{"PublicKey", pair.public_pem}, {"PrivateKey", pair.private_pem}}}};
}

Json create_certificate_from_csr(Context &c, const Json &input) {
  std::string csr = optional_string(input, "certificateSigningRequest").value_or("");
  if (csr.empty() || csr.size() > 4096)
    invalid_request("certificateSigningRequest must be a PEM-encoded CSR of 1-4096 characters");
  std::string pem;
  try {
    pem = issue_from_csr(csr, issuer_key(c));
  } catch (const std::invalid_argument &e) {
    invalid_request(e.what());
  }
  Json cert = add_certificate(c, pem, active_or_inactive(input), "DEFAULT");
  std::string id = cert["certificateId"];
  return Json{{"certificateArn", cert_arn(c, id)},
              {"certificateId", id},
              {"certificatePem", cert["certificatePem"]}};
}

std::string registered_status(const Json &input) {
  std::string status = optional_string(input, "status").value_or(active_or_inactive(input));
  static const char *kStatuses[] = {"ACTIVE",           "INACTIVE",          "REVOKED",
                                    "PENDING_TRANSFER", "REGISTER_INACTIVE", "PENDING_ACTIVATION"};
  if (std::find(std::begin(kStatuses), std::end(kStatuses), status) == std::end(kStatuses))
    invalid_request(fmt::format("Invalid certificate status: {}", status));
  return status;
}

std::string required_pem(const Json &input, std::string_view member) {
  std::string pem = optional_string(input, member).value_or("");
  if (pem.empty() || pem.size() > 65536)
    invalid_request(
        fmt::format("{} must be a PEM-encoded certificate of 1-65536 characters", member));
  return pem;
}

Json register_certificate(Context &c, const Json &input) {
  std::string pem = required_pem(input, "certificatePem");
  std::string status = registered_status(input);
  std::string ca_id;
  bool valid = false;
  try {
    if (auto ca = optional_string(input, "caCertificatePem"); ca && !ca->empty()) {
      valid = signed_by(pem, *ca, false);
      ca_id = certificate_facts(*ca).id;
    } else {
      valid = signed_by(pem, issuer_key(c), true);
    }
  } catch (const std::invalid_argument &e) {
    throw ServiceError("CertificateValidationException", e.what(), 400);
  }
  if (!valid)
    throw ServiceError("CertificateValidationException",
                       "The certificate is not signed by the given or a registered CA certificate",
                       400);
  Json cert = add_certificate(c, pem, status, "DEFAULT", ca_id);
  std::string id = cert["certificateId"];
  return Json{{"certificateArn", cert_arn(c, id)}, {"certificateId", id}};
}

Json register_certificate_without_ca(Context &c, const Json &input) {
  Json cert = add_certificate(c, required_pem(input, "certificatePem"), registered_status(input),
                              "SNI_ONLY");
  std::string id = cert["certificateId"];
  return Json{{"certificateArn", cert_arn(c, id)}, {"certificateId", id}};
}

Json describe_certificate(Context &c, const Json &input) {
  std::string id = checked_id(input);
  Json cert = load_certificate(c, id);
  Json d = {{"certificateArn", cert_arn(c, id)},
            {"certificateId", id},
            {"status", cert["status"]},
            {"certificatePem", cert["certificatePem"]},
            {"ownedBy", c.account},
            {"creationDate", cert["creationDate"]},
            {"lastModifiedDate", cert["lastModifiedDate"]},
            {"customerVersion", cert["customerVersion"]},
            {"transferData", Json::object()},
            {"generationId", cert["generationId"]},
            {"validity", cert["validity"]},
            {"certificateMode", cert["certificateMode"]}};
  if (cert.contains("caCertificateId"))
    d["caCertificateId"] = cert["caCertificateId"];
  return Json{{"certificateDescription", d}};
}

Json update_certificate(Context &c, const Json &input) {
  std::string id = checked_id(input);
  std::string status = optional_string(input, "newStatus").value_or("");
  Json cert = load_certificate(c, id);
  if (status == "PENDING_TRANSFER" || status == "PENDING_ACTIVATION")
    invalid_request(
        fmt::format("The certificate status cannot be set to {}: IoT sets it itself", status));
  if (status != "ACTIVE" && status != "INACTIVE" && status != "REVOKED" &&
      status != "REGISTER_INACTIVE")
    invalid_request(fmt::format("Invalid newStatus: '{}'", status));
  if (cert["status"] == "REVOKED" && status != "REVOKED")
    throw ServiceError("CertificateStateException",
                       fmt::format("Certificate {} is revoked and cannot change status", id), 406);
  if (cert["status"] == "PENDING_TRANSFER")
    throw ServiceError("CertificateStateException",
                       fmt::format("Certificate {} is pending transfer", id), 406);
  if (cert["status"] != status) {
    cert["status"] = status;
    cert["lastModifiedDate"] = state::now_iso8601();
    cert["customerVersion"] = cert["customerVersion"].get<int64_t>() + 1;
    cert["generationId"] = state::uuid4();
    c.store.put_record(kService, "certificate", key_of(c, id), cert);
  }
  return Json::object();
}

Json delete_certificate(Context &c, const Json &input) {
  std::string id = checked_id(input);
  Json cert = load_certificate(c, id);
  std::string arn = cert_arn(c, id);
  if (cert["status"] == "ACTIVE")
    throw ServiceError(
        "CertificateStateException",
        fmt::format("Certificate must be deactivated (not ACTIVE) before deletion. Id: {}", id),
        406);
  if (!things_of_principal(c, arn).empty())
    throw ServiceError("DeleteConflictException",
                       fmt::format("Things must be detached before deletion (arn: {})", arn), 409);
  auto policies = policies_of_target(c, arn);
  if (!policies.empty() && !optional_bool(input, "forceDelete"))
    throw ServiceError(
        "DeleteConflictException",
        fmt::format("Certificate policies must be detached before deletion (arn: {})", arn), 409);
  for (const auto &policy : policies)
    c.store.delete_record(kService, "policy-target", link_key(c, policy, arn));
  c.store.delete_record(kService, "certificate", key_of(c, id));
  return Json::object();
}

Json list_certificates(Context &c, const Json &input) {
  std::vector<Json> certs;
  for (const auto &[key, cert] : c.store.list_records(kService, "certificate", c.region + ":"))
    certs.push_back(cert);
  bool ascending = optional_bool(input, "ascendingOrder");
  std::stable_sort(certs.begin(), certs.end(), [&](const Json &a, const Json &b) {
    return ascending ? a["creationDate"] < b["creationDate"]
                     : b["creationDate"] < a["creationDate"];
  });
  std::vector<Json> items;
  for (const auto &cert : certs) {
    std::string id = cert["certificateId"];
    items.push_back({{"certificateArn", cert_arn(c, id)},
                     {"certificateId", id},
                     {"status", cert["status"]},
                     {"certificateMode", cert["certificateMode"]},
                     {"creationDate", cert["creationDate"]}});
  }
  return page_of(items, input, "certificates", "pageSize", "marker", "nextMarker", 25, 250);
}

} // namespace

void add_certificate_handlers(HandlerTable &table) {
  table.insert({
      {"CreateKeysAndCertificate", create_keys_and_certificate},
      {"CreateCertificateFromCsr", create_certificate_from_csr},
      {"RegisterCertificate", register_certificate},
      {"RegisterCertificateWithoutCA", register_certificate_without_ca},
      {"DescribeCertificate", describe_certificate},
      {"UpdateCertificate", update_certificate},
      {"DeleteCertificate", delete_certificate},
      {"ListCertificates", list_certificates},
  });
}

} // namespace cfnlocal::services::embedded::iot
