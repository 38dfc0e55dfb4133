#pragma once
/// \file
/// A name index over one template document, built once and shared by every evaluation, so that
/// evaluating a resource never copies or rescans the template (a stack may have 5,000 resources).

#include "parser/value.h"

#include <string>
#include <string_view>
#include <unordered_map>

namespace cfnlocal::intrinsics {

/// What a name in a Ref or Sub variable stands for.
enum class NameKind { Resource, Parameter, Pseudo, Unknown };

/// "resource", "parameter", "pseudo parameter", "unknown".
const char *name_kind_name(NameKind kind);

/// Pointers into a template's sections, and its resources and parameters by name.
/// Keeps pointers and views into `root`: the document must outlive the index and not change.
/// Sections of the wrong shape (a Parameters that is not an object) are treated as absent; the
/// parser's structure checks report them.
class TemplateIndex {
public:
  explicit TemplateIndex(const Value &root);

  const Value &root() const { return *root_; }
  const Value *parameters() const { return parameters_; }
  const Value *mappings() const { return mappings_; }
  const Value *conditions() const { return conditions_; }
  const Value *resources() const { return resources_; }
  const Value *rules() const { return rules_; }
  const Value *outputs() const { return outputs_; }

  /// A resource's entry ({Type, Properties, ...}), nullptr when the template has none by that name.
  const Value *resource(std::string_view logical_id) const;
  /// A parameter's declaration ({Type, Default, ...}), nullptr when not declared.
  const Value *parameter(std::string_view name) const;
  /// A condition's definition, nullptr when not declared.
  const Value *condition(std::string_view name) const;
  /// The Condition attribute of a resource (its condition name), "" when it has none.
  std::string_view resource_condition(std::string_view logical_id) const;
  /// The declared Type of a parameter, "" when not declared.
  std::string_view parameter_type(std::string_view name) const;

  /// Classifies a Ref target or Sub variable: pseudo parameters first (AWS::Region), then
  /// parameters, then resources.
  NameKind classify(std::string_view name) const;

private:
  const Value *root_;
  const Value *parameters_ = nullptr;
  const Value *mappings_ = nullptr;
  const Value *conditions_ = nullptr;
  const Value *resources_ = nullptr;
  const Value *rules_ = nullptr;
  const Value *outputs_ = nullptr;
  std::unordered_map<std::string_view, const Value *> resource_index_;
  std::unordered_map<std::string_view, const Value *> parameter_index_;
  std::unordered_map<std::string_view, const Value *> condition_index_;
};

} // namespace cfnlocal::intrinsics
