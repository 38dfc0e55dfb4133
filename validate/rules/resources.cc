// E3001, E3005, E3015, E3035, E3036: resource entries and their attributes (AWS User Guide,
// "Resources" and "Resource attribute reference").
#include "validate/rules/helpers.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace cfnlocal::validate::rules {
namespace {

constexpr std::array<std::string_view, 10> kAttributes = {
    "Type",           "Properties",          "DependsOn",      "Condition",    "Metadata",
    "DeletionPolicy", "UpdateReplacePolicy", "CreationPolicy", "UpdatePolicy", "Version"};

template <class F> void each_resource(const Context &ctx, F f) {
  const Value *res = ctx.resources();
  if (!res)
    return;
  for (const auto &r : res->as_object()) {
    if (ctx.has_transform() && r.key.rfind("Fn::ForEach::", 0) == 0)
      continue;
    f(r);
  }
}

void structure(const Context &ctx, Reporter &out) {
  each_resource(ctx, [&](const Value::Member &r) {
    std::string path = join_path("Resources", r.key);
    if (!r.value.is_object()) {
      out.report(mark_or(r.value, r.key_mark), path,
                 fmt::format("{} is not of type 'object'", show(r.value)));
      return;
    }
    const Value::Member *type = r.value.find_member("Type");
    if (!type)
      out.report(r.key_mark, path, "'Type' is a required property");
    else if (!type->value.is_string())
      out.report(mark_or(type->value, type->key_mark), path + "/Type",
                 fmt::format("{} is not of type 'string'", show(type->value)));
    bool serverless = type && type->value.is_string() &&
                      type->value.as_string().rfind("AWS::Serverless::", 0) == 0;
    for (const auto &a : r.value.as_object()) {
      std::string apath = join_path(path, a.key);
      if (std::find(kAttributes.begin(), kAttributes.end(), a.key) == kAttributes.end()) {
        if (!(serverless && ctx.is_sam()))
          out.report(
              a.key_mark, apath,
              fmt::format("Additional properties are not allowed ('{}' was unexpected)", a.key));
        continue;
      }
      const Mark &m = mark_or(a.value, a.key_mark);
      if (a.key == "Properties" && !a.value.is_object())
        out.report(m, apath, fmt::format("{} is not of type 'object'", show(a.value)));
      if (a.key == "Properties" && a.value.is_object() && is_function(a.value) &&
          function_name(a.value) != "Fn::If" && function_name(a.value) != "Fn::Transform")
        out.report(m, apath,
                   fmt::format("Properties cannot be the result of {}", function_name(a.value)));
      if (a.key == "Condition" && !a.value.is_string())
        out.report(m, apath, fmt::format("{} is not of type 'string'", show(a.value)));
      if ((a.key == "Metadata" || a.key == "CreationPolicy" || a.key == "UpdatePolicy") &&
          !a.value.is_object())
        out.report(m, apath, fmt::format("{} is not of type 'object'", show(a.value)));
    }
  });
}

void depends_on(const Context &ctx, Reporter &out) {
  bool generated = names_may_be_generated(ctx);
  each_resource(ctx, [&](const Value::Member &r) {
    if (!r.value.is_object())
      return;
    const Value::Member *d = r.value.find_member("DependsOn");
    if (!d)
      return;
    std::string path = join_path("Resources", r.key) + "/DependsOn";
    auto check_one = [&](const Value &v, const std::string &p) {
      if (!v.is_string()) {
        out.report(mark_or(v, d->key_mark), p, fmt::format("{} is not of type 'string'", show(v)));
        return;
      }
      const std::string &name = v.as_string();
      if (name == r.key) {
        out.report(mark_or(v, d->key_mark), p, fmt::format("'{}' cannot depend on itself", name));
        return;
      }
      if (!ctx.has_resource(name) && !generated) {
        std::vector<std::string> others;
        for (auto &n : member_names(ctx.resources()))
          if (n != r.key)
            others.push_back(n);
        out.report(mark_or(v, d->key_mark), p, not_one_of(name, others));
      }
    };
    if (d->value.is_array()) {
      for (size_t i = 0; i < d->value.size(); ++i)
        check_one(d->value.as_array()[i], join_path(path, std::to_string(i)));
    } else {
      check_one(d->value, path);
    }
  });
}

void condition_exists(const Context &ctx, Reporter &out) {
  each_resource(ctx, [&](const Value::Member &r) {
    if (!r.value.is_object())
      return;
    const Value::Member *c = r.value.find_member("Condition");
    if (c && c->value.is_string() && !ctx.has_condition(c->value.as_string()))
      out.report(mark_or(c->value, c->key_mark), join_path("Resources", r.key) + "/Condition",
                 not_one_of(c->value.as_string(), member_names(ctx.conditions())));
  });
}

void policy(const Context &ctx, Reporter &out, const char *attribute,
            std::vector<std::string> allowed) {
  each_resource(ctx, [&](const Value::Member &r) {
    if (!r.value.is_object())
      return;
    const Value::Member *p = r.value.find_member(attribute);
    if (!p)
      return;
    // Fn::If and Ref of a parameter are accepted here; their values are checked at deploy time.
    if (is_function(p->value))
      return;
    bool ok = p->value.is_string() &&
              std::find(allowed.begin(), allowed.end(), p->value.as_string()) != allowed.end();
    if (!ok)
      out.report(mark_or(p->value, p->key_mark), join_path("Resources", r.key) + "/" + attribute,
                 fmt::format("{} is not one of [{}]", show(p->value), quoted_list(allowed)));
  });
}

void deletion_policy(const Context &ctx, Reporter &out) {
  policy(ctx, out, "DeletionPolicy", {"Delete", "Retain", "RetainExceptOnCreate", "Snapshot"});
}
void update_replace_policy(const Context &ctx, Reporter &out) {
  policy(ctx, out, "UpdateReplacePolicy", {"Delete", "Retain", "Snapshot"});
}

} // namespace

extern const Rule kResourceStructure{"E3001", Severity::Error, "Resource configuration",
                                     "Each resource is an object with a string Type and only the "
                                     "resource attributes, each of its shape.",
                                     structure};
extern const Rule kDependsOn{"E3005", Severity::Error, "DependsOn targets",
                             "DependsOn names other resources of the template.", depends_on};
extern const Rule kResourceCondition{"E3015", Severity::Error, "Resource condition exists",
                                     "A resource's Condition is defined in Conditions.",
                                     condition_exists};
extern const Rule kDeletionPolicy{"E3035", Severity::Error, "DeletionPolicy values",
                                  "DeletionPolicy is Delete, Retain, RetainExceptOnCreate or "
                                  "Snapshot.",
                                  deletion_policy};
extern const Rule kUpdateReplacePolicy{"E3036", Severity::Error, "UpdateReplacePolicy values",
                                       "UpdateReplacePolicy is Delete, Retain or Snapshot.",
                                       update_replace_policy};

} // namespace cfnlocal::validate::rules
