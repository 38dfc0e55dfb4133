#include "services/embedded_backend.h"

#include "services/embedded/context.h"
#include "services/embedded/lambda_invoke.h"
#include "services/http_front/http_front.h"
#include "state/ids.h"

#include <fmt/format.h>

namespace cfnlocal::services {

namespace embedded {
// Declared here rather than in context.h, which every embedded service includes.
const HandlerTable &cloudwatch_handlers();
const HandlerTable &codecommit_handlers();
const HandlerTable &route53_handlers();
const HandlerTable &elbv2_handlers();
const HandlerTable &acm_handlers();
const HandlerTable &iot_handlers();
const HandlerTable &greengrass_handlers();
} // namespace embedded

EmbeddedBackend::EmbeddedBackend(state::Store &store, std::string region, std::string account_id)
    : store_(store), region_(std::move(region)), account_id_(std::move(account_id)) {}

EmbeddedBackend::~EmbeddedBackend() = default;

std::string EmbeddedBackend::code_endpoint() {
  std::lock_guard<std::mutex> lock(front_mutex_);
  if (!front_) {
    try {
      front_ = std::make_unique<http_front::HttpFront>(*this);
    } catch (const std::exception &e) {
      throw ServiceError(
          "ServiceException",
          fmt::format("cannot serve the local services to the function: {}", e.what()), 500);
    }
  }
  return front_->url();
}

void EmbeddedBackend::serve(std::string service, ServiceHandler handler) {
  std::lock_guard lock(served_mutex_);
  served_[std::move(service)] = std::move(handler);
}

Json EmbeddedBackend::call(std::string_view service, std::string_view operation,
                           const Json &input) {
  ServiceHandler served;
  {
    std::lock_guard lock(served_mutex_);
    if (auto it = served_.find(service); it != served_.end())
      served = it->second;
  }
  if (served)
    return served(operation, input);
  // Invoke runs a process for up to the function's timeout: outside the per-call transaction.
  if (service == "lambda" && operation == "Invoke")
    return embedded::lambda::invoke(store_, region_, account_id_, input, code_endpoint());
  const embedded::HandlerTable *table = nullptr;
  if (service == "s3")
    table = &embedded::s3_handlers();
  else if (service == "ssm")
    table = &embedded::ssm_handlers();
  else if (service == "secretsmanager")
    table = &embedded::secretsmanager_handlers();
  else if (service == "cloudcontrol")
    table = &embedded::cloudcontrol_handlers();
  else if (service == "sqs")
    table = &embedded::sqs_handlers();
  else if (service == "sns")
    table = &embedded::sns_handlers();
  else if (service == "iam")
    table = &embedded::iam_handlers();
  else if (service == "logs")
    table = &embedded::logs_handlers();
  else if (service == "lambda")
    table = &embedded::lambda_handlers();
  else if (service == "dynamodb")
    table = &embedded::dynamodb_handlers();
  else if (service == "kms")
    table = &embedded::kms_handlers();
  else if (service == "events")
    table = &embedded::events_handlers();
  else if (service == "kinesis")
    table = &embedded::kinesis_handlers();
  else if (service == "stepfunctions")
    table = &embedded::stepfunctions_handlers();
  else if (service == "apigateway")
    table = &embedded::apigateway_handlers();
  else if (service == "apigatewayv2")
    table = &embedded::apigatewayv2_handlers();
  else if (service == "ec2")
    table = &embedded::ec2_handlers();
  else if (service == "cloudwatch" || service == "monitoring")
    table = &embedded::cloudwatch_handlers();
  else if (service == "codecommit")
    table = &embedded::codecommit_handlers();
  else if (service == "route53")
    table = &embedded::route53_handlers();
  else if (service == "elbv2" || service == "elasticloadbalancing")
    table = &embedded::elbv2_handlers();
  else if (service == "acm")
    table = &embedded::acm_handlers();
  else if (service == "iot")
    table = &embedded::iot_handlers();
  else if (service == "greengrass")
    table = &embedded::greengrass_handlers();
  if (!table)
    throw ServiceError("InvalidAction",
                       fmt::format("The embedded services do not implement service '{}'", service));
  auto it = table->find(operation);
  if (it == table->end())
    throw ServiceError("InvalidAction", fmt::format("The embedded {} service does not implement "
                                                    "the operation {}",
                                                    service, operation));
  embedded::Context context{
      store_, region_, account_id_, state::partition_for_region(region_), store_.objects_dir(),
      {},     this};
  Json output;
  {
    auto tx = store_.transaction();
    try {
      output = it->second(context, input.is_null() ? Json::object() : input);
    } catch (const nlohmann::json::exception &e) {
      // A member of the wrong JSON type deep in an input shape.
      throw ServiceError("ValidationException",
                         fmt::format("{} {}: malformed input: {}", service, operation, e.what()));
    }
    tx.commit();
  }
  for (const auto &path : context.remove_after_commit) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  return output;
}

} // namespace cfnlocal::services
