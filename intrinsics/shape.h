#pragma once
/// \file
/// The shape an intrinsic function's result can have, known without a lookup or parameter values:
/// what the validator needs to accept a Ref where a string is expected and reject a Fn::Split
/// there. Follows the "Return value" sections of "Intrinsic function reference" in the AWS
/// CloudFormation User Guide.

#include "intrinsics/template_index.h"
#include "parser/value.h"

namespace cfnlocal::schema {
class Registry;
}

namespace cfnlocal::intrinsics {

/// What a value evaluates to. Literal numbers count as String (CloudFormation passes scalars to
/// services as strings). NoValue is Ref AWS::NoValue (the property disappears). Unknown means it
/// can be any of them (Fn::Select of an unknown list, Fn::GetAtt of an attribute whose type is not
/// known, Fn::If with branches of different shapes, Fn::Transform).
enum class Shape { String, StringList, Boolean, List, Object, NoValue, Unknown };

/// "string", "list of strings", "boolean", "list", "object", "AWS::NoValue", "unknown".
const char *shape_name(Shape shape);

/// The shape of `value`. With `index`, Refs to parameters follow their declared Type (list types
/// give StringList) and Fn::FindInMap the values of the mapping; with `registry`, Fn::GetAtt
/// follows the attribute's schema type (array gives StringList, string gives String). Never throws:
/// malformed calls give Unknown.
Shape result_shape(const Value &value, const TemplateIndex *index = nullptr,
                   const schema::Registry *registry = nullptr);

/// True when a value of shape `shape` may be used where a string is expected (String, NoValue,
/// Unknown).
bool can_be_string(Shape shape);
/// True when a value of shape `shape` may be used where a list is expected (StringList, List,
/// NoValue, Unknown).
bool can_be_list(Shape shape);

} // namespace cfnlocal::intrinsics
