#include "state/ids.h"
#include "state/store.h"

#include <gtest/gtest.h>

#include <sqlite3.h>

#include <csignal>
#include <filesystem>
#include <regex>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace cfnlocal::state {
namespace {

namespace fs = std::filesystem;

class StoreTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cfnlocal-state-" + std::to_string(getpid()) + "-" + uuid4().substr(0, 8));
    path_ = dir_ / "nested" / "state.db";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_, path_;
};

StackRecord sample_stack(const std::string &name) {
  StackRecord s;
  s.stack_id = make_stack_id("us-east-1", "123456789012", name);
  s.name = name;
  s.status = "CREATE_IN_PROGRESS";
  s.description = "demo";
  s.creation_time = now_iso8601();
  s.parameters = {{"Env", "prod", std::nullopt, false},
                  {"Password", "hunter2", std::nullopt, true},
                  {"Ami", "/aws/service/x", std::string("ami-123"), false}};
  s.capabilities = {"CAPABILITY_IAM"};
  s.tags = {{"team", "core"}};
  s.disable_rollback = true;
  s.timeout_in_minutes = 30;
  s.outputs = {{"BucketName", "b1", "the bucket", "Exported-B"}};
  s.template_body = "Resources: {}";
  s.processed_template = "{\"Resources\":{}}";
  s.extra = {{"k", 1}};
  return s;
}

TEST_F(StoreTest, CreatesParentDirectoriesWalAndNormalSync) {
  Store store(path_);
  EXPECT_TRUE(fs::exists(path_));
  EXPECT_EQ(store.journal_mode(), "wal");
  EXPECT_EQ(store.synchronous(), 1); // NORMAL
  EXPECT_EQ(store.schema_version(), Store::latest_schema_version());
  EXPECT_EQ(store.objects_dir().string(), path_.string() + ".objects");
  EXPECT_EQ(Store::default_path(), fs::path(".cfnlocal/state.db"));
}

TEST_F(StoreTest, ReopeningKeepsDataAndVersion) {
  auto stack = sample_stack("keep");
  {
    Store store(path_);
    store.put_stack(stack);
  }
  Store again(path_);
  EXPECT_EQ(again.schema_version(), Store::latest_schema_version());
  ASSERT_TRUE(again.find_stack("keep"));
}

TEST_F(StoreTest, RefusesNewerSchema) {
  { Store store(path_); }
  sqlite3 *db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version=999", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  try {
    Store store(path_);
    FAIL() << "expected StoreError";
  } catch (const StoreError &e) {
    EXPECT_NE(std::string(e.what()).find("schema version 999"), std::string::npos);
  }
}

TEST_F(StoreTest, MigratesAnEmptyDatabaseFromVersionZero) {
  {
    sqlite3 *db = nullptr;
    fs::create_directories(path_.parent_path());
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE unrelated(x)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  Store store(path_);
  EXPECT_EQ(store.schema_version(), Store::latest_schema_version());
  store.put_record("s3", "bucket", "b", Json{{"a", 1}});
  EXPECT_TRUE(store.get_record("s3", "bucket", "b"));
}

TEST_F(StoreTest, StackRoundTrip) {
  Store store(path_);
  auto stack = sample_stack("web");
  store.put_stack(stack);
  auto got = store.find_stack("web");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->stack_id, stack.stack_id);
  EXPECT_EQ(got->parameters, stack.parameters);
  EXPECT_TRUE(got->parameters[1].no_echo);
  EXPECT_EQ(got->capabilities, stack.capabilities);
  EXPECT_EQ(got->tags, stack.tags);
  EXPECT_EQ(got->outputs, stack.outputs);
  EXPECT_EQ(got->timeout_in_minutes, 30);
  EXPECT_TRUE(got->disable_rollback);
  EXPECT_EQ(got->template_body, stack.template_body);
  EXPECT_EQ(got->processed_template, stack.processed_template);
  EXPECT_EQ(got->extra["k"], 1);
  EXPECT_TRUE(store.find_stack(stack.stack_id));
  EXPECT_TRUE(std::regex_match(
      stack.stack_id,
      std::regex(R"(arn:aws:cloudformation:us-east-1:123456789012:stack/web/[0-9a-f-]{36})")));

  store.set_stack_status(stack.stack_id, "CREATE_COMPLETE", "", "2026-01-01T00:00:00.000Z");
  got = store.find_stack("web");
  EXPECT_EQ(got->status, "CREATE_COMPLETE");
  EXPECT_EQ(got->last_updated_time, "2026-01-01T00:00:00.000Z");
}

