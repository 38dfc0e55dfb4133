#pragma once
/// \file
/// AWS::SNS::Topic on Amazon SNS's operations (aws-resource-sns-topic.html; Amazon SNS API
/// Reference): GetTopicAttributes to refuse a name already taken (CreateTopic alone would return
/// the existing topic), CreateTopic with the attributes and tags, Subscribe for each inline
/// Subscription; SetTopicAttributes for each changed attribute (a dropped one goes back to SNS's
/// default), Subscribe / Unsubscribe for the changed subscriptions, TagResource / UntagResource
/// to update; GetTopicAttributes, ListSubscriptionsByTopic and ListTagsForResource to read;
/// DeleteTopic; ListTopics. DeliveryStatusLogging entries become SNS's <Protocol>SuccessFeedback*
/// and <Protocol>FailureFeedbackRoleArn attributes. The physical ID and Ref are the topic ARN.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class SnsTopicProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
