// Every registry type: create succeeds for a minimal valid model (its required properties filled
// from the schema), and every GetAtt attribute listed for the type yields a value; Ref and the
// physical ID are present.

#include "providers/example_properties.h"
#include "providers/schema_view.h"
#include "schema/validator.h"
#include "tests/providers/test_support.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace cfnlocal::providers {
namespace {

using testing::request_for;

std::string read_file(const std::string &path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(AllTypes, CreateAndEveryAttributeForEveryType) {
  testing::ProviderFixture f;
  const auto &registry = schema::Registry::builtin();
  auto names = registry.type_names();
  // 1,585 registry schemas, one of them a module (not a resource type).
  ASSERT_GE(names.size(), 1584u);
  // Hand-written Properties for the few types the example builder cannot satisfy.
  Value examples = parse_json(read_file(CFNLOCAL_TEST_DATA "/examples.json"));
  size_t created = 0, attributes = 0, bad_examples = 0, read_only_values = 0;
  std::vector<std::string> read_only_mismatches;
  std::vector<std::string> failures;
  for (std::string_view name : names) {
    const schema::ResourceType *type = registry.find(name);
    ASSERT_NE(type, nullptr) << name;
    auto request = request_for(std::string(name), "Res" + std::to_string(created));
    Value example = example_properties(*type, SynthesisScope::from(request), f.random);
    if (const Value *hand = examples.find(name))
      example = *hand;
    if (!schema::validate_properties(*type, example).aws_messages.empty()) {
      // Our example builder could not satisfy the schema: report it, but it is not the provider's
      // failure. Counted and bounded below.
      ++bad_examples;
      failures.push_back(std::string(name) + ": example invalid: " +
                         schema::validate_properties(*type, example).aws_messages.front());
      continue;
    }
    request.desired_state = example;
    // The fake backend implements S3, SSM and Secrets Manager; the other real providers run on
    // the embedded services in their own tests, and their types are checked here through the
    // generic provider (the same schema facts: identifiers, Ref, attributes).
    bool fake_serves = !f.registry->has_specific(name) || name == "AWS::S3::Bucket" ||
                       name == "AWS::SSM::Parameter" || name == "AWS::SecretsManager::Secret";
    ResourceProvider &p = fake_serves ? f.provider(name) : f.registry->generic();
    auto event = p.create(request);
    if (!event.ok()) {
      failures.push_back(std::string(name) + ": create failed: " + event.message);
      continue;
    }
    ++created;
    const Value &model = event.resource_model;
    if (!type->primary_identifier().empty())
      EXPECT_FALSE(p.physical_id(name, model).empty()) << name;
    // Ref is the primary identifier or part of it; the two schemas without one (AWS::CDK::Metadata
    // and a module) document no Ref.
    if (!type->primary_identifier().empty())
      EXPECT_TRUE(p.ref(name, model).has_value()) << name;
    for (const auto &a : type->attributes()) {
      if (a.is_pattern)
        continue; // "Outputs\\..*" of nested stacks: values come from the child stack
      auto v = p.get_att(request, model, a.name);
      EXPECT_TRUE(v.has_value()) << name << "." << a.name;
      // An ARN chosen freely (no pattern or enum of the schema's to follow) is this partition's.
      const Json *sub = type->attribute_schema(a.name);
      bool free = !sub || (!sub->contains("pattern") && !sub->contains("enum") &&
                           !sub->contains("default"));
      if (free && v && v->is_string() && a.name.size() >= 3 &&
          a.name.substr(a.name.size() - 3) == "Arn")
        EXPECT_EQ(v->as_string().rfind("arn:aws:", 0), 0u)
            << name << "." << a.name << " = " << v->as_string();
      ++attributes;
    }
    // Read-only values respect their schema (pattern, length, enum).
    for (const auto &pointer : type->read_only_properties()) {
      auto path = pointer_path(pointer);
      const Value *v = model_at(model, path);
      const Json *sub = type->schema_at_pointer(pointer);
      if (!v || !sub)
        continue;
      ++read_only_values;
      auto check = schema::validate_value(*type, *sub, *v);
      if (!check.aws_messages.empty())
        read_only_mismatches.push_back(std::string(name) + pointer + " = " + dump_json(*v, -1) +
                                       ": " + check.aws_messages.front());
    }
  }
  for (const auto &f : failures)
    ADD_FAILURE() << f;
  // Read-only values are invented; a few nested objects with oneOf/allOf constraints may not fit
  // their schema exactly. Listed, and held under 1%.
  for (const auto &m : read_only_mismatches)
    std::cout << "read-only value off-schema: " << m.substr(0, 300) << "\n";
  EXPECT_LE(read_only_mismatches.size() * 100, read_only_values)
      << read_only_mismatches.size() << " of " << read_only_values;
  std::cout << "types: " << names.size() << ", created: " << created
            << ", attributes checked: " << attributes << ", examples invalid: " << bad_examples
            << ", read-only values: " << read_only_values
            << " (off-schema: " << read_only_mismatches.size() << ")"
            << "\n";
}

} // namespace
} // namespace cfnlocal::providers
