#pragma once
/// \file
/// What the embedded Amazon API Gateway REST control plane's files share (internal to
/// services/embedded/): the record layout, ids, errors and JSON Patch updates.
///
/// Records (service "apigateway"):
/// - kind "restapi", key "REGION:ID" -> {api: RestApi, resources: {id: Resource with
///   resourceMethods {VERB: Method with methodIntegration}}, deployments: {id: Deployment},
///   stages: {name: Stage}, authorizers: {id: Authorizer}, models: {name: Model},
///   gatewayResponses: {type: GatewayResponse}, requestValidators: {id: RequestValidator},
///   documentationParts: {id: DocumentationPart}};
/// - kind "clientcertificate" "REGION:ID" -> ClientCertificate;
/// - kind "apikey" "REGION:ID" -> ApiKey; kind "usageplan" "REGION:ID" -> {plan: UsagePlan,
///   keys: {keyId: UsagePlanKey}}; kind "domainname" "REGION:NAME" -> {domain: DomainName,
///   mappings: {basePath: BasePathMapping}}; kind "account" "REGION" -> Account.
/// Shapes and member names are botocore's apigateway/2015-07-09 (lowerCamel).

#include "services/embedded/context.h"

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace cfnlocal::services::embedded::apigateway {

inline constexpr std::string_view kService = "apigateway";

// The object member `key` of `j` (an empty object when absent), by reference so that
// range-for over its items() stays valid.
inline const Json &object_at(const Json &j, const char *key) {
  static const Json empty = Json::object();
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : empty;
}

/// A new API Gateway identifier: 10 characters of [a-z0-9].
std::string new_id();

[[noreturn]] void bad_request(std::string message);
[[noreturn]] void not_found(std::string message);
[[noreturn]] void conflict(std::string message);

std::string key_of(const Context &c, std::string_view id);

/// The REST API record of `restApiId` (NotFoundException "Invalid API identifier specified
/// ACCOUNT:ID" when missing).
Json load_api(Context &c, const Json &input);
void save_api(Context &c, const Json &record);

/// Applies API Gateway's patch operations ([{op, path, value, from}], JSON Patch with `~1` for
/// `/` in path segments) to `target`. `paths` lists the first path segments the resource
/// accepts; others are BadRequestException "Invalid patch path". Values arrive as strings and
/// are typed by the member they replace (booleans, numbers).
void apply_patch(Json &target, const Json &input, std::span<const std::string_view> paths);
inline void apply_patch(Json &target, const Json &input,
                        std::initializer_list<std::string_view> paths) {
  apply_patch(target, input, std::span<const std::string_view>(paths.begin(), paths.size()));
}

/// Copies the members `names` of `input` present and non-null into `out`.
void copy_members(Json &out, const Json &input, std::initializer_list<const char *> names);

/// Building blocks the operations and the OpenAPI import share; each checks its input as the
/// matching operation does (CreateResource, PutIntegration, CreateAuthorizer, CreateModel,
/// PutGatewayResponse) and returns the new shape, already stored in `record`.
Json add_resource(Json &record, const std::string &parent_id, const std::string &part);
Json integration_of(const Context &c, const Json &input);
Json add_authorizer(Json &record, const Json &input);
Json add_model(Json &record, const Json &input);
Json set_gateway_response(Json &record, const Json &input);

/// The OpenAPI 2.0 / 3.0 import into the record (PutRestApi / ImportRestApi): parses `body`
/// (JSON or YAML text), replaces (mode "overwrite") or merges the resources, methods,
/// integrations, authorizers, models and gateway responses. BadRequestException for a
/// document that is not OpenAPI ("Invalid OpenAPI input.") or a path that is not one.
void import_openapi(Context &c, Json &record, const std::string &body, const std::string &mode);

/// The body member of PutRestApi / ImportRestApi as text (a blob or a string).
std::string body_text(const Json &input);

/// Handlers of the account-wide resources: account, API keys, usage plans and their keys,
/// domain names and base path mappings (apigateway_account.cc).
void add_account_handlers(HandlerTable &table);

/// Handlers of the client certificates (GenerateClientCertificate and the rest; each a real
/// self-signed X.509 certificate) (apigateway_certificates.cc).
void add_certificate_handlers(HandlerTable &table);

/// The {key: value} tags member of an input, validated (at most 50; aws: reserved).
Json read_tag_map(const Json &input);

} // namespace cfnlocal::services::embedded::apigateway
