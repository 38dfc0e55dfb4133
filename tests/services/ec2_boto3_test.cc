// boto3's EC2 client through the HTTP front, making the calls the corpus's custom-resource
// functions make (data/ec2_boto3_clients.py): endpoint service private DNS names, tags on
// peering connections, Reserved Instance offerings by zone, key pairs.
#include "services/http_front/http_front.h"
#include "tests/services/fixture.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>

namespace cfnlocal::services {
namespace {

class Ec2Boto3Test : public EmbeddedTest {};

TEST_F(Ec2Boto3Test, CustomResourceCallsThroughTheHttpFront) {
  if (std::system("python3 -c 'import boto3' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "no python3 with boto3";
  http_front::HttpFront front(*backend_);
  int status = 0;
  std::string out =
      run_command("python3 '" CFNLOCAL_TEST_DATA "/ec2_boto3_clients.py' " + front.url(), status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("ok 4"), std::string::npos) << out;
  // What the client made is in the state file.
  Json keys = call("ec2", "DescribeKeyPairs", Json::object())["KeyPairs"];
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0]["KeyName"], "front-key-copy");
}

} // namespace
} // namespace cfnlocal::services
