#pragma once
/// \file
/// The AWS::Greengrass types (AWS IoT Greengrass V1) on Greengrass's own operations, one table
/// for the seven definition families (each type's page of the CloudFormation resource
/// reference; AWS IoT Greengrass V1 API Reference):
/// - <X>Definition (Core, Device, Function, Logger, Resource, Subscription, Connector):
///   Create<X>Definition with Name, InitialVersion and tags; update renames
///   (Update<X>Definition) and retags; delete Delete<X>Definition. Ref and Id the definition id;
///   GetAtt Arn, LatestVersionArn, Name.
/// - <X>DefinitionVersion: Create<X>DefinitionVersion (every property createOnly). Ref and Id the
///   version's ARN, as CloudFormation documents; delete leaves the version (Greengrass has no
///   operation that deletes one) once Get<X>DefinitionVersion confirms it.
/// - Group: CreateGroup (Name, InitialVersion, tags), AssociateRoleToGroup for RoleArn; update
///   renames, re-associates or disassociates the role, retags; delete DeleteGroup (refused
///   while the group is deployed, as in AWS). GetAtt Arn, Id, LatestVersionArn, Name, RoleArn,
///   RoleAttachedAt.
/// - GroupVersion: CreateGroupVersion; Ref and Id the version's ARN.
/// Property names are the API's own (PascalCase); numbers and booleans given as text are typed.

#include "providers/generic_provider.h"

#include <string>
#include <vector>

namespace cfnlocal::providers {

class GreengrassProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;

  /// The types it serves.
  static const std::vector<std::string> &types();
};

} // namespace cfnlocal::providers
