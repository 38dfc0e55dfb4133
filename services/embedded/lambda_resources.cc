// The embedded AWS Lambda's resources around functions (AWS Lambda API Reference):
// resource-based policies (AddPermission, RemovePermission, GetPolicy), event source mappings
// (Create/Get/Update/Delete/ListEventSourceMappings), layers (PublishLayerVersion,
// GetLayerVersion, DeleteLayerVersion, ListLayerVersions) and function URLs
// (Create/Get/Update/DeleteFunctionUrlConfig). Records as lambda_common.h lists them.
//
// Enforced as Lambda does: statement ids, actions and principals per the model's patterns,
// unique statement ids, the 20 KB policy limit, qualifiers that must exist; event sources whose
// queue must exist in the embedded SQS, batch sizes per source type, StartingPosition for
// streams only, one mapping per source and function; layer names, compatible runtimes (at most
// 15) and architectures, layer content from a zip; URL qualifiers that must be aliases or
// $LATEST, AuthType and InvokeMode values, one URL per qualifier.
#include "services/embedded/lambda_common.h"

#include "state/ids.h"

#include <fmt/format.h>

#include <regex>

namespace cfnlocal::services::embedded {
namespace lambda {
namespace {

// ---- policies ---------------------------------------------------------------------------------

// "" for the unqualified function (and $LATEST), else the qualifier, which must exist.
std::string policy_qualifier(Context &c, const FunctionRef &ref) {
  if (ref.qualifier.empty() || ref.qualifier == "$LATEST")
    return "";
  resolve(c, ref.name, ref.qualifier);
  return ref.qualifier;
}

Json principal_of(const std::string &principal) {
  if (principal == "*")
    return "*";
  if (principal.size() == 12 && principal.find_first_not_of("0123456789") == std::string::npos)
    return Json{{"AWS", fmt::format("arn:aws:iam::{}:root", principal)}};
  if (principal.starts_with("arn:"))
    return Json{{"AWS", principal}};
  return Json{{"Service", principal}};
}

Json add_permission(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  std::string sid = required_string(input, "StatementId");
  static const std::regex sid_pattern(R"([a-zA-Z0-9\-_]+)");
  if (sid.empty() || sid.size() > 100 || !std::regex_match(sid, sid_pattern))
    constraint_error("StatementId", sid, "satisfy regular expression pattern: ([a-zA-Z0-9-_]+)");
  std::string action = required_string(input, "Action");
  static const std::regex action_pattern(R"((lambda:[*]|lambda:[a-zA-Z]+|[*]))");
  if (!std::regex_match(action, action_pattern))
    constraint_error("Action", action,
                     "satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
  std::string principal = required_string(input, "Principal");
  static const std::regex principal_pattern(R"([^\s]+)");
  if (!std::regex_match(principal, principal_pattern))
    constraint_error("Principal", principal, "satisfy regular expression pattern: [^\\s]+");
  Json function = load_function(c, ref.name, ref.qualifier);
  std::string qualifier = policy_qualifier(c, ref);
  if (auto revision = optional_string(input, "RevisionId");
      revision && *revision != function["Configuration"].value("RevisionId", ""))
    throw ServiceError("PreconditionFailedException",
                       "The Revision Id provided does not match the latest Revision Id. Call the "
                       "GetPolicy API to retrieve the latest Revision Id",
                       412);
  Json &policy = function["Policies"][qualifier];
  if (policy.is_null())
    policy = Json{{"Version", "2012-10-17"}, {"Id", "default"}, {"Statement", Json::array()}};
  for (const auto &s : policy["Statement"])
    if (s["Sid"] == sid)
      conflict("The statement id (" + sid +
               ") provided already exists. Please choose a new statement id, or remove the "
               "existing statement.");
  Json statement = {
      {"Sid", sid},
      {"Effect", "Allow"},
      {"Principal", principal_of(principal)},
      {"Action", action},
      {"Resource", function_arn(c, ref.name) + (qualifier.empty() ? "" : ":" + qualifier)}};
  Json condition = Json::object();
  if (auto arn = optional_string(input, "SourceArn")) {
    static const std::regex arn_pattern(
        R"(arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*))");
    if (!std::regex_match(*arn, arn_pattern))
      constraint_error("SourceArn", *arn,
                       "satisfy regular expression pattern: arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-"
                       "])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");
    condition["ArnLike"] = {{"AWS:SourceArn", *arn}};
  }
  if (auto account = optional_string(input, "SourceAccount")) {
    static const std::regex account_pattern(R"(\d{12})");
    if (!std::regex_match(*account, account_pattern))
      constraint_error("SourceAccount", *account, "satisfy regular expression pattern: \\d{12}");
    condition["StringEquals"]["AWS:SourceAccount"] = *account;
  }
  if (auto org = optional_string(input, "PrincipalOrgID"))
    condition["StringEquals"]["aws:PrincipalOrgID"] = *org;
  if (auto token = optional_string(input, "EventSourceToken"))
    condition["StringEquals"]["lambda:EventSourceToken"] = *token;
  if (auto auth = optional_string(input, "FunctionUrlAuthType")) {
    if (*auth != "NONE" && *auth != "AWS_IAM")
      constraint_error("FunctionUrlAuthType", *auth, "satisfy enum value set: [NONE, AWS_IAM]");
    condition["StringEquals"]["lambda:FunctionUrlAuthType"] = *auth;
  }
  if (!condition.empty())
    statement["Condition"] = condition;
  policy["Statement"].push_back(statement);
  if (policy.dump().size() > 20480)
    throw ServiceError("PolicyLengthExceededException", "The final policy size (" +
                                                            std::to_string(policy.dump().size()) +
                                                            ") is bigger than the limit (20480).");
  save_function(c, function);
  return Json{{"Statement", statement.dump()}};
}

Json get_policy(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  Json function = load_function(c, ref.name, ref.qualifier);
  std::string qualifier = policy_qualifier(c, ref);
  const Json &policy = function["Policies"].value(qualifier, Json());
  if (policy.is_null() || policy["Statement"].empty())
    not_found("The resource you requested does not exist.");
  return Json{{"Policy", policy.dump()},
              {"RevisionId", function["Configuration"].value("RevisionId", "")}};
}

Json remove_permission(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  std::string sid = required_string(input, "StatementId");
  Json function = load_function(c, ref.name, ref.qualifier);
  std::string qualifier = policy_qualifier(c, ref);
  Json &policy = function["Policies"][qualifier];
  bool removed = false;
  if (policy.is_object()) {
    Json &statements = policy["Statement"];
    for (auto it = statements.begin(); it != statements.end(); ++it)
      if ((*it)["Sid"] == sid) {
        statements.erase(it);
        removed = true;
        break;
      }
    if (statements.empty())
      function["Policies"].erase(qualifier);
  } else {
    function["Policies"].erase(qualifier);
  }
  if (!removed)
    not_found(fmt::format("Statement {} is not found in resource policy.", sid));
  save_function(c, function);
  return Json::object();
}

// ---- event source mappings --------------------------------------------------------------------

std::string esm_arn(const Context &c, const std::string &uuid) {
  return fmt::format("arn:{}:lambda:{}:{}:event-source-mapping:{}", c.partition, c.region,
                     c.account, uuid);
}

[[noreturn]] void esm_not_found(const std::string &uuid) {
  not_found(fmt::format("The resource you requested does not exist. (Service: Lambda, Status "
                        "Code: 404, Request ID: {}) for event source mapping {}",
                        state::uuid4(), uuid));
}

// The kind of an event source ARN: "sqs", "kinesis", "dynamodb", "kafka", "mq", "docdb".
std::string source_kind(const std::string &arn) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    size_t colon = arn.find(':', start);
    if (colon == std::string::npos)
      return "";
    parts.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  return parts.size() == 5 ? parts[2] : "";
}

void check_batching(const std::string &kind, Json &esm) {
  int64_t batch = esm["BatchSize"];
  constexpr int64_t max = 10000;
  if (batch < 1 || batch > max)
    constraint_error("BatchSize", batch, fmt::format("have value between 1 and {}", max));
  int64_t window = esm.value("MaximumBatchingWindowInSeconds", int64_t{0});
  if (window < 0 || window > 300)
    constraint_error("MaximumBatchingWindowInSeconds", window, "have value between 0 and 300");
  if (kind == "sqs" && batch > 10 && window < 1)
    invalid_value("Maximum batch window in seconds must be greater than 0 if maximum batch size "
                  "is greater than 10");
}

void apply_esm_settings(Context &c, const Json &input, Json &esm, const std::string &kind) {
  if (input.contains("FunctionName")) {
    FunctionRef ref = function_ref(c, required_string(input, "FunctionName"), "FunctionName");
    resolve(c, ref.name, ref.qualifier);
    esm["FunctionArn"] =
        function_arn(c, ref.name) + (ref.qualifier.empty() ? "" : ":" + ref.qualifier);
  }
  if (auto n = optional_int(input, "BatchSize"))
    esm["BatchSize"] = *n;
  if (auto n = optional_int(input, "MaximumBatchingWindowInSeconds"))
    esm["MaximumBatchingWindowInSeconds"] = *n;
  if (input.contains("Enabled"))
    esm["State"] = optional_bool(input, "Enabled", true) ? "Enabled" : "Disabled";
  for (const char *member :
       {"FilterCriteria", "DestinationConfig", "FunctionResponseTypes", "ScalingConfig",
        "MaximumRecordAgeInSeconds", "BisectBatchOnFunctionError", "MaximumRetryAttempts",
        "ParallelizationFactor", "TumblingWindowInSeconds", "SourceAccessConfigurations", "Topics",
        "Queues", "KMSKeyArn", "MetricsConfig", "DocumentDBEventSourceConfig",
        "AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig",
        "ProvisionedPollerConfig"})
    if (auto it = input.find(member); it != input.end() && !it->is_null())
      esm[member] = *it;
  if (kind == "sqs")
    for (const char *member :
         {"ParallelizationFactor", "MaximumRecordAgeInSeconds", "BisectBatchOnFunctionError",
          "MaximumRetryAttempts", "TumblingWindowInSeconds"})
      if (input.contains(member))
        invalid_value(fmt::format("Unsupported parameter for SQS event source: {}.", member));
  if (auto scaling = esm.find("ScalingConfig"); scaling != esm.end() && scaling->is_object())
    if (auto n = optional_int(*scaling, "MaximumConcurrency"); n && (*n < 2 || *n > 1000))
      constraint_error("ScalingConfig.MaximumConcurrency", *n, "have value between 2 and 1000");
  if (auto f = esm.find("FunctionResponseTypes"); f != esm.end() && f->is_array())
    for (const auto &t : *f)
      if (t != "ReportBatchItemFailures")
        constraint_error("FunctionResponseTypes", t,
                         "satisfy enum value set: [ReportBatchItemFailures]");
  check_batching(kind, esm);
  esm["LastModified"] = state::now_iso8601();
}

Json create_event_source_mapping(Context &c, const Json &input) {
  if (!input.contains("FunctionName"))
    constraint_error("FunctionName", Json(), "not be null");
  std::string source = optional_string(input, "EventSourceArn").value_or("");
  std::string kind = source.empty() ? "kafka" : source_kind(source);
  if (!source.empty() && kind.empty())
    constraint_error("EventSourceArn", source,
                     "satisfy regular expression pattern: arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+"
                     ":([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");
  if (kind == "sqs") {
    std::string name = source.substr(source.rfind(':') + 1);
    if (!c.store.get_record("sqs", "queue", c.region + ":" + name) ||
        source.find(":" + c.region + ":" + c.account + ":") == std::string::npos)
      invalid_value(fmt::format("Error occurred while ReceiveMessage. SQS Error Code: "
                                "AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The "
                                "specified queue does not exist or you do not have access to it."));
    if (input.contains("StartingPosition"))
      invalid_value("StartingPosition is not valid for SQS event sources.");
  } else if (kind == "kinesis" || kind == "dynamodb" || kind == "kafka") {
    auto position = optional_string(input, "StartingPosition");
    if (!position)
      invalid_value("1 validation error detected: Value null at 'startingPosition' failed to "
                    "satisfy constraint: Member must not be null.");
    if (*position != "TRIM_HORIZON" && *position != "LATEST" && *position != "AT_TIMESTAMP")
      constraint_error("StartingPosition", *position,
                       "satisfy enum value set: [TRIM_HORIZON, LATEST, AT_TIMESTAMP]");
  }
  std::string uuid = state::uuid4();
  Json esm = {{"UUID", uuid},
              {"BatchSize", kind == "sqs" ? 10 : 100},
              {"MaximumBatchingWindowInSeconds", 0},
              {"State", "Enabled"},
              {"StateTransitionReason", "USER_INITIATED"},
              {"LastProcessingResult", "No records processed"},
              {"EventSourceMappingArn", esm_arn(c, uuid)}};
  if (!source.empty())
    esm["EventSourceArn"] = source;
  for (const char *member :
       {"StartingPosition", "StartingPositionTimestamp", "SelfManagedEventSource"})
    if (input.contains(member))
      esm[member] = input[member];
  apply_esm_settings(c, input, esm, kind);
  if (!source.empty())
    for (const auto &[k, other] : c.store.list_records(kService, "esm"))
      if (other.value("EventSourceArn", "") == source && other["FunctionArn"] == esm["FunctionArn"])
        conflict(fmt::format("An event source mapping with {} arn (\" {} \") and function (\" {} "
                             "\") already exists. Please update or delete the existing mapping "
                             "with UUID {}",
                             kind == "sqs" ? "SQS" : kind, source,
                             esm["FunctionArn"].get<std::string>(),
                             other["UUID"].get<std::string>()));
  Json tags = input.value("Tags", Json::object());
  Json record = esm;
  record["Tags"] = tags;
  c.store.put_record(kService, "esm", uuid, record);
  return esm;
}

Json load_esm(Context &c, const Json &input) {
  std::string uuid = required_string(input, "UUID");
  auto record = c.store.get_record(kService, "esm", uuid);
  if (!record)
    esm_not_found(uuid);
  return *record;
}

Json shown_esm(Json record) {
  record.erase("Tags");
  return record;
}

Json get_event_source_mapping(Context &c, const Json &input) {
  return shown_esm(load_esm(c, input));
}

Json update_event_source_mapping(Context &c, const Json &input) {
  Json record = load_esm(c, input);
  apply_esm_settings(c, input, record, source_kind(record.value("EventSourceArn", "")));
  c.store.put_record(kService, "esm", record["UUID"].get<std::string>(), record);
  return shown_esm(record);
}

Json delete_event_source_mapping(Context &c, const Json &input) {
  Json record = load_esm(c, input);
  c.store.delete_record(kService, "esm", record["UUID"].get<std::string>());
  record["State"] = "Deleting";
  return shown_esm(record);
}

Json list_event_source_mappings(Context &c, const Json &input) {
  auto source = optional_string(input, "EventSourceArn");
  std::optional<std::string> function;
  if (auto name = optional_string(input, "FunctionName")) {
    FunctionRef ref = function_ref(c, *name, "FunctionName");
    function = function_arn(c, ref.name) + (ref.qualifier.empty() ? "" : ":" + ref.qualifier);
  }
  Json out = {{"EventSourceMappings", Json::array()}};
  for (const auto &[k, r] : c.store.list_records(kService, "esm"))
    if ((!source || r.value("EventSourceArn", "") == *source) &&
        (!function || r["FunctionArn"] == *function))
      out["EventSourceMappings"].push_back(shown_esm(r));
  return out;
}

// ---- layers -----------------------------------------------------------------------------------

std::string layer_name_of(const Context &c, const Json &input) {
  std::string name = required_string(input, "LayerName");
  static const std::regex pattern(
      R"((arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+)");
  if (name.empty() || name.size() > 140 || !std::regex_match(name, pattern))
    constraint_error("LayerName", name,
                     "satisfy regular expression pattern: (arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+"
                     ":\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+");
  if (name.starts_with("arn:")) {
    std::string prefix =
        fmt::format("arn:{}:lambda:{}:{}:layer:", c.partition, c.region, c.account);
    if (!name.starts_with(prefix))
      not_found("The resource you requested does not exist.");
    name = name.substr(prefix.size());
  }
  return name;
}

std::string layer_arn(const Context &c, const std::string &name) {
  return fmt::format("arn:{}:lambda:{}:{}:layer:{}", c.partition, c.region, c.account, name);
}

std::string layer_version_key(const Context &c, const std::string &name, int64_t version) {
  return fmt::format("{}:{}:{:010d}", c.region, name, version);
}

Json publish_layer_version(Context &c, const Json &input) {
  std::string name = layer_name_of(c, input);
  if (!input.contains("Content"))
    constraint_error("Content", Json(), "not be null");
  std::string description = optional_string(input, "Description").value_or("");
  check_length("Description", description, 0, 256);
  std::string license = optional_string(input, "LicenseInfo").value_or("");
  check_length("LicenseInfo", license, 0, 512);
  Json runtimes = input.value("CompatibleRuntimes", Json::array());
  if (!runtimes.is_array() || runtimes.size() > 15)
    constraint_error("CompatibleRuntimes", runtimes, "have length less than or equal to 15");
  Json architectures = input.value("CompatibleArchitectures", Json::array());
  if (!architectures.is_array() || architectures.size() > 2)
    constraint_error("CompatibleArchitectures", architectures,
                     "have length less than or equal to 2");
  for (const auto &a : architectures)
    if (a != "x86_64" && a != "arm64")
      constraint_error("CompatibleArchitectures", a, "satisfy enum value set: [x86_64, arm64]");
  std::string bytes = code_bytes(c, input["Content"]);
  if (bytes.empty())
    invalid_value("Please provide a source for layer content.");
  Json layer = c.store.get_record(kService, "layer", c.region + ":" + name)
                   .value_or(Json{{"NextVersion", 1}});
  int64_t version = layer["NextVersion"];
  std::string file = store_code(c, bytes);
  std::string sha = sha256_hex(bytes), raw;
  for (size_t i = 0; i + 1 < sha.size(); i += 2)
    raw += static_cast<char>(std::stoi(sha.substr(i, 2), nullptr, 16));
  Json out = {{"Content",
               {{"Location", "file://" + file},
                {"CodeSha256", base64_encode(raw)},
                {"CodeSize", bytes.size()}}},
              {"LayerArn", layer_arn(c, name)},
              {"LayerVersionArn", layer_arn(c, name) + ":" + std::to_string(version)},
              {"Description", description},
              {"CreatedDate", state::now_iso8601()},
              {"Version", version}};
  if (!runtimes.empty())
    out["CompatibleRuntimes"] = runtimes;
  if (!architectures.empty())
    out["CompatibleArchitectures"] = architectures;
  if (!license.empty())
    out["LicenseInfo"] = license;
  Json record = out;
  record["File"] = file;
  c.store.put_record(kService, "layer-version", layer_version_key(c, name, version), record);
  layer["NextVersion"] = version + 1;
  c.store.put_record(kService, "layer", c.region + ":" + name, layer);
  return out;
}

int64_t version_number(const Json &input) {
  auto n = optional_int(input, "VersionNumber");
  if (!n)
    constraint_error("VersionNumber", Json(), "not be null");
  return *n;
}

Json get_layer_version(Context &c, const Json &input) {
  std::string name = layer_name_of(c, input);
  auto record = c.store.get_record(kService, "layer-version",
                                   layer_version_key(c, name, version_number(input)));
  if (!record)
    not_found("The resource you requested does not exist.");
  record->erase("File");
  return *record;
}

Json delete_layer_version(Context &c, const Json &input) {
  std::string name = layer_name_of(c, input);
  std::string key = layer_version_key(c, name, version_number(input));
  // Deleting a version that does not exist succeeds, as in Lambda.
  if (auto record = c.store.get_record(kService, "layer-version", key)) {
    c.store.delete_record(kService, "layer-version", key);
    c.remove_after_commit.emplace_back((*record)["File"].get<std::string>());
  }
  return Json::object();
}

Json list_layer_versions(Context &c, const Json &input) {
  std::string name = layer_name_of(c, input);
  Json out = {{"LayerVersions", Json::array()}};
  auto records = c.store.list_records(kService, "layer-version", c.region + ":" + name + ":");
  for (auto it = records.rbegin(); it != records.rend(); ++it) {
    Json v = it->second;
    v.erase("File");
    v.erase("Content");
    v.erase("LayerArn");
    out["LayerVersions"].push_back(v);
  }
  return out;
}

// ---- function URLs ----------------------------------------------------------------------------

// The URL key of a function (the qualifier, "" for $LATEST); the qualifier must be an alias.
std::string url_qualifier(Context &c, const FunctionRef &ref) {
  if (ref.qualifier.empty() || ref.qualifier == "$LATEST")
    return "";
  if (ref.qualifier.find_first_not_of("0123456789") == std::string::npos)
    invalid_value("Function URLs can only be created for the $LATEST version or an alias.");
  resolve(c, ref.name, ref.qualifier);
  return ref.qualifier;
}

void apply_url_settings(const Json &input, Json &url) {
  if (auto auth = optional_string(input, "AuthType")) {
    if (*auth != "NONE" && *auth != "AWS_IAM")
      constraint_error("AuthType", *auth, "satisfy enum value set: [NONE, AWS_IAM]");
    url["AuthType"] = *auth;
  }
  if (auto mode = optional_string(input, "InvokeMode")) {
    if (*mode != "BUFFERED" && *mode != "RESPONSE_STREAM")
      constraint_error("InvokeMode", *mode, "satisfy enum value set: [BUFFERED, RESPONSE_STREAM]");
    url["InvokeMode"] = *mode;
  }
  if (auto cors = input.find("Cors"); cors != input.end() && !cors->is_null()) {
    if (!cors->is_object())
      constraint_error("Cors", *cors, "be a structure");
    if (auto age = optional_int(*cors, "MaxAge"); age && (*age < 0 || *age > 86400))
      constraint_error("Cors.MaxAge", *age, "have value between 0 and 86400");
    url["Cors"] = *cors;
  }
}

Json create_function_url_config(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  if (!input.contains("AuthType"))
    constraint_error("AuthType", Json(), "not be null");
  Json function = load_function(c, ref.name, ref.qualifier);
  std::string qualifier = url_qualifier(c, ref);
  std::string arn = function_arn(c, ref.name) + (qualifier.empty() ? "" : ":" + qualifier);
  if (function["Urls"].contains(qualifier))
    conflict(fmt::format("Failed to create function url config for [functionArn = {}]. Error "
                         "message:  FunctionUrlConfig exists for this Lambda function",
                         arn));
  std::string id;
  for (char ch : random_alnum(32))
    id += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  Json url = {{"FunctionUrl", fmt::format("https://{}.lambda-url.{}.on.aws/", id, c.region)},
              {"FunctionArn", arn},
              {"InvokeMode", "BUFFERED"},
              {"CreationTime", state::now_iso8601()}};
  apply_url_settings(input, url);
  url["LastModifiedTime"] = url["CreationTime"];
  function["Urls"][qualifier] = url;
  save_function(c, function);
  Json out = url;
  out.erase("LastModifiedTime");
  return out;
}

Json load_url(Context &c, const Json &input, Json &function, std::string &qualifier,
              FunctionRef &ref) {
  ref = function_member(c, input);
  function = load_function(c, ref.name, ref.qualifier);
  qualifier = url_qualifier(c, ref);
  if (!function["Urls"].contains(qualifier))
    not_found("The resource you requested does not exist.");
  return function["Urls"][qualifier];
}

Json get_function_url_config(Context &c, const Json &input) {
  Json function;
  std::string qualifier;
  FunctionRef ref;
  return load_url(c, input, function, qualifier, ref);
}

Json update_function_url_config(Context &c, const Json &input) {
  Json function;
  std::string qualifier;
  FunctionRef ref;
  Json url = load_url(c, input, function, qualifier, ref);
  apply_url_settings(input, url);
  url["LastModifiedTime"] = state::now_iso8601();
  function["Urls"][qualifier] = url;
  save_function(c, function);
  return url;
}

Json delete_function_url_config(Context &c, const Json &input) {
  Json function;
  std::string qualifier;
  FunctionRef ref;
  load_url(c, input, function, qualifier, ref);
  function["Urls"].erase(qualifier);
  save_function(c, function);
  return Json::object();
}

} // namespace

Json tag_event_source_mapping(Context &c, const Json &input) {
  std::string arn = required_string(input, "Resource");
  std::string uuid = arn.substr(arn.rfind(':') + 1);
  auto record = c.store.get_record(kService, "esm", uuid);
  if (!record)
    esm_not_found(uuid);
  if (auto tags = input.find("Tags"); tags != input.end() && tags->is_object())
    for (const auto &[k, v] : tags->items())
      (*record)["Tags"][k] = v;
  c.store.put_record(kService, "esm", uuid, *record);
  return Json::object();
}

void add_resource_handlers(HandlerTable &table) {
  table.insert({
      {"AddPermission", add_permission},
      {"GetPolicy", get_policy},
      {"RemovePermission", remove_permission},
      {"CreateEventSourceMapping", create_event_source_mapping},
      {"GetEventSourceMapping", get_event_source_mapping},
      {"UpdateEventSourceMapping", update_event_source_mapping},
      {"DeleteEventSourceMapping", delete_event_source_mapping},
      {"ListEventSourceMappings", list_event_source_mappings},
      {"PublishLayerVersion", publish_layer_version},
      {"GetLayerVersion", get_layer_version},
      {"DeleteLayerVersion", delete_layer_version},
      {"ListLayerVersions", list_layer_versions},
      {"CreateFunctionUrlConfig", create_function_url_config},
      {"GetFunctionUrlConfig", get_function_url_config},
      {"UpdateFunctionUrlConfig", update_function_url_config},
      {"DeleteFunctionUrlConfig", delete_function_url_config},
  });
}

} // namespace lambda
} // namespace cfnlocal::services::embedded
