#include "providers/model_synthesis.h"

#include "parser/json.h"
#include "providers/arn_format.h"
#include "providers/pattern_sample.h"
#include "providers/schema_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <ctime>
#include <functional>
#include <map>

namespace cfnlocal::providers {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// "AWS::EC2::VPC" -> {"EC2", "VPC"}.
std::pair<std::string, std::string> split_type(std::string_view type_name) {
  size_t a = type_name.find("::");
  size_t b = a == std::string_view::npos ? a : type_name.find("::", a + 2);
  if (b == std::string_view::npos)
    return {"", std::string(type_name)};
  return {std::string(type_name.substr(a + 2, b - a - 2)), std::string(type_name.substr(b + 2))};
}

// EC2 id prefixes, by resource type ("Resource IDs" in the Amazon EC2 User Guide).
const std::map<std::string, std::string, std::less<>> &ec2_type_prefixes() {
  static const std::map<std::string, std::string, std::less<>> table{
      {"CapacityReservation", "cr"},
      {"CarrierGateway", "cagw"},
      {"ClientVpnEndpoint", "cvpn-endpoint"},
      {"CustomerGateway", "cgw"},
      {"DHCPOptions", "dopt"},
      {"EC2Fleet", "fleet"},
      {"EIP", "eipalloc"},
      {"EIPAssociation", "eipassoc"},
      {"EgressOnlyInternetGateway", "eigw"},
      {"FlowLog", "fl"},
      {"GatewayRouteTableAssociation", "rtbassoc"},
      {"Host", "h"},
      {"IPAM", "ipam"},
      {"IPAMPool", "ipam-pool"},
      {"IPAMResourceDiscovery", "ipam-res-disco"},
      {"IPAMScope", "ipam-scope"},
      {"Instance", "i"},
      {"InstanceConnectEndpoint", "eice"},
      {"InternetGateway", "igw"},
      {"KeyPair", "key"},
      {"LaunchTemplate", "lt"},
      {"LocalGatewayRouteTable", "lgw-rtb"},
      {"NatGateway", "nat"},
      {"NetworkAcl", "acl"},
      {"NetworkInsightsAnalysis", "nia"},
      {"NetworkInsightsPath", "nip"},
      {"NetworkInterface", "eni"},
      {"NetworkInterfaceAttachment", "eni-attach"},
      {"NetworkInterfacePermission", "eni-perm"},
      {"PrefixList", "pl"},
      {"RouteTable", "rtb"},
      {"SecurityGroup", "sg"},
      {"SecurityGroupEgress", "sgr"},
      {"SecurityGroupIngress", "sgr"},
      {"SecurityGroupVpcAssociation", "sgva"},
      {"SnapshotBlockPublicAccess", "sbpa"},
      {"SpotFleet", "sfr"},
      {"Subnet", "subnet"},
      {"SubnetCidrBlock", "subnet-cidr-assoc"},
      {"SubnetNetworkAclAssociation", "aclassoc"},
      {"SubnetRouteTableAssociation", "rtbassoc"},
      {"TrafficMirrorFilter", "tmf"},
      {"TrafficMirrorFilterRule", "tmfr"},
      {"TrafficMirrorSession", "tms"},
      {"TrafficMirrorTarget", "tmt"},
      {"TransitGateway", "tgw"},
      {"TransitGatewayAttachment", "tgw-attach"},
      {"TransitGatewayConnect", "tgw-attach"},
      {"TransitGatewayMulticastDomain", "tgw-mcast-domain"},
      {"TransitGatewayPeeringAttachment", "tgw-attach"},
      {"TransitGatewayRouteTable", "tgw-rtb"},
      {"TransitGatewayVpcAttachment", "tgw-attach"},
      {"VPC", "vpc"},
      {"VPCCidrBlock", "vpc-cidr-assoc"},
      {"VPCEndpoint", "vpce"},
      {"VPCEndpointService", "vpce-svc"},
      {"VPCPeeringConnection", "pcx"},
      {"VPNConnection", "vpn"},
      {"VPNGateway", "vgw"},
      {"VerifiedAccessEndpoint", "vae"},
      {"VerifiedAccessGroup", "vagr"},
      {"VerifiedAccessInstance", "vai"},
      {"VerifiedAccessTrustProvider", "vatp"},
      {"Volume", "vol"},
  };
  return table;
}

// EC2-style ids by property name, for any type (a VPC's DefaultSecurityGroup is an sg- id).
const std::map<std::string, std::string, std::less<>> &ec2_property_prefixes() {
  static const std::map<std::string, std::string, std::less<>> table{
      {"AllocationId", "eipalloc"},
      {"AssociationId", "eipassoc"},
      {"CidrBlockAssociations", "vpc-cidr-assoc"},
      {"DefaultNetworkAcl", "acl"},
      {"DefaultSecurityGroup", "sg"},
      {"GroupId", "sg"},
      {"ImageId", "ami"},
      {"InstanceId", "i"},
      {"InternetGatewayId", "igw"},
      {"KeyPairId", "key"},
      {"LaunchTemplateId", "lt"},
      {"NatGatewayId", "nat"},
      {"NetworkAclId", "acl"},
      {"NetworkInterfaceId", "eni"},
      {"PrefixListId", "pl"},
      {"RouteTableId", "rtb"},
      {"SecurityGroupId", "sg"},
      {"SnapshotId", "snap"},
      {"SubnetId", "subnet"},
      {"TransitGatewayId", "tgw"},
      {"VolumeId", "vol"},
      {"VpcEndpointId", "vpce"},
      {"VpcId", "vpc"},
  };
  return table;
}

std::string timestamp_now() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return fmt::format("{}.{:03d}Z", buf, static_cast<int>(ms.count()));
}

