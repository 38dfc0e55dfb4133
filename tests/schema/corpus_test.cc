// Validates the literal properties of every resource in a sample of real templates (copied from
// the aws-cloudformation-templates collection into data/corpus; cfn-lint reports no property
// error on any of them) with intrinsic functions treated as unknown values, and asserts that
// nothing is reported: no false positives. Also measures validation throughput.
//
// CFNLOCAL_SCHEMA_CORPUS=/path/to/templates runs the same over another folder and only prints
// what it finds (for comparing with cfn-lint by hand); CFNLOCAL_SCHEMA_ROUNDS sets how many
// timed passes it makes (3).

#include "parser/diagnostic.h"
#include "parser/reader.h"
#include "schema/registry.h"
#include "schema/validator.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace cfnlocal::schema {
namespace {

namespace fs = std::filesystem;

struct Template {
  std::string file;
  Value document;
};

std::vector<Template> load(const fs::path &dir, bool strict) {
  std::vector<Template> out;
  std::vector<fs::path> files;
  for (const auto &entry : fs::recursive_directory_iterator(dir)) {
    auto ext = entry.path().extension().string();
    if (entry.is_regular_file() &&
        (ext == ".yaml" || ext == ".yml" || ext == ".json" || ext == ".template")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto &f : files) {
    try {
      Value doc = read_document_file(f.string());
      if (!doc.is_object() || doc.find("Resources") == nullptr || doc.find("Transform")) {
        continue; // not a template, or one a transform rewrites first
      }
      out.push_back({fs::relative(f, dir).string(), std::move(doc)});
    } catch (const Error &e) {
      if (strict) {
        ADD_FAILURE() << f << ": " << e.what();
      }
    }
  }
  return out;
}

struct CorpusRun {
  size_t resources = 0, properties = 0;
  std::vector<std::string> findings;
  double seconds = 0;
};

CorpusRun validate_all(const std::vector<Template> &templates, int rounds) {
  CorpusRun run;
  ValidationOptions options;
  options.intrinsics_unknown = true;
  options.accept_artifact_paths = true;
  const Registry &registry = Registry::builtin();
  // Load the types first: the timing below is validation only.
  for (const auto &t : templates) {
    for (const auto &r : t.document.find("Resources")->as_object()) {
      if (const Value *type = r.value.find("Type"); type && type->is_string()) {
        registry.find(type->as_string());
      }
    }
  }
  auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < rounds; ++round) {
    for (const auto &t : templates) {
      const Value *resources = t.document.find("Resources");
      if (!resources->is_object()) {
        continue;
      }
      for (const auto &r : resources->as_object()) {
        const Value *type = r.value.find("Type");
        if (!r.value.is_object() || type == nullptr || !type->is_string()) {
          continue;
        }
        const ResourceType *rt = registry.find(type->as_string());
        if (rt == nullptr) {
          continue;
        }
        const Value *props = r.value.find("Properties");
        static const Value none;
        auto result = validate_properties(*rt, props ? *props : none, options);
        if (round == 0) {
          ++run.resources;
          run.properties += props && props->is_object() ? props->size() : 0;
          for (const auto &d : result.diagnostics("Resources/" + r.key + "/Properties")) {
            run.findings.push_back(t.file + ":" + std::to_string(d.mark.line) + ": " + d.rule +
                                   " " + d.message + " (" + d.path + ")");
          }
        }
      }
    }
  }
  run.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / rounds;
  return run;
}

TEST(Corpus, NoFalsePositivesOnRealTemplates) {
  auto templates = load(fs::path(CFNLOCAL_TEST_DATA) / "corpus", true);
  ASSERT_GE(templates.size(), 20u);
  CorpusRun run = validate_all(templates, 20);
  for (const auto &f : run.findings) {
    ADD_FAILURE() << f;
  }
  EXPECT_GT(run.resources, 150u);
  std::printf("[ corpus ] %zu templates, %zu resources, %zu properties: %.2f ms per pass, "
              "%.0f properties/s, %.0f resources/s\n",
              templates.size(), run.resources, run.properties, run.seconds * 1000,
              run.properties / run.seconds, run.resources / run.seconds);
}

TEST(Corpus, ExternalFolder) {
  const char *dir = std::getenv("CFNLOCAL_SCHEMA_CORPUS");
  if (dir == nullptr) {
    GTEST_SKIP() << "set CFNLOCAL_SCHEMA_CORPUS to a folder of templates";
  }
  auto templates = load(dir, false);
  const char *rounds = std::getenv("CFNLOCAL_SCHEMA_ROUNDS");
  CorpusRun run = validate_all(templates, rounds ? std::atoi(rounds) : 3);
  for (const auto &f : run.findings) {
    std::printf("%s\n", f.c_str());
  }
  std::printf("[ corpus ] %zu templates, %zu resources, %zu properties, %zu findings: %.2f ms "
              "per pass, %.0f properties/s\n",
              templates.size(), run.resources, run.properties, run.findings.size(),
              run.seconds * 1000, run.properties / run.seconds);
}

} // namespace
} // namespace cfnlocal::schema
