#pragma once
/// \file
/// Records of the embedded S3 (internal): buckets under kind "bucket" keyed by name (bucket
/// names are global, so not by region), objects under kind "object" keyed "BUCKET/KEY" holding
/// every version newest first.

#include "services/embedded/context.h"

#include <string>

namespace cfnlocal::services::embedded::s3 {

inline constexpr std::string_view kService = "s3";

/// The bucket record named by input member "Bucket". Throws NoSuchBucket (404) when missing,
/// AccessDenied (403) when another account owns it.
Json load_bucket(Context &c, const Json &input);
/// Writes a bucket record back.
void save_bucket(Context &c, const Json &bucket);
/// [[noreturn]] NoSuchBucket for `name`.
[[noreturn]] void no_such_bucket(const std::string &name);
/// The record key of an object.
std::string object_key(const std::string &bucket, const std::string &key);

} // namespace cfnlocal::services::embedded::s3
