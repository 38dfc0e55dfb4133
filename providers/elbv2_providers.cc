#include "providers/elbv2_providers.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kElb = "elbv2";
constexpr std::string_view kAcm = "acm";

// The numbers and booleans of ELB's and ACM's shapes, which CloudFormation may hand on as text.
Json typed_input(const Json &model) {
  return typed(from_json(model),
               {"Port", "HealthCheckIntervalSeconds", "HealthCheckTimeoutSeconds",
                "HealthyThresholdCount", "UnhealthyThresholdCount", "Order", "Weight",
                "DurationSeconds", "SessionTimeout", "Priority"},
               {"HealthCheckEnabled", "Enabled", "UseExistingClientSecret"});
}

// Redirect ports are text in ELB's shapes ("443", "#{port}"), unlike every other Port.
void redirect_ports_as_text(Json &actions) {
  if (!actions.is_array())
    return;
  for (auto &a : actions)
    if (a.contains("RedirectConfig") && a["RedirectConfig"].contains("Port") &&
        a["RedirectConfig"]["Port"].is_number())
      a["RedirectConfig"]["Port"] = a["RedirectConfig"]["Port"].dump();
}

void copy_members(Json &in, const Json &model, std::initializer_list<const char *> members) {
  for (const char *m : members)
    if (model.contains(m) && !model[m].is_null())
      in[m] = model[m];
}

bool changed(const Json &before, const Json &after, const char *member) {
  return before.value(member, Json()) != after.value(member, Json());
}

// [{Key, Value}] with values as text, as ELB's attributes are.
Json attributes_of(const Json &model, const char *member) {
  Json out = Json::array();
  for (const auto &a : model.value(member, Json::array())) {
    const Json &v = a.value("Value", Json(""));
    out.push_back(
        {{"Key", a.value("Key", "")}, {"Value", v.is_string() ? v.get<std::string>() : v.dump()}});
  }
  return out;
}

Json tags_of(const Json &model) { return tag_list(from_json(model).find("Tags")); }

// Whether a service error is the kind's own not-found code.
bool gone(const services::ServiceError &e, std::string_view code) { return e.code() == code; }

/// One handler call.
struct Call {
  services::Backend &backend;
  const ResourceHandlerRequest &request;
  RandomSource &random;
  const schema::ResourceType *type;
  Json elb(std::string_view operation, const Json &input) {
    return backend.call(kElb, operation, input);
  }
};

void update_tags(Call &call, const std::string &arn, const Json &previous, const Json &desired) {
  TagDiff diff = tag_diff(tags_of(previous), tags_of(desired));
  if (!diff.removed.empty())
    call.elb("RemoveTags", {{"ResourceArns", {arn}}, {"TagKeys", diff.removed}});
  if (!diff.set.empty())
    call.elb("AddTags", {{"ResourceArns", {arn}}, {"Tags", diff.set}});
}

Json described_tags(Call &call, const std::string &arn) {
  Json d = call.elb("DescribeTags", {{"ResourceArns", {arn}}});
  return d["TagDescriptions"].empty() ? Json::array()
                                      : d["TagDescriptions"][0].value("Tags", Json::array());
}

// A name CloudFormation generates for load balancers and target groups: stack-Logical-RANDOM
// within ELB's 32 characters of letters, digits and hyphens.
std::string generated(Call &call) {
  Json name_schema = {{"type", "string"}, {"maxLength", 32}, {"pattern", "^[A-Za-z0-9-]+$"}};
  std::string name = generated_name(name_schema, SynthesisScope::from(call.request), call.random);
  while (!name.empty() && name.front() == '-')
    name.erase(0, 1);
  if (name.starts_with("internal-"))
    name = "lb-" + name.substr(9);
  return name;
}

/// What the provider does for one type (as ec2_provider_parts.h's TypeSteps).
struct TypeSteps {
  Json (*create)(Call &, Json properties);
  std::optional<Json> (*read)(Call &, const std::string &id);
  Json (*update)(Call &, const std::string &id, const Json &previous, const Json &desired);
  void (*remove)(Call &, const std::string &id, const Json &model);
};

