#include "providers/ec2_network_provider.h"

#include "providers/ec2_provider_parts.h"
#include "providers/model_access.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

#include <map>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "Ec2";

const std::map<std::string, const ec2::TypeSteps *, std::less<>> &steps_by_type() {
  static const std::map<std::string, const ec2::TypeSteps *, std::less<>> table = {
      {"AWS::EC2::VPC", &ec2::vpc_steps()},
      {"AWS::EC2::VPCCidrBlock", &ec2::vpc_cidr_block_steps()},
      {"AWS::EC2::Subnet", &ec2::subnet_steps()},
      {"AWS::EC2::SecurityGroup", &ec2::security_group_steps()},
      {"AWS::EC2::SecurityGroupIngress", &ec2::security_group_ingress_steps()},
      {"AWS::EC2::SecurityGroupEgress", &ec2::security_group_egress_steps()},
      {"AWS::EC2::InternetGateway", &ec2::internet_gateway_steps()},
      {"AWS::EC2::VPCGatewayAttachment", &ec2::gateway_attachment_steps()},
      {"AWS::EC2::RouteTable", &ec2::route_table_steps()},
      {"AWS::EC2::Route", &ec2::route_steps()},
      {"AWS::EC2::SubnetRouteTableAssociation", &ec2::subnet_route_table_association_steps()},
      {"AWS::EC2::EIP", &ec2::eip_steps()},
      {"AWS::EC2::NatGateway", &ec2::nat_gateway_steps()},
      {"AWS::EC2::VPCEndpoint", &ec2::vpc_endpoint_steps()},
      {"AWS::EC2::VPCEndpointService", &ec2::vpc_endpoint_service_steps()},
      {"AWS::EC2::VPCEndpointServicePermissions", &ec2::vpc_endpoint_service_permissions_steps()},
      {"AWS::EC2::VPCPeeringConnection", &ec2::vpc_peering_connection_steps()},
      {"AWS::EC2::KeyPair", &ec2::key_pair_steps()},
  };
  return table;
}

const ec2::TypeSteps *steps_for(std::string_view type) {
  auto it = steps_by_type().find(type);
  return it == steps_by_type().end() ? nullptr : it->second;
}

// Attachments of VPN gateways: the embedded EC2 does not model VPN gateways (the generic
// provider keeps them as records), so their attachments are records too.
bool is_vpn_attachment(const ResourceHandlerRequest &request, const Value &model) {
  return request.type_name == "AWS::EC2::VPCGatewayAttachment" && model.find("VpnGatewayId") &&
         !model.find("InternetGatewayId");
}

bool vpn_attachment_record(const ResourceHandlerRequest &request) {
  return request.type_name == "AWS::EC2::VPCGatewayAttachment" &&
         request.physical_id.starts_with("VPN|");
}

// A NotFound about the resource itself (its own id in EC2's message) means it is gone; one
// about something it refers to (a VPC, a group) is the service's message.
ProgressEvent failure(const services::ServiceError &e, const ResourceHandlerRequest &request) {
  if (is_not_found(e) && !request.physical_id.empty()) {
    std::string own = ec2::split_id(request.physical_id).first;
    std::string second = ec2::split_id(request.physical_id).second;
    if (e.message().find(own) != std::string::npos ||
        (!second.empty() && e.message().find(second) != std::string::npos &&
         request.type_name != "AWS::EC2::VPCGatewayAttachment"))
      return not_found(request.type_name, request.physical_id);
  }
  return failure_from(e, kService);
}

} // namespace

const std::vector<std::string> &Ec2NetworkProvider::types() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto &[name, steps] : steps_by_type())
      out.push_back(name);
    return out;
  }();
  return names;
}

ProgressEvent Ec2NetworkProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  const ec2::TypeSteps *steps = steps_for(request.type_name);
  if (!type || !steps)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (is_vpn_attachment(request, properties)) {
    ResourceHandlerRequest record = request;
    record.desired_state = properties;
    record.desired_state.set("AttachmentType", Value("VPN"));
    return GenericProvider::create(record);
  }
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  ec2::Call call{backend_, request, random_};
  try {
    return ProgressEvent::success(from_json(steps->create(call, to_json(properties))));
  } catch (const services::ServiceError &e) {
    return failure_from(e, kService);
  }
}

