// Route 53 record sets (Amazon Route 53 API Reference: ChangeResourceRecordSets,
// ListResourceRecordSets).
//
// A change batch is atomic: every change is checked and applied in order to a copy of the zone's
// record sets, and the copy is stored only when the whole batch is valid. Malformed changes are
// "InvalidInput" ("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and
// ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [...]"); changes
// that conflict with the zone are one "InvalidChangeBatch" listing every problem, in Route 53's
// words ("[Tried to create resource record set [name='www.example.com.', type='A'] but it
// already exists]"). Checked: names outside the zone, creating an existing record set, deleting
// a missing or different one, the apex SOA and NS (never deleted), CNAMEs at the apex or beside
// other types, routing policies (one per record set, with a SetIdentifier, not mixed within a
// name and type), alias targets in the same zone (which must exist), health check ids, and
// A / AAAA / TXT values.
//
// Listing follows Route 53's order: names with their labels reversed ("com.example.www"), then
// type, then set identifier; StartRecordName/Type/Identifier start a page there.
#include "services/embedded/route53_common.h"

#include <fmt/format.h>

#include <algorithm>
#include <arpa/inet.h>
#include <set>
#include <tuple>

namespace cfnlocal::services::embedded::route53 {
namespace {

const std::set<std::string, std::less<>> kTypes = {"SOA",   "A",    "TXT",   "NS",   "CNAME", "MX",
                                                   "NAPTR", "PTR",  "SRV",   "SPF",  "AAAA",  "CAA",
                                                   "DS",    "TLSA", "SSHFP", "SVCB", "HTTPS"};

// The routing policy members, and how Route 53 names each policy in its messages.
constexpr std::pair<const char *, const char *> kPolicies[] = {
    {"Weight", "weighted"},
    {"Region", "latency"},
    {"Failover", "failover"},
    {"GeoLocation", "geolocation"},
    {"MultiValueAnswer", "multivalue answer"},
    {"CidrRoutingConfig", "IP-based"},
    {"GeoProximityLocation", "geoproximity"}};

std::string policy_of(const Json &rrset) {
  for (const auto &[member, policy] : kPolicies)
    if (rrset.contains(member))
      return policy;
  return "";
}

std::string set_id_of(const Json &rrset) { return rrset.value("SetIdentifier", ""); }

std::string change_label(const std::string &action, const Json &rrset) {
  return fmt::format("[Action={}, Name={}, Type={}, SetIdentifier={}]", action,
                     rrset.value("Name", ""), rrset.value("Type", ""),
                     rrset.contains("SetIdentifier") ? set_id_of(rrset) : "null");
}

std::string record_label(const Json &rrset) {
  std::string label = fmt::format("[name='{}', type='{}'", rrset["Name"].get<std::string>(),
                                  rrset["Type"].get<std::string>());
  if (rrset.contains("SetIdentifier"))
    label += fmt::format(", set-identifier='{}'", set_id_of(rrset));
  return label + "]";
}

[[noreturn]] void invalid_request(const std::string &what, const std::string &label) {
  fail("InvalidInput", fmt::format("Invalid request: {} in Change with {}", what, label));
}

/// The value problems Route 53 reports for a record's data ("Invalid Resource Record: 'FATAL
/// problem: ...'"), or "".
std::string value_problem(const std::string &type, const std::string &value) {
  auto fatal = [&](const char *code, const char *why) {
    return fmt::format("Invalid Resource Record: 'FATAL problem: {} ({}) encountered with '{}''",
                       code, why, value);
  };
  unsigned char buffer[16];
  if (type == "A" && inet_pton(AF_INET, value.c_str(), buffer) != 1)
    return fatal("ARRDATAIllegalIPv4Address", "Value is not a valid IPv4 address");
  if (type == "AAAA" && inet_pton(AF_INET6, value.c_str(), buffer) != 1)
    return fatal("AAAARRDATAIllegalIPv6Address", "Value is not a valid IPv6 address");
  if ((type == "TXT" || type == "SPF") &&
      (value.size() < 2 || value.front() != '"' || value.back() != '"'))
    return fatal("InvalidCharacterString", "Value should be enclosed in quotation marks");
  return "";
}

/// A change's record set in stored form (canonical names, typed numbers), with the InvalidInput
/// checks of its shape.
Json checked_record_set(Context &c, const std::string &action, const Json &in) {
  if (!in.is_object())
    fail("InvalidInput", "Invalid request: every Change needs a ResourceRecordSet");
  Json rrset = {{"Name", canonical_name(required_string(in, "Name"))},
                {"Type", required_string(in, "Type")}};
  std::string type = rrset["Type"];
  if (!kTypes.count(type))
    constraint_error("Type", type,
                     "Member must satisfy enum value set: [SOA, A, TXT, NS, CNAME, MX, NAPTR, PTR, "
                     "SRV, SPF, AAAA, CAA, DS, TLSA, SSHFP, SVCB, HTTPS]");
  if (auto id = optional_string(in, "SetIdentifier")) {
    check_length("SetIdentifier", *id, 1, 128);
    rrset["SetIdentifier"] = *id;
  }
  std::string label = change_label(action, rrset);
  int policies = 0;
  for (const auto &[member, policy] : kPolicies) {
    auto it = in.find(member);
    if (it == in.end() || it->is_null())
      continue;
    ++policies;
    std::string m = member;
    if (m == "Weight") {
      auto w = optional_int(in, "Weight");
      if (!w || *w < 0 || *w > 255)
        constraint_error("Weight", *it, "Member must have value less than or equal to 255");
      rrset["Weight"] = *w;
    } else if (m == "Failover") {
      std::string f = required_string(in, "Failover");
      if (f != "PRIMARY" && f != "SECONDARY")
        constraint_error("Failover", f, "Member must satisfy enum value set: [PRIMARY, SECONDARY]");
      rrset["Failover"] = f;
    } else if (m == "MultiValueAnswer") {
      rrset["MultiValueAnswer"] = optional_bool(in, "MultiValueAnswer");
    } else {
      rrset[m] = *it;
    }
  }
  if (policies > 1)
    invalid_request("Expected exactly one of [Weight, Region, Failover, GeoLocation, "
                    "MultiValueAnswer, CidrRoutingConfig, or GeoProximityLocation], but found "
                    "more than one",
                    label);
  if (policies == 1 && !rrset.contains("SetIdentifier"))
    invalid_request("Missing field 'SetIdentifier'", label);
  if (policies == 0 && rrset.contains("SetIdentifier"))
    invalid_request("Expected exactly one of [Weight, Region, Failover, GeoLocation, "
                    "MultiValueAnswer, CidrRoutingConfig, or GeoProximityLocation], but found none",
                    label);

  auto ttl = optional_int(in, "TTL");
  bool has_records = in.contains("ResourceRecords") && !in["ResourceRecords"].is_null();
  bool has_alias = in.contains("AliasTarget") && !in["AliasTarget"].is_null();
  if (has_alias && (ttl || has_records))
    invalid_request("Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or "
                    "TrafficPolicyInstanceId], but found more than one",
                    label);
  if (!has_alias && !(ttl && has_records))
    invalid_request("Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or "
                    "TrafficPolicyInstanceId], but found none",
                    label);
  if (has_alias) {
    const Json &alias = in["AliasTarget"];
    std::string zone = required_string(alias, "HostedZoneId");
    if (zone.starts_with("/hostedzone/"))
      zone.erase(0, 12);
    if (!alias.contains("EvaluateTargetHealth") || alias["EvaluateTargetHealth"].is_null())
      invalid_request("Missing field 'EvaluateTargetHealth' in AliasTarget", label);
    rrset["AliasTarget"] = {
        {"HostedZoneId", zone},
        {"DNSName", canonical_name(required_string(alias, "DNSName"), "DNSName")},
        {"EvaluateTargetHealth", optional_bool(alias, "EvaluateTargetHealth")}};
  } else {
    if (*ttl < 0 || *ttl > 2147483647)
      constraint_error("TTL", *ttl, "Member must have value less than or equal to 2147483647");
    rrset["TTL"] = *ttl;
    const Json &records = in["ResourceRecords"];
    if (!records.is_array() || records.empty())
      invalid_request("ResourceRecords must list at least one ResourceRecord", label);
    Json values = Json::array();
    for (const auto &r : records) {
      std::string value = required_string(r, "Value");
      check_length("Value", value, 1, 4000);
      values.push_back({{"Value", value}});
    }
    rrset["ResourceRecords"] = values;
  }
  if (auto hc = optional_string(in, "HealthCheckId")) {
    if (!c.store.get_record(kService, "healthcheck", *hc))
      fail("NoSuchHealthCheck", fmt::format("A health check with id {} does not exist.", *hc), 404);
    rrset["HealthCheckId"] = *hc;
  }
  return rrset;
}

bool same_key(const Json &a, const Json &b) {
  return a["Name"] == b["Name"] && a["Type"] == b["Type"] && set_id_of(a) == set_id_of(b);
}

/// Whether two record sets hold the same data (record values compared as sets).
bool same_values(Json a, Json b) {
  for (Json *r : {&a, &b})
    if (auto it = r->find("ResourceRecords"); it != r->end()) {
      std::vector<std::string> values;
      for (const auto &v : *it)
        values.push_back(v.value("Value", ""));
      std::sort(values.begin(), values.end());
      *it = values;
    }
  return a == b;
}

struct Batch {
  const Json &zone;
  Json records; // the copy the changes apply to
  std::vector<std::string> problems;
};

void check_policy_mix(Batch &b, const Json &rrset) {
  std::string policy = policy_of(rrset);
  for (const auto &other : b.records) {
    if (other["Name"] != rrset["Name"] || other["Type"] != rrset["Type"] ||
        policy_of(other) == policy)
      continue;
    if (policy.empty())
      b.problems.push_back(fmt::format(
          "RRSet with DNS name {}, type {} cannot be created as {} sets exist with the same name "
          "and type.",
          rrset["Name"].get<std::string>(), rrset["Type"].get<std::string>(), policy_of(other)));
    else
      b.problems.push_back(fmt::format("RRSet with DNS name {}, type {}, SetIdentifier {} cannot "
                                       "be created as a non-{} set exists with the same name and "
                                       "type.",
                                       rrset["Name"].get<std::string>(),
                                       rrset["Type"].get<std::string>(), set_id_of(rrset), policy));
    return;
  }
}

void apply(Batch &b, const std::string &action, const Json &rrset) {
  const std::string zone_name = b.zone["Name"];
  const std::string name = rrset["Name"], type = rrset["Type"];
  if (!in_zone(name, zone_name)) {
    b.problems.push_back(
        fmt::format("RRSet with DNS name {} is not permitted in zone {}", name, zone_name));
    return;
  }
  auto found = std::find_if(b.records.begin(), b.records.end(),
                            [&](const Json &r) { return same_key(r, rrset); });
  bool exists = found != b.records.end();
  if (action == "DELETE") {
    if (!exists)
      b.problems.push_back(fmt::format(
          "Tried to delete resource record set {} but it was not found", record_label(rrset)));
    else if (!same_values(*found, rrset))
      b.problems.push_back(fmt::format("Tried to delete resource record set {} but the values "
                                       "provided do not match the current values",
                                       record_label(rrset)));
    else if (name == zone_name && type == "SOA")
      b.problems.push_back("A HostedZone must contain exactly one SOA record.");
    else if (name == zone_name && type == "NS")
      b.problems.push_back("A HostedZone must contain at least one NS record for the zone itself.");
    else
      b.records.erase(found);
    return;
  }
  if (type == "CNAME" && name == zone_name) {
    b.problems.push_back(
        fmt::format("RRSet of type CNAME with DNS name {} is not permitted at apex in zone {}",
                    name, zone_name));
    return;
  }
  if (action == "CREATE" && exists) {
    b.problems.push_back(fmt::format("Tried to create resource record set {} but it already exists",
                                     record_label(rrset)));
    return;
  }
  if (exists) {
    *found = rrset;
  } else {
    check_policy_mix(b, rrset);
    b.records.push_back(rrset);
  }
}

/// What only the whole batch can tell: CNAMEs beside other types, alias targets in the zone.
void check_result(Batch &b, const std::vector<Json> &written) {
  const std::string zone_name = b.zone["Name"], zone_id = b.zone["Id"];
  for (const auto &rrset : written) {
    const std::string name = rrset["Name"];
    if (!in_zone(name, zone_name))
      continue;
    bool cname = false, other = false;
    for (const auto &r : b.records)
      if (r["Name"] == name)
        (r["Type"] == "CNAME" ? cname : other) = true;
    if (cname && other)
      b.problems.push_back(fmt::format("RRSet of type CNAME with DNS name {} is not permitted as "
                                       "it conflicts with other records with the same DNS name in "
                                       "zone {}",
                                       name, zone_name));
    if (!rrset.contains("AliasTarget") || rrset["AliasTarget"]["HostedZoneId"] != zone_id)
      continue;
    std::string target = rrset["AliasTarget"]["DNSName"];
    if (!in_zone(target, zone_name)) {
      b.problems.push_back(fmt::format("Tried to create an alias that targets {}, type {} in "
                                       "zone {}, but the alias target name does not lie within "
                                       "the target zone",
                                       target, rrset["Type"].get<std::string>(), zone_id));
      continue;
    }
    bool found = std::any_of(b.records.begin(), b.records.end(), [&](const Json &r) {
      return r["Name"] == target && r["Type"] == rrset["Type"];
    });
    if (!found)
      b.problems.push_back(fmt::format("Tried to create an alias that targets {}, type {} in zone "
                                       "{}, but that target was not found",
                                       target, rrset["Type"].get<std::string>(), zone_id));
  }
}

Json change_resource_record_sets(Context &c, const Json &input) {
  Json zone = load_zone(c, id_member(input, "HostedZoneId", "/hostedzone/"));
  auto batch_it = input.find("ChangeBatch");
  if (batch_it == input.end() || !batch_it->is_object())
    constraint_error("ChangeBatch", nullptr, "Member must not be null");
  const Json &changes = batch_it->value("Changes", Json::array());
  if (!changes.is_array() || changes.empty())
    fail("InvalidInput", "1 validation error detected: Value '[]' at 'changeBatch.changes' failed "
                         "to satisfy constraint: Member must have length greater than or equal "
                         "to 1");
  Batch b{zone, zone["RecordSets"], {}};
  std::vector<Json> written;
  for (const auto &change : changes) {
    std::string action = required_string(change, "Action");
    if (action != "CREATE" && action != "DELETE" && action != "UPSERT")
      constraint_error("Action", action,
                       "Member must satisfy enum value set: [CREATE, DELETE, "
                       "UPSERT]");
    Json rrset = checked_record_set(c, action, change.value("ResourceRecordSet", Json()));
    if (!rrset.contains("AliasTarget"))
      for (const auto &r : rrset["ResourceRecords"])
        if (std::string problem = value_problem(rrset["Type"], r["Value"]); !problem.empty())
          b.problems.push_back(problem);
    apply(b, action, rrset);
    if (action != "DELETE")
      written.push_back(rrset);
  }
  check_result(b, written);
  if (!b.problems.empty()) {
    std::string message = "[";
    for (size_t i = 0; i < b.problems.size(); ++i)
      message += (i ? ", " : "") + b.problems[i];
    fail("InvalidChangeBatch", message + "]");
  }
  zone["RecordSets"] = b.records;
  save_zone(c, zone);
  return Json{{"ChangeInfo", record_change(c, optional_string(*batch_it, "Comment"))}};
}

using SortKey = std::tuple<std::vector<std::string>, std::string, std::string>;

SortKey sort_key(const Json &rrset) {
  return {reversed_labels(rrset["Name"]), rrset["Type"], set_id_of(rrset)};
}

Json list_resource_record_sets(Context &c, const Json &input) {
  Json zone = load_zone(c, id_member(input, "HostedZoneId", "/hostedzone/"));
  auto start_name = optional_string(input, "StartRecordName");
  auto start_type = optional_string(input, "StartRecordType");
  auto start_id = optional_string(input, "StartRecordIdentifier");
  if (start_type && !start_name)
    fail("InvalidInput", "The input is not valid: StartRecordType requires StartRecordName.");
  if (start_id && !start_type)
    fail("InvalidInput", "The input is not valid: StartRecordIdentifier requires StartRecordType.");
  if (start_type && !kTypes.count(*start_type))
    constraint_error("StartRecordType", *start_type,
                     "Member must satisfy enum value set: [SOA, A, TXT, NS, CNAME, MX, NAPTR, "
                     "PTR, SRV, SPF, AAAA, CAA, DS, TLSA, SSHFP, SVCB, HTTPS]");
  size_t max = max_items(input, 300, 300);
  std::vector<Json> records(zone["RecordSets"].begin(), zone["RecordSets"].end());
  std::sort(records.begin(), records.end(),
            [](const Json &a, const Json &b) { return sort_key(a) < sort_key(b); });
  auto first = records.begin();
  if (start_name) {
    SortKey start{reversed_labels(canonical_name(*start_name, "StartRecordName")),
                  start_type.value_or(""), start_id.value_or("")};
    first = std::find_if(records.begin(), records.end(),
                         [&](const Json &r) { return sort_key(r) >= start; });
  }
  Json out = {{"ResourceRecordSets", Json::array()},
              {"IsTruncated", false},
              {"MaxItems", std::to_string(max)}};
  for (auto it = first; it != records.end(); ++it) {
    if (out["ResourceRecordSets"].size() == max) {
      out["IsTruncated"] = true;
      out["NextRecordName"] = (*it)["Name"];
      out["NextRecordType"] = (*it)["Type"];
      if (it->contains("SetIdentifier"))
        out["NextRecordIdentifier"] = (*it)["SetIdentifier"];
      break;
    }
    out["ResourceRecordSets"].push_back(*it);
  }
  return out;
}

} // namespace

const HandlerTable &record_handlers() {
  static const HandlerTable table = {
      {"ChangeResourceRecordSets", guarded<change_resource_record_sets>},
      {"ListResourceRecordSets", guarded<list_resource_record_sets>},
  };
  return table;
}

} // namespace cfnlocal::services::embedded::route53
