#pragma once
/// \file
/// AWS::S3::Bucket on the S3 service's own operations (aws-resource-s3-bucket.html; S3 API
/// Reference): CreateBucket, then PutBucketTagging, PutBucketVersioning, PutBucketEncryption,
/// PutPublicAccessBlock, PutBucketLifecycleConfiguration, PutBucketCors,
/// PutBucketOwnershipControls and PutBucketWebsite for the properties the template sets;
/// HeadBucket and the Get* operations to read; DeleteBucket. S3's errors (an invalid bucket
/// name, a name taken, a bucket not empty) come back as FAILED progress events with S3's message.
/// Properties with no mapping here (e.g. NotificationConfiguration, LoggingConfiguration) are
/// kept in the model as given.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class S3BucketProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;

  /// The S3 calls (operation, input) that bring a bucket from `previous` properties to
  /// `desired` (both CloudFormation models; previous null for create), in order.
  static std::vector<std::pair<std::string, Json>>
  configuration_calls(const std::string &bucket, const Value &previous, const Value &desired);
};

} // namespace cfnlocal::providers
