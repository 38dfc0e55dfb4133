#pragma once
/// \file
/// Events of AWS::Serverless::StateMachine that need more than a rule: the Api event, which
/// starts executions through an API Gateway "aws" integration.

#include "transforms/sam/context.h"

namespace cfnlocal::transforms::sam {

/// What a state machine event needs to know about its target.
struct StateMachineTarget {
  std::string id;  ///< the state machine's logical ID
  Json arn;        ///< Ref of the state machine, or of its alias with UseAliasAsEventTarget
  Json attributes; ///< passthrough resource attributes (Condition, DeletionPolicy, ...)
  Json tags;       ///< role tags (the state machine's tags when PropagateTags), else null
  Json boundary;   ///< the state machine's PermissionsBoundary, given to event roles; or null
};

/// Api event `short_id` of a state machine: the role API Gateway assumes to call
/// states:StartExecution ("<id><event>Role") and the method in the API's managed Swagger.
/// Throws InvalidEvent (short ID) or InvalidResource ("<id><event>") with the translator's words.
void translate_state_machine_api_event(Context &ctx, const StateMachineTarget &t,
                                       const std::string &short_id, const Json &props);

} // namespace cfnlocal::transforms::sam
