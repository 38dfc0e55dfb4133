#include "transforms/include/include.h"

#include "parser/reader.h"
#include "transforms/language_extensions/static_values.h"

#include <filesystem>
#include <memory>
#include <regex>

namespace cfnlocal::transforms::include {

std::optional<S3Location> s3_location(const std::string &location) {
  static const std::regex s3_uri(R"(^s3://([^/]+)/(.+)$)");
  static const std::regex virtual_host(
      R"(^https?://([^/]+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?/(.+)$)");
  static const std::regex path_style(
      R"(^https?://s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?/([^/]+)/(.+)$)");
  std::smatch m;
  if (std::regex_match(location, m, s3_uri) || std::regex_match(location, m, path_style) ||
      std::regex_match(location, m, virtual_host))
    return S3Location{m[1].str(), m[2].str()};
  return std::nullopt;
}

namespace {

[[noreturn]] void fail(const std::string &message, const Mark &mark) {
  throw TransformError("Transform AWS::Include failed with: " + message, mark);
}

std::string base_directory(const Value &tmpl, const TransformOptions &options) {
  if (!options.base_directory.empty())
    return options.base_directory;
  const std::string &file = tmpl.mark().file_name();
  if (file.empty())
    return {};
  return std::filesystem::path(file).parent_path().string();
}

class Includer {
public:
  Includer(const Value &tmpl, const TransformOptions &options)
      : tmpl_(tmpl), options_(options), base_(base_directory(tmpl, options)) {}

  /// Reads the snippet a {Name: AWS::Include, Parameters: {Location}} names.
  Value snippet(const Value &transform, const Mark &at) {
    const Value *params = transform.find("Parameters");
    const Value *location = params ? params->find("Location") : nullptr;
    if (!location)
      fail("the Parameters of AWS::Include must have a Location (an Amazon S3 URI such as "
           "s3://bucket/snippet.yaml)",
           at);
    std::string where = location_text(*location, at);
    std::string text;
    std::string display = where;
    if (auto s3 = s3_location(where)) {
      if (!options_.s3_object)
        fail("cannot read " + where + ": no S3 object store is available to this command", at);
      try {
        text = options_.s3_object(s3->bucket, s3->key);
      } catch (const std::exception &e) {
        fail("cannot read " + where + ": " + e.what(), location->mark());
      }
    } else if (where.rfind("http://", 0) == 0 || where.rfind("https://", 0) == 0 ||
               (where.find("://") != std::string::npos && where.rfind("file://", 0) != 0)) {
      fail("the Location " + where +
               " is not an Amazon S3 URI (s3://bucket/key or an S3 https URL) or a local path",
           location->mark());
    } else {
      std::filesystem::path path(where.rfind("file://", 0) == 0 ? where.substr(7) : where);
      if (path.is_relative() && !base_.empty())
        path = std::filesystem::path(base_) / path;
      display = path.string();
      try {
        text = read_file_text(display);
      } catch (const Error &e) {
        fail(e.message(), location->mark());
      }
    }
    Value doc;
    try {
      doc = read_document(text, display);
    } catch (const Error &e) {
      fail("the snippet " + display + " is not valid YAML or JSON: " + e.message(),
           e.mark().known() ? e.mark() : location->mark());
    }
    if (has_include_snippets(doc) || uses_include_section(doc))
      fail("the snippet " + display +
               " uses AWS::Include itself, which AWS::Include does not allow",
           location->mark());
    return doc;
  }

private:
  static bool uses_include_section(const Value &doc) {
    const Value *t = doc.is_object() ? doc.find("Transform") : nullptr;
    if (!t)
      return false;
    if (t->is_array()) {
      for (const auto &x : t->as_array())
        if (is_include(x))
          return true;
      return false;
    }
    return is_include(*t);
  }

