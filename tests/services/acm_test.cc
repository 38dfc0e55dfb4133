// The embedded AWS Certificate Manager: requested certificates issued at once with the DNS
// records and e-mail addresses ACM would validate them with, PEMs from the local authority,
// imported certificates read with OpenSSL, listing filters, tags, and ACM's error codes.
#include "services/endpoint/wire_format.h"
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

using namespace cfnlocal;
using namespace cfnlocal::services;
using ::testing::HasSubstr;

namespace {

class AcmTest : public EmbeddedTest {
protected:
  std::string request(Json in) { return call("acm", "RequestCertificate", in)["CertificateArn"]; }
  Json describe(const std::string &arn) {
    return call("acm", "DescribeCertificate", {{"CertificateArn", arn}})["Certificate"];
  }
  static std::string read(const std::filesystem::path &p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  // A self-signed certificate and key made by the openssl command.
  bool make_certificate(const std::string &key_args, std::string &cert, std::string &key) {
    auto cert_path = dir_ / "cert.pem", key_path = dir_ / "key.pem";
    std::string command = "openssl req -x509 " + key_args +
                          " -nodes -days 30 -subj "
                          "'/CN=imported.example.com/O=Example' -addext "
                          "'subjectAltName=DNS:imported.example.com,DNS:alt.example.com' "
                          "-keyout '" +
                          key_path.string() + "' -out '" + cert_path.string() + "' >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0)
      return false;
    cert = read(cert_path);
    key = read(key_path);
    return true;
  }
};

TEST_F(AcmTest, DnsValidatedCertificateIsIssuedWithItsValidationRecords) {
  std::string arn = request({{"DomainName", "example.com"},
                             {"SubjectAlternativeNames", {"*.example.com", "example.com"}},
                             {"ValidationMethod", "DNS"}});
  EXPECT_TRUE(std::regex_match(
      arn, std::regex(R"(arn:aws:acm:us-east-1:123456789012:certificate/[0-9a-f-]{36})")))
      << arn;
  Json cert = describe(arn);
  EXPECT_EQ(cert["Status"], "ISSUED");
  EXPECT_EQ(cert["Type"], "AMAZON_ISSUED");
  EXPECT_EQ(cert["KeyAlgorithm"], "RSA_2048");
  EXPECT_EQ(cert["SubjectAlternativeNames"], Json::array({"example.com", "*.example.com"}));
  ASSERT_EQ(cert["DomainValidationOptions"].size(), 2u);
  Json apex = cert["DomainValidationOptions"][0], wildcard = cert["DomainValidationOptions"][1];
  EXPECT_EQ(apex["ValidationStatus"], "SUCCESS");
  EXPECT_EQ(apex["ValidationMethod"], "DNS");
  EXPECT_TRUE(std::regex_match(std::string(apex["ResourceRecord"]["Name"]),
                               std::regex(R"(_[0-9a-f]{32}\.example\.com\.)")));
  EXPECT_TRUE(std::regex_match(std::string(apex["ResourceRecord"]["Value"]),
                               std::regex(R"(_[0-9a-f]{32}\.[a-z]{10}\.acm-validations\.aws\.)")));
  // A wildcard is validated by its base domain's record.
  EXPECT_EQ(wildcard["ResourceRecord"], apex["ResourceRecord"]);
  EXPECT_EQ(cert["InUseBy"], Json::array());
  EXPECT_EQ(cert["RenewalEligibility"], "INELIGIBLE");

  Json pem = call("acm", "GetCertificate", {{"CertificateArn", arn}});
  EXPECT_THAT(std::string(pem["Certificate"]), HasSubstr("-----BEGIN CERTIFICATE-----"));
  EXPECT_THAT(std::string(pem["CertificateChain"]), HasSubstr("-----BEGIN CERTIFICATE-----"));
  // The PEM is the certificate ACM describes: import it elsewhere to read it back.
  auto pem_path = dir_ / "issued.pem";
  std::ofstream(pem_path) << pem["Certificate"].get<std::string>();
  std::string text_path = (dir_ / "issued.txt").string();
  ASSERT_EQ(std::system(
                ("openssl x509 -in '" + pem_path.string() + "' -noout -text > '" + text_path + "'")
                    .c_str()),
            0);
  std::string text = read(text_path);
  EXPECT_THAT(text, HasSubstr("DNS:*.example.com"));
  EXPECT_THAT(text, HasSubstr("Amazon"));
  std::string serial = cert["Serial"];
  EXPECT_THAT(text, HasSubstr(serial.substr(3))); // openssl prints it as "0a:1b:..." too
}

TEST_F(AcmTest, EmailValidationAndIdempotency) {
  std::string arn =
      request({{"DomainName", "www.example.org"},
               {"DomainValidationOptions",
                {{{"DomainName", "www.example.org"}, {"ValidationDomain", "example.org"}}}},
               {"IdempotencyToken", "once"}});
  Json option = describe(arn)["DomainValidationOptions"][0];
  EXPECT_EQ(option["ValidationMethod"], "EMAIL");
  EXPECT_EQ(option["ValidationEmails"][0], "admin@example.org");
  EXPECT_EQ(option["ValidationEmails"].size(), 5u);
  EXPECT_EQ(request({{"DomainName", "www.example.org"}, {"IdempotencyToken", "once"}}), arn);
  EXPECT_EQ(error_of("acm", "RequestCertificate",
                     {{"DomainName", "www.example.org"},
                      {"DomainValidationOptions",
                       {{{"DomainName", "www.example.org"}, {"ValidationDomain", "other.org"}}}}}),
            "InvalidDomainValidationOptionsException");
  EXPECT_EQ(error_of("acm", "RequestCertificate", {{"DomainName", "-bad-.example.com"}}),
            "ValidationException");
  EXPECT_EQ(error_of("acm", "RequestCertificate",
                     {{"DomainName", "example.org"}, {"KeyAlgorithm", "RSA_4096"}}),
            "InvalidParameterException");
  EXPECT_EQ(error_of("acm", "DescribeCertificate", {{"CertificateArn", "nope"}}),
            "InvalidArnException");
  EXPECT_EQ(error_of("acm", "DescribeCertificate",
                     {{"CertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/"
                                         "00000000-0000-0000-0000-000000000000"}}),
            "ResourceNotFoundException");
}

TEST_F(AcmTest, ImportedCertificatesAreReadWithOpenSsl) {
  std::string cert, key;
  if (!make_certificate("-newkey ec -pkeyopt ec_paramgen_curve:prime256v1", cert, key))
    GTEST_SKIP() << "no openssl command";
  std::string arn = call("acm", "ImportCertificate",
                         {{"Certificate", cert},
                          {"PrivateKey", key},
                          {"Tags", {{{"Key", "source"}, {"Value", "test"}}}}})["CertificateArn"];
  Json detail = describe(arn);
  EXPECT_EQ(detail["Type"], "IMPORTED");
  EXPECT_EQ(detail["Status"], "ISSUED");
  EXPECT_EQ(detail["DomainName"], "imported.example.com");
  EXPECT_EQ(detail["SubjectAlternativeNames"],
            Json::array({"imported.example.com", "alt.example.com"}));
  EXPECT_EQ(detail["KeyAlgorithm"], "EC_prime256v1");
  EXPECT_EQ(detail["SignatureAlgorithm"], "SHA256WITHECDSA");
  EXPECT_EQ(detail["Issuer"], "Example");
  EXPECT_THAT(std::string(detail["Subject"]), HasSubstr("CN=imported.example.com"));
  EXPECT_EQ(call("acm", "GetCertificate", {{"CertificateArn", arn}})["Certificate"], cert);
  // Base64 blobs, as the JSON protocol carries them, are read too; a key of another
  // certificate is refused.
  std::string other_cert, other_key;
  ASSERT_TRUE(make_certificate("-newkey rsa:2048", other_cert, other_key));
  EXPECT_EQ(error_of("acm", "ImportCertificate",
                     {{"Certificate", endpoint::base64_encode(cert)}, {"PrivateKey", other_key}}),
            "ValidationException");
  EXPECT_THAT(last_error_, HasSubstr("does not match"));
  EXPECT_EQ(
      error_of("acm", "ImportCertificate", {{"Certificate", "not a pem"}, {"PrivateKey", key}}),
      "ValidationException");
  // Reimport keeps the ARN.
  EXPECT_EQ(call("acm", "ImportCertificate",
                 {{"CertificateArn", arn},
                  {"Certificate", other_cert},
                  {"PrivateKey", other_key}})["CertificateArn"],
            arn);
  EXPECT_EQ(describe(arn)["KeyAlgorithm"], "RSA_2048");
  EXPECT_EQ(call("acm", "ListTagsForCertificate", {{"CertificateArn", arn}})["Tags"][0]["Key"],
            "source");
}

TEST_F(AcmTest, ListFiltersTagsAndDelete) {
  std::string rsa = request({{"DomainName", "a.example.com"}});
  std::string ec = request({{"DomainName", "b.example.com"}, {"KeyAlgorithm", "EC_prime256v1"}});
  Json listed = call("acm", "ListCertificates")["CertificateSummaryList"];
  // By default only RSA_1024 and RSA_2048 certificates are listed.
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["CertificateArn"], rsa);
  EXPECT_EQ(listed[0]["InUse"], false);
  Json both =
      call("acm", "ListCertificates",
           {{"Includes", {{"keyTypes", {"RSA_2048", "EC_prime256v1"}}}}})["CertificateSummaryList"];
  EXPECT_EQ(both.size(), 2u);
  EXPECT_EQ(call("acm", "ListCertificates",
                 {{"CertificateStatuses", {"EXPIRED"}}})["CertificateSummaryList"]
                .size(),
            0u);
  Json page = call("acm", "ListCertificates",
                   {{"MaxItems", 1}, {"Includes", {{"keyTypes", {"RSA_2048", "EC_prime256v1"}}}}});
  EXPECT_EQ(page["CertificateSummaryList"].size(), 1u);
  EXPECT_TRUE(page.contains("NextToken"));

