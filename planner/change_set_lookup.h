#pragma once
/// \file
/// The lookups a change set evaluates templates against (internal to the planner): the deployed
/// values of resources, with the ones the update creates or replaces left unknown.

#include "intrinsics/lookup.h"
#include "planner/change_set_builder.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace cfnlocal::planner::detail {

/// What the update does to a resource's Ref and GetAtt values.
enum class ValueState {
  Known,         ///< deployed and kept (possibly updated in place)
  NewCertain,    ///< added or certainly replaced: new values, unknown now
  NewConditional ///< maybe replaced (Replacement Conditional, Action Dynamic)
};

/// One resource as the change set sees it while it walks the graph.
struct ResourceState {
  const DeployedResource *deployed = nullptr;
  ValueState state = ValueState::Known;
  const schema::ResourceType *type = nullptr;
  /// For resources updated in place: the new properties and the paths that change, so that a
  /// GetAtt of an attribute that reads a changed property gives the new value.
  const Value *new_properties = nullptr;
  std::vector<std::vector<std::string>> changed_paths;
};

/// The states of every resource by logical ID.
using ResourceStates = std::unordered_map<std::string, ResourceState>;

/// Answers Ref and GetAtt from the deployed resources and the states; everything else from the
/// caller's lookup.
class ChangeSetLookup : public intrinsics::Lookup {
public:
  ChangeSetLookup(const ResourceStates &states, intrinsics::Lookup &outer)
      : states_(states), outer_(outer) {}

  std::optional<Value> ref_resource(std::string_view logical_id) override;
  std::optional<Value> get_att(std::string_view logical_id, std::string_view attribute) override;
  intrinsics::Answer<Value> import_value(std::string_view name) override {
    return outer_.import_value(name);
  }
  intrinsics::Answer<intrinsics::SsmParameter>
  ssm_parameter(std::string_view name, std::optional<int64_t> version) override {
    return outer_.ssm_parameter(name, version);
  }
  intrinsics::Answer<std::string> secret_string(std::string_view id,
                                                const intrinsics::SecretSelector &s) override {
    return outer_.secret_string(id, s);
  }
  std::vector<std::string> availability_zones(std::string_view region) override {
    return outer_.availability_zones(region);
  }

  /// True when a GetAtt of `attribute` on an in-place updated resource reads a changed property.
  static bool attribute_changes(const ResourceState &state, std::string_view attribute);

private:
  const ResourceStates &states_;
  intrinsics::Lookup &outer_;
};

} // namespace cfnlocal::planner::detail
