#include "providers/route53_providers.h"

#include "providers/model_access.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "route53";
constexpr std::string_view kLabel = "Route 53";
constexpr std::string_view kZone = "AWS::Route53::HostedZone";
constexpr std::string_view kRecordSet = "AWS::Route53::RecordSet";
constexpr std::string_view kRecordSetGroup = "AWS::Route53::RecordSetGroup";
constexpr std::string_view kHealthCheck = "AWS::Route53::HealthCheck";

[[noreturn]] void invalid(std::string message) {
  throw services::ServiceError("InvalidRequest", std::move(message));
}

Json properties_json(const Value &state) {
  Json j = state.is_object() ? to_json(state) : Json::object();
  return j.is_object() ? j : Json::object();
}

std::string without_prefix(std::string id, std::string_view prefix) {
  if (id.starts_with(prefix))
    id.erase(0, prefix.size());
  return id;
}

/// A DNS name as Route 53 answers with it, for comparisons: lower case, trailing dot, "*"
/// written "\052".
std::string dns_key(std::string name) {
  std::string out;
  for (char ch : name) {
    if (ch == '*')
      out += "\\052";
    else
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  if (out.empty() || out.back() != '.')
    out += '.';
  return out;
}

std::string text_of(const Json &object, const char *member) {
  auto it = object.find(member);
  if (it == object.end() || it->is_null())
    return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// ---- zones --------------------------------------------------------------------------------

/// The zone id a record set resource names: HostedZoneId, or the one zone named HostedZoneName.
std::string zone_id_of(services::Backend &backend, const Json &properties) {
  std::string id = text_of(properties, "HostedZoneId");
  std::string name = text_of(properties, "HostedZoneName");
  if (!id.empty() && !name.empty())
    invalid("Specify either HostedZoneId or HostedZoneName, not both");
  if (!id.empty())
    return without_prefix(id, "/hostedzone/");
  if (name.empty())
    invalid("Exactly one of [HostedZoneId, HostedZoneName] must be specified");
  std::vector<std::string> found;
  Json out =
      backend.call(kService, "ListHostedZonesByName", Json{{"DNSName", name}, {"MaxItems", "100"}});
  for (const auto &z : out.value("HostedZones", Json::array()))
    if (dns_key(z.value("Name", "")) == dns_key(name))
      found.push_back(without_prefix(z.value("Id", ""), "/hostedzone/"));
  if (found.empty())
    invalid(fmt::format("No hosted zones named {} found", dns_key(name)));
  if (found.size() > 1)
    invalid(
        fmt::format("Found more than one hosted zone named {}: use HostedZoneId", dns_key(name)));
  return found.front();
}

Json zone_tags(services::Backend &backend, const std::string &type, const std::string &id) {
  return backend
      .call(kService, "ListTagsForResource", Json{{"ResourceType", type}, {"ResourceId", id}})
      .value("ResourceTagSet", Json::object())
      .value("Tags", Json::array());
}

/// Sets and removes tags, ten per call as ChangeTagsForResource allows.
void change_tags(services::Backend &backend, const std::string &type, const std::string &id,
                 const TagDiff &diff) {
  for (size_t i = 0; i < std::max(diff.set.size(), diff.removed.size()); i += 10) {
    Json in = {{"ResourceType", type}, {"ResourceId", id}};
    Json add = Json::array(), remove = Json::array();
    for (size_t j = i; j < i + 10 && j < diff.set.size(); ++j)
      add.push_back(
          {{"Key", text_of(diff.set[j], "Key")}, {"Value", text_of(diff.set[j], "Value")}});
    for (size_t j = i; j < i + 10 && j < diff.removed.size(); ++j)
      remove.push_back(diff.removed[j]);
    if (!add.empty())
      in["AddTags"] = add;
    if (!remove.empty())
      in["RemoveTagKeys"] = remove;
    backend.call(kService, "ChangeTagsForResource", in);
  }
}

Json vpc_of(const Json &v) {
  return Json{{"VPCId", text_of(v, "VPCId")}, {"VPCRegion", text_of(v, "VPCRegion")}};
}

bool contains_vpc(const Json &list, const Json &vpc) {
  return std::any_of(list.begin(), list.end(), [&](const Json &v) { return vpc_of(v) == vpc; });
}

// ---- record sets ----------------------------------------------------------------------------

/// A template record set as Route 53's ResourceRecordSet.
Json record_set_input(const Json &p) {
  Json r = {{"Name", text_of(p, "Name")}, {"Type", text_of(p, "Type")}};
  for (const char *m : {"SetIdentifier", "Region", "Failover", "HealthCheckId"})
    if (p.contains(m) && !p[m].is_null())
      r[m] = text_of(p, m);
  for (const char *m : {"GeoLocation", "CidrRoutingConfig", "GeoProximityLocation"})
    if (p.contains(m) && p[m].is_object())
      r[m] = p[m];
  if (p.contains("Weight"))
    r["Weight"] = p["Weight"];
  if (p.contains("MultiValueAnswer"))
    r["MultiValueAnswer"] = p["MultiValueAnswer"];
  if (auto a = p.find("AliasTarget"); a != p.end() && a->is_object()) {
    r["AliasTarget"] = {
        {"HostedZoneId", without_prefix(text_of(*a, "HostedZoneId"), "/hostedzone/")},
        {"DNSName", text_of(*a, "DNSName")},
        {"EvaluateTargetHealth", a->value("EvaluateTargetHealth", false)}};
  }
  if (p.contains("TTL"))
    r["TTL"] = p["TTL"];
  if (auto rr = p.find("ResourceRecords"); rr != p.end() && rr->is_array()) {
    Json values = Json::array();
    for (const auto &v : *rr)
      values.push_back({{"Value", v.is_string() ? v.get<std::string>() : v.dump()}});
    r["ResourceRecords"] = values;
  }
  return r;
}

Json typed_properties(const Value &state) {
  if (!state.is_object())
    return Json::object();
  return typed(
      state,
      {"TTL", "Weight", "Bias", "Port", "RequestInterval", "FailureThreshold", "HealthThreshold"},
      {"EvaluateTargetHealth", "MultiValueAnswer", "MeasureLatency", "Inverted", "Disabled",
       "EnableSNI"});
}

using RecordKey = std::tuple<std::string, std::string, std::string>;

RecordKey key_of(const Json &rrset) {
  return {dns_key(text_of(rrset, "Name")), text_of(rrset, "Type"), text_of(rrset, "SetIdentifier")};
}

/// The record set of `key` as Route 53 holds it, or null.
Json current_record(services::Backend &backend, const std::string &zone, const RecordKey &key) {
  const auto &[name, type, set_id] = key;
  Json in = {{"HostedZoneId", zone}, {"StartRecordName", name}, {"StartRecordType", type}};
  while (true) {
    Json out = backend.call(kService, "ListResourceRecordSets", in);
    for (const auto &r : out.value("ResourceRecordSets", Json::array())) {
      if (key_of(r) == key)
        return r;
      if (dns_key(text_of(r, "Name")) != name || text_of(r, "Type") != type)
        return nullptr; // past the records of this name and type
    }
    if (!out.value("IsTruncated", false))
      return nullptr;
    in["StartRecordName"] = out.value("NextRecordName", "");
    in["StartRecordType"] = out.value("NextRecordType", "");
    if (out.contains("NextRecordIdentifier"))
      in["StartRecordIdentifier"] = out["NextRecordIdentifier"];
    else
      in.erase("StartRecordIdentifier");
  }
}

void change_batch(services::Backend &backend, const std::string &zone, const Json &changes,
                  const Json &properties) {
  if (changes.empty())
    return;
  Json batch = {{"Changes", changes}};
  if (std::string comment = text_of(properties, "Comment"); !comment.empty())
    batch["Comment"] = comment;
  backend.call(kService, "ChangeResourceRecordSets",
               Json{{"HostedZoneId", zone}, {"ChangeBatch", batch}});
}

/// The record sets a RecordSet or RecordSetGroup resource holds.
std::vector<Json> record_sets_of(std::string_view type_name, const Json &properties) {
  std::vector<Json> out;
  if (type_name == kRecordSet) {
    out.push_back(record_set_input(properties));
  } else if (auto list = properties.find("RecordSets");
             list != properties.end() && list->is_array()) {
    for (const auto &r : *list)
      out.push_back(record_set_input(r));
  }
  return out;
}

// ---- health checks -------------------------------------------------------------------------

constexpr const char *kResettable[] = {"FullyQualifiedDomainName", "Regions", "ResourcePath",
                                       "ChildHealthChecks"};
constexpr const char *kUpdatable[] = {"IPAddress",       "Port",
                                      "ResourcePath",    "FullyQualifiedDomainName",
                                      "SearchString",    "FailureThreshold",
                                      "Inverted",        "Disabled",
                                      "HealthThreshold", "ChildHealthChecks",
                                      "EnableSNI",       "Regions",
                                      "AlarmIdentifier", "InsufficientDataHealthStatus"};

} // namespace

std::vector<std::string> Route53Provider::types() {
  return {std::string(kZone), std::string(kRecordSet), std::string(kRecordSetGroup),
          std::string(kHealthCheck)};
}

ProgressEvent Route53Provider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  try {
    Json p = typed_properties(properties);
    if (request.type_name == kZone)
      return create_zone(request, std::move(p));
    if (request.type_name == kHealthCheck)
      return create_health_check(request, std::move(p));
    return create_records(request, std::move(p));
  } catch (const services::ServiceError &e) {
    return failure_from(e, kLabel);
  }
}

