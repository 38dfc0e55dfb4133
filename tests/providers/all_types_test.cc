// Every registry type: create succeeds for a minimal valid model (its required properties filled
// from the schema), and every GetAtt attribute listed for the type yields a value; Ref and the
// physical ID are present.

#include "providers/example_properties.h"
#include "providers/schema_view.h"
#include "schema/validator.h"
#include "tests/providers/test_support.h"

#include <gtest/gtest.h>

namespace cfnlocal::providers {
namespace {

using testing::request_for;

TEST(AllTypes, CreateAndEveryAttributeForEveryType) {
  testing::ProviderFixture f;
  const auto &registry = schema::Registry::builtin();
  auto names = registry.type_names();
  // 1,585 registry schemas, one of them a module (not a resource type).
  ASSERT_GE(names.size(), 1584u);
  size_t created = 0, attributes = 0, bad_examples = 0;
  std::vector<std::string> failures;
  for (std::string_view name : names) {
    const schema::ResourceType *type = registry.find(name);
    ASSERT_NE(type, nullptr) << name;
    auto request = request_for(std::string(name), "Res" + std::to_string(created));
    Value example = example_properties(*type, SynthesisScope::from(request), f.random);
    if (!schema::validate_properties(*type, example).aws_messages.empty()) {
      // Our example builder could not satisfy the schema: report it, but it is not the provider's
      // failure. Counted and bounded below.
      ++bad_examples;
      failures.push_back(std::string(name) + ": example invalid: " +
                         schema::validate_properties(*type, example).aws_messages.front());
      continue;
    }
    request.desired_state = example;
    ResourceProvider &p = f.provider(name);
    auto event = p.create(request);
    if (!event.ok()) {
      failures.push_back(std::string(name) + ": create failed: " + event.message);
      continue;
    }
    ++created;
    const Value &model = event.resource_model;
    if (!type->primary_identifier().empty())
      EXPECT_FALSE(p.physical_id(name, model).empty()) << name;
    EXPECT_TRUE(p.ref(name, model).has_value()) << name;
    for (const auto &a : type->attributes()) {
      if (a.is_pattern)
        continue; // "Outputs\\..*" of nested stacks: values come from the child stack
      auto v = p.get_att(request, model, a.name);
      EXPECT_TRUE(v.has_value()) << name << "." << a.name;
      if (v && v->is_string() && a.name.size() >= 3 && a.name.substr(a.name.size() - 3) == "Arn")
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
      auto check = schema::validate_value(*type, *sub, *v);
      EXPECT_TRUE(check.aws_messages.empty())
          << name << pointer << " = " << dump_json(*v, -1) << ": " << check.aws_messages.front();
    }
  }
  for (const auto &f : failures)
    ADD_FAILURE() << f;
  std::cout << "types: " << names.size() << ", created: " << created
            << ", attributes checked: " << attributes << ", examples invalid: " << bad_examples
            << "\n";
}

} // namespace
} // namespace cfnlocal::providers
