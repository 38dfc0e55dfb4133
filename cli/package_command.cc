// `cfnlocal package --template-file T --s3-bucket B [--s3-prefix P] [--output-template-file O]
// [--use-json] [--force-upload]`: uploads the template's local artifacts into the S3 store (the
// embedded one, or the endpoint's) and prints or writes the rewritten template, as
// `aws cloudformation package` does.
#include "cli/commands.h"
#include "cli/verb_support.h"

#include "engine/engine.h"
#include "engine/package.h"

#include <fmt/format.h>
#include <fstream>
#include <iostream>

namespace cfnlocal::cli {

namespace {

struct PackageArgs {
  engine::PackageOptions options;
  std::string output_file;
  std::string kms_key_id;
  std::string metadata;
};

void add_package_command(CLI::App &app, GlobalOptions &global, int &exit_code) {
  auto args = std::make_shared<PackageArgs>();
  auto *cmd = app.add_subcommand(
      "package", "Upload local artifacts to the S3 store and rewrite the template to use them");
  add_global_options(*cmd, global);
  cmd->add_option("--template-file", args->options.template_file, "Template (YAML or JSON)")
      ->required();
  cmd->add_option("--s3-bucket", args->options.s3_bucket, "Bucket to upload to")->required();
  cmd->add_option("--s3-prefix", args->options.s3_prefix, "Key prefix");
  cmd->add_option("--output-template-file", args->output_file,
                  "Where to write the packaged template (default: standard output)");
  cmd->add_flag("--use-json", args->options.use_json, "Write JSON instead of YAML");
  cmd->add_flag("--force-upload", args->options.force_upload,
                "Upload even artifacts the bucket already has");
  cmd->add_option("--kms-key-id", args->kms_key_id, "Accepted for compatibility; not used");
  cmd->add_option("--metadata", args->metadata, "Accepted for compatibility; not used");
  cmd->callback([args, &global, &exit_code] {
    guarded(exit_code, [&] {
      resolve_global_options(global);
      args->options.region = global.region;
      engine::Engine engine(engine_config(global));
      auto result = engine::package_template(args->options, engine.backend());
      for (const auto &a : result.artifacts)
        std::cerr << fmt::format("{} {} to s3://{}/{}\n", a.uploaded ? "Uploaded" : "Already have",
                                 a.path, a.bucket, a.key);
      if (args->output_file.empty()) {
        std::cout << result.template_text;
        if (!result.template_text.empty() && result.template_text.back() != '\n')
          std::cout << "\n";
        return kExitOk;
      }
      std::ofstream out(args->output_file, std::ios::binary);
      out << result.template_text;
      if (!out)
        throw Error(fmt::format("cannot write {}", args->output_file));
      std::cerr << fmt::format("Successfully packaged artifacts and wrote output template to file "
                               "{}.\nExecute the following command to deploy the packaged "
                               "template\ncfnlocal deploy --template-file {} --stack-name <YOUR "
                               "STACK NAME>\n",
                               args->output_file, args->output_file);
      return kExitOk;
    });
  });
}

} // namespace

static const CommandRegistration reg("f-package", add_package_command);

} // namespace cfnlocal::cli
