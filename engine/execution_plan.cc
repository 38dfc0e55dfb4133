#include "engine/execution_plan.h"

namespace cfnlocal::engine {

ExecutionPlan ExecutionPlan::from(const planner::ChangeSet &change_set) {
  ExecutionPlan plan;
  for (const auto &c : change_set.changes)
    plan.changes_[c.logical_id] = PlannedChange{c.action, c.replacement};
  return plan;
}

ExecutionPlan ExecutionPlan::from_json(const Json &changes) {
  ExecutionPlan plan;
  if (!changes.is_array())
    return plan;
  for (const auto &change : changes) {
    const Json &rc = change.value("ResourceChange", Json::object());
    PlannedChange p;
    std::string action = rc.value("Action", "Add");
    p.action = action == "Modify"    ? planner::ChangeAction::Modify
               : action == "Remove"  ? planner::ChangeAction::Remove
               : action == "Dynamic" ? planner::ChangeAction::Dynamic
                                     : planner::ChangeAction::Add;
    if (rc.contains("Replacement")) {
      std::string r = rc.value("Replacement", "False");
      p.replacement = r == "True"          ? planner::Replacement::True
                      : r == "Conditional" ? planner::Replacement::Conditional
                                           : planner::Replacement::False;
    }
    plan.changes_[rc.value("LogicalResourceId", "")] = p;
  }
  return plan;
}

const PlannedChange *ExecutionPlan::find(const std::string &logical_id) const {
  auto it = changes_.find(logical_id);
  return it == changes_.end() ? nullptr : &it->second;
}

} // namespace cfnlocal::engine
