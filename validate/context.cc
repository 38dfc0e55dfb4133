#include "validate/context.h"

#include "validate/conditions.h"

#include <algorithm>
#include <array>
#include <ctime>

namespace cfnlocal::validate {

namespace {

constexpr std::array<std::string_view, 8> kPseudo = {
    "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",   "AWS::Partition",
    "AWS::Region",    "AWS::StackId",          "AWS::StackName", "AWS::URLSuffix"};

constexpr std::array<std::string_view, 27> kFunctions = {"Ref",
                                                         "Condition",
                                                         "Fn::Base64",
                                                         "Fn::Cidr",
                                                         "Fn::FindInMap",
                                                         "Fn::GetAtt",
                                                         "Fn::GetAZs",
                                                         "Fn::ImportValue",
                                                         "Fn::Join",
                                                         "Fn::Length",
                                                         "Fn::Select",
                                                         "Fn::Split",
                                                         "Fn::Sub",
                                                         "Fn::ToJsonString",
                                                         "Fn::Transform",
                                                         "Fn::If",
                                                         "Fn::Equals",
                                                         "Fn::And",
                                                         "Fn::Or",
                                                         "Fn::Not",
                                                         "Fn::Contains",
                                                         "Fn::EachMemberEquals",
                                                         "Fn::EachMemberIn",
                                                         "Fn::RefAll",
                                                         "Fn::ValueOf",
                                                         "Fn::ValueOfAll",
                                                         "Fn::GetStackOutput"};

bool is_condition_function(std::string_view name) {
  return name == "Fn::And" || name == "Fn::Or" || name == "Fn::Not" || name == "Fn::Equals" ||
         name == "Condition";
}

Section section_of(std::string_view key) {
  if (key == "Parameters")
    return Section::Parameters;
  if (key == "Mappings")
    return Section::Mappings;
  if (key == "Conditions")
    return Section::Conditions;
  if (key == "Rules")
    return Section::Rules;
  if (key == "Resources")
    return Section::Resources;
  if (key == "Outputs")
    return Section::Outputs;
  if (key == "Metadata")
    return Section::Metadata;
  return Section::Other;
}

/// The walk's state for one node.
struct Where {
  Section section = Section::Other;
  std::string_view owner;
  bool in_properties = false;
  bool in_resource_metadata = false;
  bool in_condition = false;
  int guards = 0;
  int depth = 0;
  int parent = -1;
};

class Indexer {
public:
  Indexer(std::vector<Call> &calls, std::vector<std::vector<Guard>> &guard_sets)
      : calls_(calls), guard_sets_(guard_sets) {}

  void walk(const Value &v, const std::string &path, const Where &w) {
    if (v.is_array()) {
      const auto &items = v.as_array();
      for (size_t i = 0; i < items.size(); ++i)
        walk(items[i], join_path(path, std::to_string(i)), w);
      return;
    }
    if (!v.is_object())
      return;
    const auto &members = v.as_object();
    if (members.size() == 1) {
      const auto &m = members[0];
      bool is_call =
          m.key == "Ref" || m.key.rfind("Fn::", 0) == 0 || (m.key == "Condition" && w.in_condition);
      if (is_call) {
        record(v, m, path, w);
        return;
      }
    }
    for (const auto &m : members)
      walk(m.value, join_path(path, m.key), w);
  }

private:
  void record(const Value &v, const Value::Member &m, const std::string &path, const Where &w) {
    Call c;
    c.name = m.key;
    c.node = &v;
    c.arg = &m.value;
    c.mark = m.key_mark.known() ? m.key_mark : v.mark();
    c.path = path;
    c.section = w.section;
    c.owner = w.owner;
    c.in_properties = w.in_properties;
    c.in_resource_metadata = w.in_resource_metadata;
    c.in_condition_function = w.in_condition;
    c.guards = w.guards;
    c.depth = w.depth;
    c.parent = w.parent;
    int index = static_cast<int>(calls_.size());
    calls_.push_back(std::move(c));

    Where inner = w;
    inner.depth = w.depth + 1;
    inner.parent = index;
    std::string arg_path = join_path(path, m.key);
    // A macro's parameters are the macro's business; the template's functions do not apply.
    if (m.key == "Fn::Transform")
      return;
    if (is_condition_function(m.key))
      inner.in_condition = true;
    if (m.key == "Fn::If" && m.value.is_array() && m.value.size() == 3 &&
        m.value.as_array()[0].is_string()) {
      const auto &items = m.value.as_array();
      std::string_view cond = items[0].as_string();
      for (int branch = 1; branch <= 2; ++branch) {
        Where b = inner;
        b.in_condition = false;
        std::vector<Guard> set = guard_sets_[w.guards];
        set.push_back(Guard{cond, branch == 1});
        b.guards = static_cast<int>(guard_sets_.size());
        guard_sets_.push_back(std::move(set));
        walk(items[branch], join_path(arg_path, std::to_string(branch)), b);
      }
      return;
    }
    if (m.key == "Fn::If")
      inner.in_condition = false;
    walk(m.value, arg_path, inner);
  }

