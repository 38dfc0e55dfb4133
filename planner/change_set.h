#pragma once
/// \file
/// A change set as data: what an update would add, modify, replace or remove, property by
/// property, in the shapes of the CloudFormation API (DescribeChangeSet's `Changes`: Change,
/// ResourceChange, ResourceChangeDetail, ResourceTargetDefinition in the AWS CloudFormation API
/// Reference; "Example change sets" in the User Guide). Terraform's plan: the engine executes
/// exactly this.

#include "parser/diagnostic.h"
#include "parser/json.h"
#include "parser/value.h"

#include <optional>
#include <string>
#include <vector>

namespace cfnlocal::planner {

/// ResourceChange.Action. Dynamic: whether the resource exists after the update cannot be known
/// yet (its Condition depends on an unbound parameter).
enum class ChangeAction { Add, Modify, Remove, Dynamic };
/// ResourceChange.Replacement (Modify only). Conditional: may be replaced (a conditionally
/// create-only property changed, or a create-only one changed to a value not known yet).
enum class Replacement { True, False, Conditional };
/// ResourceTargetDefinition.RequiresRecreation.
enum class RequiresRecreation { Never, Conditionally, Always };
/// ResourceTargetDefinition.Attribute and ResourceChange.Scope entries.
enum class ResourceAttribute {
  Properties,
  Metadata,
  CreationPolicy,
  UpdatePolicy,
  DeletionPolicy,
  UpdateReplacePolicy,
  Tags,
};
/// ResourceTargetDefinition.AttributeChangeType.
enum class AttributeChangeType { Add, Remove, Modify };
/// ResourceChangeDetail.Evaluation: Static when the value is known now, Dynamic when it is known
/// only during the update (it comes from a resource being created or replaced).
enum class Evaluation { Static, Dynamic };
/// ResourceChangeDetail.ChangeSource.
enum class ChangeSource {
  ResourceReference,  ///< a Ref to a resource that gets a new physical ID; CausingEntity: "R"
  ParameterReference, ///< a Ref to a parameter whose value changed; CausingEntity: "P"
  ResourceAttribute,  ///< an Fn::GetAtt whose value changes; CausingEntity: "R.Attr"
  DirectModification, ///< the template itself changed (no CausingEntity)
  Automatic,          ///< a nested stack (AWS::CloudFormation::Stack), always updated
};
/// ResourceChange.PolicyAction: what happens to the old physical resource.
enum class PolicyAction {
  None, ///< not given (Add, in-place Modify)
  Delete,
  Retain,
  Snapshot,
  ReplaceAndDelete,
  ReplaceAndRetain,
  ReplaceAndSnapshot,
};

/// The AWS spelling of each enum value ("Add", "True", "Conditionally", "UpdateReplacePolicy",
/// "ReplaceAndDelete", ...). PolicyAction::None gives "".
const char *to_string(ChangeAction v);
const char *to_string(Replacement v);
const char *to_string(RequiresRecreation v);
const char *to_string(ResourceAttribute v);
const char *to_string(AttributeChangeType v);
const char *to_string(Evaluation v);
const char *to_string(ChangeSource v);
const char *to_string(PolicyAction v);

/// ResourceTargetDefinition: the field that changes.
struct ChangeTarget {
  ResourceAttribute attribute = ResourceAttribute::Properties;
  /// The top-level property name when attribute is Properties; empty otherwise (Tags included, as
  /// AWS reports the Tags property under the Tags attribute with no name).
  std::string name;
  /// Where the change is: "/Properties/VpcConfig/SubnetIds/0", "/Metadata", "/DeletionPolicy".
  std::string path;
  RequiresRecreation requires_recreation = RequiresRecreation::Never;
  /// The values as data (nullopt: absent before / after). An after value that is not known yet
  /// keeps its intrinsic function call ({"Fn::GetAtt": [...]}) and renders as AWS's
  /// "{{changeSet:KNOWN_AFTER_APPLY}}".
  std::optional<Value> before_value;
  std::optional<Value> after_value;
  AttributeChangeType attribute_change_type = AttributeChangeType::Modify;
  /// The value comes from a NoEcho parameter: renderings show "****" instead (the data keeps it).
  bool sensitive = false;
};

/// ResourceChangeDetail.
struct ChangeDetail {
  ChangeTarget target;
  Evaluation evaluation = Evaluation::Static;
  ChangeSource change_source = ChangeSource::DirectModification;
  /// Empty for DirectModification and Automatic.
  std::string causing_entity;
};

/// ResourceChange, plus what the engine needs to execute it.
struct ResourceChange {
  ChangeAction action = ChangeAction::Add;
  std::string logical_id;
  std::string physical_id; ///< empty for Add
  std::string resource_type;
  /// Set for Modify only.
  std::optional<Replacement> replacement;
  /// Distinct attributes of the details, in the order first seen (Modify only).
  std::vector<ResourceAttribute> scope;
  std::vector<ChangeDetail> details;
  PolicyAction policy_action = PolicyAction::None;

