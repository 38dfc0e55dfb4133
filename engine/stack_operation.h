#pragma once
/// \file
/// The resource-level steps of a stack operation (create, update in place, replace, delete) and
/// the events they record. A killed process must leave every physical resource recorded
/// (DESIGN.md, "State"):
/// - with an endpoint backend, every transition commits before the handler call that follows;
/// - with the embedded services, whose records live in the same state file, a step (its
///   IN_PROGRESS record, the handler's service writes, its outcome) is a savepoint inside a
///   batch transaction that commits every few tens of milliseconds and before every stack-level
///   status (group commit): a kill loses whole steps of both sides at once, never one side, so
///   the next command sees services and stack in agreement. Reporters hear events after the
///   commit that holds them.
///
/// Generations: a resource's row is keyed by (stack, logical ID, generation). An update or a
/// replacement writes a new generation and keeps the old one until the operation's cleanup
/// phase (or its rollback) settles which survives. The stack's `extra.baseline` records each
/// logical ID's generation when the operation started, so a later process can tell what this
/// operation touched.

#include "engine/live_resources.h"
#include "engine/reporter.h"
#include "intrinsics/lookup.h"
#include "intrinsics/parameters.h"
#include "services/backend.h"
#include "services/yielding_lock.h"
#include "state/store.h"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::providers {
class ResponseServer;
}

namespace cfnlocal::engine {

class HandlerScope;

/// What one stack operation works with.
struct OperationEnv {
  state::Store &store;
  services::Backend &backend;
  ProviderFor provider_for;
  Reporter &reporter;
  std::string region;
  std::string account_id;
  /// The services keep their records in the state file (the embedded backend): a handler call
  /// and the record of its outcome then commit as one transaction, so a killed process can never
  /// leave a service record that the stack does not know.
  bool services_in_state = true;
  /// Resources with a CreationPolicy or a wait condition wait for real signals (`deploy
  /// --wait-for-signals`); otherwise the signals count as received (resource_signals.h).
  bool wait_for_signals = false;
  /// Where wait condition handle URLs deliver their signals (null: no handle provider).
  providers::ResponseServer *signal_inbox = nullptr;
  /// Set on an endpoint backend: the resource steps of a forward pass run concurrently, up to
  /// --max-concurrency, holding this lock except while they wait for a service (step_pool.h).
  services::YieldingLock *step_lock = nullptr;
};

class StackOperation {
public:
  StackOperation(OperationEnv &env, state::StackRecord &stack);
  /// Commits what the batch holds (the steps that finished).
  ~StackOperation();
  StackOperation(const StackOperation &) = delete;
  StackOperation &operator=(const StackOperation &) = delete;

  /// Commits the open batch, if any, and tells reporters its events.
  void flush();

  state::StackRecord &stack() { return stack_; }
  LiveResources &live() { return live_; }
  OperationEnv &env() { return env_; }

  /// Resolves {{resolve:...}} dynamic references in what handlers receive; the state file and
  /// events keep the references as written, as CloudFormation never shows their values.
  void set_dynamic_reference_lookup(intrinsics::Lookup *lookup) { lookup_ = lookup; }

  /// Called by create() once the handler succeeded, with the row (status *_IN_PROGRESS,
  /// physical ID set) and the handler's model, which it may change. Returning true means it took
  /// the resource over (recorded it as still in progress: it waits for signals) and create()
  /// returns true without completing it; false lets create() complete it.
  using CreatedHook = std::function<bool(state::ResourceRecord &row, Value &model)>;
  void set_created_hook(CreatedHook hook) { created_hook_ = std::move(hook); }

  /// Values to mask as "****" in every event (NoEcho parameters).
  void set_masked_values(std::vector<std::string> values) { masked_ = std::move(values); }
  std::string mask(std::string text) const;

