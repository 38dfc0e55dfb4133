#pragma once
/// \file
/// Service errors as handler failures: the HandlerErrorCode a service's error code maps to
/// (as the AWS-published resource providers map them) and the status reason CloudFormation shows
/// ("Resource handler returned message: \"...\" (HandlerErrorCode: ...)").

#include "providers/progress_event.h"
#include "services/backend.h"

#include <string>
#include <string_view>

namespace cfnlocal::providers {

/// The contract error code for a service error code ("BucketAlreadyExists" -> AlreadyExists,
/// "ParameterNotFound" -> NotFound, "ValidationException" -> InvalidRequest, ...);
/// GeneralServiceException for codes with no better match, ServiceInternalError for 5xx.
HandlerErrorCode error_code_for(std::string_view service_code, int http_status = 400);

/// Whether a service error means the resource is gone (error_code_for gives NotFound).
bool is_not_found(const services::ServiceError &error);

/// CloudFormation's wording for a resource a handler cannot find:
/// "Resource of type 'AWS::SQS::Queue' with identifier 'X' was not found."
std::string not_found_message(std::string_view type_name, std::string_view identifier);

/// A FAILED event with HandlerErrorCode NotFound and not_found_message.
ProgressEvent not_found(std::string_view type_name, std::string_view identifier);

/// A FAILED event for a service error raised by `service` ("S3"), its message worded as
/// CloudFormation words handler failures.
ProgressEvent failure_from(const services::ServiceError &error, std::string_view service);

/// The event for a service error met while handling the resource `identifier` of `type_name`:
/// not_found when the service says the resource is gone, else failure_from.
ProgressEvent failure_for(const services::ServiceError &error, std::string_view type_name,
                          std::string_view identifier, std::string_view service);

} // namespace cfnlocal::providers
