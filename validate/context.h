#pragma once
/// \file
/// What every rule reads: the template's sections, its resources, and an index of every intrinsic
/// function call with where it sits (section, owning resource or output, JSON path, the `Fn::If`
/// branches around it). Built once per template so that each rule is a pass over small lists
/// rather than its own walk of the document.

#include "parser/diagnostic.h"
#include "parser/value.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::validate {

class ConditionSet;

/// The top-level section a node sits in.
enum class Section { Other, Parameters, Mappings, Conditions, Rules, Resources, Outputs, Metadata };

/// One `Fn::If` branch around a node: the node is only used when `condition` has `value`.
struct Guard {
  std::string_view condition;
  bool value;
};

/// One intrinsic function call: an object of exactly one member whose key is `Ref` or starts with
/// `Fn::` (and `Condition` inside condition functions).
struct Call {
  std::string_view name; ///< "Ref", "Fn::GetAtt", "Condition", ...
  const Value *node;     ///< the call object {name: argument}
  const Value *arg;      ///< the argument
  Mark mark;             ///< of the call (its key when known)
  std::string path;      ///< JSON path of the call object ("Resources/A/Properties/B")
  Section section = Section::Other;
  std::string_view owner; ///< logical ID of the resource, output name or condition name, else ""
  bool in_properties = false;        ///< inside a resource's Properties
  bool in_resource_metadata = false; ///< inside a resource's Metadata
  bool in_condition_function =
      false;       ///< inside Conditions, Fn::And/Or/Not/Equals or an Fn::If condition
  int guards = 0;  ///< index into Context::guard_sets(): the Fn::If branches around the call
  int depth = 0;   ///< number of enclosing intrinsic function calls
  int parent = -1; ///< index in Context::calls() of the enclosing call, -1 at the top
};

/// Options shared by the linter and the rules.
struct ContextOptions {
  std::string region = "us-east-1";
  /// Today's date (YYYY-MM-DD) for date-dependent rules; empty means the system clock (UTC).
  std::string today;
};

/// The per-template facts rules read. Pointers point into the document, which must outlive it.
class Context {
public:
  /// `root` is the parsed document, `file` the name diagnostics carry, `text_size` the size of the
  /// template body in bytes (for the 1 MB limit).
  Context(const Value &root, std::string file, size_t text_size, ContextOptions options = {});
  ~Context();

  const Value &root() const { return root_; }
  const std::string &file() const { return file_; }
  size_t text_size() const { return text_size_; }
  const std::string &region() const { return options_.region; }
  /// Today's date, YYYY-MM-DD (UTC unless the options fix it).
  std::string today() const;
  /// "aws", "aws-cn" or "aws-us-gov" from the region.
  std::string partition() const;

  /// A section when present and an object, nullptr otherwise.
  const Value *section(std::string_view name) const;
  const Value *parameters() const { return section("Parameters"); }
  const Value *mappings() const { return section("Mappings"); }
  const Value *conditions() const { return section("Conditions"); }
  const Value *resources() const { return section("Resources"); }
  const Value *outputs() const { return section("Outputs"); }

  /// Whether the template declares any Transform (SAM, a macro, ...).
  bool has_transform() const { return has_transform_; }
  /// Whether the template still uses the SAM transform (resource types AWS::Serverless::*).
  bool is_sam() const { return is_sam_; }

  bool has_parameter(std::string_view name) const;
  bool has_resource(std::string_view name) const;
  bool has_condition(std::string_view name) const;
  bool has_mapping(std::string_view name) const;
  /// The resource's Type string, "" when absent or not a string (or no such resource).
  std::string_view resource_type(std::string_view logical_id) const;
  /// The resource entry object, nullptr when absent.
  const Value *resource(std::string_view logical_id) const;
  /// The resource's Condition name, "" when none.
  std::string_view resource_condition(std::string_view logical_id) const;

  /// Every intrinsic function call, in document order.
  const std::vector<Call> &calls() const { return calls_; }
  /// Calls of one function ("Ref", "Fn::Sub"), in document order.
  std::vector<const Call *> calls_of(std::string_view name) const;
  /// The guard sets calls point at; guard_sets()[0] is empty.
  const std::vector<std::vector<Guard>> &guard_sets() const { return guard_sets_; }

  /// The conditions' relations (built on first use).
  const ConditionSet &condition_set() const;

  /// A per-template slot for results several rules share (the schema validation of every
  /// resource, computed once for the E30xx rules). Empty until a rule fills it.
  std::shared_ptr<void> &cache(const std::string &key) const { return cache_[key]; }

private:
  void index();

  const Value &root_;
  std::string file_;
  size_t text_size_;
  ContextOptions options_;
  bool has_transform_ = false;
  bool is_sam_ = false;
  std::vector<Call> calls_;
  std::vector<std::vector<Guard>> guard_sets_;
  mutable std::unique_ptr<ConditionSet> condition_set_;
  mutable std::map<std::string, std::shared_ptr<void>> cache_;
};

/// The mark of `v` when known, else `fallback`.
const Mark &mark_or(const Value &v, const Mark &fallback);

/// Joins a parent path and a segment with '/'.
std::string join_path(std::string_view parent, std::string_view segment);

/// True for the pseudo parameters a Ref may name (AWS::Region, AWS::NoValue, ...).
bool is_pseudo_parameter(std::string_view name);

/// The names of the intrinsic and condition functions CloudFormation knows ("Fn::Join", ...).
bool is_known_function(std::string_view name);

} // namespace cfnlocal::validate
