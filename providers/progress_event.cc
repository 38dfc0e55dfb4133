#include "providers/progress_event.h"

#include <array>
#include <utility>

namespace cfnlocal::providers {
namespace {

constexpr std::array<std::pair<HandlerErrorCode, const char *>, 22> kCodes{{
    {HandlerErrorCode::None, ""},
    {HandlerErrorCode::NotUpdatable, "NotUpdatable"},
    {HandlerErrorCode::InvalidRequest, "InvalidRequest"},
    {HandlerErrorCode::AccessDenied, "AccessDenied"},
    {HandlerErrorCode::UnauthorizedTaggingOperation, "UnauthorizedTaggingOperation"},
    {HandlerErrorCode::InvalidCredentials, "InvalidCredentials"},
    {HandlerErrorCode::AlreadyExists, "AlreadyExists"},
    {HandlerErrorCode::NotFound, "NotFound"},
    {HandlerErrorCode::ResourceConflict, "ResourceConflict"},
    {HandlerErrorCode::Throttling, "Throttling"},
    {HandlerErrorCode::ServiceLimitExceeded, "ServiceLimitExceeded"},
    {HandlerErrorCode::NotStabilized, "NotStabilized"},
    {HandlerErrorCode::GeneralServiceException, "GeneralServiceException"},
    {HandlerErrorCode::ServiceInternalError, "ServiceInternalError"},
    {HandlerErrorCode::ServiceTimeout, "ServiceTimeout"},
    {HandlerErrorCode::NetworkFailure, "NetworkFailure"},
    {HandlerErrorCode::InternalFailure, "InternalFailure"},
    {HandlerErrorCode::InvalidTypeConfiguration, "InvalidTypeConfiguration"},
    {HandlerErrorCode::HandlerInternalFailure, "HandlerInternalFailure"},
    {HandlerErrorCode::NonCompliant, "NonCompliant"},
    {HandlerErrorCode::Unknown, "Unknown"},
    {HandlerErrorCode::UnsupportedTarget, "UnsupportedTarget"},
}};

} // namespace

const char *status_name(OperationStatus status) {
  switch (status) {
  case OperationStatus::Success:
    return "SUCCESS";
  case OperationStatus::Failed:
    return "FAILED";
  case OperationStatus::InProgress:
    return "IN_PROGRESS";
  }
  return "FAILED";
}

const char *error_code_name(HandlerErrorCode code) {
  for (const auto &[c, name] : kCodes)
    if (c == code)
      return name;
  return "Unknown";
}

std::optional<HandlerErrorCode> parse_error_code(std::string_view name) {
  if (name.empty())
    return std::nullopt;
  for (const auto &[c, n] : kCodes)
    if (name == n)
      return c;
  return std::nullopt;
}

ProgressEvent ProgressEvent::success(Value model) {
  ProgressEvent e;
  e.status = OperationStatus::Success;
  e.resource_model = std::move(model);
  return e;
}

ProgressEvent ProgressEvent::failure(HandlerErrorCode code, std::string message) {
  ProgressEvent e;
  e.status = OperationStatus::Failed;
  e.error_code = code;
  e.message = std::move(message);
  return e;
}

} // namespace cfnlocal::providers
