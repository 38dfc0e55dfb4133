#include "providers/events_rule_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "events";
constexpr std::string_view kType = "AWS::Events::Rule";

// The bus and rule names of a rule ARN (…:rule/NAME on the default bus, …:rule/BUS/NAME).
std::pair<std::string, std::string> names_of(const std::string &arn) {
  size_t start = arn.find(":rule/");
  std::string rest = start == std::string::npos ? arn : arn.substr(start + 6);
  size_t slash = rest.find('/');
  if (slash == std::string::npos)
    return {"default", rest};
  return {rest.substr(0, slash), rest.substr(slash + 1)};
}

// A bus given by name or ARN, as a name.
std::string bus_of(const Value &model) {
  std::string bus = string_of(model, "EventBusName");
  if (size_t slash = bus.find(":event-bus/"); slash != std::string::npos)
    bus = bus.substr(slash + 11);
  return bus.empty() ? "default" : bus;
}

Json targets_of(const Value &model) {
  const Value *targets = model.find("Targets");
  if (!targets || !targets->is_array())
    return Json::array();
  return typed(*targets,
               {"TaskCount", "MaximumRetryAttempts", "MaximumEventAgeInSeconds", "Size", "Attempts",
                "Weight", "Base"},
               {"EnableECSManagedTags", "EnableExecuteCommand", "WithEvent"});
}

Json put_rule_input(const Value &model, const std::string &bus, const std::string &name) {
  Json in = {{"Name", name}, {"EventBusName", bus}};
  if (const Value *pattern = model.find("EventPattern"))
    in["EventPattern"] = pattern->is_string() ? pattern->as_string() : dump_json(*pattern, -1);
  for (const char *k : {"ScheduleExpression", "Description", "RoleArn", "State"})
    if (std::string v = string_of(model, k); !v.empty())
      in[k] = v;
  return in;
}

void put_targets(services::Backend &backend, const std::string &bus, const std::string &name,
                 const Json &targets) {
  for (size_t i = 0; i < targets.size(); i += 10) {
    Json chunk = Json::array();
    for (size_t j = i; j < targets.size() && j < i + 10; ++j)
      chunk.push_back(targets[j]);
    Json out = backend.call(kService, "PutTargets",
                            Json{{"Rule", name}, {"EventBusName", bus}, {"Targets", chunk}});
    if (out.value("FailedEntryCount", 0) > 0) {
      const Json &failed = out["FailedEntries"][0];
      throw services::ServiceError(failed.value("ErrorCode", "ValidationException"),
                                   failed.value("ErrorMessage", "PutTargets failed"));
    }
  }
}

} // namespace

ProgressEvent EventsRuleProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string name = string_of(model, "Name");
  std::string bus = bus_of(model);
  try {
    backend_.call(kService, "DescribeRule", Json{{"Name", name}, {"EventBusName", bus}});
    return already_exists(name);
  } catch (const services::ServiceError &e) {
    if (!is_not_found(e))
      return failure_from(e, "EventBridge");
  }
  Json in = put_rule_input(model, bus, name);
  if (Json tags = tag_list(model.find("Tags")); !tags.empty())
    in["Tags"] = tags;
  try {
    model.set("Arn", Value(backend_.call(kService, "PutRule", in).value("RuleArn", "")));
  } catch (const services::ServiceError &e) {
    return failure_from(e, "EventBridge");
  }
  try {
    put_targets(backend_, bus, name, targets_of(model));
  } catch (const services::ServiceError &e) {
    try {
      Json ids = Json::array();
      for (const auto &t :
           backend_.call(kService, "ListTargetsByRule", Json{{"Rule", name}, {"EventBusName", bus}})
               .value("Targets", Json::array()))
        ids.push_back(t["Id"]);
      if (!ids.empty())
        backend_.call(kService, "RemoveTargets",
                      Json{{"Rule", name}, {"EventBusName", bus}, {"Ids", ids}});
      backend_.call(kService, "DeleteRule", Json{{"Name", name}, {"EventBusName", bus}});
    } catch (const services::ServiceError &) {
    }
    return failure_from(e, "EventBridge");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent EventsRuleProvider::read(const ResourceHandlerRequest &request) {
  auto [bus, name] = names_of(request.physical_id);
  Json rule, targets, tags;
  try {
    rule = backend_.call(kService, "DescribeRule", Json{{"Name", name}, {"EventBusName", bus}});
    targets =
        backend_.call(kService, "ListTargetsByRule", Json{{"Rule", name}, {"EventBusName", bus}})
            .value("Targets", Json::array());
    tags =
        backend_.call(kService, "ListTagsForResource", Json{{"ResourceARN", rule.value("Arn", "")}})
            .value("Tags", Json::array());
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "EventBridge");
  }
  Json m = {{"Name", name}, {"Arn", rule.value("Arn", "")}, {"State", rule.value("State", "")}};
  if (bus != "default")
    m["EventBusName"] = bus;
  for (const char *k : {"ScheduleExpression", "Description", "RoleArn"})
    if (rule.contains(k))
      m[k] = rule[k];
  if (rule.contains("EventPattern")) {
    Json parsed = Json::parse(rule["EventPattern"].get<std::string>(), nullptr, false);
    m["EventPattern"] = parsed.is_discarded() ? rule["EventPattern"] : parsed;
  }
  if (!targets.empty())
    m["Targets"] = targets;
  if (!tags.empty())
    m["Tags"] = tags;
  return ProgressEvent::success(from_json(m));
}

