// `cfnlocal validate FILE...`: lint templates (cfn-lint's job) in one process. See
// validate/linter.h for what is checked, validate/formats.h for the output formats and
// docs/rules.md for the rules. Exit status: cfn-lint's bits (2 errors, 4 warnings, 8
// informational), 64 for a usage error.
#include "cli/commands.h"
#include "parser/diagnostic.h"
#include "validate/config.h"
#include "validate/formats.h"
#include "validate/linter.h"
#include "validate/rule.h"

#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

namespace cfnlocal::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  std::string format;
  std::vector<std::string> ignore;
  std::vector<std::string> include;
  std::string config;
  bool no_config = false;
  bool list_rules = false;
};

int run_validate(const ValidateOptions &opts, CLI::App &verb, GlobalOptions &global) {
  using namespace cfnlocal::validate;
  if (opts.list_rules) {
    for (const Rule *r : all_rules())
      std::cout << fmt::format("{} {:<13} {}\n", r->id, severity_name(r->severity), r->title);
    return 0;
  }
  bool region_given = verb.count("--region") > 0;
  resolve_global_options(global);
  LintOptions lint;
  lint.region = global.region;
  lint.ignore_checks = opts.ignore;
  lint.include_checks = opts.include;

  std::optional<ProjectConfig> config;
  try {
    if (!opts.config.empty())
      config = read_config(opts.config);
    else if (!opts.no_config)
      if (auto found = find_config(std::filesystem::current_path().string()))
        config = read_config(*found);
  } catch (const Error &e) {
    std::cerr << "cfnlocal: " << e.what() << "\n";
    return kExitUsage;
  }
  std::vector<std::string> inputs = opts.files;
  if (config) {
    lint.ignore_checks.insert(lint.ignore_checks.end(), config->ignore_checks.begin(),
                              config->ignore_checks.end());
    lint.include_checks.insert(lint.include_checks.end(), config->include_checks.begin(),
                               config->include_checks.end());
    if (!region_given && !config->regions.empty() && config->regions.front() != "ALL_REGIONS")
      lint.region = config->regions.front();
    if (inputs.empty())
      inputs = config->templates;
  }
  if (inputs.empty()) {
    std::cerr << "cfnlocal: validate: name at least one template (file, folder or glob)\n";
    return kExitUsage;
  }
  std::string format_name = opts.format;
  if (format_name.empty())
    format_name = verb.count("--output") > 0 && global.output == "json" ? "json" : "text";
  auto format = parse_format(format_name);
  if (!format) {
    std::cerr << "cfnlocal: validate: --format must be text, json, sarif, junit or github\n";
    return kExitUsage;
  }

  std::vector<std::string> files;
  for (const auto &file : expand_inputs(inputs)) {
    bool ignored = false;
    if (config)
      for (const auto &pattern : config->ignore_templates)
        if (glob_match(pattern, file))
          ignored = true;
    if (!ignored)
      files.push_back(file);
  }
  auto results = lint_files(files, lint);
  std::string text = render(*format, results);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return exit_status(results);
}

void add_validate_command(CLI::App &app, GlobalOptions &global, int &exit_code) {
  auto opts = std::make_shared<ValidateOptions>();
  CLI::App *verb = app.add_subcommand(
      "validate", "Lint templates (structure, functions, references, properties against the "
                  "registry schemas); exit status as cfn-lint: 2 errors, 4 warnings, 8 info");
  verb->add_option("files", opts->files, "Template files, folders or globs");
  verb->add_option("--format,-f", opts->format, "text (default), json, sarif, junit or github")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "github"}));
  verb->add_option("--ignore,--ignore-checks", opts->ignore,
                   "Rule ids or prefixes to leave out (W3005, E30); repeatable");
  verb->add_option("--include-checks", opts->include,
                   "Rule ids or prefixes to add (informational rules are off by default)");
  verb->add_option("--config", opts->config,
                   "Project configuration (cfn-lint's .cfnlintrc format); default ./.cfnlintrc");
  verb->add_flag("--no-config", opts->no_config, "Do not read ./.cfnlintrc");
  verb->add_flag("--list-rules", opts->list_rules, "Print the rules and exit");
  add_global_options(*verb, global);
  verb->callback(
      [opts, verb, &global, &exit_code] { exit_code = run_validate(*opts, *verb, global); });
}

static const CommandRegistration reg("validate", add_validate_command);

} // namespace
} // namespace cfnlocal::cli
