#pragma once
/// \file
/// Stack operations (ninja's Builder): deploy (create or update), delete, and the recovery of a
/// stack a killed process left in progress. Follows the AWS CloudFormation User Guide's "Stack
/// status codes", "Update behaviors of stack resources", "DeletionPolicy attribute",
/// "UpdateReplacePolicy attribute" and "Exporting stack output values".
///
/// Every operation takes the stack's writer lock for its whole run; a second writer fails at once
/// (state::StackLockedError). User errors found before anything changes (a bad template, a
/// missing parameter, a missing capability) are thrown as cfnlocal::Error and leave no trace.
/// Failures once resources change are recorded: the stack rolls back (or stays *_FAILED with
/// --disable-rollback) and the result says so.

#include "engine/drift.h"
#include "engine/options.h"
#include "engine/reporter.h"
#include "planner/change_set.h"
#include "state/store.h"

#include <memory>
#include <optional>
#include <string>

namespace cfnlocal::services {
class Backend;
}

namespace cfnlocal::engine {

struct OperationEnv;

/// How a stack operation ended.
struct OperationResult {
  /// The stack as recorded at the end (status, outputs, ...).
  state::StackRecord stack;
  /// True when the stack reached the operation's goal (CREATE_COMPLETE, UPDATE_COMPLETE,
  /// DELETE_COMPLETE) or there was nothing to change.
  bool succeeded = false;
  /// True when the template and parameters matched the deployed stack (nothing was done).
  bool no_changes = false;
  /// What happened, for the user ("Successfully created/updated stack - NAME", the failure).
  std::string message;
};

/// A change set as computed and (for create_change_set) stored.
struct ChangeSetOutcome {
  state::ChangeSetRecord record;
  planner::ChangeSet change_set;
};

class Engine {
public:
  /// Opens the state file and the services backend (embedded unless config.endpoint_url).
  /// Throws state::StoreError when the state file cannot be opened.
  explicit Engine(EngineConfig config);
  ~Engine();
  Engine(const Engine &) = delete;
  Engine &operator=(const Engine &) = delete;

  const EngineConfig &config() const { return config_; }
  state::Store &store() { return *store_; }
  services::Backend &backend() { return *backend_; }

  /// Creates the stack, or updates it when it exists (`aws cloudformation deploy`). A stack a
  /// killed process left in progress is first rolled back (or its cleanup finished); a stack in
  /// ROLLBACK_COMPLETE (a create that never succeeded) is deleted and created again.
  OperationResult deploy(const DeployOptions &options, Reporter &reporter);

  /// Computes and stores a change set (`aws cloudformation create-change-set`): ChangeSetType
  /// CREATE for a stack that does not exist (the stack is then recorded in REVIEW_IN_PROGRESS, as
  /// AWS does), UPDATE otherwise. An empty change set is stored FAILED with AWS's reason "The
  /// submitted information didn't contain changes. Submit different information to create a
  /// change set." Throws cfnlocal::Error for templates and parameters AWS would refuse.
  ChangeSetOutcome create_change_set(const DeployOptions &options);

  /// Computes the change set of `options` without storing anything (`cfnlocal plan`).
  ChangeSetOutcome plan(const DeployOptions &options);

  /// Executes a stored change set (by ARN, or by name with the stack): exactly its changes.
  /// Throws cfnlocal::Error when it does not exist or is not AVAILABLE ("ChangeSet [X] cannot be
  /// executed in its current execution status of [OBSOLETE]"), e.g. because the stack changed
  /// since it was made. Every other change set of the stack becomes OBSOLETE.
  OperationResult execute_change_set(const std::string &change_set, const std::string &stack_name,
                                     bool disable_rollback, Reporter &reporter);

  /// Deletes a stored change set; a stack in REVIEW_IN_PROGRESS left without change sets is
  /// deleted with it, as AWS does. Throws cfnlocal::Error when it does not exist.
  void delete_change_set(const std::string &change_set, const std::string &stack_name);

  /// Deletes the stack's resources in reverse dependency order (DeletionPolicy honoured) and
  /// marks it DELETE_COMPLETE. Fails (DELETE_FAILED) when another stack imports one of its
  /// exports. A stack that does not exist is not an error (as AWS).
  OperationResult delete_stack(const DeleteOptions &options, Reporter &reporter);

  /// Finishes what a killed process left: rolls an in-progress create or update back, finishes
  /// a cleanup or a delete. Returns false when the stack was not in progress.
  bool recover(const std::string &stack_name, Reporter &reporter);

  /// Detects drift on the stack's resources (all, or those of `logical_ids`) through their
  /// providers' read handlers (`aws cloudformation detect-stack-drift` /
  /// `detect-stack-resource-drift`), records the detection and returns it. Throws cfnlocal::Error
  /// when the stack does not exist or is in a status drift detection refuses (*_IN_PROGRESS,
  /// *_FAILED other than UPDATE_ROLLBACK_FAILED, ROLLBACK_COMPLETE, DELETE_COMPLETE).
  DriftDetection detect_stack_drift(const std::string &stack_name,
                                    const std::vector<std::string> &logical_ids = {});
  /// A recorded detection by id; nullopt when unknown.
  std::optional<DriftDetection> drift_detection(const std::string &detection_id);
  /// The stack's most recent whole-stack detection; nullopt when drift was never detected.
  /// Throws cfnlocal::Error when the stack does not exist.
  std::optional<DriftDetection> last_stack_drift(const std::string &stack_name);

private:
  struct Impl;
  /// What a stack operation of this engine works with (stack_operation.h).
  OperationEnv operation_env(Reporter &reporter);
  struct Preparation;
  Preparation prepare(const DeployOptions &options, const std::string &body,
                      const std::string &file_name, std::optional<state::StackRecord> existing);
  /// Computes the child change sets of the parent's nested stacks (AWS's IncludeNestedStacks)
  /// into their ResourceChanges; a nested stack whose child would not change is dropped.
  void plan_nested_stacks(Preparation &p, const DeployOptions &o);
  OperationResult execute(Preparation &p, const DeployOptions &options,
                          const class ExecutionPlan &plan, Reporter &reporter);
  EngineConfig config_;
  std::unique_ptr<state::Store> store_;
  std::unique_ptr<services::Backend> backend_;
  std::unique_ptr<Impl> impl_;
};

} // namespace cfnlocal::engine
