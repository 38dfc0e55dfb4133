#include "intrinsics/evaluator.h"

#include "test_env.h"

#include <gtest/gtest.h>

using namespace cfnlocal;
using namespace cfnlocal::intrinsics;
using namespace cfnlocal::intrinsics::testing;

namespace {

const char *kTemplate = R"(
Parameters:
  Env:
    Type: String
    Default: prod
  Subnets:
    Type: CommaDelimitedList
    Default: "subnet-1,subnet-2,subnet-3"
  Port:
    Type: Number
    Default: 8080
Mappings:
  RegionMap:
    us-east-1:
      AMI: ami-0ff8a91507f77f867
      Zones: [a, b]
    eu-west-1:
      AMI: ami-047bb4163c506cd98
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
  Vpc:
    Type: AWS::EC2::VPC
)";

TEST(Ref, ParameterPseudoAndResource) {
  Env env(kTemplate);
  EXPECT_EQ(json(env.eval("!Ref Env")), R"("prod")");
  EXPECT_EQ(json(env.eval("!Ref Subnets")), R"(["subnet-1","subnet-2","subnet-3"])");
  // Number parameters are strings once referenced (User Guide, "Parameters").
  EXPECT_EQ(json(env.eval("!Ref Port")), R"("8080")");
  EXPECT_EQ(json(env.eval("!Ref AWS::Region")), R"("us-east-1")");
  env.lookup.refs["Bucket"] = Value("my-bucket-123");
  EXPECT_EQ(json(env.eval("!Ref Bucket")), R"("my-bucket-123")");
  // Unknown physical ID: stays symbolic.
  EXPECT_EQ(json(env.eval("!Ref Queue")), R"({"Ref":"Queue"})");
}

TEST(Ref, UnknownNameIsAnError) {
  Env env(kTemplate);
  EXPECT_EQ(error_of([&] { env.eval("!Ref Nope"); }),
            "Template format error: Unresolved resource dependencies [Nope] in the Resources "
            "block of the template");
  EXPECT_EQ(error_of([&] { env.eval("{Ref: [a]}"); }),
            "Template format error: Every Ref object must have a single String value.");
}

TEST(Ref, ErrorsCarryTheMark) {
  Env env(kTemplate);
  try {
    env.eval("Key:\n  Value: !Ref Nope\n");
    FAIL();
  } catch (const Error &e) {
    EXPECT_EQ(e.mark().line, 2);
    EXPECT_EQ(e.mark().file_name(), "test.yaml");
  }
}

TEST(NoValue, RemovesPropertyAndListItem) {
  Env env(kTemplate);
  EXPECT_EQ(json(env.eval("{A: 1, B: !Ref AWS::NoValue}")), R"({"A":1})");
  EXPECT_EQ(json(env.eval("[a, !Ref AWS::NoValue, c]")), R"(["a","c"])");
  EXPECT_EQ(json(env.eval("{A: !If [IsProd, !Ref AWS::NoValue, x]}")), R"({})");
  EXPECT_TRUE(env.eval("!Ref AWS::NoValue").is_null());
  EXPECT_FALSE(evaluate_optional(yaml("!Ref AWS::NoValue"), env.context).has_value());
}

TEST(GetAtt, ListAndDottedForms) {
  Env env(kTemplate);
  env.lookup.atts["Bucket.Arn"] = Value("arn:aws:s3:::my-bucket");
  EXPECT_EQ(json(env.eval("!GetAtt Bucket.Arn")), R"("arn:aws:s3:::my-bucket")");
  EXPECT_EQ(json(env.eval("{Fn::GetAtt: [Bucket, Arn]}")), R"("arn:aws:s3:::my-bucket")");
  EXPECT_EQ(json(env.eval("{Fn::GetAtt: Bucket.Arn}")), R"("arn:aws:s3:::my-bucket")");
  // Unknown attribute value: symbolic, normalised to the list form.
  EXPECT_EQ(json(env.eval("{Fn::GetAtt: Queue.Arn}")), R"({"Fn::GetAtt":["Queue","Arn"]})");
  // Attribute names with dots (Outputs.X of nested stacks) split at the first dot only.
  EXPECT_EQ(json(env.eval("{Fn::GetAtt: Queue.Outputs.Name}")),
            R"({"Fn::GetAtt":["Queue","Outputs.Name"]})");
}

TEST(GetAtt, AttributeFromRef) {
  Env env(R"(
Parameters:
  Attr: {Type: String, Default: Arn}
Resources:
  Bucket: {Type: AWS::S3::Bucket}
)");
  env.lookup.atts["Bucket.Arn"] = Value("arn:aws:s3:::b");
  EXPECT_EQ(json(env.eval("{Fn::GetAtt: [Bucket, !Ref Attr]}")), R"("arn:aws:s3:::b")");
}

