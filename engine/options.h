#pragma once
/// \file
/// One options struct per stack operation (ninja's BuildConfig). Field meanings follow the
/// `aws cloudformation deploy` / `create-change-set` / `delete-stack` options of the same names.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cfnlocal::services {
class Backend;
}

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
  /// Tests: wraps the backend the engine opens, to answer some operations itself (a Lambda
  /// Invoke that runs a C++ callback). Empty: the backend as opened.
  std::function<std::unique_ptr<services::Backend>(std::unique_ptr<services::Backend>)>
      wrap_backend;
  /// `--wait-for-signals`: resources with a CreationPolicy and wait conditions wait for real
  /// signals (signal-resource, or a PUT to the handle URL) instead of counting them as received.
  bool wait_for_signals = false;
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
  /// The template's text when it does not come from template_file (a nested stack's template
  /// read from S3); template_file then only names it (marks, relative paths).
  std::string template_body;
  /// Nested stacks: the parent's and the root's stack ARNs (empty for a top-level stack).
  std::string parent_id;
  std::string root_id;
  /// The stack's TimeoutInMinutes: a create or update still running after it fails ("Stack
  /// creation time exceeded the specified timeout"). 0: no limit.
  int timeout_in_minutes = 0;
};

/// delete-stack.
struct DeleteOptions {
  std::string stack_name;
  /// Logical IDs to retain even without DeletionPolicy Retain (only for stacks in DELETE_FAILED,
  /// as AWS allows).
  std::vector<std::string> retain_resources;
};

} // namespace cfnlocal::engine
