#pragma once
/// \file
/// Dynamic references: {{resolve:ssm:name[:version]}}, {{resolve:ssm-secure:name[:version]}} and
/// {{resolve:secretsmanager:secret-id[:SecretString[:json-key[:version-stage[:version-id]]]]}}
/// anywhere inside a string. Follows "Get values stored in other services using dynamic
/// references" in the AWS CloudFormation User Guide.

#include "intrinsics/lookup.h"
#include "parser/value.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::intrinsics {

/// One parsed dynamic reference.
struct DynamicReference {
  std::string service; ///< "ssm", "ssm-secure" or "secretsmanager"
  std::string text;    ///< the whole "{{resolve:...}}"
  size_t begin = 0;    ///< byte offset of "{{" in the string
  size_t end = 0;      ///< byte offset just past "}}"
  // ssm, ssm-secure
  std::string parameter_name;
  std::optional<int64_t> version;
  // secretsmanager
  std::string secret_id; ///< a name or a full ARN
  std::string json_key;
  SecretSelector selector;
};

/// True when `text` contains "{{resolve:".
bool has_dynamic_reference(std::string_view text);

/// Every dynamic reference in `text`, in order. Throws cfnlocal::Error at `mark` for bad syntax: a
/// "{{resolve:" without "}}", an unknown service, an empty name, a version that is not a positive
/// integer, a secret-string segment other than SecretString, both a version stage and a version
/// id, or too many segments.
std::vector<DynamicReference> parse_dynamic_references(std::string_view text,
                                                       const Mark &mark = {});

/// Replaces every dynamic reference in `text` with its value read through `lookup`. References the
/// lookup answers Unknown for stay as written.
/// Throws cfnlocal::Error at `mark` for bad syntax and missing values: "Parameters: [ssm:name]
/// cannot be found.", "Secrets Manager can't find the specified secret: id", a json-key the secret
/// does not have, or a secret that is not a JSON object when a json-key is given.
std::string resolve_dynamic_references(std::string_view text, Lookup &lookup,
                                       const Mark &mark = {});

/// Resolves every string of `value` in place (object keys and the arguments of function calls
/// still unresolved are left alone).
void resolve_dynamic_references(Value &value, Lookup &lookup);

} // namespace cfnlocal::intrinsics
