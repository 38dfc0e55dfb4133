#include "providers/pattern_sample.h"

#include <gtest/gtest.h>

namespace cfnlocal::providers {
namespace {

TEST(PatternSample, SamplesMatchTheirPatterns) {
  RandomSource random(7);
  for (const char *pattern : {
           "^[a-z0-9]+$",
           "^([a-z0-9][a-z0-9.-]*[a-z0-9])?$",
           "^arn:aws[-a-z]*:iam::\\d{12}:role/[\\w+=,.@-]{1,64}$",
           "^[a-zA-Z][a-zA-Z0-9-]{0,61}$",
           "^(K)([a-zA-Z0-9]+)\\Z",
           "^(?!aws:)[a-zA-Z+-=._:/]+$",
           "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
           "^(ALLOW|DENY|COUNT)$",
           "[^\\s]+",
           "^\\p{L}[\\p{L}\\p{N}_]*$",
       }) {
    auto s = sample_pattern(pattern, random);
    ASSERT_TRUE(s.has_value()) << pattern;
    EXPECT_TRUE(pattern_matches(pattern, *s)) << pattern << " -> " << *s;
  }
}

TEST(PatternSample, MinimumLengthIsReached) {
  RandomSource random(1);
  auto s = sample_pattern("^[a-z]+$", random, 12);
  ASSERT_TRUE(s);
  EXPECT_GE(s->size(), 12u);
}

TEST(PatternSample, HintIsFollowedWherePatternAllows) {
  RandomSource random(3);
  // The realistic ARN lacks the suffix the pattern wants: only the suffix is invented.
  auto s = sample_pattern("^arn:aws[a-z-]*:arc:[a-z0-9-]*:\\d{12}:plan/[a-z0-9-]+:[a-z]{6}$",
                          random, 0, "arn:aws:arc:us-east-1:123456789012:plan/web");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->rfind("arn:aws:arc:us-east-1:123456789012:plan/web:", 0), 0u) << *s;
  // Alternation picks the branch that follows the hint.
  auto p =
      sample_pattern("^arn:(aws|aws-cn|aws-us-gov):s3:::.+$", random, 0, "arn:aws:s3:::bucket");
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, "arn:aws:s3:::bucket");
}

TEST(PatternSample, BackreferencesAreRefused) {
  RandomSource random(1);
  EXPECT_FALSE(sample_pattern("^(a)\\1$", random));
}

} // namespace
} // namespace cfnlocal::providers
