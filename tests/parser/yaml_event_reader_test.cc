// The libyaml fast path must read every YAML template exactly as the yaml-cpp reader does: the
// same values, tags, number spellings and file:line:column marks on every node and key, and the
// same errors for what it rejects itself. Checked over every YAML file under tests/ and, when the
// shared corpora sit beside the project, over those too.
#include "parser/diagnostic.h"
#include "parser/json_reader.h"
#include "parser/reader.h"
#include "parser/yaml_event_reader.h"
#include "same_document.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace cfnlocal {
namespace {

std::shared_ptr<const std::string> name(const std::string &n) {
  return std::make_shared<const std::string>(n);
}

// Compares both readers on one text; returns whether the fast path read it.
bool compare(const std::string &text, const std::string &file) {
  std::optional<Value> fast;
  std::string fast_error;
  try {
    fast = detail::read_yaml_events(text, name(file));
  } catch (const Error &e) {
    fast_error = e.what();
  }
  Value reference;
  try {
    reference = detail::read_yaml_document(text, name(file));
  } catch (const Error &e) {
    // What yaml-cpp rejects, the fast path rejects alike or leaves to yaml-cpp.
    if (!fast_error.empty())
      EXPECT_EQ(fast_error, std::string(e.what())) << file;
    else
      EXPECT_FALSE(fast) << file << ": yaml-cpp rejects it: " << e.what();
    return false;
  }
  EXPECT_TRUE(fast_error.empty()) << file << ": " << fast_error;
  if (!fast)
    return false;
  expect_same(*fast, reference, file);
  return true;
}

int compare_tree(const std::filesystem::path &root) {
  int read = 0;
  if (!std::filesystem::exists(root))
    return 0;
  for (const auto &entry : std::filesystem::recursive_directory_iterator(root)) {
    auto ext = entry.path().extension();
    if (ext != ".yaml" && ext != ".yml" && ext != ".template")
      continue;
    read += compare(read_file_text(entry.path().string()), entry.path().string()) ? 1 : 0;
  }
  return read;
}

TEST(YamlEventReader, ReadsEveryCommittedYamlFileAsYamlCppDoes) {
  EXPECT_GT(compare_tree(std::string(CFNLOCAL_SOURCE_DIR) + "/tests"), 100);
}

TEST(YamlEventReader, ReadsTheSharedCorporaAsYamlCppDoes) {
  auto shared = std::filesystem::path(CFNLOCAL_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (!std::filesystem::exists(shared))
    GTEST_SKIP() << "no ../shared/corpus beside the project";
  EXPECT_GT(compare_tree(shared), 500);
}

TEST(YamlEventReader, TagsQuotingAnchorsAndUnicodeColumns) {
  std::string text = "A: !Ref X\n"
                     "B: !GetAtt R.Arn\n"
                     "C: !Sub\n  - '${x}'\n  - x: !Join ['', [a, b]]\n"
                     "D: '123'\n"
                     "E: 0x1F\n"
                     "F: &anchor {k: v}\n"
                     "G: *anchor\n"
                     "\xc3\xa9t\xc3\xa9: [1, \"\xc3\xa9\", yes, ~]\n"
                     "H: |\n  literal\n  text\n"
                     "I: !!str 12\n";
  EXPECT_TRUE(compare(text, "t.yaml"));
  // !GetAtt without an attribute is read (as the SAM translator reads it) by both readers alike.
  EXPECT_TRUE(compare("A: !GetAtt NoDot\n", "getatt.yaml"));
}

TEST(YamlEventReader, RejectsDuplicateKeysAndUnknownTagsAsYamlCppDoes) {
  EXPECT_FALSE(compare("A: 1\nA: 2\n", "dup.yaml"));
  EXPECT_FALSE(compare("A: !Bogus x\n", "tag.yaml"));
  EXPECT_FALSE(compare("A: [1, 2\n", "bad.yaml"));
  EXPECT_FALSE(compare("", "empty.yaml"));
  EXPECT_FALSE(compare("---\n...\n", "null.yaml"));
}

} // namespace
} // namespace cfnlocal
