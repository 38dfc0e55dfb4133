#include "intrinsics/dynamic_references.h"

#include "test_env.h"

#include <gtest/gtest.h>

using namespace cfnlocal;
using namespace cfnlocal::intrinsics;
using namespace cfnlocal::intrinsics::testing;

namespace {

TEST(DynamicReferences, ParseSsm) {
  auto refs =
      parse_dynamic_references("pre-{{resolve:ssm:/app/name:3}}-{{resolve:ssm:S3AccessControl}}");
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].service, "ssm");
  EXPECT_EQ(refs[0].parameter_name, "/app/name");
  EXPECT_EQ(refs[0].version, 3);
  EXPECT_EQ(refs[0].begin, 4u);
  EXPECT_EQ(refs[1].parameter_name, "S3AccessControl");
  EXPECT_EQ(refs[1].version, std::nullopt);
  auto arn =
      parse_dynamic_references("{{resolve:ssm:arn:aws:ssm:us-east-1:123456789012:parameter/x}}");
  EXPECT_EQ(arn[0].parameter_name, "arn:aws:ssm:us-east-1:123456789012:parameter/x");
}

TEST(DynamicReferences, ParseSecretsManager) {
  auto r =
      parse_dynamic_references("{{resolve:secretsmanager:MyRDSSecret:SecretString:username}}")[0];
  EXPECT_EQ(r.secret_id, "MyRDSSecret");
  EXPECT_EQ(r.json_key, "username");
  r = parse_dynamic_references("{{resolve:secretsmanager:arn:aws:secretsmanager:us-west-2:"
                               "123456789012:secret:MySecret-a1b2c3:"
                               "SecretString:password::AWSPREVIOUS}}")[0];
  EXPECT_EQ(r.secret_id, "arn:aws:secretsmanager:us-west-2:123456789012:secret:MySecret-a1b2c3");
  EXPECT_EQ(r.json_key, "password");
  EXPECT_EQ(r.selector.version_stage, "");
  r = parse_dynamic_references("{{resolve:secretsmanager:S:SecretString:k:AWSPREVIOUS}}")[0];
  EXPECT_EQ(r.selector.version_stage, "AWSPREVIOUS");
  r = parse_dynamic_references("{{resolve:secretsmanager:S:SecretString:::v-1}}")[0];
  EXPECT_EQ(r.selector.version_id, "v-1");
  r = parse_dynamic_references("{{resolve:secretsmanager:S}}")[0];
  EXPECT_EQ(r.secret_id, "S");
  EXPECT_EQ(r.json_key, "");
}

TEST(DynamicReferences, BadSyntax) {
  auto err = [](const std::string &s) { return error_of([&] { parse_dynamic_references(s); }); };
  EXPECT_NE(err("{{resolve:ssm:x").find("no closing"), std::string::npos);
  EXPECT_NE(err("{{resolve:vault:x}}").find("unknown service 'vault'"), std::string::npos);
  EXPECT_NE(err("{{resolve:ssm:}}").find("name is empty"), std::string::npos);
  EXPECT_NE(err("{{resolve:ssm:x:latest}}").find("positive integer"), std::string::npos);
  EXPECT_NE(err("{{resolve:ssm:x:0}}").find("positive integer"), std::string::npos);
  EXPECT_NE(err("{{resolve:secretsmanager:S:SecretBinary}}").find("SecretString is the only"),
            std::string::npos);
  EXPECT_NE(err("{{resolve:secretsmanager:S:SecretString:k:AWSCURRENT:v1}}").find("not both"),
            std::string::npos);
  EXPECT_NE(err("{{resolve:secretsmanager:S:SecretString:k:a:b:c}}").find("too many"),
            std::string::npos);
  EXPECT_FALSE(has_dynamic_reference("{{ resolve:ssm:x}}"));
}

