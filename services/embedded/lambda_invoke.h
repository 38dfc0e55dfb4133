#pragma once
/// \file
/// The embedded Lambda's Invoke (internal): runs a Python or Node.js function's handler with
/// the interpreters on this machine. It runs outside the per-call transaction the other
/// operations get (a handler may run for up to 900 s): one short transaction reads the function,
/// the process runs, another appends its log to CloudWatch Logs.

#include "services/backend.h"
#include "state/store.h"

#include <string>

namespace cfnlocal::services::embedded::lambda {

/// Invoke (botocore lambda Invoke): input FunctionName, Qualifier, Payload (JSON text, a string
/// holding the bytes, or binary), InvocationType (RequestResponse | Event | DryRun), LogType
/// (None | Tail). Output StatusCode (200; 202 for Event, 204 for DryRun), Payload (the result's
/// JSON text, or the error object's), FunctionError ("Unhandled") when the handler failed or
/// timed out, ExecutedVersion, LogResult (base64 of the last 4 KB of the log, with LogType
/// Tail). Event invocations run to completion before returning, since there is no queue.
/// `endpoint_url` is the AWS endpoint the function's SDK calls go to (AWS_ENDPOINT_URL, with
/// dummy credentials and the region; boto3 >= 1.28 and the AWS SDKs honour it); empty: the
/// caller's own AWS_ENDPOINT_URL and credentials pass through. Python functions get boto3 as
/// the Lambda runtime provides it: when the interpreter has none, a boto3 found in another
/// local Python is appended to sys.path (after the function's code, its layers and the
/// interpreter's own packages, as /var/runtime is in Lambda).
/// Throws ServiceError: ResourceNotFoundException, InvalidRequestContentException (payload not
/// JSON), InvalidRuntimeException (no interpreter for the runtime), InvalidZipFileException.
Json invoke(state::Store &store, const std::string &region, const std::string &account,
            const Json &input, const std::string &endpoint_url = {});

} // namespace cfnlocal::services::embedded::lambda