ProgressEvent Ec2NetworkProvider::read(const ResourceHandlerRequest &request) {
  const ec2::TypeSteps *steps = steps_for(request.type_name);
  if (!steps)
    return unknown_type(request.type_name);
  if (vpn_attachment_record(request))
    return GenericProvider::read(request);
  ec2::Call call{backend_, request, random_};
  try {
    auto model = steps->read(call, request.physical_id);
    if (!model)
      return not_found(request.type_name, request.physical_id);
    return ProgressEvent::success(from_json(*model));
  } catch (const services::ServiceError &e) {
    return failure(e, request);
  }
}

ProgressEvent Ec2NetworkProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  const ec2::TypeSteps *steps = steps_for(request.type_name);
  if (!type || !steps)
    return unknown_type(request.type_name);
  if (vpn_attachment_record(request))
    return GenericProvider::update(request);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto refusal = update_refusal(*type, request, request.previous_state, desired))
    return *refusal;
  ec2::Call call{backend_, request, random_};
  try {
    Json changed =
        steps->update(call, request.physical_id, to_json(request.previous_state), to_json(desired));
    Value model = merged_model(*type, request, request.previous_state);
    for (const auto &[k, v] : changed.items())
      model.set(k, from_json(v));
    return ProgressEvent::success(std::move(model));
  } catch (const services::ServiceError &e) {
    return failure(e, request);
  }
}

ProgressEvent Ec2NetworkProvider::remove(const ResourceHandlerRequest &request) {
  const ec2::TypeSteps *steps = steps_for(request.type_name);
  if (!steps)
    return unknown_type(request.type_name);
  if (vpn_attachment_record(request))
    return GenericProvider::remove(request);
  ec2::Call call{backend_, request, random_};
  try {
    Json model =
        request.previous_state.is_null() ? Json::object() : to_json(request.previous_state);
    steps->remove(call, request.physical_id, model);
    return ProgressEvent::success(Value());
  } catch (const services::ServiceError &e) {
    return failure(e, request);
  }
}

ProgressEvent Ec2NetworkProvider::list(const ResourceHandlerRequest &request) {
  // The resources of the types whose Describe call lists them whole.
  struct Listing {
    std::string_view type, operation, list, id;
  };
  static constexpr Listing kListings[] = {
      {"AWS::EC2::VPC", "DescribeVpcs", "Vpcs", "VpcId"},
      {"AWS::EC2::Subnet", "DescribeSubnets", "Subnets", "SubnetId"},
      {"AWS::EC2::SecurityGroup", "DescribeSecurityGroups", "SecurityGroups", "GroupId"},
      {"AWS::EC2::InternetGateway", "DescribeInternetGateways", "InternetGateways",
       "InternetGatewayId"},
      {"AWS::EC2::RouteTable", "DescribeRouteTables", "RouteTables", "RouteTableId"},
      {"AWS::EC2::NatGateway", "DescribeNatGateways", "NatGateways", "NatGatewayId"},
      {"AWS::EC2::VPCEndpoint", "DescribeVpcEndpoints", "VpcEndpoints", "VpcEndpointId"},
      {"AWS::EC2::VPCEndpointService", "DescribeVpcEndpointServiceConfigurations",
       "ServiceConfigurations", "ServiceId"},
      {"AWS::EC2::VPCPeeringConnection", "DescribeVpcPeeringConnections", "VpcPeeringConnections",
       "VpcPeeringConnectionId"},
      {"AWS::EC2::KeyPair", "DescribeKeyPairs", "KeyPairs", "KeyName"},
  };
  const ec2::TypeSteps *steps = steps_for(request.type_name);
  if (!steps)
    return unknown_type(request.type_name);
  ProgressEvent event = ProgressEvent::success(Value());
  try {
    for (const auto &l : kListings) {
      if (l.type != request.type_name)
        continue;
      Json out = backend_.call("ec2", l.operation, Json::object());
      for (const auto &item : out.value(std::string(l.list), Json::array())) {
        std::string member = l.type == "AWS::EC2::SecurityGroup"          ? "Id"
                             : l.type == "AWS::EC2::VPCEndpoint"          ? "Id"
                             : l.type == "AWS::EC2::VPCPeeringConnection" ? "Id"
                                                                          : std::string(l.id);
        event.resource_models.push_back(
            Value::object({{member, Value(item.value(std::string(l.id), "")), {}}}));
      }
    }
  } catch (const services::ServiceError &e) {
    return failure_from(e, kService);
  }
  return event;
}

