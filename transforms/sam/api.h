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
/// `openapi3` writes the headers' types as OpenAPI 3 schemas; `nested_schema` wraps them once
/// more, as the translator does in a user's OpenAPI 3 document that it edits again afterwards
/// (for Auth or Models).
void add_cors(const std::string &api_id, const Json &cors, Json &body, bool openapi3,
              bool nested_schema = false);

/// Auth.ResourcePolicy: adds the policy's statements to the body's x-amazon-apigateway-policy for
/// `method` of `path` (every method of `path` when `method` is null; none when `path` is null),
/// resources scoped to `stage`, and its CustomStatements when `custom`. Duplicate statements are
/// not added twice. Throws InvalidTemplate when the policy is not a map or a SourceVpc list holds
/// intrinsics.
void add_resource_policy(Context &ctx, const Json &policy, Json &body, const std::string *path,
                         const std::string *method, const Json &stage, bool custom);

/// Auth.UsagePlan: the usage plan, API key and usage plan key of the API (PER_API), or its
/// share of the SHARED ones. Throws InvalidResource on an invalid UsagePlan.
/// `tags` (a tag list, or null) go onto the plan and the key (the API's PropagateTags).
void add_usage_plan(Context &ctx, const std::string &api_id, const Json &auth,
                    const std::string &stage_id, const Json &attributes, const Json &tags);

/// The stronger of two DeletionPolicy / UpdateReplacePolicy values ("Retain" over "Snapshot"
/// over "Delete"; null when both are null).
Json stronger_policy(const Json &a, const Json &b);

/// A condition that holds when any of `conditions` holds: the condition itself when there is one,
/// else `name` added to the template's Conditions as Fn::Or (nested in groups of 10). Returns
/// the condition's name.
std::string combined_condition(Context &ctx, const std::string &name,
                               std::vector<std::string> conditions);

/// Wraps each path of a managed body whose methods all come from conditional functions in
/// Fn::If of their combined condition ("<Api><path>PathCondition"). `path_conditions` is the
/// record the Api events keep: path -> {"conditions": [...], "unconditional": bool}.
void wrap_conditional_paths(Context &ctx, const std::string &api_id, const Json &path_conditions,
                            Json &body);

/// The variants of a path item or method definition: the value itself when it is an object, or
/// the object branches of its Fn::If (AWS::NoValue branches skipped). Throws InvalidTemplate
/// "Value of Fn::If must be a list." for a malformed Fn::If.
std::vector<Json *> if_variants(Json &value);

/// Checks that every path item of a user's document is a map (the translator's editor does so
/// whenever it edits a document). Throws InvalidTemplate.
void validate_swagger_paths(Json &body);

/// The API-wide Auth.DefaultAuthorizer and Auth.ApiKeyRequired on every method that has an
/// integration and no authorizer (resp. no api_key) of its own; CORS preflight methods only
/// unless AddDefaultAuthorizerToCorsPreflight / AddApiKeyRequiredToCorsPreflight is false.
/// `api_key_opt_outs` lists the [path, method] pairs whose event set ApiKeyRequired false.
/// Throws InvalidTemplate on a method or security entry that is not a map.
void apply_default_auth(const Json &auth, Json &body, const Json &api_key_opt_outs);

/// Domain of an AWS::Serverless::Api: the domain name resource (V2 for PRIVATE endpoints), its
/// base path mappings onto `stage_id`, access associations and Route53 alias records (merged
/// into one record set group per hosted zone). `tags` (a tag list, or null) go onto the domain
/// name (the API's PropagateTags). Throws InvalidResource on an invalid Domain.
void add_api_domain(Context &ctx, const std::string &api_id, const Json &domain,
                    const std::string &stage_id, const Json &attributes, const Json &tags);

} // namespace cfnlocal::transforms::sam