  // cfnlocal's additions (not in the AWS shape):
  /// The deployed properties (Modify, Remove) and the new ones as far as they can be resolved now
  /// (Add, Modify); functions of resources created or replaced during the update stay calls.
  std::optional<Value> before_properties;
  std::optional<Value> after_properties;
  /// The type's schema says replacementStrategy delete_then_create.
  bool delete_then_create = false;
  /// Resources whose replacement or change made this one change (the cascade's causes), in
  /// the order first met.
  std::vector<std::string> caused_by;
  /// Property paths ({"MasterUserPassword"}, {"Environment", "Variables"}) whose values come
  /// from NoEcho parameters, old or new: masked in the contexts of the JSON rendering.
  std::vector<std::vector<std::string>> sensitive_paths;
  /// A nested stack (AWS::CloudFormation::Stack) whose child change set was computed (AWS's
  /// IncludeNestedStacks): the child's resource changes, the same shape recursively. Rendered
  /// as "NestedChanges" (the child's `Changes`) inside the ResourceChange.
  std::vector<ResourceChange> nested_changes;
  /// True when nested_changes holds the child's computed change set (empty: nothing changes).
  bool nested_computed = false;
};

/// The change set between a deployed stack and a new template.
struct ChangeSet {
  /// Resources of the new template in document order, then removed resources in the deployed
  /// order. Resources without changes are not listed.
  std::vector<ResourceChange> changes;
  /// Problems that make executing the change set fail as AWS fails it (a custom-named resource
  /// that requires replacing, a resource whose type changed), each marked at the resource.
  std::vector<Diagnostic> errors;
  /// Parameters whose value differs from the deployed one, in declaration order.
  std::vector<std::string> changed_parameters;
  /// Outputs that are added, removed, or whose Value, Description or export name changes or may
  /// change (it reads a resource the update creates or replaces), new template order then
  /// removed ones. An update with only these still has something to do, though `changes` is
  /// empty.
  std::vector<std::string> changed_outputs;

  /// No resource changes ("The submitted information didn't contain changes").
  bool empty() const { return changes.empty(); }
  /// The change of a logical ID, nullptr when it has none.
  const ResourceChange *find(std::string_view logical_id) const;
  /// What the update phase creates or updates (Add, Modify, Dynamic), document order: the
  /// `wanted` list of a forward Schedule over the new template's graph.
  std::vector<std::string> update_ids() const;
  /// What the cleanup phase deletes: removed resources and the old copies of replaced ones
  /// (Replacement True; Conditional ones only if the update did replace them), for a reverse
  /// Schedule over the deployed template's graph.
  std::vector<std::string> cleanup_ids() const;
};

/// The text that stands for a NoEcho value in every rendering.
inline constexpr const char *kMasked = "****";

/// The text AWS shows for a value not known until the update runs.
inline constexpr const char *kKnownAfterApply = "{{changeSet:KNOWN_AFTER_APPLY}}";

/// A target value as AWS renders Before/AfterValue: scalars as their string, arrays and objects
/// as compact JSON, unresolved functions (at any depth) as kKnownAfterApply.
std::string render_change_value(const Value &value);

/// One `{"Type": "Resource", "ResourceChange": {...}}` entry of DescribeChangeSet's Changes, with
/// AWS's member names and order (Action, LogicalResourceId, PhysicalResourceId, ResourceType,
/// Replacement, Scope, Details, PolicyAction, BeforeContext, AfterContext). Optional members are
/// left out when empty, except Scope and Details (always arrays, as AWS gives them). The contexts
/// are JSON strings of {"Properties": ...}. Values from NoEcho parameters show as "****".
Json change_to_json(const ResourceChange &change);
/// DescribeChangeSet's `Changes` array for the whole change set.
Json changes_to_json(const ChangeSet &change_set);

} // namespace cfnlocal::planner
