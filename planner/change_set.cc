#include "planner/change_set.h"

#include "intrinsics/functions.h"

#include <cstdlib>

namespace cfnlocal::planner {

const char *to_string(ChangeAction v) {
  switch (v) {
  case ChangeAction::Add:
    return "Add";
  case ChangeAction::Modify:
    return "Modify";
  case ChangeAction::Remove:
    return "Remove";
  case ChangeAction::Dynamic:
    return "Dynamic";
  }
  return "";
}

const char *to_string(Replacement v) {
  switch (v) {
  case Replacement::True:
    return "True";
  case Replacement::False:
    return "False";
  case Replacement::Conditional:
    return "Conditional";
  }
  return "";
}

const char *to_string(RequiresRecreation v) {
  switch (v) {
  case RequiresRecreation::Never:
    return "Never";
  case RequiresRecreation::Conditionally:
    return "Conditionally";
  case RequiresRecreation::Always:
    return "Always";
  }
  return "";
}

const char *to_string(ResourceAttribute v) {
  switch (v) {
  case ResourceAttribute::Properties:
    return "Properties";
  case ResourceAttribute::Metadata:
    return "Metadata";
  case ResourceAttribute::CreationPolicy:
    return "CreationPolicy";
  case ResourceAttribute::UpdatePolicy:
    return "UpdatePolicy";
  case ResourceAttribute::DeletionPolicy:
    return "DeletionPolicy";
  case ResourceAttribute::UpdateReplacePolicy:
    return "UpdateReplacePolicy";
  case ResourceAttribute::Tags:
    return "Tags";
  }
  return "";
}

const char *to_string(AttributeChangeType v) {
  switch (v) {
  case AttributeChangeType::Add:
    return "Add";
  case AttributeChangeType::Remove:
    return "Remove";
  case AttributeChangeType::Modify:
    return "Modify";
  }
  return "";
}

const char *to_string(Evaluation v) { return v == Evaluation::Static ? "Static" : "Dynamic"; }

const char *to_string(ChangeSource v) {
  switch (v) {
  case ChangeSource::ResourceReference:
    return "ResourceReference";
  case ChangeSource::ParameterReference:
    return "ParameterReference";
  case ChangeSource::ResourceAttribute:
    return "ResourceAttribute";
  case ChangeSource::DirectModification:
    return "DirectModification";
  case ChangeSource::Automatic:
    return "Automatic";
  }
  return "";
}

const char *to_string(PolicyAction v) {
  switch (v) {
  case PolicyAction::None:
    return "";
  case PolicyAction::Delete:
    return "Delete";
  case PolicyAction::Retain:
    return "Retain";
  case PolicyAction::Snapshot:
    return "Snapshot";
  case PolicyAction::ReplaceAndDelete:
    return "ReplaceAndDelete";
  case PolicyAction::ReplaceAndRetain:
    return "ReplaceAndRetain";
  case PolicyAction::ReplaceAndSnapshot:
    return "ReplaceAndSnapshot";
  }
  return "";
}

const ResourceChange *ChangeSet::find(std::string_view logical_id) const {
  for (const auto &c : changes)
    if (c.logical_id == logical_id)
      return &c;
  return nullptr;
}

std::vector<std::string> ChangeSet::update_ids() const {
  std::vector<std::string> out;
  for (const auto &c : changes)
    if (c.action != ChangeAction::Remove)
      out.push_back(c.logical_id);
  return out;
}

std::vector<std::string> ChangeSet::cleanup_ids() const {
  std::vector<std::string> out;
  for (const auto &c : changes)
    if (c.action == ChangeAction::Remove ||
        (c.action == ChangeAction::Modify && c.replacement == Replacement::True))
      out.push_back(c.logical_id);
  return out;
}

namespace {

// The value with every unresolved function call replaced by AWS's placeholder.
Json known_json(const Value &value) {
  if (intrinsics::function_name(value))
    return kKnownAfterApply;
  if (value.is_object()) {
    Json out = Json::object();
    for (const auto &m : value.as_object())
      out[m.key] = known_json(m.value);
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const auto &item : value.as_array())
      out.push_back(known_json(item));
    return out;
  }
  return to_json(value);
}

// Replaces the node at `path` (keys and indices) with the mask, when it exists.
void mask_at(Json &node, const std::vector<std::string> &path, size_t i = 0) {
  if (i == path.size()) {
    node = kMasked;
    return;
  }
  if (node.is_object()) {
    auto it = node.find(path[i]);
    if (it != node.end())
      mask_at(*it, path, i + 1);
  } else if (node.is_array()) {
    char *end = nullptr;
    unsigned long index = std::strtoul(path[i].c_str(), &end, 10);
    if (end && *end == '\0' && index < node.size())
      mask_at(node[index], path, i + 1);
  }
}

std::string context_json(const Value &properties,
                         const std::vector<std::vector<std::string>> &sensitive) {
  Json context = Json::object();
  context["Properties"] = known_json(properties);
  for (const auto &path : sensitive)
    mask_at(context["Properties"], path);
  return context.dump();
}

} // namespace

