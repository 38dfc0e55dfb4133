#pragma once
/// \file
/// AWS::KMS::Key on AWS KMS's own operations (aws-resource-kms-key.html; AWS Key Management
/// Service API Reference). Create: CreateKey with the description, key spec and usage, origin,
/// multi-Region flag, key policy (KMS's default policy when the template has none) and tags, then
/// EnableKeyRotation and DisableKey as the template asks. Update, diffed against what KMS holds:
/// EnableKey, UpdateKeyDescription, PutKeyPolicy, Enable/DisableKeyRotation, TagResource /
/// UntagResource, DisableKey last (a disabled key refuses rotation changes). KeySpec, KeyUsage,
/// Origin and MultiRegion changes are NotUpdatable (AWS replaces the key). Read: DescribeKey,
/// GetKeyPolicy, GetKeyRotationStatus, ListResourceTags; a key pending deletion reads as
/// NotFound. Delete: ScheduleKeyDeletion with PendingWindowInDays (30 by default). Ref is the
/// key id; GetAtt Arn and KeyId.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class KmsKeyProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
