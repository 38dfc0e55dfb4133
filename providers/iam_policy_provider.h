#pragma once
/// \file
/// AWS::IAM::Policy, an inline policy on roles, users and groups (aws-resource-iam-policy.html):
/// Put{Role,User,Group}Policy with PolicyName and PolicyDocument on every principal in Roles,
/// Users and Groups (each must exist; IAM checks the document and the size quotas); update puts
/// it on the new targets and deletes it from dropped ones (or all, when the name changes);
/// delete removes it everywhere (principals already gone are skipped). The physical ID and Ref
/// are a generated Id.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class IamPolicyProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
