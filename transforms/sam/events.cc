#include "transforms/sam/events.h"
#include "transforms/sam/event_sources.h"

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

void translate_function_events(Context &ctx, FunctionTarget &target, const Json &events) {
  if (!events.is_object())
    throw InvalidResource{target.id, "Property 'Events' should be a map."};
  for (auto it = events.begin(); it != events.end(); ++it) {
    const std::string &event_id = it.key();
    const Json &event = it.value();
    try {
      if (!event.is_object())
        throw InvalidResource{target.id, "Event '" + event_id + "' must be a map."};
      const Json &type = get(event, "Type");
      if (!type.is_string())
        throw InvalidEvent{event_id, "Event Type is not supported."};
      Json props = get(event, "Properties");
      if (props.is_null())
        props = Json::object();
      if (!props.is_object())
        throw InvalidEvent{event_id, "Properties should be a map."};
      EventContext ev{ctx, target, event_id, target.id + event_id, props, event};
      if (!translate_event_source(ev, type.get<std::string>()))
        throw InvalidResource{target.id, "Event with id [" + event_id +
                                             "] is invalid. Type of event '" +
                                             type.get<std::string>() + "' is not supported."};
    } catch (const InvalidEvent &e) {
      throw InvalidResource{target.id,
                            "Event with id [" + e.event_id + "] is invalid. " + e.message};
    }
  }
}

} // namespace cfnlocal::transforms::sam
