// The embedded API Gateway V2 control plane: quick create, route keys and targets, integration
// types per protocol, deployments needing routes, AutoDeploy stages, OpenAPI 3.0 import and
// reimport, JWT authorizers, domain names and API mappings, with API Gateway's error codes.
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::services;
using ::testing::HasSubstr;

namespace {

class ApiGatewayV2Test : public EmbeddedTest {
protected:
  std::string http_api() {
    return call("apigatewayv2", "CreateApi",
                {{"Name", "orders"}, {"ProtocolType", "HTTP"}})["ApiId"];
  }
};

const char *kOpenApi = R"({
  "openapi": "3.0.1",
  "info": {"title": "imported", "version": "1"},
  "components": {"securitySchemes": {"jwt": {"type": "oauth2",
    "x-amazon-apigateway-authorizer": {"type": "jwt",
      "jwtConfiguration": {"audience": ["app"], "issuer": "https://issuer.example.com"},
      "identitySource": "$request.header.Authorization"}}}},
  "paths": {
    "/items": {"get": {"security": [{"jwt": []}],
      "x-amazon-apigateway-integration": {"type": "aws_proxy", "httpMethod": "POST",
        "payloadFormatVersion": "2.0",
        "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations"}}}
  }
})";

TEST_F(ApiGatewayV2Test, VpcLinksNeedSubnetsOfOneVpc) {
  std::string vpc = call("ec2", "CreateVpc", {{"CidrBlock", "10.5.0.0/16"}})["Vpc"]["VpcId"];
  std::string subnet = call("ec2", "CreateSubnet",
                            {{"VpcId", vpc}, {"CidrBlock", "10.5.1.0/24"}})["Subnet"]["SubnetId"];
  EXPECT_EQ(error_of("apigatewayv2", "CreateVpcLink",
                     {{"Name", "l"}, {"SubnetIds", {"subnet-0000000000000000f"}}}),
            "BadRequestException");
  EXPECT_EQ(error_of("apigatewayv2", "CreateVpcLink",
                     {{"Name", "l"}, {"SubnetIds", {subnet}}, {"SecurityGroupIds", {"sg-1"}}}),
            "BadRequestException");
  Json link = call("apigatewayv2", "CreateVpcLink", {{"Name", "l"}, {"SubnetIds", {subnet}}});
  EXPECT_EQ(link["VpcLinkVersion"], "V2");
  std::string id = link["VpcLinkId"];
  EXPECT_EQ(call("apigatewayv2", "UpdateVpcLink", {{"VpcLinkId", id}, {"Name", "m"}})["Name"], "m");
  EXPECT_EQ(call("apigatewayv2", "GetVpcLinks")["Items"].size(), 1u);
  call("apigatewayv2", "DeleteVpcLink", {{"VpcLinkId", id}});
  EXPECT_EQ(error_of("apigatewayv2", "GetVpcLink", {{"VpcLinkId", id}}), "NotFoundException");
}

} // namespace

TEST_F(ApiGatewayV2Test, QuickCreateMakesARouteAnIntegrationAndTheDefaultStage) {
  Json api = call("apigatewayv2", "CreateApi",
                  {{"Name", "quick"},
                   {"ProtocolType", "HTTP"},
                   {"Target", "arn:aws:lambda:us-east-1:123456789012:function:f"}});
  EXPECT_EQ(api["ApiEndpoint"],
            "https://" + api["ApiId"].get<std::string>() + ".execute-api.us-east-1.amazonaws.com");
  Json routes = call("apigatewayv2", "GetRoutes", {{"ApiId", api["ApiId"]}});
  ASSERT_EQ(routes["Items"].size(), 1u);
  EXPECT_EQ(routes["Items"][0]["RouteKey"], "$default");
  Json stage =
      call("apigatewayv2", "GetStage", {{"ApiId", api["ApiId"]}, {"StageName", "$default"}});
  EXPECT_EQ(stage["AutoDeploy"], true);
  EXPECT_FALSE(stage.value("DeploymentId", "").empty());
  EXPECT_EQ(error_of("apigatewayv2", "CreateApi", {{"Name", "w"}, {"ProtocolType", "WEBSOCKET"}}),
            "BadRequestException");
  EXPECT_EQ(error_of("apigatewayv2", "GetApi", {{"ApiId", "missing"}}), "NotFoundException");
  EXPECT_EQ(last_status_, 404);
}

