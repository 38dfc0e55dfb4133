// The endpoint backend with a fake transport: retries, errors, signing, routing, and the
// credential / region chain.
#include "services/endpoint/aws_config.h"
#include "services/endpoint/endpoint_backend.h"

#include <gtest/gtest.h>

#include <deque>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace cfnlocal::services::endpoint {
namespace {

/// Answers from a script; records what it was sent.
class ScriptedClient : public HttpClient {
public:
  std::deque<std::function<HttpResponse()>> script;
  std::vector<HttpRequest> sent;
  HttpResponse send(const HttpRequest &request) override {
    sent.push_back(request);
    auto next = script.front();
    if (script.size() > 1)
      script.pop_front();
    return next();
  }
};

HttpResponse reply(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

struct Harness {
  ScriptedClient *client = nullptr;
  std::vector<std::chrono::milliseconds> sleeps;
  std::unique_ptr<EndpointBackend> backend;

  explicit Harness(EndpointOptions options = {}) {
    auto c = std::make_unique<ScriptedClient>();
    client = c.get();
    if (options.default_url.empty() && options.service_urls.empty())
      options.default_url = "http://127.0.0.1:5000";
    options.credentials = {"AKID", "SECRET", ""};
    RetryPolicy retry;
    retry.sleep = [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
    retry.random = [] { return 0.5; };
    backend = std::make_unique<EndpointBackend>(options, nullptr, std::move(c), retry,
                                                [] { return int64_t{1440938160}; });
  }
};

const char *kParameter = R"({"Parameter":{"Name":"/a","Value":"v"}})";

TEST(EndpointBackend, SignsAndSendsToTheEndpoint) {
  Harness h;
  h.client->script.push_back([] { return reply(200, kParameter); });
  Json out = h.backend->call("ssm", "GetParameter", Json{{"Name", "/a"}});
  EXPECT_EQ(out["Parameter"]["Value"], "v");
  ASSERT_EQ(h.client->sent.size(), 1u);
  const HttpRequest &r = h.client->sent[0];
  EXPECT_EQ(r.url(), "http://127.0.0.1:5000/");
  EXPECT_EQ(r.headers.at("X-Amz-Date"), "20150830T123600Z");
  EXPECT_EQ(r.headers.at("Authorization")
                .rfind("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/ssm/aws4_request", 0),
            0u);
}

TEST(EndpointBackend, RetriesServerErrorsWithBackoff) {
  Harness h;
  h.client->script = {[] { return reply(503, ""); }, [] { return reply(500, ""); },
                      [] { return reply(200, kParameter); }};
  Json out = h.backend->call("ssm", "GetParameter", Json{{"Name", "/a"}});
  EXPECT_EQ(out["Parameter"]["Name"], "/a");
  EXPECT_EQ(h.client->sent.size(), 3u);
  // Full jitter over min(1 s * 2^(attempt-1), 20 s); the test's random is 0.5.
  ASSERT_EQ(h.sleeps.size(), 2u);
  EXPECT_EQ(h.sleeps[0].count(), 500);
  EXPECT_EQ(h.sleeps[1].count(), 1000);
}

TEST(EndpointBackend, GivesUpAfterThreeThrottledAttempts) {
  Harness h;
  h.client->script = {
      [] { return reply(400, R"({"__type":"ThrottlingException","message":"Rate exceeded"})"); }};
  try {
    h.backend->call("ssm", "GetParameter", Json{{"Name", "/a"}});
    FAIL() << "expected a ServiceError";
  } catch (const ServiceError &e) {
    EXPECT_EQ(e.code(), "ThrottlingException");
    EXPECT_EQ(e.message(), "Rate exceeded");
  }
  EXPECT_EQ(h.client->sent.size(), 3u);
}

TEST(EndpointBackend, ClientErrorsAreNotRetried) {
  Harness h;
  h.client->script = {
      [] { return reply(400, R"({"__type":"ParameterNotFound","message":"no /a"})"); }};
  try {
    h.backend->call("ssm", "GetParameter", Json{{"Name", "/a"}});
    FAIL();
  } catch (const ServiceError &e) {
    EXPECT_EQ(e.code(), "ParameterNotFound");
    EXPECT_EQ(e.http_status(), 400);
  }
  EXPECT_EQ(h.client->sent.size(), 1u);
}

TEST(EndpointBackend, ConnectionFailuresBecomeEndpointConnectionError) {
  Harness h;
  h.client->script = {[]() -> HttpResponse { throw TransportError("Connection refused"); }};
  try {
    h.backend->call("ssm", "GetParameter", Json{{"Name", "/a"}});
    FAIL();
  } catch (const ServiceError &e) {
    EXPECT_EQ(e.code(), "EndpointConnectionError");
    EXPECT_NE(e.message().find("Connection refused"), std::string::npos);
  }
  EXPECT_EQ(h.client->sent.size(), 3u);
}

TEST(EndpointBackend, PerServiceUrlsAndAwsEndpoints) {
  EndpointOptions o;
  o.region = "eu-west-1";
  o.service_urls["s3"] = "http://localhost:4566/";
  Harness h(o);
  h.client->script = {[] { return reply(200, ""); }};
  h.backend->call("s3", "HeadBucket", Json{{"Bucket", "b"}});
  EXPECT_EQ(h.client->sent.back().url(), "http://localhost:4566/b");
  // Outside the region us-east-1 S3 needs the bucket's location.
  h.backend->call("s3", "CreateBucket", Json{{"Bucket", "b"}});
  EXPECT_NE(h.client->sent.back().body.find("<LocationConstraint>eu-west-1</LocationConstraint>"),
            std::string::npos);
  // Services without a URL go to AWS (IAM's endpoint is global).
  EXPECT_EQ(h.backend->target_for(*service_model("ssm")).host, "ssm.eu-west-1.amazonaws.com");
  EXPECT_EQ(h.backend->target_for(*service_model("iam")).host, "iam.amazonaws.com");
  EXPECT_THROW(target_from_url("localhost:4566"), std::invalid_argument);
}

TEST(EndpointBackend, GlobalServicesAreSignedForUsEast1AndRestXmlBodiesCarryTheirNamespace) {
  EndpointOptions o;
  o.region = "eu-west-1";
  Harness h(o);
  h.client->script = {[] { return reply(200, ""); }, [] { return reply(200, kParameter); }};
  h.backend->call("route53", "ChangeResourceRecordSets",
                  Json{{"HostedZoneId", "Z1"},
                       {"ChangeBatch",
                        {{"Changes",
                          {{{"Action", "UPSERT"},
                            {"ResourceRecordSet",
                             {{"Name", "a.example.com"},
                              {"Type", "A"},
                              {"TTL", 60},
                              {"ResourceRecords", {{{"Value", "192.0.2.1"}}}}}}}}}}}});
  const HttpRequest &sent = h.client->sent.back();
  EXPECT_EQ(sent.url(), "http://127.0.0.1:5000/2013-04-01/hostedzone/Z1/rrset/");
  EXPECT_NE(sent.headers.at("Authorization").find("/us-east-1/route53/aws4_request"),
            std::string::npos);
  EXPECT_NE(sent.body.find("<ChangeResourceRecordSetsRequest "
                           "xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"),
            std::string::npos)
      << sent.body;
  EXPECT_NE(sent.body.find("<ResourceRecord><Value>192.0.2.1</Value></ResourceRecord>"),
            std::string::npos)
      << sent.body;
  // Regional services keep the region.
  h.backend->call("ssm", "GetParameter", Json{{"Name", "/a"}});
  EXPECT_NE(h.client->sent.back().headers.at("Authorization").find("/eu-west-1/ssm/aws4_request"),
            std::string::npos);
}

TEST(EndpointBackend, AccountFromStsAndUnknownServices) {
  Harness h;
  h.client->script = {[] {
    return reply(200, "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>210987654321"
                      "</Account></GetCallerIdentityResult></GetCallerIdentityResponse>");
  }};
  EXPECT_EQ(h.backend->account_id(), "210987654321");
  EXPECT_EQ(h.backend->account_id(), "210987654321");
  EXPECT_EQ(h.client->sent.size(), 1u); // asked once
  try {
    h.backend->call("nosuch", "Op", Json::object());
    FAIL();
  } catch (const ServiceError &e) {
    EXPECT_EQ(e.code(), "InvalidAction");
  }
}

TEST(EndpointBackend, CloudControlRecordsOfServiceTypesFailClearly) {
  Harness h;
  try {
    h.backend->call("cloudcontrol", "CreateResource",
                    Json{{"TypeName", "AWS::SQS::Queue"}, {"DesiredState", "{}"}});
    FAIL();
  } catch (const ServiceError &e) {
    EXPECT_EQ(e.code(), "UnsupportedActionException");
    EXPECT_NE(e.message().find("AWS::SQS::Queue"), std::string::npos);
    EXPECT_NE(e.message().find("http://127.0.0.1:5000"), std::string::npos);
  }
  EXPECT_TRUE(h.client->sent.empty());
}

// --- credentials and region ---

class AwsConfigTest : public ::testing::Test {
protected:
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("cfnlocal-awsconfig-" + std::to_string(getpid()));
  std::map<std::string, std::string> vars;
  EnvLookup env = [this](const char *name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end() || it->second.empty())
      return std::nullopt;
    return it->second;
  };
  void SetUp() override {
    std::filesystem::create_directories(dir / ".aws");
    vars["HOME"] = dir.string();
    std::ofstream(dir / ".aws/credentials")
        << "[default]\naws_access_key_id = DEF\n"
           "aws_secret_access_key = defsecret\n\n[dev]\n"
           "aws_access_key_id=DEV\naws_secret_access_key=devsecret\n"
           "aws_session_token=tok\n";
    std::ofstream(dir / ".aws/config")
        << "[default]\nregion = eu-central-1\n"
           "[profile dev]\nregion=ap-south-1\n"
           "[profile cfgonly]\naws_access_key_id=CFG\n"
           "aws_secret_access_key=cfgsecret\ns3 =\n  max_concurrent_requests = 2\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
};

TEST_F(AwsConfigTest, EnvironmentFirst) {
  vars["AWS_ACCESS_KEY_ID"] = "ENV";
  vars["AWS_SECRET_ACCESS_KEY"] = "envsecret";
  vars["AWS_SESSION_TOKEN"] = "envtoken";
  vars["AWS_REGION"] = "us-west-2";
  auto c = resolve_credentials(env);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->access_key_id, "ENV");
  EXPECT_EQ(c->session_token, "envtoken");
  EXPECT_EQ(resolve_region(env), "us-west-2");
  vars.erase("AWS_REGION");
  vars["AWS_DEFAULT_REGION"] = "us-west-1";
  EXPECT_EQ(resolve_region(env), "us-west-1");
}

TEST_F(AwsConfigTest, ProfilesFromTheSharedFiles) {
  auto c = resolve_credentials(env);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->access_key_id, "DEF");
  EXPECT_EQ(resolve_region(env), "eu-central-1");
  vars["AWS_PROFILE"] = "dev";
  c = resolve_credentials(env);
  EXPECT_EQ(c->access_key_id, "DEV");
  EXPECT_EQ(c->session_token, "tok");
  EXPECT_EQ(resolve_region(env), "ap-south-1");
  vars["AWS_PROFILE"] = "cfgonly"; // keys in the config file's [profile cfgonly]
  c = resolve_credentials(env);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->access_key_id, "CFG");
  vars["AWS_PROFILE"] = "missing";
  EXPECT_FALSE(resolve_credentials(env));
}

TEST_F(AwsConfigTest, FileLocationsFromTheEnvironment) {
  std::ofstream(dir / "creds") << "[default]\naws_access_key_id=ALT\naws_secret_access_key=s\n";
  std::ofstream(dir / "conf") << "[default]\nregion=sa-east-1\n";
  vars["AWS_SHARED_CREDENTIALS_FILE"] = (dir / "creds").string();
  vars["AWS_CONFIG_FILE"] = (dir / "conf").string();
  EXPECT_EQ(resolve_credentials(env)->access_key_id, "ALT");
  EXPECT_EQ(resolve_region(env), "sa-east-1");
}

} // namespace
} // namespace cfnlocal::services::endpoint