ProgressEvent Route53Provider::create_zone(const ResourceHandlerRequest &request, Json p) {
  std::string name = text_of(p, "Name");
  if (name.empty())
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest,
                                  "Properties validation failed for resource " +
                                      request.logical_id +
                                      " with message: #: required key [Name] not found");
  Json in = {{"Name", name}, {"CallerReference", random_.uuid()}};
  if (auto c = p.find("HostedZoneConfig"); c != p.end() && c->contains("Comment"))
    in["HostedZoneConfig"] = {{"Comment", text_of(*c, "Comment")}};
  Json vpcs = p.value("VPCs", Json::array());
  if (!vpcs.empty())
    in["VPC"] = vpc_of(vpcs[0]);
  Json out = backend_.call(kService, "CreateHostedZone", in);
  std::string id = without_prefix(out["HostedZone"].value("Id", ""), "/hostedzone/");
  Value model = from_json(p);
  model.set("Id", Value(id));
  Json servers = out.value("DelegationSet", Json::object()).value("NameServers", Json::array());
  model.set("NameServers", from_json(servers));
  try {
    for (size_t i = 1; i < vpcs.size(); ++i)
      backend_.call(kService, "AssociateVPCWithHostedZone",
                    Json{{"HostedZoneId", id}, {"VPC", vpc_of(vpcs[i])}});
    change_tags(backend_, "hostedzone", id,
                tag_diff(Json::array(), p.value("HostedZoneTags", Json::array())));
  } catch (const services::ServiceError &) {
    // The zone exists but is not what the template asks for: remove it, as a failed create
    // leaves nothing behind.
    try {
      backend_.call(kService, "DeleteHostedZone", Json{{"Id", id}});
    } catch (const services::ServiceError &) {
    }
    throw;
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent Route53Provider::create_records(const ResourceHandlerRequest &request, Json p) {
  std::string zone = zone_id_of(backend_, p);
  Json changes = Json::array();
  for (auto &rrset : record_sets_of(request.type_name, p))
    changes.push_back({{"Action", "CREATE"}, {"ResourceRecordSet", rrset}});
  if (changes.empty())
    invalid("RecordSets must list at least one record set");
  change_batch(backend_, zone, changes, p);
  Value model = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (request.type_name == kRecordSet)
    model.set("Id", Value(text_of(p, "Name")));
  else
    model.set("Id", Value(fmt::format("{}-{}-{}", request.stack_name.substr(0, 20),
                                      request.logical_id.substr(0, 20), random_.upper_alnum(13))));
  return ProgressEvent::success(std::move(model));
}

ProgressEvent Route53Provider::create_health_check(const ResourceHandlerRequest &, Json p) {
  Json out =
      backend_.call(kService, "CreateHealthCheck",
                    Json{{"CallerReference", random_.uuid()},
                         {"HealthCheckConfig", p.value("HealthCheckConfig", Json::object())}});
  std::string id = out["HealthCheck"].value("Id", "");
  change_tags(backend_, "healthcheck", id,
              tag_diff(Json::array(), p.value("HealthCheckTags", Json::array())));
  Value model = from_json(p);
  model.set("HealthCheckId", Value(id));
  return ProgressEvent::success(std::move(model));
}

ProgressEvent Route53Provider::read(const ResourceHandlerRequest &request) {
  const std::string &id = request.physical_id;
  try {
    if (request.type_name == kZone) {
      Json out = backend_.call(kService, "GetHostedZone", Json{{"Id", id}});
      const Json &zone = out["HostedZone"];
      Json m = {{"Id", id},
                {"Name", zone.value("Name", "")},
                {"NameServers",
                 out.value("DelegationSet", Json::object()).value("NameServers", Json::array())}};
      if (auto comment = zone.value("Config", Json::object()).find("Comment");
          comment != zone["Config"].end())
        m["HostedZoneConfig"] = {{"Comment", *comment}};
      if (out.contains("VPCs"))
        m["VPCs"] = out["VPCs"];
      if (Json tags = zone_tags(backend_, "hostedzone", id); !tags.empty())
        m["HostedZoneTags"] = tags;
      return ProgressEvent::success(from_json(m));
    }
    if (request.type_name == kHealthCheck) {
      Json check = backend_.call(kService, "GetHealthCheck", Json{{"HealthCheckId", id}});
      Json m = {{"HealthCheckId", id},
                {"HealthCheckConfig", check["HealthCheck"]["HealthCheckConfig"]}};
      if (Json tags = zone_tags(backend_, "healthcheck", id); !tags.empty())
        m["HealthCheckTags"] = tags;
      return ProgressEvent::success(from_json(m));
    }
    return read_records(request);
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, id, kLabel);
  }
}

