#pragma once
/// \file
/// Reading templates (YAML or JSON) into the document model with source marks.
///
/// YAML follows the 1.2 core schema for plain scalars (null, true/false, numbers; everything else,
/// dates and "yes" included, is a string); quoted scalars are always strings. The short-form tags
/// of the CloudFormation YAML syntax become their long form: `!Ref X` is {"Ref": X}, `!GetAtt A.B`
/// is {"Fn::GetAtt": ["A", "B"]} (split at the first dot; `!GetAtt A` is {"Fn::GetAtt": ["A"]}),
/// `!Condition C` is {"Condition": C}, and every other `!Name` is {"Fn::Name": ...} (Sub, Join,
/// Select, Split, FindInMap, Base64, Cidr, GetAZs, ImportValue, If, Equals, And, Or, Not,
/// Transform, ...). See "Template anatomy" and "Intrinsic function reference" in the AWS
/// CloudFormation User Guide. JSON is read with the same reader (JSON is YAML 1.2), so JSON nodes
/// carry marks too.

#include "parser/value.h"

#include <string>
#include <string_view>

namespace cfnlocal {

/// Parses `text` as a YAML or JSON document. `file` names the source in marks.
/// Throws cfnlocal::Error (with the mark) on bad syntax, duplicate mapping keys, unknown tags, or
/// a document that is empty.
Value read_document(std::string_view text, const std::string &file);

/// Reads and parses a file. Throws cfnlocal::Error when the file cannot be read or parsed.
Value read_document_file(const std::string &path);

/// Reads a whole file into a string. Throws cfnlocal::Error naming the path when it cannot.
std::string read_file_text(const std::string &path);

} // namespace cfnlocal
