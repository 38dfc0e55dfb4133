#pragma once
/// \file
/// The AWS::Include transform: inserts a template snippet read from a Location. Follows
/// "AWS::Include transform" in the AWS CloudFormation User Guide. Locations: `s3://bucket/key`, the
/// S3 https forms (`https://bucket.s3.amazonaws.com/key`,
/// `https://bucket.s3.<region>.amazonaws.com/key`, `https://s3.amazonaws.com/bucket/key`,
/// `https://s3.<region>.amazonaws.com/bucket/key`, `https://s3-<region>.amazonaws.com/bucket/key`),
/// read through TransformOptions::s3_object; cfnlocal also reads a local path (absolute, `file://`,
/// or relative to the template's folder). Snippets are YAML or JSON; a snippet that itself uses
/// AWS::Include is refused, as in AWS.

#include "parser/value.h"
#include "transforms/transform.h"

#include <optional>
#include <string>

namespace cfnlocal::transforms::include {

/// An object of the S3 store.
struct S3Location {
  std::string bucket;
  std::string key;
};

/// The bucket and key of `s3://bucket/key` or of an S3 https URL (virtual-hosted or path style,
/// with or without a region: the forms listed above); nullopt for anything else.
std::optional<S3Location> s3_location(const std::string &location);

/// True for `{"Name": "AWS::Include", "Parameters": {...}}` (the value of Fn::Transform or an
/// entry of the Transform section).
bool is_include(const Value &transform);

/// True when some Fn::Transform of AWS::Include appears at any depth.
bool has_include_snippets(const Value &tmpl);

/// Replaces every `Fn::Transform: {Name: AWS::Include, Parameters: {Location: L}}`: an object whose
/// only member it is becomes the snippet (any value); next to other members, the snippet (an
/// object) is merged into that object. The Location may be written with Ref/Fn::Sub of parameters.
/// Throws TransformError ("Transform AWS::Include failed with: ...") at the Fn::Transform for: no
/// Location, a Location that is not an S3 URI or a readable local file, an S3 location without an
/// object store, an object that cannot be read, a snippet that is not YAML/JSON, uses
/// AWS::Include itself, or (merged next to members) is not an object or repeats a member's key.
Value expand_snippets(const Value &tmpl, const TransformOptions &options);

/// Applies a Transform-section entry `{Name: AWS::Include, Parameters: {Location: L}}`: the
/// snippet (an object of template sections) is merged into the template, section by section
/// (members of a section both declare are an error). Same errors as expand_snippets.
Value include_template(const Value &tmpl, const Value &entry, const TransformOptions &options);

} // namespace cfnlocal::transforms::include
