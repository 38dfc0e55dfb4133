#include "engine/engine.h"

#include "engine/backend_factory.h"
#include "engine/engine_internal.h"
#include "engine/lifecycle.h"
#include "engine/nested_stacks.h"
#include "engine/yielding_backend.h"
#include "intrinsics/pseudo.h"
#include "providers/wait_condition_handle_provider.h"
#include "schema/registry.h"
#include "state/ids.h"

#include <fmt/format.h>

namespace cfnlocal::engine {

std::vector<std::string> no_echo_values(const state::StackRecord &s) {
  std::vector<std::string> out;
  for (const auto &p : s.parameters)
    if (p.no_echo && !p.value.empty())
      out.push_back(p.value);
  return out;
}

providers::ResourceHandlerRequest stack_context(const EngineConfig &config,
                                                const std::string &stack_name,
                                                const std::string &stack_id) {
  providers::ResourceHandlerRequest context;
  context.stack_name = stack_name;
  context.stack_id = stack_id;
  context.region = config.region;
  context.account_id = config.account_id;
  context.partition = intrinsics::partition_for_region(config.region);
  return context;
}

OperationResult finished(state::Store &store, const std::string &stack_id, bool ok,
                         std::string message) {
  OperationResult result;
  if (auto s = store.find_stack(stack_id))
    result.stack = *s;
  result.succeeded = ok;
  result.message = std::move(message);
  return result;
}

OperationEnv Engine::operation_env(Reporter &reporter) {
  // Only the embedded services keep their records in the state file; on an endpoint a handler's
  // effects cannot roll back with a transaction, so each transition commits on its own.
  bool embedded = config_.endpoint_url.empty() && config_.endpoint_urls.empty();
  impl_->reporter = &reporter;
  OperationEnv env{*store_,  *backend_,      impl_->provider_for(),
                   reporter, config_.region, config_.account_id,
                   embedded};
  env.wait_for_signals = config_.wait_for_signals;
  if (!embedded)
    env.step_lock = &impl_->step_lock;
  if (auto *handles = dynamic_cast<providers::WaitConditionHandleProvider *>(
          &impl_->providers->provider_for(providers::kWaitConditionHandleType)))
    env.signal_inbox = &handles->server();
  return env;
}

namespace {
void mark_deleted(OperationEnv &env, StackOperation &op) {
  auto &stack = op.stack();
  env.store.delete_exports_of(stack.stack_id);
  env.store.set_imports(stack.stack_id, stack.name, {});
  stack.deletion_time = state::now_iso8601();
  stack.status = "DELETE_COMPLETE";
  env.store.put_stack(stack);
  op.stack_status("DELETE_COMPLETE");
}
} // namespace

bool recover_locked(OperationEnv &env, state::StackRecord stack) {
  if (!is_in_progress(stack.status) || stack.status == "REVIEW_IN_PROGRESS")
    return false;
  StackOperation op(env, stack);
  op.set_masked_values(no_echo_values(stack));
  const std::string reason =
      "The process running this stack operation stopped; cfnlocal resumed it.";
  const std::string &s = stack.status;
  if (s == "CREATE_IN_PROGRESS" || s == "ROLLBACK_IN_PROGRESS") {
    op.stack_status("ROLLBACK_IN_PROGRESS", reason);
    op.stack_status(rollback_create(op) ? "ROLLBACK_COMPLETE" : "ROLLBACK_FAILED");
  } else if (s == "UPDATE_IN_PROGRESS" || s == "UPDATE_ROLLBACK_IN_PROGRESS" ||
             s == "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS") {
    op.stack_status("UPDATE_ROLLBACK_IN_PROGRESS", reason);
    op.load_live();
    op.stack_status(rollback_update(op) ? "UPDATE_ROLLBACK_COMPLETE" : "UPDATE_ROLLBACK_FAILED");
  } else if (s == "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS") {
    cleanup_update(op);
    op.stack_status("UPDATE_COMPLETE");
  } else if (s == "DELETE_IN_PROGRESS") {
    if (delete_all(op, {}))
      mark_deleted(env, op);
    else
      op.stack_status("DELETE_FAILED", op.failure());
  }
  return true;
}

void discard_failed_stack(OperationEnv &env, state::StackRecord stack) {
  StackOperation op(env, stack);
  op.set_masked_values(no_echo_values(stack));
  op.stack_status("DELETE_IN_PROGRESS",
                  "Deleting a stack whose creation failed before creating it again");
  if (!delete_all(op, {})) {
    op.stack_status("DELETE_FAILED", op.failure());
    throw Error(fmt::format("Stack {} is in ROLLBACK_COMPLETE state and its resources could not "
                            "be deleted: {}",
                            stack.name, op.failure()));
  }
  mark_deleted(env, op);
}

Engine::Engine(EngineConfig config)
    : config_(std::move(config)), store_(std::make_unique<state::Store>(config_.state_path)),
      impl_(std::make_unique<Impl>()) {
  backend_ = make_backend(config_, *store_);
  if (config_.wrap_backend)
    backend_ = config_.wrap_backend(std::move(backend_));
  if (!config_.endpoint_url.empty() || !config_.endpoint_urls.empty())
    backend_ = std::make_unique<YieldingBackend>(std::move(backend_));
  // On an endpoint the account is the credentials' (STS), not --account-id.
  config_.account_id = backend_->account_id();
  impl_->providers = providers::ProviderRegistry::with_builtin_providers(
      *backend_, schema::Registry::builtin(), impl_->random);
  impl_->providers->add(std::string(kNestedStackType), std::make_shared<NestedStackProvider>(
                                                           *this,
                                                           [impl = impl_.get()]() -> Reporter & {
                                                             static QuietReporter quiet;
                                                             return impl->reporter ? *impl->reporter
                                                                                   : quiet;
                                                           },
                                                           impl_->random));
}

Engine::~Engine() = default;

bool Engine::recover(const std::string &stack_name, Reporter &reporter) {
  auto lock = store_->lock_stack(stack_name, "recover");
  auto stack = store_->find_stack(stack_name);
  if (!stack)
    return false;
  OperationEnv env = operation_env(reporter);
  return recover_locked(env, *stack);
}

OperationResult Engine::delete_stack(const DeleteOptions &o, Reporter &reporter) {
  auto lock = store_->lock_stack(o.stack_name, "delete");
  OperationEnv env = operation_env(reporter);
  auto stack = store_->find_stack(o.stack_name);
  if (!stack) {
    OperationResult result;
    result.succeeded = true;
    result.message = fmt::format("Stack {} does not exist", o.stack_name);
    return result;
  }
  if (recover_locked(env, *stack)) {
    stack = store_->find_stack(stack->stack_id);
    if (stack->status == "DELETE_COMPLETE")
      return finished(*store_, stack->stack_id, true, "Stack deleted");
  }
  StackOperation op(env, *stack);
  op.set_masked_values(no_echo_values(*stack));
  for (const auto &e : store_->exports_of(stack->stack_id))
    for (const auto &importer : store_->importers_of(e.name))
      if (importer.importing_stack_id != stack->stack_id) {
        std::string reason = fmt::format("Export {} cannot be deleted as it is in use by {}",
                                         e.name, importer.importing_stack_name);
        op.stack_status("DELETE_FAILED", reason);
        return finished(*store_, stack->stack_id, false, reason);
      }
  for (const auto &cs : store_->list_change_sets(stack->stack_id))
    store_->delete_change_set(cs.change_set_id);
  op.stack_status("DELETE_IN_PROGRESS", "User Initiated");
  if (!delete_all(op, o.retain_resources)) {
    op.stack_status("DELETE_FAILED", op.failure());
    return finished(*store_, stack->stack_id, false, op.failure());
  }
  mark_deleted(env, op);
  return finished(*store_, stack->stack_id, true, "Stack deleted");
}

} // namespace cfnlocal::engine
