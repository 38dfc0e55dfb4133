// The embedded Route 53: hosted zones (CallerReference idempotency, canonical names, apex SOA and
// NS, delegation sets, private zones on VPCs of the embedded EC2), atomic change batches with
// Route 53's InvalidChangeBatch and InvalidInput messages, the listing order and paging of
// record sets, changes, health checks and tags; and real boto3 clients through the HTTP front
// (data/route53_clients.py).
#include "services/http_front/http_front.h"
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>

namespace cfnlocal::services {
namespace {

using ::testing::HasSubstr;

class Route53Test : public EmbeddedTest {
protected:
  /// A public zone; returns its id without "/hostedzone/".
  std::string zone(const std::string &name, const std::string &caller = "") {
    Json out = call("route53", "CreateHostedZone",
                    {{"Name", name}, {"CallerReference", caller.empty() ? name : caller}});
    return out["HostedZone"]["Id"].get<std::string>().substr(12);
  }
  static Json change(const std::string &action, Json rrset) {
    return Json{{"Action", action}, {"ResourceRecordSet", std::move(rrset)}};
  }
  static Json a_record(const std::string &name, const std::string &ip, int ttl = 300) {
    return Json{
        {"Name", name}, {"Type", "A"}, {"TTL", ttl}, {"ResourceRecords", {{{"Value", ip}}}}};
  }
  /// The error code of a batch ("" when it succeeds).
  std::string batch_error(const std::string &zone_id, Json changes) {
    return error_of(
        "route53", "ChangeResourceRecordSets",
        {{"HostedZoneId", zone_id}, {"ChangeBatch", {{"Changes", std::move(changes)}}}});
  }
  void batch(const std::string &zone_id, Json changes) {
    call("route53", "ChangeResourceRecordSets",
         {{"HostedZoneId", zone_id}, {"ChangeBatch", {{"Changes", std::move(changes)}}}});
  }
  std::vector<std::string> names_and_types(const std::string &zone_id,
                                           Json extra = Json::object()) {
    Json in = {{"HostedZoneId", zone_id}};
    in.update(extra);
    std::vector<std::string> out;
    Json listed = call("route53", "ListResourceRecordSets", in);
    for (const auto &r : listed["ResourceRecordSets"])
      out.push_back(
          r["Name"].get<std::string>() + " " + r["Type"].get<std::string>() +
          (r.contains("SetIdentifier") ? " " + r["SetIdentifier"].get<std::string>() : ""));
    return out;
  }
};

TEST_F(Route53Test, HostedZoneLifecycle) {
  Json created = call("route53", "CreateHostedZone",
                      {{"Name", "Example.COM"},
                       {"CallerReference", "ref-1"},
                       {"HostedZoneConfig", {{"Comment", "first"}}}});
  const Json &hz = created["HostedZone"];
  std::string id = hz["Id"].get<std::string>().substr(12);
  EXPECT_THAT(hz["Id"].get<std::string>(), ::testing::StartsWith("/hostedzone/Z"));
  EXPECT_EQ(id.size(), 21u);
  EXPECT_EQ(hz["Name"], "example.com.");
  EXPECT_EQ(hz["Config"]["Comment"], "first");
  EXPECT_EQ(hz["Config"]["PrivateZone"], false);
  EXPECT_EQ(hz["ResourceRecordSetCount"], 2);
  EXPECT_EQ(created["Location"], "https://route53.amazonaws.com/2013-04-01/hostedzone/" + id);
  EXPECT_EQ(created["ChangeInfo"]["Status"], "PENDING");
  const Json &servers = created["DelegationSet"]["NameServers"];
  ASSERT_EQ(servers.size(), 4u);
  EXPECT_THAT(servers[0].get<std::string>(),
              ::testing::MatchesRegex("ns-[0-9]+\\.awsdns-[0-9]{2}\\.com"));
  EXPECT_THAT(servers[3].get<std::string>(), ::testing::EndsWith(".co.uk"));

  // The same caller reference is the same request: refused, whatever the name.
  EXPECT_EQ(error_of("route53", "CreateHostedZone",
                     {{"Name", "other.com"}, {"CallerReference", "ref-1"}}),
            "HostedZoneAlreadyExists");
  EXPECT_EQ(last_status_, 409);
  // Another zone of the same name is allowed (a new caller reference).
  std::string twin = zone("example.com", "ref-2");
  EXPECT_NE(twin, id);

  // The apex SOA and NS, listed NS first (type order).
  auto records =
      call("route53", "ListResourceRecordSets", {{"HostedZoneId", id}})["ResourceRecordSets"];
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0]["Type"], "NS");
  EXPECT_EQ(records[0]["TTL"], 172800);
  EXPECT_EQ(records[0]["ResourceRecords"][0]["Value"], servers[0].get<std::string>() + ".");
  EXPECT_EQ(records[1]["Type"], "SOA");
  EXPECT_EQ(records[1]["ResourceRecords"][0]["Value"],
            servers[0].get<std::string>() +
                ". awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400");

