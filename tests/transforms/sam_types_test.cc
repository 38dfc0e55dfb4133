// SAM resource types beyond functions and APIs: Connector, GraphQLApi, CapacityProvider and
// Application, translated in-process (the conformance corpus covers them in depth; these pin the
// behaviour the corpus cannot show, such as the Serverless Application Repository being out of
// reach).

#include "transforms/sam/sam.h"

#include <gtest/gtest.h>

namespace cfnlocal::transforms::sam {
namespace {

Json resources(Json r) { return Json{{"Resources", std::move(r)}}; }

std::string error_of(const Json &tmpl, const std::string &region = "us-east-1") {
  try {
    translate(tmpl, SamOptions{region, {}});
  } catch (const SamError &e) {
    return e.what();
  }
  return "";
}

TEST(SamTypes, ConnectorBetweenRuleAndQueueWritesAQueuePolicy) {
  Json out = translate(resources({{"Rule", {{"Type", "AWS::Events::Rule"}}},
                                  {"Queue", {{"Type", "AWS::SQS::Queue"}}},
                                  {"C",
                                   {{"Type", "AWS::Serverless::Connector"},
                                    {"Properties",
                                     {{"Source", {{"Id", "Rule"}}},
                                      {"Destination", {{"Id", "Queue"}}},
                                      {"Permissions", {"Write"}}}}}}}),
                       {});
  const Json &policy = out["Resources"]["CQueuePolicy"];
  EXPECT_EQ(policy["Type"], "AWS::SQS::QueuePolicy");
  EXPECT_EQ(policy["Properties"]["Queues"][0], Json({{"Ref", "Queue"}}));
  const Json &statement = policy["Properties"]["PolicyDocument"]["Statement"][0];
  EXPECT_EQ(statement["Condition"]["ArnEquals"]["aws:SourceArn"],
            Json({{"Fn::GetAtt", {"Rule", "Arn"}}}));
  EXPECT_EQ(policy["Metadata"]["aws:sam:connectors"]["C"]["Source"]["Type"], "AWS::Events::Rule");
  EXPECT_FALSE(out["Resources"].contains("C"));
}

TEST(SamTypes, ConnectorReportsUnsupportedPairsAndPermissions) {
  Json tmpl = resources({{"Queue", {{"Type", "AWS::SQS::Queue"}}},
                         {"Bucket", {{"Type", "AWS::S3::Bucket"}}},
                         {"Fn",
                          {{"Type", "AWS::Lambda::Function"},
                           {"Properties", {{"Role", {{"Fn::GetAtt", {"R", "Arn"}}}}}}}},
                         {"A",
                          {{"Type", "AWS::Serverless::Connector"},
                           {"Properties",
                            {{"Source", {{"Id", "Queue"}}},
                             {"Destination", {{"Id", "Bucket"}}},
                             {"Permissions", {"Read"}}}}}},
                         {"B",
                          {{"Type", "AWS::Serverless::Connector"},
                           {"Properties",
                            {{"Source", {{"Id", "Queue"}}},
                             {"Destination", {{"Id", "Fn"}}},
                             {"Permissions", {"Read"}}}}}}});
  EXPECT_EQ(error_of(tmpl),
            "Invalid Serverless Application Specification document. Number of errors found: 2. "
            "Resource with id [A] is invalid. Unable to create connector from AWS::SQS::Queue to "
            "AWS::S3::Bucket; it's not supported or the template is invalid. Resource with id [B] "
            "is invalid. Unsupported 'Permissions' provided for connector from AWS::SQS::Queue to "
            "AWS::Lambda::Function; valid combinations are: Read + Write.");
}

TEST(SamTypes, EmbeddedConnectorBecomesAConnectorNamedAfterItsSource) {
  Json out = translate(
      resources({{"Fn",
                  {{"Type", "AWS::Lambda::Function"},
                   {"Properties", {{"Role", {{"Fn::GetAtt", {"R", "Arn"}}}}}},
                   {"Connectors",
                    {{"ToTable",
                      {{"Properties",
                        {{"Destination", {{"Id", "Table"}}}, {"Permissions", {"Read"}}}}}}}}}},
                 {"Table", {{"Type", "AWS::DynamoDB::Table"}}}}),
      {});
  EXPECT_FALSE(out["Resources"]["Fn"].contains("Connectors"));
  EXPECT_EQ(out["Resources"]["FnToTablePolicy"]["Properties"]["Roles"][0], Json({{"Ref", "R"}}));
}

TEST(SamTypes, ApplicationWithTemplateUrlIsANestedStack) {
  Json out = translate(resources({{"App",
                                   {{"Type", "AWS::Serverless::Application"},
                                    {"Properties",
                                     {{"Location", "https://bucket.s3.amazonaws.com/t.yaml"},
                                      {"Parameters", {{"P", "v"}}},
                                      {"Tags", {{"team", "x"}}}}}}}}),
                       {});
  const Json &stack = out["Resources"]["App"];
  EXPECT_EQ(stack["Type"], "AWS::CloudFormation::Stack");
  EXPECT_EQ(stack["Properties"]["TemplateURL"], "https://bucket.s3.amazonaws.com/t.yaml");
  EXPECT_EQ(stack["Properties"]["Parameters"]["P"], "v");
  EXPECT_EQ(
      stack["Properties"]["Tags"],
      Json::parse(R"([{"Key":"lambda:createdBy","Value":"SAM"},{"Key":"team","Value":"x"}])"));
}

TEST(SamTypes, RepositoryApplicationIsReportedNotAccessible) {
  Json tmpl =
      resources({{"App",
                  {{"Type", "AWS::Serverless::Application"},
                   {"Properties",
                    {{"Location",
                      {{"ApplicationId", "arn:aws:serverlessrepo:us-east-1:1:applications/x"},
                       {"SemanticVersion", "1.0.0"}}}}}}}});
  EXPECT_EQ(error_of(tmpl), "Invalid Serverless Application Specification document. Number of "
                            "errors found: 1. Resource with id [App] is invalid. Cannot access "
                            "application: arn:aws:serverlessrepo:us-east-1:1:applications/x.");
  tmpl["Resources"]["App"]["Properties"]["Location"].erase("SemanticVersion");
  EXPECT_NE(error_of(tmpl).find("Resource is missing the required [SemanticVersion] property."),
            std::string::npos);
}

TEST(SamTypes, CapacityProviderGetsAnOperatorRoleInItsPartition) {
  Json out = translate(resources({{"Cp",
                                   {{"Type", "AWS::Serverless::CapacityProvider"},
                                    {"Properties",
                                     {{"VpcConfig", {{"SubnetIds", {"subnet-1"}}}},
                                      {"ScalingConfig", {{"MaxVCpuCount", 4}}}}}}}}),
                       {"cn-north-1", {}});
  EXPECT_EQ(out["Resources"]["CpOperatorRole"]["Properties"]["ManagedPolicyArns"][0],
            "arn:aws-cn:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator");
  const Json &props = out["Resources"]["Cp"]["Properties"];
  EXPECT_EQ(props["CapacityProviderScalingConfig"]["ScalingMode"], "Auto");
  EXPECT_EQ(props["PermissionsConfig"]["CapacityProviderOperatorRoleArn"],
            Json({{"Fn::GetAtt", {"CpOperatorRole", "Arn"}}}));
}

TEST(SamTypes, GraphQLApiDataSourceWithoutRoleGetsRoleAndConnector) {
  Json out = translate(
      resources({{"Api",
                  {{"Type", "AWS::Serverless::GraphQLApi"},
                   {"Properties",
                    {{"SchemaInline", "type Query { a: Int }"},
                     {"Auth", {{"Type", "AWS_IAM"}}},
                     {"Logging", false},
                     {"DataSources", {{"DynamoDb", {{"Todo", {{"TableName", "todos"}}}}}}}}}}}}),
      {});
  const Json &r = out["Resources"];
  EXPECT_EQ(r["Api"]["Type"], "AWS::AppSync::GraphQLApi");
  EXPECT_EQ(r["ApiSchema"]["Properties"]["Definition"], "type Query { a: Int }");
  EXPECT_EQ(r["ApiTodoDynamoDBDataSource"]["Properties"]["ServiceRoleArn"],
            Json({{"Fn::GetAtt", {"ApiTodoDynamoDBDataSourceRole", "Arn"}}}));
  const Json &policy = r["ApiTodoDynamoDBDataSourceToTableConnectorPolicy"];
  EXPECT_EQ(policy["Properties"]["Roles"][0], Json({{"Ref", "ApiTodoDynamoDBDataSourceRole"}}));
  EXPECT_EQ(policy["Properties"]["PolicyDocument"]["Statement"].size(), 2u);
  EXPECT_FALSE(r.contains("ApiCloudWatchRole"));
}

} // namespace
} // namespace cfnlocal::transforms::sam