ProgressEvent Route53Provider::read_records(const ResourceHandlerRequest &request) {
  // Record sets are found by what the model says (zone, name, type, set identifier).
  Json previous = properties_json(request.previous_state);
  if (previous.empty())
    return not_found(request.type_name, request.physical_id);
  std::string zone = zone_id_of(backend_, previous);
  Json sets = Json::array();
  for (const auto &rrset :
       record_sets_of(request.type_name, typed_properties(request.previous_state))) {
    Json current = current_record(backend_, zone, key_of(rrset));
    if (current.is_null())
      return not_found(request.type_name, request.physical_id);
    sets.push_back(current);
  }
  Json m = previous;
  auto as_template = [](const Json &r) {
    Json t = r;
    if (auto rr = t.find("ResourceRecords"); rr != t.end()) {
      Json values = Json::array();
      for (const auto &v : *rr)
        values.push_back(v.value("Value", ""));
      *rr = values;
    }
    return t;
  };
  if (request.type_name == kRecordSet) {
    for (const auto &[k, v] : as_template(sets[0]).items())
      if (k != "Name")
        m[k] = v;
  } else {
    Json list = Json::array();
    for (const auto &r : sets)
      list.push_back(as_template(r));
    m["RecordSets"] = list;
  }
  return ProgressEvent::success(from_json(m));
}

