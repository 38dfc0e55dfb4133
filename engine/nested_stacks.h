#pragma once
/// \file
/// Nested stacks: the provider of `AWS::CloudFormation::Stack`, whose create, update and delete
/// handlers run a whole stack operation on a child stack of the same state file. Follows
/// "AWS::CloudFormation::Stack" and "Nested stacks" in the AWS CloudFormation User Guide:
/// - the child is a stack of its own, named PARENT-LOGICALID-SUFFIX (13 characters of
///   [A-Z0-9]), with ParentId and RootId, its own events and statuses;
/// - `Ref` is the child's stack ARN (the physical ID), `Fn::GetAtt X.Outputs.NAME` its outputs;
/// - TemplateURL: `s3://bucket/key` or an S3 https URL read from the stack's object store, a
///   `file://` URL or a local path (relative to the parent template's folder);
/// - Parameters become the child's parameter values; TimeoutInMinutes bounds its operation;
///   NotificationARNs are ignored; the parent's capabilities, tags and --disable-rollback apply;
/// - a failed child (rolled back unless rollback is disabled) fails the parent's resource with
///   "Embedded stack ARN was not successfully created: REASON"; its physical ID is kept so the
///   parent's rollback deletes it.

#include "engine/reporter.h"
#include "providers/random_source.h"
#include "providers/resource_provider.h"
#include "services/backend.h"

#include <functional>
#include <map>
#include <string>

namespace cfnlocal::engine {

class Engine;

/// The type name.
inline constexpr std::string_view kNestedStackType = "AWS::CloudFormation::Stack";

/// A nested stack's template: its text and the name it is known by (a path or the URL).
struct NestedTemplate {
  std::string body;
  std::string name;
};

/// Reads the template a TemplateURL names. `parent_template_file` is the parent's template file
/// (relative paths are read from its folder). Throws cfnlocal::Error when the URL is not an S3
/// location, a file:// URL or a path, or the object or file cannot be read.
NestedTemplate read_nested_template(const std::string &url, const std::string &parent_template_file,
                                    services::Backend &backend);

/// The child's parameter values from the resource's Parameters property (strings; numbers and
/// booleans as text; lists joined with commas, as CloudFormation passes them). Throws
/// cfnlocal::Error for values that are objects.
std::map<std::string, std::string> nested_parameter_values(const Value &parameters);

class NestedStackProvider : public providers::ResourceProvider {
public:
  /// `reporter` returns the reporter of the operation running (the child's events go there too).
  NestedStackProvider(Engine &engine, std::function<Reporter &()> reporter,
                      providers::RandomSource &random);

  providers::ProgressEvent create(const providers::ResourceHandlerRequest &request) override;
  providers::ProgressEvent read(const providers::ResourceHandlerRequest &request) override;
  providers::ProgressEvent update(const providers::ResourceHandlerRequest &request) override;
  providers::ProgressEvent remove(const providers::ResourceHandlerRequest &request) override;
  providers::ProgressEvent list(const providers::ResourceHandlerRequest &request) override;

  std::string physical_id(std::string_view type_name, const Value &model) const override;
  std::optional<Value> ref(std::string_view type_name, const Value &model) const override;
  bool has_attribute(std::string_view type_name, std::string_view attribute) const override;
  std::optional<Value> get_att(const providers::ResourceHandlerRequest &request, const Value &model,
                               std::string_view attribute) const override;

private:
  Engine &engine_;
  std::function<Reporter &()> reporter_;
  providers::RandomSource &random_;
};

} // namespace cfnlocal::engine
