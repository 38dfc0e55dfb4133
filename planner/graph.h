#pragma once
/// \file
/// The dependency graph of a template's resources (Boost.Graph), as CloudFormation builds it: a
/// resource depends on every resource it names with `Ref`, `Fn::GetAtt`, an `Fn::Sub` variable or
/// `DependsOn`. Follows "DependsOn attribute" and "Conditions" in the AWS CloudFormation User
/// Guide. Like ninja's State: the graph is data; the Schedule (schedule.h) walks it.

#include "parser/diagnostic.h"
#include "parser/template.h"
#include "parser/value.h"
#include "planner/references.h"

#include <boost/graph/adjacency_list.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cfnlocal::planner {

/// One resource that takes part in the graph: the input to `build_graph` and the vertex bundle.
struct ResourceNode {
  std::string logical_id;
  std::string type;
  Mark mark;                         ///< of the logical ID key
  const Value *definition = nullptr; ///< the resource entry {Type, Properties, DependsOn, ...}
};

/// Why one resource depends on another: every reference from the dependent to the dependency,
/// in document order (DependsOn entries included, as Reference::Kind::DependsOn).
struct DependencyEdge {
  std::vector<Reference> reasons;
};

/// How `build_graph` treats conditions and errors.
struct GraphOptions {
  /// Condition values. With a template: a resource whose Condition is false is not a node, and a
  /// taken Fn::If branch is the only one scanned. Null (or a condition absent from the map) means
  /// unknown: the resource is a node and both branches count (the union graph validate needs).
  const ConditionValues *conditions = nullptr;
  /// Names a Ref may point at besides resources (parameters); pseudo parameters ("AWS::...") are
  /// always accepted. The Template overload fills it from the Parameters section.
  std::set<std::string, std::less<>> parameter_names;
  /// Report a cycle as an error (otherwise the caller asks `find_cycles`).
  bool check_cycles = true;
  /// When non-null, user errors are appended here and build_graph returns what it could build
  /// (unresolved references are left out) instead of throwing.
  std::vector<Diagnostic> *diagnostics = nullptr;
};

/// The graph. Vertex i is the i-th resource in document order; an edge A -> B means "A depends on
/// B" (B must be created before A and deleted after it).
class ResourceGraph {
public:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, ResourceNode,
                                      DependencyEdge>;

  /// Number of resources (vertices).
  size_t size() const { return boost::num_vertices(graph_); }
  /// The i-th resource in document order.
  const ResourceNode &node(size_t i) const { return graph_[i]; }
  /// Vertex of a logical ID; nullopt when the resource is not a node.
  std::optional<size_t> index_of(std::string_view logical_id) const;
  bool contains(std::string_view logical_id) const { return index_of(logical_id).has_value(); }

  /// What vertex i depends on (out-edges), ascending (document order), no duplicates.
  std::vector<size_t> dependencies(size_t i) const;
  /// What depends on vertex i (in-edges), ascending, no duplicates.
  std::vector<size_t> dependents(size_t i) const;
  /// The references that make `from` depend on `to`; empty when it does not.
  std::vector<Reference> reasons(size_t from, size_t to) const;
  /// Every resource that depends on vertex i directly or through others, ascending.
  std::vector<size_t> transitive_dependents(size_t i) const;

  /// Vertices in creation order: each after all its dependencies, ties broken by document order
  /// (so the result is reproducible). Only meaningful on an acyclic graph; vertices on cycles are
  /// left out.
  std::vector<size_t> topological_order() const;

  /// The strongly connected components that are cycles (two or more resources, or one resource
  /// that references itself), each as logical IDs in document order, ordered by their first
  /// member.
  std::vector<std::vector<std::string>> find_cycles() const;
  /// Throws cfnlocal::Error "Circular dependency between resources: [A, B, C]" naming every
  /// resource on any cycle (document order), marked at the first of them. No-op when acyclic.
  void check_acyclic() const;

  /// The Boost graph, for algorithms this class does not wrap.
  const Graph &boost_graph() const { return graph_; }

private:
  friend ResourceGraph build_graph(std::vector<ResourceNode>, const GraphOptions &);
  Graph graph_;
  std::unordered_map<std::string, size_t> index_;
};

/// Builds the graph of `resources` (document order; their `definition`s must outlive the graph).
/// Every member of each definition except Type, Condition and DependsOn is scanned for references
/// (Properties, Metadata, CreationPolicy, UpdatePolicy, ...); the caller may hand in definitions
/// whose conditions are already resolved, in which case `options.conditions` is not needed. A
/// resource's own Condition is not looked at here: leave out the resources that do not exist.
///
/// User errors (thrown as cfnlocal::Error, or appended to options.diagnostics), as AWS words them:
/// - a DependsOn, Ref or Fn::Sub variable naming no resource, parameter or pseudo parameter:
///   "Template format error: Unresolved resource dependencies [X, Y] in the Resources block of
///   the template" (all such names in one message, marked at the first);
/// - an Fn::GetAtt of a name that is not a resource: "Template error: instance of Fn::GetAtt
///   references undefined resource X";
/// - a cycle (when options.check_cycles): see ResourceGraph::check_acyclic.
ResourceGraph build_graph(std::vector<ResourceNode> resources, const GraphOptions &options);

/// Builds the graph of a template's Resources section. With `options.conditions`, resources whose
/// Condition is false are not nodes (so a reference to one outside an untaken Fn::If branch is an
/// unresolved dependency, as in AWS). `options.parameter_names` is extended with the template's
/// parameters. Errors as the overload above.
ResourceGraph build_graph(const Template &tmpl, GraphOptions options = {});

} // namespace cfnlocal::planner
