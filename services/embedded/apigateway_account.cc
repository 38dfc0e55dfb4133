// The account-wide resources of the embedded API Gateway REST control plane (Amazon API Gateway
// REST API Reference): the account settings (GetAccount, UpdateAccount), API keys, usage plans
// and their keys, custom domain names and base path mappings. Enforced: API key values of at
// least 20 characters and unique, stages named by API keys and usage plans that must exist,
// usage plan keys naming existing keys once, certificates a domain's endpoint type needs,
// domain names and base paths unique, base path mappings onto existing APIs and stages.
#include "services/embedded/apigateway_common.h"
#include "services/embedded/shape_checks.h"

#include <fmt/format.h>

#include <regex>

namespace cfnlocal::services::embedded::apigateway {
namespace {

Json get_account(Context &c, const Json &) {
  auto account = c.store.get_record(kService, "account", c.region);
  if (account)
    return *account;
  return {{"throttleSettings", {{"burstLimit", 5000}, {"rateLimit", 10000.0}}},
          {"features", Json::array({"UsagePlans"})},
          {"apiKeyVersion", "4"}};
}

Json update_account(Context &c, const Json &input) {
  Json account = get_account(c, input);
  apply_patch(account, input, {"cloudwatchRoleArn", "features"});
  if (auto arn = account.find("cloudwatchRoleArn"); arn != account.end() && !arn->is_null()) {
    std::string text = arn->is_string() ? arn->get<std::string>() : "";
    if (!text.empty() &&
        !std::regex_match(text, std::regex(R"(arn:aws[a-z-]*:iam::\d{12}:role/.+)")))
      bad_request("The role ARN is not well formed");
    // A role of this account must exist in IAM (the embedded IAM keeps roles by name).
    if (!text.empty() && text.find(":" + c.account + ":") != std::string::npos) {
      std::string name = text.substr(text.rfind('/') + 1);
      for (char &ch : name) // IAM keeps names case-insensitively, lower-cased
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (!c.store.get_record("iam", "role", name))
        bad_request("The role ARN does not have required permissions set to API Gateway");
    }
  }
  c.store.put_record(kService, "account", c.region, account);
  return account;
}

// ---- API keys -----------------------------------------------------------------------------

Json load_key(Context &c, const std::string &id) {
  auto key = id.empty() ? std::nullopt : c.store.get_record(kService, "apikey", key_of(c, id));
  if (!key)
    not_found("Invalid API Key identifier specified");
  return *key;
}

void check_stage_keys(Context &c, const Json &stage_keys) {
  for (const auto &k : stage_keys) {
    std::string text = k.is_string() ? k.get<std::string>() : "";
    size_t slash = text.find('/');
    if (slash == std::string::npos)
      bad_request(fmt::format("Invalid stage key: {}", text));
    Json record = load_api(c, {{"restApiId", text.substr(0, slash)}});
    if (!record["stages"].contains(text.substr(slash + 1)))
      bad_request("Invalid stage identifier specified");
  }
}

Json create_api_key(Context &c, const Json &input) {
  std::string value = optional_string(input, "value").value_or(random_alnum(40));
  if (value.size() < 20)
    bad_request("API Key value should be at least 20 characters");
  for (const auto &[k, other] : c.store.list_records(kService, "apikey", c.region + ":"))
    if (other.value("value", "") == value)
      conflict("API Key already exists");
  std::string now = iso_now();
  Json key = {{"id", new_id()},
              {"value", value},
              {"enabled", optional_bool(input, "enabled")},
              {"createdDate", now},
              {"lastUpdatedDate", now},
              {"stageKeys", Json::array()},
              {"tags", read_tag_map(input)}};
  copy_members(key, input, {"name", "description", "customerId"});
  if (!key.contains("name"))
    key["name"] = key["id"];
  Json stage_keys = Json::array();
  for (const auto &sk : input.value("stageKeys", Json::array()))
    stage_keys.push_back(sk.value("restApiId", "") + "/" + sk.value("stageName", ""));
  check_stage_keys(c, stage_keys);
  key["stageKeys"] = stage_keys;
  c.store.put_record(kService, "apikey", key_of(c, key["id"].get<std::string>()), key);
  return key;
}

Json hide_value(Json key, const Json &input) {
  if (!optional_bool(input, "includeValue"))
    key.erase("value");
  return key;
}

Json get_api_key(Context &c, const Json &input) {
  return hide_value(load_key(c, input.value("apiKey", "")), input);
}

Json get_api_keys(Context &c, const Json &input) {
  Json items = Json::array();
  for (const auto &[k, key] : c.store.list_records(kService, "apikey", c.region + ":"))
    items.push_back(hide_value(key, input));
  return {{"items", items}};
}

Json update_api_key(Context &c, const Json &input) {
  Json key = load_key(c, input.value("apiKey", ""));
  apply_patch(key, input, {"name", "description", "enabled", "customerId", "stages"});
  if (key.contains("stages")) {
    // "/stages" add/remove "apiId/stage" edits the stage keys.
    for (const auto &op : input.value("patchOperations", Json::array())) {
      if (op.value("path", "") != "/stages")
        continue;
      Json one = Json::array({op.value("value", "")});
      if (op.value("op", "") == "add") {
        check_stage_keys(c, one);
        key["stageKeys"].push_back(one[0]);
      } else {
        for (size_t i = 0; i < key["stageKeys"].size(); ++i)
          if (key["stageKeys"][i] == one[0]) {
            key["stageKeys"].erase(i);
            break;
          }
      }
    }
    key.erase("stages");
  }
  key["lastUpdatedDate"] = iso_now();
  c.store.put_record(kService, "apikey", key_of(c, key["id"].get<std::string>()), key);
  return hide_value(key, input);
}

Json delete_api_key(Context &c, const Json &input) {
  std::string id = input.value("apiKey", "");
  load_key(c, id);
  c.store.delete_record(kService, "apikey", key_of(c, id));
  // A deleted key leaves the usage plans it was in.
  for (auto [k, plan] : c.store.list_records(kService, "usageplan", c.region + ":"))
    if (plan["keys"].contains(id)) {
      plan["keys"].erase(id);
      c.store.put_record(kService, "usageplan", k, plan);
    }
  return Json::object();
}

// ---- usage plans --------------------------------------------------------------------------

Json load_plan(Context &c, const std::string &id) {
  auto plan = id.empty() ? std::nullopt : c.store.get_record(kService, "usageplan", key_of(c, id));
  if (!plan)
    not_found(fmt::format("Invalid Usage Plan ID specified"));
  return *plan;
}

void check_plan(Context &c, const Json &plan) {
  for (const auto &s : plan.value("apiStages", Json::array())) {
    std::string api = s.value("apiId", ""), stage = s.value("stage", "");
    auto record = c.store.get_record(kService, "restapi", key_of(c, api));
    if (!record || !(*record)["stages"].contains(stage))
      bad_request(fmt::format("Invalid API Stage {{api: {}, stage: {}}} specified for usageplan "
                              "{}",
                              api, stage, plan.value("id", "")));
  }
  if (auto quota = plan.find("quota"); quota != plan.end() && quota->is_object()) {
    std::string period = quota->value("period", "");
    if (period != "DAY" && period != "WEEK" && period != "MONTH")
      bad_request("Invalid quota period specified. Valid values are DAY, WEEK, MONTH");
    if (quota->value("limit", Json(0)).get<int64_t>() <= 0)
      bad_request("Quota limit should be greater than 0");
  }
  if (auto throttle = plan.find("throttle"); throttle != plan.end() && throttle->is_object())
    if (throttle->value("burstLimit", Json(0)).get<int64_t>() < 0 ||
        throttle->value("rateLimit", Json(0.0)).get<double>() < 0)
      bad_request("Throttle limits must be non-negative");
}

Json typed_numbers(Json j) {
  // Usage plan limits may arrive as text (CloudFormation passes numbers on as strings).
  for (const char *k : {"burstLimit", "limit", "offset"})
    if (j.is_object() && j.contains(k) && j[k].is_string())
      j[k] = std::stoll(j[k].get<std::string>());
  if (j.is_object() && j.contains("rateLimit") && j["rateLimit"].is_string())
    j["rateLimit"] = std::stod(j["rateLimit"].get<std::string>());
  return j;
}

Json create_usage_plan(Context &c, const Json &input) {
  std::string name = optional_string(input, "name").value_or("");
  if (name.empty())
    bad_request("Invalid usage plan name specified");
  Json plan = {{"id", new_id()},
               {"name", name},
               {"apiStages", Json::array()},
               {"tags", read_tag_map(input)}};
  copy_members(plan, input, {"description", "apiStages"});
  if (input.contains("throttle"))
    plan["throttle"] = typed_numbers(input["throttle"]);
  if (input.contains("quota"))
    plan["quota"] = typed_numbers(input["quota"]);
  check_plan(c, plan);
  c.store.put_record(kService, "usageplan", key_of(c, plan["id"].get<std::string>()),
                     {{"plan", plan}, {"keys", Json::object()}});
  return plan;
}

Json get_usage_plan(Context &c, const Json &input) {
  return load_plan(c, input.value("usagePlanId", ""))["plan"];
}

Json get_usage_plans(Context &c, const Json &input) {
  Json items = Json::array();
  for (const auto &[k, plan] : c.store.list_records(kService, "usageplan", c.region + ":"))
    if (!input.contains("keyId") || plan["keys"].contains(input["keyId"].get<std::string>()))
      items.push_back(plan["plan"]);
  return {{"items", items}};
}

Json update_usage_plan(Context &c, const Json &input) {
  Json record = load_plan(c, input.value("usagePlanId", ""));
  Json &plan = record["plan"];
  Json rest = Json::array();
  for (const auto &op : input.value("patchOperations", Json::array())) {
    if (op.value("path", "") != "/apiStages") {
      rest.push_back(op);
      continue;
    }
    // "/apiStages" add/remove "apiId:stage".
    std::string v = op.value("value", "");
    size_t colon = v.find(':');
    Json stage = {{"apiId", v.substr(0, colon)},
                  {"stage", colon == std::string::npos ? "" : v.substr(colon + 1)}};
    Json &stages = plan["apiStages"];
    for (size_t i = 0; i < stages.size(); ++i)
      if (stages[i]["apiId"] == stage["apiId"] && stages[i]["stage"] == stage["stage"]) {
        stages.erase(i);
        break;
      }
    if (op.value("op", "") == "add")
      stages.push_back(stage);
  }
  apply_patch(plan, {{"patchOperations", rest}}, {"name", "description", "throttle", "quota"});
  check_plan(c, plan);
  c.store.put_record(kService, "usageplan", key_of(c, plan["id"].get<std::string>()), record);
  return plan;
}

Json delete_usage_plan(Context &c, const Json &input) {
  std::string id = input.value("usagePlanId", "");
  load_plan(c, id);
  c.store.delete_record(kService, "usageplan", key_of(c, id));
  return Json::object();
}

Json create_usage_plan_key(Context &c, const Json &input) {
  Json record = load_plan(c, input.value("usagePlanId", ""));
  std::string type = optional_string(input, "keyType").value_or("");
  if (type != "API_KEY")
    bad_request("Invalid key type specified. Valid value is API_KEY");
  std::string key_id = optional_string(input, "keyId").value_or("");
  Json key = load_key(c, key_id);
  if (record["keys"].contains(key_id))
    conflict(fmt::format("Usage Plan {} cannot be added because API Key {} already belongs to "
                         "it",
                         record["plan"]["id"].get<std::string>(), key_id));
  Json plan_key = {{"id", key_id}, {"type", type}, {"value", key["value"]}, {"name", key["name"]}};
  record["keys"][key_id] = plan_key;
  c.store.put_record(kService, "usageplan", key_of(c, record["plan"]["id"].get<std::string>()),
                     record);
  return plan_key;
}

Json get_usage_plan_key(Context &c, const Json &input) {
  Json record = load_plan(c, input.value("usagePlanId", ""));
  std::string key_id = input.value("keyId", "");
  if (!record["keys"].contains(key_id))
    not_found("Invalid Usage Plan Key identifier specified");
  return record["keys"][key_id];
}

Json get_usage_plan_keys(Context &c, const Json &input) {
  Json record = load_plan(c, input.value("usagePlanId", ""));
  Json items = Json::array();
  for (const auto &[k, key] : record["keys"].items())
    items.push_back(key);
  return {{"items", items}};
}

Json delete_usage_plan_key(Context &c, const Json &input) {
  Json record = load_plan(c, input.value("usagePlanId", ""));
  get_usage_plan_key(c, input);
  record["keys"].erase(input.value("keyId", ""));
  c.store.put_record(kService, "usageplan", key_of(c, record["plan"]["id"].get<std::string>()),
                     record);
  return Json::object();
}

// ---- domain names and base path mappings --------------------------------------------------

// Route 53 hosted zone ids of API Gateway's regional endpoints ("API Gateway endpoints" in
// the AWS General Reference); CloudFront's for edge-optimized names.
std::string regional_zone(const std::string &region) {
  static const std::map<std::string, std::string> kZones = {
      {"us-east-1", "Z1UJRXOUMOOFQ8"},     {"us-east-2", "ZOJJZC49E0EPZ"},
      {"us-west-1", "Z2MJ2NB4VM68JW"},     {"us-west-2", "Z2OJLYMUO9EFXC"},
      {"eu-west-1", "ZLY8HYME6SFDD"},      {"eu-central-1", "Z1U9ULNL0V5AJ3"},
      {"ap-southeast-1", "ZL327KTPIQFUL"}, {"ap-northeast-1", "Z1YSHQZHG15GKL"}};
  auto it = kZones.find(region);
  return it == kZones.end() ? "Z1UJRXOUMOOFQ8" : it->second;
}

Json load_domain(Context &c, const std::string &name) {
  auto domain =
      name.empty() ? std::nullopt : c.store.get_record(kService, "domainname", key_of(c, name));
  if (!domain)
    not_found("Invalid domain name identifier specified");
  return *domain;
}

Json create_domain_name(Context &c, const Json &input) {
  std::string name = optional_string(input, "domainName").value_or("");
  if (name.empty() || !std::regex_match(name, std::regex(R"((\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+)")))
    bad_request(fmt::format("Invalid domain name specified: '{}'", name));
  if (c.store.get_record(kService, "domainname", key_of(c, name)))
    conflict("The domain name you provided already exists.");
  Json endpoint = input.value("endpointConfiguration", Json{{"types", {"EDGE"}}});
  std::string type = endpoint.value("types", Json::array({"EDGE"})).at(0).get<std::string>();
  if (type != "EDGE" && type != "REGIONAL" && type != "PRIVATE")
    bad_request(fmt::format("Invalid endpoint configuration type '{}'", type));
  Json domain = {{"domainName", name},
                 {"domainNameStatus", "AVAILABLE"},
                 {"endpointConfiguration", {{"types", {type}}}},
                 {"securityPolicy", input.value("securityPolicy", "TLS_1_2")},
                 {"domainNameArn", fmt::format("arn:{}:apigateway:{}::/domainnames/{}", c.partition,
                                               c.region, name)},
                 {"tags", read_tag_map(input)}};
  copy_members(domain, input,
               {"certificateName", "certificateArn", "regionalCertificateName",
                "regionalCertificateArn", "mutualTlsAuthentication",
                "ownershipVerificationCertificateArn"});
  if (type == "EDGE") {
    if (!domain.contains("certificateArn"))
      bad_request("A certificate was not provided for the domain name");
    domain["distributionDomainName"] = "d" + new_id() + ".cloudfront.net";
    domain["distributionHostedZoneId"] = "Z2FDTNDATAQYW2";
  } else {
    if (!domain.contains("regionalCertificateArn"))
      bad_request("A regional certificate was not provided for the domain name");
    domain["regionalDomainName"] =
        fmt::format("d-{}.execute-api.{}.amazonaws.com", new_id(), c.region);
    domain["regionalHostedZoneId"] = regional_zone(c.region);
  }
  c.store.put_record(kService, "domainname", key_of(c, name),
                     {{"domain", domain}, {"mappings", Json::object()}});
  return domain;
}

Json get_domain_name(Context &c, const Json &input) {
  return load_domain(c, input.value("domainName", ""))["domain"];
}

Json get_domain_names(Context &c, const Json &) {
  Json items = Json::array();
  for (const auto &[k, d] : c.store.list_records(kService, "domainname", c.region + ":"))
    items.push_back(d["domain"]);
  return {{"items", items}};
}

Json update_domain_name(Context &c, const Json &input) {
  Json record = load_domain(c, input.value("domainName", ""));
  apply_patch(record["domain"], input,
              {"certificateName", "certificateArn", "regionalCertificateName",
               "regionalCertificateArn", "securityPolicy", "mutualTlsAuthentication",
               "ownershipVerificationCertificateArn"});
  c.store.put_record(kService, "domainname", key_of(c, input.value("domainName", "")), record);
  return record["domain"];
}

Json delete_domain_name(Context &c, const Json &input) {
  std::string name = input.value("domainName", "");
  load_domain(c, name);
  c.store.delete_record(kService, "domainname", key_of(c, name));
  return Json::object();
}

std::string base_path_of(const Json &input) {
  std::string path = input.value("basePath", "");
  return path.empty() ? "(none)" : path;
}

Json create_base_path_mapping(Context &c, const Json &input) {
  std::string name = input.value("domainName", "");
  Json record = load_domain(c, name);
  std::string path = base_path_of(input);
  if (path != "(none)" &&
      !std::regex_match(path, std::regex(R"([A-Za-z0-9._+$-]+(/[A-Za-z0-9._+$-]+)*)")))
    bad_request("Invalid base path specified: " + path);
  std::string api = optional_string(input, "restApiId").value_or("");
  auto rest = c.store.get_record(kService, "restapi", key_of(c, api));
  if (!rest)
    bad_request("Invalid REST API identifier specified");
  Json mapping = {{"basePath", path}, {"restApiId", api}};
  if (auto stage = optional_string(input, "stage")) {
    if (!(*rest)["stages"].contains(*stage))
      bad_request("Invalid stage identifier specified");
    mapping["stage"] = *stage;
  }
  if (record["mappings"].contains(path))
    conflict("Base path already exists for this domain name");
  record["mappings"][path] = mapping;
  c.store.put_record(kService, "domainname", key_of(c, name), record);
  return mapping;
}

Json &mapping_of(Json &record, const std::string &path) {
  if (!record["mappings"].contains(path))
    not_found("Invalid base path mapping identifier specified");
  return record["mappings"][path];
}

Json get_base_path_mapping(Context &c, const Json &input) {
  Json record = load_domain(c, input.value("domainName", ""));
  return mapping_of(record, base_path_of(input));
}

Json get_base_path_mappings(Context &c, const Json &input) {
  Json record = load_domain(c, input.value("domainName", ""));
  Json items = Json::array();
  for (const auto &[k, m] : record["mappings"].items())
    items.push_back(m);
  return {{"items", items}};
}

Json update_base_path_mapping(Context &c, const Json &input) {
  std::string name = input.value("domainName", "");
  Json record = load_domain(c, name);
  Json &mapping = mapping_of(record, base_path_of(input));
  apply_patch(mapping, input, {"restApiId", "stage", "basePath"});
  auto rest = c.store.get_record(kService, "restapi", key_of(c, mapping.value("restApiId", "")));
  if (!rest)
    bad_request("Invalid REST API identifier specified");
  if (mapping.contains("stage") && !(*rest)["stages"].contains(mapping["stage"].get<std::string>()))
    bad_request("Invalid stage identifier specified");
  Json out = mapping;
  if (out["basePath"] != base_path_of(input)) {
    record["mappings"].erase(base_path_of(input));
    record["mappings"][out["basePath"].get<std::string>()] = out;
  }
  c.store.put_record(kService, "domainname", key_of(c, name), record);
  return out;
}

Json delete_base_path_mapping(Context &c, const Json &input) {
  std::string name = input.value("domainName", "");
  Json record = load_domain(c, name);
  mapping_of(record, base_path_of(input));
  record["mappings"].erase(base_path_of(input));
  c.store.put_record(kService, "domainname", key_of(c, name), record);
  return Json::object();
}

} // namespace

void add_account_handlers(HandlerTable &t) {
  t.insert({{"GetAccount", get_account},
            {"UpdateAccount", update_account},
            {"CreateApiKey", create_api_key},
            {"GetApiKey", get_api_key},
            {"GetApiKeys", get_api_keys},
            {"UpdateApiKey", update_api_key},
            {"DeleteApiKey", delete_api_key},
            {"CreateUsagePlan", create_usage_plan},
            {"GetUsagePlan", get_usage_plan},
            {"GetUsagePlans", get_usage_plans},
            {"UpdateUsagePlan", update_usage_plan},
            {"DeleteUsagePlan", delete_usage_plan},
            {"CreateUsagePlanKey", create_usage_plan_key},
            {"GetUsagePlanKey", get_usage_plan_key},
            {"GetUsagePlanKeys", get_usage_plan_keys},
            {"DeleteUsagePlanKey", delete_usage_plan_key},
            {"CreateDomainName", create_domain_name},
            {"GetDomainName", get_domain_name},
            {"GetDomainNames", get_domain_names},
            {"UpdateDomainName", update_domain_name},
            {"DeleteDomainName", delete_domain_name},
            {"CreateBasePathMapping", create_base_path_mapping},
            {"GetBasePathMapping", get_base_path_mapping},
            {"GetBasePathMappings", get_base_path_mappings},
            {"UpdateBasePathMapping", update_base_path_mapping},
            {"DeleteBasePathMapping", delete_base_path_mapping}});
}

} // namespace cfnlocal::services::embedded::apigateway