// ---- LoadBalancer ------------------------------------------------------------------------------

std::string after(const std::string &arn, std::string_view marker) {
  size_t at = arn.find(marker);
  return at == std::string::npos ? "" : arn.substr(at + marker.size());
}

std::optional<Json> describe_load_balancer(Call &call, const std::string &arn) {
  try {
    Json out = call.elb("DescribeLoadBalancers", {{"LoadBalancerArns", {arn}}});
    if (out["LoadBalancers"].empty())
      return std::nullopt;
    return out["LoadBalancers"][0];
  } catch (const services::ServiceError &e) {
    if (gone(e, "LoadBalancerNotFound"))
      return std::nullopt;
    throw;
  }
}

void fill_load_balancer(Json &model, const Json &lb) {
  std::string arn = lb.value("LoadBalancerArn", "");
  model["LoadBalancerArn"] = arn;
  model["LoadBalancerName"] = lb.value("LoadBalancerName", "");
  model["LoadBalancerFullName"] = after(arn, ":loadbalancer/");
  if (lb.contains("DNSName"))
    model["DNSName"] = lb["DNSName"];
  if (lb.contains("CanonicalHostedZoneId"))
    model["CanonicalHostedZoneID"] = lb["CanonicalHostedZoneId"];
  model["SecurityGroups"] = lb.value("SecurityGroups", Json::array());
}

Json create_load_balancer(Call &call, Json p) {
  if (!p.contains("Name") || p["Name"].is_null()) {
    p["Name"] = generated(call);
  } else {
    // CreateLoadBalancer answers an existing load balancer of the same name and settings with
    // itself; CloudFormation does not adopt it.
    try {
      call.elb("DescribeLoadBalancers", {{"Names", {p["Name"]}}});
      throw services::ServiceError(
          "DuplicateLoadBalancerName",
          fmt::format("A load balancer named '{}' already exists", p["Name"].get<std::string>()));
    } catch (const services::ServiceError &e) {
      if (e.code() != "LoadBalancerNotFound")
        throw;
    }
  }
  Json in = {{"Name", p["Name"]}};
  copy_members(in, typed_input(p),
               {"Type", "Scheme", "IpAddressType", "Subnets", "SubnetMappings", "SecurityGroups",
                "EnablePrefixForIpv6SourceNat"});
  if (Json tags = tags_of(p); !tags.empty())
    in["Tags"] = tags;
  Json lb = call.elb("CreateLoadBalancer", in)["LoadBalancers"][0];
  std::string arn = lb.value("LoadBalancerArn", "");
  try {
    if (Json attributes = attributes_of(p, "LoadBalancerAttributes"); !attributes.empty())
      call.elb("ModifyLoadBalancerAttributes",
               {{"LoadBalancerArn", arn}, {"Attributes", attributes}});
  } catch (const services::ServiceError &) {
    call.elb("DeleteLoadBalancer", {{"LoadBalancerArn", arn}});
    throw;
  }
  bool groups_given = p.contains("SecurityGroups") && !p["SecurityGroups"].is_null();
  Json given_groups = groups_given ? p["SecurityGroups"] : Json();
  fill_load_balancer(p, lb);
  if (groups_given)
    p["SecurityGroups"] = given_groups;
  return p;
}

std::optional<Json> read_load_balancer(Call &call, const std::string &arn) {
  auto lb = describe_load_balancer(call, arn);
  if (!lb)
    return std::nullopt;
  Json model = {{"Name", lb->value("LoadBalancerName", "")},
                {"Type", lb->value("Type", "")},
                {"IpAddressType", lb->value("IpAddressType", "")}};
  if (lb->contains("Scheme"))
    model["Scheme"] = (*lb)["Scheme"];
  Json subnets = Json::array();
  for (const auto &z : lb->value("AvailabilityZones", Json::array()))
    subnets.push_back(z.value("SubnetId", ""));
  model["Subnets"] = subnets;
  fill_load_balancer(model, *lb);
  if (Json tags = described_tags(call, arn); !tags.empty())
    model["Tags"] = tags;
  return model;
}

