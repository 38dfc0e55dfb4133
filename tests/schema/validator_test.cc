#include "schema/validator.h"

#include "parser/reader.h"
#include "schema/registry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cfnlocal::schema {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// One synthetic type with a property per keyword, so each keyword has a passing and a failing
// case below.
const ResourceType &fake() {
  static const ResourceType type(Json::parse(R"json({
    "typeName": "Test::Fake::Thing",
    "additionalProperties": false,
    "required": ["Name"],
    "requiredXor": ["XorA", "XorB"],
    "requiredOr": ["OrA", "OrB"],
    "dependentRequired": {"NeedsPeer": ["Peer"]},
    "dependentExcluded": {"Left": ["Right"]},
    "dependencies": {"DepA": ["DepB"]},
    "readOnlyProperties": ["/properties/Arn", "/properties/Nested/Id"],
    "definitions": {
      "Tag": {"type": "object", "additionalProperties": false,
              "properties": {"Key": {"type": "string", "minLength": 1}, "Value": {"type": "string"}},
              "required": ["Key", "Value"]}
    },
    "properties": {
      "Name": {"type": "string", "minLength": 3, "maxLength": 8, "pattern": "^[a-z]+$"},
      "Arn": {"type": "string"},
      "Count": {"type": "integer", "minimum": 1, "maximum": 10},
      "Ratio": {"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.5},
      "Flag": {"type": "boolean"},
      "Mode": {"type": "string", "enum": ["ON", "OFF"]},
      "Case": {"type": "string", "enumCaseInsensitive": ["Alpha", "Beta"]},
      "Fixed": {"const": "HASH"},
      "Tags": {"type": "array", "items": {"$ref": "#/definitions/Tag"}, "maxItems": 2,
               "uniqueItems": true},
      "Ids": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": true},
      "Keys": {"type": "array", "uniqueKeys": ["K"], "items": {"type": "object"}},
      "Pair": {"type": "array", "prefixItems": [{"type": "string", "const": "HASH"},
                                                 {"type": "string", "const": "RANGE"}]},
      "Map": {"type": "object", "additionalProperties": false, "minProperties": 1,
              "maxProperties": 2, "patternProperties": {"^[A-Z][a-z]+$": {"type": "integer"}}},
      "Doc": {"type": ["object", "string"]},
      "Choice": {"oneOf": [{"type": "object", "required": ["A"]},
                           {"type": "object", "required": ["B"]}]},
      "Any": {"anyOf": [{"type": "string", "pattern": "^x"}, {"type": "integer"}]},
      "All": {"allOf": [{"type": "string", "minLength": 2}, {"pattern": "z$"}]},
      "Nested": {"type": "object", "properties": {"Id": {"type": "string"},
                                                    "Inner": {"$ref": "#/definitions/Tag"}}},
      "XorA": {"type": "string"}, "XorB": {"type": "string"},
      "OrA": {"type": "string"}, "OrB": {"type": "string"},
      "NeedsPeer": {"type": "string"}, "Peer": {"type": "string"},
      "Left": {"type": "string"}, "Right": {"type": "string"},
      "DepA": {"type": "string"}, "DepB": {"type": "string"},
      "Free": {}
    },
    "primaryIdentifier": ["/properties/Arn"]
  })json"));
  return type;
}

// The minimum valid properties, plus `extra` YAML lines (which may replace them).
Value props(const std::string &extra = "") {
  std::string text;
  for (std::string line : {"Name: abc\n", "XorA: x\n", "OrA: y\n"}) {
    std::string key = line.substr(0, line.find(':') + 1);
    if (!extra.starts_with(key) && extra.find("\n" + key) == std::string::npos) {
      text += line;
    }
  }
  return read_document(text + extra, "t.yaml");
}

std::vector<std::string> keywords(const ValidationResult &r) {
  std::vector<std::string> out;
  for (const auto &v : r.violations) {
    out.push_back(v.keyword);
  }
  return out;
}

ValidationResult check(const std::string &extra, ValidationOptions options = {}) {
  return validate_properties(fake(), props(extra), options);
}

TEST(Validator, BaselineIsValid) {
  auto r = check("");
  EXPECT_TRUE(r.ok()) << (r.violations.empty() ? "" : r.violations[0].message);
  EXPECT_FALSE(r.deploy_fails());
}

TEST(Validator, Required) {
  auto r = validate_properties(fake(), read_document("XorA: x\nOrA: y\n", "t.yaml"));
  EXPECT_THAT(keywords(r), ElementsAre("required"));
  EXPECT_EQ(r.violations[0].message, "'Name' is a required property");
  EXPECT_THAT(r.aws_messages, ElementsAre("#: required key [Name] not found"));
  EXPECT_EQ(r.violations[0].rule, "E3003");
}

TEST(Validator, TypesWithCoercions) {
  EXPECT_TRUE(check("Count: 5\nRatio: 1.5\nFlag: true\n").ok());
  EXPECT_TRUE(check("Count: '5'\nRatio: '2.5'\nFlag: 'false'\n").ok()) << "CloudFormation coerces";
  EXPECT_TRUE(check("Flag: 'True'\n").ok());
  EXPECT_TRUE(check("Mode: ON\nDoc: '{}'\n").ok());
  EXPECT_TRUE(check("Name: abc\n").ok());
  auto r = check("Count: abc\n");
  EXPECT_THAT(keywords(r), ElementsAre("type"));
  EXPECT_EQ(r.violations[0].message, "'abc' is not of type 'integer'");
  EXPECT_EQ(r.violations[0].path, "Count");
  EXPECT_EQ(r.violations[0].mark.line, 4);
  EXPECT_THAT(r.aws_messages, ElementsAre("#/Count: expected type: Number, found: String"));
  EXPECT_THAT(keywords(check("Count: 2.5\n")), ElementsAre("type"));
  EXPECT_THAT(keywords(check("Flag: yes\n")), ElementsAre("type"));
  EXPECT_THAT(keywords(check("Flag: 1\n")), ElementsAre("type"));
  EXPECT_THAT(check("Name: [a]\n").aws_messages,
              ElementsAre("#/Name: expected type: String, found: JSONArray"));
  EXPECT_THAT(keywords(check("Name:\n")), ElementsAre("type")) << "null is no string";
  auto multi = check("Doc: [1]\n");
  EXPECT_THAT(keywords(multi), ElementsAre("type"));
  EXPECT_EQ(multi.violations[0].message, "[1] is not of type 'object', 'string'");
  EXPECT_THAT(multi.aws_messages,
              ElementsAre("#/Doc: #: no subschema matched out of the total 2 subschemas",
                          "#/Doc: expected type: JSONObject, found: JSONArray",
                          "#/Doc: expected type: String, found: JSONArray"));
}

TEST(Validator, Enum) {
  EXPECT_TRUE(check("Mode: OFF\n").ok());
  auto r = check("Mode: on\n");
  EXPECT_THAT(keywords(r), ElementsAre("enum"));
  EXPECT_EQ(r.violations[0].message, "'on' is not one of ['ON', 'OFF']");
  EXPECT_THAT(r.aws_messages,
              ElementsAre("#/Mode: #: only 1 subschema matches out of 2",
                          "#/Mode: failed validation constraint for keyword [enum]"));
}

TEST(Validator, EnumCaseInsensitive) {
  EXPECT_TRUE(check("Case: ALPHA\n").ok());
  auto r = check("Case: gamma\n");
  EXPECT_THAT(keywords(r), ElementsAre("enumCaseInsensitive"));
  EXPECT_THAT(r.violations[0].message, HasSubstr("(case-insensitive)"));
}

TEST(Validator, Const) {
  EXPECT_TRUE(check("Fixed: HASH\n").ok());
  auto r = check("Fixed: RANGE\n");
  EXPECT_THAT(keywords(r), ElementsAre("const"));
  EXPECT_EQ(r.violations[0].message, "'HASH' was expected");
}

TEST(Validator, PatternAndLengths) {
  EXPECT_TRUE(check("Name: abcdefgh\n").ok());
  auto pattern = check("Name: ABC\n");
  EXPECT_THAT(keywords(pattern), ElementsAre("pattern"));
  EXPECT_EQ(pattern.violations[0].message, "'ABC' does not match '^[a-z]+$'");
  EXPECT_THAT(pattern.aws_messages,
              ElementsAre("#/Name: failed validation constraint for keyword [pattern]"));
  auto short_name = check("Name: ab\n");
  EXPECT_THAT(keywords(short_name), ElementsAre("minLength"));
  EXPECT_THAT(short_name.aws_messages, ElementsAre("#/Name: expected minLength: 3, actual: 2"));
  auto long_name = check("Name: abcdefghi\n");
  EXPECT_THAT(keywords(long_name), ElementsAre("maxLength"));
  EXPECT_THAT(long_name.aws_messages, ElementsAre("#/Name: expected maxLength: 8, actual: 9"));
  EXPECT_EQ(long_name.violations[0].message, "expected maximum length: 8, found: 9");
  EXPECT_TRUE(check("Name: ééé\n").aws_messages.size() == 1) << "lengths count characters";
}

TEST(Validator, NumericRanges) {
  EXPECT_TRUE(check("Count: 10\nRatio: 0.5\n").ok());
  auto low = check("Count: 0\n");
  EXPECT_THAT(keywords(low), ElementsAre("minimum"));
  EXPECT_EQ(low.violations[0].message, "0 is less than the minimum of 1");
  EXPECT_THAT(low.aws_messages,
              ElementsAre("#/Count: failed validation constraint for keyword [minimum]"));
  EXPECT_THAT(keywords(check("Count: '11'\n")), ElementsAre("maximum"));
  EXPECT_THAT(keywords(check("Ratio: 0\n")), ElementsAre("exclusiveMinimum"));
  EXPECT_THAT(keywords(check("Ratio: 0.7\n")), ElementsAre("multipleOf"));
}

TEST(Validator, ArraysItemsCountsUniqueness) {
  EXPECT_TRUE(check("Tags: [{Key: a, Value: b}, {Key: c, Value: d}]\nIds: [x, y]\n").ok());
  auto many = check("Tags: [{Key: a, Value: b}, {Key: c, Value: d}, {Key: e, Value: f}]\n");
  EXPECT_THAT(keywords(many), ElementsAre("maxItems"));
  EXPECT_THAT(many.aws_messages, ElementsAre("#/Tags: expected maximum item count: 2, found: 3"));
  auto none = check("Ids: []\n");
  EXPECT_THAT(keywords(none), ElementsAre("minItems"));
  EXPECT_THAT(none.aws_messages, ElementsAre("#/Ids: expected minimum item count: 1, found: 0"));
  auto dup = check("Ids: [x, x]\n");
  EXPECT_THAT(keywords(dup), ElementsAre("uniqueItems"));
  EXPECT_THAT(dup.aws_messages, ElementsAre("#/Ids: array items are not unique"));
  auto item = check("Tags: [{Key: a}]\n");
  EXPECT_THAT(keywords(item), ElementsAre("required"));
  EXPECT_EQ(item.violations[0].path, "Tags/0");
  EXPECT_THAT(item.aws_messages, ElementsAre("#/Tags/0: required key [Value] not found"));
}

TEST(Validator, UniqueKeys) {
  EXPECT_TRUE(check("Keys: [{K: a, V: 1}, {K: b, V: 1}]\n").ok());
  auto r = check("Keys: [{K: a, V: 1}, {K: a, V: 2}]\n");
  EXPECT_THAT(keywords(r), ElementsAre("uniqueKeys"));
  EXPECT_EQ(r.violations[0].message, "array items are not unique for keys ['K']");
}

TEST(Validator, PrefixItems) {
  EXPECT_TRUE(check("Pair: [HASH, RANGE]\n").ok());
  EXPECT_TRUE(check("Pair: [HASH]\n").ok());
  auto r = check("Pair: [RANGE]\n");
  EXPECT_THAT(keywords(r), ElementsAre("const"));
  EXPECT_EQ(r.violations[0].path, "Pair/0");
}

TEST(Validator, AdditionalAndPatternProperties) {
  EXPECT_TRUE(check("Map: {Alpha: 1}\n").ok());
  auto extra = check("Foo: bar\n");
  EXPECT_THAT(keywords(extra), ElementsAre("additionalProperties"));
  EXPECT_EQ(extra.violations[0].message,
            "Additional properties are not allowed ('Foo' was unexpected)");
  EXPECT_EQ(extra.violations[0].path, "Foo");
  EXPECT_EQ(extra.violations[0].mark.line, 4) << "points at the key";
  EXPECT_THAT(extra.aws_messages, ElementsAre("#: extraneous key [Foo] is not permitted"));
  auto pattern = check("Map: {alpha: 1}\n");
  EXPECT_THAT(keywords(pattern), ElementsAre("additionalProperties"));
  EXPECT_THAT(pattern.aws_messages, ElementsAre("#/Map: extraneous key [alpha] is not permitted"));
  EXPECT_THAT(keywords(check("Map: {Alpha: x}\n")), ElementsAre("type"));
  EXPECT_THAT(keywords(check("Map: {}\n")), ElementsAre("minProperties"));
  EXPECT_THAT(check("Map: {Aa: 1, Bb: 2, Cc: 3}\n").aws_messages,
              ElementsAre("#/Map: maximum size: [2], found: [3]"));
  EXPECT_TRUE(check("Free: {any: [thing]}\n").ok());
}

TEST(Validator, OneOfAnyOfAllOf) {
  EXPECT_TRUE(check("Choice: {A: 1}\n").ok());
  auto none = check("Choice: {C: 1}\n");
  EXPECT_THAT(keywords(none), ElementsAre("oneOf"));
  EXPECT_EQ(none.violations[0].message, "{'C': 1} is not valid under any of the given schemas");
  EXPECT_EQ(none.aws_messages.front(), "#/Choice: #: 0 subschemas matched instead of one");
  auto both = check("Choice: {A: 1, B: 2}\n");
  EXPECT_THAT(keywords(both), ElementsAre("oneOf"));
  EXPECT_THAT(both.aws_messages, ElementsAre("#/Choice: #: 2 subschemas matched instead of one"));

  EXPECT_TRUE(check("Any: xyz\n").ok());
  EXPECT_TRUE(check("Any: 7\n").ok());
  auto any = check("Any: abc\n");
  EXPECT_THAT(keywords(any), ElementsAre("anyOf"));
  EXPECT_EQ(any.aws_messages.front(),
            "#/Any: #: no subschema matched out of the total 2 subschemas");

  EXPECT_TRUE(check("All: xyz\n").ok());
  auto all = check("All: xy\n");
  EXPECT_THAT(keywords(all), ElementsAre("pattern"));
  EXPECT_THAT(all.aws_messages,
              ElementsAre("#/All: #: only 1 subschema matches out of 2",
                          "#/All: failed validation constraint for keyword [pattern]"));
}

TEST(Validator, RefsAndNestedObjects) {
  EXPECT_TRUE(check("Nested: {Inner: {Key: k, Value: v}}\n").ok());
  auto r = check("Nested: {Inner: {Key: '', Value: v, Extra: 1}}\n");
  EXPECT_THAT(keywords(r), ElementsAre("minLength", "additionalProperties"));
  EXPECT_EQ(r.violations[1].path, "Nested/Inner/Extra");
  EXPECT_THAT(r.aws_messages,
              ElementsAre("#/Nested/Inner/Key: expected minLength: 1, actual: 0",
                          "#/Nested/Inner: extraneous key [Extra] is not permitted"));
}

TEST(Validator, RequiredXorAndRequiredOr) {
  auto neither = validate_properties(fake(), read_document("Name: abc\nOrA: y\n", "t.yaml"));
  EXPECT_THAT(keywords(neither), ElementsAre("requiredXor"));
  EXPECT_EQ(neither.violations[0].message, "Only one of ['XorA', 'XorB'] is a required property");
  auto both = check("XorB: z\n");
  EXPECT_THAT(keywords(both), ElementsAre("requiredXor", "requiredXor"));
  EXPECT_EQ(both.violations[1].path, "XorB");
  auto no_or = validate_properties(fake(), read_document("Name: abc\nXorA: x\n", "t.yaml"));
  EXPECT_THAT(keywords(no_or), ElementsAre("requiredOr"));
  EXPECT_EQ(no_or.violations[0].message, "One of ['OrA', 'OrB'] is a required property");
  EXPECT_TRUE(check("OrB: z\n").ok()) << "requiredOr allows several";
}

TEST(Validator, DependentRequiredExcludedAndDependencies) {
  EXPECT_TRUE(check("NeedsPeer: a\nPeer: b\n").ok());
  auto missing = check("NeedsPeer: a\n");
  EXPECT_THAT(keywords(missing), ElementsAre("dependentRequired"));
  EXPECT_EQ(missing.violations[0].message, "'Peer' is a dependency of 'NeedsPeer'");
  EXPECT_TRUE(check("Left: a\n").ok());
  auto excluded = check("Left: a\nRight: b\n");
  EXPECT_THAT(keywords(excluded), ElementsAre("dependentExcluded"));
  EXPECT_EQ(excluded.violations[0].message, "'Right' should not be included with 'Left'");
  EXPECT_EQ(excluded.violations[0].path, "Right");
  auto dep = check("DepA: a\n");
  EXPECT_THAT(keywords(dep), ElementsAre("dependencies"));
  EXPECT_THAT(dep.aws_messages, ElementsAre("#: property [DepB] is required"));
}

TEST(Validator, ReadOnlyProperties) {
  auto r = check("Arn: x\nNested: {Id: y}\n");
  EXPECT_THAT(keywords(r), ElementsAre("readOnly", "readOnly"));
  EXPECT_EQ(r.violations[0].message, "Read only properties are not allowed ('Arn')");
  EXPECT_EQ(r.violations[1].path, "Nested/Id");
  EXPECT_FALSE(r.deploy_fails()) << "AWS ignores read-only properties";
  ValidationOptions quiet;
  quiet.report_read_only = false;
  EXPECT_TRUE(check("Arn: x\n", quiet).ok());
}

TEST(Validator, IntrinsicsAsUnknownValues) {
  ValidationOptions unresolved;
  unresolved.intrinsics_unknown = true;
  std::string extra = "Count: !Ref P\nName: !Sub '${AWS::StackName}'\nIds: !Split [',', !Ref L]\n"
                      "Mode: !GetAtt A.B\nFlag: {Condition: C}\nTags: [!Ref T]\n"
                      "Map: !If [C, {Alpha: 1}, !Ref AWS::NoValue]\n"
                      "Doc: '{{resolve:ssm:/a/b}}'\n";
  auto r = check(extra, unresolved);
  EXPECT_TRUE(r.ok()) << r.violations[0].message;
  // Without the option the same properties are wrong.
  EXPECT_FALSE(check(extra).ok());
  // Each Fn::If branch is checked.
  auto bad_branch = check("Count: !If [C, 5, 50]\n", unresolved);
  EXPECT_THAT(keywords(bad_branch), ElementsAre("maximum"));
  // A property that may be AWS::NoValue still counts for required; not for exclusions.
  auto maybe =
      validate_properties(fake(),
                          read_document("Name: !If [C, abc, !Ref AWS::NoValue]\nXorA: x\nOrA: y\n"
                                        "XorB: !If [C, z, !Ref AWS::NoValue]\n",
                                        "t.yaml"),
                          unresolved);
  EXPECT_TRUE(maybe.ok());
  auto novalue = validate_properties(
      fake(), read_document("Name: !Ref AWS::NoValue\nXorA: x\nOrA: y\n", "t.yaml"), unresolved);
  EXPECT_THAT(keywords(novalue), ElementsAre("required"));
  // An unknown Fn:: (a macro that did not run) is a literal object, not an unknown value.
  EXPECT_THAT(keywords(check("Name: {Fn::Rain::Embed: file.py}\n", unresolved)),
              ElementsAre("type"));
  EXPECT_TRUE(is_intrinsic(read_document("{Fn::Join: ['', []]}", "t.yaml")));
  EXPECT_FALSE(is_intrinsic(read_document("{Fn::Join: x, Other: y}", "t.yaml")));
}

TEST(Validator, ArtifactPathsForPackagedProperties) {
  const ResourceType *fn = Registry::builtin().find("AWS::Lambda::Function");
  ASSERT_NE(fn, nullptr);
  Value p = read_document("Code: ./src\nRole: arn:aws:iam::123456789012:role/r\n", "t.yaml");
  EXPECT_FALSE(validate_properties(*fn, p).ok());
  ValidationOptions packaging;
  packaging.accept_artifact_paths = true;
  EXPECT_TRUE(validate_properties(*fn, p, packaging).ok());
}

TEST(Validator, DiagnosticsCarryPathMarkAndRule) {
  auto r = check("Count: abc\n");
  auto d = r.diagnostics("Resources/Thing/Properties");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].path, "Resources/Thing/Properties/Count");
  EXPECT_EQ(d[0].rule, "E3012");
  EXPECT_EQ(d[0].mark.file_name(), "t.yaml");
  EXPECT_EQ(d[0].severity, Severity::Error);
}