std::optional<Value> Ec2NetworkProvider::get_att(const ResourceHandlerRequest &request,
                                                 const Value &model,
                                                 std::string_view attribute) const {
  if (request.type_name == "AWS::EC2::VPC" &&
      (attribute == "Ipv6CidrBlocks" || attribute == "CidrBlockAssociations")) {
    std::string id = string_of(model, "VpcId");
    try {
      Json vpcs = backend_.call("ec2", "DescribeVpcs", {{"VpcIds", Json::array({id})}})
                      .value("Vpcs", Json::array());
      if (!vpcs.empty()) {
        bool v6 = attribute == "Ipv6CidrBlocks";
        Value out = Value::array();
        for (const auto &a : vpcs[0].value(
                 v6 ? "Ipv6CidrBlockAssociationSet" : "CidrBlockAssociationSet", Json::array())) {
          std::string state = a.value(v6 ? "Ipv6CidrBlockState" : "CidrBlockState", Json::object())
                                  .value("State", "");
          if (state == "associated" || state == "associating")
            out.push_back(Value(a.value(v6 ? "Ipv6CidrBlock" : "AssociationId", "")));
        }
        return out;
      }
    } catch (const services::ServiceError &) {
      // Gone or unreachable: the model's value.
    }
  }
  if (request.type_name == "AWS::EC2::Subnet" && attribute == "OutpostArn" &&
      !model.find("OutpostArn"))
    return Value("");
  return GenericProvider::get_att(request, model, attribute);
}

namespace ec2 {

Json tags_of(const Json &model) {
  Json out = Json::array();
  if (auto it = model.find("Tags"); it != model.end() && it->is_array())
    for (const auto &t : *it)
      out.push_back({{"Key", text(t, "Key")}, {"Value", text(t, "Value")}});
  return out;
}

Json tag_specifications(const Json &model, std::string_view resource_type) {
  Json tags = tags_of(model);
  if (tags.empty())
    return Json::array();
  return Json::array({{{"ResourceType", resource_type}, {"Tags", tags}}});
}

void update_tags(Call &call, const std::string &id, const Json &previous, const Json &desired) {
  TagDiff changes = tag_diff(tags_of(previous), tags_of(desired));
  if (!changes.removed.empty()) {
    Json keys = Json::array();
    for (const auto &k : changes.removed)
      keys.push_back({{"Key", k}});
    call.ec2("DeleteTags", {{"Resources", Json::array({id})}, {"Tags", keys}});
  }
  if (!changes.set.empty())
    call.ec2("CreateTags", {{"Resources", Json::array({id})}, {"Tags", changes.set}});
}

std::string text(const Json &model, std::string_view member) {
  auto it = model.find(member);
  if (it == model.end() || it->is_null())
    return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::optional<bool> flag(const Json &model, std::string_view member) {
  auto it = model.find(member);
  if (it == model.end() || it->is_null())
    return std::nullopt;
  if (it->is_boolean())
    return it->get<bool>();
  std::string t = it->is_string() ? it->get<std::string>() : it->dump();
  for (auto &ch : t)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (t == "true" || t == "false")
    return t == "true";
  return std::nullopt;
}

std::optional<int64_t> number(const Json &model, std::string_view member) {
  auto it = model.find(member);
  if (it == model.end() || it->is_null())
    return std::nullopt;
  if (it->is_number())
    return static_cast<int64_t>(it->get<double>());
  if (it->is_string()) {
    try {
      size_t used = 0;
      int64_t n = std::stoll(it->get<std::string>(), &used);
      if (used == it->get<std::string>().size())
        return n;
    } catch (...) {
    }
  }
  return std::nullopt;
}

std::pair<std::string, std::string> split_id(const std::string &id) {
  size_t bar = id.find('|');
  if (bar == std::string::npos)
    return {id, ""};
  return {id.substr(0, bar), id.substr(bar + 1)};
}

std::optional<Json> describe_one(Call &call, std::string_view operation, const Json &input,
                                 std::string_view list_member) {
  try {
    Json out = call.ec2(operation, input);
    Json list = out.value(std::string(list_member), Json::array());
    if (list.empty())
      return std::nullopt;
    return list[0];
  } catch (const services::ServiceError &e) {
    if (is_not_found(e))
      return std::nullopt;
    throw;
  }
}

} // namespace ec2
} // namespace cfnlocal::providers
