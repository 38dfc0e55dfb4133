#include "schema/validator.h"

#include "parser/reader.h"
#include "schema/registry.h"

#include <gtest/gtest.h>

namespace cfnlocal::schema {
namespace {

const ResourceType &type(const char *name) { return *Registry::builtin().find(name); }

TEST(AwsFormat, OneMessageStaysOnTheLine) {
  auto r =
      validate_properties(type("AWS::SQS::Queue"), read_document("DelaySeconds: abc\n", "q.yaml"));
  EXPECT_EQ(format_aws_failure("Queue", r),
            "Properties validation failed for resource Queue with message: #/DelaySeconds: "
            "expected type: Number, found: String");
}

TEST(AwsFormat, RequiredAndExtraneousKeys) {
  auto r = validate_properties(
      type("AWS::Lambda::Function"),
      read_document("Role: arn:aws:iam::123456789012:role/r\nFoo: 1\n", "f.yaml"));
  EXPECT_EQ(format_aws_failure("Fn", r),
            "Properties validation failed for resource Fn with message:\n"
            "#: required key [Code] not found\n"
            "#: extraneous key [Foo] is not permitted");
}

TEST(AwsFormat, ScrubbedKeywordsHideValues) {
  auto r = validate_properties(type("AWS::S3::Bucket"),
                               read_document("BucketName: Invalid_Name\n", "b.yaml"));
  ASSERT_FALSE(r.aws_messages.empty());
  EXPECT_EQ(r.aws_messages.back(),
            "#/BucketName: failed validation constraint for keyword [pattern]");
  EXPECT_EQ(format_aws_failure("B", r).find("Invalid_Name"), std::string::npos);
}

TEST(AwsFormat, NestedPointersAndLengths) {
  auto r = validate_properties(
      type("AWS::SQS::Queue"),
      read_document("Tags: [{Key: a}]\nQueueName: x\nMessageRetentionPeriod: 5\n", "q.yaml"));
  EXPECT_EQ(format_aws_failure("Q", r),
            "Properties validation failed for resource Q with message:\n"
            "#/Tags/0: required key [Value] not found\n"
            "#/MessageRetentionPeriod: failed validation constraint for keyword [minimum]");
}

TEST(AwsFormat, NothingWhenAwsAccepts) {
  auto r = validate_properties(type("AWS::SQS::Queue"), read_document("Arn: x\n", "q.yaml"));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(format_aws_failure("Q", r), "");
}

} // namespace
} // namespace cfnlocal::schema
