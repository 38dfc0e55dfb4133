// The embedded AWS Step Functions control plane (AWS Step Functions API Reference:
// CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine,
// ListStateMachines, TagResource, UntagResource, ListTagsForResource; botocore
// stepfunctions/2016-11-23, JSON protocol with lowerCamel members). Records: kind
// "statemachine", key "REGION:NAME" -> {description: DescribeStateMachine's output, tags
// [{key, value}]}.
//
// Enforced as Step Functions does: state machine names (1-80 characters, none of the
// characters it forbids), the Amazon States Language definition (states_language.h; error
// InvalidDefinition with every problem), the role existing in IAM and trusting
// states.amazonaws.com (else AccessDeniedException with the service's message), types,
// logging configurations (EXPRESS machines logging need exactly one destination), encryption
// configurations, CreateStateMachine's idempotency, and tag limits.
#include "services/embedded/context.h"
#include "services/embedded/shape_checks.h"
#include "services/embedded/states_language.h"
#include "state/ids.h"

#include <fmt/format.h>

namespace cfnlocal::services::embedded {
namespace {

constexpr std::string_view kService = "stepfunctions";

std::string machine_arn(const Context &c, std::string_view name) {
  return fmt::format("arn:{}:states:{}:{}:stateMachine:{}", c.partition, c.region, c.account, name);
}
std::string key_of(const Context &c, std::string_view name) {
  return c.region + ":" + std::string(name);
}

std::string name_member(const Json &input) {
  std::string name = string_member(input, "name", "name");
  check_length("name", name, 1, 80);
  for (unsigned char ch : name)
    if (ch <= 0x20 || ch == 0x7f ||
        std::string_view("<>{}[]?*\"#%\\^|~`$&,;:/").find(ch) != std::string_view::npos)
      throw ServiceError("InvalidName", fmt::format("Invalid Name: '{}'", name));
  return name;
}

std::pair<std::string, Json> load(Context &c, const Json &input) {
  std::string arn = string_member(input, "stateMachineArn", "stateMachineArn");
  check_length("stateMachineArn", arn, 1, 256);
  std::string prefix = machine_arn(c, "");
  if (!arn.starts_with("arn:") || std::count(arn.begin(), arn.end(), ':') < 6)
    throw ServiceError("InvalidArn", fmt::format("Invalid Arn: '{}'", arn));
  auto record = arn.starts_with(prefix) ? c.store.get_record(kService, "statemachine",
                                                             key_of(c, arn.substr(prefix.size())))
                                        : std::nullopt;
  if (!record)
    throw ServiceError("StateMachineDoesNotExist",
                       fmt::format("State Machine Does Not Exist: '{}'", arn));
  return {arn.substr(prefix.size()), *record};
}

std::string checked_definition(const std::string &definition) {
  check_length("definition", definition, 1, 1048576);
  auto problems = states_language_problems(definition);
  if (problems.empty())
    return definition;
  std::string all;
  for (const auto &p : problems)
    all += (all.empty() ? "" : ", ") + p;
  throw ServiceError("InvalidDefinition",
                     fmt::format("Invalid State Machine Definition: '{}'", all));
}

// The role must be an IAM role of this account that Step Functions may assume.
std::string checked_role(Context &c, const std::string &role) {
  check_length("roleArn", role, 1, 256);
  std::string prefix = fmt::format("arn:{}:iam::{}:role/", c.partition, c.account);
  if (!role.starts_with("arn:") || std::count(role.begin(), role.end(), ':') < 5)
    throw ServiceError("InvalidArn", fmt::format("Invalid Arn: 'Resource type not valid in this "
                                                 "context: {}'",
                                                 role));
  auto denied = [&] {
    throw ServiceError("AccessDeniedException",
                       fmt::format("Neither the global service principal states.amazonaws.com, "
                                   "nor the regional one is authorized to assume the provided "
                                   "role. ({})",
                                   role));
  };
  if (!role.starts_with(prefix))
    denied();
  std::string name = role.substr(role.rfind('/') + 1);
  std::string key;
  for (char ch : name)
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto record = c.store.get_record("iam", "role", key);
  if (!record)
    denied();
  std::string trust = record->value("AssumeRolePolicyDocument", "");
  bool trusted = trust.find("states.amazonaws.com") != std::string::npos ||
                 trust.find(fmt::format("states.{}.amazonaws.com", c.region)) != std::string::npos;
  if (!trusted)
    denied();
  return role;
}

Json logging_of(const Json &input, const std::string &type) {
  auto it = input.find("loggingConfiguration");
  Json out = {{"level", "OFF"}, {"includeExecutionData", false}};
  if (it == input.end() || it->is_null())
    return out;
  std::string level = it->value("level", "OFF");
  check_enum("loggingConfiguration.level", level, {"ALL", "ERROR", "FATAL", "OFF"});
  out["level"] = level;
  out["includeExecutionData"] =
      bool_member(*it, "includeExecutionData", "loggingConfiguration.includeExecutionData")
          .value_or(false);
  Json destinations = it->value("destinations", Json::array());
  if (destinations.size() > 1 || (level != "OFF" && destinations.empty()))
    throw ServiceError("InvalidLoggingConfiguration",
                       "Invalid Logging Configuration: Must specify exactly 1 Log Destination.");
  for (const auto &d : destinations) {
    std::string group = d.value("cloudWatchLogsLogGroup", Json::object()).value("logGroupArn", "");
    if (!group.starts_with("arn:") || group.find(":logs:") == std::string::npos ||
        !group.ends_with(":*"))
      throw ServiceError("InvalidLoggingConfiguration",
                         fmt::format("Invalid Logging Configuration: The CloudWatch Logs Resource "
                                     "Policy size was exceeded or the log group ARN '{}' is not "
                                     "valid.",
                                     group));
  }
  if (!destinations.empty())
    out["destinations"] = destinations;
  (void)type;
  return out;
}

Json encryption_of(const Json &input) {
  auto it = input.find("encryptionConfiguration");
  if (it == input.end() || it->is_null())
    return {{"type", "AWS_OWNED_KEY"}};
  std::string type = string_member(*it, "type", "encryptionConfiguration.type");
  check_enum("encryptionConfiguration.type", type, {"AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY"});
  Json out = {{"type", type}};
  auto key = optional_string(*it, "kmsKeyId");
  if (type == "CUSTOMER_MANAGED_KMS_KEY" && !key)
    throw ServiceError("InvalidEncryptionConfiguration",
                       "Invalid Encryption Configuration: kmsKeyId is required when type is "
                       "CUSTOMER_MANAGED_KMS_KEY.");
  if (type == "AWS_OWNED_KEY" && key)
    throw ServiceError("InvalidEncryptionConfiguration",
                       "Invalid Encryption Configuration: kmsKeyId cannot be specified when type "
                       "is AWS_OWNED_KEY.");
  if (key) {
    out["kmsKeyId"] = *key;
    if (auto period = int_member(*it, "kmsDataKeyReusePeriodSeconds",
                                 "encryptionConfiguration.kmsDataKeyReusePeriodSeconds")) {
      check_range("encryptionConfiguration.kmsDataKeyReusePeriodSeconds", *period, 60, 900);
      out["kmsDataKeyReusePeriodSeconds"] = *period;
    }
  }
  return out;
}

Json read_sfn_tags(const Json &input, size_t already = 0) {
  Json out = Json::array();
  const Json *list = list_member(input, "tags", "tags");
  if (!list)
    return out;
  if (list->size() + already > 50)
    throw ServiceError("TooManyTags", "Too many tags: a resource can have at most 50 tags.");
  for (size_t i = 0; i < list->size(); ++i) {
    std::string k = string_member((*list)[i], "key", fmt::format("tags.{}.member.key", i + 1));
    std::string v = (*list)[i].value("value", "");
    check_length("key", k, 1, 128);
    check_length("value", v, 0, 256);
    out.push_back({{"key", k}, {"value", v}});
  }
  return out;
}

Json create_state_machine(Context &c, const Json &input) {
  std::string name = name_member(input);
  std::string definition = checked_definition(string_member(input, "definition", "definition"));
  std::string type = optional_string(input, "type").value_or("STANDARD");
  check_enum("type", type, {"STANDARD", "EXPRESS"});
  std::string role = checked_role(c, string_member(input, "roleArn", "roleArn"));
  Json logging = logging_of(input, type);
  Json tracing = {{"enabled", false}};
  if (auto t = input.find("tracingConfiguration"); t != input.end() && t->is_object())
    tracing["enabled"] = bool_member(*t, "enabled", "tracingConfiguration.enabled").value_or(false);
  Json encryption = encryption_of(input);
  Json tags = read_sfn_tags(input);
  std::string arn = machine_arn(c, name);
  if (auto existing = c.store.get_record(kService, "statemachine", key_of(c, name))) {
    const Json &d = (*existing)["description"];
    if (d["definition"] == definition && d["roleArn"] == role && d["type"] == type)
      return {{"stateMachineArn", arn}, {"creationDate", d["creationDate"]}};
    throw ServiceError("StateMachineAlreadyExists",
                       fmt::format("State Machine Already Exists: '{}'", arn));
  }
  std::string now = iso_now();
  Json description = {{"stateMachineArn", arn},
                      {"name", name},
                      {"status", "ACTIVE"},
                      {"definition", definition},
                      {"roleArn", role},
                      {"type", type},
                      {"creationDate", now},
                      {"loggingConfiguration", logging},
                      {"tracingConfiguration", tracing},
                      {"encryptionConfiguration", encryption},
                      {"revisionId", state::uuid4()}};
  c.store.put_record(kService, "statemachine", key_of(c, name),
                     {{"description", description}, {"tags", tags}});
  return {{"stateMachineArn", arn}, {"creationDate", now}};
}

Json describe_state_machine(Context &c, const Json &input) {
  return load(c, input).second["description"];
}

Json update_state_machine(Context &c, const Json &input) {
  auto [name, record] = load(c, input);
  Json &d = record["description"];
  bool any = false;
  if (auto definition = optional_string(input, "definition")) {
    d["definition"] = checked_definition(*definition);
    any = true;
  }
  if (auto role = optional_string(input, "roleArn")) {
    d["roleArn"] = checked_role(c, *role);
    any = true;
  }
  if (input.contains("loggingConfiguration")) {
    d["loggingConfiguration"] = logging_of(input, d["type"]);
    any = true;
  }
  if (auto t = input.find("tracingConfiguration"); t != input.end() && t->is_object()) {
    d["tracingConfiguration"] = {
        {"enabled", bool_member(*t, "enabled", "tracingConfiguration.enabled").value_or(false)}};
    any = true;
  }
  if (input.contains("encryptionConfiguration")) {
    d["encryptionConfiguration"] = encryption_of(input);
    any = true;
  }
  if (!any)
    throw ServiceError("MissingRequiredParameter",
                       "Either the definition, the roleArn, the loggingConfiguration, the "
                       "tracingConfiguration or the encryptionConfiguration must be specified");
  std::string now = iso_now();
  d["revisionId"] = state::uuid4();
  c.store.put_record(kService, "statemachine", key_of(c, name), record);
  return {{"updateDate", now}, {"revisionId", d["revisionId"]}};
}

Json delete_state_machine(Context &c, const Json &input) {
  std::string arn = string_member(input, "stateMachineArn", "stateMachineArn");
  std::string prefix = machine_arn(c, "");
  if (!arn.starts_with("arn:") || std::count(arn.begin(), arn.end(), ':') < 6)
    throw ServiceError("InvalidArn", fmt::format("Invalid Arn: '{}'", arn));
  // Deleting a state machine that does not exist succeeds, as in Step Functions.
  if (arn.starts_with(prefix))
    c.store.delete_record(kService, "statemachine", key_of(c, arn.substr(prefix.size())));
  return Json::object();
}

Json list_state_machines(Context &c, const Json &input) {
  (void)input;
  Json machines = Json::array();
  for (const auto &[key, record] : c.store.list_records(kService, "statemachine", c.region + ":")) {
    const Json &d = record["description"];
    machines.push_back({{"stateMachineArn", d["stateMachineArn"]},
                        {"name", d["name"]},
                        {"type", d["type"]},
                        {"creationDate", d["creationDate"]}});
  }
  return {{"stateMachines", machines}};
}

std::pair<std::string, Json> load_resource(Context &c, const Json &input) {
  std::string arn = string_member(input, "resourceArn", "resourceArn");
  return load(c, Json{{"stateMachineArn", arn}});
}

Json tag_resource(Context &c, const Json &input) {
  auto [name, record] = load_resource(c, input);
  Json &tags = record["tags"];
  for (const auto &t : read_sfn_tags(input)) {
    bool replaced = false;
    for (auto &existing : tags)
      if (existing["key"] == t["key"]) {
        existing["value"] = t["value"];
        replaced = true;
      }
    if (!replaced)
      tags.push_back(t);
  }
  if (tags.size() > 50)
    throw ServiceError("TooManyTags", "Too many tags: a resource can have at most 50 tags.");
  c.store.put_record(kService, "statemachine", key_of(c, name), record);
  return Json::object();
}

Json untag_resource(Context &c, const Json &input) {
  auto [name, record] = load_resource(c, input);
  const Json *keys = list_member(input, "tagKeys", "tagKeys");
  if (!keys)
    constraint_error("tagKeys", Json(), "not be null");
  Json kept = Json::array();
  for (const auto &t : record["tags"])
    if (std::find(keys->begin(), keys->end(), t["key"]) == keys->end())
      kept.push_back(t);
  record["tags"] = kept;
  c.store.put_record(kService, "statemachine", key_of(c, name), record);
  return Json::object();
}

Json list_tags_for_resource(Context &c, const Json &input) {
  return {{"tags", load_resource(c, input).second["tags"]}};
}

} // namespace

const HandlerTable &stepfunctions_handlers() {
  static const HandlerTable table = {
      {"CreateStateMachine", create_state_machine},
      {"DescribeStateMachine", describe_state_machine},
      {"UpdateStateMachine", update_state_machine},
      {"DeleteStateMachine", delete_state_machine},
      {"ListStateMachines", list_state_machines},
      {"TagResource", tag_resource},
      {"UntagResource", untag_resource},
      {"ListTagsForResource", list_tags_for_resource},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