TEST_F(StoreTest, DeletedStacksStayListedButNotFoundByName) {
  Store store(path_);
  auto old = sample_stack("app");
  old.status = "DELETE_COMPLETE";
  old.deletion_time = now_iso8601();
  store.put_stack(old);
  EXPECT_FALSE(store.find_stack("app"));
  EXPECT_TRUE(store.find_stack(old.stack_id));
  auto fresh = sample_stack("app");
  store.put_stack(fresh);
  EXPECT_EQ(store.find_stack("app")->stack_id, fresh.stack_id);
  EXPECT_EQ(store.list_stacks().size(), 1u);
  auto all = store.list_stacks(true);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].stack_id, fresh.stack_id); // newest first
  store.purge_stack(old.stack_id);
  EXPECT_EQ(store.list_stacks(true).size(), 1u);
}

TEST_F(StoreTest, ResourceGenerationsForReplacement) {
  Store store(path_);
  auto stack = sample_stack("r");
  store.put_stack(stack);
  ResourceRecord old{stack.stack_id, "Queue", 0, "q-old", "AWS::SQS::Queue", "UPDATE_COMPLETE"};
  old.properties = {{"QueueName", "a"}};
  old.attributes = {{"Arn", "arn:aws:sqs:us-east-1:123456789012:a"}};
  old.definition = {{"Type", "AWS::SQS::Queue"}};
  store.put_resource(old);
  ResourceRecord fresh = old;
  fresh.generation = 1;
  fresh.physical_id = "q-new";
  fresh.status = "UPDATE_IN_PROGRESS";
  store.put_resource(fresh);
  ResourceRecord other{stack.stack_id, "Bucket", 0, "b", "AWS::S3::Bucket", "CREATE_COMPLETE"};
  store.put_resource(other);

  EXPECT_EQ(store.list_resources(stack.stack_id).size(), 3u);
  auto current = store.current_resources(stack.stack_id);
  ASSERT_EQ(current.size(), 2u);
  EXPECT_EQ(current[0].logical_id, "Bucket");
  EXPECT_EQ(current[1].physical_id, "q-new");
  EXPECT_EQ(store.find_resource(stack.stack_id, "Queue")->generation, 1);
  auto got_old = store.find_resource(stack.stack_id, "Queue", 0);
  ASSERT_TRUE(got_old);
  EXPECT_EQ(got_old->properties["QueueName"], "a");
  EXPECT_EQ(got_old->attributes["Arn"], "arn:aws:sqs:us-east-1:123456789012:a");
  EXPECT_EQ(got_old->definition["Type"], "AWS::SQS::Queue");
  EXPECT_EQ(store.find_resources_by_physical_id("q-old").size(), 1u);

  store.set_resource_status(stack.stack_id, "Queue", 1, "UPDATE_COMPLETE");
  EXPECT_EQ(store.find_resource(stack.stack_id, "Queue")->status, "UPDATE_COMPLETE");
  EXPECT_FALSE(store.find_resource(stack.stack_id, "Queue")->last_updated_time.empty());
  EXPECT_TRUE(store.delete_resource(stack.stack_id, "Queue", 0));
  EXPECT_FALSE(store.delete_resource(stack.stack_id, "Queue", 0));
  store.delete_resources(stack.stack_id);
  EXPECT_TRUE(store.list_resources(stack.stack_id).empty());
}

