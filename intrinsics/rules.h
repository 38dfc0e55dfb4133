#pragma once
/// \file
/// The Rules section: each rule's RuleCondition and Assertions, checked against the bound
/// parameters before a stack operation. Follows "Rules" (template section) and "Rule functions" in
/// the AWS CloudFormation User Guide: Fn::And, Fn::Contains, Fn::EachMemberEquals,
/// Fn::EachMemberIn, Fn::Equals, Fn::Not, Fn::Or, Fn::RefAll, Fn::ValueOf, Fn::ValueOfAll, Ref.

#include "intrinsics/evaluator.h"

#include <string>
#include <vector>

namespace cfnlocal::intrinsics {

/// An assertion that did not hold. `message` is the AssertDescription (what AWS reports), or
/// "Assertion failed for rule <name>" when the assertion has none.
struct RuleFailure {
  std::string rule;
  std::string message;
  Mark mark; ///< of the Assert
};

/// The outcome of the Rules section.
struct RulesResult {
  std::vector<RuleFailure> failures;
  /// Rules (by name) with an assertion that needs facts the lookup could not give (Fn::ValueOf of
  /// an attribute it does not know); they are neither passed nor failed.
  std::vector<std::string> undecided;
  bool ok() const { return failures.empty(); }
};

/// Evaluates every rule of `context.index->rules()`: when a rule has no RuleCondition or it holds,
/// each Assert must hold. Fn::RefAll reads the lookup's all_values_of_type and, when the lookup
/// cannot list them, the values of the stack's own parameters of that type. Fn::ValueOf and
/// Fn::ValueOfAll read the lookup's value_attribute.
/// Throws cfnlocal::Error at the node for a malformed rule (Assertions not a list, an assertion
/// without Assert, a function with the wrong arguments, a Ref to a resource or an undeclared
/// name, Fn::ValueOf of an undeclared parameter).
RulesResult evaluate_rules(const Context &context);

} // namespace cfnlocal::intrinsics
