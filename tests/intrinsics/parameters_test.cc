#include "intrinsics/parameters.h"

#include "test_env.h"

#include <gtest/gtest.h>

using namespace cfnlocal;
using namespace cfnlocal::intrinsics;
using namespace cfnlocal::intrinsics::testing;

namespace {

BoundParameters bind(const std::string &parameters_yaml, ParameterValues values = {},
                     Lookup &lookup = null_lookup()) {
  Value section = yaml(parameters_yaml);
  return bind_parameters(&section, values, lookup);
}

std::string bind_error(const std::string &parameters_yaml, ParameterValues values = {},
                       Lookup &lookup = null_lookup()) {
  return error_of([&] { bind(parameters_yaml, values, lookup); });
}

TEST(ParameterType, Parses) {
  auto t = parse_parameter_type("List<AWS::EC2::Subnet::Id>");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->list);
  EXPECT_EQ(t->element, "AWS::EC2::Subnet::Id");
  EXPECT_TRUE(t->is_aws_specific());
  t = parse_parameter_type("AWS::SSM::Parameter::Value<List<String>>");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->ssm && t->list);
  EXPECT_EQ(t->element, "String");
  t = parse_parameter_type("AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->ssm && !t->list);
  EXPECT_TRUE(
      parse_parameter_type("AWS::SSM::Parameter::Value<CommaDelimitedList>")->comma_delimited);
  EXPECT_TRUE(parse_parameter_type("List<Number>")->is_number());
  EXPECT_TRUE(parse_parameter_type("AWS::SSM::Parameter::Name"));
  EXPECT_TRUE(parse_parameter_type("AWS::Route53::HostedZone::Id"));
  EXPECT_FALSE(parse_parameter_type("Strin"));
  EXPECT_FALSE(parse_parameter_type("List<String>"));
  EXPECT_FALSE(parse_parameter_type("AWS::EC2::Nope::Id"));
  EXPECT_FALSE(parse_parameter_type("List<Foo>"));
}

TEST(Bind, EveryTypeGivesStringsOrLists) {
  auto params = bind(R"(
S: {Type: String, Default: hello}
N: {Type: Number, Default: 42}
LN: {Type: List<Number>, Default: "80, 443"}
CDL: {Type: CommaDelimitedList, Default: "a, b,c"}
Vpc: {Type: AWS::EC2::VPC::Id}
Subnets: {Type: List<AWS::EC2::Subnet::Id>}
Key: {Type: AWS::EC2::KeyPair::KeyName, Default: my-key}
)",
                     {{"Vpc", "vpc-123"}, {"Subnets", "subnet-1, subnet-2"}});
  EXPECT_EQ(json(params.find("S")->value), R"("hello")");
  EXPECT_EQ(json(params.find("N")->value), R"("42")");
  EXPECT_EQ(json(params.find("LN")->value), R"(["80","443"])");
  // "each member string is space trimmed" (Parameters reference).
  EXPECT_EQ(json(params.find("CDL")->value), R"(["a","b","c"])");
  EXPECT_EQ(json(params.find("Vpc")->value), R"("vpc-123")");
  EXPECT_EQ(json(params.find("Subnets")->value), R"(["subnet-1","subnet-2"])");
  EXPECT_EQ(json(params.find("Key")->value), R"("my-key")");
  EXPECT_TRUE(params.find("Key")->from_default);
  EXPECT_FALSE(params.find("Vpc")->from_default);
  EXPECT_EQ(params.size(), 7u);
}

TEST(Bind, OverrideWinsAndYamlListDefault) {
  auto params =
      bind("A: {Type: String, Default: x}\nL: {Type: CommaDelimitedList, Default: [p, q]}\n",
           {{"A", "y"}});
  EXPECT_EQ(json(params.find("A")->value), R"("y")");
  EXPECT_EQ(json(params.find("L")->value), R"(["p","q"])");
}

TEST(Bind, MissingAndUndeclared) {
  EXPECT_EQ(bind_error("A: {Type: String}\nB: {Type: Number}\nC: {Type: String, Default: ''}\n"),
            "Parameters: [A, B] must have values");
  EXPECT_EQ(bind_error("A: {Type: String, Default: x}\n", {{"X", "1"}, {"Y", "2"}}),
            "Parameters: [X, Y] do not exist in the template");
  EXPECT_EQ(bind_error("A: {Type: Strin, Default: x}\n"),
            "Template format error: Unrecognized parameter type: Strin");
  // An empty string is a value.
  EXPECT_EQ(json(bind("A: {Type: String}\n", {{"A", ""}}).find("A")->value), R"("")");
}