ProgressEvent EventsRuleProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = update_refusal(*type, request, request.previous_state, desired))
    return *failure;
  auto [bus, name] = names_of(request.physical_id);
  if (bus_of(desired) != bus)
    return not_updatable("/properties/EventBusName");
  try {
    std::string arn = backend_.call(kService, "PutRule", put_rule_input(desired, bus, name))
                          .value("RuleArn", request.physical_id);
    Json current =
        backend_.call(kService, "ListTargetsByRule", Json{{"Rule", name}, {"EventBusName", bus}})
            .value("Targets", Json::array());
    Json wanted = targets_of(desired);
    Json removed = Json::array();
    for (const auto &t : current) {
      bool kept = false;
      for (const auto &w : wanted)
        kept = kept || w.value("Id", "") == t.value("Id", "");
      if (!kept)
        removed.push_back(t["Id"]);
    }
    for (size_t i = 0; i < removed.size(); i += 100) {
      Json chunk(removed.begin() + static_cast<long>(i),
                 removed.begin() + static_cast<long>(std::min(removed.size(), i + 100)));
      backend_.call(kService, "RemoveTargets",
                    Json{{"Rule", name}, {"EventBusName", bus}, {"Ids", chunk}});
    }
    Json changed = Json::array();
    for (const auto &w : wanted)
      if (std::find(current.begin(), current.end(), w) == current.end())
        changed.push_back(w);
    put_targets(backend_, bus, name, changed);
    Json tags_now = backend_.call(kService, "ListTagsForResource", Json{{"ResourceARN", arn}})
                        .value("Tags", Json::array());
    TagDiff changes = tag_diff(tags_now, tag_list(desired.find("Tags")));
    if (!changes.removed.empty())
      backend_.call(kService, "UntagResource",
                    Json{{"ResourceARN", arn}, {"TagKeys", changes.removed}});
    if (!changes.set.empty())
      backend_.call(kService, "TagResource", Json{{"ResourceARN", arn}, {"Tags", changes.set}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "EventBridge");
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent EventsRuleProvider::remove(const ResourceHandlerRequest &request) {
  auto [bus, name] = names_of(request.physical_id);
  try {
    backend_.call(kService, "DescribeRule", Json{{"Name", name}, {"EventBusName", bus}});
    Json ids = Json::array();
    for (const auto &t :
         backend_.call(kService, "ListTargetsByRule", Json{{"Rule", name}, {"EventBusName", bus}})
             .value("Targets", Json::array()))
      ids.push_back(t["Id"]);
    if (!ids.empty())
      backend_.call(kService, "RemoveTargets",
                    Json{{"Rule", name}, {"EventBusName", bus}, {"Ids", ids}});
    backend_.call(kService, "DeleteRule", Json{{"Name", name}, {"EventBusName", bus}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "EventBridge");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent EventsRuleProvider::list(const ResourceHandlerRequest &request) {
  (void)request;
  try {
    ProgressEvent event = ProgressEvent::success(Value());
    for (const auto &r :
         backend_.call(kService, "ListRules", Json::object()).value("Rules", Json::array()))
      event.resource_models.push_back(Value::object({{"Arn", Value(r.value("Arn", "")), {}}}));
    return event;
  } catch (const services::ServiceError &e) {
    return failure_from(e, "EventBridge");
  }
}

} // namespace cfnlocal::providers
