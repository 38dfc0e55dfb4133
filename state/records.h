#pragma once
/// \file
/// The rows the state file keeps, as plain structs. Field names follow CloudFormation's
/// DescribeStacks / DescribeStackResources / DescribeStackEvents / DescribeChangeSet shapes
/// (AWS CloudFormation API Reference, "Data Types"). Times are ISO 8601 UTC strings with
/// milliseconds ("2026-11-22T01:30:00.123Z"); an empty string means "not set".

#include "parser/json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cfnlocal::state {

/// A key/value tag (CloudFormation `Tag`).
struct Tag {
  std::string key;
  std::string value;
  bool operator==(const Tag &) const = default;
};

/// A stack parameter as bound at deploy time. `value` is what the user gave or the default;
/// `resolved_value` is the value an SSM parameter type resolved to (AWS `ResolvedValue`).
/// `no_echo` marks values every output must mask; state keeps the real value because updates
/// with UsePreviousValue need it.
struct StackParameter {
  std::string key;
  std::string value;
  std::optional<std::string> resolved_value;
  bool no_echo = false;
  bool operator==(const StackParameter &) const = default;
};

/// A stack output (AWS `Output`): `export_name` empty when the output is not exported.
struct StackOutput {
  std::string key;
  std::string value;
  std::string description;
  std::string export_name;
  bool operator==(const StackOutput &) const = default;
};

/// One stack (AWS `Stack`). `stack_id` is the ARN
/// `arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/UUID` (see ids.h). A deleted stack keeps
/// its row with status DELETE_COMPLETE and `deletion_time` set, as list-stacks shows them.
struct StackRecord {
  std::string stack_id;
  std::string name;
  std::string status;
  std::string status_reason;
  std::string description;
  std::string creation_time;
  std::string last_updated_time;
  std::string deletion_time;
  std::vector<StackParameter> parameters;
  std::vector<std::string> capabilities;
  std::vector<Tag> tags;
  std::vector<std::string> notification_arns;
  std::string role_arn;
  std::optional<int> timeout_in_minutes;
  bool disable_rollback = false;
  bool termination_protection = false;
  std::vector<StackOutput> outputs;
  /// The template as the user gave it, and after transforms (what the engine deployed).
  std::string template_body;
  std::string processed_template;
  /// The template and parameters of the last complete deployment before the current
  /// operation, so a rollback after a killed process can restore them. Empty when none.
  std::string previous_template_body;
  std::string previous_processed_template;
  std::vector<StackParameter> previous_parameters;
  /// Nested stacks: the parent's and root's stack ids (empty for a top-level stack).
  std::string parent_id;
  std::string root_id;
  /// Engine-owned data without a column of its own (an object; null when unused).
  Json extra;
};

/// One resource of a stack (AWS `StackResourceDetail`, plus what the engine needs to update
/// and delete it). A resource being replaced has two rows at once: the old one at its
/// generation and the new one at a higher generation; the highest generation is current.
struct ResourceRecord {
  std::string stack_id;
  std::string logical_id;
  int generation = 0;
  std::string physical_id;
  std::string type;
  std::string status;
  std::string status_reason;
  /// The resolved properties the provider was called with (an object; null when none).
  Json properties;
  /// The GetAtt attributes the provider returned (an object of attribute name to value).
  Json attributes;
  /// The template's resource entry (Type, Properties, DependsOn, policies...) as deployed.
  Json definition;
  std::string created_time;
  std::string last_updated_time;
};

/// One stack event (AWS `StackEvent`). `sequence` orders events (assigned on insert; higher is
/// newer). `properties` is the ResourceProperties JSON text as AWS returns it, or empty.
struct StackEvent {
  int64_t sequence = 0;
  std::string event_id;
  std::string stack_id;
  std::string stack_name;
  std::string logical_id;
  std::string physical_id;
  std::string resource_type;
  std::string timestamp;
  std::string status;
  std::string status_reason;
  std::string properties;
  std::string client_request_token;
};

/// An export (AWS `Export`): unique per region and account by name.
struct ExportRecord {
  std::string name;
  std::string value;
  std::string exporting_stack_id;
  /// The output key that exports it.
  std::string output_key;
};

/// A stack importing an export with Fn::ImportValue (what AWS ListImports returns).
struct ImportRecord {
  std::string export_name;
  std::string importing_stack_id;
  std::string importing_stack_name;
};

/// A change set (AWS `DescribeChangeSetOutput`). `change_set_id` is the ARN
/// `arn:aws:cloudformation:REGION:ACCOUNT:changeSet/NAME/UUID`. `changes` is the array of AWS
/// `Change` objects ({Type: Resource, ResourceChange: {...}}).
struct ChangeSetRecord {
  std::string change_set_id;
  std::string name;
  std::string stack_id;
  std::string stack_name;
  /// CREATE, UPDATE or IMPORT.
  std::string change_set_type;
  /// CREATE_PENDING | CREATE_IN_PROGRESS | CREATE_COMPLETE | DELETE_* | FAILED.
  std::string status;
  /// UNAVAILABLE | AVAILABLE | EXECUTE_IN_PROGRESS | EXECUTE_COMPLETE | EXECUTE_FAILED | OBSOLETE.
  std::string execution_status;
  std::string status_reason;
  std::string creation_time;
  std::string description;
  Json changes = Json::array();
  std::string template_body;
  std::vector<StackParameter> parameters;
  std::vector<std::string> capabilities;
  std::vector<Tag> tags;
  /// Engine-owned data without a column of its own (an object; null when unused).
  Json extra;
};

/// Who holds a stack's writer lock.
struct LockInfo {
  std::string stack_name;
  int64_t pid = 0;
  std::string hostname;
  std::string operation;
  /// ISO 8601 UTC, seconds precision ("2026-11-22T01:30:00Z").
  std::string since;
};

/// A signal sent to a resource that waits for signals (CreationPolicy, WaitCondition): through
/// SignalResource (`target` is the logical ID, `stack_id` the stack's ARN) or a PUT to a wait
/// condition handle's URL (`target` is "handle/TOKEN", `stack_id` empty: the URL names no
/// stack). `status` is "SUCCESS" or "FAILURE" (AWS `ResourceSignalStatus`); `data` is the
/// cfn-signal body's Data. `sequence` orders signals as they arrived.
struct ResourceSignal {
  int64_t sequence = 0;
  std::string stack_id;
  std::string target;
  std::string unique_id;
  std::string status;
  std::string reason;
  std::string data;
  std::string received_time;
};

} // namespace cfnlocal::state
