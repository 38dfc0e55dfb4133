// The embedded AWS Systems Manager Parameter Store (AWS Systems Manager API Reference:
// PutParameter, GetParameter, GetParameters, DeleteParameter, DeleteParameters,
// DescribeParameters, GetParametersByPath, AddTagsToResource, RemoveTagsFromResource,
// ListTagsForResource; botocore ssm/2014-11-06). Records: kind "parameter", key
// "REGION:NAME", holding the current version and the history of earlier ones.
#include "services/embedded/context.h"
#include "services/embedded/ssm_public.h"
#include "state/ids.h"

#include <fmt/format.h>

#include <algorithm>
#include <re2/re2.h>

#include <regex>
#include <set>

namespace cfnlocal::services::embedded {

namespace {

constexpr std::string_view kService = "ssm";
constexpr size_t kMaxVersions = 100;
constexpr const char *kNameRules =
    "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). If formed as "
    "a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as "
    "a mix of letters, numbers and the following 3 symbols .-_";

std::string lower(std::string_view s) {
  std::string out(s);
  for (char &c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string key_of(const Context &c, std::string_view name) {
  return c.region + ":" + std::string(name);
}

std::string arn_of(const Context &c, std::string_view name, bool is_public = false) {
  return fmt::format("arn:{}:ssm:{}:{}:parameter{}{}", c.partition, c.region,
                     is_public ? "" : c.account, name.starts_with("/") ? "" : "/", name);
}

size_t hierarchy_levels(std::string_view name) {
  return static_cast<size_t>(std::count(name.begin(), name.end(), '/'));
}

// The checks PutParameter makes on a name it would create.
void check_new_name(const Context &c, const std::string &name) {
  check_length("Name", name, 1, 2048);
  if (arn_of(c, name).size() > 1011)
    throw ServiceError("ValidationException",
                       "Parameter name must be 1011 characters or less, including the full "
                       "length of the parameter ARN.");
  static const re2::RE2 chars(R"([a-zA-Z0-9_.\-/]+)");
  if (!RE2::FullMatch(name, chars))
    throw ServiceError("ValidationException", kNameRules);
  if (name.find('/') != std::string::npos && !name.starts_with("/"))
    throw ServiceError("ValidationException", "Parameter name must be a fully qualified name.");
  if (name.find("//") != std::string::npos || (name.size() > 1 && name.ends_with("/")))
    throw ServiceError("ValidationException", kNameRules);
  std::string first = lower(name.starts_with("/") ? name.substr(1) : name);
  if (first.starts_with("aws") || first.starts_with("ssm")) {
    if (name.starts_with("/aws/") || name.starts_with("/ssm/"))
      throw ServiceError("AccessDeniedException",
                         fmt::format("No access to reserved parameter name: {}.", name));
    throw ServiceError("ValidationException", kNameRules);
  }
  if (hierarchy_levels(name) > 15)
    throw ServiceError("HierarchyLevelLimitExceededException",
                       "A hierarchy can have a maximum of 15 levels. For more information, see "
                       "Requirements and constraints for parameter names in the Amazon Web "
                       "Services Systems Manager User Guide.");
}

// A name as callers may give it: plain, an ARN, and optionally ":version" or ":label".
struct NameRef {
  std::string name;
  std::string selector;
};

NameRef parse_name(const Context &c, std::string text) {
  NameRef ref;
  if (text.starts_with("arn:")) {
    size_t at = text.find(":parameter/");
    if (at == std::string::npos)
      throw ServiceError("ValidationException", fmt::format("Invalid parameter ARN: {}", text));
    text = text.substr(at + 10); // keeps the leading '/'
  }
  size_t colon = text.rfind(':');
  if (colon != std::string::npos) {
    ref.selector = text.substr(colon + 1);
    text = text.substr(0, colon);
  }
  ref.name = text;
  return ref;
}

// The stored or public record of a name (an ARN of a plain name carries a '/' it lacks).
std::optional<Json> load(Context &c, std::string &name) {
  if (auto pub = public_parameter(c.region, name))
    return pub;
  if (auto record = c.store.get_record(kService, "parameter", key_of(c, name)))
    return record;
  if (name.starts_with("/") && hierarchy_levels(name) == 1)
    if (auto record = c.store.get_record(kService, "parameter", key_of(c, name.substr(1)))) {
      name = name.substr(1);
      return record;
    }
  return std::nullopt;
}

[[noreturn]] void not_found(const std::string &name) {
  throw ServiceError("ParameterNotFound", fmt::format("Parameter {} not found.", name));
}

std::string encrypted(const std::string &value) {
  // Stands in for the KMS ciphertext AWS returns without WithDecryption.
  return "AQICAHh" + base64_encode(value);
}

// The Parameter shape for a record (or one of its history entries).
Json parameter_shape(const Context &c, const Json &record, const Json &version, bool decrypt,
                     const std::string &selector) {
  std::string name = record["Name"];
  std::string type = version.value("Type", record.value("Type", "String"));
  std::string value = version["Value"];
  Json out = {{"Name", name},
              {"Type", type},
              {"Value", type == "SecureString" && !decrypt ? encrypted(value) : value},
              {"Version", version["Version"]},
              {"LastModifiedDate", version["LastModifiedDate"]},
              {"ARN", arn_of(c, name, record.value("Public", false))},
              {"DataType", record.value("DataType", "text")}};
  if (!selector.empty())
    out["Selector"] = ":" + selector;
  return out;
}

// Resolves a name with an optional selector to a Parameter shape; throws ParameterNotFound or
// ParameterVersionNotFound.
Json get_one(Context &c, const std::string &text, bool decrypt) {
  NameRef ref = parse_name(c, text);
  auto record = load(c, ref.name);
  if (!record)
    not_found(text);
  if (ref.selector.empty())
    return parameter_shape(c, *record, *record, decrypt, "");
  bool numeric = std::all_of(ref.selector.begin(), ref.selector.end(),
                             [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
  auto matches = [&](const Json &v) {
    if (numeric)
      return v["Version"].get<int64_t>() == std::stoll(ref.selector);
    for (const auto &label : v.value("Labels", Json::array()))
      if (label == ref.selector)
        return true;
    return false;
  };
  if (matches(*record))
    return parameter_shape(c, *record, *record, decrypt, ref.selector);
  for (const auto &v : record->value("History", Json::array()))
    if (matches(v))
      return parameter_shape(c, *record, v, decrypt, ref.selector);
  throw ServiceError("ParameterVersionNotFound",
                     fmt::format("Systems Manager could not find version {} of {}. Verify the "
                                 "version and try again.",
                                 ref.selector, ref.name));
}

Json put_parameter(Context &c, const Json &input) {
  std::string name = required_string(input, "Name");
  std::string value = required_string(input, "Value");
  check_new_name(c, name);
  if (value.empty())
    constraint_error("Value", value, "have length greater than or equal to 1");
  auto existing = c.store.get_record(kService, "parameter", key_of(c, name));
  bool overwrite = optional_bool(input, "Overwrite");
  auto tags = read_tags(input, "Tags", 50, "TooManyTagsError");
  if (!tags.empty() && overwrite)
    throw ServiceError("ValidationException",
                       "Invalid request: tags and overwrite can't be used together. To create a "
                       "parameter with tags, please remove overwrite flag. To update tags for an "
                       "existing parameter, please use AddTagsToResource or "
                       "RemoveTagsFromResource.");
  if (existing && !overwrite)
    throw ServiceError("ParameterAlreadyExists",
                       "The parameter already exists. To overwrite this value, set the overwrite "
                       "option in the request to true.");
  std::string type = optional_string(input, "Type").value_or("");
  if (type.empty()) {
    if (!existing)
      throw ServiceError("ValidationException",
                         "A parameter type is required when you create a parameter.");
    type = (*existing)["Type"];
  }
  if (type != "String" && type != "StringList" && type != "SecureString")
    constraint_error("Type", type, "satisfy enum value set: [String, StringList, SecureString]");
  auto key_id = optional_string(input, "KeyId");
  if (key_id && type != "SecureString")
    throw ServiceError("ValidationException",
                       "KeyId is only valid for SecureString type parameters.");
  std::string description =
      optional_string(input, "Description")
          .value_or(existing ? existing->value("Description", "") : std::string());
  check_length("Description", description, 0, 1024);
  std::string pattern = optional_string(input, "AllowedPattern")
                            .value_or(existing ? existing->value("AllowedPattern", "") : "");
  check_length("AllowedPattern", pattern, 0, 1024);
  if (!pattern.empty()) {
    std::regex re;
    try {
      re = std::regex(pattern);
    } catch (const std::regex_error &) {
      throw ServiceError(
          "InvalidAllowedPatternException",
          fmt::format("The allowed pattern {} is not a valid regular expression.", pattern));
    }
    if (!std::regex_match(value, re))
      throw ServiceError("ParameterPatternMismatchException",
                         fmt::format("Parameter value, cannot be validated against "
                                     "allowedPattern: {}",
                                     pattern));
  }
  std::string data_type = optional_string(input, "DataType")
                              .value_or(existing ? existing->value("DataType", "text") : "text");
  if (data_type != "text" && data_type != "aws:ec2:image" && data_type != "aws:ssm:integration")
    throw ServiceError("ValidationException",
                       fmt::format("The following data type is not supported: {} (Data type "
                                   "names are all lowercase.)",
                                   data_type));
  if (data_type != "text" && type != "String")
    throw ServiceError(
        "ValidationException",
        fmt::format("Data type {} is only supported for String parameters.", data_type));
  static const re2::RE2 ami(R"(ami-([0-9a-f]{8}|[0-9a-f]{17}))");
  if (data_type == "aws:ec2:image" && !RE2::FullMatch(value, ami))
    throw ServiceError("ValidationException",
                       fmt::format("Parameter value {} for data type aws:ec2:image must be an "
                                   "Amazon Machine Image ID in the format ami-12345abcdeEXAMPLE.",
                                   value));
  std::string tier = optional_string(input, "Tier").value_or("");
  if (!tier.empty() && tier != "Standard" && tier != "Advanced" && tier != "Intelligent-Tiering")
    constraint_error("Tier", tier,
                     "satisfy enum value set: [Standard, Advanced, "
                     "Intelligent-Tiering]");
  std::string previous_tier = existing ? existing->value("Tier", "Standard") : "Standard";
  size_t length = utf8_length(value);
  if (tier.empty() || tier == "Intelligent-Tiering")
    tier = previous_tier == "Advanced" || length > 4096 ? "Advanced" : "Standard";
  if (tier == "Standard" && previous_tier == "Advanced")
    throw ServiceError("ValidationException",
                       "This parameter uses the advanced-parameter tier. You can't downgrade a "
                       "parameter from the advanced-parameter tier to the standard-parameter "
                       "tier. If necessary, you can delete the advanced parameter and recreate "
                       "it as a standard parameter.");
  if (tier == "Standard" && length > 4096)
    throw ServiceError("ValidationException",
                       "Standard tier parameters support a maximum parameter value of 4096 "
                       "characters. To create a larger parameter value, upgrade the parameter to "
                       "use the advanced-parameter tier. For more information, see "
                       "https://docs.aws.amazon.com/systems-manager/latest/userguide/"
                       "parameter-store-advanced-parameters.html");
  if (length > 8192)
    constraint_error("Value", value, "have length less than or equal to 8192");

  Json record = existing ? *existing : Json{{"Name", name}, {"History", Json::array()}};
  int64_t version = 1;
  if (existing) {
    version = (*existing)["Version"].get<int64_t>() + 1;
    Json old = {{"Version", (*existing)["Version"]},
                {"Value", (*existing)["Value"]},
                {"Type", (*existing)["Type"]},
                {"Description", existing->value("Description", "")},
                {"LastModifiedDate", (*existing)["LastModifiedDate"]},
                {"Labels", existing->value("Labels", Json::array())}};
    record["History"].insert(record["History"].begin(), old);
    // Parameter Store keeps 100 versions; the oldest goes unless a label pins it.
    while (record["History"].size() >= kMaxVersions) {
      if (!record["History"].back().value("Labels", Json::array()).empty())
        throw ServiceError("ParameterMaxVersionLimitExceeded",
                           fmt::format("You attempted to create a new version of {} by calling "
                                       "the PutParameter API with the overwrite flag. Version {}, "
                                       "the oldest version, can't be deleted because it has a "
                                       "label associated with it. Move the label to another "
                                       "version of the parameter, and try again.",
                                       name, record["History"].back()["Version"].dump()));
      record["History"].erase(record["History"].size() - 1);
    }
  }
  record["Type"] = type;
  record["Value"] = value;
  record["Version"] = version;
  record["LastModifiedDate"] = state::now_iso8601();
  record["LastModifiedUser"] = fmt::format("arn:{}:iam::{}:root", c.partition, c.account);
  record["DataType"] = data_type;
  record["Tier"] = tier;
  record["Description"] = description;
  record["AllowedPattern"] = pattern;
  record["Labels"] = Json::array();
  if (type == "SecureString")
    record["KeyId"] =
        key_id.value_or(existing ? existing->value("KeyId", "alias/aws/ssm") : "alias/aws/ssm");
  else
    record.erase("KeyId");
  if (auto policies = optional_string(input, "Policies")) {
    if (tier != "Advanced" && !policies->empty() && *policies != "[]")
      throw ServiceError("ValidationException",
                         "Parameter policies are supported only for advanced parameters.");
    record["Policies"] = *policies;
  }
  if (!existing)
    record["Tags"] = tag_list(tags);
  c.store.put_record(kService, "parameter", key_of(c, name), record);
  return Json{{"Version", version}, {"Tier", tier}};
}

Json get_parameter(Context &c, const Json &input) {
  std::string name = required_string(input, "Name");
  check_length("Name", name, 1, 2048);
  return Json{{"Parameter", get_one(c, name, optional_bool(input, "WithDecryption"))}};
}

std::vector<std::string> names_member(const Json &input) {
  auto it = input.find("Names");
  if (it == input.end() || it->is_null())
    constraint_error("Names", Json(), "not be null");
  if (!it->is_array())
    constraint_error("Names", *it, "be a list");
  if (it->empty() || it->size() > 10)
    constraint_error("Names", *it, "have length less than or equal to 10");
  std::vector<std::string> names;
  for (const auto &n : *it)
    names.push_back(n.get<std::string>());
  return names;
}

Json get_parameters(Context &c, const Json &input) {
  bool decrypt = optional_bool(input, "WithDecryption");
  Json out = {{"Parameters", Json::array()}, {"InvalidParameters", Json::array()}};
  for (const auto &name : names_member(input)) {
    try {
      out["Parameters"].push_back(get_one(c, name, decrypt));
    } catch (const ServiceError &e) {
      if (e.code() != "ParameterNotFound" && e.code() != "ParameterVersionNotFound")
        throw;
      out["InvalidParameters"].push_back(name);
    }
  }
  return out;
}

Json delete_parameter(Context &c, const Json &input) {
  std::string name = required_string(input, "Name");
  if (public_parameter(c.region, name))
    throw ServiceError("AccessDeniedException",
                       fmt::format("No access to reserved parameter name: {}.", name));
  if (!c.store.delete_record(kService, "parameter", key_of(c, name)))
    not_found(name);
  return Json::object();
}

Json delete_parameters(Context &c, const Json &input) {
  Json out = {{"DeletedParameters", Json::array()}, {"InvalidParameters", Json::array()}};
  for (const auto &name : names_member(input))
    out[c.store.delete_record(kService, "parameter", key_of(c, name)) ? "DeletedParameters"
                                                                      : "InvalidParameters"]
        .push_back(name);
  return out;
}

// ---- filters ----------------------------------------------------------------------------------

struct Filter {
  std::string key;
  std::string option;
  std::vector<std::string> values;
};

std::vector<Filter> read_filters(const Json &input, const std::set<std::string> &allowed) {
  std::vector<Filter> filters;
  auto add = [&](const Json &list, bool legacy) {
    for (const auto &f : list) {
      Filter filter{required_string(f, "Key"), optional_string(f, "Option").value_or(""), {}};
      if (auto values = f.find("Values"); values != f.end() && values->is_array())
        for (const auto &v : *values)
          filter.values.push_back(v.get<std::string>());
      if (legacy && filter.values.empty())
        constraint_error("Values", Json(), "not be null");
      if (!filter.key.starts_with("tag:") && !allowed.count(filter.key)) {
        std::string valid;
        for (const auto &a : allowed)
          valid += (valid.empty() ? "" : ", ") + a;
        throw ServiceError("InvalidFilterKey",
                           fmt::format("The following filter key is not valid: {}. Valid filter "
                                       "keys include: [{}].",
                                       filter.key, valid));
      }
      static const std::map<std::string, std::set<std::string>> options = {
          {"Name", {"Equals", "BeginsWith", "Contains"}},
          {"Path", {"Recursive", "OneLevel"}},
          {"Type", {"Equals", "BeginsWith"}},
          {"KeyId", {"Equals", "BeginsWith"}},
          {"DataType", {"Equals"}},
          {"Tier", {"Equals"}},
          {"Label", {"Equals"}}};
      auto known = options.find(filter.key);
      if (!filter.option.empty() && known != options.end() && !known->second.count(filter.option))
        throw ServiceError(
            "InvalidFilterOption",
            fmt::format("The following filter option is not valid: {}.", filter.option));
      filters.push_back(std::move(filter));
    }
  };
  if (input.contains("Filters") && input.contains("ParameterFilters"))
    throw ServiceError("ValidationException",
                       "You can use either Filters or ParameterFilters in a single request.");
  if (auto it = input.find("ParameterFilters"); it != input.end() && it->is_array())
    add(*it, false);
  if (auto it = input.find("Filters"); it != input.end() && it->is_array())
    add(*it, true);
  return filters;
}

bool string_matches(const std::string &value, const Filter &f, const char *default_option) {
  std::string option = f.option.empty() ? default_option : f.option;
  for (const auto &v : f.values) {
    if (option == "Equals" && value == v)
      return true;
    if (option == "BeginsWith" && value.starts_with(v))
      return true;
    if (option == "Contains" && value.find(v) != std::string::npos)
      return true;
  }
  return false;
}

bool under_path(const std::string &name, std::string path, bool recursive) {
  if (!path.ends_with("/"))
    path += "/";
  if (!name.starts_with(path))
    return false;
  return recursive || name.find('/', path.size()) == std::string::npos;
}

bool passes(const Json &record, const std::vector<Filter> &filters) {
  std::string name = record["Name"];
  for (const auto &f : filters) {
    if (f.key == "Name") {
      std::vector<std::string> alternatives = {name};
      // Name filters match with or without the leading slash.
      if (name.starts_with("/"))
        alternatives.push_back(name.substr(1));
      bool any = false;
      for (const auto &n : alternatives)
        any = any || string_matches(n, f, "Equals");
      if (!any)
        return false;
    } else if (f.key == "Path") {
      bool any = false;
      for (const auto &p : f.values)
        any = any || under_path(name, p, f.option == "Recursive");
      if (!any)
        return false;
    } else if (f.key == "Type" || f.key == "KeyId" || f.key == "DataType" || f.key == "Tier") {
      if (!string_matches(record.value(f.key, ""), f, "Equals"))
        return false;
    } else if (f.key == "Label") {
      bool any = false;
      for (const auto &label : record.value("Labels", Json::array()))
        any = any || std::find(f.values.begin(), f.values.end(), label) != f.values.end();
      if (!any)
        return false;
    } else if (f.key.starts_with("tag:")) {
      std::string tag = f.key.substr(4);
      bool any = false;
      for (const auto &[k, v] : tags_from(record.value("Tags", Json::array())))
        if (k == tag && (f.values.empty() || string_matches(v, f, "Equals")))
          any = true;
      if (!any)
        return false;
    }
  }
  return true;
}

int64_t max_results(const Json &input, int64_t max) {
  int64_t n = optional_int(input, "MaxResults").value_or(max);
  if (n < 1 || n > max)
    constraint_error("MaxResults", n, fmt::format("have value less than or equal to {}", max));
  return n;
}

std::string next_after(const Json &input) {
  auto token = optional_string(input, "NextToken");
  if (!token)
    return {};
  auto decoded = base64_decode(*token);
  if (!decoded)
    throw ServiceError("InvalidNextToken", "The specified token isn't valid.");
  return *decoded;
}

Json describe_parameters(Context &c, const Json &input) {
  auto filters =
      read_filters(input, {"Name", "Path", "Type", "KeyId", "DataType", "Tier", "Label"});
  int64_t max = max_results(input, 50);
  std::string after = next_after(input);
  Json out = {{"Parameters", Json::array()}};
  std::string prefix = c.region + ":";
  for (const auto &[key, record] : c.store.list_records(kService, "parameter", prefix, 0,
                                                        after.empty() ? "" : prefix + after)) {
    if (!passes(record, filters))
      continue;
    if (static_cast<int64_t>(out["Parameters"].size()) == max) {
      out["NextToken"] = base64_encode(out["Parameters"].back()["Name"].get<std::string>());
      break;
    }
    Json meta = {{"Name", record["Name"]},
                 {"ARN", arn_of(c, record["Name"].get<std::string>())},
                 {"Type", record["Type"]},
                 {"LastModifiedDate", record["LastModifiedDate"]},
                 {"LastModifiedUser", record.value("LastModifiedUser", "")},
                 {"Version", record["Version"]},
                 {"Tier", record.value("Tier", "Standard")},
                 {"Policies", Json::array()},
                 {"DataType", record.value("DataType", "text")}};
    for (const char *member : {"Description", "AllowedPattern", "KeyId"})
      if (!record.value(member, "").empty())
        meta[member] = record[member];
    out["Parameters"].push_back(std::move(meta));
  }
  return out;
}

Json get_parameters_by_path(Context &c, const Json &input) {
  std::string path = required_string(input, "Path");
  check_length("Path", path, 1, 2048);
  if (!path.starts_with("/"))
    throw ServiceError("ValidationException",
                       "The parameter doesn't meet the parameter name requirements. The "
                       "parameter name must begin with a forward slash \"/\".");
  if (hierarchy_levels(path) > 15)
    throw ServiceError("HierarchyLevelLimitExceededException",
                       "A hierarchy can have a maximum of 15 levels.");
  bool recursive = optional_bool(input, "Recursive");
  bool decrypt = optional_bool(input, "WithDecryption");
  auto filters = read_filters(input, {"Type", "KeyId", "Label"});
  int64_t max = max_results(input, 10);
  std::string after = next_after(input);
  std::string dir = path.ends_with("/") ? path : path + "/";

  // Candidates in name order: the account's own, plus the public ones under /aws/.
  std::vector<Json> candidates;
  std::string prefix = c.region + ":" + dir;
  for (auto &[key, record] : c.store.list_records(kService, "parameter", prefix))
    candidates.push_back(std::move(record));
  if (dir.starts_with("/aws/"))
    for (const auto &name : public_parameter_names())
      if (name.starts_with(dir))
        candidates.push_back(*public_parameter(c.region, name));
  std::sort(candidates.begin(), candidates.end(), [](const Json &a, const Json &b) {
    return a["Name"].get<std::string>() < b["Name"].get<std::string>();
  });
  Json out = {{"Parameters", Json::array()}};
  for (const auto &record : candidates) {
    std::string name = record["Name"];
    if (!after.empty() && name <= after)
      continue;
    if (!under_path(name, dir, recursive) || !passes(record, filters))
      continue;
    if (static_cast<int64_t>(out["Parameters"].size()) == max) {
      out["NextToken"] = base64_encode(out["Parameters"].back()["Name"].get<std::string>());
      break;
    }
    out["Parameters"].push_back(parameter_shape(c, record, record, decrypt, ""));
  }
  return out;
}

// ---- tags -------------------------------------------------------------------------------------

Json load_tagged(Context &c, const Json &input, std::string &key) {
  std::string type = required_string(input, "ResourceType");
  std::string id = required_string(input, "ResourceId");
  static const std::set<std::string> types = {"Document",    "ManagedInstance", "MaintenanceWindow",
                                              "Parameter",   "PatchBaseline",   "OpsItem",
                                              "OpsMetadata", "Automation",      "Association"};
  if (!types.count(type))
    constraint_error("ResourceType", type,
                     "satisfy enum value set: [Document, ManagedInstance, MaintenanceWindow, "
                     "Parameter, PatchBaseline, OpsItem, OpsMetadata, Automation, Association]");
  if (type != "Parameter")
    throw ServiceError(
        "InvalidResourceType",
        fmt::format("The embedded Systems Manager has no resources of type {}.", type));
  std::string name = parse_name(c, id).name;
  key = key_of(c, name);
  auto record = c.store.get_record(kService, "parameter", key);
  if (!record && name.starts_with("/") && hierarchy_levels(name) == 1) {
    key = key_of(c, name.substr(1));
    record = c.store.get_record(kService, "parameter", key);
  }
  if (!record)
    throw ServiceError("InvalidResourceId", "The resource ID isn't valid. Verify that the "
                                            "resource ID is correct and try again.");
  return *record;
}

Json add_tags_to_resource(Context &c, const Json &input) {
  std::string key;
  Json record = load_tagged(c, input, key);
  auto tags = tags_from(record.value("Tags", Json::array()));
  auto added = read_tags(input, "Tags", 1000, "TooManyTagsError");
  if (added.empty())
    constraint_error("Tags", Json::array(), "have length greater than or equal to 1");
  for (const auto &[k, v] : added) {
    if (lower(k).starts_with("aws:"))
      throw ServiceError("InvalidParameters", "Tag keys can't start with aws:");
    auto it = std::find_if(tags.begin(), tags.end(), [&](const auto &t) { return t.first == k; });
    if (it != tags.end())
      it->second = v;
    else
      tags.emplace_back(k, v);
  }
  if (tags.size() > 50)
    throw ServiceError("TooManyTagsError", "The Targets parameter includes too many tags. "
                                           "Remove one or more tags and try the command again.");
  record["Tags"] = tag_list(tags);
  c.store.put_record(kService, "parameter", key, record);
  return Json::object();
}

Json remove_tags_from_resource(Context &c, const Json &input) {
  std::string key;
  Json record = load_tagged(c, input, key);
  auto keys = input.find("TagKeys");
  if (keys == input.end() || !keys->is_array())
    constraint_error("TagKeys", Json(), "not be null");
  auto tags = tags_from(record.value("Tags", Json::array()));
  std::erase_if(tags, [&](const auto &t) {
    return std::find(keys->begin(), keys->end(), t.first) != keys->end();
  });
  record["Tags"] = tag_list(tags);
  c.store.put_record(kService, "parameter", key, record);
  return Json::object();
}

Json list_tags_for_resource(Context &c, const Json &input) {
  std::string key;
  Json record = load_tagged(c, input, key);
  return Json{{"TagList", record.value("Tags", Json::array())}};
}

} // namespace

const HandlerTable &ssm_handlers() {
  static const HandlerTable table = {
      {"PutParameter", put_parameter},
      {"GetParameter", get_parameter},
      {"GetParameters", get_parameters},
      {"DeleteParameter", delete_parameter},
      {"DeleteParameters", delete_parameters},
      {"DescribeParameters", describe_parameters},
      {"GetParametersByPath", get_parameters_by_path},
      {"AddTagsToResource", add_tags_to_resource},
      {"RemoveTagsFromResource", remove_tags_from_resource},
      {"ListTagsForResource", list_tags_for_resource},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
