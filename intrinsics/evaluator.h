#pragma once
/// \file
/// Evaluation of intrinsic and condition functions, with partial evaluation: what depends on a
/// resource the lookup does not know yet stays a function call (with its other arguments already
/// evaluated), so the planner can reason about half-known values and the engine can finish them
/// once the resource exists. Follows "Intrinsic function reference", "Condition functions" and
/// "Pseudo parameters reference" in the AWS CloudFormation User Guide.

#include "intrinsics/lookup.h"
#include "intrinsics/parameters.h"
#include "intrinsics/pseudo.h"
#include "intrinsics/string_hash.h"
#include "intrinsics/template_index.h"
#include "parser/value.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cfnlocal::intrinsics {

/// The truth value of every condition of a template, by name.
class ConditionValues {
public:
  /// nullopt when the condition is not known (not declared).
  std::optional<bool> get(std::string_view name) const;
  void set(std::string name, bool value) { values_[std::move(name)] = value; }
  const StringMap<bool> &all() const { return values_; }

private:
  StringMap<bool> values_;
};

/// Everything an evaluation reads. Holds pointers only: building a Context costs nothing, and one
/// Context serves every resource of a stack. `index` is required; the others may be null:
/// no `parameters` (or a parameter missing from them) leaves Refs to parameters symbolic; no
/// `pseudo` uses PseudoParameters' defaults; no `conditions` makes Fn::If and resource conditions
/// an error; no `lookup` uses null_lookup().
struct Context {
  const TemplateIndex *index = nullptr;
  const BoundParameters *parameters = nullptr;
  const PseudoParameters *pseudo = nullptr;
  const ConditionValues *conditions = nullptr;
  Lookup *lookup = nullptr;
  /// Resolve {{resolve:...}} dynamic references in the strings of a result (the engine sets it
  /// when it evaluates a resource's properties for its handler; the planner leaves them as text).
  bool resolve_dynamic_references = false;
};

/// Evaluates every condition of the template's Conditions section (Fn::Equals, Fn::And, Fn::Or,
/// Fn::Not, Condition; Ref to parameters and pseudo parameters, Fn::FindInMap and the string
/// functions inside them). `context.conditions` is ignored.
/// Throws cfnlocal::Error at the offending node for: a cycle between conditions ("Template error:
/// circular dependency between conditions: A -> B -> A"), a condition naming an undeclared one, a
/// Ref to a resource ("Template format error: Unresolved dependencies [X]. Cannot reference
/// resources in the Conditions block of the template"), a wrong argument shape, and a value that
/// cannot be known (a Ref to an unbound parameter).
ConditionValues evaluate_conditions(const Context &context);

/// Evaluates one condition expression (a Conditions entry or a Rules condition) to true/false, with
/// the same rules and errors as evaluate_conditions; Condition references are read from
/// `context.conditions`.
bool evaluate_condition(const Value &expression, const Context &context);

/// Evaluates a value (a resource's Properties, an output's Value, any subtree) and returns the
/// result; the input is not changed. Ref AWS::NoValue (directly or through Fn::If) removes the
/// enclosing object member or array item; a value that is itself AWS::NoValue gives null.
/// Functions that cannot be resolved yet stay as calls with evaluated arguments:
/// {"Fn::GetAtt": [R, A]} / {"Ref": R} for resources the lookup does not know, a Fn::Join, Fn::Sub,
/// Fn::Select, Fn::Split, Fn::Base64, Fn::Cidr or Fn::If ... around one, Fn::ImportValue the lookup
/// answers Unknown for, and Fn::Transform (left for the transforms module). Result nodes keep the
/// marks of the nodes they come from.
/// Throws cfnlocal::Error naming the function, at its mark, for wrong argument shapes (e.g.
/// "Template error: Fn::Select cannot select nonexistent value at index 3 (the list has 2
/// items)"), a Ref to an unknown name ("Template format error: Unresolved resource dependencies
/// [X] in the Resources block of the template"), a Fn::GetAtt of an undeclared resource, missing
/// mappings, exports ("No export named X found"), SSM parameters and secrets, unknown functions,
/// and failures the lookup reports (LookupError).
Value evaluate(const Value &value, const Context &context);

/// As evaluate, but a value that is AWS::NoValue gives nullopt.
std::optional<Value> evaluate_optional(const Value &value, const Context &context);

} // namespace cfnlocal::intrinsics
