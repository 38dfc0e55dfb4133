#pragma once
/// \file
/// What executing a change set must do to each resource: its Action and Replacement, read from
/// the planner's change set or from a stored one (DescribeChangeSet's `Changes`), so that
/// execute-change-set does exactly what was previewed (Terraform's promise).

#include "parser/json.h"
#include "planner/change_set.h"

#include <optional>
#include <string>
#include <unordered_map>

namespace cfnlocal::engine {

struct PlannedChange {
  planner::ChangeAction action = planner::ChangeAction::Add;
  std::optional<planner::Replacement> replacement;
};

/// Planned changes by logical ID; resources absent are left as deployed.
class ExecutionPlan {
public:
  static ExecutionPlan from(const planner::ChangeSet &change_set);
  /// From AWS `Changes` JSON ([{"Type": "Resource", "ResourceChange": {...}}]).
  static ExecutionPlan from_json(const Json &changes);

  const PlannedChange *find(const std::string &logical_id) const;
  size_t size() const { return changes_.size(); }

private:
  std::unordered_map<std::string, PlannedChange> changes_;
};

} // namespace cfnlocal::engine
