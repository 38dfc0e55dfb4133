#include "cli/commands.h"

#include "services/endpoint/aws_config.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace cfnlocal::cli {

namespace {
std::vector<std::pair<std::string, CommandAdder>> &registry() {
  static std::vector<std::pair<std::string, CommandAdder>> entries;
  return entries;
}
} // namespace

CommandRegistration::CommandRegistration(const char *order, CommandAdder adder) {
  registry().emplace_back(order, adder);
}

std::vector<CommandAdder> registered_commands() {
  auto entries = registry();
  std::sort(entries.begin(), entries.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
  std::vector<CommandAdder> adders;
  for (auto &e : entries)
    adders.push_back(e.second);
  return adders;
}

void add_global_options(CLI::App &verb, GlobalOptions &global) {
  verb.add_option("--state", global.state_path, "SQLite state file")->capture_default_str();
  verb.add_option("--region", global.region,
                  "Region (AWS::Region); default AWS_REGION, AWS_DEFAULT_REGION or us-east-1");
  verb.add_option("--account-id", global.account_id, "Account id (AWS::AccountId)")
      ->capture_default_str();
  verb.add_option("--output", global.output, "text or json (the AWS CLI's response shape)")
      ->check(CLI::IsMember({"text", "json"}));
  verb.add_option("--endpoint-url", global.endpoint_url_options,
                  "Deploy onto an AWS-compatible endpoint (URL) instead of the embedded services; "
                  "SERVICE=URL sends one service elsewhere (repeatable)")
      ->allow_extra_args(false); // one URL per occurrence, repeatable
}

void resolve_global_options(GlobalOptions &global) {
  if (global.region.empty()) {
    for (const char *name : {"AWS_REGION", "AWS_DEFAULT_REGION"})
      if (const char *v = std::getenv(name); v && *v) {
        global.region = v;
        break;
      }
    if (global.region.empty())
      global.region = cfnlocal::services::endpoint::resolve_region(
                          cfnlocal::services::endpoint::process_environment())
                          .value_or("us-east-1");
  }
  for (const auto &value : global.endpoint_url_options) {
    // "s3=http://host" names a service; a bare URL ("http://host/?a=b") is the default.
    size_t eq = value.find('=');
    size_t scheme = value.find("://");
    if (eq != std::string::npos && (scheme == std::string::npos || eq < scheme))
      global.service_endpoint_urls[value.substr(0, eq)] = value.substr(eq + 1);
    else
      global.endpoint_url = value;
  }
  if (global.output.empty())
    global.output = isatty(STDOUT_FILENO) ? "text" : "json";
}

} // namespace cfnlocal::cli

int main(int argc, char **argv) {
  using namespace cfnlocal::cli;
  CLI::App app{"cfnlocal: CloudFormation and SAM, validated, previewed and deployed locally"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "cfnlocal 0.1.0");
  GlobalOptions global;
  int exit_code = kExitOk;
  for (CommandAdder add : registered_commands())
    add(app, global, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kExitUsage;
  }
  return exit_code;
}
