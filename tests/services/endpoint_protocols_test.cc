// Serialisation and parsing per protocol, with the bundled botocore models.
#include "services/endpoint/protocols.h"
#include "services/endpoint/service_model.h"
#include "services/endpoint/wire_format.h"

#include <gtest/gtest.h>

namespace cfnlocal::services::endpoint {
namespace {

const ServiceModel &model(const char *service) {
  const ServiceModel *m = service_model(service);
  EXPECT_NE(m, nullptr) << service;
  return *m;
}

Target local() {
  Target t;
  t.scheme = "http";
  t.host = "127.0.0.1:5000";
  t.custom = true;
  return t;
}

std::string query_value(const HttpRequest &r, const std::string &name) {
  for (const auto &[k, v] : r.query)
    if (k == name)
      return v;
  return "<absent>";
}

bool has_query(const HttpRequest &r, const std::string &name) {
  return query_value(r, name) != "<absent>";
}

HttpResponse response(int status, std::string body, Headers headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

TEST(EndpointModels, BundleHasEveryProviderService) {
  for (const char *s :
       {"s3", "ssm", "secretsmanager", "sqs", "sns", "dynamodb", "iam", "lambda", "logs", "kms",
        "events", "stepfunctions", "kinesis", "apigateway", "apigatewayv2", "ec2", "sts"}) {
    const ServiceModel *m = service_model(s);
    ASSERT_NE(m, nullptr) << s;
    EXPECT_FALSE(m->protocol().empty()) << s;
  }
  EXPECT_EQ(model("s3").protocol(), "rest-xml");
  EXPECT_EQ(model("ec2").protocol(), "ec2");
  EXPECT_EQ(model("iam").global_endpoint(), "iam.amazonaws.com");
  EXPECT_EQ(model("ssm").target_prefix(), "AmazonSSM");
  EXPECT_EQ(service_model("nosuchservice"), nullptr);
}

// --- query ---

TEST(EndpointModels, BodyMembersLeaveOutUriAndHeaderMembers) {
  // UpdateRoute's ApiId and RouteId are URI labels: what is left is what the route holds.
  EXPECT_EQ(body_members("apigatewayv2", "UpdateRoute"),
            (std::vector<std::string>{"ApiKeyRequired", "AuthorizationScopes", "AuthorizationType",
                                      "AuthorizerId", "ModelSelectionExpression", "OperationName",
                                      "RequestModels", "RequestParameters", "RouteKey",
                                      "RouteResponseSelectionExpression", "Target"}));
  EXPECT_THROW(body_members("apigatewayv2", "NoSuchOperation"), std::out_of_range);
  EXPECT_THROW(body_members("nosuchservice", "UpdateRoute"), std::out_of_range);
}

TEST(QueryProtocol, SerialisesStructuresListsAndMaps) {
  Json input{{"RoleName", "r1"},
             {"AssumeRolePolicyDocument", "{\"Version\":\"2012-10-17\"}"},
             {"Tags", Json::array({{{"Key", "k"}, {"Value", "v w"}}})}};
  HttpRequest r = serialise_request(model("iam"), "CreateRole", input, local());
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.headers["Content-Type"], "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_NE(r.body.find("Action=CreateRole&Version=2010-05-08"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("RoleName=r1"), std::string::npos);
  EXPECT_NE(r.body.find("Tags.member.1.Key=k"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("Tags.member.1.Value=v%20w"), std::string::npos) << r.body;
  // A map: SNS attributes are entry.N.key / entry.N.value.
  HttpRequest s =
      serialise_request(model("sns"), "CreateTopic",
                        Json{{"Name", "t"}, {"Attributes", {{"DisplayName", "d"}}}}, local());
  EXPECT_NE(s.body.find("Attributes.entry.1.key=DisplayName"), std::string::npos) << s.body;
  EXPECT_NE(s.body.find("Attributes.entry.1.value=d"), std::string::npos) << s.body;
}

TEST(QueryProtocol, ParsesResultWrapperAndErrors) {
  const char *body =
      R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:sts::123456789012:user/moto</Arn>
    <UserId>AKIAIOSFODNN7EXAMPLE</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>)";
  Json out = parse_response(model("sts"), "GetCallerIdentity", response(200, body));
  EXPECT_EQ(out["Account"], "123456789012");
  EXPECT_EQ(out["Arn"], "arn:aws:sts::123456789012:user/moto");

  const char *list = R"(<ListRolesResponse><ListRolesResult><IsTruncated>false</IsTruncated>
  <Roles><member><RoleName>a</RoleName><CreateDate>2024-01-02T03:04:05Z</CreateDate>
  <MaxSessionDuration>3600</MaxSessionDuration></member><member><RoleName>b</RoleName></member></Roles>
  </ListRolesResult></ListRolesResponse>)";
  Json roles = parse_response(model("iam"), "ListRoles", response(200, list));
  ASSERT_EQ(roles["Roles"].size(), 2u);
  EXPECT_EQ(roles["Roles"][0]["RoleName"], "a");
  EXPECT_EQ(roles["Roles"][0]["CreateDate"], "2024-01-02T03:04:05.000Z");
  EXPECT_EQ(roles["Roles"][0]["MaxSessionDuration"], 3600);
  EXPECT_EQ(roles["IsTruncated"], false);

  const char *error = R"(<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code>
  <Message>The role with name x cannot be found.</Message></Error></ErrorResponse>)";
  ServiceError e = parse_error(model("iam"), response(404, error));
  EXPECT_EQ(e.code(), "NoSuchEntity");
  EXPECT_EQ(e.message(), "The role with name x cannot be found.");
  EXPECT_EQ(e.http_status(), 404);
}

// --- ec2 ---

TEST(Ec2Protocol, FlattenedListsAndItemSets) {
  Json input{{"Filters", Json::array({{{"Name", "vpc-id"}, {"Values", {"vpc-1", "vpc-2"}}}})},
             {"VpcIds", {"vpc-1"}}};
  HttpRequest r = serialise_request(model("ec2"), "DescribeVpcs", input, local());
  EXPECT_NE(r.body.find("Action=DescribeVpcs&Version=2016-11-15"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("Filter.1.Name=vpc-id"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("Filter.1.Value.1=vpc-1"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("Filter.1.Value.2=vpc-2"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("VpcId.1=vpc-1"), std::string::npos) << r.body;

  const char *body = R"(<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>r</requestId><vpcSet><item><vpcId>vpc-1</vpcId><cidrBlock>10.0.0.0/16</cidrBlock>
  <isDefault>false</isDefault><tagSet><item><key>Name</key><value>n</value></item></tagSet></item>
  </vpcSet></DescribeVpcsResponse>)";
  Json out = parse_response(model("ec2"), "DescribeVpcs", response(200, body));
  ASSERT_EQ(out["Vpcs"].size(), 1u);
  EXPECT_EQ(out["Vpcs"][0]["VpcId"], "vpc-1");
  EXPECT_EQ(out["Vpcs"][0]["IsDefault"], false);
  EXPECT_EQ(out["Vpcs"][0]["Tags"][0]["Key"], "Name");

  const char *error = R"(<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code>
  <Message>The vpc ID 'vpc-9' does not exist</Message></Error></Errors><RequestID>x</RequestID></Response>)";
  ServiceError e = parse_error(model("ec2"), response(400, error));
  EXPECT_EQ(e.code(), "InvalidVpcID.NotFound");
  EXPECT_EQ(e.message(), "The vpc ID 'vpc-9' does not exist");
}

// --- json ---

TEST(JsonProtocol, TargetHeaderBodyAndTimestamps) {
  HttpRequest r = serialise_request(
      model("ssm"), "PutParameter",
      Json{{"Name", "/a"}, {"Value", "v"}, {"Type", "String"}, {"Overwrite", true}}, local());
  EXPECT_EQ(r.path, "/");
  EXPECT_EQ(r.headers["X-Amz-Target"], "AmazonSSM.PutParameter");
  EXPECT_EQ(r.headers["Content-Type"], "application/x-amz-json-1.1");
  Json body = Json::parse(r.body);
  EXPECT_EQ(body["Name"], "/a");
  EXPECT_EQ(body["Overwrite"], true);

  Json out = parse_response(model("ssm"), "GetParameter",
                            response(200, R"({"Parameter":{"Name":"/a","Value":"v","Version":1,)"
                                          R"("LastModifiedDate":1700000000.5}})"));
  EXPECT_EQ(out["Parameter"]["Value"], "v");
  EXPECT_EQ(out["Parameter"]["LastModifiedDate"], "2023-11-14T22:13:20.500Z");

  // Secrets Manager fills its idempotency token as the SDKs do.
  HttpRequest s = serialise_request(model("secretsmanager"), "CreateSecret",
                                    Json{{"Name", "n"}, {"SecretString", "x"}}, local());
  EXPECT_EQ(Json::parse(s.body)["ClientRequestToken"].get<std::string>().size(), 36u);
}

TEST(JsonProtocol, Errors) {
  ServiceError e = parse_error(
      model("ssm"),
      response(400, R"({"__type":"com.amazonaws.ssm#ParameterNotFound","message":"gone"})"));
  EXPECT_EQ(e.code(), "ParameterNotFound");
  EXPECT_EQ(e.message(), "gone");
  ServiceError t = parse_error(
      model("dynamodb"), response(400, R"({"__type":"ThrottlingException","Message":"slow"})"));
  EXPECT_EQ(t.code(), "ThrottlingException");
  EXPECT_EQ(t.message(), "slow");
}

// --- rest-json ---

TEST(RestJsonProtocol, UriQueryAndBody) {
  HttpRequest r = serialise_request(model("lambda"), "GetFunction",
                                    Json{{"FunctionName", "my fn"}, {"Qualifier", "1"}}, local());
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.path, "/2015-03-31/functions/my%20fn");
  EXPECT_EQ(query_value(r, "Qualifier"), "1");
  EXPECT_TRUE(r.body.empty());

  HttpRequest c = serialise_request(
      model("lambda"), "CreateAlias",
      Json{{"FunctionName", "f"}, {"Name", "live"}, {"FunctionVersion", "1"}}, local());
  EXPECT_EQ(c.method, "POST");
  EXPECT_EQ(c.path, "/2015-03-31/functions/f/aliases");
  Json body = Json::parse(c.body);
  EXPECT_EQ(body["Name"], "live");
  EXPECT_FALSE(body.contains("FunctionName")); // a URI member never repeats in the body
  EXPECT_EQ(c.headers["Content-Type"], "application/json");

  Json out = parse_response(model("lambda"), "GetAlias",
                            response(200, R"({"Name":"live","FunctionVersion":"1"})"));
  EXPECT_EQ(out["FunctionVersion"], "1");

  ServiceError e = parse_error(
      model("lambda"),
      response(404, R"({"Type":"User","Message":"Function not found"})",
               Headers{{"x-amzn-ErrorType", "ResourceNotFoundException:http://internal/"}}));
  EXPECT_EQ(e.code(), "ResourceNotFoundException");
  EXPECT_EQ(e.message(), "Function not found");
}

// --- rest-xml (S3) ---

TEST(RestXmlProtocol, PathStyleOnCustomEndpointsVirtualHostOnAws) {
  HttpRequest r =
      serialise_request(model("s3"), "HeadBucket", Json{{"Bucket", "my-bucket"}}, local());
  EXPECT_EQ(r.method, "HEAD");
  EXPECT_EQ(r.host, "127.0.0.1:5000");
  EXPECT_EQ(r.path, "/my-bucket");

  Target aws;
  aws.host = "s3.eu-west-1.amazonaws.com";
  HttpRequest v = serialise_request(model("s3"), "GetObject",
                                    Json{{"Bucket", "my-bucket"}, {"Key", "a/b c.txt"}}, aws);
  EXPECT_EQ(v.host, "my-bucket.s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(v.path, "/a/b%20c.txt"); // the greedy key label keeps its slashes
}

TEST(RestXmlProtocol, PayloadStructureAsXmlWithNamespace) {
  HttpRequest r = serialise_request(
      model("s3"), "PutBucketVersioning",
      Json{{"Bucket", "b"}, {"VersioningConfiguration", {{"Status", "Enabled"}}}}, local());
  EXPECT_EQ(r.method, "PUT");
  EXPECT_EQ(r.path, "/b");
  EXPECT_TRUE(has_query(r, "versioning"));
  EXPECT_NE(
      r.body.find("<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                  "<Status>Enabled</Status></VersioningConfiguration>"),
      std::string::npos)
      << r.body;

  // Lists: TagSet wraps <Tag> members; lifecycle rules are a flattened list of <Rule>.
  HttpRequest t = serialise_request(
      model("s3"), "PutBucketTagging",
      Json{{"Bucket", "b"}, {"Tagging", {{"TagSet", {{{"Key", "k"}, {"Value", "v"}}}}}}}, local());
  EXPECT_NE(t.body.find("<TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet>"),
            std::string::npos)
      << t.body;
  EXPECT_FALSE(t.headers["Content-MD5"].empty()); // S3 requires it for tagging
  HttpRequest l = serialise_request(model("s3"), "PutBucketLifecycleConfiguration",
                                    Json{{"Bucket", "b"},
                                         {"LifecycleConfiguration",
                                          {{"Rules",
                                            {{{"ID", "r1"},
                                              {"Status", "Enabled"},
                                              {"Filter", {{"Prefix", ""}}},
                                              {"Expiration", {{"Days", 3}}}}}}}}},
                                    local());
  EXPECT_NE(l.body.find("<Rule><Expiration><Days>3</Days></Expiration><ID>r1</ID>"),
            std::string::npos)
      << l.body;
}

TEST(RestXmlProtocol, CreateBucketConfigurationHeadersAndMetadata) {
  HttpRequest c = serialise_request(
      model("s3"), "CreateBucket",
      Json{{"Bucket", "b"}, {"CreateBucketConfiguration", {{"LocationConstraint", "eu-west-1"}}}},
      local());
  EXPECT_NE(
      c.body.find("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                  "<LocationConstraint>eu-west-1</LocationConstraint>"),
      std::string::npos)
      << c.body;
  HttpRequest p = serialise_request(model("s3"), "PutObject",
                                    Json{{"Bucket", "b"},
                                         {"Key", "k"},
                                         {"Body", "raw bytes"},
                                         {"ContentType", "text/plain"},
                                         {"Metadata", {{"color", "blue"}}}},
                                    local());
  EXPECT_EQ(p.path, "/b/k");
  EXPECT_EQ(p.body, "raw bytes");
  EXPECT_EQ(p.headers["Content-Type"], "text/plain");
  EXPECT_EQ(p.headers["x-amz-meta-color"], "blue");
}

TEST(RestXmlProtocol, ParsesBodiesHeadersAndPayloads) {
  Json tags = parse_response(
      model("s3"), "GetBucketTagging",
      response(200,
               R"(<?xml version="1.0"?><Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
      <TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>)"));
  ASSERT_EQ(tags["TagSet"].size(), 1u);
  EXPECT_EQ(tags["TagSet"][0]["Key"], "a");

  Json head = parse_response(model("s3"), "HeadObject",
                             response(200, "",
                                      Headers{{"Content-Length", "42"},
                                              {"Last-Modified", "Sun, 30 Aug 2015 12:36:00 GMT"},
                                              {"x-amz-meta-color", "blue"},
                                              {"ETag", "\"abc\""}}));
  EXPECT_EQ(head["ContentLength"], 42);
  EXPECT_EQ(head["LastModified"], "2015-08-30T12:36:00.000Z");
  EXPECT_EQ(head["Metadata"]["color"], "blue");
  EXPECT_EQ(head["ETag"], "\"abc\"");

  Json get = parse_response(model("s3"), "GetObject", response(200, "hello"));
  EXPECT_EQ(get["Body"], "hello");

  Json list =
      parse_response(model("s3"), "ListBuckets",
                     response(200, R"(<ListAllMyBucketsResult><Buckets><Bucket><Name>x</Name>
      <CreationDate>2024-01-01T00:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>)"));
  EXPECT_EQ(list["Buckets"][0]["Name"], "x");
}

TEST(RestXmlProtocol, Errors) {
  ServiceError e = parse_error(model("s3"), response(404, R"(<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>b</BucketName></Error>)"));
  EXPECT_EQ(e.code(), "NoSuchBucket");
  EXPECT_EQ(e.message(), "The specified bucket does not exist");
  // A HEAD has no body: the status says what happened.
  ServiceError head = parse_error(model("s3"), response(404, ""));
  EXPECT_EQ(head.code(), "NotFound");
  EXPECT_EQ(head.http_status(), 404);
}

TEST(WireFormat, Timestamps) {
  EXPECT_EQ(parse_timestamp("2015-08-30T12:36:00Z"), 1440938160000);
  EXPECT_EQ(parse_timestamp("2015-08-30T14:36:00.250+02:00"), 1440938160250);
  EXPECT_EQ(parse_timestamp("Sun, 30 Aug 2015 12:36:00 GMT"), 1440938160000);
  EXPECT_EQ(parse_timestamp("1440938160"), 1440938160000);
  EXPECT_EQ(parse_timestamp("not a date"), std::nullopt);
  EXPECT_EQ(iso8601_millis(1440938160250), "2015-08-30T12:36:00.250Z");
  EXPECT_EQ(rfc822(1440938160000), "Sun, 30 Aug 2015 12:36:00 GMT");
  EXPECT_EQ(base64_encode("hello"), "aGVsbG8=");
  EXPECT_EQ(base64_decode("aGVsbG8="), "hello");
  EXPECT_EQ(uri_encode("a b/c~"), "a%20b%2Fc~");
  EXPECT_EQ(uri_encode("a b/c", true), "a%20b/c");
}

} // namespace
} // namespace cfnlocal::services::endpoint
