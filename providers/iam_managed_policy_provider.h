#pragma once
/// \file
/// AWS::IAM::ManagedPolicy on IAM's customer managed policies
/// (aws-resource-iam-managedpolicy.html): CreatePolicy, then Attach{Role,User,Group}Policy for
/// Roles, Users and Groups; a new PolicyDocument is a new default version (CreatePolicyVersion,
/// the oldest non-default version deleted first when five exist); attachments follow the lists;
/// delete detaches everywhere, deletes the other versions, then DeletePolicy. The physical ID and
/// Ref are the policy ARN; GetAtt PolicyArn, PolicyId, DefaultVersionId, ... from GetPolicy.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class IamManagedPolicyProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