  call("acm", "AddTagsToCertificate",
       {{"CertificateArn", ec},
        {"Tags", {{{"Key", "a"}, {"Value", "1"}}, {{"Key", "b"}, {"Value", "2"}}}}});
  call("acm", "RemoveTagsFromCertificate", {{"CertificateArn", ec}, {"Tags", {{{"Key", "a"}}}}});
  EXPECT_EQ(call("acm", "ListTagsForCertificate", {{"CertificateArn", ec}})["Tags"],
            Json::array({{{"Key", "b"}, {"Value", "2"}}}));
  EXPECT_EQ(error_of("acm", "AddTagsToCertificate",
                     {{"CertificateArn", ec}, {"Tags", {{{"Key", "aws:x"}, {"Value", "1"}}}}}),
            "InvalidTagException");
  call("acm", "UpdateCertificateOptions",
       {{"CertificateArn", ec},
        {"Options", {{"CertificateTransparencyLoggingPreference", "DISABLED"}}}});
  EXPECT_EQ(describe(ec)["Options"]["CertificateTransparencyLoggingPreference"], "DISABLED");
  call("acm", "DeleteCertificate", {{"CertificateArn", ec}});
  EXPECT_EQ(error_of("acm", "DescribeCertificate", {{"CertificateArn", ec}}),
            "ResourceNotFoundException");
}

} // namespace
