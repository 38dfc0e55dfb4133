// The AWS::ApiGateway types deployed through the engine onto the embedded API Gateway: a REST
// API from a Body with resources, methods, a deployment, a stage, an authorizer, a model, a
// gateway response, an API key in a usage plan; in-place updates, a replacement, delete; API
// Gateway's own checks failing a resource with its message, then rolling back; and a SAM
// template with an implicit API deployed with these providers.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class ApiGatewayDeployTest : public ServiceDeployTest {
protected:
  Json resources(const std::string &api) {
    return call("apigateway", "GetResources", {{"restApiId", api}})["items"];
  }
};

const char *kTemplate = R"(
Parameters:
  Description:
    Type: String
    Default: first
  PathPart:
    Type: String
    Default: orders
  Color:
    Type: String
    Default: blue
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shop
      Description: !Ref Description
      EndpointConfiguration: {Types: [REGIONAL]}
      Body:
        swagger: "2.0"
        info: {title: ignored, version: "1"}
        paths:
          /health:
            get:
              x-amazon-apigateway-integration: {type: mock}
      Tags:
        - {Key: team, Value: core}
  Orders:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Api
      ParentId: !GetAtt Api.RootResourceId
      PathPart: !Ref PathPart
  Auth:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref Api
      Name: token
      Type: TOKEN
      IdentitySource: method.request.header.Authorization
      AuthorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
  OrdersGet:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Orders
      HttpMethod: GET
      AuthorizationType: CUSTOM
      AuthorizerId: !Ref Auth
      MethodResponses: [{StatusCode: "200"}]
      Integration:
        Type: MOCK
        RequestTemplates: {application/json: '{"statusCode": 200}'}
        IntegrationResponses: [{StatusCode: "200"}]
  Order:
    Type: AWS::ApiGateway::Model
    Properties:
      RestApiId: !Ref Api
      Name: Order
      ContentType: application/json
      Schema: {type: object}
  NotFound:
    Type: AWS::ApiGateway::GatewayResponse
    Properties:
      RestApiId: !Ref Api
      ResponseType: RESOURCE_NOT_FOUND
      StatusCode: "404"
  Deployment:
    Type: AWS::ApiGateway::Deployment
    DependsOn: OrdersGet
    Properties:
      RestApiId: !Ref Api
  Prod:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      StageName: prod
      DeploymentId: !Ref Deployment
      Variables: {color: !Ref Color}
      MethodSettings:
        - {ResourcePath: "/*", HttpMethod: "*", LoggingLevel: INFO, MetricsEnabled: true}
  Key:
    Type: AWS::ApiGateway::ApiKey
    DependsOn: Prod
    Properties:
      Enabled: true
      StageKeys: [{RestApiId: !Ref Api, StageName: prod}]
  Plan:
    Type: AWS::ApiGateway::UsagePlan
    DependsOn: Prod
    Properties:
      UsagePlanName: gold
      ApiStages: [{ApiId: !Ref Api, Stage: prod}]
      Quota: {Limit: 1000, Period: DAY}
  PlanKey:
    Type: AWS::ApiGateway::UsagePlanKey
    Properties:
      KeyId: !Ref Key
      KeyType: API_KEY
      UsagePlanId: !Ref Plan
Outputs:
  Api:
    Value: !Ref Api
  Root:
    Value: !GetAtt Api.RootResourceId
  Orders:
    Value: !Ref Orders
  Stage:
    Value: !Ref Prod
  Model:
    Value: !Ref Order
)";

const char *kValidationTemplate = R"(
Parameters:
  ValidateBody:
    Type: String
    Default: "true"
  Summary:
    Type: String
    Default: Lists the orders
  CertificateDescription:
    Type: String
    Default: first
  DocumentedMethod:
    Type: String
    Default: GET
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: docs
  Validator:
    Type: AWS::ApiGateway::RequestValidator
    Properties:
      RestApiId: !Ref Api
      Name: body-only
      ValidateRequestBody: !Ref ValidateBody
      ValidateRequestParameters: false
  Doc:
    Type: AWS::ApiGateway::DocumentationPart
    Properties:
      RestApiId: !Ref Api
      Location: {Type: METHOD, Path: /orders, Method: !Ref DocumentedMethod}
      Properties: !Sub '{"summary": "${Summary}"}'
  Certificate:
    Type: AWS::ApiGateway::ClientCertificate
    Properties:
      Description: !Ref CertificateDescription
      Tags: [{Key: team, Value: core}]
Outputs:
  Api: {Value: !Ref Api}
  Validator: {Value: !Ref Validator}
  Doc: {Value: !Ref Doc}
  Certificate: {Value: !Ref Certificate}
)";

