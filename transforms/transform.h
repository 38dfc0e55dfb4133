#pragma once
/// \file
/// Entry point of the template macros: the engine, validate and the CLI hand a parsed template
/// here before planning. AWS::Include snippets (Fn::Transform) are inserted first; then the
/// Transform section's entries run in the order listed, as CloudFormation applies them:
/// AWS::LanguageExtensions (transforms/language_extensions/), AWS::Include at the top level
/// (transforms/include/), AWS::Serverless-2016-10-31 (transforms/sam/). Other names (macros) are
/// left in the Transform section for whoever runs macros.

#include "intrinsics/lookup.h"
#include "intrinsics/pseudo.h"
#include "parser/diagnostic.h"
#include "parser/value.h"

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace cfnlocal::transforms {

/// The name of the SAM transform.
inline constexpr std::string_view kSamTransform = "AWS::Serverless-2016-10-31";
/// The name of the language extensions transform (Fn::ForEach, Fn::Length, Fn::ToJsonString, ...).
inline constexpr std::string_view kLanguageExtensionsTransform = "AWS::LanguageExtensions";
/// The name of the include transform.
inline constexpr std::string_view kIncludeTransform = "AWS::Include";

/// Reads one object of the S3 store for AWS::Include: (bucket, key) -> the object's bytes. Throws
/// any std::exception (its what() is shown to the user) when the object cannot be read.
using S3ObjectReader =
    std::function<std::string(const std::string &bucket, const std::string &key)>;

/// One invocation of a macro (a name the Transform section or a Fn::Transform gives that is not
/// one of the transforms here). Follows "Template macros" in the AWS CloudFormation User Guide.
struct MacroCall {
  std::string name;
  /// For the Transform section: the whole template (its Transform section left out). For
  /// Fn::Transform: the object that holds it, without the Fn::Transform member.
  Value fragment;
  /// The entry's Parameters (an object; empty when none).
  Value parameters;
  /// Where the macro is named, for errors.
  Mark mark;
};

/// Runs a macro and returns the fragment it produced. Throws TransformError with the macro's
/// message (its errorMessage when it reports failure) at `call.mark`.
using MacroRunner = std::function<Value(const MacroCall &call)>;

struct TransformOptions {
  std::string region = "us-east-1"; ///< decides AWS::Partition (cn-* aws-cn, us-gov-* aws-us-gov)
  /// Template parameter values; names the template does not declare are ignored.
  std::map<std::string, std::string> parameter_overrides;
  /// Run SAM even when the template does not declare it (the `transform` verb, like the SAM
  /// translator, translates any template it is given).
  bool always_sam = false;
  /// Where AWS::Include reads s3:// and S3 https locations (the engine reads its object store).
  /// Empty: such locations are refused with a TransformError.
  S3ObjectReader s3_object;
  /// The folder relative AWS::Include locations are read from; "" means the folder of the file the
  /// template's root mark names (the template's own folder), else the working directory.
  std::string base_directory;
  /// The stack's pseudo parameters. Null: only AWS::Region, AWS::Partition and AWS::URLSuffix
  /// (from `region`) are known to the transforms; expressions that need the others stay as
  /// written, for the engine to evaluate.
  const intrinsics::PseudoParameters *pseudo = nullptr;
  /// What Fn::GetAZs and SSM parameter types read while a transform resolves values statically.
  /// Null: intrinsics::null_lookup().
  intrinsics::Lookup *lookup = nullptr;
  /// Runs macros. Empty: macro names stay in the Transform section and Fn::Transform, for the
  /// caller to report.
  MacroRunner macro;
};

/// A template a transform rejects. `message()` is the transform's own wording; for SAM it is the
/// translator's full message ("Invalid Serverless Application Specification document. ...").
class TransformError : public Error {
public:
  using Error::Error;
};

/// Whether the template's Transform section names `name` (string or list form).
bool declares_transform(const Value &tmpl, std::string_view name);

/// Whether the template uses a transform apply_transforms runs: SAM, AWS::LanguageExtensions or
/// AWS::Include in the Transform section, or a Fn::Transform of AWS::Include anywhere.
bool uses_builtin_transforms(const Value &tmpl);

/// Applies the template's transforms and returns the processed template (marks of untouched
/// nodes are kept as read; nodes a loop or an include produces keep the marks of the nodes they
/// were copied from; SAM's generated nodes carry the mark of the template root). A template
/// without transforms comes back unchanged. Throws TransformError, with the mark of the offending
/// node, for an invalid document ("Transform AWS::LanguageExtensions failed with: ...",
/// "Transform AWS::Include failed with: ...", SAM's own messages).
/// With options.macro, macros run too: Fn::Transform snippets of macros first (innermost first, in
/// document order), each result replacing the object that held the Fn::Transform; then the
/// Transform section's entries in order, each macro's result becoming the template.
Value apply_transforms(const Value &tmpl, const TransformOptions &options);

/// Whether the template names a transform that is not SAM, AWS::LanguageExtensions or
/// AWS::Include, in the Transform section or in a Fn::Transform.
bool uses_macros(const Value &tmpl);

} // namespace cfnlocal::transforms