Json update_load_balancer(Call &call, const std::string &arn, const Json &previous,
                          const Json &desired) {
  Json in = typed_input(desired);
  Json out = Json::object();
  if (changed(previous, desired, "SecurityGroups") && desired.contains("SecurityGroups"))
    out["SecurityGroups"] =
        call.elb("SetSecurityGroups",
                 {{"LoadBalancerArn", arn}, {"SecurityGroups", desired["SecurityGroups"]}})
            .value("SecurityGroupIds", Json::array());
  if (changed(previous, desired, "Subnets") || changed(previous, desired, "SubnetMappings")) {
    Json set = {{"LoadBalancerArn", arn}};
    copy_members(set, in, {"Subnets", "SubnetMappings"});
    call.elb("SetSubnets", set);
  }
  if (changed(previous, desired, "IpAddressType") && desired.contains("IpAddressType"))
    call.elb("SetIpAddressType",
             {{"LoadBalancerArn", arn}, {"IpAddressType", desired["IpAddressType"]}});
  if (changed(previous, desired, "LoadBalancerAttributes"))
    if (Json attributes = attributes_of(desired, "LoadBalancerAttributes"); !attributes.empty())
      call.elb("ModifyLoadBalancerAttributes",
               {{"LoadBalancerArn", arn}, {"Attributes", attributes}});
  update_tags(call, arn, previous, desired);
  if (!desired.contains("SecurityGroups") && !out.contains("SecurityGroups"))
    if (auto lb = describe_load_balancer(call, arn))
      out["SecurityGroups"] = lb->value("SecurityGroups", Json::array());
  return out;
}

void remove_load_balancer(Call &call, const std::string &arn, const Json &) {
  call.elb("DeleteLoadBalancer", {{"LoadBalancerArn", arn}});
}

// ---- TargetGroup -------------------------------------------------------------------------------

constexpr const char *kHealthCheck[] = {
    "HealthCheckEnabled",    "HealthCheckIntervalSeconds", "HealthCheckPath",
    "HealthCheckPort",       "HealthCheckProtocol",        "HealthCheckTimeoutSeconds",
    "HealthyThresholdCount", "UnhealthyThresholdCount",    "Matcher"};

std::optional<Json> describe_target_group(Call &call, const std::string &arn) {
  try {
    Json out = call.elb("DescribeTargetGroups", {{"TargetGroupArns", {arn}}});
    if (out["TargetGroups"].empty())
      return std::nullopt;
    return out["TargetGroups"][0];
  } catch (const services::ServiceError &e) {
    if (gone(e, "TargetGroupNotFound"))
      return std::nullopt;
    throw;
  }
}

void fill_target_group(Json &model, const Json &group) {
  std::string arn = group.value("TargetGroupArn", "");
  model["TargetGroupArn"] = arn;
  model["TargetGroupName"] = group.value("TargetGroupName", "");
  model["TargetGroupFullName"] = "targetgroup/" + after(arn, ":targetgroup/");
  model["LoadBalancerArns"] = group.value("LoadBalancerArns", Json::array());
}

Json targets_of(const Json &model) {
  Json out = Json::array();
  for (const auto &t : typed_input(model).value("Targets", Json::array()))
    out.push_back(t);
  return out;
}

