#include "planner/change_set_builder.h"

#include "intrinsics/evaluator.h"
#include "intrinsics/functions.h"
#include "intrinsics/template_index.h"
#include "planner/change_set_lookup.h"
#include "planner/graph.h"
#include "planner/value_diff.h"
#include "schema/registry.h"
#include "schema/resource_type.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace cfnlocal::planner {

using detail::ChangeSetLookup;
using detail::ResourceState;
using detail::ResourceStates;
using detail::ValueState;

namespace {

// The resource attributes besides Properties that a change set compares, in AWS's Scope order.
struct AttributeKey {
  const char *key;
  ResourceAttribute attribute;
};
constexpr AttributeKey kOtherAttributes[] = {
    {"Metadata", ResourceAttribute::Metadata},
    {"CreationPolicy", ResourceAttribute::CreationPolicy},
    {"UpdatePolicy", ResourceAttribute::UpdatePolicy},
    {"DeletionPolicy", ResourceAttribute::DeletionPolicy},
    {"UpdateReplacePolicy", ResourceAttribute::UpdateReplacePolicy},
};

/// Looks values up in the deployed stack only (every resource known): evaluating the deployed
/// template's attributes as they were.
class DeployedLookup : public intrinsics::Lookup {
public:
  DeployedLookup(const std::unordered_map<std::string, const DeployedResource *> &resources,
                 intrinsics::Lookup &outer)
      : resources_(resources), outer_(outer) {}
  std::optional<Value> ref_resource(std::string_view id) override {
    auto it = resources_.find(std::string(id));
    if (it == resources_.end())
      return std::nullopt;
    return it->second->ref_value ? *it->second->ref_value : Value(it->second->physical_id);
  }
  std::optional<Value> get_att(std::string_view id, std::string_view attribute) override {
    auto it = resources_.find(std::string(id));
    if (it == resources_.end())
      return std::nullopt;
    auto a = it->second->attributes.find(attribute);
    if (a == it->second->attributes.end())
      return std::nullopt;
    return a->second;
  }
  intrinsics::Answer<Value> import_value(std::string_view name) override {
    return outer_.import_value(name);
  }
  intrinsics::Answer<intrinsics::SsmParameter>
  ssm_parameter(std::string_view name, std::optional<int64_t> version) override {
    return outer_.ssm_parameter(name, version);
  }
  std::vector<std::string> availability_zones(std::string_view region) override {
    return outer_.availability_zones(region);
  }

private:
  const std::unordered_map<std::string, const DeployedResource *> &resources_;
  intrinsics::Lookup &outer_;
};

// Whether a condition expression depends on a parameter that is declared but not bound.
bool mentions_unbound(const Value &expr, const intrinsics::TemplateIndex &index,
                      const intrinsics::BoundParameters &params, std::set<std::string> &visited) {
  if (expr.is_array()) {
    for (const auto &item : expr.as_array())
      if (mentions_unbound(item, index, params, visited))
        return true;
    return false;
  }
  if (!expr.is_object())
    return false;
  if (auto key = expr.single_key()) {
    const Value &arg = expr.as_object().front().value;
    if (*key == "Ref" && arg.is_string())
      return index.parameter(arg.as_string()) && !params.find(arg.as_string());
    if (*key == "Condition" && arg.is_string()) {
      if (!visited.insert(arg.as_string()).second)
        return false;
      const Value *def = index.condition(arg.as_string());
      return def && mentions_unbound(*def, index, params, visited);
    }
  }
  for (const auto &m : expr.as_object())
    if (mentions_unbound(m.value, index, params, visited))
      return true;
  return false;
}

// The new template's conditions; those that depend on unbound parameters are left out and named
// in `unknown`.
intrinsics::ConditionValues new_conditions(const intrinsics::Context &ctx,
                                           const intrinsics::BoundParameters &params,
                                           std::set<std::string> &unknown) {
  try {
    return intrinsics::evaluate_conditions(ctx);
  } catch (const Error &) {
    const Value *section = ctx.index->conditions();
    if (!section || !section->is_object())
      throw;
    intrinsics::ConditionValues values;
    bool any_unknown = false;
    for (const auto &m : section->as_object()) {
      std::set<std::string> visited{m.key};
      if (mentions_unbound(m.value, *ctx.index, params, visited)) {
        unknown.insert(m.key);
        any_unknown = true;
      }
    }
    if (!any_unknown)
      throw;
    intrinsics::Context known = ctx;
    known.conditions = &values;
    for (const auto &m : section->as_object())
      if (!unknown.count(m.key))
        values.set(m.key, intrinsics::evaluate_condition(m.value, known));
    return values;
  }
}

RequiresRecreation max_recreation(RequiresRecreation a, RequiresRecreation b) {
  return static_cast<int>(a) > static_cast<int>(b) ? a : b;
}

// Whether the values at a schema pointer's remaining steps differ ("*" walks every item).
bool differs_at(const Value *before, const Value *after, const std::vector<std::string> &steps,
                size_t i) {
  if (after && intrinsics::function_name(*after))
    return true; // not known yet: may differ
  if (i == steps.size() || !before || !after) {
    if (!before && !after)
      return false;
    if (!before || !after)
      return true;
    return !same_value(*before, *after);
  }
  const std::string &step = steps[i];
  if (step == "*") {
    if (!before->is_array() || !after->is_array())
      return !same_value(*before, *after);
    size_t n = std::max(before->size(), after->size());
    for (size_t k = 0; k < n; ++k) {
      const Value *b = k < before->size() ? &before->as_array()[k] : nullptr;
      const Value *a = k < after->size() ? &after->as_array()[k] : nullptr;
      if (differs_at(b, a, steps, i + 1))
        return true;
    }
    return false;
  }
  const Value *b = before->is_object() ? before->find(step) : nullptr;
  const Value *a = after->is_object() ? after->find(step) : nullptr;
  if (!before->is_object() || !after->is_object())
    return !same_value(*before, *after);
  return differs_at(b, a, steps, i + 1);
}

// RequiresRecreation of one property difference, from the type's create-only facts.
RequiresRecreation recreation_of(const schema::ResourceType *type, const ValueDifference &d) {
  if (!type)
    return RequiresRecreation::Never;
  switch (type->update_behavior(d.path)) {
  case schema::UpdateBehavior::CreateOnly:
    return RequiresRecreation::Always;
  case schema::UpdateBehavior::ConditionalCreateOnly:
    return RequiresRecreation::Conditionally;
  case schema::UpdateBehavior::Mutable:
    break;
  }
  // A change to an object (or array) as a whole replaces the resource when a create-only
  // property below it gets a different value.
  RequiresRecreation out = RequiresRecreation::Never;
  auto check = [&](const std::vector<std::string> &pointers, RequiresRecreation level) {
    for (const std::string &pointer : pointers) {
      auto steps = schema::split_pointer(pointer);
      if (steps.empty() || steps.front() != "properties")
        continue;
      steps.erase(steps.begin());
      if (steps.size() <= d.path.size())
        continue;
      bool below = true;
      for (size_t i = 0; i < d.path.size(); ++i)
        if (steps[i] != d.path[i] && steps[i] != "*")
          below = false;
      if (!below)
        continue;
      const Value *b = d.before ? &*d.before : nullptr;
      const Value *a = d.after ? &*d.after : nullptr;
      if (differs_at(b, a, steps, d.path.size()))
        out = max_recreation(out, level);
    }
  };
  if (type->has_create_only_descendant(d.path, false))
    check(type->create_only_properties(), RequiresRecreation::Always);
  if (type->has_create_only_descendant(d.path, true))
    check(type->conditional_create_only_properties(), RequiresRecreation::Conditionally);
  return out;
}

// The part of the new template's properties that produces the value at `path`: the walk stops
// at a function call (the value there is computed by it) or where the path leaves the template.
const Value *source_expression(const Value *raw, const std::vector<std::string> &path) {
  if (!raw)
    return nullptr;
  const Value *node = raw;
  for (const std::string &step : path) {
    if (intrinsics::function_name(*node))
      return node;
    const Value *next = value_at(*node, {step});
    if (!next)
      return node; // the value comes from something around it (e.g. an Fn::If'd member)
    node = next;
  }
  return node;
}

// The condition names of the Fn::If calls in a value (a changed parameter can reach a property
// through them).
void if_conditions(const Value &v, std::vector<std::string> &out) {
  if (v.is_array()) {
    for (const auto &item : v.as_array())
      if_conditions(item, out);
    return;
  }
  if (!v.is_object())
    return;
  if (auto key = v.single_key(); key && *key == "Fn::If") {
    const Value &arg = v.as_object().front().value;
    if (arg.is_array() && !arg.as_array().empty() && arg.as_array()[0].is_string())
      out.push_back(arg.as_array()[0].as_string());
  }
  for (const auto &m : v.as_object())
    if_conditions(m.value, out);
}

// The parameters a condition reads, directly or through other conditions, in first-seen order.
void condition_parameters(const intrinsics::TemplateIndex &index, const std::string &name,
                          std::set<std::string> &visited, std::vector<std::string> &out) {
  if (!visited.insert(name).second)
    return;
  const Value *definition = index.condition(name);
  if (!definition)
    return;
  std::vector<const Value *> stack{definition};
  while (!stack.empty()) {
    const Value *v = stack.back();
    stack.pop_back();
    if (v->is_array()) {
      for (auto it = v->as_array().rbegin(); it != v->as_array().rend(); ++it)
        stack.push_back(&*it);
      continue;
    }
    if (!v->is_object())
      continue;
    if (auto key = v->single_key()) {
      const Value &arg = v->as_object().front().value;
      if (*key == "Ref" && arg.is_string()) {
        if (index.parameter(arg.as_string()) &&
            std::find(out.begin(), out.end(), arg.as_string()) == out.end())
          out.push_back(arg.as_string());
        continue;
      }
      if (*key == "Condition" && arg.is_string()) {
        condition_parameters(index, arg.as_string(), visited, out);
        continue;
      }
    }
    for (auto it = v->as_object().rbegin(); it != v->as_object().rend(); ++it)
      stack.push_back(&it->value);
  }
}

struct Cause {
  ChangeSource source;
  std::string entity;
  Evaluation evaluation;
  std::string resource; // for caused_by
};

PolicyAction deletion_action(const Value *policy) {
  std::string p = policy && policy->is_string() ? policy->as_string() : "";
  if (p == "Retain" || p == "RetainExceptOnCreate")
    return PolicyAction::Retain;
  if (p == "Snapshot")
    return PolicyAction::Snapshot;
  return PolicyAction::Delete;
}

PolicyAction replace_action(const Value *policy) {
  std::string p = policy && policy->is_string() ? policy->as_string() : "";
  if (p == "Retain")
    return PolicyAction::ReplaceAndRetain;
  if (p == "Snapshot")
    return PolicyAction::ReplaceAndSnapshot;
  return PolicyAction::ReplaceAndDelete;
}

class Builder {
public:
  Builder(const DeployedStack &deployed, const Template &tmpl,
          const intrinsics::BoundParameters &params, const ChangeSetOptions &options)
      : deployed_(deployed), tmpl_(tmpl), params_(params), options_(options),
        outer_(options.lookup ? *options.lookup : intrinsics::null_lookup()),
        new_index_(tmpl.root()) {
    types_ = options.types ? options.types : [](std::string_view name) {
      return schema::Registry::builtin().find(name);
    };
  }

