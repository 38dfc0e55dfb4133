#pragma once
/// \file
/// One options struct per stack operation (ninja's BuildConfig). Field meanings follow the
/// `aws cloudformation deploy` / `create-change-set` / `delete-stack` options of the same names.

#include <map>
#include <string>
#include <vector>

namespace cfnlocal::engine {

/// Where and as whom operations run (the CLI's global options).
struct EngineConfig {
  std::string state_path = ".cfnlocal/state.db";
  std::string region = "us-east-1";
  std::string account_id = "123456789012";
  /// Empty: the embedded services. Otherwise the endpoint backend's URL.
  std::string endpoint_url;
  /// Per-service endpoint URLs (`--endpoint-url s3=URL`) by botocore service id; any entry
  /// selects the endpoint backend (services without one use endpoint_url, else AWS's own).
  std::map<std::string, std::string> endpoint_urls;
};

/// A create-or-update of a stack through a change set (`aws cloudformation deploy`).
struct DeployOptions {
  std::string stack_name;
  std::string template_file;
  /// --parameter-overrides K=V: values by parameter key. Keys the template does not declare are
  /// an error, as in AWS.
  std::map<std::string, std::string> parameter_overrides;
  std::vector<std::string> capabilities;
  std::map<std::string, std::string> tags;
  std::vector<std::string> notification_arns;
  bool disable_rollback = false;
  /// Stop after creating the change set (`--no-execute-changeset`).
  bool no_execute_changeset = false;
  /// Exit 0 when there is nothing to change (`--fail-on-empty-changeset` off).
  bool fail_on_empty_changeset = false;
  /// How many resource handlers run at once; 0 means no limit.
  int max_concurrency = 0;
  std::string change_set_name;
  /// create-change-set's --change-set-type: "CREATE", "UPDATE", or empty to decide by whether
  /// the stack exists.
  std::string change_set_type;
};

/// delete-stack.
struct DeleteOptions {
  std::string stack_name;
  /// Logical IDs to retain even without DeletionPolicy Retain (only for stacks in DELETE_FAILED,
  /// as AWS allows).
  std::vector<std::string> retain_resources;
};

} // namespace cfnlocal::engine