Json create_target_group(Call &call, Json p) {
  if (!p.contains("Name") || p["Name"].is_null()) {
    p["Name"] = generated(call);
  } else {
    // As for load balancers: an existing group of the same name is not adopted.
    try {
      call.elb("DescribeTargetGroups", {{"Names", {p["Name"]}}});
      throw services::ServiceError(
          "DuplicateTargetGroupName",
          fmt::format("A target group named '{}' already exists", p["Name"].get<std::string>()));
    } catch (const services::ServiceError &e) {
      if (e.code() != "TargetGroupNotFound")
        throw;
    }
  }
  Json typed_p = typed_input(p);
  Json in = {{"Name", p["Name"]}};
  copy_members(in, typed_p,
               {"Protocol", "ProtocolVersion", "Port", "VpcId", "TargetType", "IpAddressType"});
  for (const char *m : kHealthCheck)
    copy_members(in, typed_p, {m});
  if (in.contains("HealthCheckPort") && !in["HealthCheckPort"].is_string())
    in["HealthCheckPort"] = in["HealthCheckPort"].dump();
  if (Json tags = tags_of(p); !tags.empty())
    in["Tags"] = tags;
  Json group = call.elb("CreateTargetGroup", in)["TargetGroups"][0];
  std::string arn = group.value("TargetGroupArn", "");
  try {
    if (Json attributes = attributes_of(p, "TargetGroupAttributes"); !attributes.empty())
      call.elb("ModifyTargetGroupAttributes",
               {{"TargetGroupArn", arn}, {"Attributes", attributes}});
    if (Json targets = targets_of(p); !targets.empty())
      call.elb("RegisterTargets", {{"TargetGroupArn", arn}, {"Targets", targets}});
  } catch (const services::ServiceError &) {
    call.elb("DeleteTargetGroup", {{"TargetGroupArn", arn}});
    throw;
  }
  fill_target_group(p, group);
  return p;
}

std::optional<Json> read_target_group(Call &call, const std::string &arn) {
  auto group = describe_target_group(call, arn);
  if (!group)
    return std::nullopt;
  Json model = {{"Name", group->value("TargetGroupName", "")}};
  copy_members(model, *group,
               {"Protocol", "ProtocolVersion", "Port", "VpcId", "TargetType", "IpAddressType"});
  for (const char *m : kHealthCheck)
    copy_members(model, *group, {m});
  fill_target_group(model, *group);
  Json targets = Json::array();
  Json health = call.elb("DescribeTargetHealth", {{"TargetGroupArn", arn}});
  for (const auto &d : health.value("TargetHealthDescriptions", Json::array()))
    targets.push_back(d["Target"]);
  if (!targets.empty())
    model["Targets"] = targets;
  if (Json tags = described_tags(call, arn); !tags.empty())
    model["Tags"] = tags;
  return model;
}

Json update_target_group(Call &call, const std::string &arn, const Json &previous,
                         const Json &desired) {
  Json typed_d = typed_input(desired);
  Json modify = {{"TargetGroupArn", arn}};
  bool health_changed = false;
  for (const char *m : kHealthCheck)
    if (changed(previous, desired, m) && typed_d.contains(m)) {
      modify[m] = typed_d[m];
      health_changed = true;
    }
  if (modify.contains("HealthCheckPort") && !modify["HealthCheckPort"].is_string())
    modify["HealthCheckPort"] = modify["HealthCheckPort"].dump();
  if (health_changed)
    call.elb("ModifyTargetGroup", modify);
  if (changed(previous, desired, "TargetGroupAttributes"))
    if (Json attributes = attributes_of(desired, "TargetGroupAttributes"); !attributes.empty())
      call.elb("ModifyTargetGroupAttributes",
               {{"TargetGroupArn", arn}, {"Attributes", attributes}});
  if (changed(previous, desired, "Targets")) {
    Json before = targets_of(previous), now = targets_of(desired);
    Json gone_targets = Json::array(), added = Json::array();
    for (const auto &t : before)
      if (std::find(now.begin(), now.end(), t) == now.end())
        gone_targets.push_back(t);
    for (const auto &t : now)
      if (std::find(before.begin(), before.end(), t) == before.end())
        added.push_back(t);
    if (!gone_targets.empty())
      call.elb("DeregisterTargets", {{"TargetGroupArn", arn}, {"Targets", gone_targets}});
    if (!added.empty())
      call.elb("RegisterTargets", {{"TargetGroupArn", arn}, {"Targets", added}});
  }
  update_tags(call, arn, previous, desired);
  return Json::object();
}

void remove_target_group(Call &call, const std::string &arn, const Json &) {
  call.elb("DeleteTargetGroup", {{"TargetGroupArn", arn}});
}

// ---- Listener ----------------------------------------------------------------------------------