TEST(Constraints, AllowedValues) {
  const char *p = "Env: {Type: String, AllowedValues: [prod, dev]}\n";
  EXPECT_EQ(bind_error(p, {{"Env", "test"}}), "Parameter 'Env' must be one of AllowedValues");
  EXPECT_EQ(bind_error(p, {{"Env", "prod"}}), "");
  // Each item of a list must be allowed.
  const char *l = "L: {Type: CommaDelimitedList, AllowedValues: [a, b]}\n";
  EXPECT_EQ(bind_error(l, {{"L", "a,b,a"}}), "");
  EXPECT_EQ(bind_error(l, {{"L", "a,c"}}), "Parameter 'L' must be one of AllowedValues");
  // Numbers compare as numbers.
  EXPECT_EQ(bind_error("N: {Type: Number, AllowedValues: [1, 2]}\n", {{"N", "2.0"}}), "");
}

TEST(Constraints, AllowedPatternMatchesWholeValue) {
  const char *p = "Name: {Type: String, AllowedPattern: '[a-z]+'}\n";
  EXPECT_EQ(bind_error(p, {{"Name", "abc"}}), "");
  EXPECT_EQ(bind_error(p, {{"Name", "abc1"}}), "Parameter 'Name' must match pattern [a-z]+");
  EXPECT_EQ(bind_error(p, {{"Name", ""}}), "Parameter 'Name' must match pattern [a-z]+");
  EXPECT_EQ(bind_error("C: {Type: CommaDelimitedList, AllowedPattern: '\\d+'}\n", {{"C", "1,x"}}),
            "Parameter 'C' must match pattern \\d+");
  EXPECT_NE(bind_error("Name: {Type: String, AllowedPattern: '([a-z'}\n", {{"Name", "a"}})
                .find("invalid AllowedPattern"),
            std::string::npos);
  // ECMAScript syntax (lookahead) works.
  EXPECT_EQ(
      bind_error("P: {Type: String, AllowedPattern: '^(?=.*\\d)[a-z0-9]{4,}$'}\n", {{"P", "abc1"}}),
      "");
}

TEST(Constraints, Lengths) {
  const char *p = "Name: {Type: String, MinLength: 2, MaxLength: '4'}\n";
  EXPECT_EQ(bind_error(p, {{"Name", "a"}}), "Parameter 'Name' must contain at least 2 characters");
  EXPECT_EQ(bind_error(p, {{"Name", "abcde"}}),
            "Parameter 'Name' must contain at most 4 characters");
  EXPECT_EQ(bind_error(p, {{"Name", "abcd"}}), "");
}

TEST(Constraints, NumberValues) {
  const char *p = "Size: {Type: Number, MinValue: 1, MaxValue: 10.5}\n";
  EXPECT_EQ(bind_error(p, {{"Size", "0"}}), "Parameter 'Size' must be a number not less than 1");
  EXPECT_EQ(bind_error(p, {{"Size", "11"}}),
            "Parameter 'Size' must be a number not greater than 10.5");
  EXPECT_EQ(bind_error(p, {{"Size", "abc"}}), "Parameter 'Size' must be a number");
  EXPECT_EQ(bind_error(p, {{"Size", "2.5"}}), "");
  EXPECT_EQ(bind_error(p, {{"Size", "1e1"}}), "");
  EXPECT_EQ(bind_error("L: {Type: List<Number>, MaxValue: 5}\n", {{"L", "1,9"}}),
            "Parameter 'L' must be a number not greater than 5");
  EXPECT_EQ(bind_error("L: {Type: List<Number>}\n", {{"L", "1,x"}}),
            "Parameter 'L' must be a number");
}

TEST(Constraints, ConstraintDescriptionReplacesMessage) {
  const char *p = R"(
DBName:
  Type: String
  AllowedPattern: '[a-zA-Z][a-zA-Z0-9]*'
  ConstraintDescription: must begin with a letter and contain only alphanumeric characters.
)";
  EXPECT_EQ(bind_error(p, {{"DBName", "1db"}}),
            "Parameter 'DBName' failed to satisfy constraint: must begin with a letter and contain "
            "only alphanumeric characters.");
}

