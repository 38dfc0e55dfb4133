// E6001, E6002, E6003, E6005, E6101, E6102, E6012, W6001: the Outputs section (AWS User Guide,
// "Outputs"): {Value, Description, Export: {Name}, Condition}; values and export names are
// strings; export names are unique within the template.
#include "validate/rules/helpers.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <map>

namespace cfnlocal::validate::rules {
namespace {

constexpr std::array<std::string_view, 4> kKeys = {"Value", "Description", "Export", "Condition"};

template <class F> void each_output(const Context &ctx, F f) {
  if (const Value *outs = ctx.outputs())
    for (const auto &o : outs->as_object())
      if (!(ctx.has_transform() && o.key.rfind("Fn::ForEach::", 0) == 0))
        f(o, join_path("Outputs", o.key));
}

void structure(const Context &ctx, Reporter &out) {
  each_output(ctx, [&](const Value::Member &o, const std::string &path) {
    if (!o.value.is_object()) {
      out.report(mark_or(o.value, o.key_mark), path,
                 fmt::format("{} is not of type 'object'", show(o.value)));
      return;
    }
    for (const auto &m : o.value.as_object())
      if (std::find(kKeys.begin(), kKeys.end(), m.key) == kKeys.end())
        out.report(
            m.key_mark, join_path(path, m.key),
            fmt::format("Additional properties are not allowed ('{}' was unexpected)", m.key));
  });
}

void required(const Context &ctx, Reporter &out) {
  each_output(ctx, [&](const Value::Member &o, const std::string &path) {
    if (o.value.is_object() && !o.value.find("Value"))
      out.report(o.key_mark, path, "'Value' is a required property");
  });
}

void types(const Context &ctx, Reporter &out) {
  each_output(ctx, [&](const Value::Member &o, const std::string &path) {
    if (!o.value.is_object())
      return;
    if (const Value::Member *d = o.value.find_member("Description"); d && !d->value.is_string())
      out.report(mark_or(d->value, d->key_mark), path + "/Description",
                 fmt::format("{} is not of type 'string'", show(d->value)));
    if (const Value::Member *c = o.value.find_member("Condition"); c && !c->value.is_string())
      out.report(mark_or(c->value, c->key_mark), path + "/Condition",
                 fmt::format("{} is not of type 'string'", show(c->value)));
    if (const Value::Member *e = o.value.find_member("Export")) {
      if (!e->value.is_object() || is_function(e->value)) {
        out.report(mark_or(e->value, e->key_mark), path + "/Export",
                   fmt::format("{} is not of type 'object'", show(e->value)));
      } else {
        if (!e->value.find("Name"))
          out.report(e->key_mark, path + "/Export", "'Name' is a required property");
        for (const auto &m : e->value.as_object())
          if (m.key != "Name")
            out.report(
                m.key_mark, path + "/Export/" + m.key,
                fmt::format("Additional properties are not allowed ('{}' was unexpected)", m.key));
      }
    }
  });
}

void condition_exists(const Context &ctx, Reporter &out) {
  each_output(ctx, [&](const Value::Member &o, const std::string &path) {
    if (!o.value.is_object())
      return;
    const Value::Member *c = o.value.find_member("Condition");
    if (c && c->value.is_string() && !ctx.has_condition(c->value.as_string()))
      out.report(mark_or(c->value, c->key_mark), path + "/Condition",
                 not_one_of(c->value.as_string(), member_names(ctx.conditions())));
  });
}

void value_string(const Context &ctx, Reporter &out) {
  each_output(ctx, [&](const Value::Member &o, const std::string &path) {
    if (!o.value.is_object())
      return;
    const Value::Member *v = o.value.find_member("Value");
    if (!v)
      return;
    if (!may_be_string(ctx, v->value) || v->value.is_null())
      out.report(mark_or(v->value, v->key_mark), path + "/Value",
                 fmt::format("{} is not of type 'string'", show(v->value)));
  });
}

void export_string(const Context &ctx, Reporter &out) {
  each_output(ctx, [&](const Value::Member &o, const std::string &path) {
    const Value *e = o.value.is_object() ? o.value.find("Export") : nullptr;
    const Value::Member *n = e && e->is_object() ? e->find_member("Name") : nullptr;
    if (!n)
      return;
    if (!may_be_string(ctx, n->value) || n->value.is_null())
      out.report(mark_or(n->value, n->key_mark), path + "/Export/Name",
                 fmt::format("{} is not of type 'string'", show(n->value)));
  });
}

void unique_exports(const Context &ctx, Reporter &out) {
  std::map<std::string, std::string> seen;
  each_output(ctx, [&](const Value::Member &o, const std::string &path) {
    const Value *e = o.value.is_object() ? o.value.find("Export") : nullptr;
    const Value::Member *n = e && e->is_object() ? e->find_member("Name") : nullptr;
    // Literal names, and Fn::Sub strings compared as written (same text, same name).
    if (!n)
      return;
    std::string key;
    if (n->value.is_string())
      key = n->value.as_string();
    else if (is_call(n->value, "Fn::Sub") && n->value.find("Fn::Sub")->is_string())
      key = "Fn::Sub " + n->value.find("Fn::Sub")->as_string();
    else
      return;
    // Outputs under different conditions may share a name when both can never exist together.
    if (o.value.find("Condition"))
      return;
    auto [it, inserted] = seen.emplace(key, o.key);
    if (!inserted)
      out.report(mark_or(n->value, n->key_mark), path + "/Export/Name",
                 fmt::format("Export name {} is also exported by output '{}'; export names are "
                             "unique in a region",
                             show(n->value), it->second));
  });
}

void import_in_output(const Context &ctx, Reporter &out) {
  each_output(ctx, [&](const Value::Member &o, const std::string &path) {
    const Value::Member *v = o.value.is_object() ? o.value.find_member("Value") : nullptr;
    if (v && is_call(v->value, "Fn::ImportValue"))
      out.report(mark_or(v->value, v->key_mark), path + "/Value",
                 "The output re-exports an imported value (Fn::ImportValue); reference the "
                 "original export instead");
  });
}

} // namespace

extern const Rule kOutputStructure{"E6001", Severity::Error, "Output configuration",
                                   "Each output is an object of Value, Description, Export and "
                                   "Condition.",
                                   structure};
extern const Rule kOutputRequired{"E6002", Severity::Error, "Output Value",
                                  "Each output has a Value.", required};
extern const Rule kOutputTypes{"E6003", Severity::Error, "Output attribute types",
                               "Description and Condition are strings; Export is {Name}.", types};
extern const Rule kOutputCondition{"E6005", Severity::Error, "Output condition exists",
                                   "An output's Condition is defined in Conditions.",
                                   condition_exists};
extern const Rule kOutputValueString{"E6101", Severity::Error, "Output value is a string",
                                     "An output Value is a string (Join a list first).",
                                     value_string};
extern const Rule kOutputExportString{"E6102", Severity::Error, "Export name is a string",
                                      "An output's Export Name is a string.", export_string};
extern const Rule kUniqueExports{"E6012", Severity::Error, "Unique export names",
                                 "Two outputs of a template do not export the same name.",
                                 unique_exports};
extern const Rule kImportInOutput{"W6001", Severity::Warning, "Output of an import",
                                  "An output does not simply re-export an Fn::ImportValue.",
                                  import_in_output};

} // namespace cfnlocal::validate::rules
