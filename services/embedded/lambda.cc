// The embedded AWS Lambda: functions, their code, versions, aliases, tags and reserved
// concurrency (AWS Lambda API Reference: CreateFunction, GetFunction, GetFunctionConfiguration,
// UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction, ListFunctions,
// PublishVersion, ListVersionsByFunction, CreateAlias, GetAlias, UpdateAlias, DeleteAlias,
// ListAliases, TagResource, UntagResource, ListTags, PutFunctionConcurrency,
// GetFunctionConcurrency, DeleteFunctionConcurrency; botocore lambda/2015-03-31). Permissions,
// event source mappings, layers and URLs are in lambda_resources.cc; Invoke in lambda_invoke.cc.
//
// Enforced as Lambda does: names and ARNs per the model's patterns (function names 1-64 of
// [a-zA-Z0-9-_]), the execution role must exist in the embedded IAM and trust
// lambda.amazonaws.com, runtimes from the model's enum with the deprecated ones refused for
// create and update, Runtime and Handler required for zip packages, MemorySize 128-10240, Timeout
// 1-900, ephemeral storage 512-10240, environment variable names, reserved keys and the 4 KB
// limit, at most 5 layers that must exist, code from a valid zip (ZipFile or an object of the
// embedded S3), RevisionId preconditions, and conflicts (a name taken, an alias or version
// still referenced).
#include "services/embedded/lambda_common.h"

#include "services/embedded/iam_common.h"
#include "services/embedded/s3_common.h"
#include "state/ids.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

