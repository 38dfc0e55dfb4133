#pragma once
/// \file
/// Internals of the evaluator shared by its translation units (not a public header: include
/// intrinsics/evaluator.h instead).

#include "intrinsics/evaluator.h"
#include "parser/diagnostic.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cfnlocal::intrinsics::detail {

[[noreturn]] void fail(const std::string &message, const Mark &mark);

/// The mark to report for a call: the object's own, else its key's.
Mark call_mark(const Value &call);

/// Builds {name: argument} with `mark` (a call kept for later).
Value make_call(std::string_view name, Value argument, const Mark &mark);

/// A scalar as CloudFormation turns it into a string; nullopt for arrays, objects and null.
std::optional<std::string> string_of(const Value &v);

/// A whole number given as a number or as its text ("3"), as Fn::Select indexes and Fn::Cidr
/// counts may be; nullopt for anything else (fractions, other text, other kinds).
std::optional<long long> integer_of(const Value &v);

/// "[A, B]"
std::string bracket_list(const std::vector<std::string> &names);

/// One evaluation pass over values with one Context. Not thread-safe (it caches conditions it
/// computes when the Context has none); evaluate() makes one per call, which costs nothing.
class Evaluator {
public:
  explicit Evaluator(const Context &context);

  /// nullopt stands for AWS::NoValue.
  std::optional<Value> eval(const Value &value);
  /// A condition expression to a truth value.
  bool condition_expr(const Value &value);
  /// A named condition, from the Context's values, else computed here (with cycle detection).
  /// `function` names the caller in the error for an undeclared condition.
  bool condition_named(std::string_view name, const Mark &mark,
                       std::string_view function = "Condition");

  const Context &ctx;
  const TemplateIndex &index;
  Lookup &lookup;
  const PseudoParameters &pseudo;
  /// Set while evaluating the Conditions section: Refs to resources are errors there.
  bool in_conditions = false;

  // Functions. `call` is the whole {name: arg} node, `arg` its argument, `mark` where to report.
  std::optional<Value> fn_ref(const Value &arg, const Mark &mark);
  std::optional<Value> fn_get_att(const Value &arg, const Mark &mark);
  std::optional<Value> fn_sub(const Value &arg, const Mark &mark);
  std::optional<Value> fn_join(const Value &arg, const Mark &mark);
  std::optional<Value> fn_select(const Value &arg, const Mark &mark);
  std::optional<Value> fn_split(const Value &arg, const Mark &mark);
  std::optional<Value> fn_find_in_map(const Value &arg, const Mark &mark);
  std::optional<Value> fn_base64(const Value &arg, const Mark &mark);
  std::optional<Value> fn_cidr(const Value &arg, const Mark &mark);
  std::optional<Value> fn_get_azs(const Value &arg, const Mark &mark);
  std::optional<Value> fn_import_value(const Value &arg, const Mark &mark);
  std::optional<Value> fn_if(const Value &arg, const Mark &mark);
  std::optional<Value> fn_length(const Value &arg, const Mark &mark);
  std::optional<Value> fn_to_json_string(const Value &arg, const Mark &mark);

  /// A resource's value for Ref (physical ID) or nullopt while unknown. Checks that the resource
  /// exists and that its condition (when known) holds.
  std::optional<Value> resource_ref(std::string_view name, const Mark &mark);
  std::optional<Value> resource_att(std::string_view name, std::string_view attribute,
                                    const Mark &mark);

private:
  std::optional<Value> call(std::string_view name, const Value &node, const Value &arg,
                            const Mark &mark);
  void check_resource(std::string_view name, const Mark &mark);

  enum class State { Visiting, Done };
  std::unordered_map<std::string, std::pair<State, bool>> local_conditions_;
  std::vector<std::string> visiting_;
};

} // namespace cfnlocal::intrinsics::detail
