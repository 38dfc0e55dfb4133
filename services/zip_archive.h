#pragma once
/// \file
/// A zip archive built in memory (libzip), for the code CloudFormation packages itself: the
/// inline `Code.ZipFile` source of AWS::Lambda::Function becomes a deployment package.

#include <string>
#include <utility>
#include <vector>

namespace cfnlocal::services {

/// The bytes of a zip holding `files` (path inside the archive, content), each stored with
/// mode 0644 (0755 when the path ends in "bootstrap"). Throws std::runtime_error when libzip
/// fails (out of memory).
std::string zip_archive(const std::vector<std::pair<std::string, std::string>> &files);

} // namespace cfnlocal::services
