#pragma once
/// \file
/// Entry point of the template macros: the engine, validate and the CLI hand a parsed template
/// here before planning. Today: AWS::Serverless-2016-10-31 (SAM). AWS::LanguageExtensions and
/// AWS::Include slot in before SAM, in the order CloudFormation applies them (the Transform list).

#include "parser/diagnostic.h"
#include "parser/value.h"

#include <map>
#include <string>
#include <string_view>

namespace cfnlocal::transforms {

/// The name of the SAM transform.
inline constexpr std::string_view kSamTransform = "AWS::Serverless-2016-10-31";

struct TransformOptions {
  std::string region = "us-east-1"; ///< decides AWS::Partition (cn-* aws-cn, us-gov-* aws-us-gov)
  /// Template parameter values; names the template does not declare are ignored.
  std::map<std::string, std::string> parameter_overrides;
  /// Run SAM even when the template does not declare it (the `transform` verb, like the SAM
  /// translator, translates any template it is given).
  bool always_sam = false;
};

/// A template a transform rejects. `message()` is the transform's own wording; for SAM it is the
/// translator's full message ("Invalid Serverless Application Specification document. ...").
class TransformError : public Error {
public:
  using Error::Error;
};

/// Whether the template's Transform section names `name` (string or list form).
bool declares_transform(const Value &tmpl, std::string_view name);

/// Applies the template's transforms and returns the processed template (marks of untouched
/// nodes are kept as read; generated nodes carry the mark of the template root). A template
/// without transforms comes back unchanged. Throws TransformError for an invalid document.
Value apply_transforms(const Value &tmpl, const TransformOptions &options);

} // namespace cfnlocal::transforms
