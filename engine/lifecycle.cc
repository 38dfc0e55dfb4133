#include "engine/lifecycle.h"

#include "engine/replacement.h"
#include "engine/resource_signals.h"
#include "engine/step_pool.h"
#include "intrinsics/functions.h"
#include "parser/json.h"
#include "parser/reader.h"
#include "planner/change_set_builder.h"
#include "planner/schedule.h"
#include "planner/value_diff.h"
#include "schema/registry.h"
#include "state/ids.h"

#include <algorithm>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <set>

namespace cfnlocal::engine {

namespace {

std::string policy_of(const Json &definition, const char *attribute) {
  if (definition.is_object()) {
    auto it = definition.find(attribute);
    if (it != definition.end() && it->is_string())
      return it->get<std::string>();
  }
  return "Delete";
}

// Rows of a stack grouped by logical ID, generations ascending.
std::map<std::string, std::vector<state::ResourceRecord>> rows_by_id(state::Store &store,
                                                                     const std::string &stack) {
  std::map<std::string, std::vector<state::ResourceRecord>> out;
  for (auto &r : store.list_resources(stack))
    out[r.logical_id].push_back(std::move(r));
  for (auto &[id, rows] : out)
    std::sort(rows.begin(), rows.end(),
              [](const auto &a, const auto &b) { return a.generation < b.generation; });
  return out;
}

std::map<std::string, int> baseline_of(const state::StackRecord &stack) {
  std::map<std::string, int> out;
  if (stack.extra.is_object() && stack.extra.contains("baseline"))
    for (auto &[id, gen] : stack.extra["baseline"].items())
      out[id] = gen.get<int>();
  return out;
}

std::set<std::string> active_of(const state::StackRecord &stack) {
  std::set<std::string> out;
  if (stack.extra.is_object() && stack.extra.contains("active"))
    for (const auto &id : stack.extra["active"])
      out.insert(id.get<std::string>());
  return out;
}

bool evaluation_failure(StackOperation &op, const std::string &id, const std::string &type,
                        const std::optional<state::ResourceRecord> &current,
                        const std::string &message) {
  state::ResourceRecord r;
  if (current) {
    r = *current;
    op.resource_event(r, "UPDATE_FAILED", message);
  } else {
    r.stack_id = op.stack().stack_id;
    r.logical_id = id;
    r.type = type;
    r.status = "CREATE_FAILED";
    r.status_reason = op.mask(message);
    r.created_time = state::now_iso8601();
    r.last_updated_time = r.created_time;
    op.env().store.put_resource(r);
    op.resource_event(r, "CREATE_FAILED", message);
  }
  return false;
}

// Tells `waits` what `id` waits for once created; false (recorded) when its CreationPolicy or
// wait condition properties are invalid.
bool expect_signals(StackOperation &op, SignalWaits &waits, const intrinsics::Context &context,
                    const Value &definition, const std::string &id, const std::string &type,
                    const Value &properties, const std::optional<state::ResourceRecord> &current) {
  try {
    Value creation_policy;
    if (const Value *c = definition.find("CreationPolicy"))
      creation_policy = intrinsics::evaluate_optional(*c, context).value_or(Value());
    if (auto policy = signal_policy(type, creation_policy, properties))
      waits.expect(id, std::move(*policy));
    return true;
  } catch (const Error &e) {
    op.fail_resource(id, e.message());
    return evaluation_failure(op, id, type, current, e.message());
  }
}

// One resource of the forward pass.
bool step(StackOperation &op, const PreparedTemplate &t, const intrinsics::Context &context,
          const std::string &id, const ExecutionPlan *plan, SignalWaits &waits) {
  auto &store = op.env().store;
  const PlannedChange *change = plan ? plan->find(id) : nullptr;
  const Value *definition = t.index->resource(id);
  const Value *type_node = definition->find("Type");
  std::string type = type_node && type_node->is_string() ? type_node->as_string() : "";
  auto current = store.find_resource(op.stack().stack_id, id);
  bool exists = current && !current->physical_id.empty() && current->status != "DELETE_COMPLETE" &&
                current->status != "CREATE_FAILED";
  if (plan && exists && !change)
    return true; // the change set leaves it as deployed

  Value properties;
  try {
    if (const Value *p = definition->find("Properties"))
      properties = intrinsics::evaluate_optional(*p, context).value_or(Value());
  } catch (const Error &e) {
    op.fail_resource(id, e.message());
    return evaluation_failure(op, id, type, exists ? current : std::nullopt, e.message());
  }
  if (!intrinsics::is_resolved(properties)) {
    std::string message = "Properties could not be resolved: " + dump_json(properties, -1);
    op.fail_resource(id, message);
    return evaluation_failure(op, id, type, exists ? current : std::nullopt, message);
  }
  Json definition_json = to_json(*definition);

  if (!exists)
    return expect_signals(op, waits, context, *definition, id, type, properties, std::nullopt) &&
           op.create(id, type, current ? current->generation + 1 : 0, properties, definition_json,
                     false);
  if (current->type != type) {
    std::string message = fmt::format("Update of resource type is not permitted. The new template "
                                      "modifies resource type of the following resources: [{}]",
                                      id);
    op.fail_resource(id, message);
    return evaluation_failure(op, id, type, current, message);
  }
  const schema::ResourceType *schema_type = schema::Registry::builtin().find(type);
  UpdateDecision d = decide_update(schema_type, properties_of(*current), properties);
  if (change && change->replacement == planner::Replacement::True && !d.replace) {
    // Previewed as a replacement: keep the promise even if resolved values now say otherwise.
    d.changed = d.replace = true;
    if (auto name = schema_type ? planner::custom_name_property(*schema_type) : std::nullopt)
      if (const Value *n = properties.find(*name); n && n->scalar_string())
        if (const Value *o = properties_of(*current).find(*name); o && planner::same_value(*n, *o))
          d.custom_name = *n->scalar_string();
  }
  if (change && change->replacement == planner::Replacement::False)
    d.replace = false;
  if (change && change->action == planner::ChangeAction::Modify &&
      type == "AWS::CloudFormation::Stack")
    d.changed = true; // its own template may have changed: the child stack decides
  if (!d.changed) {
    if (current->definition != definition_json) {
      state::ResourceRecord r = *current;
      r.definition = definition_json;
      store.put_resource(r);
    }
    return true;
  }
  if (!d.replace) {
    bool not_updatable = false;
    bool updated = op.update(*current, properties, definition_json, &not_updatable);
    if (!not_updatable)
      return updated;
    // The handler cannot make this change in place (a conditionally createOnly property, or one
    // the schema does not mark): CloudFormation replaces the resource, as the schema's
    // conditionalCreateOnlyProperties promise ("the resource will be replaced if it cannot be
    // updated"; handler error code NotUpdatable).
    d.replace = true;
    if (schema_type)
      d.custom_name = unchanged_custom_name(*schema_type, properties_of(*current), properties);
  }
  if (d.custom_name) {
    std::string message = custom_name_replacement_error(*d.custom_name);
    op.fail_resource(id, message);
    return evaluation_failure(op, id, type, current, message);
  }
  if (schema_type &&
      schema_type->replacement_strategy() == schema::ReplacementStrategy::DeleteThenCreate) {
    if (!op.remove(*current))
      return false;
    op.live().erase(id);
  }
  return expect_signals(op, waits, context, *definition, id, type, properties, current) &&
         op.create(id, type, current->generation + 1, properties, definition_json, true);
}

} // namespace

planner::ResourceGraph build_graph(const PreparedTemplate &t) {
  std::vector<planner::ResourceNode> nodes;
  nodes.reserve(t.active.size());
  const Value &resources = *t.index->resources();
  for (const auto &id : t.active) {
    const Value::Member *m = resources.find_member(id);
    const Value *type = m->value.find("Type");
    nodes.push_back(planner::ResourceNode{id, type && type->is_string() ? type->as_string() : "",
                                          m->key_mark, &m->value});
  }
  planner::ConditionValues conditions(t.conditions.all().begin(), t.conditions.all().end());
  planner::GraphOptions options;
  options.conditions = &conditions;
  for (const auto &p : t.parameters.all())
    options.parameter_names.insert(p.name);
  if (const Value *declared = t.index->parameters(); declared && declared->is_object())
    for (const auto &m : declared->as_object())
      options.parameter_names.insert(m.key);
  return planner::build_graph(std::move(nodes), options);
}

bool run_forward(StackOperation &op, const PreparedTemplate &t, const planner::ResourceGraph &graph,
                 int max_concurrency, StackLookup &lookup, const ExecutionPlan *plan,
                 std::optional<std::chrono::steady_clock::time_point> deadline) {
  // Properties are recorded with dynamic references as written; handlers get them resolved.
  intrinsics::Context context = t.context(&lookup, false);
  op.set_dynamic_reference_lookup(&lookup);
  planner::ScheduleOptions options;
  options.max_concurrency = max_concurrency > 0 ? static_cast<size_t>(max_concurrency) : 0;
  // On an endpoint the steps run on threads: "no limit" then means kEndpointConcurrency of them
  // (one connection each to the service), --max-concurrency 1 one at a time on this thread.
  services::YieldingLock *lock = max_concurrency == 1 ? nullptr : op.env().step_lock;
  if (lock && options.max_concurrency == 0)
    options.max_concurrency = kEndpointConcurrency;
  planner::Schedule schedule(graph, options);
  // Resources that wait for signals stay running in the schedule while the others go on.
  SignalWaits waits(op, op.env().wait_for_signals, op.env().signal_inbox);
  op.set_created_hook(
      [&waits](state::ResourceRecord &row, Value &model) { return waits.on_created(row, model); });
  struct ClearHook {
    StackOperation &op;
    ~ClearHook() { op.set_created_hook({}); }
  } clear_hook{op};
  auto timed_out = [&] { return deadline && std::chrono::steady_clock::now() > *deadline; };
  StepPool pool(lock);
  auto record = [&](const std::vector<StepPool::Finished> &finished) {
    for (const auto &[id, ok] : finished)
      if (!ok || !waits.waiting(id))
        schedule.finished(id, ok);
  };
  while (true) {
    while (auto id = schedule.next()) {
      if (timed_out())
        break;
      schedule.started(*id);
      pool.start(*id, [&, id = *id] { return step(op, t, context, id, plan, waits); });
      record(pool.finished());
    }
    if (pool.running() > 0) {
      // A step on an endpoint finished or not: either way look for newly ready resources.
      record(pool.wait(std::chrono::milliseconds(100)));
      if (!waits.any() || pool.running() > 0)
        continue;
    }
    if (waits.any() && (schedule.failed() || timed_out())) {
      // CloudFormation cancels what is still in progress once the operation fails.
      for (const auto &id : waits.cancel_all())
        schedule.finished(id, false);
    }
    if (timed_out() && !schedule.complete() && !schedule.failed()) {
      op.fail_resource(op.stack().name, "Stack creation time exceeded the specified timeout");
      return false;
    }
    if (!waits.any())
      break;
    for (const auto &[id, ok] : waits.poll())
      schedule.finished(id, ok);
  }
  return !schedule.failed();
}

bool finish_outputs(StackOperation &op, const PreparedTemplate &t, StackLookup &lookup) {
  auto &store = op.env().store;
  auto &stack = op.stack();
  intrinsics::Context context = t.context(&lookup, false);
  std::vector<state::StackOutput> outputs;
  try {
    if (const Value *section = t.index->outputs(); section && section->is_object()) {
      for (const auto &m : section->as_object()) {
        if (const Value *c = m.value.find("Condition"); c && c->is_string())
          if (!t.conditions.get(c->as_string()).value_or(false))
            continue;
        const Value *value = m.value.find("Value");
        if (!value)
          throw Error(fmt::format("Template format error: Every Outputs member must contain a "
                                  "Value object ({})",
                                  m.key),
                      m.key_mark);
        Value v = intrinsics::evaluate(*value, context);
        state::StackOutput out;
        out.key = m.key;
        if (v.is_array()) {
          for (const auto &item : v.as_array())
            out.value += (out.value.empty() ? "" : ",") + item.scalar_string().value_or("");
        } else {
          out.value = v.scalar_string().value_or(dump_json(v, -1));
        }
        if (const Value *d = m.value.find("Description"))
          out.description = intrinsics::evaluate(*d, context).scalar_string().value_or("");
        if (const Value *e = m.value.find("Export"); e && e->find("Name"))
          out.export_name =
              intrinsics::evaluate(*e->find("Name"), context).scalar_string().value_or("");
        outputs.push_back(std::move(out));
      }
    }
  } catch (const Error &e) {
    op.fail_resource(stack.name, e.message());
    return false;
  }
  std::set<std::string> new_exports;
  for (const auto &o : outputs) {
    if (o.export_name.empty())
      continue;
    if (!new_exports.insert(o.export_name).second) {
      op.fail_resource(stack.name, fmt::format("Template error: the export name {} is used by "
                                               "more than one output",
                                               o.export_name));
      return false;
    }
    auto existing = store.find_export(o.export_name);
    if (existing && existing->exporting_stack_id != stack.stack_id) {
      auto other = store.find_stack(existing->exporting_stack_id);
      op.fail_resource(stack.name,
                       fmt::format("Export with name {} is already exported by stack {}",
                                   o.export_name,
                                   other ? other->name : existing->exporting_stack_id));
      return false;
    }
  }
  for (const auto &e : store.exports_of(stack.stack_id)) {
    if (new_exports.count(e.name))
      continue;
    for (const auto &importer : store.importers_of(e.name))
      if (importer.importing_stack_id != stack.stack_id) {
        op.fail_resource(stack.name, fmt::format("Cannot delete export {} as it is in use by {}.",
                                                 e.name, importer.importing_stack_name));
        return false;
      }
  }
  auto tx = store.transaction();
  for (const auto &e : store.exports_of(stack.stack_id))
    if (!new_exports.count(e.name))
      store.delete_export(e.name);
  for (const auto &o : outputs)
    if (!o.export_name.empty())
      store.put_export(state::ExportRecord{o.export_name, o.value, stack.stack_id, o.key});
  store.set_imports(stack.stack_id, stack.name, lookup.imported());
  stack.outputs = outputs;
  store.put_stack(stack);
  tx.commit();
  return true;
}

namespace {
/// The dependency graph of a recorded (processed) template, for deletions; null when the
/// template cannot be read. Its nodes point into `doc`.
std::optional<planner::ResourceGraph> recorded_graph(const std::string &processed_template,
                                                     Value &doc) {
  try {
    doc = read_document(processed_template, "<recorded template>");
  } catch (const Error &) {
    return std::nullopt;
  }
  const Value *resources = doc.find("Resources");
  if (!resources || !resources->is_object())
    return std::nullopt;
  std::vector<planner::ResourceNode> nodes;
  for (const auto &m : resources->as_object())
    if (m.value.is_object()) {
      const Value *type = m.value.find("Type");
      nodes.push_back(planner::ResourceNode{
          m.key, type && type->is_string() ? type->as_string() : "", m.key_mark, &m.value});
    }
  std::vector<Diagnostic> problems;
  planner::GraphOptions options;
  options.check_cycles = false;
  options.diagnostics = &problems;
  if (const Value *p = doc.find("Parameters"); p && p->is_object())
    for (const auto &m : p->as_object())
      options.parameter_names.insert(m.key);
  try {
    return planner::build_graph(std::move(nodes), options);
  } catch (const Error &) {
    return std::nullopt;
  }
}

/// Runs `remove` for each of `ids` in deletion order (deletion_order). On an endpoint backend
/// the resources whose dependents are all gone are deleted concurrently (step_pool.h), as
/// CloudFormation deletes independent resources in parallel; one failing does not stop the
/// others (each delete reports its own outcome to the caller through `remove`).
void delete_each(StackOperation &op, const std::string &processed_template,
                 const std::vector<std::string> &ids,
                 const std::function<void(const std::string &)> &remove) {
  services::YieldingLock *lock = op.env().step_lock;
  Value doc;
  auto graph = lock ? recorded_graph(processed_template, doc) : std::nullopt;
  if (!graph) {
    for (const auto &id : deletion_order(processed_template, ids))
      remove(id);
    return;
  }
  std::vector<std::string> scheduled, rest;
  for (const auto &id : ids)
    (graph->contains(id) ? scheduled : rest).push_back(id);
  planner::ScheduleOptions options;
  options.direction = planner::Direction::Reverse;
  options.max_concurrency = kEndpointConcurrency;
  planner::Schedule schedule(*graph, options, scheduled);
  StepPool pool(lock);
  auto record = [&](const std::vector<StepPool::Finished> &finished) {
    for (const auto &f : finished)
      schedule.finished(f.first, true); // a failed delete does not hold back the others
  };
  while (true) {
    while (auto id = schedule.next()) {
      schedule.started(*id);
      pool.start(*id, [&remove, id = *id] {
        remove(id);
        return true;
      });
      record(pool.finished());
    }
    if (pool.running() == 0)
      break;
    record(pool.wait(std::chrono::milliseconds(100)));
  }
  // What never became ready (a cycle in a recorded template) and what it lacks: in turn.
  for (const auto &id : schedule.not_started())
    remove(id);
  for (auto it = rest.rbegin(); it != rest.rend(); ++it)
    remove(*it);
}
} // namespace

std::vector<std::string> deletion_order(const std::string &processed_template,
                                        const std::vector<std::string> &ids) {
  std::vector<std::string> out;
  std::set<std::string> wanted(ids.begin(), ids.end());
  Value doc;
  if (auto graph = recorded_graph(processed_template, doc))
    for (const auto &id : planner::serial_order(*graph, planner::Direction::Reverse))
      if (wanted.erase(id))
        out.push_back(id);
  // Names the recorded template lacks (or an unreadable one): the reverse of the given order.
  for (auto it = ids.rbegin(); it != ids.rend(); ++it)
    if (wanted.erase(*it))
      out.push_back(*it);
  return out;
}

void cleanup_update(StackOperation &op) {
  auto &store = op.env().store;
  auto &stack = op.stack();
  auto baseline = baseline_of(stack);
  auto active = active_of(stack);
  auto rows = rows_by_id(store, stack.stack_id);

  std::vector<std::string> removed;
  for (auto &[id, list] : rows) {
    if (!active.count(id)) {
      removed.push_back(id);
      continue;
    }
    const auto &current = list.back();
    for (size_t i = 0; i + 1 < list.size(); ++i) {
      const auto &old = list[i];
      bool replaced = old.physical_id != current.physical_id;
      if (replaced && !old.physical_id.empty() && old.status != "DELETE_COMPLETE") {
        if (policy_of(old.definition, "UpdateReplacePolicy") == "Retain")
          op.skip_delete(old);
        else
          op.remove(old);
      }
      store.delete_resource(stack.stack_id, old.logical_id, old.generation);
    }
  }
  for (const auto &id : deletion_order(stack.previous_processed_template, removed)) {
    auto &list = rows[id];
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
      if (it->status != "DELETE_COMPLETE") {
        std::string policy = policy_of(it->definition, "DeletionPolicy");
        if (policy == "Retain" || policy == "RetainExceptOnCreate")
          op.skip_delete(*it);
        else
          op.remove(*it);
      }
      store.delete_resource(stack.stack_id, id, it->generation);
    }
  }
}

