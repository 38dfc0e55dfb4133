#pragma once
/// \file
/// What the generic provider invents for a resource AWS would have created: the physical name
/// (CloudFormation's "Name type": `stackName-LogicalId-RANDOM` where the template leaves a name
/// property out), the primary identifier in the type's own id format (`vpc-0a1b2c3d4e5f67890`,
/// UUIDs, ...), and every read-only property with a realistic value (ARNs in the type's format
/// with the request's partition, region and account; URLs; domain names; timestamps; ids).
/// Values are checked against the property's schema (enum, pattern, length) and fall back to a
/// sample of the pattern when the realistic guess does not fit.

#include "parser/json.h"
#include "parser/value.h"
#include "providers/handler_request.h"
#include "providers/random_source.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::providers {

/// The account, region, partition and names a synthesised value is built from.
struct SynthesisScope {
  std::string type_name;
  std::string logical_id;
  std::string stack_name;
  std::string stack_id;
  std::string region = "us-east-1";
  std::string account_id = "123456789012";
  std::string partition = "aws";

  static SynthesisScope from(const ResourceHandlerRequest &request);
};

/// The top-level property that names a resource of the type ("QueueName" for AWS::SQS::Queue,
/// "GroupName" for AWS::EC2::SecurityGroup, "Name" for AWS::Events::Rule), "" when none.
std::string name_property(const Json &schema, std::string_view type_name);

/// Whether CloudFormation generates a name when the template leaves `name_property` out: the
/// property is not required and is part of the primary identifier or createOnly.
bool generates_name(const Json &schema, std::string_view name_property);

/// CloudFormation's generated physical name: "stack-Logical-RANDOM" with a 13-character
/// [A-Z0-9] suffix (12 of [a-z0-9] where the name must be lowercase), stack name and logical ID
/// truncated so the whole fits the property's maxLength (64 when the schema gives none), and
/// characters the property's pattern rejects dropped.
std::string generated_name(const Json &name_schema, const SynthesisScope &scope,
                           RandomSource &random);

/// An id in the type's own format for a property (`vpc-` + 17 hex for AWS::EC2::VPC, a UUID, a
/// 10-character API Gateway id, ...), fitted to the property's schema.
std::string generate_id(const Json &root, const Json *property_schema,
                        std::string_view property_name, const SynthesisScope &scope,
                        RandomSource &random);

/// Completes a model the way the type's create handler would: sets the generated name, fills
/// missing primary identifier parts and every read-only property (nested read-only properties
/// only where their parent object is present). `desired` is the resolved Properties (object or
/// null); returns the full model.
Value complete_model(const Json &schema, const Value &desired, const SynthesisScope &scope,
                     RandomSource &random);

/// A realistic value for the property at `path` of `model` (used for Fn::GetAtt of an attribute
/// the model does not carry, e.g. a writable property left to its service default). Deterministic
/// for a given primary identifier and path (so stable across in-place updates, new on
/// replacement; the whole model stands in when it has no identifier yet). Null when the schema
/// has no such property.
Value synthesize_attribute(const Json &schema, const Value &model,
                           const std::vector<std::string> &path, const SynthesisScope &scope);

/// A realistic value for one sub-schema (`sub` may be null: a string), as read-only properties
/// get them: enum/const/default first, then a guess from the property name and format fitted to
/// the pattern and lengths; objects get every property, arrays one item. `model` supplies the
/// resource's own name for ARNs and URLs.
Value synthesize_value(const Json &root, const Json *sub, std::string_view property_name,
                       const Value &model, const SynthesisScope &scope, RandomSource &random);

/// The "own" token of a model: its name property, else its first non-ARN primary identifier
/// part, else "" (used as the last segment of its ARN and in URLs).
std::string own_token(const Json &schema, const Value &model, std::string_view type_name);

} // namespace cfnlocal::providers
