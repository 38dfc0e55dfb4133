#pragma once
/// \file
/// The schedule of a stack operation (ninja's Plan): which resources may start now, and what
/// follows when one finishes. The engine (ninja's Builder) asks `ready()`, starts those resources'
/// handlers, and reports `started` / `finished`. CloudFormation creates and updates a resource
/// after everything it depends on, and deletes it after everything that depends on it ("DependsOn
/// attribute" in the AWS CloudFormation User Guide); independent resources run concurrently.

#include "planner/graph.h"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::planner {

/// Which way the dependency edges are walked.
enum class Direction {
  Forward, ///< create / update: a resource after all its dependencies
  Reverse, ///< delete: a resource after all its dependents
};

/// One options struct per schedule (ninja's BuildConfig).
struct ScheduleOptions {
  Direction direction = Direction::Forward;
  /// Most resources in flight at once (`--max-concurrency`); 0 means unlimited.
  size_t max_concurrency = 0;
};

/// The state of one resource in a schedule.
enum class TaskState {
  NotWanted, ///< not part of this operation; counts as done for ordering
  Waiting,   ///< some dependency (or dependent, in reverse) not finished yet
  Ready,     ///< may start
  Running,   ///< started, not finished
  Succeeded,
  Failed,
};

/// A walk over a ResourceGraph. The graph must outlive the schedule and be acyclic (resources on a
/// cycle never become ready). Misuse by the caller (starting a resource that is not ready,
/// finishing one that is not running, unknown logical IDs) throws std::logic_error: those are
/// programming errors, not user ones.
class Schedule {
public:
  /// Schedules every resource of the graph.
  Schedule(const ResourceGraph &graph, ScheduleOptions options = {});
  /// Schedules only `wanted` (logical IDs); the other resources count as already done, so the
  /// order among the wanted ones still follows every path of the graph through them (an update
  /// that touches A and C of A -> B -> C still does C before A).
  Schedule(const ResourceGraph &graph, ScheduleOptions options,
           const std::vector<std::string> &wanted);

  /// The resources to start now: ready ones in document order, at most (max_concurrency -
  /// running) of them; empty once a resource has failed (a failure stops new work).
  std::vector<std::string> ready() const;
  /// The first of ready(), or nullopt (ninja's FindWork).
  std::optional<std::string> next() const;
  /// Marks a ready resource as running.
  void started(std::string_view logical_id);
  /// Marks a running resource as finished. On success, the resources waiting only on it become
  /// ready; on failure no resource becomes ready any more (running ones still finish).
  void finished(std::string_view logical_id, bool succeeded);

  /// Nothing is running and nothing more will start: every wanted resource succeeded, or a failure
  /// happened and the running ones have finished.
  bool done() const;
  /// Some resource failed.
  bool failed() const { return failures_ > 0; }
  /// Every wanted resource succeeded.
  bool complete() const { return succeeded_ == wanted_; }

  size_t running_count() const { return running_; }
  /// Resources running now, document order.
  std::vector<std::string> running() const;
  /// Wanted resources that were never started (what a failure left undone), document order.
  std::vector<std::string> not_started() const;
  TaskState state(std::string_view logical_id) const;
  /// Number of wanted resources.
  size_t wanted_count() const { return wanted_; }

private:
  size_t vertex(std::string_view logical_id) const;
  void release(size_t v);

  const ResourceGraph &graph_;
  ScheduleOptions options_;
  std::vector<TaskState> state_;
  std::vector<size_t> blockers_; ///< unfinished wanted neighbours a vertex waits on
  std::set<size_t> ready_;       ///< ordered: document order among ready resources
  size_t running_ = 0;
  size_t wanted_ = 0;
  size_t succeeded_ = 0;
  size_t failures_ = 0;
};

/// The order a schedule with unlimited concurrency and every resource succeeding would start
/// resources in, "waves" flattened (for previews, logs and tests). Logical IDs.
std::vector<std::string> serial_order(const ResourceGraph &graph, Direction direction);

} // namespace cfnlocal::planner
