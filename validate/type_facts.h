#pragma once
/// \file
/// The resource-type facts the rules need, read from the schema module's registry: whether a type
/// exists, which Fn::GetAtt attributes it returns, and its schema for property validation. One
/// place that knows the registry's API, so rules stay small.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::schema {
class ResourceType;
}

namespace cfnlocal::validate {

/// Whether the type is a registry type, a custom resource (Custom::*,
/// AWS::CloudFormation::CustomResource) or a module (*::MODULE). nullopt when the registry cannot
/// answer (not loaded).
std::optional<bool> type_known(std::string_view type);

/// Whether Fn::GetAtt may read `attribute` of `type`. nullopt when unknowable: custom resources,
/// modules, nested stacks' Outputs.*, unknown types.
std::optional<bool> getatt_attribute_valid(std::string_view type, std::string_view attribute);

/// The literal attribute names of a type (for messages).
std::vector<std::string> getatt_attributes(std::string_view type);

/// The registry type, nullptr when unknown.
const schema::ResourceType *registry_type(std::string_view type);

} // namespace cfnlocal::validate
