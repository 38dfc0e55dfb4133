// The AWS::IoT and AWS::Greengrass types deployed through the engine onto the embedded IoT and
// Greengrass: a thing, a policy, a certificate from a CSR attached to both, a topic rule that
// invokes a Lambda function (with the permission naming the rule's ARN), a Greengrass group
// whose initial version names a core definition version and a function definition's latest
// version; Ref and GetAtt as CloudFormation documents them; an update of each in place; delete.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class IotDeployTest : public ServiceDeployTest {};

// A PEM certificate signing request for a new RSA key, as a device would make it.
std::string signing_request() {
  EVP_PKEY *key = EVP_RSA_gen(2048);
  X509_REQ *req = X509_REQ_new();
  X509_NAME_add_entry_by_txt(X509_REQ_get_subject_name(req), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char *>("device"), -1, -1, 0);
  X509_REQ_set_pubkey(req, key);
  X509_REQ_sign(req, key, EVP_sha256());
  BIO *out = BIO_new(BIO_s_mem());
  PEM_write_bio_X509_REQ(out, req);
  char *data = nullptr;
  long n = BIO_get_mem_data(out, &data);
  std::string pem(data, static_cast<size_t>(n));
  BIO_free(out);
  X509_REQ_free(req);
  EVP_PKEY_free(key);
  return pem;
}

const char *kTemplate = R"(
Parameters:
  Csr:
    Type: String
  Room:
    Type: String
    Default: kitchen
  Action:
    Type: String
    Default: iot:Connect
  Topic:
    Type: String
    Default: topic_2
  GroupName:
    Type: String
    Default: gg_cfn
  CertStatus:
    Type: String
    Default: ACTIVE
