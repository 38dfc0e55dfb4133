#pragma once
/// \file
/// AWS::Events::EventBus on Amazon EventBridge's own operations
/// (aws-resource-events-eventbus.html; Amazon EventBridge API Reference): CreateEventBus with the
/// description, KMS key, dead-letter queue and tags; UpdateEventBus and TagResource /
/// UntagResource to update, diffed against what EventBridge holds; DescribeEventBus and
/// ListTagsForResource to read; DeleteEventBus (after DescribeEventBus: EventBridge's delete
/// succeeds for a bus that is gone, the contract wants NotFound); ListEventBuses. The physical
/// ID and Ref are the bus name; GetAtt Arn and the modelled properties. EventBridge's rules
/// (names, the reserved "default" and "aws." names) come back as FAILED events with its message.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class EventsEventBusProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
