// The translator's logical ID hash for domain names and record set groups; expected values are the
// IDs the SAM translator generates (ApiGatewayDomainNameV2e12ae193a4 for {"Ref": "MyDomainName"}).

#include "transforms/sam/domain_hash.h"

#include <gtest/gtest.h>

namespace cfnlocal::transforms::sam {
namespace {

TEST(SamDomainHash, HashesIntrinsicsAsCompactSortedJson) {
  EXPECT_EQ(logical_id_hash(Json{{"Ref", "MyDomainName"}}), "e12ae193a4");
  EXPECT_EQ(logical_id_hash(Json{{"Ref", "HostedZoneId"}}), "1194dea82a");
  // Key order in the template does not matter.
  Json a = Json{{"Fn::Sub", Json::array({"${A}.x", Json{{"B", 1}, {"A", 2}}})}};
  Json b = Json{{"Fn::Sub", Json::array({"${A}.x", Json{{"A", 2}, {"B", 1}}})}};
  EXPECT_EQ(logical_id_hash(a), logical_id_hash(b));
}

TEST(SamDomainHash, HashesStringsAsIs) {
  EXPECT_EQ(logical_id_hash(Json("example.com")), "0caaf24ab1");
  EXPECT_EQ(logical_id_hash(Json("example.com")).size(), 10u);
}

} // namespace
} // namespace cfnlocal::transforms::sam
