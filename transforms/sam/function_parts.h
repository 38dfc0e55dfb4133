#pragma once
/// \file
/// Pieces of the Function translation shared with other resource types.

#include "transforms/sam/events.h"

namespace cfnlocal::transforms::sam {

/// Parses an S3 location: "s3://bucket/key?versionId=v" or {Bucket, Key, Version}, into
/// {bucket_key, key_key, version_key}. Throws InvalidResource with the translator's message
/// naming `property`.
Json s3_location(const std::string &resource_id, const std::string &property, const Json &uri,
                 const char *bucket_key, const char *key_key, const char *version_key);

/// Tags dict to a CloudFormation tag list, with SAM's lambda:createdBy tag first when asked.
Json sam_tags(const std::string &resource_id, const Json &tags, bool with_created_by);

/// CapacityProviderConfig {Arn, PerExecutionEnvironmentMaxConcurrency,
/// ExecutionEnvironmentMemoryGiBPerVCpu} (a mapping) as AWS::Lambda::Function's
/// {LambdaManagedInstancesCapacityProviderConfig: {CapacityProviderArn, ...}}, values coerced as
/// the translator's model does (an Arn number becomes a string, "5" an integer, 2.5 memory 2).
/// Throws InvalidResource with the model's validation error listing.
Json lambda_capacity_provider_config(const std::string &id, const Json &config);

/// AutoPublishAlias: the version and alias resources; points `target` at the alias.
void add_function_versioning(Context &ctx, const std::string &id, const Json &resource,
                             const Json &props, const Json &fn_props, FunctionTarget &target);

/// DeploymentPreference shape checks made before the alias requirement (map, Type, Hooks).
void check_deployment_preference(const std::string &id, const Json &pref);

/// Whether a DeploymentPreference is enabled (`Enabled`, a parameter Ref resolved; "false" in any
/// case disables it).
bool deployment_preference_enabled(const Context &ctx, const Json &pref);

/// The CodeDeploy deployment group of a function and the shared application and service role;
/// sets the alias's UpdatePolicy. `attributes` are the function's passthrough attributes.
void add_deployment_preference(Context &ctx, const std::string &id, const Json &pref,
                               const Json &attributes, Json &alias);

/// EventInvokeConfig, FunctionUrlConfig, DeploymentPreference and the other resources that hang off
/// a function.
void add_function_extras(Context &ctx, const std::string &id, const Json &resource,
                         const Json &props, FunctionTarget &target);

} // namespace cfnlocal::transforms::sam
