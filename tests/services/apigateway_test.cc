// The embedded API Gateway REST control plane: ids, the resource tree, methods and integrations,
// deployments needing methods, stages and their patch operations, OpenAPI import (paths,
// integrations, authorizers, models; invalid documents), API keys and usage plans, domain names
// and base path mappings, tags, and API Gateway's error codes and messages.
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

#include <regex>

using namespace cfnlocal;
using namespace cfnlocal::services;
using ::testing::HasSubstr;

namespace {

class ApiGatewayTest : public EmbeddedTest {
protected:
  std::string api(const std::string &name = "shop") {
    return call("apigateway", "CreateRestApi", {{"name", name}})["id"];
  }
  Json body(const std::string &text) {
    return Json::binary(std::vector<uint8_t>(text.begin(), text.end()));
  }
};

const char *kSwagger = R"({
  "swagger": "2.0",
  "info": {"title": "pets", "version": "1"},
  "securityDefinitions": {
    "jwt": {"type": "apiKey", "name": "Authorization", "in": "header",
            "x-amazon-apigateway-authtype": "custom",
            "x-amazon-apigateway-authorizer": {"type": "token",
              "authorizerUri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations"}},
    "api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"}
  },
  "definitions": {"Pet": {"type": "object"}},
  "paths": {
    "/pets/{id}": {
      "get": {
        "parameters": [{"name": "id", "in": "path", "required": true}],
        "security": [{"jwt": []}, {"api_key": []}],
        "responses": {"200": {"description": "ok"}},
        "x-amazon-apigateway-integration": {"type": "aws_proxy", "httpMethod": "POST",
          "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations"}
      }
    },
    "/": {"options": {"x-amazon-apigateway-integration": {"type": "mock"}}}
  }
})";

TEST_F(ApiGatewayTest, DocumentationPartsValidatorsAndClientCertificates) {
  std::string id = api();
  // Locations are checked against their type; defaults fill what the type takes.
  Json in = {{"restApiId", id},
             {"location", {{"type", "METHOD"}, {"path", "/pets"}}},
             {"properties", R"({"summary": "pets"})"}};
  Json part = call("apigateway", "CreateDocumentationPart", in);
  EXPECT_EQ(part["location"]["method"], "*");
  EXPECT_FALSE(part["location"].contains("statusCode"));
  EXPECT_EQ(error_of("apigateway", "CreateDocumentationPart", in), "ConflictException");
  in["location"] = {{"type", "MODEL"}};
  EXPECT_EQ(error_of("apigateway", "CreateDocumentationPart", in), "BadRequestException");
  EXPECT_THAT(last_error_, HasSubstr("'name' is required for type MODEL"));
  in["location"] = {{"type", "API"}, {"path", "/pets"}};
  EXPECT_EQ(error_of("apigateway", "CreateDocumentationPart", in), "BadRequestException");
  EXPECT_THAT(last_error_, HasSubstr("'path' is not a valid field for type API"));
  in["location"] = {{"type", "SOMETHING"}};
  EXPECT_EQ(error_of("apigateway", "CreateDocumentationPart", in), "BadRequestException");
  in["location"] = {{"type", "API"}};
  in["properties"] = "not json";
  EXPECT_EQ(error_of("apigateway", "CreateDocumentationPart", in), "BadRequestException");
  Json ref = {{"restApiId", id}, {"documentationPartId", part["id"]}};
  Json patch = ref;
  patch["patchOperations"] = {
      {{"op", "replace"}, {"path", "/properties"}, {"value", R"({"summary": "all pets"})"}}};
  EXPECT_EQ(call("apigateway", "UpdateDocumentationPart", patch)["properties"],
            R"({"summary": "all pets"})");
  EXPECT_EQ(
      call("apigateway", "GetDocumentationParts", {{"restApiId", id}, {"type", "METHOD"}})["items"]
          .size(),
      1u);
  EXPECT_TRUE(
      call("apigateway", "GetDocumentationParts", {{"restApiId", id}, {"type", "API"}})["items"]
          .empty());
  call("apigateway", "DeleteDocumentationPart", ref);
  EXPECT_EQ(error_of("apigateway", "GetDocumentationPart", ref), "NotFoundException");

  Json validator = call("apigateway", "CreateRequestValidator",
                        {{"restApiId", id}, {"name", "all"}, {"validateRequestBody", true}});
  EXPECT_EQ(call("apigateway", "GetRequestValidators", {{"restApiId", id}})["items"][0]["id"],
            validator["id"]);

  // A client certificate is a real PEM certificate; its tags go through the ARN.
  Json certificate = call("apigateway", "GenerateClientCertificate",
                          {{"description", "backend"}, {"tags", {{"team", "core"}}}});
  std::string cid = certificate["clientCertificateId"];
  EXPECT_THAT(certificate["pemEncodedCertificate"].get<std::string>(),
              HasSubstr("-----BEGIN CERTIFICATE-----"));
  EXPECT_GT(certificate["expirationDate"].get<std::string>(),
            certificate["createdDate"].get<std::string>());
  std::string arn = "arn:aws:apigateway:us-east-1::/clientcertificates/" + cid;
  call("apigateway", "TagResource", {{"resourceArn", arn}, {"tags", {{"env", "dev"}}}});
  EXPECT_EQ(call("apigateway", "GetTags", {{"resourceArn", arn}})["tags"].size(), 2u);
  EXPECT_EQ(call("apigateway", "GetClientCertificates")["items"].size(), 1u);
  call("apigateway", "DeleteClientCertificate", {{"clientCertificateId", cid}});
  EXPECT_EQ(error_of("apigateway", "GetClientCertificate", {{"clientCertificateId", cid}}),
            "NotFoundException");
  EXPECT_EQ(last_error_, "Invalid Client Certificate identifier specified");
}

} // namespace

