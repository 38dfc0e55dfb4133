#pragma once
/// \file
/// Pseudo parameters: the values CloudFormation predefines for every stack. Follows "Pseudo
/// parameters reference" in the AWS CloudFormation User Guide.

#include "parser/value.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::intrinsics {

/// "aws", "aws-cn" for cn-* regions, "aws-us-gov" for us-gov-*, "aws-iso" for us-iso-*,
/// "aws-iso-b" for us-isob-*, "aws-iso-e" for eu-isoe-*, "aws-iso-f" for us-isof-*.
std::string partition_for_region(std::string_view region);

/// The domain suffix of the region's endpoints: "amazonaws.com", "amazonaws.com.cn" for the China
/// regions, "c2s.ic.gov" / "sc2s.sgov.gov" / "cloud.adc-e.uk" / "csp.hci.ic.gov" for the isolated
/// partitions.
std::string url_suffix_for_region(std::string_view region);

/// The inputs of the pseudo parameters of one stack. Partition and URLSuffix are derived from the
/// region.
struct PseudoParameters {
  std::string account_id = "123456789012";
  std::string region = "us-east-1";
  std::string stack_name = "stack";
  /// "arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<uuid>"; when empty,
  /// AWS::StackId gives such an ARN with a zero UUID.
  std::string stack_id;
  std::vector<std::string> notification_arns;

  std::string partition() const { return partition_for_region(region); }
  std::string url_suffix() const { return url_suffix_for_region(region); }
  std::string effective_stack_id() const;

  /// The value of a pseudo parameter ("AWS::Region" gives the region string,
  /// "AWS::NotificationARNs" a list). nullopt for a name that is not a pseudo parameter and for
  /// AWS::NoValue, which has no value (the evaluator removes the enclosing property instead).
  std::optional<Value> value(std::string_view name) const;
};

/// True for the names CloudFormation reserves: AWS::AccountId, AWS::NotificationARNs,
/// AWS::NoValue, AWS::Partition, AWS::Region, AWS::StackId, AWS::StackName, AWS::URLSuffix.
bool is_pseudo_parameter(std::string_view name);

} // namespace cfnlocal::intrinsics
