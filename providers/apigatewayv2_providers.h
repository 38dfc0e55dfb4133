#pragma once
/// \file
/// The AWS::ApiGatewayV2 types on Amazon API Gateway V2's own operations (Amazon API Gateway
/// Version 2 API Reference; each type's page of the CloudFormation resource reference). The
/// CloudFormation properties carry the operations' member names.
/// - Api: CreateApi (quick create with Target/RouteKey/CredentialsArn), or ImportApi of Body /
///   BodyS3Location (the object read from S3) followed by UpdateApi so Name and Description win
///   over the document's; update: ReimportApi for a new body, UpdateApi, Tag/UntagResource;
///   GetApi; DeleteApi. Physical ID and Ref: the API id; GetAtt ApiEndpoint.
/// - Route, Integration, Authorizer, Deployment: Create/Get/Update/Delete of each, physical IDs
///   "API|ID" ("ID|API" for Authorizer, after its primary identifier); Ref the id.
/// - Stage: CreateStage / UpdateStage / GetStage / DeleteStage; Ref and Id the stage name,
///   physical ID "API|NAME".
/// - DomainName: Create/Update/Get/DeleteDomainName; GetAtt RegionalDomainName,
///   RegionalHostedZoneId, DomainNameArn.
/// - ApiMapping: Create/Update/Get/DeleteApiMapping; physical ID "ID|DOMAIN".
/// - VpcLink: CreateVpcLink (its subnets and security groups must exist), UpdateVpcLink's Name,
///   Tag/UntagResource, GetVpcLink, DeleteVpcLink; physical ID and Ref the id.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class ApiGatewayV2Provider : public GenericProvider {
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
  void updated(const ResourceHandlerRequest &request, const Json &before, const Json &after);
  Json read_model(const std::string &type, const std::string &id);
};

} // namespace cfnlocal::providers