namespace cfnlocal::services::embedded {
namespace lambda {

// ---- shared helpers (lambda_common.h) --------------------------------------------------------

void not_found(const std::string &message) {
  throw ServiceError("ResourceNotFoundException", message, 404);
}
void invalid_value(const std::string &message) {
  throw ServiceError("InvalidParameterValueException", message, 400);
}
void conflict(const std::string &message) {
  throw ServiceError("ResourceConflictException", message, 409);
}

std::string function_key(const Context &c, const std::string &name) {
  return c.region + ":" + name;
}
std::string version_key(const Context &c, const std::string &name, int64_t version) {
  return fmt::format("{}:{}:{:010d}", c.region, name, version);
}
std::string alias_key(const Context &c, const std::string &name, const std::string &alias) {
  return c.region + ":" + name + ":" + alias;
}
std::string function_arn(const Context &c, const std::string &name) {
  return fmt::format("arn:{}:lambda:{}:{}:function:{}", c.partition, c.region, c.account, name);
}

FunctionRef function_ref(const Context &c, const std::string &text, std::string_view member) {
  static const std::regex pattern(
      R"(((arn:(aws[a-zA-Z-]*)?:lambda:)?(([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}):)?(\d{12}:)?(function:)?([a-zA-Z0-9\-_\.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9\-_]+))?))");
  std::smatch m;
  if (text.empty() || text.size() > 256 || !std::regex_match(text, m, pattern))
    constraint_error(member, text,
                     "satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]"
                     "{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-"
                     "Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
  FunctionRef ref{m[12].str(), m[14].str()};
  std::string region = m[5].str();
  std::string account = m[10].str();
  if (!account.empty())
    account.pop_back();
  if ((!region.empty() && region != c.region) || (!account.empty() && account != c.account))
    not_found(fmt::format("Function not found: {}", text));
  if (ref.name.size() > 64 && !text.starts_with("arn:"))
    constraint_error(member, text, "have length less than or equal to 64");
  return ref;
}

FunctionRef function_member(const Context &c, const Json &input, std::string_view member) {
  FunctionRef ref = function_ref(c, required_string(input, member), member);
  if (auto q = optional_string(input, "Qualifier")) {
    static const std::regex qualifier(R"(\$LATEST|[a-zA-Z0-9\-_]+)");
    if (q->empty() || q->size() > 128 || !std::regex_match(*q, qualifier))
      constraint_error("Qualifier", *q, "satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)");
    if (!ref.qualifier.empty() && ref.qualifier != *q)
      invalid_value("The derived qualifier from the function name does not match the specified "
                    "qualifier.");
    ref.qualifier = *q;
  }
  return ref;
}

Json load_function(Context &c, const std::string &name, const std::string &shown_qualifier) {
  auto record = c.store.get_record(kService, "function", function_key(c, name));
  if (!record)
    not_found(fmt::format("Function not found: {}{}", function_arn(c, name),
                          shown_qualifier.empty() ? "" : ":" + shown_qualifier));
  return *record;
}

void save_function(Context &c, const Json &record) {
  c.store.put_record(kService, "function", function_key(c, record["Configuration"]["FunctionName"]),
                     record);
}

namespace {

bool is_version_number(const std::string &q) {
  return !q.empty() && q.size() <= 10 && q.find_first_not_of("0123456789") == std::string::npos;
}

} // namespace

Resolved resolve(Context &c, const std::string &name, const std::string &qualifier) {
  Json function = load_function(c, name, qualifier);
  if (qualifier.empty() || qualifier == "$LATEST")
    return {function["Configuration"], function["CodeFile"].get<std::string>(), "$LATEST"};
  std::string version = qualifier;
  if (!is_version_number(qualifier)) {
    auto alias = c.store.get_record(kService, "alias", alias_key(c, name, qualifier));
    if (!alias)
      not_found(fmt::format("Function not found: {}:{}", function_arn(c, name), qualifier));
    version = (*alias)["FunctionVersion"].get<std::string>();
    if (version == "$LATEST")
      return {function["Configuration"], function["CodeFile"].get<std::string>(), "$LATEST"};
  }
  auto record = c.store.get_record(kService, "version", version_key(c, name, std::stoll(version)));
  if (!record)
    not_found(fmt::format("Function not found: {}:{}", function_arn(c, name), qualifier));
  return {(*record)["Configuration"], (*record)["CodeFile"].get<std::string>(), version};
}

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ServiceError("ServiceException", fmt::format("stored code missing: {}", path), 500);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string code_bytes(Context &c, const Json &code, std::string_view zip_member) {
  if (!code.is_object())
    constraint_error("Code", code, "not be null");
  std::string bytes;
  auto zip = code.find(zip_member);
  bool from_s3 = code.contains("S3Bucket") || code.contains("S3Key");
  if (zip != code.end() && !zip->is_null()) {
    if (from_s3)
      invalid_value("Please provide either a ZipFile or an S3 location, not both.");
    if (zip->is_binary()) {
      bytes.assign(zip->get_binary().begin(), zip->get_binary().end());
    } else if (zip->is_string()) {
      auto decoded = base64_decode(zip->get<std::string>());
      if (!decoded)
        invalid_value("Could not unzip uploaded file. Please check your file, then try to upload "
                      "again.");
      bytes = std::move(*decoded);
    } else {
      constraint_error(zip_member, *zip, "be a blob");
    }
    if (bytes.size() > 50 * 1024 * 1024)
      throw ServiceError("RequestEntityTooLargeException",
                         "Request must be smaller than 70167211 bytes for the CreateFunction "
                         "operation",
                         413);
  } else if (from_s3) {
    std::string bucket = optional_string(code, "S3Bucket").value_or("");
    std::string key = optional_string(code, "S3Key").value_or("");
    if (bucket.empty() || key.empty())
      invalid_value("Please provide a source for function code (S3Bucket and S3Key).");
    auto object = c.store.get_record(s3::kService, "object", s3::object_key(bucket, key));
    auto version = optional_string(code, "S3ObjectVersion");
    const Json *found = nullptr;
    // Without a version, the current one (a delete marker means the key is gone).
    if (object)
      for (const auto &v : (*object)["Versions"])
        if (!version || v["VersionId"] == *version) {
          if (!v.value("DeleteMarker", false))
            found = &v;
          break;
        }
    if (!c.store.get_record(s3::kService, "bucket", bucket) || !found)
      invalid_value(fmt::format("Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 "
                                "Error Message: The specified key does not exist."));
    bytes = read_file((*found)["File"].get<std::string>());
  } else if (code.contains("ImageUri")) {
    return "";
  } else {
    invalid_value("Please provide a source for function code.");
  }
  if (bytes.size() < 22 || bytes.compare(0, 2, "PK") != 0)
    invalid_value("Could not unzip uploaded file. Please check your file, then try to upload "
                  "again.");
  return bytes;
}

std::string store_code(Context &c, const std::string &bytes) {
  std::filesystem::path dir = std::filesystem::absolute(c.objects_dir) / "lambda";
  std::filesystem::create_directories(dir);
  std::filesystem::path file = dir / (state::uuid4() + ".zip");
  std::filesystem::path tmp = file;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out)
      throw ServiceError("ServiceException",
                         fmt::format("cannot write function code to {}", tmp.string()), 500);
  }
  std::filesystem::rename(tmp, file);
  return file.string();
}

namespace {

const std::set<std::string> &runtimes() {
  static const std::set<std::string> all = {
      "nodejs",     "nodejs4.3",       "nodejs6.10",     "nodejs8.10",    "nodejs10.x",
      "nodejs12.x", "nodejs14.x",      "nodejs16.x",     "java8",         "java8.al2",
      "java11",     "python2.7",       "python3.6",      "python3.7",     "python3.8",
      "python3.9",  "dotnetcore1.0",   "dotnetcore2.0",  "dotnetcore2.1", "dotnetcore3.1",
      "dotnet6",    "dotnet8",         "nodejs4.3-edge", "go1.x",         "ruby2.5",
      "ruby2.7",    "provided",        "provided.al2",   "nodejs18.x",    "python3.10",
      "java17",     "ruby3.2",         "ruby3.3",        "ruby3.4",       "python3.11",
      "nodejs20.x", "provided.al2023", "python3.12",     "java21",        "python3.13",
      "nodejs22.x", "nodejs24.x",      "python3.14",     "java25",        "dotnet10",
      "ruby4.0"};
  return all;
}

// Runtimes past their "block function create and update" date (Lambda runtimes, "Runtime
// deprecation policy"), with the runtime Lambda's message recommends.
const std::map<std::string, std::string> &blocked_runtimes() {
  static const std::map<std::string, std::string> blocked = {
      {"nodejs", "nodejs22.x"},     {"nodejs4.3", "nodejs22.x"},  {"nodejs4.3-edge", "nodejs22.x"},
      {"nodejs6.10", "nodejs22.x"}, {"nodejs8.10", "nodejs22.x"}, {"nodejs10.x", "nodejs22.x"},
      {"nodejs12.x", "nodejs22.x"}, {"nodejs14.x", "nodejs22.x"}, {"python2.7", "python3.13"},
      {"python3.6", "python3.13"},  {"python3.7", "python3.13"},  {"dotnetcore1.0", "dotnet8"},
      {"dotnetcore2.0", "dotnet8"}, {"dotnetcore2.1", "dotnet8"}, {"dotnetcore3.1", "dotnet8"},
      {"ruby2.5", "ruby3.3"},       {"ruby2.7", "ruby3.3"},       {"go1.x", "provided.al2023"},
      {"java8", "java21"}};
  return blocked;
}

void check_runtime(const std::string &runtime) {
  if (!runtimes().count(runtime)) {
    std::string set;
    for (const auto &r : runtimes())
      set += (set.empty() ? "" : ", ") + r;
    constraint_error("Runtime", runtime, fmt::format("satisfy enum value set: [{}]", set));
  }
  if (auto it = blocked_runtimes().find(runtime); it != blocked_runtimes().end())
    invalid_value(fmt::format("The runtime parameter of {} is no longer supported for creating "
                              "or updating AWS Lambda functions. We recommend you use the new "
                              "runtime ({}) while creating or updating functions.",
                              runtime, it->second));
}

// Whether a trust policy lets lambda.amazonaws.com call sts:AssumeRole.
bool trusts_lambda(const std::string &document) {
  Json policy = Json::parse(document, nullptr, false);
  if (!policy.is_object())
    return false;
  Json statements = policy.value("Statement", Json::array());
  if (statements.is_object())
    statements = Json::array({statements});
  auto has = [](const Json &v, auto pred) {
    if (v.is_string())
      return pred(v.get<std::string>());
    if (v.is_array())
      for (const auto &x : v)
        if (x.is_string() && pred(x.get<std::string>()))
          return true;
    return false;
  };
  for (const auto &s : statements) {
    if (!s.is_object() || s.value("Effect", "") != "Allow")
      continue;
    bool action = has(s.value("Action", Json()), [](const std::string &a) {
      return a == "sts:AssumeRole" || a == "sts:*" || a == "*";
    });
    const Json principal = s.value("Principal", Json());
    bool lambda = principal == "*" ||
                  (principal.is_object() &&
                   (has(principal.value("Service", Json()),
                        [](const std::string &p) { return p == "lambda.amazonaws.com"; }) ||
                    principal.value("AWS", Json()) == "*"));
    if (action && lambda)
      return true;
  }
  return false;
}

void check_role(Context &c, const std::string &role) {
  static const std::regex pattern(
      R"(arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+)");
  if (!std::regex_match(role, pattern))
    constraint_error("Role", role,
                     "satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/"
                     "?[a-zA-Z_0-9+=,.@\\-_/]+");
  std::string account = role.substr(role.find("::") + 2, 12);
  std::string name = role.substr(role.rfind('/') + 1);
  auto record = account == c.account ? c.store.get_record(iam::kService, "role", iam::key_of(name))
                                     : std::nullopt;
  if (!record || (*record).value("Arn", "") != role ||
      !trusts_lambda((*record).value("AssumeRolePolicyDocument", "")))
    invalid_value("The role defined for the function cannot be assumed by Lambda.");
}

void check_int(const Json &input, std::string_view member, int64_t min, int64_t max, Json &config) {
  auto v = optional_int(input, member);
  if (!v)
    return;
  if (*v < min)
    constraint_error(member, *v, fmt::format("have value greater than or equal to {}", min));
  if (*v > max)
    constraint_error(member, *v, fmt::format("have value less than or equal to {}", max));
  config[std::string(member)] = *v;
}

void check_environment(const Json &input, Json &config) {
  auto env = input.find("Environment");
  if (env == input.end() || env->is_null())
    return;
  Json variables = env->value("Variables", Json::object());
  if (!variables.is_object())
    constraint_error("Environment.Variables", variables, "be a map");
  static const std::regex name(R"([a-zA-Z]([a-zA-Z0-9_])+)");
  static const std::set<std::string> reserved = {"_HANDLER",
                                                 "_X_AMZN_TRACE_ID",
                                                 "AWS_DEFAULT_REGION",
                                                 "AWS_REGION",
                                                 "AWS_EXECUTION_ENV",
                                                 "AWS_LAMBDA_FUNCTION_NAME",
                                                 "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                                                 "AWS_LAMBDA_FUNCTION_VERSION",
                                                 "AWS_LAMBDA_INITIALIZATION_TYPE",
                                                 "AWS_LAMBDA_LOG_GROUP_NAME",
                                                 "AWS_LAMBDA_LOG_STREAM_NAME",
                                                 "AWS_ACCESS_KEY",
                                                 "AWS_ACCESS_KEY_ID",
                                                 "AWS_SECRET_ACCESS_KEY",
                                                 "AWS_SESSION_TOKEN",
                                                 "AWS_LAMBDA_RUNTIME_API",
                                                 "LAMBDA_TASK_ROOT",
                                                 "LAMBDA_RUNTIME_DIR"};
  std::vector<std::string> used;
  std::string measured;
  for (const auto &[k, v] : variables.items()) {
    if (!std::regex_match(k, name))
      constraint_error("Environment.Variables", k,
                       "satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+");
    if (reserved.count(k))
      used.push_back(k);
    if (!v.is_string())
      constraint_error("Environment.Variables", v, "be a string");
    measured += k + v.get<std::string>();
  }
  if (!used.empty()) {
    std::string list;
    for (const auto &k : used)
      list += (list.empty() ? "" : ", ") + k;
    invalid_value(fmt::format("Lambda was unable to configure your environment variables because "
                              "the environment variables you have provided contains reserved "
                              "keys that are currently not supported for modification. Reserved "
                              "keys used in this request: {}",
                              list));
  }
  if (measured.size() > 4096)
    invalid_value(fmt::format("Lambda was unable to configure your environment variables because "
                              "the environment variables you have provided exceeded the 4KB "
                              "limit. String measured: {}",
                              Json(variables).dump()));
  config["Environment"] = Json{{"Variables", variables}};
}

void check_layers(Context &c, const Json &input, Json &config) {
  auto layers = input.find("Layers");
  if (layers == input.end() || layers->is_null())
    return;
  if (!layers->is_array())
    constraint_error("Layers", *layers, "be a list");
  if (layers->size() > 5)
    invalid_value("Cannot reference more than 5 layers.");
  static const std::regex pattern(
      R"(arn:[a-zA-Z0-9-]+:lambda:([a-zA-Z0-9-]+):(\d{12}):layer:([a-zA-Z0-9-_]+):([0-9]+))");
  Json out = Json::array();
  for (const auto &l : *layers) {
    std::string arn = l.is_string() ? l.get<std::string>() : l.dump();
    std::smatch m;
    if (arn.size() > 140 || !std::regex_match(arn, m, pattern))
      constraint_error("Layers", arn,
                       "satisfy regular expression pattern: arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]"
                       "+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+");
    Json entry = {{"Arn", arn}, {"CodeSize", 0}};
    if (m[1] == c.region && m[2] == c.account) {
      auto version = c.store.get_record(
          kService, "layer-version",
          fmt::format("{}:{}:{:010d}", c.region, m[3].str(), std::stoll(m[4].str())));
      if (!version)
        invalid_value(fmt::format("Layer version {} does not exist.", arn));
      entry["CodeSize"] = (*version)["Content"].value("CodeSize", 0);
    }
    out.push_back(entry);
  }
  config["Layers"] = out;
}

std::string lambda_time() {
  std::string t = state::now_iso8601();
  if (!t.empty() && t.back() == 'Z')
    t.replace(t.size() - 1, 1, "+0000");
  return t;
}

std::string code_sha256(const std::string &bytes) {
  std::string hex = sha256_hex(bytes), raw;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    raw += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return base64_encode(raw);
}

// Settings CreateFunction and UpdateFunctionConfiguration share, checked and applied.
void apply_settings(Context &c, const Json &input, Json &config) {
  if (auto role = optional_string(input, "Role")) {
    check_role(c, *role);
    config["Role"] = *role;
  }
  if (auto runtime = optional_string(input, "Runtime")) {
    check_runtime(*runtime);
    config["Runtime"] = *runtime;
  }
  if (auto handler = optional_string(input, "Handler")) {
    static const std::regex pattern(R"([^\s]+)");
    if (handler->size() > 128)
      constraint_error("Handler", *handler, "have length less than or equal to 128");
    if (!std::regex_match(*handler, pattern))
      constraint_error("Handler", *handler, "satisfy regular expression pattern: [^\\s]+");
    config["Handler"] = *handler;
  }
  if (auto description = optional_string(input, "Description")) {
    check_length("Description", *description, 0, 256);
    config["Description"] = *description;
  }
  check_int(input, "Timeout", 1, 900, config);
  check_int(input, "MemorySize", 128, 10240, config);
  if (auto storage = input.find("EphemeralStorage");
      storage != input.end() && storage->is_object()) {
    Json holder = Json::object();
    check_int(*storage, "Size", 512, 10240, holder);
    config["EphemeralStorage"] = {{"Size", holder.value("Size", 512)}};
  }
  check_environment(input, config);
  check_layers(c, input, config);
  for (const char *member : {"DeadLetterConfig", "TracingConfig", "VpcConfig", "KMSKeyArn",
                             "FileSystemConfigs", "LoggingConfig", "SnapStart", "ImageConfig"})
    if (auto it = input.find(member); it != input.end() && !it->is_null())
      config[member] = *it;
  if (auto tracing = config.find("TracingConfig"); tracing != config.end()) {
    std::string mode = tracing->value("Mode", "PassThrough");
    if (mode != "Active" && mode != "PassThrough")
      constraint_error("TracingConfig.Mode", mode, "satisfy enum value set: [Active, PassThrough]");
  }
  if (auto vpc = config.find("VpcConfig"); vpc != config.end()) {
    Json shown = {{"SubnetIds", vpc->value("SubnetIds", Json::array())},
                  {"SecurityGroupIds", vpc->value("SecurityGroupIds", Json::array())},
                  {"VpcId", ""}};
    if (!shown["SubnetIds"].empty())
      shown["VpcId"] = "vpc-" + sha256_hex(shown["SubnetIds"].dump()).substr(0, 17);
    config["VpcConfig"] = shown;
  }
  if (auto logging = config.find("LoggingConfig"); logging != config.end()) {
    std::string format = logging->value("LogFormat", "Text");
    if (format != "Text" && format != "JSON")
      constraint_error("LoggingConfig.LogFormat", format, "satisfy enum value set: [JSON, Text]");
    if (logging->contains("LogGroup"))
      check_length("LoggingConfig.LogGroup", (*logging)["LogGroup"].get<std::string>(), 1, 512);
  }
  if (config.value("PackageType", "Zip") == "Zip" &&
      (!config.contains("Runtime") || !config.contains("Handler")))
    invalid_value("Runtime and Handler are mandatory parameters for functions created with "
                  "deployment packages.");
}

std::string log_group_of(const Json &config) {
  if (auto logging = config.find("LoggingConfig");
      logging != config.end() && logging->contains("LogGroup"))
    return (*logging)["LogGroup"];
  return "/aws/lambda/" + config["FunctionName"].get<std::string>();
}

void finish_configuration(Json &config) {
  config["LastModified"] = lambda_time();
  config["RevisionId"] = state::uuid4();
  config["LoggingConfig"] = Json{{"LogFormat", "Text"}, {"LogGroup", log_group_of(config)}};
}

std::string check_revision(const Json &input, const Json &current) {
  auto revision = optional_string(input, "RevisionId");
  if (revision && *revision != current.value("RevisionId", ""))
    throw ServiceError("PreconditionFailedException",
                       "The Revision Id provided does not match the latest Revision Id. Call the "
                       "GetFunction/GetAlias API to retrieve the latest Revision Id",
                       412);
  return revision.value_or("");
}

Json read_tag_map(const Json &input, std::string_view member) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    return Json::object();
  if (!it->is_object())
    constraint_error(member, *it, "be a map of tag keys to values");
  for (const auto &[k, v] : it->items()) {
    if (!v.is_string())
      constraint_error(member, v, "be a string");
    if (k.empty() || utf8_length(k) > 128 || utf8_length(v.get<std::string>()) > 256)
      invalid_value(fmt::format("The tag {} is not valid: keys are 1-128 and values 0-256 "
                                "characters.",
                                k));
    if (k.starts_with("aws:"))
      invalid_value("Tag keys starting with 'aws:' are reserved for system use.");
  }
  if (it->size() > 50)
    invalid_value("Maximum number of tags (50) exceeded.");
  return *it;
}

Json published_versions(Context &c, const std::string &name) {
  Json out = Json::array();
  for (const auto &[key, v] :
       c.store.list_records(kService, "version", c.region + ":" + name + ":"))
    out.push_back(v);
  return out;
}

// The code file is still referenced by another record of the function.
bool code_in_use(Context &c, const std::string &name, const std::string &file) {
  for (const auto &v : published_versions(c, name))
    if (v.value("CodeFile", "") == file)
      return true;
  return false;
}

// ---- operations -------------------------------------------------------------------------------

Json create_function(Context &c, const Json &input) {
  FunctionRef ref = function_ref(c, required_string(input, "FunctionName"), "FunctionName");
  if (!ref.qualifier.empty())
    invalid_value("FunctionName cannot contain a qualifier when creating a function.");
  static const std::regex name_pattern(R"([a-zA-Z0-9\-_]{1,64})");
  if (!std::regex_match(ref.name, name_pattern))
    constraint_error("FunctionName", ref.name,
                     "satisfy regular expression pattern: [a-zA-Z0-9-_]+ of at most 64 characters");
  if (!input.contains("Role"))
    constraint_error("Role", Json(), "not be null");
  if (!input.contains("Code"))
    constraint_error("Code", Json(), "not be null");
  std::string package = optional_string(input, "PackageType").value_or("Zip");
  if (package != "Zip" && package != "Image")
    constraint_error("PackageType", package, "satisfy enum value set: [Zip, Image]");
  Json config = {{"FunctionName", ref.name},
                 {"FunctionArn", function_arn(c, ref.name)},
                 {"Description", ""},
                 {"Timeout", 3},
                 {"MemorySize", 128},
                 {"Version", "$LATEST"},
                 {"PackageType", package},
                 {"State", "Active"},
                 {"LastUpdateStatus", "Successful"},
                 {"TracingConfig", {{"Mode", "PassThrough"}}},
                 {"EphemeralStorage", {{"Size", 512}}},
                 {"SnapStart", {{"ApplyOn", "None"}, {"OptimizationStatus", "Off"}}},
                 {"RuntimeVersionConfig", {{"RuntimeVersionArn", ""}}}};
  Json architectures = input.value("Architectures", Json::array({"x86_64"}));
  if (!architectures.is_array() || architectures.size() != 1 ||
      (architectures[0] != "x86_64" && architectures[0] != "arm64"))
    constraint_error("Architectures", architectures,
                     "have length 1 and satisfy enum value set: [x86_64, arm64]");
  config["Architectures"] = architectures;
  apply_settings(c, input, config);
  Json tags = read_tag_map(input, "Tags");
  if (c.store.get_record(kService, "function", function_key(c, ref.name)))
    conflict(fmt::format("Function already exist: {}", ref.name));
  const Json &code = input["Code"];
  std::string bytes = code_bytes(c, code);
  Json record = {
      {"Tags", tags}, {"Policies", Json::object()}, {"NextVersion", 1}, {"Urls", Json::object()}};
  if (package == "Image") {
    if (!code.contains("ImageUri"))
      invalid_value("Please provide ImageUri when PackageType is Image.");
    config["CodeSha256"] = sha256_hex(code["ImageUri"].get<std::string>());
    config["CodeSize"] = 0;
    record["ImageUri"] = code["ImageUri"];
    record["CodeFile"] = "";
  } else {
    if (bytes.empty())
      invalid_value("Please provide a source for function code.");
    config["CodeSha256"] = code_sha256(bytes);
    config["CodeSize"] = bytes.size();
    record["CodeFile"] = store_code(c, bytes);
  }
  finish_configuration(config);
  record["Configuration"] = config;
  save_function(c, record);
  if (optional_bool(input, "Publish")) {
    publish(c, ref.name, Json::object());
  }
  return config;
}

Json get_function_configuration(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  return resolve(c, ref.name, ref.qualifier).configuration;
}

Json get_function(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  Json function = load_function(c, ref.name, ref.qualifier);
  Resolved r = resolve(c, ref.name, ref.qualifier);
  Json out = {{"Configuration", r.configuration}};
  if (function.contains("ImageUri"))
    out["Code"] = {{"RepositoryType", "ECR"}, {"ImageUri", function["ImageUri"]}};
  else
    out["Code"] = {{"RepositoryType", "S3"}, {"Location", "file://" + r.code_file}};
  if (!function["Tags"].empty())
    out["Tags"] = function["Tags"];
  if (function.contains("ReservedConcurrentExecutions"))
    out["Concurrency"] = {
        {"ReservedConcurrentExecutions", function["ReservedConcurrentExecutions"]}};
  return out;
}

Json update_function_configuration(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  Json function = load_function(c, ref.name);
  Json &config = function["Configuration"];
  check_revision(input, config);
  apply_settings(c, input, config);
  finish_configuration(config);
  save_function(c, function);
  return config;
}

Json update_function_code(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  Json function = load_function(c, ref.name);
  Json &config = function["Configuration"];
  check_revision(input, config);
  if (input.contains("Architectures"))
    config["Architectures"] = input["Architectures"];
  if (config.value("PackageType", "Zip") == "Image") {
    auto uri = optional_string(input, "ImageUri");
    if (!uri)
      invalid_value("Please provide ImageUri when updating a function with package type Image.");
    function["ImageUri"] = *uri;
    config["CodeSha256"] = sha256_hex(*uri);
  } else {
    if (input.contains("ImageUri"))
      invalid_value("Please don't provide ImageUri when updating a function with packageType "
                    "Zip.");
    std::string bytes = code_bytes(c, input);
    if (optional_bool(input, "DryRun"))
      return config;
    std::string old = function.value("CodeFile", "");
    function["CodeFile"] = store_code(c, bytes);
    if (!old.empty() && !code_in_use(c, ref.name, old))
      c.remove_after_commit.emplace_back(old);
    config["CodeSha256"] = code_sha256(bytes);
    config["CodeSize"] = bytes.size();
  }
  finish_configuration(config);
  save_function(c, function);
  if (optional_bool(input, "Publish")) {
    return publish(c, ref.name, Json::object());
  }
  return config;
}

Json delete_function(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  Json function = load_function(c, ref.name, ref.qualifier);
  if (ref.qualifier == "$LATEST")
    invalid_value("$LATEST version cannot be deleted without deleting the function.");
  if (!ref.qualifier.empty()) {
    if (!is_version_number(ref.qualifier))
      invalid_value("Deletion of aliases is not supported. Use DeleteAlias to delete an alias.");
    std::string key = version_key(c, ref.name, std::stoll(ref.qualifier));
    auto version = c.store.get_record(kService, "version", key);
    if (!version)
      not_found(fmt::format("Function not found: {}:{}", function_arn(c, ref.name), ref.qualifier));
    std::vector<std::string> aliases;
    for (const auto &[k, a] :
         c.store.list_records(kService, "alias", c.region + ":" + ref.name + ":"))
      if (a["FunctionVersion"] == ref.qualifier)
        aliases.push_back(a["Name"]);
    if (!aliases.empty())
      conflict(fmt::format("Unable to delete version because the following aliases reference "
                           "it: [{}]",
                           fmt::join(aliases, ", ")));
    c.store.delete_record(kService, "version", key);
    std::string file = (*version).value("CodeFile", "");
    if (!file.empty() && file != function.value("CodeFile", "") && !code_in_use(c, ref.name, file))
      c.remove_after_commit.emplace_back(file);
    return Json{{"StatusCode", 204}};
  }
  std::set<std::string> files;
  if (!function.value("CodeFile", "").empty())
    files.insert(function["CodeFile"].get<std::string>());
  std::string prefix = c.region + ":" + ref.name + ":";
  for (const auto &[k, v] : c.store.list_records(kService, "version", prefix)) {
    if (!v.value("CodeFile", "").empty())
      files.insert(v["CodeFile"].get<std::string>());
    c.store.delete_record(kService, "version", k);
  }
  for (const auto &[k, a] : c.store.list_records(kService, "alias", prefix))
    c.store.delete_record(kService, "alias", k);
  c.store.delete_record(kService, "function", function_key(c, ref.name));
  for (const auto &f : files)
    c.remove_after_commit.emplace_back(f);
  return Json{{"StatusCode", 204}};
}

Json list_functions(Context &c, const Json &input) {
  int64_t max = optional_int(input, "MaxItems").value_or(50);
  if (max < 1 || max > 10000)
    constraint_error("MaxItems", max, "have value between 1 and 10000");
  std::string marker = optional_string(input, "Marker").value_or("");
  auto records =
      c.store.list_records(kService, "function", c.region + ":", static_cast<size_t>(max) + 1,
                           marker.empty() ? "" : c.region + ":" + marker);
  Json out = {{"Functions", Json::array()}};
  for (size_t i = 0; i < records.size() && i < static_cast<size_t>(max); ++i)
    out["Functions"].push_back(records[i].second["Configuration"]);
  if (records.size() > static_cast<size_t>(max))
    out["NextMarker"] =
        records[static_cast<size_t>(max) - 1].second["Configuration"]["FunctionName"];
  return out;
}

// The configuration fields that make a version different from another.
Json version_identity(Json config) {
  for (const char *k : {"Version", "FunctionArn", "LastModified", "RevisionId", "Description",
                        "State", "LastUpdateStatus", "MasterArn"})
    config.erase(k);
  return config;
}

Json publish_version(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  if (!ref.qualifier.empty())
    invalid_value("PublishVersion does not take a qualifier.");
  return publish(c, ref.name, input);
}

Json list_versions_by_function(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  Json function = load_function(c, ref.name);
  Json out = {{"Versions", Json::array({function["Configuration"]})}};
  for (const auto &v : published_versions(c, ref.name))
    out["Versions"].push_back(v["Configuration"]);
  return out;
}

// ---- aliases ----------------------------------------------------------------------------------

std::string checked_alias_name(const Json &input) {
  std::string name = required_string(input, "Name");
  static const std::regex pattern(R"((?!^[0-9]+$)([a-zA-Z0-9\-_]+))");
  if (name.empty() || name.size() > 128 || !std::regex_match(name, pattern))
    constraint_error("Name", name,
                     "satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
  return name;
}

void check_alias_target(Context &c, const std::string &function, const std::string &version,
                        const Json &routing) {
  if (version != "$LATEST") {
    if (!is_version_number(version) ||
        !c.store.get_record(kService, "version", version_key(c, function, std::stoll(version))))
      not_found(fmt::format("Function not found: {}:{}", function_arn(c, function), version));
  }
  if (!routing.is_object())
    return;
  Json weights = routing.value("AdditionalVersionWeights", Json::object());
  if (weights.size() > 1)
    invalid_value("Number of items in AdditionalVersionWeights cannot be greater than 1");
  for (const auto &[v, w] : weights.items()) {
    if (!w.is_number() || w.get<double>() < 0 || w.get<double>() > 1)
      constraint_error("RoutingConfig.AdditionalVersionWeights", w,
                       "have value between 0.0 and 1.0");
    if (v == version)
      invalid_value("Invalid function version " + v +
                    ". Function version cannot be the same as the alias' primary version.");
    if (version == "$LATEST")
      invalid_value("$LATEST is not supported for an alias pointing to more than 1 version");
    if (!is_version_number(v) ||
        !c.store.get_record(kService, "version", version_key(c, function, std::stoll(v))))
      not_found(fmt::format("Function not found: {}:{}", function_arn(c, function), v));
  }
}

Json create_alias(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  std::string name = checked_alias_name(input);
  std::string version = required_string(input, "FunctionVersion");
  load_function(c, ref.name);
  Json routing = input.value("RoutingConfig", Json());
  check_alias_target(c, ref.name, version, routing);
  std::string arn = function_arn(c, ref.name) + ":" + name;
  if (c.store.get_record(kService, "alias", alias_key(c, ref.name, name)))
    conflict(fmt::format("Alias already exists: {}", arn));
  std::string description = optional_string(input, "Description").value_or("");
  check_length("Description", description, 0, 256);
  Json alias = {{"AliasArn", arn},
                {"Name", name},
                {"FunctionVersion", version},
                {"Description", description},
                {"RevisionId", state::uuid4()}};
  if (routing.is_object() && !routing.value("AdditionalVersionWeights", Json::object()).empty())
    alias["RoutingConfig"] = routing;
  c.store.put_record(kService, "alias", alias_key(c, ref.name, name), alias);
  return alias;
}

Json load_alias(Context &c, const Json &input, FunctionRef &ref, std::string &name) {
  ref = function_member(c, input);
  name = checked_alias_name(input);
  load_function(c, ref.name);
  auto alias = c.store.get_record(kService, "alias", alias_key(c, ref.name, name));
  if (!alias)
    not_found(fmt::format("Alias not found: {}:{}", function_arn(c, ref.name), name));
  return *alias;
}

Json get_alias(Context &c, const Json &input) {
  FunctionRef ref;
  std::string name;
  return load_alias(c, input, ref, name);
}

Json update_alias(Context &c, const Json &input) {
  FunctionRef ref;
  std::string name;
  Json alias = load_alias(c, input, ref, name);
  check_revision(input, alias);
  std::string version = optional_string(input, "FunctionVersion")
                            .value_or(alias["FunctionVersion"].get<std::string>());
  Json routing = input.contains("RoutingConfig") ? input["RoutingConfig"]
                                                 : alias.value("RoutingConfig", Json());
  check_alias_target(c, ref.name, version, routing);
  alias["FunctionVersion"] = version;
  if (auto d = optional_string(input, "Description")) {
    check_length("Description", *d, 0, 256);
    alias["Description"] = *d;
  }
  if (routing.is_object() && !routing.value("AdditionalVersionWeights", Json::object()).empty())
    alias["RoutingConfig"] = routing;
  else
    alias.erase("RoutingConfig");
  alias["RevisionId"] = state::uuid4();
  c.store.put_record(kService, "alias", alias_key(c, ref.name, name), alias);
  return alias;
}

Json delete_alias(Context &c, const Json &input) {
  FunctionRef ref;
  std::string name;
  load_alias(c, input, ref, name);
  c.store.delete_record(kService, "alias", alias_key(c, ref.name, name));
  Json function = load_function(c, ref.name);
  function["Policies"].erase(name);
  function["Urls"].erase(name);
  save_function(c, function);
  return Json::object();
}

Json list_aliases(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  load_function(c, ref.name);
  auto version = optional_string(input, "FunctionVersion");
  Json out = {{"Aliases", Json::array()}};
  for (const auto &[k, a] :
       c.store.list_records(kService, "alias", c.region + ":" + ref.name + ":"))
    if (!version || a["FunctionVersion"] == *version)
      out["Aliases"].push_back(a);
  return out;
}

// ---- tags and concurrency --------------------------------------------------------------------

// The function a taggable ARN names (functions only; other resources keep their own tags).
std::string tagged_function(Context &c, const Json &input) {
  std::string arn = required_string(input, "Resource");
  if (!arn.starts_with("arn:"))
    constraint_error("Resource", arn,
                     "satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:.*");
  FunctionRef ref = function_ref(c, arn, "Resource");
  if (!ref.qualifier.empty())
    invalid_value("Tags are not supported on a function version or alias: " + arn);
  load_function(c, ref.name);
  return ref.name;
}

Json tag_resource(Context &c, const Json &input) {
  if (input.contains("Resource") && input["Resource"].is_string() &&
      input["Resource"].get<std::string>().find(":event-source-mapping:") != std::string::npos) {
    return tag_event_source_mapping(c, input);
  }
  std::string name = tagged_function(c, input);
  if (!input.contains("Tags"))
    constraint_error("Tags", Json(), "not be null");
  Json added = read_tag_map(input, "Tags");
  Json function = load_function(c, name);
  for (const auto &[k, v] : added.items())
    function["Tags"][k] = v;
  if (function["Tags"].size() > 50)
    invalid_value("Maximum number of tags (50) exceeded.");
  save_function(c, function);
  return Json::object();
}

Json untag_resource(Context &c, const Json &input) {
  std::string name = tagged_function(c, input);
  Json function = load_function(c, name);
  auto keys = input.find("TagKeys");
  if (keys == input.end() || !keys->is_array())
    constraint_error("TagKeys", Json(), "not be null");
  for (const auto &k : *keys)
    if (k.is_string())
      function["Tags"].erase(k.get<std::string>());
  save_function(c, function);
  return Json::object();
}

Json list_tags(Context &c, const Json &input) {
  std::string name = tagged_function(c, input);
  return Json{{"Tags", load_function(c, name)["Tags"]}};
}

Json put_function_concurrency(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  auto n = optional_int(input, "ReservedConcurrentExecutions");
  if (!n)
    constraint_error("ReservedConcurrentExecutions", Json(), "not be null");
  if (*n < 0)
    constraint_error("ReservedConcurrentExecutions", *n, "have value greater than or equal to 0");
  // The account's default quota is 1000 concurrent executions, 100 of them unreserved.
  if (*n > 900)
    invalid_value(fmt::format("Specified ReservedConcurrentExecutions for function decreases "
                              "account's UnreservedConcurrentExecution below its minimum value of "
                              "[100]."));
  Json function = load_function(c, ref.name);
  function["ReservedConcurrentExecutions"] = *n;
  save_function(c, function);
  return Json{{"ReservedConcurrentExecutions", *n}};
}

Json get_function_concurrency(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  Json function = load_function(c, ref.name);
  if (!function.contains("ReservedConcurrentExecutions"))
    return Json::object();
  return Json{{"ReservedConcurrentExecutions", function["ReservedConcurrentExecutions"]}};
}

Json delete_function_concurrency(Context &c, const Json &input) {
  FunctionRef ref = function_member(c, input);
  Json function = load_function(c, ref.name);
  function.erase("ReservedConcurrentExecutions");
  save_function(c, function);
  return Json::object();
}

} // namespace

// Publishes $LATEST (lambda_common.h users call it through CreateFunction/UpdateFunctionCode's
// Publish flag too): the latest version again when nothing changed since it.
Json publish(Context &c, const std::string &name, const Json &input) {
  Json function = load_function(c, name);
  const Json &latest = function["Configuration"];
  check_revision(input, latest);
  if (auto sha = optional_string(input, "CodeSha256"); sha && *sha != latest["CodeSha256"])
    invalid_value(fmt::format("CodeSHA256 ({}) is different from current CodeSHA256 in $LATEST "
                              "({}). Please try again with the CodeSHA256 in $LATEST.",
                              *sha, latest["CodeSha256"].get<std::string>()));
  Json versions = published_versions(c, name);
  if (!versions.empty() &&
      version_identity(versions.back()["Configuration"]) == version_identity(latest))
    return versions.back()["Configuration"];
  int64_t number = function.value("NextVersion", int64_t{1});
  Json config = latest;
  config["Version"] = std::to_string(number);
  config["FunctionArn"] = function_arn(c, name) + ":" + std::to_string(number);
  config["Description"] = optional_string(input, "Description").value_or("");
  config["RevisionId"] = state::uuid4();
  c.store.put_record(kService, "version", version_key(c, name, number),
                     Json{{"Configuration", config}, {"CodeFile", function["CodeFile"]}});
  function["NextVersion"] = number + 1;
  save_function(c, function);
  return config;
}

} // namespace lambda

const HandlerTable &lambda_handlers() {
  using namespace lambda;
  static const HandlerTable table = [] {
    HandlerTable t = {
        {"CreateFunction", create_function},
        {"GetFunction", get_function},
        {"GetFunctionConfiguration", get_function_configuration},
        {"UpdateFunctionConfiguration", update_function_configuration},
        {"UpdateFunctionCode", update_function_code},
        {"DeleteFunction", delete_function},
        {"ListFunctions", list_functions},
        {"PublishVersion", publish_version},
        {"ListVersionsByFunction", list_versions_by_function},
        {"CreateAlias", create_alias},
        {"GetAlias", get_alias},
        {"UpdateAlias", update_alias},
        {"DeleteAlias", delete_alias},
        {"ListAliases", list_aliases},
        {"TagResource", tag_resource},
        {"UntagResource", untag_resource},
        {"ListTags", list_tags},
        {"PutFunctionConcurrency", put_function_concurrency},
        {"GetFunctionConcurrency", get_function_concurrency},
        {"DeleteFunctionConcurrency", delete_function_concurrency},
    };
    add_resource_handlers(t);
    return t;
  }();
  return table;
}

} // namespace cfnlocal::services::embedded
