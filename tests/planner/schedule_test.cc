#include "planner/schedule.h"

#include "tests/planner/test_util.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <fmt/format.h>

namespace cfnlocal::planner {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::yaml_template;

// Vpc <- Subnet <- Instance ; Vpc <- Sg <- Instance ; Bucket alone ; Policy -> Bucket
const char *kStack = R"(
Resources:
  Instance:
    Type: AWS::EC2::Instance
    Properties: {SubnetId: !Ref Subnet, SecurityGroupIds: [!GetAtt Sg.GroupId]}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc}
  Vpc: {Type: AWS::EC2::VPC}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties: {VpcId: !Ref Vpc}
  Bucket: {Type: AWS::S3::Bucket}
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties: {Bucket: !Ref Bucket}
)";

TEST(Schedule, ForwardOrderIsDependencyThenDocumentOrder) {
  Template t = yaml_template(kStack);
  ResourceGraph g = build_graph(t);
  Schedule s(g);
  EXPECT_THAT(s.ready(), ElementsAre("Vpc", "Bucket"));
  EXPECT_EQ(s.next(), "Vpc");
  s.started("Vpc");
  s.started("Bucket");
  EXPECT_THAT(s.ready(), IsEmpty());
  EXPECT_FALSE(s.done());
  s.finished("Bucket", true);
  EXPECT_THAT(s.ready(), ElementsAre("Policy"));
  s.finished("Vpc", true);
  EXPECT_THAT(s.ready(), ElementsAre("Subnet", "Sg", "Policy"));
  for (auto id : {"Subnet", "Sg", "Policy"})
    s.started(id);
  s.finished("Subnet", true);
  EXPECT_THAT(s.ready(), IsEmpty()); // Instance still waits for Sg
  s.finished("Sg", true);
  EXPECT_THAT(s.ready(), ElementsAre("Instance"));
  s.started("Instance");
  s.finished("Instance", true);
  s.finished("Policy", true);
  EXPECT_TRUE(s.done());
  EXPECT_TRUE(s.complete());
  EXPECT_FALSE(s.failed());
}

TEST(Schedule, SerialOrders) {
  Template t = yaml_template(kStack);
  ResourceGraph g = build_graph(t);
  EXPECT_THAT(serial_order(g, Direction::Forward),
              ElementsAre("Vpc", "Bucket", "Subnet", "Sg", "Policy", "Instance"));
  EXPECT_THAT(serial_order(g, Direction::Reverse),
              ElementsAre("Instance", "Policy", "Subnet", "Sg", "Bucket", "Vpc"));
}

TEST(Schedule, ReverseDeletesDependentsFirst) {
  Template t = yaml_template(kStack);
  ResourceGraph g = build_graph(t);
  Schedule s(g, {Direction::Reverse, 0});
  EXPECT_THAT(s.ready(), ElementsAre("Instance", "Policy"));
  s.started("Instance");
  s.finished("Instance", true);
  EXPECT_THAT(s.ready(), ElementsAre("Subnet", "Sg", "Policy"));
  s.started("Subnet");
  s.finished("Subnet", true);
  EXPECT_THAT(s.ready(), ElementsAre("Sg", "Policy")); // Vpc still has Sg
  s.started("Sg");
  s.finished("Sg", true);
  EXPECT_THAT(s.ready(), ElementsAre("Vpc", "Policy"));
}

TEST(Schedule, ConcurrencyLimit) {
  std::string text = "Resources:\n";
  for (int i = 0; i < 7; ++i)
    text += fmt::format("  R{}: {{Type: AWS::S3::Bucket}}\n", i);
  Template t = yaml_template(text);
  ResourceGraph g = build_graph(t);
  Schedule s(g, {Direction::Forward, 3});
  EXPECT_THAT(s.ready(), ElementsAre("R0", "R1", "R2"));
  for (const auto &id : s.ready())
    s.started(id);
  EXPECT_EQ(s.running_count(), 3u);
  EXPECT_THAT(s.ready(), IsEmpty());
  EXPECT_EQ(s.next(), std::nullopt);
  EXPECT_THROW(s.started("R3"), std::logic_error);
  s.finished("R1", true);
  EXPECT_THAT(s.ready(), ElementsAre("R3"));
  EXPECT_THAT(s.running(), ElementsAre("R0", "R2"));

  // Never more than the limit in flight over a whole run.
  Schedule all(g, {Direction::Forward, 3});
  size_t peak = 0, finished = 0;
  while (!all.done()) {
    for (const auto &id : all.ready())
      all.started(id);
    peak = std::max(peak, all.running_count());
    all.finished(all.running().front(), true);
    ++finished;
  }
  EXPECT_EQ(peak, 3u);
  EXPECT_EQ(finished, 7u);
  EXPECT_TRUE(all.complete());
}

