// Fn::ForEach: copies a fragment once per collection item, with the loop's identifier replaced.
#include "intrinsics/functions.h"
#include "intrinsics/sub.h"
#include "transforms/language_extensions/detail.h"

#include <cctype>
#include <map>
#include <set>
#include <vector>

namespace cfnlocal::transforms::language_extensions::detail {

namespace {

constexpr std::string_view kForEach = "Fn::ForEach::";
/// "customers can use up to 5 nested Fn::ForEach within a single parent loop" (RFC 0009).
constexpr size_t kMaxDepth = 6;

bool is_loop_key(std::string_view key) { return key.rfind(kForEach, 0) == 0; }

struct Binding {
  std::string name;
  std::string item;
};
using Scope = std::vector<Binding>;

const Binding *bound(const Scope &scope, std::string_view name) {
  for (auto it = scope.rbegin(); it != scope.rend(); ++it)
    if (it->name == name)
      return &*it;
  return nullptr;
}

std::string alphanumeric(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += c;
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  return s;
}

/// Replaces ${Name} (the item) and &{Name} (the item's letters and digits) for the identifiers in
/// scope. In a Fn::Sub string `${!...}` stays as written and inserted text is escaped so that it
/// is not read as a variable. `skip` names variables a Fn::Sub map defines (they shadow loops).
std::string substitute(std::string_view s, const Scope &scope, bool in_sub, bool *used,
                       const std::set<std::string> &skip = {}) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if ((c == '$' || c == '&') && i + 1 < s.size() && s[i + 1] == '{') {
      if (in_sub && c == '$' && i + 2 < s.size() && s[i + 2] == '!') {
        out.append("${!");
        i += 3;
        continue;
      }
      size_t close = s.find('}', i + 2);
      if (close == std::string_view::npos)
        break;
      std::string name(trim(s.substr(i + 2, close - i - 2)));
      const Binding *b = skip.count(name) ? nullptr : bound(scope, name);
      if (b) {
        std::string text = c == '&' ? alphanumeric(b->item) : b->item;
        out += in_sub ? intrinsics::escape_sub_literal(text) : text;
        if (used)
          *used = true;
      } else {
        out.append(s.substr(i, close + 1 - i));
      }
      i = close + 1;
      continue;
    }
    out += c;
    ++i;
  }
  out.append(s.substr(i));
  return out;
}

/// A Fn::Sub string without variables, as the plain string it stands for.
std::optional<std::string> literal_sub(const std::string &text, const Mark &mark) {
  std::string out;
  for (const auto &part : intrinsics::parse_sub(text, mark)) {
    if (part.kind != intrinsics::SubPart::Kind::Literal)
      return std::nullopt;
    out += part.text;
  }
  return out;
}

class Expander {
public:
  explicit Expander(const StaticValues &values) : values_(values) {}

  /// Checks loop names and where loops appear, before anything is expanded (a nested loop is
  /// expanded once per outer item, so uniqueness is a property of the written template).
  void check_placement(const Value &tmpl) {
    std::set<std::string> logical_ids;
    if (const Value *r = tmpl.find("Resources"); r && r->is_object())
      for (const auto &m : r->as_object())
        if (!is_loop_key(m.key))
          logical_ids.insert(m.key);
    for (const auto &section : tmpl.as_object()) {
      bool allowed =
          section.key == "Resources" || section.key == "Conditions" || section.key == "Outputs";
      scan(section.value, allowed, section.key, logical_ids);
    }
  }

  Value section(const Value &v) {
    if (!v.is_object())
      return v;
    Value::Object out;
    members(v.as_object(), {}, out, v.mark());
    return Value(std::move(out)).with_mark(v.mark());
  }

private:
  void scan(const Value &v, bool allowed, const std::string &section,
            const std::set<std::string> &logical_ids) {
    if (v.is_array()) {
      for (const auto &x : v.as_array())
        scan(x, allowed, section, logical_ids);
      return;
    }
    if (!v.is_object())
      return;
    for (const auto &m : v.as_object()) {
      if (is_loop_key(m.key)) {
        const Mark &at = m.key_mark.known() ? m.key_mark : m.value.mark();
        if (!allowed)
          fail("Fn::ForEach can only be used in the Resources, Conditions and Outputs sections, "
               "not in " +
                   section,
               at);
        std::string name = m.key.substr(kForEach.size());
        if (name.empty())
          fail(m.key + " needs a loop name after Fn::ForEach:: (Fn::ForEach::UniqueLoopName)", at);
        if (!loop_names_.insert(name).second)
          fail("the loop name " + name +
                   " is used by more than one Fn::ForEach; loop names must be unique in the "
                   "template",
               at);
        if (logical_ids.count(name))
          fail("the loop name " + name + " of " + m.key +
                   " conflicts with the logical ID of a resource",
               at);
      }
      scan(m.value, allowed, section, logical_ids);
    }
  }

