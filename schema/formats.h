#pragma once
/// \file
/// The string formats of the registry schemas' `format` keyword, checked the way cfn-lint checks
/// them (the validate module only: CloudFormation does not enforce these at deploy time).
/// Identifier formats ("AWS::EC2::VPC.Id", "AWS::KMS::Key.Arn", ...) are patterns with their own
/// rule ids (E1150-E1164); "ipv4-network" and "ipv6-network" are networks whose host bits are
/// zero ("10.0.0.0/24", a bare address being a /32 or /128); "date-time" is RFC 3339's
/// date-time. Formats not listed here ("json", "int64", "AWS::Logs::LogGroup.Name", ...) accept
/// every string.

#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::schema {

/// Why a string is not of a format.
struct FormatFailure {
  /// cfn-lint's rule id: "E1151" for "AWS::EC2::VPC.Id", "E3002" for the network and date formats.
  std::string rule;
  /// cfn-lint's wording: "'vpc-12' is not a 'AWS::EC2::VPC.Id' with pattern '^vpc-...$'" (the
  /// pattern printed with doubled backslashes, as Python's repr prints it), or
  /// "'10.0.0.1/24' is not a 'ipv4-network'".
  std::string message;
};

/// nullopt when `text` is of `format` or the format is not one checked.
std::optional<FormatFailure> check_format(std::string_view format, std::string_view text);

} // namespace cfnlocal::schema
