#pragma once
/// \file
/// A template made ready for a stack operation: read, transformed (SAM and friends), structurally
/// checked, its parameters bound, its Rules asserted and its Conditions evaluated. Everything the
/// planner and the engine read about "the new template" comes from here.

#include "intrinsics/evaluator.h"
#include "intrinsics/parameters.h"
#include "intrinsics/pseudo.h"
#include "intrinsics/template_index.h"
#include "parser/value.h"
#include "transforms/transform.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cfnlocal::engine {

struct PreparedTemplate {
  /// The template text as the user gave it (get-template's Original stage).
  std::string body;
  /// The template after transforms (get-template's Processed stage). Heap-held so the index's
  /// pointers into it stay valid when the PreparedTemplate moves.
  std::unique_ptr<Value> processed;
  std::unique_ptr<intrinsics::TemplateIndex> index;
  intrinsics::BoundParameters parameters;
  intrinsics::PseudoParameters pseudo;
  intrinsics::ConditionValues conditions;
  /// Logical IDs of the resources whose Condition holds, in document order.
  std::vector<std::string> active;

  /// An evaluation context over this template; `lookup` answers resource values and the world.
  intrinsics::Context context(intrinsics::Lookup *lookup, bool dynamic_references) const;
  /// The Description section, "" when absent.
  std::string description() const;
};

/// What preparing needs besides the text.
struct PrepareInputs {
  std::string file_name;
  intrinsics::ParameterValues parameter_values;
  intrinsics::PseudoParameters pseudo;
  /// Reads (bucket, key) from the S3 store for AWS::Include locations in S3; empty refuses them.
  std::function<std::string(const std::string &, const std::string &)> s3_object;
  /// Runs template macros (Transform entries and Fn::Transform of names no built-in transform
  /// has); empty leaves them unprocessed.
  transforms::MacroRunner macro;
};

/// Parses `body`, applies transforms, checks the structure, binds parameters (SSM parameter types
/// read through `lookup`), asserts Rules and evaluates Conditions.
/// Throws cfnlocal::Error with AWS's wording and the template location for every user error.
PreparedTemplate prepare_template(std::string body, const PrepareInputs &inputs,
                                  intrinsics::Lookup &lookup);
/// As above for a body the caller has already read (read_document of `body`), so it is not read
/// twice.
PreparedTemplate prepare_template(std::string body, Value document, const PrepareInputs &inputs,
                                  intrinsics::Lookup &lookup);

/// Re-prepares a template recorded in state (already processed) with recorded parameter values.
PreparedTemplate prepare_recorded(const std::string &body, const std::string &processed_json,
                                  const PrepareInputs &inputs, intrinsics::Lookup &lookup);

} // namespace cfnlocal::engine