  // Ids with or without the prefix.
  Json got = call("route53", "GetHostedZone", {{"Id", "/hostedzone/" + id}});
  EXPECT_EQ(got["DelegationSet"]["NameServers"], servers);
  EXPECT_FALSE(got.contains("VPCs"));
  call("route53", "UpdateHostedZoneComment", {{"Id", id}, {"Comment", "second"}});
  EXPECT_EQ(call("route53", "GetHostedZone", {{"Id", id}})["HostedZone"]["Config"]["Comment"],
            "second");
  call("route53", "UpdateHostedZoneComment", {{"Id", id}});
  EXPECT_FALSE(
      call("route53", "GetHostedZone", {{"Id", id}})["HostedZone"]["Config"].contains("Comment"));
  EXPECT_EQ(call("route53", "GetHostedZoneCount")["HostedZoneCount"], 2);

  // A zone with records of its own cannot go.
  batch(id, {change("CREATE", a_record("www.example.com", "192.0.2.1"))});
  EXPECT_EQ(error_of("route53", "DeleteHostedZone", {{"Id", id}}), "HostedZoneNotEmpty");
  EXPECT_EQ(last_error_, "The specified hosted zone contains non-required resource record sets "
                         "and so cannot be deleted.");
  batch(id, {change("DELETE", a_record("www.example.com", "192.0.2.1"))});
  Json deleted = call("route53", "DeleteHostedZone", {{"Id", id}});
  EXPECT_THAT(deleted["ChangeInfo"]["Id"].get<std::string>(), ::testing::StartsWith("/change/C"));
  EXPECT_EQ(error_of("route53", "GetHostedZone", {{"Id", id}}), "NoSuchHostedZone");
  EXPECT_EQ(last_error_, "No hosted zone found with ID: " + id);
  EXPECT_EQ(last_status_, 404);
  // Malformed input is InvalidInput, as Route 53 names it.
  EXPECT_EQ(error_of("route53", "CreateHostedZone", {{"Name", "x.com"}}), "InvalidInput");
  EXPECT_EQ(error_of("route53", "GetHostedZone", {{"Id", std::string(40, 'Z')}}), "InvalidInput");
}

TEST_F(Route53Test, ListingZonesInIdOrderAndByReversedName) {
  for (const char *name : {"b.example.org", "example.com", "a.example.com", "z.net"})
    zone(name);
  Json first = call("route53", "ListHostedZones", {{"MaxItems", "3"}});
  EXPECT_EQ(first["HostedZones"].size(), 3u);
  EXPECT_EQ(first["IsTruncated"], true);
  EXPECT_EQ(first["MaxItems"], "3");
  Json rest = call("route53", "ListHostedZones", {{"Marker", first["NextMarker"]}});
  EXPECT_EQ(rest["HostedZones"].size(), 1u);
  EXPECT_EQ(rest["IsTruncated"], false);

  auto names = [](const Json &out) {
    std::vector<std::string> v;
    for (const auto &z : out["HostedZones"])
      v.push_back(z["Name"]);
    return v;
  };
  // com.example < com.example.a < net.z < org.example.b
  EXPECT_EQ(
      names(call("route53", "ListHostedZonesByName")),
      (std::vector<std::string>{"example.com.", "a.example.com.", "z.net.", "b.example.org."}));
  Json page =
      call("route53", "ListHostedZonesByName", {{"DNSName", "a.example.com"}, {"MaxItems", "2"}});
  EXPECT_EQ(names(page), (std::vector<std::string>{"a.example.com.", "z.net."}));
  EXPECT_EQ(page["NextDNSName"], "b.example.org.");
  EXPECT_EQ(page["DNSName"], "a.example.com.");
  EXPECT_EQ(error_of("route53", "ListHostedZonesByName", {{"HostedZoneId", "Z1"}}), "InvalidInput");
}

