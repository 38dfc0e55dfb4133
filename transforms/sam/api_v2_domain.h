#pragma once
/// \file
/// Custom domains of the API Gateway V2 APIs (AWS::Serverless::HttpApi and
/// AWS::Serverless::WebSocketApi, property `Domain`): the AWS::ApiGatewayV2::DomainName, one
/// AWS::ApiGatewayV2::ApiMapping per base path and the AWS::Route53::RecordSetGroup aliases.

#include "transforms/sam/context.h"

namespace cfnlocal::transforms::sam {

/// Which API owns the domain; decides the created-by tag, mutual TLS and record set merging.
enum class ApiV2Kind { Http, WebSocket };

/// Adds the resources of `domain` (the API's Domain property as written; parameter references are
/// resolved here) for API `api_id` whose stage has logical ID `stage_id`. `propagated_tags` is the
/// API's Tags dict when PropagateTags is on, else null. The domain's logical ID is
/// "ApiGatewayDomainNameV2" + the hash of its DomainName, the record set group's "RecordSetGroup" +
/// the hash of its hosted zone; HTTP APIs sharing a hosted zone share one group, a WebSocket API's
/// group replaces an earlier one. Throws InvalidResource with the translator's messages (missing
/// DomainName or CertificateArn, an endpoint other than REGIONAL, a non-string base path, Route53
/// without a hosted zone, mutual TLS on a WebSocket API or of a bad shape).
/// `attributes` (the API's passthrough resource attributes, e.g. its Condition; may be null) are
/// set on the domain name and the API mappings.
void add_api_v2_domain(Context &ctx, ApiV2Kind kind, const std::string &api_id, const Json &domain,
                       const std::string &stage_id, const Json &propagated_tags,
                       const Json &attributes = Json());

} // namespace cfnlocal::transforms::sam
