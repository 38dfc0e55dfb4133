#pragma once
/// \file
/// The progress event every handler returns, as the CloudFormation resource provider contract
/// defines it ("Resource type handler contract" and "ProgressEvent" in the CloudFormation CLI
/// documentation): a status, the resource model, and on failure an error code and message.

#include "parser/value.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::providers {

/// OperationStatus of the contract.
enum class OperationStatus { Success, Failed, InProgress };

/// HandlerErrorCode of the contract (cloudformation-cli's `HandlerErrorCode`), in its order.
enum class HandlerErrorCode {
  None, ///< no error (status is not Failed)
  NotUpdatable,
  InvalidRequest,
  AccessDenied,
  UnauthorizedTaggingOperation,
  InvalidCredentials,
  AlreadyExists,
  NotFound,
  ResourceConflict,
  Throttling,
  ServiceLimitExceeded,
  NotStabilized,
  GeneralServiceException,
  ServiceInternalError,
  ServiceTimeout,
  NetworkFailure,
  InternalFailure,
  InvalidTypeConfiguration,
  HandlerInternalFailure,
  NonCompliant,
  Unknown,
  UnsupportedTarget,
};

/// "SUCCESS", "FAILED" or "IN_PROGRESS".
const char *status_name(OperationStatus status);
/// The contract's spelling ("AlreadyExists", ...); "" for None.
const char *error_code_name(HandlerErrorCode code);
/// Parses a contract error code name; nullopt when unknown.
std::optional<HandlerErrorCode> parse_error_code(std::string_view name);

/// What a handler returns. `resource_model` is the resource's full model (desired properties plus
/// the read-only ones the provider filled) for create/read/update; null for delete.
/// `resource_models` carries the models of a list handler. `message` is the user-facing text
/// (CloudFormation shows it as the resource's status reason).
struct ProgressEvent {
  OperationStatus status = OperationStatus::Success;
  Value resource_model;
  HandlerErrorCode error_code = HandlerErrorCode::None;
  std::string message;
  std::vector<Value> resource_models;
  std::string next_token;
  int callback_delay_seconds = 0;

  bool ok() const { return status == OperationStatus::Success; }
  bool failed() const { return status == OperationStatus::Failed; }

  /// A SUCCESS event carrying `model`.
  static ProgressEvent success(Value model);
  /// A FAILED event with `code` and `message`.
  static ProgressEvent failure(HandlerErrorCode code, std::string message);
};

} // namespace cfnlocal::providers
