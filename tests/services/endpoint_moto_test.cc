// The endpoint suite: starts moto_server on 127.0.0.1 itself, deploys templates with the types that
// have real providers through `cfnlocal deploy --endpoint-url`, checks each resource with the
// `aws` CLI, updates, checks, deletes, checks again; and a differential test that deploys the same
// template on the embedded services and on moto and compares outputs and resource properties.
// Skips (with a message) only when moto_server or the aws CLI is not installed.
#include "parser/json.h"
#include "services/embedded_backend.h"
#include "services/endpoint/endpoint_backend.h"
#include "state/store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <netinet/in.h>
#include <regex>
#include <set>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace cfnlocal::services::endpoint {
namespace {

namespace fs = std::filesystem;

bool on_path(const std::string &program) {
  const char *path = std::getenv("PATH");
  std::string dirs = path ? path : "";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t colon = dirs.find(':', start);
    std::string dir = dirs.substr(start, colon == std::string::npos ? colon : colon - start);
    if (!dir.empty() && access((fs::path(dir) / program).c_str(), X_OK) == 0)
      return true;
    if (colon == std::string::npos)
      break;
    start = colon + 1;
  }
  return false;
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

bool accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

struct CommandResult {
  int status = -1;
  std::string out;
};

/// Runs a shell command; stdout captured, stderr appended to `log`.
CommandResult run(const std::string &command, const fs::path &log) {
  CommandResult r;
  std::string full = command + " 2>>'" + log.string() + "'";
  FILE *p = popen(full.c_str(), "r");
  if (!p)
    return r;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, p)) > 0)
    r.out.append(buffer, n);
  int rc = pclose(p);
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return r;
}

std::string last_lines(const fs::path &file, size_t max = 3000) {
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.size() > max ? text.substr(text.size() - max) : text;
}

/// One moto_server for the whole suite.
class MotoSuite : public ::testing::Test {
protected:
  static inline pid_t pid_ = 0;
  static inline int port_ = 0;
  static inline fs::path dir_;
  static inline std::string skip_;

