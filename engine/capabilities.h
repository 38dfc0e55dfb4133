#pragma once
/// \file
/// The capabilities a template needs ("Acknowledging IAM resources in CloudFormation templates",
/// AWS CloudFormation User Guide): CAPABILITY_IAM for IAM resources, CAPABILITY_NAMED_IAM when
/// one has a custom name. CAPABILITY_NAMED_IAM covers CAPABILITY_IAM.

#include "engine/prepared_template.h"

#include <optional>
#include <string>
#include <vector>

namespace cfnlocal::engine {

/// The capability the active resources require that `granted` lacks, as AWS words the failure
/// ("Requires capabilities : [CAPABILITY_NAMED_IAM]"); nullopt when nothing is missing.
std::optional<std::string> missing_capability(const PreparedTemplate &t,
                                              const std::vector<std::string> &granted);

} // namespace cfnlocal::engine
