// E2003, E2011, E3011, E6004, E6011, E7002, E3007: names of parameters, resources, outputs and
// mappings (AWS User Guide: "Resources": "The logical ID must be alphanumeric (A-Za-z0-9) and
// unique within the template"; quotas: names up to 255 characters).
#include "validate/rules/helpers.h"

#include <algorithm>
#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

bool alphanumeric(std::string_view s) {
  if (s.empty())
    return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
      return false;
  return true;
}

void names(const Context &ctx, Reporter &out, const char *section, bool check_chars,
           bool check_length) {
  const Value *s = ctx.section(section);
  if (!s)
    return;
  for (const auto &m : s->as_object()) {
    // Fn::ForEach::Name keys belong to AWS::LanguageExtensions and are expanded by it.
    if (ctx.has_transform() && m.key.rfind("Fn::ForEach::", 0) == 0)
      continue;
    std::string path = join_path(section, m.key);
    if (check_chars && !alphanumeric(m.key))
      out.report(
          m.key_mark, path,
          fmt::format("'{}' does not match '^[a-zA-Z0-9]+$': logical IDs are alphanumeric", m.key));
    if (check_length && m.key.size() > 255)
      out.report(m.key_mark, path,
                 fmt::format("The name '{}...' is {} characters; the limit is 255",
                             m.key.substr(0, 40), m.key.size()));
  }
}

void parameter_chars(const Context &c, Reporter &o) { names(c, o, "Parameters", true, false); }
void parameter_length(const Context &c, Reporter &o) { names(c, o, "Parameters", false, true); }
void resource_names(const Context &c, Reporter &o) { names(c, o, "Resources", true, true); }
void output_chars(const Context &c, Reporter &o) { names(c, o, "Outputs", true, false); }
void output_length(const Context &c, Reporter &o) { names(c, o, "Outputs", false, true); }
void mapping_names(const Context &c, Reporter &o) { names(c, o, "Mappings", false, true); }

void unique(const Context &ctx, Reporter &out) {
  const Value *params = ctx.parameters();
  const Value *res = ctx.resources();
  if (!params || !res)
    return;
  for (const auto &r : res->as_object())
    if (params->find(r.key))
      out.report(r.key_mark, join_path("Resources", r.key),
                 fmt::format("'{}' is both a parameter and a resource; logical IDs must be unique",
                             r.key));
}

} // namespace

extern const Rule kParameterNames{"E2003", Severity::Error, "Parameter names",
                                  "Parameter names are alphanumeric (A-Za-z0-9).", parameter_chars};
extern const Rule kParameterNameLength{"E2011", Severity::Error, "Parameter name length",
                                       "Parameter names are at most 255 characters.",
                                       parameter_length};
extern const Rule kResourceNames{"E3011", Severity::Error, "Resource logical IDs",
                                 "Resource logical IDs are alphanumeric and at most 255 "
                                 "characters.",
                                 resource_names};
extern const Rule kOutputNames{"E6004", Severity::Error, "Output names",
                               "Output names are alphanumeric (A-Za-z0-9).", output_chars};
extern const Rule kOutputNameLength{"E6011", Severity::Error, "Output name length",
                                    "Output names are at most 255 characters.", output_length};
extern const Rule kMappingNames{"E7002", Severity::Error, "Mapping name length",
                                "Mapping names are at most 255 characters.", mapping_names};
extern const Rule kUniqueNames{"E3007", Severity::Error, "Unique logical IDs",
                               "A name is not both a parameter and a resource.", unique};

} // namespace cfnlocal::validate::rules
