#pragma once
/// \file
/// What the embedded AWS IoT Greengrass V1's operations share (internal to services/embedded/):
/// records, ARNs and errors (AWS IoT Greengrass V1 API Reference; botocore greengrass/2017-06-07,
/// REST-JSON). Records (region-scoped keys):
/// - "definition" "REGION:FAMILY:ID" -> {Id, Name?, CreationTimestamp, LastUpdatedTimestamp,
///   LatestVersion?, tags {k: v}} for the families "cores", "devices", "functions", "loggers",
///   "resources", "subscriptions", "connectors"
/// - "definition-version" "REGION:FAMILY:ID:VERSION" -> {Version, CreationTimestamp, Definition}
/// - "group" "REGION:ID" -> {Id, Name, CreationTimestamp, LastUpdatedTimestamp, LatestVersion?,
///   tags, Role {RoleArn, AssociatedAt}?}
/// - "group-version" "REGION:ID:VERSION" -> {Version, CreationTimestamp, Definition}
/// - "deployment" "REGION:GROUP:DEPLOYMENT" -> {DeploymentId, DeploymentType, GroupVersionId?,
///   CreatedAt, DeploymentStatus, UpdatedAt}
/// - "service-role" "REGION" -> {RoleArn, AssociatedAt}
/// Ids are UUIDs; timestamps ISO 8601 strings, as Greengrass returns them.

#include "services/embedded/context.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cfnlocal::services::embedded::greengrass {

inline constexpr std::string_view kService = "greengrass";

/// BadRequestException, 400 (Greengrass's error for input it refuses).
[[noreturn]] void bad_request(const std::string &message);
/// IdNotFoundException, 404: a group or definition that does not exist.
[[noreturn]] void id_not_found(const std::string &message);
/// VersionNotFoundException, 404: a version that does not exist.
[[noreturn]] void version_not_found(const std::string &message);

/// A required id member (a path parameter): BadRequestException when missing or empty.
std::string required_id(const Json &input, std::string_view member);

/// "arn:PARTITION:greengrass:REGION:ACCOUNT:/greengrass/" + `path`.
std::string arn_of(const Context &c, std::string_view path);

/// A version ARN of this account and region taken apart: "/greengrass/definition/FAMILY/ID/
/// versions/VERSION" or "/greengrass/groups/ID/versions/VERSION" (family "groups").
struct VersionArn {
  std::string family;
  std::string id;
  std::string version;
};
std::optional<VersionArn> parse_version_arn(const Context &c, const std::string &arn);

/// The next number of the region's creation order (a counter record "sequence" "REGION"):
/// records keep it as "Sequence", and lists are in that order, oldest first, as Greengrass
/// lists them (timestamps of the same millisecond would not tell them apart).
int64_t next_sequence(Context &c);
/// Records sorted by their "Sequence".
std::vector<Json> in_creation_order(std::vector<std::pair<std::string, Json>> records);

/// `role` when it is the ARN of an IAM role of the embedded IAM; BadRequestException otherwise.
std::string checked_role(Context &c, const std::string &role);

/// Whether a definition version of `family` exists.
bool definition_version_exists(Context &c, std::string_view family, const std::string &id,
                               const std::string &version);

/// A tag map member checked as Greengrass checks tags (at most 50; keys 1-128, values 0-256).
Json checked_tags(const Json &input, std::string_view member);

/// The record a taggable resource ARN names (group or definition) as (kind, key); nullopt when
/// the ARN names none.
std::optional<std::pair<std::string, std::string>> tagged_record(Context &c,
                                                                 const std::string &arn);

/// Handlers of each part, added to `table` (greengrass_definitions.cc, greengrass_groups.cc).
void add_definition_handlers(HandlerTable &table);
void add_group_handlers(HandlerTable &table);

} // namespace cfnlocal::services::embedded::greengrass
