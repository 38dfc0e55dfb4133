#pragma once
/// \file
/// botocore's service models, trimmed to what serialisation needs (generated into
/// models_data.cc by scripts/services/generate_models.py). Internal to the endpoint backend:
/// use service_model.h.

#include <string_view>
#include <vector>

namespace cfnlocal::services::endpoint {

/// One service's trimmed model: `service` is botocore's service id ("s3"), `json` the compact
/// model document {"metadata":{...},"operations":{...},"shapes":{...}}.
struct ModelText {
  std::string_view service;
  std::string_view json;
};

/// Every bundled model, sorted by service id. Static storage; never fails.
const std::vector<ModelText> &model_texts();

} // namespace cfnlocal::services::endpoint
