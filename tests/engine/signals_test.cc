// Resource signals: CreationPolicy and AWS::CloudFormation::WaitCondition. By default the signals
// count as received; with wait_for_signals the deploy waits for signal-resource (from another
// thread, or another process through the cfnlocal binary) or a PUT to the handle URL, fails on a
// FAILURE signal or a timeout (and rolls back), and keeps creating independent resources while
// one waits.
#include "engine_fixture.h"

#include "engine/resource_signals.h"
#include "parser/diagnostic.h"
#include "state/store.h"

#include <chrono>
#include <cstdlib>
#include <future>
#include <httplib.h>
#include <thread>

namespace cfnlocal::engine::testing {
namespace {

using namespace std::chrono_literals;

const char *kCreationPolicy = R"(
Resources:
  Waiter:
    Type: AWS::SQS::Queue
    CreationPolicy:
      ResourceSignal:
        Count: 1
        Timeout: PT2M
  Independent:
    Type: AWS::SNS::Topic
  After:
    Type: AWS::SSM::Parameter
    DependsOn: Waiter
    Properties:
      Type: String
      Value: after
)";

std::string wait_condition(const std::string &timeout, int count = 1) {
  return R"(
Resources:
  Handle:
    Type: AWS::CloudFormation::WaitConditionHandle
  Condition:
    Type: AWS::CloudFormation::WaitCondition
    Properties:
      Handle: !Ref Handle
      Timeout: ')" +
         timeout + "'\n      Count: " + std::to_string(count) + R"(
Outputs:
  Data:
    Value: !GetAtt Condition.Data
  Url:
    Value: !Ref Handle
)";
}

class SignalsTest : public EngineTest {
protected:
  // Runs a deploy on another thread (it blocks while resources wait).
  std::future<OperationResult> deploy_async(const std::string &stack, const std::string &text) {
    config_.wait_for_signals = true;
    // The state file exists before two connections race to create it (its switch to WAL mode
    // takes an exclusive lock that a concurrent opener cannot wait for).
    { state::Store create(config_.state_path); }
    return std::async(std::launch::async, [this, stack, text] { return deploy(stack, text); });
  }

  // Waits until `logical_id` of `stack` is recorded with `status`; returns the row.
  std::optional<state::ResourceRecord>
  wait_for_row(const std::string &stack, const std::string &logical_id, const std::string &status) {
    state::Store store(config_.state_path);
    for (auto until = std::chrono::steady_clock::now() + 20s;
         std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(20ms)) {
      auto s = store.find_stack(stack);
      if (!s)
        continue;
      auto r = store.find_resource(s->stack_id, logical_id);
      if (r && r->status == status)
        return r;
    }
    return std::nullopt;
  }

  std::string output(const OperationResult &r, const std::string &key) {
    for (const auto &o : r.stack.outputs)
      if (o.key == key)
        return o.value;
    return "<none>";
  }

  bool has_event(const std::string &logical_id, const std::string &status,
                 const std::string &reason) {
    for (const auto &e : reporter_.events)
      if (e.logical_id == logical_id && e.status == status &&
          e.status_reason.find(reason) != std::string::npos)
        return true;
    return false;
  }
};

TEST_F(SignalsTest, SignalsCountAsReceivedByDefault) {
  auto result = deploy("s", std::string(kCreationPolicy));
  ASSERT_TRUE(result.succeeded) << result.message;
  EXPECT_TRUE(has_event("Waiter", "CREATE_IN_PROGRESS",
                        "Received SUCCESS signal with UniqueId cfnlocal-1 (counted as received"));

  auto wc = deploy("w", wait_condition("600", 2));
  ASSERT_TRUE(wc.succeeded) << wc.message;
  EXPECT_EQ(output(wc, "Data"), R"({"cfnlocal-1":"","cfnlocal-2":""})");
  EXPECT_EQ(output(wc, "Url").rfind("http://127.0.0.1:", 0), 0u) << output(wc, "Url");
}

