#include "schema/pattern.h"

#include "schema/registry.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <cstdio>
#include <set>
#include <string>
#include <vector>

namespace cfnlocal::schema {
namespace {

TEST(Pattern, PlainPatternsAreSearches) {
  EXPECT_TRUE(pattern_search("^[a-z]+$", "abc"));
  EXPECT_FALSE(pattern_search("^[a-z]+$", "abC"));
  EXPECT_TRUE(pattern_search("b", "abc")) << "pattern is unanchored";
  EXPECT_TRUE(pattern_full_match("Outputs\\..*", "Outputs.Name"));
  EXPECT_FALSE(pattern_full_match("Outputs\\..*", "Outputs"));
}

TEST(Pattern, LookaroundsAreWidenedNotRejected) {
  bool widened = false;
  auto t = translate_pattern("^(?!aws:)[a-z:]+$", &widened);
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, "^[a-z:]+$");
  EXPECT_TRUE(widened);
  // The S3 bucket name pattern keeps what RE2 can check.
  const char *bucket = "^(?![.\\-])(?!.*\\.\\.)[a-z0-9.\\-]{3,63}(?<![.\\-])$";
  EXPECT_TRUE(pattern_search(bucket, "my-bucket"));
  EXPECT_FALSE(pattern_search(bucket, "Invalid_Name"));
  EXPECT_TRUE(pattern_search(bucket, "a..b")) << "widened: the lookahead is dropped";
}

TEST(Pattern, EcmaAndJavaEscapes) {
  EXPECT_EQ(translate_pattern("\\u00e9"), "\\x{00e9}");
  EXPECT_EQ(translate_pattern("a\\Z"), "a\\z");
  EXPECT_EQ(translate_pattern("[\\w-\\.]+"), "[\\w\\-\\.]+");
  EXPECT_EQ(translate_pattern("(?<year>\\d{4})"), "(?P<year>\\d{4})");
  EXPECT_EQ(translate_pattern("\\_a"), "_a");
  EXPECT_TRUE(pattern_search("^\\p{Print}+$", "hello world"));
  EXPECT_FALSE(pattern_search("^\\p{Print}+$", "tab\there"));
  EXPECT_TRUE(pattern_search("^[\\P{C}\\t]*$", "tab\there"));
  EXPECT_TRUE(pattern_search("^[\\p{L}\\p{Z}]+$", "héllo wörld"));
  EXPECT_TRUE(pattern_search("^(?!(?i)aws)[A-Za-z0-9]{2,64}$", "Hello"));
  EXPECT_TRUE(pattern_search("^(?s).+$", "a\nb"));
}

TEST(Pattern, RepeatLimitsAreWidened) {
  bool widened = false;
  auto t = translate_pattern("^[a-z]{1,2048}$", &widened);
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, "^[a-z]{1,}$");
  EXPECT_TRUE(widened);
  EXPECT_TRUE(pattern_search("^([a-z]){1,2048}$", std::string(3000, 'a')));
  // A whole pattern that is one repeated character is matched exactly, by counting.
  EXPECT_FALSE(pattern_search("^[a-z]{1,2048}$", std::string(3000, 'a')));
  EXPECT_TRUE(pattern_search("^[a-z]{1,2048}$", std::string(2048, 'a')));
  EXPECT_EQ(translate_pattern("^([a-z]*)${1,128}"), "^([a-z]*)$") << "a repeated anchor is one";
}

// `^ATOM{lo,hi}$` patterns are matched as `^ATOM*$` plus a character count (RE2 would unroll
// the count): the answers must be those of the compiled pattern itself.
TEST(Pattern, BoundedRepeatsMatchLikeTheCompiledPattern) {
  const std::vector<std::string> patterns = {"^[.\\-_/#A-Za-z0-9]{1,512}\\Z",
                                             "^[a-zA-Z0-9_.-]{3,128}$",
                                             "^.{1,64}$",
                                             "^[^\\s]{16,32}$",
                                             "^\\d{20}$",
                                             "^\\p{L}{1,20}$",
                                             "^[\\]a]{1,20}$",
                                             "^a{1,20}$",
                                             "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$"};
  const std::vector<std::string> texts = {"",
                                          "a",
                                          "abc",
                                          std::string(15, '7'),
                                          std::string(16, 'x'),
                                          std::string(20, '1'),
                                          std::string(21, 'a'),
                                          std::string(32, 'b'),
                                          std::string(33, 'b'),
                                          std::string(64, 'z'),
                                          std::string(65, 'z'),
                                          std::string(128, 'q'),
                                          std::string(129, 'q'),
                                          std::string(512, 'a'),
                                          std::string(513, 'a'),
                                          "with space",
                                          "bad!char",
                                          "héllo",
                                          "]a]a",
                                          "/aws/lambda/fn#1"};
  for (const auto &p : patterns) {
    const re2::RE2 *re = compiled_pattern(p);
    ASSERT_NE(re, nullptr) << p;
    for (const auto &t : texts)
      EXPECT_EQ(pattern_search(p, t), re2::RE2::PartialMatch(t, *re)) << p << " on " << t;
  }
}

TEST(Pattern, UntranslatableOnesAreSkippedAndCounted) {
  EXPECT_FALSE(translate_pattern("(a)\\1"));
  auto before = pattern_stats();
  EXPECT_TRUE(pattern_search("(a)\\1", "zzz")) << "a skipped pattern accepts everything";
  EXPECT_EQ(compiled_pattern("(a)\\1"), nullptr);
  EXPECT_EQ(pattern_stats().skipped, before.skipped + 1);
  EXPECT_TRUE(pattern_search("[", "x")) << "never crashes on a broken pattern";
}

// Every pattern of every schema: how many RE2 takes, widened, skipped (printed for the report).
TEST(Pattern, AllBundlePatternsCompile) {
  std::set<std::string> patterns;
  std::function<void(const Json &, bool)> walk = [&](const Json &node, bool in_map) {
    if (node.is_object()) {
      for (const auto &[key, value] : node.items()) {
        if (!in_map && key == "pattern" && value.is_string()) {
          patterns.insert(value.get<std::string>());
        }
        if (!in_map && key == "patternProperties" && value.is_object()) {
          for (const auto &[p, _] : value.items()) {
            patterns.insert(p);
          }
        }
        if (!in_map && (key == "enum" || key == "x-getatt")) {
          continue;
        }
        walk(value, !in_map && (key == "properties" || key == "definitions" ||
                                key == "patternProperties"));
      }
    } else if (node.is_array()) {
      for (const auto &item : node) {
        walk(item, false);
      }
    }
  };
  const Registry &r = Registry::builtin();
  for (auto name : r.type_names()) {
    walk(r.find(name)->schema(), false);
  }
  size_t skipped = 0, widened = 0;
  for (const auto &p : patterns) {
    bool w = false;
    auto t = translate_pattern(p, &w);
    widened += w ? 1 : 0;
    if (compiled_pattern(p) == nullptr) {
      ++skipped;
      std::printf("[ skipped ] %s\n", p.c_str());
    }
  }
  std::printf("[ patterns ] %zu distinct, %zu widened, %zu skipped\n", patterns.size(), widened,
              skipped);
  EXPECT_GT(patterns.size(), 2000u);
  EXPECT_LT(skipped, 10u);
}

} // namespace
} // namespace cfnlocal::schema
