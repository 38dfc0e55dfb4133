// The JSON fast path must read every JSON template exactly as the YAML reader does: the same
// values, number spellings and file:line:column marks on every node and key.
#include "parser/diagnostic.h"
#include "parser/json_reader.h"
#include "parser/reader.h"
#include "same_document.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace cfnlocal {
namespace {

std::shared_ptr<const std::string> name(const std::string &n) {
  return std::make_shared<const std::string>(n);
}

TEST(JsonReader, ReadsEveryCommittedJsonTemplateAsTheYamlReaderDoes) {
  int files = 0;
  for (const auto &entry :
       std::filesystem::recursive_directory_iterator(std::string(CFNLOCAL_SOURCE_DIR) + "/tests")) {
    if (entry.path().extension() != ".json")
      continue;
    std::string text = read_file_text(entry.path().string());
    auto fast = detail::read_strict_json(text, name(entry.path().string()));
    if (!fast)
      continue; // not strict JSON: the YAML reader reads it
    Value reference;
    try {
      reference = detail::read_yaml_document(text, name(entry.path().string()));
    } catch (const Error &) {
      continue; // yaml-cpp rejects some strict JSON (e.g. tabs); nothing to compare
    }
    ++files;
    expect_same(*fast, reference, entry.path().string());
  }
  EXPECT_GT(files, 50);
}

TEST(JsonReader, MarksUnicodeNumbersAndNesting) {
  std::string text = "{\n  \"A\": [1, -2.50, 3e2, true, null],\n  \"\xc3\xa9t\xc3\xa9\": "
                     "{\"K\": \"v\\\"x\\u00e9\"}, \"N\": 12345678901234567890\n}\n";
  auto fast = detail::read_strict_json(text, name("t.json"));
  ASSERT_TRUE(fast);
  expect_same(*fast, detail::read_yaml_document(text, name("t.json")), "");
  EXPECT_EQ(fast->find("A")->as_array()[1].as_number_value().text, "-2.50");
}

TEST(JsonReader, DuplicateKeysAreLocatedErrors) {
  try {
    read_document("{\n  \"A\": 1,\n  \"A\": 2\n}", "d.json");
    FAIL() << "no error";
  } catch (const Error &e) {
    EXPECT_EQ(e.diagnostic().mark.line, 3);
    EXPECT_EQ(e.diagnostic().mark.column, 3);
    EXPECT_NE(std::string(e.what()).find("duplicate key 'A'"), std::string::npos);
  }
}

TEST(JsonReader, WhatIsNotStrictJsonGoesToTheYamlReader) {
  EXPECT_FALSE(detail::read_strict_json("{\"A\": 1,}", name("x")));
  EXPECT_FALSE(detail::read_strict_json("Resources: {}", name("x")));
  EXPECT_FALSE(detail::read_strict_json("{\"A\": 1} trailing", name("x")));
  // Read anyway, by yaml-cpp: a trailing comma is fine in a YAML flow mapping.
  EXPECT_EQ(read_document("{\"A\": 1,}", "x").find("A")->as_number(), 1);
}

} // namespace
} // namespace cfnlocal
