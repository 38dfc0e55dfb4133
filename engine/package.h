#pragma once
/// \file
/// `cfnlocal package`: uploads a template's local artifacts to the S3 store and rewrites the
/// template to point at them, as `aws cloudformation package` does ("package" in the AWS CLI
/// Command Reference). The properties packaged are the ones that command documents:
/// AWS::Serverless::Function CodeUri (and ImageUri is left alone), AWS::Serverless::LayerVersion
/// ContentUri, AWS::Serverless::Api / HttpApi / StateMachine DefinitionUri,
/// AWS::Serverless::Application Location, AWS::Serverless::GraphQLApi SchemaUri,
/// AWS::Lambda::Function Code, AWS::Lambda::LayerVersion Content, AWS::ApiGateway::RestApi
/// BodyS3Location, AWS::ApiGatewayV2::Api BodyS3Location, AWS::AppSync::GraphQLSchema
/// DefinitionS3Location, AWS::AppSync::Resolver and FunctionConfiguration
/// Request/ResponseMappingTemplateS3Location and CodeS3Location, AWS::StepFunctions::StateMachine
/// DefinitionS3Location, AWS::ElasticBeanstalk::ApplicationVersion SourceBundle,
/// AWS::Glue::Job Command.ScriptLocation, AWS::CloudFormation::Stack TemplateURL (the nested
/// template is packaged recursively and uploaded as KEY.template),
/// AWS::CloudFormation::ModuleVersion ModulePackage, AWS::CloudFormation::ResourceVersion
/// SchemaHandlerPackage, and AWS::Include Locations (Fn::Transform and the Transform section).
///
/// A value that is already an S3 location (or any URL) is left as is. Folders are zipped
/// (sorted entries, fixed timestamps, so the same content gives the same archive); the
/// properties Lambda runs from a zip get a lone file zipped too unless it is a zip already.
/// Object keys are the MD5 of the uploaded bytes (`PREFIX/MD5`, `.template` for templates), so
/// unchanged artifacts keep their keys and are not uploaded again.

#include "services/backend.h"

#include <string>
#include <vector>

namespace cfnlocal::engine {

struct PackageOptions {
  std::string template_file;
  std::string s3_bucket;
  /// Key prefix ("" for none), joined with "/".
  std::string s3_prefix;
  /// Write JSON rather than YAML.
  bool use_json = false;
  /// Upload even when an object of that key exists.
  bool force_upload = false;
  /// For the https URLs of nested templates.
  std::string region = "us-east-1";
};

/// One artifact the template pointed at.
struct PackagedArtifact {
  /// The local file or folder.
  std::string path;
  std::string bucket;
  std::string key;
  /// False when an object of that key was already there.
  bool uploaded = false;
};

struct PackageResult {
  /// The rewritten template (YAML, or JSON with use_json).
  std::string template_text;
  std::vector<PackagedArtifact> artifacts;
};

/// Packages `options.template_file`. Throws cfnlocal::Error when the template cannot be read,
/// an artifact path does not exist, or the bucket does not exist (NoSuchBucket: create it
/// first, as with the AWS CLI) or the upload fails.
PackageResult package_template(const PackageOptions &options, services::Backend &backend);

/// A deterministic zip archive of a folder (or of one file), as bytes.
std::string zip_artifact(const std::string &path);

} // namespace cfnlocal::engine
