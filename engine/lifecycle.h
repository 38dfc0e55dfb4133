#pragma once
/// \file
/// The phases of stack operations, as free functions over a StackOperation: the forward pass
/// that creates, updates and replaces resources in dependency order; outputs and exports; the
/// cleanup phase of an update; the rollbacks of a create and of an update; and deletion. Each
/// phase is idempotent over the recorded state, so recovery after a killed process reruns it.

#include "engine/execution_plan.h"
#include "engine/prepared_template.h"
#include "engine/stack_lookup.h"
#include "engine/stack_operation.h"
#include "planner/graph.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace cfnlocal::engine {

/// Builds the dependency graph of the active resources of `t`. Throws cfnlocal::Error for
/// cycles and references to resources that do not exist.
planner::ResourceGraph build_graph(const PreparedTemplate &t);

/// Resource steps at once on an endpoint backend when --max-concurrency is 0 (no limit).
inline constexpr size_t kEndpointConcurrency = 16;

/// Creates, updates or replaces every active resource in dependency order, at most
/// `max_concurrency` at once (0: no limit; kEndpointConcurrency threads on an endpoint backend).
/// On the embedded services the steps run one after another on this thread (one SQLite writer:
/// nothing would overlap); on an endpoint their handlers overlap (step_pool.h). With a change set,
/// exactly its changes are executed: a resource it does not list is left as deployed, a Modify with
/// Replacement True is replaced and one with False updated in place; Conditional is decided on the
/// values resolved at execution. Past `deadline` (TimeoutInMinutes) no further resource starts and
/// the pass fails. Returns false when a resource failed (recorded).
bool run_forward(StackOperation &op, const PreparedTemplate &t, const planner::ResourceGraph &graph,
                 int max_concurrency, StackLookup &lookup, const ExecutionPlan *plan = nullptr,
                 std::optional<std::chrono::steady_clock::time_point> deadline = {});

/// Evaluates Outputs, checks and records exports and imports. Returns false (with the reason in
/// op.failure()) when an output cannot be evaluated, an export name is taken by another stack,
/// or an export this update removes is imported elsewhere.
bool finish_outputs(StackOperation &op, const PreparedTemplate &t, StackLookup &lookup);

/// The cleanup phase of a successful update: deletes replaced physical resources (honouring
/// UpdateReplacePolicy) and resources the new template no longer has (DeletionPolicy), and
/// forgets the old generations.
void cleanup_update(StackOperation &op);

/// Rolls a failed or interrupted update back to the baseline: reverts in-place updates,
/// re-creates what delete-then-create replacements removed, then deletes what the update
/// created, and restores the previous template, parameters and outputs. Returns false when a
/// step failed (UPDATE_ROLLBACK_FAILED).
bool rollback_update(StackOperation &op);

/// Deletes every resource of a failed or interrupted create (DeletionPolicy Retain keeps one;
/// RetainExceptOnCreate does not). Returns false when a delete failed.
bool rollback_create(StackOperation &op);

/// Deletes every resource of the stack for delete-stack, honouring DeletionPolicy and
/// `retain`. Returns false when a delete failed (the others are still attempted).
bool delete_all(StackOperation &op, const std::vector<std::string> &retain);

/// Orders `ids` so that each resource comes before everything it depends on in the recorded
/// template (the deletion order). Names the template does not have come last.
std::vector<std::string> deletion_order(const std::string &processed_template,
                                        const std::vector<std::string> &ids);

} // namespace cfnlocal::engine
