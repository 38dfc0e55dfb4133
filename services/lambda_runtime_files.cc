#include "services/lambda_runtime_files.h"

namespace cfnlocal::services {

// clang-format off
std::string_view python_bootstrap() {
  static constexpr std::string_view text = R"PY(# cfnlocal's Lambda runtime shim for Python (see services/lambda_runtime_files.h).
import datetime
import importlib
import json
import logging
import os
import sys
import time
import traceback


def _take(name):
    return os.environ.pop(name, "")


RESULT = _take("_CFNLOCAL_RESULT")
EVENT = _take("_CFNLOCAL_EVENT")
DEADLINE_MS = int(_take("_CFNLOCAL_DEADLINE_MS") or "0")
REQUEST_ID = _take("_CFNLOCAL_REQUEST_ID")
INVOKED_ARN = _take("_CFNLOCAL_INVOKED_ARN")
# The runtime's AWS SDK (boto3) when the interpreter has none: last on the path, as /var/runtime.
for _sdk in filter(None, _take("_CFNLOCAL_SDK_PATH").split(":")):
    if _sdk not in sys.path:
        sys.path.append(_sdk)


class Context:
    """What Lambda passes a Python handler as its context argument."""

    def __init__(self):
        env = os.environ
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME", "")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        self.invoked_function_arn = INVOKED_ARN
        self.memory_limit_in_bytes = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        self.aws_request_id = REQUEST_ID
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME", "")
        self.log_stream_name = env.get("AWS_LAMBDA_LOG_STREAM_NAME", "")
        self.identity = None
        self.client_context = None

    def get_remaining_time_in_millis(self):
        return max(0, int(DEADLINE_MS - time.time() * 1000))


class _LambdaFormatter(logging.Formatter):
    def format(self, record):
        stamp = datetime.datetime.fromtimestamp(record.created, datetime.timezone.utc)
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + "".join(traceback.format_exception(*record.exc_info)).rstrip()
        return "[{}]\t{}Z\t{}\t{}".format(record.levelname,
                                          stamp.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3],
                                          REQUEST_ID, text)


def _write(result):
    with open(RESULT, "w", encoding="utf-8") as out:
        json.dump(result, out)


def _fail(error_type, message, trace=None):
    error = {"errorMessage": message, "errorType": error_type, "requestId": REQUEST_ID,
             "stackTrace": trace or []}
    line = "[ERROR] {}: {}".format(error_type, message)
    if trace:
        line += "\nTraceback (most recent call last):\n" + "".join(trace).rstrip()
    print(line, file=sys.stderr, flush=True)
    _write({"ok": False, "error": error})


def _load(handler):
    if "." not in handler:
        _fail("Runtime.MalformedHandlerName",
              "Bad handler '{}': not enough values to unpack (expected 2, got 1)".format(handler))
        return None
    module_path, function_name = handler.rsplit(".", 1)
    module_name = module_path.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except SyntaxError as e:
        _fail("Runtime.UserCodeSyntaxError",
              "Syntax error in module '{}': {}".format(module_name, e),
              traceback.format_list(traceback.extract_tb(e.__traceback__)))
        return None
    except ImportError as e:
        _fail("Runtime.ImportModuleError",
              "Unable to import module '{}': {}".format(module_name, e))
        return None
    except Exception as e:
        _fail(type(e).__name__, str(e),
              traceback.format_list(traceback.extract_tb(e.__traceback__)[1:]))
        return None
    function = getattr(module, function_name, None)
    if function is None:
        _fail("Runtime.HandlerNotFound",
              "Handler '{}' missing on module '{}'".format(function_name, module_name))
    return function


def main():
    root = logging.getLogger()
    stream = logging.StreamHandler(sys.stdout)
    stream.setFormatter(_LambdaFormatter())
    root.addHandler(stream)
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    if task_root not in sys.path:
        sys.path.insert(0, task_root)
    function = _load(os.environ.get("_HANDLER", ""))
    if function is None:
        return
    with open(EVENT, encoding="utf-8") as f:
        event = json.load(f)
    try:
        value = function(event, Context())
    except Exception as e:
        _fail(type(e).__name__, str(e),
              traceback.format_list(traceback.extract_tb(e.__traceback__)[1:]))
        return
    try:
        payload = json.dumps(value)
    except (TypeError, ValueError) as e:
        _fail("Runtime.MarshalError", "Unable to marshal response: {}".format(e))
        return
    sys.stdout.flush()
    sys.stderr.flush()
    _write({"ok": True, "payload": payload})


main()
)PY";
  return text;
}

