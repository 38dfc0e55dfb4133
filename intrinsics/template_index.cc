#include "intrinsics/template_index.h"

#include "intrinsics/pseudo.h"

namespace cfnlocal::intrinsics {

namespace {
const Value *object_section(const Value &root, std::string_view name) {
  const Value *v = root.is_object() ? root.find(name) : nullptr;
  return v && v->is_object() ? v : nullptr;
}

void index_members(const Value *section, std::unordered_map<std::string_view, const Value *> &out) {
  if (!section)
    return;
  out.reserve(section->size());
  for (const auto &m : section->as_object())
    out.emplace(m.key, &m.value);
}
} // namespace

const char *name_kind_name(NameKind kind) {
  switch (kind) {
  case NameKind::Resource:
    return "resource";
  case NameKind::Parameter:
    return "parameter";
  case NameKind::Pseudo:
    return "pseudo parameter";
  case NameKind::Unknown:
    return "unknown";
  }
  return "unknown";
}

TemplateIndex::TemplateIndex(const Value &root) : root_(&root) {
  parameters_ = object_section(root, "Parameters");
  mappings_ = object_section(root, "Mappings");
  conditions_ = object_section(root, "Conditions");
  resources_ = object_section(root, "Resources");
  rules_ = object_section(root, "Rules");
  outputs_ = object_section(root, "Outputs");
  index_members(resources_, resource_index_);
  index_members(parameters_, parameter_index_);
  index_members(conditions_, condition_index_);
}

const Value *TemplateIndex::resource(std::string_view logical_id) const {
  auto it = resource_index_.find(logical_id);
  return it == resource_index_.end() ? nullptr : it->second;
}

const Value *TemplateIndex::parameter(std::string_view name) const {
  auto it = parameter_index_.find(name);
  return it == parameter_index_.end() ? nullptr : it->second;
}

const Value *TemplateIndex::condition(std::string_view name) const {
  auto it = condition_index_.find(name);
  return it == condition_index_.end() ? nullptr : it->second;
}

std::string_view TemplateIndex::resource_condition(std::string_view logical_id) const {
  const Value *r = resource(logical_id);
  if (!r || !r->is_object())
    return {};
  const Value *c = r->find("Condition");
  return c && c->is_string() ? std::string_view(c->as_string()) : std::string_view();
}

std::string_view TemplateIndex::parameter_type(std::string_view name) const {
  const Value *p = parameter(name);
  if (!p || !p->is_object())
    return {};
  const Value *t = p->find("Type");
  return t && t->is_string() ? std::string_view(t->as_string()) : std::string_view();
}

NameKind TemplateIndex::classify(std::string_view name) const {
  if (is_pseudo_parameter(name))
    return NameKind::Pseudo;
  if (parameter(name))
    return NameKind::Parameter;
  if (resource(name))
    return NameKind::Resource;
  return NameKind::Unknown;
}

} // namespace cfnlocal::intrinsics
