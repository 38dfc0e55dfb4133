// The embedded AWS Certificate Manager (ACM API Reference; botocore acm/2015-12-08, JSON 1.1):
// RequestCertificate, ImportCertificate, DescribeCertificate, GetCertificate, ListCertificates,
// DeleteCertificate, UpdateCertificateOptions, AddTagsToCertificate, RemoveTagsFromCertificate,
// ListTagsForCertificate. Records: kind "certificate" keyed by the certificate ARN
// (CertificateDetail plus "_" members: tags, the idempotency token, PEMs).
//
// Locally a requested certificate is ISSUED at once, as if its validation had succeeded: DNS
// validation still returns the CNAME record ACM would ask for (a name and value derived from the
// certificate and domain), EMAIL validation the five addresses ACM would write to. Its PEM is
// made on the first GetCertificate, signed by a local "Amazon" authority (acm_x509.h).
// Imported certificates are read with OpenSSL (subject, SANs, validity, key and signature
// algorithms) and their private key must match. A certificate that a listener of the embedded
// Elastic Load Balancing uses is InUseBy its load balancer and cannot be deleted.
#include "services/embedded/acm_x509.h"
#include "services/embedded/context.h"
#include "services/embedded/elbv2_common.h"
#include "services/endpoint/wire_format.h"
#include "state/ids.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <set>

