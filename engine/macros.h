#pragma once
/// \file
/// Template macros run by Lambda functions ("Template macros" and "AWS::CloudFormation::Macro" in
/// the AWS CloudFormation User Guide): a macro is registered by an AWS::CloudFormation::Macro
/// resource of a deployed stack (its Name and FunctionName, kept as that resource's record in the
/// region); running one invokes the function (`lambda` `Invoke`, RequestResponse) with the
/// documented event {region, accountId, fragment, transformId: "ACCOUNT::NAME", params,
/// requestId, templateParameterValues} and uses the `fragment` of a response whose `status` is
/// "success"; any other status fails the transform with the response's `errorMessage`.

#include "services/backend.h"
#include "transforms/transform.h"

#include <map>
#include <set>
#include <string>

namespace cfnlocal::engine {

/// The FunctionName of the macro `name` registered in the backend's region; "" when none is.
std::string macro_function(services::Backend &backend, const std::string &name);

/// A MacroRunner over `backend`. `template_parameter_values` are the template's parameter values
/// (defaults included), sent as templateParameterValues; those named in `list_parameters`
/// (CommaDelimitedList and List<...> types) are sent as lists of strings, as AWS sends them. Its
/// errors are TransformErrors: "No transform named ACCOUNT::NAME found.", "Transform ACCOUNT::NAME
/// failed with: MESSAGE".
transforms::MacroRunner macro_runner(services::Backend &backend, std::string region,
                                     std::string account_id,
                                     std::map<std::string, std::string> template_parameter_values,
                                     std::set<std::string> list_parameters = {});

} // namespace cfnlocal::engine