bool fits(const Json *sub, std::string_view value) {
  if (!sub || !sub->is_object())
    return true;
  if (auto it = sub->find("enum"); it != sub->end() && it->is_array()) {
    bool found = false;
    for (const auto &e : *it)
      if (e.is_string() && e.get<std::string>() == value)
        found = true;
    if (!found)
      return false;
  }
  if (auto it = sub->find("maxLength");
      it != sub->end() && it->is_number() && value.size() > it->get<size_t>())
    return false;
  if (auto it = sub->find("minLength");
      it != sub->end() && it->is_number() && value.size() < it->get<size_t>())
    return false;
  if (auto it = sub->find("pattern");
      it != sub->end() && it->is_string() && !pattern_matches(it->get<std::string>(), value))
    return false;
  return true;
}

// Picks the first candidate that satisfies the sub-schema; else a pattern sample; else the first
// candidate cut to maxLength.
std::string fitted(const Json *sub, const std::vector<std::string> &candidates,
                   RandomSource &random) {
  for (const auto &c : candidates)
    if (!c.empty() && fits(sub, c))
      return c;
  size_t min_length = 0;
  if (sub && sub->is_object()) {
    if (auto it = sub->find("minLength"); it != sub->end() && it->is_number())
      min_length = it->get<size_t>();
    if (auto it = sub->find("pattern"); it != sub->end() && it->is_string()) {
      // Keep as much of the realistic guess as the pattern allows, then any sample at all.
      for (size_t i = 0; i < candidates.size() && i < 2; ++i)
        if (!candidates[i].empty())
          if (auto s = sample_pattern(it->get<std::string>(), random, min_length, candidates[i]);
              s && fits(sub, *s))
            return *s;
      if (auto s = sample_pattern(it->get<std::string>(), random, min_length); s && fits(sub, *s))
        return *s;
    }
  }
  std::string out = candidates.empty() ? random.lower_alnum(10) : candidates.front();
  if (sub && sub->is_object())
    if (auto it = sub->find("maxLength");
        it != sub->end() && it->is_number() && out.size() > it->get<size_t>())
      out.resize(it->get<size_t>());
  while (out.size() < min_length)
    out += random.lower_alnum(1);
  return out;
}

std::string ec2_id(std::string_view prefix, RandomSource &random) {
  return std::string(prefix) + "-0" + random.hex(16);
}

// The last segment of an ARN or path ("arn:aws:ecs:...:cluster/prod" -> "prod").
std::string last_segment(std::string_view s) {
  size_t p = s.find_last_of("/:");
  return std::string(p == std::string_view::npos ? s : s.substr(p + 1));
}

struct Ctx {
  const Json &root;
  const SynthesisScope &scope;
  RandomSource &random;
  const Value &model;
  std::string token;   // the resource's own name or id
  std::string own_arn; // computed lazily
};

std::string arn_for_type(std::string_view type_name, const std::string &name,
                         const std::string &parent, const SynthesisScope &scope) {
  ArnParts parts{scope.partition, scope.region, scope.account_id, name, parent};
  return format_arn(arn_template(type_name), parts);
}

std::string model_string(const Value &model, std::string_view key) {
  if (const Value *v = model.find(key))
    if (auto s = v->scalar_string())
      return *s;
  return "";
}

