#include "parser/template.h"

#include "parser/reader.h"

#include <algorithm>
#include <fmt/format.h>

namespace cfnlocal {

const std::vector<std::string_view> kTemplateSections = {"AWSTemplateFormatVersion",
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

const std::vector<std::string_view> kResourceAttributes = {
    "Type",           "Properties",          "DependsOn",      "Condition",    "Metadata",
    "DeletionPolicy", "UpdateReplacePolicy", "CreationPolicy", "UpdatePolicy", "Version"};

std::string ResourceEntry::type() const {
  const Value *t = definition->find("Type");
  return t && t->is_string() ? t->as_string() : std::string();
}
const Value *ResourceEntry::properties() const { return definition->find("Properties"); }
const Value *ResourceEntry::condition() const { return definition->find("Condition"); }
std::vector<std::string> ResourceEntry::depends_on() const {
  std::vector<std::string> out;
  const Value *d = definition->find("DependsOn");
  if (!d)
    return out;
  if (d->is_string())
    out.push_back(d->as_string());
  else if (d->is_array())
    for (const auto &item : d->as_array())
      if (item.is_string())
        out.push_back(item.as_string());
  return out;
}

namespace {
void add(std::vector<Diagnostic> &out, std::string message, const Mark &mark, std::string path) {
  out.push_back(Diagnostic{Severity::Error, "E0000", std::move(message), mark, std::move(path)});
}
} // namespace

std::vector<Diagnostic> structure_diagnostics(const Value &root) {
  std::vector<Diagnostic> out;
  if (!root.is_object()) {
    add(out,
        fmt::format("Template format error: the template must be an object, not {}",
                    kind_name(root.kind())),
        root.mark(), "");
    return out;
  }
  // A transform may add its own sections (SAM's Globals) and keys (Fn::ForEach::Name); they are
  // only checked after the transform has run.
  bool has_transform = root.find("Transform") != nullptr;
  for (const auto &m : root.as_object()) {
    if (!has_transform && std::find(kTemplateSections.begin(), kTemplateSections.end(), m.key) ==
                              kTemplateSections.end())
      add(out,
          fmt::format("Template format error: Invalid template property or properties [{}]", m.key),
          m.key_mark, m.key);
    bool must_be_object = m.key == "Parameters" || m.key == "Mappings" || m.key == "Conditions" ||
                          m.key == "Resources" || m.key == "Outputs" || m.key == "Rules" ||
                          m.key == "Metadata";
    if (must_be_object && !m.value.is_object())
      add(out, fmt::format("Template format error: {} must be an object", m.key),
          m.value.mark().known() ? m.value.mark() : m.key_mark, m.key);
  }
  const Value::Member *resources = root.find_member("Resources");
  if (!resources) {
    add(out, "Template format error: At least one Resources member must be defined.", root.mark(),
        "");
    return out;
  }
  if (!resources->value.is_object())
    return out;
  if (resources->value.size() == 0)
    add(out, "Template format error: At least one Resources member must be defined.",
        resources->key_mark, "Resources");
  for (const auto &r : resources->value.as_object()) {
    std::string path = "Resources/" + r.key;
    if (has_transform && r.key.rfind("Fn::ForEach::", 0) == 0)
      continue;
    if (!r.value.is_object()) {
      add(out,
          fmt::format("Template format error: [/Resources/{}] resource definition is malformed",
                      r.key),
          r.key_mark, path);
      continue;
    }
    const Value *type = r.value.find("Type");
    if (!type || !type->is_string() || type->as_string().empty())
      add(out,
          fmt::format("Template format error: [/Resources/{}] Every Resources object must "
                      "contain a Type member.",
                      r.key),
          r.key_mark, path);
  }
  return out;
}

Template::Template(Value root) : root_(std::move(root)) {
  auto problems = structure_diagnostics(root_);
  if (!problems.empty())
    throw Error(problems.front());
}

Template Template::from_file(const std::string &path) { return Template(read_document_file(path)); }

std::vector<std::string> Template::transform_names() const {
  std::vector<std::string> out;
  const Value *t = transform();
  if (!t)
    return out;
  if (t->is_string())
    out.push_back(t->as_string());
  else if (t->is_array())
    for (const auto &item : t->as_array())
      if (item.is_string())
        out.push_back(item.as_string());
  return out;
}

std::vector<ResourceEntry> Template::resources() const {
  std::vector<ResourceEntry> out;
  const Value *r = section("Resources");
  if (!r || !r->is_object())
    return out;
  out.reserve(r->size());
  for (const auto &m : r->as_object())
    out.push_back(ResourceEntry{m.key, m.key_mark, &m.value});
  return out;
}

const Value *Template::resource(std::string_view logical_id) const {
  const Value *r = section("Resources");
  return r ? r->find(logical_id) : nullptr;
}

} // namespace cfnlocal
