#pragma once
/// \file
/// Internal state of one SAM translation, shared by the per-resource translators.

#include "transforms/sam/sam.h"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace cfnlocal::transforms::sam {

/// One translation: the input template (after plugins such as Globals have run), the output
/// resources being built, and the parameter values the translator resolves in a few places.
struct Context {
  Json tmpl; ///< the whole input template
  Json out;  ///< output Resources, in creation order
  std::string region;
  std::string partition;
  Json params = Json::object(); ///< parameter name -> value (defaults, overrides, pseudo)
  /// SAM logical IDs whose Ref now names another resource (a layer's hashed version ID).
  std::map<std::string, std::string> renamed;
  /// HttpApi logical ID -> RouteSettings its events contribute ("GET /path" -> settings).
  std::map<std::string, Json> http_route_settings;
  /// Connector logical ID -> the resources it generated (DependsOn on a connector names them).
  std::map<std::string, std::vector<std::string>> connector_resources;
  /// The Condition each function's CodeDeploy deployment group carries (null when none): the
  /// shared CodeDeploy application and role exist only under these (see deployment_preference.cc).
  std::vector<Json> codedeploy_conditions;
  /// What the APIs with a SHARED usage plan have contributed so far (see api_usage_plan.cc).
  Json shared_usage_plan;
  /// Implicit API logical ID (ServerlessRestApi, ServerlessHttpApi) -> the functions and state
  /// machines whose events created it, in template order (see implicit_api_tags.cc).
  std::map<std::string, std::vector<std::string>> implicit_api_users;

  Json &resources() { return tmpl["Resources"]; }
  /// The input resource (nullptr when absent or not an object).
  const Json *resource(const std::string &id) const;
  /// The Type of an input resource, "" when unknown.
  std::string type_of(const std::string &id) const;

  /// Adds an output resource (replacing one with the same logical ID).
  void add(const std::string &id, Json resource) { out[id] = std::move(resource); }
};

/// Resolves `{"Ref": P}` for known parameter values and `${P}` inside Fn::Sub strings, the way
/// the translator's parameter resolution does (other intrinsics are left alone).
Json resolve_parameter_refs(const Json &v, const Json &params);

/// Resource attributes the translator copies from a SAM resource onto the resources it
/// generates (Condition, DeletionPolicy, UpdateReplacePolicy).
Json passthrough_attributes(const Json &sam_resource);

/// Copies passthrough attributes into a generated resource.
void apply_passthrough(Json &generated, const Json &passthrough);

// Per-type translators (each throws InvalidResource / InvalidEvent on invalid input).
void translate_function(Context &ctx, const std::string &id, const Json &resource);
void translate_simple_table(Context &ctx, const std::string &id, const Json &resource);
void translate_layer_version(Context &ctx, const std::string &id, const Json &resource);
void translate_api(Context &ctx, const std::string &id, const Json &resource);
void translate_http_api(Context &ctx, const std::string &id, const Json &resource);
void translate_websocket_api(Context &ctx, const std::string &id, const Json &resource);
void translate_state_machine(Context &ctx, const std::string &id, const Json &resource);
void translate_application(Context &ctx, const std::string &id, const Json &resource);
void translate_graphql_api(Context &ctx, const std::string &id, const Json &resource);
void translate_capacity_provider(Context &ctx, const std::string &id, const Json &resource);

/// Globals: validates the section and merges it into the resources. Throws InvalidDocumentCause.
void apply_globals(Context &ctx);

/// Managed policy name -> ARN in a partition (the bundled list); nullptr when unknown.
const std::string *managed_policy_arn(const std::string &partition, const std::string &name);
/// The policy templates document ({"Templates": {...}}).
const Json &policy_templates();

} // namespace cfnlocal::transforms::sam
