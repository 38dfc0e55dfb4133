// E1001: the template's top level (AWS User Guide, "Template anatomy").
#include "validate/rules/helpers.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

constexpr std::array<std::string_view, 11> kSections = {"AWSTemplateFormatVersion",
                                                        "Description",
                                                        "Metadata",
                                                        "Parameters",
                                                        "Rules",
                                                        "Mappings",
                                                        "Conditions",
                                                        "Transform",
                                                        "Resources",
                                                        "Outputs",
                                                        "Hooks"};

void check(const Context &ctx, Reporter &out) {
  const Value &root = ctx.root();
  if (!root.is_object()) {
    out.report(root.mark(), "",
               fmt::format("The template must be an object, not {}", kind_name(root.kind())));
    return;
  }
  for (const auto &m : root.as_object()) {
    bool known = std::find(kSections.begin(), kSections.end(), m.key) != kSections.end();
    if (!known && !(ctx.is_sam() && m.key == "Globals"))
      out.report(m.key_mark, m.key,
                 fmt::format("Additional properties are not allowed ('{}' was unexpected)", m.key));
    bool must_be_object = m.key == "Parameters" || m.key == "Mappings" || m.key == "Conditions" ||
                          m.key == "Resources" || m.key == "Outputs" || m.key == "Rules";
    if (must_be_object && !m.value.is_object())
      out.report(mark_or(m.value, m.key_mark), m.key,
                 fmt::format("{} {} is not of type 'object'", m.key, show(m.value)));
    if (m.key == "AWSTemplateFormatVersion" &&
        !(m.value.is_string() && m.value.as_string() == "2010-09-09"))
      out.report(mark_or(m.value, m.key_mark), m.key,
                 fmt::format("{} is not one of ['2010-09-09']", show(m.value)));
  }
  const Value::Member *resources = root.find_member("Resources");
  if (!resources)
    out.report(root.mark(), "", "'Resources' is a required property");
  else if (resources->value.is_object() && resources->value.size() == 0)
    out.report(resources->key_mark, "Resources", "Resources should be non-empty");
}

} // namespace

extern const Rule kTemplateSections{
    "E1001", Severity::Error, "Basic CloudFormation template configuration",
    "The top level is an object of the known sections (AWSTemplateFormatVersion, Description, "
    "Metadata, Parameters, Rules, Mappings, Conditions, Transform, Resources, Outputs, Hooks); "
    "Resources is present and not empty; the format version is 2010-09-09.",
    check};

} // namespace cfnlocal::validate::rules
