#pragma once
/// \file
/// Amazon S3's bucket naming rules ("Bucket naming rules" in the Amazon S3 User Guide, general
/// purpose buckets) and bucket policy checks, shared by the embedded S3 handlers.

#include "parser/json.h"

#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::services::embedded {

/// Why `name` is not a valid general purpose bucket name, or nullopt when it is valid:
/// 3-63 characters of a-z, 0-9, '.' and '-'; starts and ends with a letter or digit; no two
/// adjacent periods; not an IPv4 address; not prefixed "xn--", "sthree-", "amzn-s3-demo-";
/// not suffixed "-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3".
std::optional<std::string> bucket_name_problem(std::string_view name);

/// Why a bucket policy document is rejected (S3's MalformedPolicy messages), or nullopt.
/// Checks JSON syntax, Statement, Effect, Principal, Action (s3: actions or "*"), and that every
/// Resource names this bucket or its objects.
std::optional<std::string> bucket_policy_problem(std::string_view policy, std::string_view bucket,
                                                 std::string_view partition);

} // namespace cfnlocal::services::embedded
