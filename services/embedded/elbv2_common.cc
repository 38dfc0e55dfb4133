#include "services/embedded/elbv2_common.h"

#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <set>

namespace cfnlocal::services::embedded::elbv2 {
namespace {

struct KindFacts {
  std::string_view kind;
  std::string_view arn_prefix; // the resource part of the ARN, up to the type's first slash
  std::string_view code;
  std::string_view message;
};

constexpr KindFacts kKinds[] = {
    {"load-balancer", "loadbalancer/", "LoadBalancerNotFound",
     "One or more load balancers not found"},
    {"target-group", "targetgroup/", "TargetGroupNotFound", "One or more target groups not found"},
    {"listener", "listener/", "ListenerNotFound", "One or more listeners not found"},
    {"rule", "listener-rule/", "RuleNotFound", "One or more rules not found"},
};

const KindFacts &facts(std::string_view kind) {
  for (const auto &k : kKinds)
    if (k.kind == kind)
      return k;
  throw std::logic_error("unknown elbv2 record kind");
}

} // namespace

void fail(std::string code, std::string message) {
  throw ServiceError(std::move(code), std::move(message), 400);
}

void invalid(std::string message) { fail("ValidationError", std::move(message)); }

std::string arn_of(const Context &c, std::string_view resource) {
  return fmt::format("arn:{}:elasticloadbalancing:{}:{}:{}", c.partition, c.region, c.account,
                     resource);
}

std::string new_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:016x}", rng());
}

std::optional<Json> find(Context &c, std::string_view kind, std::string_view arn) {
  return c.store.get_record(kService, kind, arn);
}

Json load(Context &c, std::string_view kind, std::string_view arn) {
  if (auto r = find(c, kind, arn))
    return *r;
  const KindFacts &f = facts(kind);
  fail(std::string(f.code), std::string(f.message));
}

void save(Context &c, std::string_view kind, std::string_view arn, const Json &record) {
  c.store.put_record(kService, kind, arn, record);
}

void erase(Context &c, std::string_view kind, std::string_view arn) {
  c.store.delete_record(kService, kind, arn);
  c.store.delete_record(kService, "tags", arn);
}

std::vector<Json> all(Context &c, std::string_view kind, std::string_view after_prefix) {
  std::string prefix = arn_of(c, std::string(facts(kind).arn_prefix) + std::string(after_prefix));
  std::vector<Json> out;
  for (auto &[key, value] : c.store.list_records(kService, kind, prefix))
    out.push_back(std::move(value));
  return out;
}

Json shown(const Json &record) {
  Json out = Json::object();
  for (const auto &[k, v] : record.items())
    if (!k.starts_with("_"))
      out[k] = v;
  return out;
}

std::string required(const Json &input, std::string_view member) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty()))
    invalid(fmt::format("A value for '{}' must be specified", lower_camel(member)));
  if (!it->is_string())
    invalid(fmt::format("The value of '{}' must be a string", lower_camel(member)));
  return it->get<std::string>();
}

std::vector<std::string> strings(const Json &input, std::string_view member) {
  std::vector<std::string> out;
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    return out;
  if (!it->is_array())
    invalid(fmt::format("The value of '{}' must be a list", lower_camel(member)));
  for (const auto &v : *it)
    out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}

std::optional<int64_t> bounded_int(const Json &input, std::string_view member, int64_t min,
                                   int64_t max) {
  auto v = optional_int(input, member);
  if (!v)
    return std::nullopt;
  if (*v < min || *v > max)
    invalid(fmt::format("1 validation error detected: Value '{}' at '{}' failed to satisfy "
                        "constraint: Member must have value {}",
                        *v, lower_camel(member),
                        *v < min ? fmt::format("greater than or equal to {}", min)
                                 : fmt::format("less than or equal to {}", max)));
  return v;
}

void check_name(std::string_view what, const std::string &name) {
  bool chars_ok = std::all_of(name.begin(), name.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-';
  });
  if (name.empty() || name.size() > 32 || !chars_ok)
    invalid(fmt::format("{} name '{}' can have a maximum of 32 characters, can contain only "
                        "alphanumeric characters and hyphens",
                        what, name));
  if (name.front() == '-' || name.back() == '-')
    invalid(fmt::format("{} name '{}' cannot begin or end with a hyphen", what, name));
}

