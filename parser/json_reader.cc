#include "parser/json_reader.h"

#include "parser/diagnostic.h"

#include <fmt/format.h>
#include <iterator>
#include <nlohmann/json.hpp>
#include <unordered_set>

namespace cfnlocal::detail {

namespace {

/// Where the token the parser last read started, maintained from the characters the parser
/// consumes (the parser reads strictly forward, at most one character past a number).
struct TokenTracker {
  std::string_view text;
  int line = 1;
  int column = 1;
  size_t token_offset = 0;
  int token_line = 1;
  int token_column = 1;
  bool in_string = false;
  bool escape = false;
  bool after_delimiter = true;

  void consume(size_t offset) {
    char c = text[offset];
    if (in_string) {
      if (escape)
        escape = false;
      else if (c == '\\')
        escape = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"' || c == '{' || c == '[') {
      start_token(offset);
      in_string = c == '"';
      after_delimiter = c != '"';
    } else if (c == '}' || c == ']' || c == ',' || c == ':' || c == ' ' || c == '\t' || c == '\n' ||
               c == '\r') {
      after_delimiter = true;
    } else {
      if (after_delimiter)
        start_token(offset);
      after_delimiter = false;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column; // in bytes, as yaml-cpp counts them for YAML templates
    }
  }

  void start_token(size_t offset) {
    token_offset = offset;
    token_line = line;
    token_column = column;
  }
};

/// A forward iterator over the text that tells the tracker about each character consumed.
class TrackingIterator {
public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char *;
  using reference = const char &;

  TrackingIterator() = default;
  TrackingIterator(TokenTracker *tracker, size_t offset) : tracker_(tracker), offset_(offset) {}
  reference operator*() const { return tracker_->text[offset_]; }
  TrackingIterator &operator++() {
    tracker_->consume(offset_);
    ++offset_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const TrackingIterator &o) const { return offset_ == o.offset_; }
  bool operator!=(const TrackingIterator &o) const { return offset_ != o.offset_; }

private:
  TokenTracker *tracker_ = nullptr;
  size_t offset_ = 0;
};

using Sax = nlohmann::json_sax<nlohmann::json>;

/// Builds Values with marks; containers are built on a stack of open objects and arrays.
class Builder final : public Sax {
public:
  Builder(TokenTracker &tracker, std::shared_ptr<const std::string> file)
      : tracker_(tracker), file_(std::move(file)) {}

  bool null() override { return add(Value()); }
  bool boolean(bool b) override { return add(Value(b)); }
  bool number_integer(number_integer_t) override { return add_number(); }
  bool number_unsigned(number_unsigned_t) override { return add_number(); }
  bool number_float(number_float_t, const string_t &) override { return add_number(); }
  bool string(string_t &s) override { return add(Value(std::move(s))); }
  bool binary(binary_t &) override { return false; }

  bool start_object(std::size_t) override {
    open_.push_back(Open{Value(Value::Object{}), mark(), {}, {}, {}});
    return true;
  }
  bool key(string_t &k) override {
    auto &o = open_.back();
    Mark key_mark = mark();
    if (!o.seen.insert(k).second)
      throw Error(fmt::format("duplicate key '{}'", k), key_mark);
    o.key = std::move(k);
    o.key_mark = key_mark;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override {
    open_.push_back(Open{Value(Value::Array{}), mark(), {}, {}, {}});
    return true;
  }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &) override {
    return false;
  }

  std::optional<Value> result;

private:
  struct Open {
    Value value;
    Mark mark;
    std::string key;
    Mark key_mark;
    std::unordered_set<std::string> seen;
  };

  Mark mark() const { return Mark{file_, tracker_.token_line, tracker_.token_column}; }

  bool add_number() {
    // The number's spelling, as the YAML reader keeps it ("1.50", "012" cannot occur in JSON).
    size_t begin = tracker_.token_offset, end = begin;
    const auto &t = tracker_.text;
    while (end < t.size() && (std::isdigit(static_cast<unsigned char>(t[end])) || t[end] == '-' ||
                              t[end] == '+' || t[end] == '.' || t[end] == 'e' || t[end] == 'E'))
      ++end;
    std::string text(t.substr(begin, end - begin));
    double value = std::strtod(text.c_str(), nullptr);
    return add(Value::number(value, std::move(text)));
  }

  bool add(Value v) {
    v.set_mark(mark());
    return place(std::move(v));
  }

  bool place(Value v) {
    if (open_.empty()) {
      result = std::move(v);
      return true;
    }
    auto &o = open_.back();
    if (o.value.is_object())
      o.value.as_object().push_back(Value::Member{std::move(o.key), std::move(v), o.key_mark});
    else
      o.value.as_array().push_back(std::move(v));
    return true;
  }

  bool close() {
    Open o = std::move(open_.back());
    open_.pop_back();
    o.value.set_mark(o.mark);
    return place(std::move(o.value));
  }

  TokenTracker &tracker_;
  std::shared_ptr<const std::string> file_;
  std::vector<Open> open_;
};

} // namespace

std::optional<Value> read_strict_json(std::string_view text,
                                      const std::shared_ptr<const std::string> &file) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || (text[first] != '{' && text[first] != '['))
    return std::nullopt;
  TokenTracker tracker{text};
  Builder builder(tracker, file);
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(TrackingIterator(&tracker, 0),
                                   TrackingIterator(&tracker, text.size()), &builder);
  } catch (const nlohmann::json::exception &) {
    return std::nullopt;
  }
  if (!ok || !builder.result)
    return std::nullopt;
  return std::move(builder.result);
}

} // namespace cfnlocal::detail
