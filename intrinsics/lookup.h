#pragma once
/// \file
/// The seam through which intrinsic functions read the world. The engine implements it with stack
/// state and the local services; the validator with placeholders; tests with fakes. intrinsics
/// never reaches for state or services itself (DESIGN.md: data flows one way).

#include "parser/value.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::intrinsics {

/// Thrown by a Lookup implementation for a failure that has its own message (access denied, a
/// service error). The evaluator turns it into a cfnlocal::Error carrying the mark of the function
/// that asked, so users see where in the template the lookup happened.
class LookupError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The result of asking a lookup about something outside the template.
/// `Found`: the value is known. `Missing`: it does not exist (the evaluator reports AWS's error for
/// the kind of lookup). `Unknown`: it cannot be known now (validation without a stack, or an export
/// of a stack not deployed yet); the evaluator keeps the function symbolic.
template <class T> struct Answer {
  enum class Status { Found, Missing, Unknown };
  Status status = Status::Missing;
  T value{};

  static Answer found(T v) { return Answer{Status::Found, std::move(v)}; }
  static Answer missing() { return Answer{Status::Missing, T{}}; }
  static Answer unknown() { return Answer{Status::Unknown, T{}}; }
  bool is_found() const { return status == Status::Found; }
};

/// An SSM Parameter Store parameter as GetParameter returns it ("Type": String, StringList or
/// SecureString; `value` is the plain text; StringList values are comma-separated).
struct SsmParameter {
  std::string type = "String";
  std::string value;
  int64_t version = 1;
};

/// Which version of a Secrets Manager secret a dynamic reference asks for. Both empty means the
/// AWSCURRENT stage.
struct SecretSelector {
  std::string version_stage;
  std::string version_id;
};

/// What intrinsic functions need to know that the template itself does not say.
/// Every method has a default so that fakes override only what they use. Implementations may throw
/// LookupError for failures that are not "missing".
class Lookup {
public:
  virtual ~Lookup() = default;

  /// Ref of a resource of the template: its physical ID (or what the type documents as its Ref
  /// value), nullopt while the resource has not been created (the Ref stays symbolic).
  /// Default: nullopt.
  virtual std::optional<Value> ref_resource(std::string_view logical_id);

  /// Fn::GetAtt of a resource attribute ("Arn", "Endpoint.Address", "Outputs.X"), nullopt while
  /// unknown. Throw LookupError for an attribute the type does not have. Default: nullopt.
  virtual std::optional<Value> get_att(std::string_view logical_id, std::string_view attribute);

  /// Fn::ImportValue: the value of the export named `name` (a string, or a list for the rare
  /// exports of lists). Default: Unknown.
  virtual Answer<Value> import_value(std::string_view name);

  /// An SSM parameter by name (or ARN); `version` nullopt for the latest. Used for the
  /// AWS::SSM::Parameter::Value<...> parameter types and {{resolve:ssm:...}} /
  /// {{resolve:ssm-secure:...}}. Default: Unknown.
  virtual Answer<SsmParameter> ssm_parameter(std::string_view name, std::optional<int64_t> version);

  /// The SecretString of a Secrets Manager secret (by name or ARN). Default: Unknown.
  virtual Answer<std::string> secret_string(std::string_view secret_id,
                                            const SecretSelector &selector);

  /// The Availability Zones of `region` for Fn::GetAZs. Default: region + "a", "b", "c", which is
  /// what every commercial region has at least.
  virtual std::vector<std::string> availability_zones(std::string_view region);

  /// Whether a value of an AWS-specific parameter type exists in the account ("AWS::EC2::VPC::Id",
  /// "vpc-123"), as CloudFormation checks before a stack operation. nullopt when the lookup
  /// cannot tell (then the value is accepted). Default: nullopt.
  virtual std::optional<bool> aws_value_exists(std::string_view parameter_type,
                                               std::string_view value);

  /// For Rules' Fn::RefAll: every value of an AWS-specific parameter type in the account and
  /// region (all VPC IDs for "AWS::EC2::VPC::Id"). nullopt when unknown. Default: nullopt.
  virtual std::optional<std::vector<std::string>>
  all_values_of_type(std::string_view parameter_type);

  /// For Rules' Fn::ValueOf / Fn::ValueOfAll: an attribute of the AWS resource a parameter value
  /// names ("VpcId" of a subnet, "Tags.Department" of a VPC). nullopt when unknown or absent.
  /// Default: nullopt.
  virtual std::optional<std::string> value_attribute(std::string_view parameter_type,
                                                     std::string_view value,
                                                     std::string_view attribute);
};

/// A lookup that knows nothing beyond the defaults (validation, tests of pure functions).
Lookup &null_lookup();

} // namespace cfnlocal::intrinsics