Resources:
  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
  GgRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: greengrass.amazonaws.com}
            Action: sts:AssumeRole
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt FnRole.Arn
      Code:
        ZipFile: |
          def handler(event, context):
              return event
  FnVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Fn
  Thing:
    Type: AWS::IoT::Thing
    Properties:
      ThingName: !Sub ${AWS::StackName}_Core
      AttributePayload:
        Attributes:
          room: !Ref Room
  Policy:
    Type: AWS::IoT::Policy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: !Ref Action
            Resource: !Sub arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:client/*
      Tags:
        - Key: team
          Value: iot
  Cert:
    Type: AWS::IoT::Certificate
    Properties:
      CertificateSigningRequest: !Ref Csr
      Status: !Ref CertStatus
  PolicyAttachment:
    Type: AWS::IoT::PolicyPrincipalAttachment
    Properties:
      PolicyName: !Ref Policy
      Principal: !GetAtt Cert.Arn
  ThingAttachment:
    Type: AWS::IoT::ThingPrincipalAttachment
    Properties:
      ThingName: !Ref Thing
      Principal: !GetAtt Cert.Arn
  Rule:
    Type: AWS::IoT::TopicRule
    Properties:
      TopicRulePayload:
        Sql: !Sub " SELECT * FROM '${Topic}'"
        AwsIotSqlVersion: "2016-03-23"
        RuleDisabled: "false"
        Actions:
          - Lambda:
              FunctionArn: !GetAtt Fn.Arn
  RulePermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
      Principal: iot.amazonaws.com
      SourceArn: !GetAtt Rule.Arn
  CoreDefinition:
    Type: AWS::Greengrass::CoreDefinition
    Properties:
      Name: !Sub ${AWS::StackName}_Core
  CoreDefinitionVersion:
    Type: AWS::Greengrass::CoreDefinitionVersion
    Properties:
      CoreDefinitionId: !Ref CoreDefinition
      Cores:
        - Id: core
          ThingArn: !GetAtt Thing.Arn
          CertificateArn: !GetAtt Cert.Arn
          SyncShadow: "false"
  FunctionDefinition:
    Type: AWS::Greengrass::FunctionDefinition
    Properties:
      Name: functions
      InitialVersion:
        DefaultConfig:
          Execution:
            IsolationMode: GreengrassContainer
        Functions:
          - Id: sample
            FunctionArn: !Ref FnVersion
            FunctionConfiguration:
              Pinned: "true"
              MemorySize: "65536"
              Timeout: "300"
  Group:
    Type: AWS::Greengrass::Group
    Properties:
      Name: !Ref GroupName
      RoleArn: !GetAtt GgRole.Arn
      InitialVersion:
        CoreDefinitionVersionArn: !Ref CoreDefinitionVersion
        FunctionDefinitionVersionArn: !GetAtt FunctionDefinition.LatestVersionArn
Outputs:
  Thing:
    Value: !Ref Thing
  ThingArn:
    Value: !GetAtt Thing.Arn
  ThingId:
    Value: !GetAtt Thing.Id
  Policy:
    Value: !Ref Policy
  PolicyArn:
    Value: !GetAtt Policy.Arn
  Cert:
    Value: !Ref Cert
  CertArn:
    Value: !GetAtt Cert.Arn
  Rule:
    Value: !Ref Rule
  RuleArn:
    Value: !GetAtt Rule.Arn
  Group:
    Value: !Ref Group
  GroupArn:
    Value: !GetAtt Group.Arn
  GroupLatest:
    Value: !GetAtt Group.LatestVersionArn
  GroupRole:
    Value: !GetAtt Group.RoleArn
  CoreVersion:
    Value: !Ref CoreDefinitionVersion
  FunctionsLatest:
    Value: !GetAtt FunctionDefinition.LatestVersionArn
)";

} // namespace

TEST_F(IotDeployTest, ThingPolicyCertificateRuleAndGreengrassGroup) {
  std::string csr = signing_request();
  auto created = deploy("gg", kTemplate, {{"Csr", csr}});
  ASSERT_TRUE(created.succeeded) << created.message;
  EXPECT_EQ(output(created, "Thing"), "gg_Core");
  EXPECT_EQ(output(created, "ThingArn"), "arn:aws:iot:us-east-1:123456789012:thing/gg_Core");
  Json thing = call("iot", "DescribeThing", {{"thingName", "gg_Core"}});
  EXPECT_EQ(output(created, "ThingId"), thing["thingId"]);
  EXPECT_EQ(thing["attributes"], Json({{"room", "kitchen"}}));

  std::string policy = output(created, "Policy");
  EXPECT_THAT(policy, HasSubstr("gg-Policy-"));
  EXPECT_EQ(output(created, "PolicyArn"), "arn:aws:iot:us-east-1:123456789012:policy/" + policy);
  std::string cert = output(created, "Cert");
  EXPECT_EQ(cert.size(), 64u);
  std::string cert_arn = output(created, "CertArn");
  EXPECT_EQ(cert_arn, "arn:aws:iot:us-east-1:123456789012:cert/" + cert);
  EXPECT_EQ(call("iot", "DescribeCertificate",
                 {{"certificateId", cert}})["certificateDescription"]["status"],
            "ACTIVE");
  EXPECT_EQ(call("iot", "ListThingPrincipals", {{"thingName", "gg_Core"}})["principals"],
            Json::array({cert_arn}));
  EXPECT_EQ(call("iot", "ListTargetsForPolicy", {{"policyName", policy}})["targets"],
            Json::array({cert_arn}));

  std::string rule = output(created, "Rule");
  EXPECT_THAT(rule, HasSubstr("gg"));
  EXPECT_EQ(output(created, "RuleArn"), "arn:aws:iot:us-east-1:123456789012:rule/" + rule);
  Json got = call("iot", "GetTopicRule", {{"ruleName", rule}})["rule"];
  EXPECT_EQ(got["sql"], " SELECT * FROM 'topic_2'");
  EXPECT_EQ(got["ruleDisabled"], false);
  EXPECT_THAT(got["actions"][0]["lambda"]["functionArn"].get<std::string>(),
              HasSubstr(":function:gg-Fn-"));

  std::string group = output(created, "Group");
  EXPECT_EQ(group.size(), 36u);
  EXPECT_EQ(output(created, "GroupArn"),
            "arn:aws:greengrass:us-east-1:123456789012:/greengrass/groups/" + group);
  EXPECT_THAT(output(created, "GroupRole"), HasSubstr(":role/gg-GgRole-"));
  std::string core_version = output(created, "CoreVersion");
  EXPECT_THAT(core_version, HasSubstr("/greengrass/definition/cores/"));
  Json group_info = call("greengrass", "GetGroup", {{"GroupId", group}});
  EXPECT_EQ(output(created, "GroupLatest"), group_info["LatestVersionArn"]);
  Json version = call("greengrass", "GetGroupVersion",
                      {{"GroupId", group}, {"GroupVersionId", group_info["LatestVersion"]}});
  EXPECT_EQ(version["Definition"]["CoreDefinitionVersionArn"], core_version);
  EXPECT_EQ(version["Definition"]["FunctionDefinitionVersionArn"],
            output(created, "FunctionsLatest"));
  // The function definition's numbers and booleans reached Greengrass typed.
  std::string functions = output(created, "FunctionsLatest");
  std::string fid = functions.substr(functions.find("/functions/") + 11, 36);
  Json fdef = call("greengrass", "GetFunctionDefinitionVersion",
                   {{"FunctionDefinitionId", fid},
                    {"FunctionDefinitionVersionId", functions.substr(functions.rfind('/') + 1)}});
  EXPECT_EQ(fdef["Definition"]["Functions"][0]["FunctionConfiguration"]["MemorySize"], 65536);
  EXPECT_EQ(fdef["Definition"]["Functions"][0]["FunctionConfiguration"]["Pinned"], true);

  auto updated = deploy("gg", kTemplate,
                        {{"Csr", csr},
                         {"Room", "attic"},
                         {"Action", "iot:Publish"},
                         {"Topic", "topic_3"},
                         {"GroupName", "gg_renamed"},
                         {"CertStatus", "INACTIVE"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(output(updated, "Cert"), cert); // in place
  EXPECT_EQ(output(updated, "Group"), group);
  EXPECT_EQ(call("iot", "DescribeThing", {{"thingName", "gg_Core"}})["attributes"],
            Json({{"room", "attic"}}));
  Json p = call("iot", "GetPolicy", {{"policyName", policy}});
  EXPECT_EQ(p["defaultVersionId"], "2");
  EXPECT_THAT(p["policyDocument"].get<std::string>(), HasSubstr("iot:Publish"));
  EXPECT_EQ(call("iot", "GetTopicRule", {{"ruleName", rule}})["rule"]["sql"],
            " SELECT * FROM 'topic_3'");
  EXPECT_EQ(call("iot", "DescribeCertificate",
                 {{"certificateId", cert}})["certificateDescription"]["status"],
            "INACTIVE");
  EXPECT_EQ(call("greengrass", "GetGroup", {{"GroupId", group}})["Name"], "gg_renamed");

  auto deleted = remove("gg");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_TRUE(call("iot", "ListThings")["things"].empty());
  EXPECT_TRUE(call("iot", "ListPolicies")["policies"].empty());
  EXPECT_TRUE(call("iot", "ListCertificates")["certificates"].empty());
  EXPECT_TRUE(call("iot", "ListTopicRules")["rules"].empty());
  EXPECT_TRUE(call("greengrass", "ListGroups")["Groups"].empty());
  EXPECT_TRUE(call("greengrass", "ListCoreDefinitions")["Definitions"].empty());
  EXPECT_TRUE(call("greengrass", "ListFunctionDefinitions")["Definitions"].empty());
}

TEST_F(IotDeployTest, ARuleWhoseRoleDoesNotExistFailsAndRollsBack) {
  auto created = deploy("bad", R"(
Resources:
  Rule:
    Type: AWS::IoT::TopicRule
    Properties:
      RuleName: republish_rule
      TopicRulePayload:
        Sql: SELECT * FROM 'in'
        Actions:
          - Republish:
              Topic: out
              RoleArn: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/missing
)");
  EXPECT_FALSE(created.succeeded);
  EXPECT_EQ(created.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Rule", "CREATE_FAILED"), HasSubstr("is unable to assume role"));
  EXPECT_TRUE(call("iot", "ListTopicRules")["rules"].empty());
}
