#pragma once
/// \file
/// The typed view of a CloudFormation template: its sections and resources, with the structural
/// checks every command needs before anything else runs. Follows "Template anatomy" and
/// "Resources" in the AWS CloudFormation User Guide.

#include "parser/diagnostic.h"
#include "parser/value.h"

#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal {

/// The top-level sections CloudFormation accepts.
extern const std::vector<std::string_view> kTemplateSections;

/// The attributes a resource entry may carry besides Type and Properties.
extern const std::vector<std::string_view> kResourceAttributes;

/// A resource entry, pointing into the template's document (valid while the Template lives).
struct ResourceEntry {
  std::string logical_id;
  Mark mark;               ///< of the logical ID key
  const Value *definition; ///< the whole entry: {Type, Properties, DependsOn, Condition, ...}

  std::string type() const;                    ///< "" when missing or not a string
  const Value *properties() const;             ///< nullptr when absent
  const Value *condition() const;              ///< the Condition attribute, nullptr when absent
  std::vector<std::string> depends_on() const; ///< DependsOn as a list (string or array form)
};

/// A parsed template. Owns its document.
class Template {
public:
  /// Wraps a document. Throws cfnlocal::Error (first structural problem, with its mark) when the
  /// document is not an object, has no Resources (or an empty one), has an unknown top-level
  /// section, or a resource without a string Type. Use `structure_diagnostics` to get all of them.
  explicit Template(Value root);

  /// Reads and wraps a template file (YAML or JSON).
  static Template from_file(const std::string &path);

  const Value &root() const { return root_; }
  Value &root() { return root_; }

  /// A top-level section, nullptr when absent.
  const Value *section(std::string_view name) const { return root_.find(name); }
  const Value *parameters() const { return section("Parameters"); }
  const Value *mappings() const { return section("Mappings"); }
  const Value *conditions() const { return section("Conditions"); }
  const Value *rules() const { return section("Rules"); }
  const Value *outputs() const { return section("Outputs"); }
  const Value *transform() const { return section("Transform"); }
  /// The transforms the template declares (the Transform section as a list of names; entries that
  /// are not strings, such as AWS::Include's object form, are skipped).
  std::vector<std::string> transform_names() const;

  /// The resources in document order.
  std::vector<ResourceEntry> resources() const;
  const Value *resource(std::string_view logical_id) const;

private:
  Value root_;
};

/// Every structural problem of a document (not an object, missing/empty Resources, unknown
/// sections, sections of the wrong shape, resources without Type), without throwing.
std::vector<Diagnostic> structure_diagnostics(const Value &root);

} // namespace cfnlocal