std::optional<Json> describe_listener(Call &call, const std::string &arn) {
  try {
    Json out = call.elb("DescribeListeners", {{"ListenerArns", {arn}}});
    if (out["Listeners"].empty())
      return std::nullopt;
    return out["Listeners"][0];
  } catch (const services::ServiceError &e) {
    if (gone(e, "ListenerNotFound"))
      return std::nullopt;
    throw;
  }
}

Json listener_input(const Json &model) {
  Json in = Json::object();
  copy_members(in, typed_input(model),
               {"Protocol", "Port", "SslPolicy", "Certificates", "DefaultActions", "AlpnPolicy",
                "MutualAuthentication"});
  if (in.contains("DefaultActions"))
    redirect_ports_as_text(in["DefaultActions"]);
  return in;
}

Json create_listener(Call &call, Json p) {
  Json in = listener_input(p);
  in["LoadBalancerArn"] = p.value("LoadBalancerArn", "");
  p["ListenerArn"] = call.elb("CreateListener", in)["Listeners"][0].value("ListenerArn", "");
  return p;
}

std::optional<Json> read_listener(Call &call, const std::string &arn) {
  auto l = describe_listener(call, arn);
  if (!l)
    return std::nullopt;
  Json model = Json::object();
  copy_members(model, *l,
               {"ListenerArn", "LoadBalancerArn", "Port", "Protocol", "SslPolicy", "Certificates",
                "DefaultActions", "AlpnPolicy"});
  return model;
}

Json update_listener(Call &call, const std::string &arn, const Json &, const Json &desired) {
  Json in = listener_input(desired);
  in["ListenerArn"] = arn;
  call.elb("ModifyListener", in);
  return Json::object();
}

void remove_listener(Call &call, const std::string &arn, const Json &) {
  call.elb("DeleteListener", {{"ListenerArn", arn}});
}

// ---- ListenerRule ------------------------------------------------------------------------------

std::optional<Json> describe_rule(Call &call, const std::string &arn) {
  try {
    Json out = call.elb("DescribeRules", {{"RuleArns", {arn}}});
    if (out["Rules"].empty())
      return std::nullopt;
    return out["Rules"][0];
  } catch (const services::ServiceError &e) {
    if (gone(e, "RuleNotFound"))
      return std::nullopt;
    throw;
  }
}

Json create_rule(Call &call, Json p) {
  Json typed_p = typed_input(p);
  Json in = Json::object();
  copy_members(in, typed_p, {"ListenerArn", "Priority", "Conditions", "Actions", "Transforms"});
  if (in.contains("Actions"))
    redirect_ports_as_text(in["Actions"]);
  Json rule = call.elb("CreateRule", in)["Rules"][0];
  p["RuleArn"] = rule.value("RuleArn", "");
  p["IsDefault"] = false;
  return p;
}

std::optional<Json> read_rule(Call &call, const std::string &arn) {
  auto rule = describe_rule(call, arn);
  if (!rule)
    return std::nullopt;
  Json model = Json::object();
  copy_members(model, *rule, {"RuleArn", "Conditions", "Actions", "IsDefault"});
  std::string priority = rule->value("Priority", "");
  if (priority != "default")
    model["Priority"] = std::stoi(priority);
  return model;
}

Json update_rule(Call &call, const std::string &arn, const Json &previous, const Json &desired) {
  Json typed_d = typed_input(desired);
  Json in = {{"RuleArn", arn}};
  copy_members(in, typed_d, {"Conditions", "Actions"});
  if (in.contains("Actions"))
    redirect_ports_as_text(in["Actions"]);
  call.elb("ModifyRule", in);
  if (changed(previous, desired, "Priority"))
    call.elb("SetRulePriorities",
             {{"RulePriorities", {{{"RuleArn", arn}, {"Priority", typed_d["Priority"]}}}}});
  return Json::object();
}

void remove_rule(Call &call, const std::string &arn, const Json &) {
  call.elb("DeleteRule", {{"RuleArn", arn}});
}

// ---- ListenerCertificate -----------------------------------------------------------------------

std::string listener_of_id(const std::string &id) { return id.substr(0, id.find('|')); }

Json certificate_arns(const Json &model) {
  Json out = Json::array();
  for (const auto &c : model.value("Certificates", Json::array()))
    out.push_back({{"CertificateArn", c.value("CertificateArn", "")}});
  return out;
}