TEST_F(ApiGatewayTest, IdsAreTenLowercaseCharactersAndTheRootResourceExists) {
  Json created = call("apigateway", "CreateRestApi", {{"name", "shop"}});
  EXPECT_TRUE(std::regex_match(created["id"].get<std::string>(), std::regex("[a-z0-9]{10}")));
  Json resources = call("apigateway", "GetResources", {{"restApiId", created["id"]}});
  ASSERT_EQ(resources["items"].size(), 1u);
  EXPECT_EQ(resources["items"][0]["path"], "/");
  EXPECT_EQ(resources["items"][0]["id"], created["rootResourceId"]);
  EXPECT_EQ(error_of("apigateway", "GetRestApi", {{"restApiId", "nope"}}), "NotFoundException");
  EXPECT_EQ(last_error_, "Invalid API identifier specified 123456789012:nope");
  EXPECT_EQ(last_status_, 404);
}

TEST_F(ApiGatewayTest, ResourcesMethodsIntegrationsAndTheirChecks) {
  std::string id = api();
  std::string root = call("apigateway", "GetRestApi", {{"restApiId", id}})["rootResourceId"];
  Json items = call("apigateway", "CreateResource",
                    {{"restApiId", id}, {"parentId", root}, {"pathPart", "items"}});
  EXPECT_EQ(items["path"], "/items");
  EXPECT_EQ(error_of("apigateway", "CreateResource",
                     {{"restApiId", id}, {"parentId", root}, {"pathPart", "items"}}),
            "ConflictException");
  EXPECT_EQ(last_error_, "Another resource with the same parent already has this name: items");
  EXPECT_EQ(error_of("apigateway", "CreateResource",
                     {{"restApiId", id}, {"parentId", root}, {"pathPart", "a b"}}),
            "BadRequestException");
  Json method = {{"restApiId", id}, {"resourceId", items["id"]}, {"httpMethod", "GET"}};
  Json put = method;
  put["authorizationType"] = "NONE";
  call("apigateway", "PutMethod", put);
  EXPECT_EQ(error_of("apigateway", "PutMethod", put), "ConflictException");
  EXPECT_EQ(last_error_, "Method already exists for this resource");
  Json custom = put;
  custom["httpMethod"] = "POST";
  custom["authorizationType"] = "CUSTOM";
  EXPECT_EQ(error_of("apigateway", "PutMethod", custom), "BadRequestException");
  EXPECT_THAT(last_error_, HasSubstr("requires a valid authorizer"));

  // A deployment needs methods, and each method an integration.
  std::string empty = api("empty");
  EXPECT_EQ(error_of("apigateway", "CreateDeployment", {{"restApiId", empty}}),
            "BadRequestException");
  EXPECT_EQ(last_error_, "The REST API doesn't contain any methods");
  EXPECT_EQ(error_of("apigateway", "CreateDeployment", {{"restApiId", id}}), "BadRequestException");
  EXPECT_EQ(last_error_, "No integration defined for method");

  Json integration = method;
  integration["type"] = "AWS_PROXY";
  integration["integrationHttpMethod"] = "POST";
  integration["uri"] = "arn:aws:apigateway:us-east-1:sqs:path/queue";
  EXPECT_EQ(error_of("apigateway", "PutIntegration", integration), "BadRequestException");
  EXPECT_THAT(last_error_, HasSubstr("only supports Lambda function"));
  integration["uri"] = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                       "arn:aws:lambda:us-east-1:123456789012:function:f/invocations";
  call("apigateway", "PutIntegration", integration);
  EXPECT_EQ(call("apigateway", "GetMethod", method)["methodIntegration"]["type"], "AWS_PROXY");

  Json deployment =
      call("apigateway", "CreateDeployment", {{"restApiId", id}, {"stageName", "dev"}});
  EXPECT_EQ(
      call("apigateway", "GetStage", {{"restApiId", id}, {"stageName", "dev"}})["deploymentId"],
      deployment["id"]);
  // The API summary comes back only when GetDeployment's embed asks for it.
  EXPECT_FALSE(deployment.contains("apiSummary"));
  Json plain = {{"restApiId", id}, {"deploymentId", deployment["id"]}};
  EXPECT_FALSE(call("apigateway", "GetDeployment", plain).contains("apiSummary"));
  plain["embed"] = Json::array({"apisummary"});
  EXPECT_EQ(call("apigateway", "GetDeployment", plain)["apiSummary"].size(), 1u);
  EXPECT_EQ(error_of("apigateway", "DeleteDeployment",
                     {{"restApiId", id}, {"deploymentId", deployment["id"]}}),
            "BadRequestException");
  EXPECT_EQ(last_error_, "Active stages pointing to this deployment must be moved or deleted");
  EXPECT_EQ(
      error_of("apigateway", "CreateStage",
               {{"restApiId", id}, {"stageName", "bad-name"}, {"deploymentId", deployment["id"]}}),
      "BadRequestException");
  EXPECT_EQ(last_error_, "Stage name only allows a-zA-Z0-9_");
  EXPECT_EQ(error_of("apigateway", "CreateStage",
                     {{"restApiId", id}, {"stageName", "dev"}, {"deploymentId", deployment["id"]}}),
            "ConflictException");

  // Deleting a resource deletes what is below it.
  call("apigateway", "DeleteResource", {{"restApiId", id}, {"resourceId", items["id"]}});
  EXPECT_EQ(error_of("apigateway", "GetMethod", method), "NotFoundException");
  EXPECT_EQ(last_error_, "Invalid Resource identifier specified");
}

