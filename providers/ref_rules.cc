#include "providers/ref_rules.h"

#include "providers/model_synthesis.h"
#include "providers/schema_view.h"

#include <algorithm>

namespace cfnlocal::providers {
namespace {

constexpr RefException kExceptions[] = {
    {"AWS::Events::Rule", "Name", "aws-resource-events-rule.html"},
    {"AWS::EC2::EIP", "PublicIp", "aws-resource-ec2-eip.html"},
    {"AWS::ApiGateway::Resource", "ResourceId", "aws-resource-apigateway-resource.html"},
    {"AWS::ApiGateway::Stage", "StageName", "aws-resource-apigateway-stage.html"},
    {"AWS::ApiGateway::Deployment", "DeploymentId", "aws-resource-apigateway-deployment.html"},
    {"AWS::ApiGateway::Authorizer", "AuthorizerId", "aws-resource-apigateway-authorizer.html"},
    {"AWS::ApiGateway::Model", "Name", "aws-resource-apigateway-model.html"},
    {"AWS::ApiGateway::RequestValidator", "RequestValidatorId",
     "aws-resource-apigateway-requestvalidator.html"},
    {"AWS::ApiGateway::DocumentationPart", "DocumentationPartId",
     "aws-resource-apigateway-documentationpart.html"},
    {"AWS::ApiGatewayV2::Route", "RouteId", "aws-resource-apigatewayv2-route.html"},
    {"AWS::ApiGatewayV2::Integration", "IntegrationId",
     "aws-resource-apigatewayv2-integration.html"},
    {"AWS::ApiGatewayV2::Authorizer", "AuthorizerId", "aws-resource-apigatewayv2-authorizer.html"},
    {"AWS::ApiGatewayV2::Deployment", "DeploymentId", "aws-resource-apigatewayv2-deployment.html"},
    {"AWS::Logs::LogStream", "LogStreamName", "aws-resource-logs-logstream.html"},
    {"AWS::Logs::MetricFilter", "FilterName", "aws-resource-logs-metricfilter.html"},
    {"AWS::Logs::SubscriptionFilter", "FilterName", "aws-resource-logs-subscriptionfilter.html"},
    {"AWS::Cognito::UserPoolClient", "ClientId", "aws-resource-cognito-userpoolclient.html"},
    {"AWS::ECS::Service", "ServiceArn", "aws-resource-ecs-service.html"},
    {"AWS::Route53::RecordSet", "Name", "aws-resource-route53-recordset.html"},
    {"AWS::Lambda::Permission", "Id", "aws-resource-lambda-permission.html"},
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

} // namespace

std::optional<RefException> ref_exception(std::string_view type_name) {
  for (const auto &e : kExceptions)
    if (e.type_name == type_name)
      return e;
  return std::nullopt;
}

std::optional<Value> ref_value(const Json &schema, std::string_view type_name, const Value &model) {
  if (type_name == "AWS::Events::Rule") {
    // Rules on a custom event bus: "eventBusName|ruleName"; on the default bus: the name.
    const Value *name = model.find("Name");
    if (!name || !name->is_string())
      return std::nullopt;
    const Value *bus = model.find("EventBusName");
    if (bus && bus->is_string() && !bus->as_string().empty() && bus->as_string() != "default" &&
        !ends_with(bus->as_string(), "event-bus/default"))
      return Value(bus->as_string() + "|" + name->as_string());
    return *name;
  }
  if (auto e = ref_exception(type_name)) {
    if (const Value *v = model.find(e->property))
      return *v;
    return std::nullopt;
  }
  auto primary = pointer_list(schema, "primaryIdentifier");
  if (primary.empty())
    return std::nullopt;
  std::string chosen = primary.front();
  if (primary.size() > 1) {
    auto read_only = pointer_list(schema, "readOnlyProperties");
    std::vector<std::string> owned;
    for (const auto &p : primary)
      if (std::find(read_only.begin(), read_only.end(), p) != read_only.end())
        owned.push_back(p);
    if (owned.size() == 1) {
      chosen = owned.front();
    } else {
      chosen = primary.back();
      std::string np = name_property(schema, type_name);
      for (const auto &p : primary)
        if (!np.empty() && p == "/properties/" + np)
          chosen = p;
    }
  }
  const Value *v = model_at(model, pointer_path(chosen));
  if (!v)
    return std::nullopt;
  return *v;
}

std::string primary_identifier_string(const Json &schema, const Value &model) {
  std::string out;
  auto primary = pointer_list(schema, "primaryIdentifier");
  for (size_t i = 0; i < primary.size(); ++i) {
    const Value *v = model_at(model, pointer_path(primary[i]));
    if (!v)
      return "";
    auto s = v->scalar_string();
    if (!s)
      return "";
    if (i)
      out += "|";
    out += *s;
  }
  return out;
}

} // namespace cfnlocal::providers