Json create_listener_certificate(Call &call, Json p) {
  Json certs = certificate_arns(p);
  std::string listener = p.value("ListenerArn", "");
  call.elb("AddListenerCertificates", {{"ListenerArn", listener}, {"Certificates", certs}});
  p["Id"] = listener + "|" + (certs.empty() ? "" : certs[0].value("CertificateArn", ""));
  return p;
}

std::optional<Json> read_listener_certificate(Call &call, const std::string &id) {
  std::string listener = listener_of_id(id);
  if (!describe_listener(call, listener))
    return std::nullopt;
  Json certs = Json::array();
  Json listed = call.elb("DescribeListenerCertificates", {{"ListenerArn", listener}});
  for (const auto &c : listed.value("Certificates", Json::array()))
    if (!c.value("IsDefault", false))
      certs.push_back({{"CertificateArn", c.value("CertificateArn", "")}});
  return Json{{"Id", id}, {"ListenerArn", listener}, {"Certificates", certs}};
}

Json update_listener_certificate(Call &call, const std::string &id, const Json &previous,
                                 const Json &desired) {
  std::string listener = listener_of_id(id);
  Json before = certificate_arns(previous), now = certificate_arns(desired);
  Json removed = Json::array(), added = Json::array();
  for (const auto &c : before)
    if (std::find(now.begin(), now.end(), c) == now.end())
      removed.push_back(c);
  for (const auto &c : now)
    if (std::find(before.begin(), before.end(), c) == before.end())
      added.push_back(c);
  if (!added.empty())
    call.elb("AddListenerCertificates", {{"ListenerArn", listener}, {"Certificates", added}});
  if (!removed.empty())
    call.elb("RemoveListenerCertificates", {{"ListenerArn", listener}, {"Certificates", removed}});
  return Json::object();
}

void remove_listener_certificate(Call &call, const std::string &id, const Json &model) {
  Json certs = certificate_arns(model);
  if (!certs.empty())
    call.elb("RemoveListenerCertificates",
             {{"ListenerArn", listener_of_id(id)}, {"Certificates", certs}});
}

// ---- CertificateManager::Certificate -----------------------------------------------------------

std::optional<Json> describe_certificate(Call &call, const std::string &arn) {
  try {
    return call.backend.call(kAcm, "DescribeCertificate", {{"CertificateArn", arn}})["Certificate"];
  } catch (const services::ServiceError &e) {
    if (gone(e, "ResourceNotFoundException"))
      return std::nullopt;
    throw;
  }
}

Json create_certificate(Call &call, Json p) {
  Json in = Json::object();
  copy_members(in, p,
               {"DomainName", "SubjectAlternativeNames", "ValidationMethod", "KeyAlgorithm",
                "CertificateAuthorityArn"});
  if (p.contains("DomainValidationOptions")) {
    Json options = Json::array();
    for (const auto &o : p["DomainValidationOptions"]) {
      // HostedZoneId tells CloudFormation where to write the validation record; ACM takes the
      // domain and, for e-mail validation, the validation domain.
      Json option = {{"DomainName", o.value("DomainName", "")}};
      option["ValidationDomain"] = o.value("ValidationDomain", o.value("DomainName", ""));
      options.push_back(option);
    }
    if (p.value("ValidationMethod", "") != "DNS")
      in["DomainValidationOptions"] = options;
  }
  if (p.contains("CertificateTransparencyLoggingPreference"))
    in["Options"] = {{"CertificateTransparencyLoggingPreference",
                      p["CertificateTransparencyLoggingPreference"]}};
  if (Json tags = tags_of(p); !tags.empty())
    in["Tags"] = tags;
  in["IdempotencyToken"] = call.random.lower_alnum(32);
  p["Id"] = call.backend.call(kAcm, "RequestCertificate", in).value("CertificateArn", "");
  return p;
}

