#include "cli/commands.h"

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
  verb.add_option("--endpoint-url", global.endpoint_url,
                  "Deploy onto an AWS-compatible endpoint instead of the embedded services");
}

void resolve_global_options(GlobalOptions &global) {
  if (global.region.empty()) {
    for (const char *name : {"AWS_REGION", "AWS_DEFAULT_REGION"})
      if (const char *v = std::getenv(name); v && *v) {
        global.region = v;
        break;
      }
    if (global.region.empty())
      global.region = "us-east-1";
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
