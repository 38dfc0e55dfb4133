// A process killed mid-operation leaves a stack the next command converges, with every physical
// resource recorded (DESIGN.md, "State"). The child process runs a 500-resource deploy (or an
// update, or a delete) and dies abruptly after its k-th committed event; the parent then runs the
// next command and checks the state file against what the services hold.
#include "engine_fixture.h"

#include "parser/json.h"
#include "parser/reader.h"
#include "services/backend.h"
#include "state/store.h"

#include <algorithm>
#include <iterator>
#include <random>
#include <set>
#include <sys/wait.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;

namespace {

/// Dies (as SIGKILL would leave things) after `limit` events.
class DyingReporter : public Reporter {
public:
  explicit DyingReporter(int limit) : limit_(limit) {}
  void on_event(const state::StackEvent &) override {
    if (++count_ >= limit_)
      _exit(137);
  }

private:
  int limit_;
  int count_ = 0;
};

// Types whose records live in the generic (Cloud Control) store; buckets, parameters, queues
// and topics have real providers and are listed from their own services.
// The benchmark's types still served by the generic provider (none since log groups have their
// own service).
const std::vector<std::string> kGenericTypes = {};

class KillTest : public EngineTest {
protected:
  std::string generated() { return std::string(CFNLOCAL_TEST_DATA) + "/generated-500.json"; }

  DeployOptions options(const std::string &file) {
    DeployOptions o;
    o.stack_name = "big";
    o.template_file = file;
    return o;
  }