  std::vector<Call> &calls_;
  std::vector<std::vector<Guard>> &guard_sets_;
};

} // namespace

const Mark &mark_or(const Value &v, const Mark &fallback) {
  return v.mark().known() ? v.mark() : fallback;
}

std::string join_path(std::string_view parent, std::string_view segment) {
  std::string out;
  out.reserve(parent.size() + segment.size() + 1);
  out.append(parent);
  if (!parent.empty())
    out.push_back('/');
  out.append(segment);
  return out;
}

bool is_pseudo_parameter(std::string_view name) {
  return std::find(kPseudo.begin(), kPseudo.end(), name) != kPseudo.end();
}

bool is_known_function(std::string_view name) {
  return std::find(kFunctions.begin(), kFunctions.end(), name) != kFunctions.end();
}

Context::Context(const Value &root, std::string file, size_t text_size, ContextOptions options)
    : root_(root), file_(std::move(file)), text_size_(text_size), options_(std::move(options)) {
  guard_sets_.emplace_back();
  if (const Value *t = root_.find("Transform")) {
    has_transform_ = true;
    auto is_serverless = [](const Value &v) {
      return v.is_string() && v.as_string().rfind("AWS::Serverless", 0) == 0;
    };
    if (is_serverless(*t))
      is_sam_ = true;
    if (t->is_array())
      for (const auto &item : t->as_array())
        if (is_serverless(item))
          is_sam_ = true;
  }
  index();
}

Context::~Context() = default;

std::string Context::today() const {
  if (!options_.today.empty())
    return options_.today;
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string Context::partition() const {
  if (options_.region.rfind("cn-", 0) == 0)
    return "aws-cn";
  if (options_.region.rfind("us-gov-", 0) == 0)
    return "aws-us-gov";
  return "aws";
}

const Value *Context::section(std::string_view name) const {
  if (!root_.is_object())
    return nullptr;
  const Value *s = root_.find(name);
  return s && s->is_object() ? s : nullptr;
}

bool Context::has_parameter(std::string_view name) const {
  const Value *p = parameters();
  return p && p->find(name);
}
bool Context::has_resource(std::string_view name) const {
  const Value *r = resources();
  return r && r->find(name);
}
bool Context::has_condition(std::string_view name) const {
  const Value *c = conditions();
  return c && c->find(name);
}
bool Context::has_mapping(std::string_view name) const {
  const Value *m = mappings();
  return m && m->find(name);
}
const Value *Context::resource(std::string_view logical_id) const {
  const Value *r = resources();
  return r ? r->find(logical_id) : nullptr;
}
std::string_view Context::resource_type(std::string_view logical_id) const {
  const Value *r = resource(logical_id);
  if (!r || !r->is_object())
    return {};
  const Value *t = r->find("Type");
  return t && t->is_string() ? std::string_view(t->as_string()) : std::string_view();
}
std::string_view Context::resource_condition(std::string_view logical_id) const {
  const Value *r = resource(logical_id);
  if (!r || !r->is_object())
    return {};
  const Value *c = r->find("Condition");
  return c && c->is_string() ? std::string_view(c->as_string()) : std::string_view();
}

std::vector<const Call *> Context::calls_of(std::string_view name) const {
  std::vector<const Call *> out;
  for (const auto &c : calls_)
    if (c.name == name)
      out.push_back(&c);
  return out;
}

const ConditionSet &Context::condition_set() const {
  if (!condition_set_)
    condition_set_ = std::make_unique<ConditionSet>(*this);
  return *condition_set_;
}

void Context::index() {
  if (!root_.is_object())
    return;
  Indexer indexer(calls_, guard_sets_);
  for (const auto &top : root_.as_object()) {
    Section s = section_of(top.key);
    // Template Metadata is free-form (cfn-lint configuration, interface labels); functions there
    // are not evaluated by CloudFormation.
    if (s == Section::Metadata || s == Section::Other || s == Section::Mappings)
      continue;
    if (!top.value.is_object())
      continue;
    for (const auto &entry : top.value.as_object()) {
      Where w;
      w.section = s;
      w.owner = entry.key;
      std::string path = join_path(top.key, entry.key);
      if (s == Section::Conditions) {
        w.in_condition = true;
        indexer.walk(entry.value, path, w);
      } else if (s == Section::Resources && entry.value.is_object()) {
        for (const auto &attr : entry.value.as_object()) {
          Where a = w;
          a.in_properties = attr.key == "Properties";
          a.in_resource_metadata = attr.key == "Metadata";
          if (attr.key == "Type" || attr.key == "DependsOn")
            continue;
          indexer.walk(attr.value, join_path(path, attr.key), a);
        }
      } else {
        indexer.walk(entry.value, path, w);
      }
    }
  }
}

} // namespace cfnlocal::validate