std::optional<Json> read_certificate(Call &call, const std::string &arn) {
  auto cert = describe_certificate(call, arn);
  if (!cert)
    return std::nullopt;
  Json model = {{"Id", arn}};
  copy_members(model, *cert, {"DomainName", "KeyAlgorithm", "CertificateAuthorityArn"});
  Json names = cert->value("SubjectAlternativeNames", Json::array());
  if (names.size() > 1)
    model["SubjectAlternativeNames"] = names;
  if (cert->contains("Options"))
    model["CertificateTransparencyLoggingPreference"] =
        (*cert)["Options"].value("CertificateTransparencyLoggingPreference", "ENABLED");
  Json tags = call.backend.call(kAcm, "ListTagsForCertificate", {{"CertificateArn", arn}})
                  .value("Tags", Json::array());
  if (!tags.empty())
    model["Tags"] = tags;
  return model;
}

Json update_certificate(Call &call, const std::string &arn, const Json &previous,
                        const Json &desired) {
  if (changed(previous, desired, "CertificateTransparencyLoggingPreference"))
    call.backend.call(kAcm, "UpdateCertificateOptions",
                      {{"CertificateArn", arn},
                       {"Options",
                        {{"CertificateTransparencyLoggingPreference",
                          desired.value("CertificateTransparencyLoggingPreference", "ENABLED")}}}});
  TagDiff diff = tag_diff(tags_of(previous), tags_of(desired));
  if (!diff.removed.empty()) {
    Json keys = Json::array();
    for (const auto &k : diff.removed)
      keys.push_back({{"Key", k}});
    call.backend.call(kAcm, "RemoveTagsFromCertificate", {{"CertificateArn", arn}, {"Tags", keys}});
  }
  if (!diff.set.empty())
    call.backend.call(kAcm, "AddTagsToCertificate", {{"CertificateArn", arn}, {"Tags", diff.set}});
  return Json::object();
}

void remove_certificate(Call &call, const std::string &arn, const Json &) {
  call.backend.call(kAcm, "DeleteCertificate", {{"CertificateArn", arn}});
}

// ---- dispatch ----------------------------------------------------------------------------------

const std::map<std::string, TypeSteps, std::less<>> &steps_by_type() {
  static const std::map<std::string, TypeSteps, std::less<>> table = {
      {"AWS::ElasticLoadBalancingV2::LoadBalancer",
       {create_load_balancer, read_load_balancer, update_load_balancer, remove_load_balancer}},
      {"AWS::ElasticLoadBalancingV2::TargetGroup",
       {create_target_group, read_target_group, update_target_group, remove_target_group}},
      {"AWS::ElasticLoadBalancingV2::Listener",
       {create_listener, read_listener, update_listener, remove_listener}},
      {"AWS::ElasticLoadBalancingV2::ListenerRule",
       {create_rule, read_rule, update_rule, remove_rule}},
      {"AWS::ElasticLoadBalancingV2::ListenerCertificate",
       {create_listener_certificate, read_listener_certificate, update_listener_certificate,
        remove_listener_certificate}},
      {"AWS::CertificateManager::Certificate",
       {create_certificate, read_certificate, update_certificate, remove_certificate}},
  };
  return table;
}

const TypeSteps *steps_for(std::string_view type) {
  auto it = steps_by_type().find(type);
  return it == steps_by_type().end() ? nullptr : &it->second;
}

std::string_view service_label(std::string_view type) {
  return type.starts_with("AWS::CertificateManager::") ? "CertificateManager"
                                                       : "ElasticLoadBalancingV2";
}

} // namespace

const std::vector<std::string> &LoadBalancingProvider::types() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto &[name, steps] : steps_by_type())
      out.push_back(name);
    return out;
  }();
  return names;
}

ProgressEvent LoadBalancingProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  const TypeSteps *steps = steps_for(request.type_name);
  if (!type || !steps)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Call call{backend_, request, random_, type};
  try {
    return ProgressEvent::success(from_json(steps->create(call, to_json(properties))));
  } catch (const services::ServiceError &e) {
    return failure_from(e, service_label(request.type_name));
  }
}

