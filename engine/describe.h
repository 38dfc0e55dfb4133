#pragma once
/// \file
/// The AWS CLI's JSON response shapes for the read-only verbs, built from state records
/// (AWS CloudFormation API Reference: DescribeStacks, DescribeStackResources,
/// DescribeStackEvents, ListStacks, ListExports, GetTemplate). NoEcho parameter values are
/// masked as "****", as AWS masks them.

#include "state/records.h"

#include <vector>

namespace cfnlocal::engine {

/// A `Stack` (describe-stacks' `Stacks` item).
Json stack_json(const state::StackRecord &stack);
/// {"Stacks": [...]}.
Json describe_stacks_json(const std::vector<state::StackRecord> &stacks);
/// A `StackResource` (describe-stack-resources' `StackResources` item).
Json stack_resource_json(const state::StackRecord &stack, const state::ResourceRecord &resource);
/// {"StackResources": [...]} for the current generation of each resource.
Json describe_stack_resources_json(const state::StackRecord &stack,
                                   const std::vector<state::ResourceRecord> &resources);
/// {"StackEvents": [...]} newest first.
Json describe_stack_events_json(const std::vector<state::StackEvent> &events);
/// {"StackSummaries": [...]}.
Json list_stacks_json(const std::vector<state::StackRecord> &stacks);
/// {"Exports": [...]} with ExportingStackId, Name, Value.
Json list_exports_json(const std::vector<state::ExportRecord> &exports);

} // namespace cfnlocal::engine
