#pragma once
/// \file
/// Identifiers CloudFormation assigns: stack and change set ARNs, UUIDs, partitions, times.

#include <string>
#include <string_view>

namespace cfnlocal::state {

/// A random RFC 4122 version 4 UUID, lower-case ("0f8fad5b-d9cb-469f-a165-70867728950e").
std::string uuid4();

/// The partition of a region: "aws-cn" for cn-*, "aws-us-gov" for us-gov-*, "aws-iso" for
/// us-iso-*, "aws-iso-b" for us-isob-*, else "aws".
std::string partition_for_region(std::string_view region);

/// A new stack id: `arn:PARTITION:cloudformation:REGION:ACCOUNT:stack/NAME/UUID`.
std::string make_stack_id(std::string_view region, std::string_view account,
                          std::string_view stack_name);

/// A new change set id: `arn:PARTITION:cloudformation:REGION:ACCOUNT:changeSet/NAME/UUID`.
std::string make_change_set_id(std::string_view region, std::string_view account,
                               std::string_view change_set_name);

/// The current UTC time as ISO 8601 with milliseconds: "2026-11-22T01:30:00.123Z".
std::string now_iso8601();
/// The current UTC time as ISO 8601 with seconds: "2026-11-22T01:30:00Z".
std::string now_iso8601_seconds();

} // namespace cfnlocal::state