  ChangeSet run();

private:
  void prepare_old_side();
  void find_changed_outputs();
  void find_changed_parameters();
  void plan_resource(const ResourceNode &node, size_t index);
  std::vector<Cause> causes_of(const Value *expression);
  void add_property_details(ResourceChange &change, const ResourceState &state,
                            const std::vector<ValueDifference> &diffs, const Value *raw);
  void add_attribute_details(ResourceChange &change, const ResourceNode &node);
  Value evaluate_old(const Value &v) const;
  void find_sensitive(const Value &raw, std::vector<std::string> &path,
                      std::vector<std::vector<std::string>> &out) const;
  void add_sensitive(ResourceChange &change, const Value *new_entry, const Value *old_entry) const;

  const DeployedStack &deployed_;
  const Template &tmpl_;
  const intrinsics::BoundParameters &params_;
  const ChangeSetOptions &options_;
  intrinsics::Lookup &outer_;
  TypeFinder types_;

  intrinsics::TemplateIndex new_index_;
  std::optional<intrinsics::TemplateIndex> old_index_;
  intrinsics::ConditionValues new_conditions_, old_conditions_;
  std::set<std::string> unknown_conditions_;
  ConditionValues graph_conditions_;
  std::set<std::string, std::less<>> changed_parameters_;
  std::set<std::string, std::less<>> no_echo_; // NoEcho parameters, old and new

