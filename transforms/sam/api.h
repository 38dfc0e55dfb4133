#pragma once
/// \file
/// AWS::Serverless::Api pieces shared by the API resource and the Api event.

#include "transforms/sam/event_sources.h"

namespace cfnlocal::transforms::sam {

/// "get" for GET, "x-amazon-apigateway-any-method" for ANY.
std::string swagger_method(const std::string &method);

/// Applies the event's Auth (and the API's default authorizer), RequestModel and
/// RequestParameters to the operation `op` of `path`/`method`. Throws InvalidEvent.
void apply_method_auth(Context &ctx, EventContext &ev, const std::string &api_id, Json &api_props,
                       const std::string &path, const std::string &method, Json &op);

/// Adds the API-level Auth (security schemes, authorizer permissions) to a managed body.
void add_api_auth(Context &ctx, const std::string &api_id, const Json &auth, Json &body,
                  const Json &attributes);

/// Adds the CORS preflight OPTIONS methods to every path of `body`. Throws InvalidResource.
void add_cors(const std::string &api_id, const Json &cors, Json &body, bool openapi3);

/// Domain of an AWS::Serverless::Api: the domain name resource (V2 for PRIVATE endpoints), its
/// base path mappings onto `stage_id`, access associations and Route53 alias records (merged
/// into one record set group per hosted zone). Throws InvalidResource on an invalid Domain.
void add_api_domain(Context &ctx, const std::string &api_id, const Json &domain,
                    const std::string &stage_id, const Json &attributes);

} // namespace cfnlocal::transforms::sam
