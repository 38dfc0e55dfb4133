// The AWS::ApiGatewayV2 types deployed through the engine onto the embedded API Gateway V2: an
// HTTP API with an integration, routes, a JWT authorizer, a deployment, a stage, a domain name
// and an API mapping; in-place updates, a replacement, delete; API Gateway's own checks failing
// a resource with its message, then rolling back; and a SAM HttpApi event deployed with these
// providers (an imported OpenAPI body and the $default stage with AutoDeploy).
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class ApiGatewayV2DeployTest : public ServiceDeployTest {
protected:
  std::vector<std::string> route_keys(const std::string &api) {
    std::vector<std::string> out;
    Json routes = call("apigatewayv2", "GetRoutes", {{"ApiId", api}});
    for (const auto &r : routes["Items"])
      out.push_back(r["RouteKey"]);
    return out;
  }
};

const char *kTemplate = R"(
Parameters:
  RouteKey:
    Type: String
    Default: GET /orders
  StageName:
    Type: String
    Default: live
  Description:
    Type: String
    Default: first
  IntegrationType:
    Type: String
    Default: HTTP_PROXY
Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: orders
      ProtocolType: HTTP
      Description: !Ref Description
      Tags: {team: core}
  Backend:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: !Ref IntegrationType
      IntegrationMethod: GET
      IntegrationUri: https://example.com/orders
      PayloadFormatVersion: "1.0"
  Jwt:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties:
      ApiId: !Ref Api
      Name: jwt
      AuthorizerType: JWT
      IdentitySource: [$request.header.Authorization]
      JwtConfiguration: {Audience: [app], Issuer: "https://issuer.example.com"}
  Orders:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: !Ref RouteKey
      AuthorizationType: JWT
      AuthorizerId: !Ref Jwt
      Target: !Sub integrations/${Backend}
  Deployment:
    Type: AWS::ApiGatewayV2::Deployment
    DependsOn: Orders
    Properties:
      ApiId: !Ref Api
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Api
      StageName: !Ref StageName
      DeploymentId: !Ref Deployment
      Description: !Ref Description
      StageVariables: {color: blue}
  Domain:
    Type: AWS::ApiGatewayV2::DomainName
    Properties:
      DomainName: api.example.com
      DomainNameConfigurations:
        - CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
          EndpointType: REGIONAL
  Mapping:
    Type: AWS::ApiGatewayV2::ApiMapping
    Properties:
      DomainName: !Ref Domain
      ApiId: !Ref Api
      Stage: !Ref Stage
Outputs:
  Api:
    Value: !Ref Api
  Endpoint:
    Value: !GetAtt Api.ApiEndpoint
  Stage:
    Value: !Ref Stage
  Route:
    Value: !Ref Orders
  Regional:
    Value: !GetAtt Domain.RegionalDomainName
)";

TEST_F(ApiGatewayV2DeployTest, VpcLinkOnTheEmbeddedNetwork) {
  const char *t = R"(
Parameters:
  LinkName:
    Type: String
    Default: first
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.9.0.0/16}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.9.1.0/24}
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: link, VpcId: !Ref Vpc}
  Link:
    Type: AWS::ApiGatewayV2::VpcLink
    Properties:
      Name: !Ref LinkName
      SubnetIds: [!Ref Subnet]
      SecurityGroupIds: [!GetAtt Group.GroupId]
      Tags: {team: core}
Outputs:
  Link: {Value: !Ref Link}
  Subnet: {Value: !Ref Subnet}
)";
  auto created = deploy("link", t);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string id = output(created, "Link");
  Json link = call("apigatewayv2", "GetVpcLink", {{"VpcLinkId", id}});
  EXPECT_EQ(link["Name"], "first");
  EXPECT_EQ(link["SubnetIds"][0], output(created, "Subnet"));
  EXPECT_EQ(link["VpcLinkStatus"], "AVAILABLE");
  EXPECT_EQ(link["Tags"]["team"], "core");

  auto renamed = deploy("link", t, {{"LinkName", "second"}});
  ASSERT_TRUE(renamed.succeeded) << renamed.message;
  EXPECT_EQ(output(renamed, "Link"), id); // in place
  EXPECT_EQ(call("apigatewayv2", "GetVpcLink", {{"VpcLinkId", id}})["Name"], "second");

  ASSERT_TRUE(remove("link").succeeded);
  EXPECT_EQ(error_of("apigatewayv2", "GetVpcLink", {{"VpcLinkId", id}}), "NotFoundException");
}

TEST_F(ApiGatewayV2DeployTest, AVpcLinkOnAMissingSubnetFails) {
  const char *t = R"(
Resources:
  Link:
    Type: AWS::ApiGatewayV2::VpcLink
    Properties: {Name: nowhere, SubnetIds: [subnet-0123456789abcdef0]}
)";
  auto created = deploy("nowhere", t);
  EXPECT_FALSE(created.succeeded);
  EXPECT_THAT(reason("Link", "CREATE_FAILED"),
              HasSubstr("Subnet subnet-0123456789abcdef0 does not exist"));
}

} // namespace

