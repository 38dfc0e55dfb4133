#pragma once
/// \file
/// One resource type of the CloudFormation registry: the facts its schema states (identifiers,
/// read-only / create-only / write-only properties, replacement strategy, tagging, handlers) and
/// the GetAtt attributes it accepts. Follows "Resource type schema" in the CloudFormation CLI
/// User Guide
/// (https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html).
///
/// Property pointers are JSON pointers into the schema as the registry writes them
/// ("/properties/VpcConfig/SubnetIds", "/properties/Tags/*/Key": `*` is every array item).
/// Property paths are the keys and array indices below a resource's `Properties`
/// ({"VpcConfig", "SubnetIds", "0"}).

#include "parser/json.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cfnlocal::schema {

/// How CloudFormation replaces a resource whose create-only property changes.
enum class ReplacementStrategy { CreateThenDelete, DeleteThenCreate };

/// "create_then_delete" or "delete_then_create" (the schema's spelling).
const char *replacement_strategy_name(ReplacementStrategy s);

/// What changing a property does to the resource (the change set's RequiresRecreation).
enum class UpdateBehavior {
  Mutable,               ///< updated in place (RequiresRecreation: Never)
  CreateOnly,            ///< replacement (Always)
  ConditionalCreateOnly, ///< replacement in some cases, decided by the handler (Conditionally)
};

/// The schema's "tagging" section; defaults as the schema specification gives them when a schema
/// has none (taggable, tags on create, updatable, system tags) except `tag_property`, which is
/// empty unless stated (or "/properties/Tags" when the schema has a Tags property).
struct Tagging {
  bool taggable = true;
  bool tag_on_create = true;
  bool tag_updatable = true;
  bool cloudformation_system_tags = true;
  std::string tag_property;
};

/// A GetAtt attribute: a literal name ("Arn", "Endpoint.Address") or, for `is_pattern`, a regular
/// expression that names must match in full ("Outputs\\..*" on AWS::CloudFormation::Stack).
/// `pointer` is the schema pointer the attribute reads ("/properties/Endpoint/Address").
struct Attribute {
  std::string name;
  std::string pointer;
  bool is_pattern = false;
};

class ResourceType {
public:
  /// Builds a type from its (bundle) schema. Throws cfnlocal::Error when the schema has no
  /// typeName or a `$ref` that does not resolve.
  explicit ResourceType(Json schema);
  ResourceType(const ResourceType &) = delete;
  ResourceType &operator=(const ResourceType &) = delete;

  /// "AWS::S3::Bucket".
  const std::string &name() const { return name_; }

  /// The whole schema as stored in the bundle (descriptions stripped; GetAtt attributes under
  /// "x-getatt", handler names under "x-handlers" when the source had them).
  const Json &schema() const { return schema_; }

  /// primaryIdentifier pointers, e.g. {"/properties/Arn"}.
  const std::vector<std::string> &primary_identifier() const { return primary_identifier_; }
  /// additionalIdentifiers: each a list of pointers.
  const std::vector<std::vector<std::string>> &additional_identifiers() const {
    return additional_identifiers_;
  }
  const std::vector<std::string> &read_only_properties() const { return read_only_; }
  const std::vector<std::string> &create_only_properties() const { return create_only_; }
  const std::vector<std::string> &conditional_create_only_properties() const {
    return conditional_create_only_;
  }
  const std::vector<std::string> &write_only_properties() const { return write_only_; }
  const std::vector<std::string> &deprecated_properties() const { return deprecated_; }
  /// readOnlyProperties as property paths: each pointer split, "properties" dropped
  /// ("/properties/Endpoint/Address" is {"Endpoint", "Address"}; `*` stays `*`).
  const std::vector<std::vector<std::string>> &read_only_paths() const { return read_only_paths_; }
  /// Top-level required property names.
  const std::vector<std::string> &required_properties() const { return required_; }

  /// replacementStrategy; CreateThenDelete when the schema does not say.
  ReplacementStrategy replacement_strategy() const { return replacement_strategy_; }

