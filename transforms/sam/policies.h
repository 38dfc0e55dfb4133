#pragma once
/// \file
/// The IAM role SAM generates for a function or a state machine, and the `Policies` property
/// (managed policy names and ARNs, policy templates, inline statements) that feeds it.

#include "transforms/sam/context.h"

#include <string>
#include <vector>

namespace cfnlocal::transforms::sam {

/// What the generated role will hold; built up by the resource and its events.
struct RoleSpec {
  std::string logical_id;  ///< "<Resource>Role"
  Json assume_role_policy; ///< AssumeRolePolicyDocument
  Json managed_policy_arns = Json::array();
  Json policies = Json::array(); ///< inline [{PolicyName, PolicyDocument}]
  Json tags = Json::array();
  Json path;                        ///< RolePath, null when absent
  Json permissions_boundary;        ///< null when absent
  Json attributes = Json::object(); ///< passthrough resource attributes

  /// Appends a managed policy ARN unless already present.
  void add_managed(const Json &arn);
};

/// The standard trust policy for `service` ("lambda.amazonaws.com", "states.amazonaws.com").
Json assume_role_policy_for(const std::string &service);

/// Adds the entries of a SAM `Policies` property to `role`: names become managed policy ARNs
/// (the bundled map of the partition), templates are expanded, statements become inline policies
/// named "<role>Policy<index>". Throws InvalidResource with the translator's messages.
void add_sam_policies(Context &ctx, const std::string &resource_id, const Json &policies,
                      RoleSpec &role);

/// The AWS::IAM::Role resource.
Json build_role(const RoleSpec &role);

/// Expands one policy template invocation (`name` with parameter `values`). Throws InvalidResource.
Json expand_policy_template(const std::string &resource_id, const std::string &name,
                            const Json &values);

/// "arn:<partition>:iam::aws:policy/<path>".
std::string aws_policy_arn(const Context &ctx, const std::string &path);

} // namespace cfnlocal::transforms::sam
