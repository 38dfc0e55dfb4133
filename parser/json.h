#pragma once
/// \file
/// Conversions between the document model and nlohmann::ordered_json (for writing, and for
/// internal JSON that needs no marks).

#include "parser/value.h"

#include <nlohmann/json.hpp>
#include <string>

namespace cfnlocal {

using Json = nlohmann::ordered_json;

/// Converts to JSON. Numbers are written as integers when integral, as doubles otherwise.
Json to_json(const Value &value);
/// Converts from JSON; every node gets `mark` (JSON built in memory has no better position).
Value from_json(const Json &json, const Mark &mark = {});
/// Serialises a value: `indent` < 0 gives compact output.
std::string dump_json(const Value &value, int indent = 2);
/// Parses JSON text with nlohmann (no marks). Throws cfnlocal::Error on bad JSON.
Value parse_json(std::string_view text, const std::string &file = {});

} // namespace cfnlocal
