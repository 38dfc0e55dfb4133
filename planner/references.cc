#include "planner/references.h"

#include <string_view>

namespace cfnlocal::planner {

const char *reference_kind_name(Reference::Kind kind) {
  switch (kind) {
  case Reference::Kind::Ref:
    return "Ref";
  case Reference::Kind::GetAtt:
    return "Fn::GetAtt";
  case Reference::Kind::Sub:
  case Reference::Kind::SubGetAtt:
    return "Fn::Sub";
  case Reference::Kind::DependsOn:
    return "DependsOn";
  }
  return "";
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

const Mark &best_mark(const Value &argument, const Value &call) {
  return argument.mark().known() ? argument.mark() : call.mark();
}

class Collector {
public:
  explicit Collector(const ConditionValues *conditions) : conditions_(conditions) {}

  void visit(const Value &value) {
    if (value.is_array()) {
      for (const Value &item : value.as_array())
        visit(item);
      return;
    }
    if (!value.is_object())
      return;
    if (auto key = value.single_key()) {
      const Value &arg = value.as_object().front().value;
      if (*key == "Ref")
        return ref(value, arg);
      if (*key == "Fn::GetAtt")
        return get_att(value, arg);
      if (*key == "Fn::Sub")
        return sub(value, arg);
      if (*key == "Fn::If")
        return if_(arg);
      // {"Condition": "Name"} inside condition functions names a condition, not an entity.
      if (*key == "Condition" && arg.is_string())
        return;
    }
    for (const Value::Member &member : value.as_object())
      visit(member.value);
  }

  std::vector<Reference> take() { return std::move(out_); }

private:
  void ref(const Value &call, const Value &arg) {
    if (arg.is_string())
      out_.push_back({Reference::Kind::Ref, arg.as_string(), {}, best_mark(arg, call)});
    else
      visit(arg);
  }

  void get_att(const Value &call, const Value &arg) {
    if (arg.is_string()) {
      // The long form also accepts "Resource.Attribute" (split at the first dot).
      const std::string &s = arg.as_string();
      auto dot = s.find('.');
      std::string target = dot == std::string::npos ? s : s.substr(0, dot);
      std::string attribute = dot == std::string::npos ? "" : s.substr(dot + 1);
      out_.push_back({Reference::Kind::GetAtt, target, attribute, best_mark(arg, call)});
      return;
    }
    if (arg.is_array() && !arg.as_array().empty() && arg.as_array()[0].is_string()) {
      const auto &items = arg.as_array();
      std::string attribute;
      if (items.size() > 1 && items[1].is_string())
        attribute = items[1].as_string();
      out_.push_back(
          {Reference::Kind::GetAtt, items[0].as_string(), attribute, best_mark(items[0], call)});
      for (size_t i = 1; i < items.size(); ++i)
        visit(items[i]);
      return;
    }
    visit(arg);
  }

  void sub(const Value &call, const Value &arg) {
    const Value *text = nullptr;
    const Value *variables = nullptr;
    if (arg.is_string()) {
      text = &arg;
    } else if (arg.is_array() && !arg.as_array().empty()) {
      const auto &items = arg.as_array();
      if (items[0].is_string())
        text = &items[0];
      else
        visit(items[0]);
      if (items.size() > 1) {
        if (items[1].is_object())
          variables = &items[1];
        visit(items[1]);
      }
      for (size_t i = 2; i < items.size(); ++i)
        visit(items[i]);
    } else {
      visit(arg);
    }
    if (!text)
      return;
    for (const std::string &name : sub_variables(text->as_string())) {
      // Names defined in the variable map are local to this Fn::Sub.
      if (variables && variables->find(name))
        continue;
      auto dot = name.find('.');
      if (dot == std::string::npos)
        out_.push_back({Reference::Kind::Sub, name, {}, best_mark(*text, call)});
      else
        out_.push_back({Reference::Kind::SubGetAtt, name.substr(0, dot), name.substr(dot + 1),
                        best_mark(*text, call)});
    }
  }

  void if_(const Value &arg) {
    if (!arg.is_array() || arg.as_array().size() != 3 || !arg.as_array()[0].is_string())
      return visit(arg);
    const auto &items = arg.as_array();
    if (conditions_) {
      auto it = conditions_->find(items[0].as_string());
      if (it != conditions_->end())
        return visit(it->second ? items[1] : items[2]);
    }
    visit(items[1]);
    visit(items[2]);
  }

  const ConditionValues *conditions_;
  std::vector<Reference> out_;
};

} // namespace

std::vector<std::string> sub_variables(std::string_view text) {
  std::vector<std::string> names;
  size_t i = 0;
  while (true) {
    size_t open = text.find("${", i);
    if (open == std::string_view::npos)
      break;
    size_t close = text.find('}', open + 2);
    if (close == std::string_view::npos)
      break;
    std::string_view inner = text.substr(open + 2, close - open - 2);
    if (!inner.empty() && inner.front() == '!') {
      i = close + 1;
      continue;
    }
    inner = trim(inner);
    if (!inner.empty())
      names.emplace_back(inner);
    i = close + 1;
  }
  return names;
}

std::vector<Reference> find_references(const Value &value, const ConditionValues *conditions) {
  Collector collector(conditions);
  collector.visit(value);
  return collector.take();
}

} // namespace cfnlocal::planner
