#pragma once
// Internal to the parser: the fast path for JSON templates. nlohmann's SAX parser reads the
// text while a position-tracking iterator notes where each token starts, so every node gets the
// same file:line:column the YAML reader gives it. yaml-cpp stays the reference: anything this
// path does not accept (comments, trailing commas, invalid UTF-8, YAML) returns nullopt and the
// caller reads the text with yaml-cpp, whose errors users get.

#include "parser/value.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::detail {

/// Parses `text` when it is one strict JSON value. Throws cfnlocal::Error for a duplicate key
/// (as the YAML reader does); nullopt when the text is not strict JSON.
std::optional<Value> read_strict_json(std::string_view text,
                                      const std::shared_ptr<const std::string> &file);

/// The YAML reader (yaml-cpp), which reads JSON too: the reference the fast path must agree with.
Value read_yaml_document(std::string_view text, const std::shared_ptr<const std::string> &file);

} // namespace cfnlocal::detail
