#pragma once
/// \file
/// AWS::Events::Rule on Amazon EventBridge's own operations (aws-resource-events-rule.html;
/// Amazon EventBridge API Reference). Create: DescribeRule to refuse a name taken on the bus,
/// PutRule (event pattern or schedule, state, description, role, tags), PutTargets (ten per
/// call; the rule is deleted again when they fail). Update: PutRule with the new definition,
/// RemoveTargets for ids the template drops, PutTargets for new and changed ones, TagResource /
/// UntagResource; a different EventBusName is NotUpdatable (CloudFormation replaces). Read:
/// DescribeRule, ListTargetsByRule, ListTagsForResource. Delete: RemoveTargets, then DeleteRule.
/// The physical ID is the rule's ARN; Ref is the name ("bus|name" on a custom bus); GetAtt Arn.
/// EventBridge's checks (schedule expressions, event patterns, schedules on custom buses, target
/// ids and inputs) come back as FAILED events with its message.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class EventsRuleProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
