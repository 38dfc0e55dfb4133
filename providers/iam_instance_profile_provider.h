#pragma once
/// \file
/// AWS::IAM::InstanceProfile (aws-resource-iam-instanceprofile.html):
/// CreateInstanceProfile and AddRoleToInstanceProfile (the role must exist; one role per
/// profile); a changed Roles list swaps the role; delete removes the role then deletes the
/// profile. The physical ID and Ref are the name; GetAtt Arn.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class IamInstanceProfileProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