bool rollback_update(StackOperation &op) {
  auto &store = op.env().store;
  auto &stack = op.stack();
  auto baseline = baseline_of(stack);
  auto rows = rows_by_id(store, stack.stack_id);
  bool ok = true;

  std::vector<std::string> touched;
  for (const auto &[id, list] : rows) {
    auto base = baseline.find(id);
    if (base == baseline.end() || list.back().generation > base->second)
      touched.push_back(id);
  }
  // Phase 1: put back what the baseline had, dependents last (creation order).
  auto order = deletion_order(stack.processed_template, touched);
  std::reverse(order.begin(), order.end());
  for (const auto &id : order) {
    auto base = baseline.find(id);
    if (base == baseline.end())
      continue;
    auto &list = rows[id];
    auto old_it = std::find_if(list.begin(), list.end(),
                               [&](const auto &r) { return r.generation == base->second; });
    if (old_it == list.end())
      continue;
    state::ResourceRecord old = *old_it;
    const state::ResourceRecord &newest = list.back();
    if (old.status == "DELETE_COMPLETE") {
      // A delete-then-create replacement removed the original: create it again.
      ok = op.create(id, old.type, old.generation, properties_of(old), old.definition, true) && ok;
      continue;
    }
    if (newest.physical_id == old.physical_id) {
      ok = op.revert(newest, old) && ok;
      for (const auto &r : list)
        if (r.generation > old.generation)
          store.delete_resource(stack.stack_id, id, r.generation);
    }
  }
  if (!ok)
    return false;
  op.stack_status("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS");
  // Phase 2: delete what the update created.
  rows = rows_by_id(store, stack.stack_id);
  for (const auto &id : deletion_order(stack.processed_template, touched)) {
    auto &list = rows[id];
    auto base = baseline.find(id);
    int keep = base == baseline.end() ? -1 : base->second;
    std::string keep_physical;
    for (const auto &r : list)
      if (r.generation == keep)
        keep_physical = r.physical_id;
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
      if (it->generation == keep)
        continue;
      if (it->status != "DELETE_COMPLETE" && it->physical_id != keep_physical)
        op.remove(*it);
      store.delete_resource(stack.stack_id, id, it->generation);
    }
  }
  stack.template_body = stack.previous_template_body;
  stack.processed_template = stack.previous_processed_template;
  stack.parameters = stack.previous_parameters;
  if (stack.extra.is_object() && stack.extra.contains("previous_outputs")) {
    stack.outputs.clear();
    for (const auto &o : stack.extra["previous_outputs"])
      stack.outputs.push_back(state::StackOutput{o.value("key", ""), o.value("value", ""),
                                                 o.value("description", ""),
                                                 o.value("export_name", "")});
  }
  store.put_stack(stack);
  return true;
}