std::string_view node_bootstrap() {
  static constexpr std::string_view text = R"JS(// cfnlocal's Lambda runtime shim for Node.js (see services/lambda_runtime_files.h).
'use strict';
const fs = require('fs');
const path = require('path');
const url = require('url');
const util = require('util');

function take(name) {
  const value = process.env[name] || '';
  delete process.env[name];
  return value;
}

const RESULT = take('_CFNLOCAL_RESULT');
const EVENT = take('_CFNLOCAL_EVENT');
const DEADLINE_MS = Number(take('_CFNLOCAL_DEADLINE_MS') || '0');
const REQUEST_ID = take('_CFNLOCAL_REQUEST_ID');
const INVOKED_ARN = take('_CFNLOCAL_INVOKED_ARN');

// Lambda's console: "TIMESTAMP\tREQUEST_ID\tLEVEL\tmessage".
for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'],
                               ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  const stream = level === 'ERROR' || level === 'WARN' ? process.stderr : process.stdout;
  console[method] = (...args) => {
    const text = util.format(...args);
    stream.write(`${new Date().toISOString()}\t${REQUEST_ID}\t${level}\t${text}\n`);
  };
}

let written = false;
function write(result) {
  if (written) return;
  written = true;
  fs.writeFileSync(RESULT, JSON.stringify(result));
}

function errorOf(error) {
  if (error instanceof Error) {
    return {errorType: error.name || 'Error', errorMessage: error.message,
            trace: String(error.stack || '').split('\n')};
  }
  return {errorType: typeof error, errorMessage: String(error), trace: []};
}

function fail(error) {
  const shaped = errorOf(error);
  process.stderr.write(`${new Date().toISOString()}\t${REQUEST_ID}\tERROR\t` +
                       `${JSON.stringify(shaped)}\n`);
  write({ok: false, error: shaped});
}

function failWith(errorType, errorMessage) {
  const error = new Error(errorMessage);
  error.name = errorType;
  fail(error);
}

async function load(taskRoot, modulePath) {
  const base = path.resolve(taskRoot, modulePath);
  for (const extension of ['.js', '.mjs', '.cjs']) {
    const file = base + extension;
    if (!fs.existsSync(file)) continue;
    if (extension === '.mjs') return import(url.pathToFileURL(file).href);
    try {
      return require(file);
    } catch (e) {
      if (e && e.code === 'ERR_REQUIRE_ESM') return import(url.pathToFileURL(file).href);
      throw e;
    }
  }
  try {
    return require(base);
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(base)) {
      const missing = new Error(`Cannot find module '${modulePath}'`);
      missing.name = 'Runtime.ImportModuleError';
      throw missing;
    }
    throw e;
  }
}

