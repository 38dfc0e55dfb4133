#include "engine/stack_lookup.h"

#include <algorithm>

namespace cfnlocal::engine {

std::optional<Value> StackLookup::ref_resource(std::string_view logical_id) {
  return live_.ref(logical_id);
}

std::optional<Value> StackLookup::get_att(std::string_view logical_id, std::string_view attribute) {
  return live_.get_att(logical_id, attribute);
}

std::vector<std::string> StackLookup::availability_zones(std::string_view region) {
  std::string_view letters = region == "us-east-1"   ? "abcdef"
                             : region == "us-west-2" ? "abcd"
                                                     : "abc";
  std::vector<std::string> zones;
  for (char c : letters)
    zones.push_back(std::string(region) + c);
  return zones;
}

namespace {
/// How EC2 lists the values of an AWS-specific parameter type.
struct Ec2Listing {
  std::string_view parameter_type;
  const char *operation;
  const char *filter_member; ///< the request member naming values to describe
  const char *list_member;   ///< the response list
  const char *value_member;  ///< the value in each item
};
constexpr Ec2Listing kEc2Listings[] = {
    {"AWS::EC2::VPC::Id", "DescribeVpcs", "VpcIds", "Vpcs", "VpcId"},
    {"AWS::EC2::Subnet::Id", "DescribeSubnets", "SubnetIds", "Subnets", "SubnetId"},
    {"AWS::EC2::SecurityGroup::Id", "DescribeSecurityGroups", "GroupIds", "SecurityGroups",
     "GroupId"},
    {"AWS::EC2::SecurityGroup::GroupName", "DescribeSecurityGroups", "GroupNames", "SecurityGroups",
     "GroupName"},
    {"AWS::EC2::AvailabilityZone::Name", "DescribeAvailabilityZones", "ZoneNames",
     "AvailabilityZones", "ZoneName"},
};

const Ec2Listing *ec2_listing(std::string_view parameter_type) {
  for (const auto &l : kEc2Listings)
    if (l.parameter_type == parameter_type)
      return &l;
  return nullptr;
}

/// EC2's answers for values that do not exist ("InvalidVpcID.NotFound", "InvalidGroup.NotFound";
/// a zone name it does not know is an "InvalidParameterValue").
bool means_not_found(const services::ServiceError &e) {
  const std::string &code = e.code();
  return (code.size() > 9 && code.compare(code.size() - 9, 9, ".NotFound") == 0) ||
         code == "InvalidParameterValue" || code == "InvalidGroupId.Malformed" ||
         code == "InvalidVpcID.Malformed" || code == "InvalidSubnetID.Malformed";
}
} // namespace

namespace {
constexpr std::string_view kHostedZoneId = "AWS::Route53::HostedZone::Id";

/// Whether Route 53 has the hosted zone (its id with or without "/hostedzone/").
std::optional<bool> hosted_zone_exists(services::Backend &backend, std::string_view id) {
  try {
    backend.call("route53", "GetHostedZone", {{"Id", std::string(id)}});
    return true;
  } catch (const services::ServiceError &e) {
    if (e.code() == "NoSuchHostedZone" || e.code() == "InvalidInput")
      return false;
    return std::nullopt;
  }
}

/// Every hosted zone id, as CloudFormation lists them for the parameter type (no prefix).
std::optional<std::vector<std::string>> hosted_zone_ids(services::Backend &backend) {
  std::vector<std::string> ids;
  Json in = Json::object();
  try {
    while (true) {
      Json out = backend.call("route53", "ListHostedZones", in);
      for (const auto &z : out.value("HostedZones", Json::array())) {
        std::string id = z.value("Id", "");
        ids.push_back(id.starts_with("/hostedzone/") ? id.substr(12) : id);
      }
      if (!out.value("IsTruncated", false))
        return ids;
      in["Marker"] = out.value("NextMarker", "");
    }
  } catch (const services::ServiceError &) {
    return std::nullopt;
  }
}
} // namespace

std::optional<bool> StackLookup::aws_value_exists(std::string_view parameter_type,
                                                  std::string_view value) {
  if (parameter_type == kHostedZoneId)
    return hosted_zone_exists(backend_, value);
  const Ec2Listing *listing = ec2_listing(parameter_type);
  if (!listing)
    return std::nullopt;
  try {
    Json out = backend_.call("ec2", listing->operation,
                             {{listing->filter_member, Json::array({std::string(value)})}});
    const Json &items = out.value(listing->list_member, Json::array());
    return items.is_array() && !items.empty();
  } catch (const services::ServiceError &e) {
    if (means_not_found(e))
      return false;
    return std::nullopt; // the service cannot tell (an endpoint without EC2, no permission)
  }
}

std::optional<std::vector<std::string>>
StackLookup::all_values_of_type(std::string_view parameter_type) {
  if (parameter_type == kHostedZoneId)
    return hosted_zone_ids(backend_);
  const Ec2Listing *listing = ec2_listing(parameter_type);
  if (!listing)
    return std::nullopt;
  try {
    Json out = backend_.call("ec2", listing->operation, Json::object());
    std::vector<std::string> values;
    for (const auto &item : out.value(listing->list_member, Json::array()))
      if (item.is_object() && item.contains(listing->value_member))
        values.push_back(item[listing->value_member].get<std::string>());
    return values;
  } catch (const services::ServiceError &) {
    return std::nullopt;
  }
}

intrinsics::Answer<Value> StackLookup::import_value(std::string_view name) {
  auto record = store_.find_export(name);
  if (!record)
    return intrinsics::Answer<Value>::missing();
  if (std::find(imported_.begin(), imported_.end(), name) == imported_.end())
    imported_.emplace_back(name);
  return intrinsics::Answer<Value>::found(Value(record->value));
}

intrinsics::Answer<intrinsics::SsmParameter>
StackLookup::ssm_parameter(std::string_view name, std::optional<int64_t> version) {
  std::string id(name);
  if (version)
    id += ":" + std::to_string(*version);
  try {
    Json out = backend_.call("ssm", "GetParameter", {{"Name", id}, {"WithDecryption", true}});
    const Json &p = out.at("Parameter");
    intrinsics::SsmParameter parameter;
    parameter.type = p.value("Type", "String");
    parameter.value = p.value("Value", "");
    parameter.version = p.value("Version", int64_t{1});
    return intrinsics::Answer<intrinsics::SsmParameter>::found(parameter);
  } catch (const services::ServiceError &e) {
    if (e.code() == "ParameterNotFound" || e.code() == "ParameterVersionNotFound")
      return intrinsics::Answer<intrinsics::SsmParameter>::missing();
    throw intrinsics::LookupError(e.message());
  }
}

intrinsics::Answer<std::string>
StackLookup::secret_string(std::string_view secret_id, const intrinsics::SecretSelector &selector) {
  Json input = {{"SecretId", std::string(secret_id)}};
  if (!selector.version_stage.empty())
    input["VersionStage"] = selector.version_stage;
  if (!selector.version_id.empty())
    input["VersionId"] = selector.version_id;
  try {
    Json out = backend_.call("secretsmanager", "GetSecretValue", input);
    return intrinsics::Answer<std::string>::found(out.value("SecretString", ""));
  } catch (const services::ServiceError &e) {
    if (e.code() == "ResourceNotFoundException")
      return intrinsics::Answer<std::string>::missing();
    throw intrinsics::LookupError(e.message());
  }
}

} // namespace cfnlocal::engine