  // Runs `body` in a child process that dies after `limit` events; returns its exit status.
  template <class F> int run_and_die(int limit, F body) {
    pid_t pid = fork();
    if (pid == 0) {
      DyingReporter reporter(limit);
      try {
        body(reporter);
      } catch (...) {
        _exit(3);
      }
      _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // Physical IDs the services hold for the benchmark's types.
  std::multiset<std::string> service_ids(Engine &engine) {
    std::multiset<std::string> ids;
    for (const auto &type : kGenericTypes) {
      std::string token;
      do {
        Json input = {{"TypeName", type}};
        if (!token.empty())
          input["NextToken"] = token;
        Json out = engine.backend().call("cloudcontrol", "ListResources", input);
        for (const auto &d : out.value("ResourceDescriptions", Json::array()))
          ids.insert(d.value("Identifier", ""));
        token = out.value("NextToken", "");
      } while (!token.empty());
    }
    std::string log_token;
    do {
      Json input = Json::object();
      if (!log_token.empty())
        input["nextToken"] = log_token;
      Json out = engine.backend().call("logs", "DescribeLogGroups", input);
      for (const auto &g : out.value("logGroups", Json::array()))
        ids.insert(g.value("logGroupName", ""));
      log_token = out.value("nextToken", "");
    } while (!log_token.empty());
    for (const auto &b :
         engine.backend().call("s3", "ListBuckets", Json::object()).value("Buckets", Json::array()))
      ids.insert(b.value("Name", ""));
    for (const auto &url : engine.backend()
                               .call("sqs", "ListQueues", Json::object())
                               .value("QueueUrls", Json::array()))
      ids.insert(url.get<std::string>());
    std::string token;
    do {
      Json input = Json::object();
      if (!token.empty())
        input["NextToken"] = token;
      Json out = engine.backend().call("sns", "ListTopics", input);
      for (const auto &t : out.value("Topics", Json::array()))
        ids.insert(t.value("TopicArn", ""));
      token = out.value("NextToken", "");
    } while (!token.empty());
    do {
      Json input = {{"MaxResults", 50}};
      if (!token.empty())
        input["NextToken"] = token;
      Json out = engine.backend().call("ssm", "DescribeParameters", input);
      for (const auto &p : out.value("Parameters", Json::array())) {
        std::string name = p.value("Name", "");
        if (name.rfind("/aws/service/", 0) != 0)
          ids.insert(name);
      }
      token = out.value("NextToken", "");
    } while (!token.empty());
    return ids;
  }

  // Every physical resource the services hold is a recorded resource of the stack, and vice versa.
  void expect_recorded(Engine &engine, const std::string &stack_name) {
    // An in-place update keeps the physical ID across generations: count each ID once.
    std::set<std::string> recorded;
    if (auto stack = engine.store().find_stack(stack_name))
      for (const auto &r : engine.store().list_resources(stack->stack_id))
        if (!r.physical_id.empty() && r.status != "DELETE_COMPLETE" && r.status != "DELETE_SKIPPED")
          recorded.insert(r.physical_id);
    auto held_all = service_ids(engine);
    std::set<std::string> held(held_all.begin(), held_all.end());
    EXPECT_EQ(held.size(), held_all.size()) << "a physical ID is held twice";
    std::vector<std::string> unrecorded, missing;
    std::set_difference(held.begin(), held.end(), recorded.begin(), recorded.end(),
                        std::back_inserter(unrecorded));
    std::set_difference(recorded.begin(), recorded.end(), held.begin(), held.end(),
                        std::back_inserter(missing));
    EXPECT_TRUE(unrecorded.empty()) << "held by the services, not recorded: " << unrecorded.size()
                                    << (unrecorded.empty() ? "" : " e.g. " + unrecorded[0]);
    EXPECT_TRUE(missing.empty()) << "recorded, not held by the services: " << missing.size()
                                 << (missing.empty() ? "" : " e.g. " + missing[0]);
  }
};

} // namespace

TEST_F(KillTest, KilledCreateConvergesOnTheNextDeploy) {
  std::mt19937 random(20261122);
  for (int round = 0; round < 5; ++round) {
    int limit = std::uniform_int_distribution<int>(2, 1000)(random);
    std::string file = generated();
    int status = run_and_die(limit, [&](Reporter &r) { Engine(config_).deploy(options(file), r); });
    ASSERT_EQ(status, 137) << "round " << round << " limit " << limit;
    {
      Engine engine(config_);
      QuietReporter quiet;
      // Everything the dead process created is recorded, before any recovery.
      auto stack = engine.store().find_stack("big");
      ASSERT_TRUE(stack);
      EXPECT_EQ(stack->status.ends_with("_IN_PROGRESS"), true) << stack->status;
      expect_recorded(engine, "big");
      auto result = engine.deploy(options(file), quiet);
      ASSERT_TRUE(result.succeeded) << result.message;
      EXPECT_EQ(result.stack.status, "CREATE_COMPLETE");
      EXPECT_EQ(engine.store().current_resources(result.stack.stack_id).size(), 500u);
      expect_recorded(engine, "big");
      ASSERT_TRUE(engine.delete_stack({"big", {}}, quiet).succeeded);
      expect_recorded(engine, "big");
      EXPECT_TRUE(service_ids(engine).empty());
    }
  }
}

TEST_F(KillTest, KilledUpdateAndDeleteConverge) {
  std::string v1 = generated();
  // The update changes every queue's visibility timeout and renames every log group: in-place
  // updates and replacements interleaved.
  std::string text = read_file_text(v1);
  for (size_t pos = 0; (pos = text.find("\"VisibilityTimeout\": ", pos)) != std::string::npos;)
    text.replace(pos, 21, "\"VisibilityTimeout\": 1"), pos += 22;
  for (size_t pos = 0; (pos = text.find("/bench/", pos)) != std::string::npos;)
    text.replace(pos, 7, "/bench2/"), pos += 8;
  std::string v2 = write("v2.json", text);

  std::mt19937 random(7);
  for (int round = 0; round < 3; ++round) {
    {
      Engine engine(config_);
      QuietReporter quiet;
      ASSERT_TRUE(engine.deploy(options(v1), quiet).succeeded);
    }
    // The update records about 600 events (100 in-place updates, 100 replacements and their
    // cleanup): die somewhere inside it.
    int limit = std::uniform_int_distribution<int>(2, 550)(random);
    ASSERT_EQ(run_and_die(limit, [&](Reporter &r) { Engine(config_).deploy(options(v2), r); }),
              137);
    {
      Engine engine(config_);
      QuietReporter quiet;
      expect_recorded(engine, "big");
      ASSERT_TRUE(engine.recover("big", quiet));
      auto stack = engine.store().find_stack("big");
      EXPECT_TRUE(stack->status == "UPDATE_ROLLBACK_COMPLETE" || stack->status == "UPDATE_COMPLETE")
          << stack->status;
      expect_recorded(engine, "big");
      EXPECT_EQ(engine.store().current_resources(stack->stack_id).size(), 500u);
    }
    // Then a delete, killed too, finished by the next delete.
    limit = std::uniform_int_distribution<int>(2, 900)(random);
    ASSERT_EQ(run_and_die(limit,
                          [&](Reporter &r) {
                            Engine(config_).delete_stack({"big", {}}, r);
                          }),
              137);
    {
      Engine engine(config_);
      QuietReporter quiet;
      expect_recorded(engine, "big");
      auto result = engine.delete_stack({"big", {}}, quiet);
      ASSERT_TRUE(result.succeeded) << result.message;
      EXPECT_TRUE(service_ids(engine).empty());
    }
  }
}
