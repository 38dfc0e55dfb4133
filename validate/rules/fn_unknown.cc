// E1099 (cfnlocal; cfn-lint files these under E3012/E8001): a function CloudFormation does not
// know, or a condition function (Fn::And, Fn::Equals, Fn::Not, Fn::Or) outside Conditions and
// Fn::If conditions; E1030/E1031: Fn::Length and Fn::ToJsonString without AWS::LanguageExtensions.
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

bool has_language_extensions(const Context &ctx) {
  const Value *t = ctx.root().is_object() ? ctx.root().find("Transform") : nullptr;
  if (!t)
    return false;
  auto is_le = [](const Value &v) {
    return v.is_string() && v.as_string() == "AWS::LanguageExtensions";
  };
  if (is_le(*t))
    return true;
  if (t->is_array())
    for (const auto &item : t->as_array())
      if (is_le(item))
        return true;
  return false;
}

void unknown(const Context &ctx, Reporter &out) {
  for (const Call &c : ctx.calls()) {
    if (!is_known_function(c.name)) {
      // Fn::ForEach belongs to AWS::LanguageExtensions; other Fn:: keys are unknown.
      if (c.name.rfind("Fn::ForEach", 0) == 0 && ctx.has_transform())
        continue;
      // cfn-lint files an unknown function in resource properties under E3012 (the value is not
      // of the property's type) and in Conditions under E8001; the same ids keep suppressions.
      std::string message = fmt::format("Unknown intrinsic function '{}'", c.name);
      if (c.in_properties)
        out.report_as("E3012", Severity::Error, c.mark, c.path, message);
      else if (c.section == Section::Conditions)
        out.report_as("E8001", Severity::Error, c.mark, c.path, message);
      else
        out.report(c.mark, c.path, message);
      continue;
    }
    bool condition_fn =
        c.name == "Fn::And" || c.name == "Fn::Or" || c.name == "Fn::Not" || c.name == "Fn::Equals";
    if (condition_fn && !c.in_condition_function && c.section != Section::Conditions &&
        c.section != Section::Rules)
      out.report(c.mark, c.path,
                 fmt::format("{} can only be used in Conditions (and Rules)", c.name));
    bool rules_only = c.name == "Fn::Contains" || c.name == "Fn::EachMemberEquals" ||
                      c.name == "Fn::EachMemberIn" || c.name == "Fn::RefAll" ||
                      c.name == "Fn::ValueOf" || c.name == "Fn::ValueOfAll";
    if (rules_only && c.section != Section::Rules)
      out.report(c.mark, c.path, fmt::format("{} can only be used in Rules", c.name));
  }
}

void language_extension(const Context &ctx, Reporter &out, std::string_view name) {
  if (has_language_extensions(ctx))
    return;
  for (const Call *c : ctx.calls_of(name))
    out.report(c->mark, c->path,
               fmt::format("{} needs 'Transform: AWS::LanguageExtensions'", name));
}

void length(const Context &ctx, Reporter &out) { language_extension(ctx, out, "Fn::Length"); }
void to_json(const Context &ctx, Reporter &out) {
  language_extension(ctx, out, "Fn::ToJsonString");
}

} // namespace

extern const Rule kFnUnknown{"E1099", Severity::Error, "Unknown or misplaced function",
                             "Every Fn:: key is a function CloudFormation knows, used where it is "
                             "allowed.",
                             unknown};
extern const Rule kFnLength{"E1030", Severity::Error, "Length validation",
                            "Fn::Length needs the AWS::LanguageExtensions transform.", length};
extern const Rule kFnToJsonString{"E1031", Severity::Error, "ToJsonString validation",
                                  "Fn::ToJsonString needs the AWS::LanguageExtensions transform.",
                                  to_json};

} // namespace cfnlocal::validate::rules
