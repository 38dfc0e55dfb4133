#pragma once
/// \file
/// Static resolution for the template macros: what a value is before any resource exists, from
/// the template's parameters (given values and Defaults), its Mappings and Conditions and the
/// pseudo parameters the caller knows. AWS::LanguageExtensions needs it for Fn::ForEach
/// collections, Fn::Length, Fn::ToJsonString, Fn::FindInMap with DefaultValue, the arguments of Ref
/// and Fn::GetAtt and the DeletionPolicy/UpdateReplacePolicy attributes; AWS::Include for
/// Locations written with Fn::Sub or Ref.

#include "intrinsics/evaluator.h"
#include "intrinsics/parameters.h"
#include "intrinsics/template_index.h"
#include "parser/value.h"
#include "transforms/transform.h"

#include <memory>
#include <optional>

namespace cfnlocal::transforms {

/// The outcome of resolving one expression.
struct StaticResult {
  enum class Kind {
    Value,      ///< fully known: `value` holds it (no function call left at any depth)
    NoValue,    ///< the expression is AWS::NoValue (the enclosing member goes away)
    Unresolved, ///< depends on resources, unknown pseudo parameters or unbound parameters
  };
  Kind kind = Kind::Unresolved;
  Value value;
  bool known() const { return kind == Kind::Value; }
};

/// Resolves expressions against one template. Keeps a copy of the template (the index points into
/// it). Parameters are bound one by one: a parameter without a value or Default, or whose value
/// fails its constraints, or of an SSM type, stays unbound (Refs to it are Unresolved); the engine
/// reports those problems after the transforms with AWS's wording. Conditions are evaluated the
/// same tolerant way.
class StaticValues {
public:
  StaticValues(const Value &tmpl, const TransformOptions &options);
  ~StaticValues();

  /// Resolves `expr`. Unresolved when any part depends on what only a deploy knows.
  /// Throws cfnlocal::Error (from intrinsics, at the offending node) for a malformed function.
  StaticResult resolve(const Value &expr) const;
  /// As resolve, but a malformed function is also Unresolved (the engine reports it later, where
  /// the function is evaluated for real).
  StaticResult try_resolve(const Value &expr) const;

private:
  std::unique_ptr<Value> doc_;
  std::unique_ptr<intrinsics::TemplateIndex> index_;
  intrinsics::BoundParameters parameters_;
  intrinsics::PseudoParameters pseudo_;
  intrinsics::ConditionValues conditions_;
  intrinsics::Lookup *lookup_;
  bool full_pseudo_ = false;
};

} // namespace cfnlocal::transforms
