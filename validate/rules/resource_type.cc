// E3006: the resource type exists in the registry (or is a custom resource or module); E3038:
// AWS::Serverless::* types need the AWS::Serverless-2016-10-31 transform.
#include "validate/rules/helpers.h"
#include "validate/type_facts.h"

#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

void exists(const Context &ctx, Reporter &out) {
  const Value *res = ctx.resources();
  if (!res)
    return;
  for (const auto &r : res->as_object()) {
    if (!r.value.is_object())
      continue;
    const Value::Member *t = r.value.find_member("Type");
    if (!t || !t->value.is_string())
      continue;
    const std::string &type = t->value.as_string();
    if (type.rfind("AWS::Serverless::", 0) == 0)
      continue; // E3038 / the SAM transform
    auto known = type_known(type);
    if (known && !*known)
      out.report(mark_or(t->value, t->key_mark), join_path("Resources", r.key) + "/Type",
                 fmt::format("Resource type '{}' does not exist in '{}'", type, ctx.region()));
  }
}

void serverless(const Context &ctx, Reporter &out) {
  if (ctx.is_sam())
    return;
  const Value *res = ctx.resources();
  if (!res)
    return;
  for (const auto &r : res->as_object()) {
    const Value *t = r.value.is_object() ? r.value.find("Type") : nullptr;
    if (t && t->is_string() && t->as_string().rfind("AWS::Serverless::", 0) == 0)
      out.report(mark_or(*t, r.key_mark), join_path("Resources", r.key) + "/Type",
                 fmt::format("Serverless resource type '{}' needs 'Transform: "
                             "AWS::Serverless-2016-10-31'",
                             t->as_string()));
  }
}

} // namespace

extern const Rule kResourceType{"E3006", Severity::Error, "Resource type exists",
                                "A resource's Type is a registry type, a custom resource "
                                "(Custom::*) or a module (*::MODULE).",
                                exists};
extern const Rule kServerlessTransform{"E3038", Severity::Error, "Serverless needs its transform",
                                       "AWS::Serverless::* resources need the SAM transform.",
                                       serverless};

} // namespace cfnlocal::validate::rules
