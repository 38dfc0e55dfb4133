// AWS::Include: the User Guide's example, snippets as whole values and merged next to members,
// the Transform-section form, S3 locations through the caller's object reader, and the errors.

#include "parser/json.h"
#include "parser/reader.h"
#include "transforms/transform.h"

#include <gtest/gtest.h>

#include <map>

namespace cfnlocal {
namespace {

const std::string kData = std::string(CFNLOCAL_TEST_DATA) + "/include/";

Value run(const std::string &yaml, transforms::TransformOptions options = {}) {
  if (options.base_directory.empty())
    options.base_directory = kData;
  return transforms::apply_transforms(read_document(yaml, kData + "t.yaml"), options);
}

std::string error_of(const std::string &yaml, transforms::TransformOptions options = {}) {
  try {
    run(yaml, std::move(options));
  } catch (const transforms::TransformError &e) {
    return e.diagnostic().str();
  }
  return "no error";
}

TEST(Include, DocExampleMergesIntoResources) {
  // The template's own folder is where relative locations are read from.
  Value in = read_document_file(kData + "doc_example.yaml");
  Value out = transforms::apply_transforms(in, {});
  EXPECT_EQ(out, read_document_file(kData + "doc_example.expected.yaml")) << dump_json(out);
  // Included nodes point into the snippet file.
  const Value &handle = *out.find("Resources")->find("WebServerWaitHandle");
  EXPECT_EQ(handle.mark().str(), kData + "single_wait_condition.yaml:2:3");
}

TEST(Include, SnippetAsAWholeValue) {
  Value out = run(R"(Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      Fn::Transform:
        Name: AWS::Include
        Parameters:
          Location: properties.yaml
)");
  EXPECT_EQ(*out.find("Resources")->find("Q")->find("Properties"),
            read_document("{VisibilityTimeout: 60, MessageRetentionPeriod: 3600}", "x"));
}

TEST(Include, TransformSectionMergesSections) {
  Value out = run(R"(Transform:
  Name: AWS::Include
  Parameters:
    Location: file://sections.json
Resources:
  Topic:
    Type: AWS::SNS::Topic
)");
  EXPECT_EQ(out.find("Transform"), nullptr);
  EXPECT_TRUE(out.find("Resources")->find("Topic"));
  EXPECT_TRUE(out.find("Resources")->find("Queue"));
  EXPECT_TRUE(out.find("Parameters")->find("Suffix"));
  EXPECT_TRUE(out.find("Outputs")->find("QueueUrl"));
}

TEST(Include, S3LocationsGoThroughTheCallersReader) {
  std::vector<std::string> asked;
  transforms::TransformOptions options;
  options.s3_object = [&](const std::string &bucket, const std::string &key) {
    asked.push_back(bucket + "/" + key);
    return std::string("Type: AWS::SQS::Queue\n");
  };
  Value out = run(R"(Parameters:
  Bucket:
    Type: String
    Default: snippets
Resources:
  A:
    Fn::Transform:
      Name: AWS::Include
      Parameters:
        Location: s3://my-bucket/queue.yaml
  B:
    Fn::Transform:
      Name: AWS::Include
      Parameters:
        Location: https://my-bucket.s3.us-west-2.amazonaws.com/dir/queue.yaml
  C:
    Fn::Transform:
      Name: AWS::Include
      Parameters:
        Location: !Sub https://s3.amazonaws.com/${Bucket}/queue.yaml
)",
                  options);
  EXPECT_EQ(asked, (std::vector<std::string>{"my-bucket/queue.yaml", "my-bucket/dir/queue.yaml",
                                             "snippets/queue.yaml"}));
  for (const char *id : {"A", "B", "C"})
    EXPECT_EQ(*out.find("Resources")->find(id)->find("Type"), Value("AWS::SQS::Queue"));
}

TEST(Include, BeforeLanguageExtensionsAndSam) {
  Value out = run(R"(Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Queues:
    - N
    - [a, b]
    - Q${N}:
        Type: AWS::SQS::Queue
        Properties:
          Fn::Transform:
            Name: AWS::Include
            Parameters:
              Location: properties.yaml
)");
  EXPECT_EQ(*out.find("Resources")->find("Qb")->find("Properties")->find("VisibilityTimeout"),
            Value(60));
}

TEST(IncludeErrors, MissingFile) {
  std::string e = error_of(R"(Resources:
  Fn::Transform:
    Name: AWS::Include
    Parameters:
      Location: nowhere.yaml
)");
  EXPECT_NE(e.find("t.yaml:5:17: error: Transform AWS::Include failed with: "), std::string::npos)
      << e;
  EXPECT_NE(e.find("nowhere.yaml"), std::string::npos) << e;
}

TEST(IncludeErrors, NoLocation) {
  EXPECT_EQ(error_of(R"(Resources:
  Fn::Transform:
    Name: AWS::Include
)"),
            kData + "t.yaml:2:3: error: Transform AWS::Include failed with: the Parameters of "
                    "AWS::Include must have a Location (an Amazon S3 URI such as "
                    "s3://bucket/snippet.yaml)");
}

TEST(IncludeErrors, S3WithoutAnObjectStore) {
  std::string e = error_of(R"(Resources:
  Fn::Transform:
    Name: AWS::Include
    Parameters:
      Location: s3://b/k.yaml
)");
  EXPECT_NE(e.find("cannot read s3://b/k.yaml: no S3 object store"), std::string::npos) << e;
}

TEST(IncludeErrors, S3ObjectMissing) {
  transforms::TransformOptions options;
  options.s3_object = [](const std::string &, const std::string &) -> std::string {
    throw std::runtime_error("NoSuchKey: The specified key does not exist.");
  };
  std::string e = error_of(R"(Resources:
  Fn::Transform:
    Name: AWS::Include
    Parameters:
      Location: s3://b/k.yaml
)",
                           options);
  EXPECT_NE(e.find("t.yaml:5:17: error: Transform AWS::Include failed with: cannot read "
                   "s3://b/k.yaml: NoSuchKey: The specified key does not exist."),
            std::string::npos)
      << e;
}

TEST(IncludeErrors, NotAnS3Uri) {
  std::string e = error_of(R"(Resources:
  Fn::Transform:
    Name: AWS::Include
    Parameters:
      Location: https://github.com/x/y.yaml
)");
  EXPECT_NE(e.find("is not an Amazon S3 URI"), std::string::npos) << e;
}

TEST(IncludeErrors, SnippetThatIncludes) {
  std::string e = error_of(R"(Resources:
  Fn::Transform:
    Name: AWS::Include
    Parameters:
      Location: nested.yaml
)");
  EXPECT_NE(e.find("uses AWS::Include itself"), std::string::npos) << e;
}

TEST(IncludeErrors, BrokenSnippetPointsIntoIt) {
  std::string e = error_of(R"(Resources:
  Fn::Transform:
    Name: AWS::Include
    Parameters:
      Location: broken.yaml
)");
  EXPECT_NE(e.find(kData + "broken.yaml:"), std::string::npos) << e;
  EXPECT_NE(e.find("is not valid YAML or JSON"), std::string::npos) << e;
}

TEST(IncludeErrors, DuplicateKeyWhenMerging) {
  std::string e = error_of(R"(Resources:
  WebServerWaitHandle:
    Type: AWS::SQS::Queue
  Fn::Transform:
    Name: AWS::Include
    Parameters:
      Location: single_wait_condition.yaml
)");
  EXPECT_NE(e.find("the snippet's WebServerWaitHandle is already declared"), std::string::npos)
      << e;
}

} // namespace
} // namespace cfnlocal