TEST(GetAtt, Errors) {
  Env env(kTemplate);
  EXPECT_EQ(error_of([&] { env.eval("!GetAtt Nope.Arn"); }),
            "Template error: instance of Fn::GetAtt references undefined resource Nope");
  EXPECT_NE(error_of([&] { env.eval("{Fn::GetAtt: [Bucket]}"); }).find("two non-empty"),
            std::string::npos);
  EXPECT_NE(error_of([&] { env.eval("{Fn::GetAtt: Bucket}"); }).find("two non-empty"),
            std::string::npos);
  // A lookup failure becomes an error at the function, naming it.
  EXPECT_EQ(error_of([&] { env.eval("!GetAtt Bucket.Bad"); }),
            "Template error: resource Bucket does not support attribute type Bad in Fn::GetAtt");
}

TEST(Join, Documented) {
  Env env(kTemplate);
  EXPECT_EQ(json(env.eval("!Join [':', [a, b, c]]")), R"("a:b:c")");
  EXPECT_EQ(json(env.eval("!Join ['', ['arn:', !Ref AWS::Partition, ':s3:::elasticbeanstalk-*-', "
                          "!Ref AWS::AccountId]]")),
            R"("arn:aws:s3:::elasticbeanstalk-*-123456789012")");
  EXPECT_EQ(json(env.eval("!Join [',', !Ref Subnets]")), R"("subnet-1,subnet-2,subnet-3")");
  EXPECT_EQ(json(env.eval("!Join ['-', [1, true, x]]")), R"("1-true-x")");
  EXPECT_EQ(json(env.eval("!Join ['-', []]")), R"("")");
}

TEST(Join, Errors) {
  Env env(kTemplate);
  const std::string shape = "Template error: every Fn::Join object requires two parameters, (1) a "
                            "string delimiter and (2) a list of strings to be joined or a function "
                            "that returns a list of strings (such as Fn::GetAZs) to be joined.";
  EXPECT_EQ(error_of([&] { env.eval("!Join [',']"); }), shape);
  EXPECT_EQ(error_of([&] { env.eval("!Join [',', abc]"); }), shape);
  EXPECT_EQ(error_of([&] { env.eval("!Join [[a], [b]]"); }), shape);
  EXPECT_NE(error_of([&] { env.eval("!Join [',', [[a]]]"); }).find("(an item is a list)"),
            std::string::npos);
}

TEST(Select, Documented) {
  Env env(kTemplate);
  EXPECT_EQ(json(env.eval(R"(!Select ["1", [apples, grapes, oranges, mangoes]])")), R"("grapes")");
  EXPECT_EQ(json(env.eval("!Select [2, !Ref Subnets]")), R"("subnet-3")");
  EXPECT_EQ(json(env.eval("!Select [0, !GetAZs '']")), R"("us-east-1a")");
}

TEST(Select, Errors) {
  Env env(kTemplate);
  EXPECT_EQ(error_of([&] { env.eval("!Select [3, [a, b]]"); }),
            "Template error: Fn::Select cannot select nonexistent value at index 3 (the list has 2 "
            "items)");
  EXPECT_NE(error_of([&] { env.eval("!Select [-1, [a, b]]"); }).find("index -1"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              env.eval("!Select [x, [a, b]]");
            }).find("valid index value as its first element (found x)"),
            std::string::npos);
  EXPECT_NE(error_of([&] { env.eval("!Select [0]"); }).find("Fn::Select requires"),
            std::string::npos);
}

TEST(Split, Documented) {
  Env env(kTemplate);
  EXPECT_EQ(json(env.eval("!Split ['|', 'a|b|c']")), R"(["a","b","c"])");
  EXPECT_EQ(json(env.eval("!Split ['|', 'a||c|']")), R"(["a","","c",""])");
  EXPECT_EQ(json(env.eval("!Select [2, !Split [',', !Join [',', [x, y, z]]]]")), R"("z")");
  EXPECT_NE(error_of([&] { env.eval("!Split ['', abc]"); }).find("non-empty"), std::string::npos);
}

TEST(FindInMap, Documented) {
  Env env(kTemplate);
  EXPECT_EQ(json(env.eval("!FindInMap [RegionMap, !Ref AWS::Region, AMI]")),
            R"("ami-0ff8a91507f77f867")");
  EXPECT_EQ(json(env.eval("!FindInMap [RegionMap, us-east-1, Zones]")), R"(["a","b"])");
  EXPECT_EQ(error_of([&] { env.eval("!FindInMap [RegionMap, us-west-2, AMI]"); }),
            "Template error: Unable to get mapping for RegionMap::us-west-2::AMI");
  EXPECT_NE(error_of([&] {
              env.eval("!FindInMap [Nope, a, b]");
            }).find("Mapping named 'Nope' is not present in the 'Mappings' section"),
            std::string::npos);
  // AWS::LanguageExtensions' DefaultValue.
  EXPECT_EQ(json(env.eval("!FindInMap [RegionMap, us-west-2, AMI, {DefaultValue: ami-x}]")),
            R"("ami-x")");
}

