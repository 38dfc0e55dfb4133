#pragma once
/// \file
/// Small helpers the rules share: message formatting and argument access.

#include "validate/context.h"
#include "validate/rule.h"

#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::validate::rules {

/// A value as compact JSON for messages, cut at `limit` characters.
std::string show(const Value &v, size_t limit = 80);

/// "'a', 'b', 'c'" (at most `limit` names, then "...").
std::string quoted_list(const std::vector<std::string> &names, size_t limit = 12);

/// The path of a call's argument ("Resources/A/Properties/B/Fn::Join").
std::string arg_path(const Call &c);
/// The path of a call's argument item i ("Resources/A/Properties/B/Fn::Join/1").
std::string arg_path(const Call &c, size_t i);
/// The mark of a call's argument item (or of the call when unknown).
const Mark &item_mark(const Call &c, const Value &item);

/// Names a Ref may target: parameters, resources and pseudo parameters.
std::vector<std::string> ref_targets(const Context &ctx, bool resources = true);
/// Names of the members of a section (empty when absent).
std::vector<std::string> member_names(const Value *section);

/// Whether `v` is a call of `name` ({"Ref": ...}).
bool is_call(const Value &v, std::string_view name);
/// Whether `v` is any intrinsic function call (one member, key Ref, Condition or Fn::*).
bool is_function(const Value &v);
/// The function name of a call, "" when `v` is not one.
std::string_view function_name(const Value &v);

/// Whether the parameter's Type is a list type (List<...>, CommaDelimitedList,
/// AWS::SSM::Parameter::Value<List<...>> or ...<CommaDelimitedList>).
bool is_list_parameter(const Context &ctx, std::string_view name);

/// Whether a value can be a list: an array, or a function that returns one (GetAZs, Split, Cidr,
/// a Ref to a list parameter, FindInMap, GetAtt and If of those, ...). Lenient: unknown is yes.
bool may_be_list(const Context &ctx, const Value &v);
/// Whether a value can be a string: a scalar, or a function that can return one. Lenient.
bool may_be_string(const Context &ctx, const Value &v);

} // namespace cfnlocal::validate::rules

namespace cfnlocal::validate::rules {

/// The variables of an Fn::Sub string: "${Name}" gives "Name", "${Res.Attr}" gives "Res.Attr";
/// "${!Text}" is literal text and gives nothing. Whitespace inside the braces is trimmed.
std::vector<std::string> sub_variables(std::string_view text);

/// Whether reference targets may come from a transform that has not run here (SAM's generated
/// resources, AWS::LanguageExtensions' Fn::ForEach): existence checks are then skipped.
bool names_may_be_generated(const Context &ctx);

/// The list of available names for a "not one of" message, capped.
std::string not_one_of(std::string_view name, const std::vector<std::string> &choices);

} // namespace cfnlocal::validate::rules
