#include "validate/conditions.h"

#include "parser/json.h"

#include <algorithm>

namespace cfnlocal::validate {

namespace {
constexpr int kMaxDepth = 64;

/// The text a side of Fn::Equals stands for: a literal's string, "ref:Name" for a Ref, nullopt
/// for anything else (a function whose value the template does not fix).
std::optional<std::string> side(const Value &v) {
  if (v.is_scalar())
    return v.scalar_string();
  if (auto k = v.single_key(); k && *k == "Ref") {
    const Value *arg = v.find("Ref");
    if (arg->is_string())
      return "ref:" + arg->as_string();
  }
  return std::nullopt;
}
} // namespace

ConditionSet::ConditionSet(const Context &ctx) : ctx_(ctx) {
  nodes_.push_back(Node{Node::True, -1, {}});  // 0
  nodes_.push_back(Node{Node::False, -1, {}}); // 1
  if (const Value *params = ctx.parameters())
    for (const auto &p : params->as_object()) {
      if (!p.value.is_object())
        continue;
      const Value *allowed = p.value.find("AllowedValues");
      if (!allowed || !allowed->is_array() || allowed->size() == 0)
        continue;
      std::vector<std::string> values;
      bool ok = true;
      for (const auto &item : allowed->as_array()) {
        auto s = item.scalar_string();
        if (!s || item.is_null()) {
          ok = false;
          break;
        }
        values.push_back(*s);
      }
      if (ok)
        allowed_[p.key] = std::move(values);
    }
  if (const Value *conds = ctx.conditions())
    for (const auto &c : conds->as_object()) {
      std::vector<std::string> stack;
      condition_node(c.key, 0, stack);
    }
}

bool ConditionSet::defined(std::string_view name) const { return ctx_.has_condition(name); }

int ConditionSet::add(Node n) {
  nodes_.push_back(std::move(n));
  return static_cast<int>(nodes_.size() - 1);
}

int ConditionSet::atom(std::string key, std::string value, bool equality) {
  if (equality) {
    auto allowed = allowed_.find(key);
    if (allowed != allowed_.end() &&
        std::find(allowed->second.begin(), allowed->second.end(), value) == allowed->second.end())
      return 1; // the parameter can never hold that value
  }
  std::string id = key + '\0' + value + (equality ? "=" : "?");
  auto it = atom_index_.find(id);
  int a;
  if (it != atom_index_.end()) {
    a = it->second;
  } else {
    a = static_cast<int>(atoms_.size());
    atoms_.push_back(Atom{key, value, equality});
    atom_index_.emplace(std::move(id), a);
    if (equality)
      by_key_[key].push_back(a);
  }
  return add(Node{Node::Atom, a, {}});
}

int ConditionSet::condition_node(std::string_view name, int depth,
                                 std::vector<std::string> &stack) {
  if (auto it = conditions_.find(name); it != conditions_.end())
    return it->second;
  const Value *conds = ctx_.conditions();
  const Value *def = conds ? conds->find(name) : nullptr;
  bool cyclic = std::find(stack.begin(), stack.end(), name) != stack.end();
  if (!def || cyclic || depth > kMaxDepth)
    return atom("condition:" + std::string(name), "", false);
  stack.emplace_back(name);
  int n = build(*def, depth + 1, stack);
  stack.pop_back();
  conditions_.emplace(std::string(name), n);
  return n;
}

int ConditionSet::build(const Value &v, int depth, std::vector<std::string> &stack) {
  auto free_atom = [&] { return atom("expr:" + dump_json(v, -1), "", false); };
  auto key = v.single_key();
  if (!key || depth > kMaxDepth)
    return free_atom();
  const Value &arg = v.as_object()[0].value;
  if (*key == "Condition")
    return arg.is_string() ? condition_node(arg.as_string(), depth, stack) : free_atom();
  if (*key == "Fn::Not") {
    if (!arg.is_array() || arg.size() != 1)
      return free_atom();
    int kid = build(arg.as_array()[0], depth + 1, stack);
    return add(Node{Node::Not, -1, {kid}});
  }
  if (*key == "Fn::And" || *key == "Fn::Or") {
    if (!arg.is_array() || arg.size() == 0)
      return free_atom();
    Node n{*key == "Fn::And" ? Node::And : Node::Or, -1, {}};
    for (const auto &item : arg.as_array())
      n.kids.push_back(build(item, depth + 1, stack));
    return add(std::move(n));
  }
  if (*key == "Fn::Equals") {
    if (!arg.is_array() || arg.size() != 2)
      return free_atom();
    auto a = side(arg.as_array()[0]);
    auto b = side(arg.as_array()[1]);
    if (a && b) {
      bool a_ref = a->rfind("ref:", 0) == 0, b_ref = b->rfind("ref:", 0) == 0;
      if (!a_ref && !b_ref)
        return *a == *b ? 0 : 1;
      if (a_ref && b_ref)
        return *a == *b ? 0 : free_atom();
      const std::string &ref = a_ref ? *a : *b;
      const std::string &lit = a_ref ? *b : *a;
      return atom(ref.substr(4), lit, true);
    }
    if (arg.as_array()[0] == arg.as_array()[1])
      return 0;
    return free_atom();
  }
  return free_atom();
}

int ConditionSet::eval(int node, const std::vector<signed char> &assignment) const {
  const Node &n = nodes_[node];
  switch (n.kind) {
  case Node::True:
    return 1;
  case Node::False:
    return 0;
  case Node::Atom:
    return assignment[n.atom];
  case Node::Not: {
    int k = eval(n.kids[0], assignment);
    return k < 0 ? -1 : 1 - k;
  }
  case Node::And: {
    int result = 1;
    for (int kid : n.kids) {
      int k = eval(kid, assignment);
      if (k == 0)
        return 0;
      if (k < 0)
        result = -1;
    }
    return result;
  }
  case Node::Or: {
    int result = 0;
    for (int kid : n.kids) {
      int k = eval(kid, assignment);
      if (k == 1)
        return 1;
      if (k < 0)
        result = -1;
    }
    return result;
  }
  }
  return -1;
}

bool ConditionSet::consistent(const std::vector<signed char> &assignment, int changed) const {
  const Atom &a = atoms_[changed];
  if (!a.equality)
    return true;
  const auto &group = by_key_.at(a.key);
  int trues = 0;
  bool all_false = true;
  for (int other : group) {
    if (assignment[other] == 1)
      ++trues;
    if (assignment[other] != 0)
      all_false = false;
  }
  if (trues > 1)
    return false; // one parameter cannot equal two different literals
  if (all_false) {
    // With AllowedValues, the parameter equals one of them: if every allowed value has an atom,
    // they cannot all be false.
    auto allowed = allowed_.find(a.key);
    if (allowed != allowed_.end()) {
      size_t covered = 0;
      for (const auto &value : allowed->second)
        for (int other : group)
          if (atoms_[other].value == value) {
            ++covered;
            break;
          }
      if (covered == allowed->second.size())
        return false;
    }
  }
  return true;
}

void ConditionSet::collect_atoms(int node, std::vector<int> &out, std::vector<char> &seen) const {
  const Node &n = nodes_[node];
  if (n.kind == Node::Atom) {
    if (!seen[n.atom]) {
      seen[n.atom] = 1;
      out.push_back(n.atom);
      // Siblings on the same parameter matter for exclusivity even when not mentioned.
      if (atoms_[n.atom].equality)
        for (int other : by_key_.at(atoms_[n.atom].key))
          if (!seen[other]) {
            seen[other] = 1;
            out.push_back(other);
          }
    }
    return;
  }
  for (int kid : n.kids)
    collect_atoms(kid, out, seen);
}

bool ConditionSet::search(const std::vector<std::pair<int, bool>> &formulas,
                          std::vector<signed char> &assignment, const std::vector<int> &atoms,
                          size_t next) const {
  bool all_true = true;
  for (const auto &[node, want] : formulas) {
    int v = eval(node, assignment);
    if (v >= 0 && v != (want ? 1 : 0))
      return false;
    if (v < 0)
      all_true = false;
  }
  if (all_true) {
    // Every partial assignment that passed `consistent` extends to a full one (set one unassigned
    // atom of a fully covered parameter true), so the formulas hold for some parameter values.
    return true;
  }
  if (next >= atoms.size())
    return false;
  int a = atoms[next];
  if (assignment[a] >= 0)
    return search(formulas, assignment, atoms, next + 1);
  for (signed char value : {1, 0}) {
    assignment[a] = value;
    if (consistent(assignment, a) && search(formulas, assignment, atoms, next + 1))
      return true;
  }
  assignment[a] = -1;
  return false;
}

bool ConditionSet::solve(const std::vector<std::pair<int, bool>> &formulas) const {
  std::vector<int> atoms;
  std::vector<char> seen(atoms_.size(), 0);
  for (const auto &f : formulas)
    collect_atoms(f.first, atoms, seen);
  std::vector<signed char> assignment(atoms_.size(), -1);
  return search(formulas, assignment, atoms, 0);
}

int ConditionSet::lookup(std::string_view condition) const {
  auto it = conditions_.find(condition);
  if (it != conditions_.end())
    return it->second;
  return -1;
}

bool ConditionSet::satisfiable(std::span<const Guard> guards) const {
  std::vector<std::pair<int, bool>> formulas;
  for (const auto &g : guards) {
    int n = lookup(g.condition);
    if (n < 0)
      continue; // unknown: free
    formulas.emplace_back(n, g.value);
  }
  return solve(formulas);
}

bool ConditionSet::implies(std::span<const Guard> guards, std::string_view condition,
                           bool value) const {
  int n = lookup(condition);
  if (n < 0)
    return false;
  std::vector<std::pair<int, bool>> formulas;
  for (const auto &g : guards) {
    int m = lookup(g.condition);
    if (m >= 0)
      formulas.emplace_back(m, g.value);
  }
  if (!solve(formulas))
    return false;
  formulas.emplace_back(n, !value);
  return !solve(formulas);
}

std::optional<bool> ConditionSet::constant(std::string_view condition) const {
  int n = lookup(condition);
  if (n < 0)
    return std::nullopt;
  bool can_true = solve({{n, true}});
  bool can_false = solve({{n, false}});
  if (can_true && !can_false)
    return true;
  if (can_false && !can_true)
    return false;
  return std::nullopt;
}

} // namespace cfnlocal::validate
