#include "validate/rules/helpers.h"

#include "parser/json.h"

namespace cfnlocal::validate::rules {

std::string show(const Value &v, size_t limit) {
  std::string s = v.is_string() ? "'" + v.as_string() + "'" : dump_json(v, -1);
  if (s.size() > limit)
    s = s.substr(0, limit) + "...";
  return s;
}

std::string quoted_list(const std::vector<std::string> &names, size_t limit) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < limit; ++i) {
    if (i)
      out += ", ";
    out += "'" + names[i] + "'";
  }
  if (names.size() > limit)
    out += ", ...";
  return out;
}

std::string arg_path(const Call &c) { return join_path(c.path, c.name); }
std::string arg_path(const Call &c, size_t i) { return join_path(arg_path(c), std::to_string(i)); }
const Mark &item_mark(const Call &c, const Value &item) { return mark_or(item, c.mark); }

std::vector<std::string> member_names(const Value *section) {
  std::vector<std::string> out;
  if (section && section->is_object())
    for (const auto &m : section->as_object())
      out.push_back(m.key);
  return out;
}

std::vector<std::string> ref_targets(const Context &ctx, bool resources) {
  auto out = member_names(ctx.parameters());
  if (resources)
    for (auto &r : member_names(ctx.resources()))
      out.push_back(std::move(r));
  for (const char *p : {"AWS::AccountId", "AWS::NoValue", "AWS::NotificationARNs", "AWS::Partition",
                        "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"})
    out.emplace_back(p);
  return out;
}

bool is_call(const Value &v, std::string_view name) {
  auto k = v.single_key();
  return k && *k == name;
}

std::string_view function_name(const Value &v) {
  auto k = v.single_key();
  if (!k)
    return {};
  if (*k == "Ref" || *k == "Condition" || k->rfind("Fn::", 0) == 0)
    return *k;
  return {};
}

bool is_function(const Value &v) { return !function_name(v).empty(); }

bool is_list_parameter(const Context &ctx, std::string_view name) {
  const Value *params = ctx.parameters();
  const Value *p = params ? params->find(name) : nullptr;
  const Value *type = p && p->is_object() ? p->find("Type") : nullptr;
  if (!type || !type->is_string())
    return false;
  const std::string &t = type->as_string();
  return t.rfind("List<", 0) == 0 || t == "CommaDelimitedList" ||
         t.find("<List<") != std::string::npos ||
         t.find("<CommaDelimitedList>") != std::string::npos;
}

bool may_be_list(const Context &ctx, const Value &v) {
  if (v.is_array())
    return true;
  std::string_view f = function_name(v);
  if (f.empty())
    return false;
  const Value &arg = v.as_object()[0].value;
  if (f == "Ref")
    return !arg.is_string() || is_list_parameter(ctx, arg.as_string()) ||
           arg.as_string() == "AWS::NotificationARNs";
  if (f == "Fn::If") {
    if (!arg.is_array() || arg.size() != 3)
      return true;
    return may_be_list(ctx, arg.as_array()[1]) || may_be_list(ctx, arg.as_array()[2]);
  }
  if (f == "Fn::Join" || f == "Fn::Sub" || f == "Fn::Base64" || f == "Fn::Length" ||
      f == "Fn::ToJsonString")
    return false;
  return true; // GetAZs, Split, Cidr, FindInMap, GetAtt, Select, ImportValue, ...
}

bool may_be_string(const Context &ctx, const Value &v) {
  if (v.is_scalar())
    return !v.is_null();
  if (v.is_array())
    return false;
  std::string_view f = function_name(v);
  if (f.empty())
    return false;
  const Value &arg = v.as_object()[0].value;
  if (f == "Ref")
    return !arg.is_string() || !is_list_parameter(ctx, arg.as_string()) ||
           ctx.has_resource(arg.as_string());
  if (f == "Fn::If") {
    if (!arg.is_array() || arg.size() != 3)
      return true;
    return may_be_string(ctx, arg.as_array()[1]) || may_be_string(ctx, arg.as_array()[2]);
  }
  if (f == "Fn::GetAZs" || f == "Fn::Split" || f == "Fn::Cidr")
    return false;
  return true;
}

} // namespace cfnlocal::validate::rules

namespace cfnlocal::validate::rules {

std::vector<std::string> sub_variables(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while ((i = text.find("${", i)) != std::string_view::npos) {
    size_t end = text.find('}', i + 2);
    if (end == std::string_view::npos)
      break;
    std::string_view inner = text.substr(i + 2, end - i - 2);
    i = end + 1;
    if (!inner.empty() && inner[0] == '!')
      continue;
    while (!inner.empty() && (inner.front() == ' ' || inner.front() == '\t'))
      inner.remove_prefix(1);
    while (!inner.empty() && (inner.back() == ' ' || inner.back() == '\t'))
      inner.remove_suffix(1);
    out.emplace_back(inner);
  }
  return out;
}

bool names_may_be_generated(const Context &ctx) {
  if (ctx.is_sam())
    return true;
  const Value *res = ctx.resources();
  if (res)
    for (const auto &m : res->as_object())
      if (m.key.rfind("Fn::ForEach::", 0) == 0)
        return true;
  return false;
}

std::string not_one_of(std::string_view name, const std::vector<std::string> &choices) {
  return "'" + std::string(name) + "' is not one of [" + quoted_list(choices) + "]";
}

} // namespace cfnlocal::validate::rules
