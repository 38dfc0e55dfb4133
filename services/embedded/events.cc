// The embedded Amazon EventBridge control plane (Amazon EventBridge API Reference:
// CreateEventBus, DescribeEventBus, UpdateEventBus, DeleteEventBus, ListEventBuses, PutRule,
// DescribeRule, DeleteRule, ListRules, EnableRule, DisableRule, PutTargets, RemoveTargets,
// ListTargetsByRule, TagResource, UntagResource, ListTagsForResource; botocore events/2015-10-07,
// JSON protocol). Records: kind "bus", key "REGION:NAME" -> {Name, Arn, Description,
// KmsKeyIdentifier, DeadLetterConfig, CreationTime, LastModifiedTime, Tags}; kind "rule", key
// "REGION:BUS/NAME" -> {Name, Arn, EventBusName, EventPattern, ScheduleExpression, State,
// Description, RoleArn, CreatedBy, Tags, Targets}. Every account's "default" bus always exists.
//
// Enforced as EventBridge does: bus and rule names, the reserved "default" and "aws." bus
// names, a rule needing an event pattern or a schedule, schedules only on the default bus,
// rate() and cron() expressions, event patterns (objects whose leaves are arrays of values or
// matchers EventBridge knows), the bus a rule names existing, target ids and the one-input
// rule, at most 5 targets per rule, rules with targets not deletable, and tag limits.
#include "services/embedded/context.h"
#include "services/embedded/shape_checks.h"

#include <fmt/format.h>

#include <regex>
#include <set>

