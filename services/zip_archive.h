#pragma once
/// \file
/// Zip archives in memory (libzip): built for the code CloudFormation packages itself (the
/// inline `Code.ZipFile` source of AWS::Lambda::Function becomes a deployment package), read for
/// content CloudFormation unpacks (AWS::CodeCommit::Repository's Code.S3).

#include <string>
#include <utility>
#include <vector>

namespace cfnlocal::services {

/// The bytes of a zip holding `files` (path inside the archive, content), each stored with
/// mode 0644 (0755 when the path ends in "bootstrap"). Throws std::runtime_error when libzip
/// fails (out of memory).
std::string zip_archive(const std::vector<std::pair<std::string, std::string>> &files);

/// One file of a zip read back: its path inside the archive, its bytes, and whether its Unix
/// mode has the owner's execute bit.
struct ZipEntry {
  std::string path;
  std::string content;
  bool executable = false;
};

/// The files (folders left out) of the zip whose bytes are `zip`, in archive order. Throws
/// std::runtime_error when the bytes are not a readable zip.
std::vector<ZipEntry> zip_entries(const std::string &zip);

} // namespace cfnlocal::services
