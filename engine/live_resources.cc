#include "engine/live_resources.h"

#include "intrinsics/lookup.h"

#include <fmt/format.h>

namespace cfnlocal::engine {

void LiveResources::set(std::string logical_id, LiveResource resource) {
  resources_[std::move(logical_id)] = std::move(resource);
}

void LiveResources::erase(std::string_view logical_id) {
  resources_.erase(std::string(logical_id));
}

const LiveResource *LiveResources::find(std::string_view logical_id) const {
  auto it = resources_.find(std::string(logical_id));
  return it == resources_.end() ? nullptr : &it->second;
}

std::optional<Value> LiveResources::ref(std::string_view logical_id) const {
  const LiveResource *r = find(logical_id);
  if (!r)
    return std::nullopt;
  auto value = provider_for_(r->type).ref(r->type, r->model);
  if (!value)
    return Value(r->physical_id);
  return value;
}

std::optional<Value> LiveResources::get_att(std::string_view logical_id,
                                            std::string_view attribute) const {
  const LiveResource *r = find(logical_id);
  if (!r)
    return std::nullopt;
  auto &provider = provider_for_(r->type);
  if (!provider.has_attribute(r->type, attribute))
    throw intrinsics::LookupError(
        fmt::format("Template error: resource {} does not support attribute type {} in Fn::GetAtt",
                    logical_id, attribute));
  providers::ResourceHandlerRequest request = context_;
  request.type_name = r->type;
  request.logical_id = std::string(logical_id);
  request.physical_id = r->physical_id;
  auto value = provider.get_att(request, r->model, attribute);
  if (!value)
    throw intrinsics::LookupError(fmt::format("Attribute '{}' does not exist on resource {} ({})",
                                              attribute, logical_id, r->type));
  return value;
}

} // namespace cfnlocal::engine
