#pragma once
/// \file
/// The members of `cfnlocal services SERVICE OPERATION --member value ...`, read as the AWS CLI
/// reads them: the option name is the kebab-case spelling of a member of the operation's input
/// shape in the bundled botocore model (`--secret-string` -> SecretString, `--thing-name` ->
/// thingName), and the value's text is converted by that member's shape type
/// (https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-parameters-types.html):
/// strings, blobs and timestamps stay text (a JSON document given to a string member is the
/// string), booleans take true/false, numbers are parsed, lists/maps/structures take JSON (a
/// list of scalars also takes one bare item).

#include "parser/json.h"

#include <string>
#include <string_view>

namespace cfnlocal::cli {

/// "list-buckets" -> "ListBuckets", "kms-key-id" -> "KmsKeyId".
std::string pascal_case(std::string_view kebab);

/// Adds `--option value` to `input` (the request being built). Without a bundled model for the
/// service or operation, the member is the PascalCase of the option and the value is text,
/// `true`/`false`, or JSON when it starts with `{` or `[`. Throws Error when the operation's
/// input has no such member, or the value does not fit the member's type.
void add_member(Json &input, std::string_view service, std::string_view operation,
                std::string_view option, const std::string &text);

} // namespace cfnlocal::cli