TEST_F(SignalsTest, SignalResourceCompletesTheWaitingResourceWhileOthersGoOn) {
  auto running = deploy_async("s", kCreationPolicy);
  auto waiter = wait_for_row("s", "Waiter", "CREATE_IN_PROGRESS");
  ASSERT_TRUE(waiter);
  EXPECT_FALSE(waiter->physical_id.empty());
  // The independent resource completes while Waiter waits; its dependent does not start.
  EXPECT_TRUE(wait_for_row("s", "Independent", "CREATE_COMPLETE"));
  {
    state::Store store(config_.state_path);
    auto stack = store.find_stack("s");
    EXPECT_FALSE(store.find_resource(stack->stack_id, "After"));
    signal_resource(store, "s", "Waiter", "i-0123", "SUCCESS");
  }
  ASSERT_EQ(running.wait_for(20s), std::future_status::ready);
  auto result = running.get();
  ASSERT_TRUE(result.succeeded) << result.message;
  EXPECT_EQ(result.stack.status, "CREATE_COMPLETE");
  EXPECT_TRUE(has_event("Waiter", "CREATE_IN_PROGRESS", "Resource creation Initiated"));
  EXPECT_TRUE(
      has_event("Waiter", "CREATE_IN_PROGRESS", "Received SUCCESS signal with UniqueId i-0123"));
  EXPECT_TRUE(has_event("After", "CREATE_COMPLETE", ""));

  // A resource that no longer waits cannot be signalled.
  state::Store store(config_.state_path);
  try {
    signal_resource(store, "s", "Waiter", "i-0124", "SUCCESS");
    FAIL() << "signal accepted";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("is in CREATE_COMPLETE state and cannot be signaled"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(signal_resource(store, "nope", "Waiter", "i-1", "SUCCESS"), Error);
}

TEST_F(SignalsTest, SignalResourceFromAnotherProcess) {
  auto running = deploy_async("s", kCreationPolicy);
  ASSERT_TRUE(wait_for_row("s", "Waiter", "CREATE_IN_PROGRESS"));
  std::string command = std::string(CFNLOCAL_BINARY) + " signal-resource --state " +
                        config_.state_path +
                        " --stack-name s --logical-resource-id Waiter --unique-id i-9 --status "
                        "SUCCESS";
  EXPECT_EQ(std::system(command.c_str()), 0);
  ASSERT_EQ(running.wait_for(20s), std::future_status::ready);
  auto result = running.get();
  EXPECT_TRUE(result.succeeded) << result.message;
  // Signalling it again: AWS's error, exit 1.
  EXPECT_NE(std::system((command + " 2>/dev/null").c_str()), 0);
}

TEST_F(SignalsTest, FailureSignalRollsBack) {
  auto running = deploy_async("s", kCreationPolicy);
  ASSERT_TRUE(wait_for_row("s", "Waiter", "CREATE_IN_PROGRESS"));
  {
    state::Store store(config_.state_path);
    signal_resource(store, "s", "Waiter", "i-bad", "FAILURE");
  }
  ASSERT_EQ(running.wait_for(20s), std::future_status::ready);
  auto result = running.get();
  EXPECT_FALSE(result.succeeded);
  EXPECT_EQ(result.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_TRUE(has_event("Waiter", "CREATE_FAILED", "Received FAILURE signal with UniqueId i-bad"));
  EXPECT_TRUE(has_event("Waiter", "DELETE_COMPLETE", ""));
  EXPECT_NE(result.message.find("The following resource(s) failed to create: [Waiter]"),
            std::string::npos)
      << result.message;
}

TEST_F(SignalsTest, CreationPolicyTimesOut) {
  std::string text = kCreationPolicy;
  text.replace(text.find("PT2M"), 4, "PT1S");
  config_.wait_for_signals = true;
  auto result = deploy("s", text);
  EXPECT_FALSE(result.succeeded);
  EXPECT_EQ(result.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_TRUE(has_event("Waiter", "CREATE_FAILED",
                        "Failed to receive 1 resource signal(s) within the specified duration"));
}

TEST_F(SignalsTest, WaitConditionTimesOut) {
  config_.wait_for_signals = true;
  auto result = deploy("w", wait_condition("1"));
  EXPECT_FALSE(result.succeeded);
  EXPECT_EQ(result.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_TRUE(has_event("Condition", "CREATE_FAILED",
                        "WaitCondition timed out. Received 0 conditions when expecting 1"));
}

TEST_F(SignalsTest, HandleUrlSignalsCompleteTheWaitConditionWithTheirData) {
  auto running = deploy_async("w", wait_condition("60", 2));
  ASSERT_TRUE(wait_for_row("w", "Condition", "CREATE_IN_PROGRESS"));
  auto handle = wait_for_row("w", "Handle", "CREATE_COMPLETE");
  ASSERT_TRUE(handle);
  std::string url = handle->physical_id;
  ASSERT_EQ(url.rfind("http://127.0.0.1:", 0), 0u) << url;
  size_t path = url.find('/', 7);
  httplib::Client client(url.substr(0, path));
  auto first = client.Put(url.substr(path),
                          R"({"Status":"SUCCESS","Reason":"ok","UniqueId":"a","Data":"one"})", "");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  auto bad = client.Put(url.substr(path), "not json", "");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto second = client.Post(url.substr(path),
                            R"({"Status":"SUCCESS","Reason":"ok","UniqueId":"b","Data":"two"})",
                            "application/json");
  ASSERT_TRUE(second);
  ASSERT_EQ(running.wait_for(20s), std::future_status::ready);
  auto result = running.get();
  ASSERT_TRUE(result.succeeded) << result.message;
  EXPECT_EQ(output(result, "Data"), R"({"a":"one","b":"two"})");
}

TEST_F(SignalsTest, HandleUrlFailureFailsTheWaitCondition) {
  auto running = deploy_async("w", wait_condition("60"));
  ASSERT_TRUE(wait_for_row("w", "Condition", "CREATE_IN_PROGRESS"));
  auto handle = wait_for_row("w", "Handle", "CREATE_COMPLETE");
  ASSERT_TRUE(handle);
  std::string url = handle->physical_id;
  size_t path = url.find('/', 7);
  httplib::Client client(url.substr(0, path));
  ASSERT_TRUE(client.Put(
      url.substr(path),
      R"({"Status":"FAILURE","Reason":"install failed","UniqueId":"i-7","Data":""})", ""));
  ASSERT_EQ(running.wait_for(20s), std::future_status::ready);
  auto result = running.get();
  EXPECT_FALSE(result.succeeded);
  EXPECT_EQ(result.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_TRUE(
      has_event("Condition", "CREATE_FAILED",
                "WaitCondition received failed message: 'install failed' for uniqueId: i-7"));
}

TEST(SignalPolicy, ParsesCreationPolicyAndWaitConditionProperties) {
  EXPECT_EQ(parse_iso8601_duration("PT15M").count(), 900);
  EXPECT_EQ(parse_iso8601_duration("PT1H30M5S").count(), 5405);
  EXPECT_EQ(parse_iso8601_duration("P1D").count(), 86400);
  EXPECT_THROW(parse_iso8601_duration("15M"), Error);
  EXPECT_THROW(parse_iso8601_duration("PT"), Error);

  Value policy = Value::object();
  Value signal = Value::object();
  signal.set("Count", Value("4"));
  signal.set("Timeout", Value("PT10M"));
  policy.set("ResourceSignal", signal);
  Value asg = Value::object();
  asg.set("MinSuccessfulInstancesPercent", Value(50));
  policy.set("AutoScalingCreationPolicy", asg);
  auto p = signal_policy("AWS::AutoScaling::AutoScalingGroup", policy, Value());
  ASSERT_TRUE(p);
  EXPECT_EQ(p->count, 4);
  EXPECT_EQ(p->required(), 2);
  EXPECT_EQ(p->timeout, std::chrono::minutes(10));

  signal.set("Timeout", Value("PT13H"));
  policy.set("ResourceSignal", signal);
  EXPECT_THROW(signal_policy("AWS::EC2::Instance", policy, Value()), Error);

  EXPECT_FALSE(signal_policy("AWS::SQS::Queue", Value(), Value()));
  Value props = Value::object();
  props.set("Handle", Value("http://127.0.0.1:1/signals/abc"));
  props.set("Timeout", Value("50000"));
  EXPECT_THROW(signal_policy("AWS::CloudFormation::WaitCondition", Value(), props), Error);
  props.set("Timeout", Value(300));
  auto wc = signal_policy("AWS::CloudFormation::WaitCondition", Value(), props);
  ASSERT_TRUE(wc);
  EXPECT_EQ(wc->count, 1);
  EXPECT_EQ(handle_target(wc->handle_url), "handle/abc");
}

} // namespace
} // namespace cfnlocal::engine::testing
