#pragma once
// Templates deployed through the engine onto the embedded services, for the deploy tests of the
// real providers: service calls to look at what a deploy made, outputs, and event reasons.
#include "tests/engine/engine_fixture.h"

#include "services/backend.h"

#include <string>

namespace cfnlocal::engine::testing {

class ServiceDeployTest : public EngineTest {
protected:
  /// Calls the embedded service the engine deploys onto.
  Json call(std::string_view service, std::string_view op, const Json &input = Json::object()) {
    Engine engine(config_);
    return engine.backend().call(service, op, input);
  }
  /// The error code `op` fails with ("" when it succeeds).
  std::string error_of(std::string_view service, std::string_view op, const Json &input) {
    try {
      call(service, op, input);
    } catch (const services::ServiceError &e) {
      return e.code();
    }
    return "";
  }
  static std::string output(const OperationResult &r, const std::string &key) {
    for (const auto &o : r.stack.outputs)
      if (o.key == key)
        return o.value;
    return "";
  }
  /// The status reason of the last event of `logical_id` with `status`.
  std::string reason(const std::string &logical_id, const std::string &status) {
    std::string out;
    for (const auto &e : reporter_.events)
      if (e.logical_id == logical_id && e.status == status)
        out = e.status_reason;
    return out;
  }
};

} // namespace cfnlocal::engine::testing
