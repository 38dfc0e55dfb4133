#pragma once
/// \file
/// What the embedded IAM's operations share (internal to services/embedded/): IAM's error codes
/// and messages, name and path rules, ids and ARNs, and the managed policies a role, user or
/// group can attach. IAM is global: records are keyed by lower-cased name (IAM names are unique
/// regardless of case), managed policies by ARN.

#include "services/embedded/context.h"
#include "services/embedded/policy_document.h"

#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::services::embedded::iam {

constexpr std::string_view kService = "iam";

/// IAM's "ValidationError" in AWS's "1 validation error detected" wording.
[[noreturn]] void validation_error(std::string_view member, const std::string &value,
                                   std::string_view constraint);
/// A required name member checked against [\w+=,.@-]+ and 1..max characters.
std::string required_name(const Json &input, std::string_view member, size_t max);
/// The Path member ("/" when absent), checked against IAM's path rules.
std::string path_of(const Json &input, std::string_view member = "Path");
/// A policy document member checked as `kind`; throws MalformedPolicyDocument.
std::string document_of(const Json &input, std::string_view member, PolicyKind kind);
/// Characters of a document that count against IAM's size quotas (whitespace excluded).
size_t policy_size(std::string_view document);

/// A unique id: `prefix` ("AROA", "AIDA", "AGPA", "ANPA", "AIPA") + 17 of [A-Z0-9].
std::string new_id(std::string_view prefix);
/// "arn:PARTITION:iam::ACCOUNT:WORD" + path + name.
std::string arn_of(const Context &c, std::string_view word, std::string_view path,
                   std::string_view name);
/// The record key of a name: lower-cased.
std::string key_of(std::string_view name);

/// The managed policy record an ARN names: a customer managed policy of this account, or an
/// AWS managed one ("arn:aws:iam::aws:policy/..."; any such ARN exists, with no record: nullopt
/// and `aws_managed` set). Throws NoSuchEntity ("Policy ARN does not exist or is not
/// attachable.") for anything else.
std::optional<Json> attachable_policy(Context &c, const std::string &arn, bool &aws_managed);
/// Adds `delta` to a customer managed policy's AttachmentCount (AWS managed ones: nothing).
void count_attachment(Context &c, const std::string &arn, int delta);

/// Handlers of the managed-policy operations (iam_policies.cc), added to `table`.
void add_policy_handlers(HandlerTable &table);

} // namespace cfnlocal::services::embedded::iam