  static void SetUpTestSuite() {
    if (!on_path("moto_server")) {
      skip_ = "moto_server is not installed (pip install 'moto[server]'): the endpoint suite needs "
              "it";
      return;
    }
    if (!on_path("aws")) {
      skip_ = "the aws CLI is not installed: the endpoint suite checks resources with it";
      return;
    }
    dir_ = fs::temp_directory_path() / ("cfnlocal-endpoint-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    // Dummy credentials for cfnlocal and the aws CLI alike; no profile files get in the way.
    setenv("AWS_ACCESS_KEY_ID", "testing", 1);
    setenv("AWS_SECRET_ACCESS_KEY", "testing", 1);
    unsetenv("AWS_SESSION_TOKEN");
    unsetenv("AWS_PROFILE");
    setenv("AWS_DEFAULT_REGION", "us-east-1", 1);
    unsetenv("AWS_REGION");
    setenv("AWS_CONFIG_FILE", (dir_ / "no-config").c_str(), 1);
    setenv("AWS_SHARED_CREDENTIALS_FILE", (dir_ / "no-credentials").c_str(), 1);
    setenv("AWS_PAGER", "", 1);
    port_ = free_port();
    std::string port = std::to_string(port_);
    std::string log = (dir_ / "moto.log").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    const char *argv[] = {"moto_server", "-H", "127.0.0.1", "-p", port.c_str(), nullptr};
    int rc =
        posix_spawnp(&pid_, "moto_server", &actions, nullptr, const_cast<char **>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      pid_ = 0;
      skip_ = "moto_server could not be started";
      return;
    }
    for (int i = 0; i < 300 && !accepts(port_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  static void TearDownTestSuite() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
      pid_ = 0;
    }
    if (!dir_.empty())
      fs::remove_all(dir_);
  }

  void SetUp() override {
    if (!skip_.empty())
      GTEST_SKIP() << skip_;
    ASSERT_TRUE(accepts(port_)) << "moto_server did not start on port " << port_ << ":\n"
                                << last_lines(dir_ / "moto.log");
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  fs::path log() const { return dir_ / "commands.log"; }

  /// `cfnlocal ARGS` (stdout); `endpoint` adds --endpoint-url.
  CommandResult cfnlocal(const std::string &args, const fs::path &state, bool endpoint = true) {
    std::string cmd = std::string(CFNLOCAL_BINARY) + " " + args + " --state '" + state.string() +
                      "' --output json" + (endpoint ? " --endpoint-url " + url() : "");
    return run(cmd, log());
  }

  /// `aws --endpoint-url URL ARGS --output json`, parsed; null when the command fails.
  Json aws(const std::string &args) {
    CommandResult r = run("aws --endpoint-url " + url() + " " + args + " --output json", log());
    if (r.status != 0)
      return Json();
    if (r.out.find_first_not_of(" \n") == std::string::npos)
      return Json::object();
    return Json::parse(r.out, nullptr, false);
  }

  std::string deploy_args(const std::string &stack, const std::string &suffix,
                          const std::string &overrides = {},
                          const std::string &template_name = "core.yaml") {
    return "deploy --stack-name " + stack + " --template-file '" CFNLOCAL_TEST_DATA "/endpoint/" +
           template_name +
           "' --capabilities CAPABILITY_NAMED_IAM --parameter-overrides Suffix=" + suffix +
           (overrides.empty() ? "" : " " + overrides);
  }

  /// Reads the same resources back from both sides with `observe` (the embedded services of
  /// `embedded_state`, then moto; `moto` says which) and expects equal observations, member by
  /// member.
  void
  expect_same_observations(const fs::path &embedded_state,
                           const std::function<Json(services::Backend &, bool moto)> &observe) {
    state::Store store(embedded_state);
    EmbeddedBackend local(store, "us-east-1", "123456789012");
    EndpointOptions options;
    options.default_url = url();
    options.credentials = {"testing", "testing", ""};
    EndpointBackend remote(options);
    Json a = observe(local, false);
    Json b = observe(remote, true);
    if (!a.is_object()) {
      EXPECT_EQ(a, b) << "embedded:\n" << a.dump(2) << "\nmoto:\n" << b.dump(2);
      return;
    }
    for (const auto &[key, value] : a.items())
      EXPECT_EQ(value, b[key]) << key << "\nembedded: " << value.dump(2)
                               << "\nmoto: " << b[key].dump(2);
    EXPECT_EQ(a.size(), b.size());
  }

  static std::map<std::string, std::string> outputs_of(const std::string &describe_json) {
    std::map<std::string, std::string> out;
    Json j = Json::parse(describe_json, nullptr, false);
    if (j.is_discarded() || !j.contains("Stacks") || j["Stacks"].empty())
      return out;
    for (const auto &o : j["Stacks"][0].value("Outputs", Json::array()))
      out[o.value("OutputKey", "")] = o.value("OutputValue", "");
    return out;
  }
};

TEST_F(MotoSuite, DeployUpdateDeleteCheckedWithTheAwsCli) {
  fs::path state = dir_ / "lifecycle.db";
  std::string suffix = "life";
  std::string bucket = "cfnlocal-endpoint-" + suffix;
  std::string parameter = "/cfnlocal/endpoint/" + suffix;
  std::string secret = "cfnlocal-endpoint-" + suffix;

  CommandResult created = cfnlocal(deploy_args("lifecycle", suffix), state);
  ASSERT_EQ(created.status, 0) << created.out << last_lines(log());
  auto outputs = outputs_of(created.out);
  EXPECT_EQ(outputs["BucketName"], bucket);
  EXPECT_EQ(outputs["Account"], "123456789012"); // STS GetCallerIdentity on moto

  Json versioning = aws("s3api get-bucket-versioning --bucket " + bucket);
  EXPECT_EQ(versioning.value("Status", ""), "Enabled");
  Json tagging = aws("s3api get-bucket-tagging --bucket " + bucket);
  ASSERT_TRUE(tagging.is_object()) << last_lines(log());
  EXPECT_EQ(tagging["TagSet"][0]["Key"], "team");
  EXPECT_EQ(tagging["TagSet"][0]["Value"], "one");
  Json encryption = aws("s3api get-bucket-encryption --bucket " + bucket);
  ASSERT_TRUE(encryption.is_object()) << last_lines(log());
  EXPECT_EQ(encryption["ServerSideEncryptionConfiguration"]["Rules"][0]
                      ["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"],
            "AES256");
  Json param = aws("ssm get-parameter --name " + parameter);
  ASSERT_TRUE(param.is_object()) << last_lines(log());
  EXPECT_EQ(param["Parameter"]["Value"], "first");
  EXPECT_EQ(param["Parameter"]["Type"], "String");
  Json described = aws("secretsmanager describe-secret --secret-id " + secret);
  ASSERT_TRUE(described.is_object()) << last_lines(log());
  EXPECT_EQ(described["Description"], "the first description");
  EXPECT_EQ(described["ARN"], outputs["SecretArn"]);
  Json value = aws("secretsmanager get-secret-value --secret-id " + secret);
  EXPECT_EQ(value.value("SecretString", ""), R"({"user":"admin","password":"hunter2"})");

  CommandResult updated =
      cfnlocal(deploy_args("lifecycle", suffix,
                           "Versioning=Suspended TagValue=two ParameterValue=second "
                           "'SecretDescription=the second description'"),
               state);
  ASSERT_EQ(updated.status, 0) << updated.out << last_lines(log());
  EXPECT_EQ(aws("s3api get-bucket-versioning --bucket " + bucket).value("Status", ""), "Suspended");
  EXPECT_EQ(aws("s3api get-bucket-tagging --bucket " + bucket)["TagSet"][0]["Value"], "two");
  EXPECT_EQ(aws("ssm get-parameter --name " + parameter)["Parameter"]["Value"], "second");
  EXPECT_EQ(aws("secretsmanager describe-secret --secret-id " + secret)["Description"],
            "the second description");

  CommandResult deleted = cfnlocal("delete-stack --stack-name lifecycle", state);
  ASSERT_EQ(deleted.status, 0) << deleted.out << last_lines(log());
  EXPECT_TRUE(aws("s3api head-bucket --bucket " + bucket).is_null()) << "the bucket is still there";
  EXPECT_TRUE(aws("ssm get-parameter --name " + parameter).is_null())
      << "the parameter is still there";
  Json gone = aws("secretsmanager describe-secret --secret-id " + secret);
  EXPECT_TRUE(gone.is_null() || gone.contains("DeletedDate")) << gone.dump();
}

TEST_F(MotoSuite, LambdaAndLogsCheckedWithTheAwsCli) {
  // moto runs Lambda functions in docker: invoke is not exercised here (lambda_invoke_test is).
  fs::path state = dir_ / "lambda.db";
  std::string name = "cfnlocal-endpoint-fn";
  auto args = [](const std::string &overrides) {
    return "deploy --stack-name fn --template-file '" CFNLOCAL_TEST_DATA
           "/endpoint/lambda.yaml' --capabilities CAPABILITY_NAMED_IAM --parameter-overrides "
           "Suffix=fn" +
           (overrides.empty() ? std::string() : " " + overrides);
  };
  CommandResult created = cfnlocal(args(""), state);
  ASSERT_EQ(created.status, 0) << created.out << last_lines(log());
  auto outputs = outputs_of(created.out);
  EXPECT_EQ(outputs["FunctionArn"], "arn:aws:lambda:us-east-1:123456789012:function:" + name);
  EXPECT_EQ(outputs["AliasArn"], outputs["FunctionArn"] + ":live");
  Json function = aws("lambda get-function --function-name " + name);
  ASSERT_TRUE(function.is_object()) << last_lines(log());
  EXPECT_EQ(function["Configuration"]["MemorySize"], 128);
  EXPECT_EQ(function["Configuration"]["Runtime"], "python3.12");
  EXPECT_EQ(
      aws("lambda get-alias --function-name " + name + " --name live").value("FunctionVersion", ""),
      "1");
  Json groups = aws("logs describe-log-groups --log-group-name-prefix /aws/lambda/" + name);
  ASSERT_TRUE(groups.is_object()) << last_lines(log());
  ASSERT_EQ(groups["logGroups"].size(), 1u);
  EXPECT_EQ(groups["logGroups"][0]["retentionInDays"], 7);

  CommandResult updated = cfnlocal(args("Memory=256 Retention=14"), state);
  ASSERT_EQ(updated.status, 0) << updated.out << last_lines(log());
  EXPECT_EQ(aws("lambda get-function-configuration --function-name " + name)["MemorySize"], 256);
  EXPECT_EQ(aws("logs describe-log-groups --log-group-name-prefix /aws/lambda/" +
                name)["logGroups"][0]["retentionInDays"],
            14);

  CommandResult deleted = cfnlocal("delete-stack --stack-name fn", state);
  ASSERT_EQ(deleted.status, 0) << deleted.out << last_lines(log());
  EXPECT_TRUE(aws("lambda get-function --function-name " + name).is_null());
  EXPECT_TRUE(
      aws("logs describe-log-groups --log-group-name-prefix /aws/lambda/" + name)["logGroups"]
          .empty());
}

TEST_F(MotoSuite, ApiGatewayRestAndV2CheckedWithTheAwsCli) {
  fs::path state = dir_ / "apigateway.db";
  auto args = [](const std::string &overrides) {
    return "deploy --stack-name apis --template-file '" CFNLOCAL_TEST_DATA
           "/endpoint/apigateway.yaml' --parameter-overrides Suffix=apis" +
           (overrides.empty() ? std::string() : " " + overrides);
  };
  CommandResult created = cfnlocal(args(""), state);
  ASSERT_EQ(created.status, 0) << created.out << last_lines(log());
  auto outputs = outputs_of(created.out);
  std::string rest = outputs["RestApiId"], http = outputs["HttpApiId"];
  Json apis = aws("apigateway get-rest-apis");
  ASSERT_TRUE(apis.is_object()) << last_lines(log());
  ASSERT_EQ(apis["items"].size(), 1u);
  EXPECT_EQ(apis["items"][0]["id"], rest);
  EXPECT_EQ(apis["items"][0]["name"], "cfnlocal-rest-apis");
  EXPECT_EQ(apis["items"][0]["description"], "first");
  Json resources = aws("apigateway get-resources --rest-api-id " + rest);
  ASSERT_TRUE(resources.is_object()) << last_lines(log());
  bool found = false;
  for (const auto &r : resources["items"])
    if (r.value("path", "") == "/items") {
      found = true;
      EXPECT_EQ(r["id"], outputs["ItemsId"]);
      EXPECT_EQ(r["resourceMethods"]["GET"]["methodIntegration"]["type"], "MOCK");
    }
  EXPECT_TRUE(found) << resources.dump();
  Json stages = aws("apigateway get-stages --rest-api-id " + rest);
  ASSERT_TRUE(stages.is_object()) << last_lines(log());
  ASSERT_EQ(stages["item"].size(), 1u);
  EXPECT_EQ(stages["item"][0]["stageName"], "prod");
  EXPECT_EQ(stages["item"][0]["description"], "first");
  Json v2 = aws("apigatewayv2 get-apis");
  ASSERT_TRUE(v2.is_object()) << last_lines(log());
  ASSERT_EQ(v2["Items"].size(), 1u);
  EXPECT_EQ(v2["Items"][0]["ApiId"], http);
  EXPECT_EQ(v2["Items"][0]["ProtocolType"], "HTTP");
  Json routes = aws("apigatewayv2 get-routes --api-id " + http);
  ASSERT_TRUE(routes.is_object()) << last_lines(log());
  ASSERT_EQ(routes["Items"].size(), 1u);
  EXPECT_EQ(routes["Items"][0]["RouteKey"], "GET /items");
  EXPECT_EQ(aws("apigatewayv2 get-stage --api-id " + http + " --stage-name live")
                .value("AutoDeploy", false),
            true);

  CommandResult updated = cfnlocal(args("Description=second"), state);
  ASSERT_EQ(updated.status, 0) << updated.out << last_lines(log());
  EXPECT_EQ(aws("apigateway get-rest-api --rest-api-id " + rest).value("description", ""),
            "second");
  EXPECT_EQ(aws("apigateway get-stage --rest-api-id " + rest + " --stage-name prod")
                .value("description", ""),
            "second");
  EXPECT_EQ(aws("apigatewayv2 get-api --api-id " + http).value("Description", ""), "second");

  CommandResult deleted = cfnlocal("delete-stack --stack-name apis", state);
  ASSERT_EQ(deleted.status, 0) << deleted.out << last_lines(log());
  EXPECT_TRUE(aws("apigateway get-rest-apis")["items"].empty());
  EXPECT_TRUE(aws("apigatewayv2 get-apis")["Items"].empty());
}

TEST_F(MotoSuite, TypesWithoutAProviderFailClearly) {
  fs::path state = dir_ / "unsupported.db";
  CommandResult r = cfnlocal("deploy --stack-name unsupported --template-file '" CFNLOCAL_TEST_DATA
                             "/endpoint/unsupported.yaml'",
                             state);
  EXPECT_EQ(r.status, 1);
  std::string events =
      cfnlocal("describe-stack-events --stack-name unsupported", state).out + last_lines(log());
  EXPECT_NE(events.find("AWS::AppMesh::Mesh"), std::string::npos) << events;
  EXPECT_NE(events.find("no provider"), std::string::npos) << events;
}

TEST_F(MotoSuite, AnUnreachableEndpointIsAClearError) {
  fs::path state = dir_ / "unreachable.db";
  std::string cmd = std::string(CFNLOCAL_BINARY) +
                    " deploy --stack-name x --template-file '" CFNLOCAL_TEST_DATA
                    "/endpoint/unsupported.yaml' --state '" +
                    state.string() +
                    "' --endpoint-url http://127.0.0.1:" + std::to_string(free_port());
  fs::path errors = dir_ / "unreachable.err";
  CommandResult r = run(cmd, errors);
  EXPECT_NE(r.status, 0);
  std::string message = last_lines(errors);
  EXPECT_NE(message.find("GetCallerIdentity"), std::string::npos) << message;
  EXPECT_NE(message.find("127.0.0.1"), std::string::npos) << message;
}

TEST_F(MotoSuite, PerServiceEndpointUrls) {
  // STS and the rest go to moto; S3 goes to a port nobody listens on, so only the bucket fails.
  fs::path state = dir_ / "per-service.db";
  std::string closed = "http://127.0.0.1:" + std::to_string(free_port());
  CommandResult r =
      cfnlocal(deploy_args("perservice", "perservice") + " --endpoint-url s3=" + closed, state);
  EXPECT_EQ(r.status, 1);
  std::string events = cfnlocal("describe-stack-events --stack-name perservice", state).out;
  EXPECT_NE(events.find("EndpointConnectionError"), std::string::npos) << events;
  EXPECT_NE(events.find(closed), std::string::npos) << events;

  // A service cfnlocal has no model of is a usage error naming it.
  fs::path errors = dir_ / "per-service.err";
  CommandResult bad =
      run(std::string(CFNLOCAL_BINARY) + " deploy --stack-name y --template-file '" +
              CFNLOCAL_TEST_DATA + "/endpoint/unsupported.yaml' --state '" + state.string() +
              "' --endpoint-url nosuch=" + url(),
          errors);
  EXPECT_NE(bad.status, 0);
  EXPECT_NE(last_lines(errors).find("no model of the service 'nosuch'"), std::string::npos)
      << last_lines(errors);
}

/// Fields compared between the embedded services and moto, read with the same operations
/// through each backend. Normalised: the Secrets Manager ARN's random 6-character suffix (each
/// service draws its own), and every timestamp, version id and request id (not read).
Json observed(Backend &backend, const std::string &suffix) {
  std::string bucket = "cfnlocal-endpoint-" + suffix;
  std::string parameter = "/cfnlocal/endpoint/" + suffix;
  Json out;
  out["s3.versioning.Status"] =
      backend.call("s3", "GetBucketVersioning", Json{{"Bucket", bucket}}).value("Status", "");
  out["s3.tagging.TagSet"] =
      backend.call("s3", "GetBucketTagging", Json{{"Bucket", bucket}})["TagSet"];
  out["s3.encryption.SSEAlgorithm"] =
      backend
          .call("s3", "GetBucketEncryption",
                Json{{"Bucket", bucket}})["ServerSideEncryptionConfiguration"]["Rules"][0]
                                         ["ApplyServerSideEncryptionByDefault"]
          .value("SSEAlgorithm", "");
  Json p = backend.call("ssm", "GetParameter", Json{{"Name", parameter}})["Parameter"];
  for (const char *k : {"Name", "Type", "Value", "Version"})
    out[std::string("ssm.parameter.") + k] = p[k];
  Json s = backend.call("secretsmanager", "DescribeSecret",
                        Json{{"SecretId", "cfnlocal-endpoint-" + suffix}});
  out["secretsmanager.Name"] = s["Name"];
  out["secretsmanager.Description"] = s["Description"];
  out["secretsmanager.ARN"] =
      std::regex_replace(s.value("ARN", ""), std::regex("-[A-Za-z0-9]{6}$"), "-XXXXXX");
  out["secretsmanager.SecretString"] =
      backend.call("secretsmanager", "GetSecretValue",
                   Json{{"SecretId", "cfnlocal-endpoint-" + suffix}})["SecretString"];
  return out;
}

TEST_F(MotoSuite, EmbeddedAndMotoAgree) {
  std::string suffix = "diff";
  fs::path embedded_state = dir_ / "embedded.db";
  fs::path moto_state = dir_ / "moto.db";
  CommandResult embedded = cfnlocal(deploy_args("diff", suffix), embedded_state, false);
  ASSERT_EQ(embedded.status, 0) << embedded.out << last_lines(log());
  CommandResult moto = cfnlocal(deploy_args("diff", suffix), moto_state, true);
  ASSERT_EQ(moto.status, 0) << moto.out << last_lines(log());

  // Outputs: equal but for the secret ARN's random suffix.
  auto normalise = [](std::map<std::string, std::string> outputs) {
    outputs["SecretArn"] =
        std::regex_replace(outputs["SecretArn"], std::regex("-[A-Za-z0-9]{6}$"), "-XXXXXX");
    return outputs;
  };
  auto embedded_outputs = normalise(outputs_of(embedded.out));
  auto moto_outputs = normalise(outputs_of(moto.out));
  EXPECT_EQ(embedded_outputs.size(), 7u);
  EXPECT_EQ(embedded_outputs, moto_outputs);

  // Resource properties, read back through the same operations on each side.
  expect_same_observations(
      embedded_state, [&](services::Backend &backend, bool) { return observed(backend, suffix); });

  EXPECT_EQ(cfnlocal("delete-stack --stack-name diff", moto_state).status, 0);
  EXPECT_EQ(cfnlocal("delete-stack --stack-name diff", embedded_state, false).status, 0);
}

TEST_F(MotoSuite, ServicesDeployUpdateDeleteCheckedWithTheAwsCli) {
  // SQS, SNS, IAM, DynamoDB, KMS, EventBridge, Kinesis and Step Functions on moto.
  fs::path state = dir_ / "services.db";
  std::string name = "cfnlocal-endpoint-svc";
  CommandResult created = cfnlocal(deploy_args("services", "svc", "", "services.yaml"), state);
  ASSERT_EQ(created.status, 0) << created.out << last_lines(log());
  auto outputs = outputs_of(created.out);
  EXPECT_EQ(outputs["TableName"], name);
  EXPECT_EQ(outputs["AliasName"], "alias/" + name);
  EXPECT_EQ(outputs["MachineName"], name);

  auto check = [&](const std::string &timeout, const std::string &description, int read,
                   const std::string &source, int retention, const std::string &greeting) {
    Json queue =
        aws("sqs get-queue-attributes --attribute-names All --queue-url " + outputs["QueueUrl"]);
    ASSERT_TRUE(queue.is_object()) << last_lines(log());
    EXPECT_EQ(queue["Attributes"]["VisibilityTimeout"], timeout);
    Json topic = aws("sns get-topic-attributes --topic-arn " + outputs["TopicArn"]);
    ASSERT_TRUE(topic.is_object()) << last_lines(log());
    EXPECT_EQ(topic["Attributes"]["DisplayName"], description);
    Json subs = aws("sns list-subscriptions-by-topic --topic-arn " + outputs["TopicArn"]);
    ASSERT_EQ(subs["Subscriptions"].size(), 1u) << subs.dump();
    EXPECT_EQ(subs["Subscriptions"][0]["Endpoint"], outputs["QueueArn"]);
    Json role = aws("iam get-role --role-name " + name);
    ASSERT_TRUE(role.is_object()) << last_lines(log());
    EXPECT_EQ(role["Role"]["Description"], description);
    EXPECT_EQ(aws("iam list-role-policies --role-name " + name)["PolicyNames"][0], "send");
    Json table = aws("dynamodb describe-table --table-name " + name);
    ASSERT_TRUE(table.is_object()) << last_lines(log());
    EXPECT_EQ(table["Table"]["ProvisionedThroughput"]["ReadCapacityUnits"], read);
    EXPECT_EQ(table["Table"]["StreamSpecification"]["StreamViewType"], "NEW_IMAGE");
    Json key = aws("kms describe-key --key-id alias/" + name);
    ASSERT_TRUE(key.is_object()) << last_lines(log());
    EXPECT_EQ(key["KeyMetadata"]["Description"], description);
    EXPECT_EQ(key["KeyMetadata"]["Arn"], outputs["KeyArn"]);
    Json rule = aws("events describe-rule --name " + name + " --event-bus-name " + name);
    ASSERT_TRUE(rule.is_object()) << last_lines(log());
    EXPECT_EQ(Json::parse(rule.value("EventPattern", "{}"))["source"][0], source);
    EXPECT_EQ(rule["Description"], description);
    Json targets = aws("events list-targets-by-rule --rule " + name + " --event-bus-name " + name);
    ASSERT_EQ(targets["Targets"].size(), 1u) << targets.dump();
    EXPECT_EQ(targets["Targets"][0]["Arn"], outputs["QueueArn"]);
    Json stream = aws("kinesis describe-stream-summary --stream-name " + name);
    ASSERT_TRUE(stream.is_object()) << last_lines(log());
    EXPECT_EQ(stream["StreamDescriptionSummary"]["RetentionPeriodHours"], retention);
    Json machine =
        aws("stepfunctions describe-state-machine --state-machine-arn " + outputs["MachineArn"]);
    ASSERT_TRUE(machine.is_object()) << last_lines(log());
    EXPECT_EQ(Json::parse(machine.value("definition", "{}"))["States"]["Greet"]["Result"],
              greeting);
    EXPECT_EQ(machine["roleArn"], outputs["RoleArn"]);
  };
  check("30", "first", 5, "app.one", 24, "hello");

  CommandResult updated =
      cfnlocal(deploy_args("services", "svc",
                           "Timeout=60 Description=second Read=10 Source=app.two Retention=48 "
                           "Greeting=bonjour",
                           "services.yaml"),
               state);
  ASSERT_EQ(updated.status, 0) << updated.out << last_lines(log());
  EXPECT_EQ(outputs_of(updated.out), outputs); // every resource updated in place
  check("60", "second", 10, "app.two", 48, "bonjour");

  CommandResult deleted = cfnlocal("delete-stack --stack-name services", state);
  ASSERT_EQ(deleted.status, 0) << deleted.out << last_lines(log());
  EXPECT_TRUE(aws("sqs get-queue-url --queue-name " + name).is_null());
  EXPECT_TRUE(aws("sns get-topic-attributes --topic-arn " + outputs["TopicArn"]).is_null());
  EXPECT_TRUE(aws("iam get-role --role-name " + name).is_null());
  EXPECT_TRUE(aws("dynamodb describe-table --table-name " + name).is_null());
  EXPECT_TRUE(aws("kms describe-key --key-id alias/" + name).is_null());
  Json key = aws("kms describe-key --key-id " + outputs["KeyArn"]);
  EXPECT_EQ(key["KeyMetadata"].value("KeyState", ""), "PendingDeletion") << key.dump();
  EXPECT_TRUE(aws("events describe-rule --name " + name + " --event-bus-name " + name).is_null());
  EXPECT_TRUE(aws("events describe-event-bus --name " + name).is_null());
  Json stream = aws("kinesis describe-stream-summary --stream-name " + name);
  EXPECT_TRUE(stream.is_null() ||
              stream["StreamDescriptionSummary"].value("StreamStatus", "") == "DELETING")
      << stream.dump();
  EXPECT_TRUE(
      aws("stepfunctions describe-state-machine --state-machine-arn " + outputs["MachineArn"])
          .is_null());
}

/// The services.yaml resources read back through the same operations on each backend.
/// Normalised: the KMS key id (each service draws its own UUID) and the DynamoDB stream label
/// (a creation timestamp); timestamps, revision ids and request ids are not read.
Json observed_services(Backend &backend, const std::string &suffix) {
  std::string name = "cfnlocal-endpoint-" + suffix;
  Json out;
  std::string url = backend.call("sqs", "GetQueueUrl", Json{{"QueueName", name}})["QueueUrl"];
  Json q = backend.call("sqs", "GetQueueAttributes",
                        Json{{"QueueUrl", url}, {"AttributeNames", {"All"}}})["Attributes"];
  for (const char *k : {"VisibilityTimeout", "QueueArn", "DelaySeconds", "MessageRetentionPeriod",
                        "MaximumMessageSize", "ReceiveMessageWaitTimeSeconds"})
    out[std::string("sqs.") + k] = q.value(k, "");
  out["sqs.tags"] = backend.call("sqs", "ListQueueTags", Json{{"QueueUrl", url}})["Tags"];
  std::string topic = "arn:aws:sns:us-east-1:123456789012:" + name;
  out["sns.DisplayName"] = backend.call("sns", "GetTopicAttributes",
                                        Json{{"TopicArn", topic}})["Attributes"]["DisplayName"];
  Json sub = backend.call("sns", "ListSubscriptionsByTopic",
                          Json{{"TopicArn", topic}})["Subscriptions"][0];
  out["sns.subscription"] = {sub["Protocol"], sub["Endpoint"], sub["TopicArn"]};
  Json role = backend.call("iam", "GetRole", Json{{"RoleName", name}})["Role"];
  for (const char *k : {"RoleName", "Arn", "Description", "Path"})
    out[std::string("iam.") + k] = role.value(k, "");
  out["iam.policies"] =
      backend.call("iam", "ListRolePolicies", Json{{"RoleName", name}})["PolicyNames"];
  Json t = backend.call("dynamodb", "DescribeTable", Json{{"TableName", name}})["Table"];
  for (const char *k : {"TableName", "TableArn", "KeySchema", "TableStatus", "StreamSpecification"})
    out[std::string("dynamodb.") + k] = t[k];
  Json defs = t["AttributeDefinitions"];
  std::sort(defs.begin(), defs.end());
  out["dynamodb.AttributeDefinitions"] = defs;
  out["dynamodb.Throughput"] = {t["ProvisionedThroughput"]["ReadCapacityUnits"],
                                t["ProvisionedThroughput"]["WriteCapacityUnits"]};
  out["dynamodb.StreamArnPrefix"] =
      t.value("LatestStreamArn", "").substr(0, t.value("LatestStreamArn", "").find("/stream/"));
  Json k = backend.call("kms", "DescribeKey", Json{{"KeyId", "alias/" + name}})["KeyMetadata"];
  // KeyUsage is left out: moto's DescribeKey does not report it.
  for (const char *f :
       {"Description", "Enabled", "KeyState", "KeySpec", "Origin", "KeyManager", "AWSAccountId"})
    out[std::string("kms.") + f] = k[f];
  Json rule = backend.call("events", "DescribeRule", Json{{"Name", name}, {"EventBusName", name}});
  for (const char *f : {"Name", "Arn", "State", "Description", "EventBusName"})
    out[std::string("events.") + f] = rule.value(f, "");
  out["events.EventPattern"] = Json::parse(rule.value("EventPattern", "{}"));
  Json target = backend.call("events", "ListTargetsByRule",
                             Json{{"Rule", name}, {"EventBusName", name}})["Targets"][0];
  out["events.target"] = {target["Id"], target["Arn"]};
  out["events.bus"] = backend.call("events", "DescribeEventBus", Json{{"Name", name}})["Arn"];
  Json s = backend.call("kinesis", "DescribeStreamSummary",
                        Json{{"StreamName", name}})["StreamDescriptionSummary"];
  for (const char *f : {"StreamName", "StreamARN", "StreamStatus", "RetentionPeriodHours",
                        "OpenShardCount", "StreamModeDetails", "EncryptionType"})
    out[std::string("kinesis.") + f] = s[f];
  Json m = backend.call(
      "stepfunctions", "DescribeStateMachine",
      Json{{"stateMachineArn", "arn:aws:states:us-east-1:123456789012:stateMachine:" + name}});
  for (const char *f : {"name", "stateMachineArn", "roleArn", "type", "status"})
    out[std::string("stepfunctions.") + f] = m[f];
  out["stepfunctions.definition"] = Json::parse(m.value("definition", "{}"));
  return out;
}

TEST_F(MotoSuite, ServicesEmbeddedAndMotoAgree) {
  std::string suffix = "svcdiff";
  fs::path embedded_state = dir_ / "services-embedded.db";
  fs::path moto_state = dir_ / "services-moto.db";
  std::string args = deploy_args("svcdiff", suffix, "", "services.yaml");
  CommandResult embedded = cfnlocal(args, embedded_state, false);
  ASSERT_EQ(embedded.status, 0) << embedded.out << last_lines(log());
  CommandResult moto = cfnlocal(args, moto_state, true);
  ASSERT_EQ(moto.status, 0) << moto.out << last_lines(log());

  // Outputs: equal but for the KMS key's id in its ARN and the queue URL's host (moto answers
  // with its own address).
  auto normalise = [](std::map<std::string, std::string> outputs) {
    outputs["KeyArn"] =
        std::regex_replace(outputs["KeyArn"], std::regex("key/[0-9a-f-]+$"), "key/KEY-ID");
    outputs["QueueUrl"] =
        std::regex_replace(outputs["QueueUrl"], std::regex("^https?://[^/]+/"), "QUEUE-HOST/");
    return outputs;
  };
  auto embedded_outputs = normalise(outputs_of(embedded.out));
  auto moto_outputs = normalise(outputs_of(moto.out));
  EXPECT_EQ(embedded_outputs.size(), 13u);
  EXPECT_EQ(embedded_outputs, moto_outputs);

  // Resource properties, read back through the same operations on each side.
  expect_same_observations(embedded_state, [&](services::Backend &backend, bool) {
    return observed_services(backend, suffix);
  });

  EXPECT_EQ(cfnlocal("delete-stack --stack-name svcdiff", moto_state).status, 0);
  EXPECT_EQ(cfnlocal("delete-stack --stack-name svcdiff", embedded_state, false).status, 0);
}

TEST_F(MotoSuite, NetworkDeployUpdateDeleteCheckedWithTheAwsCli) {
  // A VPC, subnet, security group and rule, internet gateway, route table and route on moto.
  fs::path state = dir_ / "network.db";
  CommandResult created = cfnlocal(deploy_args("network", "net", "", "network.yaml"), state);
  ASSERT_EQ(created.status, 0) << created.out << last_lines(log());
  auto outputs = outputs_of(created.out);
  std::string vpc = outputs["VpcId"], subnet = outputs["SubnetId"], group = outputs["GroupId"];
  std::string gateway = outputs["GatewayId"], table = outputs["TableId"];
  EXPECT_EQ(outputs["Zone"], "us-east-1a");

  auto tag = [](const Json &resource, const std::string &key) {
    for (const auto &t : resource.value("Tags", Json::array()))
      if (t.value("Key", "") == key)
        return t.value("Value", "");
    return std::string();
  };
  auto check = [&](const std::string &team, int port, bool public_ips) {
    Json vpcs = aws("ec2 describe-vpcs --vpc-ids " + vpc);
    ASSERT_FALSE(vpcs.is_null());
    EXPECT_EQ(vpcs["Vpcs"][0]["CidrBlock"], "10.20.0.0/16");
    EXPECT_EQ(tag(vpcs["Vpcs"][0], "team"), team);
    EXPECT_EQ(tag(vpcs["Vpcs"][0], "Name"), "cfnlocal-net");
    Json dns = aws("ec2 describe-vpc-attribute --attribute enableDnsHostnames --vpc-id " + vpc);
    EXPECT_EQ(dns["EnableDnsHostnames"]["Value"], true);
    Json subnets = aws("ec2 describe-subnets --subnet-ids " + subnet);
    EXPECT_EQ(subnets["Subnets"][0]["CidrBlock"], "10.20.1.0/24");
    EXPECT_EQ(subnets["Subnets"][0]["VpcId"], vpc);
    EXPECT_EQ(subnets["Subnets"][0]["MapPublicIpOnLaunch"], public_ips);
    Json groups = aws("ec2 describe-security-groups --group-ids " + group);
    Json sg = groups["SecurityGroups"][0];
    EXPECT_EQ(sg["GroupName"], "cfnlocal-net-web");
    EXPECT_EQ(sg["VpcId"], vpc);
    std::set<int> ports;
    for (const auto &p : sg["IpPermissions"])
      ports.insert(p.value("FromPort", -1));
    EXPECT_EQ(ports, (std::set<int>{port, 443}));
    Json gateways = aws("ec2 describe-internet-gateways --internet-gateway-ids " + gateway);
    EXPECT_EQ(gateways["InternetGateways"][0]["Attachments"][0]["VpcId"], vpc);
    Json tables = aws("ec2 describe-route-tables --route-table-ids " + table);
    bool routed = false;
    for (const auto &r : tables["RouteTables"][0]["Routes"])
      routed = routed || (r.value("DestinationCidrBlock", "") == "0.0.0.0/0" &&
                          r.value("GatewayId", "") == gateway);
    EXPECT_TRUE(routed) << tables.dump();
    EXPECT_EQ(tables["RouteTables"][0]["Associations"][0]["SubnetId"], subnet);
  };
  check("core", 22, true);

  CommandResult updated = cfnlocal(
      deploy_args("network", "net", "Team=edge SshPort=2222 Public=false", "network.yaml"), state);
  ASSERT_EQ(updated.status, 0) << updated.out << last_lines(log());
  EXPECT_EQ(outputs_of(updated.out)["VpcId"], vpc); // in place
  check("edge", 2222, false);

  ASSERT_EQ(cfnlocal("delete-stack --stack-name network", state).status, 0) << last_lines(log());
  EXPECT_TRUE(aws("ec2 describe-vpcs --vpc-ids " + vpc).is_null()) << "the VPC is still there";
  EXPECT_TRUE(aws("ec2 describe-security-groups --group-ids " + group).is_null());
  EXPECT_TRUE(aws("ec2 describe-internet-gateways --internet-gateway-ids " + gateway).is_null());
}

/// `j` with every string's occurrences of the `ids` keys replaced by their labels, the members
/// `dropped` removed at any depth, null and empty members removed (absent, as AWS's JSON leaves
/// them out, where moto writes null, [] or {}), object members in key order and every array
/// sorted (each service lists members in an order of its own). Generated identifiers and
/// timestamps differ by nature, not by behaviour.
Json normalised(const Json &j, const std::map<std::string, std::string> &ids,
                const std::set<std::string> &dropped) {
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    for (const auto &[id, label] : ids)
      for (size_t at = s.find(id); !id.empty() && at != std::string::npos;
           at = s.find(id, at + label.size()))
        s.replace(at, id.size(), label);
    return s;
  }
  if (j.is_array()) {
    Json out = Json::array();
    for (const auto &v : j)
      out.push_back(normalised(v, ids, dropped));
    std::sort(out.begin(), out.end());
    return out;
  }
  if (!j.is_object())
    return j;
  std::map<std::string, Json> members;
  for (const auto &[k, v] : j.items()) {
    if (dropped.count(k) || v.is_null() || ((v.is_array() || v.is_object()) && v.empty()))
      continue;
    members[normalised(Json(k), ids, dropped).get<std::string>()] = normalised(v, ids, dropped);
  }
  Json out = Json::object();
  for (auto &[k, v] : members)
    out[k] = std::move(v);
  return out;
}

/// The apigateway.yaml resources read back through each backend, whole responses. Normalised:
/// the generated ids (REST API, root and /items resources, deployments, HTTP API, integration,
/// route, the auto-deployed stage's deployment), the timestamps, and the members named in
/// `dropped` below with why.
Json observed_apis(Backend &backend, const std::map<std::string, std::string> &outputs) {
  std::string rest = outputs.at("RestApiId"), http = outputs.at("HttpApiId");
  std::map<std::string, std::string> ids = {
      {rest, "REST-API"}, {http, "HTTP-API"}, {outputs.at("ItemsId"), "ITEMS"}};
  Json out;
  out["rest.api"] = backend.call("apigateway", "GetRestApi", Json{{"restApiId", rest}});
  ids[out["rest.api"].value("rootResourceId", "")] = "ROOT";
  out["rest.resources"] =
      backend.call("apigateway", "GetResources", Json{{"restApiId", rest}})["items"];
  out["rest.method"] = backend.call(
      "apigateway", "GetMethod",
      Json{{"restApiId", rest}, {"resourceId", outputs.at("ItemsId")}, {"httpMethod", "GET"}});
  out["rest.deployments"] =
      backend.call("apigateway", "GetDeployments", Json{{"restApiId", rest}})["items"];
  for (const auto &d : out["rest.deployments"])
    ids[d.value("id", "")] = "DEPLOYMENT";
  out["rest.stages"] = backend.call("apigateway", "GetStages", Json{{"restApiId", rest}})["item"];
  out["rest.validators"] =
      backend.call("apigateway", "GetRequestValidators", Json{{"restApiId", rest}})["items"];
  for (const auto &v : out["rest.validators"])
    ids[v.value("id", "")] = "VALIDATOR";
  out["v2.api"] = backend.call("apigatewayv2", "GetApi", Json{{"ApiId", http}});
  out["v2.integrations"] =
      backend.call("apigatewayv2", "GetIntegrations", Json{{"ApiId", http}})["Items"];
  for (const auto &i : out["v2.integrations"])
    ids[i.value("IntegrationId", "")] = "INTEGRATION";
  out["v2.routes"] = backend.call("apigatewayv2", "GetRoutes", Json{{"ApiId", http}})["Items"];
  for (const auto &r : out["v2.routes"])
    ids[r.value("RouteId", "")] = "ROUTE";
  out["v2.stage"] =
      backend.call("apigatewayv2", "GetStage", Json{{"ApiId", http}, {"StageName", "live"}});
  if (out["v2.stage"].contains("DeploymentId"))
    ids[out["v2.stage"].value("DeploymentId", "")] = "V2-DEPLOYMENT";
  ids.erase("");
  static const std::set<std::string> dropped = {
      // Timestamps.
      "createdDate", "lastUpdatedDate", "CreatedDate", "LastUpdatedDate",
      // moto gives every REST API a version "V1" of its own; AWS has none unless one is set.
      "version",
      // AWS's integration defaults (29000 ms, WHEN_NO_MATCH, the resource id as cache
      // namespace; the V2 integration's ConnectionType INTERNET), a stage's
      // cacheClusterStatus and tracingEnabled, and V2's ApiGatewayManaged: moto leaves them
      // out.
      "timeoutInMillis", "passthroughBehavior", "cacheNamespace", "ConnectionType",
      "cacheClusterStatus", "tracingEnabled", "ApiGatewayManaged",
      // moto's HTTP API route selection expression is "$request.method $request.path"; AWS
      // sets (and requires) "${request.method} ${request.path}" for HTTP APIs, as embedded does.
      "RouteSelectionExpression",
      // moto does not deploy an AutoDeploy stage; AWS (and embedded) do, and say so.
      "DeploymentId", "LastDeploymentStatusMessage"};
  return normalised(out, ids, dropped);
}

TEST_F(MotoSuite, ApiGatewayEmbeddedAndMotoAgree) {
  // apigateway.yaml builds its REST API from explicit Resource and Method resources (moto cannot
  // import a Swagger 2.0 body) and never updates the V2 stage (moto answers apigatewayv2
  // UpdateStage with HTTP 500), so both sides take the same paths.
  std::string suffix = "apidiff";
  fs::path embedded_state = dir_ / "apis-embedded.db";
  fs::path moto_state = dir_ / "apis-moto.db";
  std::string args = "deploy --stack-name apidiff --template-file '" CFNLOCAL_TEST_DATA
                     "/endpoint/apigateway.yaml' --parameter-overrides Suffix=" +
                     suffix;
  CommandResult embedded = cfnlocal(args, embedded_state, false);
  ASSERT_EQ(embedded.status, 0) << embedded.out << last_lines(log());
  CommandResult moto = cfnlocal(args, moto_state, true);
  ASSERT_EQ(moto.status, 0) << moto.out << last_lines(log());
  auto embedded_outputs = outputs_of(embedded.out);
  auto moto_outputs = outputs_of(moto.out);
  ASSERT_EQ(embedded_outputs.size(), 3u);
  ASSERT_EQ(moto_outputs.size(), 3u);

  // Resource properties, read back through the same operations on each side.
  expect_same_observations(embedded_state, [&](services::Backend &backend, bool moto) {
    return observed_apis(backend, moto ? moto_outputs : embedded_outputs);
  });

  EXPECT_EQ(cfnlocal("delete-stack --stack-name apidiff", moto_state).status, 0);
  EXPECT_EQ(cfnlocal("delete-stack --stack-name apidiff", embedded_state, false).status, 0);
}

/// The network.yaml resources (and its API Gateway V2 VPC link) read back through each backend,
/// whole responses. Normalised: the generated ids (the outputs', the route table
/// association's, the main route table's, the default group's, CIDR block associations') and
/// the members named in `dropped` below with why.
Json observed_network(Backend &backend, const std::map<std::string, std::string> &outputs) {
  std::map<std::string, std::string> ids = {{outputs.at("VpcId"), "VPC"},
                                            {outputs.at("SubnetId"), "SUBNET"},
                                            {outputs.at("GroupId"), "GROUP"},
                                            {outputs.at("GatewayId"), "GATEWAY"},
                                            {outputs.at("TableId"), "TABLE"}};
  std::string vpc = outputs.at("VpcId");
  Json by_vpc = Json::array({{{"Name", "vpc-id"}, {"Values", {vpc}}}});
  Json out;
  out["vpc"] = backend.call("ec2", "DescribeVpcs", Json{{"VpcIds", {vpc}}})["Vpcs"];
  for (const char *attribute : {"enableDnsHostnames", "enableDnsSupport"})
    out[std::string("vpc.") + attribute] =
        backend.call("ec2", "DescribeVpcAttribute", Json{{"VpcId", vpc}, {"Attribute", attribute}});
  out["subnets"] = backend.call("ec2", "DescribeSubnets", Json{{"Filters", by_vpc}})["Subnets"];
  out["groups"] =
      backend.call("ec2", "DescribeSecurityGroups", Json{{"Filters", by_vpc}})["SecurityGroups"];
  out["gateway"] =
      backend.call("ec2", "DescribeInternetGateways",
                   Json{{"InternetGatewayIds", {outputs.at("GatewayId")}}})["InternetGateways"];
  out["tables"] =
      backend.call("ec2", "DescribeRouteTables", Json{{"Filters", by_vpc}})["RouteTables"];
  out["link"] =
      backend.call("apigatewayv2", "GetVpcLink", Json{{"VpcLinkId", outputs.at("LinkId")}});
  ids[outputs.at("LinkId")] = "LINK";
  for (const auto &t : out["tables"]) {
    if (!ids.count(t.value("RouteTableId", "")))
      ids[t.value("RouteTableId", "")] = "MAIN-TABLE";
    for (const auto &a : t.value("Associations", Json::array()))
      ids[a.value("RouteTableAssociationId", "")] = "ASSOCIATION";
  }
  for (auto &g : out["groups"])
    if (!ids.count(g.value("GroupId", ""))) {
      ids[g.value("GroupId", "")] = "DEFAULT-GROUP";
      // AWS's default group admits traffic from its own members (embedded does); moto's has no
      // inbound rule.
      g.erase("IpPermissions");
    }
  ids.erase("");
  static const std::set<std::string> dropped = {
      // moto's new VPCs name the DHCP options "default" (AWS's word for none); AWS and embedded
      // give them the region's default option set, a dopt- id.
      "DhcpOptionsId",
      // AWS reports a subnet's EnableDns64 (false unless set) and a VPC link's status message
      // ("VPC link is ready to route traffic"); moto leaves them out.
      "EnableDns64", "VpcLinkStatusMessage",
      // The VPC link's creation time.
      "CreatedDate"};
  // Ids no output names (CIDR block associations) by their kind; zone ids by their region part,
  // as AWS maps zone names to zone ids per account.
  std::string text = normalised(out, ids, dropped).dump();
  text = std::regex_replace(text, std::regex(R"(\b(vpc-cidr-assoc|subnet-cidr-assoc)-[0-9a-f]+)"),
                            "$1-ID");
  text = std::regex_replace(text, std::regex(R"(\b([a-z]+[0-9])-az[0-9]+\b)"), "$1-azN");
  return Json::parse(text);
}

TEST_F(MotoSuite, NetworkEmbeddedAndMotoAgree) {
  std::string suffix = "netdiff";
  fs::path embedded_state = dir_ / "network-embedded.db";
  fs::path moto_state = dir_ / "network-moto.db";
  std::string args = deploy_args("netdiff", suffix, "", "network.yaml");
  CommandResult embedded = cfnlocal(args, embedded_state, false);
  ASSERT_EQ(embedded.status, 0) << embedded.out << last_lines(log());
  CommandResult moto = cfnlocal(args, moto_state, true);
  ASSERT_EQ(moto.status, 0) << moto.out << last_lines(log());
  auto embedded_outputs = outputs_of(embedded.out);
  auto moto_outputs = outputs_of(moto.out);
  EXPECT_EQ(embedded_outputs.at("Zone"), moto_outputs.at("Zone"));

  // Resource properties, read back through the same operations on each side.
  expect_same_observations(embedded_state, [&](services::Backend &backend, bool moto) {
    return observed_network(backend, moto ? moto_outputs : embedded_outputs);
  });

  EXPECT_EQ(cfnlocal("delete-stack --stack-name netdiff", moto_state).status, 0);
  EXPECT_EQ(cfnlocal("delete-stack --stack-name netdiff", embedded_state, false).status, 0);
}

/// The resources' events oldest first (describe-stack-events lists newest first), without the
/// stack's own.
std::vector<std::pair<std::string, std::string>> events_in_order(const std::string &json) {
  std::vector<std::pair<std::string, std::string>> out;
  Json j = Json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.contains("StackEvents"))
    return out;
  for (const auto &e : j["StackEvents"])
    if (e.value("ResourceType", "") != "AWS::CloudFormation::Stack")
      out.emplace_back(e.value("LogicalResourceId", ""), e.value("ResourceStatus", ""));
  std::reverse(out.begin(), out.end());
  return out;
}

/// Whether some resource started its `action` (CREATE, DELETE) while another one was in progress.
bool steps_overlapped(const std::vector<std::pair<std::string, std::string>> &events,
                      const std::string &action) {
  std::set<std::string> in_progress;
  for (const auto &[id, status] : events) {
    if (status == action + "_IN_PROGRESS") {
      if (!in_progress.empty())
        return true;
      in_progress.insert(id);
    } else if (status == action + "_COMPLETE" || status == action + "_FAILED") {
      in_progress.erase(id);
    }
  }
  return false;
}

TEST_F(MotoSuite, IndependentResourcesOfAnEndpointDeployRunConcurrently) {
  // Twelve independent parameters: their handlers overlap unless --max-concurrency 1.
  fs::path file = dir_ / "wide.json";
  Json resources = Json::object();
  for (int i = 0; i < 12; ++i)
    resources["Param" + std::to_string(i)] = {
        {"Type", "AWS::SSM::Parameter"},
        {"Properties",
         {{"Name", "/wide/${AWS::StackName}/" + std::to_string(i)},
          {"Type", "String"},
          {"Value", "v" + std::to_string(i)}}}};
  for (auto &[id, r] : resources.items())
    r["Properties"]["Name"] = {{"Fn::Sub", r["Properties"]["Name"]}};
  std::ofstream(file) << Json{{"Resources", resources}}.dump();

  for (const std::string concurrency : {"0", "1"}) {
    SCOPED_TRACE("--max-concurrency " + concurrency);
    std::string stack = "wide" + concurrency;
    fs::path state = dir_ / (stack + ".db");
    CommandResult r = cfnlocal("deploy --stack-name " + stack + " --template-file '" +
                                   file.string() + "' --max-concurrency " + concurrency,
                               state);
    ASSERT_EQ(r.status, 0) << r.out << last_lines(log());
    Json found = aws("ssm get-parameters-by-path --path /wide/" + stack);
    ASSERT_TRUE(found.contains("Parameters")) << last_lines(log());
    EXPECT_EQ(found["Parameters"].size(), 12u);
    auto events =
        events_in_order(cfnlocal("describe-stack-events --stack-name " + stack, state).out);
    EXPECT_EQ(std::count(events.begin(), events.end(),
                         std::pair<std::string, std::string>{"Param5", "CREATE_COMPLETE"}),
              1);
    EXPECT_EQ(steps_overlapped(events, "CREATE"), concurrency == "0");
    std::string stack_id = Json::parse(cfnlocal("describe-stacks --stack-name " + stack, state).out,
                                       nullptr, false)["Stacks"][0]
                               .value("StackId", "");
    EXPECT_EQ(cfnlocal("delete-stack --stack-name " + stack, state).status, 0);
    // Deleted stacks are described by id; their deletions overlap on an endpoint too.
    events = events_in_order(cfnlocal("describe-stack-events --stack-name " + stack_id, state).out);
    EXPECT_EQ(std::count(events.begin(), events.end(),
                         std::pair<std::string, std::string>{"Param5", "DELETE_COMPLETE"}),
              1);
    EXPECT_TRUE(steps_overlapped(events, "DELETE"));
    EXPECT_EQ(aws("ssm get-parameters-by-path --path /wide/" + stack)["Parameters"].size(), 0u);
  }
}

} // namespace
} // namespace cfnlocal::services::endpoint

