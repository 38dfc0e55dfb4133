#pragma once
/// \file
/// Amazon Resource Names per resource type ("Amazon Resource Names (ARNs)" in the AWS General
/// Reference; each service's formats from the Service Authorization Reference's "Resource types
/// defined by ..." tables; overrides from the CloudFormation resource reference's "Return values").

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cfnlocal::providers {

/// The generated table of (type name, ARN template), sorted by type name. Templates use the
/// placeholders {partition}, {region}, {account}, {parent} and {name}.
const std::vector<std::pair<std::string_view, std::string_view>> &arn_format_table();

/// The ARN template of `type_name`: a hand-checked override, else the generated table's entry,
/// else the common shape "arn:{partition}:<service>:{region}:{account}:<resource-type>/{name}".
std::string arn_template(std::string_view type_name);

/// The values an ARN template is filled with.
struct ArnParts {
  std::string partition = "aws";
  std::string region;
  std::string account;
  std::string name;   ///< the resource's own name or id
  std::string parent; ///< the enclosing resource's name or id, where the format has one
};

/// Fills a template's placeholders.
std::string format_arn(std::string_view arn_template, const ArnParts &parts);

/// The IAM service prefix in `type_name`'s ARNs ("sqs" for AWS::SQS::Queue, "states" for
/// AWS::StepFunctions::StateMachine), read from its template.
std::string arn_service(std::string_view type_name);

/// The DNS suffix of a partition: "amazonaws.com", "amazonaws.com.cn" for aws-cn.
std::string dns_suffix(std::string_view partition);

} // namespace cfnlocal::providers