std::string render_change_value(const Value &value) {
  if (intrinsics::function_name(value))
    return kKnownAfterApply;
  if (auto s = value.scalar_string(); s && !value.is_null())
    return *s;
  return known_json(value).dump();
}

Json change_to_json(const ResourceChange &change) {
  Json rc = Json::object();
  rc["Action"] = to_string(change.action);
  rc["LogicalResourceId"] = change.logical_id;
  if (!change.physical_id.empty())
    rc["PhysicalResourceId"] = change.physical_id;
  rc["ResourceType"] = change.resource_type;
  if (change.replacement)
    rc["Replacement"] = to_string(*change.replacement);
  rc["Scope"] = Json::array();
  for (auto a : change.scope)
    rc["Scope"].push_back(to_string(a));
  rc["Details"] = Json::array();
  for (const ChangeDetail &d : change.details) {
    Json target = Json::object();
    target["Attribute"] = to_string(d.target.attribute);
    if (!d.target.name.empty())
      target["Name"] = d.target.name;
    target["RequiresRecreation"] = to_string(d.target.requires_recreation);
    if (!d.target.path.empty())
      target["Path"] = d.target.path;
    if (d.target.before_value)
      target["BeforeValue"] =
          d.target.sensitive ? kMasked : render_change_value(*d.target.before_value);
    if (d.target.after_value)
      target["AfterValue"] =
          d.target.sensitive ? kMasked : render_change_value(*d.target.after_value);
    target["AttributeChangeType"] = to_string(d.target.attribute_change_type);
    Json detail = Json::object();
    detail["Target"] = std::move(target);
    detail["Evaluation"] = to_string(d.evaluation);
    detail["ChangeSource"] = to_string(d.change_source);
    if (!d.causing_entity.empty())
      detail["CausingEntity"] = d.causing_entity;
    rc["Details"].push_back(std::move(detail));
  }
  if (change.policy_action != PolicyAction::None)
    rc["PolicyAction"] = to_string(change.policy_action);
  if (change.before_properties)
    rc["BeforeContext"] = context_json(*change.before_properties, change.sensitive_paths);
  if (change.after_properties)
    rc["AfterContext"] = context_json(*change.after_properties, change.sensitive_paths);
  if (change.nested_computed) {
    Json nested = Json::array();
    for (const auto &c : change.nested_changes)
      nested.push_back(change_to_json(c));
    rc["NestedChanges"] = std::move(nested);
  }
  Json entry = Json::object();
  entry["Type"] = "Resource";
  entry["ResourceChange"] = std::move(rc);
  return entry;
}

Json changes_to_json(const ChangeSet &change_set) {
  Json out = Json::array();
  for (const auto &c : change_set.changes)
    out.push_back(change_to_json(c));
  return out;
}

} // namespace cfnlocal::planner