namespace cfnlocal::services::endpoint {
namespace {

TEST_F(MotoSuite, AlarmsCheckedWithTheAwsCliAndAgreeWithEmbedded) {
  std::string args = deploy_args("mon", "mon", "", "monitoring.yaml");
  CommandResult created = cfnlocal(args, dir_ / "mon-moto.db");
  ASSERT_EQ(created.status, 0) << created.out << last_lines(log());
  auto outputs = outputs_of(created.out);
  EXPECT_EQ(outputs["AlarmArn"], "arn:aws:cloudwatch:us-east-1:123456789012:alarm:errors-mon");
  Json alarm = aws("cloudwatch describe-alarms --alarm-names errors-mon");
  ASSERT_EQ(alarm["MetricAlarms"].size(), 1u) << last_lines(log());
  EXPECT_EQ(alarm["MetricAlarms"][0]["Threshold"], 5.0);

  CommandResult updated =
      cfnlocal(deploy_args("mon", "mon", "Threshold=9", "monitoring.yaml"), dir_ / "mon-moto.db");
  ASSERT_EQ(updated.status, 0) << updated.out << last_lines(log());
  EXPECT_EQ(
      aws("cloudwatch describe-alarms --alarm-names errors-mon")["MetricAlarms"][0]["Threshold"],
      9.0);

  // The embedded services answer with the same outputs.
  CommandResult embedded = cfnlocal(args, dir_ / "mon-embedded.db", false);
  ASSERT_EQ(embedded.status, 0) << embedded.out << last_lines(log());
  EXPECT_EQ(outputs_of(embedded.out), outputs);

  ASSERT_EQ(cfnlocal("delete-stack --stack-name mon", dir_ / "mon-moto.db").status, 0);
  EXPECT_TRUE(aws("cloudwatch describe-alarms --alarm-names errors-mon")["MetricAlarms"].empty());
}

/// The Route 53 resources of route53.yaml as each side holds them. Normalised, each for the reason
/// given: ids (Route 53 assigns them; moto's are not "Z..."), the apex NS and SOA values (the name
/// servers are assigned per zone; moto hands every zone ns-2048..2051 and writes its SOA value as
/// a Python dict), the delegation set beyond its four name servers (moto invents an empty Id and a
/// CallerReference for it), an alias record's TTL (moto invents TTL 0; aliases have none) and its
/// target's trailing dot (moto keeps the name as given; Route 53 answers fully qualified), and
/// the health check's version (moto does not count updates). Members are compared whatever their
/// order (moto answers in the XML's order, the embedded side in its record's).
Json observed_route53(Backend &backend, const std::map<std::string, std::string> &outputs) {
  Json out = Json::object();
  const std::string zone = outputs.at("ZoneId");
  Json got = backend.call("route53", "GetHostedZone", {{"Id", zone}});
  Json hz = got["HostedZone"];
  out["zone"] = {{"Name", hz["Name"]},
                 {"Config", hz["Config"]},
                 {"ResourceRecordSetCount", hz["ResourceRecordSetCount"]},
                 {"NameServers", got["DelegationSet"]["NameServers"].size()}};
  Json records = Json::array();
  Json listed = backend.call("route53", "ListResourceRecordSets", {{"HostedZoneId", zone}});
  for (Json r : listed["ResourceRecordSets"]) {
    if (r["Type"] == "NS" || r["Type"] == "SOA") {
      r["ResourceRecords"] = r["ResourceRecords"].size();
    }
    if (r.contains("AliasTarget")) {
      r.erase("TTL");
      r["AliasTarget"].erase("HostedZoneId");
      std::string target = r["AliasTarget"]["DNSName"];
      if (!target.empty() && target.back() == '.')
        target.pop_back();
      r["AliasTarget"]["DNSName"] = target;
    }
    records.push_back(r);
  }
  out["records"] = records;
  out["zone tags"] = backend.call(
      "route53", "ListTagsForResource",
      {{"ResourceType", "hostedzone"}, {"ResourceId", zone}})["ResourceTagSet"]["Tags"];
  const std::string check = outputs.at("CheckId");
  Json hc = backend.call("route53", "GetHealthCheck", {{"HealthCheckId", check}})["HealthCheck"];
  out["health check"] = {{"HealthCheckConfig", hc["HealthCheckConfig"]}};
  out["health check tags"] = backend.call(
      "route53", "ListTagsForResource",
      {{"ResourceType", "healthcheck"}, {"ResourceId", check}})["ResourceTagSet"]["Tags"];
  return Json::parse(nlohmann::json::parse(out.dump()).dump()); // members in name order
}

TEST_F(MotoSuite, Route53EmbeddedAndMotoAgree) {
  fs::path embedded_state = dir_ / "route53-embedded.db";
  fs::path moto_state = dir_ / "route53-moto.db";
  for (const std::string overrides : {"", "Ip=192.0.2.77 Comment=second"}) {
    std::string args = deploy_args("dns", "r53diff", overrides, "route53.yaml");
    CommandResult embedded = cfnlocal(args, embedded_state, false);
    ASSERT_EQ(embedded.status, 0) << embedded.out << last_lines(log());
    CommandResult moto = cfnlocal(args, moto_state, true);
    ASSERT_EQ(moto.status, 0) << moto.out << last_lines(log());
    auto embedded_outputs = outputs_of(embedded.out);
    auto moto_outputs = outputs_of(moto.out);
    EXPECT_EQ(embedded_outputs.at("Www"), moto_outputs.at("Www"));
    EXPECT_EQ(std::count(embedded_outputs.at("NameServerCount").begin(),
                         embedded_outputs.at("NameServerCount").end(), ','),
              3);
    expect_same_observations(embedded_state, [&](services::Backend &backend, bool on_moto) {
      return observed_route53(backend, on_moto ? moto_outputs : embedded_outputs);
    });
  }
  // The records the stack made go with it, and then the zone.
  EXPECT_EQ(cfnlocal("delete-stack --stack-name dns", moto_state).status, 0);
  EXPECT_EQ(cfnlocal("delete-stack --stack-name dns", embedded_state, false).status, 0);
  Json zones = aws("route53 list-hosted-zones-by-name --dns-name r53diff.example.com");
  for (const auto &z : zones.value("HostedZones", Json::array()))
    EXPECT_NE(z.value("Name", ""), "r53diff.example.com.");
  EXPECT_TRUE(aws("route53 list-health-checks").value("HealthChecks", Json::array()).empty());
}

} // namespace
} // namespace cfnlocal::services::endpoint