TEST_F(Route53Test, PrivateZonesOnVpcsOfTheEmbeddedEc2) {
  std::string vpc = call("ec2", "CreateVpc", {{"CidrBlock", "10.0.0.0/16"}})["Vpc"]["VpcId"];
  std::string other = call("ec2", "CreateVpc", {{"CidrBlock", "10.1.0.0/16"}})["Vpc"]["VpcId"];
  EXPECT_EQ(error_of("route53", "CreateHostedZone",
                     {{"Name", "internal"},
                      {"CallerReference", "p0"},
                      {"VPC", {{"VPCId", "vpc-0000000000000dead"}, {"VPCRegion", "us-east-1"}}}}),
            "InvalidVPCId");
  EXPECT_EQ(error_of("route53", "CreateHostedZone",
                     {{"Name", "internal"},
                      {"CallerReference", "p0"},
                      {"HostedZoneConfig", {{"PrivateZone", true}}}}),
            "InvalidInput");
  Json created = call("route53", "CreateHostedZone",
                      {{"Name", "internal"},
                       {"CallerReference", "p1"},
                       {"VPC", {{"VPCId", vpc}, {"VPCRegion", "us-east-1"}}}});
  std::string id = created["HostedZone"]["Id"].get<std::string>().substr(12);
  EXPECT_EQ(created["HostedZone"]["Config"]["PrivateZone"], true);
  EXPECT_FALSE(created.contains("DelegationSet"));
  EXPECT_EQ(created["VPC"]["VPCId"], vpc);
  // Two private zones of one name cannot share a VPC.
  EXPECT_EQ(error_of("route53", "CreateHostedZone",
                     {{"Name", "internal."},
                      {"CallerReference", "p2"},
                      {"VPC", {{"VPCId", vpc}, {"VPCRegion", "us-east-1"}}}}),
            "ConflictingDomainExists");

  Json vpc_in = {{"VPCId", other}, {"VPCRegion", "us-east-1"}};
  call("route53", "AssociateVPCWithHostedZone", {{"HostedZoneId", id}, {"VPC", vpc_in}});
  Json got = call("route53", "GetHostedZone", {{"Id", id}});
  EXPECT_EQ(got["VPCs"].size(), 2u);
  EXPECT_FALSE(got.contains("DelegationSet"));
  EXPECT_EQ(call("route53", "ListHostedZonesByVPC",
                 {{"VPCId", other}, {"VPCRegion", "us-east-1"}})["HostedZoneSummaries"][0]["Name"],
            "internal.");
  call("route53", "DisassociateVPCFromHostedZone", {{"HostedZoneId", id}, {"VPC", vpc_in}});
  EXPECT_EQ(
      error_of("route53", "DisassociateVPCFromHostedZone", {{"HostedZoneId", id}, {"VPC", vpc_in}}),
      "VPCAssociationNotFound");
  EXPECT_EQ(error_of("route53", "DisassociateVPCFromHostedZone",
                     {{"HostedZoneId", id}, {"VPC", {{"VPCId", vpc}, {"VPCRegion", "us-east-1"}}}}),
            "LastVPCAssociation");
  EXPECT_EQ(
      call("route53", "ListHostedZones", {{"HostedZoneType", "PrivateHostedZone"}})["HostedZones"]
          .size(),
      1u);
  // Public zones take no VPC.
  std::string pub = zone("public.com");
  EXPECT_EQ(
      error_of("route53", "AssociateVPCWithHostedZone", {{"HostedZoneId", pub}, {"VPC", vpc_in}}),
      "PublicZoneVPCAssociation");
}

