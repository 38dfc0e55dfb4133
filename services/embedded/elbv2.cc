// The embedded Elastic Load Balancing v2 control plane (botocore elbv2/2015-12-01, query
// protocol): the operations of elbv2_load_balancers.cc, elbv2_target_groups.cc,
// elbv2_listeners.cc and elbv2_rules.cc, and the tag operations every resource shares
// (AddTags, RemoveTags, DescribeTags: up to 20 resources per call, 50 tags per resource).
#include "services/embedded/elbv2_common.h"

#include <fmt/format.h>

namespace cfnlocal::services::embedded {
namespace elbv2 {
namespace {

// The record kind of an ARN, checked to exist (the kind's not-found error otherwise).
std::string_view existing_kind(Context &c, const std::string &arn) {
  std::string_view kind = arn.find(":loadbalancer/") != std::string::npos    ? "load-balancer"
                          : arn.find(":targetgroup/") != std::string::npos   ? "target-group"
                          : arn.find(":listener/") != std::string::npos      ? "listener"
                          : arn.find(":listener-rule/") != std::string::npos ? "rule"
                                                                             : "";
  if (kind.empty())
    invalid(
        fmt::format("'{}' is not a valid load balancer, target group, listener or rule ARN", arn));
  if (find(c, kind, arn))
    return kind;
  if (kind == "rule")
    for (const auto &l : all(c, "listener"))
      if (l.value("_DefaultRuleArn", "") == arn)
        return kind;
  load(c, kind, arn); // throws the kind's not-found error
  return kind;
}

std::vector<std::string> resource_arns(const Json &input) {
  auto arns = strings(input, "ResourceArns");
  if (arns.empty())
    invalid("At least one resource ARN must be specified");
  if (arns.size() > 20)
    invalid("At most 20 resource ARNs can be specified");
  return arns;
}

Json add_tags_op(Context &c, const Json &input) {
  Json tags = input.value("Tags", Json::array());
  if (!tags.is_array() || tags.empty())
    invalid("At least one tag must be specified");
  for (const auto &arn : resource_arns(input)) {
    existing_kind(c, arn);
    add_tags(c, arn, tags);
  }
  return Json::object();
}

Json remove_tags_op(Context &c, const Json &input) {
  auto keys = strings(input, "TagKeys");
  for (const auto &arn : resource_arns(input)) {
    existing_kind(c, arn);
    Json kept = Json::array();
    for (const auto &t : tags_of(c, arn))
      if (std::find(keys.begin(), keys.end(), t.value("Key", "")) == keys.end())
        kept.push_back(t);
    drop_tags(c, arn);
    if (!kept.empty())
      add_tags(c, arn, kept);
  }
  return Json::object();
}

Json describe_tags_op(Context &c, const Json &input) {
  Json out = Json::array();
  for (const auto &arn : resource_arns(input)) {
    existing_kind(c, arn);
    out.push_back({{"ResourceArn", arn}, {"Tags", tags_of(c, arn)}});
  }
  return {{"TagDescriptions", out}};
}

} // namespace
} // namespace elbv2

const HandlerTable &elbv2_handlers() {
  static const HandlerTable table = [] {
    HandlerTable t = {
        {"AddTags", elbv2::add_tags_op},
        {"RemoveTags", elbv2::remove_tags_op},
        {"DescribeTags", elbv2::describe_tags_op},
    };
    for (const HandlerTable *part :
         {&elbv2::load_balancer_handlers(), &elbv2::target_group_handlers(),
          &elbv2::listener_handlers(), &elbv2::rule_handlers()})
      t.insert(part->begin(), part->end());
    return t;
  }();
  return table;
}

} // namespace cfnlocal::services::embedded