const std::string &own_arn(Ctx &ctx) {
  if (!ctx.own_arn.empty())
    return ctx.own_arn;
  const auto &type = ctx.scope.type_name;
  std::string name = ctx.token.empty() ? ctx.random.lower_alnum(10) : ctx.token;
  std::string parent;
  if (type == "AWS::SecretsManager::Secret") {
    // The ARN ends in "-" and six random characters (aws-resource-secretsmanager-secret.html).
    name += "-" + ctx.random.upper_alnum(3) + ctx.random.lower_alnum(3);
  } else if (type == "AWS::SSM::Parameter" && starts_with(name, "/")) {
    name = name.substr(1);
  } else if (type == "AWS::ECS::Service") {
    std::string cluster = model_string(ctx.model, "Cluster");
    parent = cluster.empty() ? "default" : last_segment(cluster);
  } else if (starts_with(type, "AWS::ElasticLoadBalancingV2::")) {
    parent = ctx.random.hex(16);
  } else if (type == "AWS::SNS::Subscription") {
    parent = last_segment(model_string(ctx.model, "TopicArn"));
    name = ctx.random.uuid();
  } else if (type == "AWS::Lambda::Alias") {
    parent = last_segment(model_string(ctx.model, "FunctionName"));
  } else if (type == "AWS::Lambda::Version") {
    name = last_segment(model_string(ctx.model, "FunctionName"));
  } else if (type == "AWS::ApiGateway::Stage") {
    parent = model_string(ctx.model, "RestApiId");
  } else if (type == "AWS::Events::Rule") {
    std::string bus = model_string(ctx.model, "EventBusName");
    if (!bus.empty() && bus != "default" && last_segment(bus) != "default")
      name = last_segment(bus) + "/" + name;
  } else if (type == "AWS::CloudFormation::Stack") {
    parent = name;
    name = ctx.random.uuid();
  }
  if (parent.empty() && arn_template(type).find("{parent}") != std::string::npos) {
    // Child resources: the first primary identifier part that is not our own token.
    for (const auto &p : pointer_list(ctx.root, "primaryIdentifier")) {
      const Value *v = model_at(ctx.model, pointer_path(p));
      if (v && v->is_string() && v->as_string() != ctx.token) {
        parent = last_segment(v->as_string());
        break;
      }
    }
  }
  ctx.own_arn = arn_for_type(type, name, parent, ctx.scope);
  return ctx.own_arn;
}

std::string host_for(Ctx &ctx) {
  std::string token = lower(ctx.token.empty() ? ctx.random.lower_alnum(10) : ctx.token);
  std::string clean;
  for (char c : token)
    clean += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  return fmt::format("{}.{}.{}.{}", clean, arn_service(ctx.scope.type_name), ctx.scope.region,
                     dns_suffix(ctx.scope.partition));
}

// Values AWS documents for one type's attribute, where the generic shape would be wrong.
std::optional<std::string> documented_value(Ctx &ctx, std::string_view name) {
  const auto &type = ctx.scope.type_name;
  const auto &s = ctx.scope;
  std::string dns = dns_suffix(s.partition);
  if (type == "AWS::S3::Bucket") {
    // aws-resource-s3-bucket.html "Return values".
    if (name == "DomainName")
      return fmt::format("{}.s3.{}", ctx.token, dns);
    if (name == "RegionalDomainName")
      return fmt::format("{}.s3.{}.{}", ctx.token, s.region, dns);
    if (name == "DualStackDomainName")
      return fmt::format("{}.s3.dualstack.{}.{}", ctx.token, s.region, dns);
    if (name == "WebsiteURL")
      return fmt::format("http://{}.s3-website-{}.{}", ctx.token, s.region, dns);
  }
  if (type == "AWS::SQS::Queue" && name == "QueueUrl") // aws-resource-sqs-queue.html
    return fmt::format("https://sqs.{}.{}/{}/{}", s.region, dns, s.account_id, ctx.token);
  if (type == "AWS::DynamoDB::Table" && name == "StreamArn")
    return own_arn(ctx) + "/stream/" + timestamp_now().substr(0, 23);
  if (type == "AWS::ApiGateway::RestApi" && name == "RootResourceId")
    return ctx.random.lower_alnum(10);
  if (type == "AWS::CloudFormation::WaitConditionHandle" && name == "Id")
    // Ref of a wait condition handle is a presigned URL
    // (aws-resource-cloudformation-waitconditionhandle.html).
    return fmt::format(
        "https://cloudformation-waitcondition-{}.s3.{}/arn%3A{}%3Acloudformation%3A{}%3A{}"
        "%3Astack/{}/{}/{}?X-Amz-Algorithm=AWS4-HMAC-SHA256",
        s.region, dns, s.partition, s.region, s.account_id, s.stack_name, ctx.random.uuid(),
        s.logical_id);
  if (type == "AWS::Lambda::Url" && name == "FunctionUrl")
    return fmt::format("https://{}.lambda-url.{}.on.aws/", ctx.random.lower_alnum(32), s.region);
  if (type == "AWS::IAM::Role" && name == "RoleId")
    return "AROA" + ctx.random.upper_alnum(17);
  if (type == "AWS::IAM::User" && name == "UserId")
    return "AIDA" + ctx.random.upper_alnum(17);
  if (type == "AWS::IAM::AccessKey" && name == "Id")
    return "AKIA" + ctx.random.upper_alnum(16);
  if (type == "AWS::IAM::AccessKey" && name == "SecretAccessKey")
    return ctx.random.upper_alnum(20) + ctx.random.lower_alnum(20);
  if (type == "AWS::CloudFront::Distribution" && name == "DomainName")
    return ctx.random.lower_alnum(14) + ".cloudfront.net";
  if (name == "CanonicalHostedZoneID" || name == "CanonicalHostedZoneId" || name == "HostedZoneId")
    return "Z" + ctx.random.upper_alnum(13);
  if (type == "AWS::ElasticLoadBalancingV2::LoadBalancer" && name == "DNSName")
    return fmt::format("{}-{}.{}.elb.{}", ctx.token, ctx.random.digits(10), s.region, dns);
  if (type == "AWS::Kinesis::Stream" && name == "Arn")
    return own_arn(ctx);
  return std::nullopt;
}

