#pragma once
/// \file
/// The files cfnlocal's local Lambda runtime is made of, embedded in the binary: the bootstrap
/// shims that run a Python or Node.js handler (written by the embedded Lambda's Invoke beside
/// the state file), and the response modules CloudFormation adds to inline (ZipFile) function
/// code (AWS CloudFormation User Guide, "cfn-response module"): `cfnresponse` for Python and
/// `cfn-response` for Node.js, with the documented interface
/// `send(event, context, responseStatus, responseData, physicalResourceId=None, noEcho=False,
/// reason=None)` (Node.js: `send(event, context, responseStatus, responseData,
/// physicalResourceId, noEcho)`), which PUTs the custom resource response to
/// event.ResponseURL. All four are cfnlocal's own implementations.
///
/// The shims' protocol with Invoke: environment variables _CFNLOCAL_EVENT (file holding the
/// event JSON), _CFNLOCAL_RESULT (file to write {"ok": true, "payload": JSON text} or {"ok":
/// false, "error": {errorMessage, errorType, stackTrace|trace}} to), _CFNLOCAL_DEADLINE_MS (ms
/// since the epoch), _CFNLOCAL_REQUEST_ID, _CFNLOCAL_INVOKED_ARN, plus Lambda's own
/// (_HANDLER, LAMBDA_TASK_ROOT, AWS_LAMBDA_FUNCTION_NAME, ...). The handler's stdout and stderr
/// are the function's log.

#include <string_view>

namespace cfnlocal::services {

/// bootstrap.py: runs `_HANDLER` ("module.function", module path with '/' allowed).
std::string_view python_bootstrap();
/// bootstrap.js: runs `_HANDLER` ("file.function"; .js, .cjs and .mjs modules; async,
/// promise-returning and callback handlers).
std::string_view node_bootstrap();
/// cfnresponse.py.
std::string_view python_cfnresponse();
/// cfn-response's index.js.
std::string_view node_cfn_response();

} // namespace cfnlocal::services
