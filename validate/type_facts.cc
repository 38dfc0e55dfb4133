#include "validate/type_facts.h"

#include "schema/registry.h"

namespace cfnlocal::validate {

namespace {
bool is_module(std::string_view type) {
  return type.size() > 8 && type.substr(type.size() - 8) == "::MODULE";
}
} // namespace

const schema::ResourceType *registry_type(std::string_view type) {
  try {
    return schema::Registry::builtin().find(type);
  } catch (const std::exception &) {
    return nullptr;
  }
}

std::optional<bool> type_known(std::string_view type) {
  if (schema::Registry::is_custom_resource(type) || is_module(type))
    return true;
  return schema::Registry::builtin().contains(type);
}

std::optional<bool> getatt_attribute_valid(std::string_view type, std::string_view attribute) {
  if (schema::Registry::is_custom_resource(type) || is_module(type))
    return std::nullopt;
  const schema::ResourceType *t = registry_type(type);
  if (!t)
    return std::nullopt;
  return t->accepts_attribute(attribute);
}

std::vector<std::string> getatt_attributes(std::string_view type) {
  std::vector<std::string> out;
  if (const schema::ResourceType *t = registry_type(type))
    for (const auto &a : t->attributes())
      out.push_back(a.name);
  return out;
}

} // namespace cfnlocal::validate