std::string generate_id_in(Ctx &ctx, const Json *sub, std::string_view name);

std::string synth_string(Ctx &ctx, const Json *sub, std::string_view name, bool top_level) {
  auto &random = ctx.random;
  const auto &s = ctx.scope;
  std::vector<std::string> cands;
  std::string format;
  if (sub && sub->is_object())
    if (auto it = sub->find("format"); it != sub->end() && it->is_string())
      format = it->get<std::string>();

  if (auto v = documented_value(ctx, name))
    cands.push_back(*v);

  auto [svc, res] = split_type(s.type_name);
  if (starts_with(format, "AWS::") && ends_with(format, ".Arn")) {
    std::string target = format.substr(0, format.size() - 4);
    if (target == s.type_name)
      cands.push_back(own_arn(ctx));
    else
      cands.push_back(arn_for_type(target, "resource-" + random.lower_alnum(8), "parent", s));
  } else if (starts_with(format, "AWS::") &&
             (ends_with(format, ".Id") || ends_with(format, ".Ids"))) {
    cands.push_back(generate_id_in(ctx, sub, name));
  } else if (format == "date-time" || format == "timestamp") {
    cands.push_back(timestamp_now());
  } else if (format == "uri") {
    cands.push_back("https://" + host_for(ctx) + "/");
  } else if (format == "ipv4-network") {
    cands.push_back("10.0.0.0/16");
  } else if (format == "ipv6-network") {
    cands.push_back("2600:1f18:" + random.hex(4) + ":" + random.hex(2) + "00::/56");
  } else if (format == "json") {
    cands.push_back("{}");
  }

  std::string n(name);
  if (ec2_property_prefixes().count(n))
    cands.push_back(generate_id_in(ctx, sub, name));
  bool own_arn_name =
      n == "Arn" || n == res + "Arn" ||
      (top_level && ends_with(n, "Arn") && ends_with(res, n.substr(0, n.size() - 3)));
  if (own_arn_name) {
    cands.push_back(own_arn(ctx));
  } else if (ends_with(n, "Arn")) {
    std::string what = n.substr(0, n.size() - 3);
    std::string kebab;
    for (size_t i = 0; i < what.size(); ++i) {
      if (i > 0 && std::isupper(static_cast<unsigned char>(what[i])))
        kebab += '-';
      kebab += static_cast<char>(std::tolower(static_cast<unsigned char>(what[i])));
    }
    cands.push_back(own_arn(ctx) + "/" + kebab + "/" + random.lower_alnum(10));
    cands.push_back(own_arn(ctx));
  } else if (ends_with(n, "Url") || ends_with(n, "URL") || ends_with(n, "Uri") ||
             ends_with(n, "Endpoint") || ends_with(n, "EndpointAddress")) {
    cands.push_back("https://" + host_for(ctx) + "/");
    cands.push_back(host_for(ctx));
  } else if (ends_with(n, "DomainName") || ends_with(n, "DnsName") || ends_with(n, "DNSName") ||
             ends_with(n, "Hostname") || ends_with(n, "HostName") || n == "Domain" ||
             (ends_with(n, "Address") && n.find("Ip") == std::string::npos &&
              n.find("Email") == std::string::npos && n.find("Mac") == std::string::npos)) {
    cands.push_back(host_for(ctx));
  } else if (ends_with(n, "Time") || ends_with(n, "At") || ends_with(n, "Date") ||
             ends_with(n, "Timestamp") || ends_with(n, "Modified") || ends_with(n, "Created")) {
    cands.push_back(timestamp_now());
  } else if (n.find("CidrBlock") != std::string::npos || ends_with(n, "Cidr")) {
    if (n.find("Ipv6") != std::string::npos)
      cands.push_back("2600:1f18:" + random.hex(4) + ":" + random.hex(2) + "00::/56");
    else
      cands.push_back("10.0.0.0/16");
  } else if (ends_with(n, "Ip") || ends_with(n, "IpAddress") || ends_with(n, "Ipv4Address")) {
    if (n.find("Private") != std::string::npos)
      cands.push_back(fmt::format("10.0.{}.{}", random.between(0, 255), random.between(4, 254)));
    else
      cands.push_back(fmt::format("54.{}.{}.{}", random.between(0, 255), random.between(0, 255),
                                  random.between(1, 254)));
  } else if (n == "AccountId" || n == "OwnerId" || n == "Owner" || ends_with(n, "AccountId") ||
             n == "AwsAccountId") {
    cands.push_back(s.account_id);
  } else if (n == "Region" || ends_with(n, "Region")) {
    cands.push_back(s.region);
  } else if (n == "AvailabilityZone") {
    cands.push_back(s.region + "a");
  } else if (n == "AvailabilityZoneId") {
    cands.push_back("use1-az1");
  } else if (ends_with(n, "Id") || ends_with(n, "Ids") || ends_with(n, "Identifier") ||
             ends_with(n, "Uid") || ends_with(n, "ID")) {
    cands.push_back(generate_id_in(ctx, sub, name));
  } else if (ends_with(n, "Status") || ends_with(n, "State")) {
    cands.push_back("ACTIVE");
    cands.push_back("Active");
    cands.push_back("available");
  } else if (ends_with(n, "Version") || ends_with(n, "Revision")) {
    cands.push_back("1");
  } else if (ends_with(n, "Fingerprint") || ends_with(n, "Hash") || ends_with(n, "Checksum") ||
             ends_with(n, "Etag") || ends_with(n, "ETag")) {
    cands.push_back(random.hex(40));
  } else if (ends_with(n, "Sha256")) {
    cands.push_back(random.hex(64));
  } else if (ends_with(n, "Port")) {
    cands.push_back("443");
  } else if (ends_with(n, "Name") || n == "Alias") {
    // The token may be a parent's name that is part of a composite identifier
    // (AWS::AutoScaling::ScheduledAction's AutoScalingGroupName): the resource's own name must
    // not repeat it, or two children of one parent would collide.
    bool token_is_other_property = false;
    if (ctx.model.is_object())
      for (const auto &m : ctx.model.as_object())
        if (m.key != n && m.value.is_string() && m.value.as_string() == ctx.token)
          token_is_other_property = true;
    if (n == res + "Name" && token_is_other_property) {
      Json empty = Json::object();
      cands.push_back(generated_name(sub ? *sub : empty, s, random));
    }
    std::string base = ctx.token.empty() ? random.lower_alnum(10) : ctx.token;
    cands.push_back(top_level || n == res + "Name" ? base : base + "-" + random.lower_alnum(6));
  } else if (ends_with(n, "Message") || ends_with(n, "Reason") || ends_with(n, "Description")) {
    cands.push_back("OK");
  }
  cands.push_back(ctx.token.empty() ? random.lower_alnum(10) : ctx.token);
  cands.push_back(random.lower_alnum(10));
  cands.push_back(random.uuid());
  return fitted(sub, cands, random);
}

