#pragma once
/// \file
/// The fast path for YAML templates: libyaml's event parser builds the document model directly,
/// with the same values, tags and marks (line and byte column, 1-based) as the yaml-cpp reader
/// (reader.h), which stays the reference and the fallback. yaml-cpp builds a node tree and scans
/// with its own regular expressions; libyaml is several times faster on the same text.

#include "parser/value.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::detail {

/// Reads the first document of `text`. nullopt when libyaml rejects the text or the stream holds
/// no document: the caller then reads it with yaml-cpp, whose error messages and marks are the
/// ones users see. Throws cfnlocal::Error for what the yaml-cpp reader also rejects in a
/// well-formed stream (duplicate keys, non-scalar keys, unknown tags, `!GetAtt` without a dot).
std::optional<Value> read_yaml_events(std::string_view text,
                                      const std::shared_ptr<const std::string> &file);

} // namespace cfnlocal::detail
