#pragma once
/// \file
/// AWS::KMS::Alias on AWS KMS's own operations (aws-resource-kms-alias.html): CreateAlias,
/// UpdateAlias for a new TargetKeyId (the alias name is create-only), ListAliases to read,
/// DeleteAlias. KMS's rules come back as FAILED events with its message: names must start with
/// "alias/", "alias/aws/" is reserved, aliases point at keys (not aliases) of the same type.
/// The physical ID and Ref are the alias name.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class KmsAliasProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