TEST(Constraints, DefaultIsChecked) {
  EXPECT_EQ(bind_error("E: {Type: String, Default: qa, AllowedValues: [prod]}\n"),
            "Parameter 'E' must be one of AllowedValues");
  Value decl = yaml("{Type: String, AllowedValues: [prod]}");
  EXPECT_EQ(check_parameter_value("E", decl, "prod"), std::nullopt);
  EXPECT_EQ(check_parameter_value("E", decl, "qa"), "Parameter 'E' must be one of AllowedValues");
}

TEST(NoEcho, Recorded) {
  auto params =
      bind("Password: {Type: String, NoEcho: true}\nUser: {Type: String, NoEcho: 'false'}\n"
           "Token: {Type: String, NoEcho: 'TRUE'}\n",
           {{"Password", "secret"}, {"User", "bob"}, {"Token", "t"}});
  EXPECT_TRUE(params.is_no_echo("Password"));
  EXPECT_FALSE(params.is_no_echo("User"));
  EXPECT_EQ(params.no_echo_names(), (std::vector<std::string>{"Password", "Token"}));
  EXPECT_EQ(displayed_value(*params.find("Password")), "****");
  EXPECT_EQ(displayed_value(*params.find("User")), "bob");
  // The value itself is kept: updates and the resources need it.
  EXPECT_EQ(json(params.find("Password")->value), R"("secret")");
}

TEST(SsmTypes, ReadThroughLookup) {
  FakeLookup lookup;
  lookup.ssm["/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"] = {
      "String", "ami-0abc", 7};
  lookup.ssm["/app/subnets"] = {"StringList", "subnet-1,subnet-2", 2};
  auto params = bind(R"(
Ami:
  Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
  Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
Subnets: {Type: AWS::SSM::Parameter::Value<List<AWS::EC2::Subnet::Id>>, Default: /app/subnets}
)",
                     {}, lookup);
  const BoundParameter *ami = params.find("Ami");
  EXPECT_EQ(json(ami->value), R"("ami-0abc")");
  EXPECT_EQ(ami->ssm_name, "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
  EXPECT_EQ(ami->ssm_version, 7);
  EXPECT_EQ(json(params.find("Subnets")->value), R"(["subnet-1","subnet-2"])");

  EXPECT_EQ(
      bind_error("A: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /nope}\n", {}, lookup),
      "Unable to fetch parameters [/nope] from parameter store for this account.");
  lookup.ssm["/secure"] = {"SecureString", "x", 1};
  EXPECT_NE(
      bind_error("A: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /secure}\n", {}, lookup)
          .find("types not supported"),
      std::string::npos);
  // Unknown to the lookup (validation): bound to the name.
  lookup.unknown_ssm = true;
  auto offline =
      bind("A: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /nope}\n", {}, lookup);
  EXPECT_EQ(json(offline.find("A")->value), R"("/nope")");
}

TEST(AwsTypes, ExistenceCheckedThroughLookup) {
  FakeLookup lookup;
  lookup.existing["vpc-missing"] = false;
  lookup.existing["vpc-ok"] = true;
  EXPECT_EQ(bind_error("V: {Type: AWS::EC2::VPC::Id}\n", {{"V", "vpc-missing"}}, lookup),
            "Parameter validation failed: parameter value vpc-missing for parameter name V does "
            "not exist");
  EXPECT_EQ(bind_error("V: {Type: AWS::EC2::VPC::Id}\n", {{"V", "vpc-ok"}}, lookup), "");
  EXPECT_EQ(bind_error("V: {Type: AWS::EC2::VPC::Id}\n", {{"V", "vpc-unknown"}}, lookup), "");
}

TEST(SplitList, Trims) {
  EXPECT_EQ(split_list_value("a, b ,c", true), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(split_list_value("a, b", false), (std::vector<std::string>{"a", " b"}));
  EXPECT_TRUE(split_list_value("", true).empty());
  EXPECT_EQ(split_list_value("a,", true), (std::vector<std::string>{"a", ""}));
}

} // namespace

namespace {

TEST(Constraints, JavaStyleClassWithDashCompiles) {
  // From a published Neptune template: '-' next to \w inside a class is a literal dash.
  const char *p =
      R"(E: {Type: String, AllowedPattern: '^[\w-\+]+(\.[\w]+)*@[\w-]+(\.[\w]+)*(\.[a-z]{2,})$|^$'})";
  EXPECT_EQ(bind_error(p, {{"E", "first-last+x@example.com"}}), "");
  EXPECT_EQ(bind_error(p, {{"E", ""}}), "");
  EXPECT_NE(bind_error(p, {{"E", "not an email"}}).find("must match pattern"), std::string::npos);
}

} // namespace
