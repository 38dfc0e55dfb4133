#pragma once
/// \file
/// The references a value makes to other template entities: `Ref`, `Fn::GetAtt` (list and dotted
/// string forms) and the variables of `Fn::Sub` (`${Name}`, `${Resource.Attribute}`; `${!Literal}`
/// is text). Follows "Ref", "Fn::GetAtt" and "Fn::Sub" in the AWS CloudFormation User Guide's
/// intrinsic function reference.
///
/// The planner's view of intrinsics::find_references (intrinsics/references.h does the walking):
/// references to conditions are left out, and Sub variables are split into ${Name} and
/// ${Resource.Attribute} kinds, which the change set reports differently.

#include "intrinsics/evaluator.h"
#include "parser/mark.h"
#include "parser/value.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace cfnlocal::planner {

/// Values of the template's conditions, by condition name. A condition absent from the map is
/// unknown: both branches of an `Fn::If` on it count.
using ConditionValues = std::map<std::string, bool, std::less<>>;

/// One reference found in a value.
struct Reference {
  enum class Kind {
    Ref,       ///< {"Ref": target}
    GetAtt,    ///< {"Fn::GetAtt": [target, attribute]} or "target.attribute"
    Sub,       ///< ${target} in an Fn::Sub string (attribute empty)
    SubGetAtt, ///< ${target.attribute} in an Fn::Sub string
    DependsOn, ///< a DependsOn entry (never produced by find_references; the graph adds these)
  };
  Kind kind = Kind::Ref;
  /// The logical ID, parameter name or pseudo parameter ("AWS::Region") referred to.
  std::string target;
  /// GetAtt's attribute name ("Arn", "Outputs.Name"); empty for Ref and ${Name}. When the attribute
  /// is itself computed (`Fn::GetAtt: [R, {Ref: P}]`) it is empty and the Ref is listed too.
  std::string attribute;
  /// Where the reference is written (the function call, or the Sub string).
  Mark mark;
};

/// "Ref", "Fn::GetAtt", "Fn::Sub" (both Sub kinds) or "DependsOn".
const char *reference_kind_name(Reference::Kind kind);

/// Lists every reference in `value`, in document order, duplicates included.
///
/// `conditions`: when non-null, an `Fn::If` whose condition is in the map contributes only the
/// branch taken; otherwise (null map or unknown condition) both branches count. Malformed calls
/// (wrong argument shapes) contribute what can be read from them and are left to the validator;
/// this function never throws for user input.
std::vector<Reference> find_references(const Value &value,
                                       const ConditionValues *conditions = nullptr);

/// As above with the intrinsics module's condition values (no conversion per call).
std::vector<Reference> find_references(const Value &value,
                                       const intrinsics::ConditionValues *conditions);

} // namespace cfnlocal::planner
