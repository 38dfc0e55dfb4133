#pragma once
/// \file
/// The references a value makes to other template entities: `Ref`, `Fn::GetAtt` (list and dotted
/// string forms) and the variables of `Fn::Sub` (`${Name}`, `${Resource.Attribute}`; `${!Literal}`
/// is text). Follows "Ref", "Fn::GetAtt" and "Fn::Sub" in the AWS CloudFormation User Guide's
/// intrinsic function reference.
///
/// This is the planner's own extractor, kept behind this one function so that it can be swapped
/// for the intrinsics module's reference listing once that exists: callers only see `Reference`
/// and `find_references`.

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
  /// Where the reference is written (the argument node when it has a mark, else the call).
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

/// The variable names of an Fn::Sub template string, in order: "${Name}" gives "Name",
/// "${Res.Attr}" gives "Res.Attr", "${!Text}" gives nothing (it is the literal "${Text}").
/// Whitespace inside the braces is trimmed, as CloudFormation does.
std::vector<std::string> sub_variables(std::string_view text);

} // namespace cfnlocal::planner