Json page(const Json &input, const std::vector<Json> &items, Json &output) {
  size_t size = static_cast<size_t>(bounded_int(input, "PageSize", 1, 400).value_or(400));
  size_t start = 0;
  if (auto marker = optional_string(input, "Marker")) {
    try {
      start = std::stoul(*marker);
    } catch (const std::exception &) {
      invalid(fmt::format("The marker '{}' is not valid", *marker));
    }
  }
  Json out = Json::array();
  for (size_t i = start; i < items.size() && out.size() < size; ++i)
    out.push_back(items[i]);
  if (start + out.size() < items.size())
    output["NextMarker"] = std::to_string(start + out.size());
  return out;
}

Json tags_of(Context &c, std::string_view arn) {
  return c.store.get_record(kService, "tags", arn).value_or(Json::array());
}

void add_tags(Context &c, std::string_view arn, const Json &tags) {
  if (tags.is_null())
    return;
  if (!tags.is_array())
    invalid("Tags must be a list of Key and Value pairs");
  Json current = tags_of(c, arn);
  std::set<std::string> seen;
  for (const auto &t : tags) {
    std::string key = t.value("Key", "");
    if (key.empty() || key.size() > 128)
      invalid(fmt::format("Tag key '{}' must have between 1 and 128 characters", key));
    if (key.starts_with("aws:"))
      invalid(fmt::format("Tag key '{}' cannot start with the reserved prefix 'aws:'", key));
    if (!seen.insert(key).second)
      fail("DuplicateTagKeys", fmt::format("Tag key '{}' is specified more than once", key));
    std::string value =
        t.contains("Value") && t["Value"].is_string() ? t["Value"].get<std::string>() : "";
    if (value.size() > 256)
      invalid(fmt::format("Tag value for key '{}' can have at most 256 characters", key));
    auto it = std::find_if(current.begin(), current.end(),
                           [&](const Json &e) { return e.value("Key", "") == key; });
    if (it != current.end())
      (*it)["Value"] = value;
    else
      current.push_back({{"Key", key}, {"Value", value}});
  }
  if (current.size() > 50)
    fail("TooManyTags", "The quota for the number of tags that can be assigned to a load "
                        "balancer or target group has been reached");
  c.store.put_record(kService, "tags", arn, current);
}

void drop_tags(Context &c, std::string_view arn) { c.store.delete_record(kService, "tags", arn); }

std::vector<std::string> forwarded_groups(const Json &actions) {
  std::vector<std::string> out;
  auto add = [&](const std::string &arn) {
    if (!arn.empty() && std::find(out.begin(), out.end(), arn) == out.end())
      out.push_back(arn);
  };
  if (!actions.is_array())
    return out;
  for (const auto &a : actions) {
    if (a.value("Type", "") != "forward")
      continue;
    if (a.contains("TargetGroupArn") && a["TargetGroupArn"].is_string())
      add(a["TargetGroupArn"].get<std::string>());
    if (a.contains("ForwardConfig") && a["ForwardConfig"].is_object())
      for (const auto &g : a["ForwardConfig"].value("TargetGroups", Json::array()))
        add(g.value("TargetGroupArn", ""));
  }
  return out;
}

std::vector<std::string> load_balancers_of_group(Context &c, const std::string &target_group_arn) {
  std::set<std::string> lbs;
  auto forwards = [&](const Json &actions) {
    auto groups = forwarded_groups(actions);
    return std::find(groups.begin(), groups.end(), target_group_arn) != groups.end();
  };
  for (const auto &l : all(c, "listener"))
    if (forwards(l.value("DefaultActions", Json::array())))
      lbs.insert(l.value("LoadBalancerArn", ""));
  for (const auto &r : all(c, "rule"))
    if (forwards(r.value("Actions", Json::array())))
      if (auto l = find(c, "listener", r.value("_ListenerArn", "")))
        lbs.insert(l->value("LoadBalancerArn", ""));
  return {lbs.begin(), lbs.end()};
}

std::vector<std::string> listeners_using_certificate(Context &c,
                                                     const std::string &certificate_arn) {
  std::vector<std::string> out;
  // Listeners of every region of the account: ACM's InUseBy is regional, as are listeners.
  for (auto &[key, l] : c.store.list_records(kService, "listener")) {
    bool uses = false;
    for (const char *member : {"Certificates", "_ExtraCertificates"})
      for (const auto &cert : l.value(member, Json::array()))
        uses = uses || cert.value("CertificateArn", "") == certificate_arn;
    if (uses)
      out.push_back(key);
  }
  return out;
}

} // namespace cfnlocal::services::embedded::elbv2
