#pragma once
/// \file
/// The state file's schema as an ordered list of migrations: migration i (1-based) takes
/// PRAGMA user_version from i-1 to i. Never edit a released migration; append a new one.

#include <vector>

namespace cfnlocal::state {

/// The SQL of each migration, in order.
const std::vector<const char *> &migrations();

} // namespace cfnlocal::state
