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

/// Whether `value` matches `pattern` (unanchored search, as JSON Schema specifies). Patterns RE2
/// cannot compile (lookarounds, backreferences) count as matching: we cannot judge them.
bool pattern_matches(std::string_view pattern, std::string_view value);

/// A string matching `pattern`, built by walking the expression: each quantified item repeated
/// its minimum count (at least once unless the maximum is 0), characters drawn from each class
/// preferring lowercase letters and digits. `min_length` pads by repeating the last open-ended
/// item. nullopt when the pattern uses something the walker cannot honour or the result does not
/// match.
std::optional<std::string> sample_pattern(std::string_view pattern, RandomSource &random,
                                          size_t min_length = 0);

} // namespace cfnlocal::providers
