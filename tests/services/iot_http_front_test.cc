// boto3's iot and greengrass clients through the HTTP front (REST-JSON as boto3 writes it:
// path parameters, query strings such as setAsActive and forceDelete, principal headers),
// making the calls of the IoT corpus templates' custom resources
// (data/iot_greengrass_clients.py).
#include "services/http_front/http_front.h"
#include "tests/services/fixture.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>

namespace cfnlocal::services {
namespace {

class IotHttpFrontTest : public EmbeddedTest {};

TEST_F(IotHttpFrontTest, Boto3MakesTheCustomResourcesCalls) {
  if (std::system("python3 -c 'import boto3' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "no python3 with boto3";
  http_front::HttpFront front(*backend_);
  int status = 0;
  std::string out = run_command(
      "python3 '" CFNLOCAL_TEST_DATA "/iot_greengrass_clients.py' " + front.url(), status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("ok 2"), std::string::npos) << out;
  // Everything the clients made they also removed.
  EXPECT_TRUE(call("iot", "ListThings")["things"].empty());
  EXPECT_TRUE(call("iot", "ListCertificates")["certificates"].empty());
  EXPECT_TRUE(call("greengrass", "ListGroups")["Groups"].empty());
}

} // namespace
} // namespace cfnlocal::services
