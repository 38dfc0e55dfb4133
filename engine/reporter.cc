#include "engine/reporter.h"

#include <fmt/format.h>

namespace cfnlocal::engine {

namespace {
const char *colour_of(const std::string &status) {
  if (status.find("FAILED") != std::string::npos)
    return "\033[31m";
  if (status.find("ROLLBACK") != std::string::npos)
    return "\033[33m";
  if (status.find("COMPLETE") != std::string::npos)
    return "\033[32m";
  return "\033[36m";
}
} // namespace

TerminalReporter::TerminalReporter(std::FILE *out, bool colour)
    : out_(out), colour_(colour), start_(std::chrono::steady_clock::now()) {}

void TerminalReporter::on_event(const state::StackEvent &event) {
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string status = fmt::format("{:<36}", event.status);
  if (colour_)
    status = fmt::format("{}{}\033[0m", colour_of(event.status), status);
  std::string line = fmt::format("{:>8.3f}s  {}  {:<40}  {}", elapsed, status, event.resource_type,
                                 event.logical_id);
  if (!event.status_reason.empty())
    line += "  " + event.status_reason;
  fmt::print(out_, "{}\n", line);
  std::fflush(out_);
}

Json event_json(const state::StackEvent &e) {
  Json j = Json::object();
  j["StackId"] = e.stack_id;
  j["EventId"] = e.event_id;
  j["StackName"] = e.stack_name;
  j["LogicalResourceId"] = e.logical_id;
  j["PhysicalResourceId"] = e.physical_id;
  j["ResourceType"] = e.resource_type;
  j["Timestamp"] = e.timestamp;
  j["ResourceStatus"] = e.status;
  if (!e.status_reason.empty())
    j["ResourceStatusReason"] = e.status_reason;
  if (!e.properties.empty())
    j["ResourceProperties"] = e.properties;
  if (!e.client_request_token.empty())
    j["ClientRequestToken"] = e.client_request_token;
  return j;
}

void JsonLinesReporter::on_event(const state::StackEvent &event) {
  fmt::print(out_, "{}\n", event_json(event).dump());
  std::fflush(out_);
}

} // namespace cfnlocal::engine