std::string generate_id_in(Ctx &ctx, const Json *sub, std::string_view name) {
  auto &random = ctx.random;
  const auto &s = ctx.scope;
  auto [svc, res] = split_type(s.type_name);
  std::string format;
  if (sub && sub->is_object())
    if (auto it = sub->find("format"); it != sub->end() && it->is_string())
      format = it->get<std::string>();
  std::vector<std::string> cands;
  if (starts_with(format, "AWS::") && (ends_with(format, ".Id") || ends_with(format, ".Ids"))) {
    auto [fsvc, fres] = split_type(format.substr(0, format.rfind('.')));
    if (fsvc == "EC2") {
      if (fres == "Image")
        cands.push_back(ec2_id("ami", random));
      else if (auto it = ec2_type_prefixes().find(fres); it != ec2_type_prefixes().end())
        cands.push_back(ec2_id(it->second, random));
    } else if (fsvc == "KMS") {
      cands.push_back(random.uuid());
    }
  }
  std::string n(name);
  bool own = n == "Id" || n == res + "Id" || n == "Identifier" || n == res + "Identifier";
  if (svc == "EC2" && own)
    if (auto it = ec2_type_prefixes().find(res); it != ec2_type_prefixes().end())
      cands.push_back(ec2_id(it->second, random));
  if (auto it = ec2_property_prefixes().find(n); it != ec2_property_prefixes().end())
    cands.push_back(ec2_id(it->second, random));
  if (own) {
    if (svc == "ApiGateway" || svc == "ApiGatewayV2" || svc == "AppSync")
      cands.push_back(random.lower_alnum(10));
    if (svc == "CloudFront")
      cands.push_back("E" + random.upper_alnum(13));
    if (svc == "Route53")
      cands.push_back("Z" + random.upper_alnum(13));
    if (s.type_name == "AWS::Cognito::UserPool")
      cands.push_back(s.region + "_" + random.upper_alnum(4) + random.lower_alnum(5));
    if (s.type_name == "AWS::Cognito::IdentityPool")
      cands.push_back(s.region + ":" + random.uuid());
  }
  if (svc == "ApiGateway" || svc == "ApiGatewayV2")
    cands.push_back(random.lower_alnum(10));
  cands.push_back(random.uuid());
  cands.push_back(random.lower_alnum(10));
  cands.push_back(random.upper_alnum(10));
  cands.push_back(random.digits(12));
  cands.push_back(random.hex(32));
  return fitted(sub, cands, random);
}

