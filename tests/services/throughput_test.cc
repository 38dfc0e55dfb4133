// How fast the embedded backend and the Store record a deploy's steps: each call commits, so
// this is the per-resource floor of a deploy. Prints the figures; the bounds are generous so a
// loaded CI machine does not fail them.
#include "fixture.h"

#include <chrono>
#include <cstdio>

namespace cfnlocal::services {
namespace {

class ThroughputTest : public EmbeddedTest {};

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

TEST_F(ThroughputTest, FiveHundredResourcesRecordedLikeADeploy) {
  std::string stack_id = state::make_stack_id("us-east-1", "123456789012", "perf");
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 500; ++i) {
    std::string logical = "Res" + std::to_string(i);
    state::ResourceRecord r{stack_id, logical, 0, "", "AWS::SNS::Topic", "CREATE_IN_PROGRESS"};
    r.properties = {{"TopicName", logical}};
    store_->put_resource(r);
    state::StackEvent e{
        0, "", stack_id, "perf", logical, "", "AWS::SNS::Topic", "", "CREATE_IN_PROGRESS"};
    store_->add_event(e);
    call("cloudcontrol", "CreateResource",
         {{"TypeName", "AWS::SNS::Topic"},
          {"Identifier", logical},
          {"DesiredState", r.properties.dump()}});
    r.physical_id = logical;
    r.status = "CREATE_COMPLETE";
    store_->put_resource(r);
    state::StackEvent done{
        0, "", stack_id, "perf", logical, logical, "AWS::SNS::Topic", "", "CREATE_COMPLETE"};
    store_->add_event(done);
  }
  double elapsed = ms_since(start);
  std::printf("500 resources x (2 resource rows + 2 events + CreateResource): %.1f ms\n", elapsed);
  EXPECT_EQ(store_->current_resources(stack_id).size(), 500u);
  EXPECT_LT(elapsed, 5000.0);
}

TEST_F(ThroughputTest, ObjectsAndParameters) {
  call("s3", "CreateBucket", {{"Bucket", "perf-bucket"}});
  std::string body(64 * 1024, 'x');
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 200; ++i)
    call("s3", "PutObject",
         {{"Bucket", "perf-bucket"}, {"Key", "k" + std::to_string(i)}, {"Body", body}});
  double puts = ms_since(start);
  start = std::chrono::steady_clock::now();
  for (int i = 0; i < 200; ++i)
    call("ssm", "PutParameter",
         {{"Name", "/perf/p" + std::to_string(i)}, {"Value", "v"}, {"Type", "String"}});
  double params = ms_since(start);
  std::printf("200 PutObject of 64 KiB: %.1f ms; 200 PutParameter: %.1f ms\n", puts, params);
  EXPECT_EQ(call("s3", "ListObjectsV2", {{"Bucket", "perf-bucket"}})["KeyCount"], 200);
}

} // namespace
} // namespace cfnlocal::services
