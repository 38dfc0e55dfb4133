#include "schema/registry.h"

#include "parser/diagnostic.h"
#include "schema/bundle_data.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

namespace cfnlocal::schema {
namespace {

TEST(Registry, BuiltinBundleLoads) {
  const Registry &r = Registry::builtin();
  EXPECT_GT(r.size(), 1500u);
  auto names = r.type_names();
  EXPECT_EQ(names.size(), r.size());
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_TRUE(std::binary_search(names.begin(), names.end(), "AWS::S3::Bucket"));
}

TEST(Registry, FindKnownAndUnknownTypes) {
  const Registry &r = Registry::builtin();
  const ResourceType *bucket = r.find("AWS::S3::Bucket");
  ASSERT_NE(bucket, nullptr);
  EXPECT_EQ(bucket->name(), "AWS::S3::Bucket");
  EXPECT_EQ(r.find("AWS::S3::Bucket"), bucket) << "a type is parsed once and kept";
  EXPECT_EQ(r.find("AWS::S3::Buckets"), nullptr);
  EXPECT_EQ(r.find(""), nullptr);
  EXPECT_EQ(r.find("aws::s3::bucket"), nullptr) << "type names are case-sensitive";
  EXPECT_TRUE(r.contains("AWS::SQS::Queue"));
  EXPECT_FALSE(r.contains("AWS::Nope::Nope"));
}

TEST(Registry, CustomResourcesHaveNoSchema) {
  const Registry &r = Registry::builtin();
  EXPECT_EQ(r.find("Custom::Anything"), nullptr);
  EXPECT_EQ(r.find("AWS::CloudFormation::CustomResource"), nullptr);
  EXPECT_FALSE(r.contains("AWS::CloudFormation::CustomResource"));
  EXPECT_TRUE(Registry::is_custom_resource("Custom::Thing"));
  EXPECT_TRUE(Registry::is_custom_resource("AWS::CloudFormation::CustomResource"));
  EXPECT_FALSE(Registry::is_custom_resource("AWS::CloudFormation::Stack"));
}

TEST(Registry, EveryTypeParses) {
  const Registry &r = Registry::builtin();
  size_t with_primary = 0;
  for (auto name : r.type_names()) {
    const ResourceType *t = r.find(name);
    ASSERT_NE(t, nullptr) << name;
    EXPECT_EQ(t->name(), name);
    with_primary += t->primary_identifier().empty() ? 0 : 1;
  }
  EXPECT_GT(with_primary, r.size() - 10);
}

TEST(Registry, ConcurrentLookupsShareOneType) {
  const Registry &r = Registry::builtin();
  std::vector<const ResourceType *> seen(8);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&, i] { seen[i] = r.find("AWS::EC2::LaunchTemplate"); });
  }
  for (auto &t : threads) {
    t.join();
  }
  for (auto *p : seen) {
    EXPECT_EQ(p, seen[0]);
    EXPECT_NE(p, nullptr);
  }
}

TEST(Registry, MalformedBundlesAreErrors) {
  EXPECT_THROW(Registry::from_bundle("not a bundle"), Error);
  EXPECT_THROW(Registry::from_bundle("CFNLOCAL-SCHEMA-BUNDLE 1\n2\nA::B::C\t0\t2\n\n{}"), Error);
  EXPECT_THROW(Registry::from_bundle("CFNLOCAL-SCHEMA-BUNDLE 1\n1\nA::B::C\t0\t99\n\n{}"), Error);
  auto ok = Registry::from_bundle(
      "CFNLOCAL-SCHEMA-BUNDLE 1\n1\nA::B::C\t0\t22\n\n{\"typeName\":\"A::B::C\"}");
  ASSERT_NE(ok->find("A::B::C"), nullptr);
  EXPECT_EQ(ok->find("A::B::C")->name(), "A::B::C");
}

// Prints the numbers the brief asks for: opening the registry (index only) and the first
// lookup of one type (parse + facts). Asserts loose bounds so a regression shows.
TEST(Registry, OpenAndLoadTimes) {
  using clock = std::chrono::steady_clock;
  constexpr int rounds = 20;
  auto start = clock::now();
  for (int i = 0; i < rounds; ++i) {
    auto r = Registry::from_bundle(bundle_bytes());
    ASSERT_GT(r->size(), 1500u);
  }
  double open_ms = std::chrono::duration<double, std::milli>(clock::now() - start).count() / rounds;

  // First lookup of one type in a fresh registry (parse + facts): median of 11 registries, as
  // the machine is shared and single timings are noisy.
  double worst_ms = 0, total_ms = 0;
  std::string worst;
  for (const char *name : {"AWS::S3::Bucket", "AWS::SQS::Queue", "AWS::Lambda::Function",
                           "AWS::EC2::Instance", "AWS::RDS::DBInstance"}) {
    std::vector<double> samples;
    for (int i = 0; i < 11; ++i) {
      auto fresh = Registry::from_bundle(bundle_bytes());
      auto t0 = clock::now();
      ASSERT_NE(fresh->find(name), nullptr);
      samples.push_back(std::chrono::duration<double, std::milli>(clock::now() - t0).count());
    }
    std::sort(samples.begin(), samples.end());
    double ms = samples[samples.size() / 2];
    total_ms += ms;
    if (ms > worst_ms) {
      worst_ms = ms;
      worst = name;
    }
  }
  auto r = Registry::from_bundle(bundle_bytes());
  auto t0 = clock::now();
  for (auto name : r->type_names()) {
    r->find(name);
  }
  double all_ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
  std::printf("[ timing ] registry open: %.3f ms; first lookup of one type: %.3f ms average "
              "(slowest %s %.3f ms; medians); all %zu types: %.1f ms\n",
              open_ms, total_ms / 5, worst.c_str(), worst_ms, r->size(), all_ms);
  EXPECT_LT(open_ms, 20.0);
  EXPECT_LT(worst_ms, 50.0);
}

} // namespace
} // namespace cfnlocal::schema
