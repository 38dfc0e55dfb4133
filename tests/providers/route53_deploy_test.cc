// The AWS::Route53 types deployed through the engine onto the embedded Route 53: hosted zones
// (Ref and GetAtt Id / NameServers, comment, tags and VPCs updated in place), record sets by
// HostedZoneId and HostedZoneName (UPSERT updates, a new Type in one atomic batch, a new Name
// replaced), record set groups, health checks, deletes, a failing change batch giving the stack
// Route 53's message, and parameters of type AWS::Route53::HostedZone::Id checked to exist.
#include "tests/providers/service_deploy_fixture.h"

#include <gmock/gmock.h>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;
using ::testing::HasSubstr;

namespace {

class Route53DeployTest : public ServiceDeployTest {
protected:
  std::string zone_id_named(const std::string &name) {
    Json listed = call("route53", "ListHostedZonesByName", {{"DNSName", name}});
    for (const auto &z : listed["HostedZones"])
      if (z["Name"] == name)
        return z["Id"].get<std::string>().substr(12);
    return "";
  }
  /// "NAME TYPE [SETID] VALUE,VALUE|alias:TARGET TTL" lines of the zone's record sets, apex SOA
  /// and NS left out.
  std::vector<std::string> records(const std::string &zone_id) {
    std::vector<std::string> out;
    Json listed = call("route53", "ListResourceRecordSets", {{"HostedZoneId", zone_id}});
    for (const auto &r : listed["ResourceRecordSets"]) {
      if (r["Type"] == "SOA" || r["Type"] == "NS")
        continue;
      std::string line = r["Name"].get<std::string>() + " " + r["Type"].get<std::string>();
      if (r.contains("SetIdentifier"))
        line += " " + r["SetIdentifier"].get<std::string>();
      if (r.contains("AliasTarget")) {
        line += " alias:" + r["AliasTarget"]["DNSName"].get<std::string>();
      } else {
        std::string values;
        for (const auto &v : r["ResourceRecords"])
          values += (values.empty() ? "" : ",") + v["Value"].get<std::string>();
        line += " " + values + " " + std::to_string(r["TTL"].get<int64_t>());
      }
      out.push_back(line);
    }
    return out;
  }
};

const char *kTemplate = R"(
Parameters:
  Ip:
    Type: String
    Default: 192.0.2.1
  WwwType:
    Type: String
    Default: A
  WwwName:
    Type: String
    Default: www.example.com.
  Comment:
    Type: String
    Default: first
  Team:
    Type: String
    Default: core
  Threshold:
    Type: Number
    Default: 3
Resources:
  Zone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: example.com
      HostedZoneConfig: {Comment: !Ref Comment}
      HostedZoneTags: [{Key: team, Value: !Ref Team}]
  Www:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneId: !Ref Zone
      Name: !Ref WwwName
      Type: !Ref WwwType
      TTL: "300"
      ResourceRecords:
        - !If [IsA, !Ref Ip, "\"text\""]
  Txt:
    Type: AWS::Route53::RecordSet
    DependsOn: Zone
    Properties:
      HostedZoneName: example.com.
      Name: _verify.example.com
      Type: TXT
      TTL: 60
      ResourceRecords: ['"token"']
  Weighted:
    Type: AWS::Route53::RecordSetGroup
    Properties:
      HostedZoneId: !Ref Zone
      Comment: weighted pair
      RecordSets:
        - {Name: w.example.com, Type: A, SetIdentifier: one, Weight: 10, TTL: 60, ResourceRecords: [10.0.0.1]}
        - {Name: w.example.com, Type: A, SetIdentifier: two, Weight: 20, TTL: 60, ResourceRecords: [10.0.0.2]}
        - Name: example.com
          Type: A
          AliasTarget: {HostedZoneId: !Ref Zone, DNSName: w.example.com, EvaluateTargetHealth: false}
  Check:
    Type: AWS::Route53::HealthCheck
    Properties:
      HealthCheckConfig:
        Type: HTTP
        IPAddress: !Ref Ip
        ResourcePath: /health
        FailureThreshold: !Ref Threshold
      HealthCheckTags: [{Key: Name, Value: web}]
Conditions:
  IsA: !Equals [!Ref WwwType, A]
Outputs:
  ZoneId: {Value: !Ref Zone}
  ZoneAttId: {Value: !GetAtt Zone.Id}
  NameServers: {Value: !Join [",", !GetAtt Zone.NameServers]}
  Www: {Value: !Ref Www}
  Txt: {Value: !Ref Txt}
  Group: {Value: !Ref Weighted}
  CheckId: {Value: !GetAtt Check.HealthCheckId}
  CheckRef: {Value: !Ref Check}
)";

} // namespace

