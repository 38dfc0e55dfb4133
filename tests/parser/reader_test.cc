#include "parser/json.h"
#include "parser/reader.h"
#include "parser/template.h"

#include <filesystem>
#include <gtest/gtest.h>

using namespace cfnlocal;

namespace {
Value yaml(const std::string &text) { return read_document(text, "t.yaml"); }
} // namespace

TEST(Reader, PlainScalarsFollowTheCoreSchema) {
  Value v = yaml("a: 80\nb: '80'\nc: true\nd: yes\ne: ~\nf: 1.50\ng: 2012-10-17\nh: 012\n");
  EXPECT_TRUE(v.find("a")->is_number());
  EXPECT_EQ(v.find("a")->as_number(), 80);
  EXPECT_TRUE(v.find("b")->is_string());
  EXPECT_TRUE(v.find("c")->as_bool());
  EXPECT_EQ(v.find("d")->as_string(), "yes");
  EXPECT_TRUE(v.find("e")->is_null());
  EXPECT_EQ(*v.find("f")->scalar_string(), "1.50");
  EXPECT_EQ(v.find("g")->as_string(), "2012-10-17");
  EXPECT_EQ(*v.find("h")->scalar_string(), "012");
}

TEST(Reader, MarksAreOneBased) {
  Value v = yaml("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n");
  const auto *bucket = v.find("Resources")->find_member("Bucket");
  EXPECT_EQ(bucket->key_mark.line, 2);
  EXPECT_EQ(bucket->key_mark.column, 3);
  EXPECT_EQ(bucket->value.find("Type")->mark().line, 3);
  EXPECT_EQ(bucket->value.find("Type")->mark().column, 11);
  EXPECT_EQ(bucket->value.find("Type")->mark().str(), "t.yaml:3:11");
}

TEST(Reader, ShortFormTagsBecomeLongForm) {
  Value v = yaml(R"(
a: !Ref X
b: !GetAtt Res.Outputs.Name
c: !Sub "${AWS::Region}-x"
d: !If [Cond, !Ref A, !Ref AWS::NoValue]
e: !Condition IsProd
f: !GetAZs ''
g: !Select [0, !GetAZs '']
h: !Join [",", [a, b]]
i: !Not [!Equals [!Ref Env, prod]]
j: !Base64 |
  #!/bin/bash
k: !GetAtt Res
)");
  EXPECT_EQ(dump_json(*v.find("a"), -1), R"({"Ref":"X"})");
  EXPECT_EQ(dump_json(*v.find("b"), -1), R"({"Fn::GetAtt":["Res","Outputs.Name"]})");
  // Without an attribute, as the SAM translator reads it (the Fn::GetAtt rule reports it).
  EXPECT_EQ(dump_json(*v.find("k"), -1), R"({"Fn::GetAtt":["Res"]})");
  EXPECT_EQ(dump_json(*v.find("c"), -1), R"({"Fn::Sub":"${AWS::Region}-x"})");
  EXPECT_EQ(dump_json(*v.find("d"), -1),
            R"({"Fn::If":["Cond",{"Ref":"A"},{"Ref":"AWS::NoValue"}]})");
  EXPECT_EQ(dump_json(*v.find("e"), -1), R"({"Condition":"IsProd"})");
  EXPECT_EQ(dump_json(*v.find("f"), -1), R"({"Fn::GetAZs":""})");
  EXPECT_EQ(dump_json(*v.find("g"), -1), R"({"Fn::Select":[0,{"Fn::GetAZs":""}]})");
  EXPECT_EQ(dump_json(*v.find("h"), -1), R"({"Fn::Join":[",",["a","b"]]})");
  EXPECT_EQ(dump_json(*v.find("i"), -1), R"({"Fn::Not":[{"Fn::Equals":[{"Ref":"Env"},"prod"]}]})");
  EXPECT_EQ(v.find("j")->find("Fn::Base64")->as_string(), "#!/bin/bash\n");
}

TEST(Reader, DuplicateKeysAreErrorsWithTheirLocation) {
  try {
    yaml("Resources:\n  A: 1\n  A: 2\n");
    FAIL();
  } catch (const Error &e) {
    EXPECT_EQ(e.mark().line, 3);
    EXPECT_EQ(e.mark().column, 3);
    EXPECT_NE(e.message().find("duplicate key 'A'"), std::string::npos);
  }
}

TEST(Reader, BadYamlIsAnErrorWithTheLocation) {
  try {
    yaml("a: [1, 2\nb: 3\n");
    FAIL();
  } catch (const Error &e) {
    EXPECT_TRUE(e.mark().known());
  }
}

TEST(Reader, UnknownTagIsAnError) { EXPECT_THROW(yaml("a: !Foo x\n"), Error); }

TEST(Reader, JsonKeepsPositions) {
  Value v = read_document(
      "{\n  \"Resources\": {\n    \"B\": {\"Type\": \"AWS::S3::Bucket\"}\n  }\n}", "t.json");
  const auto *b = v.find("Resources")->find_member("B");
  EXPECT_EQ(b->key_mark.line, 3);
  EXPECT_EQ(b->value.find("Type")->as_string(), "AWS::S3::Bucket");
}

TEST(Template, StructuralErrors) {
  EXPECT_THROW(Template(yaml("Parameters: {}\n")), Error);
  EXPECT_THROW(Template(yaml("Resources: {}\n")), Error);
  EXPECT_THROW(Template(yaml("Resources:\n  A:\n    Properties: {}\n")), Error);
  EXPECT_THROW(Template(yaml("Foo: 1\nResources:\n  A:\n    Type: X\n")), Error);
  Template t(yaml("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    DependsOn: B\n  B:\n    Type: "
                  "AWS::S3::Bucket\n"));
  ASSERT_EQ(t.resources().size(), 2u);
  EXPECT_EQ(t.resources()[0].depends_on(), std::vector<std::string>{"B"});
}

TEST(Json, RoundTripKeepsOrderAndNumbers) {
  Value v = yaml("z: 1\na: 1.5\nm: [true, null, \"s\"]\n");
  EXPECT_EQ(dump_json(v, -1), R"({"z":1,"a":1.5,"m":[true,null,"s"]})");
  EXPECT_EQ(from_json(to_json(v)), v);
}
