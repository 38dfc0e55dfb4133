#pragma once
/// \file
/// The shape check of a function event's Properties, done before anything is generated: unknown
/// properties, value types and required properties, with the translator's resource-level messages
/// naming the event's generated logical ID ("<Function><Event>").

#include "transforms/sam/common.h"

#include <string>

namespace cfnlocal::transforms::sam {

/// True for the event types whose properties validate_event_properties knows (every function
/// event type except Api and HttpApi).
bool has_event_property_table(const std::string &type);

/// Checks `props` (an object) of an event of `type`. Throws InvalidResource naming `logical_id`:
/// "property X not defined for resource of type T", "Property 'X' should be a string." / "... a
/// map.", "Type of property 'X' is invalid.", "Missing required property 'X'.".
void validate_event_properties(const std::string &logical_id, const std::string &type,
                               const Json &props);

} // namespace cfnlocal::transforms::sam
