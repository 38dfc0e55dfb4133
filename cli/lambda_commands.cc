// `cfnlocal invoke FUNCTION [--payload JSON] [--qualifier Q] [--stack-name S] [--log-tail]`
// runs a deployed function through the services backend's Lambda Invoke and prints its result
// (the payload JSON); a function error prints the error object on stderr and exits 1.
// `cfnlocal logs LOG_GROUP_OR_FUNCTION [--stack-name S] [--filter-pattern P] [--limit N]`
// prints a log group's events (FilterLogEvents, oldest first), as
// "TIMESTAMP STREAM MESSAGE" lines or, with --output json, FilterLogEvents' shape. With
// --stack-name, FUNCTION is a logical id of that stack; a name that is not a log group is taken
// to be a function, whose group is /aws/lambda/NAME.
#include "cli/commands.h"
#include "cli/verb_support.h"

#include "engine/engine.h"
#include "services/backend.h"
#include "services/endpoint/wire_format.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <iostream>

namespace cfnlocal::cli {

namespace {

// The physical id of `name` as a logical id of `stack` ("" = no stack given: `name` itself).
std::string resolve_name(engine::Engine &engine, const std::string &stack, const std::string &name,
                         const char *what) {
  if (stack.empty())
    return name;
  state::StackRecord record = require_stack(engine.store(), stack);
  auto resource = engine.store().find_resource(record.stack_id, name);
  if (!resource || resource->physical_id.empty())
    throw Error(fmt::format("Stack {} has no resource {} ({} expected)", stack, name, what));
  return resource->physical_id;
}

std::string service_error(const services::ServiceError &e, std::string_view operation) {
  return fmt::format("cfnlocal: An error occurred ({}) when calling the {} operation: {}\n",
                     e.code(), operation, e.message());
}

struct InvokeArgs {
  std::string function;
  std::string payload = "{}";
  std::string qualifier;
  std::string stack;
  bool log_tail = false;
};

void add_invoke_command(CLI::App &app, GlobalOptions &global, int &exit_code) {
  auto args = std::make_shared<InvokeArgs>();
  auto *cmd = app.add_subcommand("invoke", "Run a deployed Lambda function and print its result");
  add_global_options(*cmd, global);
  cmd->add_option("function", args->function,
                  "Function name or ARN (a logical id with --stack-name)")
      ->required();
  cmd->add_option("--payload", args->payload, "The event, as JSON (default {})");
  cmd->add_option("--qualifier", args->qualifier, "A version number or alias");
  cmd->add_option("--stack-name", args->stack, "Resolve FUNCTION as a logical id of this stack");
  cmd->add_flag("--log-tail", args->log_tail, "Print the invocation's log tail on stderr");
  cmd->callback([args, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      if (Json::parse(args->payload, nullptr, false).is_discarded())
        throw Error("--payload: not valid JSON");
      engine::Engine engine(engine_config(global));
      Json input = {{"FunctionName",
                     resolve_name(engine, args->stack, args->function, "an AWS::Lambda::Function")},
                    {"Payload", args->payload},
                    {"LogType", args->log_tail ? "Tail" : "None"}};
      if (!args->qualifier.empty())
        input["Qualifier"] = args->qualifier;
      Json out;
      try {
        out = engine.backend().call("lambda", "Invoke", input);
      } catch (const services::ServiceError &e) {
        std::cerr << service_error(e, "Invoke");
        return static_cast<int>(kExitFailed);
      }
      if (args->log_tail && out.contains("LogResult"))
        std::cerr
            << services::endpoint::base64_decode(out["LogResult"].get<std::string>()).value_or("");
      std::string payload = out.value("Payload", "");
      if (out.contains("FunctionError")) {
        std::cerr << fmt::format("cfnlocal: the function failed ({}): {}\n",
                                 out["FunctionError"].get<std::string>(), payload);
        return static_cast<int>(kExitFailed);
      }
      if (global.output == "json")
        print_json(out);
      else
        std::cout << payload << "\n";
      return static_cast<int>(kExitOk);
    });
  });
}

struct LogsArgs {
  std::string target;
  std::string stack;
  std::string filter;
  int64_t limit = 10000;
};

std::string format_ms(int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
  return fmt::format("{}.{:03d}Z", buffer, static_cast<int>(ms % 1000));
}

void add_logs_command(CLI::App &app, GlobalOptions &global, int &exit_code) {
  auto args = std::make_shared<LogsArgs>();
  auto *cmd = app.add_subcommand("logs", "Print the log events of a log group or function");
  add_global_options(*cmd, global);
  cmd->add_option("target", args->target,
                  "Log group name, or function name (its /aws/lambda/NAME group); a logical id "
                  "with --stack-name")
      ->required();
  cmd->add_option("--stack-name", args->stack, "Resolve the target as a logical id of this stack");
  cmd->add_option("--filter-pattern", args->filter, "Only events matching these terms");
  cmd->add_option("--limit", args->limit, "At most this many events (1-10000)");
  cmd->callback([args, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      engine::Engine engine(engine_config(global));
      std::string target =
          resolve_name(engine, args->stack, args->target, "a function or log group");
      auto &backend = engine.backend();
      // A function (by name or ARN) logs to /aws/lambda/NAME, or where LoggingConfig says.
      std::string group = target;
      bool is_group = false;
      try {
        Json groups =
            backend.call("logs", "DescribeLogGroups", Json{{"logGroupNamePrefix", target}});
        for (const auto &g : groups.value("logGroups", Json::array()))
          is_group = is_group || g.value("logGroupName", "") == target;
      } catch (const services::ServiceError &) {
        // not a valid group name: a function ARN, say
      }
      if (!is_group) {
        try {
          Json config =
              backend.call("lambda", "GetFunctionConfiguration", Json{{"FunctionName", target}});
          group = config.value("LoggingConfig", Json::object())
                      .value("LogGroup", "/aws/lambda/" + config.value("FunctionName", target));
        } catch (const services::ServiceError &) {
          group = target; // reported below as a missing log group
        }
      }
      Json all = Json::array();
      Json input = {{"logGroupName", group}, {"limit", args->limit}};
      if (!args->filter.empty())
        input["filterPattern"] = args->filter;
      try {
        while (true) {
          Json out = backend.call("logs", "FilterLogEvents", input);
          for (auto &e : out["events"])
            all.push_back(std::move(e));
          if (!out.contains("nextToken") || static_cast<int64_t>(all.size()) >= args->limit)
            break;
          input["nextToken"] = out["nextToken"];
        }
      } catch (const services::ServiceError &e) {
        std::cerr << service_error(e, "FilterLogEvents");
        return static_cast<int>(kExitFailed);
      }
      if (global.output == "json") {
        print_json(Json{{"logGroupName", group}, {"events", all}});
        return static_cast<int>(kExitOk);
      }
      for (const auto &e : all)
        std::cout << format_ms(e.value("timestamp", int64_t{0})) << " "
                  << e.value("logStreamName", "") << " " << e.value("message", "") << "\n";
      return static_cast<int>(kExitOk);
    });
  });
}

const CommandRegistration invoke_registration("e-invoke", add_invoke_command);
const CommandRegistration logs_registration("e-logs", add_logs_command);

} // namespace

} // namespace cfnlocal::cli
