// Engine's drift operations: read each resource through its provider and compare (drift.h).
#include "engine/engine.h"

#include "engine/engine_internal.h"
#include "schema/registry.h"
#include "state/ids.h"

#include <fmt/format.h>

namespace cfnlocal::engine {

namespace {

constexpr std::string_view kService = "cloudformation";
constexpr std::string_view kDetections = "drift-detection";

bool drift_allowed(std::string_view status) {
  if (status.ends_with("_IN_PROGRESS") || status == "ROLLBACK_COMPLETE" ||
      status == "DELETE_COMPLETE")
    return false;
  return !status.ends_with("_FAILED") || status == "UPDATE_ROLLBACK_FAILED";
}

} // namespace

DriftDetection Engine::detect_stack_drift(const std::string &stack_name,
                                          const std::vector<std::string> &logical_ids) {
  auto stack = store_->find_stack(stack_name);
  if (!stack || stack->status == "DELETE_COMPLETE")
    throw Error(fmt::format("Stack with id {} does not exist", stack_name));
  if (!drift_allowed(stack->status))
    throw Error(fmt::format("Drift detection cannot be performed on stack [{}] in status {}",
                            stack->name, stack->status));
  DriftDetection detection;
  detection.detection_id = state::uuid4();
  detection.stack_id = stack->stack_id;
  detection.timestamp = state::now_iso8601();
  auto context = stack_context(config_, stack->name, stack->stack_id);
  auto resources = store_->current_resources(stack->stack_id);
  for (const auto &id : logical_ids)
    if (std::none_of(resources.begin(), resources.end(),
                     [&](const state::ResourceRecord &r) { return r.logical_id == id; }))
      throw Error(fmt::format("Resource {} does not exist for stack {}", id, stack->name));
  for (const auto &r : resources) {
    if (!logical_ids.empty() &&
        std::find(logical_ids.begin(), logical_ids.end(), r.logical_id) == logical_ids.end())
      continue;
    if (r.physical_id.empty() || r.status.starts_with("DELETE_"))
      continue;
    ResourceDrift drift;
    drift.stack_id = stack->stack_id;
    drift.logical_id = r.logical_id;
    drift.physical_id = r.physical_id;
    drift.resource_type = r.type;
    drift.timestamp = detection.timestamp;
    const auto *type = schema::Registry::builtin().find(r.type);
    Value expected = comparable_properties(properties_of(r), type);
    drift.expected_properties = to_json(expected);
    auto request = context;
    request.type_name = r.type;
    request.logical_id = r.logical_id;
    request.physical_id = r.physical_id;
    request.previous_state = r.attributes.is_null() ? Value() : from_json(r.attributes);
    auto event = impl_->providers->provider_for(r.type).read(request);
    if (!event.ok() && event.error_code == providers::HandlerErrorCode::NotFound) {
      drift.status = "DELETED";
    } else if (!event.ok()) {
      drift.status = "NOT_CHECKED";
    } else {
      Value actual = Value::object();
      for (const auto &m : expected.as_object())
        if (const Value *v = event.resource_model.find(m.key))
          actual.set(m.key, *v);
      drift.actual_properties = to_json(actual);
      drift.differences = property_differences(expected, event.resource_model, type);
      drift.status = drift.differences.empty() ? "IN_SYNC" : "MODIFIED";
    }
    if (drift.status == "DELETED" || drift.status == "MODIFIED")
      ++detection.drifted_resource_count;
    detection.resources.push_back(std::move(drift));
  }
  detection.detection_status = "DETECTION_COMPLETE";
  detection.stack_drift_status = detection.drifted_resource_count > 0 ? "DRIFTED" : "IN_SYNC";
  {
    auto tx = store_->transaction();
    store_->put_record(kService, kDetections, detection.detection_id,
                       detection_to_record(detection));
    if (logical_ids.empty()) {
      // describe-stacks' DriftInformation comes from the last whole-stack detection.
      if (!stack->extra.is_object())
        stack->extra = Json::object();
      stack->extra["LastDriftDetectionId"] = detection.detection_id;
      store_->put_stack(*stack);
    }
    tx.commit();
  }
  return detection;
}

std::optional<DriftDetection> Engine::drift_detection(const std::string &detection_id) {
  auto record = store_->get_record(kService, kDetections, detection_id);
  if (!record)
    return std::nullopt;
  return detection_from_record(*record);
}

std::optional<DriftDetection> Engine::last_stack_drift(const std::string &stack_name) {
  auto stack = store_->find_stack(stack_name);
  if (!stack)
    throw Error(fmt::format("Stack with id {} does not exist", stack_name));
  if (!stack->extra.is_object() || !stack->extra.contains("LastDriftDetectionId"))
    return std::nullopt;
  return drift_detection(stack->extra["LastDriftDetectionId"].get<std::string>());
}

} // namespace cfnlocal::engine
