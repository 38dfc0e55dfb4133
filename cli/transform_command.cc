// The `transform` verb: runs the template macros (SAM, AWS::LanguageExtensions, AWS::Include) over
// one or more templates and prints the processed CloudFormation, like the SAM translator does.

#include "cli/commands.h"
#include "cli/verb_support.h"
#include "engine/engine.h"
#include "parser/json.h"
#include "parser/reader.h"
#include "parser/yaml_writer.h"
#include "services/backend.h"
#include "transforms/transform.h"

#include <filesystem>
#include <fstream>
#include <iostream>

namespace cfnlocal::cli {

namespace {

struct TransformArgs {
  std::vector<std::string> files;
  std::vector<std::string> overrides;
  std::string format = "json";
  std::string output_dir;
};

/// Writes one result; returns false when the document was invalid.
bool transform_one(const std::string &file, const transforms::TransformOptions &options,
                   const TransformArgs &args, std::ostream &out) {
  try {
    Value doc = read_document_file(file);
    Value result = transforms::apply_transforms(doc, options);
    out << (args.format == "yaml" ? dump_yaml(result) : dump_json(result, 1)) << "\n";
    return true;
  } catch (const transforms::TransformError &e) {
    // Where in the template (or an included snippet) the transform failed.
    if (e.mark().known())
      std::cerr << "cfnlocal: " << e.diagnostic().str() << "\n";
    Json j = Json::object();
    j["errorMessage"] = e.message();
    out << j.dump() << "\n";
    return false;
  } catch (const Error &e) {
    std::cerr << "cfnlocal: " << e.diagnostic().str() << "\n";
    Json j = Json::object();
    j["errorMessage"] = e.message();
    out << j.dump() << "\n";
    return false;
  } catch (const std::exception &e) {
    std::cerr << "cfnlocal: " << file << ": " << e.what() << "\n";
    Json j = Json::object();
    j["errorMessage"] = e.what();
    out << j.dump() << "\n";
    return false;
  }
}

void add_transform_command(CLI::App &app, GlobalOptions &global, int &exit_code) {
  auto args = std::make_shared<TransformArgs>();
  CLI::App *verb =
      app.add_subcommand("transform", "Run the template's transforms (SAM) and print the result");
  add_global_options(*verb, global);
  verb->add_option("files", args->files, "Template files (YAML or JSON)")->required();
  verb->add_option("--parameter-overrides", args->overrides, "Parameter values as Key=Value");
  verb->add_option("--format", args->format, "json or yaml")
      ->check(CLI::IsMember({"json", "yaml"}));
  verb->add_option("--output-dir", args->output_dir,
                   "Write <base>.json per input into this folder");
  verb->callback([args, &global, &exit_code] {
    resolve_global_options(global);
    transforms::TransformOptions options;
    options.region = global.region;
    options.always_sam = true;
    // AWS::Include locations in S3 are read from the state's object store, opened only when a
    // template names one.
    auto store = std::make_shared<std::unique_ptr<engine::Engine>>();
    options.s3_object = [store, &global](const std::string &bucket, const std::string &key) {
      if (!*store)
        *store = std::make_unique<engine::Engine>(engine_config(global));
      Json object =
          (*store)->backend().call("s3", "GetObject", Json{{"Bucket", bucket}, {"Key", key}});
      return object.value("Body", std::string());
    };
    for (const auto &kv : args->overrides) {
      auto eq = kv.find('=');
      if (eq == std::string::npos) {
        std::cerr << "cfnlocal: --parameter-overrides expects Key=Value, got '" << kv << "'\n";
        exit_code = kExitUsage;
        return;
      }
      options.parameter_overrides[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    bool ok = true;
    if (!args->output_dir.empty()) {
      std::filesystem::create_directories(args->output_dir);
      // Inputs are independent: spread them over the cores (transform_one never throws).
      int failures = 0;
#pragma omp parallel for schedule(dynamic) reduction(+ : failures)
      for (size_t i = 0; i < args->files.size(); ++i) {
        std::filesystem::path p(args->files[i]);
        std::string ext = args->format == "yaml" ? ".yaml" : ".json";
        std::ofstream out(std::filesystem::path(args->output_dir) / (p.stem().string() + ext));
        if (!transform_one(args->files[i], options, *args, out))
          ++failures;
      }
      ok = failures == 0;
    } else {
      for (const auto &file : args->files)
        ok = transform_one(file, options, *args, std::cout) && ok;
    }
    exit_code = ok ? kExitOk : kExitFailed;
  });
}

static const CommandRegistration reg("transform", add_transform_command);

} // namespace

} // namespace cfnlocal::cli
