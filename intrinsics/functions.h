#pragma once
/// \file
/// Recognising intrinsic function calls in the document model, and telling whether a value still
/// holds any (partial evaluation leaves calls it cannot resolve yet). Follows "Intrinsic function
/// reference" in the AWS CloudFormation User Guide.

#include "parser/value.h"

#include <optional>
#include <string_view>

namespace cfnlocal::intrinsics {

/// The functions CloudFormation evaluates in resource properties, outputs and metadata:
/// Ref, Fn::Base64, Fn::Cidr, Fn::FindInMap, Fn::GetAtt, Fn::GetAZs, Fn::ImportValue, Fn::Join,
/// Fn::Select, Fn::Split, Fn::Sub, Fn::Transform, Fn::If, plus the condition functions Fn::And,
/// Fn::Equals, Fn::Not, Fn::Or (and Condition inside them), plus the AWS::LanguageExtensions
/// functions Fn::Length, Fn::ToJsonString, Fn::ForEach::* handled by the transforms module.
bool is_known_function(std::string_view name);

/// The condition functions: Fn::And, Fn::Equals, Fn::If, Fn::Not, Fn::Or.
bool is_condition_function(std::string_view name);

/// The functions only the Rules section knows: Fn::Contains, Fn::EachMemberEquals,
/// Fn::EachMemberIn, Fn::RefAll, Fn::ValueOf, Fn::ValueOfAll.
bool is_rule_function(std::string_view name);

/// For a value written as a function call (an object of exactly one member whose key is "Ref" or
/// starts with "Fn::"), the function's name; nullopt otherwise. "Condition" counts only where
/// `in_condition` is set, since outside condition functions a {"Condition": ...} object is data.
std::optional<std::string_view> function_name(const Value &value, bool in_condition = false);

/// True when the value holds no function call at any depth: the result of a complete evaluation.
/// A value that partial evaluation left with a symbolic Ref/GetAtt (or a Join/Sub around one) is
/// not resolved.
bool is_resolved(const Value &value);

/// True when a call of the function `name` ("Fn::Transform", "Fn::GetAtt") appears at any depth.
bool has_function(const Value &value, std::string_view name);

} // namespace cfnlocal::intrinsics