  const Tagging &tagging() const { return tagging_; }

  /// Whether the source schemas listed handlers. The registry schemas as AWS publishes them do;
  /// the cfn-lint patched set the project ships does not, and then has_handler() cannot answer.
  bool handlers_known() const { return handlers_known_; }
  /// Handler names ("create", "read", "update", "delete", "list") when known.
  const std::vector<std::string> &handlers() const { return handlers_; }
  /// True when the handler is listed; when handlers are unknown, true for create/read/delete
  /// (every registry type has them) and update (assumed), false for list.
  bool has_handler(std::string_view handler) const;

  /// The attributes Fn::GetAtt accepts (from getatt-attributes.json).
  const std::vector<Attribute> &attributes() const { return attributes_; }
  /// True when `name` is a literal attribute or matches an attribute pattern in full.
  bool accepts_attribute(std::string_view name) const;
  /// The schema pointer an attribute reads: the literal match, else the longest matching
  /// pattern's. nullopt when the attribute is not accepted.
  std::optional<std::string> attribute_pointer(std::string_view name) const;
  /// The resolved subschema of an attribute (e.g. {"type": "string"}), nullptr when the
  /// attribute is not accepted or its pointer names no schema node (cfn-lint's pseudo pointers
  /// "/properties/CfnLintStringType" and "/properties/CfnLintAllTypes" give {"type":"string"} and
  /// an empty schema).
  const Json *attribute_schema(std::string_view name) const;

  /// Replacement behaviour of a change at `path`: CreateOnly when a createOnly pointer equals
  /// the path or is an ancestor of it, ConditionalCreateOnly likewise for
  /// conditionalCreateOnlyProperties, else Mutable. A change to an object that merely contains a
  /// create-only descendant is Mutable here: compare the descendant itself (see
  /// has_create_only_descendant()).
  UpdateBehavior update_behavior(const std::vector<std::string> &path) const;
  /// True when some createOnly (or, with `conditional`, conditionalCreateOnly) pointer lies
  /// strictly below `path`.
  bool has_create_only_descendant(const std::vector<std::string> &path,
                                  bool conditional = false) const;
  bool is_read_only(const std::vector<std::string> &path) const;
  bool is_write_only(const std::vector<std::string> &path) const;

  /// The subschema of the property at `path`, `$ref`s resolved (array indices or "*" step into
  /// `items`; keys also match patternProperties and the branches of oneOf/anyOf/allOf). nullptr
  /// when the schema has no such property.
  const Json *property_schema(const std::vector<std::string> &path) const;
  /// Same, from a pointer "/properties/A/B".
  const Json *schema_at_pointer(std::string_view pointer) const;

  /// Follows `$ref` chains from `node` (resolved when the type was built). Returns `node` itself
  /// when it has no `$ref`.
  const Json &resolve(const Json &node) const;

private:
  void index_refs(const Json &node);
  const Json *step_into(const Json *node, const std::string &key) const;

  std::string name_;
  Json schema_;
  std::vector<std::string> primary_identifier_;
  std::vector<std::vector<std::string>> additional_identifiers_;
  std::vector<std::string> read_only_, create_only_, conditional_create_only_, write_only_,
      deprecated_, required_;
  ReplacementStrategy replacement_strategy_ = ReplacementStrategy::CreateThenDelete;
  Tagging tagging_;
  bool handlers_known_ = false;
  std::vector<std::string> handlers_;
  std::vector<Attribute> attributes_;
  std::unordered_map<const Json *, const Json *> refs_;
  // The pointer lists split into segments once ("properties" first), for the path checks.
  std::vector<std::vector<std::string>> read_only_split_, create_only_split_,
      conditional_create_only_split_, write_only_split_, read_only_paths_;
};

/// Splits "/properties/A/B" into {"properties", "A", "B"} (decoding ~1 and ~0).
std::vector<std::string> split_pointer(std::string_view pointer);

} // namespace cfnlocal::schema
