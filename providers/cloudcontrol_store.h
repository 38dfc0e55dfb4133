#pragma once
/// \file
/// The generic provider's record store: resource models kept through the services backend's
/// "cloudcontrol" service, with the AWS Cloud Control API's operations and shapes
/// (CreateResource, GetResource, UpdateResource, DeleteResource, ListResources; models travel as
/// JSON text in DesiredState / ResourceDescription.Properties, updates as RFC 6902 patches).
///
/// The embedded backend has no resource handlers of its own, so CreateResource carries the
/// complete model (read-only properties included) and, as a cfnlocal extension, the
/// `Identifier` it is to be stored under; a backend that assigns its own identifier returns it
/// in ProgressEvent.Identifier and that one wins.

#include "parser/value.h"
#include "services/backend.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cfnlocal::providers {

class CloudControlStore {
public:
  explicit CloudControlStore(services::Backend &backend) : backend_(backend) {}

  /// Stores a new record; returns its identifier. Throws services::ServiceError (e.g.
  /// AlreadyExistsException), including for a FAILED progress event in the response.
  std::string create(std::string_view type_name, std::string_view identifier, const Value &model,
                     std::string_view client_token);
  /// The stored model, nullopt when there is none (ResourceNotFoundException). Throws
  /// services::ServiceError for other errors.
  std::optional<Value> get(std::string_view type_name, std::string_view identifier);
  /// Replaces the stored model with `model` (sent as a patch from `previous`). Throws
  /// services::ServiceError (ResourceNotFoundException when the record is gone).
  void update(std::string_view type_name, std::string_view identifier, const Value &previous,
              const Value &model, std::string_view client_token);
  /// Deletes the record. Throws services::ServiceError (ResourceNotFoundException when gone).
  void remove(std::string_view type_name, std::string_view identifier,
              std::string_view client_token);
  /// One page of records: (models, next token, "" at the end).
  std::pair<std::vector<Value>, std::string> list(std::string_view type_name,
                                                  std::string_view next_token);

  /// The RFC 6902 patch that turns `from` into `to`, member by member at the top level.
  static Json patch(const Value &from, const Value &to);

private:
  services::Backend &backend_;
};

} // namespace cfnlocal::providers
