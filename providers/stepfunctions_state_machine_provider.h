#pragma once
/// \file
/// AWS::StepFunctions::StateMachine on AWS Step Functions' own operations
/// (aws-resource-stepfunctions-statemachine.html; AWS Step Functions API Reference). The
/// definition comes from exactly one of Definition (an object), DefinitionString or
/// DefinitionS3Location (read with S3 GetObject from the same services), with
/// DefinitionSubstitutions' "${key}" placeholders replaced. Create: CreateStateMachine (name,
/// type, role, logging, tracing, encryption, tags) after DescribeStateMachine refuses a name
/// taken; Step Functions checks the definition (InvalidDefinition with its problems) and that
/// the role exists and trusts states.amazonaws.com. Update: UpdateStateMachine with what
/// differs from DescribeStateMachine, TagResource / UntagResource. Read: DescribeStateMachine,
/// ListTagsForResource. Delete: DeleteStateMachine. The physical ID and Ref are the ARN; GetAtt
/// Arn, Name and StateMachineRevisionId.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class StepFunctionsStateMachineProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;

  /// The definition text of `model`: Definition, DefinitionString or the S3 object
  /// DefinitionS3Location names, with DefinitionSubstitutions applied. Throws
  /// services::ServiceError (S3's errors; "ValidationException" when none or several of the
  /// three are given).
  std::string definition_of(const Value &model) const;
};

} // namespace cfnlocal::providers
