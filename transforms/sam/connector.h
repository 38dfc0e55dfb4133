#pragma once
/// \file
/// AWS::Serverless::Connector: permissions between a source and destination resource, chosen by
/// the connector profile of their (CloudFormation) types; and the embedded `Connectors`
/// attribute that declares connectors on their source resource.

#include "transforms/sam/context.h"

namespace cfnlocal::transforms::sam {

/// Translates one connector into the IAM managed policy, Lambda permission, SQS queue policy or
/// SNS topic policy its profile generates. Runs after every other SAM resource (the ends are
/// resolved against the generated resources). Throws InvalidResource.
void translate_connector(Context &ctx, const std::string &id, const Json &resource);

/// Before the translation: each resource's `Connectors` entries become AWS::Serverless::Connector
/// resources named <source id><connector name> with the source as `Source`; the attribute is
/// removed. Invalid entries become connectors that report their error when translated.
void expand_embedded_connectors(Context &ctx);

/// After the translation: DependsOn naming a connector is replaced with the resources it
/// generated, and event source mappings of a connector's source/destination depend on its policy.
void rewrite_connector_dependencies(Context &ctx);

} // namespace cfnlocal::transforms::sam