TEST_F(StoreTest, EventsAreOrderedAndTailable) {
  Store store(path_);
  std::string id = make_stack_id("us-east-1", "123456789012", "ev");
  std::vector<int64_t> seqs;
  for (int i = 0; i < 5; ++i) {
    StackEvent e;
    e.stack_id = id;
    e.stack_name = "ev";
    e.logical_id = "R" + std::to_string(i);
    e.status = "CREATE_COMPLETE";
    seqs.push_back(store.add_event(e));
    EXPECT_EQ(e.event_id.size(), 36u);
    EXPECT_TRUE(
        std::regex_match(e.timestamp, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
  }
  auto newest = store.list_events(id);
  ASSERT_EQ(newest.size(), 5u);
  EXPECT_EQ(newest.front().logical_id, "R4");
  auto oldest = store.list_events(id, false, 2);
  ASSERT_EQ(oldest.size(), 2u);
  EXPECT_EQ(oldest[0].logical_id, "R0");
  auto tail = store.list_events(id, false, 0, seqs[2]);
  ASSERT_EQ(tail.size(), 2u);
  EXPECT_EQ(tail[0].logical_id, "R3");
}

TEST_F(StoreTest, ExportsAndImports) {
  Store store(path_);
  store.put_export({"VpcId", "vpc-1", "arn:stack/a", "Vpc"});
  store.put_export({"SubnetId", "subnet-1", "arn:stack/a", "Subnet"});
  EXPECT_EQ(store.find_export("VpcId")->value, "vpc-1");
  EXPECT_EQ(store.list_exports().front().name, "SubnetId");
  store.set_imports("arn:stack/b", "b", {"VpcId"});
  store.set_imports("arn:stack/c", "c", {"VpcId", "SubnetId"});
  EXPECT_EQ(store.importers_of("VpcId").size(), 2u);
  EXPECT_EQ(store.importers_of("VpcId")[0].importing_stack_name, "b");
  store.set_imports("arn:stack/c", "c", {"SubnetId"});
  EXPECT_EQ(store.importers_of("VpcId").size(), 1u);
  EXPECT_EQ(store.imports_of("arn:stack/c"), std::vector<std::string>{"SubnetId"});
  EXPECT_EQ(store.exports_of("arn:stack/a").size(), 2u);
  store.delete_exports_of("arn:stack/a");
  EXPECT_FALSE(store.find_export("VpcId"));
}

TEST_F(StoreTest, ChangeSets) {
  Store store(path_);
  auto stack = sample_stack("cs");
  store.put_stack(stack);
  ChangeSetRecord cs;
  cs.change_set_id = make_change_set_id("us-east-1", "123456789012", "first");
  cs.name = "first";
  cs.stack_id = stack.stack_id;
  cs.stack_name = "cs";
  cs.change_set_type = "UPDATE";
  cs.status = "CREATE_COMPLETE";
  cs.execution_status = "AVAILABLE";
  cs.creation_time = now_iso8601();
  cs.changes = Json::array({{{"Type", "Resource"}, {"ResourceChange", {{"Action", "Add"}}}}});
  cs.template_body = "Resources: {}";
  cs.parameters = {{"Env", "dev", std::nullopt, false}};
  store.put_change_set(cs);
  auto got = store.find_change_set("first", "cs");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->changes[0]["ResourceChange"]["Action"], "Add");
  EXPECT_EQ(got->parameters, cs.parameters);
  EXPECT_TRUE(store.find_change_set(cs.change_set_id));
  EXPECT_TRUE(store.find_change_set("first", stack.stack_id));
  EXPECT_FALSE(store.find_change_set("first", "nope"));
  store.set_change_set_status(cs.change_set_id, "CREATE_COMPLETE", "EXECUTE_COMPLETE");
  EXPECT_EQ(store.list_change_sets(stack.stack_id)[0].execution_status, "EXECUTE_COMPLETE");
  auto dup = cs;
  dup.change_set_id = make_change_set_id("us-east-1", "123456789012", "first");
  EXPECT_THROW(store.put_change_set(dup), StoreError);
  EXPECT_TRUE(store.delete_change_set(cs.change_set_id));
  EXPECT_FALSE(store.find_change_set(cs.change_set_id));
}

TEST_F(StoreTest, ServiceRecordsByPrefix) {
  Store store(path_);
  store.put_record("ssm", "parameter", "us-east-1:/app/a", Json{{"v", 1}});
  store.put_record("ssm", "parameter", "us-east-1:/app/b", Json{{"v", 2}});
  store.put_record("ssm", "parameter", "us-east-1:/apq", Json{{"v", 3}});
  store.put_record("ssm", "parameter", "us-east-1:/app%", Json{{"v", 4}});
  store.put_record("s3", "parameter", "us-east-1:/app/c", Json{{"v", 5}});
  auto listed = store.list_records("ssm", "parameter", "us-east-1:/app/");
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[1].second["v"], 2);
  EXPECT_EQ(store.count_records("ssm", "parameter", "us-east-1:/ap"), 4u);
  auto page = store.list_records("ssm", "parameter", "", 2, "us-east-1:/app/a");
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].first, "us-east-1:/app/b");
  EXPECT_TRUE(store.delete_record("ssm", "parameter", "us-east-1:/apq"));
  EXPECT_FALSE(store.get_record("ssm", "parameter", "us-east-1:/apq"));
  EXPECT_FALSE(store.delete_record("ssm", "parameter", "us-east-1:/apq"));
}

