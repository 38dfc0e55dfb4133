#include "transforms/sam/events.h"
#include "transforms/sam/event_properties.h"
#include "transforms/sam/event_sources.h"

#include <algorithm>
#include <set>
#include <vector>

namespace cfnlocal::transforms::sam {

Json lambda_permission(const FunctionTarget &target, const std::string &principal,
                       const Json &source_arn, const Json &source_account,
                       const Json &event_source_token) {
  Json props = Json{
      {"Action", "lambda:InvokeFunction"}, {"FunctionName", target.ref}, {"Principal", principal}};
  if (!source_arn.is_null())
    props["SourceArn"] = source_arn;
  if (!source_account.is_null())
    props["SourceAccount"] = source_account;
  if (!event_source_token.is_null())
    props["EventSourceToken"] = event_source_token;
  Json r = Json{{"Type", "AWS::Lambda::Permission"}, {"Properties", props}};
  apply_passthrough(r, target.attributes);
  return r;
}

namespace {

const std::set<std::string> &event_types() {
  static const std::set<std::string> types = {"S3",
                                              "SNS",
                                              "SQS",
                                              "Kinesis",
                                              "DynamoDB",
                                              "MSK",
                                              "MQ",
                                              "SelfManagedKafka",
                                              "DocumentDB",
                                              "Schedule",
                                              "ScheduleV2",
                                              "CloudWatchEvent",
                                              "EventBridgeRule",
                                              "CloudWatchLogs",
                                              "IoTRule",
                                              "AlexaSkill",
                                              "Cognito",
                                              "Api",
                                              "HttpApi"};
  return types;
}

/// The event's Properties, checked the way the translator reads an event entry. Throws
/// InvalidEvent / InvalidResource.
Json event_properties(const std::string &function_id, const std::string &event_id,
                      const Json &event) {
  if (!event.is_object())
    throw InvalidEvent{event_id, "'" + python_type_name(event) + "' object has no attribute 'get'"};
  const Json &type = get(event, "Type");
  if (!type.is_string() || !event_types().count(type.get<std::string>()))
    throw InvalidEvent{event_id,
                       "Resource dict has missing or invalid value for key Type. Event Type is: " +
                           (type.is_string() ? type.get<std::string>() : python_repr(type)) + "."};
  const std::string t = type.get<std::string>();
  std::string logical_id = function_id + event_id;
  if (!has(event, "Properties"))
    return Json::object();
  const Json &props = event["Properties"];
  if (props.is_object())
    return props;
  if (!props.is_null() && (t == "Api" || t == "HttpApi"))
    throw InvalidEvent{event_id, "Properties should be a map."};
  throw InvalidResource{logical_id, "Properties of a resource must be an object."};
}

/// Event IDs in the order the translator processes them (sorted).
std::vector<std::string> sorted_event_ids(const Json &events) {
  std::vector<std::string> ids;
  for (auto it = events.begin(); it != events.end(); ++it)
    ids.push_back(it.key());
  std::sort(ids.begin(), ids.end());
  return ids;
}

InvalidResource as_resource_error(const std::string &function_id, const InvalidEvent &e) {
  return InvalidResource{function_id,
                         "Event with id [" + e.event_id + "] is invalid. " + e.message};
}

} // namespace

void add_generated(Context &ctx, const std::string &source_id, const std::string &id,
                   Json resource) {
  if (const Json *existing = ctx.resource(id); existing && id != source_id) {
    const Json &type = get(*existing, "Type");
    if (!(type.is_string() && type.get<std::string>().rfind("AWS::Serverless::", 0) == 0)) {
      const Json &new_type = get(resource, "Type");
      throw InvalidDocumentCause{
          "Transforming resource with id [" + source_id +
          "] attempts to create a new resource with id [" + id + "] and type \"" +
          (new_type.is_string() ? new_type.get<std::string>() : "") +
          "\". A resource with that id already exists within this template. Please use a "
          "different id for that resource."};
    }
  }
  ctx.add(id, std::move(resource));
}

void check_function_events(const std::string &function_id, const Json &events) {
  if (events.is_null())
    return;
  if (!events.is_object())
    throw InvalidResource{function_id, "Property 'Events' should be a map."};
  for (const auto &event_id : sorted_event_ids(events)) {
    try {
      const Json &event = events[event_id];
      Json props = event_properties(function_id, event_id, event);
      validate_event_properties(function_id + event_id, event["Type"].get<std::string>(), props);
    } catch (const InvalidEvent &e) {
      throw as_resource_error(function_id, e);
    }
  }
}

void translate_function_events(Context &ctx, FunctionTarget &target, const Json &events) {
  check_function_events(target.id, events);
  for (const auto &event_id : sorted_event_ids(events)) {
    const Json &event = events[event_id];
    try {
      Json props = event_properties(target.id, event_id, event);
      const std::string type = event["Type"].get<std::string>();
      EventContext ev{ctx, target, event_id, target.id + event_id, props, event};
      if (!translate_event_source(ev, type))
        throw InvalidEvent{event_id,
                           "Resource dict has missing or invalid value for key Type. Event Type "
                           "is: " +
                               type + "."};
    } catch (const InvalidEvent &e) {
      throw as_resource_error(target.id, e);
    }
  }
}

} // namespace cfnlocal::transforms::sam
