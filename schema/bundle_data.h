#pragma once
/// \file
/// The embedded registry schema bundle (generated into bundle_data.cc by
/// scripts/schema/generate_bundle.py). Internal to the schema module: use registry.h.

#include <string_view>

namespace cfnlocal::schema {

/// The bundle's bytes: a text index ("CFNLOCAL-SCHEMA-BUNDLE 1", the type count, one
/// "TypeName\toffset\tlength" line per type, an empty line) followed by the compact JSON schemas.
/// Static storage; never fails.
std::string_view bundle_bytes();

} // namespace cfnlocal::schema