  std::unordered_map<std::string, const DeployedResource *> deployed_by_id_;
  ResourceStates states_;
  std::vector<Value> resolved_; // per graph vertex: the new resolved properties
  std::vector<std::pair<size_t, ResourceChange>> planned_;
  ChangeSet out_;
};

Value Builder::evaluate_old(const Value &v) const {
  if (!old_index_)
    return v;
  DeployedLookup lookup(deployed_by_id_, outer_);
  intrinsics::Context ctx;
  ctx.index = &*old_index_;
  ctx.parameters = &deployed_.parameters;
  ctx.pseudo = &options_.pseudo;
  ctx.conditions = &old_conditions_;
  ctx.lookup = &lookup;
  auto r = intrinsics::evaluate_optional(v, ctx);
  return r ? std::move(*r) : Value();
}

void Builder::find_sensitive(const Value &raw, std::vector<std::string> &path,
                             std::vector<std::vector<std::string>> &out) const {
  // Below a function call or an array, item positions can shift during evaluation (AWS::NoValue),
  // so the whole value is masked when any part of it reads a NoEcho parameter.
  if (raw.is_object() && !intrinsics::function_name(raw)) {
    for (const auto &m : raw.as_object()) {
      path.push_back(m.key);
      find_sensitive(m.value, path, out);
      path.pop_back();
    }
    return;
  }
  if (raw.is_scalar())
    return;
  for (const Reference &ref : find_references(raw, static_cast<const ConditionValues *>(nullptr)))
    if ((ref.kind == Reference::Kind::Ref || ref.kind == Reference::Kind::Sub) &&
        no_echo_.count(ref.target)) {
      out.push_back(path);
      return;
    }
}

void Builder::add_sensitive(ResourceChange &change, const Value *new_entry,
                            const Value *old_entry) const {
  if (no_echo_.empty())
    return;
  std::vector<std::string> path;
  for (const Value *entry : {new_entry, old_entry}) {
    const Value *props = entry ? entry->find("Properties") : nullptr;
    if (!props)
      continue;
    std::vector<std::vector<std::string>> found;
    find_sensitive(*props, path, found);
    for (auto &f : found)
      if (std::find(change.sensitive_paths.begin(), change.sensitive_paths.end(), f) ==
          change.sensitive_paths.end())
        change.sensitive_paths.push_back(std::move(f));
  }
  for (ChangeDetail &d : change.details) {
    if (d.target.attribute != ResourceAttribute::Properties &&
        d.target.attribute != ResourceAttribute::Tags)
      continue;
    // "/Properties/A/B" against {"A"}: either one a prefix of the other.
    for (const auto &p : change.sensitive_paths)
      if (d.target.path == change_path("Properties", p) ||
          d.target.path.starts_with(change_path("Properties", p) + "/") ||
          change_path("Properties", p).starts_with(d.target.path + "/"))
        d.target.sensitive = true;
  }
}

void Builder::prepare_old_side() {
  for (const DeployedResource &r : deployed_.resources)
    deployed_by_id_.emplace(r.logical_id, &r);
  if (!deployed_.template_root.is_object())
    return;
  old_index_.emplace(deployed_.template_root);
  DeployedLookup lookup(deployed_by_id_, outer_);
  intrinsics::Context ctx;
  ctx.index = &*old_index_;
  ctx.parameters = &deployed_.parameters;
  ctx.pseudo = &options_.pseudo;
  ctx.lookup = &lookup;
  old_conditions_ = intrinsics::evaluate_conditions(ctx);
}

void Builder::find_changed_parameters() {
  for (const auto &name : params_.no_echo_names())
    no_echo_.insert(name);
  for (const auto &name : deployed_.parameters.no_echo_names())
    no_echo_.insert(name);
  const Value *section = tmpl_.parameters();
  if (!section || !section->is_object())
    return;
  for (const auto &m : section->as_object()) {
    const auto *now = params_.find(m.key);
    const auto *before = deployed_.parameters.find(m.key);
    if (!now || !before || !same_value(now->value, before->value)) {
      changed_parameters_.insert(m.key);
      out_.changed_parameters.push_back(m.key);
    }
  }
}

std::vector<Cause> Builder::causes_of(const Value *expression) {
  std::vector<Cause> causes;
  if (!expression)
    return causes;
  auto add = [&](Cause c) {
    for (const auto &existing : causes)
      if (existing.source == c.source && existing.entity == c.entity)
        return;
    causes.push_back(std::move(c));
  };
  std::vector<std::string> conditions;
  if_conditions(*expression, conditions);
  for (const std::string &condition : conditions) {
    std::set<std::string> visited;
    std::vector<std::string> parameters;
    condition_parameters(new_index_, condition, visited, parameters);
    for (const std::string &p : parameters)
      if (changed_parameters_.count(p))
        add({ChangeSource::ParameterReference, p, Evaluation::Static, ""});
  }
  for (const Reference &ref : find_references(*expression, &new_conditions_)) {
    auto kind = new_index_.classify(ref.target);
    if (kind == intrinsics::NameKind::Parameter) {
      if (changed_parameters_.count(ref.target))
        add({ChangeSource::ParameterReference, ref.target,
             params_.find(ref.target) ? Evaluation::Static : Evaluation::Dynamic, ""});
      continue;
    }
    if (kind != intrinsics::NameKind::Resource)
      continue;
    auto it = states_.find(ref.target);
    if (it == states_.end())
      continue;
    const ResourceState &state = it->second;
    bool is_getatt = ref.kind == Reference::Kind::GetAtt || ref.kind == Reference::Kind::SubGetAtt;
    ChangeSource source =
        is_getatt ? ChangeSource::ResourceAttribute : ChangeSource::ResourceReference;
    std::string entity = is_getatt ? ref.target + "." + ref.attribute : ref.target;
    if (state.state == ValueState::NewCertain)
      add({source, entity, Evaluation::Static, ref.target});
    else if (state.state == ValueState::NewConditional)
      add({source, entity, Evaluation::Dynamic, ref.target});
    else if (is_getatt && ChangeSetLookup::attribute_changes(state, ref.attribute))
      add({source, entity, Evaluation::Static, ref.target});
  }
  return causes;
}

void Builder::add_property_details(ResourceChange &change, const ResourceState &state,
                                   const std::vector<ValueDifference> &diffs, const Value *raw) {
  // AWS lists the DirectModification entries first, then the entries naming their causes.
  std::vector<ChangeDetail> causes;
  for (const ValueDifference &d : diffs) {
    ChangeTarget target;
    bool is_tags = !d.path.empty() && d.path.front() == "Tags";
    target.attribute = is_tags ? ResourceAttribute::Tags : ResourceAttribute::Properties;
    if (!is_tags && !d.path.empty())
      target.name = d.path.front();
    target.path = change_path("Properties", d.path);
    target.requires_recreation = recreation_of(state.type, d);
    target.before_value = d.before;
    target.after_value = d.after;
    target.attribute_change_type = d.type;

    std::vector<Cause> found = causes_of(source_expression(raw, d.path));
    bool unresolved = d.after && !intrinsics::is_resolved(*d.after);
    ChangeDetail direct{target,
                        found.empty() && !unresolved ? Evaluation::Static : Evaluation::Dynamic,
                        ChangeSource::DirectModification,
                        {}};
    change.details.push_back(std::move(direct));
    for (Cause &c : found) {
      causes.push_back(ChangeDetail{target, c.evaluation, c.source, c.entity});
      if (!c.resource.empty() && std::find(change.caused_by.begin(), change.caused_by.end(),
                                           c.resource) == change.caused_by.end())
        change.caused_by.push_back(c.resource);
    }
  }
  for (auto &c : causes)
    change.details.push_back(std::move(c));
}

void Builder::add_attribute_details(ResourceChange &change, const ResourceNode &node) {
  const Value *old_entry = old_index_ ? old_index_->resource(node.logical_id) : nullptr;
  intrinsics::Context ctx;
  ChangeSetLookup lookup(states_, outer_);
  ctx.index = &new_index_;
  ctx.parameters = &params_;
  ctx.pseudo = &options_.pseudo;
  ctx.conditions = &new_conditions_;
  ctx.lookup = &lookup;
  for (const AttributeKey &key : kOtherAttributes) {
    const Value *old_raw = old_entry ? old_entry->find(key.key) : nullptr;
    const Value *new_raw = node.definition ? node.definition->find(key.key) : nullptr;
    if (!old_raw && !new_raw)
      continue;
    std::optional<Value> before, after;
    if (old_raw)
      before = evaluate_old(*old_raw);
    if (new_raw)
      after = intrinsics::evaluate_optional(*new_raw, ctx);
    if (before && after && same_value(*before, *after))
      continue;
    if (!before && !after)
      continue;
    ChangeTarget target;
    target.attribute = key.attribute;
    target.path = std::string("/") + key.key;
    target.before_value = before;
    target.after_value = after;
    target.attribute_change_type = !before  ? AttributeChangeType::Add
                                   : !after ? AttributeChangeType::Remove
                                            : AttributeChangeType::Modify;
    bool unresolved = after && !intrinsics::is_resolved(*after);
    change.details.push_back(ChangeDetail{std::move(target),
                                          unresolved ? Evaluation::Dynamic : Evaluation::Static,
                                          ChangeSource::DirectModification,
                                          {}});
  }
}

void Builder::plan_resource(const ResourceNode &node, size_t index) {
  ResourceState &state = states_[node.logical_id];
  state.type = types_(node.type);
  auto dep_it = deployed_by_id_.find(node.logical_id);
  state.deployed = dep_it == deployed_by_id_.end() ? nullptr : dep_it->second;

  const Value *old_entry = old_index_ ? old_index_->resource(node.logical_id) : nullptr;
  ResourceChange change;
  change.logical_id = node.logical_id;
  change.resource_type = node.type;
  change.delete_then_create = state.type && state.type->replacement_strategy() ==
                                                schema::ReplacementStrategy::DeleteThenCreate;
  if (state.deployed)
    change.physical_id = state.deployed->physical_id;

  // A resource whose Condition cannot be evaluated yet may or may not exist after the update.
  if (const Value *cond = node.definition ? node.definition->find("Condition") : nullptr;
      cond && cond->is_string() && unknown_conditions_.count(cond->as_string())) {
    change.action = ChangeAction::Dynamic;
    if (state.deployed)
      change.before_properties = state.deployed->properties;
    state.state = ValueState::NewConditional;
    add_sensitive(change, node.definition, old_entry);
    planned_.emplace_back(index, std::move(change));
    return;
  }

  ChangeSetLookup lookup(states_, outer_);
  intrinsics::Context ctx;
  ctx.index = &new_index_;
  ctx.parameters = &params_;
  ctx.pseudo = &options_.pseudo;
  ctx.conditions = &new_conditions_;
  ctx.lookup = &lookup;
  const Value *raw = node.definition ? node.definition->find("Properties") : nullptr;
  std::optional<Value> resolved = raw ? intrinsics::evaluate_optional(*raw, ctx) : std::nullopt;
  resolved_[index] = resolved ? std::move(*resolved) : Value::object();
  const Value &after = resolved_[index];

  if (!state.deployed) {
    change.action = ChangeAction::Add;
    change.after_properties = after;
    state.state = ValueState::NewCertain;
    add_sensitive(change, node.definition, nullptr);
    planned_.emplace_back(index, std::move(change));
    return;
  }

  if (state.deployed->type != node.type) {
    out_.errors.push_back(Diagnostic{Severity::Error, "",
                                     fmt::format("Update of resource type is not permitted. The "
                                                 "new template modifies resource type of the "
                                                 "following resources: [{}]",
                                                 node.logical_id),
                                     node.mark, "Resources/" + node.logical_id});
    state.state = ValueState::NewCertain;
    return;
  }

  auto diffs = diff_values(&state.deployed->properties, &after);
  // A custom resource keeps its provider: CloudFormation refuses to send the update elsewhere.
  if (schema::Registry::is_custom_resource(node.type))
    for (const ValueDifference &d : diffs)
      if (!d.path.empty() && d.path.front() == "ServiceToken" && d.after &&
          intrinsics::is_resolved(*d.after)) {
        const Value *token = after.find("ServiceToken");
        out_.errors.push_back(
            Diagnostic{Severity::Error, "", "Modifying service token is not allowed.",
                       token && token->mark().known() ? token->mark() : node.mark,
                       "Resources/" + node.logical_id + "/Properties/ServiceToken"});
        break;
      }
  change.action = ChangeAction::Modify;
  change.before_properties = state.deployed->properties;
  change.after_properties = after;
  add_property_details(change, state, diffs, raw);
  add_attribute_details(change, node);
  if (change.details.empty() && node.type == "AWS::CloudFormation::Stack") {
    // The nested stack's own template may have changed: AWS always updates it.
    ChangeTarget target;
    target.attribute = ResourceAttribute::Properties;
    change.details.push_back(
        ChangeDetail{std::move(target), Evaluation::Dynamic, ChangeSource::Automatic, {}});
  }
  if (change.details.empty()) {
    state.state = ValueState::Known;
    return;
  }
  add_sensitive(change, node.definition, old_entry);

  // Replacement: the most intrusive target; an Always target is certain when one of its details
  // is Static.
  Replacement replacement = Replacement::False;
  for (const ChangeDetail &d : change.details) {
    if (std::find(change.scope.begin(), change.scope.end(), d.target.attribute) ==
        change.scope.end())
      change.scope.push_back(d.target.attribute);
    if (d.target.requires_recreation == RequiresRecreation::Always &&
        d.evaluation == Evaluation::Static)
      replacement = Replacement::True;
    else if (d.target.requires_recreation != RequiresRecreation::Never &&
             replacement != Replacement::True)
      replacement = Replacement::Conditional;
  }
  change.replacement = replacement;
  for (const ValueDifference &d : diffs)
    state.changed_paths.push_back(d.path);
  state.new_properties = &after;
  if (replacement == Replacement::True)
    state.state = ValueState::NewCertain;
  else if (replacement == Replacement::Conditional)
    state.state = ValueState::NewConditional;
  else
    state.state = ValueState::Known;

  if (replacement != Replacement::False) {
    const Value *policy = node.definition ? node.definition->find("UpdateReplacePolicy") : nullptr;
    std::optional<Value> resolved_policy;
    if (policy)
      resolved_policy = intrinsics::evaluate_optional(*policy, ctx);
    change.policy_action = replace_action(resolved_policy ? &*resolved_policy : nullptr);
  }

  // A resource that keeps its custom name cannot be replaced: the new one would need the name
  // the old one still holds (unless the old one goes first).
  if (replacement == Replacement::True && !change.delete_then_create && state.type) {
    if (auto name = custom_name_property(*state.type)) {
      const Value *before_name =
          state.deployed->properties.is_object() ? state.deployed->properties.find(*name) : nullptr;
      const Value *after_name = after.is_object() ? after.find(*name) : nullptr;
      if (before_name && after_name && intrinsics::is_resolved(*after_name) &&
          same_value(*before_name, *after_name)) {
        std::string value = after_name->scalar_string().value_or(node.logical_id);
        Mark mark = after_name->mark().known() ? after_name->mark() : node.mark;
        out_.errors.push_back(Diagnostic{
            Severity::Error, "",
            fmt::format("CloudFormation cannot update a stack when a custom-named resource "
                        "requires replacing. Rename {} and update the stack again.",
                        value),
            mark, "Resources/" + node.logical_id + "/Properties/" + *name});
      }
    }
  }
  planned_.emplace_back(index, std::move(change));
}

void Builder::find_changed_outputs() {
  // An output as {Value, Description, Export Name}, evaluated; nullopt when its condition is false.
  auto evaluate_output = [](const Value &entry, const intrinsics::Context &ctx,
                            const intrinsics::ConditionValues &conditions) -> std::optional<Value> {
    if (const Value *c = entry.find("Condition"); c && c->is_string())
      if (!conditions.get(c->as_string()).value_or(true))
        return std::nullopt;
    Value out = Value::object();
    for (const char *key : {"Value", "Description"})
      if (const Value *v = entry.find(key))
        out.set(key, intrinsics::evaluate_optional(*v, ctx).value_or(Value()));
    if (const Value *e = entry.find("Export"); e && e->find("Name"))
      out.set("Export", intrinsics::evaluate_optional(*e->find("Name"), ctx).value_or(Value()));
    return out;
  };
  std::vector<std::pair<std::string, Value>> before;
  if (old_index_ && old_index_->outputs() && old_index_->outputs()->is_object()) {
    DeployedLookup lookup(deployed_by_id_, outer_);
    intrinsics::Context ctx;
    ctx.index = &*old_index_;
    ctx.parameters = &deployed_.parameters;
    ctx.pseudo = &options_.pseudo;
    ctx.conditions = &old_conditions_;
    ctx.lookup = &lookup;
    for (const auto &m : old_index_->outputs()->as_object())
      if (auto v = evaluate_output(m.value, ctx, old_conditions_))
        before.emplace_back(m.key, std::move(*v));
  }
  std::vector<std::string> seen;
  if (const Value *section = new_index_.outputs(); section && section->is_object()) {
    ChangeSetLookup lookup(states_, outer_);
    intrinsics::Context ctx;
    ctx.index = &new_index_;
    ctx.parameters = &params_;
    ctx.pseudo = &options_.pseudo;
    ctx.conditions = &new_conditions_;
    ctx.lookup = &lookup;
    for (const auto &m : section->as_object()) {
      if (const Value *c = m.value.find("Condition");
          c && c->is_string() && unknown_conditions_.count(c->as_string())) {
        out_.changed_outputs.push_back(m.key);
        continue;
      }
      auto after = evaluate_output(m.value, ctx, new_conditions_);
      if (!after)
        continue;
      seen.push_back(m.key);
      auto old = std::find_if(before.begin(), before.end(),
                              [&](const auto &b) { return b.first == m.key; });
      if (old == before.end() || !intrinsics::is_resolved(*after) ||
          !same_value(old->second, *after))
        out_.changed_outputs.push_back(m.key);
    }
  }
  for (const auto &b : before)
    if (std::find(seen.begin(), seen.end(), b.first) == seen.end() &&
        std::find(out_.changed_outputs.begin(), out_.changed_outputs.end(), b.first) ==
            out_.changed_outputs.end())
      out_.changed_outputs.push_back(b.first);
}

ChangeSet Builder::run() {
  prepare_old_side();
  find_changed_parameters();

  intrinsics::Context ctx;
  ctx.index = &new_index_;
  ctx.parameters = &params_;
  ctx.pseudo = &options_.pseudo;
  ctx.lookup = &outer_;
  new_conditions_ = new_conditions(ctx, params_, unknown_conditions_);
  for (const auto &[name, value] : new_conditions_.all())
    graph_conditions_[name] = value;

  GraphOptions graph_options;
  graph_options.conditions = &graph_conditions_;
  ResourceGraph graph = build_graph(tmpl_, graph_options);
  resolved_.resize(graph.size());
  for (size_t v : graph.topological_order())
    plan_resource(graph.node(v), v);

  std::sort(planned_.begin(), planned_.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
  for (auto &p : planned_)
    out_.changes.push_back(std::move(p.second));

  for (const DeployedResource &r : deployed_.resources) {
    if (graph.contains(r.logical_id))
      continue;
    ResourceChange change;
    change.action = ChangeAction::Remove;
    change.logical_id = r.logical_id;
    change.physical_id = r.physical_id;
    change.resource_type = r.type;
    change.before_properties = r.properties;
    const Value *old_entry = old_index_ ? old_index_->resource(r.logical_id) : nullptr;
    const Value *policy = old_entry ? old_entry->find("DeletionPolicy") : nullptr;
    std::optional<Value> resolved_policy;
    if (policy)
      resolved_policy = evaluate_old(*policy);
    change.policy_action = deletion_action(resolved_policy ? &*resolved_policy : nullptr);
    add_sensitive(change, nullptr, old_entry);
    out_.changes.push_back(std::move(change));
  }
  find_changed_outputs();
  return std::move(out_);
}

} // namespace

ChangeSet compute_change_set(const DeployedStack &deployed, const Template &new_template,
                             const intrinsics::BoundParameters &new_parameters,
                             const ChangeSetOptions &options) {
  Builder builder(deployed, new_template, new_parameters, options);
  return builder.run();
}

std::optional<std::string> custom_name_property(const schema::ResourceType &type) {
  std::string_view name = type.name();
  auto pos = name.rfind("::");
  std::string last(pos == std::string_view::npos ? name : name.substr(pos + 2));
  for (const std::string &pointer : type.create_only_properties()) {
    auto steps = schema::split_pointer(pointer);
    if (steps.size() != 2 || steps[0] != "properties")
      continue;
    const std::string &p = steps[1];
    if (p == "Name" || p == last + "Name" || p == last + "Identifier")
      return p;
  }
  return std::nullopt;
}

} // namespace cfnlocal::planner
