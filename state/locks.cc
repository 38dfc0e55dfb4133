// Store: per-stack writer locks (the stack_locks table).
#include "state/ids.h"
#include "state/store.h"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unistd.h>

namespace cfnlocal::state {

namespace {

std::string hostname() {
  char buffer[256] = {};
  if (gethostname(buffer, sizeof buffer - 1) != 0)
    return "localhost";
  return buffer;
}

// Fields of /proc/PID/stat after the command name: state (field 3) and start time (field 22,
// in clock ticks since boot). The start time tells a reused pid from the original process.
struct ProcStat {
  char state = '?';
  std::string start_time;
};

std::optional<ProcStat> proc_stat(int64_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  if (!in)
    return std::nullopt;
  std::string line((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto paren = line.rfind(')');
  if (paren == std::string::npos)
    return std::nullopt;
  std::istringstream fields(line.substr(paren + 1));
  ProcStat stat;
  std::string field;
  fields >> stat.state;
  // Fields 4..21 come before the start time.
  for (int i = 4; i <= 22 && fields >> field; ++i)
    if (i == 22)
      stat.start_time = field;
  return stat;
}

// Cached per pid: a forked child inherits the cache but must report its own start time.
std::string own_start_time() {
  static std::mutex mutex;
  static pid_t cached_pid = -1;
  static std::string cached;
  std::lock_guard lock(mutex);
  if (cached_pid != getpid()) {
    auto stat = proc_stat(getpid());
    cached = stat ? stat->start_time : std::string();
    cached_pid = getpid();
  }
  return cached;
}

// Whether the process that wrote a lock row on this host still runs.
bool process_alive(int64_t pid, const std::string &start_time) {
  if (pid <= 0)
    return false;
  if (kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
    return false;
  auto stat = proc_stat(pid);
  if (!stat)
    return true; // no /proc: trust kill()
  if (stat->state == 'Z' || stat->state == 'X')
    return false;
  return start_time.empty() || stat->start_time.empty() || stat->start_time == start_time;
}

std::string describe(const LockInfo &info, const std::string &own_host) {
  std::string where = info.hostname == own_host ? "" : " on host " + info.hostname;
  return fmt::format("stack {} is locked by pid {}{} ({}) since {}", info.stack_name, info.pid,
                     where, info.operation, info.since);
}

} // namespace

StackLock Store::lock_stack(std::string_view stack_name, std::string_view operation) {
  static const std::string host = hostname();
  const std::string start = own_start_time();
  auto tx = transaction();
  auto &s = sql("SELECT pid, pid_start, hostname, operation, since FROM stack_locks WHERE "
                "stack_name=?")
                .bind(1, stack_name);
  std::optional<std::pair<LockInfo, std::string>> held;
  {
    ResetOnExit guard{s};
    if (s.step())
      held = std::make_pair(
          LockInfo{std::string(stack_name), s.integer(0), s.text(2), s.text(3), s.text(4)},
          s.text(1));
  }
  if (held) {
    const auto &[info, pid_start] = *held;
    // Another host's process cannot be checked from here, so its lock always holds.
    if (info.hostname != host || process_alive(info.pid, pid_start))
      throw StackLockedError(describe(info, host), info);
  }
  std::string token = uuid4();
  sql("INSERT OR REPLACE INTO stack_locks(stack_name, pid, pid_start, hostname, operation, "
      "since, token) VALUES (?,?,?,?,?,?,?)")
      .bind(1, stack_name)
      .bind(2, static_cast<int64_t>(getpid()))
      .bind(3, start)
      .bind(4, host)
      .bind(5, operation)
      .bind(6, now_iso8601_seconds())
      .bind(7, token)
      .run();
  tx.commit();
  return StackLock(this, std::string(stack_name), std::move(token));
}

std::optional<LockInfo> Store::lock_holder(std::string_view stack_name) const {
  std::lock_guard lock(mutex_);
  auto &s = sql("SELECT pid, hostname, operation, since FROM stack_locks WHERE stack_name=?")
                .bind(1, stack_name);
  ResetOnExit guard{s};
  if (!s.step())
    return std::nullopt;
  return LockInfo{std::string(stack_name), s.integer(0), s.text(1), s.text(2), s.text(3)};
}

bool Store::force_unlock(std::string_view stack_name) {
  std::lock_guard lock(mutex_);
  sql("DELETE FROM stack_locks WHERE stack_name=?").bind(1, stack_name).run();
  return sqlite3_changes(db_) > 0;
}

StackLock::StackLock(StackLock &&other) noexcept
    : store_(other.store_), stack_name_(std::move(other.stack_name_)),
      token_(std::move(other.token_)) {
  other.store_ = nullptr;
}

StackLock &StackLock::operator=(StackLock &&other) noexcept {
  if (this != &other) {
    release();
    store_ = other.store_;
    stack_name_ = std::move(other.stack_name_);
    token_ = std::move(other.token_);
    other.store_ = nullptr;
  }
  return *this;
}

StackLock::~StackLock() { release(); }

void StackLock::release() noexcept {
  if (!store_)
    return;
  try {
    std::lock_guard lock(store_->mutex_);
    store_->sql("DELETE FROM stack_locks WHERE stack_name=? AND token=?")
        .bind(1, stack_name_)
        .bind(2, token_)
        .run();
  } catch (...) {
    // A lock row left behind is stale once this process exits; the next writer takes it over.
  }
  store_ = nullptr;
}

void StackLock::set_operation(std::string_view operation) {
  if (!store_)
    return;
  std::lock_guard lock(store_->mutex_);
  store_->sql("UPDATE stack_locks SET operation=? WHERE stack_name=? AND token=?")
      .bind(1, operation)
      .bind(2, stack_name_)
      .bind(3, token_)
      .run();
}

} // namespace cfnlocal::state