  /// Appends `in`'s members, expanded, to `out`.
  void members(const Value::Object &in, const Scope &scope, Value::Object &out,
               const Mark &parent) {
    for (const auto &m : in) {
      if (is_loop_key(m.key)) {
        loop(m, scope, out);
        continue;
      }
      add(out, Value::Member{m.key, value(m.value, scope), m.key_mark}, "");
    }
  }

  void add(Value::Object &out, Value::Member member, const std::string &loop) {
    for (const auto &existing : out)
      if (existing.key == member.key)
        fail((loop.empty() ? std::string("a Fn::ForEach") : loop) + " produces the key " +
                 member.key + " more than once (or next to a member of the same name)",
             member.key_mark.known() ? member.key_mark : member.value.mark());
    out.push_back(std::move(member));
  }

  std::vector<std::string> collection(const Value &written, const Scope &scope,
                                      const std::string &loop) {
    Value c = value(written, scope);
    auto items_of = [&](const Value &list) {
      std::vector<std::string> items;
      for (const auto &item : list.as_array()) {
        Value v = item;
        if (!v.is_scalar()) {
          StaticResult r = values_.resolve(v);
          if (!r.known())
            fail("the collection of " + loop +
                     " must resolve to a list of strings before any resource exists",
                 item.mark());
          v = r.value;
        }
        auto s = v.is_scalar() ? v.scalar_string() : std::nullopt;
        if (!s || v.is_null())
          fail("the collection of " + loop + " must be a list of strings; an item is a " +
                   kind_name(v.kind()),
               item.mark().known() ? item.mark() : written.mark());
        items.push_back(*s);
      }
      return items;
    };
    if (c.is_array())
      return items_of(c);
    StaticResult r;
    try {
      r = values_.resolve(c);
    } catch (const Error &e) {
      fail("the collection of " + loop + " could not be resolved: " + e.message(),
           e.mark().known() ? e.mark() : written.mark());
    }
    if (!r.known())
      fail("the collection of " + loop +
               " must be a list, or resolve to one before any resource exists (a Ref to a "
               "CommaDelimitedList or List parameter with a value, Fn::Split, Fn::GetAZs, "
               "Fn::FindInMap ...); it depends on a resource or on a parameter without a value",
           written.mark());
    if (!r.value.is_array())
      fail("the collection of " + loop + " must resolve to a list; it is a " +
               kind_name(r.value.kind()),
           written.mark());
    return items_of(r.value);
  }

  void loop(const Value::Member &m, const Scope &scope, Value::Object &out) {
    const std::string &loop = m.key;
    const Mark &at = m.key_mark.known() ? m.key_mark : m.value.mark();
    const Value &v = m.value;
    if (!v.is_array() || v.size() != 3)
      fail(loop + " layout is incorrect: it takes a list of three items [Identifier, Collection, "
                  "{OutputKey: OutputValue}]",
           v.mark().known() ? v.mark() : at);
    const Value &id = v.as_array()[0];
    if (!id.is_string() || id.as_string().empty() ||
        !intrinsics::is_valid_sub_variable(id.as_string()) ||
        id.as_string().find_first_of(".:") != std::string::npos)
      fail(loop + " layout is incorrect: the identifier (first item) must be a name of letters, "
                  "digits and underscores",
           id.mark().known() ? id.mark() : at);
    const std::string &name = id.as_string();
    if (bound(scope, name))
      fail("the identifier " + name + " of " + loop +
               " is already the identifier of an enclosing Fn::ForEach; nested loops need "
               "distinct identifiers",
           id.mark());
    if (scope.size() + 1 > kMaxDepth)
      fail(loop + " is nested too deep: up to 5 Fn::ForEach may be nested in a loop", at);
    const Value &body = v.as_array()[2];
    if (!body.is_object())
      fail(loop + " layout is incorrect: the third item must be an object {OutputKey: "
                  "OutputValue}",
           body.mark().known() ? body.mark() : at);
    for (const auto &item : collection(v.as_array()[1], scope, loop)) {
      Scope inner = scope;
      inner.push_back({name, item});
      for (const auto &b : body.as_object()) {
        if (is_loop_key(b.key)) {
          this->loop(b, inner, out);
          continue;
        }
        bool used = false;
        std::string key = substitute(b.key, inner, false, &used);
        if (!used)
          fail("the OutputKey " + b.key + " of " + loop + " must contain ${" + name + "} or &{" +
                   name + "} so that each copy gets its own key",
               b.key_mark.known() ? b.key_mark : at);
        add(out, Value::Member{key, value(b.value, inner), b.key_mark}, loop);
      }
    }
  }

