#pragma once
/// \file
/// The AWS::Serverless-2016-10-31 transform (SAM): turns a SAM template into plain
/// CloudFormation, matching the output and the error wording of the AWS SAM translator
/// (aws-sam-translator 1.110). Follows the "AWS SAM specification" of the AWS Serverless
/// Application Model Developer Guide.

#include "transforms/sam/common.h"

#include <map>
#include <stdexcept>
#include <string>

namespace cfnlocal::transforms::sam {

/// The deployment environment the translator needs.
struct SamOptions {
  std::string region = "us-east-1"; ///< decides the partition (cn-* aws-cn, us-gov-* aws-us-gov)
  /// Parameter values (from --parameter-overrides); values for parameters the template does not
  /// declare are ignored, as the translator does.
  std::map<std::string, std::string> parameters;
};

/// An invalid SAM document. `what()` is the translator's full message ("Invalid Serverless
/// Application Specification document. Number of errors found: N. ...").
class SamError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The partition of a region: "aws-cn" for cn-*, "aws-us-gov" for us-gov-*, else "aws".
std::string partition_of(const std::string &region);

/// Translates a SAM template (a JSON object) into a CloudFormation template: SAM resources become
/// their CloudFormation resources, Globals is applied and removed, the SAM transform is removed
/// from Transform. Throws SamError with the translator's message on an invalid document.
Json translate(const Json &sam_template, const SamOptions &options);

} // namespace cfnlocal::transforms::sam