namespace cfnlocal::services::endpoint {
namespace {

/// The load balancer, target group, listener, rules and certificate of elbv2.yaml as ELB and ACM
/// describe them, with ids named by their role.
Json observed_load_balancing(Backend &backend, const std::map<std::string, std::string> &outputs) {
  std::map<std::string, std::string> ids = {
      {outputs.at("LoadBalancerArn"), "LB"},   {outputs.at("GroupArn"), "TG"},
      {outputs.at("ListenerArn"), "LISTENER"}, {outputs.at("RuleArn"), "RULE"},
      {outputs.at("CertificateArn"), "CERT"},  {outputs.at("VpcId"), "VPC"},
      {outputs.at("SubnetA"), "SUBNET-A"},     {outputs.at("SubnetB"), "SUBNET-B"},
      {outputs.at("LbGroup"), "LB-GROUP"}};
  Json out;
  std::string lb = outputs.at("LoadBalancerArn"), group = outputs.at("GroupArn");
  out["load_balancer"] =
      backend.call("elbv2", "DescribeLoadBalancers", Json{{"LoadBalancerArns", {lb}}});
  out["tags"] = backend.call("elbv2", "DescribeTags", Json{{"ResourceArns", {lb, group}}});
  Json groups = backend.call("elbv2", "DescribeTargetGroups", Json{{"TargetGroupArns", {group}}});
  // moto lists a load balancer once per listener or rule forwarding to the group; AWS once.
  for (auto &g : groups["TargetGroups"]) {
    std::set<std::string> unique;
    for (const auto &arn : g.value("LoadBalancerArns", Json::array()))
      unique.insert(arn.get<std::string>());
    g["LoadBalancerArns"] = Json(std::vector<std::string>(unique.begin(), unique.end()));
  }
  out["target_group"] = groups;
  Json targets = backend.call("elbv2", "DescribeTargetHealth", Json{{"TargetGroupArn", group}});
  // moto echoes the group's "traffic-port" setting where AWS names the port it checks.
  for (auto &t : targets["TargetHealthDescriptions"])
    t.erase("HealthCheckPort");
  out["targets"] = targets;
  Json listener = backend.call("elbv2", "DescribeListeners",
                               Json{{"ListenerArns", {outputs.at("ListenerArn")}}});
  // moto gives HTTP listeners an SSL policy; AWS gives one to HTTPS and TLS listeners only.
  for (auto &l : listener["Listeners"])
    l.erase("SslPolicy");
  out["listener"] = listener;
  out["rules"] =
      backend.call("elbv2", "DescribeRules", Json{{"ListenerArn", outputs.at("ListenerArn")}});
  Json cert = backend.call("acm", "DescribeCertificate",
                           Json{{"CertificateArn", outputs.at("CertificateArn")}})["Certificate"];
  out["certificate"] = cert;
  static const std::set<std::string> dropped = {
      // Times of creation and validity.
      "CreatedTime", "CreatedAt", "IssuedAt", "NotBefore", "NotAfter",
      // moto answers one invented hosted zone id (Z2P70J7EXAMPLE) for every region and type,
      // and leaves out the load balancer's scheme.
      "CanonicalHostedZoneId", "Scheme",
      // moto leaves out the action order and the forward configuration ELB adds to every forward
      // action, and the per-field condition configuration ELB adds next to Values.
      "Order", "ForwardConfig", "PathPatternConfig",
      // moto keeps DNS-validated certificates PENDING_VALIDATION for ever; cfnlocal's ACM issues
      // them at once (nothing can answer the validation locally).
      "Status", "ValidationStatus",
      // Random serials (moto's in decimal); moto signs with SHA512WITHRSA where ACM uses
      // SHA256WITHRSA, and leaves out the key usages.
      "Serial", "SignatureAlgorithm", "KeyUsages", "ExtendedKeyUsages",
      // moto reports ACM's newer export option, which cfnlocal's ACM does not model.
      "Export"};
  std::string text = normalised(out, ids, dropped).dump();
  // DNS names carry a random number (moto always "1"); validation records random hashes; the
  // default rule's id is random (moto's in decimal).
  text = std::regex_replace(text, std::regex(R"(-\d+\.us-east-1\.elb\.amazonaws\.com)"),
                            "-N.us-east-1.elb.amazonaws.com");
  text = std::regex_replace(text, std::regex(R"(_[0-9a-f]{32}\.)"), "_HASH.");
  text = std::regex_replace(text, std::regex(R"(\.[a-z]{10}\.acm-validations)"),
                            ".RANDOM.acm-validations");
  text =
      std::regex_replace(text, std::regex(R"(listener-rule/app/[^"]+)"), "listener-rule/DEFAULT");
  return Json::parse(text);
}

TEST_F(MotoSuite, LoadBalancingEmbeddedAndMotoAgree) {
  std::string suffix = "elbdiff";
  fs::path embedded_state = dir_ / "elbv2-embedded.db";
  fs::path moto_state = dir_ / "elbv2-moto.db";
  std::string args = deploy_args("elbdiff", suffix, "", "elbv2.yaml");
  CommandResult embedded = cfnlocal(args, embedded_state, false);
  ASSERT_EQ(embedded.status, 0) << embedded.out << last_lines(log());
  CommandResult moto = cfnlocal(args, moto_state, true);
  ASSERT_EQ(moto.status, 0) << moto.out << last_lines(log());
  auto embedded_outputs = outputs_of(embedded.out);
  auto moto_outputs = outputs_of(moto.out);
  for (auto *outputs : {&embedded_outputs, &moto_outputs}) {
    const std::string &lb = outputs->at("LoadBalancerArn");
    EXPECT_EQ(outputs->at("LoadBalancerName"), "alb-elbdiff");
    EXPECT_EQ(outputs->at("FullName"), lb.substr(lb.find("app/")));
    // moto repeats the load balancer once per listener or rule (see observed_load_balancing).
    EXPECT_TRUE(outputs->at("GroupLoadBalancers").starts_with(lb))
        << outputs->at("GroupLoadBalancers");
    const std::string &group = outputs->at("GroupArn");
    EXPECT_EQ(outputs->at("GroupFullName"), group.substr(group.find("targetgroup/")));
  }
  expect_same_observations(embedded_state, [&](services::Backend &backend, bool moto) {
    return observed_load_balancing(backend, moto ? moto_outputs : embedded_outputs);
  });
  // An update in place reaches both.
  std::string update = deploy_args("elbdiff", suffix, "HealthPath=/ready", "elbv2.yaml");
  ASSERT_EQ(cfnlocal(update, embedded_state, false).status, 0) << last_lines(log());
  ASSERT_EQ(cfnlocal(update, moto_state, true).status, 0) << last_lines(log());
  Json group = aws("elbv2 describe-target-groups --names tg-elbdiff");
  ASSERT_TRUE(group.contains("TargetGroups")) << last_lines(log());
  EXPECT_EQ(group["TargetGroups"][0]["HealthCheckPath"], "/ready");
  expect_same_observations(embedded_state, [&](services::Backend &backend, bool moto) {
    return observed_load_balancing(backend, moto ? moto_outputs : embedded_outputs);
  });

  EXPECT_EQ(cfnlocal("delete-stack --stack-name elbdiff", moto_state).status, 0);
  EXPECT_EQ(cfnlocal("delete-stack --stack-name elbdiff", embedded_state, false).status, 0);
  EXPECT_TRUE(aws("elbv2 describe-load-balancers")["LoadBalancers"].empty());
}

/// The same IoT registry, certificate and policy calls on either backend, observed as values
/// both should agree on. Normalised only where moto omits or invents, each with its reason.
Json observed_iot(services::Backend &backend, const std::string &suffix) {
  auto error_of = [&](std::string_view op, const Json &in) -> std::string {
    try {
      backend.call("iot", op, in);
    } catch (const ServiceError &e) {
      return e.code();
    }
    return "";
  };
  Json out = Json::object();
  std::string thing = "thing-" + suffix, policy = "policy-" + suffix;
  Json made = backend.call(
      "iot", "CreateThing",
      Json{{"thingName", thing}, {"attributePayload", {{"attributes", {{"room", "kitchen"}}}}}});
  out["thing.arn"] = made["thingArn"];
  // Ids are random on both sides: their shape is what must agree (moto's are UUIDs too).
  out["thing.id-is-uuid"] =
      std::regex_match(made.value("thingId", ""), std::regex("[0-9a-f-]{36}"));
  Json d = backend.call("iot", "DescribeThing", Json{{"thingName", thing}});
  for (const char *f : {"thingName", "thingArn", "attributes", "version", "defaultClientId"})
    out[std::string("thing.") + f] = d[f];
  backend.call("iot", "UpdateThing",
               Json{{"thingName", thing},
                    {"attributePayload", {{"attributes", {{"floor", "2"}}}, {"merge", true}}}});
  // Not the version after the update: moto keeps 1, AWS (and the embedded IoT) count updates.
  out["thing.merged"] =
      backend.call("iot", "DescribeThing", Json{{"thingName", thing}})["attributes"];
  out["thing.missing"] = error_of("DescribeThing", Json{{"thingName", "none-" + suffix}});

  Json cert = backend.call("iot", "CreateKeysAndCertificate", Json{{"setAsActive", true}});
  std::string id = cert["certificateId"], arn = cert["certificateArn"];
  out["cert.arn"] = arn == "arn:aws:iot:us-east-1:123456789012:cert/" + id;
  out["cert.id-is-sha256-hex"] = std::regex_match(id, std::regex("[0-9a-f]{64}"));
  out["cert.pem"] = cert.value("certificatePem", "").rfind("-----BEGIN CERTIFICATE-----", 0) == 0;
  Json desc = backend.call("iot", "DescribeCertificate",
                           Json{{"certificateId", id}})["certificateDescription"];
  for (const char *f : {"certificateId", "certificateArn", "status", "certificatePem"})
    out[std::string("cert.describe.") + f] = desc[f] == cert.value(f, desc[f]);
  out["cert.status"] = desc["status"];

  std::string document =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:*","Resource":"*"}]})";
  Json p = backend.call("iot", "CreatePolicy",
                        Json{{"policyName", policy}, {"policyDocument", document}});
  for (const char *f : {"policyName", "policyArn", "policyVersionId"})
    out[std::string("policy.") + f] = p[f];
  out["policy.document"] = Json::parse(p.value("policyDocument", "{}"));
  backend.call("iot", "CreatePolicyVersion",
               Json{{"policyName", policy}, {"policyDocument", document}, {"setAsDefault", true}});
  out["policy.default"] =
      backend.call("iot", "GetPolicy", Json{{"policyName", policy}})["defaultVersionId"];
  Json versions = backend.call("iot", "ListPolicyVersions", Json{{"policyName", policy}});
  for (const auto &v : versions["policyVersions"])
    out["policy.version." + v.value("versionId", "") + ".default"] = v["isDefaultVersion"];

  backend.call("iot", "AttachPolicy", Json{{"policyName", policy}, {"target", arn}});
  backend.call("iot", "AttachThingPrincipal", Json{{"thingName", thing}, {"principal", arn}});
  out["attached.policies"] =
      backend.call("iot", "ListAttachedPolicies", Json{{"target", arn}})["policies"];
  // The certificate's ARN is random on each side: that the lists hold exactly it must agree.
  out["attached.targets"] =
      backend.call("iot", "ListTargetsForPolicy", Json{{"policyName", policy}})["targets"] ==
      Json::array({arn});
  out["attached.principals"] =
      backend.call("iot", "ListThingPrincipals", Json{{"thingName", thing}})["principals"] ==
      Json::array({arn});
  out["attached.things"] =
      backend.call("iot", "ListPrincipalThings", Json{{"principal", arn}})["things"];

  // What the attachments and the ACTIVE status refuse.
  out["refused.delete-thing"] = error_of("DeleteThing", Json{{"thingName", thing}});
  out["refused.delete-active-cert"] = error_of("DeleteCertificate", Json{{"certificateId", id}});
  out["refused.delete-attached-policy"] = error_of("DeletePolicy", Json{{"policyName", policy}});

  // The corpus templates' teardown order succeeds on both.
  backend.call("iot", "DetachThingPrincipal", Json{{"thingName", thing}, {"principal", arn}});
  backend.call("iot", "DetachPolicy", Json{{"policyName", policy}, {"target", arn}});
  backend.call("iot", "UpdateCertificate", Json{{"certificateId", id}, {"newStatus", "INACTIVE"}});
  backend.call("iot", "DeleteCertificate", Json{{"certificateId", id}, {"forceDelete", true}});
  backend.call("iot", "DeletePolicyVersion",
               Json{{"policyName", policy}, {"policyVersionId", "1"}});
  backend.call("iot", "DeletePolicy", Json{{"policyName", policy}});
  backend.call("iot", "DeleteThing", Json{{"thingName", thing}});
  out["gone.thing"] = error_of("DescribeThing", Json{{"thingName", thing}});
  out["gone.policy"] = error_of("GetPolicy", Json{{"policyName", policy}});
  out["gone.cert"] = error_of("DescribeCertificate", Json{{"certificateId", id}});

  std::string endpoint = backend.call("iot", "DescribeEndpoint",
                                      Json{{"endpointType", "iot:Data-ATS"}})["endpointAddress"];
  out["endpoint.ats-shape"] =
      std::regex_match(endpoint, std::regex("[a-z0-9]+-ats\\.iot\\.us-east-1\\.amazonaws\\.com"));
  return out;
}

TEST_F(MotoSuite, IotEmbeddedAndMotoAgree) {
  expect_same_observations(dir_ / "iot-embedded.db", [](services::Backend &backend, bool) {
    return observed_iot(backend, "iotdiff");
  });
}

} // namespace
} // namespace cfnlocal::services::endpoint
