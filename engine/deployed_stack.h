#pragma once
/// \file
/// The deployed stack as the planner takes it (planner::DeployedStack): the recorded processed
/// template, its parameters re-bound from the recorded values, and each resource's recorded
/// properties, Ref value and GetAtt attributes (computed by its provider from the model).

#include "engine/live_resources.h"
#include "intrinsics/lookup.h"
#include "planner/change_set_builder.h"
#include "state/store.h"

namespace cfnlocal::engine {

/// Reads `stack` (which must have a recorded template) from the store. `context` names the
/// stack, region, account and partition for the providers. Throws cfnlocal::Error when the
/// recorded template cannot be read.
///
/// `new_template`: the processed template the change set goes to. When given, only the GetAtt
/// attributes that it or the deployed template read (Fn::GetAtt, ${R.Attr} in Fn::Sub) are
/// computed, every attribute of a resource whose GetAtt names its attribute with a function;
/// providers synthesise attributes their models lack, which for a large stack cost more than the
/// change set itself. nullptr: every attribute of every resource.
planner::DeployedStack deployed_stack(const state::Store &store, const state::StackRecord &stack,
                                      const ProviderFor &provider_for,
                                      const providers::ResourceHandlerRequest &context,
                                      intrinsics::Lookup &lookup,
                                      const Value *new_template = nullptr);

} // namespace cfnlocal::engine