TEST_F(Route53DeployTest, CreateUpdateReplaceAndDelete) {
  auto created = deploy("dns", kTemplate);
  ASSERT_TRUE(created.succeeded) << created.message;
  std::string zone = zone_id_named("example.com.");
  ASSERT_FALSE(zone.empty());
  EXPECT_EQ(output(created, "ZoneId"), zone);
  EXPECT_EQ(output(created, "ZoneAttId"), zone);
  Json got = call("route53", "GetHostedZone", {{"Id", zone}});
  std::string servers;
  for (const auto &s : got["DelegationSet"]["NameServers"])
    servers += (servers.empty() ? "" : ",") + s.get<std::string>();
  EXPECT_EQ(output(created, "NameServers"), servers);
  EXPECT_EQ(got["HostedZone"]["Config"]["Comment"], "first");
  EXPECT_EQ(output(created, "Www"), "www.example.com.");
  EXPECT_EQ(output(created, "Txt"), "_verify.example.com");
  EXPECT_THAT(output(created, "Group"), ::testing::StartsWith("dns-Weighted-"));
  std::string check = output(created, "CheckId");
  EXPECT_EQ(output(created, "CheckRef"), check);
  EXPECT_EQ(records(zone), (std::vector<std::string>{"example.com. A alias:w.example.com.",
                                                     "_verify.example.com. TXT \"token\" 60",
                                                     "w.example.com. A one 10.0.0.1 60",
                                                     "w.example.com. A two 10.0.0.2 60",
                                                     "www.example.com. A 192.0.2.1 300"}));
  EXPECT_EQ(call("route53", "ListTagsForResource",
                 {{"ResourceType", "hostedzone"}, {"ResourceId", zone}})["ResourceTagSet"]["Tags"],
            Json::parse(R"([{"Key":"team","Value":"core"}])"));
  Json hc = call("route53", "GetHealthCheck", {{"HealthCheckId", check}})["HealthCheck"];
  EXPECT_EQ(hc["HealthCheckConfig"]["FailureThreshold"], 3);
  EXPECT_EQ(hc["HealthCheckConfig"]["Port"], 80);

  // In place: the zone's comment and tags, the record's value (UPSERT), the health check.
  auto updated =
      deploy("dns", kTemplate,
             {{"Ip", "192.0.2.99"}, {"Comment", "second"}, {"Team", "web"}, {"Threshold", "5"}});
  ASSERT_TRUE(updated.succeeded) << updated.message;
  EXPECT_EQ(zone_id_named("example.com."), zone);
  EXPECT_EQ(output(updated, "ZoneId"), zone);
  EXPECT_EQ(call("route53", "GetHostedZone", {{"Id", zone}})["HostedZone"]["Config"]["Comment"],
            "second");
  EXPECT_EQ(call("route53", "ListTagsForResource",
                 {{"ResourceType", "hostedzone"}, {"ResourceId", zone}})["ResourceTagSet"]["Tags"],
            Json::parse(R"([{"Key":"team","Value":"web"}])"));
  EXPECT_EQ(records(zone).back(), "www.example.com. A 192.0.2.99 300");
  hc = call("route53", "GetHealthCheck", {{"HealthCheckId", check}})["HealthCheck"];
  EXPECT_EQ(output(updated, "CheckId"), check);
  EXPECT_EQ(hc["HealthCheckConfig"]["FailureThreshold"], 5);
  EXPECT_EQ(hc["HealthCheckConfig"]["IPAddress"], "192.0.2.99");
  EXPECT_EQ(hc["HealthCheckVersion"], 2);

  // A new Type: the old record set goes and the new one comes in one batch.
  auto retyped = deploy("dns", kTemplate, {{"WwwType", "TXT"}});
  ASSERT_TRUE(retyped.succeeded) << retyped.message;
  EXPECT_EQ(records(zone).back(), "www.example.com. TXT \"text\" 300");
  EXPECT_EQ(records(zone).size(), 5u);

  // A new Name replaces the record set: created first, the old one deleted in the cleanup.
  auto renamed = deploy("dns", kTemplate, {{"WwwType", "TXT"}, {"WwwName", "web.example.com"}});
  ASSERT_TRUE(renamed.succeeded) << renamed.message;
  EXPECT_EQ(output(renamed, "Www"), "web.example.com");
  auto now = records(zone);
  EXPECT_THAT(now, ::testing::Contains("web.example.com. TXT \"text\" 300"));
  EXPECT_THAT(now, ::testing::Not(::testing::Contains("www.example.com. TXT \"text\" 300")));

  auto deleted = remove("dns");
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_TRUE(call("route53", "ListHostedZones")["HostedZones"].empty());
  EXPECT_TRUE(call("route53", "ListHealthChecks")["HealthChecks"].empty());
}