TEST_F(ApiGatewayDeployTest, RequestValidatorDocumentationPartAndClientCertificate) {
  auto created = deploy("docs", kValidationTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string api = output(created, "Api");
  Json validator = call("apigateway", "GetRequestValidator",
                        {{"restApiId", api}, {"requestValidatorId", output(created, "Validator")}});
  EXPECT_EQ(validator["name"], "body-only");
  EXPECT_EQ(validator["validateRequestBody"], true);
  EXPECT_EQ(validator["validateRequestParameters"], false);
  Json part = call("apigateway", "GetDocumentationPart",
                   {{"restApiId", api}, {"documentationPartId", output(created, "Doc")}});
  EXPECT_EQ(part["location"]["type"], "METHOD");
  EXPECT_EQ(part["location"]["path"], "/orders");
  EXPECT_EQ(Json::parse(part["properties"].get<std::string>())["summary"], "Lists the orders");
  std::string id = output(created, "Certificate");
  Json certificate = call("apigateway", "GetClientCertificate", {{"clientCertificateId", id}});
  EXPECT_EQ(certificate["description"], "first");
  EXPECT_EQ(certificate["tags"]["team"], "core");
  EXPECT_THAT(certificate["pemEncodedCertificate"].get<std::string>(),
              HasSubstr("-----BEGIN CERTIFICATE-----"));

  // In place: the validator's flag, the part's content, the certificate's description.
  auto updated = deploy("docs", kValidationTemplate,
                        {{"ValidateBody", "false"},
                         {"Summary", "Lists every order"},
                         {"CertificateDescription", "second"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "Validator"), output(created, "Validator"));
  EXPECT_EQ(output(updated, "Doc"), output(created, "Doc"));
  EXPECT_EQ(output(updated, "Certificate"), id);
  EXPECT_EQ(call("apigateway", "GetRequestValidator",
                 {{"restApiId", api},
                  {"requestValidatorId", output(created, "Validator")}})["validateRequestBody"],
            false);
  part = call("apigateway", "GetDocumentationPart",
              {{"restApiId", api}, {"documentationPartId", output(created, "Doc")}});
  EXPECT_EQ(Json::parse(part["properties"].get<std::string>())["summary"], "Lists every order");
  EXPECT_EQ(
      call("apigateway", "GetClientCertificate", {{"clientCertificateId", id}})["description"],
      "second");

  // Location is createOnly: a new documentation part, the old one deleted.
  auto replaced = deploy("docs", kValidationTemplate,
                         {{"ValidateBody", "false"},
                          {"Summary", "Lists every order"},
                          {"CertificateDescription", "second"},
                          {"DocumentedMethod", "POST"}});
  ASSERT_TRUE(replaced.succeeded) << replaced.message;
  EXPECT_NE(output(replaced, "Doc"), output(created, "Doc"));
  Json parts = call("apigateway", "GetDocumentationParts", {{"restApiId", api}})["items"];
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0]["location"]["method"], "POST");

  ASSERT_TRUE(remove("docs").succeeded);
  EXPECT_TRUE(call("apigateway", "GetRestApis")["items"].empty());
  EXPECT_EQ(error_of("apigateway", "GetClientCertificate", {{"clientCertificateId", id}}),
            "NotFoundException");
}

TEST_F(ApiGatewayDeployTest, ADocumentationPartWithAnInvalidLocationFails) {
  const char *t = R"(
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: docs}
  Doc:
    Type: AWS::ApiGateway::DocumentationPart
    Properties:
      RestApiId: !Ref Api
      Location: {Type: MODEL}
      Properties: '{"description": "a model"}'
)";
  auto created = deploy("bad", t);
  EXPECT_FALSE(created.succeeded);
  EXPECT_THAT(reason("Doc", "CREATE_FAILED"), HasSubstr("'name' is required for type MODEL"));
}

} // namespace

