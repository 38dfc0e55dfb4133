#pragma once
/// \file
/// The AWS::Lambda types around a function, on AWS Lambda's own operations (AWS Lambda API
/// Reference; each type's page of the CloudFormation resource reference):
/// - Version: PublishVersion (Description, CodeSha256); read GetFunctionConfiguration of the
///   version ARN; DeleteFunction of that ARN. Physical ID and GetAtt FunctionArn: the version's
///   ARN; GetAtt Version: its number.
/// - Alias: CreateAlias / UpdateAlias (FunctionVersion, Description, RoutingConfig's
///   AdditionalVersionWeights as Lambda's weight map) / GetAlias / DeleteAlias. Physical ID: the
///   alias ARN.
/// - Permission: AddPermission with a generated statement id (the Id; Ref), GetPolicy to read,
///   RemovePermission. Physical ID "FUNCTION|ID".
/// - LayerVersion: PublishLayerVersion (Content from S3), GetLayerVersion, DeleteLayerVersion.
///   Physical ID and Ref: the layer version ARN.
/// - EventSourceMapping: Create/Get/Update/DeleteEventSourceMapping. Physical ID and Ref: the
///   mapping's UUID (Id).
/// - Url: Create/Get/Update/DeleteFunctionUrlConfig on TargetFunctionArn and Qualifier.
///   Physical ID: the (qualified) function ARN; GetAtt FunctionUrl.
/// createOnly changes replace (the engine's part); Lambda's errors come back as FAILED events
/// with Lambda's message.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

/// One provider class for the six types; `type_name` of each request picks the behaviour.
class LambdaResourceProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;

  /// The types it serves.
  static const std::vector<std::string> &types();

private:
  Value created_model(const ResourceHandlerRequest &request, Value model);
  void update_calls(const ResourceHandlerRequest &request, const Value &desired);
};

} // namespace cfnlocal::providers
