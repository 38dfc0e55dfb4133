#include "fixture.h"

#include <regex>

namespace cfnlocal::services {
namespace {

class SsmTest : public EmbeddedTest {
protected:
  Json put(const std::string &name, const std::string &value, const std::string &type = "String",
           Json extra = Json::object()) {
    Json in = {{"Name", name}, {"Value", value}, {"Type", type}};
    in.update(extra);
    return call("ssm", "PutParameter", in);
  }
};

TEST_F(SsmTest, PutGetVersionsAndOverwrite) {
  Json first = put("/app/db/host", "db1");
  EXPECT_EQ(first["Version"], 1);
  EXPECT_EQ(first["Tier"], "Standard");
  EXPECT_EQ(error_of("ssm", "PutParameter",
                     {{"Name", "/app/db/host"}, {"Value", "db2"}, {"Type", "String"}}),
            "ParameterAlreadyExists");
  EXPECT_EQ(call("ssm", "PutParameter",
                 {{"Name", "/app/db/host"}, {"Value", "db2"}, {"Overwrite", true}})["Version"],
            2);
  Json got = call("ssm", "GetParameter", {{"Name", "/app/db/host"}})["Parameter"];
  EXPECT_EQ(got["Value"], "db2");
  EXPECT_EQ(got["Version"], 2);
  EXPECT_EQ(got["Type"], "String");
  EXPECT_EQ(got["ARN"], "arn:aws:ssm:us-east-1:123456789012:parameter/app/db/host");
  EXPECT_EQ(got["DataType"], "text");
  Json v1 = call("ssm", "GetParameter", {{"Name", "/app/db/host:1"}})["Parameter"];
  EXPECT_EQ(v1["Value"], "db1");
  EXPECT_EQ(v1["Selector"], ":1");
  EXPECT_EQ(error_of("ssm", "GetParameter", {{"Name", "/app/db/host:7"}}),
            "ParameterVersionNotFound");
  EXPECT_EQ(call("ssm", "GetParameter", {{"Name", got["ARN"]}})["Parameter"]["Value"], "db2");
  put("plain", "v");
  EXPECT_EQ(
      call("ssm", "GetParameter",
           {{"Name", "arn:aws:ssm:us-east-1:123456789012:parameter/plain"}})["Parameter"]["Name"],
      "plain");
}

TEST_F(SsmTest, TypesAndSecureString) {
  put("/l", "a,b,c", "StringList");
  EXPECT_EQ(call("ssm", "GetParameter", {{"Name", "/l"}})["Parameter"]["Type"], "StringList");
  put("/s", "hunter2", "SecureString");
  Json hidden = call("ssm", "GetParameter", {{"Name", "/s"}})["Parameter"];
  EXPECT_NE(hidden["Value"], "hunter2");
  EXPECT_EQ(
      call("ssm", "GetParameter", {{"Name", "/s"}, {"WithDecryption", true}})["Parameter"]["Value"],
      "hunter2");
  EXPECT_EQ(error_of("ssm", "PutParameter", {{"Name", "/t"}, {"Value", "v"}, {"Type", "Number"}}),
            "ValidationException");
  EXPECT_EQ(error_of("ssm", "PutParameter", {{"Name", "/t"}, {"Value", "v"}}),
            "ValidationException");
  EXPECT_NE(last_error_.find("type is required"), std::string::npos);
  EXPECT_EQ(error_of("ssm", "PutParameter",
                     {{"Name", "/t"}, {"Value", "v"}, {"Type", "String"}, {"KeyId", "alias/x"}}),
            "ValidationException");
}

TEST_F(SsmTest, NameRules) {
  for (const char *bad : {"has space", "bad*char", "a/b", "/a//b", "awsthing", "SSM-x", "/ssm/x"})
    EXPECT_NE(error_of("ssm", "PutParameter", {{"Name", bad}, {"Value", "v"}, {"Type", "String"}}),
              "")
        << bad;
  EXPECT_EQ(error_of("ssm", "PutParameter",
                     {{"Name", "/aws/service/mine"}, {"Value", "v"}, {"Type", "String"}}),
            "AccessDeniedException");
  std::string deep;
  for (int i = 0; i < 16; ++i)
    deep += "/l" + std::to_string(i);
  EXPECT_EQ(error_of("ssm", "PutParameter", {{"Name", deep}, {"Value", "v"}, {"Type", "String"}}),
            "HierarchyLevelLimitExceededException");
  EXPECT_EQ(error_of("ssm", "PutParameter", {{"Name", "/x"}, {"Value", ""}, {"Type", "String"}}),
            "ValidationException");
}

TEST_F(SsmTest, ValueLimitsTiersPatternsAndDataTypes) {
  EXPECT_EQ(error_of("ssm", "PutParameter",
                     {{"Name", "/big"},
                      {"Value", std::string(4097, 'x')},
                      {"Type", "String"},
                      {"Tier", "Standard"}}),
            "ValidationException");
  EXPECT_EQ(put("/big", std::string(4097, 'x'), "String", {{"Tier", "Advanced"}})["Tier"],
            "Advanced");
  EXPECT_EQ(
      put("/auto", std::string(5000, 'x'), "String", {{"Tier", "Intelligent-Tiering"}})["Tier"],
      "Advanced");
  EXPECT_EQ(error_of("ssm", "PutParameter",
                     {{"Name", "/big"}, {"Value", "x"}, {"Overwrite", true}, {"Tier", "Standard"}}),
            "ValidationException");
  EXPECT_EQ(
      error_of(
          "ssm", "PutParameter",
          {{"Name", "/p"}, {"Value", "abc"}, {"Type", "String"}, {"AllowedPattern", "^\\d+$"}}),
      "ParameterPatternMismatchException");
  EXPECT_EQ(put("/p", "123", "String", {{"AllowedPattern", "^\\d+$"}})["Version"], 1);
  EXPECT_EQ(error_of("ssm", "PutParameter",
                     {{"Name", "/q"}, {"Value", "1"}, {"Type", "String"}, {"AllowedPattern", "("}}),
            "InvalidAllowedPatternException");
  EXPECT_EQ(error_of("ssm", "PutParameter",
                     {{"Name", "/img"},
                      {"Value", "not-an-ami"},
                      {"Type", "String"},
                      {"DataType", "aws:ec2:image"}}),
            "ValidationException");
  put("/img", "ami-0123456789abcdef0", "String", {{"DataType", "aws:ec2:image"}});
  EXPECT_EQ(call("ssm", "GetParameter", {{"Name", "/img"}})["Parameter"]["DataType"],
            "aws:ec2:image");
  EXPECT_EQ(error_of("ssm", "PutParameter",
                     {{"Name", "/dt"}, {"Value", "v"}, {"Type", "String"}, {"DataType", "Text"}}),
            "ValidationException");
}

TEST_F(SsmTest, KeepsAHundredVersions) {
  put("/v", "0");
  for (int i = 1; i < 105; ++i)
    call("ssm", "PutParameter",
         {{"Name", "/v"}, {"Value", std::to_string(i)}, {"Overwrite", true}});
  EXPECT_EQ(call("ssm", "GetParameter", {{"Name", "/v"}})["Parameter"]["Version"], 105);
  EXPECT_EQ(error_of("ssm", "GetParameter", {{"Name", "/v:5"}}), "ParameterVersionNotFound");
  EXPECT_EQ(call("ssm", "GetParameter", {{"Name", "/v:6"}})["Parameter"]["Value"], "5");
}

TEST_F(SsmTest, GetParametersAndDelete) {
  put("/a", "1");
  put("/b", "2");
  Json got = call("ssm", "GetParameters", {{"Names", {"/a", "/b", "/missing"}}});
  EXPECT_EQ(got["Parameters"].size(), 2u);
  EXPECT_EQ(got["InvalidParameters"], Json::array({"/missing"}));
  Json eleven = Json::array();
  for (int i = 0; i < 11; ++i)
    eleven.push_back("/n" + std::to_string(i));
  EXPECT_EQ(error_of("ssm", "GetParameters", {{"Names", eleven}}), "ValidationException");
  call("ssm", "DeleteParameter", {{"Name", "/a"}});
  EXPECT_EQ(error_of("ssm", "DeleteParameter", {{"Name", "/a"}}), "ParameterNotFound");
  EXPECT_EQ(error_of("ssm", "GetParameter", {{"Name", "/a"}}), "ParameterNotFound");
  Json many = call("ssm", "DeleteParameters", {{"Names", {"/b", "/zz"}}});
  EXPECT_EQ(many["DeletedParameters"], Json::array({"/b"}));
  EXPECT_EQ(many["InvalidParameters"], Json::array({"/zz"}));
}

TEST_F(SsmTest, ByPathAndDescribe) {
  for (const char *name : {"/app/a", "/app/b", "/app/deep/c", "/other/d"})
    put(name, name);
  put("/app/s", "secret", "SecureString");
  Json one = call("ssm", "GetParametersByPath", {{"Path", "/app"}});
  EXPECT_EQ(one["Parameters"].size(), 3u);
  Json rec = call("ssm", "GetParametersByPath",
                  {{"Path", "/app/"}, {"Recursive", true}, {"WithDecryption", true}});
  EXPECT_EQ(rec["Parameters"].size(), 4u);
  EXPECT_EQ(rec["Parameters"][3]["Value"], "secret");
  Json paged = call("ssm", "GetParametersByPath",
                    {{"Path", "/app"}, {"Recursive", true}, {"MaxResults", 3}});
  ASSERT_TRUE(paged.contains("NextToken"));
  Json next = call("ssm", "GetParametersByPath",
                   {{"Path", "/app"},
                    {"Recursive", true},
                    {"MaxResults", 3},
                    {"NextToken", paged["NextToken"]}});
  EXPECT_EQ(next["Parameters"].size(), 1u);
  EXPECT_EQ(error_of("ssm", "GetParametersByPath", {{"Path", "app"}}), "ValidationException");
  EXPECT_EQ(
      error_of("ssm", "GetParametersByPath",
               {{"Path", "/app"}, {"ParameterFilters", {{{"Key", "Name"}, {"Values", {"x"}}}}}}),
      "InvalidFilterKey");
  Json secure = call(
      "ssm", "GetParametersByPath",
      {{"Path", "/app"}, {"ParameterFilters", {{{"Key", "Type"}, {"Values", {"SecureString"}}}}}});
  EXPECT_EQ(secure["Parameters"].size(), 1u);

  Json described = call(
      "ssm", "DescribeParameters",
      {{"ParameterFilters", {{{"Key", "Name"}, {"Option", "BeginsWith"}, {"Values", {"/app/"}}}}}});
  EXPECT_EQ(described["Parameters"].size(), 4u);
  EXPECT_FALSE(described["Parameters"][0].contains("Value"));
  EXPECT_EQ(
      call("ssm", "DescribeParameters",
           {{"ParameterFilters",
             {{{"Key", "Path"}, {"Option", "OneLevel"}, {"Values", {"/app"}}}}}})["Parameters"]
          .size(),
      3u);
  EXPECT_EQ(call("ssm", "DescribeParameters",
                 {{"Filters", {{{"Key", "Type"}, {"Values", {"SecureString"}}}}}})["Parameters"]
                .size(),
            1u);
  EXPECT_EQ(error_of("ssm", "DescribeParameters",
                     {{"ParameterFilters",
                       {{{"Key", "Name"}, {"Option", "Recursive"}, {"Values", {"/"}}}}}}),
            "InvalidFilterOption");
}

TEST_F(SsmTest, Tags) {
  put("/t", "v", "String", {{"Tags", {{{"Key", "team"}, {"Value", "core"}}}}});
  Json in = {{"ResourceType", "Parameter"}, {"ResourceId", "/t"}};
  EXPECT_EQ(call("ssm", "ListTagsForResource", in)["TagList"][0]["Key"], "team");
  Json add = in;
  add["Tags"] = {{{"Key", "env"}, {"Value", "dev"}}, {{"Key", "team"}, {"Value", "edge"}}};
  call("ssm", "AddTagsToResource", add);
  Json tags = call("ssm", "ListTagsForResource", in)["TagList"];
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0]["Value"], "edge");
  Json remove = in;
  remove["TagKeys"] = {"team"};
  call("ssm", "RemoveTagsFromResource", remove);
  EXPECT_EQ(call("ssm", "ListTagsForResource", in)["TagList"].size(), 1u);
  EXPECT_EQ(error_of("ssm", "ListTagsForResource",
                     {{"ResourceType", "Parameter"}, {"ResourceId", "/none"}}),
            "InvalidResourceId");
  EXPECT_EQ(
      error_of("ssm", "ListTagsForResource", {{"ResourceType", "Document"}, {"ResourceId", "/t"}}),
      "InvalidResourceType");
  EXPECT_EQ(error_of("ssm", "PutParameter",
                     {{"Name", "/t"},
                      {"Value", "v"},
                      {"Overwrite", true},
                      {"Tags", {{{"Key", "a"}, {"Value", "b"}}}}}),
            "ValidationException");
}

