#pragma once
/// \file
/// The AWS::ApiGateway types on Amazon API Gateway's own REST operations (Amazon API Gateway
/// REST API Reference; each type's page of the CloudFormation resource reference):
/// - RestApi: CreateRestApi, then PutRestApi of Body / BodyS3Location (the object read from S3;
///   Mode "overwrite" unless given) and an UpdateRestApi so Name and Description win over the
///   document's; update with UpdateRestApi patch operations, PutRestApi for a new body,
///   Tag/UntagResource; GetRestApi; DeleteRestApi. Physical ID and Ref: the id; GetAtt
///   RootResourceId.
/// - Resource: CreateResource / GetResource / DeleteResource ("API|ID"; Ref the resource id).
/// - Method: PutMethod, PutMethodResponse, PutIntegration, PutIntegrationResponse; an update
///   replaces the method in place (DeleteMethod, then the puts again); "API|RESOURCE|VERB".
/// - Deployment: CreateDeployment (StageName and StageDescription make or move that stage, its
///   MethodSettings through UpdateStage); update: UpdateDeployment's description, the stage
///   moved; delete: the stages still on it, then DeleteDeployment. "ID|API"; Ref the id.
/// - Stage: CreateStage, then UpdateStage for MethodSettings, AccessLogSetting and
///   ClientCertificateId; updates as patch operations; "API|NAME"; Ref the name.
/// - Authorizer, Model, GatewayResponse, ApiKey, UsagePlan, UsagePlanKey, Account, DomainName,
///   BasePathMapping: their Create/Put, Update (patch operations), Get and Delete operations.
///   UsagePlanKey's Id is "KEY:PLAN"; GatewayResponse's "API|TYPE"; BasePathMapping's physical
///   ID "DOMAIN|BASEPATH" (BASEPATH empty for the "(none)" mapping).
/// - RequestValidator: Create/Get/Update/DeleteRequestValidator ("API|ID"; Ref the id).
/// - DocumentationPart: Create/Get/Update/DeleteDocumentationPart ("ID|API"; Ref the id); only
///   Properties updates in place.
/// - ClientCertificate: GenerateClientCertificate, UpdateClientCertificate's description,
///   Tag/UntagResource, DeleteClientCertificate; the id is the physical ID and Ref.
/// createOnly changes replace (the engine's part); API Gateway's errors come back as FAILED
/// events with its message.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class ApiGatewayProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  std::string physical_id(std::string_view type_name, const Value &model) const override;

  /// The types it serves.
  static const std::vector<std::string> &types();

private:
  Json created(const ResourceHandlerRequest &request, Json model);
  void updated(const ResourceHandlerRequest &request, const Json &before, Json &after);
  Json read_model(const std::string &type, const std::string &id);
  void removed(const std::string &type, const std::string &id);
};

} // namespace cfnlocal::providers
