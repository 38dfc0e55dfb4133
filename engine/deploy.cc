// Engine operations that take a template: deploy, create-change-set, plan, execute-change-set.
#include "engine/capabilities.h"
#include "engine/deployed_stack.h"
#include "engine/engine_internal.h"
#include "engine/lifecycle.h"
#include "engine/macros.h"
#include "engine/nested_stacks.h"
#include "engine/stack_lookup.h"
#include "intrinsics/functions.h"
#include "parser/json.h"
#include "parser/reader.h"
#include "parser/template.h"
#include "planner/change_set_builder.h"
#include "state/ids.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <set>

namespace cfnlocal::engine {

namespace {

std::vector<state::StackParameter> stack_parameters(const PreparedTemplate &t) {
  std::vector<state::StackParameter> out;
  for (const auto &p : t.parameters.all()) {
    state::StackParameter sp;
    sp.key = p.name;
    sp.value = p.raw;
    sp.no_echo = p.no_echo;
    if (p.type.ssm) {
      std::string resolved;
      if (p.value.is_array())
        for (const auto &item : p.value.as_array())
          resolved += (resolved.empty() ? "" : ",") + item.scalar_string().value_or("");
      else
        resolved = p.value.scalar_string().value_or("");
      sp.resolved_value = resolved;
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

std::set<std::string> declared_parameters(const Value &doc) {
  std::set<std::string> out;
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

bool is_new(const std::optional<state::StackRecord> &existing) {
  return !existing || existing->status == "REVIEW_IN_PROGRESS";
}

// The version of a stack a change set was computed against; a different one makes it OBSOLETE.
std::string stack_version(const std::optional<state::StackRecord> &s) {
  return s ? s->status + "|" + s->last_updated_time : "";
}

// Change sets belong to a stack: a stack that does not exist yet waits in REVIEW_IN_PROGRESS
// until its first change set runs, as in AWS.
state::StackRecord record_review_stack(state::Store &store, const std::string &stack_id,
                                       const std::string &name) {
  state::StackRecord review;
  review.stack_id = stack_id;
  review.name = name;
  review.status = "REVIEW_IN_PROGRESS";
  review.creation_time = state::now_iso8601();
  store.put_stack(review);
  return review;
}

// The template's own file, recorded so nested stacks' relative TemplateURLs resolve from it on
// later operations too; URLs stay as given.
std::string template_location(const std::string &file) {
  if (file.empty() || file.find("://") != std::string::npos)
    return file;
  std::error_code ec;
  auto absolute = std::filesystem::absolute(file, ec);
  return ec ? file : absolute.lexically_normal().string();
}

std::string template_text(const DeployOptions &o) {
  return o.template_body.empty() ? read_file_text(o.template_file) : o.template_body;
}

bool only_automatic(const planner::ResourceChange &c) {
  for (const auto &d : c.details)
    if (d.change_source != planner::ChangeSource::Automatic)
      return false;
  return true;
}

constexpr const char *kEmptyChangeSet = "The submitted information didn't contain changes. "
                                        "Submit different information to create a change set.";

} // namespace

Engine::Preparation Engine::prepare(const DeployOptions &o, const std::string &body,
                                    const std::string &file_name,
                                    std::optional<state::StackRecord> existing) {
  Preparation p;
  p.existing = std::move(existing);
  // Read once: for a large template reading is the largest cost of a plan.
  Value document = read_document(body, file_name);
  // `aws cloudformation deploy` keeps the deployed value of every parameter not overridden.
  intrinsics::ParameterValues values(o.parameter_overrides.begin(), o.parameter_overrides.end());
  if (p.existing) {
    auto declared = declared_parameters(document);
    for (const auto &sp : p.existing->parameters)
      if (!values.count(sp.key) && declared.count(sp.key))
        values[sp.key] = sp.value;
  }
  p.stack_id = p.existing ? p.existing->stack_id
                          : state::make_stack_id(config_.region, config_.account_id, o.stack_name);
  PrepareInputs inputs;
  inputs.file_name = file_name;
  inputs.parameter_values = values;
  inputs.pseudo.account_id = config_.account_id;
  inputs.pseudo.region = config_.region;
  inputs.pseudo.stack_name = o.stack_name;
  inputs.pseudo.stack_id = p.stack_id;
  inputs.pseudo.notification_arns = o.notification_arns;
  // AWS::Include snippets in S3 come from the stack's object store (embedded or endpoint).
  inputs.s3_object = [this](const std::string &bucket, const std::string &key) {
    Json object = backend_->call("s3", "GetObject", Json{{"Bucket", bucket}, {"Key", key}});
    return object.value("Body", std::string());
  };
  if (transforms::uses_macros(document)) {
    if (std::find(o.capabilities.begin(), o.capabilities.end(), "CAPABILITY_AUTO_EXPAND") ==
        o.capabilities.end())
      throw Error("Requires capabilities : [CAPABILITY_AUTO_EXPAND]");
    // templateParameterValues: what the parameters will be, defaults included.
    std::map<std::string, std::string> template_values;
    std::set<std::string> list_parameters;
    if (const Value *declared = document.find("Parameters"); declared && declared->is_object())
      for (const auto &m : declared->as_object()) {
        if (const Value *d = m.value.find("Default"))
          template_values[m.key] = d->scalar_string().value_or("");
        const Value *type = m.value.find("Type");
        std::string t = type && type->is_string() ? type->as_string() : "";
        if (t == "CommaDelimitedList" || t.find("List<") != std::string::npos)
          list_parameters.insert(m.key);
      }
    for (const auto &[k, v] : values)
      template_values[k] = v;
    inputs.macro = macro_runner(*backend_, config_.region, config_.account_id, template_values,
                                list_parameters);
  }
  auto context = stack_context(config_, o.stack_name, p.stack_id);
  LiveResources no_resources(impl_->provider_for(), context);
  StackLookup lookup(no_resources, *store_, *backend_);
  p.t = prepare_template(body, std::move(document), inputs, lookup);
  if (auto missing = missing_capability(p.t, o.capabilities))
    throw Error(*missing);
  p.graph.emplace(build_graph(p.t));
  // What can be known before any resource exists is checked now, as CloudFormation validates a
  // template before it starts (missing exports, wrong function arguments): such errors leave no
  // stack behind. compute_change_set below evaluates every resource's properties this way;
  // outputs are checked here. Values that depend on resources stay symbolic.
  intrinsics::Context pre = p.t.context(&lookup, false);
  if (const Value *outputs = p.t.index->outputs(); outputs && outputs->is_object())
    for (const auto &m : outputs->as_object())
      if (const Value *v = m.value.find("Value"))
        if (const Value *c = m.value.find("Condition");
            !c || !c->is_string() || p.t.conditions.get(c->as_string()).value_or(false))
          intrinsics::evaluate(*v, pre);
  p.processed_json = dump_json(*p.t.processed, -1);
  p.parameters = stack_parameters(p.t);

  planner::DeployedStack deployed;
  if (!is_new(p.existing))
    deployed = deployed_stack(*store_, *p.existing, impl_->provider_for(), context, lookup,
                              p.t.processed.get());
  planner::ChangeSetOptions options;
  options.pseudo = p.t.pseudo;
  options.lookup = &lookup;
  p.change_set =
      planner::compute_change_set(deployed, Template(*p.t.processed), p.t.parameters, options);
  plan_nested_stacks(p, o);
  return p;
}

void Engine::plan_nested_stacks(Preparation &p, const DeployOptions &o) {
  std::vector<planner::ResourceChange> kept;
  std::set<std::string> unchanged;
  for (auto &change : p.change_set.changes) {
    bool computable = change.resource_type == kNestedStackType &&
                      change.action == planner::ChangeAction::Modify &&
                      !change.physical_id.empty() && change.after_properties &&
                      intrinsics::is_resolved(*change.after_properties);
    auto child = computable ? store_->find_stack(change.physical_id) : std::nullopt;
    const Value *url = computable ? change.after_properties->find("TemplateURL") : nullptr;
    if (!child || child->status == "DELETE_COMPLETE" || !url || !url->is_string()) {
      kept.push_back(std::move(change));
      continue;
    }
    // AWS's IncludeNestedStacks: the child's own change set, computed against its template.
    DeployOptions co;
    co.stack_name = child->name;
    co.capabilities = o.capabilities;
    Preparation cp;
    try {
      NestedTemplate source = read_nested_template(url->as_string(), o.template_file, *backend_);
      co.template_file = source.name;
      co.template_body = source.body;
      if (const Value *params = change.after_properties->find("Parameters"))
        co.parameter_overrides = nested_parameter_values(*params);
      cp = prepare(co, source.body, source.name, child);
    } catch (const Error &e) {
      throw Error(
          fmt::format("Nested stack {} ({}): {}", change.logical_id, child->name, e.message()),
          e.mark());
    }
    // Outputs cannot change without a resource, template or parameter change: outputs that
    // "may change" only because they read unchanged nested stacks do not count.
    bool child_unchanged = cp.change_set.empty() &&
                           cp.processed_json == child->processed_template &&
                           cp.parameters == child->parameters;
    if (child_unchanged && only_automatic(change)) {
      unchanged.insert(change.logical_id); // neither the resource nor its stack changes
      continue;
    }
    change.nested_changes = std::move(cp.change_set.changes);
    change.nested_computed = true;
    kept.push_back(std::move(change));
  }
  // What changed only because those nested stacks might (their outputs read through GetAtt)
  // does not change either, down the cascade.
  for (bool dropped = !unchanged.empty(); dropped;) {
    dropped = false;
    std::vector<planner::ResourceChange> still;
    for (auto &change : kept) {
      bool only_from_unchanged =
          !change.caused_by.empty() && change.action == planner::ChangeAction::Modify &&
          std::all_of(change.caused_by.begin(), change.caused_by.end(),
                      [&](const std::string &id) { return unchanged.count(id) > 0; }) &&
          std::all_of(change.details.begin(), change.details.end(),
                      [](const auto &d) { return d.evaluation == planner::Evaluation::Dynamic; });
      if (only_from_unchanged) {
        unchanged.insert(change.logical_id);
        dropped = true;
      } else {
        still.push_back(std::move(change));
      }
    }
    kept = std::move(still);
  }
  p.change_set.changes = std::move(kept);
}

OperationResult Engine::execute(Preparation &p, const DeployOptions &o, const ExecutionPlan &plan,
                                Reporter &reporter) {
  OperationEnv env = operation_env(reporter);
  bool creating = is_new(p.existing);
  state::StackRecord stack;
  if (!creating) {
    stack = *p.existing;
    stack.previous_template_body = stack.template_body;
    stack.previous_processed_template = stack.processed_template;
    stack.previous_parameters = stack.parameters;
  } else {
    if (p.existing)
      stack = *p.existing;
    stack.stack_id = p.stack_id;
    stack.name = o.stack_name;
    stack.creation_time = state::now_iso8601();
  }
  const PreparedTemplate &t = p.t;
  stack.description = t.description();
  stack.template_body = t.body;
  stack.processed_template = p.processed_json;
  stack.parameters = p.parameters;
  stack.capabilities = o.capabilities;
  stack.notification_arns = o.notification_arns;
  stack.disable_rollback = o.disable_rollback;
  stack.tags.clear();
  for (const auto &[k, v] : o.tags)
    stack.tags.push_back(state::Tag{k, v});
  stack.extra = Json::object();
  stack.extra["baseline"] = creating ? Json::object() : baseline(*store_, p.stack_id);
  stack.extra["active"] = t.active;
  stack.extra["previous_outputs"] = outputs_json(stack.outputs);
  stack.extra["template_file"] = template_location(o.template_file);
  if (!o.parent_id.empty()) {
    stack.parent_id = o.parent_id;
    stack.root_id = o.root_id;
  }
  if (o.timeout_in_minutes > 0)
    stack.timeout_in_minutes = o.timeout_in_minutes;
  else
    stack.timeout_in_minutes.reset();
  const char *in_progress = creating ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS";
  stack.status = in_progress;
  store_->put_stack(stack);
  // Executing a stack operation makes every change set prepared before it unexecutable.
  store_->obsolete_change_sets(p.stack_id, "");

  StackOperation op(env, stack);
  op.set_masked_values(no_echo_values(t));
  op.stack_status(in_progress, "User Initiated");
  op.load_live();
  StackLookup lookup(op.live(), *store_, *backend_);
  std::optional<std::chrono::steady_clock::time_point> deadline;
  if (stack.timeout_in_minutes)
    deadline = std::chrono::steady_clock::now() + std::chrono::minutes(*stack.timeout_in_minutes);
  bool ok = run_forward(op, t, *p.graph, o.max_concurrency, lookup, &plan, deadline) &&
            finish_outputs(op, t, lookup);
  std::string done = fmt::format("Successfully created/updated stack - {}", o.stack_name);

  if (creating) {
    if (ok) {
      op.stack_status("CREATE_COMPLETE");
      return finished(*store_, p.stack_id, true, done);
    }
    std::string reason = failure_reason(op, "create");
    if (o.disable_rollback) {
      op.stack_status("CREATE_FAILED", reason);
      return finished(*store_, p.stack_id, false, reason);
    }
    op.stack_status("ROLLBACK_IN_PROGRESS", reason + " Rollback requested by user.");
    op.stack_status(rollback_create(op) ? "ROLLBACK_COMPLETE" : "ROLLBACK_FAILED");
    return finished(*store_, p.stack_id, false, reason);
  }
  if (ok) {
    op.stack_status("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
    cleanup_update(op);
    op.stack_status("UPDATE_COMPLETE");
    return finished(*store_, p.stack_id, true, done);
  }
  std::string reason = failure_reason(op, "update");
  if (o.disable_rollback) {
    op.stack_status("UPDATE_FAILED", reason);
    return finished(*store_, p.stack_id, false, reason);
  }
  op.stack_status("UPDATE_ROLLBACK_IN_PROGRESS", reason);
  op.stack_status(rollback_update(op) ? "UPDATE_ROLLBACK_COMPLETE" : "UPDATE_ROLLBACK_FAILED");
  return finished(*store_, p.stack_id, false, reason);
}

namespace {

state::ChangeSetRecord change_set_record(const std::string &region, const std::string &account,
                                         const std::string &name, const DeployOptions &o,
                                         const std::string &stack_id,
                                         const std::optional<state::StackRecord> &existing,
                                         const planner::ChangeSet &change_set,
                                         const std::string &body,
                                         const std::vector<state::StackParameter> &parameters) {
  state::ChangeSetRecord r;
  r.change_set_id = state::make_change_set_id(region, account, name);
  r.name = name;
  r.stack_id = stack_id;
  r.stack_name = o.stack_name;
  r.change_set_type = is_new(existing) ? "CREATE" : "UPDATE";
  r.creation_time = state::now_iso8601();
  r.changes = planner::changes_to_json(change_set);
  r.template_body = body;
  r.parameters = parameters;
  r.capabilities = o.capabilities;
  for (const auto &[k, v] : o.tags)
    r.tags.push_back(state::Tag{k, v});
  r.extra = Json::object();
  r.extra["stack_version"] = stack_version(existing);
  r.extra["notification_arns"] = o.notification_arns;
  r.extra["template_file"] = template_location(o.template_file);
  if (change_set.empty() && !is_new(existing)) {
    r.status = "FAILED";
    r.execution_status = "UNAVAILABLE";
    r.status_reason = kEmptyChangeSet;
  } else {
    r.status = "CREATE_COMPLETE";
    r.execution_status = "AVAILABLE";
  }
  return r;
}

std::string default_change_set_name() {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count();
  return fmt::format("cfnlocal-deploy-{}", ms);
}

} // namespace

OperationResult Engine::deploy(const DeployOptions &o, Reporter &reporter) {
  std::string body = template_text(o);
  auto lock = store_->lock_stack(o.stack_name, "deploy");
  OperationEnv env = operation_env(reporter);
  if (auto stack = store_->find_stack(o.stack_name))
    recover_locked(env, *stack);
  auto existing = store_->find_stack(o.stack_name);
  if (existing &&
      (existing->status == "ROLLBACK_COMPLETE" || existing->status == "ROLLBACK_FAILED")) {
    // A stack whose creation never succeeded cannot be updated (AWS stops there); like
    // `sam deploy`, delete what is left and create it afresh.
    discard_failed_stack(env, *existing);
    existing.reset();
  }
  if (existing && is_in_progress(existing->status) && existing->status != "REVIEW_IN_PROGRESS")
    throw Error(fmt::format("Stack:{} is in {} state and can not be updated.", existing->stack_id,
                            existing->status));

  Preparation p = prepare(o, body, o.template_file, existing);
  if (!is_new(p.existing) && p.change_set.empty() &&
      p.existing->processed_template == p.processed_json &&
      p.existing->parameters == p.parameters) {
    OperationResult result;
    result.stack = *p.existing;
    result.succeeded = !o.fail_on_empty_changeset;
    result.no_changes = true;
    result.message = fmt::format("No changes to deploy. Stack {} is up to date", o.stack_name);
    return result;
  }
  std::string name = o.change_set_name.empty() ? default_change_set_name() : o.change_set_name;
  auto record = change_set_record(config_.region, config_.account_id, name, o, p.stack_id,
                                  p.existing, p.change_set, body, p.parameters);
  // deploy executes even a change set without resource changes (outputs, parameters).
  record.status = "CREATE_COMPLETE";
  record.execution_status = "AVAILABLE";
  record.status_reason.clear();
  if (!p.existing) {
    p.existing = record_review_stack(*store_, p.stack_id, o.stack_name);
  }
  store_->put_change_set(record);
  if (o.no_execute_changeset) {
    OperationResult result;
    result.stack = *store_->find_stack(p.stack_id);
    result.succeeded = true;
    result.message =
        fmt::format("Changeset created successfully. Run the following command to "
                    "review changes:\ncfnlocal describe-change-set --change-set-name {}",
                    record.change_set_id);
    return result;
  }
  ExecutionPlan plan = ExecutionPlan::from(p.change_set);
  store_->set_change_set_status(record.change_set_id, "CREATE_COMPLETE", "EXECUTE_IN_PROGRESS");
  auto result = execute(p, o, plan, reporter);
  store_->set_change_set_status(record.change_set_id, "CREATE_COMPLETE",
                                result.succeeded ? "EXECUTE_COMPLETE" : "EXECUTE_FAILED");
  return result;
}

ChangeSetOutcome Engine::plan(const DeployOptions &o) {
  std::string body = template_text(o);
  auto existing = store_->find_stack(o.stack_name);
  if (existing &&
      (existing->status == "ROLLBACK_COMPLETE" || existing->status == "ROLLBACK_FAILED"))
    existing.reset(); // deploy would create it afresh
  Preparation p = prepare(o, body, o.template_file, existing);
  ChangeSetOutcome out;
  out.record = change_set_record(config_.region, config_.account_id,
                                 o.change_set_name.empty() ? "plan" : o.change_set_name, o,
                                 p.stack_id, p.existing, p.change_set, body, p.parameters);
  out.change_set = std::move(p.change_set);
  return out;
}

ChangeSetOutcome Engine::create_change_set(const DeployOptions &o) {
  if (o.change_set_name.empty())
    throw Error("create-change-set needs --change-set-name");
  std::string body = template_text(o);
  auto lock = store_->lock_stack(o.stack_name, "create-change-set");
  auto existing = store_->find_stack(o.stack_name);
  if (existing && existing->status != "REVIEW_IN_PROGRESS" &&
      (existing->status == "ROLLBACK_COMPLETE" || is_in_progress(existing->status)))
    throw Error(fmt::format("Stack:{} is in {} state and can not be updated.", existing->stack_id,
                            existing->status));
  bool exists = existing && existing->status != "REVIEW_IN_PROGRESS";
  if (o.change_set_type == "CREATE" && exists)
    throw Error(fmt::format("Stack [{}] already exists and cannot be created again with the "
                            "changeSet [{}].",
                            o.stack_name, o.change_set_name));
  if (o.change_set_type == "UPDATE" && !exists)
    throw Error(fmt::format("Stack [{}] does not exist", o.stack_name));
  if (existing && store_->find_change_set(o.change_set_name, existing->stack_id))
    throw Error(fmt::format("ChangeSet {} already exists", o.change_set_name));
  Preparation p = prepare(o, body, o.template_file, existing);
  if (!existing)
    p.existing = record_review_stack(*store_, p.stack_id, o.stack_name);
  ChangeSetOutcome out;
  out.record = change_set_record(config_.region, config_.account_id, o.change_set_name, o,
                                 p.stack_id, p.existing, p.change_set, body, p.parameters);
  store_->put_change_set(out.record);
  out.change_set = std::move(p.change_set);
  return out;
}

OperationResult Engine::execute_change_set(const std::string &change_set,
                                           const std::string &stack_name, bool disable_rollback,
                                           Reporter &reporter) {
  auto record = store_->find_change_set(change_set, stack_name);
  if (!record)
    throw Error(fmt::format("ChangeSet [{}] does not exist", change_set));
  auto lock = store_->lock_stack(record->stack_name, "execute-change-set");
  record = store_->find_change_set(record->change_set_id);
  auto existing = store_->find_stack(record->stack_id);
  if (record->execution_status == "AVAILABLE" &&
      record->extra.value("stack_version", "") != stack_version(existing)) {
    store_->set_change_set_status(record->change_set_id, record->status, "OBSOLETE");
    record->execution_status = "OBSOLETE";
  }
  if (record->execution_status != "AVAILABLE")
    throw Error(fmt::format("ChangeSet [{}] cannot be executed in its current execution status "
                            "of [{}]",
                            record->change_set_id, record->execution_status));
  DeployOptions o;
  o.stack_name = record->stack_name;
  for (const auto &sp : record->parameters)
    o.parameter_overrides[sp.key] = sp.value;
  o.capabilities = record->capabilities;
  for (const auto &t : record->tags)
    o.tags[t.key] = t.value;
  if (record->extra.contains("notification_arns"))
    o.notification_arns = record->extra["notification_arns"].get<std::vector<std::string>>();
  o.disable_rollback = disable_rollback;
  o.template_file = record->extra.value("template_file", std::string());
  if (existing) {
    o.parent_id = existing->parent_id;
    o.root_id = existing->root_id;
  }
  Preparation p =
      prepare(o, record->template_body,
              o.template_file.empty() ? "change set " + record->name : o.template_file, existing);
  ExecutionPlan plan = ExecutionPlan::from_json(record->changes);
  store_->set_change_set_status(record->change_set_id, record->status, "EXECUTE_IN_PROGRESS");
  auto result = execute(p, o, plan, reporter);
  store_->set_change_set_status(record->change_set_id, record->status,
                                result.succeeded ? "EXECUTE_COMPLETE" : "EXECUTE_FAILED");
  return result;
}

void Engine::delete_change_set(const std::string &change_set, const std::string &stack_name) {
  auto record = store_->find_change_set(change_set, stack_name);
  if (!record)
    throw Error(fmt::format("ChangeSet [{}] does not exist", change_set));
  auto lock = store_->lock_stack(record->stack_name, "delete-change-set");
  store_->delete_change_set(record->change_set_id);
  auto stack = store_->find_stack(record->stack_id);
  if (stack && stack->status == "REVIEW_IN_PROGRESS" &&
      store_->list_change_sets(stack->stack_id).empty()) {
    stack->status = "DELETE_COMPLETE";
    stack->deletion_time = state::now_iso8601();
    store_->put_stack(*stack);
  }
}

} // namespace cfnlocal::engine