namespace cfnlocal::services::embedded {
namespace {

constexpr std::string_view kService = "events";

std::string bus_arn(const Context &c, std::string_view name) {
  return fmt::format("arn:{}:events:{}:{}:event-bus/{}", c.partition, c.region, c.account, name);
}
std::string rule_arn(const Context &c, std::string_view bus, std::string_view name) {
  return bus == "default"
             ? fmt::format("arn:{}:events:{}:{}:rule/{}", c.partition, c.region, c.account, name)
             : fmt::format("arn:{}:events:{}:{}:rule/{}/{}", c.partition, c.region, c.account, bus,
                           name);
}

[[noreturn]] void not_found(std::string message) {
  throw ServiceError("ResourceNotFoundException", std::move(message));
}

// A bus given by name or ARN; "" means the default bus.
std::string bus_name_of(const Context &c, const std::optional<std::string> &given) {
  if (!given || given->empty())
    return "default";
  std::string name = *given;
  if (name.size() > 1600)
    constraint_error("EventBusName", name, "have length less than or equal to 1600");
  std::string prefix = bus_arn(c, "");
  if (name.starts_with(prefix))
    name = name.substr(prefix.size());
  else if (name.starts_with("arn:"))
    not_found(fmt::format("Event bus {} does not exist.", name));
  check_pattern("eventBusName", name, "[/\\.\\-_A-Za-z0-9]+");
  return name;
}

Json default_bus(const Context &c) {
  return {{"Name", "default"}, {"Arn", bus_arn(c, "default")}, {"Tags", Json::array()}};
}

std::optional<Json> find_bus(Context &c, const std::string &name) {
  if (name == "default") {
    if (auto stored = c.store.get_record(kService, "bus", c.region + ":default"))
      return stored;
    return default_bus(c);
  }
  return c.store.get_record(kService, "bus", c.region + ":" + name);
}

Json load_bus(Context &c, const std::string &name) {
  auto bus = find_bus(c, name);
  if (!bus)
    not_found(fmt::format("Event bus {} does not exist.", name));
  return *bus;
}

std::string rule_key(const Context &c, const std::string &bus, const std::string &name) {
  return c.region + ":" + bus + "/" + name;
}

std::string rule_name_member(const Json &input, std::string_view key = "Name",
                             std::string_view member = "name") {
  std::string name = string_member(input, key, member);
  check_length(key, name, 1, 64);
  check_pattern(member, name, "[\\.\\-_A-Za-z0-9]+");
  return name;
}

std::pair<std::string, Json> load_rule(Context &c, const std::string &bus,
                                       const std::string &name) {
  load_bus(c, bus);
  auto rule = c.store.get_record(kService, "rule", rule_key(c, bus, name));
  if (!rule)
    not_found(fmt::format("Rule {} does not exist on EventBus {}.", name, bus));
  return {rule_key(c, bus, name), *rule};
}

std::vector<std::pair<std::string, std::string>> read_event_tags(const Json &input) {
  auto tags = read_tags(input, "Tags", 50, "LimitExceededException");
  for (const auto &[k, v] : tags)
    if (k.starts_with("aws:"))
      throw ServiceError("ValidationException", "Tag keys beginning with aws: are reserved.");
  return tags;
}

// ---- schedule expressions and event patterns --------------------------------------------------

void check_schedule(const std::string &expression) {
  static const std::regex rate(R"(rate\((\d+) (minute|minutes|hour|hours|day|days)\))");
  static const std::regex cron(R"(cron\(([^ ]+) ([^ ]+) ([^ ]+) ([^ ]+) ([^ ]+) ([^ ]+)\))");
  std::smatch m;
  auto invalid = [] {
    throw ServiceError("ValidationException", "Parameter ScheduleExpression is not valid.");
  };
  if (std::regex_match(expression, m, rate)) {
    long n = std::stol(m[1]);
    bool singular = !m[2].str().ends_with("s");
    if (n < 1 || singular != (n == 1))
      invalid();
    return;
  }
  if (!std::regex_match(expression, m, cron))
    invalid();
  // Fields: minutes hours day-of-month month day-of-week year; one of the two days is "?".
  static const std::regex minute(R"([0-9,\-*/]+)");
  static const std::regex hour(R"([0-9,\-*/]+)");
  static const std::regex dom(R"([0-9,\-*?/LW]+)");
  static const std::regex month(R"([0-9A-Za-z,\-*/]+)");
  static const std::regex dow(R"([0-9A-Za-z,\-*?/L#]+)");
  static const std::regex year(R"([0-9,\-*/]+)");
  const std::regex *fields[] = {&minute, &hour, &dom, &month, &dow, &year};
  for (int i = 0; i < 6; ++i)
    if (!std::regex_match(m[i + 1].str(), *fields[i]))
      invalid();
  bool dom_any = m[3] == "?", dow_any = m[5] == "?";
  if (dom_any == dow_any)
    invalid();
}

[[noreturn]] void bad_pattern(std::string_view reason) {
  throw ServiceError("InvalidEventPatternException",
                     fmt::format("Event pattern is not valid. Reason: {}", reason));
}

void check_matcher(const Json &m);

void check_pattern_object(const Json &pattern, bool top) {
  if (!pattern.is_object())
    bad_pattern("Filter is not an object");
  if (top && pattern.empty())
    bad_pattern("Empty event pattern");
  for (const auto &[key, value] : pattern.items()) {
    if (key == "$or") {
      if (!value.is_array() || value.size() < 2)
        bad_pattern("Value of $or must be an array of at least 2 objects");
      for (const auto &alt : value)
        check_pattern_object(alt, false);
      continue;
    }
    if (value.is_object()) {
      check_pattern_object(value, false);
      continue;
    }
    if (!value.is_array())
      bad_pattern(fmt::format("Match value must be String, number, true, false, or null at "
                              "\"{}\"",
                              key));
    if (value.empty())
      bad_pattern(fmt::format("Empty arrays are not allowed at \"{}\"", key));
    for (const auto &v : value) {
      if (v.is_object())
        check_matcher(v);
      else if (v.is_array())
        bad_pattern("Match value must be String, number, true, false, or null");
    }
  }
}

void check_matcher(const Json &m) {
  if (m.size() != 1)
    bad_pattern("Matcher objects must have exactly one field");
  const auto &[kind, value] = *m.items().begin();
  static const std::set<std::string> kinds = {
      "prefix", "suffix", "anything-but", "numeric",
      "exists", "cidr",   "wildcard",     "equals-ignore-case"};
  if (!kinds.count(kind))
    bad_pattern(fmt::format("Unrecognized match type {}", kind));
  if (kind == "exists" && !value.is_boolean())
    bad_pattern("exists match pattern must be either true or false.");
  if ((kind == "cidr" || kind == "wildcard" || kind == "equals-ignore-case") && !value.is_string())
    bad_pattern(fmt::format("{} match pattern must be a string", kind));
  if ((kind == "prefix" || kind == "suffix") && !value.is_string() && !value.is_object())
    bad_pattern(fmt::format("{} match pattern must be a string", kind));
  if (kind == "numeric") {
    if (!value.is_array() || value.empty() || value.size() % 2)
      bad_pattern("Value of numeric must be an array.");
    static const std::set<std::string> ops = {"<", "<=", "=", ">", ">="};
    for (size_t i = 0; i < value.size(); i += 2) {
      if (!value[i].is_string() || !ops.count(value[i].get<std::string>()))
        bad_pattern(fmt::format("Unrecognized numeric range operator: {}", value[i].dump()));
      if (!value[i + 1].is_number())
        bad_pattern("Value of numeric range must be numeric");
    }
  }
}

std::string checked_event_pattern(const std::string &text) {
  if (utf8_length(text) > 4096)
    constraint_error("EventPattern", text, "have length less than or equal to 4096");
  Json pattern = Json::parse(text, nullptr, false);
  if (pattern.is_discarded())
    bad_pattern("Filter is not valid JSON");
  check_pattern_object(pattern, true);
  return text;
}

// ---- buses ------------------------------------------------------------------------------------

Json create_event_bus(Context &c, const Json &input) {
  std::string name = string_member(input, "Name", "name");
  check_length("Name", name, 1, 256);
  check_pattern("name", name, "[/\\.\\-_A-Za-z0-9]+");
  auto source = optional_string(input, "EventSourceName");
  if (name == "default")
    throw ServiceError("ResourceAlreadyExistsException", "Event bus default already exists.");
  if (!source && name.find('/') != std::string::npos)
    throw ServiceError("ValidationException", "Event bus name must not contain '/'.");
  if (!source && name.starts_with("aws."))
    throw ServiceError("ValidationException", "Event bus name must not start with 'aws.'.");
  if (source)
    not_found(fmt::format("Event source {} does not exist.", *source));
  auto tags = read_event_tags(input);
  if (find_bus(c, name))
    throw ServiceError("ResourceAlreadyExistsException",
                       fmt::format("Event bus {} already exists.", name));
  std::string now = iso_now();
  Json bus = {{"Name", name},
              {"Arn", bus_arn(c, name)},
              {"CreationTime", now},
              {"LastModifiedTime", now},
              {"Tags", tag_list(tags)}};
  if (auto d = optional_string(input, "Description")) {
    check_length("Description", *d, 0, 512);
    bus["Description"] = *d;
  }
  if (auto k = optional_string(input, "KmsKeyIdentifier"))
    bus["KmsKeyIdentifier"] = *k;
  if (auto dlq = input.find("DeadLetterConfig"); dlq != input.end() && dlq->is_object())
    bus["DeadLetterConfig"] = *dlq;
  c.store.put_record(kService, "bus", c.region + ":" + name, bus);
  Json out = {{"EventBusArn", bus["Arn"]}};
  for (const char *k : {"Description", "KmsKeyIdentifier", "DeadLetterConfig"})
    if (bus.contains(k))
      out[k] = bus[k];
  return out;
}

Json bus_description(const Json &bus) {
  Json out = bus;
  out.erase("Tags");
  return out;
}

Json describe_event_bus(Context &c, const Json &input) {
  return bus_description(load_bus(c, bus_name_of(c, optional_string(input, "Name"))));
}

Json update_event_bus(Context &c, const Json &input) {
  std::string name = bus_name_of(c, optional_string(input, "Name"));
  Json bus = load_bus(c, name);
  if (input.contains("Description")) {
    std::string d = optional_string(input, "Description").value_or("");
    check_length("Description", d, 0, 512);
    if (d.empty())
      bus.erase("Description");
    else
      bus["Description"] = d;
  }
  if (input.contains("KmsKeyIdentifier")) {
    std::string k = optional_string(input, "KmsKeyIdentifier").value_or("");
    if (k.empty())
      bus.erase("KmsKeyIdentifier");
    else
      bus["KmsKeyIdentifier"] = k;
  }
  if (auto dlq = input.find("DeadLetterConfig"); dlq != input.end()) {
    if (dlq->is_object() && dlq->contains("Arn"))
      bus["DeadLetterConfig"] = *dlq;
    else
      bus.erase("DeadLetterConfig");
  }
  bus["LastModifiedTime"] = iso_now();
  c.store.put_record(kService, "bus", c.region + ":" + name, bus);
  Json out = bus_description(bus);
  out.erase("CreationTime");
  out.erase("LastModifiedTime");
  return out;
}

Json delete_event_bus(Context &c, const Json &input) {
  std::string name =
      bus_name_of(c, std::optional<std::string>(string_member(input, "Name", "name")));
  if (name == "default")
    throw ServiceError("ValidationException", "Cannot delete event bus default.");
  // Deleting a bus that does not exist succeeds, as in EventBridge; its rules go with it.
  for (const auto &[key, rule] :
       c.store.list_records(kService, "rule", c.region + ":" + name + "/"))
    c.store.delete_record(kService, "rule", key);
  c.store.delete_record(kService, "bus", c.region + ":" + name);
  return Json::object();
}

Json list_event_buses(Context &c, const Json &input) {
  std::string prefix = optional_string(input, "NamePrefix").value_or("");
  Json buses = Json::array();
  bool default_stored = false;
  for (const auto &[key, bus] : c.store.list_records(kService, "bus", c.region + ":" + prefix)) {
    default_stored = default_stored || bus["Name"] == "default";
    buses.push_back(bus_description(bus));
  }
  if (!default_stored && std::string_view("default").starts_with(prefix))
    buses.insert(buses.begin(), bus_description(default_bus(c)));
  return {{"EventBuses", buses}};
}

// ---- rules ------------------------------------------------------------------------------------

Json put_rule(Context &c, const Json &input) {
  std::string name = rule_name_member(input);
  std::string bus = bus_name_of(c, optional_string(input, "EventBusName"));
  auto schedule = optional_string(input, "ScheduleExpression");
  auto pattern = optional_string(input, "EventPattern");
  if ((!schedule || schedule->empty()) && (!pattern || pattern->empty()))
    throw ServiceError("ValidationException",
                       "Parameter(s) EventPattern or ScheduleExpression must be specified.");
  if (schedule && !schedule->empty()) {
    check_length("ScheduleExpression", *schedule, 0, 256);
    if (bus != "default")
      throw ServiceError("ValidationException",
                         "ScheduleExpression is supported only on the default event bus.");
    check_schedule(*schedule);
  }
  if (pattern && !pattern->empty())
    checked_event_pattern(*pattern);
  std::string state = optional_string(input, "State").value_or("ENABLED");
  check_enum("state", state,
             {"ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"});
  auto description = optional_string(input, "Description");
  if (description)
    check_length("Description", *description, 0, 512);
  auto role = optional_string(input, "RoleArn");
  if (role)
    check_length("RoleArn", *role, 1, 1600);
  auto tags = read_event_tags(input);
  load_bus(c, bus);

  std::string key = rule_key(c, bus, name);
  auto existing = c.store.get_record(kService, "rule", key);
  Json rule = existing ? *existing : Json{{"Name", name},           {"Arn", rule_arn(c, bus, name)},
                                          {"EventBusName", bus},    {"CreatedBy", c.account},
                                          {"Tags", tag_list(tags)}, {"Targets", Json::array()}};
  // PutRule replaces the rule's definition; its targets and tags stay.
  for (const char *k : {"ScheduleExpression", "EventPattern", "Description", "RoleArn"})
    rule.erase(k);
  if (schedule && !schedule->empty())
    rule["ScheduleExpression"] = *schedule;
  if (pattern && !pattern->empty())
    rule["EventPattern"] = *pattern;
  if (description)
    rule["Description"] = *description;
  if (role)
    rule["RoleArn"] = *role;
  rule["State"] = state;
  c.store.put_record(kService, "rule", key, rule);
  return {{"RuleArn", rule["Arn"]}};
}

Json rule_description(const Json &rule) {
  Json out = rule;
  out.erase("Tags");
  out.erase("Targets");
  return out;
}

Json describe_rule(Context &c, const Json &input) {
  std::string name = rule_name_member(input);
  auto [key, rule] = load_rule(c, bus_name_of(c, optional_string(input, "EventBusName")), name);
  return rule_description(rule);
}

Json delete_rule(Context &c, const Json &input) {
  std::string name = rule_name_member(input);
  std::string bus = bus_name_of(c, optional_string(input, "EventBusName"));
  auto rule = c.store.get_record(kService, "rule", rule_key(c, bus, name));
  if (!rule)
    return Json::object(); // EventBridge's DeleteRule is idempotent
  if (!(*rule)["Targets"].empty())
    throw ServiceError("ValidationException", "Rule can't be deleted since it has targets.");
  c.store.delete_record(kService, "rule", rule_key(c, bus, name));
  return Json::object();
}

Json list_rules(Context &c, const Json &input) {
  std::string bus = bus_name_of(c, optional_string(input, "EventBusName"));
  load_bus(c, bus);
  std::string prefix = optional_string(input, "NamePrefix").value_or("");
  Json rules = Json::array();
  for (const auto &[key, rule] : c.store.list_records(kService, "rule", rule_key(c, bus, prefix)))
    rules.push_back(rule_description(rule));
  return {{"Rules", rules}};
}

Json set_state(Context &c, const Json &input, const char *state) {
  std::string name = rule_name_member(input);
  auto [key, rule] = load_rule(c, bus_name_of(c, optional_string(input, "EventBusName")), name);
  rule["State"] = state;
  c.store.put_record(kService, "rule", key, rule);
  return Json::object();
}
Json enable_rule(Context &c, const Json &input) { return set_state(c, input, "ENABLED"); }
Json disable_rule(Context &c, const Json &input) { return set_state(c, input, "DISABLED"); }

Json put_targets(Context &c, const Json &input) {
  std::string name = rule_name_member(input, "Rule", "rule");
  auto [key, rule] = load_rule(c, bus_name_of(c, optional_string(input, "EventBusName")), name);
  const Json *targets = list_member(input, "Targets", "targets");
  if (!targets)
    constraint_error("targets", Json(), "not be null");
  check_count("targets", *targets, 1, 10);
  Json current = rule["Targets"];
  std::set<std::string> ids;
  for (size_t i = 0; i < targets->size(); ++i) {
    const Json &t = (*targets)[i];
    std::string at = fmt::format("targets.{}.member", i + 1);
    std::string id = string_member(t, "Id", at + ".id");
    check_length("Id", id, 1, 64);
    check_pattern(at + ".id", id, "[\\.\\-_A-Za-z0-9]+");
    std::string arn = string_member(t, "Arn", at + ".arn");
    check_length("Arn", arn, 1, 1600);
    if (!ids.insert(id).second)
      throw ServiceError("ValidationException",
                         fmt::format("The request contains duplicate target Id: {}", id));
    int inputs = t.contains("Input") + t.contains("InputPath") + t.contains("InputTransformer");
    if (inputs > 1)
      throw ServiceError("ValidationException",
                         fmt::format("Only one of Input, InputPath, or InputTransformer must be "
                                     "provided for target {}.",
                                     id));
    if (t.contains("Input")) {
      if (!t["Input"].is_string() ||
          Json::parse(t["Input"].get<std::string>(), nullptr, false).is_discarded())
        throw ServiceError("ValidationException",
                           fmt::format("Input for target {} is not valid JSON text.", id));
    }
    if (!arn.starts_with("arn:"))
      throw ServiceError("ValidationException",
                         fmt::format("Parameter {} is not valid. Reason: Provided Arn is not in "
                                     "correct format.",
                                     arn));
    bool replaced = false;
    for (auto &existing : current)
      if (existing["Id"] == id) {
        existing = t;
        replaced = true;
      }
    if (!replaced)
      current.push_back(t);
  }
  if (current.size() > 5)
    throw ServiceError("LimitExceededException",
                       "The requested resource exceeds the maximum number allowed.");
  rule["Targets"] = current;
  c.store.put_record(kService, "rule", key, rule);
  return {{"FailedEntryCount", 0}, {"FailedEntries", Json::array()}};
}

Json remove_targets(Context &c, const Json &input) {
  std::string name = rule_name_member(input, "Rule", "rule");
  auto [key, rule] = load_rule(c, bus_name_of(c, optional_string(input, "EventBusName")), name);
  const Json *ids = list_member(input, "Ids", "ids");
  if (!ids)
    constraint_error("ids", Json(), "not be null");
  check_count("ids", *ids, 1, 100);
  Json kept = Json::array();
  for (const auto &t : rule["Targets"])
    if (std::find(ids->begin(), ids->end(), t["Id"]) == ids->end())
      kept.push_back(t);
  rule["Targets"] = kept;
  c.store.put_record(kService, "rule", key, rule);
  return {{"FailedEntryCount", 0}, {"FailedEntries", Json::array()}};
}

Json list_targets_by_rule(Context &c, const Json &input) {
  std::string name = rule_name_member(input, "Rule", "rule");
  auto [key, rule] = load_rule(c, bus_name_of(c, optional_string(input, "EventBusName")), name);
  return {{"Targets", rule["Targets"]}};
}

// ---- tags -------------------------------------------------------------------------------------

// The record (kind, key) an events ARN names.
std::pair<std::string, std::string> resource_of(Context &c, const std::string &arn) {
  std::string bus_prefix = bus_arn(c, "");
  std::string rule_prefix =
      fmt::format("arn:{}:events:{}:{}:rule/", c.partition, c.region, c.account);
  if (arn.starts_with(bus_prefix)) {
    std::string name = arn.substr(bus_prefix.size());
    if (name == "default" && !c.store.get_record(kService, "bus", c.region + ":default"))
      c.store.put_record(kService, "bus", c.region + ":default", default_bus(c));
    if (c.store.get_record(kService, "bus", c.region + ":" + name))
      return {"bus", c.region + ":" + name};
  } else if (arn.starts_with(rule_prefix)) {
    std::string rest = arn.substr(rule_prefix.size());
    size_t slash = rest.find('/');
    std::string bus = slash == std::string::npos ? "default" : rest.substr(0, slash);
    std::string name = slash == std::string::npos ? rest : rest.substr(slash + 1);
    if (c.store.get_record(kService, "rule", rule_key(c, bus, name)))
      return {"rule", rule_key(c, bus, name)};
  }
  not_found(fmt::format("Resource {} does not exist.", arn));
}

Json tag_resource(Context &c, const Json &input) {
  auto [kind, key] = resource_of(c, string_member(input, "ResourceARN", "resourceARN"));
  Json record = *c.store.get_record(kService, kind, key);
  auto current = tags_from(record["Tags"]);
  for (const auto &[k, v] : read_event_tags(input)) {
    auto it = std::find_if(current.begin(), current.end(), [&](auto &t) { return t.first == k; });
    if (it != current.end())
      it->second = v;
    else
      current.emplace_back(k, v);
  }
  if (current.size() > 50)
    throw ServiceError("LimitExceededException",
                       "The requested resource exceeds the maximum number allowed.");
  record["Tags"] = tag_list(current);
  c.store.put_record(kService, kind, key, record);
  return Json::object();
}

Json untag_resource(Context &c, const Json &input) {
  auto [kind, key] = resource_of(c, string_member(input, "ResourceARN", "resourceARN"));
  Json record = *c.store.get_record(kService, kind, key);
  const Json *keys = list_member(input, "TagKeys", "tagKeys");
  if (!keys)
    constraint_error("tagKeys", Json(), "not be null");
  std::vector<std::pair<std::string, std::string>> kept;
  for (const auto &t : tags_from(record["Tags"]))
    if (std::find(keys->begin(), keys->end(), Json(t.first)) == keys->end())
      kept.push_back(t);
  record["Tags"] = tag_list(kept);
  c.store.put_record(kService, kind, key, record);
  return Json::object();
}

Json list_tags_for_resource(Context &c, const Json &input) {
  auto [kind, key] = resource_of(c, string_member(input, "ResourceARN", "resourceARN"));
  return {{"Tags", c.store.get_record(kService, kind, key)->value("Tags", Json::array())}};
}

} // namespace

const HandlerTable &events_handlers() {
  static const HandlerTable table = {
      {"CreateEventBus", create_event_bus},
      {"DescribeEventBus", describe_event_bus},
      {"UpdateEventBus", update_event_bus},
      {"DeleteEventBus", delete_event_bus},
      {"ListEventBuses", list_event_buses},
      {"PutRule", put_rule},
      {"DescribeRule", describe_rule},
      {"DeleteRule", delete_rule},
      {"ListRules", list_rules},
      {"EnableRule", enable_rule},
      {"DisableRule", disable_rule},
      {"PutTargets", put_targets},
      {"RemoveTargets", remove_targets},
      {"ListTargetsByRule", list_targets_by_rule},
      {"TagResource", tag_resource},
      {"UntagResource", untag_resource},
      {"ListTagsForResource", list_tags_for_resource},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
