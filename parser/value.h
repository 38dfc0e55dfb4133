#pragma once
/// \file
/// The document model every module shares: a JSON-like tree whose nodes keep the source mark they
/// were read from. Objects keep their members in document order (templates are written back in
/// the order users wrote them).

#include "parser/mark.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cfnlocal {

class Value {
public:
  enum class Kind { Null, Bool, Number, String, Array, Object };
  struct Member;
  using Array = std::vector<Value>;
  using Object = std::vector<Member>;

  /// A number keeps the text it was written as ("012", "1.50") so that turning it into a string
  /// (CloudFormation passes most scalars to services as strings) gives back what the user wrote.
  struct Number {
    double value = 0;
    std::string text;
  };

  Value() = default; ///< null
  Value(std::nullptr_t) {}
  Value(bool b) : data_(b) {}
  Value(int i) : Value(static_cast<int64_t>(i)) {}
  Value(int64_t i);
  Value(double d);
  Value(std::string s) : data_(std::move(s)) {}
  Value(std::string_view s) : data_(std::string(s)) {}
  Value(const char *s) : data_(std::string(s)) {}
  Value(Array a) : data_(std::move(a)) {}
  Value(Object o) : data_(std::move(o)) {}

  /// A number with its source text; `text` must be the number's spelling (it is not checked).
  static Value number(double value, std::string text);
  static Value array(Array items = {}) { return Value(std::move(items)); }
  static Value object(Object members = {}) { return Value(std::move(members)); }

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool is_null() const { return kind() == Kind::Null; }
  bool is_bool() const { return kind() == Kind::Bool; }
  bool is_number() const { return kind() == Kind::Number; }
  bool is_string() const { return kind() == Kind::String; }
  bool is_array() const { return kind() == Kind::Array; }
  bool is_object() const { return kind() == Kind::Object; }
  bool is_scalar() const { return !is_array() && !is_object(); }

  /// Accessors throw std::logic_error when the kind differs (a programming error, not a user one).
  bool as_bool() const;
  double as_number() const;
  const Number &as_number_value() const;
  const std::string &as_string() const;
  const Array &as_array() const;
  Array &as_array();
  const Object &as_object() const;
  Object &as_object();

  /// Number of array items or object members; 0 for scalars.
  size_t size() const;

  /// Object member lookup (linear, document order). nullptr when absent or not an object.
  const Value *find(std::string_view key) const;
  Value *find(std::string_view key);
  const Member *find_member(std::string_view key) const;
  /// Sets a member, replacing an existing one in place or appending. Turns null into an object.
  Value &set(std::string key, Value value, Mark key_mark = {});
  /// Removes a member; returns whether it existed.
  bool erase(std::string_view key);
  /// Appends to an array. Turns null into an array.
  Value &push_back(Value value);

  /// For an object of exactly one member, that member's key ("Ref", "Fn::Sub", ...): the shape of
  /// an intrinsic function call. nullopt otherwise.
  std::optional<std::string_view> single_key() const;

  /// CloudFormation's scalar-to-string conversion: strings as they are, numbers as written, bools
  /// as "true"/"false", null as "". Arrays and objects have none: nullopt.
  std::optional<std::string> scalar_string() const;

  const Mark &mark() const { return mark_; }
  void set_mark(Mark mark) { mark_ = std::move(mark); }
  /// Returns a copy carrying `mark` (handy when building nodes that stand for a source node).
  Value with_mark(Mark mark) const &;
  Value with_mark(Mark mark) &&;

  /// Structural equality ignoring marks; numbers compare by value, object members by key
  /// regardless of order.
  bool operator==(const Value &other) const;
  bool operator!=(const Value &other) const { return !(*this == other); }

private:
  std::variant<std::monostate, bool, Number, std::string, Array, Object> data_;
  Mark mark_;
};

struct Value::Member {
  std::string key;
  Value value;
  Mark key_mark;
};

/// Name of a kind as users read it in messages: "null", "boolean", "number", "string", "array",
/// "object".
const char *kind_name(Value::Kind kind);

} // namespace cfnlocal