TEST_F(Route53Test, ChangeBatchesAreAtomicWithRoute53Messages) {
  std::string id = zone("example.com");
  batch(id, {change("CREATE", a_record("www.example.com", "192.0.2.1"))});

  EXPECT_EQ(batch_error(id, {change("CREATE", a_record("www.example.com.", "192.0.2.2"))}),
            "InvalidChangeBatch");
  EXPECT_EQ(last_error_, "[Tried to create resource record set [name='www.example.com.', "
                         "type='A'] but it already exists]");
  EXPECT_EQ(batch_error(id, {change("DELETE", a_record("gone.example.com", "192.0.2.1"))}),
            "InvalidChangeBatch");
  EXPECT_EQ(last_error_, "[Tried to delete resource record set [name='gone.example.com.', "
                         "type='A'] but it was not found]");
  EXPECT_EQ(batch_error(id, {change("DELETE", a_record("www.example.com", "192.0.2.9"))}),
            "InvalidChangeBatch");
  EXPECT_EQ(last_error_, "[Tried to delete resource record set [name='www.example.com.', "
                         "type='A'] but the values provided do not match the current values]");
  EXPECT_EQ(batch_error(id, {change("CREATE", a_record("www.other.com", "192.0.2.1"))}),
            "InvalidChangeBatch");
  EXPECT_EQ(last_error_,
            "[RRSet with DNS name www.other.com. is not permitted in zone example.com.]");
  Json cname = {{"Name", "example.com"},
                {"Type", "CNAME"},
                {"TTL", 60},
                {"ResourceRecords", {{{"Value", "target.example.net"}}}}};
  EXPECT_EQ(batch_error(id, {change("CREATE", cname)}), "InvalidChangeBatch");
  EXPECT_EQ(last_error_, "[RRSet of type CNAME with DNS name example.com. is not permitted at apex "
                         "in zone example.com.]");
  cname["Name"] = "www.example.com";
  EXPECT_EQ(batch_error(id, {change("CREATE", cname)}), "InvalidChangeBatch");
  EXPECT_EQ(last_error_, "[RRSet of type CNAME with DNS name www.example.com. is not permitted as "
                         "it conflicts with other records with the same DNS name in zone "
                         "example.com.]");
  EXPECT_EQ(batch_error(id, {change("CREATE", a_record("bad.example.com", "300.1.1.1"))}),
            "InvalidChangeBatch");
  EXPECT_THAT(last_error_, HasSubstr("ARRDATAIllegalIPv4Address"));
  Json txt = {{"Name", "t.example.com"},
              {"Type", "TXT"},
              {"TTL", 60},
              {"ResourceRecords", {{{"Value", "unquoted"}}}}};
  EXPECT_EQ(batch_error(id, {change("CREATE", txt)}), "InvalidChangeBatch");
  EXPECT_THAT(last_error_, HasSubstr("Value should be enclosed in quotation marks"));
  // The apex SOA and NS stay.
  Json soa =
      call("route53", "ListResourceRecordSets", {{"HostedZoneId", id}})["ResourceRecordSets"][1];
  EXPECT_EQ(batch_error(id, {change("DELETE", soa)}), "InvalidChangeBatch");
  EXPECT_EQ(last_error_, "[A HostedZone must contain exactly one SOA record.]");

  // Malformed changes are InvalidInput.
  Json no_ttl = {
      {"Name", "x.example.com"}, {"Type", "A"}, {"ResourceRecords", {{{"Value", "192.0.2.1"}}}}};
  EXPECT_EQ(batch_error(id, {change("CREATE", no_ttl)}), "InvalidInput");
  EXPECT_EQ(last_error_, "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and "
                         "ResourceRecords], or TrafficPolicyInstanceId], but found none in Change "
                         "with [Action=CREATE, Name=x.example.com., Type=A, SetIdentifier=null]");
  Json both = a_record("x.example.com", "192.0.2.1");
  both["AliasTarget"] = {
      {"HostedZoneId", id}, {"DNSName", "www.example.com"}, {"EvaluateTargetHealth", false}};
  EXPECT_EQ(batch_error(id, {change("CREATE", both)}), "InvalidInput");
  EXPECT_THAT(last_error_, HasSubstr("but found more than one"));
  Json weighted = a_record("w.example.com", "192.0.2.1");
  weighted["Weight"] = 10;
  EXPECT_EQ(batch_error(id, {change("CREATE", weighted)}), "InvalidInput");
  EXPECT_THAT(last_error_, HasSubstr("Missing field 'SetIdentifier'"));
  EXPECT_EQ(batch_error(id, {change("MERGE", a_record("m.example.com", "192.0.2.1"))}),
            "InvalidInput");

  // A batch with one bad change leaves the zone as it was; all problems are listed.
  EXPECT_EQ(batch_error(id, {change("CREATE", a_record("new.example.com", "192.0.2.5")),
                             change("CREATE", a_record("www.example.com", "192.0.2.5")),
                             change("DELETE", a_record("nope.example.com", "192.0.2.5"))}),
            "InvalidChangeBatch");
  EXPECT_THAT(last_error_, HasSubstr("already exists, Tried to delete"));
  EXPECT_EQ(names_and_types(id), (std::vector<std::string>{"example.com. NS", "example.com. SOA",
                                                           "www.example.com. A"}));

  // UPSERT replaces; DELETE then CREATE of one name in one batch works in order.
  batch(id, {change("UPSERT", a_record("www.example.com", "192.0.2.7", 60))});
  Json www =
      call("route53", "ListResourceRecordSets",
           {{"HostedZoneId", id}, {"StartRecordName", "www.example.com"}, {"MaxItems", "1"}});
  EXPECT_EQ(www["ResourceRecordSets"][0]["TTL"], 60);
  batch(id,
        {change("DELETE", a_record("www.example.com", "192.0.2.7", 60)), change("CREATE", cname)});
  EXPECT_EQ(names_and_types(id).back(), "www.example.com. CNAME");
}

