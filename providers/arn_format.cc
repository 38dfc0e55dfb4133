#include "providers/arn_format.h"

#include <algorithm>
#include <cctype>

namespace cfnlocal::providers {
namespace {

// Types whose "Return values" ARN differs from the Service Authorization Reference's shape.
constexpr std::pair<std::string_view, std::string_view> kOverrides[] = {
    // aws-resource-logs-loggroup.html:
    // "arn:aws:logs:us-west-1:123456789012:log-group:/mystack-testgroup-12ABC1AB12A1:*"
    {"AWS::Logs::LogGroup", "arn:{partition}:logs:{region}:{account}:log-group:{name}:*"},
    // aws-resource-secretsmanager-secret.html: the ARN ends with a dash and six random characters.
    {"AWS::SecretsManager::Secret",
     "arn:{partition}:secretsmanager:{region}:{account}:secret:{name}"},
    // aws-resource-ssm-parameter.html (names starting with "/" keep a single slash).
    {"AWS::SSM::Parameter", "arn:{partition}:ssm:{region}:{account}:parameter/{name}"},
    // aws-resource-events-rule.html: rules on a custom bus carry the bus name.
    {"AWS::Events::Rule", "arn:{partition}:events:{region}:{account}:rule/{name}"},
    {"AWS::IAM::ManagedPolicy", "arn:{partition}:iam::{account}:policy/{name}"},
    {"AWS::IAM::InstanceProfile", "arn:{partition}:iam::{account}:instance-profile/{name}"},
    {"AWS::IAM::User", "arn:{partition}:iam::{account}:user/{name}"},
    {"AWS::IAM::Group", "arn:{partition}:iam::{account}:group/{name}"},
    {"AWS::IAM::OIDCProvider", "arn:{partition}:iam::{account}:oidc-provider/{name}"},
    {"AWS::ECS::Service", "arn:{partition}:ecs:{region}:{account}:service/{parent}/{name}"},
    {"AWS::ECS::TaskDefinition", "arn:{partition}:ecs:{region}:{account}:task-definition/{name}:1"},
    {"AWS::ElasticLoadBalancingV2::LoadBalancer",
     "arn:{partition}:elasticloadbalancing:{region}:{account}:loadbalancer/app/{name}/{parent}"},
    {"AWS::ElasticLoadBalancingV2::TargetGroup",
     "arn:{partition}:elasticloadbalancing:{region}:{account}:targetgroup/{name}/{parent}"},
    {"AWS::CloudWatch::Alarm", "arn:{partition}:cloudwatch:{region}:{account}:alarm:{name}"},
    {"AWS::Kinesis::Stream", "arn:{partition}:kinesis:{region}:{account}:stream/{name}"},
    {"AWS::Lambda::LayerVersion", "arn:{partition}:lambda:{region}:{account}:layer:{name}:1"},
    {"AWS::Lambda::Version", "arn:{partition}:lambda:{region}:{account}:function:{name}:1"},
    {"AWS::Lambda::Alias", "arn:{partition}:lambda:{region}:{account}:function:{parent}:{name}"},
    {"AWS::SNS::Subscription", "arn:{partition}:sns:{region}:{account}:{parent}:{name}"},
    {"AWS::CloudFormation::Stack",
     "arn:{partition}:cloudformation:{region}:{account}:stack/{parent}/{name}"},
    {"AWS::ApiGateway::Stage",
     "arn:{partition}:apigateway:{region}::/restapis/{parent}/stages/{name}"},
    {"AWS::ApiGatewayV2::Api", "arn:{partition}:apigateway:{region}::/apis/{name}"},
};

std::string kebab(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (std::isupper(static_cast<unsigned char>(c)) && i > 0 &&
        (std::islower(static_cast<unsigned char>(s[i - 1])) ||
         std::isdigit(static_cast<unsigned char>(s[i - 1]))))
      out += '-';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

void replace_all(std::string &s, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

} // namespace

std::string arn_template(std::string_view type_name) {
  for (const auto &[t, f] : kOverrides)
    if (t == type_name)
      return std::string(f);
  const auto &table = arn_format_table();
  auto it = std::lower_bound(table.begin(), table.end(), type_name,
                             [](const auto &row, std::string_view t) { return row.first < t; });
  if (it != table.end() && it->first == type_name)
    return std::string(it->second);
  // Custom and third-party types: the common shape from their own names.
  std::string svc, res;
  size_t a = type_name.find("::");
  size_t b = a == std::string_view::npos ? a : type_name.find("::", a + 2);
  if (b != std::string_view::npos) {
    svc = std::string(type_name.substr(a + 2, b - a - 2));
    res = std::string(type_name.substr(b + 2));
  } else {
    svc = "custom";
    res = std::string(type_name);
  }
  std::transform(svc.begin(), svc.end(), svc.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return "arn:{partition}:" + svc + ":{region}:{account}:" + kebab(res) + "/{name}";
}

std::string format_arn(std::string_view arn_template, const ArnParts &parts) {
  std::string out(arn_template);
  replace_all(out, "{partition}", parts.partition);
  replace_all(out, "{region}", parts.region);
  replace_all(out, "{account}", parts.account);
  replace_all(out, "{parent}", parts.parent.empty() ? std::string("default") : parts.parent);
  replace_all(out, "{name}", parts.name);
  return out;
}

std::string arn_service(std::string_view type_name) {
  std::string t = arn_template(type_name);
  // "arn:{partition}:<service>:..."
  size_t a = t.find(':', 4);
  if (a == std::string::npos)
    return "";
  size_t b = t.find(':', a + 1);
  return t.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
}

std::string dns_suffix(std::string_view partition) {
  if (partition == "aws-cn")
    return "amazonaws.com.cn";
  if (partition == "aws-iso")
    return "c2s.ic.gov";
  if (partition == "aws-iso-b")
    return "sc2s.sgov.gov";
  return "amazonaws.com";
}

} // namespace cfnlocal::providers
