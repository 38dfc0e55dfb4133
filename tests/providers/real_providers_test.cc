// The real providers (S3 buckets, SSM parameters, Secrets Manager secrets) against the fake
// backend: the service calls they make, their models, and service errors as FAILED events.

#include "providers/s3_bucket_provider.h"
#include "providers/secretsmanager_secret_provider.h"
#include "providers/ssm_parameter_provider.h"
#include "tests/providers/test_support.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace cfnlocal::providers {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using testing::props;
using testing::request_for;

class RealProvidersTest : public ::testing::Test, public testing::ProviderFixture {};

TEST_F(RealProvidersTest, RegistryRoutesTypes) {
  EXPECT_TRUE(registry->has_specific("AWS::S3::Bucket"));
  EXPECT_TRUE(registry->has_specific("AWS::SSM::Parameter"));
  EXPECT_TRUE(registry->has_specific("AWS::SecretsManager::Secret"));
  EXPECT_TRUE(registry->has_specific("AWS::EC2::VPC"));
  EXPECT_FALSE(registry->has_specific("AWS::EC2::Instance"));
  EXPECT_EQ(&registry->provider_for("AWS::EC2::Instance"), &registry->generic());
  EXPECT_NE(dynamic_cast<S3BucketProvider *>(&registry->provider_for("AWS::S3::Bucket")), nullptr);
}

TEST_F(RealProvidersTest, BuiltinTypesListEveryRegisteredProvider) {
  // builtin_types() is the list known without a backend; it must be what is registered.
  EXPECT_EQ(ProviderRegistry::builtin_types(), registry->registered_types());
  auto types = ProviderRegistry::builtin_types();
  EXPECT_TRUE(std::is_sorted(types.begin(), types.end()));
  EXPECT_NE(std::find(types.begin(), types.end(), "AWS::CloudFormation::CustomResource"),
            types.end());
  EXPECT_TRUE(registry->has_specific("AWS::CloudFormation::CustomResource"));
  // Custom::* types are served by the custom resource provider without being listed.
  EXPECT_EQ(&registry->provider_for("Custom::Anything"),
            &registry->provider_for("AWS::CloudFormation::CustomResource"));
  EXPECT_FALSE(registry->has_specific("Custom::Anything"));
}

TEST_F(RealProvidersTest, S3BucketCreateWithConfiguration) {
  auto &p = provider("AWS::S3::Bucket");
  auto event = p.create(request_for("AWS::S3::Bucket", "MyBucket", props(R"({
    "Tags": [{"Key": "team", "Value": "web"}],
    "VersioningConfiguration": {"Status": "Enabled"},
    "BucketEncryption": {"ServerSideEncryptionConfiguration": [
      {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/k"},
       "BucketKeyEnabled": true}]},
    "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": "true"},
    "LifecycleConfiguration": {"Rules": [{"Id": "old", "Status": "Enabled", "Prefix": "logs/",
      "ExpirationInDays": 30}]}})")));
  ASSERT_TRUE(event.ok()) << event.message;
  const Value &m = event.resource_model;
  std::string name = m.find("BucketName")->as_string();
  EXPECT_THAT(name, MatchesRegex("mystack-mybucket-[a-z0-9]{12}"));
  EXPECT_EQ(*p.ref("AWS::S3::Bucket", m), Value(name));
  auto att = [&](std::string_view a) {
    return p.get_att(request_for("AWS::S3::Bucket", "MyBucket"), m, a)->as_string();
  };
  EXPECT_EQ(att("Arn"), "arn:aws:s3:::" + name);
  EXPECT_EQ(att("DomainName"), name + ".s3.amazonaws.com");
  EXPECT_EQ(att("RegionalDomainName"), name + ".s3.us-east-1.amazonaws.com");
  EXPECT_EQ(att("DualStackDomainName"), name + ".s3.dualstack.us-east-1.amazonaws.com");
  EXPECT_EQ(att("WebsiteURL"), "http://" + name + ".s3-website-us-east-1.amazonaws.com");

  ASSERT_TRUE(backend.buckets.count(name));
  const Json &b = backend.buckets[name];
  EXPECT_EQ(b["TagSet"], Json::parse(R"([{"Key":"team","Value":"web"}])"));
  EXPECT_EQ(b["Status"], "Enabled");
  EXPECT_EQ(b["BucketEncryption"]["ServerSideEncryptionConfiguration"]["Rules"][0]
             ["ApplyServerSideEncryptionByDefault"]["KMSMasterKeyID"],
            "alias/k");
  EXPECT_EQ(
      b["BucketEncryption"]["ServerSideEncryptionConfiguration"]["Rules"][0]["BucketKeyEnabled"],
      true);
  EXPECT_EQ(b["PublicAccessBlock"]["PublicAccessBlockConfiguration"]["BlockPublicPolicy"], true);
  const Json &rule = b["BucketLifecycleConfiguration"]["LifecycleConfiguration"]["Rules"][0];
  EXPECT_EQ(rule["ID"], "old");
  EXPECT_EQ(rule["Filter"]["Prefix"], "logs/");
  EXPECT_EQ(rule["Expiration"]["Days"], 30);
  EXPECT_EQ(backend.count("CreateResource"), 0u); // a real provider keeps no generic record
}

