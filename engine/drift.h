#pragma once
/// \file
/// Drift detection: whether a stack's resources still have the properties the stack gave them
/// (AWS CloudFormation User Guide, "Detect unmanaged configuration changes to stacks and
/// resources with drift detection"; API DetectStackDrift, DescribeStackResourceDrifts,
/// DescribeStackDriftDetectionStatus). Each resource is read through its provider's read handler
/// and compared with the properties recorded at its last deploy:
/// - a resource the read handler no longer finds is DELETED;
/// - a property whose value differs is a NOT_EQUAL difference, one the template set that the
///   resource no longer has is REMOVE, an element an array gained is ADD: the resource is MODIFIED;
/// - otherwise IN_SYNC. Only properties the template set are compared (as AWS does), writeOnly
///   properties are skipped at any depth (a read never returns them), so are values set through a
///   dynamic reference; arrays whose schema says `insertionOrder: false` compare as multisets;
///   scalars compare by their text ("30" equals 30, as CloudFormation's comparison does).

#include "parser/json.h"
#include "parser/value.h"
#include "schema/resource_type.h"

#include <string>
#include <vector>

namespace cfnlocal::engine {

/// One property difference (AWS `PropertyDifference`). `path` is a JSON pointer into the
/// properties ("/VisibilityTimeout", "/Tags/0/Value"); values are JSON text, as AWS gives them.
struct PropertyDifference {
  std::string path;
  std::string expected_value;
  std::string actual_value;
  std::string difference_type; ///< ADD, REMOVE or NOT_EQUAL
};

/// The drift of one resource (AWS `StackResourceDrift`).
struct ResourceDrift {
  std::string stack_id;
  std::string logical_id;
  std::string physical_id;
  std::string resource_type;
  Json expected_properties; ///< the compared properties as deployed (object)
  Json actual_properties;   ///< the same properties as read now (object; null when DELETED)
  std::vector<PropertyDifference> differences;
  std::string status; ///< IN_SYNC, MODIFIED, DELETED or NOT_CHECKED
  std::string timestamp;
};

/// A drift detection run (AWS `DescribeStackDriftDetectionStatus` plus its resources).
struct DriftDetection {
  std::string detection_id;
  std::string stack_id;
  std::string stack_drift_status; ///< DRIFTED, IN_SYNC, UNKNOWN or NOT_CHECKED
  std::string detection_status;   ///< DETECTION_COMPLETE or DETECTION_FAILED
  std::string detection_status_reason;
  int drifted_resource_count = 0;
  std::string timestamp;
  std::vector<ResourceDrift> resources;
};

/// The differences between `expected` (the deployed properties) and `actual` (the read model),
/// restricted to what `expected` sets; `type` (may be null) says which properties are writeOnly
/// and which arrays are unordered.
std::vector<PropertyDifference> property_differences(const Value &expected, const Value &actual,
                                                     const schema::ResourceType *type);

/// The compared part of `expected`: without writeOnly properties and dynamic references.
Value comparable_properties(const Value &expected, const schema::ResourceType *type);

/// AWS JSON shapes (`StackResourceDrift`, `DescribeStackDriftDetectionStatus` output).
Json drift_json(const ResourceDrift &drift);
Json detection_status_json(const DriftDetection &detection);

/// Round trip through the state file's record store.
Json detection_to_record(const DriftDetection &detection);
DriftDetection detection_from_record(const Json &record);

} // namespace cfnlocal::engine
