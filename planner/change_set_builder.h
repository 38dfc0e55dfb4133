#pragma once
/// \file
/// Computing a change set: the deployed stack (handed in as data, never read from state here)
/// against a new template with its parameters, fully resolved with the intrinsics module where
/// values are known and kept symbolic where they come from resources the update creates or
/// replaces. Follows "Update behaviors of stack resources", "Example change sets" and the
/// DescribeChangeSet API reference; replacement facts come from the registry schemas
/// (createOnlyProperties, conditionalCreateOnlyProperties, replacementStrategy).

#include "intrinsics/lookup.h"
#include "intrinsics/parameters.h"
#include "intrinsics/pseudo.h"
#include "parser/template.h"
#include "parser/value.h"
#include "planner/change_set.h"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::schema {
class ResourceType;
}

namespace cfnlocal::planner {

/// One resource of the deployed stack as the engine recorded it.
struct DeployedResource {
  std::string logical_id;
  std::string type;
  std::string physical_id;
  /// The resolved properties the resource was created or last updated with (an object; null when
  /// it had none).
  Value properties;
  /// What Ref returns, when it is not the physical ID (types whose Ref is documented otherwise).
  std::optional<Value> ref_value;
  /// Fn::GetAtt values by attribute name ("Arn", "Endpoint.Address"). An attribute missing here
  /// is treated as not known, so what uses it shows as a Dynamic change.
  std::map<std::string, Value, std::less<>> attributes;
};

/// The deployed stack: its template (after transforms), its bound parameters and its resources
/// (document order of the deployed template).
struct DeployedStack {
  Value template_root;
  intrinsics::BoundParameters parameters;
  std::vector<DeployedResource> resources;
};

/// Finds a type's schema facts; nullptr for types without a schema (custom resources), which are
/// then treated as updatable in place with no custom name.
using TypeFinder = std::function<const schema::ResourceType *(std::string_view type_name)>;

/// Inputs besides the two stacks (ninja's BuildConfig: one options struct per operation).
struct ChangeSetOptions {
  /// Account, region, stack name and ID of the stack.
  intrinsics::PseudoParameters pseudo;
  /// For what the template reads outside itself (exports, SSM parameters, secrets, AZs); resource
  /// Refs and GetAtts never go to it. nullptr: intrinsics::null_lookup().
  intrinsics::Lookup *lookup = nullptr;
  /// Type facts; empty: the schema module's built-in registry.
  TypeFinder types;
};

/// Computes the change set of updating `deployed` to `new_template` with `new_parameters` (bound
/// by the caller with intrinsics::bind_parameters; a parameter left unbound makes what depends on
/// it unknown). For a stack that does not exist yet, pass an empty DeployedStack: every resource
/// is an Add.
///
/// Per resource of either side:
/// - in the new template (Condition true) only: Add; in the deployed stack only (or its Condition
///   turned false): Remove with PolicyAction from DeletionPolicy; Condition unknown: Dynamic;
/// - on both: the new properties are resolved against the deployed values and compared with the
///   deployed properties path by path. Each difference is a detail with RequiresRecreation from
///   the type's schema (createOnly: Always, conditionalCreateOnly: Conditionally, nested paths
///   and `*` array steps included). A difference caused by a parameter whose value changed, or by
///   a resource that is added or replaced (Ref gets a new physical ID, GetAtt new attributes), is
///   reported as AWS does: a DirectModification detail with Evaluation Dynamic plus one detail per
///   cause (ParameterReference / ResourceReference / ResourceAttribute, CausingEntity), Static
///   when the cause certainly changes and Dynamic when its replacement is only conditional.
///   Replacement: True when an Always detail is Static, Conditional when Always only dynamically
///   or Conditionally, False otherwise. Replacements cascade through the graph to its end.
///   Metadata, CreationPolicy, UpdatePolicy, DeletionPolicy and UpdateReplacePolicy changes are
///   details of their own attribute; a nested stack (AWS::CloudFormation::Stack) is always a
///   Modify with an Automatic detail.
///
/// Errors a change set reports (ChangeSet::errors, execution would fail on them): a resource that
/// needs replacing while keeping its custom name ("CloudFormation cannot update a stack when a
/// custom-named resource requires replacing. Rename <name> and update the stack again."), a
/// resource whose Type changed ("Update of resource type is not permitted. The new template
/// modifies resource type of the following resources: [X]"), a custom resource whose known
/// ServiceToken changes ("Modifying service token is not allowed.").
/// Throws cfnlocal::Error for templates that cannot be planned at all: unresolved dependencies,
/// cycles, condition errors, intrinsic function errors (with the marks of the new template).
ChangeSet compute_change_set(const DeployedStack &deployed, const Template &new_template,
                             const intrinsics::BoundParameters &new_parameters,
                             const ChangeSetOptions &options = {});

/// The property of a type that gives the resource its name when the template sets it (the
/// "custom name" of "Name type" in the User Guide): a create-only top-level property called
/// "Name", "<Type>Name" or "<Type>Identifier" after the type's last segment (BucketName,
/// TopicName, TableName, FunctionName, DBInstanceIdentifier). nullopt when the type has none.
std::optional<std::string> custom_name_property(const schema::ResourceType &type);

} // namespace cfnlocal::planner