ProgressEvent Route53Provider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = update_refusal(*type, request, request.previous_state, desired))
    return *failure;
  try {
    if (request.type_name == kZone)
      return update_zone(request);
    if (request.type_name == kHealthCheck)
      return update_health_check(request);
    return update_records(request);
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, request.physical_id, kLabel);
  }
}

ProgressEvent Route53Provider::update_zone(const ResourceHandlerRequest &request) {
  const std::string &id = request.physical_id;
  Json before = typed_properties(request.previous_state);
  Json after = typed_properties(request.desired_state);
  std::string old_comment = text_of(before.value("HostedZoneConfig", Json::object()), "Comment");
  std::string new_comment = text_of(after.value("HostedZoneConfig", Json::object()), "Comment");
  if (old_comment != new_comment) {
    Json in = {{"Id", id}};
    if (!new_comment.empty())
      in["Comment"] = new_comment;
    backend_.call(kService, "UpdateHostedZoneComment", in);
  }
  Json old_vpcs = before.value("VPCs", Json::array()),
       new_vpcs = after.value("VPCs", Json::array());
  for (const auto &v : new_vpcs)
    if (!contains_vpc(old_vpcs, vpc_of(v)))
      backend_.call(kService, "AssociateVPCWithHostedZone",
                    Json{{"HostedZoneId", id}, {"VPC", vpc_of(v)}});
  for (const auto &v : old_vpcs)
    if (!contains_vpc(new_vpcs, vpc_of(v)))
      backend_.call(kService, "DisassociateVPCFromHostedZone",
                    Json{{"HostedZoneId", id}, {"VPC", vpc_of(v)}});
  change_tags(backend_, "hostedzone", id,
              tag_diff(zone_tags(backend_, "hostedzone", id),
                       after.value("HostedZoneTags", Json::array())));
  return ProgressEvent::success(
      merged_model(*type_of(request.type_name), request, request.previous_state));
}