/// The model's subnet list: SubnetIds at the top or inside VpcSettings (Directory Service).
const Value *subnet_ids_of(const Value &model) {
  if (!model.is_object())
    return nullptr;
  if (const Value *ids = model.find("SubnetIds"); ids && ids->is_array())
    return ids;
  if (const Value *vpc = model.find("VpcSettings"); vpc && vpc->is_object())
    if (const Value *ids = vpc->find("SubnetIds"); ids && ids->is_array())
      return ids;
  return nullptr;
}

Value synth_value(Ctx &ctx, const Json *sub, std::string_view name, bool top_level, int depth);

Value from_schema_literal(const Json &j) { return from_json(j); }

Value synth_value(Ctx &ctx, const Json *raw, std::string_view name, bool top_level, int depth) {
  const Json *sub = raw ? resolve_ref(ctx.root, *raw) : nullptr;
  if (sub && sub->is_object()) {
    if (auto it = sub->find("enumCaseInsensitive");
        it != sub->end() && it->is_array() && !it->empty())
      return from_schema_literal((*it)[0]);
    if (auto it = sub->find("enum"); it != sub->end() && it->is_array() && !it->empty()) {
      // Prefer a documented value over the first enum for a few well-known names.
      return from_schema_literal((*it)[0]);
    }
    if (auto it = sub->find("const"); it != sub->end())
      return from_schema_literal(*it);
    if (auto it = sub->find("default"); it != sub->end() && !it->is_null())
      return from_schema_literal(*it);
  }
  std::string type = sub ? schema_type(ctx.root, *sub) : "string";
  if (type == "integer" || type == "number") {
    std::string n(name);
    int64_t v = 1;
    if (ends_with(n, "Port"))
      v = 443;
    if (sub) {
      if (auto it = sub->find("minimum"); it != sub->end() && it->is_number())
        v = std::max<int64_t>(v, static_cast<int64_t>(std::ceil(it->get<double>())));
      if (auto it = sub->find("maximum"); it != sub->end() && it->is_number())
        v = std::min<int64_t>(v, static_cast<int64_t>(std::floor(it->get<double>())));
    }
    return Value(v);
  }
  if (type == "boolean")
    return Value(false);
  if (type == "array") {
    const Json *items = nullptr;
    if (sub)
      if (auto it = sub->find("items"); it != sub->end() && it->is_object())
        items = &*it;
    std::string singular(name);
    if (ends_with(singular, "s"))
      singular.pop_back();
    // As many items as the model asks for where it says (AWS::EC2::NetworkInterface's
    // SecondaryPrivateIpAddressCount sizes SecondaryPrivateIpAddresses); else one.
    std::string stem(name);
    if (ends_with(stem, "es"))
      stem.resize(stem.size() - 2);
    else if (ends_with(stem, "s"))
      stem.pop_back();
    int64_t count = 1;
    if (top_level && ctx.model.is_object())
      if (const Value *c = ctx.model.find(stem + "Count"); c && (c->is_number() || c->is_string()))
        try {
          count = std::clamp<int64_t>(std::stoll(c->scalar_string().value_or("1")), 0, 64);
        } catch (const std::exception &) {
        }
    // A service placing one address per subnet (a directory's domain controllers, a resolver
    // endpoint's interfaces) reports as many addresses as the resource names subnets.
    if (top_level && ends_with(stem, "IpAddress"))
      if (const Value *subnets = subnet_ids_of(ctx.model); subnets && subnets->size() > 0)
        count = static_cast<int64_t>(subnets->size());
    Value arr = Value::array();
    if (depth < 4)
      for (int64_t i = 0; i < count; ++i)
        arr.push_back(synth_value(ctx, items, singular, false, depth + 1));
    return arr;
  }
  if (type == "object") {
    Value obj = Value::object();
    if (sub && depth < 4)
      if (auto it = sub->find("properties"); it != sub->end() && it->is_object())
        for (const auto &[key, child] : it->items())
          obj.set(key, synth_value(ctx, &child, key, false, depth + 1));
    return obj;
  }
  return Value(synth_string(ctx, sub, name, top_level));
}

bool is_arn_pointer(const Json &root, const std::string &pointer) {
  auto path = pointer_path(pointer);
  if (path.empty())
    return false;
  if (ends_with(path.back(), "Arn"))
    return true;
  const Json *sub = subschema(root, path);
  if (sub && sub->is_object())
    if (auto it = sub->find("format");
        it != sub->end() && it->is_string() && ends_with(it->get<std::string>(), ".Arn"))
      return true;
  return false;
}

uint64_t fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

} // namespace

