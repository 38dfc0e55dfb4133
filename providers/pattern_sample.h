#pragma once
/// \file
/// Strings that satisfy a registry schema's "pattern" (ECMA-262 regular expressions as JSON
/// Schema uses them): matching with RE2, and generating a sample that matches, for read-only
/// properties whose value the provider has to invent.

#include "providers/random_source.h"

#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::providers {

/// Whether `value` matches `pattern` (unanchored search, as JSON Schema specifies), judged as
/// the schema module's validation judges it (schema/pattern.h).
bool pattern_matches(std::string_view pattern, std::string_view value);

/// A string matching `pattern`, built by walking the expression: each quantified item repeated
/// its minimum count (at least once unless the maximum is 0), characters drawn from each class
/// preferring lowercase letters and digits. `min_length` pads by repeating the last open-ended
/// item. With a `hint` (a realistic value that does not quite match, e.g. an ARN without the
/// suffix the pattern wants), the walk copies the hint's characters wherever the pattern allows
/// them (lazily before a literal) and invents only the rest. nullopt when the pattern uses
/// something the walker cannot honour or the result does not match.
std::optional<std::string> sample_pattern(std::string_view pattern, RandomSource &random,
                                          size_t min_length = 0, std::string_view hint = {});

} // namespace cfnlocal::providers