TEST_F(StoreTest, TransactionCommitsOrRollsBack) {
  Store store(path_);
  {
    auto tx = store.transaction();
    store.put_record("x", "k", "a", 1);
    {
      auto inner = store.transaction();
      store.put_record("x", "k", "b", 2);
      inner.commit();
    }
    // Dropped without commit: both writes vanish.
  }
  EXPECT_FALSE(store.get_record("x", "k", "a"));
  EXPECT_FALSE(store.get_record("x", "k", "b"));
  {
    auto tx = store.transaction();
    store.put_record("x", "k", "a", 1);
    tx.commit();
  }
  EXPECT_TRUE(store.get_record("x", "k", "a"));
  {
    auto outer = store.transaction();
    store.put_record("x", "k", "c", 3);
    {
      auto failed = store.transaction();
      store.put_record("x", "k", "d", 4);
      // Dropped: only its own write is undone.
    }
    {
      auto inner = store.transaction();
      store.put_record("x", "k", "e", 5);
      inner.commit();
    }
    outer.commit();
  }
  EXPECT_TRUE(store.get_record("x", "k", "c"));
  EXPECT_FALSE(store.get_record("x", "k", "d"));
  EXPECT_TRUE(store.get_record("x", "k", "e"));
}

TEST_F(StoreTest, WritesAreVisibleToASecondConnectionAtOnce) {
  Store writer(path_);
  Store reader(path_);
  writer.put_record("x", "k", "a", 1);
  EXPECT_TRUE(reader.get_record("x", "k", "a"));
  // A reader is not blocked by an open write transaction and sees the last commit.
  auto tx = writer.transaction();
  writer.put_record("x", "k", "b", 2);
  EXPECT_FALSE(reader.get_record("x", "k", "b"));
  EXPECT_TRUE(reader.get_record("x", "k", "a"));
  tx.commit();
  EXPECT_TRUE(reader.get_record("x", "k", "b"));
}

TEST_F(StoreTest, ConcurrentThreadsShareOneStore) {
  Store store(path_);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i)
        store.put_record("x", "k", std::to_string(t) + "-" + std::to_string(i), i);
    });
  for (auto &th : threads)
    th.join();
  EXPECT_EQ(store.count_records("x", "k"), 200u);
}

