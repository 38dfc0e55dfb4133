// E1002, E1003, E1004, E3010, E2010, E6010, E7010: template quotas (AWS User Guide,
// "CloudFormation quotas").
#include "validate/rules/helpers.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

void size(const Context &ctx, Reporter &out) {
  constexpr size_t kMax = 1000000;
  if (ctx.text_size() > kMax)
    out.report(
        ctx.root().mark(), "",
        fmt::format("The template body is {} bytes; the limit is {} bytes", ctx.text_size(), kMax));
}

void description_length(const Context &ctx, Reporter &out) {
  const Value::Member *d = ctx.root().find_member("Description");
  if (d && d->value.is_string() && d->value.as_string().size() > 1024)
    out.report(mark_or(d->value, d->key_mark), "Description",
               fmt::format("The template description is {} bytes; the limit is 1024",
                           d->value.as_string().size()));
}

void description_type(const Context &ctx, Reporter &out) {
  const Value::Member *d = ctx.root().find_member("Description");
  if (d && !d->value.is_string())
    out.report(mark_or(d->value, d->key_mark), "Description",
               fmt::format("{} is not of type 'string'", show(d->value)));
}

void count(const Context &ctx, Reporter &out, const char *section, size_t limit) {
  const Value::Member *s = ctx.root().is_object() ? ctx.root().find_member(section) : nullptr;
  if (s && s->value.is_object() && s->value.size() > limit)
    out.report(
        s->key_mark, section,
        fmt::format("The template has {} {}; the limit is {}", s->value.size(), section, limit));
}

void resources(const Context &ctx, Reporter &out) { count(ctx, out, "Resources", 500); }
void parameters(const Context &ctx, Reporter &out) { count(ctx, out, "Parameters", 200); }
void outputs(const Context &ctx, Reporter &out) { count(ctx, out, "Outputs", 200); }
void mappings(const Context &ctx, Reporter &out) { count(ctx, out, "Mappings", 200); }

} // namespace

extern const Rule kTemplateSize{"E1002", Severity::Error, "Template size limit",
                                "The template body is at most 1,000,000 bytes (the limit for a "
                                "template in S3).",
                                size};
extern const Rule kDescriptionLength{"E1003", Severity::Error, "Description length",
                                     "The template Description is at most 1024 bytes.",
                                     description_length};
extern const Rule kDescriptionType{"E1004", Severity::Error, "Description is a string",
                                   "The template Description is a string.", description_type};
extern const Rule kResourceLimit{"E3010", Severity::Error, "Resource limit",
                                 "A template declares at most 500 resources.", resources};
extern const Rule kParameterLimit{"E2010", Severity::Error, "Parameter limit",
                                  "A template declares at most 200 parameters.", parameters};
extern const Rule kOutputLimit{"E6010", Severity::Error, "Output limit",
                               "A template declares at most 200 outputs.", outputs};
extern const Rule kMappingLimit{"E7010", Severity::Error, "Mapping limit",
                                "A template declares at most 200 mappings.", mappings};

} // namespace cfnlocal::validate::rules
