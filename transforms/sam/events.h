#pragma once
/// \file
/// Event sources of functions and state machines (the `Events` property): each event type
/// generates its resources (permissions, rules, subscriptions, event source mappings, API paths).

#include "transforms/sam/policies.h"

namespace cfnlocal::transforms::sam {

/// What an event needs to know about the function it invokes.
struct FunctionTarget {
  std::string id;           ///< the function's logical ID
  Json ref;                 ///< Ref of the function, or of its alias with AutoPublishAlias
  Json arn;                 ///< Fn::GetAtt Function.Arn, or Ref of the alias
  Json attributes;          ///< passthrough resource attributes (Condition, DeletionPolicy, ...)
  Json resource;            ///< the SAM resource (after Globals)
  RoleSpec *role = nullptr; ///< the generated role, nullptr when the user gave Role
  Json tags;                ///< the propagated tags (a Tags dict) when PropagateTags, else null
};

/// Checks the shape of a function's Events (each entry's Type and Properties) before anything is
/// generated, as the translator does before it reads the code. Throws InvalidResource.
void check_function_events(const std::string &function_id, const Json &events);

/// Translates a function's Events, in the order of their IDs. Throws InvalidResource.
void translate_function_events(Context &ctx, FunctionTarget &target, const Json &events);

/// Adds a resource generated while translating SAM resource `source_id`. Throws
/// InvalidDocumentCause when the template already declares a (non-SAM) resource with that ID.
void add_generated(Context &ctx, const std::string &source_id, const std::string &id,
                   Json resource);

/// Adds ServerlessRestApi / ServerlessHttpApi for Api / HttpApi events without an explicit API.
void add_implicit_apis(Context &ctx);

/// After Globals: the implicit APIs take the Tags of the functions and state machines that
/// created them with PropagateTags (merged in template order, later ones winning) and propagate
/// them (PropagateTags: true).
void add_implicit_api_tags(Context &ctx);

/// Adds a Lambda permission "<function><event><suffix>" for `principal`.
Json lambda_permission(const FunctionTarget &target, const std::string &principal,
                       const Json &source_arn, const Json &source_account = nullptr,
                       const Json &event_source_token = nullptr);

} // namespace cfnlocal::transforms::sam