TEST_F(ApiGatewayDeployTest, CreateUpdateInPlaceReplaceAndDelete) {
  auto created = deploy("app", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string api = output(created, "Api");
  Json rest = call("apigateway", "GetRestApi", {{"restApiId", api}});
  EXPECT_EQ(rest["name"], "shop"); // Name wins over the body's title
  EXPECT_EQ(rest["description"], "first");
  EXPECT_EQ(rest["endpointConfiguration"]["types"][0], "REGIONAL");
  EXPECT_EQ(rest["tags"]["team"], "core");
  EXPECT_EQ(output(created, "Root"), rest["rootResourceId"]);
  EXPECT_EQ(output(created, "Stage"), "prod");
  EXPECT_EQ(output(created, "Model"), "Order");
  Json tree = resources(api);
  ASSERT_EQ(tree.size(), 3u);
  EXPECT_EQ(tree[1]["path"], "/health");
  EXPECT_EQ(tree[2]["path"], "/orders");
  EXPECT_EQ(tree[2]["id"], output(created, "Orders"));
  const Json &get = tree[2]["resourceMethods"]["GET"];
  EXPECT_EQ(get["authorizationType"], "CUSTOM");
  EXPECT_EQ(get["methodIntegration"]["type"], "MOCK");
  EXPECT_EQ(get["methodIntegration"]["integrationResponses"]["200"]["statusCode"], "200");
  Json stage = call("apigateway", "GetStage", {{"restApiId", api}, {"stageName", "prod"}});
  EXPECT_EQ(stage["variables"]["color"], "blue");
  EXPECT_EQ(stage["methodSettings"]["*/*"]["loggingLevel"], "INFO");
  Json plans = call("apigateway", "GetUsagePlans")["items"];
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0]["name"], "gold");
  EXPECT_EQ(
      call("apigateway", "GetUsagePlanKeys", {{"usagePlanId", plans[0]["id"]}})["items"].size(),
      1u);

  // In place: the API's description, the stage's variables.
  auto updated = deploy("app", kTemplate, {{"Description", "second"}, {"Color", "red"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "Api"), api);
  EXPECT_EQ(call("apigateway", "GetRestApi", {{"restApiId", api}})["description"], "second");
  EXPECT_EQ(call("apigateway", "GetStage",
                 {{"restApiId", api}, {"stageName", "prod"}})["variables"]["color"],
            "red");

  // PathPart is createOnly: a new resource (and a new method on it), the old one deleted.
  auto replaced = deploy("app", kTemplate, {{"Description", "second"}, {"PathPart", "carts"}});
  ASSERT_TRUE(replaced.succeeded) << replaced.message;
  EXPECT_NE(output(replaced, "Orders"), output(created, "Orders"));
  tree = resources(api);
  ASSERT_EQ(tree.size(), 3u);
  EXPECT_EQ(tree[1]["path"], "/carts");
  EXPECT_EQ(tree[1]["resourceMethods"]["GET"]["methodIntegration"]["type"], "MOCK");

  auto deleted = remove("app");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_TRUE(call("apigateway", "GetRestApis")["items"].empty());
  EXPECT_TRUE(call("apigateway", "GetApiKeys")["items"].empty());
  EXPECT_TRUE(call("apigateway", "GetUsagePlans")["items"].empty());
}

TEST_F(ApiGatewayDeployTest, ADeploymentOfAnApiWithoutMethodsFailsAndRollsBack) {
  const char *t = R"(
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: empty}
  Deployment:
    Type: AWS::ApiGateway::Deployment
    Properties: {RestApiId: !Ref Api, StageName: prod}
)";
  auto created = deploy("app", t);
  EXPECT_FALSE(created.succeeded);
  EXPECT_EQ(created.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Deployment", "CREATE_FAILED"),
              HasSubstr("The REST API doesn't contain any methods"));
  EXPECT_TRUE(call("apigateway", "GetRestApis")["items"].empty());
}

TEST_F(ApiGatewayDeployTest, AnInvalidStageUpdateFailsAndRollsBack) {
  ASSERT_TRUE(deploy("app", kTemplate).succeeded);
  auto updated = deploy("app", kTemplate, {{"Description", "second"}, {"Color", "not valid!"}});
  EXPECT_FALSE(updated.succeeded);
  EXPECT_EQ(updated.stack.status, "UPDATE_ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Prod", "UPDATE_FAILED"), HasSubstr("Stage variable value for 'color'"));
  std::string api = call("apigateway", "GetRestApis")["items"][0]["id"];
  EXPECT_EQ(call("apigateway", "GetRestApi", {{"restApiId", api}})["description"], "first");
  EXPECT_EQ(call("apigateway", "GetStage",
                 {{"restApiId", api}, {"stageName", "prod"}})["variables"]["color"],
            "blue");
}

TEST_F(ApiGatewayDeployTest, AnInvalidBodyFailsTheRestApi) {
  const char *t = R"(
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: broken
      Body: {info: {title: x}, paths: {}}
)";
  auto created = deploy("app", t);
  EXPECT_FALSE(created.succeeded);
  EXPECT_THAT(reason("Api", "CREATE_FAILED"), HasSubstr("Invalid OpenAPI input."));
  EXPECT_TRUE(call("apigateway", "GetRestApis")["items"].empty());
}

TEST_F(ApiGatewayDeployTest, ASamImplicitApiDeploysWithRealProviders) {
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
          Type: Api
          Properties: {Path: "/items/{id}", Method: get}
        Post:
          Type: Api
          Properties: {Path: /items, Method: post}
Outputs:
  Api:
    Value: !Ref ServerlessRestApi
)";
  auto created = deploy("sam", t);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string api = output(created, "Api");
  Json tree = resources(api);
  ASSERT_EQ(tree.size(), 3u);
  EXPECT_EQ(tree[2]["path"], "/items/{id}");
  EXPECT_EQ(tree[2]["resourceMethods"]["GET"]["methodIntegration"]["type"], "AWS_PROXY");
  EXPECT_THAT(tree[1]["resourceMethods"]["POST"]["methodIntegration"]["uri"].get<std::string>(),
              HasSubstr(":function:sam-Fn-"));
  Json stages = call("apigateway", "GetStages", {{"restApiId", api}})["item"];
  std::vector<std::string> names;
  for (const auto &s : stages)
    names.push_back(s["stageName"]);
  EXPECT_THAT(names, ::testing::UnorderedElementsAre("Prod", "Stage"));
  auto deleted = remove("sam");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_TRUE(call("apigateway", "GetRestApis")["items"].empty());
}
