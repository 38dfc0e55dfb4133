#pragma once
// Internal to the engine module: what Engine's operation files share.

#include "engine/engine.h"
#include "engine/execution_plan.h"
#include "engine/live_resources.h"
#include "engine/prepared_template.h"
#include "engine/stack_operation.h"
#include "planner/graph.h"
#include "providers/provider_registry.h"
#include "providers/random_source.h"

namespace cfnlocal::engine {

struct Engine::Impl {
  providers::RandomSource random;
  std::unique_ptr<providers::ProviderRegistry> providers;
  /// The reporter of the operation running (nested stacks report their events there too).
  Reporter *reporter = nullptr;
  /// Held by the resource steps of endpoint operations, which run concurrently (step_pool.h).
  services::YieldingLock step_lock;

  ProviderFor provider_for() {
    auto *registry = providers.get();
    return [registry](std::string_view type) -> providers::ResourceProvider & {
      return registry->provider_for(type);
    };
  }
};

/// Everything known about a deploy before anything changes.
struct Engine::Preparation {
  std::optional<state::StackRecord> existing;
  std::string stack_id;
  PreparedTemplate t;
  std::optional<planner::ResourceGraph> graph;
  std::string processed_json;
  std::vector<state::StackParameter> parameters;
  planner::ChangeSet change_set;
};

/// The values to mask in the events of a stack (its NoEcho parameters').
std::vector<std::string> no_echo_values(const state::StackRecord &stack);

/// Runs the rest of an interrupted operation; the caller holds the stack's lock. Returns false
/// when the stack was not in progress.
bool recover_locked(OperationEnv &env, state::StackRecord stack);

/// Deletes a stack whose creation failed (ROLLBACK_COMPLETE) so it can be created again.
void discard_failed_stack(OperationEnv &env, state::StackRecord stack);

/// The stack as recorded now, with the outcome.
OperationResult finished(state::Store &store, const std::string &stack_id, bool ok,
                         std::string message);

/// The request fields that name a stack for providers.
providers::ResourceHandlerRequest stack_context(const EngineConfig &config,
                                                const std::string &stack_name,
                                                const std::string &stack_id);

} // namespace cfnlocal::engine
