#include "providers/service_errors.h"

#include <fmt/format.h>

#include <array>
#include <optional>

namespace cfnlocal::providers {
namespace {

struct Mapping {
  std::string_view code;
  HandlerErrorCode handler;
};

constexpr std::array kMappings{
    Mapping{"BucketAlreadyExists", HandlerErrorCode::AlreadyExists},
    Mapping{"BucketAlreadyOwnedByYou", HandlerErrorCode::AlreadyExists},
    Mapping{"ParameterAlreadyExists", HandlerErrorCode::AlreadyExists},
    Mapping{"ResourceExistsException", HandlerErrorCode::AlreadyExists},
    Mapping{"EntityAlreadyExists", HandlerErrorCode::AlreadyExists},
    Mapping{"AlreadyExistsException", HandlerErrorCode::AlreadyExists},
    Mapping{"ResourceAlreadyExistsException", HandlerErrorCode::AlreadyExists},
    Mapping{"QueueAlreadyExists", HandlerErrorCode::AlreadyExists},
    Mapping{"QueueNameExists", HandlerErrorCode::AlreadyExists},
    Mapping{"NoSuchBucket", HandlerErrorCode::NotFound},
    Mapping{"QueueDoesNotExist", HandlerErrorCode::NotFound},
    Mapping{"ResourceNotFound", HandlerErrorCode::NotFound},
    Mapping{"AWS.SimpleQueueService.NonExistentQueue", HandlerErrorCode::NotFound},
    Mapping{"NotFound", HandlerErrorCode::NotFound},
    Mapping{"ParameterNotFound", HandlerErrorCode::NotFound},
    Mapping{"ResourceNotFoundException", HandlerErrorCode::NotFound},
    Mapping{"NoSuchEntity", HandlerErrorCode::NotFound},
    Mapping{"NotFoundException", HandlerErrorCode::NotFound},
    Mapping{"IdNotFoundException", HandlerErrorCode::NotFound},
    Mapping{"VersionNotFoundException", HandlerErrorCode::NotFound},
    Mapping{"TableNotFoundException", HandlerErrorCode::NotFound},
    Mapping{"StateMachineDoesNotExist", HandlerErrorCode::NotFound},
    Mapping{"StateMachineAlreadyExists", HandlerErrorCode::AlreadyExists},
    Mapping{"InvalidArgumentException", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidEventPatternException", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidDefinition", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidName", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidArn", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidLoggingConfiguration", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidEncryptionConfiguration", HandlerErrorCode::InvalidRequest},
    Mapping{"MissingRequiredParameter", HandlerErrorCode::InvalidRequest},
    Mapping{"MalformedPolicyDocumentException", HandlerErrorCode::InvalidRequest},
    Mapping{"UnsupportedOperationException", HandlerErrorCode::InvalidRequest},
    Mapping{"TagException", HandlerErrorCode::InvalidRequest},
    Mapping{"KMSInvalidStateException", HandlerErrorCode::InvalidRequest},
    Mapping{"CustomKeyStoreNotFoundException", HandlerErrorCode::InvalidRequest},
    Mapping{"NotAuthorizedException", HandlerErrorCode::AccessDenied},
    Mapping{"ResourceInUseException", HandlerErrorCode::ResourceConflict},
    Mapping{"TooManyTags", HandlerErrorCode::ServiceLimitExceeded},
    Mapping{"InvalidBucketName", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidArgument", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidRequest", HandlerErrorCode::InvalidRequest},
    Mapping{"MalformedXML", HandlerErrorCode::InvalidRequest},
    Mapping{"MalformedPolicy", HandlerErrorCode::InvalidRequest},
    Mapping{"MalformedPolicyDocument", HandlerErrorCode::InvalidRequest},
    Mapping{"ValidationException", HandlerErrorCode::InvalidRequest},
    Mapping{"ValidationError", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidParameterException", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidParameterValue", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidAttributeValue", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidParameter", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidInput", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidAttributeName", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidAddress", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidParameterValueException", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidRequestException", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidAllowedPatternException", HandlerErrorCode::InvalidRequest},
    Mapping{"ParameterPatternMismatchException", HandlerErrorCode::InvalidRequest},
    Mapping{"UnsupportedParameterType", HandlerErrorCode::InvalidRequest},
    Mapping{"HierarchyLevelLimitExceededException", HandlerErrorCode::InvalidRequest},
    Mapping{"HierarchyTypeMismatchException", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidEncryptionAlgorithmException", HandlerErrorCode::InvalidRequest},
    Mapping{"EncryptionFailure", HandlerErrorCode::InvalidRequest},
    Mapping{"Throttling", HandlerErrorCode::Throttling},
    Mapping{"ThrottlingException", HandlerErrorCode::Throttling},
    Mapping{"TooManyRequestsException", HandlerErrorCode::Throttling},
    Mapping{"SlowDown", HandlerErrorCode::Throttling},
    Mapping{"TooManyUpdates", HandlerErrorCode::Throttling},
    Mapping{"LimitExceededException", HandlerErrorCode::ServiceLimitExceeded},
    Mapping{"TooManyBuckets", HandlerErrorCode::ServiceLimitExceeded},
    Mapping{"TagLimitExceeded", HandlerErrorCode::ServiceLimitExceeded},
    Mapping{"LimitExceeded", HandlerErrorCode::ServiceLimitExceeded},
    Mapping{"TopicLimitExceeded", HandlerErrorCode::ServiceLimitExceeded},
    Mapping{"ParameterLimitExceeded", HandlerErrorCode::ServiceLimitExceeded},
    Mapping{"ServiceQuotaExceededException", HandlerErrorCode::ServiceLimitExceeded},
    Mapping{"AccessDenied", HandlerErrorCode::AccessDenied},
    Mapping{"AccessDeniedException", HandlerErrorCode::AccessDenied},
    Mapping{"ResourceConflictException", HandlerErrorCode::ResourceConflict},
    Mapping{"ConflictException", HandlerErrorCode::ResourceConflict},
    Mapping{"OperationAborted", HandlerErrorCode::ResourceConflict},
    Mapping{"BucketNotEmpty", HandlerErrorCode::ResourceConflict},
    Mapping{"DeleteConflict", HandlerErrorCode::ResourceConflict},
    Mapping{"NotUpdatableException", HandlerErrorCode::NotUpdatable},
    Mapping{"InternalError", HandlerErrorCode::ServiceInternalError},
    Mapping{"InternalFailure", HandlerErrorCode::ServiceInternalError},
    Mapping{"InternalServiceError", HandlerErrorCode::ServiceInternalError},
    Mapping{"InternalServerError", HandlerErrorCode::ServiceInternalError},
    Mapping{"ServiceUnavailable", HandlerErrorCode::ServiceInternalError},
    Mapping{"NatGatewayNotFound", HandlerErrorCode::NotFound},
    Mapping{"RouteAlreadyExists", HandlerErrorCode::AlreadyExists},
    Mapping{"DependencyViolation", HandlerErrorCode::ResourceConflict},
    Mapping{"Resource.AlreadyAssociated", HandlerErrorCode::ResourceConflict},
    Mapping{"InvalidParameterCombination", HandlerErrorCode::InvalidRequest},
    // Route 53
    Mapping{"NoSuchHostedZone", HandlerErrorCode::NotFound},
    Mapping{"NoSuchHealthCheck", HandlerErrorCode::NotFound},
    Mapping{"HostedZoneAlreadyExists", HandlerErrorCode::AlreadyExists},
    Mapping{"HealthCheckAlreadyExists", HandlerErrorCode::AlreadyExists},
    Mapping{"ConflictingDomainExists", HandlerErrorCode::AlreadyExists},
    Mapping{"HostedZoneNotEmpty", HandlerErrorCode::ResourceConflict},
    Mapping{"InvalidChangeBatch", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidDomainName", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidVPCId", HandlerErrorCode::InvalidRequest},
    // Elastic Load Balancing v2.
    Mapping{"DuplicateLoadBalancerName", HandlerErrorCode::AlreadyExists},
    Mapping{"DuplicateTargetGroupName", HandlerErrorCode::AlreadyExists},
    Mapping{"DuplicateListener", HandlerErrorCode::AlreadyExists},
    Mapping{"PriorityInUse", HandlerErrorCode::ResourceConflict},
    Mapping{"ResourceInUse", HandlerErrorCode::ResourceConflict},
    Mapping{"InvalidConfigurationRequest", HandlerErrorCode::InvalidRequest},
    Mapping{"InvalidLoadBalancerAction", HandlerErrorCode::InvalidRequest},
    Mapping{"IncompatibleProtocols", HandlerErrorCode::InvalidRequest},
    Mapping{"LoadBalancerNotFound", HandlerErrorCode::NotFound},
    Mapping{"TargetGroupNotFound", HandlerErrorCode::NotFound},
    Mapping{"ListenerNotFound", HandlerErrorCode::NotFound},
    Mapping{"RuleNotFound", HandlerErrorCode::NotFound},
    Mapping{"CertificateNotFound", HandlerErrorCode::NotFound},
};

// EC2's families of codes ("InvalidVpcID.NotFound", "InvalidGroup.Duplicate",
// "InvalidSubnet.Range", ...).
std::optional<HandlerErrorCode> ec2_family(std::string_view code) {
  auto ends = [&](std::string_view suffix) {
    return code.size() > suffix.size() && code.substr(code.size() - suffix.size()) == suffix;
  };
  if (ends(".NotFound"))
    return HandlerErrorCode::NotFound;
  if (ends(".Duplicate"))
    return HandlerErrorCode::AlreadyExists;
  if (ends(".Range") || ends(".Malformed") || ends(".Conflict") || ends(".Reserved"))
    return HandlerErrorCode::InvalidRequest;
  return std::nullopt;
}

} // namespace

HandlerErrorCode error_code_for(std::string_view service_code, int http_status) {
  for (const auto &m : kMappings)
    if (m.code == service_code)
      return m.handler;
  if (auto code = ec2_family(service_code))
    return *code;
  // Cloud Control API codes are the contract's names with "Exception" appended.
  std::string_view base = service_code;
  if (base.size() > 9 && base.substr(base.size() - 9) == "Exception")
    base.remove_suffix(9);
  if (auto code = parse_error_code(base))
    return *code;
  if (http_status >= 500)
    return HandlerErrorCode::ServiceInternalError;
  if (http_status == 404)
    return HandlerErrorCode::NotFound;
  return HandlerErrorCode::GeneralServiceException;
}

bool is_not_found(const services::ServiceError &error) {
  return error_code_for(error.code(), error.http_status()) == HandlerErrorCode::NotFound;
}

std::string not_found_message(std::string_view type_name, std::string_view identifier) {
  return fmt::format("Resource of type '{}' with identifier '{}' was not found.", type_name,
                     identifier);
}

ProgressEvent not_found(std::string_view type_name, std::string_view identifier) {
  return ProgressEvent::failure(HandlerErrorCode::NotFound,
                                not_found_message(type_name, identifier));
}

ProgressEvent failure_from(const services::ServiceError &error, std::string_view service) {
  HandlerErrorCode code = error_code_for(error.code(), error.http_status());
  return ProgressEvent::failure(
      code, fmt::format("Resource handler returned message: \"{} (Service: {}, Status Code: {}, "
                        "Error Code: {})\" (HandlerErrorCode: {})",
                        error.message(), service, error.http_status(), error.code(),
                        error_code_name(code)));
}

ProgressEvent failure_for(const services::ServiceError &error, std::string_view type_name,
                          std::string_view identifier, std::string_view service) {
  if (is_not_found(error))
    return not_found(type_name, identifier);
  return failure_from(error, service);
}

} // namespace cfnlocal::providers