TEST_F(Route53Test, RoutingPoliciesAliasesAndWildcards) {
  std::string id = zone("example.com");
  auto weighted = [](const std::string &set, int weight) {
    Json r = a_record("w.example.com", "192.0.2.1");
    r["SetIdentifier"] = set;
    r["Weight"] = weight;
    return r;
  };
  batch(id, {change("CREATE", weighted("one", 10)), change("CREATE", weighted("two", 20))});
  EXPECT_EQ(batch_error(id, {change("CREATE", a_record("w.example.com", "192.0.2.3"))}),
            "InvalidChangeBatch");
  EXPECT_EQ(last_error_,
            "[RRSet with DNS name w.example.com., type A cannot be created as weighted "
            "sets exist with the same name and type.]");
  Json latency = a_record("w.example.com", "192.0.2.1");
  latency["SetIdentifier"] = "three";
  latency["Region"] = "us-east-1";
  EXPECT_EQ(batch_error(id, {change("CREATE", latency)}), "InvalidChangeBatch");
  EXPECT_THAT(last_error_, HasSubstr("SetIdentifier three cannot be created as a non-latency set"));
  EXPECT_EQ(batch_error(id, {change("CREATE", weighted("one", 5))}), "InvalidChangeBatch");
  EXPECT_EQ(last_error_, "[Tried to create resource record set [name='w.example.com.', type='A', "
                         "set-identifier='one'] but it already exists]");

  // An alias to a record of the same zone must find its target.
  Json alias = {{"Name", "example.com"},
                {"Type", "A"},
                {"AliasTarget",
                 {{"HostedZoneId", "/hostedzone/" + id},
                  {"DNSName", "missing.example.com"},
                  {"EvaluateTargetHealth", false}}}};
  EXPECT_EQ(batch_error(id, {change("CREATE", alias)}), "InvalidChangeBatch");
  EXPECT_EQ(last_error_, "[Tried to create an alias that targets missing.example.com., type A in "
                         "zone " +
                             id + ", but that target was not found]");
  alias["AliasTarget"]["DNSName"] = "W.example.com.";
  batch(id, {change("CREATE", alias)});
  // Aliases to other services' zones are taken as given.
  Json elb = {{"Name", "lb.example.com"},
              {"Type", "A"},
              {"AliasTarget",
               {{"HostedZoneId", "Z35SXDOTRQ7X7K"},
                {"DNSName", "my-lb-1.us-east-1.elb.amazonaws.com"},
                {"EvaluateTargetHealth", true}}}};
  batch(id, {change("CREATE", elb)});
  Json star = a_record("*.example.com", "192.0.2.9");
  batch(id, {change("CREATE", star)});
  // "*" and "\052" are one name; Route 53 answers with the escape.
  EXPECT_EQ(batch_error(id, {change("CREATE", a_record("\\052.example.com", "192.0.2.9"))}),
            "InvalidChangeBatch");

  EXPECT_EQ(names_and_types(id),
            (std::vector<std::string>{"example.com. A", "example.com. NS", "example.com. SOA",
                                      "\\052.example.com. A", "lb.example.com. A",
                                      "w.example.com. A one", "w.example.com. A two"}));
  Json listed =
      call("route53", "ListResourceRecordSets", {{"HostedZoneId", id}})["ResourceRecordSets"];
  EXPECT_EQ(
      listed[0]["AliasTarget"],
      Json({{"HostedZoneId", id}, {"DNSName", "w.example.com."}, {"EvaluateTargetHealth", false}}));

  // Paging: StartRecordName / Type / Identifier and the Next* of a truncated page.
  Json page =
      call("route53", "ListResourceRecordSets",
           {{"HostedZoneId", id}, {"StartRecordName", "lb.example.com"}, {"MaxItems", "2"}});
  EXPECT_EQ(page["ResourceRecordSets"].size(), 2u);
  EXPECT_EQ(page["IsTruncated"], true);
  EXPECT_EQ(page["NextRecordName"], "w.example.com.");
  EXPECT_EQ(page["NextRecordType"], "A");
  EXPECT_EQ(page["NextRecordIdentifier"], "two");
  EXPECT_EQ(names_and_types(id, {{"StartRecordName", page["NextRecordName"]},
                                 {"StartRecordType", page["NextRecordType"]},
                                 {"StartRecordIdentifier", page["NextRecordIdentifier"]}}),
            (std::vector<std::string>{"w.example.com. A two"}));
  EXPECT_EQ(names_and_types(id, {{"StartRecordName", "example.com"}, {"StartRecordType", "NS"}})[0],
            "example.com. NS");
  EXPECT_EQ(error_of("route53", "ListResourceRecordSets",
                     {{"HostedZoneId", id}, {"StartRecordType", "A"}}),
            "InvalidInput");
}

