#pragma once
/// \file
/// The relations between a template's conditions, for checks that depend on which conditions hold
/// ("a Ref to a resource whose condition may be false", "an Fn::If branch that can never be
/// taken"). Conditions become boolean formulas over atoms: `Fn::Equals` of a parameter (or pseudo
/// parameter) and a literal is the atom "parameter = literal"; atoms on one parameter with
/// different literals exclude each other, and a parameter with AllowedValues equals one of them.
/// Questions are answered by a small DPLL search over only the atoms the question mentions, so a
/// template with 40 conditions never enumerates 2^40 scenarios (cfn-lint issues 2874, 3356).
/// Follows "Condition functions" in the AWS CloudFormation User Guide.

#include "validate/context.h"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::validate {

class ConditionSet {
public:
  /// Reads the Conditions and Parameters sections of the context's template. Malformed conditions
  /// (reported by the E8xxx rules) become free atoms: nothing is assumed about them.
  explicit ConditionSet(const Context &ctx);

  /// Whether a condition of this name is defined.
  bool defined(std::string_view name) const;

  /// Whether the guards ("C1 is true and C2 is false") can all hold at once for some parameter
  /// values. Unknown condition names are free.
  bool satisfiable(std::span<const Guard> guards) const;

  /// Whether `guards` force `condition` to `value` (no parameter values satisfy the guards with
  /// the condition the other way). False when the guards themselves cannot hold.
  bool implies(std::span<const Guard> guards, std::string_view condition, bool value) const;

  /// Whether the condition is the same for every parameter value (returns the constant), nullopt
  /// otherwise.
  std::optional<bool> constant(std::string_view condition) const;

  /// Number of distinct atoms (for tests and the benchmark).
  size_t atom_count() const { return atoms_.size(); }

private:
  struct Node {
    enum Kind { True, False, Atom, Not, And, Or } kind = True;
    int atom = -1;
    std::vector<int> kids;
  };
  struct Atom {
    std::string key;   ///< the parameter (or a canonical text for other equalities)
    std::string value; ///< the literal it is compared with; empty for free atoms
    bool equality = false;
  };

  int build(const Value &v, int depth, std::vector<std::string> &stack);
  int condition_node(std::string_view name, int depth, std::vector<std::string> &stack);
  int atom(std::string key, std::string value, bool equality);
  int add(Node n);
  int eval(int node, const std::vector<signed char> &assignment) const;
  /// Formulas are (node, wanted value) pairs that must all hold.
  bool search(const std::vector<std::pair<int, bool>> &formulas,
              std::vector<signed char> &assignment, const std::vector<int> &atoms,
              size_t next) const;
  bool solve(const std::vector<std::pair<int, bool>> &formulas) const;
  int lookup(std::string_view condition) const;
  bool consistent(const std::vector<signed char> &assignment, int changed) const;
  void collect_atoms(int node, std::vector<int> &out, std::vector<char> &seen) const;

  const Context &ctx_;
  std::vector<Node> nodes_;
  std::vector<Atom> atoms_;
  std::map<std::string, int, std::less<>> atom_index_;
  std::map<std::string, int, std::less<>> conditions_;          ///< name -> node
  std::map<std::string, std::vector<int>, std::less<>> by_key_; ///< parameter -> its atoms
  std::map<std::string, std::vector<std::string>, std::less<>>
      allowed_; ///< parameter -> AllowedValues
};

} // namespace cfnlocal::validate
