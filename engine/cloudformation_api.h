#pragma once
/// \file
/// CloudFormation's read operations answered from the state file, so the SDK calls of local
/// Lambda code (a custom resource reading another stack's outputs) and `aws cloudformation ...
/// --endpoint-url` against `cfnlocal services serve` see the stacks cfnlocal deployed. Shapes and
/// errors follow the AWS CloudFormation API Reference: DescribeStacks, ListStacks,
/// DescribeStackResources, DescribeStackResource, ListStackResources, DescribeStackEvents,
/// ListExports, ListImports, GetTemplate. Stack operations themselves (CreateStack, UpdateStack,
/// DeleteStack, change sets) run through the cfnlocal verbs, not this API.

#include "parser/json.h"
#include "state/store.h"

#include <string_view>

namespace cfnlocal::engine {

/// Runs a read operation. `input` is the request shape (StackName accepts a name or a stack
/// id; a deleted stack is found by id only). Throws services::ServiceError: "ValidationError"
/// (HTTP 400) for a stack, resource or export that does not exist, as AWS words it;
/// "InvalidAction" for an operation that is not a read.
Json cloudformation_read(const state::Store &store, std::string_view operation, const Json &input);

} // namespace cfnlocal::engine
