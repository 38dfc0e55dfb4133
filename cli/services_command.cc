// `cfnlocal services SERVICE OPERATION [--cli-input-json JSON] [--member value ...]`: calls an
// operation of the services backend (the embedded services, or the endpoint) so users can see
// and change what a deploy made, as `aws SERVICE OPERATION` would: `cfnlocal services s3
// list-buckets`, `cfnlocal services ssm put-parameter --name /app/x --value v --overwrite true`.
// Operation and member names are the AWS CLI's kebab-case spellings of botocore's names.
// Member values are text; `true`/`false` and JSON objects or arrays are parsed, other JSON
// types (numbers) go through --cli-input-json.
#include "cli/commands.h"
#include "cli/verb_support.h"

#include "engine/engine.h"
#include "services/backend.h"

#include <cctype>
#include <fmt/format.h>
#include <iostream>

namespace cfnlocal::cli {

namespace {

/// "list-buckets" -> "ListBuckets", "kms-key-id" -> "KmsKeyId".
std::string pascal_case(std::string_view kebab) {
  std::string out;
  bool upper = true;
  for (char c : kebab) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

Json member_value(const std::string &text) {
  if (text == "true" || text == "false")
    return text == "true";
  if (!text.empty() && (text.front() == '{' || text.front() == '[')) {
    try {
      return Json::parse(text);
    } catch (const std::exception &) {
      throw Error(fmt::format("not valid JSON: {}", text));
    }
  }
  return text;
}

struct ServicesArgs {
  std::string service;
  std::string operation;
  std::string input_json;
};

void add_services_command(CLI::App &app, GlobalOptions &global, int &exit_code) {
  auto args = std::make_shared<ServicesArgs>();
  auto *cmd = app.add_subcommand(
      "services", "Call an operation of the local services (see what a deploy made)");
  add_global_options(*cmd, global);
  cmd->add_option("service", args->service, "Service (s3, ssm, secretsmanager, ...)")->required();
  cmd->add_option("operation", args->operation, "Operation (list-buckets, get-parameter, ...)")
      ->required();
  cmd->add_option("--cli-input-json", args->input_json, "The whole request as JSON");
  cmd->allow_extras();
  cmd->callback([args, cmd, &global, &exit_code] {
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
        input[pascal_case(arg.substr(2))] = member_value(extras[++i]);
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
