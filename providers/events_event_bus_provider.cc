#include "providers/events_event_bus_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "events";
constexpr std::string_view kType = "AWS::Events::EventBus";

// UpdateEventBus's members as the model gives them ("" / null clears).
Json settings_of(const Value &model) {
  Json out = {{"Description", string_of(model, "Description")},
              {"KmsKeyIdentifier", string_of(model, "KmsKeyIdentifier")}};
  if (const Value *dlq = model.find("DeadLetterConfig"); dlq && dlq->is_object())
    out["DeadLetterConfig"] = to_json(*dlq);
  else
    out["DeadLetterConfig"] = Json::object();
  return out;
}

} // namespace

ProgressEvent EventsEventBusProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  Json in = {{"Name", string_of(model, "Name")}};
  for (const char *k : {"Description", "KmsKeyIdentifier", "EventSourceName"})
    if (std::string v = string_of(model, k); !v.empty())
      in[k] = v;
  if (const Value *dlq = model.find("DeadLetterConfig"); dlq && dlq->is_object())
    in["DeadLetterConfig"] = to_json(*dlq);
  if (Json tags = tag_list(model.find("Tags")); !tags.empty())
    in["Tags"] = tags;
  try {
    model.set("Arn", Value(backend_.call(kService, "CreateEventBus", in).value("EventBusArn", "")));
  } catch (const services::ServiceError &e) {
    return failure_from(e, "EventBridge");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent EventsEventBusProvider::read(const ResourceHandlerRequest &request) {
  const std::string &name = request.physical_id;
  Json bus, tags;
  try {
    bus = backend_.call(kService, "DescribeEventBus", Json{{"Name", name}});
    tags =
        backend_.call(kService, "ListTagsForResource", Json{{"ResourceARN", bus.value("Arn", "")}})
            .value("Tags", Json::array());
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, name, "EventBridge");
  }
  Json m = {{"Name", name}, {"Arn", bus.value("Arn", "")}};
  for (const char *k : {"Description", "KmsKeyIdentifier", "DeadLetterConfig"})
    if (bus.contains(k))
      m[k] = bus[k];
  if (!tags.empty())
    m["Tags"] = tags;
  return ProgressEvent::success(from_json(m));
}

ProgressEvent EventsEventBusProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = update_refusal(*type, request, request.previous_state, desired))
    return *failure;
  const std::string &name = request.physical_id;
  try {
    Json bus = backend_.call(kService, "DescribeEventBus", Json{{"Name", name}});
    Json wanted = settings_of(desired);
    Json current = {{"Description", bus.value("Description", "")},
                    {"KmsKeyIdentifier", bus.value("KmsKeyIdentifier", "")},
                    {"DeadLetterConfig", bus.value("DeadLetterConfig", Json::object())}};
    if (wanted != current) {
      wanted["Name"] = name;
      backend_.call(kService, "UpdateEventBus", wanted);
    }
    std::string arn = bus.value("Arn", "");
    Json tags_now = backend_.call(kService, "ListTagsForResource", Json{{"ResourceARN", arn}})
                        .value("Tags", Json::array());
    TagDiff changes = tag_diff(tags_now, tag_list(desired.find("Tags")));
    if (!changes.removed.empty())
      backend_.call(kService, "UntagResource",
                    Json{{"ResourceARN", arn}, {"TagKeys", changes.removed}});
    if (!changes.set.empty())
      backend_.call(kService, "TagResource", Json{{"ResourceARN", arn}, {"Tags", changes.set}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, name, "EventBridge");
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent EventsEventBusProvider::remove(const ResourceHandlerRequest &request) {
  try {
    backend_.call(kService, "DescribeEventBus", Json{{"Name", request.physical_id}});
    backend_.call(kService, "DeleteEventBus", Json{{"Name", request.physical_id}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "EventBridge");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent EventsEventBusProvider::list(const ResourceHandlerRequest &request) {
  (void)request;
  try {
    ProgressEvent event = ProgressEvent::success(Value());
    for (const auto &b : backend_.call(kService, "ListEventBuses", Json::object())
                             .value("EventBuses", Json::array()))
      if (b.value("Name", "") != "default")
        event.resource_models.push_back(Value::object({{"Name", Value(b.value("Name", "")), {}}}));
    return event;
  } catch (const services::ServiceError &e) {
    return failure_from(e, "EventBridge");
  }
}

} // namespace cfnlocal::providers
