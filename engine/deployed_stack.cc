#include "engine/deployed_stack.h"

#include "engine/stack_operation.h"
#include "parser/json.h"
#include "planner/references.h"
#include "schema/registry.h"

#include <set>
#include <unordered_map>

namespace cfnlocal::engine {

namespace {

// Attribute names read per logical ID; "" stands for "any" (the name is computed).
using ReadAttributes = std::unordered_map<std::string, std::set<std::string, std::less<>>>;

void add_read_attributes(const Value &root, ReadAttributes &out) {
  for (const auto &r : planner::find_references(root)) {
    if (r.kind == planner::Reference::Kind::GetAtt || r.kind == planner::Reference::Kind::SubGetAtt)
      out[r.target].insert(r.attribute);
  }
}

bool reads(const ReadAttributes *read, const std::string &logical_id, std::string_view attribute) {
  if (!read)
    return true;
  auto it = read->find(logical_id);
  return it != read->end() && (it->second.count("") || it->second.count(attribute));
}

} // namespace

planner::DeployedStack deployed_stack(const state::Store &store, const state::StackRecord &stack,
                                      const ProviderFor &provider_for,
                                      const providers::ResourceHandlerRequest &context,
                                      intrinsics::Lookup &lookup, const Value *new_template) {
  planner::DeployedStack deployed;
  if (stack.processed_template.empty())
    return deployed;
  // The recorded processed template is JSON that cfnlocal wrote (dump_json): the JSON reader is
  // several times faster than the YAML one and positions in it are never reported.
  deployed.template_root = parse_json(stack.processed_template, "<deployed template>");
  ReadAttributes read;
  if (new_template) {
    add_read_attributes(*new_template, read);
    add_read_attributes(deployed.template_root, read);
  }
  const ReadAttributes *wanted = new_template ? &read : nullptr;
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
        if (attribute.is_pattern || !reads(wanted, r.logical_id, attribute.name))
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