SynthesisScope SynthesisScope::from(const ResourceHandlerRequest &r) {
  SynthesisScope s;
  s.type_name = r.type_name;
  s.logical_id = r.logical_id;
  s.stack_name = r.stack_name;
  s.stack_id = r.stack_id;
  s.region = r.region;
  s.account_id = r.account_id;
  s.partition = r.partition;
  return s;
}

std::string name_property(const Json &schema, std::string_view type_name) {
  auto props = schema.find("properties");
  if (props == schema.end() || !props->is_object())
    return "";
  auto [svc, res] = split_type(type_name);
  std::vector<std::string> cands{res + "Name"};
  // The last word of the resource name: SecurityGroup -> GroupName, LogGroup -> GroupName.
  for (size_t i = res.size(); i-- > 1;)
    if (std::isupper(static_cast<unsigned char>(res[i]))) {
      cands.push_back(res.substr(i) + "Name");
      break;
    }
  cands.push_back("Name");
  auto read_only = pointer_list(schema, "readOnlyProperties");
  for (const auto &c : cands) {
    auto it = props->find(c);
    if (it == props->end())
      continue;
    if (std::find(read_only.begin(), read_only.end(), "/properties/" + c) != read_only.end())
      continue;
    if (schema_type(schema, *it) == "string")
      return c;
  }
  return "";
}

bool generates_name(const Json &schema, std::string_view name_prop) {
  if (name_prop.empty())
    return false;
  if (auto it = schema.find("required"); it != schema.end() && it->is_array())
    for (const auto &r : *it)
      if (r.is_string() && r.get<std::string>() == name_prop)
        return false;
  std::string pointer = "/properties/" + std::string(name_prop);
  for (const char *key : {"primaryIdentifier", "createOnlyProperties"}) {
    auto list = pointer_list(schema, key);
    if (std::find(list.begin(), list.end(), pointer) != list.end())
      return true;
  }
  return false;
}

std::string generated_name(const Json &name_schema, const SynthesisScope &scope,
                           RandomSource &random) {
  size_t max_length = 64;
  if (auto it = name_schema.find("maxLength"); it != name_schema.end() && it->is_number())
    max_length = std::max<size_t>(it->get<size_t>(), 1);
  std::string pattern;
  if (auto it = name_schema.find("pattern"); it != name_schema.end() && it->is_string())
    pattern = it->get<std::string>();

  auto build = [&](bool lowercase, bool dashes, size_t suffix_len) {
    std::string suffix =
        lowercase ? random.lower_alnum(suffix_len) : random.upper_alnum(suffix_len);
    std::string sep = dashes ? "-" : "";
    std::string stack = scope.stack_name, logical = scope.logical_id;
    if (!dashes) {
      std::erase_if(stack, [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); });
    }
    size_t fixed = suffix.size() + 2 * sep.size();
    if (fixed >= max_length)
      return suffix.substr(0, max_length);
    size_t budget = max_length - fixed;
    if (stack.size() + logical.size() > budget) {
      // Keep as much of each as fits; the stack name gives way first, as CloudFormation's do.
      size_t keep_logical = std::min(logical.size(), std::max(budget / 2, budget - stack.size()));
      size_t keep_stack = budget - keep_logical;
      stack = stack.substr(0, keep_stack);
      logical = logical.substr(0, keep_logical);
    }
    std::string name =
        stack.empty() ? logical + sep + suffix : stack + sep + logical + sep + suffix;
    if (lowercase)
      name = lower(name);
    return name;
  };
  const Json *sub = &name_schema;
  for (bool lowercase : {false, true})
    for (bool dashes : {true, false}) {
      std::string name = build(lowercase, dashes, lowercase ? 12 : 13);
      if (pattern.empty() || fits(sub, name))
        return name;
    }
  std::vector<std::string> none;
  return fitted(sub, none, random);
}

std::string generate_id(const Json &root, const Json *property_schema,
                        std::string_view property_name, const SynthesisScope &scope,
                        RandomSource &random) {
  Value empty;
  Ctx ctx{root, scope, random, empty, "", ""};
  return generate_id_in(ctx, property_schema, property_name);
}

Value synthesize_value(const Json &root, const Json *sub, std::string_view property_name,
                       const Value &model, const SynthesisScope &scope, RandomSource &random) {
  Ctx ctx{root, scope, random, model, own_token(root, model, scope.type_name), ""};
  return synth_value(ctx, sub, property_name, false, 0);
}

std::string own_token(const Json &schema, const Value &model, std::string_view type_name) {
  std::string np = name_property(schema, type_name);
  if (!np.empty())
    if (const Value *v = model.find(np); v && v->is_string() && !v->as_string().empty())
      return v->as_string();
  for (const auto &p : pointer_list(schema, "primaryIdentifier")) {
    if (is_arn_pointer(schema, p))
      continue;
    const Value *v = model_at(model, pointer_path(p));
    if (v && v->is_string() && !starts_with(v->as_string(), "arn:"))
      return v->as_string();
  }
  return "";
}

