#include "services/endpoint/endpoint_backend.h"

#include "services/endpoint/service_model.h"
#include "services/endpoint/sigv4.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace cfnlocal::services::endpoint {

const std::vector<std::string> kLocalRecordTypes = {"AWS::CDK::Metadata",
                                                    "AWS::CloudFormation::WaitCondition",
                                                    "AWS::CloudFormation::WaitConditionHandle"};

Target target_from_url(const std::string &url) {
  size_t sep = url.find("://");
  if (sep == std::string::npos)
    throw std::invalid_argument(fmt::format(
        "endpoint URL '{}' has no scheme: write http://HOST:PORT or https://HOST", url));
  Target t;
  t.scheme = url.substr(0, sep);
  if (t.scheme != "http" && t.scheme != "https")
    throw std::invalid_argument(
        fmt::format("endpoint URL '{}': the scheme must be http or https", url));
  std::string rest = url.substr(sep + 3);
  size_t slash = rest.find('/');
  t.host = rest.substr(0, slash);
  if (t.host.empty())
    throw std::invalid_argument(fmt::format("endpoint URL '{}' has no host", url));
  if (slash != std::string::npos) {
    t.base_path = rest.substr(slash);
    while (!t.base_path.empty() && t.base_path.back() == '/')
      t.base_path.pop_back();
  }
  t.custom = true;
  return t;
}

EndpointBackend::EndpointBackend(EndpointOptions options, std::unique_ptr<Backend> records,
                                 std::unique_ptr<HttpClient> http, std::optional<RetryPolicy> retry,
                                 std::function<int64_t()> now)
    : options_(std::move(options)), records_(std::move(records)),
      http_(http ? std::move(http) : make_curl_client(options_.timeouts)),
      retry_(retry ? std::move(*retry) : RetryPolicy::standard()), now_(std::move(now)) {
  if (!now_)
    now_ = [] {
      return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count());
    };
}

Target EndpointBackend::target_for(const ServiceModel &model) const {
  if (auto it = options_.service_urls.find(model.service()); it != options_.service_urls.end())
    return target_from_url(it->second);
  if (!options_.default_url.empty())
    return target_from_url(options_.default_url);
  Target t;
  bool china = options_.region.rfind("cn-", 0) == 0;
  std::string suffix = china ? "amazonaws.com.cn" : "amazonaws.com";
  if (!model.global_endpoint().empty() && !china)
    t.host = model.global_endpoint();
  else
    t.host = model.endpoint_prefix() + "." + options_.region + "." + suffix;
  return t;
}

Json EndpointBackend::call_cloudcontrol(std::string_view operation, const Json &input) {
  std::string type = input.value("TypeName", "");
  bool local = std::find(kLocalRecordTypes.begin(), kLocalRecordTypes.end(), type) !=
               kLocalRecordTypes.end();
  // GetResourceRequestStatus names no type: only local records ever made a request token.
  if (records_ && (local || (type.empty() && operation == "GetResourceRequestStatus")))
    return records_->call("cloudcontrol", operation, input);
  std::string where = options_.service_urls.count("cloudcontrol")
                          ? options_.service_urls.at("cloudcontrol")
                          : (options_.default_url.empty() ? "AWS" : options_.default_url);
  throw ServiceError(
      "UnsupportedActionException",
      fmt::format("cfnlocal has no provider for {} that calls the service's own API, so it cannot "
                  "create, read, update or delete it on the endpoint {}; deploy templates with "
                  "this type onto the embedded services (no --endpoint-url)",
                  type.empty() ? std::string("this resource type") : type, where),
      400);
}

Json EndpointBackend::call(std::string_view service, std::string_view operation,
                           const Json &input) {
  if (service == "cloudcontrol")
    return call_cloudcontrol(operation, input);
  const ServiceModel *model = service_model(service);
  if (!model)
    throw ServiceError(
        "InvalidAction",
        fmt::format("The endpoint backend has no model of the service '{}'", service));
  std::string op(operation);
  Json in = input.is_null() ? Json::object() : input;
  // S3 wants the bucket's region in CreateBucketConfiguration everywhere but us-east-1, and
  // refuses "us-east-1" as a LocationConstraint.
  if (service == "s3" && op == "CreateBucket") {
    if (options_.region != "us-east-1" && !in.contains("CreateBucketConfiguration"))
      in["CreateBucketConfiguration"] = Json{{"LocationConstraint", options_.region}};
    if (options_.region == "us-east-1")
      if (auto c = in.find("CreateBucketConfiguration");
          c != in.end() && c->value("LocationConstraint", "") == "us-east-1")
        in.erase("CreateBucketConfiguration");
  }
  Target target;
  try {
    target = target_for(*model);
  } catch (const std::invalid_argument &e) {
    throw ServiceError("InvalidEndpoint", e.what(), 0);
  }
  HttpRequest unsigned_request = serialise_request(*model, op, in, target);
  // Global services (IAM, Route 53) are signed for the partition's home region whatever the
  // region, as botocore signs them ("us-east-1" in the aws partition).
  bool global = !model->global_endpoint().empty() && options_.region.rfind("cn-", 0) != 0 &&
                options_.region.rfind("us-gov-", 0) != 0;
  SigningOptions signing{global ? std::string("us-east-1") : options_.region, model->signing_name(),
                         service == "s3"};
  std::string last_failure;
  for (int attempt = 1;; ++attempt) {
    HttpRequest request = unsigned_request;
    sign_v4(request, options_.credentials, signing, now_());
    bool retryable = false;
    try {
      HttpResponse response = http_->send(request);
      if (response.status >= 200 && response.status < 300)
        return parse_response(*model, op, response);
      ServiceError error = parse_error(*model, response);
      retryable = is_throttling_code(error.code()) || is_transient(error.code(), response.status);
      if (!retryable || attempt >= retry_.max_attempts)
        throw error;
    } catch (const TransportError &e) {
      last_failure = e.what();
      if (attempt >= retry_.max_attempts)
        throw ServiceError("EndpointConnectionError",
                           fmt::format("{} {}: could not reach the endpoint after {} attempts: {}",
                                       service, operation, attempt, last_failure),
                           0);
    }
    if (retry_.sleep)
      retry_.sleep(retry_.backoff(attempt));
  }
}

const std::string &EndpointBackend::account_id() const {
  std::call_once(account_once_, [this] {
    Json out =
        const_cast<EndpointBackend *>(this)->call("sts", "GetCallerIdentity", Json::object());
    account_id_ = out.value("Account", "");
    if (account_id_.empty())
      throw ServiceError("InvalidResponse", "STS GetCallerIdentity returned no Account");
  });
  return account_id_;
}

} // namespace cfnlocal::services::endpoint
