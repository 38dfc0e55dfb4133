#pragma once
/// \file
/// What the embedded AWS IoT Core's operations share (internal to services/embedded/): records,
/// names and ARNs, IoT's error codes (AWS IoT API Reference, "Errors" of each operation; HTTP
/// statuses as botocore's iot model gives them). Records (region-scoped keys):
/// - "thing" "REGION:NAME" -> {thingName, thingId, thingTypeName?, attributes {k: v}, version,
///   tags [{Key, Value}]?}
/// - "thing-type" "REGION:NAME" -> {thingTypeName, thingTypeId, thingTypeProperties,
///   deprecated, deprecationDate?, creationDate, tags}
/// - "certificate" "REGION:ID" -> {certificateId, certificatePem, status, creationDate,
///   lastModifiedDate, caCertificateId?, certificateMode, validity {notBefore, notAfter}}
/// - "issuer" "REGION" -> {privateKey (PEM)}: the key the region's IoT signs certificates with
/// - "policy" "REGION:NAME" -> {policyName, defaultVersionId, nextVersionId, versions {ID:
///   {document, creationDate}}, creationDate, lastModifiedDate, generationId, tags}
/// - "policy-target" "REGION:POLICY\nTARGET" -> {}: AttachPolicy's attachments
/// - "thing-principal" "REGION:THING\nPRINCIPAL" -> {thingPrincipalType}
/// - "rule" "REGION:NAME" -> {ruleName, payload (TopicRulePayload), createdAt, tags}
/// - "tags" "ARN" -> [{Key, Value}] for resources whose record does not keep them

#include "services/embedded/context.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::services::embedded::iot {

inline constexpr std::string_view kService = "iot";

/// InvalidRequestException, 400.
[[noreturn]] void invalid_request(const std::string &message);
/// ResourceNotFoundException, 404.
[[noreturn]] void not_found(const std::string &message);
/// ResourceAlreadyExistsException, 409, with the resource's id and ARN in the message as IoT
/// words it.
[[noreturn]] void already_exists(const std::string &message);

/// A required name member checked against IoT's pattern [a-zA-Z0-9:_-]+ (or `pattern`) and
/// 1..max characters; InvalidRequestException otherwise.
std::string checked_name(const Json &input, std::string_view member, size_t max = 128,
                         std::string_view pattern = "[a-zA-Z0-9:_-]+");

/// "REGION:NAME".
std::string key_of(const Context &c, std::string_view name);
/// "REGION:A\nB" for the two-sided link records.
std::string link_key(const Context &c, std::string_view a, std::string_view b);
/// The second side of a link key.
std::string link_target(std::string_view key);

/// "arn:PARTITION:iot:REGION:ACCOUNT:RESOURCE" ("thing/NAME", "cert/ID", "policy/NAME",
/// "rule/NAME", "thingtype/NAME").
std::string arn_of(const Context &c, std::string_view resource);

/// The certificate record an ARN or id names (nullopt when absent or not a certificate ARN of
/// this account and region).
std::optional<Json> certificate_of_principal(Context &c, const std::string &principal);
/// The certificate id in "arn:...:cert/ID" (the text itself when it is no ARN).
std::string certificate_id_of(const std::string &principal);

/// Targets (certificate ARNs, Amazon Cognito identity ids, thing group ARNs) that `policy` is
/// attached to, and the policies attached to `target`.
std::vector<std::string> targets_of_policy(Context &c, const std::string &policy);
std::vector<std::string> policies_of_target(Context &c, const std::string &target);
/// Things a principal is attached to, and principals attached to a thing.
std::vector<std::string> things_of_principal(Context &c, const std::string &principal);
std::vector<std::string> principals_of_thing(Context &c, const std::string &thing);

/// One page of `items` for (maxResults, nextToken) or (pageSize, marker) style paging: the
/// token is the index of the next item as text. Writes `out[token_out]` when more remain.
Json page_of(const std::vector<Json> &items, const Json &input, std::string_view items_member,
             std::string_view size_member, std::string_view token_in, std::string_view token_out,
             size_t default_size, size_t max_size);

/// Tags of a resource ARN (the "tags" record), and storing them.
Json tags_of(Context &c, const std::string &arn);
void set_tags(Context &c, const std::string &arn, const Json &tags);
/// [{Key, Value}] checked as IoT checks tags (keys 1-128, values 0-256, at most 50, no "aws:").
Json checked_tags(const Json &tags);

/// Handlers of each part, added to `table` (iot_things.cc, iot_certificates.cc,
/// iot_policies.cc, iot_rules.cc).
void add_thing_handlers(HandlerTable &table);
void add_certificate_handlers(HandlerTable &table);
void add_policy_handlers(HandlerTable &table);
void add_rule_handlers(HandlerTable &table);

} // namespace cfnlocal::services::embedded::iot
