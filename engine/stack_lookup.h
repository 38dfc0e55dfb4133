#pragma once
/// \file
/// The engine's implementation of the intrinsics lookup: resource values from the operation's
/// live resources, exports from the state file, SSM parameters and secrets from the services
/// (ssm GetParameter, secretsmanager GetSecretValue), as CloudFormation reads them at deploy time.

#include "engine/live_resources.h"
#include "intrinsics/lookup.h"
#include "services/backend.h"
#include "state/store.h"

namespace cfnlocal::engine {

class StackLookup : public intrinsics::Lookup {
public:
  StackLookup(const LiveResources &live, const state::Store &store, services::Backend &backend)
      : live_(live), store_(store), backend_(backend) {}

  std::optional<Value> ref_resource(std::string_view logical_id) override;
  std::optional<Value> get_att(std::string_view logical_id, std::string_view attribute) override;
  intrinsics::Answer<Value> import_value(std::string_view name) override;
  intrinsics::Answer<intrinsics::SsmParameter>
  ssm_parameter(std::string_view name, std::optional<int64_t> version) override;
  intrinsics::Answer<std::string>
  secret_string(std::string_view secret_id, const intrinsics::SecretSelector &selector) override;
  /// The zones a new account sees in the region (us-east-1 has six, us-west-2 four, the others
  /// three), so templates that pick zones by index deploy as they would on AWS.
  std::vector<std::string> availability_zones(std::string_view region) override;
  /// EC2 parameter types (VPC, subnet and security group ids, security group names, zone names)
  /// asked of the EC2 service (Describe* with the value), as CloudFormation checks them before an
  /// operation; other types, and a service that cannot answer, are not checked (nullopt).
  std::optional<bool> aws_value_exists(std::string_view parameter_type,
                                       std::string_view value) override;
  /// Every value of those types in the region, for Rules' Fn::RefAll.
  std::optional<std::vector<std::string>>
  all_values_of_type(std::string_view parameter_type) override;

  /// Export names read through import_value since construction (the stack's imports).
  const std::vector<std::string> &imported() const { return imported_; }

private:
  const LiveResources &live_;
  const state::Store &store_;
  services::Backend &backend_;
  std::vector<std::string> imported_;
};

} // namespace cfnlocal::engine
