#pragma once
/// \file
/// In-template suppressions, as cfn-lint reads them: `Metadata: {cfn-lint: {config:
/// {ignore_checks: [W3005, E3]}}}` at the top level silences those ids (or id prefixes) for the
/// whole template; the same under a resource's Metadata silences them for findings inside that
/// resource.

#include "parser/diagnostic.h"
#include "parser/value.h"

#include <string>
#include <vector>

namespace cfnlocal::validate {

/// The ignore_checks list under `metadata` (a Metadata object), empty when absent or malformed.
std::vector<std::string> ignore_checks_in(const Value *metadata);

/// Removes the findings the template's own Metadata suppresses.
void apply_suppressions(const Value &root, std::vector<Diagnostic> &findings);

} // namespace cfnlocal::validate