namespace cfnlocal::services::embedded {
namespace acm {
namespace {

constexpr std::string_view kService = "acm";
constexpr std::string_view kKind = "certificate";

[[noreturn]] void fail(std::string code, std::string message) {
  throw ServiceError(std::move(code), std::move(message), 400);
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string iso(int64_t ms) { return endpoint::iso8601_millis(ms); }

std::string checked_arn(const Json &input) {
  std::string arn = required_string(input, "CertificateArn");
  static const RE2 kArn("^arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9A-Za-z-]+$");
  if (!RE2::FullMatch(arn, kArn))
    fail("InvalidArnException", fmt::format("String '{}' is not a valid ARN.", arn));
  return arn;
}

Json load(Context &c, const std::string &arn) {
  if (auto r = c.store.get_record(kService, kKind, arn))
    return *r;
  fail("ResourceNotFoundException", fmt::format("Could not find certificate {}.", arn));
}

void save(Context &c, const std::string &arn, const Json &record) {
  c.store.put_record(kService, kKind, arn, record);
}

// The load balancers whose listeners use the certificate.
Json in_use_by(Context &c, const std::string &arn) {
  std::set<std::string> lbs;
  for (const auto &listener : elbv2::listeners_using_certificate(c, arn))
    if (auto l = c.store.get_record("elbv2", "listener", listener))
      lbs.insert(l->value("LoadBalancerArn", ""));
  return Json(std::vector<std::string>(lbs.begin(), lbs.end()));
}

Json described(Context &c, const Json &record) {
  Json out = Json::object();
  for (const auto &[k, v] : record.items())
    if (!k.starts_with("_"))
      out[k] = v;
  out["InUseBy"] = in_use_by(c, record.value("CertificateArn", ""));
  if (record.value("Type", "") != "IMPORTED")
    out["RenewalEligibility"] = out["InUseBy"].empty() ? "INELIGIBLE" : "ELIGIBLE";
  if (record.value("Status", "") == "ISSUED" && record.contains("NotAfter"))
    if (auto after = endpoint::parse_timestamp(record["NotAfter"].get<std::string>());
        after && *after < now_ms())
      out["Status"] = "EXPIRED";
  return out;
}

// A domain name as ACM takes it: 1-253 characters, an optional "*." and at least two labels of
// letters, digits and hyphens that do not begin or end with a hyphen.
void check_domain(std::string_view member, const std::string &domain) {
  std::string_view rest = domain;
  if (rest.starts_with("*."))
    rest.remove_prefix(2);
  bool ok = !domain.empty() && domain.size() <= 253 && rest.find('.') != std::string_view::npos;
  while (ok && !rest.empty()) {
    size_t dot = rest.find('.');
    std::string_view label = rest.substr(0, dot);
    ok = !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-' &&
         std::all_of(label.begin(), label.end(), [](char ch) {
           return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-';
         });
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
  }
  if (!ok)
    constraint_error(member, domain,
                     "satisfy regular expression pattern: "
                     "^(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}"
                     "[A-Za-z0-9])$");
}

std::string base_domain(const std::string &domain) {
  return domain.starts_with("*.") ? domain.substr(2) : domain;
}

// The CNAME record ACM asks for: "_HASH.DOMAIN." -> "_HASH.RANDOM.acm-validations.aws.",
// stable per certificate and domain.
Json validation_record(const std::string &arn, const std::string &domain) {
  std::string base = base_domain(domain);
  std::string name_hash = md5_hex(arn + "|name|" + base);
  std::string value_hash = md5_hex(arn + "|value|" + base);
  std::string label;
  for (char ch : sha256_hex(arn + "|" + base).substr(0, 10))
    label += static_cast<char>(
        'a' + (std::isdigit(static_cast<unsigned char>(ch)) ? ch - '0' : ch - 'a' + 10));
  return {{"Name", fmt::format("_{}.{}.", name_hash, base)},
          {"Type", "CNAME"},
          {"Value", fmt::format("_{}.{}.acm-validations.aws.", value_hash, label)}};
}

std::string random_serial() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string out;
  for (int i = 0; i < 16; ++i) {
    unsigned byte = static_cast<unsigned>(rng() & 0xff);
    if (i == 0)
      byte &= 0x7f; // a positive serial
    out += fmt::format("{}{:02x}", i ? ":" : "", byte);
  }
  return out;
}

Json tags_input(const Json &input) {
  auto tags = read_tags(input, "Tags", 50, "TooManyTagsException");
  for (const auto &[k, v] : tags)
    if (k.starts_with("aws:"))
      fail("InvalidTagException",
           fmt::format("Tag key '{}' cannot start with the reserved prefix 'aws:'", k));
  return tag_list(tags);
}

void merge_tags(Json &record, const Json &tags) {
  Json &current = record["_Tags"];
  if (!current.is_array())
    current = Json::array();
  for (const auto &t : tags) {
    auto it = std::find_if(current.begin(), current.end(),
                           [&](const Json &e) { return e["Key"] == t["Key"]; });
    if (it != current.end())
      (*it)["Value"] = t["Value"];
    else
      current.push_back(t);
  }
  if (current.size() > 50)
    fail("TooManyTagsException", "A certificate can have at most 50 tags");
}

Json key_usages(const std::string &key_algorithm) {
  Json out = Json::array({{{"Name", "DIGITAL_SIGNATURE"}}});
  if (key_algorithm.starts_with("RSA"))
    out.push_back({{"Name", "KEY_ENCIPHERMENT"}});
  return out;
}

Json extended_key_usages() {
  return Json::array({{{"Name", "TLS_WEB_SERVER_AUTHENTICATION"}, {"OID", "1.3.6.1.5.5.7.3.1"}},
                      {{"Name", "TLS_WEB_CLIENT_AUTHENTICATION"}, {"OID", "1.3.6.1.5.5.7.3.2"}}});
}

// ---- operations ----------------------------------------------------------------------------

Json request_certificate(Context &c, const Json &input) {
  std::string domain = required_string(input, "DomainName");
  check_domain("DomainName", domain);
  std::vector<std::string> domains = {domain};
  for (const auto &san : input.value("SubjectAlternativeNames", Json::array())) {
    if (!san.is_string())
      constraint_error("SubjectAlternativeNames", san, "be a list of strings");
    check_domain("SubjectAlternativeNames", san.get<std::string>());
    if (std::find(domains.begin(), domains.end(), san.get<std::string>()) == domains.end())
      domains.push_back(san.get<std::string>());
  }
  if (domains.size() > 10)
    fail("LimitExceededException",
         fmt::format("Cannot request a certificate with {} domain names: the quota is 10",
                     domains.size()));
  std::string method = optional_string(input, "ValidationMethod").value_or("EMAIL");
  if (method != "EMAIL" && method != "DNS")
    constraint_error("ValidationMethod", method, "satisfy enum value set: [EMAIL, DNS, HTTP]");
  auto authority = optional_string(input, "CertificateAuthorityArn");
  std::string key_algorithm = optional_string(input, "KeyAlgorithm").value_or("RSA_2048");
  static const std::set<std::string> kPublic = {"RSA_2048", "EC_prime256v1", "EC_secp384r1"};
  static const std::set<std::string> kPrivate = {"RSA_1024",    "RSA_2048",      "RSA_3072",
                                                 "RSA_4096",    "EC_prime256v1", "EC_secp384r1",
                                                 "EC_secp521r1"};
  if (!kPrivate.count(key_algorithm))
    constraint_error("KeyAlgorithm", key_algorithm,
                     "satisfy enum value set: [RSA_1024, RSA_2048, RSA_3072, RSA_4096, "
                     "EC_prime256v1, EC_secp384r1, EC_secp521r1]");
  if (!authority && !kPublic.count(key_algorithm))
    fail("InvalidParameterException",
         fmt::format("Key algorithm {} is not supported for public certificates", key_algorithm));
  std::string preference = "ENABLED";
  if (input.contains("Options") && input["Options"].is_object())
    preference = input["Options"].value("CertificateTransparencyLoggingPreference", preference);
  if (preference != "ENABLED" && preference != "DISABLED")
    constraint_error("Options.CertificateTransparencyLoggingPreference", preference,
                     "satisfy enum value set: [ENABLED, DISABLED]");
  std::map<std::string, std::string> validation_domains;
  for (const auto &o : input.value("DomainValidationOptions", Json::array())) {
    std::string name = o.value("DomainName", "");
    std::string via = o.value("ValidationDomain", "");
    if (std::find(domains.begin(), domains.end(), name) == domains.end())
      fail("InvalidDomainValidationOptionsException",
           fmt::format("Domain validation option for {} does not match any of the certificate's "
                       "domain names",
                       name));
    std::string base = base_domain(name);
    if (via != base && !base.ends_with("." + via))
      fail("InvalidDomainValidationOptionsException",
           fmt::format("The validation domain {} is not {} or one of its superdomains", via, base));
    validation_domains[name] = via;
  }
  Json tags = tags_input(input);
  auto token = optional_string(input, "IdempotencyToken");
  if (token) {
    static const RE2 kToken("^\\w+$");
    if (token->size() > 32 || !RE2::FullMatch(*token, kToken))
      constraint_error("IdempotencyToken", *token,
                       "satisfy regular expression pattern: \\w+ and have length less than or "
                       "equal to 32");
    for (const auto &[key, r] : c.store.list_records(kService, kKind))
      if (r.value("_IdempotencyToken", "") == *token && r.value("DomainName", "") == domain &&
          key.find(":" + c.region + ":") != std::string::npos)
        return {{"CertificateArn", key}};
  }

  std::string arn = fmt::format("arn:{}:acm:{}:{}:certificate/{}", c.partition, c.region, c.account,
                                state::uuid4());
  int64_t now = now_ms() / 1000 * 1000;
  Json options = Json::array();
  if (!authority)
    for (const auto &d : domains) {
      std::string via = validation_domains.count(d) ? validation_domains[d] : base_domain(d);
      Json o = {{"DomainName", d},
                {"ValidationDomain", method == "DNS" ? d : via},
                {"ValidationStatus", "SUCCESS"},
                {"ValidationMethod", method}};
      if (method == "DNS")
        o["ResourceRecord"] = validation_record(arn, d);
      else
        o["ValidationEmails"] = {"admin@" + via, "administrator@" + via, "hostmaster@" + via,
                                 "postmaster@" + via, "webmaster@" + via};
      options.push_back(o);
    }
  Json record = {{"CertificateArn", arn},
                 {"DomainName", domain},
                 {"SubjectAlternativeNames", domains},
                 {"Serial", random_serial()},
                 {"Subject", "CN=" + domain},
                 {"Issuer", "Amazon"},
                 {"CreatedAt", iso(now)},
                 {"IssuedAt", iso(now)},
                 {"Status", "ISSUED"},
                 {"NotBefore", iso(now)},
                 {"NotAfter", iso(now + 395LL * 24 * 3600 * 1000)},
                 {"KeyAlgorithm", key_algorithm},
                 {"SignatureAlgorithm", "SHA256WITHRSA"},
                 {"Type", authority ? "PRIVATE" : "AMAZON_ISSUED"},
                 {"KeyUsages", key_usages(key_algorithm)},
                 {"ExtendedKeyUsages", extended_key_usages()},
                 {"RenewalEligibility", "INELIGIBLE"},
                 {"Options", {{"CertificateTransparencyLoggingPreference", preference}}},
                 {"_Tags", Json::array()}};
  if (!authority)
    record["DomainValidationOptions"] = options;
  else
    record["CertificateAuthorityArn"] = *authority;
  if (token)
    record["_IdempotencyToken"] = *token;
  merge_tags(record, tags);
  save(c, arn, record);
  return {{"CertificateArn", arn}};
}

// A PEM blob member: raw text, binary, or base64 of either (the JSON protocol's blobs).
std::optional<std::string> pem_member(const Json &input, std::string_view member, size_t max) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    return std::nullopt;
  std::string text;
  if (it->is_binary())
    text.assign(it->get_binary().begin(), it->get_binary().end());
  else if (it->is_string())
    text = it->get<std::string>();
  else
    constraint_error(member, *it, "be a blob");
  if (text.find("-----BEGIN") == std::string::npos)
    if (auto decoded = base64_decode(text))
      text = *decoded;
  if (text.empty() || text.size() > max)
    constraint_error(member, Json("<blob>"), fmt::format("have length between 1 and {}", max));
  return text;
}

Json import_certificate(Context &c, const Json &input) {
  auto pem = pem_member(input, "Certificate", 32768);
  auto key = pem_member(input, "PrivateKey", 5120);
  if (!pem)
    constraint_error("Certificate", Json(), "not be null");
  if (!key)
    constraint_error("PrivateKey", Json(), "not be null");
  auto chain = pem_member(input, "CertificateChain", 2097152);
  std::string error;
  auto facts = read_certificate(*pem, error);
  if (!facts)
    fail("ValidationException", error);
  if (!key_matches(*pem, *key, error))
    fail("ValidationException", error);
  if (chain && !valid_chain(*chain, error))
    fail("ValidationException", error);
  Json tags = tags_input(input);
  auto reimport = optional_string(input, "CertificateArn");
  Json record;
  std::string arn;
  int64_t now = now_ms();
  if (reimport) {
    arn = checked_arn(input);
    record = load(c, arn);
    if (record.value("Type", "") != "IMPORTED")
      fail("ValidationException",
           fmt::format("Certificate {} was not imported: only imported certificates can be "
                       "reimported",
                       arn));
    if (!tags.empty())
      fail("InvalidParameterException", "Tags cannot be specified when reimporting a "
                                        "certificate");
  } else {
    arn = fmt::format("arn:{}:acm:{}:{}:certificate/{}", c.partition, c.region, c.account,
                      state::uuid4());
    record = {{"CertificateArn", arn}, {"CreatedAt", iso(now)}, {"_Tags", Json::array()}};
  }
  Json names = facts->subject_alternative_names.empty() ? Json::array({facts->domain_name})
                                                        : Json(facts->subject_alternative_names);
  Json options = Json::array();
  for (const auto &n : names)
    options.push_back({{"DomainName", n}});
  record["DomainName"] = facts->domain_name;
  record["SubjectAlternativeNames"] = names;
  record["DomainValidationOptions"] = options;
  record["Serial"] = facts->serial;
  record["Subject"] = facts->subject;
  record["Issuer"] = facts->issuer;
  record["ImportedAt"] = iso(now);
  record["Status"] = facts->not_after_ms < now ? "EXPIRED" : "ISSUED";
  record["NotBefore"] = iso(facts->not_before_ms);
  record["NotAfter"] = iso(facts->not_after_ms);
  record["KeyAlgorithm"] = facts->key_algorithm;
  record["SignatureAlgorithm"] = facts->signature_algorithm;
  record["Type"] = "IMPORTED";
  record["RenewalEligibility"] = "INELIGIBLE";
  record["Options"] = {{"CertificateTransparencyLoggingPreference", "ENABLED"}};
  record["_Pem"] = *pem;
  record["_Chain"] = chain.value_or("");
  merge_tags(record, tags);
  save(c, arn, record);
  return {{"CertificateArn", arn}};
}

Json describe_certificate(Context &c, const Json &input) {
  return {{"Certificate", described(c, load(c, checked_arn(input)))}};
}

Json get_certificate(Context &c, const Json &input) {
  std::string arn = checked_arn(input);
  Json record = load(c, arn);
  if (record.value("Status", "") != "ISSUED")
    fail("RequestInProgressException", fmt::format("Certificate {} is not issued yet (status {})",
                                                   arn, record.value("Status", "")));
  if (!record.contains("_Pem")) {
    std::vector<std::string> names;
    for (const auto &n : record["SubjectAlternativeNames"])
      names.push_back(n);
    auto [pem, chain] =
        issue(c, record["DomainName"], names, record["KeyAlgorithm"], record["Serial"],
              *endpoint::parse_timestamp(record["NotBefore"].get<std::string>()),
              *endpoint::parse_timestamp(record["NotAfter"].get<std::string>()));
    record["_Pem"] = pem;
    record["_Chain"] = chain;
    save(c, arn, record);
  }
  Json out = {{"Certificate", record["_Pem"]}};
  if (!record.value("_Chain", "").empty())
    out["CertificateChain"] = record["_Chain"];
  return out;
}

Json list_certificates(Context &c, const Json &input) {
  std::set<std::string> statuses;
  for (const auto &s : input.value("CertificateStatuses", Json::array()))
    statuses.insert(s.get<std::string>());
  // "Default filtering returns only RSA_1024 and RSA_2048 certificates" (ListCertificates).
  std::set<std::string> key_types = {"RSA_1024", "RSA_2048"};
  if (input.contains("Includes") && input["Includes"].is_object() &&
      input["Includes"].contains("keyTypes")) {
    key_types.clear();
    for (const auto &k : input["Includes"]["keyTypes"])
      key_types.insert(k.get<std::string>());
  }
  size_t max = static_cast<size_t>(optional_int(input, "MaxItems").value_or(1000));
  if (max < 1 || max > 1000)
    constraint_error("MaxItems", Json(max), "have value between 1 and 1000");
  size_t start = 0;
  if (auto token = optional_string(input, "NextToken")) {
    try {
      start = std::stoul(*token);
    } catch (const std::exception &) {
      fail("InvalidArgsException", fmt::format("The NextToken '{}' is not valid", *token));
    }
  }
  std::string prefix = fmt::format("arn:{}:acm:{}:{}:", c.partition, c.region, c.account);
  std::vector<Json> matching;
  for (const auto &[key, r] : c.store.list_records(kService, kKind, prefix)) {
    Json d = described(c, r);
    if (!statuses.empty() && !statuses.count(d.value("Status", "")))
      continue;
    if (!key_types.count(d.value("KeyAlgorithm", "")))
      continue;
    matching.push_back(d);
  }
  bool descending = input.value("SortOrder", "") == "DESCENDING";
  std::stable_sort(matching.begin(), matching.end(), [&](const Json &a, const Json &b) {
    return descending ? a.value("CreatedAt", "") > b.value("CreatedAt", "")
                      : a.value("CreatedAt", "") < b.value("CreatedAt", "");
  });
  Json list = Json::array();
  for (size_t i = start; i < matching.size() && list.size() < max; ++i) {
    const Json &d = matching[i];
    Json names = d.value("SubjectAlternativeNames", Json::array());
    Json summary = {{"CertificateArn", d["CertificateArn"]},
                    {"DomainName", d["DomainName"]},
                    {"SubjectAlternativeNameSummaries", names},
                    {"HasAdditionalSubjectAlternativeNames", false},
                    {"Status", d["Status"]},
                    {"Type", d["Type"]},
                    {"KeyAlgorithm", d["KeyAlgorithm"]},
                    {"InUse", !d["InUseBy"].empty()},
                    {"RenewalEligibility", d["RenewalEligibility"]}};
    Json usages = Json::array(), extended = Json::array();
    for (const auto &u : d.value("KeyUsages", Json::array()))
      usages.push_back(u["Name"]);
    for (const auto &u : d.value("ExtendedKeyUsages", Json::array()))
      extended.push_back(u["Name"]);
    summary["KeyUsages"] = usages;
    summary["ExtendedKeyUsages"] = extended;
    for (const char *t : {"NotBefore", "NotAfter", "CreatedAt", "IssuedAt", "ImportedAt"})
      if (d.contains(t))
        summary[t] = d[t];
    list.push_back(summary);
  }
  Json out = {{"CertificateSummaryList", list}};
  if (start + list.size() < matching.size())
    out["NextToken"] = std::to_string(start + list.size());
  return out;
}

Json delete_certificate(Context &c, const Json &input) {
  std::string arn = checked_arn(input);
  load(c, arn);
  Json users = in_use_by(c, arn);
  if (!users.empty())
    fail("ResourceInUseException",
         fmt::format("Certificate {} in use by {}", arn, users[0].get<std::string>()));
  c.store.delete_record(kService, kKind, arn);
  return Json::object();
}

Json update_options(Context &c, const Json &input) {
  std::string arn = checked_arn(input);
  Json record = load(c, arn);
  if (!input.contains("Options") || !input["Options"].is_object())
    constraint_error("Options", Json(), "not be null");
  std::string preference =
      input["Options"].value("CertificateTransparencyLoggingPreference", "ENABLED");
  if (preference != "ENABLED" && preference != "DISABLED")
    constraint_error("Options.CertificateTransparencyLoggingPreference", preference,
                     "satisfy enum value set: [ENABLED, DISABLED]");
  if (record.value("Type", "") == "IMPORTED")
    fail("InvalidStateException", fmt::format("Certificate {} is imported: its options cannot "
                                              "be updated",
                                              arn));
  record["Options"]["CertificateTransparencyLoggingPreference"] = preference;
  save(c, arn, record);
  return Json::object();
}

Json add_tags(Context &c, const Json &input) {
  std::string arn = checked_arn(input);
  Json record = load(c, arn);
  Json tags = tags_input(input);
  if (tags.empty())
    constraint_error("Tags", Json::array(), "have length greater than or equal to 1");
  merge_tags(record, tags);
  save(c, arn, record);
  return Json::object();
}

Json remove_tags(Context &c, const Json &input) {
  std::string arn = checked_arn(input);
  Json record = load(c, arn);
  Json kept = Json::array();
  Json remove = input.value("Tags", Json::array());
  for (const auto &t : record.value("_Tags", Json::array())) {
    bool drop = false;
    for (const auto &r : remove)
      if (r.value("Key", "") == t["Key"] &&
          (!r.contains("Value") || r["Value"].is_null() || r["Value"] == t["Value"]))
        drop = true;
    if (!drop)
      kept.push_back(t);
  }
  record["_Tags"] = kept;
  save(c, arn, record);
  return Json::object();
}

Json list_tags(Context &c, const Json &input) {
  return {{"Tags", load(c, checked_arn(input)).value("_Tags", Json::array())}};
}

} // namespace
} // namespace acm

const HandlerTable &acm_handlers() {
  static const HandlerTable table = {
      {"RequestCertificate", acm::request_certificate},
      {"ImportCertificate", acm::import_certificate},
      {"DescribeCertificate", acm::describe_certificate},
      {"GetCertificate", acm::get_certificate},
      {"ListCertificates", acm::list_certificates},
      {"DeleteCertificate", acm::delete_certificate},
      {"UpdateCertificateOptions", acm::update_options},
      {"AddTagsToCertificate", acm::add_tags},
      {"RemoveTagsFromCertificate", acm::remove_tags},
      {"ListTagsForCertificate", acm::list_tags},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
