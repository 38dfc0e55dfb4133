#pragma once
/// \file
/// Template parameters: their types, binding values (given, default, or read from SSM) and the
/// constraints CloudFormation checks before a stack operation. Follows "Parameters" in the AWS
/// CloudFormation User Guide (types, AllowedValues, AllowedPattern, MinLength/MaxLength,
/// MinValue/MaxValue, ConstraintDescription, NoEcho, SSM parameter types).

#include "intrinsics/lookup.h"
#include "intrinsics/string_hash.h"
#include "parser/value.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cfnlocal::intrinsics {

/// A parameter Type broken into what binding needs.
/// "List<AWS::EC2::Subnet::Id>" is {list, element "AWS::EC2::Subnet::Id"};
/// "AWS::SSM::Parameter::Value<List<String>>" is {ssm, list, element "String"};
/// "CommaDelimitedList" is {list, element "String"}; "Number" is {element "Number"}.
struct ParameterType {
  std::string name;    ///< as declared
  std::string element; ///< "String", "Number", or an AWS-specific type
  bool list = false;
  bool ssm = false;             ///< AWS::SSM::Parameter::Value<...>: the given value is an SSM name
  bool comma_delimited = false; ///< CommaDelimitedList (or the SSM form of it)

  bool is_number() const { return element == "Number"; }
  /// An AWS-specific type (AWS::EC2::VPC::Id, ...) or a list of them.
  bool is_aws_specific() const { return element.rfind("AWS::", 0) == 0; }
};

/// Parses a declared Type. nullopt for a type CloudFormation does not know (AWS then fails with
/// "Template format error: Unrecognized parameter type: X").
std::optional<ParameterType> parse_parameter_type(std::string_view type);

/// One parameter with its value for a stack operation.
struct BoundParameter {
  std::string name;
  ParameterType type;
  /// What Ref gives: a string, or an array of strings for list types (Number values are strings
  /// too: CloudFormation validates them as numbers but Ref yields strings). The mark is where the
  /// value came from (the Default, or the declaration for values given on the command line).
  Value value;
  /// The text as given or defaulted (for SSM types, the SSM parameter name).
  std::string raw;
  bool no_echo = false;
  bool from_default = false;
  /// For SSM parameter types: the SSM parameter's name and the version read.
  std::string ssm_name;
  int64_t ssm_version = 0;
};

/// What describe-stacks, events and logs show for a parameter: "****" for NoEcho parameters (as
/// AWS masks them), the value as given otherwise (lists comma-separated).
std::string displayed_value(const BoundParameter &parameter);

/// The bound parameters of one stack operation, by name, in declaration order.
class BoundParameters {
public:
  /// nullptr when `name` is not bound (not declared, or left unbound on purpose: then Refs to it
  /// stay symbolic).
  const BoundParameter *find(std::string_view name) const;
  const std::vector<BoundParameter> &all() const { return items_; }
  /// Adds or replaces a parameter.
  void add(BoundParameter parameter);
  /// True when the parameter is declared NoEcho: callers mask its value ("****") in every output,
  /// event and log.
  bool is_no_echo(std::string_view name) const;
  /// Names of the NoEcho parameters, in declaration order.
  std::vector<std::string> no_echo_names() const;
  size_t size() const { return items_.size(); }

private:
  std::vector<BoundParameter> items_;
  StringMap<size_t> index_;
};

/// Values supplied for a stack operation (ParameterKey -> ParameterValue, as the CLI and
/// CreateStack take them: always strings, lists comma-separated).
using ParameterValues = std::map<std::string, std::string>;

/// Binds every declared parameter: the supplied value, else the Default; SSM parameter types read
/// through `lookup`. Checks every constraint.
/// Throws cfnlocal::Error (AWS's wording) for: supplied values of undeclared parameters
/// ("Parameters: [X] do not exist in the template"), parameters without a value ("Parameters:
/// [A, B] must have values"), an unrecognized type, a value failing a constraint (the
/// ConstraintDescription replaces the message when declared), an SSM parameter that cannot be read
/// ("Unable to fetch parameters [name] from parameter store for this account."), and an
/// AWS-specific value that the lookup says does not exist.
/// An SSM parameter the lookup answers Unknown for is bound to its SSM name.
BoundParameters bind_parameters(const Value *parameters_section, const ParameterValues &values,
                                Lookup &lookup = null_lookup());

/// Checks one value (the raw string: comma-separated for list types) against a declaration's
/// constraints, without lookups. Returns AWS's message for the first violation, nullopt when the
/// value is acceptable. Used for Defaults by the validator.
/// E.g. "Parameter 'Env' must be one of AllowedValues",
/// "Parameter 'Name' must match pattern [a-z]+", "Parameter 'Size' must be a number not less than
/// 1", "Parameter 'Name' failed to satisfy constraint: <ConstraintDescription>".
std::optional<std::string> check_parameter_value(std::string_view name, const Value &declaration,
                                                 std::string_view value);

/// Splits a list parameter value at commas ("a,b" gives {"a", "b"}; "" gives {}). With `trim`,
/// each item loses its surrounding spaces, as CloudFormation does for every list type ("each
/// member string is space trimmed", Parameters reference).
std::vector<std::string> split_list_value(std::string_view value, bool trim);

} // namespace cfnlocal::intrinsics
