#include "engine/deployed_stack.h"

#include "engine/stack_operation.h"
#include "parser/json.h"
#include "parser/reader.h"
#include "schema/registry.h"

namespace cfnlocal::engine {

planner::DeployedStack deployed_stack(const state::Store &store, const state::StackRecord &stack,
                                      const ProviderFor &provider_for,
                                      const providers::ResourceHandlerRequest &context,
                                      intrinsics::Lookup &lookup) {
  planner::DeployedStack deployed;
  if (stack.processed_template.empty())
    return deployed;
  deployed.template_root = read_document(stack.processed_template, "<deployed template>");
  intrinsics::ParameterValues values;
  for (const auto &p : stack.parameters)
    values[p.key] = p.value;
  deployed.parameters =
      intrinsics::bind_parameters(deployed.template_root.find("Parameters"), values, lookup);

  for (const auto &r : store.current_resources(stack.stack_id)) {
    if (r.physical_id.empty() || r.status == "DELETE_COMPLETE" || r.status == "CREATE_FAILED")
      continue;
    planner::DeployedResource d;
    d.logical_id = r.logical_id;
    d.type = r.type;
    d.physical_id = r.physical_id;
    d.properties = properties_of(r);
    Value model = r.attributes.is_null() ? d.properties : from_json(r.attributes);
    auto &provider = provider_for(r.type);
    if (auto ref = provider.ref(r.type, model); ref && ref->scalar_string() != r.physical_id)
      d.ref_value = *ref;
    if (const auto *type = schema::Registry::builtin().find(r.type)) {
      providers::ResourceHandlerRequest request = context;
      request.type_name = r.type;
      request.logical_id = r.logical_id;
      request.physical_id = r.physical_id;
      for (const auto &attribute : type->attributes()) {
        if (attribute.is_pattern)
          continue;
        if (auto value = provider.get_att(request, model, attribute.name))
          d.attributes.emplace(attribute.name, std::move(*value));
      }
    }
    deployed.resources.push_back(std::move(d));
  }
  // The planner wants the deployed template's document order.
  if (const Value *resources = deployed.template_root.find("Resources");
      resources && resources->is_object()) {
    std::unordered_map<std::string, size_t> order;
    for (const auto &m : resources->as_object())
      order.emplace(m.key, order.size());
    std::stable_sort(deployed.resources.begin(), deployed.resources.end(),
                     [&](const auto &a, const auto &b) {
                       auto ia = order.find(a.logical_id), ib = order.find(b.logical_id);
                       size_t x = ia == order.end() ? order.size() : ia->second;
                       size_t y = ib == order.end() ? order.size() : ib->second;
                       return x < y;
                     });
  }
  return deployed;
}

} // namespace cfnlocal::engine
