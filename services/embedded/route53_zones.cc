// Route 53 hosted zones (Amazon Route 53 API Reference: CreateHostedZone, GetHostedZone,
// GetHostedZoneCount, ListHostedZones, ListHostedZonesByName, ListHostedZonesByVPC,
// UpdateHostedZoneComment, DeleteHostedZone, AssociateVPCWithHostedZone,
// DisassociateVPCFromHostedZone, GetChange).
//
// A new zone gets its apex SOA and NS record sets. A public zone gets a delegation set of four
// name servers, one per top-level domain Route 53 uses (.com, .net, .org, .co.uk), as
// "ns-N.awsdns-NN.TLD"; a private zone (created with a VPC, which must exist in the embedded EC2)
// has no delegation set and Route 53's fixed private name servers in its NS record.
#include "services/embedded/route53_common.h"
#include "state/ids.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace cfnlocal::services::embedded::route53 {
namespace {

constexpr const char *kTlds[] = {"com", "net", "org", "co.uk"};

std::vector<std::string> name_servers(const std::string &zone_id, bool is_private) {
  std::vector<std::string> out;
  size_t seed = std::hash<std::string>{}(zone_id);
  for (int i = 0; i < 4; ++i) {
    // Each TLD has its own block of 512 server numbers; the awsdns group follows the number.
    int n = is_private ? 512 * i : 512 * i + static_cast<int>((seed >> (9 * i)) % 512);
    int group = is_private ? 0 : n % 64;
    out.push_back(fmt::format("ns-{}.awsdns-{:02}.{}", n, group, kTlds[i]));
  }
  return out;
}

Json apex_record_sets(const std::string &name, const std::vector<std::string> &servers) {
  Json ns = Json::array();
  for (const auto &s : servers)
    ns.push_back({{"Value", s + "."}});
  std::string soa =
      fmt::format("{}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400", servers[0]);
  return Json::array(
      {{{"Name", name}, {"Type", "NS"}, {"TTL", 172800}, {"ResourceRecords", ns}},
       {{"Name", name}, {"Type", "SOA"}, {"TTL", 900}, {"ResourceRecords", {{{"Value", soa}}}}}});
}

/// A checked VPC member: {VPCRegion, VPCId} of an existing VPC, or InvalidVPCId.
Json checked_vpc(Context &c, const Json &vpc) {
  std::string id = optional_string(vpc, "VPCId").value_or("");
  std::string region = optional_string(vpc, "VPCRegion").value_or("");
  if (id.empty())
    fail("InvalidVPCId", "The VPC ID is missing: specify VPCId and VPCRegion.");
  if (region.empty())
    fail("InvalidInput", "Invalid request: VPCRegion is required with VPCId.");
  if (!vpc_exists(c, region, id))
    fail("InvalidVPCId",
         fmt::format("The VPC ID '{}' is not valid: no such VPC in {}.", id, region));
  return Json{{"VPCRegion", region}, {"VPCId", id}};
}

bool has_vpc(const Json &zone, const Json &vpc) {
  for (const auto &v : zone.value("VPCs", Json::array()))
    if (v["VPCId"] == vpc["VPCId"] && v["VPCRegion"] == vpc["VPCRegion"])
      return true;
  return false;
}

/// A private zone of `name` already associated with `vpc` (other than `except`), or null.
Json conflicting_private_zone(Context &c, const std::string &name, const Json &vpc,
                              const std::string &except = {}) {
  for (auto &[id, zone] : c.store.list_records(kService, "zone"))
    if (id != except && zone.value("PrivateZone", false) && zone["Name"] == name &&
        has_vpc(zone, vpc))
      return zone;
  return nullptr;
}

std::vector<Json> all_zones(Context &c) {
  std::vector<Json> zones;
  for (auto &[id, zone] : c.store.list_records(kService, "zone"))
    zones.push_back(std::move(zone));
  return zones;
}

Json create_hosted_zone(Context &c, const Json &input) {
  std::string raw_name = required_string(input, "Name");
  std::string caller = required_string(input, "CallerReference");
  check_length("CallerReference", caller, 1, 128);
  std::string name = canonical_name(raw_name);
  if (name == ".")
    fail("InvalidDomainName", "The root domain cannot be a hosted zone.");
  if (input.contains("DelegationSetId") && !input["DelegationSetId"].is_null())
    fail("NoSuchDelegationSet",
         fmt::format("A reusable delegation set with the ID {} does not exist.",
                     input["DelegationSetId"].dump()));
  for (auto &[id, zone] : c.store.list_records(kService, "zone"))
    if (zone["CallerReference"] == caller)
      fail("HostedZoneAlreadyExists",
           fmt::format("A hosted zone has already been created with the specified caller "
                       "reference: {}",
                       caller),
           409);
  const Json config = input.value("HostedZoneConfig", Json::object());
  bool wants_private = optional_bool(config, "PrivateZone");
  Json vpc = input.value("VPC", Json());
  bool is_private = !vpc.is_null() && !vpc.empty();
  if (wants_private && !is_private)
    fail("InvalidInput", "Invalid request: a private hosted zone (PrivateZone true) needs a VPC "
                         "(VPCId and VPCRegion).");
  if (is_private) {
    vpc = checked_vpc(c, vpc);
    if (Json other = conflicting_private_zone(c, name, vpc); !other.is_null())
      fail("ConflictingDomainExists",
           fmt::format("The hosted zone {} already exists and is associated with the VPC {} "
                       "(hosted zone {}).",
                       name, vpc["VPCId"].get<std::string>(), other["Id"].get<std::string>()));
  }
  std::string id = new_id('Z');
  auto servers = name_servers(id, is_private);
  Json zone = {{"Id", id},
               {"Name", name},
               {"CallerReference", caller},
               {"PrivateZone", is_private},
               {"VPCs", is_private ? Json::array({vpc}) : Json::array()},
               {"NameServers", servers},
               {"Tags", Json::array()},
               {"RecordSets", apex_record_sets(name, servers)}};
  if (auto comment = optional_string(config, "Comment")) {
    check_length("Comment", *comment, 0, 256);
    zone["Comment"] = *comment;
  }
  save_zone(c, zone);
  Json out = {{"HostedZone", zone_view(zone)},
              {"ChangeInfo", record_change(c, std::nullopt)},
              {"Location", "https://route53.amazonaws.com/2013-04-01/hostedzone/" + id}};
  if (is_private)
    out["VPC"] = vpc;
  else
    out["DelegationSet"] = {{"NameServers", servers}};
  return out;
}

Json get_hosted_zone(Context &c, const Json &input) {
  Json zone = load_zone(c, id_member(input, "Id", "/hostedzone/"));
  Json out = {{"HostedZone", zone_view(zone)}};
  if (zone.value("PrivateZone", false))
    out["VPCs"] = zone["VPCs"];
  else
    out["DelegationSet"] = {{"NameServers", zone["NameServers"]}};
  return out;
}

Json get_hosted_zone_count(Context &c, const Json &) {
  return Json{{"HostedZoneCount", c.store.count_records(kService, "zone")}};
}

Json list_hosted_zones(Context &c, const Json &input) {
  size_t max = max_items(input, 100, 100);
  auto type = optional_string(input, "HostedZoneType");
  if (type && *type != "PrivateHostedZone")
    fail("InvalidInput", fmt::format("1 validation error detected: Value '{}' at "
                                     "'hostedZoneType' failed to satisfy constraint: Member must "
                                     "satisfy enum value set: [PrivateHostedZone]",
                                     *type));
  if (input.contains("DelegationSetId") && !input["DelegationSetId"].is_null())
    fail("NoSuchDelegationSet", "A reusable delegation set with the specified ID does not exist.");
  std::string marker = optional_string(input, "Marker").value_or("");
  std::vector<Json> zones;
  for (auto &zone : all_zones(c))
    if (!type || zone.value("PrivateZone", false))
      zones.push_back(std::move(zone));
  // Zones in id order; the marker is the id of the first zone of the page.
  auto first = std::find_if(zones.begin(), zones.end(),
                            [&](const Json &z) { return z["Id"].get<std::string>() >= marker; });
  Json out = {{"HostedZones", Json::array()},
              {"Marker", marker},
              {"MaxItems", std::to_string(max)},
              {"IsTruncated", false}};
  for (auto it = first; it != zones.end(); ++it) {
    if (out["HostedZones"].size() == max) {
      out["IsTruncated"] = true;
      out["NextMarker"] = (*it)["Id"];
      break;
    }
    out["HostedZones"].push_back(zone_view(*it));
  }
  return out;
}

Json list_hosted_zones_by_name(Context &c, const Json &input) {
  size_t max = max_items(input, 100, 100);
  auto dns = optional_string(input, "DNSName");
  auto after_id = optional_string(input, "HostedZoneId");
  if (after_id && !dns)
    fail("InvalidInput", "Invalid request: HostedZoneId requires DNSName.");
  if (after_id && after_id->starts_with("/hostedzone/"))
    after_id->erase(0, 12);
  std::vector<Json> zones = all_zones(c);
  auto key = [](const Json &z) {
    return std::make_pair(reversed_labels(z["Name"].get<std::string>()),
                          z["Id"].get<std::string>());
  };
  std::sort(zones.begin(), zones.end(),
            [&](const Json &a, const Json &b) { return key(a) < key(b); });
  Json out = {
      {"HostedZones", Json::array()}, {"MaxItems", std::to_string(max)}, {"IsTruncated", false}};
  auto first = zones.begin();
  if (dns) {
    std::string name = canonical_name(*dns, "DNSName");
    out["DNSName"] = name;
    auto start = std::make_pair(reversed_labels(name), after_id.value_or(""));
    if (after_id)
      out["HostedZoneId"] = *after_id;
    first =
        std::find_if(zones.begin(), zones.end(), [&](const Json &z) { return key(z) >= start; });
  }
  for (auto it = first; it != zones.end(); ++it) {
    if (out["HostedZones"].size() == max) {
      out["IsTruncated"] = true;
      out["NextDNSName"] = (*it)["Name"];
      out["NextHostedZoneId"] = (*it)["Id"];
      break;
    }
    out["HostedZones"].push_back(zone_view(*it));
  }
  return out;
}

Json list_hosted_zones_by_vpc(Context &c, const Json &input) {
  Json vpc = {{"VPCId", required_string(input, "VPCId")},
              {"VPCRegion", required_string(input, "VPCRegion")}};
  Json out = {{"HostedZoneSummaries", Json::array()},
              {"MaxItems", std::to_string(max_items(input, 100, 100))}};
  for (const auto &zone : all_zones(c))
    if (has_vpc(zone, vpc))
      out["HostedZoneSummaries"].push_back({{"HostedZoneId", zone["Id"]},
                                            {"Name", zone["Name"]},
                                            {"Owner", {{"OwningAccount", c.account}}}});
  return out;
}

Json update_hosted_zone_comment(Context &c, const Json &input) {
  Json zone = load_zone(c, id_member(input, "Id", "/hostedzone/"));
  if (auto comment = optional_string(input, "Comment")) {
    check_length("Comment", *comment, 0, 256);
    zone["Comment"] = *comment;
  } else {
    zone.erase("Comment");
  }
  save_zone(c, zone);
  return Json{{"HostedZone", zone_view(zone)}};
}

Json delete_hosted_zone(Context &c, const Json &input) {
  std::string id = id_member(input, "Id", "/hostedzone/");
  Json zone = load_zone(c, id);
  for (const auto &rrset : zone["RecordSets"]) {
    bool apex = rrset["Name"] == zone["Name"];
    std::string type = rrset["Type"];
    if (!apex || (type != "SOA" && type != "NS") || rrset.contains("SetIdentifier"))
      fail("HostedZoneNotEmpty",
           "The specified hosted zone contains non-required resource record sets and so cannot "
           "be deleted.");
  }
  c.store.delete_record(kService, "zone", id);
  return Json{{"ChangeInfo", record_change(c, std::nullopt)}};
}

Json associate_vpc(Context &c, const Json &input) {
  Json zone = load_zone(c, id_member(input, "HostedZoneId", "/hostedzone/"));
  if (!zone.value("PrivateZone", false))
    fail("PublicZoneVPCAssociation",
         "You're trying to associate a VPC with a public hosted zone. Amazon Route 53 doesn't "
         "support associating a VPC with a public hosted zone.");
  Json vpc = checked_vpc(c, input.value("VPC", Json::object()));
  if (has_vpc(zone, vpc))
    fail("ConflictingDomainExists",
         fmt::format("The VPC {} is already associated with the hosted zone {}.",
                     vpc["VPCId"].get<std::string>(), zone["Id"].get<std::string>()));
  if (Json other = conflicting_private_zone(c, zone["Name"], vpc, zone["Id"]); !other.is_null())
    fail("ConflictingDomainExists",
         fmt::format("The VPC {} is already associated with another hosted zone named {}.",
                     vpc["VPCId"].get<std::string>(), zone["Name"].get<std::string>()));
  zone["VPCs"].push_back(vpc);
  save_zone(c, zone);
  return Json{{"ChangeInfo", record_change(c, optional_string(input, "Comment"))}};
}

Json disassociate_vpc(Context &c, const Json &input) {
  Json zone = load_zone(c, id_member(input, "HostedZoneId", "/hostedzone/"));
  Json vpc = input.value("VPC", Json::object());
  Json wanted = {{"VPCId", optional_string(vpc, "VPCId").value_or("")},
                 {"VPCRegion", optional_string(vpc, "VPCRegion").value_or("")}};
  if (!has_vpc(zone, wanted))
    fail("VPCAssociationNotFound",
         "The specified VPC and hosted zone are not currently associated.", 404);
  if (zone["VPCs"].size() == 1)
    fail("LastVPCAssociation",
         "The VPC that you're trying to disassociate from the private hosted zone is the last VPC "
         "that is associated with the hosted zone. Amazon Route 53 doesn't support disassociating "
         "the last VPC from a hosted zone.");
  Json kept = Json::array();
  for (const auto &v : zone["VPCs"])
    if (!(v["VPCId"] == wanted["VPCId"] && v["VPCRegion"] == wanted["VPCRegion"]))
      kept.push_back(v);
  zone["VPCs"] = kept;
  save_zone(c, zone);
  return Json{{"ChangeInfo", record_change(c, optional_string(input, "Comment"))}};
}

Json get_change(Context &c, const Json &input) {
  std::string id = id_member(input, "Id", "/change/");
  auto change = c.store.get_record(kService, "change", id);
  if (!change)
    fail("NoSuchChange",
         fmt::format("A change with the specified change ID {} does not exist.", id), 404);
  Json info = *change;
  info["Id"] = "/change/" + id;
  info["Status"] = "INSYNC";
  return Json{{"ChangeInfo", info}};
}

} // namespace

const HandlerTable &zone_handlers() {
  static const HandlerTable table = {
      {"CreateHostedZone", guarded<create_hosted_zone>},
      {"GetHostedZone", guarded<get_hosted_zone>},
      {"GetHostedZoneCount", guarded<get_hosted_zone_count>},
      {"ListHostedZones", guarded<list_hosted_zones>},
      {"ListHostedZonesByName", guarded<list_hosted_zones_by_name>},
      {"ListHostedZonesByVPC", guarded<list_hosted_zones_by_vpc>},
      {"UpdateHostedZoneComment", guarded<update_hosted_zone_comment>},
      {"DeleteHostedZone", guarded<delete_hosted_zone>},
      {"AssociateVPCWithHostedZone", guarded<associate_vpc>},
      {"DisassociateVPCFromHostedZone", guarded<disassociate_vpc>},
      {"GetChange", guarded<get_change>},
  };
  return table;
}

} // namespace cfnlocal::services::embedded::route53
