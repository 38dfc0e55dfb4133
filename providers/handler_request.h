#pragma once
/// \file
/// The request a handler receives, after the CloudFormation resource provider contract's
/// `ResourceHandlerRequest` (desiredResourceState, previousResourceState,
/// logicalResourceIdentifier, clientRequestToken, region, awsAccountId, awsPartition, stackId) with
/// the stack name and the physical ID CloudFormation keeps for the resource.

#include "parser/value.h"

#include <string>

namespace cfnlocal::providers {

struct ResourceHandlerRequest {
  /// The resource type, "AWS::SQS::Queue".
  std::string type_name;
  /// The template's logical ID, "MyQueue".
  std::string logical_id;
  /// The resolved Properties of the resource (an object; null when the template has none). For
  /// update: the new properties. Read and delete ignore it.
  Value desired_state;
  /// For update: the model the last create/update/read returned (read-only properties included).
  /// Null otherwise.
  Value previous_state;
  /// For read, update and delete: the physical ID create returned (the primary identifier, parts
  /// joined with "|" for composite identifiers, as Cloud Control API writes identifiers).
  std::string physical_id;
  std::string stack_name;
  /// The stack's ARN, "arn:aws:cloudformation:us-east-1:123456789012:stack/name/uuid".
  std::string stack_id;
  std::string region = "us-east-1";
  std::string account_id = "123456789012";
  /// "aws", "aws-cn" or "aws-us-gov".
  std::string partition = "aws";
  /// Idempotency token of the stack operation (the contract's clientRequestToken).
  std::string client_request_token;
  /// For list: the token a previous list returned ("" for the first page).
  std::string next_token;
};

} // namespace cfnlocal::providers
