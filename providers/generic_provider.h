#pragma once
/// \file
/// The generic schema-driven provider: serves every registry type from its schema alone. Create
/// validates the properties against the schema, assigns the physical ID (the given name, a
/// generated `stack-Logical-RANDOM` name, or an id in the type's format), fills every read-only
/// property with a realistic value (model_synthesis.h) and keeps the model as a record through
/// the services backend's "cloudcontrol" service (cloudcontrol_store.h). Read returns the record,
/// update merges the new desired state, delete removes it. Follows the resource provider
/// contract's handler semantics ("Resource type handler contract", CloudFormation CLI User
/// Guide) and Cloud Control API's messages.

#include "providers/cloudcontrol_store.h"
#include "providers/random_source.h"
#include "providers/resource_provider.h"
#include "schema/registry.h"
#include "services/backend.h"

namespace cfnlocal::providers {

class GenericProvider : public ResourceProvider {
public:
  /// `backend`, `registry` and `random` must outlive the provider.
  GenericProvider(services::Backend &backend, const schema::Registry &registry,
                  RandomSource &random);

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;

  std::string physical_id(std::string_view type_name, const Value &model) const override;
  std::optional<Value> ref(std::string_view type_name, const Value &model) const override;
  bool has_attribute(std::string_view type_name, std::string_view attribute) const override;
  std::optional<Value> get_att(const ResourceHandlerRequest &request, const Value &model,
                               std::string_view attribute) const override;

  /// The schema failure of `properties` for `request`, worded as AWS words it: "Properties
  /// validation failed for resource LOGICAL with message: #/Path: ..." (several messages in
  /// brackets, comma-separated). nullopt when valid.
  std::optional<std::string> validation_failure(const ResourceHandlerRequest &request,
                                                const Value &properties) const;

  /// The model `update` stores: `desired` plus what the previous model keeps (read-only
  /// properties, create-only properties the template leaves out, such as a generated name),
  /// with newly needed read-only properties filled.
  Value merged_model(const schema::ResourceType &type, const ResourceHandlerRequest &request,
                     const Value &previous);

  /// The first create-only property whose value `desired` changes from `previous`, as a
  /// pointer ("/properties/QueueName"); "" when none.
  static std::string changed_create_only(const schema::ResourceType &type, const Value &previous,
                                         const Value &desired);

  /// What an update handler checks before calling its service: `desired` valid against the
  /// schema (InvalidRequest, validation_failure's message) and no create-only property changed
  /// from `previous` (NotUpdatable, Cloud Control API's "Invalid patch update:
  /// createOnlyProperties [/properties/X] cannot be updated"). nullopt when the update may go on.
  std::optional<ProgressEvent> update_refusal(const schema::ResourceType &type,
                                              const ResourceHandlerRequest &request,
                                              const Value &previous, const Value &desired) const;

protected:
  const schema::ResourceType *type_of(std::string_view type_name) const;
  static ProgressEvent unknown_type(std::string_view type_name);

  services::Backend &backend_;
  const schema::Registry &registry_;
  RandomSource &random_;
  CloudControlStore store_;
};

} // namespace cfnlocal::providers
