#include "planner/graph.h"

#include <boost/graph/strong_components.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <queue>

namespace cfnlocal::planner {

std::optional<size_t> ResourceGraph::index_of(std::string_view logical_id) const {
  auto it = index_.find(std::string(logical_id));
  if (it == index_.end())
    return std::nullopt;
  return it->second;
}

std::vector<size_t> ResourceGraph::dependencies(size_t i) const {
  std::vector<size_t> out;
  for (auto [e, end] = boost::out_edges(i, graph_); e != end; ++e)
    out.push_back(boost::target(*e, graph_));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<size_t> ResourceGraph::dependents(size_t i) const {
  std::vector<size_t> out;
  for (auto [e, end] = boost::in_edges(i, graph_); e != end; ++e)
    out.push_back(boost::source(*e, graph_));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<Reference> ResourceGraph::reasons(size_t from, size_t to) const {
  auto [e, found] = boost::edge(from, to, graph_);
  if (!found)
    return {};
  return graph_[e].reasons;
}

std::vector<size_t> ResourceGraph::transitive_dependents(size_t i) const {
  std::vector<bool> seen(size(), false);
  std::vector<size_t> stack{i};
  std::vector<size_t> out;
  while (!stack.empty()) {
    size_t v = stack.back();
    stack.pop_back();
    for (auto [e, end] = boost::in_edges(v, graph_); e != end; ++e) {
      size_t s = boost::source(*e, graph_);
      if (!seen[s] && s != i) {
        seen[s] = true;
        out.push_back(s);
        stack.push_back(s);
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<size_t> ResourceGraph::topological_order() const {
  // Kahn's algorithm with a min-heap, so that among ready vertices document order wins.
  std::vector<size_t> waiting(size(), 0);
  std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
  for (size_t v = 0; v < size(); ++v) {
    waiting[v] = boost::out_degree(v, graph_);
    if (waiting[v] == 0)
      ready.push(v);
  }
  std::vector<size_t> order;
  order.reserve(size());
  while (!ready.empty()) {
    size_t v = ready.top();
    ready.pop();
    order.push_back(v);
    for (auto [e, end] = boost::in_edges(v, graph_); e != end; ++e) {
      size_t s = boost::source(*e, graph_);
      if (--waiting[s] == 0)
        ready.push(s);
    }
  }
  return order;
}

std::vector<std::vector<std::string>> ResourceGraph::find_cycles() const {
  std::vector<size_t> component(size());
  size_t count = boost::strong_components(
      graph_, boost::make_iterator_property_map(component.begin(),
                                                boost::get(boost::vertex_index, graph_)));
  std::vector<std::vector<size_t>> members(count);
  for (size_t v = 0; v < size(); ++v)
    members[component[v]].push_back(v);
  std::vector<std::vector<size_t>> cycles;
  for (auto &m : members) {
    if (m.size() > 1 || (m.size() == 1 && boost::edge(m[0], m[0], graph_).second))
      cycles.push_back(m); // vertices were pushed in ascending order
  }
  std::sort(cycles.begin(), cycles.end(),
            [](const auto &a, const auto &b) { return a.front() < b.front(); });
  std::vector<std::vector<std::string>> out;
  for (const auto &c : cycles) {
    std::vector<std::string> names;
    for (size_t v : c)
      names.push_back(graph_[v].logical_id);
    out.push_back(std::move(names));
  }
  return out;
}

namespace {

Diagnostic cycle_diagnostic(const ResourceGraph &g,
                            const std::vector<std::vector<std::string>> &cycles) {
  std::vector<size_t> all;
  for (const auto &c : cycles)
    for (const auto &id : c)
      all.push_back(*g.index_of(id));
  std::sort(all.begin(), all.end());
  std::vector<std::string> names;
  for (size_t v : all)
    names.push_back(g.node(v).logical_id);
  Diagnostic d;
  d.message = fmt::format("Circular dependency between resources: [{}]", fmt::join(names, ", "));
  d.mark = g.node(all.front()).mark;
  d.path = "Resources/" + names.front();
  return d;
}

bool is_pseudo(std::string_view name) { return name.starts_with("AWS::"); }

} // namespace

void ResourceGraph::check_acyclic() const {
  auto cycles = find_cycles();
  if (!cycles.empty())
    throw Error(cycle_diagnostic(*this, cycles));
}

ResourceGraph build_graph(std::vector<ResourceNode> resources, const GraphOptions &options) {
  ResourceGraph g;
  g.index_.reserve(resources.size());
  for (auto &r : resources) {
    size_t v = boost::add_vertex(std::move(r), g.graph_);
    g.index_.emplace(g.graph_[v].logical_id, v);
  }

  std::vector<Diagnostic> errors;
  // Unresolved names in first-seen order, each with where it was first seen.
  std::vector<std::pair<std::string, std::pair<Mark, std::string>>> unresolved;
  auto add_unresolved = [&](const std::string &name, const Mark &mark, const std::string &path) {
    for (const auto &u : unresolved)
      if (u.first == name)
        return;
    unresolved.push_back({name, {mark, path}});
  };

  // Converted once: the reference walk reads the intrinsics module's condition values.
  std::optional<intrinsics::ConditionValues> conditions;
  if (options.conditions) {
    conditions.emplace();
    for (const auto &[name, holds] : *options.conditions)
      conditions->set(name, holds);
  }
  const intrinsics::ConditionValues *conditions_ptr = conditions ? &*conditions : nullptr;

  for (size_t v = 0; v < g.size(); ++v) {
    const ResourceNode &node = g.graph_[v];
    if (!node.definition || !node.definition->is_object())
      continue;
    const std::string path = "Resources/" + node.logical_id;
    // Edges of this vertex in first-seen order of the dependency, with all their reasons.
    std::map<size_t, std::vector<Reference>> edges;
    std::vector<size_t> edge_order;
    auto add_edge = [&](size_t to, Reference ref) {
      auto [it, inserted] = edges.try_emplace(to);
      if (inserted)
        edge_order.push_back(to);
      it->second.push_back(std::move(ref));
    };

    for (const Value::Member &member : node.definition->as_object()) {
      if (member.key == "Type" || member.key == "Condition" || member.key == "DependsOn")
        continue;
      for (Reference &ref : find_references(member.value, conditions_ptr)) {
        auto to = g.index_of(ref.target);
        if (to) {
          add_edge(*to, std::move(ref));
          continue;
        }
        bool is_getatt =
            ref.kind == Reference::Kind::GetAtt || ref.kind == Reference::Kind::SubGetAtt;
        if (!is_getatt && (is_pseudo(ref.target) || options.parameter_names.count(ref.target) != 0))
          continue;
        if (ref.kind == Reference::Kind::GetAtt) {
          Diagnostic d;
          d.message = fmt::format("Template error: instance of Fn::GetAtt references undefined "
                                  "resource {}",
                                  ref.target);
          d.mark = ref.mark.known() ? ref.mark : node.mark;
          d.path = path + "/" + member.key;
          errors.push_back(std::move(d));
        } else {
          add_unresolved(ref.target, ref.mark.known() ? ref.mark : node.mark,
                         path + "/" + member.key);
        }
      }
    }
    if (const Value *depends = node.definition->find("DependsOn")) {
      std::vector<const Value *> items;
      if (depends->is_array())
        for (const Value &item : depends->as_array())
          items.push_back(&item);
      else
        items.push_back(depends);
      for (const Value *item : items) {
        if (!item->is_string())
          continue; // a shape error for the validator
        const Mark &mark = item->mark().known() ? item->mark() : node.mark;
        auto to = g.index_of(item->as_string());
        if (to)
          add_edge(*to, {Reference::Kind::DependsOn, item->as_string(), {}, mark});
        else
          add_unresolved(item->as_string(), mark, path + "/DependsOn");
      }
    }
    for (size_t to : edge_order)
      boost::add_edge(v, to, DependencyEdge{std::move(edges[to])}, g.graph_);
  }

  if (!unresolved.empty()) {
    std::vector<std::string> names;
    for (const auto &u : unresolved)
      names.push_back(u.first);
    Diagnostic d;
    d.message = fmt::format("Template format error: Unresolved resource dependencies [{}] in the "
                            "Resources block of the template",
                            fmt::join(names, ", "));
    d.mark = unresolved.front().second.first;
    d.path = unresolved.front().second.second;
    errors.insert(errors.begin(), std::move(d));
  }
  if (options.check_cycles) {
    auto cycles = g.find_cycles();
    if (!cycles.empty())
      errors.push_back(cycle_diagnostic(g, cycles));
  }
  if (!errors.empty()) {
    if (!options.diagnostics)
      throw Error(std::move(errors.front()));
    for (auto &d : errors)
      options.diagnostics->push_back(std::move(d));
  }
  return g;
}

ResourceGraph build_graph(const Template &tmpl, GraphOptions options) {
  if (const Value *params = tmpl.parameters(); params && params->is_object())
    for (const Value::Member &m : params->as_object())
      options.parameter_names.insert(m.key);
  std::vector<ResourceNode> nodes;
  for (const ResourceEntry &entry : tmpl.resources()) {
    if (options.conditions) {
      if (const Value *cond = entry.condition(); cond && cond->is_string()) {
        auto it = options.conditions->find(cond->as_string());
        if (it != options.conditions->end() && !it->second)
          continue;
      }
    }
    nodes.push_back({entry.logical_id, entry.type(), entry.mark, entry.definition});
  }
  return build_graph(std::move(nodes), options);
}

} // namespace cfnlocal::planner
