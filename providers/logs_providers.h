#pragma once
/// \file
/// AWS::Logs::LogGroup and AWS::Logs::LogStream on CloudWatch Logs' own operations
/// (aws-resource-logs-loggroup.html, aws-resource-logs-logstream.html; CloudWatch Logs API
/// Reference).
/// - LogGroup: DescribeLogGroups to refuse a name already taken, CreateLogGroup (KmsKeyId, tags,
///   class, deletion protection) and PutRetentionPolicy; updates put or delete the retention
///   policy and tag / untag what changed; read from DescribeLogGroups and ListTagsForResource;
///   DeleteLogGroup; DescribeLogGroups lists. Ref is the name; GetAtt Arn is
///   "arn:...:log-group:NAME:*" as CloudFormation gives it.
/// - LogStream: CreateLogStream (a generated name when the template has none), read from
///   DescribeLogStreams, DeleteLogStream; every property is createOnly. The physical ID is
///   "GROUP|STREAM", Ref the stream name.
/// CloudWatch Logs' errors (an invalid name, a retention value it does not offer, a group that
/// does not exist) come back as FAILED events with its message.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class LogsLogGroupProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

class LogsLogStreamProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
