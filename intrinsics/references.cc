#include "intrinsics/references.h"

#include "intrinsics/functions.h"
#include "intrinsics/sub.h"
#include "parser/diagnostic.h"

#include <unordered_set>

namespace cfnlocal::intrinsics {

namespace {

struct Finder {
  const TemplateIndex &index;
  std::vector<Reference> &out;
  const ReferenceOptions &options;

  void add(Reference::Via via, std::string target, std::string attribute, bool dynamic,
           const Mark &mark) {
    Reference r;
    r.via = via;
    r.kind = via == Reference::Via::Condition ? NameKind::Unknown : index.classify(target);
    r.target = std::move(target);
    r.attribute = std::move(attribute);
    r.attribute_dynamic = dynamic;
    r.mark = mark;
    out.push_back(std::move(r));
  }

  static Mark mark_of(const Value &call) {
    if (call.mark().known())
      return call.mark();
    return call.as_object().front().key_mark;
  }

  void sub_string(const Value &text, const Value *vars, const Mark &mark) {
    std::vector<SubPart> parts;
    try {
      parts = parse_sub(text.as_string(), text.mark());
    } catch (const Error &) {
      return;
    }
    for (const auto &p : parts) {
      if (p.kind != SubPart::Kind::Variable)
        continue;
      if (vars && vars->find(p.text))
        continue;
      auto [name, attribute] = split_sub_variable(p.text);
      if (!attribute.empty() && index.classify(p.text) != NameKind::Pseudo)
        add(Reference::Via::Sub, std::string(name), std::string(attribute), false, mark);
      else
        add(Reference::Via::Sub, p.text, "", false, mark);
    }
  }

  void walk(const Value &v) {
    switch (v.kind()) {
    case Value::Kind::Array:
      for (const auto &item : v.as_array())
        walk(item);
      return;
    case Value::Kind::Object:
      break;
    default:
      return;
    }
    auto fn = function_name(v, true);
    if (!fn) {
      for (const auto &m : v.as_object())
        walk(m.value);
      return;
    }
    const Value &arg = v.as_object().front().value;
    Mark mark = mark_of(v);
    if (*fn == "Ref") {
      if (arg.is_string())
        add(Reference::Via::Ref, arg.as_string(), "", false, mark);
      else
        walk(arg);
    } else if (*fn == "Fn::GetAtt") {
      if (arg.is_string()) {
        const std::string &s = arg.as_string();
        size_t dot = s.find('.');
        add(Reference::Via::GetAtt, s.substr(0, dot),
            dot == std::string::npos ? "" : s.substr(dot + 1), false, mark);
      } else if (arg.is_array() && !arg.as_array().empty() && arg.as_array()[0].is_string()) {
        const auto &items = arg.as_array();
        bool dynamic = items.size() > 1 && !items[1].is_string();
        add(Reference::Via::GetAtt, items[0].as_string(),
            items.size() > 1 && items[1].is_string() ? items[1].as_string() : "", dynamic, mark);
        for (size_t i = 1; i < items.size(); ++i)
          walk(items[i]);
      } else {
        walk(arg);
      }
    } else if (*fn == "Fn::Sub") {
      if (arg.is_string()) {
        sub_string(arg, nullptr, mark);
      } else if (arg.is_array() && !arg.as_array().empty()) {
        const auto &items = arg.as_array();
        const Value *vars = items.size() > 1 && items[1].is_object() ? &items[1] : nullptr;
        if (items[0].is_string())
          sub_string(items[0], vars, mark);
        for (size_t i = 1; i < items.size(); ++i)
          walk(items[i]);
      } else {
        walk(arg);
      }
    } else if (*fn == "Fn::If") {
      if (!arg.is_array() || arg.size() != 3 || !arg.as_array()[0].is_string()) {
        walk(arg);
        return;
      }
      const auto &items = arg.as_array();
      const std::string &condition = items[0].as_string();
      if (options.include_conditions)
        add(Reference::Via::Condition, condition, "", false,
            items[0].mark().known() ? items[0].mark() : mark);
      std::optional<bool> holds;
      if (options.conditions)
        holds = options.conditions->get(condition);
      if (!holds || *holds)
        walk(items[1]);
      if (!holds || !*holds)
        walk(items[2]);
    } else if (*fn == "Condition") {
      if (arg.is_string()) {
        if (options.include_conditions)
          add(Reference::Via::Condition, arg.as_string(), "", false, mark);
      } else {
        walk(arg);
      }
    } else if (*fn == "Fn::Transform") {
      return;
    } else {
      walk(arg);
    }
  }
};

} // namespace

const char *via_name(Reference::Via via) {
  switch (via) {
  case Reference::Via::Ref:
    return "Ref";
  case Reference::Via::GetAtt:
    return "Fn::GetAtt";
  case Reference::Via::Sub:
    return "Fn::Sub";
  case Reference::Via::Condition:
    return "Condition";
  }
  return "Ref";
}

void find_references(const Value &value, const TemplateIndex &index, std::vector<Reference> &out,
                     const ReferenceOptions &options) {
  Finder{index, out, options}.walk(value);
}

std::vector<Reference> find_references(const Value &value, const TemplateIndex &index,
                                       const ReferenceOptions &options) {
  std::vector<Reference> out;
  find_references(value, index, out, options);
  return out;
}

std::vector<std::string> resource_dependencies(const Value &value, const TemplateIndex &index,
                                               const ReferenceOptions &options) {
  std::vector<Reference> refs;
  ReferenceOptions o = options;
  o.include_conditions = false;
  find_references(value, index, refs, o);
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (auto &r : refs)
    if (r.kind == NameKind::Resource && seen.insert(r.target).second)
      out.push_back(std::move(r.target));
  return out;
}

} // namespace cfnlocal::intrinsics
