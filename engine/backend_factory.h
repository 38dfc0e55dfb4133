#pragma once
/// \file
/// Chooses the services backend of an engine: the embedded services over the state file, or
/// (with an endpoint URL) the endpoint backend.

#include "engine/options.h"
#include "services/backend.h"
#include "state/store.h"

#include <memory>

namespace cfnlocal::engine {

/// The backend for `config`. Throws cfnlocal::Error when an endpoint is asked for and this build
/// has no endpoint backend yet.
std::unique_ptr<services::Backend> make_backend(const EngineConfig &config, state::Store &store);

} // namespace cfnlocal::engine
