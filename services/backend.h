#pragma once
/// \file
/// The one seam between providers and the services they drive: an AWS API operation call.
/// Inputs and outputs are the operation's request and response shapes as botocore's service
/// models name them (`botocore/data/<service>/<version>/service-2.json`), as JSON. The embedded
/// backend answers from local state; the endpoint backend serialises the same call in the
/// service's protocol and sends it over HTTP. Providers never know which one they talk to.

#include "parser/json.h"

#include <stdexcept>
#include <string>
#include <string_view>

namespace cfnlocal::services {

/// A service's error response: `code` is the service's error code ("BucketAlreadyExists",
/// "ParameterNotFound", "ValidationException", ...), `message` its message, `http_status` the
/// status AWS returns with it.
class ServiceError : public std::runtime_error {
public:
  ServiceError(std::string code, std::string message, int http_status = 400)
      : std::runtime_error(code + ": " + message), code_(std::move(code)),
        message_(std::move(message)), http_status_(http_status) {}
  const std::string &code() const { return code_; }
  const std::string &message() const { return message_; }
  int http_status() const { return http_status_; }

private:
  std::string code_;
  std::string message_;
  int http_status_;
};

/// Where an operation runs.
class Backend {
public:
  virtual ~Backend() = default;
  /// Calls `operation` ("CreateBucket") of `service` (botocore's service id: "s3", "ssm",
  /// "secretsmanager", "cloudcontrol", ...) with `input`, returning the response shape.
  /// Throws ServiceError for the service's own errors (unknown operations included:
  /// code "InvalidAction").
  virtual Json call(std::string_view service, std::string_view operation, const Json &input) = 0;
  /// The region and account calls are made in.
  virtual const std::string &region() const = 0;
  virtual const std::string &account_id() const = 0;
};

} // namespace cfnlocal::services
