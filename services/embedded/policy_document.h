#pragma once
/// \file
/// Access policy documents as IAM checks them (IAM User Guide, "IAM JSON policy element
/// reference" and "Grammar of the IAM JSON policy language"), shared by the services that take
/// policies: IAM (identity and trust policies), SQS and SNS (resource policies). Internal to
/// services/embedded/.

#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::services::embedded {

/// Where a policy is attached, which decides the elements a statement needs or must not have.
enum class PolicyKind {
  Identity, ///< attached to a user, group or role: Action and Resource, no Principal
  Trust,    ///< a role's assume-role policy: Principal and Action, no Resource
  Resource, ///< attached to a queue, topic, ...: Principal, Action and Resource
};

/// The first problem IAM reports for the policy text `document` (JSON), in IAM's wording
/// ("Syntax errors in policy.", "Missing required field Effect", "Policy document should not
/// specify a principal.", ...); nullopt when the document is valid. Checks: JSON object; only
/// Version, Id and Statement at the top; Version "2012-10-17" or "2008-10-17"; Statement an
/// object or a non-empty array; per statement Effect Allow/Deny, exactly one of Action/NotAction
/// (strings "service:Action" or "*"), Resource/NotResource and Principal/NotPrincipal per `kind`,
/// Condition an object of operator -> {key: value or list}, Sid alphanumeric and unique.
std::optional<std::string> policy_problem(std::string_view document, PolicyKind kind);

} // namespace cfnlocal::services::embedded
