// ServingThread: the start / stop / join lifecycle of the local HTTP servers, including a stop
// that comes before the accept loop runs (it used to hang the join).
#include "services/serving_thread.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <future>

namespace cfnlocal::services {
namespace {

using namespace std::chrono_literals;

TEST(ServingThreadTest, ServesUntilStoppedAndJoins) {
  ServingThread serving;
  serving.server().Get("/ping", [](const httplib::Request &, httplib::Response &res) {
    res.set_content("pong", "text/plain");
  });
  int port = serving.start("127.0.0.1", 0);
  ASSERT_GT(port, 0);
  EXPECT_TRUE(serving.started());
  httplib::Client client("127.0.0.1", port);
  auto res = client.Get("/ping");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "pong");
  auto waited = std::async(std::launch::async, [&] { serving.wait(); });
  serving.stop();
  EXPECT_EQ(waited.wait_for(10s), std::future_status::ready);
}

TEST(ServingThreadTest, DestroyedRightAfterStartDoesNotHang) {
  auto done = std::async(std::launch::async, [] {
    for (int i = 0; i < 50; ++i) {
      ServingThread serving;
      ASSERT_GT(serving.start("127.0.0.1", 0), 0);
    }
  });
  EXPECT_EQ(done.wait_for(30s), std::future_status::ready);
}

TEST(ServingThreadTest, StoppedTwiceAndNeverStartedAreNoOps) {
  { ServingThread never_started; }
  ServingThread serving;
  int port = serving.start("127.0.0.1", 0);
  ASSERT_GT(port, 0);
  serving.stop();
  serving.stop();
  serving.wait();
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(1s);
  EXPECT_FALSE(client.Get("/")) << "the server still answers after stop";
}

TEST(ServingThreadTest, APortInUseIsZeroAndAnotherPortStillWorks) {
  ServingThread first;
  int port = first.start("127.0.0.1", 0);
  ASSERT_GT(port, 0);
  ServingThread second;
  EXPECT_EQ(second.start("127.0.0.1", port), 0);
  EXPECT_FALSE(second.started());
  int other = second.start("127.0.0.1", 0);
  EXPECT_GT(other, 0);
  EXPECT_NE(other, port);
}

} // namespace
} // namespace cfnlocal::services
