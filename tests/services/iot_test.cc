// The embedded AWS IoT Core: things and their versions and attributes, thing types, real X.509
// certificates (key pairs, CSRs, registration, ids that are the SHA-256 of the DER), policies and
// their versions, attachments and the deletes they block, DescribeEndpoint, topic rules whose
// roles and Lambda functions must exist, tags, with IoT's error codes.
#include "services/digest.h"
#include "services/zip_archive.h"
#include "tests/services/fixture.h"

#include <gmock/gmock.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <regex>

namespace cfnlocal::services {
namespace {

using ::testing::HasSubstr;

constexpr const char *kDocument =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:*","Resource":"*"}]})";

class IotTest : public EmbeddedTest {
protected:
  Json certificate(bool active = true) {
    return call("iot", "CreateKeysAndCertificate", {{"setAsActive", active}});
  }
};

// A function's code: one handler file, zipped, as the binary ZipFile member.
Json function_zip() {
  std::string zip = zip_archive({{"index.py", "def handler(event, context):\n  return event\n"}});
  return Json::binary(std::vector<uint8_t>(zip.begin(), zip.end()));
}

// The DER bytes of a PEM certificate, decoded here with OpenSSL independently of the service.
std::string der_of(const std::string &pem) {
  BIO *bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509 *cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (!cert)
    return "";
  unsigned char *der = nullptr;
  int n = i2d_X509(cert, &der);
  std::string out(reinterpret_cast<char *>(der), static_cast<size_t>(n));
  OPENSSL_free(der);
  X509_free(cert);
  return out;
}

TEST_F(IotTest, ThingsHaveVersionsAttributesAndTypes) {
  Json made = call(
      "iot", "CreateThing",
      {{"thingName", "sensor-1"}, {"attributePayload", {{"attributes", {{"room", "kitchen"}}}}}});
  EXPECT_EQ(made["thingArn"], "arn:aws:iot:us-east-1:123456789012:thing/sensor-1");
  EXPECT_EQ(made["thingId"].get<std::string>().size(), 36u);
  // The same configuration again returns the thing; another one is a conflict.
  EXPECT_EQ(call("iot", "CreateThing",
                 {{"thingName", "sensor-1"},
                  {"attributePayload", {{"attributes", {{"room", "kitchen"}}}}}})["thingId"],
            made["thingId"]);
  EXPECT_EQ(error_of("iot", "CreateThing", {{"thingName", "sensor-1"}}),
            "ResourceAlreadyExistsException");
  EXPECT_EQ(error_of("iot", "CreateThing", {{"thingName", "bad name"}}), "InvalidRequestException");
  EXPECT_EQ(error_of("iot", "CreateThing", {{"thingName", "t2"}, {"thingTypeName", "missing"}}),
            "ResourceNotFoundException");

  Json d = call("iot", "DescribeThing", {{"thingName", "sensor-1"}});
  EXPECT_EQ(d["version"], 1);
  EXPECT_EQ(d["defaultClientId"], "sensor-1");
  // merge adds and removes (an empty value) attributes; a stale expectedVersion conflicts.
  call("iot", "UpdateThing",
       {{"thingName", "sensor-1"},
        {"expectedVersion", 1},
        {"attributePayload", {{"attributes", {{"floor", "2"}, {"room", ""}}}, {"merge", true}}}});
  d = call("iot", "DescribeThing", {{"thingName", "sensor-1"}});
  EXPECT_EQ(d["attributes"], Json({{"floor", "2"}}));
  EXPECT_EQ(d["version"], 2);
  EXPECT_EQ(error_of("iot", "UpdateThing", {{"thingName", "sensor-1"}, {"expectedVersion", 1}}),
            "VersionConflictException");
  EXPECT_EQ(last_status_, 409);

  call("iot", "CreateThingType",
       {{"thingTypeName", "lamp"}, {"thingTypeProperties", {{"thingTypeDescription", "a lamp"}}}});
  call("iot", "UpdateThing", {{"thingName", "sensor-1"}, {"thingTypeName", "lamp"}});
  EXPECT_EQ(call("iot", "ListThings", {{"thingTypeName", "lamp"}})["things"].size(), 1u);
  EXPECT_EQ(call("iot", "ListThings",
                 {{"attributeName", "floor"}, {"attributeValue", "2"}})["things"][0]["thingName"],
            "sensor-1");
  EXPECT_EQ(error_of("iot", "DeleteThingType", {{"thingTypeName", "lamp"}}),
            "InvalidRequestException");
  call("iot", "DeprecateThingType", {{"thingTypeName", "lamp"}});
  EXPECT_TRUE(call("iot", "DescribeThingType",
                   {{"thingTypeName", "lamp"}})["thingTypeMetadata"]["deprecated"]);
  EXPECT_EQ(error_of("iot", "CreateThing", {{"thingName", "t3"}, {"thingTypeName", "lamp"}}),
            "InvalidRequestException");
  call("iot", "UpdateThing", {{"thingName", "sensor-1"}, {"removeThingType", true}});
  call("iot", "DeleteThingType", {{"thingTypeName", "lamp"}});

  EXPECT_EQ(error_of("iot", "DeleteThing", {{"thingName", "sensor-1"}, {"expectedVersion", 1}}),
            "VersionConflictException");
  call("iot", "DeleteThing", {{"thingName", "sensor-1"}});
  EXPECT_EQ(error_of("iot", "DescribeThing", {{"thingName", "sensor-1"}}),
            "ResourceNotFoundException");
  EXPECT_EQ(last_status_, 404);
  // Deleting a thing that does not exist succeeds.
  EXPECT_EQ(error_of("iot", "DeleteThing", {{"thingName", "sensor-1"}}), "");
}

TEST_F(IotTest, CertificatesAreRealAndIdentifiedByTheirDerHash) {
  Json made = certificate();
  std::string id = made["certificateId"];
  std::string pem = made["certificatePem"];
  EXPECT_EQ(id, sha256_hex(der_of(pem)));
  EXPECT_EQ(made["certificateArn"], "arn:aws:iot:us-east-1:123456789012:cert/" + id);
  EXPECT_THAT(made["keyPair"]["PrivateKey"].get<std::string>(),
              HasSubstr("-----BEGIN RSA PRIVATE KEY-----"));
  EXPECT_THAT(made["keyPair"]["PublicKey"].get<std::string>(),
              HasSubstr("-----BEGIN PUBLIC KEY-----"));
  // The certificate carries the returned key pair's public key.
  {
    BIO *bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509 *cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    std::string pub = made["keyPair"]["PublicKey"];
    BIO *kb = BIO_new_mem_buf(pub.data(), static_cast<int>(pub.size()));
    EVP_PKEY *key = PEM_read_bio_PUBKEY(kb, nullptr, nullptr, nullptr);
    BIO_free(kb);
    ASSERT_TRUE(cert && key);
    EXPECT_EQ(EVP_PKEY_eq(X509_get0_pubkey(cert), key), 1);
    EVP_PKEY_free(key);
    X509_free(cert);
  }
  Json d = call("iot", "DescribeCertificate", {{"certificateId", id}})["certificateDescription"];
  EXPECT_EQ(d["status"], "ACTIVE");
  EXPECT_EQ(d["certificateMode"], "DEFAULT");
  EXPECT_EQ(d["ownedBy"], "123456789012");
  EXPECT_EQ(d["validity"]["notAfter"], "2049-12-31T23:59:59.000Z");

  EXPECT_EQ(certificate(false)["certificateId"].get<std::string>().size(), 64u);
  EXPECT_EQ(call("iot", "ListCertificates")["certificates"].size(), 2u);
  EXPECT_EQ(error_of("iot", "DescribeCertificate", {{"certificateId", "abc"}}),
            "InvalidRequestException");

  // Registering the same certificate again is a conflict; an unsigned one is refused.
  EXPECT_EQ(error_of("iot", "RegisterCertificate", {{"certificatePem", pem}}),
            "ResourceAlreadyExistsException");
  call("iot", "UpdateCertificate", {{"certificateId", id}, {"newStatus", "INACTIVE"}});
  call("iot", "DeleteCertificate", {{"certificateId", id}});
  Json again = call("iot", "RegisterCertificate", {{"certificatePem", pem}, {"status", "ACTIVE"}});
  EXPECT_EQ(again["certificateId"], id);
  EXPECT_EQ(error_of("iot", "RegisterCertificateWithoutCA", {{"certificatePem", "not pem"}}),
            "CertificateValidationException");
  EXPECT_EQ(error_of("iot", "UpdateCertificate",
                     {{"certificateId", id}, {"newStatus", "PENDING_TRANSFER"}}),
            "InvalidRequestException");
  call("iot", "UpdateCertificate", {{"certificateId", id}, {"newStatus", "REVOKED"}});
  EXPECT_EQ(error_of("iot", "UpdateCertificate", {{"certificateId", id}, {"newStatus", "ACTIVE"}}),
            "CertificateStateException");
}

TEST_F(IotTest, CertificatesFromASigningRequestKeepItsSubjectAndKey) {
  EVP_PKEY *key = EVP_RSA_gen(2048);
  X509_REQ *req = X509_REQ_new();
  X509_NAME *name = X509_REQ_get_subject_name(req);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char *>("device-7"), -1, -1, 0);
  X509_REQ_set_pubkey(req, key);
  X509_REQ_sign(req, key, EVP_sha256());
  BIO *out = BIO_new(BIO_s_mem());
  PEM_write_bio_X509_REQ(out, req);
  char *data = nullptr;
  long n = BIO_get_mem_data(out, &data);
  std::string csr(data, static_cast<size_t>(n));
  BIO_free(out);
  X509_REQ_free(req);