TEST(Validator, RealTypes) {
  const Registry &reg = Registry::builtin();
  const ResourceType *queue = reg.find("AWS::SQS::Queue");
  ASSERT_NE(queue, nullptr);
  auto r = validate_properties(*queue, read_document("DelaySeconds: abc\nFoo: 1\n", "q.yaml"));
  EXPECT_THAT(keywords(r), ElementsAre("type", "additionalProperties"));
  EXPECT_TRUE(validate_properties(*queue, read_document("DelaySeconds: '10'\n", "q.yaml")).ok());
  EXPECT_TRUE(validate_properties(*queue, Value()).ok()) << "no Properties at all";

  const ResourceType *subnet = reg.find("AWS::EC2::Subnet");
  ASSERT_NE(subnet, nullptr);
  EXPECT_THAT(keywords(validate_properties(*subnet, read_document("VpcId: vpc-1\n", "s.yaml"))),
              ElementsAre("requiredOr"));
  const ResourceType *instance = reg.find("AWS::EC2::Instance");
  auto ex = validate_properties(
      *instance, read_document("ImageId: ami-1\nSubnetId: s\nNetworkInterfaces: [{DeviceIndex: "
                               "'0'}]\n",
                               "i.yaml"));
  EXPECT_THAT(keywords(ex), ElementsAre("dependentExcluded", "dependentExcluded"));
  const ResourceType *table = reg.find("AWS::DynamoDB::Table");
  auto keys = validate_properties(
      *table, read_document("KeySchema: [{AttributeName: a, KeyType: HASH}]\n"
                            "AttributeDefinitions: [{AttributeName: a, AttributeType: S}, "
                            "{AttributeName: a, AttributeType: S}]\n",
                            "d.yaml"));
  EXPECT_THAT(keywords(keys), ElementsAre("uniqueItems", "uniqueKeys"));
}

} // namespace
} // namespace cfnlocal::schema
