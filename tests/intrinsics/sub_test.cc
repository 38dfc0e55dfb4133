#include "intrinsics/sub.h"

#include "test_env.h"

#include <gtest/gtest.h>

using namespace cfnlocal;
using namespace cfnlocal::intrinsics;
using namespace cfnlocal::intrinsics::testing;

namespace {

const char *kTemplate = R"(
Parameters:
  RootDomainName: {Type: String, Default: example.com}
  Names: {Type: CommaDelimitedList, Default: "a,b"}
Resources:
  Bucket: {Type: AWS::S3::Bucket}
  Queue: {Type: AWS::SQS::Queue}
)";

TEST(SubParser, SplitsLiteralsAndVariables) {
  auto parts = parse_sub("arn:${AWS::Partition}:s3:::${Bucket}/*");
  ASSERT_EQ(parts.size(), 5u);
  EXPECT_EQ(parts[0].kind, SubPart::Kind::Literal);
  EXPECT_EQ(parts[0].text, "arn:");
  EXPECT_EQ(parts[1].kind, SubPart::Kind::Variable);
  EXPECT_EQ(parts[1].text, "AWS::Partition");
  EXPECT_EQ(parts[2].text, ":s3:::");
  EXPECT_EQ(parts[3].text, "Bucket");
  EXPECT_EQ(parts[4].text, "/*");
}

TEST(SubParser, EscapesAndUnclosed) {
  auto parts = parse_sub("${!Literal}-${x");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].text, "${Literal}-${x");
  EXPECT_TRUE(parse_sub("").empty());
  auto attr = parse_sub("${Res.Attr.Deep}");
  EXPECT_EQ(attr[0].text, "Res.Attr.Deep");
  EXPECT_EQ(split_sub_variable("Res.Attr.Deep").first, "Res");
  EXPECT_EQ(split_sub_variable("Res.Attr.Deep").second, "Attr.Deep");
}

TEST(SubParser, BadVariableNames) {
  EXPECT_EQ(parse_sub("${ Name }")[0].text, "Name");
  EXPECT_NE(error_of([] { parse_sub("${a b}"); }).find("variable names in Fn::Sub syntax"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_sub("${}"); }).find("variable names"), std::string::npos);
  EXPECT_TRUE(is_valid_sub_variable("AWS::Region"));
  EXPECT_FALSE(is_valid_sub_variable("a-b"));
}

TEST(SubParser, EscapeRoundTrip) {
  EXPECT_EQ(escape_sub_literal("a${b}c"), "a${!b}c");
  EXPECT_EQ(escape_sub_literal("a${b"), "a${b");
  auto parts = parse_sub(escape_sub_literal("x${y}z"));
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].text, "x${y}z");
}

TEST(Sub, DocumentedExamples) {
  Env env(kTemplate);
  env.lookup.refs["Bucket"] = Value("my-bucket");
  env.lookup.atts["Bucket.Arn"] = Value("arn:aws:s3:::my-bucket");
  EXPECT_EQ(json(env.eval("!Sub ['www.${Domain}', {Domain: !Ref RootDomainName}]")),
            R"("www.example.com")");
  EXPECT_EQ(
      json(env.eval("!Sub 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/x'")),
      R"("arn:aws:ec2:us-east-1:123456789012:vpc/x")");
  EXPECT_EQ(json(env.eval("!Sub '${Bucket}|${Bucket.Arn}|${!Literal}'")),
            R"("my-bucket|arn:aws:s3:::my-bucket|${Literal}")");
  EXPECT_EQ(json(env.eval("!Sub [plain, {}]")), R"("plain")");
  // Map variables win over template names.
  EXPECT_EQ(json(env.eval("!Sub ['${Bucket}', {Bucket: mine}]")), R"("mine")");
}

TEST(Sub, VariableMapFromFunction) {
  Env env(std::string(kTemplate) + "Conditions:\n  \"Yes\": !Equals [a, a]\n");
  EXPECT_EQ(json(env.eval("!Sub ['${A}', !If [Yes, {A: one}, {A: two}]]")), R"("one")");
  // An AWS::NoValue map is no map: ${A} must then name something in the template.
  EXPECT_NE(error_of([&] {
              env.eval("!Sub ['${A}', !If [Yes, !Ref AWS::NoValue, {A: two}]]");
            }).find("Unresolved resource dependencies [A]"),
            std::string::npos);
  EXPECT_NE(error_of([&] { env.eval("!Sub ['${A}', !Select [0, [[x]]]]"); }).find("Fn::Sub"),
            std::string::npos);
}

TEST(Sub, Errors) {
  Env env(kTemplate);
  EXPECT_EQ(error_of([&] { env.eval("!Sub '${Nope}'"); }),
            "Template format error: Unresolved resource dependencies [Nope] in the Resources block "
            "of the template");
  EXPECT_NE(error_of([&] { env.eval("!Sub '${Names}'"); }).find("does not resolve to a string"),
            std::string::npos);
  EXPECT_NE(
      error_of([&] { env.eval("!Sub '${Nope.Arn}'"); }).find("invalid resource attribute Nope.Arn"),
      std::string::npos);
  EXPECT_NE(error_of([&] {
              env.eval("!Sub [a, b, c]");
            }).find("One or more Fn::Sub intrinsic functions don't specify expected arguments"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              env.eval("{Fn::Sub: 5}");
            }).find("One or more Fn::Sub intrinsic functions don't specify expected arguments"),
            std::string::npos);
}

TEST(Sub, PartialKeepsUnknownVariables) {
  Env env(kTemplate);
  // Queue's Ref is unknown; known parts are substituted, a literal "${" from a value is escaped.
  EXPECT_EQ(json(env.eval("!Sub '${AWS::Region}/${Queue}/${Queue.Arn}/${!x}'")),
            R"({"Fn::Sub":"us-east-1/${Queue}/${Queue.Arn}/${!x}"})");
  EXPECT_EQ(json(env.eval("!Sub ['${A}-${B}', {A: !GetAtt Queue.Arn, B: !Ref RootDomainName}]")),
            R"({"Fn::Sub":["${A}-example.com",{"A":{"Fn::GetAtt":["Queue","Arn"]}}]})");
}

} // namespace
