#pragma once
/// \file
/// Documents and archives that templates name by S3 location (an API's BodyS3Location, a state
/// machine's DefinitionS3Location, a repository's Code.S3), read with S3 GetObject.

#include "parser/json.h"
#include "services/backend.h"

#include <string>

namespace cfnlocal::providers {

/// The bytes of s3://`bucket`/`key` (`version`: a VersionId, empty for the latest), whatever
/// form the backend gives the Body in (bytes, text, or a JSON document). Throws
/// services::ServiceError as GetObject does (NoSuchBucket, NoSuchKey).
std::string s3_object_body(services::Backend &backend, const std::string &bucket,
                           const std::string &key, const std::string &version = "");

/// An API definition given inline as `Body` (text, or a JSON/YAML document) or by
/// `BodyS3Location` (Bucket, Key, Version), as AWS::ApiGateway::RestApi and
/// AWS::ApiGatewayV2::Api take it.
std::string api_body(services::Backend &backend, const Json &model);

} // namespace cfnlocal::providers
