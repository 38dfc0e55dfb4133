// AWS::EC2::VPCEndpointService and AWS::EC2::VPCEndpointServicePermissions on EC2's endpoint
// service operations (see ec2_network_provider.h).
#include "providers/ec2_provider_parts.h"

#include "services/backend.h"

#include <algorithm>

namespace cfnlocal::providers::ec2 {
namespace {

std::vector<std::string> list_of(const Json &model, std::string_view member) {
  std::vector<std::string> out;
  if (auto it = model.find(member); it != model.end() && it->is_array())
    for (const auto &v : *it)
      out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}

// The members of `after` not in `before`.
Json missing_from(const std::vector<std::string> &before, const std::vector<std::string> &after) {
  Json out = Json::array();
  for (const auto &v : after)
    if (std::find(before.begin(), before.end(), v) == before.end())
      out.push_back(v);
  return out;
}

// ---- VPCEndpointService ---------------------------------------------------------------------

Json create_service(Call &call, Json p) {
  Json in = Json::object();
  for (const char *m : {"NetworkLoadBalancerArns", "GatewayLoadBalancerArns",
                        "SupportedIpAddressTypes", "SupportedRegions"})
    if (auto v = list_of(p, m); !v.empty())
      in[m] = v;
  if (auto v = flag(p, "AcceptanceRequired"))
    in["AcceptanceRequired"] = *v;
  if (Json specs = tag_specifications(p, "vpc-endpoint-service"); !specs.empty())
    in["TagSpecifications"] = specs;
  Json s = call.ec2("CreateVpcEndpointServiceConfiguration", in)
               .value("ServiceConfiguration", Json::object());
  p["ServiceId"] = s.value("ServiceId", "");
  return p;
}

std::optional<Json> read_service(Call &call, const std::string &id) {
  auto s = describe_one(call, "DescribeVpcEndpointServiceConfigurations",
                        {{"ServiceIds", Json::array({id})}}, "ServiceConfigurations");
  if (!s)
    return std::nullopt;
  Json model = {{"ServiceId", id},
                {"AcceptanceRequired", s->value("AcceptanceRequired", false)},
                {"PayerResponsibility", s->value("PayerResponsibility", "ServiceOwner")},
                {"SupportedIpAddressTypes", s->value("SupportedIpAddressTypes", Json::array())}};
  for (const char *m : {"NetworkLoadBalancerArns", "GatewayLoadBalancerArns"})
    if (Json arns = s->value(m, Json::array()); !arns.empty())
      model[m] = arns;
  Json regions = Json::array();
  for (const auto &r : s->value("SupportedRegions", Json::array()))
    regions.push_back(r.value("Region", ""));
  if (!regions.empty())
    model["SupportedRegions"] = regions;
  if (Json tags = s->value("Tags", Json::array()); !tags.empty())
    model["Tags"] = tags;
  return model;
}

Json update_service(Call &call, const std::string &id, const Json &previous, const Json &desired) {
  Json in = {{"ServiceId", id}};
  auto diff = [&](const char *member, const std::string &add, const std::string &remove) {
    auto before = list_of(previous, member), after = list_of(desired, member);
    if (Json added = missing_from(before, after); !added.empty())
      in[add] = added;
    if (Json removed = missing_from(after, before); !removed.empty())
      in[remove] = removed;
  };
  diff("NetworkLoadBalancerArns", "AddNetworkLoadBalancerArns", "RemoveNetworkLoadBalancerArns");
  diff("GatewayLoadBalancerArns", "AddGatewayLoadBalancerArns", "RemoveGatewayLoadBalancerArns");
  diff("SupportedIpAddressTypes", "AddSupportedIpAddressTypes", "RemoveSupportedIpAddressTypes");
  diff("SupportedRegions", "AddSupportedRegions", "RemoveSupportedRegions");
  if (flag(desired, "AcceptanceRequired") != flag(previous, "AcceptanceRequired"))
    in["AcceptanceRequired"] = flag(desired, "AcceptanceRequired").value_or(false);
  if (in.size() > 1)
    call.ec2("ModifyVpcEndpointServiceConfiguration", in);
  update_tags(call, id, previous, desired);
  return Json::object();
}

// Unsuccessful items of a batch delete as the service error they are.
void throw_unsuccessful(const Json &out) {
  for (const auto &u : out.value("Unsuccessful", Json::array())) {
    Json error = u.value("Error", Json::object());
    throw services::ServiceError(error.value("Code", "InvalidParameter"),
                                 error.value("Message", ""));
  }
}

void remove_service(Call &call, const std::string &id, const Json &) {
  throw_unsuccessful(
      call.ec2("DeleteVpcEndpointServiceConfigurations", {{"ServiceIds", Json::array({id})}}));
}

// ---- VPCEndpointServicePermissions ----------------------------------------------------------

Json create_permissions(Call &call, Json p) {
  std::string id = text(p, "ServiceId");
  Json in = {{"ServiceId", id}};
  if (auto principals = list_of(p, "AllowedPrincipals"); !principals.empty())
    in["AddAllowedPrincipals"] = principals;
  call.ec2("ModifyVpcEndpointServicePermissions", in);
  return p;
}

std::optional<Json> read_permissions(Call &call, const std::string &id) {
  Json out;
  try {
    out = call.ec2("DescribeVpcEndpointServicePermissions", {{"ServiceId", id}});
  } catch (const services::ServiceError &e) {
    if (e.code().ends_with(".NotFound"))
      return std::nullopt;
    throw;
  }
  Json principals = Json::array();
  for (const auto &p : out.value("AllowedPrincipals", Json::array()))
    principals.push_back(p.value("Principal", ""));
  Json model = {{"ServiceId", id}};
  if (!principals.empty())
    model["AllowedPrincipals"] = principals;
  return model;
}

Json update_permissions(Call &call, const std::string &id, const Json &previous,
                        const Json &desired) {
  auto before = list_of(previous, "AllowedPrincipals");
  auto after = list_of(desired, "AllowedPrincipals");
  Json in = {{"ServiceId", id}};
  if (Json added = missing_from(before, after); !added.empty())
    in["AddAllowedPrincipals"] = added;
  if (Json removed = missing_from(after, before); !removed.empty())
    in["RemoveAllowedPrincipals"] = removed;
  if (in.size() > 1)
    call.ec2("ModifyVpcEndpointServicePermissions", in);
  return Json::object();
}

void remove_permissions(Call &call, const std::string &id, const Json &model) {
  // The principals this resource allowed (others' stay); what EC2 lists when the model is gone.
  std::vector<std::string> principals = list_of(model, "AllowedPrincipals");
  if (model.is_null() || !model.contains("AllowedPrincipals"))
    if (auto now = read_permissions(call, id))
      principals = list_of(*now, "AllowedPrincipals");
  if (principals.empty())
    return;
  try {
    call.ec2("ModifyVpcEndpointServicePermissions",
             {{"ServiceId", id}, {"RemoveAllowedPrincipals", principals}});
  } catch (const services::ServiceError &e) {
    // The service went first (its permissions with it), or a principal is already gone.
    if (!e.code().ends_with(".NotFound") && e.code() != "InvalidParameterValue")
      throw;
  }
}

} // namespace

const TypeSteps &vpc_endpoint_service_steps() {
  static const TypeSteps steps{create_service, read_service, update_service, remove_service};
  return steps;
}
const TypeSteps &vpc_endpoint_service_permissions_steps() {
  static const TypeSteps steps{create_permissions, read_permissions, update_permissions,
                               remove_permissions};
  return steps;
}

} // namespace cfnlocal::providers::ec2
