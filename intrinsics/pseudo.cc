#include "intrinsics/pseudo.h"

namespace cfnlocal::intrinsics {

namespace {
bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
} // namespace

std::string partition_for_region(std::string_view region) {
  if (starts_with(region, "cn-"))
    return "aws-cn";
  if (starts_with(region, "us-gov-"))
    return "aws-us-gov";
  if (starts_with(region, "us-isob-"))
    return "aws-iso-b";
  if (starts_with(region, "us-isof-"))
    return "aws-iso-f";
  if (starts_with(region, "us-iso-"))
    return "aws-iso";
  if (starts_with(region, "eu-isoe-"))
    return "aws-iso-e";
  return "aws";
}

std::string url_suffix_for_region(std::string_view region) {
  if (starts_with(region, "cn-"))
    return "amazonaws.com.cn";
  if (starts_with(region, "us-isob-"))
    return "sc2s.sgov.gov";
  if (starts_with(region, "us-isof-"))
    return "csp.hci.ic.gov";
  if (starts_with(region, "us-iso-"))
    return "c2s.ic.gov";
  if (starts_with(region, "eu-isoe-"))
    return "cloud.adc-e.uk";
  return "amazonaws.com";
}

std::string PseudoParameters::effective_stack_id() const {
  if (!stack_id.empty())
    return stack_id;
  return "arn:" + partition() + ":cloudformation:" + region + ":" + account_id + ":stack/" +
         stack_name + "/00000000-0000-0000-0000-000000000000";
}

std::optional<Value> PseudoParameters::value(std::string_view name) const {
  if (name == "AWS::AccountId")
    return Value(account_id);
  if (name == "AWS::Region")
    return Value(region);
  if (name == "AWS::StackName")
    return Value(stack_name);
  if (name == "AWS::StackId")
    return Value(effective_stack_id());
  if (name == "AWS::Partition")
    return Value(partition());
  if (name == "AWS::URLSuffix")
    return Value(url_suffix());
  if (name == "AWS::NotificationARNs") {
    Value::Array items;
    for (const auto &arn : notification_arns)
      items.emplace_back(arn);
    return Value(std::move(items));
  }
  return std::nullopt;
}

bool is_pseudo_parameter(std::string_view name) {
  return name == "AWS::AccountId" || name == "AWS::NotificationARNs" || name == "AWS::NoValue" ||
         name == "AWS::Partition" || name == "AWS::Region" || name == "AWS::StackId" ||
         name == "AWS::StackName" || name == "AWS::URLSuffix";
}

} // namespace cfnlocal::intrinsics