TEST(Schedule, FailureStopsNewWork) {
  Template t = yaml_template(kStack);
  ResourceGraph g = build_graph(t);
  Schedule s(g);
  s.started("Vpc");
  s.started("Bucket");
  s.finished("Vpc", false);
  EXPECT_TRUE(s.failed());
  EXPECT_THAT(s.ready(), IsEmpty());
  EXPECT_FALSE(s.done()); // Bucket is still running
  EXPECT_THROW(s.started("Subnet"), std::logic_error);
  s.finished("Bucket", true); // its dependent Policy must not start now
  EXPECT_THAT(s.ready(), IsEmpty());
  EXPECT_TRUE(s.done());
  EXPECT_FALSE(s.complete());
  EXPECT_EQ(s.state("Vpc"), TaskState::Failed);
  EXPECT_EQ(s.state("Bucket"), TaskState::Succeeded);
  EXPECT_THAT(s.not_started(), ElementsAre("Instance", "Subnet", "Sg", "Policy"));
}

TEST(Schedule, MisuseIsALogicError) {
  Template t = yaml_template(kStack);
  ResourceGraph g = build_graph(t);
  Schedule s(g);
  EXPECT_THROW(s.started("Instance"), std::logic_error);   // not ready
  EXPECT_THROW(s.finished("Vpc", true), std::logic_error); // not running
  EXPECT_THROW(s.started("Nope"), std::logic_error);
}

TEST(Schedule, WantedSubsetFollowsPathsThroughOtherResources) {
  Template t = yaml_template(kStack);
  ResourceGraph g = build_graph(t);
  // Updating only Vpc and Instance: Instance still waits for Vpc through Subnet and Sg.
  Schedule s(g, {}, {"Instance", "Vpc"});
  EXPECT_EQ(s.wanted_count(), 2u);
  EXPECT_THAT(s.ready(), ElementsAre("Vpc"));
  s.started("Vpc");
  s.finished("Vpc", true);
  EXPECT_THAT(s.ready(), ElementsAre("Instance"));
  s.started("Instance");
  s.finished("Instance", true);
  EXPECT_TRUE(s.done());
  EXPECT_TRUE(s.complete());
  EXPECT_EQ(s.state("Bucket"), TaskState::NotWanted);

  Schedule r(g, {Direction::Reverse, 0}, {"Instance", "Vpc"});
  EXPECT_THAT(r.ready(), ElementsAre("Instance"));
}

// A layered 5,000-resource graph: each resource references up to three in the layer before it
// through Ref, GetAtt and Sub.
std::string big_template(int n) {
  std::string text = "Resources:\n";
  text.reserve(n * 120);
  for (int i = 0; i < n; ++i) {
    text += fmt::format("  R{}:\n    Type: AWS::SSM::Parameter\n", i);
    if (i >= 50) {
      int a = i - 50, b = i - 49 - (i % 7), c = std::max(0, i - 50 - (i % 13));
      text += fmt::format("    Properties: {{Name: !Ref R{}, Value: !GetAtt R{}.Value, "
                          "Description: !Sub \"${{R{}}}\"}}\n",
                          a, b, c);
    }
  }
  return text;
}

// CPU time of this thread in ms: the machine is shared, so wall time says little.
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

TEST(Schedule, FiveThousandResourcesAreFast) {
  const int n = 5000;
  Template t = yaml_template(big_template(n));
  double cpu_start = cpu_ms();
  auto start = std::chrono::steady_clock::now();
  ResourceGraph g = build_graph(t);
  double cpu_built = cpu_ms();
  auto built = std::chrono::steady_clock::now();
  Schedule s(g, {Direction::Forward, 10});
  size_t count = 0;
  while (!s.done()) {
    for (const auto &id : s.ready())
      s.started(id);
    for (const auto &id : s.running()) {
      s.finished(id, true);
      ++count;
    }
  }
  double cpu_scheduled = cpu_ms();
  auto scheduled = std::chrono::steady_clock::now();
  auto order = serial_order(g, Direction::Reverse);
  double cpu_reversed = cpu_ms();
  auto reversed = std::chrono::steady_clock::now();
  EXPECT_EQ(count, static_cast<size_t>(n));
  EXPECT_EQ(order.size(), static_cast<size_t>(n));
  EXPECT_TRUE(s.complete());
  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
  RecordProperty("build_ms", std::to_string(ms(start, built)));
  std::printf("5000 resources (CPU ms, wall ms): graph %.1f, %.1f; schedule (max 10) %.1f, %.1f; "
              "reverse order %.1f, %.1f\n",
              cpu_built - cpu_start, ms(start, built), cpu_scheduled - cpu_built,
              ms(built, scheduled), cpu_reversed - cpu_scheduled, ms(scheduled, reversed));
  EXPECT_LT(ms(start, reversed), 2000.0);
}

} // namespace
} // namespace cfnlocal::planner
