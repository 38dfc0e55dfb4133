#pragma once
/// \file
/// Writing the document model as YAML (long-form intrinsic functions, block style).

#include "parser/value.h"

#include <string>

namespace cfnlocal {

/// Serialises a value as a YAML document.
std::string dump_yaml(const Value &value);

} // namespace cfnlocal
