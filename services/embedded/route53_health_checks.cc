// Route 53 health checks (Amazon Route 53 API Reference: CreateHealthCheck, GetHealthCheck,
// UpdateHealthCheck, DeleteHealthCheck, ListHealthChecks). The configuration is checked and
// completed with Route 53's defaults (port 80 / 443, RequestInterval 30, FailureThreshold 3,
// EnableSNI for HTTPS); nothing is probed. A repeated CallerReference with the same
// configuration returns the existing health check, with another one HealthCheckAlreadyExists.
// Updates bump HealthCheckVersion; a stale HealthCheckVersion is HealthCheckVersionMismatch.
#include "services/embedded/route53_common.h"
#include "state/ids.h"

#include <fmt/format.h>

#include <arpa/inet.h>
#include <set>

namespace cfnlocal::services::embedded::route53 {
namespace {

const std::set<std::string, std::less<>> kCheckTypes = {
    "HTTP", "HTTPS",      "HTTP_STR_MATCH",    "HTTPS_STR_MATCH",
    "TCP",  "CALCULATED", "CLOUDWATCH_METRIC", "RECOVERY_CONTROL"};

bool endpoint_type(const std::string &type) {
  return type == "HTTP" || type == "HTTPS" || type == "HTTP_STR_MATCH" ||
         type == "HTTPS_STR_MATCH" || type == "TCP";
}

void check_range(const Json &config, const char *member, int64_t min, int64_t max) {
  if (auto v = optional_int(config, member); v && (*v < min || *v > max))
    fail("InvalidInput",
         fmt::format("1 validation error detected: Value '{}' at 'healthCheckConfig.{}' failed "
                     "to satisfy constraint: Member must have value between {} and {}",
                     *v, lower_camel(member), min, max));
}

/// The configuration as Route 53 stores it: checked, numbers typed, defaults filled in.
Json completed_config(const Json &in) {
  if (!in.is_object())
    fail("InvalidInput", "Invalid request: HealthCheckConfig is required.");
  std::string type = required_string(in, "Type");
  if (!kCheckTypes.count(type))
    fail("InvalidInput",
         fmt::format("1 validation error detected: Value '{}' at 'healthCheckConfig.type' failed "
                     "to satisfy constraint: Member must satisfy enum value set: [HTTP, HTTPS, "
                     "HTTP_STR_MATCH, HTTPS_STR_MATCH, TCP, CALCULATED, CLOUDWATCH_METRIC, "
                     "RECOVERY_CONTROL]",
                     type));
  check_range(in, "Port", 1, 65535);
  check_range(in, "RequestInterval", 10, 30);
  check_range(in, "FailureThreshold", 1, 10);
  check_range(in, "HealthThreshold", 0, 256);
  Json out = Json::object();
  for (const auto &[k, v] : in.items())
    if (!v.is_null())
      out[k] = v;
  for (const char *m : {"Port", "RequestInterval", "FailureThreshold", "HealthThreshold"})
    if (auto v = optional_int(in, m))
      out[m] = *v;
  for (const char *m : {"MeasureLatency", "Inverted", "Disabled", "EnableSNI"})
    if (out.contains(m))
      out[m] = optional_bool(in, m);
  bool https = type == "HTTPS" || type == "HTTPS_STR_MATCH";
  if (endpoint_type(type)) {
    auto ip = optional_string(in, "IPAddress");
    auto fqdn = optional_string(in, "FullyQualifiedDomainName");
    if (!ip && !fqdn)
      fail("InvalidInput", "Invalid request: a health check of an endpoint needs IPAddress or "
                           "FullyQualifiedDomainName.");
    unsigned char buffer[16];
    if (ip && inet_pton(AF_INET, ip->c_str(), buffer) != 1 &&
        inet_pton(AF_INET6, ip->c_str(), buffer) != 1)
      fail("InvalidInput", fmt::format("Invalid IP address: {}", *ip));
    if ((type == "HTTP_STR_MATCH" || type == "HTTPS_STR_MATCH") && !in.contains("SearchString"))
      fail("InvalidInput",
           "Invalid request: SearchString is required for health checks of type " + type + ".");
    if (!out.contains("Port"))
      out["Port"] = https ? 443 : 80;
    if (!out.contains("RequestInterval"))
      out["RequestInterval"] = 30;
    if (!out.contains("FailureThreshold"))
      out["FailureThreshold"] = 3;
    if (!out.contains("MeasureLatency"))
      out["MeasureLatency"] = false;
    if (!out.contains("EnableSNI"))
      out["EnableSNI"] = https;
  } else if (type == "CALCULATED") {
    if (!out.contains("ChildHealthChecks"))
      out["ChildHealthChecks"] = Json::array();
  } else if (type == "CLOUDWATCH_METRIC" && !in.contains("AlarmIdentifier")) {
    fail("InvalidInput", "Invalid request: AlarmIdentifier is required for health checks of type "
                         "CLOUDWATCH_METRIC.");
  }
  if (!out.contains("Inverted"))
    out["Inverted"] = false;
  if (!out.contains("Disabled"))
    out["Disabled"] = false;
  return out;
}

Json load_check(Context &c, const std::string &id) {
  auto check = c.store.get_record(kService, "healthcheck", id);
  if (!check)
    fail("NoSuchHealthCheck", fmt::format("A health check with id {} does not exist.", id), 404);
  return *check;
}

Json check_view(const Json &check) {
  return Json{{"Id", check["Id"]},
              {"CallerReference", check["CallerReference"]},
              {"HealthCheckConfig", check["HealthCheckConfig"]},
              {"HealthCheckVersion", check["HealthCheckVersion"]}};
}

Json create_health_check(Context &c, const Json &input) {
  std::string caller = required_string(input, "CallerReference");
  check_length("CallerReference", caller, 1, 64);
  Json config = completed_config(input.value("HealthCheckConfig", Json()));
  for (auto &[id, check] : c.store.list_records(kService, "healthcheck")) {
    if (check["CallerReference"] != caller)
      continue;
    if (check["HealthCheckConfig"] != config)
      fail("HealthCheckAlreadyExists",
           fmt::format("A health check with the caller reference {} already exists with "
                       "different settings.",
                       caller),
           409);
    return Json{{"HealthCheck", check_view(check)},
                {"Location", "https://route53.amazonaws.com/2013-04-01/healthcheck/" + id}};
  }
  std::string id = state::uuid4();
  Json check = {{"Id", id},
                {"CallerReference", caller},
                {"HealthCheckConfig", config},
                {"HealthCheckVersion", 1},
                {"Tags", Json::array()}};
  c.store.put_record(kService, "healthcheck", id, check);
  return Json{{"HealthCheck", check_view(check)},
              {"Location", "https://route53.amazonaws.com/2013-04-01/healthcheck/" + id}};
}

Json get_health_check(Context &c, const Json &input) {
  return Json{{"HealthCheck", check_view(load_check(c, required_string(input, "HealthCheckId")))}};
}

Json update_health_check(Context &c, const Json &input) {
  Json check = load_check(c, required_string(input, "HealthCheckId"));
  if (auto version = optional_int(input, "HealthCheckVersion");
      version && *version != check["HealthCheckVersion"].get<int64_t>())
    fail("HealthCheckVersionMismatch",
         fmt::format("The value of HealthCheckVersion in the request ({}) does not match the "
                     "current version of the health check ({}).",
                     *version, check["HealthCheckVersion"].get<int64_t>()),
         409);
  Json config = check["HealthCheckConfig"];
  for (const auto &[k, v] : input.items())
    if (k != "HealthCheckId" && k != "HealthCheckVersion" && k != "ResetElements" && !v.is_null())
      config[k] = v;
  for (const auto &element : input.value("ResetElements", Json::array())) {
    std::string name = element.is_string() ? element.get<std::string>() : "";
    if (name != "FullyQualifiedDomainName" && name != "Regions" && name != "ResourcePath" &&
        name != "ChildHealthChecks")
      fail("InvalidInput", fmt::format("1 validation error detected: Value '{}' at "
                                       "'resetElements' failed to satisfy constraint: Member must "
                                       "satisfy enum value set: [FullyQualifiedDomainName, "
                                       "Regions, ResourcePath, ChildHealthChecks]",
                                       name));
    config.erase(name);
  }
  check["HealthCheckConfig"] = completed_config(config);
  check["HealthCheckVersion"] = check["HealthCheckVersion"].get<int64_t>() + 1;
  c.store.put_record(kService, "healthcheck", check["Id"].get<std::string>(), check);
  return Json{{"HealthCheck", check_view(check)}};
}

Json delete_health_check(Context &c, const Json &input) {
  std::string id = required_string(input, "HealthCheckId");
  load_check(c, id);
  c.store.delete_record(kService, "healthcheck", id);
  return Json::object();
}

Json list_health_checks(Context &c, const Json &input) {
  size_t max = max_items(input, 100, 1000);
  std::string marker = optional_string(input, "Marker").value_or("");
  Json out = {{"HealthChecks", Json::array()},
              {"Marker", marker},
              {"MaxItems", std::to_string(max)},
              {"IsTruncated", false}};
  for (auto &[id, check] : c.store.list_records(kService, "healthcheck")) {
    if (id < marker)
      continue;
    if (out["HealthChecks"].size() == max) {
      out["IsTruncated"] = true;
      out["NextMarker"] = id;
      break;
    }
    out["HealthChecks"].push_back(check_view(check));
  }
  return out;
}

} // namespace

const HandlerTable &health_check_handlers() {
  static const HandlerTable table = {
      {"CreateHealthCheck", guarded<create_health_check>},
      {"GetHealthCheck", guarded<get_health_check>},
      {"UpdateHealthCheck", guarded<update_health_check>},
      {"DeleteHealthCheck", guarded<delete_health_check>},
      {"ListHealthChecks", guarded<list_health_checks>},
  };
  return table;
}

} // namespace cfnlocal::services::embedded::route53
