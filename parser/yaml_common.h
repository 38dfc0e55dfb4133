#pragma once
/// \file
/// What both YAML readers (yaml-cpp's in reader.cc, libyaml's in yaml_event_reader.cc) share:
/// YAML 1.2 core-schema resolution of plain scalars and the long form of CloudFormation's
/// short-form tags. Internal to the parser module.

#include "parser/value.h"

#include <optional>
#include <string>

namespace cfnlocal::detail {

/// A plain (unquoted, untagged) scalar as the YAML 1.2 core schema reads it: null, true/false,
/// a number (decimal, 0o octal, 0x hex, .inf) or else the string itself.
Value plain_scalar(const std::string &text);

/// The long form of a short-form tag: `tag` is "!Ref", "!GetAtt", ...; `scalar` the text when
/// the tagged node is a scalar (kept as written: `!Ref 123` names "123"), else `collection` its
/// sequence or mapping. `!GetAtt A.B` splits at the first dot. Throws cfnlocal::Error at `mark`
/// for an unknown tag and for a `!GetAtt` scalar without a dot.
Value short_form_call(const std::string &tag, const std::optional<std::string> &scalar,
                      Value collection, const Mark &mark);

} // namespace cfnlocal::detail
