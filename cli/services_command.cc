// `cfnlocal services SERVICE OPERATION [--cli-input-json JSON] [--member value ...]`: calls an
// operation of the services backend (the embedded services, or the endpoint) so users can see
// and change what a deploy made, as `aws SERVICE OPERATION` would: `cfnlocal services s3
// list-buckets`, `cfnlocal services ssm put-parameter --name /app/x --value v --overwrite true`.
// `cfnlocal services serve [--port N]` serves the same backend over HTTP as an AWS endpoint
// (services/http_front/http_front.h) until interrupted, for the AWS CLI and SDKs.
// Operation and member names are the AWS CLI's kebab-case spellings of botocore's names.
// Member values are read by the member's type in the operation's model (cli/service_arguments.h).
#include "cli/commands.h"
#include "cli/service_arguments.h"
#include "cli/verb_support.h"

#include "engine/engine.h"
#include "services/backend.h"
#include "services/http_front/http_front.h"

#include <fmt/format.h>
#include <iostream>
#include <signal.h>

namespace cfnlocal::cli {

namespace {

struct ServicesArgs {
  std::string service;
  std::string operation;
  std::string input_json;
  int port = 0;
  std::string host = "127.0.0.1";
};

/// Serves the backend until SIGINT or SIGTERM.
int serve(const ServicesArgs &args, const GlobalOptions &global) {
  // Block the stop signals in every thread (the server's inherit the mask): this one waits.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  engine::Engine engine(engine_config(global));
  std::unique_ptr<services::http_front::HttpFront> front;
  try {
    front =
        std::make_unique<services::http_front::HttpFront>(engine.backend(), args.host, args.port);
  } catch (const std::runtime_error &e) {
    throw Error(fmt::format("services serve: {}", e.what()));
  }
  if (global.output == "json")
    std::cout << Json{{"EndpointUrl", front->url()}, {"StatePath", global.state_path}}.dump()
              << std::endl;
  else
    std::cout << fmt::format("Serving the services of {} at {} (aws --endpoint-url {} ...); "
                             "Ctrl-C stops",
                             global.state_path, front->url(), front->url())
              << std::endl;
  int received = 0;
  sigwait(&stop_signals, &received);
  front->stop();
  return static_cast<int>(kExitOk);
}

void add_services_command(CLI::App &app, GlobalOptions &global, int &exit_code) {
  auto args = std::make_shared<ServicesArgs>();
  auto *cmd = app.add_subcommand(
      "services", "Call an operation of the local services (see what a deploy made)");
  add_global_options(*cmd, global);
  cmd->add_option("service", args->service, "Service (s3, ssm, secretsmanager, ...)");
  cmd->add_option("operation", args->operation, "Operation (list-buckets, get-parameter, ...)");
  cmd->add_option("--cli-input-json", args->input_json, "The whole request as JSON");
  cmd->allow_extras();
  auto *serve_cmd = cmd->add_subcommand(
      "serve", "Serve the services over HTTP as an AWS endpoint (aws --endpoint-url URL ...)");
  add_global_options(*serve_cmd, global);
  serve_cmd->add_option("--port", args->port, "Port to listen on (default: a free one)");
  serve_cmd->add_option("--host", args->host, "Address to listen on (default 127.0.0.1)");
  serve_cmd->callback([args, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      return serve(*args, global);
    });
  });
  cmd->callback([args, cmd, serve_cmd, &global, &exit_code] {
    if (serve_cmd->parsed())
      return;
    if (args->service.empty() || args->operation.empty()) {
      std::cerr << "cfnlocal: services: give a SERVICE and an OPERATION (services s3 "
                   "list-buckets), or `services serve`\n";
      exit_code = kExitUsage;
      return;
    }
    guarded(exit_code, [&] {
      resolve_global_options(global);
      Json input = Json::object();
      if (!args->input_json.empty()) {
        try {
          input = Json::parse(args->input_json);
        } catch (const std::exception &) {
          throw Error("--cli-input-json: not valid JSON");
        }
        if (!input.is_object())
          throw Error("--cli-input-json: must be a JSON object");
      }
      auto extras = cmd->remaining();
      for (size_t i = 0; i < extras.size(); ++i) {
        const auto &arg = extras[i];
        if (arg.rfind("--", 0) != 0 || arg.size() < 3)
          throw Error(
              fmt::format("unexpected argument {}: members are given as --name value", arg));
        if (i + 1 >= extras.size())
          throw Error(fmt::format("{} needs a value", arg));
        add_member(input, args->service, args->operation, std::string_view(arg).substr(2),
                   extras[++i]);
      }
      engine::Engine engine(engine_config(global));
      try {
        print_json(engine.backend().call(args->service, pascal_case(args->operation), input));
      } catch (const services::ServiceError &e) {
        std::cerr << fmt::format("cfnlocal: An error occurred ({}) when calling the {} operation: "
                                 "{}\n",
                                 e.code(), pascal_case(args->operation), e.message());
        return static_cast<int>(kExitFailed);
      }
      return static_cast<int>(kExitOk);
    });
  });
}

const CommandRegistration registration("e-services", add_services_command);

} // namespace

} // namespace cfnlocal::cli
