#include "state/store.h"

#include "state/migrations.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

namespace cfnlocal::state {

namespace {

/// Puts the file in WAL mode (persistent: a file another process switched already answers at
/// once). The switch takes an exclusive lock, and when two connections switch the same new file
/// together SQLite answers one of them SQLITE_BUSY at once, without calling its busy handler
/// (waiting could deadlock); so a busy switch is retried here until `busy_timeout_ms` has passed.
void switch_to_wal(sqlite3 *db, const std::filesystem::path &path, int busy_timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  for (int attempt = 0;; ++attempt) {
    std::optional<std::string> mode;
    try {
      Stmt wal(db, "PRAGMA journal_mode=WAL");
      mode = wal.step() ? wal.text(0) : std::string();
    } catch (const StoreError &e) {
      bool busy = e.code() == SQLITE_BUSY || e.code() == SQLITE_LOCKED;
      if (!busy || std::chrono::steady_clock::now() >= deadline)
        throw StoreError(
            fmt::format("cannot put state file {} in WAL mode: {}", path.string(), e.what()),
            e.code());
    }
    if (mode) {
      if (*mode == "wal")
        return;
      throw StoreError(fmt::format("cannot put state file {} in WAL mode (it stays in {} mode)",
                                   path.string(), mode->empty() ? "its" : *mode));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(1 << std::min(attempt, 6), 50)));
  }
}

} // namespace

std::filesystem::path Store::default_path() {
  return std::filesystem::path(".cfnlocal") / "state.db";
}

int Store::latest_schema_version() { return static_cast<int>(migrations().size()); }

Store::Store(std::filesystem::path path) : Store(std::move(path), Options{}) {}

