#pragma once
/// \file
/// Chooses the services backend of an engine: the embedded services over the state file, or
/// (with an endpoint URL) the endpoint backend.

#include "engine/options.h"
#include "services/backend.h"
#include "state/store.h"

#include <memory>

namespace cfnlocal::engine {

/// The backend for `config`: the embedded services, or with config.endpoint_url /
/// config.endpoint_urls the endpoint backend (services/endpoint/endpoint_backend.h), whose
/// account is STS GetCallerIdentity's. Throws cfnlocal::Error for a malformed URL, an unknown
/// service in a per-service URL, missing credentials, or an endpoint that does not answer STS.
std::unique_ptr<services::Backend> make_backend(const EngineConfig &config, state::Store &store);

} // namespace cfnlocal::engine
