#pragma once
/// \file
/// Regular expressions of the registry schemas ("pattern", "patternProperties", GetAtt attribute
/// patterns) on RE2. The schemas are written for ECMA-262 (JSON Schema's dialect) and in places
/// for Java or Python; RE2 has no lookaround, no backreferences and a repeat limit of 1000, so
/// each pattern is translated first. Where a construct cannot be translated exactly it is widened
/// (a lookaround becomes the empty string, a count above 1000 becomes open-ended): the result
/// accepts every string the original accepts, so a widened pattern never reports a false error.
/// Patterns that still cannot be compiled are skipped (they accept everything) and counted.
/// A whole pattern `^ATOM{lo,hi}$` (one repeated character, the usual name pattern) is searched
/// as `^ATOM*$` plus a count of characters: exact at any count, and cheap to compile.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace cfnlocal::schema {

/// Translates an ECMA-262 style pattern into RE2 syntax (see the file comment). Returns nullopt
/// for constructs that have no safe widening (backreferences, \c control escapes, \P{...} of a
/// POSIX class inside a character class). `widened`, when given, is set when the translation
/// accepts more strings than the original.
std::optional<std::string> translate_pattern(std::string_view ecma, bool *widened = nullptr);

/// The compiled form of a schema pattern, from a process-wide cache (thread-safe; compiled once).
/// Returns nullptr when the pattern cannot be translated or compiled: the caller must then treat
/// the pattern as satisfied. Never logs, never throws.
const re2::RE2 *compiled_pattern(std::string_view ecma);

/// True when `text` contains a match of the schema pattern (JSON Schema "pattern" is a search, not
/// a full match). A pattern that cannot be compiled matches everything.
bool pattern_search(std::string_view ecma, std::string_view text);

/// True when the whole of `text` matches `ecma` (GetAtt attribute patterns). A pattern that cannot
/// be compiled matches only the identical string.
bool pattern_full_match(std::string_view ecma, std::string_view text);

/// Statistics of the process-wide cache: distinct patterns seen, and how many of those could not
/// be compiled (skipped) or were widened.
struct PatternStats {
  size_t compiled = 0;
  size_t skipped = 0;
  size_t widened = 0;
};
PatternStats pattern_stats();

} // namespace cfnlocal::schema
