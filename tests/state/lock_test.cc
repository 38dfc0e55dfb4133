#include "state/ids.h"
#include "state/store.h"

#include <gtest/gtest.h>

#include <sqlite3.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <regex>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace cfnlocal::state {
namespace {

namespace fs = std::filesystem;

class LockTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cfnlocal-lock-" + std::to_string(getpid()) + "-" + uuid4().substr(0, 8));
    path_ = dir_ / "state.db";
  }
  void TearDown() override { fs::remove_all(dir_); }
  void raw(const std::string &sql) {
    sqlite3 *db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char *error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }
  fs::path dir_, path_;
};

TEST_F(LockTest, SecondWriterInSameStoreFailsWithClearMessage) {
  Store store(path_);
  auto lock = store.lock_stack("web", "deploy");
  EXPECT_TRUE(lock.held());
  try {
    store.lock_stack("web", "delete");
    FAIL() << "expected StackLockedError";
  } catch (const StackLockedError &e) {
    std::string expected = "stack web is locked by pid " + std::to_string(getpid()) +
                           " \\(deploy\\) since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
    EXPECT_TRUE(std::regex_match(e.what(), std::regex(expected))) << e.what();
    EXPECT_EQ(e.holder().pid, getpid());
    EXPECT_EQ(e.holder().operation, "deploy");
  }
  // Other stacks are independent.
  auto other = store.lock_stack("api", "deploy");
  EXPECT_TRUE(other.held());
}

TEST_F(LockTest, SecondStoreInSameProcessFails) {
  Store a(path_);
  Store b(path_);
  auto lock = a.lock_stack("web", "deploy");
  EXPECT_THROW(b.lock_stack("web", "deploy"), StackLockedError);
  lock.set_operation("rollback");
  EXPECT_EQ(b.lock_holder("web")->operation, "rollback");
  lock.release();
  EXPECT_FALSE(b.lock_holder("web"));
  auto again = b.lock_stack("web", "delete");
  EXPECT_TRUE(again.held());
}

TEST_F(LockTest, DestructionAndMoveRelease) {
  Store store(path_);
  {
    auto lock = store.lock_stack("web", "deploy");
    StackLock moved = std::move(lock);
    EXPECT_FALSE(lock.held());
    EXPECT_TRUE(moved.held());
    EXPECT_TRUE(store.lock_holder("web"));
  }
  EXPECT_FALSE(store.lock_holder("web"));
}

TEST_F(LockTest, ReadersAreNotBlockedByALock) {
  Store store(path_);
  StackRecord s;
  s.stack_id = make_stack_id("us-east-1", "123456789012", "web");
  s.name = "web";
  s.status = "CREATE_COMPLETE";
  store.put_stack(s);
  auto lock = store.lock_stack("web", "deploy");
  Store reader(path_);
  EXPECT_TRUE(reader.find_stack("web"));
}

TEST_F(LockTest, ChildProcessHoldsLockThenDiesAndLockIsTakenOver) {
  { Store init(path_); }
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(ready[0]);
    try {
      Store store(path_);
      auto lock = store.lock_stack("web", "deploy");
      char ok = 'k';
      (void)!write(ready[1], &ok, 1);
      for (;;)
        pause();
    } catch (...) {
      _exit(3);
    }
  }
  close(ready[1]);
  char byte = 0;
  ASSERT_EQ(read(ready[0], &byte, 1), 1);
  close(ready[0]);

  Store store(path_);
  try {
    store.lock_stack("web", "deploy");
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
    FAIL() << "expected StackLockedError";
  } catch (const StackLockedError &e) {
    EXPECT_EQ(e.holder().pid, child);
    EXPECT_NE(std::string(e.what()).find("pid " + std::to_string(child) + " (deploy)"),
              std::string::npos);
  }
  // Killed without releasing: its row stays, but the pid is gone, so the lock is stale. A
  // killed-but-unreaped child (a zombie) already counts as gone.
  kill(child, SIGKILL);
  for (int i = 0; i < 200; ++i) {
    try {
      auto lock = store.lock_stack("web", "rollback");
      EXPECT_EQ(store.lock_holder("web")->pid, getpid());
      EXPECT_EQ(store.lock_holder("web")->operation, "rollback");
      break;
    } catch (const StackLockedError &) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      ASSERT_LT(i, 199) << "stale lock never taken over";
    }
  }
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status));
}

TEST_F(LockTest, LockOfVanishedPidIsStale) {
  { Store init(path_); }
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  // pid_max is at most 4194304, so this pid cannot exist.
  raw("INSERT INTO stack_locks VALUES ('web', 9999999, '', '" + std::string(host) +
      "', 'deploy', '2026-01-01T00:00:00Z', 't')");
  Store store(path_);
  ASSERT_TRUE(store.lock_holder("web"));
  auto lock = store.lock_stack("web", "deploy");
  EXPECT_EQ(store.lock_holder("web")->pid, getpid());
}

TEST_F(LockTest, LockOfReusedPidIsStale) {
  { Store init(path_); }
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  // Our own pid but a different process start time: the pid was reused.
  raw("INSERT INTO stack_locks VALUES ('web', " + std::to_string(getpid()) + ", '1', '" +
      std::string(host) + "', 'deploy', '2026-01-01T00:00:00Z', 't')");
  Store store(path_);
  auto lock = store.lock_stack("web", "deploy");
  EXPECT_TRUE(lock.held());
}

TEST_F(LockTest, LockFromAnotherHostHolds) {
  { Store init(path_); }
  raw("INSERT INTO stack_locks VALUES ('web', 1, '', 'build-agent-7', 'deploy', "
      "'2026-11-22T01:30:00Z', 't')");
  Store store(path_);
  try {
    store.lock_stack("web", "deploy");
    FAIL() << "expected StackLockedError";
  } catch (const StackLockedError &e) {
    EXPECT_STREQ(e.what(), "stack web is locked by pid 1 on host build-agent-7 (deploy) since "
                           "2026-11-22T01:30:00Z");
  }
  EXPECT_TRUE(store.force_unlock("web"));
  EXPECT_FALSE(store.force_unlock("web"));
  EXPECT_TRUE(store.lock_stack("web", "deploy").held());
}

} // namespace
} // namespace cfnlocal::state