Store::Store(std::filesystem::path path, Options options) : path_(std::move(path)) {
  std::error_code ec;
  if (path_.has_parent_path()) {
    std::filesystem::create_directories(path_.parent_path(), ec);
    if (ec)
      throw StoreError(fmt::format("cannot create directory {}: {}", path_.parent_path().string(),
                                   ec.message()));
  }
  int rc =
      sqlite3_open_v2(path_.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(fmt::format("cannot open state file {}: {}", path_.string(), message), rc);
  }
  try {
    sqlite3_busy_timeout(db_, options.busy_timeout_ms);
    // WAL lets readers run beside a writer; NORMAL in WAL mode never corrupts the database and
    // loses at most the last transactions on power loss, never on a killed process.
    switch_to_wal(db_, path_, options.busy_timeout_ms);
    exec("PRAGMA synchronous=NORMAL");
    exec(fmt::format("PRAGMA wal_autocheckpoint={}", options.wal_autocheckpoint_pages).c_str());
    // After a checkpoint the WAL file shrinks back to this size (64 MiB) instead of staying big.
    exec("PRAGMA journal_size_limit=67108864");
    exec("PRAGMA foreign_keys=ON");
    // Savepoints inside the engine's batches keep statement journals; on disk (the default) they
    // were most of a deploy's writes (thousands of temp-file pages per 500 resources). They only
    // ever hold one open transaction's undo data, so memory is the right place.
    exec("PRAGMA temp_store=MEMORY");
    migrate();
  } catch (...) {
    statements_.clear();
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

Store::~Store() {
  statements_.clear();
  if (db_)
    sqlite3_close(db_);
}

std::filesystem::path Store::objects_dir() const {
  return std::filesystem::path(path_.string() + ".objects");
}

void Store::exec(const char *text) const {
  char *error = nullptr;
  int rc = sqlite3_exec(db_, text, nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    throw StoreError(fmt::format("state file {}: {}", path_.string(), message), rc & 0xff);
  }
}

Stmt &Store::sql(std::string_view text) const {
  auto it = statements_.find(std::string(text));
  if (it == statements_.end())
    it = statements_.emplace(std::string(text), std::make_unique<Stmt>(db_, text)).first;
  it->second->reset();
  return *it->second;
}

void Store::migrate() {
  std::lock_guard lock(mutex_);
  const auto &list = migrations();
  exec("BEGIN IMMEDIATE");
  try {
    int version = schema_version();
    if (version > static_cast<int>(list.size()))
      throw StoreError(fmt::format(
          "state file {} has schema version {}, newer than this cfnlocal knows ({}); upgrade "
          "cfnlocal",
          path_.string(), version, list.size()));
    for (size_t i = static_cast<size_t>(version); i < list.size(); ++i)
      exec(list[i]);
    if (version < static_cast<int>(list.size()))
      exec(fmt::format("PRAGMA user_version={}", list.size()).c_str());
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

int Store::schema_version() const {
  std::lock_guard lock(mutex_);
  Stmt stmt(db_, "PRAGMA user_version");
  return stmt.step() ? static_cast<int>(stmt.integer(0)) : 0;
}

std::string Store::journal_mode() const {
  std::lock_guard lock(mutex_);
  Stmt stmt(db_, "PRAGMA journal_mode");
  return stmt.step() ? stmt.text(0) : std::string();
}

int Store::synchronous() const {
  std::lock_guard lock(mutex_);
  Stmt stmt(db_, "PRAGMA synchronous");
  return stmt.step() ? static_cast<int>(stmt.integer(0)) : -1;
}

// ---- transactions ---------------------------------------------------------------------------

Transaction Store::transaction() { return Transaction(this); }

void Store::begin() {
  // The outermost transaction takes the write lock at once (BEGIN IMMEDIATE) so it never fails
  // half-way on a lock upgrade; nested ones are savepoints, so a failed inner step (an embedded
  // service call inside an engine transaction) rolls back alone.
  // Savepoints open and close around every embedded service call inside a batch: their
  // statements are prepared once (sqlite3_exec would parse them each time).
  if (tx_depth_ == 0)
    exec("BEGIN IMMEDIATE");
  else
    sql(fmt::format("SAVEPOINT cfnlocal_{}", tx_depth_)).run();
  ++tx_depth_;
}

void Store::end(bool commit) {
  --tx_depth_;
  if (tx_depth_ > 0) {
    std::string name = fmt::format("cfnlocal_{}", tx_depth_);
    if (!commit)
      sqlite3_exec(db_, ("ROLLBACK TO " + name).c_str(), nullptr, nullptr, nullptr);
    sql("RELEASE " + name).run();
    return;
  }
  if (commit) {
    try {
      exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  } else {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

Transaction::Transaction(Store *store) : store_(store), guard_(store->mutex_) {
  outermost_ = store_->tx_depth_ == 0;
  store_->begin();
}

Transaction::Transaction(Transaction &&other) noexcept
    : store_(other.store_), guard_(std::move(other.guard_)), outermost_(other.outermost_),
      done_(other.done_) {
  other.done_ = true;
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      store_->end(false);
    } catch (...) {
    }
  }
}

void Transaction::commit() {
  if (done_)
    return;
  done_ = true;
  store_->end(true);
}

// ---- service records ------------------------------------------------------------------------

void Store::put_record(std::string_view service, std::string_view kind, std::string_view key,
                       const Json &value) {
  std::lock_guard lock(mutex_);
  sql("INSERT OR REPLACE INTO service_records(service, kind, key, value) VALUES (?,?,?,?)")
      .bind(1, service)
      .bind(2, kind)
      .bind(3, key)
      .bind(4, value.dump())
      .run();
}

std::optional<Json> Store::get_record(std::string_view service, std::string_view kind,
                                      std::string_view key) const {
  std::lock_guard lock(mutex_);
  auto &stmt = sql("SELECT value FROM service_records WHERE service=? AND kind=? AND key=?")
                   .bind(1, service)
                   .bind(2, kind)
                   .bind(3, key);
  if (!stmt.step())
    return std::nullopt;
  Json value = Json::parse(stmt.text(0));
  stmt.reset();
  return value;
}

bool Store::delete_record(std::string_view service, std::string_view kind, std::string_view key) {
  std::lock_guard lock(mutex_);
  sql("DELETE FROM service_records WHERE service=? AND kind=? AND key=?")
      .bind(1, service)
      .bind(2, kind)
      .bind(3, key)
      .run();
  return sqlite3_changes(db_) > 0;
}

namespace {
// Keys with a prefix form the byte range [prefix, prefix + 0xFF...): cheaper and exacter than
// LIKE, which folds case and treats % and _ as wildcards.
std::string prefix_end(std::string_view prefix) {
  std::string end(prefix);
  end.push_back('\xff');
  return end;
}
} // namespace

std::vector<std::pair<std::string, Json>> Store::list_records(std::string_view service,
                                                              std::string_view kind,
                                                              std::string_view prefix, size_t limit,
                                                              std::string_view start_after) const {
  std::lock_guard lock(mutex_);
  std::string lower = std::string(prefix);
  bool exclusive = false;
  if (!start_after.empty() && std::string(start_after) >= lower) {
    lower = start_after;
    exclusive = true;
  }
  auto &stmt = sql(exclusive ? "SELECT key, value FROM service_records WHERE service=? AND "
                               "kind=? AND key>? AND key<? ORDER BY key LIMIT ?"
                             : "SELECT key, value FROM service_records WHERE service=? AND "
                               "kind=? AND key>=? AND key<? ORDER BY key LIMIT ?");
  stmt.bind(1, service)
      .bind(2, kind)
      .bind(3, lower)
      .bind(4, prefix_end(prefix))
      .bind(5, limit == 0 ? int64_t{-1} : static_cast<int64_t>(limit));
  std::vector<std::pair<std::string, Json>> out;
  while (stmt.step())
    out.emplace_back(stmt.text(0), Json::parse(stmt.text(1)));
  return out;
}

size_t Store::count_records(std::string_view service, std::string_view kind,
                            std::string_view prefix) const {
  std::lock_guard lock(mutex_);
  auto &stmt = sql("SELECT COUNT(*) FROM service_records WHERE service=? AND kind=? AND key>=? "
                   "AND key<?")
                   .bind(1, service)
                   .bind(2, kind)
                   .bind(3, prefix)
                   .bind(4, prefix_end(prefix));
  size_t n = stmt.step() ? static_cast<size_t>(stmt.integer(0)) : 0;
  stmt.reset();
  return n;
}

} // namespace cfnlocal::state