TEST_F(ApiGatewayV2Test, RoutesIntegrationsAndDeployments) {
  std::string api = http_api();
  EXPECT_EQ(error_of("apigatewayv2", "CreateDeployment", {{"ApiId", api}}), "BadRequestException");
  EXPECT_EQ(last_error_, "Unable to deploy API because no routes exist in this API");
  EXPECT_EQ(
      error_of("apigatewayv2", "CreateIntegration", {{"ApiId", api}, {"IntegrationType", "MOCK"}}),
      "BadRequestException");
  EXPECT_THAT(last_error_, HasSubstr("Unsupported integration type 'MOCK' for HTTP APIs"));
  EXPECT_EQ(error_of("apigatewayv2", "CreateIntegration",
                     {{"ApiId", api},
                      {"IntegrationType", "AWS_PROXY"},
                      {"IntegrationUri", "arn:aws:lambda:us-east-1:123456789012:function:f"}}),
            "BadRequestException");
  EXPECT_THAT(last_error_, HasSubstr("PayloadFormatVersion is required"));
  Json integration = call("apigatewayv2", "CreateIntegration",
                          {{"ApiId", api},
                           {"IntegrationType", "HTTP_PROXY"},
                           {"IntegrationUri", "https://example.com"}});
  std::string target = "integrations/" + integration["IntegrationId"].get<std::string>();
  EXPECT_EQ(error_of("apigatewayv2", "CreateRoute",
                     {{"ApiId", api}, {"RouteKey", "FETCH /x"}, {"Target", target}}),
            "BadRequestException");
  EXPECT_EQ(error_of("apigatewayv2", "CreateRoute",
                     {{"ApiId", api}, {"RouteKey", "GET /x"}, {"Target", "integrations/nope"}}),
            "BadRequestException");
  call("apigatewayv2", "CreateRoute", {{"ApiId", api}, {"RouteKey", "GET /x"}, {"Target", target}});
  EXPECT_EQ(error_of("apigatewayv2", "CreateRoute",
                     {{"ApiId", api}, {"RouteKey", "GET /x"}, {"Target", target}}),
            "ConflictException");
  EXPECT_EQ(error_of("apigatewayv2", "DeleteIntegration",
                     {{"ApiId", api}, {"IntegrationId", integration["IntegrationId"]}}),
            "ConflictException");

  // An AutoDeploy stage is deployed at once and again after each route change.
  Json stage = call("apigatewayv2", "CreateStage",
                    {{"ApiId", api}, {"StageName", "live"}, {"AutoDeploy", true}});
  std::string first = stage["DeploymentId"];
  EXPECT_FALSE(first.empty());
  call("apigatewayv2", "CreateRoute",
       {{"ApiId", api}, {"RouteKey", "POST /x"}, {"Target", target}});
  EXPECT_NE(
      call("apigatewayv2", "GetStage", {{"ApiId", api}, {"StageName", "live"}})["DeploymentId"],
      first);
  EXPECT_EQ(error_of("apigatewayv2", "CreateDeployment", {{"ApiId", api}, {"StageName", "live"}}),
            "BadRequestException");
  EXPECT_EQ(error_of("apigatewayv2", "CreateStage", {{"ApiId", api}, {"StageName", "bad name"}}),
            "BadRequestException");
  EXPECT_EQ(error_of("apigatewayv2", "CreateStage", {{"ApiId", api}, {"StageName", "live"}}),
            "ConflictException");
}

TEST_F(ApiGatewayV2Test, ImportAndReimportOpenApi) {
  Json api = call("apigatewayv2", "ImportApi", {{"Body", kOpenApi}});
  EXPECT_EQ(api["Name"], "imported");
  Json routes = call("apigatewayv2", "GetRoutes", {{"ApiId", api["ApiId"]}})["Items"];
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0]["RouteKey"], "GET /items");
  EXPECT_EQ(routes[0]["AuthorizationType"], "JWT");
  Json authorizers = call("apigatewayv2", "GetAuthorizers", {{"ApiId", api["ApiId"]}})["Items"];
  ASSERT_EQ(authorizers.size(), 1u);
  EXPECT_EQ(authorizers[0]["JwtConfiguration"]["Issuer"], "https://issuer.example.com");
  Json integrations = call("apigatewayv2", "GetIntegrations", {{"ApiId", api["ApiId"]}})["Items"];
  EXPECT_EQ(integrations[0]["PayloadFormatVersion"], "2.0");

  call("apigatewayv2", "ReimportApi",
       {{"ApiId", api["ApiId"]},
        {"Body", "openapi: 3.0.1\ninfo: {title: again}\npaths:\n  /a:\n    post:\n"
                 "      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: ANY, "
                 "uri: 'https://example.com'}\n"}});
  routes = call("apigatewayv2", "GetRoutes", {{"ApiId", api["ApiId"]}})["Items"];
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0]["RouteKey"], "POST /a");
  EXPECT_EQ(error_of("apigatewayv2", "ImportApi", {{"Body", R"({"swagger": "2.0"})"}}),
            "BadRequestException");
}

TEST_F(ApiGatewayV2Test, DomainNamesAndMappings) {
  std::string api = http_api();
  call("apigatewayv2", "CreateStage", {{"ApiId", api}, {"StageName", "$default"}});
  EXPECT_EQ(error_of("apigatewayv2", "CreateDomainName", {{"DomainName", "api.example.com"}}),
            "BadRequestException");
  Json domain =
      call("apigatewayv2", "CreateDomainName",
           {{"DomainName", "api.example.com"},
            {"DomainNameConfigurations",
             {{{"CertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/x"}}}}});
  EXPECT_EQ(domain["DomainNameConfigurations"][0]["EndpointType"], "REGIONAL");
  EXPECT_EQ(error_of("apigatewayv2", "CreateApiMapping",
                     {{"DomainName", "api.example.com"}, {"ApiId", api}, {"Stage", "nope"}}),
            "BadRequestException");
  call("apigatewayv2", "CreateApiMapping",
       {{"DomainName", "api.example.com"}, {"ApiId", api}, {"Stage", "$default"}});
  EXPECT_EQ(error_of("apigatewayv2", "CreateApiMapping",
                     {{"DomainName", "api.example.com"}, {"ApiId", api}, {"Stage", "$default"}}),
            "ConflictException");
}
