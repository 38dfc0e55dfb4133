#pragma once
/// \file
/// AWS::SQS::Queue on Amazon SQS's own operations (aws-resource-sqs-queue.html; Amazon SQS API
/// Reference): GetQueueUrl to refuse a name already taken (CreateQueue alone would adopt an
/// identical queue), CreateQueue with the template's attributes and tags, GetQueueAttributes for
/// the ARN; SetQueueAttributes / TagQueue / UntagQueue to update, diffed against what SQS holds
/// (an attribute the template does not set goes back to SQS's default); GetQueueAttributes and
/// ListQueueTags to read; DeleteQueue; ListQueues. The physical ID and Ref are the queue URL;
/// GetAtt Arn, QueueName and QueueUrl come from the model. SQS's errors (an invalid name, a
/// dead-letter queue that does not exist or is of the other type, an out-of-range attribute) come
/// back as FAILED events with SQS's message.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class SqsQueueProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;

  /// SQS's attribute map ({"VisibilityTimeout": "30", "RedrivePolicy": "{...}"}) for a
  /// CloudFormation model's properties.
  static Json attributes_of(const Value &model);
  /// The SetQueueAttributes map that takes a queue whose attributes are `current` (as
  /// GetQueueAttributes returns them) to the CloudFormation model `desired`: the attributes that
  /// differ, and SQS's default for each one the model leaves out (the queue policy aside: it is
  /// AWS::SQS::QueuePolicy's).
  static Json attribute_changes(const Json &current, const Value &desired);
};

} // namespace cfnlocal::providers
