#pragma once
/// \file
/// The five AWS protocols (https://smithy.io/2.0/aws/protocols/): an operation call (the seam's
/// JSON input, services/backend.h) becomes an HTTP request, and its HTTP response becomes the
/// seam's JSON output or a ServiceError.
///
/// - query (sns, iam, sts): POST form body Action=..&Version=..&Member.N=..; XML responses under
///   <OperationResult>, errors <ErrorResponse><Error><Code>.
/// - ec2: as query with flattened lists named by queryName; errors <Response><Errors><Error>.
/// - json (ssm, secretsmanager, sqs, dynamodb, ...): POST / with X-Amz-Target and
///   application/x-amz-json-1.x bodies; errors {"__type": "...#Code", "message": ...}.
/// - rest-json (lambda, apigateway, apigatewayv2) and rest-xml (s3): members bound to the URI,
///   query string, headers (x-amz-meta-* maps), status code and a JSON / XML body or payload
///   member; errors from X-Amzn-ErrorType / the body (<Error><Code> for S3; a status-only
///   response such as a HEAD's 404 gives "NotFound").

#include "parser/json.h"
#include "services/backend.h"
#include "services/endpoint/http_message.h"
#include "services/endpoint/service_model.h"

#include <string>

namespace cfnlocal::services::endpoint {

/// Where requests go.
struct Target {
  std::string scheme = "https";
  std::string host; ///< host[:port]
  /// A path prefix of a custom endpoint URL ("" for none; never ends in '/').
  std::string base_path;
  /// An endpoint the user named (--endpoint-url): S3 stays path-style (bucket in the path), as
  /// moto and LocalStack expect. On AWS's own endpoints S3 buckets whose names are DNS labels go
  /// in the host (virtual-hosted style).
  bool custom = false;
};

/// Builds the request of `operation` with `input` for `target`, unsigned. Throws ServiceError
/// "InvalidAction" for an operation the model lacks and "ValidationException" for a missing URI
/// label member.
HttpRequest serialise_request(const ServiceModel &model, const std::string &operation,
                              const Json &input, const Target &target);

/// The seam output of a successful (2xx) response to `operation`. Throws ServiceError
/// "InvalidResponse" when the body cannot be parsed.
Json parse_response(const ServiceModel &model, const std::string &operation,
                    const HttpResponse &response);

/// The ServiceError of a failed (non-2xx) response: the service's code, message and status.
ServiceError parse_error(const ServiceModel &model, const HttpResponse &response);

} // namespace cfnlocal::services::endpoint