bool rollback_create(StackOperation &op) {
  auto &store = op.env().store;
  auto &stack = op.stack();
  auto rows = rows_by_id(store, stack.stack_id);
  std::vector<std::string> ids;
  for (const auto &[id, list] : rows)
    ids.push_back(id);
  bool ok = true;
  delete_each(op, stack.processed_template, ids, [&](const std::string &id) {
    auto &list = rows[id];
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
      if (it->status == "DELETE_COMPLETE" || it->status == "DELETE_SKIPPED")
        continue;
      if (policy_of(it->definition, "DeletionPolicy") == "Retain" && !it->physical_id.empty())
        op.skip_delete(*it);
      else
        ok = op.remove(*it) && ok;
    }
  });
  return ok;
}

bool delete_all(StackOperation &op, const std::vector<std::string> &retain) {
  auto &store = op.env().store;
  auto &stack = op.stack();
  auto rows = rows_by_id(store, stack.stack_id);
  std::vector<std::string> ids;
  for (const auto &[id, list] : rows)
    ids.push_back(id);
  bool ok = true;
  delete_each(op, stack.processed_template, ids, [&](const std::string &id) {
    auto &list = rows[id];
    bool keep = std::find(retain.begin(), retain.end(), id) != retain.end();
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
      if (it->status == "DELETE_COMPLETE" || it->status == "DELETE_SKIPPED")
        continue;
      std::string policy = policy_of(it->definition, "DeletionPolicy");
      if ((keep || policy == "Retain" || policy == "RetainExceptOnCreate") &&
          !it->physical_id.empty())
        op.skip_delete(*it);
      else
        ok = op.remove(*it) && ok;
    }
  });
  return ok;
}

} // namespace cfnlocal::engine
