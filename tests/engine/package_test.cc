// `cfnlocal package`: local artifacts uploaded to the S3 store under MD5 keys, the template
// rewritten, nested templates packaged recursively; the packaged template deploys.
#include "engine_fixture.h"

#include "engine/package.h"
#include "parser/reader.h"
#include "services/backend.h"

#include <zip.h>

namespace cfnlocal::engine::testing {
namespace {

class PackageTest : public EngineTest {
protected:
  void SetUp() override {
    EngineTest::SetUp();
    std::filesystem::create_directories(dir_ / "src" / "lib");
    std::filesystem::create_directories(dir_ / "children");
    write("src/index.py", "def handler(event, context):\n    return 1\n");
    write("src/lib/util.py", "X = 1\n");
    write("children/child.yaml", R"(
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value:
        Fn::Transform:
          Name: AWS::Include
          Parameters:
            Location: snippet.yaml
Outputs:
  Name:
    Value: !Ref Param
)");
    write("children/snippet.yaml", "packaged\n");
    Engine engine(config_);
    engine.backend().call("s3", "CreateBucket", Json{{"Bucket", "artifacts"}});
  }

  PackageResult package(const std::string &template_text) {
    Engine engine(config_);
    PackageOptions o;
    o.template_file = write("template.yaml", template_text);
    o.s3_bucket = "artifacts";
    o.s3_prefix = "p";
    return package_template(o, engine.backend());
  }

  std::string object(const std::string &key) {
    Engine engine(config_);
    auto out =
        engine.backend().call("s3", "GetObject", Json{{"Bucket", "artifacts"}, {"Key", key}});
    if (out["Body"].is_binary())
      return std::string(out["Body"].get_binary().begin(), out["Body"].get_binary().end());
    return out.value("Body", std::string());
  }
};

TEST_F(PackageTest, RewritesTheDocumentedPropertiesAndUploadsByContent) {
  auto result = package(R"(
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src
      Handler: index.handler
      Runtime: python3.12
  Raw:
    Type: AWS::Lambda::Function
    Properties:
      Code: src/index.py
      Handler: index.handler
      Runtime: python3.12
      Role: arn:aws:iam::123456789012:role/r
  Inline:
    Type: AWS::Lambda::Function
    Properties:
      Code:
        ZipFile: "def handler(e, c): pass"
      Handler: index.handler
      Runtime: python3.12
      Role: arn:aws:iam::123456789012:role/r
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      BodyS3Location: children/snippet.yaml
  Glue:
    Type: AWS::Glue::Job
    Properties:
      Role: r
      Command:
        Name: glueetl
        ScriptLocation: src/index.py
  Already:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://elsewhere/code.zip
      Handler: index.handler
      Runtime: python3.12
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: children/child.yaml
)");
  Value doc = read_document(result.template_text, "packaged.yaml");
  const Value &r = *doc.find("Resources");
  std::string code_uri = r.find("Fn")->find("Properties")->find("CodeUri")->as_string();
  ASSERT_EQ(code_uri.rfind("s3://artifacts/p/", 0), 0u) << code_uri;
  EXPECT_EQ(code_uri.size(), std::string("s3://artifacts/p/").size() + 32);
  const Value *raw = r.find("Raw")->find("Properties")->find("Code");
  EXPECT_EQ(raw->find("S3Bucket")->as_string(), "artifacts");
  EXPECT_EQ(raw->find("S3Key")->as_string().size(), std::string("p/").size() + 32);
  EXPECT_TRUE(r.find("Inline")->find("Properties")->find("Code")->find("ZipFile"));
  const Value *body = r.find("Api")->find("Properties")->find("BodyS3Location");
  EXPECT_EQ(body->find("Bucket")->as_string(), "artifacts");
  EXPECT_EQ(object(body->find("Key")->as_string()), "packaged\n");
  EXPECT_EQ(r.find("Glue")
                ->find("Properties")
                ->find("Command")
                ->find("ScriptLocation")
                ->as_string()
                .rfind("s3://artifacts/p/", 0),
            0u);
  EXPECT_EQ(r.find("Already")->find("Properties")->find("CodeUri")->as_string(),
            "s3://elsewhere/code.zip");

  // The folder is a zip of its files; the lone file for Lambda is zipped too.
  std::string archive = object(code_uri.substr(std::string("s3://artifacts/").size()));
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t *source = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
  zip_t *za = zip_open_from_source(source, ZIP_RDONLY, &error);
  ASSERT_TRUE(za);
  EXPECT_EQ(zip_get_num_entries(za, 0), 2);
  EXPECT_GE(zip_name_locate(za, "index.py", 0), 0);
  EXPECT_GE(zip_name_locate(za, "lib/util.py", 0), 0);
  zip_close(za);
  EXPECT_EQ(object(raw->find("S3Key")->as_string()).rfind("PK", 0), 0u);

  // The nested template is packaged too (its AWS::Include uploaded) and named KEY.template.
  std::string url = r.find("Child")->find("Properties")->find("TemplateURL")->as_string();
  ASSERT_EQ(url.rfind("https://s3.us-east-1.amazonaws.com/artifacts/p/", 0), 0u) << url;
  EXPECT_EQ(url.substr(url.size() - 9), ".template");
  std::string child =
      object(url.substr(std::string("https://s3.us-east-1.amazonaws.com/artifacts/").size()));
  EXPECT_NE(child.find("s3://artifacts/p/"), std::string::npos) << child;

  // Same content, same keys: nothing is uploaded a second time.
  auto again = package(read_file_text((dir_ / "template.yaml").string()));
  EXPECT_EQ(again.template_text, result.template_text);
  for (const auto &a : again.artifacts)
    EXPECT_FALSE(a.uploaded) << a.path;
}

TEST_F(PackageTest, PackagedNestedTemplateDeploys) {
  auto result = package(R"(
Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: children/child.yaml
Outputs:
  Name:
    Value: !GetAtt Child.Outputs.Name
)");
  auto deployed = deploy("packaged", result.template_text);
  ASSERT_TRUE(deployed.succeeded) << deployed.message;
  Engine engine(config_);
  auto name = deployed.stack.outputs.at(0).value;
  auto param = engine.backend().call("ssm", "GetParameter", Json{{"Name", name}});
  EXPECT_EQ(param["Parameter"].value("Value", ""), "packaged");
}

TEST_F(PackageTest, MissingArtifactsAndBucketsAreUserErrors) {
  EXPECT_THROW(package(R"(
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Code: nowhere/
)"),
               Error);
  Engine engine(config_);
  PackageOptions o;
  o.template_file = write("t.yaml", "Resources: {}\n");
  o.s3_bucket = "absent";
  EXPECT_THROW(package_template(o, engine.backend()), Error);
}

} // namespace
} // namespace cfnlocal::engine::testing
