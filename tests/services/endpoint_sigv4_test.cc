// SigV4 against AWS's published vectors: the SigV4 test suite (credentials AKIDEXAMPLE, 2015-08-30
// 12:36:00 UTC, us-east-1, service "service", host example.amazonaws.com) and the S3
// documentation's GET Object example (examplebucket, 2013-05-24).
#include "services/endpoint/sigv4.h"

#include <gtest/gtest.h>

namespace cfnlocal::services::endpoint {
namespace {

constexpr int64_t kSuiteTime = 1440938160; // 20150830T123600Z
const Credentials kSuiteCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
const SigningOptions kSuiteScope{"us-east-1", "service", false};

HttpRequest suite_request(const std::string &method) {
  HttpRequest r;
  r.method = method;
  r.host = "example.amazonaws.com";
  r.path = "/";
  return r;
}

std::string expected_authorization(const std::string &signed_headers, const std::string &sig) {
  return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
         "SignedHeaders=" +
         signed_headers + ", Signature=" + sig;
}

TEST(SigV4, Sha256OfEmptyPayload) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(SigV4, SuiteGetVanilla) {
  HttpRequest r = suite_request("GET");
  sign_v4(r, kSuiteCredentials, kSuiteScope, kSuiteTime);
  EXPECT_EQ(r.headers["X-Amz-Date"], "20150830T123600Z");
  EXPECT_EQ(
      r.headers["Authorization"],
      expected_authorization("host;x-amz-date",
                             "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
}

TEST(SigV4, SuitePostVanilla) {
  HttpRequest r = suite_request("POST");
  sign_v4(r, kSuiteCredentials, kSuiteScope, kSuiteTime);
  EXPECT_EQ(
      r.headers["Authorization"],
      expected_authorization("host;x-amz-date",
                             "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"));
}

TEST(SigV4, SuiteGetVanillaQueryOrderValue) {
  // GET /?Param1=value2&Param1=value1: the canonical query sorts by name, then value.
  HttpRequest r = suite_request("GET");
  r.query = {{"Param1", "value2"}, {"Param1", "value1"}};
  sign_v4(r, kSuiteCredentials, kSuiteScope, kSuiteTime);
  EXPECT_EQ(
      r.headers["Authorization"],
      expected_authorization("host;x-amz-date",
                             "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"));
}

TEST(SigV4, SuitePostStsHeaderBefore) {
  // The session token is a signed header.
  Credentials c = kSuiteCredentials;
  c.session_token = "AQoDYXdzEPT//////////"
                    "wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYR"
                    "qTflfKD8YUuwthAx7mSEI/qkPpKPi/"
                    "kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlR"
                    "d8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+"
                    "scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
  HttpRequest r = suite_request("POST");
  sign_v4(r, c, kSuiteScope, kSuiteTime);
  EXPECT_EQ(r.headers["X-Amz-Security-Token"], c.session_token);
  EXPECT_EQ(
      r.headers["Authorization"],
      expected_authorization("host;x-amz-date;x-amz-security-token",
                             "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"));
}

TEST(SigV4, SuiteGetUtf8CanonicalRequest) {
  // get-utf8.creq: the path "/ሴ" is percent-encoded in the canonical URI.
  HttpRequest r = suite_request("GET");
  r.path = "/\xE1\x88\xB4";
  r.headers["Host"] = "example.amazonaws.com";
  r.headers["X-Amz-Date"] = "20150830T123600Z";
  EXPECT_EQ(canonical_request(r, "host;x-amz-date", sha256_hex(""), false),
            "GET\n/%E1%88%B4\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(SigV4, CanonicalRequestTrimsHeaderValues) {
  // get-header-value-trim: values trimmed, inner runs of spaces folded.
  HttpRequest r = suite_request("GET");
  r.headers["Host"] = "example.amazonaws.com";
  r.headers["My-Header1"] = " value1";
  r.headers["My-Header2"] = " \"a   b   c\"";
  r.headers["X-Amz-Date"] = "20150830T123600Z";
  EXPECT_EQ(canonical_request(r, "host;my-header1;my-header2;x-amz-date", sha256_hex(""), false),
            "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\n"
            "x-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(SigV4, S3DocumentationGetObjectExample) {
  // Amazon S3 API reference, "Example: GET Object" (header-based authentication).
  HttpRequest r;
  r.method = "GET";
  r.host = "examplebucket.s3.amazonaws.com";
  r.path = "/test.txt";
  r.headers["Range"] = "bytes=0-9";
  Credentials c{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""};
  sign_v4(r, c, SigningOptions{"us-east-1", "s3", true}, 1369353600); // 20130524T000000Z
  EXPECT_EQ(r.headers["x-amz-content-sha256"],
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(r.headers["Authorization"],
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

} // namespace
} // namespace cfnlocal::services::endpoint