  std::string location_text(const Value &location, const Mark &at) {
    if (location.is_string())
      return location.as_string();
    if (!values_)
      values_ = std::make_unique<StaticValues>(tmpl_, options_);
    StaticResult r;
    try {
      r = values_->resolve(location);
    } catch (const Error &e) {
      fail("the Location could not be resolved: " + e.message(), location.mark());
    }
    if (!r.known() || !r.value.is_string())
      fail("the Location must be a string, or resolve to one from parameters before any resource "
           "exists",
           location.mark().known() ? location.mark() : at);
    return r.value.as_string();
  }

  const Value &tmpl_;
  const TransformOptions &options_;
  std::string base_;
  std::unique_ptr<StaticValues> values_;
};

const Mark &mark_or(const Mark &a, const Mark &b) { return a.known() ? a : b; }

/// Appends `from`'s members to `into`, refusing a key `into` already has.
void merge_members(Value::Object &into, const Value &from, const std::string &what,
                   const Mark &at) {
  for (const auto &m : from.as_object()) {
    for (const auto &e : into)
      if (e.key == m.key)
        fail("the snippet's " + m.key + " is already declared " + what, mark_or(e.key_mark, at));
    into.push_back(m);
  }
}

Value expand(const Value &v, Includer &includer) {
  if (v.is_array()) {
    Value::Array out;
    for (const auto &x : v.as_array())
      out.push_back(expand(x, includer));
    return Value(std::move(out)).with_mark(v.mark());
  }
  if (!v.is_object())
    return v;
  const Value::Member *t = v.find_member("Fn::Transform");
  if (t && is_include(t->value)) {
    const Mark &at = mark_or(t->key_mark, v.mark());
    Value snippet = includer.snippet(t->value, at);
    if (v.size() == 1)
      return snippet;
    if (!snippet.is_object())
      fail("a snippet included next to other members must be an object of key-value pairs", at);
    Value::Object out;
    for (const auto &m : v.as_object()) {
      if (m.key == "Fn::Transform")
        merge_members(out, snippet, "next to the Fn::Transform", at);
      else {
        for (const auto &e : out)
          if (e.key == m.key)
            fail("the snippet's " + m.key + " is already declared next to the Fn::Transform",
                 mark_or(m.key_mark, at));
        out.push_back(Value::Member{m.key, expand(m.value, includer), m.key_mark});
      }
    }
    return Value(std::move(out)).with_mark(v.mark());
  }
  Value::Object out;
  for (const auto &m : v.as_object())
    out.push_back(Value::Member{m.key, expand(m.value, includer), m.key_mark});
  return Value(std::move(out)).with_mark(v.mark());
}

} // namespace

bool is_include(const Value &transform) {
  const Value *name = transform.is_object() ? transform.find("Name") : nullptr;
  return name && name->is_string() && name->as_string() == kIncludeTransform;
}

bool has_include_snippets(const Value &v) {
  if (v.is_array()) {
    for (const auto &x : v.as_array())
      if (has_include_snippets(x))
        return true;
    return false;
  }
  if (!v.is_object())
    return false;
  for (const auto &m : v.as_object())
    if ((m.key == "Fn::Transform" && is_include(m.value)) || has_include_snippets(m.value))
      return true;
  return false;
}

Value expand_snippets(const Value &tmpl, const TransformOptions &options) {
  Includer includer(tmpl, options);
  return expand(tmpl, includer);
}

Value include_template(const Value &tmpl, const Value &entry, const TransformOptions &options) {
  Includer includer(tmpl, options);
  const Mark &at = mark_or(entry.mark(), tmpl.mark());
  Value snippet = includer.snippet(entry, at);
  if (!snippet.is_object())
    fail("a snippet included by the Transform section must be an object of template sections", at);
  Value out = tmpl;
  for (const auto &section : snippet.as_object()) {
    Value *existing = out.find(section.key);
    if (!existing) {
      out.as_object().push_back(section);
      continue;
    }
    if (*existing == section.value)
      continue;
    if (!existing->is_object() || !section.value.is_object())
      fail("the snippet's " + section.key + " section is already declared by the template",
           mark_or(section.key_mark, at));
    merge_members(existing->as_object(), section.value, "in the template's " + section.key, at);
  }
  return out;
}

} // namespace cfnlocal::transforms::include