TEST_F(Route53DeployTest, AFailingChangeBatchFailsTheStackWithRoute53sMessage) {
  std::string zone =
      call("route53", "CreateHostedZone",
           {{"Name", "example.com"}, {"CallerReference", "outside"}})["HostedZone"]["Id"]
          .get<std::string>()
          .substr(12);
  call("route53", "ChangeResourceRecordSets",
       {{"HostedZoneId", zone},
        {"ChangeBatch",
         {{"Changes",
           {{{"Action", "CREATE"},
             {"ResourceRecordSet",
              {{"Name", "taken.example.com"},
               {"Type", "A"},
               {"TTL", 60},
               {"ResourceRecords", {{{"Value", "192.0.2.1"}}}}}}}}}}}});
  const std::string tmpl = R"(
Parameters:
  ZoneId:
    Type: AWS::Route53::HostedZone::Id
Resources:
  Ok:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneId: !Ref ZoneId
      Name: ok.example.com
      Type: A
      TTL: 60
      ResourceRecords: [192.0.2.2]
  Taken:
    Type: AWS::Route53::RecordSet
    DependsOn: Ok
    Properties:
      HostedZoneId: !Ref ZoneId
      Name: taken.example.com
      Type: A
      TTL: 60
      ResourceRecords: [192.0.2.3]
)";
  auto created = deploy("clash", tmpl, {{"ZoneId", zone}});
  EXPECT_FALSE(created.succeeded);
  EXPECT_EQ(created.stack.status, "ROLLBACK_COMPLETE");
  EXPECT_THAT(reason("Taken", "CREATE_FAILED"),
              HasSubstr("[Tried to create resource record set [name='taken.example.com.', "
                        "type='A'] but it already exists]"));
  // The rollback removed what the stack made and left what it did not.
  EXPECT_EQ(records(zone), (std::vector<std::string>{"taken.example.com. A 192.0.2.1 60"}));

  // A zone id that does not exist is refused before anything runs, as CloudFormation does.
  try {
    deploy("missing", tmpl, {{"ZoneId", "ZNOSUCHZONE1234"}});
    ADD_FAILURE() << "a hosted zone that does not exist was accepted";
  } catch (const Error &e) {
    EXPECT_EQ(e.message(), "Parameter validation failed: parameter value ZNOSUCHZONE1234 for "
                           "parameter name ZoneId does not exist");
  }
}

TEST_F(Route53DeployTest, HostedZoneNameMustNameExactlyOneZone) {
  const std::string tmpl = R"(
Resources:
  Rec:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneName: nowhere.example.
      Name: a.nowhere.example
      Type: A
      TTL: 60
      ResourceRecords: [192.0.2.1]
)";
  auto created = deploy("byname", tmpl);
  EXPECT_FALSE(created.succeeded);
  EXPECT_THAT(reason("Rec", "CREATE_FAILED"),
              HasSubstr("No hosted zones named nowhere.example. found"));
}

TEST_F(Route53DeployTest, PrivateZoneOnATemplateVpc) {
  const std::string tmpl = R"(
Parameters:
  Second:
    Type: String
    Default: "no"
Conditions:
  Both: !Equals [!Ref Second, "yes"]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Other:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.1.0.0/16}
  Zone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: corp.internal
      VPCs:
        - {VPCId: !Ref Vpc, VPCRegion: !Ref "AWS::Region"}
        - !If [Both, {VPCId: !Ref Other, VPCRegion: !Ref "AWS::Region"}, !Ref "AWS::NoValue"]
Outputs:
  Servers: {Value: !Join [",", !GetAtt Zone.NameServers]}
)";
  auto created = deploy("private", tmpl);
  ASSERT_TRUE(created.succeeded) << created.message;
  EXPECT_EQ(output(created, "Servers"), "");
  std::string zone = zone_id_named("corp.internal.");
  Json got = call("route53", "GetHostedZone", {{"Id", zone}});
  EXPECT_EQ(got["HostedZone"]["Config"]["PrivateZone"], true);
  EXPECT_EQ(got["VPCs"].size(), 1u);
  auto both = deploy("private", tmpl, {{"Second", "yes"}});
  ASSERT_TRUE(both.succeeded) << both.message;
  EXPECT_EQ(call("route53", "GetHostedZone", {{"Id", zone}})["VPCs"].size(), 2u);
  auto back = deploy("private", tmpl, {{"Second", "no"}});
  ASSERT_TRUE(back.succeeded) << back.message;
  EXPECT_EQ(call("route53", "GetHostedZone", {{"Id", zone}})["VPCs"].size(), 1u);
  ASSERT_TRUE(remove("private").succeeded);
}
