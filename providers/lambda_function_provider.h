#pragma once
/// \file
/// AWS::Lambda::Function on AWS Lambda's own operations (aws-resource-lambda-function.html;
/// AWS Lambda API Reference): GetFunction to refuse a name already taken, CreateFunction with
/// the template's settings and code (an inline `Code.ZipFile` is packaged as CloudFormation
/// packages it: index.py or index.js with the cfnresponse / cfn-response module beside it),
/// PutFunctionConcurrency for ReservedConcurrentExecutions; UpdateFunctionConfiguration (every
/// setting the template drops goes back to Lambda's default), UpdateFunctionCode when Code
/// changes, TagResource / UntagResource and Put/DeleteFunctionConcurrency to update; GetFunction
/// to read; DeleteFunction; ListFunctions. Ref is the name, GetAtt Arn the function's ARN.
/// Lambda's errors (a role that does not exist or does not trust Lambda, an unknown runtime,
/// MemorySize or Timeout out of range) come back as FAILED events with Lambda's message.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class LambdaFunctionProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;

  /// The Lambda `Code` shape (FunctionCode) of a model's Code property: S3 locations and
  /// ImageUri as given; an inline ZipFile source packaged into a zip (binary) named for the
  /// model's Runtime, with the response module CloudFormation adds.
  static Json code_of(const Value &model);
};

} // namespace cfnlocal::providers