Value complete_model(const Json &schema, const Value &desired, const SynthesisScope &scope,
                     RandomSource &random) {
  Value model = desired.is_object() ? desired : Value::object();
  std::string np = name_property(schema, scope.type_name);
  if (!np.empty() && !model.find(np) && generates_name(schema, np)) {
    const Json *sub = subschema(schema, {np});
    Json empty = Json::object();
    std::string name = generated_name(sub ? *sub : empty, scope, random);
    // FIFO queues and topics: CloudFormation appends the required suffix to generated names.
    if ((scope.type_name == "AWS::SQS::Queue" && model.find("FifoQueue") &&
         model.find("FifoQueue")->scalar_string() == "true") ||
        (scope.type_name == "AWS::SNS::Topic" && model.find("FifoTopic") &&
         model.find("FifoTopic")->scalar_string() == "true"))
      name = name.substr(0, std::min<size_t>(name.size(), 75)) + ".fifo";
    model.set(np, Value(name));
  }

  auto read_only = pointer_list(schema, "readOnlyProperties");
  auto primary = pointer_list(schema, "primaryIdentifier");
  Ctx ctx{schema, scope, random, model, "", ""};

  // The names a resource's own id and ARN go by: AWS::EC2::SecurityGroup's Id and GroupId are
  // one value, as are an Arn and a TopicArn.
  auto [svc, res] = split_type(scope.type_name);
  std::string last_word = res;
  for (size_t i = res.size(); i-- > 1;)
    if (std::isupper(static_cast<unsigned char>(res[i]))) {
      last_word = res.substr(i);
      break;
    }
  const std::vector<std::vector<std::string>> aliases{{"Id", res + "Id", last_word + "Id"},
                                                      {"Arn", res + "Arn", last_word + "Arn"}};
  auto alias_value = [&](const std::string &key) -> const Value * {
    for (const auto &group : aliases)
      if (std::find(group.begin(), group.end(), key) != group.end())
        for (const auto &other : group)
          if (other != key)
            if (const Value *v = model.find(other))
              return v;
    return nullptr;
  };
  (void)svc;

  auto fill = [&](const std::string &pointer) {
    auto path = pointer_path(pointer);
    if (path.empty() || model_at(model, path))
      return;
    if (std::find(path.begin(), path.end(), "*") != path.end())
      return; // inside arrays: the service fills these per item; nothing to invent at create
    bool identifier = std::find(primary.begin(), primary.end(), pointer) != primary.end();
    if (path.size() > 1 && !identifier) {
      std::vector<std::string> parent(path.begin(), path.end() - 1);
      if (!model_at(model, parent))
        return;
    }
    if (path.size() == 1)
      if (const Value *same = alias_value(path.front())) {
        model.set(path.front(), Value(*same));
        return;
      }
    const Json *sub = subschema(schema, path);
    set_model_at(model, path, synth_value(ctx, sub, path.back(), path.size() == 1, 0));
  };

  ctx.token = own_token(schema, model, scope.type_name);
  // Primary identifier parts that are ids (not ARNs) come first: the ARN is built from them.
  for (const auto &p : primary)
    if (!is_arn_pointer(schema, p))
      fill(p);
  ctx.token = own_token(schema, model, scope.type_name);
  for (const auto &p : primary)
    fill(p);
  for (const auto &p : read_only)
    fill(p);
  return model;
}

Value synthesize_attribute(const Json &schema, const Value &model,
                           const std::vector<std::string> &path, const SynthesisScope &scope) {
  if (path.empty())
    return Value();
  const Json *sub = subschema(schema, path);
  if (!sub)
    return Value();
  // Keyed on the primary identifier, not the whole model: a service's attribute (an ELB's
  // SourceSecurityGroup, a default VPC id) stays the same across in-place updates and changes only
  // when the resource is replaced. A model without its identifier falls back to all of it.
  std::string identity;
  for (const auto &p : pointer_list(schema, "primaryIdentifier"))
    if (const Value *v = model_at(model, pointer_path(p)))
      identity += "|" + dump_json(*v, -1);
  std::string key = scope.type_name + "|" + scope.logical_id + "|" +
                    (identity.empty() ? dump_json(model, -1) : identity);
  for (const auto &p : path)
    key += "/" + p;
  RandomSource random(fnv1a(key));
  Ctx ctx{schema, scope, random, model, own_token(schema, model, scope.type_name), ""};
  // The model's own ARN, when it has one, keeps derived values consistent with it.
  for (const auto &p : pointer_list(schema, "readOnlyProperties"))
    if (is_arn_pointer(schema, p) && pointer_path(p).size() == 1 && ends_with(p, "/Arn"))
      if (const Value *v = model_at(model, pointer_path(p)); v && v->is_string())
        ctx.own_arn = v->as_string();
  return synth_value(ctx, sub, path.back(), path.size() == 1, 0);
}

} // namespace cfnlocal::providers