  Json made = call("iot", "CreateCertificateFromCsr", {{"certificateSigningRequest", csr}});
  std::string pem = made["certificatePem"];
  BIO *bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509 *cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  ASSERT_TRUE(cert);
  char subject[256];
  X509_NAME_oneline(X509_get_subject_name(cert), subject, sizeof subject);
  EXPECT_STREQ(subject, "/CN=device-7");
  EXPECT_EQ(EVP_PKEY_eq(X509_get0_pubkey(cert), key), 1);
  X509_free(cert);
  EVP_PKEY_free(key);
  EXPECT_EQ(call("iot", "DescribeCertificate",
                 {{"certificateId", made["certificateId"]}})["certificateDescription"]["status"],
            "INACTIVE");
  EXPECT_EQ(error_of("iot", "CreateCertificateFromCsr",
                     {{"certificateSigningRequest", "-----BEGIN CERTIFICATE REQUEST-----\nxx"}}),
            "InvalidRequestException");
}

TEST_F(IotTest, AttachmentsBlockDeletesUntilDetached) {
  call("iot", "CreateThing", {{"thingName", "core"}});
  Json cert = certificate();
  std::string arn = cert["certificateArn"], id = cert["certificateId"];
  Json policy = call("iot", "CreatePolicy",
                     {{"policyName", "core-full-access"}, {"policyDocument", kDocument}});
  EXPECT_EQ(policy["policyArn"], "arn:aws:iot:us-east-1:123456789012:policy/core-full-access");
  EXPECT_EQ(policy["policyVersionId"], "1");
  call("iot", "AttachPolicy", {{"policyName", "core-full-access"}, {"target", arn}});
  call("iot", "AttachThingPrincipal", {{"thingName", "core"}, {"principal", arn}});
  EXPECT_EQ(call("iot", "ListThingPrincipals", {{"thingName", "core"}})["principals"],
            Json::array({arn}));
  EXPECT_EQ(call("iot", "ListPrincipalThings", {{"principal", arn}})["things"],
            Json::array({"core"}));
  EXPECT_EQ(call("iot", "ListAttachedPolicies", {{"target", arn}})["policies"][0]["policyName"],
            "core-full-access");
  EXPECT_EQ(call("iot", "ListTargetsForPolicy", {{"policyName", "core-full-access"}})["targets"],
            Json::array({arn}));

  EXPECT_EQ(error_of("iot", "DeleteThing", {{"thingName", "core"}}), "InvalidRequestException");
  EXPECT_EQ(last_error_, "Cannot delete. Thing core is still attached to one or more principals");
  EXPECT_EQ(error_of("iot", "DeletePolicy", {{"policyName", "core-full-access"}}),
            "DeleteConflictException");
  EXPECT_EQ(error_of("iot", "DeleteCertificate", {{"certificateId", id}}),
            "CertificateStateException");
  EXPECT_EQ(last_status_, 406);
  call("iot", "UpdateCertificate", {{"certificateId", id}, {"newStatus", "INACTIVE"}});
  EXPECT_EQ(error_of("iot", "DeleteCertificate", {{"certificateId", id}, {"forceDelete", true}}),
            "DeleteConflictException"); // still attached to the thing
  call("iot", "DetachThingPrincipal", {{"thingName", "core"}, {"principal", arn}});
  EXPECT_EQ(error_of("iot", "DeleteCertificate", {{"certificateId", id}}),
            "DeleteConflictException"); // a policy without forceDelete
  call("iot", "DeleteCertificate", {{"certificateId", id}, {"forceDelete", true}});
  // forceDelete detached the policy, so it can go now; so can the thing.
  call("iot", "DeletePolicy", {{"policyName", "core-full-access"}});
  call("iot", "DeleteThing", {{"thingName", "core"}});
  EXPECT_EQ(error_of("iot", "AttachThingPrincipal", {{"thingName", "x"}, {"principal", arn}}),
            "ResourceNotFoundException");
}

TEST_F(IotTest, PolicyVersions) {
  EXPECT_EQ(error_of("iot", "CreatePolicy", {{"policyName", "p"}, {"policyDocument", "{"}}),
            "MalformedPolicyException");
  call("iot", "CreatePolicy", {{"policyName", "p"}, {"policyDocument", kDocument}});
  EXPECT_EQ(error_of("iot", "CreatePolicy", {{"policyName", "p"}, {"policyDocument", kDocument}}),
            "ResourceAlreadyExistsException");
  for (int i = 0; i < 4; ++i)
    call("iot", "CreatePolicyVersion",
         {{"policyName", "p"}, {"policyDocument", kDocument}, {"setAsDefault", i == 3}});
  EXPECT_EQ(call("iot", "GetPolicy", {{"policyName", "p"}})["defaultVersionId"], "5");
  EXPECT_EQ(
      error_of("iot", "CreatePolicyVersion", {{"policyName", "p"}, {"policyDocument", kDocument}}),
      "VersionsLimitExceededException");
  EXPECT_EQ(error_of("iot", "DeletePolicyVersion", {{"policyName", "p"}, {"policyVersionId", "5"}}),
            "DeleteConflictException");
  EXPECT_EQ(error_of("iot", "DeletePolicy", {{"policyName", "p"}}), "DeleteConflictException");
  call("iot", "SetDefaultPolicyVersion", {{"policyName", "p"}, {"policyVersionId", "2"}});
  EXPECT_TRUE(call("iot", "GetPolicyVersion",
                   {{"policyName", "p"}, {"policyVersionId", "2"}})["isDefaultVersion"]);
  Json versions = call("iot", "ListPolicyVersions", {{"policyName", "p"}})["policyVersions"];
  ASSERT_EQ(versions.size(), 5u);
  for (const auto &v : versions)
    if (v["versionId"] != "2")
      call("iot", "DeletePolicyVersion",
           {{"policyName", "p"}, {"policyVersionId", v["versionId"]}});
  call("iot", "DeletePolicy", {{"policyName", "p"}});
  EXPECT_EQ(call("iot", "ListPolicies")["policies"].size(), 0u);
}

TEST_F(IotTest, EndpointsHaveAwsShapesAndStayTheSame) {
  std::string ats =
      call("iot", "DescribeEndpoint", {{"endpointType", "iot:Data-ATS"}})["endpointAddress"];
  EXPECT_TRUE(
      std::regex_match(ats, std::regex("[a-z0-9]{14}-ats\\.iot\\.us-east-1\\.amazonaws\\.com")))
      << ats;
  EXPECT_EQ(call("iot", "DescribeEndpoint", {{"endpointType", "iot:Data-ATS"}})["endpointAddress"],
            ats);
  std::string legacy = call("iot", "DescribeEndpoint")["endpointAddress"];
  EXPECT_EQ(legacy + "", ats.substr(0, 14) + ".iot.us-east-1.amazonaws.com");
  EXPECT_THAT(call("iot", "DescribeEndpoint",
                   {{"endpointType", "iot:CredentialProvider"}})["endpointAddress"]
                  .get<std::string>(),
              HasSubstr(".credentials.iot.us-east-1.amazonaws.com"));
  EXPECT_THAT(call("iot", "DescribeEndpoint", {{"endpointType", "iot:Jobs"}})["endpointAddress"]
                  .get<std::string>(),
              HasSubstr(".jobs.iot.us-east-1.amazonaws.com"));
  EXPECT_EQ(error_of("iot", "DescribeEndpoint", {{"endpointType", "iot:Nope"}}),
            "InvalidRequestException");
}

TEST_F(IotTest, TopicRulesCheckTheirRolesAndFunctions) {
  Json payload = {
      {"sql", " SELECT * FROM 'topic_2'"},
      {"awsIotSqlVersion", "2016-03-23"},
      {"actions",
       {{{"lambda", {{"functionArn", "arn:aws:lambda:us-east-1:123456789012:function:fn"}}}}}}};
  EXPECT_EQ(error_of("iot", "CreateTopicRule", {{"ruleName", "r1"}, {"topicRulePayload", payload}}),
            "InvalidRequestException");
  EXPECT_THAT(last_error_, HasSubstr("function:fn does not exist"));
  call(
      "iam", "CreateRole",
      {{"RoleName", "fn-role"},
       {"AssumeRolePolicyDocument",
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]})"}});
  call("lambda", "CreateFunction",
       {{"FunctionName", "fn"},
        {"Runtime", "python3.12"},
        {"Role", "arn:aws:iam::123456789012:role/fn-role"},
        {"Handler", "index.handler"},
        {"Code", {{"ZipFile", function_zip()}}}});
  call("iot", "CreateTopicRule",
       {{"ruleName", "r1"}, {"topicRulePayload", payload}, {"tags", "team=iot"}});
  Json got = call("iot", "GetTopicRule", {{"ruleName", "r1"}});
  EXPECT_EQ(got["ruleArn"], "arn:aws:iot:us-east-1:123456789012:rule/r1");
  EXPECT_EQ(got["rule"]["sql"], " SELECT * FROM 'topic_2'");
  EXPECT_EQ(got["rule"]["ruleDisabled"], false);
  EXPECT_EQ(call("iot", "ListTagsForResource", {{"resourceArn", got["ruleArn"]}})["tags"],
            Json::array({{{"Key", "team"}, {"Value", "iot"}}}));
  EXPECT_EQ(call("iot", "ListTopicRules", {{"topic", "topic_2"}})["rules"][0]["ruleName"], "r1");

  Json with_role = payload;
  with_role["actions"] = {
      {{"republish", {{"topic", "out"}, {"roleArn", "arn:aws:iam::123456789012:role/none"}}}}};
  EXPECT_EQ(
      error_of("iot", "ReplaceTopicRule", {{"ruleName", "r1"}, {"topicRulePayload", with_role}}),
      "InvalidRequestException");
  EXPECT_THAT(last_error_, HasSubstr("unable to assume role"));
  with_role["actions"][0]["republish"]["roleArn"] = "arn:aws:iam::123456789012:role/fn-role";
  call("iot", "ReplaceTopicRule", {{"ruleName", "r1"}, {"topicRulePayload", with_role}});
  call("iot", "DisableTopicRule", {{"ruleName", "r1"}});
  EXPECT_EQ(call("iot", "GetTopicRule", {{"ruleName", "r1"}})["rule"]["ruleDisabled"], true);
  EXPECT_EQ(error_of("iot", "CreateTopicRule",
                     {{"ruleName", "r2"}, {"topicRulePayload", {{"sql", "DELETE everything"}}}}),
            "SqlParseException");
  EXPECT_EQ(
      error_of("iot", "CreateTopicRule", {{"ruleName", "bad-name"}, {"topicRulePayload", payload}}),
      "InvalidRequestException");
  call("iot", "DeleteTopicRule", {{"ruleName", "r1"}});
  EXPECT_EQ(error_of("iot", "GetTopicRule", {{"ruleName", "r1"}}), "UnauthorizedException");
  EXPECT_EQ(last_status_, 401);
}

} // namespace
} // namespace cfnlocal::services
