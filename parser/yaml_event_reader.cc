#include "parser/yaml_event_reader.h"

#include "parser/diagnostic.h"
#include "parser/yaml_common.h"

#include <fmt/format.h>
#include <yaml.h>

#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace cfnlocal::detail {

namespace {

// Owns one libyaml event and frees it.
struct Event {
  yaml_event_t e{};
  ~Event() { yaml_event_delete(&e); }
};

class EventReader {
public:
  EventReader(std::string_view text, const std::shared_ptr<const std::string> &file)
      : text_(text), file_(file) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char *>(text.data()),
                                 text.size());
  }
  ~EventReader() { yaml_parser_delete(&parser_); }
  EventReader(const EventReader &) = delete;
  EventReader &operator=(const EventReader &) = delete;

  // The first document's root; nullopt on a libyaml error or an empty stream.
  std::optional<Value> document() {
    Event ev;
    for (;;) {
      if (!next(ev))
        return std::nullopt;
      if (ev.e.type == YAML_STREAM_END_EVENT)
        return std::nullopt;
      if (ev.e.type == YAML_DOCUMENT_START_EVENT)
        break;
      yaml_event_delete(&ev.e);
    }
    Event root;
    if (!next(root) || root.e.type == YAML_DOCUMENT_END_EVENT)
      return std::nullopt;
    auto value = node(root);
    if (!value)
      return std::nullopt;
    // yaml-cpp reads an empty (null) root as "no document"; let it say so.
    if (value->is_null())
      return std::nullopt;
    return value;
  }

