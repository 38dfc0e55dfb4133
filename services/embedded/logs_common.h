#pragma once
/// \file
/// What other embedded services write into the embedded CloudWatch Logs (internal): Lambda's
/// invocations append their output to the function's log group, creating the group and stream on
/// first use as Lambda does. Records: kind "group" key "REGION:GROUP"; kind "stream" key
/// "REGION:GROUP:STREAM"; kind "event" key "REGION:GROUP:STREAM:SEQUENCE" (group and stream names
/// cannot contain ':', so each prefix is unambiguous).

#include "services/embedded/context.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cfnlocal::services::embedded::logs {

/// Milliseconds since the epoch, now.
int64_t now_ms();

/// Appends `events` (timestamp in ms since the epoch, message) to GROUP/STREAM, creating the
/// log group (no retention) and the stream when missing.
void append_events(Context &c, const std::string &group, const std::string &stream,
                   const std::vector<std::pair<int64_t, std::string>> &events);

} // namespace cfnlocal::services::embedded::logs
