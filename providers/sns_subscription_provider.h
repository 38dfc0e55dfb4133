#pragma once
/// \file
/// AWS::SNS::Subscription on Amazon SNS's Subscribe (aws-resource-sns-subscription.html):
/// the topic must exist and the endpoint suit the protocol (SNS checks both); the attributes
/// (FilterPolicy, FilterPolicyScope, RawMessageDelivery, RedrivePolicy, DeliveryPolicy,
/// SubscriptionRoleArn, ReplayPolicy) go with Subscribe and are updated one by one with
/// SetSubscriptionAttributes; GetSubscriptionAttributes reads; Unsubscribe deletes;
/// ListSubscriptions lists. The physical ID and Ref are the subscription ARN.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class SnsSubscriptionProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