TEST(DynamicReferences, Resolve) {
  FakeLookup lookup;
  lookup.ssm["/app/name:3"] = {"String", "v3", 3};
  lookup.ssm["/app/name"] = {"String", "latest", 4};
  lookup.ssm["/pw"] = {"SecureString", "hunter2", 1};
  lookup.secrets["MyRDSSecret"] = R"({"username":"admin","password":"p@ss","port":5432})";
  lookup.secrets["MyRDSSecret@AWSPREVIOUS"] = R"({"username":"old"})";
  lookup.secrets["Plain"] = "just text";
  EXPECT_EQ(
      resolve_dynamic_references("a-{{resolve:ssm:/app/name:3}}-{{resolve:ssm:/app/name}}", lookup),
      "a-v3-latest");
  EXPECT_EQ(resolve_dynamic_references("{{resolve:ssm-secure:/pw}}", lookup), "hunter2");
  EXPECT_NE(error_of([&] {
              resolve_dynamic_references("{{resolve:ssm:/pw}}", lookup);
            }).find("ssm-secure"),
            std::string::npos);
  EXPECT_EQ(resolve_dynamic_references(
                "{{resolve:secretsmanager:MyRDSSecret:SecretString:username}}", lookup),
            "admin");
  EXPECT_EQ(resolve_dynamic_references("{{resolve:secretsmanager:MyRDSSecret:SecretString:port}}",
                                       lookup),
            "5432");
  EXPECT_EQ(resolve_dynamic_references(
                "{{resolve:secretsmanager:MyRDSSecret:SecretString:username:AWSPREVIOUS}}", lookup),
            "old");
  EXPECT_EQ(resolve_dynamic_references("{{resolve:secretsmanager:Plain}}", lookup), "just text");
}

TEST(DynamicReferences, MissingValues) {
  FakeLookup lookup;
  lookup.secrets["S"] = R"({"a":"1"})";
  lookup.secrets["Plain"] = "text";
  auto err = [&](const std::string &s) {
    return error_of([&] { resolve_dynamic_references(s, lookup); });
  };
  EXPECT_EQ(err("{{resolve:ssm:/nope}}"), "Parameters: [ssm:/nope] cannot be found.");
  EXPECT_EQ(err("{{resolve:ssm-secure:/nope:2}}"),
            "Parameters: [ssm-secure:/nope:2] cannot be found.");
  EXPECT_NE(err("{{resolve:secretsmanager:Nope}}").find("can't find the specified secret"),
            std::string::npos);
  EXPECT_NE(err("{{resolve:secretsmanager:S:SecretString:b}}").find("key b"), std::string::npos);
  EXPECT_NE(err("{{resolve:secretsmanager:Plain:SecretString:b}}").find("Could not parse"),
            std::string::npos);
}

TEST(DynamicReferences, ThroughTheEvaluator) {
  Env env("Parameters:\n  Name: {Type: String, Default: db}\nResources:\n  Q: {Type: "
          "AWS::SQS::Queue}\n");
  env.lookup.ssm["/db/host"] = {"String", "db.internal", 1};
  env.context.resolve_dynamic_references = true;
  // Dynamic references resolve after the functions, so Sub can build them.
  EXPECT_EQ(
      json(env.eval(
          "{Host: !Sub '{{resolve:ssm:/${Name}/host}}', Url: 'x://{{resolve:ssm:/db/host}}'}")),
      R"({"Host":"db.internal","Url":"x://db.internal"})");
  // Inside an unresolved call the text stays for later.
  EXPECT_EQ(json(env.eval("!Join ['', ['{{resolve:ssm:/db/host}}', !GetAtt Q.Arn]]")),
            R"({"Fn::Join":["",["{{resolve:ssm:/db/host}}",{"Fn::GetAtt":["Q","Arn"]}]]})");
  env.context.resolve_dynamic_references = false;
  EXPECT_EQ(json(env.eval("'{{resolve:ssm:/db/host}}'")), R"("{{resolve:ssm:/db/host}}")");
  env.context.resolve_dynamic_references = true;
  EXPECT_EQ(error_of([&] { env.eval("'{{resolve:ssm:/nope}}'"); }),
            "Parameters: [ssm:/nope] cannot be found.");
}

} // namespace
