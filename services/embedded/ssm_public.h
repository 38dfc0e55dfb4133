#pragma once
/// \file
/// The public parameters every AWS account can read under `/aws/service/...` (latest Amazon
/// Linux 2 / 2023 AMIs per architecture, ECS- and EKS-optimized AMIs, Windows, Ubuntu, Debian and
/// Bottlerocket AMIs). Values are plausible and region-specific: "ami-0" plus 16 hex digits
/// derived from the region and name, stable across runs.

#include "parser/json.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::services::embedded {

/// The parameter record (the shape ssm.cc stores: Name, Type, Value, Version, DataType,
/// LastModifiedDate, Tier) of a public parameter, or nullopt when `name` is not one.
std::optional<Json> public_parameter(std::string_view region, std::string_view name);
/// Every public parameter name, sorted.
const std::vector<std::string> &public_parameter_names();

} // namespace cfnlocal::services::embedded
