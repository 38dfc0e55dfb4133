#pragma once
/// \file
/// The AWS::LanguageExtensions transform. Follows "AWS::LanguageExtensions transform",
/// "Fn::ForEach" (and its examples for Resources, Outputs and Conditions), "Fn::Length",
/// "Fn::ToJsonString", "Fn::FindInMap enhancements" and "Intrinsic function references in
/// DeletionPolicy and UpdateReplacePolicy attributes" in the AWS CloudFormation User Guide.
///
/// What the processed template holds:
/// - every `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]` in Resources,
///   Conditions, Outputs or inside them (resource properties) replaced by one copy of its
///   fragment per collection item, loops nested up to 5 deep; `${Identifier}` in an OutputKey is
///   the item, `&{Identifier}` the item without its non-alphanumeric characters; in the copies,
///   `{"Ref": Identifier}` is the item and `${Identifier}` / `&{Identifier}` in Fn::Sub strings
///   (and in the dotted Fn::GetAtt form) are replaced, after which a Fn::Sub without variables and
///   a Fn::Join of plain strings become plain strings. The Collection is a list, or anything that
///   resolves statically to a list (Ref to a CommaDelimitedList/List parameter, Fn::Split,
///   Fn::GetAZs, Fn::FindInMap, Fn::If ...);
/// - Fn::Length and Fn::ToJsonString replaced by their value where it can be known before any
///   resource exists (parameters bound), else left for the engine's evaluator;
/// - Fn::FindInMap with intrinsic keys or a DefaultValue replaced by its value where known (a
///   DefaultValue of AWS::NoValue removes the member);
/// - intrinsic functions in the argument of Ref and Fn::GetAtt resolved to names;
/// - Condition, DeletionPolicy, UpdateReplacePolicy and DependsOn written as functions resolved to
///   literals.

#include "parser/value.h"
#include "transforms/transform.h"

namespace cfnlocal::transforms::language_extensions {

/// Applies the transform to a whole template and returns the processed template (the Transform
/// section is left to the caller). Throws TransformError ("Transform AWS::LanguageExtensions failed
/// with: ...") at the offending node for: a Fn::ForEach whose layout is not [identifier,
/// collection, object], a loop name used twice or equal to a resource's logical ID, an identifier
/// that is not a plain name or repeats an enclosing loop's, a collection that does not resolve to
/// a list of strings before any resource exists, an OutputKey without the identifier, two copies
/// producing the same key, loops nested deeper than 5, Fn::ForEach outside Resources, Conditions
/// and Outputs, a Fn::Length argument that is not a list, a Fn::ToJsonString argument that is not
/// an object or a list, a Ref or Fn::GetAtt argument that does not resolve to a name, and a
/// DeletionPolicy / UpdateReplacePolicy that does not resolve to one of its options.
Value apply(const Value &tmpl, const TransformOptions &options);

} // namespace cfnlocal::transforms::language_extensions
