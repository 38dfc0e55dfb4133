#include "engine/backend_factory.h"

#include "parser/diagnostic.h"
#include "services/embedded_backend.h"

namespace cfnlocal::engine {

std::unique_ptr<services::Backend> make_backend(const EngineConfig &config, state::Store &store) {
  if (!config.endpoint_url.empty())
    throw Error("--endpoint-url: this build deploys onto the embedded services only; the "
                "endpoint backend (AWS API over HTTP with SigV4) is not built yet");
  return std::make_unique<services::EmbeddedBackend>(store, config.region, config.account_id);
}

} // namespace cfnlocal::engine