async function main() {
  const handler = process.env._HANDLER || '';
  const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) return failWith('Runtime.MalformedHandlerName', `Bad handler ${handler}`);
  const modulePath = handler.slice(0, dot);
  const names = handler.slice(dot + 1).split('.');
  let module;
  try {
    module = await load(taskRoot, modulePath);
  } catch (e) {
    if (e && e.name === 'SyntaxError') return failWith('Runtime.UserCodeSyntaxError', `${e.name}: ${e.message}`);
    if (e && e.name === 'Runtime.ImportModuleError') return fail(e);
    return failWith('Runtime.ImportModuleError', `${e && e.name}: ${e && e.message}`);
  }
  let fn = module;
  for (const name of names) fn = fn == null ? undefined : fn[name];
  if (fn === undefined && module && module.default) {
    fn = module.default;
    for (const name of names) fn = fn == null ? undefined : fn[name];
  }
  if (typeof fn !== 'function') {
    return failWith('Runtime.HandlerNotFound', `${handler} is undefined or not exported`);
  }
  const event = JSON.parse(fs.readFileSync(EVENT, 'utf8'));
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: INVOKED_ARN,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: REQUEST_ID,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, DEADLINE_MS - Date.now()),
  };
  const value = await new Promise((resolve, reject) => {
    const callback = (error, data) => (error ? reject(error) : resolve(data));
    context.done = callback;
    context.succeed = (data) => resolve(data);
    context.fail = (error) => reject(error);
    try {
      const returned = fn(event, context, callback);
      if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
      else if (fn.length < 3) resolve(returned);
    } catch (e) {
      reject(e);
    }
  });
  const payload = JSON.stringify(value === undefined ? null : value);
  write({ok: true, payload});
}

main().then(() => process.exit(0), (e) => {
  fail(e);
  process.exit(0);
});
)JS";
  return text;
}

std::string_view python_cfnresponse() {
  static constexpr std::string_view text = R"PY(# cfnresponse: sends a custom resource's response to CloudFormation (cfnlocal's implementation
# of the documented module interface).
import json
import urllib.request

SUCCESS = "SUCCESS"
FAILED = "FAILED"


def send(event, context, responseStatus, responseData, physicalResourceId=None, noEcho=False,
         reason=None):
    stream = getattr(context, "log_stream_name", "")
    body = json.dumps({
        "Status": responseStatus,
        "Reason": reason or "See the details in CloudWatch Log Stream: " + stream,
        "PhysicalResourceId": physicalResourceId or stream,
        "StackId": event["StackId"],
        "RequestId": event["RequestId"],
        "LogicalResourceId": event["LogicalResourceId"],
        "NoEcho": noEcho,
        "Data": responseData,
    }).encode("utf-8")
    print("Response body:")
    print(body.decode("utf-8"))
    request = urllib.request.Request(event["ResponseURL"], data=body, method="PUT",
                                     headers={"Content-Type": "", "Content-Length": str(len(body))})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            print("Status code:", response.status)
    except Exception as e:
        print("send(..) failed executing the PUT to the response URL: " + str(e))
)PY";
  return text;
}

std::string_view node_cfn_response() {
  static constexpr std::string_view text = R"JS(// cfn-response: sends a custom resource's response to CloudFormation (cfnlocal's
// implementation of the documented module interface).
'use strict';
exports.SUCCESS = 'SUCCESS';
exports.FAILED = 'FAILED';

exports.send = function send(event, context, responseStatus, responseData, physicalResourceId,
                             noEcho) {
  return new Promise((resolve) => {
    const body = JSON.stringify({
      Status: responseStatus,
      Reason: 'See the details in CloudWatch Log Stream: ' + context.logStreamName,
      PhysicalResourceId: physicalResourceId || context.logStreamName,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
      NoEcho: noEcho || false,
      Data: responseData,
    });
    console.log('Response body:\n', body);
    const target = new URL(event.ResponseURL);
    const transport = target.protocol === 'https:' ? require('https') : require('http');
    const finish = () => {
      resolve();
      if (typeof context.done === 'function') context.done();
    };
    const request = transport.request(target, {
      method: 'PUT',
      headers: {'content-type': '', 'content-length': Buffer.byteLength(body)},
    }, (response) => {
      console.log('Status code: ' + response.statusCode);
      response.resume();
      response.on('end', finish);
    });
    request.on('error', (error) => {
      console.log('send(..) failed executing https.request(..): ' + error);
      finish();
    });
    request.write(body);
    request.end();
  });
};
)JS";
  return text;
}
// clang-format on

} // namespace cfnlocal::services
