#pragma once
/// \file
/// The two ends of a connector: a resource of the template named by `Id` (its properties read
/// from the generated CloudFormation resource) or one described by `Type` and its properties.

#include "transforms/sam/context.h"

namespace cfnlocal::transforms::sam {

struct ConnectorEnd {
  std::string id;            ///< logical ID when given by `Id`, else ""
  std::string declared_type; ///< the type as the template writes it (connector metadata)
  std::string type;          ///< the CloudFormation type (selects the profile)
  /// Known properties: Arn, Name, QueueUrl, ResourceId, RoleName, Qualifier.
  std::map<std::string, Json> props;
};

/// Resolves `Source` or `Destination` (`side`) of connector `connector_id`. For an events rule
/// source the role is the one of its target for `destination` (may be null). Throws
/// InvalidResource with the translator's messages.
ConnectorEnd resolve_connector_end(const Context &ctx, const std::string &connector_id,
                                   const Json &ref, const std::string &side,
                                   const ConnectorEnd *destination);

/// Whether `v` is a Ref or Fn::GetAtt of logical ID `id`.
bool references(const Json &v, const std::string &id);

/// The CloudFormation type a SAM resource type becomes (AWS::Serverless::Function ->
/// AWS::Lambda::Function, ...); other types unchanged.
std::string connector_cfn_type(const std::string &type);

} // namespace cfnlocal::transforms::sam
