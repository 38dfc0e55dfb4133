#pragma once
// Node-by-node comparison of two readings of one document: kinds, values (numbers by spelling and
// value), member order and keys, and the line and column of every node and key.
#include "parser/value.h"

#include <gtest/gtest.h>
#include <string>

namespace cfnlocal {

inline void expect_same(const Value &fast, const Value &reference, const std::string &path) {
  ASSERT_EQ(fast.kind(), reference.kind()) << path;
  EXPECT_EQ(fast.mark().line, reference.mark().line) << path;
  EXPECT_EQ(fast.mark().column, reference.mark().column) << path;
  switch (fast.kind()) {
  case Value::Kind::Bool:
    EXPECT_EQ(fast.as_bool(), reference.as_bool()) << path;
    break;
  case Value::Kind::Number:
    EXPECT_EQ(fast.as_number_value().text, reference.as_number_value().text) << path;
    EXPECT_EQ(fast.as_number(), reference.as_number()) << path;
    break;
  case Value::Kind::String:
    EXPECT_EQ(fast.as_string(), reference.as_string()) << path;
    break;
  case Value::Kind::Array:
    ASSERT_EQ(fast.as_array().size(), reference.as_array().size()) << path;
    for (size_t i = 0; i < fast.as_array().size(); ++i)
      expect_same(fast.as_array()[i], reference.as_array()[i], path + "/" + std::to_string(i));
    break;
  case Value::Kind::Object:
    ASSERT_EQ(fast.as_object().size(), reference.as_object().size()) << path;
    for (size_t i = 0; i < fast.as_object().size(); ++i) {
      const auto &a = fast.as_object()[i];
      const auto &b = reference.as_object()[i];
      ASSERT_EQ(a.key, b.key) << path;
      EXPECT_EQ(a.key_mark.line, b.key_mark.line) << path << "/" << a.key;
      EXPECT_EQ(a.key_mark.column, b.key_mark.column) << path << "/" << a.key;
      expect_same(a.value, b.value, path + "/" + a.key);
    }
    break;
  case Value::Kind::Null:
    break;
  }
}

} // namespace cfnlocal
