#pragma once
/// \file
/// The event source translators, one per SAM event type.

#include "transforms/sam/events.h"

namespace cfnlocal::transforms::sam {

/// One event being translated.
struct EventContext {
  Context &ctx;
  FunctionTarget &target;
  const std::string &event_id;
  std::string logical_id; ///< "<Function><Event>"
  const Json &props;      ///< the event's Properties (an object)
  const Json &event;      ///< the whole event entry

  /// Adds a generated resource carrying the function's passthrough attributes.
  void add(const std::string &id, Json resource) const;
  /// A required property or InvalidEvent "Missing required property 'X'."
  const Json &required(const char *name) const;
};

/// Translates one event of a function; false when the type is unknown.
bool translate_event_source(EventContext &ev, const std::string &type);

/// Api (REST) event: the method in the API's Swagger and the permissions.
void translate_api_event(EventContext &ev);
/// HttpApi event.
void translate_http_api_event(EventContext &ev);

/// An ARN with the literal partition of the context ("arn:aws-cn:..."), as the translator writes
/// the ARNs it builds for a region.
std::string literal_arn_prefix(const Context &ctx);

} // namespace cfnlocal::transforms::sam
