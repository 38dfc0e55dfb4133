#pragma once
/// \file
/// AWS::Kinesis::Stream on Amazon Kinesis Data Streams' own operations
/// (aws-resource-kinesis-stream.html; Amazon Kinesis Data Streams API Reference). Create:
/// CreateStream (shard count, 1 when a provisioned stream's template gives none; stream mode;
/// tags), then IncreaseStreamRetentionPeriod, StartStreamEncryption and EnableEnhancedMonitoring
/// as the template asks (the stream is deleted again when they fail). Update, diffed against
/// what Kinesis holds: UpdateStreamMode, UpdateShardCount (uniform scaling), Increase/Decrease
/// StreamRetentionPeriod, Start/StopStreamEncryption, Enable/DisableEnhancedMonitoring,
/// AddTagsToStream / RemoveTagsFromStream. Read: DescribeStreamSummary, ListTagsForStream.
/// Delete: DeleteStream. The physical ID and Ref are the stream name; GetAtt Arn.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class KinesisStreamProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
