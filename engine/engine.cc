#include "engine/engine.h"

#include "engine/backend_factory.h"
#include "engine/capabilities.h"
#include "engine/lifecycle.h"
#include "engine/prepared_template.h"
#include "engine/stack_lookup.h"
#include "engine/stack_operation.h"
#include "parser/json.h"
#include "parser/reader.h"
#include "providers/provider_registry.h"
#include "schema/registry.h"
#include "state/ids.h"

#include <fmt/format.h>
#include <set>

namespace cfnlocal::engine {

struct Engine::Impl {
  providers::RandomSource random;
  std::unique_ptr<providers::ProviderRegistry> providers;

  ProviderFor provider_for() {
    auto *registry = providers.get();
    return [registry](std::string_view type) -> providers::ResourceProvider & {
      return registry->provider_for(type);
    };
  }
};

namespace {

std::vector<state::StackParameter> stack_parameters(const PreparedTemplate &t) {
  std::vector<state::StackParameter> out;
  for (const auto &p : t.parameters.all()) {
    state::StackParameter sp;
    sp.key = p.name;
    sp.value = p.raw;
    sp.no_echo = p.no_echo;
    if (p.type.ssm) {
      if (p.value.is_array()) {
        std::string joined;
        for (const auto &item : p.value.as_array())
          joined += (joined.empty() ? "" : ",") + item.scalar_string().value_or("");
        sp.resolved_value = joined;
      } else {
        sp.resolved_value = p.value.scalar_string().value_or("");
      }
    }
    out.push_back(std::move(sp));
  }
  return out;
}

std::vector<std::string> no_echo_values(const PreparedTemplate &t) {
  std::vector<std::string> out;
  for (const auto &p : t.parameters.all())
    if (p.no_echo && !p.raw.empty())
      out.push_back(p.raw);
  return out;
}

std::vector<std::string> no_echo_values(const state::StackRecord &s) {
  std::vector<std::string> out;
  for (const auto &p : s.parameters)
    if (p.no_echo && !p.value.empty())
      out.push_back(p.value);
  return out;
}

Json baseline(state::Store &store, const std::string &stack_id) {
  Json b = Json::object();
  for (const auto &r : store.current_resources(stack_id))
    if (r.status != "DELETE_COMPLETE")
      b[r.logical_id] = r.generation;
  return b;
}

Json outputs_json(const std::vector<state::StackOutput> &outputs) {
  Json list = Json::array();
  for (const auto &o : outputs)
    list.push_back({{"key", o.key},
                    {"value", o.value},
                    {"description", o.description},
                    {"export_name", o.export_name}});
  return list;
}

std::set<std::string> declared_parameters(const std::string &body, const std::string &file) {
  std::set<std::string> out;
  Value doc = read_document(body, file);
  if (const Value *p = doc.find("Parameters"); p && p->is_object())
    for (const auto &m : p->as_object())
      out.insert(m.key);
  return out;
}

std::string failure_reason(const StackOperation &op, const char *verb) {
  std::string ids;
  for (const auto &id : op.failed_resources())
    ids += (ids.empty() ? "" : ", ") + id;
  if (ids.empty())
    return op.failure();
  return fmt::format("The following resource(s) failed to {}: [{}]. {}", verb, ids, op.failure());
}

// Runs the rest of an interrupted operation; the caller holds the stack's lock.
bool recover_locked(OperationEnv &env, state::StackRecord stack) {
  if (!is_in_progress(stack.status) || stack.status == "REVIEW_IN_PROGRESS")
    return false;
  StackOperation op(env, stack);
  op.set_masked_values(no_echo_values(stack));
  const std::string reason = "The process running this stack operation stopped; cfnlocal resumed it.";
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
    if (delete_all(op, {})) {
      env.store.delete_exports_of(stack.stack_id);
      env.store.set_imports(stack.stack_id, stack.name, {});
      stack.deletion_time = state::now_iso8601();
      stack.status = "DELETE_COMPLETE";
      env.store.put_stack(stack);
      op.stack_status("DELETE_COMPLETE");
    } else {
      op.stack_status("DELETE_FAILED", op.failure());
    }
  }
  return true;
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

} // namespace

Engine::Engine(EngineConfig config)
    : config_(std::move(config)), store_(std::make_unique<state::Store>(config_.state_path)),
      impl_(std::make_unique<Impl>()) {
  backend_ = make_backend(config_, *store_);
  impl_->providers = providers::ProviderRegistry::with_builtin_providers(
      *backend_, schema::Registry::builtin(), impl_->random);
}

Engine::~Engine() = default;

bool Engine::recover(const std::string &stack_name, Reporter &reporter) {
  auto lock = store_->lock_stack(stack_name, "recover");
  auto stack = store_->find_stack(stack_name);
  if (!stack)
    return false;
  OperationEnv env{*store_, *backend_, impl_->provider_for(), reporter, config_.region,
                   config_.account_id};
  return recover_locked(env, *stack);
}

OperationResult Engine::deploy(const DeployOptions &o, Reporter &reporter) {
  std::string body = read_file_text(o.template_file);
  auto lock = store_->lock_stack(o.stack_name, "deploy");
  OperationEnv env{*store_, *backend_, impl_->provider_for(), reporter, config_.region,
                   config_.account_id};
  if (auto stack = store_->find_stack(o.stack_name))
    recover_locked(env, *stack);

  auto existing = store_->find_stack(o.stack_name);
  if (existing && (existing->status == "ROLLBACK_COMPLETE" || existing->status == "ROLLBACK_FAILED")) {
    // A stack whose creation never succeeded cannot be updated (AWS says so and stops); like
    // `sam deploy`, delete what is left and create it afresh.
    StackOperation op(env, *existing);
    op.set_masked_values(no_echo_values(*existing));
    op.stack_status("DELETE_IN_PROGRESS", "Deleting a stack whose creation failed before creating it again");
    if (!delete_all(op, {}))
      throw Error(fmt::format("Stack {} is in {} state and its resources could not be deleted: {}",
                              o.stack_name, existing->status, op.failure()));
    existing->status = "DELETE_COMPLETE";
    existing->deletion_time = state::now_iso8601();
    store_->put_stack(*existing);
    op.stack_status("DELETE_COMPLETE");
    existing.reset();
  }
  if (existing && is_in_progress(existing->status) && existing->status != "REVIEW_IN_PROGRESS")
    throw Error(fmt::format("Stack:{} is in {} state and can not be updated.", existing->stack_id,
                            existing->status));

  // `aws cloudformation deploy` keeps the deployed value of every parameter not overridden.
  intrinsics::ParameterValues values(o.parameter_overrides.begin(), o.parameter_overrides.end());
  if (existing) {
    auto declared = declared_parameters(body, o.template_file);
    for (const auto &p : existing->parameters)
      if (!values.count(p.key) && declared.count(p.key))
        values[p.key] = p.value;
  }

  std::string stack_id =
      existing ? existing->stack_id
               : state::make_stack_id(config_.region, config_.account_id, o.stack_name);
  PrepareInputs inputs;
  inputs.file_name = o.template_file;
  inputs.parameter_values = values;
  inputs.pseudo.account_id = config_.account_id;
  inputs.pseudo.region = config_.region;
  inputs.pseudo.stack_name = o.stack_name;
  inputs.pseudo.stack_id = stack_id;
  inputs.pseudo.notification_arns = o.notification_arns;
  providers::ResourceHandlerRequest context;
  context.stack_name = o.stack_name;
  context.stack_id = stack_id;
  context.region = config_.region;
  context.account_id = config_.account_id;
  context.partition = intrinsics::partition_for_region(config_.region);
  LiveResources no_resources(impl_->provider_for(), context);
  StackLookup prepare_lookup(no_resources, *store_, *backend_);
  PreparedTemplate t = prepare_template(body, inputs, prepare_lookup);
  if (auto missing = missing_capability(t, o.capabilities))
    throw Error(*missing);
  planner::ResourceGraph graph = build_graph(t);
  // What can be known before any resource exists is checked now, as CloudFormation validates a
  // template before it starts (missing exports, wrong function arguments): such errors leave no
  // stack behind. Values that depend on resources stay symbolic here.
  {
    intrinsics::Context pre = t.context(&prepare_lookup, false);
    for (const auto &id : t.active)
      if (const Value *p = t.index->resource(id)->find("Properties"))
        intrinsics::evaluate(*p, pre);
    if (const Value *outputs = t.index->outputs(); outputs && outputs->is_object())
      for (const auto &m : outputs->as_object())
        if (const Value *v = m.value.find("Value"))
          if (const Value *c = m.value.find("Condition");
              !c || !c->is_string() || t.conditions.get(c->as_string()).value_or(false))
            intrinsics::evaluate(*v, pre);
  }
  std::string processed = dump_json(*t.processed, -1);
  auto parameters = stack_parameters(t);

  if (existing && existing->processed_template == processed && existing->parameters == parameters &&
      existing->status != "UPDATE_ROLLBACK_FAILED") {
    OperationResult result;
    result.stack = *existing;
    result.succeeded = !o.fail_on_empty_changeset;
    result.no_changes = true;
    result.message = fmt::format("No changes to deploy. Stack {} is up to date", o.stack_name);
    return result;
  }

  state::StackRecord stack;
  if (existing) {
    stack = *existing;
    stack.previous_template_body = stack.template_body;
    stack.previous_processed_template = stack.processed_template;
    stack.previous_parameters = stack.parameters;
  } else {
    stack.stack_id = stack_id;
    stack.name = o.stack_name;
    stack.creation_time = state::now_iso8601();
  }
  stack.description = t.description();
  stack.template_body = t.body;
  stack.processed_template = processed;
  stack.parameters = parameters;
  stack.capabilities = o.capabilities;
  stack.notification_arns = o.notification_arns;
  stack.disable_rollback = o.disable_rollback;
  stack.tags.clear();
  for (const auto &[k, v] : o.tags)
    stack.tags.push_back(state::Tag{k, v});
  stack.extra = Json::object();
  stack.extra["baseline"] = existing ? baseline(*store_, stack_id) : Json::object();
  stack.extra["active"] = t.active;
  stack.extra["previous_outputs"] = outputs_json(stack.outputs);
  const char *in_progress = existing ? "UPDATE_IN_PROGRESS" : "CREATE_IN_PROGRESS";
  stack.status = in_progress;
  store_->put_stack(stack);

  StackOperation op(env, stack);
  op.set_masked_values(no_echo_values(t));
  op.stack_status(in_progress, "User Initiated");
  op.load_live();
  StackLookup lookup(op.live(), *store_, *backend_);
  bool ok = run_forward(op, t, graph, o.max_concurrency, lookup) && finish_outputs(op, t, lookup);

  if (!existing) {
    if (ok) {
      op.stack_status("CREATE_COMPLETE");
      return finished(*store_, stack_id, true,
                      fmt::format("Successfully created/updated stack - {}", o.stack_name));
    }
    std::string reason = failure_reason(op, "create");
    if (o.disable_rollback) {
      op.stack_status("CREATE_FAILED", reason);
      return finished(*store_, stack_id, false, reason);
    }
    op.stack_status("ROLLBACK_IN_PROGRESS", reason + " Rollback requested by user.");
    op.stack_status(rollback_create(op) ? "ROLLBACK_COMPLETE" : "ROLLBACK_FAILED");
    return finished(*store_, stack_id, false, reason);
  }
  if (ok) {
    op.stack_status("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
    cleanup_update(op);
    op.stack_status("UPDATE_COMPLETE");
    return finished(*store_, stack_id, true,
                    fmt::format("Successfully created/updated stack - {}", o.stack_name));
  }
  std::string reason = failure_reason(op, "update");
  if (o.disable_rollback) {
    op.stack_status("UPDATE_FAILED", reason);
    return finished(*store_, stack_id, false, reason);
  }
  op.stack_status("UPDATE_ROLLBACK_IN_PROGRESS", reason);
  op.stack_status(rollback_update(op) ? "UPDATE_ROLLBACK_COMPLETE" : "UPDATE_ROLLBACK_FAILED");
  return finished(*store_, stack_id, false, reason);
}

OperationResult Engine::delete_stack(const DeleteOptions &o, Reporter &reporter) {
  auto lock = store_->lock_stack(o.stack_name, "delete");
  OperationEnv env{*store_, *backend_, impl_->provider_for(), reporter, config_.region,
                   config_.account_id};
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
  op.stack_status("DELETE_IN_PROGRESS", "User Initiated");
  if (!delete_all(op, o.retain_resources)) {
    op.stack_status("DELETE_FAILED", op.failure());
    return finished(*store_, stack->stack_id, false, op.failure());
  }
  store_->delete_exports_of(stack->stack_id);
  store_->set_imports(stack->stack_id, stack->name, {});
  stack->status = "DELETE_COMPLETE";
  stack->deletion_time = state::now_iso8601();
  store_->put_stack(*stack);
  op.stack_status("DELETE_COMPLETE");
  return finished(*store_, stack->stack_id, true, "Stack deleted");
}

} // namespace cfnlocal::engine
