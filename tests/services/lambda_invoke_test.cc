// The embedded Lambda's Invoke running real Python and Node.js handlers: results, the context
// object, environment variables, exceptions in Lambda's shape, timeouts, layers on the path,
// versions, and the log written to /aws/lambda/NAME.
#include "services/zip_archive.h"
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

#include <chrono>
#include <cstdlib>

namespace cfnlocal::services {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

bool on_path(const char *program) {
  return std::system((std::string("command -v ") + program + " >/dev/null 2>&1").c_str()) == 0;
}

Json binary(const std::string &bytes) {
  return Json::binary(std::vector<uint8_t>(bytes.begin(), bytes.end()));
}

class LambdaInvokeTest : public EmbeddedTest {
protected:
  void SetUp() override {
    EmbeddedTest::SetUp();
    Json trust = {{"Version", "2012-10-17"},
                  {"Statement",
                   {{{"Effect", "Allow"},
                     {"Principal", {{"Service", "lambda.amazonaws.com"}}},
                     {"Action", "sts:AssumeRole"}}}}};
    role_ = call("iam", "CreateRole",
                 {{"RoleName", "exec"}, {"AssumeRolePolicyDocument", trust.dump()}})["Role"]["Arn"];
  }
  void create(const std::string &name, const std::string &runtime,
              std::vector<std::pair<std::string, std::string>> files, Json extra = Json::object()) {
    Json in = {{"FunctionName", name},
               {"Role", role_},
               {"Runtime", runtime},
               {"Handler", "index.handler"},
               {"Code", {{"ZipFile", binary(zip_archive(files))}}}};
    in.update(extra);
    call("lambda", "CreateFunction", in);
  }
  Json invoke(const std::string &name, const Json &event, Json extra = Json::object()) {
    Json in = {{"FunctionName", name}, {"Payload", event.dump()}};
    in.update(extra);
    return call("lambda", "Invoke", in);
  }
  std::vector<std::string> log_lines(const std::string &name) {
    std::vector<std::string> out;
    // The response outlives the loop (a temporary's member would not).
    Json found = call("logs", "FilterLogEvents", {{"logGroupName", "/aws/lambda/" + name}});
    for (const auto &e : found["events"])
      out.push_back(e["message"].get<std::string>());
    return out;
  }
  std::string role_;
};

TEST_F(LambdaInvokeTest, PythonResultContextAndEnvironment) {
  if (!on_path("python3"))
    GTEST_SKIP() << "no python3";
  create("py", "python3.12", {{"index.py", R"(import os
def handler(event, context):
    print("got", event["n"])
    return {"double": event["n"] * 2, "name": context.function_name,
            "memory": context.memory_limit_in_bytes, "arn": context.invoked_function_arn,
            "remaining": context.get_remaining_time_in_millis() > 0,
            "request": context.aws_request_id, "group": context.log_group_name,
            "env": os.environ["GREETING"], "region": os.environ["AWS_REGION"],
            "fn": os.environ["AWS_LAMBDA_FUNCTION_NAME"]}
)"}},
         {{"Environment", {{"Variables", {{"GREETING", "hi"}}}}}, {"MemorySize", 256}});
  Json out = invoke("py", {{"n", 21}}, {{"LogType", "Tail"}});
  EXPECT_EQ(out["StatusCode"], 200);
  EXPECT_EQ(out["ExecutedVersion"], "$LATEST");
  EXPECT_FALSE(out.contains("FunctionError")) << out.dump();
  Json result = Json::parse(out["Payload"].get<std::string>());
  EXPECT_EQ(result["double"], 42);
  EXPECT_EQ(result["name"], "py");
  EXPECT_EQ(result["memory"], "256");
  EXPECT_EQ(result["arn"], "arn:aws:lambda:us-east-1:123456789012:function:py");
  EXPECT_EQ(result["remaining"], true);
  EXPECT_EQ(result["group"], "/aws/lambda/py");
  EXPECT_EQ(result["env"], "hi");
  EXPECT_EQ(result["region"], "us-east-1");
  EXPECT_EQ(result["fn"], "py");
  std::string request = result["request"];
  auto lines = log_lines("py");
  ASSERT_GE(lines.size(), 5u);
  EXPECT_THAT(lines[0], HasSubstr("INIT_START Runtime Version: python3.12"));
  EXPECT_EQ(lines[1], "START RequestId: " + request + " Version: $LATEST");
  EXPECT_EQ(lines[2], "got 21");
  EXPECT_EQ(lines[lines.size() - 2], "END RequestId: " + request);
  EXPECT_THAT(lines.back(), HasSubstr("REPORT RequestId: " + request));
  EXPECT_THAT(lines.back(), HasSubstr("Memory Size: 256 MB"));
  EXPECT_TRUE(out.contains("LogResult"));
}

TEST_F(LambdaInvokeTest, PythonExceptionInLambdasShape) {
  if (!on_path("python3"))
    GTEST_SKIP() << "no python3";
  create("boom", "python3.12",
         {{"index.py", "def handler(event, context):\n    raise ValueError('bad input')\n"}});
  Json out = invoke("boom", Json::object());
  EXPECT_EQ(out["StatusCode"], 200);
  EXPECT_EQ(out["FunctionError"], "Unhandled");
  Json error = Json::parse(out["Payload"].get<std::string>());
  EXPECT_EQ(error["errorType"], "ValueError");
  EXPECT_EQ(error["errorMessage"], "bad input");
  ASSERT_FALSE(error["stackTrace"].empty());
  EXPECT_THAT(error["stackTrace"][0].get<std::string>(), HasSubstr("index.py"));
  bool logged = false;
  for (const auto &l : log_lines("boom"))
    logged = logged || l.find("[ERROR] ValueError: bad input") != std::string::npos;
  EXPECT_TRUE(logged);

  create("nomodule", "python3.12", {{"other.py", "x = 1\n"}});
  Json missing = Json::parse(invoke("nomodule", Json::object())["Payload"].get<std::string>());
  EXPECT_EQ(missing["errorType"], "Runtime.ImportModuleError");
  EXPECT_THAT(missing["errorMessage"].get<std::string>(),
              HasSubstr("Unable to import module 'index'"));
}

TEST_F(LambdaInvokeTest, TimeoutKillsTheHandler) {
  if (!on_path("python3"))
    GTEST_SKIP() << "no python3";
  create("slow", "python3.12",
         {{"index.py", "import time\ndef handler(event, context):\n    time.sleep(30)\n"}},
         {{"Timeout", 1}});
  auto start = std::chrono::steady_clock::now();
  Json out = invoke("slow", Json::object());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 10.0);
  EXPECT_EQ(out["FunctionError"], "Unhandled");
  Json error = Json::parse(out["Payload"].get<std::string>());
  EXPECT_THAT(error["errorMessage"].get<std::string>(),
              MatchesRegex(".* Task timed out after 1\\.00 seconds"));
  auto lines = log_lines("slow");
  ASSERT_FALSE(lines.empty());
  EXPECT_THAT(lines.back(), HasSubstr("Status: timeout"));
}

TEST_F(LambdaInvokeTest, LayersAreOnThePathAndVersionsKeepTheirCode) {
  if (!on_path("python3"))
    GTEST_SKIP() << "no python3";
  Json layer =
      call("lambda", "PublishLayerVersion",
           {{"LayerName", "helpers"},
            {"Content",
             {{"ZipFile", binary(zip_archive({{"python/helper.py",
                                               "def greet(n):\n    return 'hello ' + n\n"}}))}}}});
  create("layered", "python3.11",
         {{"index.py",
           "import helper\ndef handler(event, context):\n    return helper.greet('v1')\n"}},
         {{"Layers", {layer["LayerVersionArn"]}}});
  EXPECT_EQ(invoke("layered", Json::object())["Payload"], "\"hello v1\"");
  call("lambda", "PublishVersion", {{"FunctionName", "layered"}});
  call("lambda", "UpdateFunctionCode",
       {{"FunctionName", "layered"},
        {"ZipFile", binary(zip_archive({{"index.py", "import helper\ndef handler(event, context):\n"
                                                     "    return helper.greet('v2')\n"}}))}});
  EXPECT_EQ(invoke("layered", Json::object())["Payload"], "\"hello v2\"");
  Json v1 = invoke("layered", Json::object(), {{"Qualifier", "1"}});
  EXPECT_EQ(v1["Payload"], "\"hello v1\"");
  EXPECT_EQ(v1["ExecutedVersion"], "1");
}

TEST_F(LambdaInvokeTest, NodeAsyncCallbackAndException) {
  if (!on_path("node"))
    GTEST_SKIP() << "no node";
  create("js", "nodejs20.x", {{"index.js", R"(exports.handler = async (event, context) => {
  console.log('event', JSON.stringify(event));
  return {sum: event.a + event.b, name: context.functionName, env: process.env.MODE,
          mem: context.memoryLimitInMB, left: context.getRemainingTimeInMillis() > 0};
};)"}},
         {{"Environment", {{"Variables", {{"MODE", "test"}}}}}});
  Json out = invoke("js", {{"a", 2}, {"b", 3}});
  EXPECT_FALSE(out.contains("FunctionError")) << out.dump();
  Json result = Json::parse(out["Payload"].get<std::string>());
  EXPECT_EQ(result["sum"], 5);
  EXPECT_EQ(result["name"], "js");
  EXPECT_EQ(result["env"], "test");
  EXPECT_EQ(result["mem"], "128");
  EXPECT_EQ(result["left"], true);
  bool logged = false;
  for (const auto &l : log_lines("js"))
    logged = logged || (l.find("\tINFO\tevent {\"a\":2,\"b\":3}") != std::string::npos);
  EXPECT_TRUE(logged);

  create("cb", "nodejs20.x",
         {{"index.js", "exports.handler = (event, context, callback) => {\n"
                       "  setTimeout(() => callback(null, 'later'), 10);\n};\n"}});
  EXPECT_EQ(invoke("cb", Json::object())["Payload"], "\"later\"");

  create("jsboom", "nodejs20.x",
         {{"index.js", "exports.handler = async () => { throw new TypeError('nope'); };\n"}});
  Json failed = invoke("jsboom", Json::object());
  EXPECT_EQ(failed["FunctionError"], "Unhandled");
  Json error = Json::parse(failed["Payload"].get<std::string>());
  EXPECT_EQ(error["errorType"], "TypeError");
  EXPECT_EQ(error["errorMessage"], "nope");
}

TEST_F(LambdaInvokeTest, NodeTimeoutAndLayer) {
  if (!on_path("node"))
    GTEST_SKIP() << "no node";
  Json layer = call(
      "lambda", "PublishLayerVersion",
      {{"LayerName", "jslib"},
       {"Content",
        {{"ZipFile", binary(zip_archive({{"nodejs/node_modules/shout/index.js",
                                          "module.exports = (s) => s.toUpperCase();\n"}}))}}}});
  create("shouter", "nodejs22.x",
         {{"index.js", "const shout = require('shout');\n"
                       "exports.handler = async (e) => shout(e.text);\n"}},
         {{"Layers", {layer["LayerVersionArn"]}}});
  EXPECT_EQ(invoke("shouter", {{"text", "hey"}})["Payload"], "\"HEY\"");
  create(
      "hang", "nodejs20.x",
      {{"index.js", "exports.handler = () => new Promise(() => setInterval(() => {}, 1000));\n"}},
      {{"Timeout", 1}});
  Json out = invoke("hang", Json::object());
  EXPECT_EQ(out["FunctionError"], "Unhandled");
  EXPECT_THAT(out["Payload"].get<std::string>(), HasSubstr("Task timed out after 1.00 seconds"));
}

TEST_F(LambdaInvokeTest, InvokeErrors) {
  EXPECT_EQ(error_of("lambda", "Invoke", {{"FunctionName", "missing"}}),
            "ResourceNotFoundException");
  if (!on_path("python3"))
    GTEST_SKIP() << "no python3";
  create("ok", "python3.12", {{"index.py", "def handler(e, c):\n    return e\n"}});
  EXPECT_EQ(error_of("lambda", "Invoke", {{"FunctionName", "ok"}, {"Payload", "{not json"}}),
            "InvalidRequestContentException");
  EXPECT_EQ(call("lambda", "Invoke",
                 {{"FunctionName", "ok"}, {"InvocationType", "DryRun"}})["StatusCode"],
            204);
  EXPECT_EQ(
      call("lambda", "Invoke", {{"FunctionName", "ok"}, {"InvocationType", "Event"}})["StatusCode"],
      202);
}

} // namespace
} // namespace cfnlocal::services
