#pragma once
/// \file
/// What the embedded Elastic Load Balancing (v2) operations share (internal to
/// services/embedded/): records, ARNs, paging, tags, actions and ELB's error codes (Elastic Load
/// Balancing API Reference, version 2015-12-01; botocore elbv2/2015-12-01, query protocol).
///
/// Records (service "elbv2"), each keyed by its ARN, which carries region and account:
/// - "load-balancer": the LoadBalancer shape, plus "_Attributes" {key: value}.
/// - "target-group": the TargetGroup shape (without LoadBalancerArns, which are derived from the
///   listeners and rules forwarding to it), plus "_Attributes" and "_Targets"
///   [{Id, Port, AvailabilityZone?}].
/// - "listener": the Listener shape, plus "_LoadBalancerType", "_DefaultRuleArn" and
///   "_ExtraCertificates" (the non-default certificates of AddListenerCertificates).
/// - "rule": the Rule shape of a non-default rule, plus "_ListenerArn".
/// - "tags": key ARN -> [{Key, Value}] for any of the above.
/// Members whose names start with "_" are dropped from responses.

#include "services/embedded/context.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::services::embedded::elbv2 {

constexpr std::string_view kService = "elbv2";

/// The handlers of each part, merged into elbv2_handlers().
const HandlerTable &load_balancer_handlers();
const HandlerTable &target_group_handlers();
const HandlerTable &listener_handlers();
const HandlerTable &rule_handlers();

// ---- errors -------------------------------------------------------------------------------

/// A ServiceError with ELB's code (the query protocol's "ValidationError",
/// "LoadBalancerNotFound", ...) and HTTP status 400.
[[noreturn]] void fail(std::string code, std::string message);
/// "ValidationError" with `message`.
[[noreturn]] void invalid(std::string message);

// ---- records ------------------------------------------------------------------------------

std::optional<Json> find(Context &c, std::string_view kind, std::string_view arn);
/// The record, or the kind's not-found error ("LoadBalancerNotFound: One or more load balancers
/// not found", TargetGroupNotFound, ListenerNotFound, RuleNotFound).
Json load(Context &c, std::string_view kind, std::string_view arn);
void save(Context &c, std::string_view kind, std::string_view arn, const Json &record);
void erase(Context &c, std::string_view kind, std::string_view arn);
/// Every record of `kind` in the call's region and account whose ARN starts with the kind's
/// prefix plus `after_prefix`, in ARN order.
std::vector<Json> all(Context &c, std::string_view kind, std::string_view after_prefix = {});
/// The record without its "_" members.
Json shown(const Json &record);
/// "arn:PARTITION:elasticloadbalancing:REGION:ACCOUNT:" + `resource`.
std::string arn_of(const Context &c, std::string_view resource);
/// 16 random hex digits, as ELB's resource ids.
std::string new_id();

// ---- members ------------------------------------------------------------------------------

/// A required string member: ValidationError "A VALUE for MEMBER must be specified" when absent.
std::string required(const Json &input, std::string_view member);
/// A list of strings ([] when absent).
std::vector<std::string> strings(const Json &input, std::string_view member);
/// An optional integer member in [min, max] (ValidationError otherwise).
std::optional<int64_t> bounded_int(const Json &input, std::string_view member, int64_t min,
                                   int64_t max);
/// Checks a load balancer's or target group's name: 1-32 characters, alphanumerics and hyphens,
/// not beginning or ending with a hyphen (ValidationError otherwise).
void check_name(std::string_view what, const std::string &name);

/// One page of `items` after the input's Marker (an index) of at most PageSize (1-400, default
/// 400) items; sets "NextMarker" on `output` when more remain.
Json page(const Json &input, const std::vector<Json> &items, Json &output);

// ---- tags ---------------------------------------------------------------------------------

/// The tags of a resource ([] when none).
Json tags_of(Context &c, std::string_view arn);
/// Merges `tags` ([{Key, Value}], checked: no "aws:" keys, no duplicates in one call, at most
/// 50 per resource) into the resource's tags.
void add_tags(Context &c, std::string_view arn, const Json &tags);
void drop_tags(Context &c, std::string_view arn);

// ---- relations ----------------------------------------------------------------------------

/// The target groups an action list forwards to (TargetGroupArn and ForwardConfig).
std::vector<std::string> forwarded_groups(const Json &actions);
/// The load balancers whose listeners or rules forward to `target_group_arn`, in ARN order.
std::vector<std::string> load_balancers_of_group(Context &c, const std::string &target_group_arn);
/// The listeners (ARNs) whose default or extra certificates include `certificate_arn`.
std::vector<std::string> listeners_using_certificate(Context &c,
                                                     const std::string &certificate_arn);

/// Checks and normalises an action list for a listener of `listener_protocol` on a load
/// balancer of `lb_type` in `vpc_id` (ELB's rules: one terminal action, last by Order;
/// forward to target groups that exist, are in the load balancer's VPC and speak a compatible
/// protocol; redirect, fixed-response and authenticate-* on Application Load Balancers only,
/// authenticate-* on HTTPS listeners only). Returns the actions as ELB describes them (Order
/// filled, ForwardConfig and TargetGroupArn both present for one target group, redirect's
/// "#{...}" defaults filled). `lb_arn` is checked against a Network Load Balancer target
/// group's other load balancer (TargetGroupAssociationLimit).
Json checked_actions(Context &c, const Json &actions, const std::string &lb_type,
                     const std::string &lb_arn, const std::string &vpc_id,
                     const std::string &listener_protocol);

} // namespace cfnlocal::services::embedded::elbv2
