// Change sets over real templates (a sample of the project's in-scope corpus, with parameter values
// from scripts/corpus/parameter_values.py): a deployed template planned against itself has no
// changes; planned as a new stack, every resource is an Add; and one edited property changes that
// resource and nothing outside what depends on it.

#include "parser/json.h"
#include "parser/reader.h"
#include "schema/registry.h"
#include "schema/resource_type.h"
#include "tests/planner/deploy_fixture.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

namespace cfnlocal::planner {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> corpus_files() {
  std::vector<std::string> out;
  for (const auto &entry : fs::directory_iterator(std::string(CFNLOCAL_TEST_DATA) + "/corpus"))
    if (entry.path().filename() != "parameters.json")
      out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

intrinsics::ParameterValues parameters_for(const std::string &file) {
  static const Json all =
      Json::parse(read_file_text(std::string(CFNLOCAL_TEST_DATA) + "/corpus/parameters.json"));
  intrinsics::ParameterValues out;
  if (all.contains(file))
    for (auto it = all[file].begin(); it != all[file].end(); ++it)
      out[it.key()] = it.value().get<std::string>();
  return out;
}

// The first top-level string property of a resource (document order) that is a plain scalar,
// as {logical ID, property name}; nullopt when no resource has one.
std::optional<std::pair<std::string, std::string>> editable_property(const Value &root) {
  const Value *resources = root.find("Resources");
  for (const auto &r : resources->as_object()) {
    if (r.value.find("Condition"))
      continue;
    const Value *props = r.value.find("Properties");
    if (!props || !props->is_object())
      continue;
    for (const auto &p : props->as_object())
      if (p.value.is_string())
        return std::make_pair(r.key, p.key);
  }
  return std::nullopt;
}

class Corpus : public ::testing::TestWithParam<std::string> {};

TEST_P(Corpus, PlansWithoutSpuriousChanges) {
  const std::string &file = GetParam();
  Value root = read_document_file(std::string(CFNLOCAL_TEST_DATA) + "/corpus/" + file);
  auto values = parameters_for(file);
  DeployedStack deployed = testing::deploy_root(root, values);
  Template t(root);
  auto params = intrinsics::bind_parameters(t.parameters(), values);

  ChangeSet same = compute_change_set(deployed, t, params);
  EXPECT_TRUE(same.errors.empty());
  for (const auto &c : same.changes) {
    // Only nested stacks are always updated.
    EXPECT_EQ(c.resource_type, "AWS::CloudFormation::Stack")
        << c.logical_id << " " << changes_to_json(same).dump(1);
  }

  ChangeSet fresh = compute_change_set(DeployedStack{}, t, params);
  EXPECT_EQ(fresh.changes.size(), deployed.resources.size());
  for (const auto &c : fresh.changes)
    EXPECT_EQ(c.action, ChangeAction::Add);

  auto edit = editable_property(root);
  if (!edit)
    return;
  Value edited = root;
  Value *prop = edited.find("Resources")->find(edit->first)->find("Properties");
  prop->set(edit->second, Value(prop->find(edit->second)->as_string() + "-edited"));
  Template et(edited);
  ChangeSet cs = compute_change_set(deployed, et, params);
  const ResourceChange *c = cs.find(edit->first);
  ASSERT_NE(c, nullptr) << edit->first << "." << edit->second;
  EXPECT_EQ(c->action, ChangeAction::Modify);
  bool direct = false;
  for (const auto &d : c->details)
    direct |= d.target.name == edit->second || d.target.attribute == ResourceAttribute::Tags;
  EXPECT_TRUE(direct);
  // Its Replacement is what the type's schema says of the edited property.
  if (const auto *type = schema::Registry::builtin().find(c->resource_type)) {
    Replacement expected = Replacement::False;
    switch (type->update_behavior({edit->second})) {
    case schema::UpdateBehavior::CreateOnly:
      expected = Replacement::True;
      break;
    case schema::UpdateBehavior::ConditionalCreateOnly:
      expected = Replacement::Conditional;
      break;
    case schema::UpdateBehavior::Mutable:
      break;
    }
    EXPECT_EQ(c->replacement, expected) << edit->first << "." << edit->second;
    // A replaced resource that keeps a custom name fails; renaming it is how to replace it.
    auto name = custom_name_property(*type);
    const Value *props = root.find("Resources")->find(edit->first)->find("Properties");
    bool keeps_name = name && *name != edit->second && props->find(*name);
    if (expected == Replacement::True && !c->delete_then_create && keeps_name)
      EXPECT_FALSE(cs.errors.empty());
    else
      EXPECT_TRUE(cs.errors.empty());
  }
  // Everything else that changes is downstream of the edited resource.
  ConditionValues conditions;
  GraphOptions options;
  ResourceGraph graph = build_graph(et, options);
  std::set<std::string> downstream;
  for (size_t v : graph.transitive_dependents(*graph.index_of(edit->first)))
    downstream.insert(graph.node(v).logical_id);
  for (const auto &other : cs.changes) {
    if (other.logical_id == edit->first || other.resource_type == "AWS::CloudFormation::Stack")
      continue;
    EXPECT_TRUE(downstream.count(other.logical_id))
        << other.logical_id << " changed, but does not depend on " << edit->first;
    EXPECT_FALSE(other.caused_by.empty()) << other.logical_id;
  }
}

INSTANTIATE_TEST_SUITE_P(ChangeSet, Corpus, ::testing::ValuesIn(corpus_files()),
                         [](const auto &info) {
                           std::string name;
                           for (char ch : info.param)
                             name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                           return name;
                         });

} // namespace
} // namespace cfnlocal::planner