  /// Records a stack-level event and sets the stack's status.
  void stack_status(std::string_view status, std::string_view reason = {});
  /// Records a resource event, in one transaction with `write` (the row change it reports).
  void resource_event(const state::ResourceRecord &r, std::string_view status,
                      std::string_view reason, bool with_properties = false,
                      const std::function<void()> &write = {});

  /// Fills `live` from the current generation of every resource that exists.
  void load_live();

  /// Creates a resource at `generation` with resolved `properties`; `definition` is its
  /// template entry. `replacing` words the events as a replacement. Returns false on failure
  /// (recorded as CREATE_FAILED / UPDATE_FAILED with the handler's message in `failure`).
  bool create(const std::string &logical_id, const std::string &type, int generation,
              const Value &properties, const Json &definition, bool replacing);
  /// Updates the current generation `current` in place to `properties` as a new generation.
  /// With `not_updatable`, a handler's NotUpdatable failure is not recorded: it sets the flag
  /// and returns false, so that the caller replaces the resource instead (the UPDATE_IN_PROGRESS
  /// event stays, as CloudFormation's does).
  bool update(const state::ResourceRecord &current, const Value &properties, const Json &definition,
              bool *not_updatable = nullptr);
  /// Deletes the physical resource of row `r` (honouring nothing: callers decide policies) and
  /// marks the row DELETE_COMPLETE, or DELETE_FAILED on failure. A resource already gone counts
  /// as deleted, as CloudFormation treats NotFound on delete.
  bool remove(state::ResourceRecord r);
  /// Marks the row DELETE_SKIPPED (DeletionPolicy Retain).
  void skip_delete(state::ResourceRecord r);
  /// Rolls an in-place update back: updates the resource of `newest` to the properties of the
  /// baseline row `old`, which becomes the current row again (its model refreshed).
  bool revert(const state::ResourceRecord &newest, state::ResourceRecord old);

  /// Records that `logical_id` failed with `message` outside a handler (an evaluation error, a
  /// rule of the engine). The caller records the resource event.
  void fail_resource(const std::string &logical_id, std::string message) {
    fail(logical_id, std::move(message));
  }

  /// Why the last failing step failed ("X: message").
  const std::string &failure() const { return failure_; }
  /// Logical IDs whose step failed in this operation, in order.
  const std::vector<std::string> &failed_resources() const { return failed_; }

private:
  friend class HandlerScope;
  providers::ResourceHandlerRequest request(const std::string &logical_id,
                                            const std::string &type) const;
  void fail(const std::string &logical_id, std::string message);
  /// A custom resource's response with NoEcho: its Data values are masked in events from now on.
  void mask_no_echo_data(const std::string &type, const Value &model);
  Value for_handler(const Value &properties) const;
  std::string client_token(const std::string &logical_id, int generation,
                           std::string_view purpose) const;

  OperationEnv &env_;
  state::StackRecord &stack_;
  LiveResources live_;
  std::vector<std::string> masked_;
  intrinsics::Lookup *lookup_ = nullptr;
  CreatedHook created_hook_;
  /// Commits the batch when it has run long enough; opens one when none is open.
  void flush_if_due();
  void open_batch();
  /// The write of an IN_PROGRESS row, or nothing inside a batch.
  std::function<void()> record_unless_batched(const state::ResourceRecord &r);

  /// The group commit of the embedded services (see the file comment); its events wait in
  /// `pending_` until it commits.
  std::optional<state::Transaction> batch_;
  std::chrono::steady_clock::time_point batch_started_;
  int batch_steps_ = 0;
  std::vector<state::StackEvent> pending_;
  std::string failure_;
  std::vector<std::string> failed_;
};

/// A row's properties as a Value (null when none).
Value properties_of(const state::ResourceRecord &r);
/// "ROLLBACK_COMPLETE" etc.: true for the statuses an operation leaves a stack in while running.
bool is_in_progress(std::string_view stack_status);

} // namespace cfnlocal::engine