TEST_F(StoreTest, TwoProcessesWriteConcurrentlyWithoutLosingCommits) {
  { Store init(path_); }
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    int code = 0;
    try {
      Store store(path_);
      for (int i = 0; i < 300; ++i) {
        auto tx = store.transaction();
        store.put_record("x", "k", "child-" + std::to_string(i), i);
        tx.commit();
      }
    } catch (...) {
      code = 1;
    }
    _exit(code);
  }
  Store store(path_);
  Store reader(path_);
  for (int i = 0; i < 300; ++i) {
    store.put_record("x", "k", "parent-" + std::to_string(i), i);
    // Reads go on while the other process writes.
    (void)reader.count_records("x", "k");
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(reader.count_records("x", "k"), 600u);
}

TEST_F(StoreTest, ProcessesCreatingTheSameNewFileAtOnceAllSucceed) {
  // Each round a fresh path; the children wait on a pipe so they open it at the same moment and
  // race through creation, the switch to WAL and the migrations.
  constexpr int kRounds = 15, kProcesses = 6;
  for (int round = 0; round < kRounds; ++round) {
    fs::path path = dir_ / ("round-" + std::to_string(round)) / "state.db";
    int go[2];
    ASSERT_EQ(pipe(go), 0);
    std::vector<pid_t> children;
    for (int p = 0; p < kProcesses; ++p) {
      pid_t child = fork();
      ASSERT_GE(child, 0);
      if (child == 0) {
        close(go[1]);
        char c;
        (void)!read(go[0], &c, 1);
        int code = 0;
        try {
          Store store(path);
          store.put_record("x", "k", "p" + std::to_string(p), p);
        } catch (const std::exception &e) {
          fprintf(stderr, "round %d process %d: %s\n", round, p, e.what());
          code = 1;
        }
        _exit(code);
      }
      children.push_back(child);
    }
    close(go[0]);
    close(go[1]); // EOF wakes every child at once
    int failed = 0;
    for (pid_t child : children) {
      int status = 0;
      waitpid(child, &status, 0);
      failed += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    ASSERT_EQ(failed, 0) << "round " << round;
    Store store(path);
    EXPECT_EQ(store.journal_mode(), "wal");
    EXPECT_EQ(store.schema_version(), Store::latest_schema_version());
    EXPECT_EQ(store.count_records("x", "k"), static_cast<size_t>(kProcesses));
  }
}

TEST_F(StoreTest, KilledWriterLeavesEveryReturnedWriteOnDisk) {
  { Store init(path_); }
  int pipefd[2];
  ASSERT_EQ(pipe(pipefd), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(pipefd[0]);
    Store store(path_);
    std::string stack_id = "arn:aws:cloudformation:us-east-1:123456789012:stack/k/1";
    for (int i = 0;; ++i) {
      ResourceRecord r{stack_id,          "R" + std::to_string(i), 0, "phys-" + std::to_string(i),
                       "AWS::SNS::Topic", "CREATE_COMPLETE"};
      store.put_resource(r);
      // Reported only after put_resource returned, i.e. after the commit.
      (void)!write(pipefd[1], &i, sizeof i);
    }
  }
  close(pipefd[1]);
  int last = -1, n = 0;
  while (last < 150 && read(pipefd[0], &n, sizeof n) == sizeof n)
    last = n;
  kill(child, SIGKILL);
  while (read(pipefd[0], &n, sizeof n) == sizeof n)
    last = n;
  close(pipefd[0]);
  waitpid(child, nullptr, 0);
  Store store(path_);
  auto rows = store.list_resources("arn:aws:cloudformation:us-east-1:123456789012:stack/k/1");
  EXPECT_GE(static_cast<int>(rows.size()), last + 1);
  for (int i = 0; i <= last; ++i)
    EXPECT_TRUE(store.find_resource("arn:aws:cloudformation:us-east-1:123456789012:stack/k/1",
                                    "R" + std::to_string(i)))
        << i;
}

} // namespace
} // namespace cfnlocal::state
