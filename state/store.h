#pragma once
/// \file
/// The state file: one SQLite database (WAL mode, synchronous=NORMAL) holding stacks, their
/// resources, events, exports, imports, change sets, the embedded services' records and the
/// per-stack writer locks. Every write commits before it returns unless a Transaction is open
/// on this Store, so a killed process leaves every recorded transition on disk.
///
/// Thread safety: one Store may be shared by the engine's worker threads; calls are serialised
/// by an internal mutex, and an open Transaction holds it until commit or rollback. Several
/// processes may open the same file: writers wait up to the busy timeout for each other's
/// (short) transactions, readers never wait (WAL).

#include "state/records.h"
#include "state/sqlite.h"

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace cfnlocal::state {

class Store;

/// A second writer tried to lock a stack that a live process holds. The message reads
/// "stack X is locked by pid 1234 (deploy) since 2026-11-22T01:30:00Z" (plus "on host H" when
/// the holder runs on another host).
class StackLockedError : public StoreError {
public:
  StackLockedError(const std::string &message, LockInfo holder)
      : StoreError(message), holder_(std::move(holder)) {}
  const LockInfo &holder() const { return holder_; }

private:
  LockInfo holder_;
};

/// A held writer lock on one stack name. Move-only; released by `release()` or destruction.
/// The Store must outlive it.
class StackLock {
public:
  StackLock() = default;
  StackLock(StackLock &&other) noexcept;
  StackLock &operator=(StackLock &&other) noexcept;
  StackLock(const StackLock &) = delete;
  StackLock &operator=(const StackLock &) = delete;
  ~StackLock();

  /// Deletes the lock row (only if this holder still owns it). Idempotent; never throws.
  void release() noexcept;
  bool held() const { return store_ != nullptr; }
  const std::string &stack_name() const { return stack_name_; }
  /// Changes the operation shown to other writers (e.g. "deploy" -> "rollback").
  void set_operation(std::string_view operation);

private:
  friend class Store;
  StackLock(Store *store, std::string stack_name, std::string token)
      : store_(store), stack_name_(std::move(stack_name)), token_(std::move(token)) {}
  Store *store_ = nullptr;
  std::string stack_name_;
  std::string token_;
};

/// A write transaction (BEGIN IMMEDIATE) for multi-row steps. Commits on `commit()`; rolls back
/// if destroyed uncommitted. A transaction opened while another is open on the same Store (same
/// thread) is a savepoint: its rollback undoes only its own writes, its commit folds them into
/// the outer transaction, and only the outermost commit reaches the disk. Holds the Store's
/// mutex, so other threads' calls wait until it ends.
class Transaction {
public:
  Transaction(Transaction &&other) noexcept;
  Transaction(const Transaction &) = delete;
  Transaction &operator=(const Transaction &) = delete;
  Transaction &operator=(Transaction &&) = delete;
  ~Transaction();
  /// Commits (outermost only). Throws StoreError when the commit fails.
  void commit();

private:
  friend class Store;
  explicit Transaction(Store *store);
  Store *store_;
  std::unique_lock<std::recursive_mutex> guard_;
  bool outermost_ = false;
  bool done_ = false;
};

/// The open state file.
class Store {
public:
  /// Options for opening.
  struct Options {
    /// How long a writer waits for another process's transaction, in milliseconds.
    int busy_timeout_ms = 10000;
    /// WAL pages written before an automatic checkpoint copies them into the database (the
    /// only step that fsyncs in WAL mode with synchronous=NORMAL). 10000 pages (~40 MB) halves
    /// the cost of a commit against SQLite's default of 1000 in a deploy's write pattern.
    int wal_autocheckpoint_pages = 10000;
  };

  /// ".cfnlocal/state.db" (relative to the working directory).
  static std::filesystem::path default_path();
  /// The schema version this build writes (PRAGMA user_version after migrations).
  static int latest_schema_version();

  /// Opens (creating the file and its parent directories when missing) and migrates the state
  /// file. Throws StoreError when it cannot be opened or was written by a newer schema.
  explicit Store(std::filesystem::path path = default_path());
  Store(std::filesystem::path path, Options options);
  ~Store();
  Store(const Store &) = delete;
  Store &operator=(const Store &) = delete;

  const std::filesystem::path &path() const { return path_; }
  /// Where the embedded services keep object bytes: "<state file>.objects/" (not created here).
  std::filesystem::path objects_dir() const;
  /// PRAGMA user_version.
  int schema_version() const;
  /// PRAGMA journal_mode ("wal") and PRAGMA synchronous (1 = NORMAL), for checks.
  std::string journal_mode() const;
  int synchronous() const;

  /// Starts a write transaction (see Transaction).
  Transaction transaction();

  // ---- stacks -------------------------------------------------------------------------------
  /// Inserts or replaces the stack row keyed by `stack_id` (all fields written).
  void put_stack(const StackRecord &stack);
  /// Sets status and reason, and `last_updated_time` when non-empty.
  void set_stack_status(std::string_view stack_id, std::string_view status,
                        std::string_view reason = {}, std::string_view last_updated_time = {});
  /// Finds a stack by id (any status), or by name among stacks not DELETE_COMPLETE (as AWS
  /// resolves a name). nullopt when none.
  std::optional<StackRecord> find_stack(std::string_view name_or_id) const;
  /// All stacks, newest first; deleted ones (DELETE_COMPLETE) only when `include_deleted`.
  std::vector<StackRecord> list_stacks(bool include_deleted = false) const;
  /// Removes a stack row and everything keyed by its id (resources, events, exports, imports,
  /// change sets). Deleting a stack in AWS terms is `set_stack_status(DELETE_COMPLETE)` plus
  /// `deletion_time`; this is for purging.
  void purge_stack(std::string_view stack_id);

  // ---- resources ----------------------------------------------------------------------------
  /// Inserts or replaces the row keyed by (stack_id, logical_id, generation).
  void put_resource(const ResourceRecord &resource);
  /// Sets status, reason and last_updated_time (now when empty) of one generation.
  void set_resource_status(std::string_view stack_id, std::string_view logical_id, int generation,
                           std::string_view status, std::string_view reason = {},
                           std::string_view time = {});
  /// The current (highest) generation of a logical id, or nullopt.
  std::optional<ResourceRecord> find_resource(std::string_view stack_id,
                                              std::string_view logical_id) const;
  /// One generation of a logical id, or nullopt.
  std::optional<ResourceRecord> find_resource(std::string_view stack_id,
                                              std::string_view logical_id, int generation) const;
  /// Resources with this physical id in any stack (for describe-stack-resources
  /// --physical-resource-id), current generations first.
  std::vector<ResourceRecord> find_resources_by_physical_id(std::string_view physical_id) const;
  /// Every row of a stack (all generations), ordered by logical id then generation.
  std::vector<ResourceRecord> list_resources(std::string_view stack_id) const;
  /// The current generation of each logical id of a stack, ordered by logical id.
  std::vector<ResourceRecord> current_resources(std::string_view stack_id) const;
  /// Deletes one generation's row. Returns false when there was none.
  bool delete_resource(std::string_view stack_id, std::string_view logical_id, int generation);
  /// Deletes every resource row of a stack.
  void delete_resources(std::string_view stack_id);

  // ---- events -------------------------------------------------------------------------------
  /// Appends an event. Fills `event_id` (a UUID, or "LOGICAL-UUID" style is the caller's
  /// choice) and `timestamp` (now) when empty, and sets `sequence`. Returns the sequence.
  int64_t add_event(StackEvent &event);
  /// A stack's events, newest first (as describe-stack-events) or oldest first; `limit` 0 means
  /// all; `after_sequence` returns only events newer than that sequence (for live tailing).
  std::vector<StackEvent> list_events(std::string_view stack_id, bool newest_first = true,
                                      size_t limit = 0, int64_t after_sequence = 0) const;

  // ---- exports and imports ------------------------------------------------------------------
  /// Inserts or replaces an export by name. Uniqueness across stacks is the engine's check
  /// (find_export first): AWS fails the second stack with "Export with name X is already
  /// exported by stack Y".
  void put_export(const ExportRecord &record);
  std::optional<ExportRecord> find_export(std::string_view name) const;
  /// All exports ordered by name (list-exports).
  std::vector<ExportRecord> list_exports() const;
  /// Exports of one stack.
  std::vector<ExportRecord> exports_of(std::string_view stack_id) const;
  bool delete_export(std::string_view name);
  /// Deletes every export of a stack.
  void delete_exports_of(std::string_view stack_id);
  /// Replaces the set of exports a stack imports.
  void set_imports(std::string_view importing_stack_id, std::string_view importing_stack_name,
                   const std::vector<std::string> &export_names);
  /// Stacks that import `export_name` (list-imports).
  std::vector<ImportRecord> importers_of(std::string_view export_name) const;
  /// Exports that a stack imports.
  std::vector<std::string> imports_of(std::string_view importing_stack_id) const;

  // ---- change sets --------------------------------------------------------------------------
  /// Inserts or replaces by change_set_id. A second change set with the same name on the same
  /// stack is a unique-constraint StoreError (AWS: AlreadyExistsException; check first).
  void put_change_set(const ChangeSetRecord &record);
  /// By ARN, or by name within a stack given by name or id.
  std::optional<ChangeSetRecord> find_change_set(std::string_view name_or_id,
                                                 std::string_view stack_name_or_id = {}) const;
  /// A stack's change sets, oldest first.
  std::vector<ChangeSetRecord> list_change_sets(std::string_view stack_id) const;
  void set_change_set_status(std::string_view change_set_id, std::string_view status,
                             std::string_view execution_status, std::string_view reason = {});
  /// Marks every AVAILABLE change set of the stack except `keep` OBSOLETE (executing one change
  /// set makes the others unexecutable, as in AWS).
  void obsolete_change_sets(std::string_view stack_id, std::string_view keep);
  bool delete_change_set(std::string_view change_set_id);

  // ---- embedded services' records -----------------------------------------------------------
  /// Inserts or replaces the JSON value at (service, kind, key).
  void put_record(std::string_view service, std::string_view kind, std::string_view key,
                  const Json &value);
  std::optional<Json> get_record(std::string_view service, std::string_view kind,
                                 std::string_view key) const;
  /// Returns false when there was nothing to delete.
  bool delete_record(std::string_view service, std::string_view kind, std::string_view key);
  /// Records of a kind whose key starts with `prefix`, ordered by key (byte order), starting
  /// after `start_after` when non-empty, at most `limit` (0 = all).
  std::vector<std::pair<std::string, Json>>
  list_records(std::string_view service, std::string_view kind, std::string_view prefix = {},
               size_t limit = 0, std::string_view start_after = {}) const;
  /// Number of records of a kind whose key starts with `prefix`.
  size_t count_records(std::string_view service, std::string_view kind,
                       std::string_view prefix = {}) const;

  // ---- resource signals (signals.cc) --------------------------------------------------------
  /// Records a signal (filling `received_time` when empty). A second signal with the same
  /// (stack_id, target, unique_id) is a retransmission and is ignored: returns false then.
  bool add_signal(ResourceSignal signal);
  /// The signals of (stack_id, target), oldest first.
  std::vector<ResourceSignal> signals_for(std::string_view stack_id, std::string_view target) const;
  /// Forgets the signals of (stack_id, target) received before `time` (ISO 8601, as
  /// received_time): those sent to an earlier creation of the resource.
  void delete_signals_before(std::string_view stack_id, std::string_view target,
                             std::string_view time);

  // ---- locks --------------------------------------------------------------------------------
  /// Takes the writer lock of a stack name for `operation` ("deploy", "delete", ...). Fails at
  /// once with StackLockedError when another holder (another process, or another StackLock in
  /// this one) has it; a lock whose pid is gone from this host is stale and is taken over.
  StackLock lock_stack(std::string_view stack_name, std::string_view operation);
  /// The current holder of a stack's lock, if any (stale or not).
  std::optional<LockInfo> lock_holder(std::string_view stack_name) const;
  /// Removes a stack's lock row whoever holds it (for a lock left by a dead process on another
  /// host, which cannot be checked from here). Returns false when there was none.
  bool force_unlock(std::string_view stack_name);

private:
  friend class StackLock;
  friend class Transaction;
  Stmt &sql(std::string_view text) const;
  void exec(const char *text) const;
  void migrate();
  void begin();
  void end(bool commit);

  std::filesystem::path path_;
  sqlite3 *db_ = nullptr;
  mutable std::recursive_mutex mutex_;
  mutable std::unordered_map<std::string, std::unique_ptr<Stmt>> statements_;
  int tx_depth_ = 0;
};

} // namespace cfnlocal::state
