#pragma once
/// \file
/// A minimal valid set of Properties for a resource type, built from its registry schema: every
/// required property (top-level and nested, including the first choice of requiredXor /
/// requiredOr / oneOf) with a value that satisfies its type, enum, pattern, lengths and ranges.
/// For tests and benchmarks that create resources of arbitrary types.

#include "parser/value.h"
#include "providers/model_synthesis.h"
#include "providers/random_source.h"
#include "schema/resource_type.h"

namespace cfnlocal::providers {

/// The minimal Properties object of `type` (possibly empty). Not guaranteed valid for schemas
/// whose constraints interlock beyond required/oneOf (check with schema::validate_properties).
Value example_properties(const schema::ResourceType &type, const SynthesisScope &scope,
                         RandomSource &random);

} // namespace cfnlocal::providers