TEST(Base64, Encodes) {
  Env env(kTemplate);
  EXPECT_EQ(json(env.eval("!Base64 AWS CloudFormation")), R"("QVdTIENsb3VkRm9ybWF0aW9u")");
  EXPECT_EQ(json(env.eval("!Base64 {Fn::Sub: 'env=${Env}'}")), R"("ZW52PXByb2Q=")");
}

TEST(GetAZs, UsesRegionAndLookup) {
  PseudoParameters p;
  p.region = "eu-west-1";
  Env env(kTemplate, {}, p);
  EXPECT_EQ(json(env.eval("!GetAZs ''")), R"(["eu-west-1a","eu-west-1b","eu-west-1c"])");
  EXPECT_EQ(json(env.eval("!GetAZs {Ref: AWS::Region}")),
            R"(["eu-west-1a","eu-west-1b","eu-west-1c"])");
  EXPECT_EQ(json(env.eval("!GetAZs us-west-2")), R"(["us-west-2a","us-west-2b","us-west-2c"])");
}

TEST(ImportValue, FoundMissingUnknown) {
  Env env(kTemplate);
  env.lookup.exports["net-VpcId"] = Value("vpc-123");
  EXPECT_EQ(json(env.eval("!ImportValue net-VpcId")), R"("vpc-123")");
  EXPECT_EQ(json(env.eval("!ImportValue {Fn::Sub: 'net-VpcId'}")), R"("vpc-123")");
  EXPECT_EQ(error_of([&] { env.eval("!ImportValue other"); }), "No export named other found");
  env.lookup.unknown_imports = true;
  EXPECT_EQ(json(env.eval("!ImportValue other")), R"({"Fn::ImportValue":"other"})");
}

TEST(Transform, LeftUntouched) {
  Env env(kTemplate);
  EXPECT_EQ(
      json(env.eval("{Fn::Transform: {Name: AWS::Include, Parameters: {Location: !Ref Env}}}")),
      R"({"Fn::Transform":{"Name":"AWS::Include","Parameters":{"Location":{"Ref":"Env"}}}})");
}

TEST(UnknownFunction, IsAnError) {
  Env env(kTemplate);
  EXPECT_NE(error_of([&] {
              env.eval("{Fn::Nope: x}");
            }).find("Encountered unsupported function: Fn::Nope"),
            std::string::npos);
  EXPECT_NE(error_of([&] { env.eval("{Fn::RefAll: x}"); }).find("only be used in the Rules"),
            std::string::npos);
}

TEST(If, PicksBranch) {
  Env env(kTemplate, {{"Env", "dev"}});
  EXPECT_EQ(json(env.eval("!If [IsProd, big, small]")), R"("small")");
  EXPECT_NE(error_of([&] {
              env.eval("!If [Nope, a, b]");
            }).find("unresolved condition dependency Nope in Fn::If"),
            std::string::npos);
  EXPECT_EQ(error_of([&] { env.eval("!If [IsProd, a]"); }),
            "Template error: Fn::If requires a list argument with three elements");
  EXPECT_EQ(error_of([&] { env.eval("!If [!Condition IsProd, a, b]"); }),
            "Template error: Fn::If requires a list argument with the first element being a "
            "condition");
  // The branch not taken is not evaluated (it may name things that do not exist then).
  EXPECT_EQ(json(env.eval("!If [IsProd, !Ref Nope, ok]")), R"("ok")");
}

TEST(LanguageExtensions, LengthAndToJsonString) {
  Env env(kTemplate);
  EXPECT_EQ(json(env.eval("{Fn::Length: !Ref Subnets}")), "3");
  EXPECT_EQ(json(env.eval("{Fn::ToJsonString: {a: !Ref Env, b: [1]}}")),
            R"("{\"a\":\"prod\",\"b\":[1]}")");
}

TEST(Evaluate, InputUnchangedAndMarksKept) {
  Env env(kTemplate);
  Value input = yaml("Name: !Sub '${Env}-x'\nList: [!Ref Env]\n");
  Value copy = input;
  Value out = evaluate(input, env.context);
  EXPECT_EQ(input, copy);
  EXPECT_EQ(json(out), R"({"Name":"prod-x","List":["prod"]})");
  EXPECT_EQ(out.find("Name")->mark().line, 1);
  EXPECT_EQ(out.find("List")->as_array()[0].mark().line, 2);
}

} // namespace
