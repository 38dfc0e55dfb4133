#include "parser/reader.h"

#include "parser/diagnostic.h"
#include "parser/json_reader.h"
#include "parser/yaml_common.h"
#include "parser/yaml_event_reader.h"

#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <unordered_set>
#include <yaml-cpp/yaml.h>

namespace cfnlocal {

namespace {

Mark mark_of(const YAML::Mark &m, const std::shared_ptr<const std::string> &file) {
  if (m.is_null())
    return Mark{file, 0, 0};
  return Mark{file, m.line + 1, m.column + 1};
}

class Converter {
public:
  explicit Converter(std::shared_ptr<const std::string> file) : file_(std::move(file)) {}

  Value convert(const YAML::Node &node) {
    Mark mark = mark_of(node.Mark(), file_);
    const std::string &tag = node.Tag();
    if (!tag.empty() && tag != "?" && tag != "!" && tag.rfind("tag:yaml.org,2002:", 0) != 0)
      return short_form(node, tag, mark);
    Value v = plain(node, mark);
    v.set_mark(mark);
    return v;
  }

private:
  Value plain(const YAML::Node &node, const Mark &mark) {
    switch (node.Type()) {
    case YAML::NodeType::Null:
      return Value();
    case YAML::NodeType::Undefined:
      return Value();
    case YAML::NodeType::Scalar:
      return scalar(node);
    case YAML::NodeType::Sequence: {
      Value::Array items;
      items.reserve(node.size());
      for (const auto &item : node)
        items.push_back(convert(item));
      return Value(std::move(items));
    }
    case YAML::NodeType::Map: {
      Value::Object members;
      members.reserve(node.size());
      std::unordered_set<std::string> seen;
      for (const auto &kv : node) {
        Mark key_mark = mark_of(kv.first.Mark(), file_);
        if (!kv.first.IsScalar())
          throw Error("mapping keys must be scalars", key_mark);
        std::string key = kv.first.Scalar();
        if (!seen.insert(key).second)
          throw Error(fmt::format("duplicate key '{}'", key), key_mark);
        members.push_back(Value::Member{std::move(key), convert(kv.second), key_mark});
      }
      return Value(std::move(members));
    }
    }
    return Value();
  }

  Value scalar(const YAML::Node &node) {
    const std::string &s = node.Scalar();
    const std::string &tag = node.Tag();
    if (tag == "!" || tag == "tag:yaml.org,2002:str")
      return Value(s); // quoted or !!str: always a string
    return detail::plain_scalar(s);
  }

  Value short_form(const YAML::Node &node, const std::string &tag, const Mark &mark) {
    if (node.IsScalar())
      return detail::short_form_call(tag, node.Scalar(), Value(), mark);
    return detail::short_form_call(tag, std::nullopt, plain(node, mark), mark);
  }

  std::shared_ptr<const std::string> file_;
};

} // namespace

Value detail::read_yaml_document(std::string_view text,
                                 const std::shared_ptr<const std::string> &file_ptr) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception &e) {
    throw Error(e.msg, mark_of(e.mark, file_ptr));
  }
  if (!root.IsDefined() || root.IsNull())
    throw Error("the document is empty", Mark{file_ptr, 1, 1});
  return Converter(file_ptr).convert(root);
}

Value read_document(std::string_view text, const std::string &file) {
  auto file_ptr = std::make_shared<const std::string>(file);
  if (auto json = detail::read_strict_json(text, file_ptr))
    return std::move(*json);
  if (auto yaml = detail::read_yaml_events(text, file_ptr))
    return std::move(*yaml);
  return detail::read_yaml_document(text, file_ptr);
}

std::string read_file_text(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(fmt::format("cannot read '{}': {}", path, std::strerror(errno)),
                Mark{std::make_shared<const std::string>(path), 0, 0});
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Value read_document_file(const std::string &path) {
  return read_document(read_file_text(path), path);
}

} // namespace cfnlocal
