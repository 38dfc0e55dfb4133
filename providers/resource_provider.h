#pragma once
/// \file
/// A resource provider: the handlers of the CloudFormation resource provider contract
/// ("Resource type handler contract", CloudFormation CLI User Guide) for one or more types, and
/// what CloudFormation derives from a model: the physical ID, the `Ref` value and `Fn::GetAtt`
/// attributes ("Resource type reference": each type's "Return values" section).
///
/// Handlers never throw for anything a user or a service can cause: they return a FAILED
/// progress event with the contract's error code and the service's message.

#include "providers/handler_request.h"
#include "providers/progress_event.h"

#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::providers {

class ResourceProvider {
public:
  virtual ~ResourceProvider() = default;

  /// Creates the resource from `request.desired_state`. SUCCESS carries the full model
  /// (desired properties plus every read-only property); FAILED with InvalidRequest when the
  /// properties break the schema, AlreadyExists when the name is taken, or the service's code.
  virtual ProgressEvent create(const ResourceHandlerRequest &request) = 0;
  /// Reads the resource `request.physical_id`: SUCCESS with its current model, FAILED NotFound
  /// when it no longer exists.
  virtual ProgressEvent read(const ResourceHandlerRequest &request) = 0;
  /// Updates `request.physical_id` in place from `previous_state` to `desired_state`. FAILED
  /// NotFound when it is gone, InvalidRequest for schema errors, NotUpdatable when a createOnly
  /// property changes (the engine replaces instead of calling update in that case).
  virtual ProgressEvent update(const ResourceHandlerRequest &request) = 0;
  /// Deletes `request.physical_id`: SUCCESS (model null), FAILED NotFound when already gone.
  virtual ProgressEvent remove(const ResourceHandlerRequest &request) = 0;
  /// Lists the resources of `request.type_name`: SUCCESS with `resource_models` (and
  /// `next_token` when there are more).
  virtual ProgressEvent list(const ResourceHandlerRequest &request) = 0;

  /// The physical ID CloudFormation records for `model` of type `type_name`: the primary
  /// identifier's value, parts joined with "|" when composite. "" when the model lacks it.
  virtual std::string physical_id(std::string_view type_name, const Value &model) const = 0;
  /// What `Ref` returns for `model`, per the type's documentation. nullopt when the model lacks it.
  virtual std::optional<Value> ref(std::string_view type_name, const Value &model) const = 0;
  /// Whether `Fn::GetAtt` accepts `attribute` ("Arn", "Endpoint.Address") for the type.
  virtual bool has_attribute(std::string_view type_name, std::string_view attribute) const = 0;
  /// The value of `Fn::GetAtt [X, attribute]` for `model` (the model create/update/read
  /// returned). `request` names the type and the stack, region, account and partition (its
  /// states are ignored): an attribute the model does not carry, such as a writable property
  /// left to the service's default, is derived from them and the schema, the same value on every
  /// call. nullopt when the type has no such attribute (see has_attribute) or no value for it.
  virtual std::optional<Value> get_att(const ResourceHandlerRequest &request, const Value &model,
                                       std::string_view attribute) const = 0;
};

} // namespace cfnlocal::providers
