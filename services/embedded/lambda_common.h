#pragma once
/// \file
/// What the embedded AWS Lambda's operations share (internal to services/embedded/): records,
/// names and ARNs, Lambda's error codes. Records (region-scoped keys; function, alias and layer
/// names cannot contain ':', so each "REGION:NAME:" prefix is unambiguous):
/// - "function" "REGION:NAME" -> {Configuration (FunctionConfiguration of $LATEST), CodeFile,
///   Tags {k: v}, Policies {QUALIFIER or "": policy document}, NextVersion, Urls {QUALIFIER or
///   "": FunctionUrlConfig}, ReservedConcurrentExecutions?}
/// - "version" "REGION:NAME:0000000001" -> {Configuration, CodeFile}
/// - "alias" "REGION:NAME:ALIAS" -> AliasConfiguration
/// - "layer" "REGION:LAYER" -> {NextVersion}; "layer-version" "REGION:LAYER:0000000001" ->
///   {GetLayerVersion response, File}
/// - "esm" "UUID" -> EventSourceMappingConfiguration
/// Code zips are files under "<objects dir>/lambda/" (one per upload, shared by the versions
/// published from it).

#include "services/embedded/context.h"

#include <optional>
#include <string>

namespace cfnlocal::services::embedded::lambda {

inline constexpr std::string_view kService = "lambda";

/// A FunctionName member resolved: the name and the qualifier (from the ARN or ":QUALIFIER";
/// "" when none).
struct FunctionRef {
  std::string name;
  std::string qualifier;
};

/// Parses a function name, partial ARN (ACCOUNT:function:NAME) or ARN, with an optional
/// ":QUALIFIER"; ValidationException when it breaks the model's pattern, ResourceNotFound when
/// it names another region or account.
FunctionRef function_ref(const Context &c, const std::string &text, std::string_view member);
/// FunctionName (and a Qualifier member, which must agree with the ARN's) of an input.
FunctionRef function_member(const Context &c, const Json &input,
                            std::string_view member = "FunctionName");

std::string function_key(const Context &c, const std::string &name);
std::string version_key(const Context &c, const std::string &name, int64_t version);
std::string alias_key(const Context &c, const std::string &name, const std::string &alias);
std::string function_arn(const Context &c, const std::string &name);

/// The function record; ResourceNotFoundException ("Function not found: ARN") when missing.
Json load_function(Context &c, const std::string &name, const std::string &shown_qualifier = "");
void save_function(Context &c, const Json &record);

/// The configuration and code file of NAME at QUALIFIER ("" or "$LATEST", a version number, an
/// alias name, resolved to its version); ResourceNotFoundException when any is missing. Sets
/// `executed_version`.
struct Resolved {
  Json configuration;
  std::string code_file;
  std::string executed_version;
};
Resolved resolve(Context &c, const std::string &name, const std::string &qualifier);

/// ResourceNotFoundException, 404.
[[noreturn]] void not_found(const std::string &message);
/// InvalidParameterValueException, 400.
[[noreturn]] void invalid_value(const std::string &message);
/// ResourceConflictException, 409.
[[noreturn]] void conflict(const std::string &message);

/// The bytes of a code location: ZipFile (base64 text as on the JSON protocol, or binary) or
/// S3Bucket/S3Key[/S3ObjectVersion] of the embedded S3; InvalidParameterValueException when the
/// object is missing or the bytes are not a zip.
std::string code_bytes(Context &c, const Json &code, std::string_view zip_member = "ZipFile");
/// Writes code bytes to a new file under the objects directory; returns its path.
std::string store_code(Context &c, const std::string &bytes);
/// Reads a stored file.
std::string read_file(const std::string &path);

/// Publishes $LATEST as a new version (PublishVersion's input: Description, CodeSha256,
/// RevisionId); when nothing changed since the latest version, that version.
Json publish(Context &c, const std::string &name, const Json &input);
/// TagResource on an event source mapping ARN.
Json tag_event_source_mapping(Context &c, const Json &input);

/// Handlers of the permission, event source mapping, layer and URL operations
/// (lambda_resources.cc), added to `table`.
void add_resource_handlers(HandlerTable &table);

} // namespace cfnlocal::services::embedded::lambda
