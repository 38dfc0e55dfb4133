#pragma once
/// \file
/// The backend of concurrent steps (step_pool.h): every service call is a wait during which the
/// step gives up the YieldingLock, so other resources' steps run meanwhile.

#include "services/backend.h"
#include "services/yielding_lock.h"

#include <memory>

namespace cfnlocal::engine {

class YieldingBackend : public services::Backend {
public:
  explicit YieldingBackend(std::unique_ptr<services::Backend> inner) : inner_(std::move(inner)) {}
  Json call(std::string_view service, std::string_view operation, const Json &input) override {
    return services::blocking([&] { return inner_->call(service, operation, input); });
  }
  const std::string &region() const override { return inner_->region(); }
  const std::string &account_id() const override { return inner_->account_id(); }

private:
  std::unique_ptr<services::Backend> inner_;
};

} // namespace cfnlocal::engine