TEST_F(ApiGatewayTest, PatchOperationsUpdateApisAndStages) {
  std::string id = api();
  Json updated = call(
      "apigateway", "UpdateRestApi",
      {{"restApiId", id},
       {"patchOperations",
        {{{"op", "replace"}, {"path", "/name"}, {"value", "store"}},
         {{"op", "add"}, {"path", "/binaryMediaTypes/image~1png"}},
         {{"op", "replace"}, {"path", "/minimumCompressionSize"}, {"value", "1024"}},
         {{"op", "replace"}, {"path", "/endpointConfiguration/types/0"}, {"value", "REGIONAL"}}}}});
  EXPECT_EQ(updated["name"], "store");
  EXPECT_EQ(updated["binaryMediaTypes"][0], "image/png");
  EXPECT_EQ(updated["minimumCompressionSize"], 1024);
  EXPECT_EQ(updated["endpointConfiguration"]["types"][0], "REGIONAL");
  EXPECT_EQ(error_of("apigateway", "UpdateRestApi",
                     {{"restApiId", id},
                      {"patchOperations", {{{"op", "replace"}, {"path", "/id"}, {"value", "x"}}}}}),
            "BadRequestException");
  EXPECT_THAT(last_error_, HasSubstr("Invalid patch path '/id'"));

  call("apigateway", "PutRestApi", {{"restApiId", id}, {"body", body(kSwagger)}});
  call("apigateway", "CreateDeployment", {{"restApiId", id}, {"stageName", "prod"}});
  Json stage = call("apigateway", "UpdateStage",
                    {{"restApiId", id},
                     {"stageName", "prod"},
                     {"patchOperations",
                      {{{"op", "replace"}, {"path", "/variables/color"}, {"value", "blue"}},
                       {{"op", "replace"}, {"path", "/tracingEnabled"}, {"value", "true"}},
                       {{"op", "replace"}, {"path", "/*/*/logging/loglevel"}, {"value", "INFO"}},
                       {{"op", "replace"}, {"path", "/*/*/metrics/enabled"}, {"value", "true"}}}}});
  EXPECT_EQ(stage["variables"]["color"], "blue");
  EXPECT_EQ(stage["tracingEnabled"], true);
  EXPECT_EQ(stage["methodSettings"]["*/*"]["loggingLevel"], "INFO");
  EXPECT_EQ(stage["methodSettings"]["*/*"]["metricsEnabled"], true);
  EXPECT_EQ(
      error_of("apigateway", "UpdateStage",
               {{"restApiId", id},
                {"stageName", "prod"},
                {"patchOperations",
                 {{{"op", "replace"}, {"path", "/*/*/logging/loglevel"}, {"value", "LOUD"}}}}}),
      "BadRequestException");
}

