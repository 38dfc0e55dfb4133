// AWS::LanguageExtensions: every example of the AWS CloudFormation User Guide pages for the
// transform (tests/transforms/data/language_extensions, input -> processed template), the forms
// beyond them (&{}, collections from parameters, Fn::Split, Fn::GetAZs, Fn::FindInMap), and the
// transform's errors with the file:line:column of the offending node.

#include "parser/json.h"
#include "parser/reader.h"
#include "transforms/transform.h"

#include <gtest/gtest.h>

#include <map>

namespace cfnlocal {
namespace {

const std::string kData = std::string(CFNLOCAL_TEST_DATA) + "/language_extensions/";

struct Case {
  std::string name;
  std::map<std::string, std::string> parameters;
};

std::ostream &operator<<(std::ostream &os, const Case &c) { return os << c.name; }

class DocExamples : public ::testing::TestWithParam<Case> {};

TEST_P(DocExamples, ProcessedTemplateMatches) {
  const Case &c = GetParam();
  Value input = read_document_file(kData + c.name + ".yaml");
  Value expected = read_document_file(kData + c.name + ".expected.yaml");
  transforms::TransformOptions options;
  options.parameter_overrides = c.parameters;
  Value actual = transforms::apply_transforms(input, options);
  EXPECT_EQ(actual, expected) << "actual:\n"
                              << dump_json(actual) << "\nexpected:\n"
                              << dump_json(expected);
}

INSTANTIATE_TEST_SUITE_P(
    LanguageExtensions, DocExamples,
    ::testing::Values(Case{"doc_foreach_sns", {{"pRepoARNs", "Success,Failure,Timeout,Unknown"}}},
                      Case{"doc_foreach_ddb", {}}, Case{"doc_foreach_natgateway", {}},
                      Case{"doc_foreach_nested", {}}, Case{"doc_foreach_instances", {}},
                      Case{"doc_foreach_properties", {}}, Case{"doc_foreach_outputs", {}},
                      Case{"doc_foreach_conditions", {}},
                      Case{"doc_transform_length", {{"QueueList", "a,b,c"}}},
                      Case{"doc_length", {}}, Case{"doc_tojsonstring", {}},
                      Case{"doc_findinmap", {}}, Case{"doc_policies_if", {{"Stage", "Prod"}}},
                      Case{"doc_policies_ref", {{"DeletionPolicyParam", "Retain"}}},
                      Case{"ampersand_identifier", {}}, Case{"collections", {}},
                      Case{"corpus_s3_outputs", {}}),
    [](const auto &info) { return info.param.name; });

Value transform(const std::string &yaml, std::map<std::string, std::string> parameters = {}) {
  transforms::TransformOptions options;
  options.parameter_overrides = std::move(parameters);
  return transforms::apply_transforms(read_document(yaml, "t.yaml"), options);
}

/// The error apply_transforms throws for `yaml`, as "file:line:column: error: message".
std::string error_of(const std::string &yaml, std::map<std::string, std::string> parameters = {}) {
  try {
    transform(yaml, std::move(parameters));
  } catch (const transforms::TransformError &e) {
    return e.diagnostic().str();
  }
  return "no error";
}

TEST(LanguageExtensions, PoliciesFollowParameterValues) {
  std::string path = kData + "doc_policies_if.yaml";
  std::string text = read_file_text(path);
  Value dev = transform(text, {{"Stage", "Dev"}});
  EXPECT_EQ(*dev.find("Resources")->find("Table")->find("DeletionPolicy"), Value("Delete"));
  EXPECT_EQ(*dev.find("Resources")->find("Table")->find("UpdateReplacePolicy"), Value("Delete"));
  Value defaults = transform(read_file_text(kData + "doc_policies_ref.yaml"));
  EXPECT_EQ(*defaults.find("Resources")->find("Table")->find("DeletionPolicy"), Value("Delete"));
}

TEST(LanguageExtensions, FunctionsThatNeedResourcesStayForTheEngine) {
  Value out = transform(R"(Transform: AWS::LanguageExtensions
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Handle:
    Type: AWS::CloudFormation::WaitConditionHandle
    Metadata:
      Json:
        Fn::ToJsonString: {Arn: !GetAtt Bucket.Arn}
      Count:
        Fn::Length: !GetAZs ''
      Stack:
        Fn::ToJsonString: [!Ref AWS::StackName]
)");
  const Value &meta = *out.find("Resources")->find("Handle")->find("Metadata");
  ASSERT_TRUE(meta.find("Json")->find("Fn::ToJsonString"));
  EXPECT_EQ(*meta.find("Count"), Value(3));
  // The stack name is unknown to a transform run without the stack's pseudo parameters.
  ASSERT_TRUE(meta.find("Stack")->find("Fn::ToJsonString"));
  EXPECT_EQ(out.find("Transform"), nullptr);
}

TEST(LanguageExtensions, PseudoParametersFromTheStack) {
  intrinsics::PseudoParameters pseudo;
  pseudo.stack_name = "my-stack";
  transforms::TransformOptions options;
  options.pseudo = &pseudo;
  Value out = transforms::apply_transforms(read_document(R"(Transform: AWS::LanguageExtensions
Resources:
  Handle:
    Type: AWS::CloudFormation::WaitConditionHandle
    Metadata:
      Stack:
        Fn::ToJsonString: [!Ref AWS::StackName]
)",
                                                         "t.yaml"),
                                           options);
  EXPECT_EQ(*out.find("Resources")->find("Handle")->find("Metadata")->find("Stack"),
            Value("[\"my-stack\"]"));
}

TEST(LanguageExtensions, KeepsMacrosTransformEntries) {
  Value out = transform(R"(Transform: [AWS::LanguageExtensions, MyMacro]
Resources:
  Fn::ForEach::Q:
    - N
    - [a]
    - Q${N}:
        Type: AWS::SQS::Queue
)");
  EXPECT_EQ(*out.find("Transform"), Value("MyMacro"));
  EXPECT_TRUE(out.find("Resources")->find("Qa"));
}

TEST(LanguageExtensions, RunsBeforeSamInTheListedOrder) {
  Value out = transform(R"(Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
Resources:
  Fn::ForEach::Functions:
    - Name
    - [Alpha, Beta]
    - ${Name}Function:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.12
          Handler: index.handler
          InlineCode: "def handler(e, c): return 1"
)");
  const Value &resources = *out.find("Resources");
  ASSERT_TRUE(resources.find("AlphaFunction"));
  EXPECT_EQ(*resources.find("AlphaFunction")->find("Type"), Value("AWS::Lambda::Function"));
  EXPECT_TRUE(resources.find("BetaFunctionRole"));
  EXPECT_EQ(out.find("Transform"), nullptr);
}

TEST(LanguageExtensions, TemplatesWithoutTheTransformAreUntouched) {
  Value in = read_document("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n", "t.yaml");
  EXPECT_EQ(transforms::apply_transforms(in, {}), in);
}

// Errors: AWS's "Transform AWS::LanguageExtensions failed with: ..." at the offending node.

TEST(LanguageExtensionsErrors, LayoutIsNotThreeItems) {
  EXPECT_EQ(error_of(R"(Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Q:
    - N
    - [a]
)"),
            "t.yaml:4:5: error: Transform AWS::LanguageExtensions failed with: Fn::ForEach::Q "
            "layout is incorrect: it takes a list of three items [Identifier, Collection, "
            "{OutputKey: OutputValue}]");
}

TEST(LanguageExtensionsErrors, IdentifierMustBeAName) {
  EXPECT_NE(error_of(R"(Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Q:
    - [N]
    - [a]
    - Q${N}: {Type: AWS::SQS::Queue}
)")
                .find("t.yaml:4:7: error: Transform AWS::LanguageExtensions failed with: "
                      "Fn::ForEach::Q layout is incorrect: the identifier"),
            std::string::npos);
}

TEST(LanguageExtensionsErrors, OutputKeyWithoutIdentifier) {
  EXPECT_EQ(error_of(R"(Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Q:
    - N
    - [a, b]
    - Queue:
        Type: AWS::SQS::Queue
)"),
            "t.yaml:6:7: error: Transform AWS::LanguageExtensions failed with: the OutputKey "
            "Queue of Fn::ForEach::Q must contain ${N} or &{N} so that each copy gets its own key");
}

TEST(LanguageExtensionsErrors, DuplicateKeys) {
  std::string e = error_of(R"(Transform: AWS::LanguageExtensions
Resources:
  Qa:
    Type: AWS::SQS::Queue
  Fn::ForEach::Q:
    - N
    - [a]
    - Q${N}:
        Type: AWS::SQS::Queue
)");
  EXPECT_NE(e.find("t.yaml:8:7: error: Transform AWS::LanguageExtensions failed with: "
                   "Fn::ForEach::Q produces the key Qa more than once"),
            std::string::npos)
      << e;
  // &{} drops characters, so two items can collide.
  e = error_of(R"(Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Q:
    - N
    - [a-b, ab]
    - Q&{N}:
        Type: AWS::SQS::Queue
)");
  EXPECT_NE(e.find("produces the key Qab more than once"), std::string::npos) << e;
}

TEST(LanguageExtensionsErrors, LoopNames) {
  EXPECT_NE(error_of(R"(Transform: AWS::LanguageExtensions
Resources:
  Q:
    Type: AWS::SQS::Queue
  Fn::ForEach::Q:
    - N
    - [a]
    - Q${N}: {Type: AWS::SQS::Queue}
)")
                .find("t.yaml:5:3: error: Transform AWS::LanguageExtensions failed with: the "
                      "loop name Q of Fn::ForEach::Q conflicts with the logical ID of a resource"),
            std::string::npos);
  EXPECT_NE(error_of(R"(Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Q:
    - N
    - [a]
    - Q${N}: {Type: AWS::SQS::Queue}
Outputs:
  Fn::ForEach::Q:
    - N
    - [a]
    - O${N}: {Value: x}
)")
                .find("t.yaml:8:3: error: Transform AWS::LanguageExtensions failed with: the "
                      "loop name Q is used by more than one Fn::ForEach"),
            std::string::npos);
}

TEST(LanguageExtensionsErrors, NestedIdentifiersMustDiffer) {
  std::string e = error_of(R"(Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Outer:
    - N
    - [a]
    - Fn::ForEach::Inner:
        - N
        - [b]
        - Q${N}: {Type: AWS::SQS::Queue}
)");
  EXPECT_NE(e.find("t.yaml:7:11: error: Transform AWS::LanguageExtensions failed with: the "
                   "identifier N of Fn::ForEach::Inner is already the identifier of an enclosing"),
            std::string::npos)
      << e;
}

TEST(LanguageExtensionsErrors, NestingDeeperThanFive) {
  std::string yaml = "Transform: AWS::LanguageExtensions\nResources:\n";
  std::string indent = "  ";
  for (int i = 0; i < 7; ++i) {
    yaml += indent + "Fn::ForEach::L" + std::to_string(i) + ":\n";
    yaml += indent + "  - I" + std::to_string(i) + "\n" + indent + "  - [a]\n";
    yaml += indent + "  - ";
    indent += "    ";
    if (i == 6)
      yaml += "Q${I6}: {Type: AWS::SQS::Queue}\n";
    else
      yaml += "\n";
  }
  std::string e = error_of(yaml);
  EXPECT_NE(e.find("Fn::ForEach::L6 is nested too deep"), std::string::npos) << e;
}

TEST(LanguageExtensionsErrors, CollectionMustResolve) {
  std::string e = error_of(R"(Transform: AWS::LanguageExtensions
Parameters:
  Names:
    Type: CommaDelimitedList
Resources:
  Fn::ForEach::Q:
    - N
    - !Ref Names
    - Q${N}: {Type: AWS::SQS::Queue}
)");
  EXPECT_NE(e.find("t.yaml:8:7: error: Transform AWS::LanguageExtensions failed with: the "
                   "collection of Fn::ForEach::Q must be a list, or resolve to one before any "
                   "resource exists"),
            std::string::npos)
      << e;
  e = error_of(R"(Transform: AWS::LanguageExtensions
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Fn::ForEach::Q:
    - N
    - !GetAtt Bucket.Arn
    - Q${N}: {Type: AWS::SQS::Queue}
)");
  EXPECT_NE(e.find("t.yaml:7:7: error:"), std::string::npos) << e;
  e = error_of(R"(Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Q:
    - N
    - [a, {Key: b}]
    - Q${N}: {Type: AWS::SQS::Queue}
)");
  EXPECT_NE(e.find("the collection of Fn::ForEach::Q must"), std::string::npos) << e;
}

TEST(LanguageExtensionsErrors, OnlyInResourcesConditionsOutputs) {
  std::string e = error_of(R"(Transform: AWS::LanguageExtensions
Mappings:
  Fn::ForEach::M:
    - N
    - [a]
    - M${N}: {K: {V: x}}
Resources:
  Q:
    Type: AWS::SQS::Queue
)");
  EXPECT_EQ(e, "t.yaml:3:3: error: Transform AWS::LanguageExtensions failed with: Fn::ForEach can "
               "only be used in the Resources, Conditions and Outputs sections, not in Mappings");
}

TEST(LanguageExtensionsErrors, LengthAndToJsonStringArguments) {
  std::string e = error_of(R"(Transform: AWS::LanguageExtensions
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds:
        Fn::Length: abc
)");
  EXPECT_EQ(e, "t.yaml:7:21: error: Transform AWS::LanguageExtensions failed with: Fn::Length "
               "layout is incorrect: it takes a list or a function that returns one");
  e = error_of(R"(Transform: AWS::LanguageExtensions
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      QueueName:
        Fn::ToJsonString: abc
)");
  EXPECT_EQ(e, "t.yaml:7:27: error: Transform AWS::LanguageExtensions failed with: "
               "Fn::ToJsonString layout is incorrect: it takes an object or a list");
}

TEST(LanguageExtensionsErrors, FindInMapDefaultLayout) {
  std::string e = error_of(R"(Transform: AWS::LanguageExtensions
Mappings:
  M: {A: {B: c}}
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !FindInMap [M, A, X, {Default: d}]
)");
  EXPECT_EQ(e, "t.yaml:8:39: error: Transform AWS::LanguageExtensions failed with: "
               "Fn::FindInMap layout is incorrect: the fourth item must be {DefaultValue: value}");
}

TEST(LanguageExtensionsErrors, Policies) {
  std::string e = error_of(R"(Transform: AWS::LanguageExtensions
Parameters:
  P:
    Type: String
    Default: Keep
Resources:
  Q:
    Type: AWS::SQS::Queue
    DeletionPolicy: !Ref P
)");
  EXPECT_EQ(e, "t.yaml:9:21: error: Transform AWS::LanguageExtensions failed with: "
               "DeletionPolicy resolved to 'Keep'; it must be one of Delete, Retain, "
               "RetainExceptOnCreate, Snapshot");
  e = error_of(R"(Transform: AWS::LanguageExtensions
Resources:
  B:
    Type: AWS::S3::Bucket
  Q:
    Type: AWS::SQS::Queue
    UpdateReplacePolicy: !GetAtt B.Arn
)");
  EXPECT_NE(e.find("t.yaml:7:26: error: Transform AWS::LanguageExtensions failed with: "
                   "UpdateReplacePolicy must resolve to a string before any resource exists"),
            std::string::npos)
      << e;
}

TEST(LanguageExtensionsErrors, RefArgumentMustResolveToAName) {
  std::string e = error_of(R"(Transform: AWS::LanguageExtensions
Resources:
  B:
    Type: AWS::S3::Bucket
  Q:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Ref
        Fn::GetAtt: [B, Arn]
)");
  EXPECT_NE(e.find("t.yaml:8:18: error: Transform AWS::LanguageExtensions failed with: the "
                   "argument of Ref must resolve to a name"),
            std::string::npos)
      << e;
}

TEST(LanguageExtensionsErrors, NotAsAnEmbeddedTransform) {
  std::string e = error_of(R"(Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      Fn::Transform:
        Name: AWS::LanguageExtensions
)");
  EXPECT_NE(e.find("t.yaml:5:7: error: Transform AWS::LanguageExtensions failed with: "
                   "AWS::LanguageExtensions can only be declared in the Transform section"),
            std::string::npos)
      << e;
}

} // namespace
} // namespace cfnlocal