private:
  bool next(Event &ev) {
    if (!yaml_parser_parse(&parser_, &ev.e)) {
      ev.e.type = YAML_NO_EVENT;
      return false;
    }
    if (pending_null_) {
      // yaml-cpp marks an empty value (`Key:` and nothing) where the next token starts.
      pending_null_->set_mark(mark_of(ev.e.start_mark));
      pending_null_ = nullptr;
    }
    return true;
  }

  // Called right after an empty plain scalar is stored at `v`, before any other event is read.
  void mark_at_next_event(Value *v) { pending_null_ = v; }

  static bool is_empty_plain(const yaml_event_t &e) {
    return e.type == YAML_SCALAR_EVENT && e.data.scalar.length == 0 &&
           e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !e.data.scalar.tag;
  }

  // yaml-cpp's mark: 1-based line, 1-based column counted in bytes.
  Mark mark_of(const yaml_mark_t &m) {
    if (line_starts_.empty()) {
      line_starts_.push_back(0);
      for (size_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n')
          line_starts_.push_back(i + 1);
    }
    size_t line = m.line;
    int column = static_cast<int>(m.column) + 1;
    if (line < line_starts_.size()) {
      // libyaml counts columns in characters: walk them as UTF-8 bytes.
      size_t pos = line_starts_[line];
      size_t chars = 0;
      while (chars < m.column && pos < text_.size()) {
        auto c = static_cast<unsigned char>(text_[pos]);
        pos += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        ++chars;
      }
      column = static_cast<int>(pos - line_starts_[line]) + 1;
    }
    return Mark{file_, static_cast<int>(line) + 1, column};
  }

  // A tag or anchor name of an event ("" when the node has none).
  static std::string tag_of(const unsigned char *text) {
    return text ? reinterpret_cast<const char *>(text) : std::string();
  }

  static bool is_short_form(const std::string &tag) {
    return !tag.empty() && tag != "!" && tag != "?" && tag.rfind("tag:yaml.org,2002:", 0) != 0;
  }

  void remember(const unsigned char *anchor, const Value &v) {
    if (anchor)
      anchors_[reinterpret_cast<const char *>(anchor)] = v;
  }

  // The node that starts with `ev` (a scalar, sequence start, mapping start or alias).
  std::optional<Value> node(Event &ev) {
    switch (ev.e.type) {
    case YAML_ALIAS_EVENT: {
      auto it = anchors_.find(reinterpret_cast<const char *>(ev.e.data.alias.anchor));
      if (it == anchors_.end())
        return std::nullopt;
      return it->second;
    }
    case YAML_SCALAR_EVENT: {
      const auto &s = ev.e.data.scalar;
      Mark mark = mark_of(ev.e.start_mark);
      std::string text(reinterpret_cast<const char *>(s.value), s.length);
      std::string tag = tag_of(s.tag);
      Value v;
      if (is_short_form(tag)) {
        v = short_form_call(tag, text, Value(), mark);
      } else {
        bool quoted = s.style != YAML_PLAIN_SCALAR_STYLE || tag == "!";
        if (quoted || tag == "tag:yaml.org,2002:str")
          v = Value(std::move(text));
        else
          v = plain_scalar(text);
        v.set_mark(mark);
      }
      remember(s.anchor, v);
      return v;
    }
    case YAML_SEQUENCE_START_EVENT: {
      Mark mark = mark_of(ev.e.start_mark);
      std::string tag = tag_of(ev.e.data.sequence_start.tag);
      std::string anchor = tag_of(ev.e.data.sequence_start.anchor);
      Value::Array items;
      for (;;) {
        Event item;
        if (!next(item))
          return std::nullopt;
        if (item.e.type == YAML_SEQUENCE_END_EVENT)
          break;
        auto v = node(item);
        if (!v)
          return std::nullopt;
        items.push_back(std::move(*v));
        if (is_empty_plain(item.e))
          mark_at_next_event(&items.back());
      }
      return finish(Value(std::move(items)), tag, anchor, mark);
    }
    case YAML_MAPPING_START_EVENT: {
      Mark mark = mark_of(ev.e.start_mark);
      std::string tag = tag_of(ev.e.data.mapping_start.tag);
      std::string anchor = tag_of(ev.e.data.mapping_start.anchor);
      Value::Object members;
      std::unordered_set<std::string> seen;
      for (;;) {
        Event key;
        if (!next(key))
          return std::nullopt;
        if (key.e.type == YAML_MAPPING_END_EVENT)
          break;
        Mark key_mark = mark_of(key.e.start_mark);
        if (key.e.type != YAML_SCALAR_EVENT)
          throw Error("mapping keys must be scalars", key_mark);
        std::string name(reinterpret_cast<const char *>(key.e.data.scalar.value),
                         key.e.data.scalar.length);
        if (key.e.data.scalar.anchor)
          return std::nullopt; // an anchored key: rare, yaml-cpp's reading is the reference
        if (!seen.insert(name).second)
          throw Error(fmt::format("duplicate key '{}'", name), key_mark);
        Event value_event;
        if (!next(value_event))
          return std::nullopt;
        auto v = node(value_event);
        if (!v)
          return std::nullopt;
        members.push_back(Value::Member{std::move(name), std::move(*v), key_mark});
        if (is_empty_plain(value_event.e))
          mark_at_next_event(&members.back().value);
      }
      return finish(Value(std::move(members)), tag, anchor, mark);
    }
    default:
      return std::nullopt;
    }
  }

  // A finished sequence or mapping: its short form applied, its anchor remembered.
  Value finish(Value collection, const std::string &tag, const std::string &anchor,
               const Mark &mark) {
    Value v;
    if (is_short_form(tag)) {
      v = short_form_call(tag, std::nullopt, std::move(collection), mark);
    } else {
      collection.set_mark(mark);
      v = std::move(collection);
    }
    if (!anchor.empty())
      anchors_[anchor] = v;
    return v;
  }

  std::string_view text_;
  std::shared_ptr<const std::string> file_;
  yaml_parser_t parser_;
  std::vector<size_t> line_starts_;
  std::unordered_map<std::string, Value> anchors_;
  Value *pending_null_ = nullptr;
};

} // namespace

std::optional<Value> read_yaml_events(std::string_view text,
                                      const std::shared_ptr<const std::string> &file) {
  EventReader reader(text, file);
  return reader.document();
}

} // namespace cfnlocal::detail
