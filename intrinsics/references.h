#pragma once
/// \file
/// Every reference a value makes, for the planner's dependency graph and the validator's reference
/// checks: Ref targets, Fn::GetAtt targets and attributes, Fn::Sub variables, and the conditions
/// Fn::If names. Follows "Ref", "Fn::GetAtt", "Fn::Sub" and "Fn::If" in the AWS CloudFormation
/// User Guide.

#include "intrinsics/evaluator.h"
#include "intrinsics/template_index.h"
#include "parser/value.h"

#include <string>
#include <vector>

namespace cfnlocal::intrinsics {

/// One reference found in a value.
struct Reference {
  /// How it was written: Ref, Fn::GetAtt, a Fn::Sub variable, or the condition of Fn::If /
  /// Condition.
  enum class Via { Ref, GetAtt, Sub, Condition };
  Via via = Via::Ref;
  /// The logical ID, parameter, pseudo parameter or condition named.
  std::string target;
  /// For Fn::GetAtt and "${Res.Attr}" variables: the attribute ("Arn", "Outputs.Name"); "" when
  /// the attribute is computed (see `attribute_dynamic`) and for the other kinds.
  std::string attribute;
  /// Fn::GetAtt whose attribute name is itself a function (a Ref to a parameter).
  bool attribute_dynamic = false;
  /// What `target` is in the template (Unknown for undeclared names and for conditions).
  NameKind kind = NameKind::Unknown;
  /// Where the function (or the Sub string) is.
  Mark mark;
};

/// "Ref", "Fn::GetAtt", "Fn::Sub", "Condition".
const char *via_name(Reference::Via via);

/// Options for find_references.
struct ReferenceOptions {
  /// When set, only the branch of each Fn::If that its condition selects is followed (a planner
  /// honouring conditions); otherwise both branches are.
  const ConditionValues *conditions = nullptr;
  /// Report the conditions named by Fn::If and Condition (Via::Condition).
  bool include_conditions = true;
};

/// Appends every reference in `value` to `out`, in document order. Does not throw: a Sub string
/// with an invalid variable name contributes no references (evaluation reports it), and malformed
/// functions contribute what can be read from them. Arguments of Fn::Transform are skipped.
void find_references(const Value &value, const TemplateIndex &index, std::vector<Reference> &out,
                     const ReferenceOptions &options = {});

/// As above, returning a new list.
std::vector<Reference> find_references(const Value &value, const TemplateIndex &index,
                                       const ReferenceOptions &options = {});

/// The logical IDs of the resources `value` depends on (Ref, Fn::GetAtt, Sub variables), each
/// once, in first-use order.
std::vector<std::string> resource_dependencies(const Value &value, const TemplateIndex &index,
                                               const ReferenceOptions &options = {});

} // namespace cfnlocal::intrinsics