TEST_F(Route53Test, ChangesAreInSyncWhenAskedFor) {
  std::string id = zone("example.com");
  Json out = call("route53", "ChangeResourceRecordSets",
                  {{"HostedZoneId", id},
                   {"ChangeBatch",
                    {{"Comment", "add www"},
                     {"Changes", {change("CREATE", a_record("www.example.com", "192.0.2.1"))}}}}});
  EXPECT_EQ(out["ChangeInfo"]["Status"], "PENDING");
  EXPECT_EQ(out["ChangeInfo"]["Comment"], "add www");
  Json got = call("route53", "GetChange", {{"Id", out["ChangeInfo"]["Id"]}})["ChangeInfo"];
  EXPECT_EQ(got["Status"], "INSYNC");
  EXPECT_EQ(got["Id"], out["ChangeInfo"]["Id"]);
  EXPECT_EQ(got["SubmittedAt"], out["ChangeInfo"]["SubmittedAt"]);
  EXPECT_EQ(error_of("route53", "GetChange", {{"Id", "CNOSUCHCHANGE"}}), "NoSuchChange");
  EXPECT_EQ(last_status_, 404);
}

TEST_F(Route53Test, HealthChecksAndTags) {
  Json config = {
      {"Type", "HTTPS"}, {"FullyQualifiedDomainName", "example.com"}, {"ResourcePath", "/ok"}};
  Json created = call("route53", "CreateHealthCheck",
                      {{"CallerReference", "hc-1"}, {"HealthCheckConfig", config}});
  const Json &hc = created["HealthCheck"];
  std::string id = hc["Id"];
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(hc["HealthCheckVersion"], 1);
  EXPECT_EQ(hc["HealthCheckConfig"]["Port"], 443);
  EXPECT_EQ(hc["HealthCheckConfig"]["RequestInterval"], 30);
  EXPECT_EQ(hc["HealthCheckConfig"]["FailureThreshold"], 3);
  EXPECT_EQ(hc["HealthCheckConfig"]["EnableSNI"], true);
  // The same caller reference and settings: the same health check; other settings: refused.
  EXPECT_EQ(call("route53", "CreateHealthCheck",
                 {{"CallerReference", "hc-1"}, {"HealthCheckConfig", config}})["HealthCheck"]["Id"],
            id);
  config["Port"] = 8443;
  EXPECT_EQ(error_of("route53", "CreateHealthCheck",
                     {{"CallerReference", "hc-1"}, {"HealthCheckConfig", config}}),
            "HealthCheckAlreadyExists");
  EXPECT_EQ(last_status_, 409);
  EXPECT_EQ(error_of("route53", "CreateHealthCheck",
                     {{"CallerReference", "hc-2"}, {"HealthCheckConfig", {{"Type", "HTTP"}}}}),
            "InvalidInput");
  EXPECT_EQ(error_of("route53", "CreateHealthCheck",
                     {{"CallerReference", "hc-2"},
                      {"HealthCheckConfig",
                       {{"Type", "HTTP"}, {"IPAddress", "1.1.1.1"}, {"RequestInterval", 5}}}}),
            "InvalidInput");

  Json updated = call("route53", "UpdateHealthCheck",
                      {{"HealthCheckId", id},
                       {"HealthCheckVersion", 1},
                       {"FailureThreshold", 5},
                       {"ResetElements", {"ResourcePath"}}})["HealthCheck"];
  EXPECT_EQ(updated["HealthCheckVersion"], 2);
  EXPECT_EQ(updated["HealthCheckConfig"]["FailureThreshold"], 5);
  EXPECT_FALSE(updated["HealthCheckConfig"].contains("ResourcePath"));
  EXPECT_EQ(
      error_of("route53", "UpdateHealthCheck", {{"HealthCheckId", id}, {"HealthCheckVersion", 1}}),
      "HealthCheckVersionMismatch");

  // Records may point at health checks that exist.
  std::string zone_id = zone("example.com");
  Json r = a_record("www.example.com", "192.0.2.1");
  r["HealthCheckId"] = "00000000-0000-0000-0000-000000000000";
  EXPECT_EQ(batch_error(zone_id, {change("CREATE", r)}), "NoSuchHealthCheck");
  r["HealthCheckId"] = id;
  batch(zone_id, {change("CREATE", r)});

  call("route53", "ChangeTagsForResource",
       {{"ResourceType", "healthcheck"},
        {"ResourceId", id},
        {"AddTags", {{{"Key", "Name"}, {"Value", "web"}}, {{"Key", "team"}, {"Value", "core"}}}}});
  call("route53", "ChangeTagsForResource",
       {{"ResourceType", "healthcheck"}, {"ResourceId", id}, {"RemoveTagKeys", {"team"}}});
  EXPECT_EQ(call("route53", "ListTagsForResource",
                 {{"ResourceType", "healthcheck"}, {"ResourceId", id}})["ResourceTagSet"]["Tags"],
            Json::parse(R"([{"Key":"Name","Value":"web"}])"));
  call("route53", "ChangeTagsForResource",
       {{"ResourceType", "hostedzone"},
        {"ResourceId", zone_id},
        {"AddTags", {{{"Key", "env"}, {"Value", "dev"}}}}});
  EXPECT_EQ(call("route53", "ListTagsForResources",
                 {{"ResourceType", "hostedzone"},
                  {"ResourceIds", {zone_id}}})["ResourceTagSets"][0]["Tags"][0]["Value"],
            "dev");
  EXPECT_EQ(error_of("route53", "ListTagsForResource",
                     {{"ResourceType", "hostedzone"}, {"ResourceId", "ZNONE"}}),
            "NoSuchHostedZone");
  EXPECT_EQ(
      error_of("route53", "ListTagsForResource", {{"ResourceType", "bucket"}, {"ResourceId", "x"}}),
      "InvalidInput");

  EXPECT_EQ(call("route53", "ListHealthChecks")["HealthChecks"].size(), 1u);
  call("route53", "DeleteHealthCheck", {{"HealthCheckId", id}});
  EXPECT_EQ(error_of("route53", "GetHealthCheck", {{"HealthCheckId", id}}), "NoSuchHealthCheck");
  EXPECT_EQ(last_status_, 404);
}

TEST_F(Route53Test, Boto3ThroughTheHttpFront) {
  if (std::system("python3 -c 'import boto3' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "no python3 with boto3";
  http_front::HttpFront front(*backend_);
  int status = 0;
  std::string out =
      run_command("python3 '" CFNLOCAL_TEST_DATA "/route53_clients.py' " + front.url(), status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("ok"), std::string::npos) << out;
  // What boto3 made is in the state file.
  Json zones =
      call("route53", "ListHostedZonesByName", {{"DNSName", "boto.example.com"}})["HostedZones"];
  ASSERT_FALSE(zones.empty());
  EXPECT_EQ(zones[0]["Name"], "boto.example.com.");
}

} // namespace
} // namespace cfnlocal::services
