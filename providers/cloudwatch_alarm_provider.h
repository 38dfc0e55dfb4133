#pragma once
/// \file
/// AWS::CloudWatch::Alarm and AWS::CloudWatch::CompositeAlarm on Amazon CloudWatch's own
/// operations (aws-resource-cloudwatch-alarm.html, aws-resource-cloudwatch-compositealarm.html;
/// Amazon CloudWatch API Reference). Create: PutMetricAlarm / PutCompositeAlarm with the
/// template's properties (AlarmName generated as stack-Logical-RANDOM when left out), after
/// DescribeAlarms finds no alarm of that name (PutMetricAlarm would silently overwrite it).
/// Update: the same Put call with the new properties (CloudWatch keeps the alarm's state), then
/// TagResource / UntagResource for the tag changes (Put ignores tags on an existing alarm).
/// Read: DescribeAlarms and ListTagsForResource. Delete: DeleteAlarms. The physical ID and Ref
/// are the alarm name; GetAtt Arn is the alarm's ARN.

#include "providers/generic_provider.h"

#include <string>
#include <vector>

namespace cfnlocal::providers {

class CloudWatchAlarmProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  /// AWS::CloudWatch::Alarm and AWS::CloudWatch::CompositeAlarm.
  static std::vector<std::string> types();

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