TEST_F(ApiGatewayV2DeployTest, CreateUpdateInPlaceReplaceAndDelete) {
  auto created = deploy("app", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string api = output(created, "Api");
  EXPECT_EQ(output(created, "Endpoint"), "https://" + api + ".execute-api.us-east-1.amazonaws.com");
  EXPECT_EQ(output(created, "Stage"), "live");
  EXPECT_THAT(output(created, "Regional"), HasSubstr(".execute-api.us-east-1.amazonaws.com"));
  Json a = call("apigatewayv2", "GetApi", {{"ApiId", api}});
  EXPECT_EQ(a["Description"], "first");
  EXPECT_EQ(a["Tags"]["team"], "core");
  EXPECT_THAT(route_keys(api), ::testing::ElementsAre("GET /orders"));
  Json route =
      call("apigatewayv2", "GetRoute", {{"ApiId", api}, {"RouteId", output(created, "Route")}});
  EXPECT_EQ(route["AuthorizationType"], "JWT");
  Json stage = call("apigatewayv2", "GetStage", {{"ApiId", api}, {"StageName", "live"}});
  EXPECT_EQ(stage["StageVariables"]["color"], "blue");
  Json mappings = call("apigatewayv2", "GetApiMappings", {{"DomainName", "api.example.com"}});
  ASSERT_EQ(mappings["Items"].size(), 1u);
  EXPECT_EQ(mappings["Items"][0]["Stage"], "live");

  // In place: the route key, the API's and the stage's descriptions.
  auto updated =
      deploy("app", kTemplate, {{"RouteKey", "POST /orders"}, {"Description", "second"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "Route"), output(created, "Route"));
  EXPECT_THAT(route_keys(api), ::testing::ElementsAre("POST /orders"));
  EXPECT_EQ(call("apigatewayv2", "GetApi", {{"ApiId", api}})["Description"], "second");
  EXPECT_EQ(
      call("apigatewayv2", "GetStage", {{"ApiId", api}, {"StageName", "live"}})["Description"],
      "second");

  // StageName is createOnly: a new stage, the mapping moved onto it, the old stage deleted.
  auto replaced =
      deploy("app", kTemplate,
             {{"RouteKey", "POST /orders"}, {"Description", "second"}, {"StageName", "v2"}});
  ASSERT_TRUE(replaced.succeeded) << replaced.message;
  Json stages = call("apigatewayv2", "GetStages", {{"ApiId", api}})["Items"];
  ASSERT_EQ(stages.size(), 1u);
  EXPECT_EQ(stages[0]["StageName"], "v2");
  EXPECT_EQ(call("apigatewayv2", "GetApiMappings",
                 {{"DomainName", "api.example.com"}})["Items"][0]["Stage"],
            "v2");

  auto deleted = remove("app");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_TRUE(call("apigatewayv2", "GetApis")["Items"].empty());
  EXPECT_TRUE(call("apigatewayv2", "GetDomainNames")["Items"].empty());
}

TEST_F(ApiGatewayV2DeployTest, AMockIntegrationOnAnHttpApiFailsAndRollsBack) {
  auto created = deploy("app", kTemplate, {{"IntegrationType", "MOCK"}});
  EXPECT_FALSE(created.succeeded);
  EXPECT_EQ(created.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Backend", "CREATE_FAILED"),
              HasSubstr("Unsupported integration type 'MOCK' for HTTP APIs"));
  EXPECT_TRUE(call("apigatewayv2", "GetApis")["Items"].empty());
}

TEST_F(ApiGatewayV2DeployTest, AnInvalidRouteKeyUpdateFailsAndRollsBack) {
  ASSERT_TRUE(deploy("app", kTemplate).succeeded);
  auto updated = deploy("app", kTemplate, {{"RouteKey", "FETCH /orders"}});
  EXPECT_FALSE(updated.succeeded);
  EXPECT_EQ(updated.stack.status, "UPDATE_ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Orders", "UPDATE_FAILED"), HasSubstr("Unable to create route FETCH /orders"));
  std::string api = call("apigatewayv2", "GetApis")["Items"][0]["ApiId"];
  EXPECT_THAT(route_keys(api), ::testing::ElementsAre("GET /orders"));
}

TEST_F(ApiGatewayV2DeployTest, ASamHttpApiDeploysWithRealProviders) {
  const char *t = R"(
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.11
      Handler: index.handler
      InlineCode: "def handler(event, context):\n  return {'statusCode': 200}\n"
      Events:
        Get:
          Type: HttpApi
          Properties: {Path: /items, Method: get}
Outputs:
  Api:
    Value: !Ref ServerlessHttpApi
)";
  auto created = deploy("sam", t);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string api = output(created, "Api");
  EXPECT_THAT(route_keys(api), ::testing::ElementsAre("GET /items"));
  Json stage = call("apigatewayv2", "GetStage", {{"ApiId", api}, {"StageName", "$default"}});
  EXPECT_EQ(stage["AutoDeploy"], true);
  EXPECT_FALSE(stage.value("DeploymentId", "").empty());
  Json integrations = call("apigatewayv2", "GetIntegrations", {{"ApiId", api}})["Items"];
  ASSERT_EQ(integrations.size(), 1u);
  EXPECT_EQ(integrations[0]["IntegrationType"], "AWS_PROXY");
  EXPECT_EQ(integrations[0]["PayloadFormatVersion"], "2.0");
  auto deleted = remove("sam");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_TRUE(call("apigatewayv2", "GetApis")["Items"].empty());
}