TEST_F(RealProvidersTest, S3InvalidBucketNameFailsWithS3Message) {
  // Passes the schema (pattern allows it) but S3 rejects names with consecutive dots.
  auto event = provider("AWS::S3::Bucket")
                   .create(request_for("AWS::S3::Bucket", "B", props(R"({"BucketName": "a..b"})")));
  EXPECT_EQ(event.status, OperationStatus::Failed);
  EXPECT_EQ(event.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_THAT(event.message, HasSubstr("The specified bucket is not valid."));
  EXPECT_THAT(event.message, HasSubstr("Service: S3, Status Code: 400"));
  EXPECT_TRUE(backend.buckets.empty());
}

TEST_F(RealProvidersTest, S3SchemaViolationFailsBeforeAnyCall) {
  auto event =
      provider("AWS::S3::Bucket")
          .create(request_for("AWS::S3::Bucket", "B", props(R"({"BucketName": "UPPER"})")));
  EXPECT_EQ(event.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_THAT(event.message,
              ::testing::StartsWith("Properties validation failed for resource B with message:"));
  EXPECT_EQ(backend.count("CreateBucket"), 0u);
}

TEST_F(RealProvidersTest, S3DuplicateBucketIsAlreadyExists) {
  auto &p = provider("AWS::S3::Bucket");
  ASSERT_TRUE(
      p.create(request_for("AWS::S3::Bucket", "A", props(R"({"BucketName": "dup"})"))).ok());
  auto again = p.create(request_for("AWS::S3::Bucket", "B", props(R"({"BucketName": "dup"})")));
  EXPECT_EQ(again.error_code, HandlerErrorCode::AlreadyExists);
}

TEST_F(RealProvidersTest, S3FailedConfigurationRemovesTheBucket) {
  auto event = provider("AWS::S3::Bucket")
                   .create(request_for("AWS::S3::Bucket", "B", props(R"({"BucketName": "tagged",
                     "Tags": [{"Key": "aws:reserved", "Value": "x"}]})")));
  EXPECT_EQ(event.status, OperationStatus::Failed);
  EXPECT_THAT(event.message, HasSubstr("System tags cannot be added/updated by requester"));
  EXPECT_FALSE(backend.buckets.count("tagged"));
}

TEST_F(RealProvidersTest, S3ReadUpdateDelete) {
  auto &p = provider("AWS::S3::Bucket");
  auto created = p.create(request_for("AWS::S3::Bucket", "B", props(R"({"BucketName": "data",
      "Tags": [{"Key": "a", "Value": "1"}]})")));
  ASSERT_TRUE(created.ok());

  auto r = request_for("AWS::S3::Bucket", "B");
  r.physical_id = "data";
  auto read = p.read(r);
  ASSERT_TRUE(read.ok()) << read.message;
  EXPECT_EQ(read.resource_model.find("Arn")->as_string(), "arn:aws:s3:::data");
  EXPECT_EQ(read.resource_model.find("Tags")->size(), 1u);

  auto u = request_for("AWS::S3::Bucket", "B", props(R"({"BucketName": "data",
      "VersioningConfiguration": {"Status": "Enabled"}})"));
  u.physical_id = "data";
  u.previous_state = created.resource_model;
  auto updated = p.update(u);
  ASSERT_TRUE(updated.ok()) << updated.message;
  EXPECT_EQ(backend.buckets["data"]["Status"], "Enabled");
  EXPECT_FALSE(backend.buckets["data"].contains("TagSet")); // tags removed by the update
  EXPECT_EQ(updated.resource_model.find("Arn")->as_string(), "arn:aws:s3:::data");

  auto rename = request_for("AWS::S3::Bucket", "B", props(R"({"BucketName": "other"})"));
  rename.physical_id = "data";
  rename.previous_state = updated.resource_model;
  EXPECT_EQ(p.update(rename).error_code, HandlerErrorCode::NotUpdatable);

  EXPECT_TRUE(p.remove(r).ok());
  EXPECT_FALSE(backend.buckets.count("data"));
  EXPECT_EQ(p.read(r).error_code, HandlerErrorCode::NotFound);
  EXPECT_EQ(p.remove(r).error_code, HandlerErrorCode::NotFound);
}

TEST_F(RealProvidersTest, S3ConfigurationCallsOnlyForChanges) {
  Value before = props(R"({"VersioningConfiguration": {"Status": "Enabled"}})");
  Value after = props(R"({"VersioningConfiguration": {"Status": "Enabled"},
                         "CorsConfiguration": {"CorsRules": [{"AllowedMethods": ["GET"],
                           "AllowedOrigins": ["*"], "MaxAge": 60}]}})");
  auto calls = S3BucketProvider::configuration_calls("b", before, after);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].first, "PutBucketCors");
  EXPECT_EQ(calls[0].second["CORSConfiguration"]["CORSRules"][0]["MaxAgeSeconds"], 60);
  auto removal = S3BucketProvider::configuration_calls("b", after, before);
  ASSERT_EQ(removal.size(), 1u);
  EXPECT_EQ(removal[0].first, "DeleteBucketCors");
}

TEST_F(RealProvidersTest, SsmParameterLifecycle) {
  auto &p = provider("AWS::SSM::Parameter");
  auto created = p.create(request_for("AWS::SSM::Parameter", "Param", props(R"({
      "Type": "String", "Value": "v1", "Tags": {"env": "dev"}})")));
  ASSERT_TRUE(created.ok()) << created.message;
  std::string name = created.resource_model.find("Name")->as_string();
  EXPECT_THAT(name, MatchesRegex("CFN-Param-[A-Za-z0-9]{12}"));
  EXPECT_EQ(*p.ref("AWS::SSM::Parameter", created.resource_model), Value(name));
  EXPECT_EQ(backend.parameters[name]["Value"], "v1");
  EXPECT_EQ(backend.parameters[name]["Tags"][0]["Key"], "env");
  EXPECT_EQ(p.get_att(request_for("AWS::SSM::Parameter", "Param"), created.resource_model, "Value")
                ->as_string(),
            "v1");

  auto u = request_for("AWS::SSM::Parameter", "Param",
                       props(R"({"Type": "String", "Value": "v2", "Tags": {"env": "prod"}})"));
  u.physical_id = name;
  u.previous_state = created.resource_model;
  auto updated = p.update(u);
  ASSERT_TRUE(updated.ok()) << updated.message;
  EXPECT_EQ(backend.parameters[name]["Value"], "v2");
  EXPECT_EQ(backend.parameters[name]["Version"], 2);
  EXPECT_EQ(backend.parameters[name]["Tags"][0]["Value"], "prod");

  auto r = request_for("AWS::SSM::Parameter", "Param");
  r.physical_id = name;
  auto read = p.read(r);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.resource_model.find("Value")->as_string(), "v2");

  EXPECT_TRUE(p.remove(r).ok());
  EXPECT_EQ(p.read(r).error_code, HandlerErrorCode::NotFound);
}

TEST_F(RealProvidersTest, SsmParameterErrorsSurface) {
  auto &p = provider("AWS::SSM::Parameter");
  ASSERT_TRUE(p.create(request_for("AWS::SSM::Parameter", "A",
                                   props(R"({"Name": "/app/x", "Type": "String", "Value": "1"})")))
                  .ok());
  auto dup = p.create(request_for("AWS::SSM::Parameter", "B",
                                  props(R"({"Name": "/app/x", "Type": "String", "Value": "2"})")));
  EXPECT_EQ(dup.error_code, HandlerErrorCode::AlreadyExists);
  EXPECT_THAT(dup.message, HasSubstr("The parameter already exists."));

  auto bad =
      p.create(request_for("AWS::SSM::Parameter", "C",
                           props(R"({"Name": "bad name!", "Type": "String", "Value": "2"})")));
  EXPECT_EQ(bad.status, OperationStatus::Failed);
  EXPECT_THAT(bad.message, HasSubstr("Parameter name"));

  auto missing = p.create(request_for("AWS::SSM::Parameter", "D", props(R"({"Type": "String"})")));
  EXPECT_EQ(missing.error_code, HandlerErrorCode::InvalidRequest);
  EXPECT_THAT(missing.message, HasSubstr("Value"));
}

TEST_F(RealProvidersTest, SecretWithGeneratedPasswordInTemplate) {
  auto &p = provider("AWS::SecretsManager::Secret");
  auto created = p.create(request_for("AWS::SecretsManager::Secret", "DbSecret", props(R"({
      "Description": "db",
      "GenerateSecretString": {"SecretStringTemplate": "{\"username\": \"admin\"}",
        "GenerateStringKey": "password", "PasswordLength": 16, "ExcludePunctuation": true},
      "Tags": [{"Key": "app", "Value": "db"}]})")));
  ASSERT_TRUE(created.ok()) << created.message;
  std::string arn = created.resource_model.find("Id")->as_string();
  EXPECT_THAT(arn,
              MatchesRegex("arn:aws:secretsmanager:us-east-1:123456789012:secret:DbSecret-.*"));
  EXPECT_EQ(*p.ref("AWS::SecretsManager::Secret", created.resource_model), Value(arn));
  EXPECT_EQ(p.physical_id("AWS::SecretsManager::Secret", created.resource_model), arn);
  Json secret = Json::parse(backend.secrets[arn]["SecretString"].get<std::string>());
  EXPECT_EQ(secret["username"], "admin");
  EXPECT_EQ(secret["password"].get<std::string>().size(), 16u);
  EXPECT_EQ(backend.count("GetRandomPassword"), 1u);

  auto u = request_for("AWS::SecretsManager::Secret", "DbSecret", props(R"({
      "Description": "database", "SecretString": "plain"})"));
  u.physical_id = arn;
  u.previous_state = created.resource_model;
  auto updated = p.update(u);
  ASSERT_TRUE(updated.ok()) << updated.message;
  EXPECT_EQ(backend.secrets[arn]["Description"], "database");
  EXPECT_EQ(backend.secrets[arn]["SecretString"], "plain");
  EXPECT_TRUE(backend.secrets[arn]["Tags"].empty());

  auto r = request_for("AWS::SecretsManager::Secret", "DbSecret");
  r.physical_id = arn;
  auto read = p.read(r);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.resource_model.find("Description")->as_string(), "database");
  EXPECT_TRUE(p.remove(r).ok());
  EXPECT_EQ(backend.calls.back().input["ForceDeleteWithoutRecovery"], true);
  EXPECT_EQ(p.read(r).error_code, HandlerErrorCode::NotFound);
}

TEST_F(RealProvidersTest, SecretErrorsSurface) {
  auto &p = provider("AWS::SecretsManager::Secret");
  ASSERT_TRUE(p.create(request_for("AWS::SecretsManager::Secret", "A",
                                   props(R"({"Name": "s", "SecretString": "x"})")))
                  .ok());
  auto dup = p.create(request_for("AWS::SecretsManager::Secret", "B",
                                  props(R"({"Name": "s", "SecretString": "y"})")));
  EXPECT_EQ(dup.error_code, HandlerErrorCode::AlreadyExists);
  EXPECT_THAT(dup.message, HasSubstr("already exists"));

  auto both = p.create(request_for("AWS::SecretsManager::Secret", "C", props(R"({
      "SecretString": "x", "GenerateSecretString": {}})")));
  EXPECT_EQ(both.error_code, HandlerErrorCode::InvalidRequest);

  auto half = p.create(request_for("AWS::SecretsManager::Secret", "D", props(R"({
      "GenerateSecretString": {"SecretStringTemplate": "{}"}})")));
  EXPECT_EQ(half.status, OperationStatus::Failed);
  EXPECT_THAT(half.message, HasSubstr("must be specified together"));
}

} // namespace
} // namespace cfnlocal::providers
