#pragma once
/// \file
/// What the embedded Amazon EC2 networking operations share (internal to services/embedded/):
/// resource records, ids, CIDR arithmetic, tags, filters and EC2's error codes and messages
/// (Amazon EC2 API Reference, "Error codes for the Amazon EC2 API").
///
/// Records: service "ec2", kind per resource ("vpc", "subnet", "security-group",
/// "internet-gateway", "route-table", "network-acl", "address", "nat-gateway", "vpc-endpoint",
/// "vpc-endpoint-service", "vpc-peering-connection", "key-pair"),
/// key "REGION:ID" -> the resource as the Describe operation returns it (botocore ec2/2016-11-15
/// shapes: Vpc, Subnet, SecurityGroup, ...), plus members whose names start with "_" that are
/// kept for the service itself and dropped from responses (a VPC's DNS attributes, a security
/// group's rules one by one).

#include "services/embedded/context.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::services::embedded::ec2 {

constexpr std::string_view kService = "ec2";

/// The handlers of each part, merged into ec2_handlers().
const HandlerTable &vpc_handlers();
const HandlerTable &security_group_handlers();
const HandlerTable &routing_handlers();
const HandlerTable &gateway_handlers();
const HandlerTable &endpoint_service_handlers();
const HandlerTable &peering_handlers();
const HandlerTable &key_pair_handlers();
const HandlerTable &offering_handlers();

// ---- records -----------------------------------------------------------------------------

/// The record of `kind` with `id` in the call's region, or nullopt.
std::optional<Json> find(Context &c, std::string_view kind, std::string_view id);
/// The record, or EC2's not-found error for it (`InvalidVpcID.NotFound`: "The vpc ID 'vpc-x'
/// does not exist", ...).
Json load(Context &c, std::string_view kind, std::string_view id);
void save(Context &c, std::string_view kind, std::string_view id, const Json &record);
void erase(Context &c, std::string_view kind, std::string_view id);
/// Every record of `kind` in the call's region, in id order.
std::vector<Json> all(Context &c, std::string_view kind);
/// The record's id member ("VpcId", "GroupId", ...) for `kind`.
std::string_view id_member(std::string_view kind);
/// The record without its "_" members, as responses show it.
Json shown(const Json &record);

/// EC2's not-found error for `kind`'s id.
[[noreturn]] void not_found(std::string_view kind, std::string_view id);
/// A ServiceError with EC2's HTTP status (400).
[[noreturn]] void fail(std::string code, std::string message);
/// "InvalidParameterValue: Value (V) for parameter P is invalid. WHY".
[[noreturn]] void invalid_value(std::string_view parameter, std::string_view value,
                                std::string_view why = {});

/// A new id: PREFIX + "-0" + 16 hex digits, as EC2's long ids ("vpc-0a1b2c3d4e5f60718").
std::string new_id(std::string_view prefix);

/// Makes sure the region's default VPC exists (172.31.0.0/16 with a default subnet per
/// Availability Zone, an attached internet gateway, its main route table, default security group
/// and network ACL), as every account has one ("Default VPCs", Amazon VPC User Guide).
void ensure_default_vpc(Context &c);
/// The Availability Zones of the call's region ("us-east-1a".."us-east-1f").
std::vector<std::string> availability_zones(const Context &c);
/// The zone id of a zone name ("use1-az1" for "us-east-1a").
std::string zone_id(const Context &c, std::string_view zone);

// ---- members -----------------------------------------------------------------------------

/// A required string member: MissingParameter "The request must contain the parameter X"
/// when absent.
std::string required(const Json &input, std::string_view member);
/// A list of strings member ([] when absent).
std::vector<std::string> strings(const Json &input, std::string_view member);
/// A {Value: bool} member (AttributeBooleanValue), or nullopt.
std::optional<bool> attribute_bool(const Json &input, std::string_view member);

// ---- CIDR blocks -------------------------------------------------------------------------

/// An IPv4 CIDR block: network address and prefix length.
struct Cidr4 {
  uint32_t address = 0;
  int prefix = 0;
  uint32_t mask() const { return prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix); }
  uint32_t first() const { return address & mask(); }
  uint32_t last() const { return first() | ~mask(); }
  bool contains(const Cidr4 &inner) const {
    return inner.prefix >= prefix && (inner.address & mask()) == first();
  }
  bool overlaps(const Cidr4 &other) const {
    return first() <= other.last() && other.first() <= last();
  }
  std::string text() const;
};
/// Parses "10.0.0.0/16" (host bits must be zero when `strict`); nullopt when malformed.
std::optional<Cidr4> parse_cidr4(std::string_view text, bool strict = true);
/// An IPv4 address as text.
std::string ipv4_text(uint32_t address);

/// An IPv6 CIDR block (16 bytes, prefix length).
struct Cidr6 {
  std::array<uint8_t, 16> address{};
  int prefix = 0;
  bool contains(const Cidr6 &inner) const;
  bool overlaps(const Cidr6 &other) const;
  std::string text() const;
};
std::optional<Cidr6> parse_cidr6(std::string_view text);

// ---- tags and filters --------------------------------------------------------------------

/// The tags of `TagSpecifications` for `resource_type` ("vpc"), checked as EC2 checks them
/// (InvalidParameterValue for keys starting with "aws:", TagLimitExceeded beyond 50).
Json tags_for(const Json &input, std::string_view resource_type);
/// Sets (replacing values of existing keys) `tags` on a record's "Tags".
void put_tags(Json &record, const Json &tags);

/// The values a resource has for a filter name ("vpc-id", "tag:Name", ...); nullopt when the
/// name is not a filter of that resource type.
using FilterValues = std::optional<std::vector<std::string>> (*)(const Json &record,
                                                                 std::string_view name);
/// The records matching every filter of the input's "Filters" (values are globs with * and ?)
/// and, when `ids_member` is given and present, whose id is listed there (the first id that
/// is not a record is EC2's not-found error). InvalidParameterValue for an unknown filter name.
std::vector<Json> describe(Context &c, std::string_view kind, const Json &input,
                           std::string_view ids_member, FilterValues values);
/// The filter values every resource type has: tag:KEY, tag-key, owner-id.
std::optional<std::vector<std::string>> common_filter(const Json &record, std::string_view name);

} // namespace cfnlocal::services::embedded::ec2

namespace cfnlocal::services::embedded::ec2 {

/// Creates a VPC record with its main route table (a local route), default security group
/// and default network ACL; returns the VPC record. The caller has checked the CIDR block.
Json make_vpc(Context &c, const Cidr4 &cidr, bool is_default, const Json &tags,
              const std::string &tenancy);
/// The endpoint service (its record) that an interface or Gateway Load Balancer endpoint names
/// ("com.amazonaws.vpce.REGION.vpce-svc-..."), or nullopt when the name is not one of the
/// region's endpoint services.
std::optional<Json> endpoint_service_named(Context &c, std::string_view service_name);

/// Creates a subnet record in `vpc` (associated with the VPC's default network ACL).
Json make_subnet(Context &c, const Json &vpc, const Cidr4 &cidr, const std::string &zone,
                 bool default_for_az, const Json &tags);

} // namespace cfnlocal::services::embedded::ec2
