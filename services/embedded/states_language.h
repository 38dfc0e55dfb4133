#pragma once
/// \file
/// The Amazon States Language definition check Step Functions runs on CreateStateMachine and
/// UpdateStateMachine ("Amazon States Language" specification, states-language.net; AWS Step
/// Functions Developer Guide, "State machine structure"): the document is a JSON object with
/// `StartAt` naming one of its `States`; every state has a known `Type` and that type's required
/// fields and no fields the type does not take; every transition (`Next`, `Default`, choice
/// rules' and catchers' `Next`) names a state of the same machine; non-terminal states have
/// exactly one of `Next` and `End: true`; a machine has a terminal state and every state is
/// reachable from `StartAt`; `Parallel` branches and `Map` processors are machines of their own,
/// checked the same way.

#include <string>
#include <vector>

namespace cfnlocal::services::embedded {

/// The problems of a definition in Step Functions' form, "CODE: what at /JSON/Pointer"
/// ("MISSING_TRANSITION_TARGET: Missing 'Next' target: Done at /States/Work/Next",
/// "SCHEMA_VALIDATION_FAILED: The field \"Resource\" is required but was missing at
/// /States/Work"); empty when the definition is valid. Text that is not JSON gives one
/// "INVALID_JSON_DESCRIPTION: ..." problem.
std::vector<std::string> states_language_problems(const std::string &definition);

} // namespace cfnlocal::services::embedded