TEST_F(SsmTest, PublicParametersAreRegional) {
  const std::string name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64";
  Json east = call("ssm", "GetParameter", {{"Name", name}})["Parameter"];
  EXPECT_TRUE(std::regex_match(east["Value"].get<std::string>(), std::regex("ami-0[0-9a-f]{16}")));
  EXPECT_EQ(east["DataType"], "aws:ec2:image");
  EXPECT_EQ(east["ARN"], "arn:aws:ssm:us-east-1::parameter" + name);
  EmbeddedBackend west(*store_, "eu-west-1", "123456789012");
  Json w = west.call("ssm", "GetParameter", {{"Name", name}})["Parameter"];
  EXPECT_NE(w["Value"], east["Value"]);
  // Stable across calls.
  EXPECT_EQ(call("ssm", "GetParameter", {{"Name", name}})["Parameter"]["Value"], east["Value"]);
  for (const char *used :
       {"/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2",
        "/aws/service/ami-amazon-linux-latest/amzn-ami-hvm-x86_64-gp2",
        "/aws/service/canonical/ubuntu/eks-pro/22.04/1.29/stable/current/amd64/hvm/ebs-gp2/ami-id",
        "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64",
        "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id",
        "/aws/service/debian/release/10/latest/amd64",
        "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-SQL_2022_Web",
        "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
        "/aws/service/ami-windows-latest/Windows_Server-2019-English-Full-Base",
        "/aws/service/ami-windows-latest/Windows_Server-2016-English-Full-Base",
        "/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-ebs"})
    EXPECT_EQ(error_of("ssm", "GetParameter", {{"Name", used}}), "") << used;
  Json recommended = call("ssm", "GetParameter",
                          {{"Name", "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended"}});
  EXPECT_TRUE(
      Json::parse(recommended["Parameter"]["Value"].get<std::string>()).contains("image_id"));
  Json listed = call("ssm", "GetParametersByPath",
                     {{"Path", "/aws/service/ami-amazon-linux-latest"}, {"MaxResults", 10}});
  EXPECT_EQ(listed["Parameters"].size(), 10u);
  EXPECT_TRUE(listed.contains("NextToken"));
  EXPECT_EQ(error_of("ssm", "DeleteParameter", {{"Name", name}}), "AccessDeniedException");
}

} // namespace
} // namespace cfnlocal::services
