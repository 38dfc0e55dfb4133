#pragma once
/// \file
/// The resource type registry: every type of the CloudFormation registry schemas embedded in the
/// binary (the bundle made by scripts/schema/generate_bundle.py), looked up by type name.
/// Opening reads only the bundle's index; a type's schema is parsed on its first lookup.

#include "schema/resource_type.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::schema {

class Registry {
public:
  /// The registry embedded in the binary (works from any directory, no files read). Opened on
  /// first use; thread-safe.
  static const Registry &builtin();

  /// A registry over other bundle bytes (same layout as the embedded one); the bytes must
  /// outlive the registry. Throws cfnlocal::Error when the index is malformed.
  static std::unique_ptr<Registry> from_bundle(std::string_view bytes);

  ~Registry();
  Registry(const Registry &) = delete;
  Registry &operator=(const Registry &) = delete;

  /// The type, parsed on first lookup (thread-safe), or nullptr for a type the registry does not
  /// know. Custom resources (`Custom::*`, `AWS::CloudFormation::CustomResource`) have no schema
  /// and give nullptr. Throws cfnlocal::Error only if the embedded schema itself is corrupt.
  const ResourceType *find(std::string_view type_name) const;

  /// True when find() would return a type (without parsing it).
  bool contains(std::string_view type_name) const;

  /// Every type name with a schema, sorted.
  std::vector<std::string_view> type_names() const;

  /// Number of types with a schema.
  size_t size() const;

  /// True for the types CloudFormation treats as custom resources: `Custom::Name` and
  /// `AWS::CloudFormation::CustomResource` (any properties, any GetAtt attribute).
  static bool is_custom_resource(std::string_view type_name);

private:
  struct Entry;
  Registry() = default;
  const Entry *entry(std::string_view type_name) const;

  std::string_view payload_;
  std::unique_ptr<Entry[]> entries_;
  size_t count_ = 0;
};

} // namespace cfnlocal::schema
