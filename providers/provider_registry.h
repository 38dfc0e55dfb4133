#pragma once
/// \file
/// Which provider serves a resource type: the real provider registered for it (S3 buckets, SSM
/// parameters, Secrets Manager secrets, ...), else the generic schema-driven provider.

#include "providers/generic_provider.h"
#include "providers/random_source.h"
#include "providers/resource_provider.h"
#include "schema/registry.h"
#include "services/backend.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::providers {

/// The type custom resources are registered under; it also serves every `Custom::*` type.
inline constexpr std::string_view kCustomResourceType = "AWS::CloudFormation::CustomResource";

class ProviderRegistry {
public:
  /// An empty registry whose fallback is a GenericProvider over `backend` and `registry`.
  /// `random` seeds generated names and ids (pass RandomSource(seed) for repeatable runs).
  /// All three must outlive the registry.
  ProviderRegistry(services::Backend &backend, const schema::Registry &registry,
                   RandomSource &random);

  /// A registry with every real provider of this module registered (see builtin_types()).
  static std::unique_ptr<ProviderRegistry> with_builtin_providers(services::Backend &backend,
                                                                  const schema::Registry &registry,
                                                                  RandomSource &random);

  /// The types with a real provider in with_builtin_providers(), sorted; `Custom::*` types are
  /// served by AWS::CloudFormation::CustomResource's provider and not listed. Known without a
  /// backend (equal to registered_types() of a with_builtin_providers() registry).
  static std::vector<std::string> builtin_types();
  /// The types registered with add(), sorted.
  std::vector<std::string> registered_types() const;

  /// Serves `type_name` with `provider` from now on (replacing any earlier registration).
  void add(std::string type_name, std::shared_ptr<ResourceProvider> provider);

  /// The provider for `type_name`: the registered one, else the generic provider. Never null;
  /// for a type the schema registry does not know, the generic provider's handlers fail with
  /// InvalidRequest ("Unrecognized resource types: [X]").
  ResourceProvider &provider_for(std::string_view type_name) const;
  /// Whether `type_name` has a registered (non-generic) provider.
  bool has_specific(std::string_view type_name) const;

  GenericProvider &generic() const { return *generic_; }
  services::Backend &backend() const { return backend_; }
  const schema::Registry &schemas() const { return schemas_; }
  RandomSource &random() const { return random_; }

private:
  services::Backend &backend_;
  const schema::Registry &schemas_;
  RandomSource &random_;
  std::shared_ptr<GenericProvider> generic_;
  std::map<std::string, std::shared_ptr<ResourceProvider>, std::less<>> providers_;
};

} // namespace cfnlocal::providers
