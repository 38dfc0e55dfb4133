#pragma once
/// \file
/// What the engine knows about a stack's resources while an operation runs: for each logical ID,
/// its type, physical ID and the model its provider returned. Ref and Fn::GetAtt are answered
/// from here (through the provider, which knows each type's documented Ref value and attributes).

#include "parser/value.h"
#include "providers/resource_provider.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cfnlocal::engine {

/// One created resource.
struct LiveResource {
  std::string type;
  std::string physical_id;
  Value model;
};

/// Returns the provider serving a type (never null).
using ProviderFor = std::function<providers::ResourceProvider &(std::string_view type)>;

class LiveResources {
public:
  /// `context` names the stack, region, account and partition for the providers' GetAtt.
  LiveResources(ProviderFor provider_for, providers::ResourceHandlerRequest context)
      : provider_for_(std::move(provider_for)), context_(std::move(context)) {}

  void set(std::string logical_id, LiveResource resource);
  void erase(std::string_view logical_id);
  const LiveResource *find(std::string_view logical_id) const;

  /// Ref per the type's documentation; nullopt while the resource is not created.
  std::optional<Value> ref(std::string_view logical_id) const;
  /// Fn::GetAtt; nullopt while not created. Throws cfnlocal::Error for an attribute the type does
  /// not have ("Template error: resource X does not support attribute type Y in Fn::GetAtt").
  std::optional<Value> get_att(std::string_view logical_id, std::string_view attribute) const;

private:
  ProviderFor provider_for_;
  providers::ResourceHandlerRequest context_;
  std::unordered_map<std::string, LiveResource> resources_;
};

} // namespace cfnlocal::engine
