#include "engine/backend_factory.h"

#include "engine/cloudformation_api.h"
#include "parser/diagnostic.h"
#include "services/embedded_backend.h"
#include "services/endpoint/endpoint_backend.h"

#include <fmt/format.h>

namespace cfnlocal::engine {

namespace {
std::string endpoints_text(const EngineConfig &config) {
  std::string out = config.endpoint_url;
  for (const auto &[service, url] : config.endpoint_urls)
    out += (out.empty() ? "" : ", ") + service + "=" + url;
  return out;
}
} // namespace

std::unique_ptr<services::Backend> make_backend(const EngineConfig &config, state::Store &store) {
  if (config.endpoint_url.empty() && config.endpoint_urls.empty()) {
    auto embedded =
        std::make_unique<services::EmbeddedBackend>(store, config.region, config.account_id);
    // Local code and `services serve` clients read the stacks through the CloudFormation API.
    embedded->serve("cloudformation", [&store](std::string_view operation, const Json &input) {
      return cloudformation_read(store, operation, input);
    });
    return embedded;
  }
  namespace ep = services::endpoint;
  ep::EndpointOptions options;
  options.default_url = config.endpoint_url;
  options.service_urls = config.endpoint_urls;
  options.region = config.region;
  try {
    if (!options.default_url.empty())
      ep::target_from_url(options.default_url);
    for (const auto &[service, url] : options.service_urls) {
      if (!ep::service_model(service) && service != "cloudcontrol")
        throw std::invalid_argument(fmt::format(
            "--endpoint-url {}={}: cfnlocal has no model of the service '{}' (botocore's service "
            "ids, e.g. s3, ssm, secretsmanager, sqs, dynamodb, iam, lambda)",
            service, url, service));
      ep::target_from_url(url);
    }
  } catch (const std::invalid_argument &e) {
    throw Error(std::string("--endpoint-url: ") + e.what());
  }
  auto credentials = ep::resolve_credentials(ep::process_environment());
  if (!credentials)
    throw Error("--endpoint-url: no AWS credentials found: set AWS_ACCESS_KEY_ID and "
                "AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones), or a profile "
                "in ~/.aws/credentials or ~/.aws/config (AWS_PROFILE, AWS_SHARED_CREDENTIALS_FILE, "
                "AWS_CONFIG_FILE); moto and LocalStack accept any values");
  options.credentials = *credentials;
  // Records of types with no service behind them stay in the state file (endpoint_backend.h).
  auto records =
      std::make_unique<services::EmbeddedBackend>(store, config.region, config.account_id);
  auto backend = std::make_unique<ep::EndpointBackend>(std::move(options), std::move(records));
  try {
    backend->account_id(); // STS GetCallerIdentity: the account every ARN and stack id names
  } catch (const services::ServiceError &e) {
    throw Error(fmt::format("--endpoint-url {}: cannot learn the account from STS "
                            "GetCallerIdentity: {}",
                            endpoints_text(config), e.what()));
  }
  return backend;
}

} // namespace cfnlocal::engine
