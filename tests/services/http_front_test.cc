// The HTTP front over the embedded services: real boto3 clients per protocol
// (data/http_front_clients.py), and the routing of requests that share a URI.
#include "services/http_front/http_front.h"
#include "tests/services/fixture.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>

namespace cfnlocal::services {
namespace {

using endpoint::HttpRequest;

class HttpFrontTest : public EmbeddedTest {};

TEST_F(HttpFrontTest, Boto3ClientsOfEveryProtocol) {
  if (std::system("python3 -c 'import boto3' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "no python3 with boto3";
  http_front::HttpFront front(*backend_);
  int status = 0;
  std::string out =
      run_command("python3 '" CFNLOCAL_TEST_DATA "/http_front_clients.py' " + front.url(), status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("ok 10"), std::string::npos) << out;
  // What the clients made is in the state file.
  EXPECT_EQ(call("ssm", "GetParameter", {{"Name", "/front/p"}})["Parameter"]["Value"], "v1");
}

HttpRequest s3_request(std::string method, std::string path) {
  HttpRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.headers["Authorization"] =
      "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/s3/aws4_request, "
      "SignedHeaders=host, Signature=00";
  return r;
}

TEST_F(HttpFrontTest, RoutesByRequiredHeadersAndLiteralQueryParameters) {
  call("s3", "CreateBucket", {{"Bucket", "route-bucket"}});
  auto put = s3_request("PUT", "/route-bucket/k%2Fx");
  put.body = "bytes";
  EXPECT_EQ(http_front::handle_request(*backend_, put).status, 200);
  EXPECT_EQ(call("s3", "GetObject", {{"Bucket", "route-bucket"}, {"Key", "k/x"}})["Body"], "bytes");
  // The same URI with x-amz-copy-source is CopyObject.
  auto copy = s3_request("PUT", "/route-bucket/k2");
  copy.headers["x-amz-copy-source"] = "route-bucket/k%2Fx";
  auto copied = http_front::handle_request(*backend_, copy);
  EXPECT_EQ(copied.status, 200) << copied.body;
  EXPECT_NE(copied.body.find("<CopyObjectResult>"), std::string::npos) << copied.body;
  EXPECT_EQ(call("s3", "GetObject", {{"Bucket", "route-bucket"}, {"Key", "k2"}})["Body"], "bytes");
  // ?list-type=2 is ListObjectsV2 (KeyCount), not ListObjects.
  auto list = s3_request("GET", "/route-bucket");
  list.query = {{"list-type", "2"}};
  auto listed = http_front::handle_request(*backend_, list);
  EXPECT_EQ(listed.status, 200);
  EXPECT_NE(listed.body.find("<KeyCount>2</KeyCount>"), std::string::npos) << listed.body;
  // Virtual-hosted style under a local name.
  auto hosted = s3_request("GET", "/k/x");
  hosted.host = "route-bucket.localhost:4566";
  EXPECT_EQ(http_front::handle_request(*backend_, hosted).body, "bytes");
}

TEST_F(HttpFrontTest, UnknownRequestsAreErrorsNotCrashes) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/";
  r.headers["X-Amz-Target"] = "NoSuchService_2020.DoIt";
  r.headers["Authorization"] =
      "AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1/nosuch/aws4_request";
  auto response = http_front::handle_request(*backend_, r);
  EXPECT_EQ(response.status, 400);
  // A known json service with an operation the embedded one lacks.
  r.headers["X-Amz-Target"] = "AmazonSSM.SendCommand";
  r.body = "{}";
  response = http_front::handle_request(*backend_, r);
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("InvalidAction"), std::string::npos) << response.body;
  // A body that is not JSON.
  r.headers["X-Amz-Target"] = "AmazonSSM.GetParameter";
  r.body = "{not json";
  response = http_front::handle_request(*backend_, r);
  EXPECT_NE(response.body.find("SerializationException"), std::string::npos) << response.body;
}

} // namespace
} // namespace cfnlocal::services