TEST_F(ApiGatewayTest, OpenApiImportBuildsTheTree) {
  std::string id = api();
  Json out = call("apigateway", "PutRestApi",
                  {{"restApiId", id}, {"mode", "overwrite"}, {"body", body(kSwagger)}});
  EXPECT_EQ(out["name"], "pets");
  Json resources = call("apigateway", "GetResources", {{"restApiId", id}})["items"];
  ASSERT_EQ(resources.size(), 3u);
  EXPECT_EQ(resources[0]["path"], "/");
  EXPECT_EQ(resources[0]["resourceMethods"]["OPTIONS"]["methodIntegration"]["type"], "MOCK");
  EXPECT_EQ(resources[2]["path"], "/pets/{id}");
  const Json &get = resources[2]["resourceMethods"]["GET"];
  EXPECT_EQ(get["authorizationType"], "CUSTOM");
  EXPECT_EQ(get["apiKeyRequired"], true);
  EXPECT_EQ(get["requestParameters"]["method.request.path.id"], true);
  EXPECT_EQ(get["methodIntegration"]["type"], "AWS_PROXY");
  Json authorizers = call("apigateway", "GetAuthorizers", {{"restApiId", id}})["items"];
  ASSERT_EQ(authorizers.size(), 1u);
  EXPECT_EQ(authorizers[0]["id"], get["authorizerId"]);
  EXPECT_EQ(authorizers[0]["identitySource"], "method.request.header.Authorization");
  EXPECT_EQ(
      call("apigateway", "GetModel", {{"restApiId", id}, {"modelName", "Pet"}})["contentType"],
      "application/json");

  // YAML bodies import too; an overwrite replaces the tree.
  call("apigateway", "PutRestApi",
       {{"restApiId", id},
        {"mode", "overwrite"},
        {"body", body("openapi: 3.0.1\ninfo: {title: other}\npaths:\n  /a:\n    get:\n"
                      "      x-amazon-apigateway-integration: {type: mock}\n")}});
  resources = call("apigateway", "GetResources", {{"restApiId", id}})["items"];
  ASSERT_EQ(resources.size(), 2u);
  EXPECT_EQ(resources[1]["path"], "/a");

  EXPECT_EQ(error_of("apigateway", "PutRestApi", {{"restApiId", id}, {"body", body("{]")}}),
            "BadRequestException");
  EXPECT_EQ(last_error_, "Invalid OpenAPI input.");
  EXPECT_EQ(error_of("apigateway", "PutRestApi",
                     {{"restApiId", id}, {"body", body(R"({"title": "not openapi"})")}}),
            "BadRequestException");
  EXPECT_EQ(
      error_of("apigateway", "PutRestApi",
               {{"restApiId", id}, {"body", body(R"({"swagger": "2.0", "paths": {"/x": {"get": {
                        "x-amazon-apigateway-integration": {"type": "http", "httpMethod": "GET",
                        "uri": "not-a-url"}}}}})")}}),
      "BadRequestException");
  EXPECT_THAT(last_error_, HasSubstr("Errors found during import:"));
  EXPECT_THAT(last_error_, HasSubstr("Invalid HTTP endpoint specified for URI"));
}

