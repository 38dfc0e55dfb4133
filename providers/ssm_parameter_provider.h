#pragma once
/// \file
/// AWS::SSM::Parameter on Systems Manager Parameter Store's operations
/// (aws-resource-ssm-parameter.html; SSM API Reference): PutParameter to create (Overwrite false)
/// and update (Overwrite true, tags through AddTagsToResource / RemoveTagsFromResource),
/// GetParameter to read, DeleteParameter. A generated name is "CFN-LogicalId-RANDOM" as
/// CloudFormation names parameters. SSM's errors (ParameterAlreadyExists, ValidationException,
/// ParameterPatternMismatchException, ...) come back as FAILED events with SSM's message.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class SsmParameterProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