  /// A copy of `v` with the identifiers in scope replaced and nested loops expanded.
  Value value(const Value &v, const Scope &scope) {
    if (v.is_array()) {
      Value::Array out;
      for (const auto &x : v.as_array())
        out.push_back(value(x, scope));
      return Value(std::move(out)).with_mark(v.mark());
    }
    if (!v.is_object())
      return v;
    if (!scope.empty() && v.size() == 1) {
      const auto &m = v.as_object().front();
      if (m.key == "Ref" && m.value.is_string())
        if (const Binding *b = bound(scope, m.value.as_string()))
          return Value(b->item).with_mark(v.mark());
      if (m.key == "Fn::Sub")
        return sub(v, scope);
      if (m.key == "Fn::GetAtt" && m.value.is_string()) {
        Value out = Value::object();
        out.set(
            m.key,
            Value(substitute(m.value.as_string(), scope, false, nullptr)).with_mark(m.value.mark()),
            m.key_mark);
        return out.with_mark(v.mark());
      }
      if (m.key == "Fn::Join") {
        Value joined = join(v, scope);
        return joined;
      }
    }
    Value::Object out;
    members(v.as_object(), scope, out, v.mark());
    return Value(std::move(out)).with_mark(v.mark());
  }

  Value sub(const Value &v, const Scope &scope) {
    const auto &m = v.as_object().front();
    if (m.value.is_string()) {
      std::string text = substitute(m.value.as_string(), scope, true, nullptr);
      if (auto literal = literal_sub(text, m.value.mark()))
        return Value(*literal).with_mark(v.mark());
      Value out = Value::object();
      out.set(m.key, Value(text).with_mark(m.value.mark()), m.key_mark);
      return out.with_mark(v.mark());
    }
    if (m.value.is_array() && m.value.size() == 2 && m.value.as_array()[0].is_string() &&
        m.value.as_array()[1].is_object()) {
      const Value &vars = m.value.as_array()[1];
      std::set<std::string> shadowed;
      for (const auto &var : vars.as_object())
        shadowed.insert(var.key);
      std::string text =
          substitute(m.value.as_array()[0].as_string(), scope, true, nullptr, shadowed);
      if (auto literal = literal_sub(text, m.value.mark()))
        return Value(*literal).with_mark(v.mark());
      Value::Array args{Value(text).with_mark(m.value.as_array()[0].mark()), value(vars, scope)};
      Value out = Value::object();
      out.set(m.key, Value(std::move(args)).with_mark(m.value.mark()), m.key_mark);
      return out.with_mark(v.mark());
    }
    Value::Object out;
    members(v.as_object(), scope, out, v.mark());
    return Value(std::move(out)).with_mark(v.mark());
  }

  /// Fn::Join whose list became plain strings in the copy (["Ref": Identifier, "fifo"]) is the
  /// joined string, as the documentation's processed templates show.
  Value join(const Value &v, const Scope &scope) {
    Value::Object members_out;
    members(v.as_object(), scope, members_out, v.mark());
    Value out = Value(std::move(members_out)).with_mark(v.mark());
    const Value &arg = out.as_object().front().value;
    if (!arg.is_array() || arg.size() != 2 || !arg.as_array()[0].is_string() ||
        !arg.as_array()[1].is_array())
      return out;
    std::string joined;
    bool first = true;
    for (const auto &item : arg.as_array()[1].as_array()) {
      if (!item.is_string())
        return out;
      if (!first)
        joined += arg.as_array()[0].as_string();
      joined += item.as_string();
      first = false;
    }
    return Value(joined).with_mark(v.mark());
  }

  const StaticValues &values_;
  std::set<std::string> loop_names_;
};

} // namespace

void fail(const std::string &message, const Mark &mark) {
  throw TransformError("Transform AWS::LanguageExtensions failed with: " + message, mark);
}

Value expand_loops(const Value &tmpl, const StaticValues &values) {
  if (!tmpl.is_object())
    return tmpl;
  Expander e(values);
  e.check_placement(tmpl);
  Value out = tmpl;
  for (auto &m : out.as_object())
    if (m.key == "Resources" || m.key == "Conditions" || m.key == "Outputs")
      m.value = e.section(m.value);
  return out;
}

} // namespace cfnlocal::transforms::language_extensions::detail