TEST_F(ApiGatewayTest, KeysPlansDomainsAndTags) {
  std::string id = api();
  call("apigateway", "PutRestApi", {{"restApiId", id}, {"body", body(kSwagger)}});
  call("apigateway", "CreateDeployment", {{"restApiId", id}, {"stageName", "prod"}});
  EXPECT_EQ(error_of("apigateway", "CreateApiKey", {{"name", "k"}, {"value", "short"}}),
            "BadRequestException");
  EXPECT_EQ(last_error_, "API Key value should be at least 20 characters");
  Json key = call("apigateway", "CreateApiKey",
                  {{"name", "k"}, {"enabled", true}, {"value", "abcdefghijklmnopqrstuvwxyz"}});
  EXPECT_EQ(error_of("apigateway", "CreateApiKey",
                     {{"name", "k2"}, {"value", "abcdefghijklmnopqrstuvwxyz"}}),
            "ConflictException");
  EXPECT_EQ(error_of("apigateway", "CreateUsagePlan",
                     {{"name", "p"}, {"apiStages", {{{"apiId", id}, {"stage", "nope"}}}}}),
            "BadRequestException");
  Json plan = call("apigateway", "CreateUsagePlan",
                   {{"name", "p"},
                    {"apiStages", {{{"apiId", id}, {"stage", "prod"}}}},
                    {"quota", {{"limit", 100}, {"period", "DAY"}}}});
  Json plan_key = call("apigateway", "CreateUsagePlanKey",
                       {{"usagePlanId", plan["id"]}, {"keyId", key["id"]}, {"keyType", "API_KEY"}});
  EXPECT_EQ(plan_key["value"], "abcdefghijklmnopqrstuvwxyz");
  EXPECT_EQ(error_of("apigateway", "CreateUsagePlanKey",
                     {{"usagePlanId", plan["id"]}, {"keyId", key["id"]}, {"keyType", "API_KEY"}}),
            "ConflictException");
  EXPECT_EQ(error_of("apigateway", "CreateUsagePlanKey",
                     {{"usagePlanId", plan["id"]}, {"keyId", "missing"}, {"keyType", "API_KEY"}}),
            "NotFoundException");

  EXPECT_EQ(error_of("apigateway", "CreateDomainName", {{"domainName", "api.example.com"}}),
            "BadRequestException");
  EXPECT_EQ(last_error_, "A certificate was not provided for the domain name");
  Json domain =
      call("apigateway", "CreateDomainName",
           {{"domainName", "api.example.com"},
            {"regionalCertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/x"},
            {"endpointConfiguration", {{"types", {"REGIONAL"}}}}});
  EXPECT_EQ(domain["regionalHostedZoneId"], "Z1UJRXOUMOOFQ8");
  EXPECT_EQ(error_of("apigateway", "CreateBasePathMapping",
                     {{"domainName", "api.example.com"}, {"restApiId", id}, {"stage", "nope"}}),
            "BadRequestException");
  Json mapping = call("apigateway", "CreateBasePathMapping",
                      {{"domainName", "api.example.com"}, {"restApiId", id}, {"stage", "prod"}});
  EXPECT_EQ(mapping["basePath"], "(none)");
  EXPECT_EQ(error_of("apigateway", "CreateBasePathMapping",
                     {{"domainName", "api.example.com"}, {"restApiId", id}}),
            "ConflictException");

  std::string arn = "arn:aws:apigateway:us-east-1::/restapis/" + id + "/stages/prod";
  call("apigateway", "TagResource", {{"resourceArn", arn}, {"tags", {{"team", "core"}}}});
  EXPECT_EQ(call("apigateway", "GetTags", {{"resourceArn", arn}})["tags"]["team"], "core");
  call("apigateway", "UntagResource", {{"resourceArn", arn}, {"tagKeys", {"team"}}});
  EXPECT_TRUE(call("apigateway", "GetTags", {{"resourceArn", arn}})["tags"].empty());
}
