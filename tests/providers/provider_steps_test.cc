// tag_diff: the one computation of which tags an update removes and sets, for every provider.
#include "providers/model_access.h"
#include "providers/provider_steps.h"

#include <gtest/gtest.h>

namespace cfnlocal::providers {
namespace {

TEST(TagDiffTest, RemovedKeysAndNewOrChangedTagsInTheNewOrder) {
  Json before = Json::parse(R"([{"Key":"team","Value":"core"},{"Key":"env","Value":"dev"},
                                {"Key":"old","Value":"x"}])");
  Json after = Json::parse(R"([{"Key":"owner","Value":"ana"},{"Key":"env","Value":"prod"},
                               {"Key":"team","Value":"core"}])");
  TagDiff diff = tag_diff(before, after);
  EXPECT_EQ(diff.removed, std::vector<std::string>{"old"});
  EXPECT_EQ(diff.set, Json::parse(R"([{"Key":"owner","Value":"ana"},
                                      {"Key":"env","Value":"prod"}])"));
  EXPECT_FALSE(diff.empty());
  EXPECT_TRUE(tag_diff(after, after).empty());
  // Services that answer with {key: value} maps go through tag_list_of.
  EXPECT_TRUE(tag_diff(tag_list_of(tag_map(after)), after).empty());
}

TEST(TagDiffTest, ServiceSpecificMemberNames) {
  Json before = Json::parse(R"([{"TagKey":"a","TagValue":"1"},{"TagKey":"b","TagValue":"2"}])");
  Json after = Json::parse(R"([{"TagKey":"a","TagValue":"9"}])");
  TagDiff diff = tag_diff(before, after, "TagKey", "TagValue");
  EXPECT_EQ(diff.removed, std::vector<std::string>{"b"});
  ASSERT_EQ(diff.set.size(), 1u);
  EXPECT_EQ(diff.set[0]["TagValue"], "9");
  // An empty list removes every tag.
  EXPECT_EQ(tag_diff(before, Json::array(), "TagKey", "TagValue").removed.size(), 2u);
}

} // namespace
} // namespace cfnlocal::providers
