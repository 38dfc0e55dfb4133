// The embedded EC2's offerings: instance types by location and Reserved Instance offerings with
// their documented filters and pagination.
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

#include <regex>
#include <set>

using namespace cfnlocal;
using namespace cfnlocal::services;

namespace {

class Ec2OfferingsTest : public EmbeddedTest {};

TEST_F(Ec2OfferingsTest, InstanceTypesAreOfferedInEveryZone) {
  Json out =
      call("ec2", "DescribeInstanceTypeOfferings",
           {{"LocationType", "availability-zone"},
            {"Filters", Json::array({{{"Name", "instance-type"},
                                      {"Values", Json::array({"t3.micro", "m5.large"})}}})}});
  std::set<std::string> zones;
  for (const auto &o : out["InstanceTypeOfferings"]) {
    EXPECT_EQ(o["LocationType"], "availability-zone");
    zones.insert(o["Location"].get<std::string>());
  }
  EXPECT_EQ(out["InstanceTypeOfferings"].size(), 12u);
  EXPECT_EQ(zones.size(), 6u);
  Json by_id = call("ec2", "DescribeInstanceTypeOfferings",
                    {{"LocationType", "availability-zone-id"},
                     {"Filters", Json::array({{{"Name", "location"}, {"Values", {"use1-az2"}}}})}});
  EXPECT_FALSE(by_id["InstanceTypeOfferings"].empty());
  EXPECT_EQ(by_id["InstanceTypeOfferings"][0]["Location"], "use1-az2");
  // The region (the default location type), a page at a time.
  Json first = call("ec2", "DescribeInstanceTypeOfferings", {{"MaxResults", 5}});
  EXPECT_EQ(first["InstanceTypeOfferings"].size(), 5u);
  EXPECT_EQ(first["InstanceTypeOfferings"][0]["Location"], "us-east-1");
  ASSERT_TRUE(first.contains("NextToken"));
  Json second = call("ec2", "DescribeInstanceTypeOfferings",
                     {{"MaxResults", 5}, {"NextToken", first["NextToken"]}});
  EXPECT_NE(second["InstanceTypeOfferings"][0], first["InstanceTypeOfferings"][0]);
  EXPECT_EQ(error_of("ec2", "DescribeInstanceTypeOfferings", {{"LocationType", "planet"}}),
            "InvalidParameterValue");
  EXPECT_EQ(error_of("ec2", "DescribeInstanceTypeOfferings",
                     {{"Filters", Json::array({{{"Name", "vcpus"}, {"Values", {"2"}}}})}}),
            "InvalidParameterValue");
}

TEST_F(Ec2OfferingsTest, ReservedOfferingsPickAZoneAsTheCorpusFunctionDoes) {
  // The IoT Greengrass template's function: zonal offerings of t3.micro, every page.
  Json input = {{"Filters", Json::array({{{"Name", "scope"}, {"Values", {"Availability Zone"}}}})},
                {"IncludeMarketplace", false},
                {"InstanceType", "t3.micro"}};
  Json page = call("ec2", "DescribeReservedInstancesOfferings", input);
  std::vector<Json> all(page["ReservedInstancesOfferings"].begin(),
                        page["ReservedInstancesOfferings"].end());
  int pages = 1;
  while (page.contains("NextToken")) {
    Json next = input;
    next["NextToken"] = page["NextToken"];
    page = call("ec2", "DescribeReservedInstancesOfferings", next);
    all.insert(all.end(), page["ReservedInstancesOfferings"].begin(),
               page["ReservedInstancesOfferings"].end());
    ++pages;
  }
  EXPECT_GT(pages, 1);
  std::set<std::string> zones, ids;
  for (const auto &o : all) {
    EXPECT_EQ(o["InstanceType"], "t3.micro");
    EXPECT_EQ(o["Scope"], "Availability Zone");
    EXPECT_EQ(o["OfferingClass"], "standard") << "convertible offerings are regional";
    zones.insert(o["AvailabilityZone"].get<std::string>());
    ids.insert(o["ReservedInstancesOfferingId"].get<std::string>());
  }
  EXPECT_EQ(zones.size(), 6u);
  EXPECT_EQ(ids.size(), all.size()) << "offering ids are unique";
}

TEST_F(Ec2OfferingsTest, ReservedOfferingsByTermAndPrice) {
  Json out = call("ec2", "DescribeReservedInstancesOfferings",
                  {{"InstanceType", "m5.large"},
                   {"ProductDescription", "Linux/UNIX"},
                   {"OfferingClass", "standard"},
                   {"InstanceTenancy", "default"},
                   {"AvailabilityZone", "us-east-1b"},
                   {"MinDuration", 31536000},
                   {"MaxDuration", 31536000}})["ReservedInstancesOfferings"];
  ASSERT_EQ(out.size(), 3u); // No, Partial and All Upfront
  std::map<std::string, Json> by_type;
  for (const auto &o : out)
    by_type[o["OfferingType"].get<std::string>()] = o;
  EXPECT_EQ(by_type["No Upfront"]["FixedPrice"], 0.0);
  EXPECT_EQ(by_type["No Upfront"]["RecurringCharges"][0]["Frequency"], "Hourly");
  EXPECT_GT(by_type["All Upfront"]["FixedPrice"].get<double>(), 0.0);
  EXPECT_TRUE(by_type["All Upfront"]["RecurringCharges"].empty());
  EXPECT_EQ(by_type["Partial Upfront"]["AvailabilityZoneId"], "use1-az2");
  EXPECT_TRUE(
      std::regex_match(by_type["No Upfront"]["ReservedInstancesOfferingId"].get<std::string>(),
                       std::regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")));
  // Ids are stable: the same offering by id.
  std::string id = by_type["No Upfront"]["ReservedInstancesOfferingId"];
  Json again = call("ec2", "DescribeReservedInstancesOfferings",
                    {{"ReservedInstancesOfferingIds", Json::array({id})}});
  ASSERT_EQ(again["ReservedInstancesOfferings"].size(), 1u);
  EXPECT_EQ(again["ReservedInstancesOfferings"][0], by_type["No Upfront"]);
  EXPECT_TRUE(call("ec2", "DescribeReservedInstancesOfferings",
                   {{"InstanceType", "x9.huge"}})["ReservedInstancesOfferings"]
                  .empty());
  EXPECT_EQ(
      error_of("ec2", "DescribeReservedInstancesOfferings", {{"AvailabilityZone", "eu-west-1a"}}),
      "InvalidParameterValue");
}

} // namespace
