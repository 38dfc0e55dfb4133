#pragma once
/// \file
/// What the parts of the embedded Amazon Route 53 share (internal to services/embedded/): the
/// records, DNS name canonical form and ordering, ids, errors and change records.
///
/// Route 53 is global: records carry no region. Records (service "route53"):
/// - kind "zone", key ZONE_ID: {Id, Name, CallerReference, Comment?, PrivateZone, VPCs
///   [{VPCRegion, VPCId}], NameServers [4 names without trailing dot], Tags [{Key, Value}],
///   RecordSets [ResourceRecordSet shapes with canonical names]};
/// - kind "change", key CHANGE_ID: {Id, SubmittedAt, Comment?};
/// - kind "healthcheck", key UUID: {Id, CallerReference, HealthCheckConfig, HealthCheckVersion,
///   Tags}.

#include "services/embedded/context.h"

#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::services::embedded::route53 {

constexpr std::string_view kService = "route53";

/// The parts' handlers, merged into route53_handlers().
const HandlerTable &zone_handlers();
const HandlerTable &record_handlers();
const HandlerTable &health_check_handlers();

/// `handler` with the shared input checks' "ValidationException" reported as Route 53 reports
/// malformed input: "InvalidInput" (HTTP 400), same message.
template <Handler handler> Json guarded(Context &c, const Json &input) {
  try {
    return handler(c, input);
  } catch (const ServiceError &e) {
    if (e.code() == "ValidationException")
      throw ServiceError("InvalidInput", e.message(), 400);
    throw;
  }
}

/// A ServiceError with Route 53's code and HTTP status.
[[noreturn]] void fail(const char *code, std::string message, int status = 400);

/// A DNS name in the form Route 53 answers with ("Developer Guide: DNS domain name format"):
/// lower case, a trailing dot, "\NNN" octal escapes decoded and every character other than
/// a-z, 0-9, '-', '_' and '.' written as "\NNN" ("*.Example.com" -> "\052.example.com.").
/// InvalidInput for empty names, labels over 63 or names over 255 characters.
std::string canonical_name(std::string_view name, std::string_view member = "Name");
/// The labels of a canonical name from the top down ("www.example.com." -> com, example, www),
/// the order in which Route 53 sorts names.
std::vector<std::string> reversed_labels(const std::string &canonical);
/// Whether canonical `name` is `zone` or lies below it.
bool in_zone(const std::string &name, const std::string &zone);

/// An id member with the prefix the API returns stripped ("/hostedzone/Z1" -> "Z1"), as
/// botocore strips it; InvalidInput when missing or over `max_length` characters.
std::string id_member(const Json &input, std::string_view member, std::string_view prefix,
                      size_t max_length = 32);

/// A new id: `letter` followed by 20 upper-case letters and digits ("Z0A1B2...").
std::string new_id(char letter);

/// The zone record, or NoSuchHostedZone (404) "No hosted zone found with ID: ID".
Json load_zone(Context &c, const std::string &id);
void save_zone(Context &c, const Json &zone);
/// The HostedZone shape of a zone record.
Json zone_view(const Json &zone);

/// Records a change and returns its ChangeInfo ({Id: "/change/C...", Status: PENDING,
/// SubmittedAt, Comment?}); GetChange answers INSYNC for it, the change being applied already.
Json record_change(Context &c, const std::optional<std::string> &comment);

/// Whether a VPC exists in the embedded EC2 (its default VPC included).
bool vpc_exists(Context &c, const std::string &region, const std::string &vpc_id);

/// An optional MaxItems (a string in Route 53's API) within [1, cap] (cap when larger, as
/// Route 53 answers); `fallback` when absent. InvalidInput when not a positive number.
size_t max_items(const Json &input, size_t fallback, size_t cap);

} // namespace cfnlocal::services::embedded::route53
