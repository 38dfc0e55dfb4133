#pragma once
/// \file
/// The per-type steps of Ec2NetworkProvider (internal to providers/): each type's create, read,
/// update and delete written against EC2's operations, with models as JSON (the template's
/// properties; CloudFormation's names). Steps throw services::ServiceError for EC2's errors;
/// the provider turns them into progress events.

#include "parser/json.h"
#include "providers/handler_request.h"
#include "providers/random_source.h"
#include "services/backend.h"

#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::providers::ec2 {

/// One handler call.
struct Call {
  services::Backend &backend;
  const ResourceHandlerRequest &request;
  RandomSource &random;
  Json ec2(std::string_view operation, const Json &input) {
    return backend.call("ec2", operation, input);
  }
};

/// What the provider does for one type.
struct TypeSteps {
  /// Creates the resource from the template's properties; returns the full model (read-only
  /// properties filled). Undoes its own partial work before throwing.
  Json (*create)(Call &, Json properties);
  /// The current model of the resource with physical ID `id`, or nullopt when EC2 has no such
  /// resource any more.
  std::optional<Json> (*read)(Call &, const std::string &id);
  /// Brings the resource from `previous` (the last model) to `desired` (new properties);
  /// returns read-only members that changed (an object, possibly empty).
  Json (*update)(Call &, const std::string &id, const Json &previous, const Json &desired);
  /// Deletes the resource.
  void (*remove)(Call &, const std::string &id, const Json &model);
};

const TypeSteps &vpc_steps();
const TypeSteps &vpc_cidr_block_steps();
const TypeSteps &subnet_steps();
const TypeSteps &security_group_steps();
const TypeSteps &security_group_ingress_steps();
const TypeSteps &security_group_egress_steps();
const TypeSteps &internet_gateway_steps();
const TypeSteps &gateway_attachment_steps();
const TypeSteps &route_table_steps();
const TypeSteps &route_steps();
const TypeSteps &subnet_route_table_association_steps();
const TypeSteps &eip_steps();
const TypeSteps &nat_gateway_steps();
const TypeSteps &vpc_endpoint_steps();
const TypeSteps &vpc_endpoint_service_steps();
const TypeSteps &vpc_endpoint_service_permissions_steps();
const TypeSteps &vpc_peering_connection_steps();
const TypeSteps &key_pair_steps();

// ---- shared helpers ----------------------------------------------------------------------

/// TagSpecifications for a create call ([] when the model has no tags).
Json tag_specifications(const Json &model, std::string_view resource_type);
/// CreateTags / DeleteTags turning `previous`'s Tags into `desired`'s on resource `id`.
void update_tags(Call &call, const std::string &id, const Json &previous, const Json &desired);
/// The member as text ("" when absent); numbers and booleans as their JSON text.
std::string text(const Json &model, std::string_view member);
/// The member as a boolean (true/false or "true"/"false"); nullopt when absent.
std::optional<bool> flag(const Json &model, std::string_view member);
/// The member as an integer (number or numeric text); nullopt when absent or not numeric.
std::optional<int64_t> number(const Json &model, std::string_view member);
/// The parts of a composite physical ID ("a|b" -> {"a", "b"}).
std::pair<std::string, std::string> split_id(const std::string &id);
/// The single item of a Describe* list member, or nullopt when the list is empty or the call
/// fails with a .NotFound code.
std::optional<Json> describe_one(Call &call, std::string_view operation, const Json &input,
                                 std::string_view list_member);
/// The model's Tags as EC2's [{Key, Value}] (values as strings); [] when absent.
Json tags_of(const Json &model);

} // namespace cfnlocal::providers::ec2
