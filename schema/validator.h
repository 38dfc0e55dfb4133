#pragma once
/// \file
/// Validation of a resource's properties against its registry schema: JSON Schema (required,
/// type, enum, const, pattern, minLength/maxLength, minimum/maximum/exclusive*/multipleOf,
/// minItems/maxItems, uniqueItems, items/prefixItems, properties/additionalProperties/
/// patternProperties, min/maxProperties, dependencies, oneOf/anyOf/allOf/not, if/then/else,
/// $ref) plus the keywords the registry schemas add (requiredXor, requiredOr, dependentExcluded,
/// dependentRequired, enumCaseInsensitive, uniqueKeys), with CloudFormation's scalar coercions:
/// numeric strings are numbers, "true"/"false" strings are booleans, numbers and booleans are
/// strings.
///
/// Each finding is reported twice: as a Violation (readable message in cfn-lint's wording, JSON
/// path and source mark) and as the lines AWS prints when the same properties fail at deploy
/// time (the registry's everit-based validator: "#/Path: expected type: Number, found: String").

#include "parser/diagnostic.h"
#include "parser/value.h"
#include "schema/resource_type.h"

#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::schema {

struct ValidationOptions {
  /// Treat intrinsic function calls (an object with the single key "Ref", "Condition" or one of
  /// the documented "Fn::" functions; an unknown "Fn::X", such as a macro that did not run, stays
  /// a literal object) and dynamic references ("{{resolve:...}}") as values of unknown type that
  /// satisfy every type, pattern, length, range and enum check. Both branches of an Fn::If are
  /// checked (a {"Ref": "AWS::NoValue"} branch means "absent"). For the validate module, which
  /// checks templates before anything is resolved.
  bool intrinsics_unknown = false;
  /// Report read-only properties the template sets (AWS ignores them at deploy time, so they
  /// never appear in the AWS-format lines).
  bool report_read_only = true;
  /// Accept a string (a local path for `aws cloudformation package`) where these properties
  /// expect an object: Lambda Function Code, LayerVersion Content, ApiGateway RestApi
  /// BodyS3Location, StepFunctions/AppSync DefinitionS3Location and the like.
  bool accept_artifact_paths = false;
  /// Check the `format` keyword's string formats (schema/formats.h) as cfn-lint does, each failure
  /// a Violation with keyword "format" and the format's own rule id. CloudFormation does not check
  /// them at deploy time, so they never add AWS-format lines.
  bool check_formats = false;
};

/// One finding.
struct Violation {
  /// The keyword that failed: a JSON Schema or registry keyword ("required", "type", "pattern",
  /// "additionalProperties", "requiredXor", ...) or "readOnly".
  std::string keyword;
  /// Path below Properties, '/'-joined: "VpcConfig/SubnetIds/0"; "" for Properties itself.
  std::string path;
  /// Readable message in cfn-lint's wording ("'Name' is a required property").
  std::string message;
  /// Where the offending node (or, for a key that should not be there, the key) was written.
  Mark mark;
  /// The rule id cfn-lint reports for this keyword ("E3012" for type, ...); a suggestion for
  /// the validate module, which owns rule ids.
  std::string rule;
};

/// What validate_properties() found.
struct ValidationResult {
  std::vector<Violation> violations;
  /// The messages AWS reports for the same properties at deploy time, flattened in order
  /// ("#/DelaySeconds: expected type: Number, found: String"). Empty when AWS would accept them
  /// (read-only properties are reported as violations but AWS ignores them).
  std::vector<std::string> aws_messages;

  bool ok() const { return violations.empty(); }
  /// True when a deploy of these properties fails validation in AWS.
  bool deploy_fails() const { return !aws_messages.empty(); }
  /// The violations as diagnostics (severity error, rule as in Violation::rule); each path is
  /// `path_prefix` + "/" + the violation's path ("Resources/Queue/Properties/DelaySeconds").
  std::vector<Diagnostic> diagnostics(std::string_view path_prefix = {}) const;
};

/// Validates a resource's Properties (an object; a null or absent Properties is an empty object)
/// against the type's schema. Never throws for user input.
ValidationResult validate_properties(const ResourceType &type, const Value &properties,
                                     const ValidationOptions &options = {});

/// Validates `value` against one subschema of `type` (from property_schema(); `$ref`s resolve
/// against the type). `path` prefixes violation paths and AWS pointers.
ValidationResult validate_value(const ResourceType &type, const Json &subschema, const Value &value,
                                const ValidationOptions &options = {}, std::string_view path = {});

/// The deploy-time failure as AWS words it for registry types:
/// "Properties validation failed for resource Queue with message: #/DelaySeconds: expected type:
/// Number, found: String". One message follows "with message: " on the same line; several are
/// put one per line after "with message:" ("...with message:\n#/A: ...\n#/B: ..."), as recent
/// CloudFormation stack events show them. "" when `result.deploy_fails()` is false.
std::string format_aws_failure(std::string_view logical_id, const ValidationResult &result);

/// True for an intrinsic function call: an object with exactly one key, "Ref", "Condition" or
/// one starting with "Fn::".
bool is_intrinsic(const Value &value);

} // namespace cfnlocal::schema
