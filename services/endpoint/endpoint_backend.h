#pragma once
/// \file
/// The endpoint backend: every Backend::call becomes the AWS API request of that operation in the
/// service's protocol (protocols.h), signed with SigV4 (sigv4.h), sent over HTTP (libcurl) and
/// retried as the SDKs' standard retry mode does (retry_policy.h). One deploy then lands on moto
/// server, LocalStack or AWS itself.
///
/// Services are those bundled from botocore's models (service_model.h). The "cloudcontrol"
/// records the generic provider keeps (types cfnlocal has no provider for) do not go to the
/// endpoint: moto has no Cloud Control API, and on AWS the generic provider's records are not
/// what Cloud Control does (it would need the registry's handlers and asynchronous requests).
/// Types that are pure CloudFormation bookkeeping with no service behind them
/// (kLocalRecordTypes: AWS::CloudFormation::WaitConditionHandle, ...::WaitCondition,
/// AWS::CDK::Metadata) are kept in the embedded record store beside the stack; every other type
/// fails its handler with "UnsupportedActionException" and a message that names the type and
/// the endpoint, so a deploy never reports success for a resource the endpoint does not have.

#include "services/backend.h"
#include "services/endpoint/aws_config.h"
#include "services/endpoint/http_client.h"
#include "services/endpoint/protocols.h"
#include "services/endpoint/retry_policy.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace cfnlocal::services::endpoint {

/// The types whose records stay local on an endpoint (see the file comment).
extern const std::vector<std::string> kLocalRecordTypes;

/// Where and as whom the endpoint backend calls.
struct EndpointOptions {
  /// The URL for every service ("http://127.0.0.1:5000"); empty: AWS's own endpoints
  /// (https://<endpointPrefix>.<region>.amazonaws.com, global ones such as IAM's as the model
  /// says).
  std::string default_url;
  /// Per-service URLs by botocore service id ("s3" -> "http://127.0.0.1:4566"), over default_url.
  std::map<std::string, std::string> service_urls;
  std::string region = "us-east-1";
  Credentials credentials;
  HttpTimeouts timeouts;
};

/// Parses "scheme://host[:port][/path]" into a Target (custom = true). Throws
/// std::invalid_argument with a message naming the URL when it is not http(s).
Target target_from_url(const std::string &url);

/// The endpoint backend. Thread-safe (each call is independent).
class EndpointBackend : public Backend {
public:
  /// `http` defaults to libcurl, `retry` to RetryPolicy::standard(), `now` (epoch seconds for
  /// signing) to the clock. `records` (optional) keeps kLocalRecordTypes' records.
  EndpointBackend(EndpointOptions options, std::unique_ptr<Backend> records = nullptr,
                  std::unique_ptr<HttpClient> http = nullptr,
                  std::optional<RetryPolicy> retry = std::nullopt,
                  std::function<int64_t()> now = nullptr);

  /// Sends the operation. Throws ServiceError with the service's code, message and status;
  /// "InvalidAction" for a service or operation the bundle lacks; "EndpointConnectionError"
  /// (status 0) when no response arrived after every attempt.
  Json call(std::string_view service, std::string_view operation, const Json &input) override;
  const std::string &region() const override { return options_.region; }
  /// The account of the credentials: STS GetCallerIdentity, asked once on first use. Throws
  /// ServiceError when STS cannot be reached or refuses.
  const std::string &account_id() const override;

  /// The Target a service's requests go to.
  Target target_for(const ServiceModel &model) const;

private:
  Json call_cloudcontrol(std::string_view operation, const Json &input);
  EndpointOptions options_;
  std::unique_ptr<Backend> records_;
  std::unique_ptr<HttpClient> http_;
  RetryPolicy retry_;
  std::function<int64_t()> now_;
  mutable std::once_flag account_once_;
  mutable std::string account_id_;
};

} // namespace cfnlocal::services::endpoint