ProgressEvent Route53Provider::update_records(const ResourceHandlerRequest &request) {
  Json before = typed_properties(request.previous_state);
  Json after = typed_properties(request.desired_state);
  std::string zone = zone_id_of(backend_, after);
  std::vector<Json> old_sets = record_sets_of(request.type_name, before);
  std::vector<Json> new_sets = record_sets_of(request.type_name, after);
  auto has_key = [](const std::vector<Json> &sets, const RecordKey &key) {
    return std::any_of(sets.begin(), sets.end(), [&](const Json &r) { return key_of(r) == key; });
  };
  Json changes = Json::array();
  // Record sets the update drops (or renames by Type / SetIdentifier): deleted as Route 53 holds
  // them, in the same atomic batch as the new ones.
  for (const auto &r : old_sets)
    if (!has_key(new_sets, key_of(r)))
      if (Json current = current_record(backend_, zone, key_of(r)); !current.is_null())
        changes.push_back({{"Action", "DELETE"}, {"ResourceRecordSet", current}});
  for (const auto &r : new_sets)
    changes.push_back(
        {{"Action", has_key(old_sets, key_of(r)) ? "UPSERT" : "CREATE"}, {"ResourceRecordSet", r}});
  change_batch(backend_, zone, changes, after);
  return ProgressEvent::success(
      merged_model(*type_of(request.type_name), request, request.previous_state));
}

ProgressEvent Route53Provider::update_health_check(const ResourceHandlerRequest &request) {
  const std::string &id = request.physical_id;
  Json before = typed_properties(request.previous_state).value("HealthCheckConfig", Json::object());
  Json after = typed_properties(request.desired_state).value("HealthCheckConfig", Json::object());
  Json in = {{"HealthCheckId", id}};
  for (const char *m : kUpdatable)
    if (after.contains(m))
      in[m] = after[m];
  Json reset = Json::array();
  for (const char *m : kResettable)
    if (before.contains(m) && !after.contains(m))
      reset.push_back(m);
  if (!reset.empty())
    in["ResetElements"] = reset;
  backend_.call(kService, "UpdateHealthCheck", in);
  change_tags(
      backend_, "healthcheck", id,
      tag_diff(zone_tags(backend_, "healthcheck", id),
               typed_properties(request.desired_state).value("HealthCheckTags", Json::array())));
  return ProgressEvent::success(
      merged_model(*type_of(request.type_name), request, request.previous_state));
}

ProgressEvent Route53Provider::remove(const ResourceHandlerRequest &request) {
  const std::string &id = request.physical_id;
  try {
    if (request.type_name == kZone) {
      backend_.call(kService, "DeleteHostedZone", Json{{"Id", id}});
    } else if (request.type_name == kHealthCheck) {
      backend_.call(kService, "DeleteHealthCheck", Json{{"HealthCheckId", id}});
    } else {
      return remove_records(request);
    }
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, id, kLabel);
  }
  return ProgressEvent::success(Value());
}

ProgressEvent Route53Provider::remove_records(const ResourceHandlerRequest &request) {
  Json previous = typed_properties(request.previous_state);
  if (previous.empty())
    return not_found(request.type_name, request.physical_id);
  std::string zone = zone_id_of(backend_, previous);
  Json changes = Json::array();
  for (const auto &r : record_sets_of(request.type_name, previous))
    if (Json current = current_record(backend_, zone, key_of(r)); !current.is_null())
      changes.push_back({{"Action", "DELETE"}, {"ResourceRecordSet", current}});
  if (changes.empty())
    return not_found(request.type_name, request.physical_id);
  change_batch(backend_, zone, changes, Json::object());
  return ProgressEvent::success(Value());
}

ProgressEvent Route53Provider::list(const ResourceHandlerRequest &request) {
  if (request.type_name == kZone)
    return list_page(backend_, request,
                     {kService, "ListHostedZones", "Marker", "HostedZones", "NextMarker", kLabel},
                     Json::object(), [](const Json &z) {
                       return Value::object(
                           {{"Id", Value(without_prefix(z.value("Id", ""), "/hostedzone/")), {}}});
                     });
  if (request.type_name == kHealthCheck)
    return list_page(backend_, request,
                     {kService, "ListHealthChecks", "Marker", "HealthChecks", "NextMarker", kLabel},
                     Json::object(), [](const Json &h) {
                       return Value::object({{"HealthCheckId", Value(h.value("Id", "")), {}}});
                     });
  // Record sets are listed per zone; CloudFormation's list needs a zone to list them in.
  return GenericProvider::list(request);
}

} // namespace cfnlocal::providers