ProgressEvent LoadBalancingProvider::read(const ResourceHandlerRequest &request) {
  const TypeSteps *steps = steps_for(request.type_name);
  if (!steps)
    return unknown_type(request.type_name);
  Call call{backend_, request, random_, type_of(request.type_name)};
  try {
    auto model = steps->read(call, request.physical_id);
    if (!model)
      return not_found(request.type_name, request.physical_id);
    return ProgressEvent::success(from_json(*model));
  } catch (const services::ServiceError &e) {
    return failure_from(e, service_label(request.type_name));
  }
}

ProgressEvent LoadBalancingProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  const TypeSteps *steps = steps_for(request.type_name);
  if (!type || !steps)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto refusal = update_refusal(*type, request, request.previous_state, desired))
    return *refusal;
  Call call{backend_, request, random_, type};
  try {
    if (!steps->read(call, request.physical_id))
      return not_found(request.type_name, request.physical_id);
    Json changed_members =
        steps->update(call, request.physical_id, to_json(request.previous_state), to_json(desired));
    Value model = merged_model(*type, request, request.previous_state);
    for (const auto &[k, v] : changed_members.items())
      model.set(k, from_json(v));
    return ProgressEvent::success(std::move(model));
  } catch (const services::ServiceError &e) {
    return failure_from(e, service_label(request.type_name));
  }
}

ProgressEvent LoadBalancingProvider::remove(const ResourceHandlerRequest &request) {
  const TypeSteps *steps = steps_for(request.type_name);
  if (!steps)
    return unknown_type(request.type_name);
  Call call{backend_, request, random_, type_of(request.type_name)};
  try {
    if (!steps->read(call, request.physical_id))
      return not_found(request.type_name, request.physical_id);
    Json model =
        request.previous_state.is_null() ? Json::object() : to_json(request.previous_state);
    steps->remove(call, request.physical_id, model);
    return ProgressEvent::success(Value());
  } catch (const services::ServiceError &e) {
    return failure_from(e, service_label(request.type_name));
  }
}

ProgressEvent LoadBalancingProvider::list(const ResourceHandlerRequest &request) {
  struct Listing {
    std::string_view type, service, operation, list, id, member;
  };
  static constexpr Listing kListings[] = {
      {"AWS::ElasticLoadBalancingV2::LoadBalancer", kElb, "DescribeLoadBalancers", "LoadBalancers",
       "LoadBalancerArn", "LoadBalancerArn"},
      {"AWS::ElasticLoadBalancingV2::TargetGroup", kElb, "DescribeTargetGroups", "TargetGroups",
       "TargetGroupArn", "TargetGroupArn"},
      {"AWS::CertificateManager::Certificate", kAcm, "ListCertificates", "CertificateSummaryList",
       "CertificateArn", "Id"},
  };
  if (!steps_for(request.type_name))
    return unknown_type(request.type_name);
  ProgressEvent event = ProgressEvent::success(Value());
  try {
    for (const auto &l : kListings) {
      if (l.type != request.type_name)
        continue;
      Json out = backend_.call(l.service, l.operation, Json::object());
      for (const auto &item : out.value(std::string(l.list), Json::array()))
        event.resource_models.push_back(
            Value::object({{std::string(l.member), Value(item.value(std::string(l.id), "")), {}}}));
    }
  } catch (const services::ServiceError &e) {
    return failure_from(e, service_label(request.type_name));
  }
  return event;
}

std::optional<Value> LoadBalancingProvider::get_att(const ResourceHandlerRequest &request,
                                                    const Value &model,
                                                    std::string_view attribute) const {
  if (request.type_name == "AWS::ElasticLoadBalancingV2::TargetGroup" &&
      attribute == "LoadBalancerArns") {
    std::string arn = string_of(model, "TargetGroupArn");
    try {
      Json out = backend_.call(kElb, "DescribeTargetGroups", {{"TargetGroupArns", {arn}}});
      if (!out["TargetGroups"].empty())
        return from_json(out["TargetGroups"][0].value("LoadBalancerArns", Json::array()));
    } catch (const services::ServiceError &) {
      // Gone: the stored model answers.
    }
  }
  return GenericProvider::get_att(request, model, attribute);
}

} // namespace cfnlocal::providers
